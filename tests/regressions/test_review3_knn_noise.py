"""Review regressions (h3-review): kNN MI with noise=0 on tied values."""

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import DataWarning


def _rounded(n: int = 600, decimals: int = 2):
    rng = np.random.default_rng(0)
    x = rng.normal(size=n)
    y = 0.8 * x + 0.6 * rng.normal(size=n)
    labels = (x > 0).astype(int) + (x > 1)
    return np.round(x, decimals), np.round(y, decimals), labels


def test_ross_without_noise_on_tied_values_warns():
    # Ross's estimator with noise=0 on y rounded to 2 decimals read 1.47 nats,
    # above H(labels) ~ 1.0 (the most I(labels; y) can be), without a warning.
    _, y, labels = _rounded(2000)
    with pytest.warns(DataWarning, match="noise=0"):
        value = mt.mi(labels, y, method="mixed_ksg", noise=0)
    assert value > mt.entropy(labels, method="plugin")  # the bias it warns of
    assert mt.mi(labels, y, method="mixed_ksg", rng=0) < 0.5  # default: fine


def test_ksg_without_noise_on_tied_values_warns():
    x, y, _ = _rounded()
    with pytest.warns(DataWarning, match="noise=0"):
        mt.mi(x, y, method="ksg", noise=0)


def test_ksg_without_noise_on_distinct_values_is_quiet():
    rng = np.random.default_rng(1)
    x = rng.normal(size=500)
    y = x + rng.normal(size=500)
    mt.mi(x, y, method="ksg", noise=0)  # MutinfoWarnings are errors in tests
    labels = (x > 0).astype(int)
    mt.mi(labels, y, method="mixed_ksg", noise=0)


def test_matrix_ksg_without_noise_on_tied_values_warns():
    # The matrix's fast KSG path skipped the estimator's noise=0 check: 0.574
    # on rounded columns with no warning (review h3).
    x, y, _ = _rounded()
    with pytest.warns(DataWarning, match="noise=0"):
        mt.mi_matrix(np.column_stack([x, y]), method="ksg", noise=0)
