"""Nullable integer series with gaps stay labels after ``nan_policy='omit'``.

pandas reads a column of integers with a blank cell as ``Int64`` (mutinfo's
table reader keeps it so); ``to_numpy`` turns it into float64 with NaN, and
after the NaN steps were dropped ``method='auto'`` read the whole numbers
left as a continuous series (`mixed_ksg`) instead of labels.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

import mutinfo.timeseries as ts


def _series() -> tuple[np.ndarray, pd.Series]:
    g = np.random.default_rng(0)
    x = g.integers(0, 3, 400)
    y = np.roll(x, 1) ^ (g.random(400) < 0.1).astype(np.int64)
    gappy = pd.Series(y, dtype="Int64")
    gappy[10] = pd.NA
    return x, gappy


def test_te_of_a_nullable_integer_series_counts_labels() -> None:
    x, y = _series()
    as_floats = y.to_numpy(dtype=float, na_value=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = ts.estimate("te", pd.Series(x), y, nan_policy="omit")
        labels = ts.estimate("te", x, as_floats, nan_policy="omit", discrete=True)
    assert got.method == labels.method
    assert got.method != "mixed_ksg"
    assert got.value == labels.value


def test_te_matrix_of_nullable_integer_columns_counts_labels() -> None:
    x, y = _series()
    as_floats = y.to_numpy(dtype=float, na_value=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = ts.te_matrix(pd.DataFrame({"x": x, "y": y}), nan_policy="omit")
        labels = ts.estimate("te", x, as_floats, nan_policy="omit", discrete=True)
    row = frame.to_long().set_index(["source", "target"]).loc[("x", "y")]
    assert row["method"] == labels.method
    assert row["te"] == labels.value
