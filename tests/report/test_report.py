"""mt.report: its numbers are the public functions', its HTML is safe and complete."""

from __future__ import annotations

import base64
import importlib
import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import (
    InvalidDataError,
    InvalidParameterError,
    ResamplingWarning,
)
from mutinfo.reporting._build import item_rng
from mutinfo.reporting._result import SECTIONS
from tests.cli.conftest import invoke, write_csv

HOSTILE = "<script>alert('x')</script>"
FAST = {"n_permutations": 19, "n_resamples": 20, "max_intervals": 2, "k": 2}


def _table(n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    a = rng.normal(size=n)
    label = (a + 0.5 * rng.normal(size=n) > 0).astype(int)
    return pd.DataFrame(
        {
            "a": a,
            "b": a + rng.normal(size=n),
            HOSTILE: rng.normal(size=n),
            "label": np.where(label == 1, "yes", "no"),
        }
    )


@pytest.fixture(scope="module")
def built() -> mt.report.Report:
    return mt.report(_table(), target="label", rng=3, **FAST)


@pytest.fixture(scope="module")
def page(built: mt.report.Report) -> str:
    return built.to_html()


def _parse(text: str) -> ET.Element:
    """Parse the page with a strict XML parser (the page is well-formed XHTML)."""
    assert text.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(text.split("\n", 1)[1])


def test_numbers_equal_the_public_functions(built: mt.report.Report) -> None:
    frame = _table()
    seeds = built.params["seeds"]
    matrix = mt.mi_matrix(
        frame,
        pvalues=True,
        n_permutations=19,
        stop_after=10,  # the report's default: sequential p-values
        fdr="bh",
        discrete=[False, False, False, True],
        nan_policy="omit",
        rng=seeds["matrix"],
    )
    pd.testing.assert_frame_equal(built.matrix.mi, matrix.mi)
    assert built.matrix.q_values is not None
    assert matrix.q_values is not None
    pd.testing.assert_frame_equal(built.matrix.q_values, matrix.q_values)
    for j, name in enumerate(frame.columns):
        expected = mt.estimate(
            "entropy",
            frame[name],
            discrete=name == "label",
            rng=item_rng(seeds["entropy"], j),
        ).value
        assert built.columns["entropy"].iloc[j] == expected
    first = built.pairs.iloc[0]
    # FAST's 20 resamples are too few for a 95% interval: the public function
    # warns, and the report carries that warning onto its page.
    too_few = "needs n_resamples >= 40; got n_resamples=20"
    with pytest.warns(ResamplingWarning, match=too_few):
        ci = mt.confidence_interval(
            frame[first["x"]],
            frame[first["y"]],
            method=first["method"],
            n_resamples=20,
            discrete=(first["x"] == "label", first["y"] == "label"),
            rng=item_rng(seeds["intervals"], 0),
        )
    assert any(
        w["section"] == "intervals" and too_few in w["message"]
        for group in built.warnings.values()
        for w in group
    )
    # The interval runs on the matrix's rows and is moved onto the matrix's
    # value (a subsample interval: the same spread around another estimate).
    assert ci.scheme == first["ci_scheme"] == "subsample"
    assert first["ci_estimate"] == first["mi"]
    shift = first["mi"] - ci.estimate
    assert first["ci_low"] == pytest.approx(ci.low + shift, abs=1e-12)
    assert first["ci_high"] == pytest.approx(ci.high + shift, abs=1e-12)
    features = frame.drop(columns="label")
    ranking = mt.rank_features(
        features,
        frame["label"],
        pvalues=True,
        n_permutations=19,
        stop_after=10,  # sequential, as the matrix's
        fdr="bh",
        discrete=([False] * 3, True),
        rng=seeds["matrix"],  # the matrix's seed: the same pair streams
    )
    pd.testing.assert_frame_equal(built.ranking, ranking)
    jmi = mt.selection.forward_selection(
        features, frame["label"], k=2, criterion="jmi", rng=seeds["target"]
    )
    assert built.selections["jmi"].features == jmi.features


def test_columns_get_their_kind_and_reason(built: mt.report.Report) -> None:
    kinds = dict(zip(built.columns["column"], built.columns["kind"], strict=True))
    assert kinds == {
        "a": "continuous",
        "b": "continuous",
        HOSTILE: "continuous",
        "label": "labels",
    }
    label = built.columns.set_index("column").loc["label"]
    assert "text" in label["reason"]
    assert "discrete" in label["override"]
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "measure": np.round(100 * rng.normal(size=400)).astype(int),
            "zeros": np.where(rng.random(400) < 0.5, 0.0, rng.normal(size=400)),
            "codes": rng.integers(0, 4, 400),
        }
    )
    r = mt.report(frame, pvalues=False, max_intervals=0, method="plugin", rng=0)
    kinds = dict(zip(r.columns["column"], r.columns["kind"], strict=True))
    assert kinds == {
        "measure": "integer measurement",
        "zeros": "atoms/ties",
        "codes": "labels",
    }
    # the override reads it the other way
    r = mt.report(
        frame,
        pvalues=False,
        max_intervals=0,
        method="plugin",
        discrete={"codes": False, "measure": True},
        rng=0,
    )
    kinds = dict(zip(r.columns["column"], r.columns["kind"], strict=True))
    assert kinds["codes"] == "atoms/ties"
    assert kinds["measure"] == "labels"
    reasons = dict(zip(r.columns["column"], r.columns["reason"], strict=True))
    assert reasons["codes"].startswith("given as discrete=False")


