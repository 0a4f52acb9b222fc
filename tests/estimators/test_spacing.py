"""Vasicek and Ebrahimi against scipy.stats.differential_entropy and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import differential_entropy

import mutinfo as mt
from mutinfo.estimators import Ebrahimi, Vasicek
from mutinfo.exceptions import DataWarning, InvalidDataError, InvalidParameterError

METHODS = ["vasicek", "ebrahimi"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("window", [None, 1, 5, 20])
def test_agrees_with_scipy(method: str, window: int | None) -> None:
    x = np.random.default_rng(1).gamma(2.0, size=300)
    ours = mt.entropy(x, method=method, window_length=window)
    ref = differential_entropy(x, method=method, window_length=window)
    assert ours == pytest.approx(ref, rel=1e-12, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(8, 200))
def test_agrees_with_scipy_property(seed: int, n: int) -> None:
    x = np.random.default_rng(seed).standard_normal(n)
    for method in METHODS:
        ours = mt.entropy(x, method=method)
        assert ours == pytest.approx(differential_entropy(x, method=method), abs=1e-10)


@pytest.mark.parametrize(
    ("sampler", "truth"),
    [
        (lambda g, n: g.uniform(0, 3, n), math.log(3)),
        (lambda g, n: g.standard_normal(n), 0.5 * math.log(2 * math.pi * math.e)),
        (lambda g, n: g.exponential(2.0, n), 1 + math.log(2.0)),
    ],
)
def test_closed_forms(sampler, truth: float) -> None:  # type: ignore[no-untyped-def]
    x = sampler(np.random.default_rng(2), 20000)
    # Measured over 5 seeds at n = 2e4: |bias| <= 0.011 and sd <= 0.007 for both
    # on these laws, so 0.04 is the bias plus four sd.
    assert Ebrahimi().entropy(x).value == pytest.approx(truth, abs=0.04)
    assert Vasicek().entropy(x).value == pytest.approx(truth, abs=0.04)


def test_local_values_in_input_order() -> None:
    x = np.random.default_rng(3).standard_normal(200)
    res = Vasicek().entropy(x)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
    shuffled = np.random.default_rng(4).permutation(200)
    res2 = Vasicek().entropy(x[shuffled])
    assert res2.local is not None
    np.testing.assert_allclose(res2.local, res.local[shuffled], atol=1e-12)


def test_errors_and_warnings() -> None:
    x = np.random.default_rng(5).standard_normal(100)
    with pytest.raises(InvalidParameterError, match="less than half"):
        Vasicek(window_length=50).entropy(x)
    with pytest.raises(InvalidParameterError, match="window_length"):
        Vasicek(window_length=0)
    with pytest.raises(InvalidDataError, match="one column"):
        Ebrahimi().entropy(np.column_stack([x, x]))
    tied = np.repeat(np.arange(5.0) + 0.5, 20)  # five point masses: entropy -inf
    with (
        pytest.warns(DataWarning, match="has atoms"),
        pytest.raises(InvalidDataError, match="spacings"),
    ):
        Vasicek(window_length=3).entropy(tied)
    rounded = np.round(np.random.default_rng(5).standard_normal(400), 2)
    with pytest.warns(DataWarning, match="repeated values"):  # ties, no atom
        Vasicek(window_length=20).entropy(rounded)
