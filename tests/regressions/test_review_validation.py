"""Review regressions: the integer summary's counted path (h2-review)."""

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo._validation import summarize_integers


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32])
def test_summarize_narrow_integers_spanning_their_dtype(dtype):
    # x - low wrapped in the column's own dtype: bincount of negative values
    # raised ValueError for int8 data spanning -128..127.
    info = np.iinfo(dtype)
    rng = np.random.default_rng(0)
    n = 20_000
    low = max(int(info.min), -40_000)
    high = min(int(info.max), 40_000)
    values = rng.integers(low, high + 1, n).astype(dtype)
    values[:2] = [low, high]
    summary = summarize_integers(values)
    q25, q75 = np.quantile(values.astype(np.float64), [0.25, 0.75])
    assert (summary.n_samples, summary.low, summary.high) == (n, low, high)
    assert summary.n_distinct == np.unique(values).size
    assert summary.middle_half == float(q75 - q25)


def test_int8_labels_estimate_as_their_int64_copy():
    rng = np.random.default_rng(1)
    x = rng.integers(-128, 128, 2000).astype(np.int8)
    y = (x.astype(np.int64) // 2).astype(np.int8)
    wide = mt.estimate("mi", x.astype(np.int64), y.astype(np.int64))
    narrow = mt.estimate("mi", x, y)
    assert (narrow.method, narrow.value) == (wide.method, wide.value)
    kinds = mt.column_kinds(pd.DataFrame({"a": x}))
    assert (
        kinds.loc[0, "kind"]
        == mt.column_kinds(pd.DataFrame({"a": x.astype(np.int64)})).loc[0, "kind"]
    )
