"""The high-dimension every-pair path gives the brute-force answers, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import _neighbors
from mutinfo._neighbors import count_within, kth_neighbors
from mutinfo._neighbors._brute import brute_count, brute_knn
from mutinfo._neighbors._highdim import (
    HIGHDIM_MIN_DIM_COUNT,
    HIGHDIM_MIN_DIM_KNN,
    highdim_count,
    highdim_knn,
    highdim_pays,
)

pytest.importorskip("numba")


def _points(n: int, d: int, seed: int, *, ties: bool) -> np.ndarray:
    g = np.random.default_rng(seed)
    pts = g.standard_normal((n, d))
    if ties:  # a coarse grid: many equal distances and duplicate rows
        pts = np.round(pts, 0)
        pts[5] = pts[3]
    return np.ascontiguousarray(pts)


@pytest.mark.parametrize(("n", "d"), [(120, 3), (200, 17), (90, 40)])
@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("workers", [1, 2])
def test_matches_brute_force(n: int, d: int, ties: bool, workers: int) -> None:
    pts = _points(n, d, n + d, ties=ties)
    for k in (1, 4):
        dist, idx = highdim_knn(pts, k, workers=workers)
        want_dist, want_idx = brute_knn(pts, k, euclid=False)
        np.testing.assert_array_equal(dist, want_dist)
        np.testing.assert_array_equal(idx, want_idx)  # ties: the smaller index
        radius = dist[:, -1]
        for strict in (True, False):
            np.testing.assert_array_equal(
                highdim_count(pts, radius, strict=strict, workers=workers),
                brute_count(pts, radius, strict=strict, euclid=False),
            )


def test_zero_radius_counts_duplicates_only_when_not_strict() -> None:
    pts = _points(100, 20, 0, ties=True)
    zero = np.zeros(100)
    assert highdim_count(pts, zero, strict=True).sum() == 0
    np.testing.assert_array_equal(
        highdim_count(pts, zero, strict=False),
        brute_count(pts, zero, strict=False, euclid=False),
    )


def test_auto_takes_it_in_high_dimension_with_the_tree_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numba  # noqa: F401  (loaded: no break-even wait)

    assert highdim_pays(100, HIGHDIM_MIN_DIM_KNN, task="knn")
    assert not highdim_pays(100, HIGHDIM_MIN_DIM_KNN - 1, task="knn")
    assert highdim_pays(100, HIGHDIM_MIN_DIM_COUNT, task="count")
    pts = _points(300, 30, 1, ties=False)
    called: list[str] = []
    real_knn, real_count = highdim_knn, highdim_count

    def spy_knn(*a: object, **kw: object) -> object:
        called.append("knn")
        return real_knn(*a, **kw)  # type: ignore[arg-type]

    def spy_count(*a: object, **kw: object) -> object:
        called.append("count")
        return real_count(*a, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(_neighbors._highdim, "highdim_knn", spy_knn)
    monkeypatch.setattr(_neighbors._highdim, "highdim_count", spy_count)
    dist, _ = kth_neighbors(pts, 3)
    tree_dist, _ = kth_neighbors(pts, 3, algorithm="tree")
    np.testing.assert_array_equal(dist, tree_dist)
    eps = dist[:, -1]
    got = count_within(pts[:, :12], eps, strict=True)
    want = count_within(pts[:, :12], eps, strict=True, algorithm="tree")
    np.testing.assert_array_equal(got, want)
    assert called == ["knn", "count"]
    # the Euclidean norm stays on the tree
    kth_neighbors(pts, 3, metric="euclidean")
    assert called == ["knn", "count"]


def test_kth_radius_auto_in_high_dimension_takes_the_highdim_path() -> None:
    # kth_radius resolved "auto" to "highdim" and passed that name on to
    # kth_neighbors, which refused it: KSG in 40 joint dimensions (1000 rows)
    # raised InvalidParameterError once numba was loaded.
    import numba  # noqa: F401  (loaded: "auto" takes the every-pair path)

    import mutinfo as mt
    from mutinfo._neighbors import kth_radius

    pts = _points(600, HIGHDIM_MIN_DIM_KNN + 5, 11, ties=False)
    assert highdim_pays(*pts.shape, task="knn")
    want = brute_knn(pts, 3, euclid=False)[0][:, -1]
    np.testing.assert_array_equal(kth_radius(pts, 3), want)
    g = np.random.default_rng(0)
    x = g.standard_normal((300, 20))
    y = x + g.standard_normal((300, 20))
    with pytest.warns(mt.BiasWarning, match="joint dimensions"):
        value = mt.mi(x, y, method="ksg", rng=0)
    assert np.isfinite(value)
