"""pyarrow Tables in mi_matrix and rank_features keep their names and exact codes."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.selection import rank_features

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")


def _table() -> object:
    g = np.random.default_rng(0)
    a = g.normal(size=300)
    codes = [None if i % 37 == 0 else 2**60 + int(v > 0) for i, v in enumerate(a)]
    return pa.table(
        {
            "a": a,
            "b": a + g.normal(size=300),
            "y": pa.array(codes, type=pa.int64()),
        }
    )


def test_mi_matrix_of_a_pyarrow_table_is_the_polars_one() -> None:
    # Was: np.asarray(table), names 0, 1, 2 and the codes 2**60 + {0, 1} merged
    # through float64 (MI 0.0 with a "constant column" warning for 0.692).
    table = _table()
    got = mt.mi_matrix(table, nan_policy="omit", rng=0).mi
    want = mt.mi_matrix(pl.from_arrow(table), nan_policy="omit", rng=0).mi
    assert got.columns.tolist() == ["a", "b", "y"]
    np.testing.assert_array_equal(got.to_numpy(), want.to_numpy())
    assert got.loc["a", "y"] > 0.6
    sub = mt.mi_matrix(table, columns=["a", "y"], nan_policy="omit", rng=0).mi
    assert sub.loc["a", "y"] == got.loc["a", "y"]


def test_rank_features_takes_a_pyarrow_table() -> None:
    # Was: TypeError (unhashable ChunkedArray) from the feature names.
    table = _table().select(["a", "b"])
    y = (np.asarray(table.column("a")) > 0).astype(int)
    got = rank_features(table, y, rng=0)
    want = rank_features(pl.from_arrow(table), y, rng=0)
    assert got["feature"].tolist() == ["a", "b"]
    np.testing.assert_array_equal(got["mi"].to_numpy(), want["mi"].to_numpy())
