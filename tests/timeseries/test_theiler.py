"""Theiler window: every neighbour path equals the brute-force definition."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo._neighbors import count_within, ksg_counts, kth_neighbors
from mutinfo._neighbors._exclude import realisation_times, row_times
from mutinfo.exceptions import InvalidParameterError


def definition(pts: np.ndarray, times: np.ndarray, w: int, euclid: bool) -> np.ndarray:
    """All pairwise distances, inf where |t_i - t_j| <= w (the point itself too)."""
    diff = np.abs(pts[:, None, :] - pts[None, :, :])
    if euclid:
        acc = np.zeros(diff.shape[:2])
        for j in range(pts.shape[1]):
            acc += diff[:, :, j] * diff[:, :, j]
        dist = np.sqrt(acc)
    else:
        dist = diff.max(axis=2)
    dist[np.abs(times[:, None] - times[None, :]) <= w] = np.inf
    return dist


@pytest.mark.parametrize("d", [1, 2, 3])
@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
@pytest.mark.parametrize("w", [0, 1, 4, 25])
def test_every_path_matches_the_definition(d: int, metric: str, w: int) -> None:
    g = np.random.default_rng(d + 10 * w)
    pts = np.round(g.standard_normal((240, d)), 1)  # ties and duplicates
    times = realisation_times(
        np.r_[np.arange(100), np.arange(3, 143)], np.r_[np.zeros(100), np.ones(140)], w
    ).astype(np.int64)
    ref = definition(pts, times, w, metric == "euclidean")
    k = 4
    want = np.sort(ref, axis=1)[:, :k]
    radius = want[:, -1]
    with row_times(times):
        for algorithm in ("brute", "grid", "tree"):
            dist, idx = kth_neighbors(
                pts, k, metric=metric, algorithm=algorithm, theiler=w
            )
            np.testing.assert_array_equal(dist, want, err_msg=algorithm)
            assert np.all(np.abs(times[idx] - times[:, None]) > w)
        paths = ["brute", "grid", "tree"] + (["sorted"] if d == 1 else [])
        for strict in (True, False):
            inside = ref < radius[:, None] if strict else ref <= radius[:, None]
            for algorithm in paths:
                got = count_within(
                    pts,
                    radius,
                    strict=strict,
                    metric=metric,
                    algorithm=algorithm,
                    theiler=w,
                )
                np.testing.assert_array_equal(got, inside.sum(axis=1))


def test_ksg_pair_counts_and_zero_window() -> None:
    g = np.random.default_rng(1)
    x, y = g.standard_normal((2, 500))
    times = np.arange(500)
    ref = definition(np.column_stack([x, y]), times, 3, False)
    eps = np.sort(ref, axis=1)[:, 2]
    nx, ny = ksg_counts(x, y, 3, theiler=3)
    for col, got in ((x, nx), (y, ny)):
        d1 = np.abs(col[:, None] - col[None, :])
        d1[np.abs(times[:, None] - times[None, :]) <= 3] = np.inf
        np.testing.assert_array_equal(got, (d1 < eps[:, None]).sum(axis=1))
    # A window of 0 excludes the point itself only: the plain search, bit for bit.
    np.testing.assert_array_equal(ksg_counts(x, y, 3, theiler=0), ksg_counts(x, y, 3))


def test_transfer_entropy_with_window() -> None:
    g = np.random.default_rng(2)
    x = np.convolve(g.standard_normal(1600), np.ones(5) / 5, mode="same")
    y = np.r_[0.0, x[:-1]] + 0.3 * g.standard_normal(1600)
    plain = ts.estimate("te", x, y, method="ksg", rng=0)
    zero = ts.estimate("te", x, y, method="ksg", theiler=0, rng=0)
    assert zero.value == plain.value
    res = ts.estimate("te", x, y, method="ksg", theiler=10, rng=0)
    assert res.params["theiler"] == 10
    assert res.value > 0.3
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
    # Realisations: the window is taken per realisation, never across the join.
    two = ts.estimate("ais", [y[:800], y[800:]], method="ksg", theiler=5, rng=0)
    assert two.params["n_realisations"] == 2
    kl = ts.estimate("entropy_rate", x, method="kl", theiler=5, rng=0)
    assert np.isfinite(kl.value)


def test_window_longer_than_series_and_bad_values() -> None:
    x = np.random.default_rng(3).standard_normal(30)
    with pytest.raises(InvalidParameterError, match="'theiler' window"):
        ts.transfer_entropy(x, np.roll(x, 1), method="ksg", theiler=40)
    with pytest.raises(InvalidParameterError, match="theiler"):
        ts.transfer_entropy(x, np.roll(x, 1), method="ksg", theiler=-1)
    with pytest.raises(InvalidParameterError, match="theiler"):
        kth_neighbors(np.zeros((5, 1)), 1, theiler=1.5)  # type: ignore[arg-type]


def test_surrogate_test_uses_the_window_per_realisation() -> None:
    g = np.random.default_rng(5)
    x = g.standard_normal(400)
    y = np.r_[0.0, x[:-1]] + 0.5 * g.standard_normal(400)
    parts = ([x[:200], x[200:]], [y[:200], y[200:]])
    res = ts.transfer_entropy_test(
        *parts, method="ksg", theiler=3, n_permutations=9, rng=0, n_jobs=2
    )
    # The statistic is the estimate with the same window and realisations.
    want = ts.transfer_entropy(*parts, method="ksg", theiler=3, rng=0)
    assert res.statistic == pytest.approx(want, abs=1e-12)
    assert res.p_value == pytest.approx(0.1)


def test_fast_kernels_step_aside_for_a_window() -> None:
    from mutinfo.estimators import KSG
    from mutinfo.stats._fast_null import null_statistic

    assert KSG().fast_kernel() == "ksg"  # the matrix kernel without a window
    assert KSG(theiler=2).fast_kernel() is None
    from mutinfo._validation import Variable

    g = np.random.default_rng(6)
    v = [Variable(n, g.standard_normal((50, 1)), (False,)) for n in "xy"]
    assert null_statistic(KSG(), "mi", v, g) is not None
    assert null_statistic(KSG(theiler=2), "mi", v, g) is None
