"""Any statistic gets p-values and intervals through the same machinery."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidParameterError

rng = np.random.default_rng(11)
X = rng.normal(size=300)
Y = 0.5 * X + rng.normal(size=300)


def gaussian_mi(x: np.ndarray, y: np.ndarray) -> float:
    return mt.mi(x, y, method="gaussian")


def test_callable_interval_equals_the_estimator_interval() -> None:
    kw = {"n_resamples": 60, "rng": 4, "scheme": "subsample"}
    own = mt.confidence_interval(X, Y, method="gaussian", **kw)
    composed = mt.confidence_interval(X, Y, statistic=gaussian_mi, **kw)
    assert composed.method == "gaussian_mi"
    assert composed.scheme == "subsample"
    assert composed.estimate == pytest.approx(own.estimate, abs=1e-12)
    assert composed.low == pytest.approx(own.low, abs=1e-12)
    assert composed.high == pytest.approx(own.high, abs=1e-12)


def test_callable_test_equals_the_estimator_test() -> None:
    own = mt.independence_test(X, Y, method="gaussian", n_permutations=49, rng=2)
    composed = mt.independence_test(
        X, Y, statistic=gaussian_mi, n_permutations=49, rng=2
    )
    assert composed.statistic == pytest.approx(own.statistic, abs=1e-12)
    np.testing.assert_allclose(
        np.sort(composed.null_distribution), np.sort(own.null_distribution), atol=1e-12
    )
    assert composed.p_value == own.p_value == 0.02


def test_statistic_receives_rng_and_may_return_a_result() -> None:
    seen = []

    def ksg(x: np.ndarray, y: np.ndarray, rng: np.random.Generator) -> mt.Result:
        seen.append(rng)
        return mt.estimate("mi", x, y, method="ksg", rng=rng, base=2)

    res = mt.independence_test(X, Y, statistic=ksg, n_permutations=9, rng=0)
    assert all(isinstance(g, np.random.Generator) for g in seen)
    # a Result in bits is read in nats, and reported in the test's base (nats)
    assert res.statistic == pytest.approx(mt.mi(X, Y, method="ksg", rng=0), abs=0.1)


def test_callable_statistic_misuse() -> None:
    with pytest.raises(InvalidParameterError, match="chooses its own estimator"):
        mt.independence_test(X, Y, statistic=gaussian_mi, method="ksg")
    with pytest.raises(InvalidParameterError, match="analytic"):
        mt.confidence_interval(X, Y, statistic=gaussian_mi, scheme="analytic")
    with pytest.raises(InvalidParameterError, match="must return a float"):
        mt.independence_test(X, Y, statistic=lambda x, y: "high", n_permutations=5)
    with pytest.raises(InvalidParameterError, match="'statistic'"):
        mt.confidence_interval(X, Y, statistic=3)
