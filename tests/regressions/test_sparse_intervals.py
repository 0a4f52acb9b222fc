"""Regression: counting-family intervals on sparse tables covered far below level.

On the 8-symbol channel (eps = 0.5) ``james_stein`` subsampling intervals
covered 0.07 / 0.12 / 0.25 of 95% at n = 12 / 20 / 30 and its analytic rule
0.72 / 0.59 / 0.55, with only the estimate's own sparse-table BiasWarning: the
interval itself said nothing. It now warns (ResamplingWarning) when the joint
table of the rows each estimate sees has more occupied cells per sample than
the family's ``interval_sparse_ratio``.
"""

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning, MutinfoWarning, ResamplingWarning
from mutinfo.stats._intervals import expected_occupied


def _channel(n: int, k: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, k, n)
    return x, np.where(rng.random(n) < 0.5, rng.integers(0, k, n), x)


@pytest.mark.parametrize(
    ("method", "scheme"),
    [
        ("james_stein", "analytic"),
        ("james_stein", "subsample"),
        ("grassberger", "auto"),
        ("miller_madow", "analytic"),
        ("chao_shen", "auto"),
        ("james_stein", "extrapolate"),
    ],
)
def test_sparse_table_interval_warns(method, scheme):
    x, y = _channel(20, 8)  # 14 occupied joint cells for 20 rows
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.confidence_interval(
            x, y, method=method, scheme=scheme, n_resamples=40, rng=0
        )
    found = [w for w in caught if issubclass(w.category, ResamplingWarning)]
    assert any("occupied cells per sample" in str(w.message) for w in found)
    # (the estimate's own sparse-table warning comes too)
    assert any(issubclass(w.category, BiasWarning) for w in caught)


def test_subsample_counts_the_subsample_table():
    # 120 rows of the 8-symbol channel: about 0.35 occupied cells per row in
    # full, but about 0.5+ in the half-samples the interval is built from
    # (james_stein subsampling covered 0.76 at n = 80); the analytic rule on
    # the full table stays quiet.
    x, y = _channel(80, 8, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", MutinfoWarning)
        mt.confidence_interval(x, y, method="james_stein", scheme="analytic", rng=0)
    with pytest.warns(ResamplingWarning, match="subsamples of 40"):
        mt.confidence_interval(
            x, y, method="james_stein", scheme="subsample", n_resamples=40, rng=0
        )


@pytest.mark.parametrize("method", ["auto", "plugin", "james_stein", "grassberger"])
def test_well_sampled_table_does_not_warn(method):
    x, y = _channel(300, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", MutinfoWarning)
        ci = mt.confidence_interval(x, y, method=method, n_resamples=100, rng=0)
    assert ci.low <= ci.estimate <= ci.high


def test_expected_occupied_matches_enumeration():
    counts = np.array([3, 1, 1, 2])
    rows = np.repeat(np.arange(4), counts)
    from itertools import combinations

    seen = [len(set(rows[list(c)])) for c in combinations(range(rows.size), 3)]
    assert expected_occupied(counts, 3) == pytest.approx(np.mean(seen))
    assert expected_occupied(counts, 7) == 4.0
