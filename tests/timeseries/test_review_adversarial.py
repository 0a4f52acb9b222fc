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


def test_time_stamps_out_of_order_are_refused() -> None:
    # Steps are taken in row order: a coupled AR pair whose dated rows were
    # shuffled read TE 3.0e-05 nats instead of 0.142, and a series with every
    # stamp twice an AIS of 0.42 nats instead of 0.155, without a word.
    pd = pytest.importorskip("pandas")
    from mutinfo import datasets

    x, y = datasets.coupled_ar(0.5, 0.5, 0.5).sample(3000, rng=0)
    dates = pd.date_range("2020-01-01", periods=3000, freq="D")
    order = np.random.default_rng(0).permutation(3000)
    source = pd.Series(x, index=dates).iloc[order]
    target = pd.Series(y, index=dates).iloc[order]
    with pytest.raises(InvalidDataError, match="not in time order"):
        ts.transfer_entropy(source, target, method="gaussian")
    with pytest.raises(InvalidDataError, match="not in time order"):
        ts.active_information_storage([source.sort_index(), source], method="gaussian")
    frame = pd.DataFrame({"x": source, "y": target})
    with pytest.raises(InvalidDataError, match="not in time order"):
        ts.te_matrix(frame, method="gaussian")
    twice = pd.Series(np.repeat(x[:1500], 2), index=np.repeat(dates[:1500], 2))
    with pytest.raises(InvalidDataError, match="repeats time stamps"):
        ts.active_information_storage(twice, method="gaussian")
    with pytest.raises(InvalidDataError, match="not in time order"):
        ts.lagged_mi(pd.Series(x, index=pd.period_range("2000", periods=3000))[::-1])
    with pytest.raises(InvalidDataError, match="not in time order"):
        ts.ordinal_patterns(source)
    te = ts.transfer_entropy(
        source.sort_index(), target.sort_index(), method="gaussian"
    )
    assert te == pytest.approx(0.1424, abs=1e-3)
    matrix = ts.te_matrix(frame.sort_index(), method="gaussian")
    assert matrix.te.loc["x", "y"] == pytest.approx(te, abs=1e-12)
    # Row order on purpose: .to_numpy() passes, as do other indexes.
    assert (
        ts.transfer_entropy(source.to_numpy(), target.to_numpy(), method="gaussian")
        < 0.01
    )
    assert (
        ts.transfer_entropy(
            source.reset_index(drop=True),
            target.reset_index(drop=True),
            method="gaussian",
        )
        < 0.01
    )


def test_interval_of_a_transfer_entropy_that_is_zero_by_definition() -> None:
    # transfer_entropy(x, x) is exactly 0 (the source history is the target's
    # own past), but its interval was the KSG bias resampled: estimate -0.073,
    # [-0.087, -0.059], an interval that excluded the value the point
    # estimate reports.
    rng = np.random.default_rng(0)
    x = rng.normal(size=1000)
    assert ts.transfer_entropy(x, x, method="ksg", rng=0) == 0.0
    ci = ts.confidence_interval("te", x, x, method="ksg", n_resamples=40, rng=0)
    assert (ci.low, ci.estimate, ci.high) == (0.0, 0.0, 0.0)
    z = rng.normal(size=1000)
    ci = ts.confidence_interval("te", z, x, cond=z, method="ksg", n_resamples=40, rng=0)
    assert (ci.low, ci.estimate, ci.high) == (0.0, 0.0, 0.0)
    ci = ts.confidence_interval("te", z, x, method="gaussian", n_resamples=40, rng=0)
    assert ci.low < ci.estimate < ci.high
