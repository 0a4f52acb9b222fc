"""CLI: ``mutinfo multiplets`` prints the same ranking as ``pid.multiplets``."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo.pid import multiplets
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    # (a, b, c) share a source (redundant); f = d + e (synergistic).
    rng = np.random.default_rng(0)
    s = rng.normal(size=400)
    frame = pd.DataFrame({c: s + rng.normal(size=400) for c in "abc"})
    frame["d"], frame["e"] = rng.normal(size=(2, 400))
    frame["f"] = frame["d"] + frame["e"] + 0.5 * rng.normal(size=400)
    return write_csv(frame, tmp_path), frame


def _same(got: list[dict[str, object]], api: pd.DataFrame) -> None:
    """The printed rows are the API's rows: same multiplets, same numbers."""
    rows = api.to_dict(orient="records")
    assert len(got) == len(rows)
    for g, row in zip(got, rows, strict=True):
        assert set(g) == {str(k) for k in row}
        assert g["multiplet"] == list(row["multiplet"])
        for key, value in row.items():
            if key != "multiplet":
                assert g[str(key)] == pytest.approx(float(value), rel=1e-12), key


def test_json_equals_api(table: tuple[Path, pd.DataFrame]) -> None:
    path, frame = table
    code, out, err = invoke(
        "multiplets",
        str(path),
        "--order",
        "3",
        "--top",
        "4",
        "--base",
        "2",
        "-f",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)
    api = multiplets(frame, 3, base=2)
    assert got["n_multiplets"] == math.comb(6, 3) == len(api)
    assert got["measure"] == "o_information"
    assert got["method"] == "gaussian_copula"
    assert got["unit"] == "bits"
    _same(got["multiplets"], api.head(4))
    assert {tuple(got["multiplets"][i]["multiplet"]) for i in (0, 1)} == {
        ("a", "b", "c"),
        ("d", "e", "f"),
    }


def test_table_and_csv(table: tuple[Path, pd.DataFrame]) -> None:
    path, frame = table
    code, out, _ = invoke("multiplets", str(path), "--top", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "multiplet",
        "total_correlation",
        "dual_total_correlation",
        "o_information",
        "s_information",
        "unit",
    ]
    assert len(lines) == 1 + 3
    code, out, _ = invoke(
        "multiplets",
        str(path),
        "--order",
        "2",
        "--measure",
        "total_correlation",
        "--columns",
        "a,b,d",
        "-f",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["multiplet"] == "a,b"
    assert len(rows) == 3
    api = multiplets(frame[["a", "b", "d"]], 2, measure="total_correlation")
    assert [float(r["total_correlation"]) for r in rows] == pytest.approx(
        api["total_correlation"].tolist(), rel=1e-5
    )


def test_pvalues_and_method_parameters(table: tuple[Path, pd.DataFrame]) -> None:
    path, frame = table
    code, out, err = invoke(
        "multiplets",
        str(path),
        "--columns",
        "a,b,c,d",
        "--measure",
        "total_correlation",
        "--method",
        "ksg",
        "--n-neighbors",
        "5",
        "--pvalues",
        "--n-permutations",
        "9",
        "--rng",
        "3",
        "--n-jobs",
        "2",
        "-f",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)
    api = multiplets(
        frame[["a", "b", "c", "d"]],
        3,
        measure="total_correlation",
        method="ksg",
        n_neighbors=5,
        n_permutations=9,
        rng=3,
    )
    assert got["n_permutations"] == 9
    assert got["method"] == "ksg"
    _same(got["multiplets"], api)
    # (a, b, c) share a source: the largest TC, beyond every surrogate.
    assert got["multiplets"][0]["multiplet"] == ["a", "b", "c"]
    assert got["multiplets"][0]["p_value"] == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--order", "9"], "'order'"),
        (["--measure", "omega"], "'measure'"),
        (["--columns", "a,zz"], "'zz'"),
        (["--method", "ksg", "--not-a-param", "1"], "No such option"),
    ],
)
def test_errors_are_one_line(
    table: tuple[Path, pd.DataFrame], args: list[str], needle: str
) -> None:
    path, _ = table
    code, out, err = invoke("multiplets", str(path), *args)
    assert code in (1, 2)
    assert needle in err
    assert out == ""
    if code == 1:
        assert len(err.strip().splitlines()) == 1
        assert err.startswith("mutinfo: ")


def test_order_below_two_is_a_usage_error(table: tuple[Path, pd.DataFrame]) -> None:
    path, _ = table
    code, _, err = invoke("multiplets", str(path), "--order", "1")
    assert code == 2
    assert "--order" in err
