"""CLI: ``mutinfo te`` and ``mutinfo separation`` print what the API returns."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo import datasets
from mutinfo import timeseries as ts
from tests.cli.conftest import invoke, write_csv


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    g = np.random.default_rng(0)
    n = 600
    x = g.integers(0, 2, n)
    y = np.roll(x, 1) ^ (g.random(n) < 0.1).astype(np.int64)
    a, b = datasets.coupled_ar(0.5, 0.5, 0.5).sample(n, rng=0)
    chain = datasets.binary_markov_chain(0.1, 0.3).sample(n, rng=0)
    words = np.array(["the", "cat", "sat"])[(chain + g.integers(0, 2, n)) % 3]
    return pd.DataFrame({"x": x, "y": y, "a": a, "b": b, "s": chain, "w": words})


@pytest.fixture
def table(frame: pd.DataFrame, tmp_path: Path) -> Path:
    return write_csv(frame, tmp_path)


def test_te_json_equals_api(frame: pd.DataFrame, table: Path) -> None:
    code, out, err = invoke(
        "te", str(table), "--source", "x", "--target", "y", "--k", "2",
        "--delay", "1", "--base", "2", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    expected = ts.estimate("te", frame[["x"]], frame[["y"]], k=2, base=2)
    assert json.loads(out) == expected.to_dict()
    assert expected.method == "miller_madow"  # binary, well sampled, 16 cells
    # the copy with 10 % flips: TE = H(Y_t | Y_past) - H(flip) > 0.3 bits
    assert json.loads(out)["value"] > 0.3


def test_te_pvalues_and_method_params(frame: pd.DataFrame, table: Path) -> None:
    code, out, err = invoke(
        "te", str(table), "--source", "a", "--target", "b", "--method", "ksg",
        "--n-neighbors", "4", "--pvalues", "--n-permutations", "9", "--rng", "0",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    test = ts.transfer_entropy_test(
        frame[["a"]], frame[["b"]], method="ksg", n_neighbors=4, n_permutations=9,
        rng=0,
    )  # fmt: skip
    assert got["test"] == test.to_dict()
    assert got["test"]["p_value"] == pytest.approx(0.1)  # the smallest of 9
    assert got["params"]["n_neighbors"] == 4


def test_te_table_and_csv(table: Path) -> None:
    code, out, err = invoke(
        "te", str(table), "--source", "b", "--target", "a", "--method", "gaussian",
        "--pvalues", "--n-permutations", "19", "--surrogate", "circular", "--rng", "1",
    )  # fmt: skip
    assert code == 0, err
    header, row = out.splitlines()
    assert header.split()[:4] == ["te", "unit", "method", "n_steps"]
    assert "p_value" in header
    assert "circular" in row
    code, out, err = invoke(
        "te", str(table), "--source", "x", "--target", "y", "--format", "csv"
    )
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out))
    assert got.loc[0, "method"] == "miller_madow"  # binary, 8 cells
    assert got.loc[0, "n_steps"] == 599


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--source", "nope", "--target", "y"], "--source"),
        (["--source", "x", "--target", "y", "--cond", "nope"], "--cond"),
        (["--source", "x", "--target", "y", "--k", "0"], "--k"),
        (["--source", "x", "--target", "y", "--delay", "1.5"], "--delay"),
        (["--source", "x", "--target", "y", "--k", "700"], "k"),
        (["--source", "x", "--target", "y", "--surrogate", "x", "--pvalues"], "surr"),
    ],
)
def test_te_errors_name_the_option(table: Path, options: list[str], named: str) -> None:
    code, out, err = invoke("te", str(table), *options)
    assert code in (1, 2)
    assert named in err
    if code == 1:
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err


def test_separation_json_equals_api(frame: pd.DataFrame, table: Path) -> None:
    code, out, err = invoke(
        "separation", str(table), "--column", "s", "--distances", "1,2,3,4",
        "--rng", "0", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    expected = ts.mi_vs_separation(frame["s"].to_numpy(), [1, 2, 3, 4], rng=0)
    assert [r["mi"] for r in got["rows"]] == expected["mi"].tolist()
    assert [r["baseline"] for r in got["rows"]] == expected["baseline"].tolist()
    assert got["method"] == "grassberger"
    assert got["unit"] == "nats"
    fit = ts.fit_separation(expected)
    assert got["fit"]["better"] == fit.better
    assert got["fit"]["exponent"] == fit.exponent


def test_separation_words_table_and_no_baseline(table: Path) -> None:
    code, out, err = invoke(
        "separation", str(table), "--column", "w", "--max-distance", "8",
        "--baseline", "none",
    )  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["distance", "mi", "baseline"]
    assert "nan" in lines[1]
    assert lines[-1].startswith("fit: ")
    code, out, err = invoke(
        "separation", str(table), "--column", "s", "--distances", "1,2",
        "--format", "csv", "--rng", "0",
    )  # fmt: skip
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out))
    assert got["distance"].tolist() == [1, 2]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--column", "nope"], "--column"),
        (["--column", "s,w"], "--column"),
        (["--column", "s", "--baseline", "sorted"], "--baseline"),
        (["--column", "s", "--distances", "1,x"], "--distances"),
        (["--column", "s", "--distances", "0,1"], "distances"),
        (["--column", "s", "--max-distance", "0"], "--max-distance"),
        (["--column", "s", "--distances", "900"], "distance"),
    ],
)
def test_separation_errors_name_the_option(
    table: Path, options: list[str], named: str
) -> None:
    code, _out, err = invoke("separation", str(table), *options)
    assert code in (1, 2)
    assert named in err
    assert "Traceback" not in err


def test_te_of_a_series_to_itself_is_exactly_zero_with_a_note(table: Path) -> None:
    """Regression: ``--source a --target a`` printed KSG's bias (-0.069), silently."""
    code, out, err = invoke(
        "te", str(table), "--source", "a", "--target", "a", "--method", "ksg",
        "--rng", "0", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    assert got["value"] == 0.0
    assert "TE is 0 by definition" in got["extras"]["note"]
    assert "TE is 0 by definition" in err
