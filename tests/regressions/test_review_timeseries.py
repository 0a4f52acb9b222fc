"""Review regressions: TE's counted path on narrow integer dtypes (h2-review)."""

import numpy as np
import pytest

from mutinfo import timeseries as ts


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.MutinfoWarning")
@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16])
@pytest.mark.parametrize("method", ["plugin", "grassberger", "auto"])
@pytest.mark.parametrize("k", [1, 2])
def test_te_counted_path_follows_int64_on_narrow_dtypes(dtype, method, k):
    # The joint row codes were multiplied in the series' own dtype: uint8
    # series gave a plug-in TE of 2.42 nats for 1.995 (silently), int8 raised.
    rng = np.random.default_rng(0)
    n = 3000
    s = rng.integers(0, 20, n)
    t = np.r_[0, (s[:-1] + rng.integers(0, 3, n - 1)) % 20]
    wide = ts.transfer_entropy(s, t, k=k, method=method)
    narrow = ts.transfer_entropy(s.astype(dtype), t.astype(dtype), k=k, method=method)
    assert narrow == wide
    if method == "plugin":
        labels = ts.transfer_entropy(
            s.astype(str), t.astype(str), k=k, method=method, discrete=True
        )
        assert narrow == pytest.approx(labels, abs=1e-12)


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.MutinfoWarning")
@pytest.mark.parametrize("dtype", [np.uint64, np.uint8, np.int8])
def test_te_counted_path_codes_multi_column_histories(dtype):
    # k = l = 2: each history block is coded column by column; uint64 blocks
    # raised UFuncTypeError (int64 codes += uint64 column).
    rng = np.random.default_rng(2)
    n = 2000
    s = rng.integers(0, 12, n)
    t = np.r_[0, (s[:-1] + rng.integers(0, 3, n - 1)) % 12]
    for method in ("plugin", "grassberger"):
        wide = ts.transfer_entropy(s, t, k=2, l=2, method=method)
        narrow = ts.transfer_entropy(
            s.astype(dtype), t.astype(dtype), k=2, l=2, method=method
        )
        assert narrow == wide