def test_html_is_strict_complete_and_self_contained(page: str, tmp_path: Path) -> None:
    text = page
    root = _parse(text)
    ids = {s.get("id") for s in root.iter("section")}
    assert ids == {key for key, _ in SECTIONS}
    assert not list(root.iter("script"))
    assert not list(root.iter("link"))
    for element in root.iter():
        for attr in ("src", "href"):
            value = element.get(attr)
            if value is not None:
                assert value.startswith(("data:image/svg+xml;base64,", "#")), value
    (image,) = list(root.iter("img"))
    svg = ET.fromstring(base64.b64decode(image.get("src", "").split(",", 1)[1]))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    # one cell per pair of the 4 columns, each with its tooltip
    cells = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if len(r)]
    assert len(cells) == 16
    tips = [r[0].text or "" for r in cells]
    assert all(" / " in t for t in tips)
    assert any(HOSTILE in t for t in tips)  # escaped in the SVG: text again
    for element in svg.iter():  # no script, link or embedded resource
        assert not element.tag.endswith(("script", "image", "}a", "use"))
        assert not any("href" in key for key in element.attrib)
    assert "<th>seconds</th>" in text  # timings, with timestamp=True
    assert "http://" not in text
    assert "https://" not in text
    assert "@import" not in text


def test_hostile_names_are_escaped(built: mt.report.Report, page: str) -> None:
    text = page
    assert HOSTILE not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    cells = [td.text for td in _parse(text).iter("td")]
    assert HOSTILE in cells  # shown as text, not markup
    markdown = built.to_markdown()
    assert HOSTILE not in markdown
    assert "&lt;script&gt;" in markdown
    assert json.loads(json.dumps(built.to_dict()))["columns"][2]["column"] == HOSTILE


def test_same_rng_same_bytes() -> None:
    small = _table(80)[["a", "b", "label"]]
    one = mt.report(small, rng=5, **FAST)
    two = mt.report(small, rng=5, **FAST)
    assert one.to_html(timestamp=False) == two.to_html(timestamp=False)
    assert one.to_markdown(timestamp=False) == two.to_markdown(timestamp=False)
    assert one.to_dict(timestamp=False) == two.to_dict(timestamp=False)


def test_bad_input_is_reported_or_refused() -> None:
    frame = _table(60)
    with pytest.raises(InvalidDataError, match="empty"):
        mt.report(pd.DataFrame())
    with pytest.raises(InvalidDataError, match="at least two usable columns"):
        mt.report(frame[["a"]], pvalues=False)
    with pytest.raises(InvalidDataError, match="'nope' given to target not found"):
        mt.report(frame, target="nope", pvalues=False)
    with pytest.raises(InvalidParameterError, match=r"'discrete'.*'zz'"):
        mt.report(frame, discrete={"zz": True}, pvalues=False)
    odd = frame[["a", "b"]].assign(gone=np.nan, same=1.0)
    r = mt.report(odd, pvalues=False, max_intervals=0, rng=0)
    reasons = dict(zip(r.skipped["column"], r.skipped["reason"], strict=True))
    assert reasons["gone"] == "every value is missing"
    assert reasons["same"].startswith("constant")
    assert "- skipped gone: every value is missing" in r.to_markdown()
    with pytest.raises(InvalidDataError, match="target column 'gone'"):
        mt.report(odd, target="gone", pvalues=False)


