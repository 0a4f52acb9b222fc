"""``mutinfo matrix``: the CLI prints what mi_matrix computes; files and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    a = g.normal(size=400)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": a + g.normal(size=400),
            "c": g.normal(size=400),
            "d": g.integers(0, 3, 400),
        }
    )
    return write_csv(frame, tmp_path)


def test_json_equals_api(table: Path) -> None:
    code, out, err = invoke(
        "matrix", str(table), "--rng", "0", "--n-neighbors", "4", "-f", "json"
    )
    assert code == 0, err
    payload = json.loads(out)
    expected = mt.mi_matrix(pd.read_csv(table), rng=0, n_neighbors=4).to_long()
    assert payload["columns"] == ["a", "b", "c", "d"]
    assert [p["method"] for p in payload["pairs"]] == expected["method"].tolist()
    np.testing.assert_array_equal([p["mi"] for p in payload["pairs"]], expected["mi"])


def test_columns_z_base_and_table_output(table: Path) -> None:
    code, out, _ = invoke(
        "matrix",
        str(table),
        "--columns",
        "a,b",
        "--z",
        "c",
        "--method",
        "gaussian",
        "--base",
        "2",
    )
    assert code == 0
    frame = pd.read_csv(table)
    expected = mt.estimate("cmi", frame.a, frame.b, frame.c, method="gaussian", base=2)
    first = out.splitlines()[1].split()
    assert first[:2] == ["a", "b"]
    assert float(first[2]) == pytest.approx(expected.value, rel=1e-5)


def test_files_plot_and_store(table: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("matplotlib")
    out_file, png = tmp_path / "pairs.parquet", tmp_path / "h.png"
    code, out, err = invoke(
        "matrix",
        str(table),
        "--method",
        "gaussian_copula",
        "--columns",
        "a,b,c",
        "-o",
        str(out_file),
        "--plot",
        str(png),
        "--store",
        str(tmp_path / "tiles"),
    )
    assert code == 0, err
    assert out == ""
    assert "Wrote 3 x 3 mi matrix" in err
    pairs = pd.read_parquet(out_file)
    assert pairs[["x", "y"]].values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert list((tmp_path / "tiles").glob("tile-*.parquet"))
    wide = tmp_path / "wide.csv"
    code, _, _ = invoke(
        "matrix",
        str(table),
        "--method",
        "gaussian",
        "--columns",
        "a,b",
        "-o",
        str(wide),
        "--wide",
    )
    assert code == 0
    assert pd.read_csv(wide, index_col=0).shape == (2, 2)


def test_errors(table: Path) -> None:
    code, out, err = invoke("matrix", str(table), "--columns", "a,zz")
    assert code == 1
    assert out == ""
    assert "'zz'" in err
    code, out, err = invoke("matrix", str(table), "-o", "pairs.txt")
    assert code == 2
    assert "parquet or .csv" in err
    code, _, err = invoke("matrix", str(table), "--fdr", "bh")
    assert code == 1
    assert "needs pvalues=True" in err
    code, _, err = invoke("matrix", str(table), "--bogus", "1")
    assert code == 2
    code, out, err = invoke("matrix", str(table), "-o", str(table))  # issue 23
    assert code == 1
    assert out == ""
    assert "never overwrites its input" in err
    code, out, err = invoke("matrix", str(table), "--store", str(table))
    assert code == 1
    assert "must be a folder" in err
