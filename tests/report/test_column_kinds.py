"""mt.column_kinds: the kind of every column, the reason, the override; the report's."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.io import KINDS


def _table(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "float": rng.normal(size=n),
            "measure": np.round(100 * rng.normal(size=n)).astype(int),
            "zeros": np.where(rng.random(n) < 0.15, 0.0, rng.normal(size=n)),
            "coarse": np.round(3 * rng.normal(size=n)),  # ~20 values: heavy ties
            "floatcodes": rng.integers(1, 4, n).astype(float),  # labels as floats
            "codes": rng.integers(0, 4, n),
            "text": rng.choice(["a", "b", "c"], n),
            "flag": rng.random(n) < 0.3,
            "cat": pd.Categorical(rng.choice(["x", "y"], n)),
            "gone": np.full(n, np.nan),
            "holes": np.where(rng.random(n) < 0.7, np.nan, 1.0 + rng.random(n)),
            "same": np.ones(n),
        }
    )


def test_every_kind_with_its_reason_and_override() -> None:
    table = _table()
    kinds = mt.column_kinds(table)
    assert list(kinds.columns) == [
        "column",
        "kind",
        "discrete",
        "reason",
        "override",
        "missing",
    ]
    assert kinds["column"].tolist() == list(table.columns)
    got = dict(zip(kinds["column"], kinds["kind"], strict=True))
    assert got == {
        "float": "continuous",
        "measure": "integer measurement",
        "zeros": "atoms/ties",
        "coarse": "atoms/ties",
        "floatcodes": "labels",
        "codes": "labels",
        "text": "labels",
        "flag": "labels",
        "cat": "labels",
        "gone": "unusable",
        "holes": "unusable",
        "same": "unusable",
    }
    assert set(got.values()) <= set(KINDS)
    row = kinds.set_index("column")
    assert row.loc["gone", "reason"] == "every value is missing"
    assert row.loc["holes", "reason"].endswith("impute them to include it")
    assert row.loc["same", "reason"].startswith("constant (every value is 1.0)")
    assert row.loc["gone", "missing"] == 400
    assert row.loc["gone", "discrete"] is None
    assert row.loc["gone", "override"] == ""
    assert row.loc["measure", "reason"].endswith("read as numbers")
    assert "repeat heavily" in row.loc["coarse", "reason"]
    assert "point masses" in row.loc["zeros", "reason"]
    assert row.loc["flag", "reason"] == "true/false values"
    assert row.loc["cat", "reason"] == "a categorical column with 2 categories"
    assert row.loc["text", "reason"] == "text or other labels, 3 distinct values"
    assert row.loc["floatcodes", "reason"].endswith("labels stored as floats")
    assert row.loc["floatcodes", "override"] == (
        "discrete={'floatcodes': False} reads it as numbers"
    )
    assert row.loc["codes", "override"] == (
        "discrete={'codes': False} reads it as numbers"
    )
    # the flag is what estimate reads: passing it back changes nothing
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for name in ("float", "measure", "codes", "text", "floatcodes", "coarse"):
            flag = row.loc[name, "discrete"]
            assert isinstance(flag, bool)
            given = mt.estimate("entropy", table[name], discrete=flag, rng=0)
            auto = mt.estimate("entropy", table[name], rng=0)
            assert (given.method, given.value) == (auto.method, auto.value)


def test_overrides_and_the_missing_share_are_honoured() -> None:
    table = _table()[["codes", "measure", "holes"]]
    kinds = mt.column_kinds(
        table, discrete={"codes": False, "measure": True}, max_missing=0.8
    )
    row = kinds.set_index("column")
    assert row.loc["codes", "kind"] == "atoms/ties"
    assert row.loc["codes", "reason"].startswith("given as discrete=False")
    assert row.loc["measure", "kind"] == "labels"
    assert row.loc["measure", "discrete"] is True
    assert row.loc["holes", "kind"] == "continuous"  # 70% missing < 80%
    every = mt.column_kinds(table[["codes"]], discrete=False)
    assert every["discrete"].tolist() == [False]


def test_arrays_keep_their_column_positions_as_names() -> None:
    rng = np.random.default_rng(1)
    kinds = mt.column_kinds(np.column_stack([rng.normal(size=50), np.arange(50) % 3]))
    assert kinds["column"].tolist() == [0, 1]
    # a float column of three whole numbers: labels stored as floats, as the
    # same column of integers would be read
    assert kinds["kind"].tolist() == ["continuous", "labels"]
    from_dict = mt.column_kinds({"a": rng.normal(size=20), "b": ["u", "v"] * 10})
    assert from_dict["kind"].tolist() == ["continuous", "labels"]


def test_bad_input_names_the_parameter() -> None:
    with pytest.raises(InvalidDataError, match="no column"):
        mt.column_kinds(pd.DataFrame())
    with pytest.raises(InvalidDataError, match="must be a table"):
        mt.column_kinds(np.arange(5.0))
    with pytest.raises(InvalidParameterError, match=r"'discrete'.*'zz'"):
        mt.column_kinds(_table(20), discrete={"zz": True})
    with pytest.raises(InvalidParameterError, match=r"'discrete'.*True or False"):
        mt.column_kinds(_table(20), discrete={"codes": "yes"})
    with pytest.raises(InvalidParameterError, match="'discrete'"):
        mt.column_kinds(_table(20), discrete=3)
    with pytest.raises(InvalidParameterError, match="'max_missing'"):
        mt.column_kinds(_table(20), max_missing=1.5)


def test_the_report_shows_column_kinds() -> None:
    table = _table(200)[["float", "measure", "codes", "gone", "same"]]
    r = mt.report(table, pvalues=False, max_intervals=0, method="plugin", rng=0)
    kinds = mt.column_kinds(table)
    usable = kinds[kinds["kind"] != "unusable"]
    assert r.columns["column"].tolist() == usable["column"].tolist()
    assert r.columns["kind"].tolist() == usable["kind"].tolist()
    assert r.columns["reason"].tolist() == usable["reason"].tolist()
    assert r.skipped["column"].tolist() == ["gone", "same"]


def test_the_report_imports_only_public_modules() -> None:
    # the front door (_api, as every analysis subpackage) and the parameter
    # checker (_params.validate_params, check_rng) are the only private ones
    allowed = {"mutinfo._api", "mutinfo._params"}
    root = Path(mt.__file__).parent
    files = [*(root / "reporting").glob("*.py"), root / "cli" / "report.py"]
    seen: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                seen.add(node.module)
            elif isinstance(node, ast.Import):
                seen.update(a.name for a in node.names)
    private = {
        m
        for m in seen
        if m.startswith("mutinfo.")
        and not m.startswith(("mutinfo.reporting.", "mutinfo.cli."))
        and any(part.startswith("_") for part in m.split(".")[1:])
    }
    assert private <= allowed, sorted(private - allowed)
