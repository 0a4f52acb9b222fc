"""Review regressions (h4-review): intervals that miss their own estimate.

A bootstrap resample repeats rows. On a sparse table (cells seen once) the
repeats are dependence the data did not have, so the resampled estimates of a
counting family sit far above the estimate and the percentile (or BCa)
interval excludes it: ``dirichlet_product`` on 40 x 40 independent symbols at
n = 100 read 2.6e-7 nats with the interval [1.37, 1.80], with no warning but
the estimate's own sparse-table one. The Gaussian analytic interval started at
0 while the bias-corrected estimate (a raw value) was negative.
"""

import math
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning, ResamplingWarning


def _sparse(n: int = 100, k: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, k, n), rng.integers(0, k, n)


def _channel(n: int = 1000, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 8, n)
    return x, np.where(rng.random(n) < 0.3, rng.integers(0, 8, n), x)


def _interval(x, y, **kwargs):
    """The interval, with the estimate's own sparse-table BiasWarning ignored.

    40 resamples: the fewest a 95% interval takes without a ResamplingWarning
    that it is too narrow.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        return mt.confidence_interval(x, y, rng=0, **{"n_resamples": 40, **kwargs})


def _split(record):
    """The sparse-table warning and the one other warning, in that order."""
    (sparse, message) = [str(w.message) for w in record]
    return sparse, message


@pytest.mark.parametrize(
    "method",
    [
        "dirichlet_product",
        "miller_madow",
        "grassberger",
        "james_stein",
        "nsb",
        "chao_shen",
    ],
)
def test_bootstrap_on_a_sparse_table_says_it_misses_the_estimate(method):
    x, y = _sparse()
    with pytest.warns(ResamplingWarning) as record:
        ci = _interval(x, y, method=method, scheme="bootstrap")
    assert ci.low > ci.estimate  # repeated rows read as dependence
    # The table (100 rows, ~90 cells) is also too sparse for any interval.
    sparse, message = _split(record)
    assert "occupied cells per sample" in sparse
    assert "does not contain its own estimate" in message
    assert "lies above it" in message
    assert "scheme='subsample'" in message


def test_bootstrap_on_row_ids_says_it_misses_the_estimate():
    rng = np.random.default_rng(0)
    row_id, label = np.arange(100), rng.integers(0, 40, 100)
    with pytest.warns(ResamplingWarning) as record:
        ci = _interval(row_id, label, method="dirichlet_product", scheme="bootstrap")
    assert ci.estimate < 1e-6 < 2.0 < ci.low
    sparse, message = _split(record)
    assert "occupied cells per sample" in sparse
    assert "does not contain its own estimate" in message


def test_bca_on_a_sparse_table_says_it_misses_the_estimate():
    x, y = _sparse()
    # Every resample lies above the estimate: BCa falls back to the percentile
    # interval, and the one warning says both.
    with pytest.warns(ResamplingWarning) as record:
        ci = _interval(x, y, method="dirichlet_product", scheme="bca")
    assert ci.scheme == "bootstrap"
    assert ci.low > ci.estimate
    sparse, message = _split(record)
    assert "occupied cells per sample" in sparse
    assert "BCa correction is undefined" in message
    assert "does not contain its own estimate" in message


def test_degenerate_subsample_interval_says_it_misses_the_estimate():
    # dirichlet_product at independence: most half-samples read the same tiny
    # value, so the interval has no width and sits beside the estimate.
    rng = np.random.default_rng(100)
    x, y = rng.integers(0, 4, 1000), rng.integers(0, 4, 1000)
    with pytest.warns(ResamplingWarning, match="degenerate or strongly skewed"):
        ci = _interval(x, y, method="dirichlet_product", n_resamples=100)
    assert ci.scheme == "subsample"
    assert not ci.low <= ci.estimate <= ci.high


@pytest.mark.parametrize("scheme", ["bootstrap", "bca", "subsample"])
@pytest.mark.parametrize("method", ["miller_madow", "grassberger"])
def test_no_warning_on_a_well_sampled_table(method, scheme):
    x, y = _channel()
    with warnings.catch_warnings():
        # (40 resamples are too few for the BCa tails; that warning is not ours.)
        warnings.filterwarnings("ignore", "The BCa interval needs", ResamplingWarning)
        warnings.filterwarnings("error", "(?s).*does not contain", ResamplingWarning)
        ci = _interval(x, y, method=method, scheme=scheme)
    assert ci.low <= ci.estimate <= ci.high


def test_gaussian_interval_holds_a_negative_estimate():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=100), rng.normal(size=100)
    ci = mt.confidence_interval(x, y, method="gaussian", rng=0)
    assert ci.scheme == "analytic"
    assert ci.estimate == pytest.approx(-0.0035881619558835176)
    # It started at 0, above the estimate; now at the estimate itself.
    assert ci.low == ci.estimate < 0.0 < ci.high
    # The upper end is Fisher's around the sample correlation itself (not
    # around rho = 0 as when z was taken of the bias-corrected MI, which
    # under-covered): log cosh(atanh |r| + z / sqrt(n - 3)).
    r = abs(np.corrcoef(x, y)[0, 1])
    want = math.log(math.cosh(math.atanh(r) + 1.959963984540054 / 97**0.5))
    assert ci.high == pytest.approx(want, rel=1e-9)
