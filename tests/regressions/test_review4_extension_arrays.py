"""pandas ExtensionArrays (``df["col"].values`` in pandas 3) are array-like.

A string column's ``.values`` is an ArrowStringArray in pandas 3, a nullable
integer column's an IntegerArray: ``mt.mi(x, df["label"].values)`` was refused
("must be array-like ... Got ArrowStringArray"), and so was a Categorical.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt


@pytest.mark.parametrize(
    "values",
    [
        pd.array(["a", "b", "a", "c"] * 25, dtype="string"),
        pd.array([1, 2, 3, 4] * 25, dtype="Int64"),
        pd.Categorical(["a", "b", "a", "c"] * 25),
        pd.Index(["a", "b", "a", "c"] * 25),
    ],
)
def test_extension_arrays_read_as_their_series(values: object) -> None:
    x = np.arange(100) % 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        got = mt.estimate("mi", x, values, rng=0)
        expected = mt.estimate("mi", x, pd.Series(values), rng=0)
    assert got.method == expected.method
    assert got.value == expected.value
