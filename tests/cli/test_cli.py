"""CLI: JSON equals the API result; errors on stderr with empty stdout."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.cli.app import app
from tests.cli.conftest import invoke, runner, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    a = g.normal(size=500)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": a + g.normal(size=500),
            "c": g.normal(size=500),
            "word": g.choice(["cat", "dog", "emu"], 500),
            "tag": g.choice(["x", "y"], 500),
        }
    )
    frame["echo"] = frame["word"].str.upper()
    return write_csv(frame, tmp_path)


def test_mi_json_equals_api(table: Path) -> None:
    code, out, err = invoke(
        "mi", str(table), "--x", "a", "--y", "b", "--format", "json", "--rng", "0"
    )
    assert code == 0, err
    frame = pd.read_csv(table)
    expected = mt.estimate("mi", frame[["a"]], frame[["b"]], rng=0).to_dict()
    assert json.loads(out) == expected


def test_method_params_as_options(table: Path) -> None:
    code, out, err = invoke(
        "mi", str(table), "--x", "a", "--y", "b", "--method", "ksg",
        "--n-neighbors", "5", "--variant", "2", "--no-standardize",
        "--base", "2", "--format", "json", "--rng", "1",
    )  # fmt: skip
    assert code == 0, err
    payload = json.loads(out)
    frame = pd.read_csv(table)
    expected = mt.estimate(
        "mi", frame[["a"]], frame[["b"]], method="ksg", n_neighbors=5, variant=2,
        standardize=False, base=2, rng=1,
    )  # fmt: skip
    assert payload == expected.to_dict()
    assert payload["unit"] == "bits"


def test_string_columns(table: Path) -> None:
    code, out, _ = invoke(
        "mi",
        str(table),
        "--x",
        "word",
        "--y",
        "echo",
        "--method",
        "plugin",
        "-f",
        "json",
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["method"] == "plugin"
    assert payload["value"] == pytest.approx(
        mt.entropy(pd.read_csv(table)["word"], method="plugin")
    )


def test_cmi_and_entropy_and_multicolumn(table: Path) -> None:
    code, out, _ = invoke(
        "cmi",
        str(table),
        "--x",
        "a",
        "--y",
        "b",
        "--z",
        "c",
        "-f",
        "json",
        "--rng",
        "0",
    )
    assert code == 0
    assert json.loads(out)["measure"] == "cmi"
    code, out, _ = invoke("entropy", str(table), "--x", "word,tag", "-f", "json")
    assert code == 0
    assert json.loads(out)["method"] == "grassberger"  # 500 rows, 6 cells


def test_table_and_csv_formats(table: Path) -> None:
    code, out, _ = invoke("mi", str(table), "--x", "a", "--y", "b")
    assert code == 0
    assert "ksg" in out
    assert "nats" in out
    code, out, _ = invoke("mi", str(table), "--x", "a", "--y", "b", "-f", "csv")
    assert out.splitlines()[0].startswith("measure,value,unit,method")


def test_stdin(table: Path) -> None:
    code, out, _ = invoke(
        "mi", "-", "--x", "word", "--y", "tag", "-f", "json", stdin=table.read_text()
    )
    assert code == 0
    assert json.loads(out)["n_samples"] == 500


def test_parquet(table: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pq = tmp_path / "data.parquet"
    pd.read_csv(table).to_parquet(pq)
    code, out, _ = invoke("mi", str(pq), "--x", "word", "--y", "tag", "-f", "json")
    assert code == 0
    assert json.loads(out)["method"] == "miller_madow"  # 500 rows, 6 cells


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mi", "missing.csv", "--x", "a", "--y", "b"], "does not exist"),
        (["mi", "{table}", "--x", "nope", "--y", "b"], "not found"),
        (["mi", "{table}", "--x", "a", "--y", "b", "--method", "kgs"], "Did you mean"),
        (
            ["mi", "{table}", "--x", "a", "--y", "b", "--n-neighbors", "0"],
            "must be an int",
        ),
    ],
)
def test_data_errors_go_to_stderr(table: Path, args: list[str], message: str) -> None:
    code, out, err = invoke(*[a.replace("{table}", str(table)) for a in args])
    assert code == 1
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(table: Path) -> None:
    code, _, err = invoke("mi", str(table), "--x", "a")
    assert code == 2
    code, _, err = invoke("mi", str(table), "--x", "a", "--y", "b", "--bogus", "1")
    assert code == 2
    assert "No such option: --bogus" in err


def test_debug_shows_traceback(table: Path) -> None:
    result = runner.invoke(
        app, ["mi", "missing.csv", "--x", "a", "--y", "b", "--debug"]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, mt.InvalidDataError)


def test_methods_and_version() -> None:
    code, out, _ = invoke("methods", "--format", "json")
    assert code == 0
    assert {m["name"] for m in json.loads(out)} == {m.name for m in mt.methods()}
    code, out, _ = invoke("--version")
    assert out.strip() == f"mutinfo {mt.__version__}"


def test_demo_writes_reports(tmp_path: Path) -> None:
    out_dir = tmp_path / "demo"
    code, out, err = invoke("demo", "--out", str(out_dir), "--n-samples", "300")
    assert code == 0, err
    assert "Report written to" in out
    report = json.loads((out_dir / "report.json").read_text())
    assert report["ranking"]
    assert report["ground_truth"]
    assert (out_dir / "report.md").read_text().startswith("# mutinfo demo")


def test_console_script_prints_mutinfo_warnings_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys
    import warnings

    from mutinfo.cli.app import main

    g = np.random.default_rng(0)
    path = tmp_path / "small.csv"
    pd.DataFrame({"a": g.integers(0, 3, 30), "b": g.integers(0, 3, 30)}).to_csv(
        path, index=False
    )
    monkeypatch.setattr(
        sys,
        "argv",
        ["mutinfo", "mi", str(path), "--x", "a", "--y", "b", "--method", "plugin"],
    )
    before = warnings.showwarning
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with pytest.raises(SystemExit) as exit_info:
            main()
    assert exit_info.value.code == 0
    assert warnings.showwarning is before  # restored
    err = capsys.readouterr().err
    assert err.startswith(
        "warning: BiasWarning: The 'plugin' mi estimate uses n_samples=30"
    )
    assert "typer" not in err
    assert ".py:" not in err
    # Other libraries' warnings keep the standard format.
    from mutinfo.cli.app import _show_warning

    _show_warning("plain", UserWarning, "lib.py", 7)
    assert "lib.py:7: UserWarning: plain" in capsys.readouterr().err
