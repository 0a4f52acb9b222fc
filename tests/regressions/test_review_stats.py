"""Review regressions (review-stats): silent wrong numbers in mutinfo.stats.

``confidence_interval(..., n_resamples=1)`` with a resampling scheme returned
the zero-width interval [v, v] (subsample: [estimate, estimate]; bootstrap:
one resample's value) and ``scheme="block"`` the interval [nan, nan], all with
no MutinfoWarning. One resample has no spread: it is now refused.
"""

import math

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidParameterError, ResamplingWarning


def _gaussian(n: int = 120, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return x, 0.6 * x + 0.8 * rng.normal(size=n)


@pytest.mark.parametrize(
    "scheme", ["subsample", "bootstrap", "bca", "extrapolate", "block"]
)
def test_one_resample_is_refused(scheme):
    x, y = _gaussian()
    with pytest.raises(InvalidParameterError, match="n_resamples"):
        mt.confidence_interval(
            x, y, method="gaussian", scheme=scheme, n_resamples=1, rng=0
        )


def test_one_resample_is_fine_for_analytic_and_two_give_a_finite_width():
    x, y = _gaussian()
    ci = mt.confidence_interval(
        x, y, method="gaussian", scheme="analytic", n_resamples=1
    )
    assert ci.low < ci.estimate < ci.high
    # Two resamples on purpose: the smallest count with a spread (too few for
    # a 95% interval, which warns).
    with pytest.warns(ResamplingWarning, match=r"needs n_resamples >= 40; got n_"):
        ci = mt.confidence_interval(
            x,
            y,
            method="gaussian",
            scheme="block",
            block_length=2,
            n_resamples=2,
            rng=0,
        )
    assert math.isfinite(ci.low)
    assert ci.high > ci.low
