"""Regressions of an adversarial review of the time-series measures."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import BiasWarning, InvalidDataError


def test_excess_entropy_auto_uses_one_family_for_every_block_length() -> None:
    # "auto" resolved each block length on its own (H(1) miller_madow, H(2),
    # H(3) grassberger, H(4) nsb on this i.i.d. ternary series): the Result
    # said "nsb" but E(4) = 4 H(3) - 3 H(4) mixed two families' biases
    # (-0.164 nats; method="nsb" itself gives -0.175).
    x = np.random.default_rng(0).integers(0, 3, 300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        res = ts.estimate("excess_entropy", x, max_k=4)
        same = ts.estimate("excess_entropy", x, max_k=4, method=res.method)
    assert res.value == pytest.approx(same.value, abs=1e-12)
    assert res.extras["block_entropies"] == pytest.approx(
        same.extras["block_entropies"], abs=1e-12
    )


def test_pandas_series_with_offset_dates_are_refused() -> None:
    # Steps were paired by position: a target indexed one day after its
    # source (y(D) = x(D - 1)) read as a simultaneous copy, TE 0.0 bits
    # instead of 1 bit, without a word (mutinfo.mi refuses such inputs).
    pd = pytest.importorskip("pandas")
    x = np.random.default_rng(0).integers(0, 2, 500)
    dates = pd.date_range("2020-01-01", periods=501, freq="D")
    source = pd.Series(x, index=dates[:-1])
    target = pd.Series(x, index=dates[1:])
    with pytest.raises(InvalidDataError, match="different row labels"):
        ts.transfer_entropy(source, target, base=2)
    with pytest.raises(InvalidDataError, match="different row labels"):
        ts.lagged_mi(source, target)
    with pytest.raises(InvalidDataError, match="different row labels"):
        ts.transfer_entropy([source], [target])
    a, b = source.align(target, join="inner")
    assert ts.transfer_entropy(a, b, base=2, method="plugin") > 0.98
    same = ts.transfer_entropy(source, source.shift(1).fillna(0).astype(int))
    assert same > 0.6


def test_a_two_d_series_as_nested_lists_is_refused() -> None:
    # X.tolist() of an (n_steps, 2) array was read as n_steps realisations of
    # 2 steps: the AIS of a series whose features carry no memory read as
    # the MI between its two features (0.47 nats; the array gives 0.0).
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2, 2000)
    b = a ^ (rng.random(2000) < 0.05)
    table = np.column_stack([a, b])
    assert abs(ts.active_information_storage(table, method="plugin")) < 0.01
    for call in (
        lambda: ts.active_information_storage(table.tolist()),
        lambda: ts.entropy_rate([tuple(r) for r in table]),
        lambda: ts.ordinal_patterns(rng.normal(size=(50, 2)).tolist(), order=2),
    ):
        with pytest.raises(InvalidDataError, match="nested lists"):
            call()
    # Realisations as lists, fewer of them than their steps, still pass.
    two = [a[:1000].tolist(), a[1000:].tolist()]
    assert ts.estimate("ais", two).params["n_realisations"] == 2
