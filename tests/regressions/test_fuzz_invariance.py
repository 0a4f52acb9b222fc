"""Regressions from the invariance fuzzing of the front door (offsets, scales,
outliers, duplicated rows): silent wrong numbers found and fixed."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._scaling import robust_spread, safe_std


def _gaussian_pair(n: int, seed: int = 6) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    z = rng.normal(size=n)
    return z, 0.7 * z + 0.7 * rng.normal(size=n)  # MI 0.347 nats


@pytest.mark.parametrize("outlier", [1e6, 1e12, 1e100])
def test_ksg_one_far_outlier_keeps_the_mi(outlier: float) -> None:
    # One glitch value inflated the std that KSG standardised by: the column
    # shrank to a sliver, its noise drowned it, and KSG read 0.00 for 0.35.
    x, y = _gaussian_pair(500)
    clean = mt.mi(x, y, rng=0)
    x[0] = outlier
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn about: one row
        dirty = mt.mi(x, y, rng=0)  # auto: ksg
    assert dirty == pytest.approx(clean, abs=0.05)
    assert dirty > 0.25


def test_ksg_outlier_through_the_matrix_and_ranking() -> None:
    x, y = _gaussian_pair(500)
    x[0] = 1e9
    ranked = mt.rank_features(x[:, None], y, rng=0)
    assert float(ranked["mi"].iloc[0]) > 0.25
    matrix = mt.mi_matrix(np.column_stack([x, y]), rng=0)
    assert float(np.asarray(matrix.mi)[0, 1]) > 0.25


def test_kl_entropy_one_far_outlier() -> None:
    # The tie-breaking noise was sized by the outlier-inflated std (1e12 among
    # 500 N(0, 1) samples: noise std 4.5 against unit data): 3.05 for 1.43.
    x, _ = _gaussian_pair(500)
    clean = mt.entropy(x, rng=0)
    x[0] = 1e12
    assert mt.entropy(x, rng=0) == pytest.approx(clean, abs=0.1)


def test_robust_spread_caps_only_heavy_columns() -> None:
    rng = np.random.default_rng(0)
    gauss = rng.normal(size=(1000, 2))
    std = safe_std(gauss)
    np.testing.assert_array_equal(robust_spread(gauss, std), std)
    heavy = gauss.copy()
    heavy[0, 0] = 1e300
    capped = robust_spread(heavy, safe_std(heavy))
    assert capped[0] < 3.0
    assert capped[1] == std[1]
    # equivariant under scaling (by powers of two exactly)
    scaled = robust_spread(heavy * 2.0**-900, safe_std(heavy * 2.0**-900))
    assert scaled[0] == capped[0] * 2.0**-900
    mostly_ties = np.zeros((100, 1))
    mostly_ties[:10, 0] = np.arange(1, 11)
    s = safe_std(mostly_ties)
    np.testing.assert_array_equal(robust_spread(mostly_ties, s), s)  # IQR 0


@pytest.mark.parametrize("copies", [2, 3])
def test_kl_entropy_duplicated_records_warn(copies: int) -> None:
    # Fewer copies than k: no row's k-th neighbour is a copy, so neither the
    # dense-ties nor the collapsed-rows warning fired, while every row twice
    # read 0.56 nats for 1.39 (three times: 0.43 low).
    x, _ = _gaussian_pair(300)
    clean = mt.entropy(x, rng=0)
    with pytest.warns(mt.DataWarning, match="repeat another row exactly"):
        doubled = mt.entropy(np.repeat(x, copies), rng=0)
    assert doubled < clean - 0.3  # the bias the warning announces


def test_kl_entropy_few_duplicates_stay_quiet() -> None:
    x, _ = _gaussian_pair(1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.entropy(np.r_[x, x[:20]], rng=0)  # 4 % of rows repeated
