"""Adversarial hunt for silent wrong numbers: masked arrays, units of extras."""

from __future__ import annotations

import math

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidDataError

_g = np.random.default_rng(0)
N = 300
A = _g.integers(0, 3, N)
B = (A + _g.integers(0, 2, N)) % 3
BAD = _g.random(N) < 0.2


def _sentinel_masked() -> np.ma.MaskedArray:
    with_sentinel = A.copy()
    with_sentinel[BAD] = -999
    return np.ma.masked_equal(with_sentinel, -999)


def test_masked_cells_are_missing_not_values() -> None:
    # np.asarray drops the mask: the -999 sentinels were counted as a fourth
    # label, plugin MI 0.3306 where the clean rows give 0.4031.
    masked = _sentinel_masked()
    with pytest.raises(InvalidDataError, match="missing"):
        mt.mi(masked, B, method="plugin")
    omitted = mt.estimate("mi", masked, B, method="plugin", nan_policy="omit")
    assert omitted.n_samples == int((~BAD).sum())
    assert omitted.value == mt.mi(A[~BAD], B[~BAD], method="plugin")


def test_masked_floats_and_labels_omit_their_masked_rows() -> None:
    x = _g.normal(size=N)
    y = x + _g.normal(size=N)
    masked = np.ma.masked_array(np.where(BAD, 1e6, x), mask=BAD)
    got = mt.mi(masked, y, nan_policy="omit", rng=0)
    assert got == mt.mi(x[~BAD], y[~BAD], rng=0)
    words = np.ma.masked_array(np.array(["a", "b", "c"])[A], mask=BAD)
    assert mt.entropy(words, nan_policy="omit") == mt.entropy(A[~BAD])
    # an unmasked masked array reads as its data
    assert mt.mi(np.ma.masked_array(x), y, rng=0) == mt.mi(x, y, rng=0)


def test_masked_table_in_mi_matrix_and_series() -> None:
    table = np.ma.masked_equal(np.c_[np.where(BAD, -999, A), B], -999)
    with pytest.raises(InvalidDataError, match="missing"):
        mt.mi_matrix(table)
    assert mt.mi_matrix(table, nan_policy="omit").n_samples == int((~BAD).sum())
    x = _g.normal(size=N)
    series = np.ma.masked_array(np.where(BAD, 1e6, x), mask=BAD)
    with pytest.raises(InvalidDataError, match="NaN"):
        ts.estimate("entropy_rate", series, rng=0)
    gaps = np.where(BAD, np.nan, x)
    got = ts.estimate("entropy_rate", series, nan_policy="omit", rng=0).value
    assert got == ts.estimate("entropy_rate", gaps, nan_policy="omit", rng=0).value


def test_excess_entropy_extras_follow_the_unit() -> None:
    # Result.to converted the value but left the block entropies and the
    # entropy rate in bits under a 'nats' label (0.9966 for 0.6908).
    x = _g.integers(0, 2, 500)
    bits = ts.estimate("excess_entropy", x, max_k=3, base=2, method="plugin")
    nats = ts.estimate("excess_entropy", x, max_k=3, method="plugin")
    back = bits.to(math.e)
    assert back.extras["entropy_rate"] == pytest.approx(nats.extras["entropy_rate"])
    assert back.extras["block_entropies"] == pytest.approx(
        nats.extras["block_entropies"]
    )


@pytest.mark.parametrize("method", ["james_stein", "nsb", "plugin", "miller_madow"])
def test_a_variable_given_twice_is_one_column_of_the_table(method: str) -> None:
    # James-Stein shrank (X, X) towards the uniform over 16 cells, 12 of them
    # impossible: I(X; Y | X) read 0.017 nats and I(X; X) 0.085 below H(X).
    g = np.random.default_rng(0)
    a = g.integers(0, 4, 200)
    b = (a + g.integers(0, 2, 200)) % 4
    kw = {"alphabet_size": 4} if method == "nsb" else {}
    assert mt.cmi(a, b, a, method=method, **kw) == pytest.approx(0.0, abs=1e-12)
    assert mt.cmi(a, b, b, method=method, **kw) == pytest.approx(0.0, abs=1e-12)
    assert mt.mi(a, a, method=method, **kw) == pytest.approx(
        mt.entropy(a, method=method, **kw), abs=1e-12
    )
    twice = np.column_stack([a, a])
    assert mt.entropy(twice, method=method, **kw) == mt.entropy(a, method=method, **kw)


def test_a_numpy_integer_base_is_a_base() -> None:
    # np.int64(2) (a base read from an array or a config) was refused while
    # np.float64(2) and np.float32(2) were taken.
    res = mt.estimate("entropy", A, method="plugin", base=np.int64(2))
    assert res.unit == "bits"
    assert res.value == mt.entropy(A, method="plugin", base=2)
    with pytest.raises(mt.InvalidParameterError):
        mt.entropy(A, method="plugin", base=np.True_)
