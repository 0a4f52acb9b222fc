"""Neighbour search: every path agrees exactly with the brute-force definition."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mutinfo import _neighbors
from mutinfo._neighbors import (
    _grid,
    _jit,
    choose_algorithm,
    count_within,
    ksg_counts,
    kth_neighbors,
    kth_radius,
)
from mutinfo._neighbors._sorted import sorted_count
from mutinfo.exceptions import InvalidParameterError, MissingDependencyError

KINDS = ("normal", "integers", "rounded", "cauchy", "constant_column")


def sample(kind: str, n: int, d: int, seed: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    if kind == "normal":
        return g.standard_normal((n, d))
    if kind == "integers":  # heavy ties and duplicate rows
        return g.integers(0, 4, size=(n, d)).astype(float)
    if kind == "rounded":  # ties at one decimal, distances like 0.1 + 0.2
        return np.round(g.standard_normal((n, d)), 1)
    if kind == "cauchy":  # heavy tails: cells at quantiles keep the grid balanced
        return g.standard_cauchy((n, d))
    pts = g.standard_normal((n, d))
    pts[:, 0] = 2.5
    return pts


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("d", [1, 2, 3, 4])
@pytest.mark.parametrize("metric", ["chebyshev", "euclidean"])
def test_paths_agree_exactly(kind: str, d: int, metric: str) -> None:
    pts = sample(kind, 300, d, seed=d)
    k = 4
    ref_dist, ref_idx = kth_neighbors(pts, k, metric=metric, algorithm="brute")
    for algorithm in ("grid", "tree"):
        dist, idx = kth_neighbors(pts, k, metric=metric, algorithm=algorithm)
        np.testing.assert_array_equal(dist, ref_dist)
        # Every path breaks ties by the smaller index, like the brute-force
        # sort: the neighbours themselves, not only their distances, agree.
        np.testing.assert_array_equal(idx, ref_idx, err_msg=algorithm)
    for algorithm in ("auto", "grid", "tree", "brute"):
        got = kth_radius(pts, k, metric=metric, algorithm=algorithm)
        np.testing.assert_array_equal(got, ref_dist[:, -1], err_msg=algorithm)
    radius = ref_dist[:, -1]
    algorithms = ["grid", "tree"] + (["sorted"] if d == 1 else [])
    for strict in (True, False):
        ref = count_within(pts, radius, strict=strict, metric=metric, algorithm="brute")
        for algorithm in algorithms:
            got = count_within(
                pts, radius, strict=strict, metric=metric, algorithm=algorithm
            )
            np.testing.assert_array_equal(got, ref, err_msg=f"{algorithm} {strict}")


@pytest.mark.parametrize("d", [6, 8])
def test_grid_counts_in_higher_dimension(d: int) -> None:
    pts = sample("rounded", 400, d, seed=d)
    radius = kth_neighbors(pts, 3, algorithm="brute")[0][:, -1]
    for strict in (True, False):
        want = count_within(pts, radius, strict=strict, algorithm="brute")
        for algorithm in ("grid", "tree"):
            got = count_within(pts, radius, strict=strict, algorithm=algorithm)
            np.testing.assert_array_equal(got, want)


def test_brute_matches_definition() -> None:
    pts = sample("rounded", 80, 2, seed=0)
    r = np.random.default_rng(1).uniform(0, 1, 80)
    for strict in (True, False):
        got = count_within(pts, r, strict=strict, algorithm="brute")
        for i in range(80):
            d = np.abs(pts - pts[i]).max(axis=1)
            d[i] = np.inf
            want = np.sum(d < r[i]) if strict else np.sum(d <= r[i])
            assert got[i] == want


@pytest.mark.parametrize("strict", [True, False])
def test_sorted_numpy_fallback_matches(strict: bool) -> None:
    for kind in ("normal", "integers", "rounded"):
        x = sample(kind, 500, 1, seed=3)[:, 0]
        r = kth_neighbors(x[:, None], 3, algorithm="brute")[0][:, -1]
        want = count_within(x[:, None], r, strict=strict, algorithm="brute")
        np.testing.assert_array_equal(
            sorted_count(x, r, strict=strict, compiled=False), want
        )
        np.testing.assert_array_equal(
            sorted_count(x, r, strict=strict, compiled=True), want
        )


@settings(max_examples=40, deadline=None)
@given(
    pts=arrays(
        np.float64,
        st.tuples(st.integers(70, 120), st.integers(1, 3)),
        elements=st.sampled_from([-1.5, -0.1, 0.0, 0.1, 0.2, 0.3, 0.7, 2.0, 1e3]),
    ),
    k=st.integers(1, 5),
    strict=st.booleans(),
)
def test_paths_agree_on_arbitrary_ties(pts: np.ndarray, k: int, strict: bool) -> None:
    ref_dist, ref_idx = kth_neighbors(pts, k, algorithm="brute")
    radius = ref_dist[:, -1]
    ref = count_within(pts, radius, strict=strict, algorithm="brute")
    for algorithm in ("grid", "tree"):
        dist, idx = kth_neighbors(pts, k, algorithm=algorithm)
        np.testing.assert_array_equal(dist, ref_dist)
        np.testing.assert_array_equal(idx, ref_idx, err_msg=algorithm)
        got = count_within(pts, radius, strict=strict, algorithm=algorithm)
        np.testing.assert_array_equal(got, ref)
    np.testing.assert_array_equal(kth_radius(pts, k, algorithm="grid"), radius)
    if pts.shape[1] == 1:
        got = count_within(pts, radius, strict=strict, algorithm="sorted")
        np.testing.assert_array_equal(got, ref)


@pytest.mark.parametrize("kind", KINDS)
def test_3d_kth_radius_equals_the_brute_force_definition(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough points for a grid of many cells, so the box grows face by face.
    pts = sample(kind, 1000, 3, seed=7)
    pts[:, 2] += 0.8 * pts[:, 0]  # dependence: cells filled unevenly
    for k in (1, 4, 9):
        want = kth_neighbors(pts, k, algorithm="brute")[0][:, -1]
        np.testing.assert_array_equal(kth_radius(pts, k, algorithm="grid"), want)
    monkeypatch.setattr(_grid, "_THREADED_MIN", 0)  # rows split over threads
    got = kth_radius(pts, k, algorithm="grid", workers=3)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("strict", [True, False])
def test_2d_grid_counts_split_over_threads(
    strict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The 2-D max-norm count kernel finds its boxes' cells 16 points at a time:
    # any split of the rows (here over threads, mid-block) gives the same counts.
    pts = sample("rounded", 1201, 2, seed=11)
    radius = kth_neighbors(pts, 5, algorithm="brute")[0][:, -1]
    want = count_within(pts, radius, strict=strict, algorithm="brute")
    monkeypatch.setattr(_grid, "_THREADED_MIN", 0)
    for workers in (1, 3):
        got = count_within(
            pts, radius, strict=strict, algorithm="grid", workers=workers
        )
        np.testing.assert_array_equal(got, want)


def _ksg_counts_reference(x: np.ndarray, y: np.ndarray, k: int) -> tuple:
    joint = np.column_stack([x, y])
    eps = kth_neighbors(joint, k, algorithm="brute")[0][:, -1]
    return (
        count_within(x[:, None], eps, strict=True, algorithm="brute"),
        count_within(y[:, None], eps, strict=True, algorithm="brute"),
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("k", [1, 3, 4, 7])  # k <= 3: register path; k > 3: array path
def test_fused_ksg_counts_equal_the_brute_force_definition(kind: str, k: int) -> None:
    from mutinfo._neighbors._pairs import ksg_counts

    pts = sample(kind, 700, 2, seed=k)
    x, y = pts[:, 1], pts[:, 0]  # "constant_column": a constant y
    for per_cell in (0.5, 2.0, 50.0):
        got = ksg_counts(x, np.argsort(x), y, np.argsort(y, kind="stable"), k, per_cell)
        want = _ksg_counts_reference(x, y, k)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


def test_fused_ksg_counts_with_a_block_of_ties() -> None:
    # Half the rows share one x value: its cells are all at distance 0 in x, and
    # the search must cross them in x without widening in y (it did, and became
    # quadratic: 7 s at 1e5 rows).
    from mutinfo._neighbors._pairs import PER_CELL, ksg_counts

    g = np.random.default_rng(30)
    x = np.where(g.uniform(size=2000) < 0.5, 0.0, g.standard_normal(2000))
    y = g.standard_normal(2000)
    for a, b in ((x, y), (y, x)):
        got = ksg_counts(a, np.argsort(a), b, np.argsort(b), 3, PER_CELL)
        want = _ksg_counts_reference(a, b, 3)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


@settings(max_examples=40, deadline=None)
@given(
    pts=arrays(
        np.float64,
        st.tuples(st.integers(6, 90), st.just(2)),
        elements=st.sampled_from([-1.5, -0.1, 0.0, 0.1, 0.2, 0.3, 0.7, 2.0, 1e3]),
    ),
    k=st.integers(1, 5),
)
def test_fused_ksg_counts_on_arbitrary_ties(pts: np.ndarray, k: int) -> None:
    from mutinfo._neighbors._pairs import PER_CELL, ksg_counts

    x, y = pts[:, 0], pts[:, 1]
    got = ksg_counts(x, np.argsort(x), y, np.argsort(y), k, PER_CELL)
    want = _ksg_counts_reference(x, y, k)
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])


@pytest.mark.skipif(not _jit.have_numba(), reason="numba not installed")
def test_pairwise_sum_is_numpys_sum_bit_for_bit() -> None:
    # The tile kernel's mean must equal np.mean of the same local values.
    from mutinfo._neighbors._pairs import pairwise_sum

    g = np.random.default_rng(41)
    for n in [*range(0, 300), 1023, 1024, 1031, 4096, 10_001, 65_537]:
        a = g.standard_normal(n) * 10.0 ** g.uniform(-8, 8, n)
        assert pairwise_sum(a, 0, n) == np.add.reduce(a)
        if n > 3:
            assert pairwise_sum(a, 3, n - 3) == np.add.reduce(a[3:])


@pytest.mark.skipif(not _jit.have_numba(), reason="numba not installed")
@pytest.mark.parametrize("k", [1, 3, 5])
def test_ksg_tile_equals_the_pair_kernel_bit_for_bit(k: int) -> None:
    from mutinfo._neighbors import ksg_tile
    from mutinfo._special import digamma_int
    from mutinfo.estimators.knn import ksg1_local

    g = np.random.default_rng(42 + k)
    n = 900
    block = np.asfortranarray(g.standard_normal((n, 5)))
    block[:, 3] = np.round(block[:, 3], 1)  # ties
    block[:, 4] = block[:, 0] + 0.1 * block[:, 4]  # a dependent pair
    order = np.asfortranarray(np.argsort(block, axis=0, kind="stable"))
    psi = digamma_int(n + 2)
    ii, jj = (a.astype(np.int64) for a in np.triu_indices(5, 1))
    got = ksg_tile(block, order, psi, k, ii, jj)
    for q, (i, j) in enumerate(zip(ii, jj, strict=True)):
        nx, ny = ksg_counts(
            block[:, i],
            block[:, j],
            k,
            algorithm="grid",
            orders=(order[:, i], order[:, j]),
        )
        assert got[q] == ksg1_local(nx, ny, k, n, psi).mean()


@pytest.mark.skipif(not _jit.have_numba(), reason="numba not installed")
def test_compiled_argsort_sorts_hostile_values() -> None:
    # Keys keep the top 64 - log2(n) bits of each value: values agreeing there
    # are fixed by an insertion sort, or (over budget) numpy sorts instead.
    from mutinfo._neighbors._kernels import argsort_values

    g = np.random.default_rng(40)
    cases = [
        g.standard_normal(5000),
        np.round(g.standard_normal(5000), 1),  # heavy ties
        1.0 + 1e-13 * g.standard_normal(5000),  # all agree in the key: fallback
        np.concatenate([g.standard_normal(3000), 5.0 + 1e-12 * g.uniform(size=50)]),
        np.array([0.0, -0.0, 3.0, -3.0, 1e308, -1e308, 5e-324, -5e-324, 0.0]),
        np.array([2.5]),
        np.empty(0),
    ]
    for x in cases:
        order = argsort_values(x)
        assert order.dtype == np.int64
        np.testing.assert_array_equal(np.sort(order), np.arange(x.size))
        np.testing.assert_array_equal(x[order], np.sort(x))


@pytest.mark.skipif(not _jit.have_numba(), reason="numba not installed")
def test_ksg_counts_same_with_the_compiled_argsort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mutinfo._neighbors import ksg_counts

    monkeypatch.setattr(_neighbors, "_FAST_SORT_MIN", 100)
    g = np.random.default_rng(41)
    x = g.standard_normal(4000)
    y = 0.6 * x + 0.8 * g.standard_normal(4000)
    y[:400] = np.round(y[:400], 1)  # tied values may come in any order
    orders = (np.argsort(x, kind="stable"), np.argsort(y, kind="stable"))
    want = ksg_counts(x, y, 3, algorithm="grid", orders=orders)
    assert _neighbors.compiled_ready()  # the next call sorts with the kernels
    got = ksg_counts(x, y, 3, algorithm="grid")
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])


@pytest.mark.parametrize("strict", [True, False])
def test_sorted_count_windows_overflow_and_infinite_radii(strict: bool) -> None:
    # Radii far wider than the sampled search window finish by galloping;
    # infinite and zero radii are exact too.
    g = np.random.default_rng(21)
    x = np.sort(np.round(g.standard_normal(3000), 2))
    radius = np.where(g.uniform(size=3000) < 0.02, 5.0, 0.001)
    radius[::97] = np.inf
    radius[::89] = 0.0
    want = count_within(x[:, None], radius, strict=strict, algorithm="brute")
    np.testing.assert_array_equal(
        sorted_count(x, radius, strict=strict, compiled=True), want
    )


@pytest.mark.parametrize("algorithm", ["grid", "tree", "brute", "sorted"])
def test_zero_radius(algorithm: str) -> None:
    pts = np.array([[0.0], [0.0], [1.0], [1.0], [1.0], [2.0]] * 20)
    zero = np.zeros(len(pts))
    strict = count_within(pts, zero, strict=True, algorithm=algorithm)
    assert np.all(strict == 0)
    loose = count_within(pts, zero, strict=False, algorithm=algorithm)
    np.testing.assert_array_equal(loose, np.tile([39, 39, 59, 59, 59, 19], 20))


def test_duplicates_give_zero_distance_without_self() -> None:
    pts = np.repeat(np.arange(50.0), 3)[:, None]
    for algorithm in ("grid", "tree", "brute"):
        dist, idx = kth_neighbors(pts, 2, algorithm=algorithm)
        assert np.all(dist == 0)
        assert np.all(idx != np.arange(150)[:, None])


@settings(max_examples=30, deadline=None)
@given(
    pts=arrays(
        np.float64,
        st.tuples(st.integers(20, 60), st.integers(1, 3)),
        elements=st.sampled_from([-1.0, 0.0, 0.1, 0.2, 0.3, 1.0, 1e-200]),
    ),
    k=st.integers(1, 6),
    p=st.sampled_from([1.0, 2.0, 3.0, np.inf]),
    theiler=st.sampled_from([None, 0, 2]),
)
def test_tied_neighbours_are_the_same_on_every_path(
    pts: np.ndarray, k: int, p: float, theiler: int | None
) -> None:
    """Which tied neighbours come back is defined (smaller index), not the path's.

    Regression: the tree returned an arbitrary subset of the points tied at
    the k-th distance, so local-permutation nulls and other index users
    changed with the path (which "auto" picks by whether numba has loaded).
    """
    ref = kth_neighbors(pts, k, p=p, algorithm="brute", theiler=theiler)
    algorithms = ["tree"] + (["grid"] if p in (2.0, np.inf) else [])
    tiny = np.abs(pts[pts != 0.0])
    if p == 2.0 and tiny.size and tiny.min() < 1e-154:
        # Known limit: a squared gap below ~1e-308 underflows, so brute force
        # and the tree see 0 and 1e-200 at distance 0, where the grid's cell
        # bounds see their true gap and stop at an exact copy (row 2 rather
        # than row 1 for [0, 1e-200, 0, ...], k = 1). Estimators standardise
        # first, so only raw searches on such data meet it.
        algorithms = ["tree"]
    for algorithm in algorithms:
        got = kth_neighbors(pts, k, p=p, algorithm=algorithm, theiler=theiler)
        np.testing.assert_array_equal(got[0], ref[0], err_msg=algorithm)
        np.testing.assert_array_equal(got[1], ref[1], err_msg=algorithm)


def test_choose_algorithm(monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_algorithm(10, 5, task="knn") == "brute"
    assert choose_algorithm(10**5, 1, task="count") == "sorted"
    assert choose_algorithm(10**5, 5, task="knn") == "tree"
    assert choose_algorithm(10**5, 9, task="count") == "tree"
    assert choose_algorithm(10**6, 2, task="knn") == "grid"
    # Without numba loaded, a small one-off search stays on the tree (from
    # BACKGROUND_MIN points numba loads in a thread meanwhile) ...
    monkeypatch.setattr(_neighbors, "compiled_ready", lambda: False)
    monkeypatch.setattr(_neighbors, "_searched", 0)
    assert choose_algorithm(6 * 10**4, 2, task="knn") == "tree"
    # ... a search of JOIN_MIN points waits for that loader and takes the grid ...
    assert choose_algorithm(_neighbors.JOIN_MIN, 2, task="knn") == "grid"
    # (a one-shot process with the loader off stays on the tree)
    monkeypatch.setattr(_jit, "_background", False)
    monkeypatch.setattr(_jit, "_loader", None)
    assert choose_algorithm(10**5, 2, task="knn") == "tree"
    assert choose_algorithm(10**4, 3, task="count") == "tree"
    # Counts in 2-D or more gain more per point: the grid pays sooner.
    assert choose_algorithm(10**5, 3, task="count") == "grid"
    # ... until the process has searched enough points to repay loading numba.
    monkeypatch.setattr(_neighbors, "_searched", _neighbors.GRID_BREAK_EVEN)
    assert choose_algorithm(10**5, 2, task="knn") == "grid"
    monkeypatch.setattr(_neighbors, "compiled_ready", lambda: True)
    monkeypatch.setattr(_neighbors, "_searched", 0)
    assert choose_algorithm(10**5, 3, task="count") == "grid"


def test_one_shot_search_does_not_import_numba() -> None:
    code = (
        "import sys, numpy as np; from mutinfo._neighbors import kth_neighbors; "
        "from mutinfo._neighbors import count_within; "
        "p = np.random.default_rng(0).normal(size=(20000, 2)); "
        "r = kth_neighbors(p, 3)[0][:, -1]; count_within(p[:, :1], r, strict=True); "
        "print('numba' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_background_loader_same_counts() -> None:
    # A fresh process: a large search starts loading numba in a thread and runs
    # on the tree; once loaded, the same call runs compiled, with equal counts.
    code = (
        "import os, sys, numpy as np\n"
        "from mutinfo._neighbors import _jit, choose_algorithm, ksg_counts\n"
        "g = np.random.default_rng(1); x = g.normal(size=60000)\n"
        "y = x + g.normal(size=60000)\n"
        "assert choose_algorithm(60000, 2, task='knn') == 'tree'\n"
        "first = ksg_counts(x, y, 3)\n"
        "print(os.environ.get('MUTINFO_BACKGROUND_LOAD', '1'), "
        "'numba' in sys.modules)\n"
        "if _jit.wait_loaded():\n"
        "    assert choose_algorithm(60000, 2, task='knn') == 'grid'\n"
        "    second = ksg_counts(x, y, 3)\n"
        "    tree = ksg_counts(x, y, 3, algorithm='tree')\n"
        "    for a, b, c in zip(first, second, tree):\n"
        "        assert np.array_equal(a, b) and np.array_equal(a, c)\n"
        "    print('compared')\n"
    )
    import os

    runs = {}
    for flag in ("1", "0"):
        env = dict(os.environ, MUTINFO_BACKGROUND_LOAD=flag)
        runs[flag] = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout.split()
    assert runs["1"] == ["1", "True", "compared"]
    assert runs["0"] == ["0", "False"]


def test_without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jit, "_available", False)
    assert choose_algorithm(10**5, 2, task="knn") == "tree"
    pts = sample("normal", 200, 2, seed=0)
    with pytest.raises(MissingDependencyError, match="pip install numba"):
        kth_neighbors(pts, 3, algorithm="grid")
    x = pts[:, :1]
    r = np.full(200, 0.3)
    want = count_within(x, r, strict=True, algorithm="brute")
    np.testing.assert_array_equal(count_within(x, r, strict=True), want)


def test_bad_arguments() -> None:
    pts = np.zeros((10, 2))
    with pytest.raises(InvalidParameterError, match=r"'k' .* \[1, 9\].*Got 10"):
        kth_neighbors(pts, 10)
    with pytest.raises(InvalidParameterError, match=r"'k' .*Got 0"):
        kth_neighbors(pts, 0)
    with pytest.raises(InvalidParameterError, match=r"'metric' .*Got 'l1'"):
        kth_neighbors(pts, 1, metric="l1")
    with pytest.raises(InvalidParameterError, match=r"'algorithm' .*Got 'kd'"):
        count_within(pts, np.ones(10), strict=True, algorithm="kd")
    with pytest.raises(InvalidParameterError, match=r"'sorted' .*d=2"):
        count_within(pts, np.ones(10), strict=True, algorithm="sorted")
    with pytest.raises(InvalidParameterError, match=r"'radius' .*\(10,\).*\(9,\)"):
        count_within(pts, np.ones(9), strict=True)
    with pytest.raises(InvalidParameterError, match=r"'points' .*2-D"):
        kth_neighbors(np.zeros(10), 1)


def test_public_names() -> None:
    assert set(_neighbors.__all__) >= {"kth_neighbors", "count_within", "ALGORITHMS"}


def test_numba_is_imported_lazily() -> None:
    code = (
        "import sys, numpy as np; from mutinfo._neighbors import kth_neighbors; "
        "kth_neighbors(np.random.default_rng(0).normal(size=(500, 5)), 3); "
        "print('numba' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"  # the tree path never needs numba


def test_fused_ksg_counts_stop_on_nan_instead_of_reading_past_the_grid() -> None:
    # Validated data never holds NaN; the kernel must still stay in bounds.
    from mutinfo._neighbors._pairs import PER_CELL, ksg_counts

    g = np.random.default_rng(31)
    x, y = g.standard_normal(500), g.standard_normal(500)
    x[::50] = np.nan
    nx, ny = ksg_counts(x, np.argsort(x), y, np.argsort(y), 3, PER_CELL)
    assert nx.shape == ny.shape == (500,)


@pytest.mark.parametrize("kind", ["normal", "integers", "rounded", "cauchy"])
def test_grouped_kth_is_each_groups_tree_search(kind: str) -> None:
    # Ross's mixed KSG radii: the compiled and the vectorised windows give the
    # k-th distance a tree search within each group gives, bit for bit.
    from mutinfo._neighbors._sorted import grouped_kth

    g = np.random.default_rng(7)
    values = sample(kind, 400, 1, 3)[:, 0]
    codes = g.integers(0, 5, 400)
    codes[:3] = 5, 6, 6  # a label seen once, one seen twice
    sizes = np.bincount(codes)
    for k in (1, 3, 8):
        want = np.zeros(400)
        want_k = np.zeros(400, dtype=np.int64)
        for label in np.flatnonzero(sizes > 1):
            rows = np.flatnonzero(codes == label)
            kk = min(k, rows.size - 1)
            want[rows] = kth_neighbors(values[rows, None], kk, algorithm="tree")[0][
                :, -1
            ]
            want_k[rows] = kk
        for compiled in (False, True):
            radius, k_used = grouped_kth(values, codes, sizes, k, compiled=compiled)
            np.testing.assert_array_equal(radius, want)
            np.testing.assert_array_equal(k_used, want_k)


def test_resolver_prefetches_numba_only_for_large_neighbour_estimates() -> None:
    # mt.mi starts the numba loader before it imports the estimator families
    # (so the two overlap), only where the search would start it anyway: a
    # neighbour family on continuous data of at least BACKGROUND_MIN rows.
    code = (
        "import sys, numpy as np, mutinfo as mt\n"
        "from mutinfo._neighbors import _jit, BACKGROUND_MIN\n"
        "g = np.random.default_rng(0)\n"
        "n = BACKGROUND_MIN\n"
        "x, y = g.normal(size=n), g.normal(size=n)\n"
        "lab = g.integers(0, 3, size=n)\n"
        "mt.mi(lab, lab + 1)\n"
        "mt.mi(x, y, method='gaussian')\n"
        "mt.mi(x[:1000], y[:1000])\n"
        "print(_jit._loader is not None)\n"
        "from mutinfo._neighbors import prefetch\n"
        "prefetch(n)\n"
        "print(_jit._loader is not None, _jit.wait_loaded(), 'numba' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True", "True", "True"]


def test_the_loader_leaves_the_grid_kernels_to_their_first_use() -> None:
    # The background loader loads what a 2-D KSG needs and ends; the general
    # grid kernels load on their first use, on the calling thread, with the
    # same results (a 3-D grid kNN against the tree).
    code = (
        "import numpy as np\n"
        "from mutinfo._neighbors import _jit, kth_neighbors\n"
        "_jit.start_loading(); print(_jit.wait_loaded())\n"
        "pts = np.random.default_rng(2).normal(size=(3000, 3))\n"
        "a = kth_neighbors(pts, 3, algorithm='grid')[0]\n"
        "b = kth_neighbors(pts, 3, algorithm='tree')[0]\n"
        "print(np.array_equal(a, b))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True"]
