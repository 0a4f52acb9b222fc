"""ts.ordinal_patterns: codes equal a brute-force permutation index."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InsufficientSamplesError, InvalidDataError


@pytest.mark.parametrize(("order", "delay"), [(2, 1), (3, 1), (4, 2), (5, 3)])
def test_codes_equal_brute_force(order: int, delay: int) -> None:
    x = np.random.default_rng(order).normal(size=200)
    x[10:20] = 1.0  # ties: broken by position
    perms = sorted(itertools.permutations(range(order)))
    span = (order - 1) * delay
    want = [
        perms.index(tuple(np.argsort(x[t : t + span + 1 : delay], kind="stable")))
        for t in range(len(x) - span)
    ]
    assert ts.ordinal_patterns(x, order=order, delay=delay).tolist() == want


def test_iid_patterns_are_uniform_and_feed_discrete_te() -> None:
    g = np.random.default_rng(0)
    x = g.normal(size=20000)
    codes = ts.ordinal_patterns(x, order=3)
    counts = np.bincount(codes, minlength=6) / len(codes)
    assert np.abs(counts - 1 / 6).max() < 0.01  # every pattern has probability 1/6
    y = np.roll(x, 1) + 0.1 * g.normal(size=20000)
    sx, sy = ts.ordinal_patterns(x[1:], order=3), ts.ordinal_patterns(y[1:], order=3)
    assert ts.transfer_entropy(sx, sy) > 0.3  # the copy is seen in the symbols
    assert ts.transfer_entropy(sy, sx) < 0.05


def test_realisations_and_errors() -> None:
    parts = ts.ordinal_patterns([np.arange(5.0), np.arange(4.0)[::-1]], order=3)
    assert [p.tolist() for p in parts] == [[0, 0, 0], [5, 5]]
    with pytest.raises(InsufficientSamplesError, match="'order'"):
        ts.ordinal_patterns(np.arange(3.0), order=4)
    with pytest.raises(InvalidDataError, match="NaN"):
        ts.ordinal_patterns(np.array([1.0, np.nan, 2.0, 3.0]))
    with pytest.raises(InvalidDataError, match="1-D"):
        ts.ordinal_patterns(np.zeros((5, 2)))