def test_big_tables_are_capped_with_a_note(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    wide = pd.DataFrame(rng.normal(size=(60, 30)), columns=[f"c{i}" for i in range(30)])
    r = mt.report(
        wide,
        method="gaussian",
        pvalues=False,
        max_pairs=5,
        max_intervals=0,
        max_heatmap=8,
        rng=0,
    )
    assert len(r.pairs) == 5
    assert r.n_pairs == 435
    text = r.to_html(tmp_path / "wide.html", timestamp=False)
    assert (tmp_path / "wide.html").read_text(encoding="utf-8") == text
    assert "<th>seconds</th>" not in text
    assert "The 8 of 30 columns with the strongest dependence are drawn" in text
    assert "the other 430 are in the matrix" in text


def test_mt_report_is_the_function_of_the_reporting_subpackage() -> None:
    module = importlib.import_module("mutinfo.reporting")
    assert mt.report is module.report  # also after the subpackage is imported
    r = mt.report(_table(60)[["a", "b"]], pvalues=False, max_intervals=0, rng=0)
    assert isinstance(r, module.Report)


def test_cli_writes_once_and_never_over_its_input(tmp_path: Path) -> None:
    path = write_csv(_table(60)[["a", "label"]], tmp_path)
    out = tmp_path / "r.html"
    args = ["report", str(path), "--target", "label", "--no-pvalues", "--rng", "0"]
    code, stdout, _ = invoke(*args, "-o", str(out), "--no-timestamp")
    assert code == 0
    assert "Report written" in stdout
    first = out.read_bytes()
    api = mt.report(pd.read_csv(path), target="label", pvalues=False, rng=0)
    assert first.decode("utf-8") == api.to_html(timestamp=False)
    code, stdout, err = invoke(*args, "-o", str(out))
    assert code == 1
    assert stdout == ""
    assert "exists; pass --force" in err
    code, _, _ = invoke(*args, "-o", str(out), "--force", "--no-timestamp")
    assert code == 0
    assert out.read_bytes() == first
    code, _, err = invoke(*args, "-o", str(path), "--force")
    assert code == 1
    assert "is an input" in err
    code, _, err = invoke(*args, "-o", str(tmp_path / "r.txt"))
    assert code == 1
    assert ".html, .md or .json" in err
    js = tmp_path / "r.json"
    code, _, _ = invoke(*args, "-o", str(js), "--no-timestamp")
    assert json.loads(js.read_text())["params"]["target"] == "label"


def test_heatmap_colours_are_matplotlibs_viridis() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    from mutinfo.reporting._svg import viridis

    cmap = matplotlib.colormaps["viridis"]
    for t in np.linspace(0.0, 1.0, 41):
        want = np.array(cmap(float(t))[:3])
        got = np.array([int(viridis(t)[k : k + 2], 16) for k in (1, 3, 5)]) / 255
        # ten linear pieces between the exact values: within 6% per channel
        assert np.abs(got - want).max() < 0.06
    assert viridis(0.0) == "#440154"
    assert viridis(1.0) == "#fde725"


def test_screenshot_script_says_when_there_is_no_chromium(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "report_screenshot.py"
    spec = importlib.util.spec_from_file_location("report_screenshot", path)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.CANDIDATES[0] == "/usr/bin/chromium"
    monkeypatch.setattr(script, "CANDIDATES", (str(tmp_path / "no-chromium"),))
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(
        "sys.argv", ["report_screenshot.py", "-o", str(tmp_path / "s.png")]
    )
    assert script.main() == 0
    assert "No headless Chromium found" in capsys.readouterr().out
    assert not (tmp_path / "s.png").exists()


def test_cli_bad_tables_fail_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    base = ["--no-pvalues", "--rng", "0", "-o", str(out)]
    empty = tmp_path / "empty.csv"
    empty.write_text("a,b\n", encoding="utf-8")
    one = write_csv(_table(40)[["a"]], tmp_path, "one.csv")
    gone = write_csv(_table(40)[["a", "b"]].assign(c=np.nan), tmp_path, "gone.csv")
    for path, args, message in (
        (empty, [], "empty"),
        (one, [], "at least two usable columns"),
        (gone, ["--target", "nope"], "'nope' given to target not found"),
        (gone, ["--target", "c"], "target column 'c' cannot be used"),
    ):
        code, stdout, err = invoke("report", str(path), *args, *base)
        assert code == 1, (path.name, stdout, err)
        assert message in err, (path.name, err)
        assert "Traceback" not in err
        assert not out.exists()
    code, _, err = invoke("report", str(gone), *base)
    assert code == 0, err
    assert "every value is missing" in out.read_text(encoding="utf-8")


def test_a_q_value_floor_from_too_few_permutations_is_named() -> None:
    # 6 dependent columns (15 pairs), 9 permutations: no p-value can go below
    # 0.1, so no q-value reaches 0.05 though every pair is dependent; the page
    # must say so rather than show an empty set of marked pairs.
    g = np.random.default_rng(0)
    latent = g.normal(size=300)
    table = pd.DataFrame({f"c{j}": latent + 0.5 * g.normal(size=300) for j in range(6)})
    r = mt.report(table, method="gaussian", n_permutations=9, max_intervals=0, rng=0)
    messages = [w["message"] for ws in r.warnings.values() for w in ws]
    hits = [m for m in messages if "No pair reaches q < 0.05" in m]
    assert len(hits) == 1, messages
    assert "15 of 15 pairs" in hits[0]
    assert "n_permutations=19 or more" in hits[0]
    # enough permutations: no such warning
    r = mt.report(table, method="gaussian", n_permutations=39, max_intervals=0, rng=0)
    messages = [w["message"] for ws in r.warnings.values() for w in ws]
    assert not any("No pair reaches" in m for m in messages)


def test_the_q_value_floor_advice_follows_the_fdr_method() -> None:
    # The advised n_permutations must bring the pairs at the floor to q <= 0.05
    # under the adjustment asked for: with Bonferroni (q = 15 p) and BY
    # (q = 15 p H_15 / 15) it advised BH's 19, and a rerun with 19 warned again.
    g = np.random.default_rng(0)
    latent = g.normal(size=300)
    table = pd.DataFrame({f"c{j}": latent + 0.5 * g.normal(size=300) for j in range(6)})
    for fdr, needed in (("bonferroni", 299), ("by", 66)):
        r = mt.report(
            table, method="gaussian", n_permutations=9, max_intervals=0, rng=0, fdr=fdr
        )
        messages = [w["message"] for ws in r.warnings.values() for w in ws]
        hits = [m for m in messages if "No pair reaches q < 0.05" in m]
        assert len(hits) == 1, messages
        assert f"n_permutations={needed} or more" in hits[0], hits[0]
        q = mt.stats.fdr(np.full(15, 1.0 / (needed + 1)), method=fdr)
        assert q.max() <= 0.05
        q = mt.stats.fdr(np.full(15, 1.0 / needed), method=fdr)
        assert q.min() > 0.05  # the advice is the least that suffices


def test_intervals_run_the_estimator_object_given_as_method() -> None:
    # With method=Binning(bins=4) the pairs table read MI 0.208 but its interval
    # ran the registry's default binning (estimate 0.373, [0.245, 0.393]): an
    # interval of another estimator, not containing the value shown.
    from mutinfo.estimators import Binning
    from mutinfo.exceptions import BiasWarning

    g = np.random.default_rng(0)
    a = g.normal(size=400)
    table = pd.DataFrame({"a": a, "b": a + g.normal(size=400), "c": g.normal(size=400)})
    est = Binning(bins=4)
    r = mt.report(table, method=est, pvalues=False, max_intervals=1, rng=0)
    row = r.pairs.iloc[0]
    assert (row["x"], row["y"]) == ("a", "b")
    with pytest.warns(BiasWarning, match="binned variables"):
        direct = mt.confidence_interval(table["a"], table["b"], method=est, rng=0)
    assert row["mi"] == pytest.approx(direct.estimate, abs=1e-12)
    assert row["ci_centre"] == "matrix"
    assert row["ci_low"] == pytest.approx(direct.low, abs=1e-12)
    assert row["ci_high"] == pytest.approx(direct.high, abs=1e-12)


def test_ranking_of_labels_equals_the_pairs_table() -> None:
    # Under auto, a label feature against a label target gets the family
    # mt.estimate gives the pair, in the ranking as in the pairs table.
    rng = np.random.default_rng(0)
    n = 300
    y = rng.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "target": y,
            "a": (y + rng.integers(0, 2, n)) % 3,
            "many": rng.integers(0, 40, n),
            "b": rng.integers(0, 2, n),
        }
    )
    with mt.extend.recorded_warnings():
        r = mt.report(frame, target="target", pvalues=False, max_intervals=0, rng=0)
    pairs = r.pairs[r.pairs["x"] == "target"].set_index("y")
    ranking = r.ranking.set_index("feature")
    for name in ("a", "many", "b"):
        assert ranking.loc[name, "mi"] == pairs.loc[name, "mi"]
        assert ranking.loc[name, "method"] == pairs.loc[name, "method"]
    assert ranking.loc["many", "method"] == "grassberger"  # not plugin


def test_ranking_shows_the_matrix_value_and_p_value_of_each_feature() -> None:
    # The ranking drew another seed than the matrix, so a randomised pair
    # (mixed_ksg: labels x continuous) read 0.6720 in one and 0.6646 in the
    # other on the Wine page.
    import warnings

    g = np.random.default_rng(3)
    n = 240
    label = g.integers(0, 3, n)
    table = pd.DataFrame(
        {
            "a": label + g.standard_normal(n),
            "b": np.round(g.standard_normal(n), 1),
            "c": g.standard_normal(n) * (1 + label),
            "label": label,
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # small-sample and tie warnings
        r = mt.report(table, target="label", n_permutations=19, max_intervals=0, rng=0)
    ranking = r.ranking.set_index("feature")
    for feature in ("a", "b", "c"):
        cell = r.matrix.mi.loc[feature, "label"]
        p = r.matrix.p_values.loc[feature, "label"]
        assert ranking.loc[feature, "mi"] == cell
        assert ranking.loc[feature, "p_value"] == p
