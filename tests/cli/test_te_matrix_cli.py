"""CLI: ``mutinfo te-matrix`` prints what ts.te_matrix returns."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo import timeseries as ts
from tests.cli.conftest import invoke, write_csv


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    g = np.random.default_rng(0)
    x = g.standard_normal((500, 3))
    for t in range(1, 500):
        x[t] += 0.4 * x[t - 1] + 0.4 * np.roll(x[t - 1], 1)  # a -> b -> c -> a
    return pd.DataFrame(x, columns=["a", "b", "c"])


@pytest.fixture
def table(frame: pd.DataFrame, tmp_path: Path) -> Path:
    return write_csv(frame, tmp_path)


def test_json_equals_api(frame: pd.DataFrame, table: Path) -> None:
    code, out, err = invoke(
        "te-matrix", str(table), "--method", "gaussian", "--k", "2", "--pvalues",
        "--surrogate", "analytic", "--base", "2", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    want = ts.te_matrix(
        frame, method="gaussian", k=2, pvalues=True, surrogate="analytic", base=2
    )
    assert got["unit"] == "bits"
    assert got["n_steps"] == want.n_steps == 498
    assert got["columns"] == ["a", "b", "c"]
    assert got["params"]["surrogate"] == "analytic"
    assert len(got["pairs"]) == 6
    top = got["pairs"][0]
    assert (top["source"], top["target"]) in {("a", "b"), ("b", "c"), ("c", "a")}
    for rec in got["pairs"]:
        assert rec["te"] == want.te.loc[rec["source"], rec["target"]]
        assert rec["p_value"] == want.p_values.loc[rec["source"], rec["target"]]
        assert rec["method"] == "gaussian"


def test_table_csv_columns_and_method_params(table: Path) -> None:
    code, out, err = invoke(
        "te-matrix", str(table), "--columns", "a,b", "--method", "ksg",
        "--n-neighbors", "4", "--rng", "0", "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    got = pd.read_csv(io.StringIO(out))
    assert got.columns.tolist() == ["source", "target", "te", "method", "unit"]
    assert got[["source", "target"]].values.tolist() == [["a", "b"], ["b", "a"]]
    code, out, err = invoke("te-matrix", str(table), "--method", "gaussian")
    assert code == 0, err
    assert out.splitlines()[0].split() == ["source", "target", "te", "method", "unit"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--columns", "a,nope"], "--columns"),
        (["--k", "0"], "--k"),
        (["--pvalues", "--surrogate", "analytic", "--method", "ksg"], "analytic"),
        (["--pvalues", "--surrogate", "nope"], "surrogate"),
        (["--fdr", "nope", "--pvalues", "--n-permutations", "3"], "fdr"),
    ],
)
def test_errors_name_the_option(table: Path, options: list[str], named: str) -> None:
    code, out, err = invoke("te-matrix", str(table), *options)
    assert code in (1, 2)
    assert named in err
    if code == 1:
        assert out == ""
        assert len(err.strip().splitlines()) == 1
        assert "Traceback" not in err


def test_te_k_auto(frame: pd.DataFrame, table: Path) -> None:
    code, out, err = invoke(
        "te", str(table), "--source", "a", "--target", "b", "--method", "gaussian",
        "--k", "auto", "--pvalues", "--n-permutations", "9", "--rng", "0",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = json.loads(out)
    want = ts.estimate("te", frame[["a"]], frame[["b"]], k="auto", method="gaussian")
    assert got["params"]["history"] == "ragwitz"
    assert got["params"]["k"] == want.params["k"]
    assert got["value"] == want.value
    assert got["test"]["statistic"] == pytest.approx(want.value)
    for bad, named in (("0", "--k"), ("x", "--k")):
        code, _, err = invoke("te", str(table), "--source", "a", "--target", "b",
                              "--k", bad)  # fmt: skip
        assert code == 2
        assert named in err
    code, _, err = invoke(
        "te", str(table), "--source", "a", "--target", "b", "--k-tau", "auto"
    )
    assert code == 1
    assert "k_tau='auto'" in err
