"""Neighbour search: exact kNN radii and range counts under the max or L2 norm.

Every kNN estimator (KSG, KL, mixed KSG, and later local-permutation tests and
transfer entropy) calls these functions and nothing else, so a faster backend
slots in here alone. Memory is O(n d): no n x n matrices (the brute-force path
works in row chunks).

Paths (``algorithm=``):

- ``"grid"``: box-assisted search. Points are bucketed into cells whose edges
  sit at quantiles of each column; a query scans rings of cells until the
  k-th distance is provably final. Compiled with numba on first use (cached on
  disk). Fast in low dimension.
- ``"tree"``: scipy's ``cKDTree`` with ``workers`` threads; any dimension.
  A 2-D maximum-norm radius search (:func:`kth_radius`, KSG's pair search)
  in a process that has not imported ``scipy.spatial`` runs the same grid in
  numpy instead (:mod:`._npgrid`: importing scipy would cost more than the
  search; crowded data still go to the tree). Same radii either way.
- ``"sorted"``: one-dimensional counts by binary searches on the sorted values
  (numba, or a vectorised numpy fallback). :mod:`._pairs` fuses a 2-D KSG
  pair's radius search and counts for columns sorted in advance (matrices).
- ``"brute"``: all pairwise distances in row chunks; the reference definition.
- ``"torch"``: the brute force with PyTorch on a GPU (or the CPU), in row
  chunks bounded by a memory budget (:mod:`._torch`); ``"torch:<device>"``
  names the device (``"torch:cpu"``, ``"torch:cuda:1"``). ``"auto"`` takes it
  only when torch is imported, a CUDA device is present and the search is
  large and above the grid's dimensions (:func:`._torch.torch_pays`).
- every pair with early exits (:mod:`._highdim`, numba): what ``"auto"`` runs
  instead of the tree for maximum-norm searches in high dimension, where a
  tree prunes nothing (a 50-D KSG joint search at n = 10^4: 4x faster).
- ``"auto"``: ``"brute"`` for tiny samples, ``"sorted"`` for 1-D counts,
  ``"grid"`` for kNN in dimension at most :data:`GRID_MAX_DIM` and for counts
  in dimension at most :data:`GRID_MAX_DIM_COUNT` when numba is installed and
  loaded, ``"tree"`` otherwise. Loading numba and its cached kernels costs
  about 0.5-1 s of one core once per process, more than a tree search of 10^5
  points, which the grid repays at about 2 microseconds per point for a 2-D
  kNN search (about 20 for a 3-D count). So the first search of at least
  :data:`BACKGROUND_MIN` points (or once the process has searched that many)
  starts loading numba in a background thread (:mod:`._jit`) and runs on the
  tree meanwhile; a search of at least :data:`JOIN_MIN` points waits for the
  loader instead (it competes with a tree search for the cores; a tree search
  that cannot use the grid waits after it, so the estimate's counts run
  compiled), so that a process's first 10^5-row KSG estimate costs about one
  numba load and every later one runs compiled. A search that alone repays the load
  (:data:`GRID_BREAK_EVEN` points for kNN, a tenth of that for counts) loads
  numba at once. Every path gives identical results, so the choice only
  changes speed. A one-shot tool turns the background loader off
  (:func:`._jit.background_loading`, or ``MUTINFO_BACKGROUND_LOAD=0``): its
  searches then stay on the tree unless they alone repay the load.

Exactness: distances are ``max_j |a_j - b_j|`` (Chebyshev) or the square root
of the squared differences summed in column order (Euclidean). Every path
returns bit-identical k-th distances and counts, ties and duplicates included,
equal to the brute-force definition ``#{j != i : d(x_j, x_i) < r_i}`` (strict)
or ``<= r_i``. Neighbour indices agree too: every path breaks ties by the
smaller index (the tree re-searches the rows tied at the k-th distance,
:func:`._tree.tree_knn`), so callers that use which neighbours were found (local
permutations, KSG variant 2, nearest-neighbour prediction) get the same
result whichever path ``"auto"`` takes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from mutinfo._neighbors import _highdim, _jit
from mutinfo._neighbors._jit import have_numba
from mutinfo._neighbors._threads import kernel_threads, thread_limit
from mutinfo._neighbors._torch import split_algorithm, torch_pays
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "ALGORITHMS",
    "BACKGROUND_MIN",
    "GRID_BREAK_EVEN",
    "GRID_MAX_DIM",
    "GRID_MAX_DIM_COUNT",
    "JOIN_MIN",
    "METRICS",
    "choose_algorithm",
    "count_within",
    "cross_kth_neighbors",
    "grid_pays",
    "have_numba",
    "ksg_counts",
    "ksg_tile",
    "kth_neighbors",
    "kth_radius",
    "minkowski_p",
    "prefetch",
    "thread_limit",
]

Metric = Literal["chebyshev", "euclidean"]
Algorithm = Literal["auto", "grid", "tree", "sorted", "brute", "torch"]
METRICS: tuple[str, ...] = ("chebyshev", "euclidean")
ALGORITHMS: tuple[str, ...] = ("auto", "grid", "tree", "sorted", "brute", "torch")
#: Highest dimension for which ``"auto"`` picks the grid path.
GRID_MAX_DIM = 4
#: Highest dimension for which ``"auto"`` counts on the grid: with the radii KSG
#: produces, grid counts beat the tree by 5-10x up to d = 8 (measured, 2e4 points).
GRID_MAX_DIM_COUNT = 8
#: Points searched in a process after which ``"auto"`` loads numba for the grid
#: (measured on 2 cores: ~0.7 s CPU to import numba and load the cached kernels;
#: the grid saves ~1.9 us per point over the tree for a 2-D kNN search).
GRID_BREAK_EVEN = 400_000
#: The same for range counts in 2 or more dimensions (tree: ~20 us per point
#: more than the grid in 3-D with KSG radii).
_COUNT_BREAK_EVEN = 40_000
#: Points in one search (or searched so far) from which ``"auto"`` starts loading
#: numba in the background while it searches on the tree.
BACKGROUND_MIN = 50_000
#: Points in one search from which ``"auto"`` waits for that loader and takes the
#: grid (a tree search this large, in more dimensions, waits after searching).
JOIN_MIN = 100_000
#: Longest wait for the loader, in seconds (a first-ever compilation takes
#: longer; the search then goes on without it).
_JOIN_TIMEOUT = 3.0
#: Rows from which the fused KSG pair kernel splits its work over threads (below
#: it the kernel takes under ~0.1 s, and on a busy machine the threads' seven
#: hand-overs cost more than they save: measured at 1e5 rows, load average 15).
_THREADED_MIN = 200_000
#: Rows from which the fused KSG kernel sorts with the compiled argsort
#: (:func:`._kernels.argsort_values`; measured 0.27 s CPU against numpy's 0.88 s
#: at 1e7 rows, and equal at 1e5).
_FAST_SORT_MIN = 100_000
#: Below this many points ``"auto"`` uses the brute-force path.
_BRUTE_MAX_N = 64
#: Points searched so far in this process (drives the ``"auto"`` choice only).
_searched = 0


def compiled_ready() -> bool:
    """Return whether the compiled kernels are loaded (they then cost nothing more)."""
    return _jit.ready()


def grid_pays(n: int, break_even: int) -> bool:
    """Return whether searching ``n`` more points repays loading numba.

    When it does not yet, a search of :data:`BACKGROUND_MIN` points (or that
    many searched so far) starts loading numba in the background.
    """
    if not have_numba() or _jit.failed():
        return False
    if compiled_ready() or _searched + n >= break_even:
        return True
    if max(n, _searched + n) >= BACKGROUND_MIN and _jit.start_loading():
        # A search this large waits for the loader: cheaper than searching on
        # the tree meanwhile, since the load competes with it for the cores.
        return n >= JOIN_MIN
    return False


def prefetch(n: int) -> None:
    """Start loading numba now for an estimate that will search ``n`` points.

    The resolver calls it before it imports the estimator families, so the
    load overlaps that work instead of following it. It starts the loader
    only where the search itself would (:func:`grid_pays`: ``n`` of at least
    :data:`BACKGROUND_MIN`, background loading allowed), so it changes when
    numba loads, never which path a search takes.
    """
    ready = compiled_ready()
    if n >= BACKGROUND_MIN and have_numba() and not _jit.failed() and not ready:
        _jit.start_loading()


def _join_loader(n: int) -> None:
    """After a tree search of ``n`` points, wait for a running numba loader."""
    if n >= JOIN_MIN and have_numba() and not compiled_ready():
        _jit.wait_loaded(_JOIN_TIMEOUT)


def minkowski_p(metric: str) -> float:
    """Return the Minkowski ``p`` of a metric name.

    Examples
    --------
    >>> minkowski_p("chebyshev"), minkowski_p("euclidean")
    (inf, 2.0)
    """
    return np.inf if metric == "chebyshev" else 2.0


def _check(
    points: NDArray[np.float64], metric: str, algorithm: str, where: str
) -> None:
    if points.ndim != 2:
        raise InvalidParameterError(
            f"The 'points' parameter of {where}() must be a 2-D array of shape "
            f"(n, d). Got shape {points.shape} instead."
        )
    if metric not in METRICS:
        raise InvalidParameterError(
            f"The 'metric' parameter of {where}() must be one of "
            f"{', '.join(map(repr, METRICS))}. Got {metric!r} instead."
        )
    if algorithm not in ALGORITHMS and not split_algorithm(algorithm)[0]:
        raise InvalidParameterError(
            f"The 'algorithm' parameter of {where}() must be one of "
            f"{', '.join(map(repr, ALGORITHMS))}. Got {algorithm!r} instead."
        )


def _check_p(p: object, where: str) -> float:
    ok = isinstance(p, int | float | np.integer | np.floating) and not isinstance(
        p, bool
    )
    if not ok or not float(p) >= 1.0:  # type: ignore[arg-type]
        raise InvalidParameterError(
            f"The 'p' parameter of {where}() must be a float in [1, inf] (the "
            f"Minkowski exponent). Got {p!r} instead; use 1 (Manhattan), 2 "
            "(Euclidean) or inf (Chebyshev), or any value in between."
        )
    return float(p)  # type: ignore[arg-type]


def _check_k(k: object, n: int, where: str) -> int:
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k < n:
        raise InvalidParameterError(
            f"The 'k' parameter of {where}() must be an int in [1, n - 1] = "
            f"[1, {n - 1}] for n={n} points. Got {k!r} instead; use fewer "
            "neighbours or more samples."
        )
    return int(k)


def choose_algorithm(n: int, d: int, *, task: Literal["knn", "count"]) -> str:
    """Return the path ``algorithm="auto"`` takes for ``n`` points in ``d`` dimensions.

    See the module docstring for the rule; it depends on whether numba is
    installed and loaded, and on the points searched so far in this process.

    Examples
    --------
    >>> choose_algorithm(10_000, 1, task="count")
    'sorted'
    >>> choose_algorithm(10_000, 8, task="knn")
    'tree'
    >>> choose_algorithm(10**6, 2, task="knn")  # worth loading numba
    'grid'
    """
    if n <= _BRUTE_MAX_N:
        return "brute"
    if torch_pays(n, d, task):  # torch imported, a CUDA device, a large search
        return "torch"
    if d == 1 and task == "count":
        return "sorted"
    if task == "knn" and d <= GRID_MAX_DIM and grid_pays(n, GRID_BREAK_EVEN):
        return "grid"
    # Multi-dimensional counts gain ~10x more per point than kNN searches.
    if task == "count" and d <= GRID_MAX_DIM_COUNT and grid_pays(n, _COUNT_BREAK_EVEN):
        return "grid"
    return "tree"


def _record(n: int) -> None:
    global _searched
    _searched += n


def _knn_path(n: int, d: int, algorithm: str, euclid: bool) -> str:
    """Return the path a kNN search of ``n`` points in ``d`` dimensions takes."""
    if algorithm == "auto":
        algorithm = choose_algorithm(n, d, task="knn")
        if (
            algorithm == "tree"
            and not euclid
            and _highdim.highdim_pays(n, d, task="knn")
        ):
            algorithm = "highdim"  # every pair, early exits: see ._highdim
    return algorithm


def kth_neighbors(
    points: NDArray[np.float64],
    k: int,
    *,
    metric: str = "chebyshev",
    algorithm: str = "auto",
    workers: int = 1,
    p: float | None = None,
    theiler: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Return the distances and indices of each point's ``k`` nearest neighbours.

    The point itself is excluded, even when duplicates tie with it.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    k : int
        Number of neighbours, ``1 <= k < n``.
    metric : {'chebyshev', 'euclidean'}, default='chebyshev'
    algorithm : {'auto', 'grid', 'tree', 'brute', 'torch'}, default='auto'
        Search path (see the module docstring).
    workers : int, default=1
        Threads for the tree and grid paths (-1: all cores); the results do
        not depend on it.
    p : float in [1, inf] or None, default=None
        Minkowski exponent ``(sum_j |a_j - b_j|^p)^(1/p)``; overrides ``metric``
        when given (``p=2`` is the Euclidean and ``p=inf`` the Chebyshev path,
        bit for bit). Other values search with the tree (or, for
        ``algorithm='brute'``, the brute-force) path.
    theiler : int or None, default=None
        Theiler window ``w``: points with ``|t_i - t_j| <= w`` are not
        neighbours, ``t`` the row times (``0..n-1``, or those set by
        :func:`._exclude.row_times`); exact on every path (:mod:`._exclude`).

    Returns
    -------
    dist : ndarray of shape (n, k)
        Sorted distances; ``dist[:, -1]`` is the k-th neighbour distance.
    idx : ndarray of shape (n, k)
        Ordered by (distance, index): of the points tied at the k-th
        distance, the smaller indices, on every path.

    Raises
    ------
    InvalidParameterError
        If ``k`` is not in ``[1, n - 1]`` or an option is unknown.

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0], [1.0], [3.0], [7.0]])
    >>> dist, idx = kth_neighbors(pts, 2)
    >>> dist[:, -1].tolist(), idx[0].tolist()
    ([3.0, 2.0, 3.0, 6.0], [1, 2])
    """
    points = np.ascontiguousarray(points, dtype=np.float64)
    if p is not None:
        p = _check_p(p, "kth_neighbors")
        if p in (2.0, np.inf):
            metric = "euclidean" if p == 2.0 else "chebyshev"
            p = None
    _check(points, metric, algorithm, "kth_neighbors")
    n, d = points.shape
    k = _check_k(k, n, "kth_neighbors")
    if theiler is not None:
        from mutinfo._neighbors import _exclude

        times = _exclude.times_for(n, "kth_neighbors()")
        w, excluded = _exclude.check_theiler(theiler, times, k, "kth_neighbors()")
        return _exclude.excluded_knn(
            points,
            k,
            w=w,
            times=times,
            excluded=excluded,
            search=lambda kk: kth_neighbors(
                points, kk, metric=metric, algorithm=algorithm, workers=workers, p=p
            ),
        )
    if p is not None:
        _record(n)
        if algorithm == "brute" or (algorithm == "auto" and n <= _BRUTE_MAX_N):
            from mutinfo._neighbors._brute import brute_knn_p

            return brute_knn_p(points, k, p)
        from mutinfo._neighbors._tree import tree_knn_p

        return tree_knn_p(points, k, p, workers=workers)
    euclid = metric == "euclidean"
    algorithm = _knn_path(n, d, algorithm, euclid)
    _record(n)
    on_torch, device = split_algorithm(algorithm)
    if on_torch:
        from mutinfo._neighbors._torch import torch_knn

        return torch_knn(points, k, euclid=euclid, device=device)
    if algorithm == "sorted":
        algorithm = "grid"  # in 1-D the grid is a sorted array
    if algorithm == "brute":
        from mutinfo._neighbors._brute import brute_knn

        return brute_knn(points, k, euclid=euclid)
    if algorithm == "grid":
        from mutinfo._neighbors._grid import grid_knn

        return grid_knn(points, k, euclid=euclid, workers=workers)
    if algorithm == "highdim":
        return _highdim.highdim_knn(points, k, workers=workers)
    from mutinfo._neighbors._tree import tree_knn

    out = tree_knn(points, k, euclid=euclid, workers=workers)
    _join_loader(n)
    return out


def kth_radius(
    points: NDArray[np.float64],
    k: int,
    *,
    metric: str = "chebyshev",
    algorithm: str = "auto",
    workers: int = 1,
    theiler: int | None = None,
) -> NDArray[np.float64]:
    """Return each point's distance to its ``k``-th nearest other point.

    ``kth_neighbors(points, k, ...)[0][:, -1]``, bit for bit, for callers that
    need the radius alone (KSG): on the grid path a 3-D maximum-norm search
    keeps only distances (:func:`._grid.grid_kth`: no neighbour indices, no
    tie-breaking, about twice as fast), and on the tree path a maximum-norm
    search asks the tree for the ``k + 1``-th distance alone
    (:func:`._tree.tree_kth`); every other case runs :func:`kth_neighbors`.

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0], [1.0], [3.0], [7.0]])
    >>> kth_radius(pts, 2).tolist()
    [3.0, 2.0, 3.0, 6.0]
    """
    points = np.ascontiguousarray(points, dtype=np.float64)
    if theiler is None and metric == "chebyshev" and points.ndim == 2:
        _check(points, metric, algorithm, "kth_radius")
        n, d = points.shape
        k = _check_k(k, n, "kth_radius")
        # the resolved path, for the two cases served here; anything else
        # (grid in other dimensions, highdim, brute, torch) goes to
        # kth_neighbors with the caller's own choice, which resolves it again
        path = _knn_path(n, d, algorithm, False)
        if d == 3 and path == "grid":
            from mutinfo._neighbors._grid import grid_kth

            _record(n)
            return grid_kth(points, k, workers=workers)
        if path == "tree":
            _record(n)
            radius = None
            if d == 2 and "scipy.spatial" not in sys.modules:
                # Not worth importing scipy.spatial (about 0.4 s with the
                # scipy it pulls in) for one 2-D search: numpy does it,
                # same radii (None: data it leaves to the tree).
                from mutinfo._neighbors._npgrid import npgrid_kth

                radius = npgrid_kth(points, k)
            if radius is None:
                from mutinfo._neighbors._tree import tree_kth

                radius = tree_kth(points, k, workers=workers)
            _join_loader(n)
            return radius
    dist, _ = kth_neighbors(
        points, k, metric=metric, algorithm=algorithm, workers=workers, theiler=theiler
    )
    return dist[:, -1]


def cross_kth_neighbors(
    queries: NDArray[np.float64],
    reference: NDArray[np.float64],
    k: int,
    *,
    metric: str = "chebyshev",
    workers: int = 1,
) -> NDArray[np.float64]:
    """Return each query's distances to its ``k`` nearest points of another set.

    Two-sample search (divergence estimators): no point is excluded, so a
    query equal to a reference point is at distance 0 from it. Tree path
    (scipy's ``cKDTree``) for any dimension; Euclidean distances are recomputed
    with the columns summed in order, as in :func:`kth_neighbors`.

    Parameters
    ----------
    queries : ndarray of shape (n, d)
    reference : ndarray of shape (m, d)
    k : int
        Number of neighbours, ``1 <= k <= m``.
    metric : {'chebyshev', 'euclidean'}, default='chebyshev'
    workers : int, default=1
        Threads for the tree search (-1: all cores).

    Returns
    -------
    dist : ndarray of shape (n, k)
        Sorted distances; ``dist[:, -1]`` is the k-th neighbour distance.

    Examples
    --------
    >>> import numpy as np
    >>> ref = np.array([[0.0], [1.0], [3.0]])
    >>> cross_kth_neighbors(np.array([[0.9], [3.0]]), ref, 2)[:, -1].tolist()
    [0.9, 2.0]
    """
    from scipy.spatial import cKDTree

    queries = np.ascontiguousarray(queries, dtype=np.float64)
    reference = np.ascontiguousarray(reference, dtype=np.float64)
    _check(queries, metric, "tree", "cross_kth_neighbors")
    _check(reference, metric, "tree", "cross_kth_neighbors")
    m = reference.shape[0]
    k = _check_k(k, m + 1, "cross_kth_neighbors")
    _record(queries.shape[0])
    euclid = metric == "euclidean"
    _, idx = cKDTree(reference).query(
        queries, k=k, p=2.0 if euclid else np.inf, workers=workers
    )
    idx = np.asarray(idx).reshape(queries.shape[0], k)
    diff = np.abs(reference[idx] - queries[:, None, :])
    if euclid:
        acc = np.zeros(idx.shape)
        for j in range(queries.shape[1]):
            acc += diff[:, :, j] * diff[:, :, j]
        dist = np.sqrt(acc)
    else:
        dist = diff.max(axis=2)
    return np.sort(dist, axis=1)


def count_within(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    metric: str = "chebyshev",
    algorithm: str = "auto",
    workers: int = 1,
    theiler: int | None = None,
) -> NDArray[np.int64]:
    """Count, for each point, the other points within its own ``radius``.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    radius : ndarray of shape (n,)
        One radius per point.
    strict : bool
        Count distances ``< radius`` (True) or ``<= radius`` (False).
    metric : {'chebyshev', 'euclidean'}, default='chebyshev'
    algorithm : {'auto', 'grid', 'tree', 'sorted', 'brute'}, default='auto'
        Search path; ``'sorted'`` needs ``d == 1``.
    workers : int, default=1
        Threads for the tree and grid paths (-1: all cores); the results do
        not depend on it.
    theiler : int or None, default=None
        Theiler window, as in :func:`kth_neighbors`: points within ``w`` steps
        in time are not counted.

    Returns
    -------
    ndarray of int64, shape (n,)
        Counts excluding the point itself.

    Raises
    ------
    InvalidParameterError
        If ``radius`` has the wrong shape or an option does not apply.

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0], [1.0], [3.0], [7.0]])
    >>> count_within(pts, np.full(4, 2.0), strict=True).tolist()
    [1, 1, 0, 0]
    >>> count_within(pts, np.full(4, 2.0), strict=False).tolist()
    [1, 2, 1, 0]
    """
    points = np.ascontiguousarray(points, dtype=np.float64)
    _check(points, metric, algorithm, "count_within")
    n, d = points.shape
    radius = np.ascontiguousarray(radius, dtype=np.float64)
    if radius.shape != (n,):
        raise InvalidParameterError(
            "The 'radius' parameter of count_within() must have shape (n,) = "
            f"({n},), one radius per point. Got shape {radius.shape} instead."
        )
    euclid = metric == "euclidean"
    if theiler is not None:
        from mutinfo._neighbors import _exclude

        times = _exclude.times_for(n, "count_within()")
        w, _ = _exclude.check_theiler(theiler, times, 0, "count_within()")
        plain = count_within(
            points,
            radius,
            strict=strict,
            metric=metric,
            algorithm=algorithm,
            workers=workers,
        )
        return _exclude.excluded_count(
            points, radius, plain, strict=strict, euclid=euclid, w=w, times=times
        )
    if algorithm == "auto":
        algorithm = choose_algorithm(n, d, task="count")
        if (
            algorithm == "tree"
            and not euclid
            and _highdim.highdim_pays(n, d, task="count")
        ):
            algorithm = "highdim"  # every pair, early exits: see ._highdim
    if d > 1:
        _record(n)
    on_torch, device = split_algorithm(algorithm)
    if on_torch:
        from mutinfo._neighbors._torch import torch_count

        return torch_count(points, radius, strict=strict, euclid=euclid, device=device)
    if algorithm == "sorted":
        if d != 1:
            raise InvalidParameterError(
                "algorithm='sorted' of count_within() needs 1-D points (d=1). "
                f"Got d={d} instead; use 'grid' or 'tree'."
            )
        from mutinfo._neighbors._sorted import sorted_count

        # Compiled when numba is loaded already; the numpy version is ~1.5x slower.
        return sorted_count(
            points[:, 0],
            radius,
            strict=strict,
            compiled=have_numba() and compiled_ready(),
        )
    if algorithm == "brute":
        from mutinfo._neighbors._brute import brute_count

        return brute_count(points, radius, strict=strict, euclid=euclid)
    if algorithm == "grid":
        from mutinfo._neighbors._grid import grid_count

        return grid_count(points, radius, strict=strict, euclid=euclid, workers=workers)
    if algorithm == "highdim":
        return _highdim.highdim_count(points, radius, strict=strict, workers=workers)
    from mutinfo._neighbors._tree import tree_count

    return tree_count(points, radius, strict=strict, euclid=euclid, workers=workers)


def ksg_counts(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    k: int,
    *,
    algorithm: str = "auto",
    orders: tuple[NDArray[np.intp], NDArray[np.intp]] | None = None,
    theiler: int | None = None,
    workers: int | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Return KSG (algorithm 1) marginal counts for a pair of 1-D variables.

    For each row ``i``, ``eps_i`` is the distance to its k-th nearest other row
    of the joint ``(x, y)`` under the maximum norm, and the counts are
    ``#{j != i : |x_j - x_i| < eps_i}`` and the same in ``y``. When the grid
    path is chosen (as :func:`choose_algorithm` rules for a 2-D kNN search),
    one compiled call does the radius search and both counts
    (:mod:`._pairs`); otherwise :func:`kth_neighbors` and :func:`count_within`
    do. Every path gives identical counts.

    Parameters
    ----------
    x, y : ndarray of shape (n,)
    k : int
        Number of neighbours, ``1 <= k < n``.
    algorithm : {'auto', 'grid', 'tree', 'brute', 'torch'}, default='auto'
    orders : tuple of two ndarrays of shape (n,), optional
        ``np.argsort`` of ``x`` and of ``y`` (any sort kind), when the caller
        has them (an all-pairs matrix sorts each column once).
    theiler : int or None, default=None
        Theiler window, as in :func:`kth_neighbors` (searched with
        :func:`kth_neighbors` and :func:`count_within`, not the fused path).
    workers : int or None, default=None
        Threads (-1: all cores). None: all usable cores on the main thread,
        one in other threads, capped by
        :func:`mutinfo._neighbors._threads.thread_limit`. The counts do not
        depend on it.

    Returns
    -------
    nx, ny : ndarray of int64, shape (n,)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([0.0, 1.0, 2.0, 4.0])
    >>> nx, ny = ksg_counts(x, -x, 1)
    >>> nx.tolist(), ny.tolist()
    ([0, 0, 0, 0], [0, 0, 0, 0])
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    y = np.ascontiguousarray(y, dtype=np.float64)
    n = x.shape[0]
    k = _check_k(k, n, "ksg_counts")
    if theiler is not None:
        pts = np.column_stack([x, y])
        eps = kth_neighbors(pts, k, algorithm=algorithm, theiler=theiler)[0][:, -1]
        return tuple(  # type: ignore[return-value]
            count_within(
                pts[:, [j]], eps, strict=True, algorithm=algorithm, theiler=theiler
            )
            for j in (0, 1)
        )
    if algorithm == "auto":
        algorithm = choose_algorithm(n, 2, task="knn")
    on_torch, device = split_algorithm(algorithm)
    if on_torch:
        from mutinfo._neighbors._torch import torch_ksg_counts

        _record(n)
        return torch_ksg_counts(x, y, k, device=device)
    if algorithm == "grid" and have_numba():
        _record(n)
        threads = kernel_threads(workers) if n >= _THREADED_MIN else 1
        # Sort first: a background loader still running overlaps with it. Once
        # the kernels are loaded, the compiled argsort (3x numpy's at 1e7).
        sort: Callable[[NDArray[np.float64]], NDArray[np.int64]] = np.argsort
        if orders is None and n >= _FAST_SORT_MIN and compiled_ready():
            sort = _jit.kernels().argsort_values
        if orders is not None:
            ox, oy = orders
        elif threads > 1:  # both sorts release the GIL: both at once
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(2) as pool:
                ox, oy = pool.map(sort, (x, y))
        else:
            ox, oy = sort(x), sort(y)
        _jit.kernels()  # waits for a background loader
        from mutinfo._neighbors import _pairs as pairs

        args = (
            x,
            np.ascontiguousarray(ox, dtype=np.int64),
            y,
            np.ascontiguousarray(oy, dtype=np.int64),
            int(k),
            pairs.PER_CELL,
        )
        if threads > 1:
            return pairs.ksg_counts_threaded(*args, threads)  # type: ignore[no-any-return]
        nx, ny = pairs.ksg_counts(*args)
        return nx, ny
    from mutinfo._neighbors._sorted import sorted_count

    eps = kth_radius(
        np.column_stack([x, y]),
        k,
        algorithm=algorithm,
        workers=kernel_threads(workers),
    )
    # As count_within's "sorted" path: compiled only once numba is loaded.
    compiled = have_numba() and compiled_ready()
    given = orders if orders is not None else (None, None)
    return (
        sorted_count(x, eps, strict=True, compiled=compiled, order=given[0]),
        sorted_count(y, eps, strict=True, compiled=compiled, order=given[1]),
    )


def ksg_tile(
    block: NDArray[np.float64],
    order: NDArray[np.int64],
    psi: NDArray[np.float64],
    k: int,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
) -> NDArray[np.float64]:
    """Return KSG (algorithm 1) estimates of the column pairs ``(ii[q], jj[q])``.

    One compiled call (:func:`._pairs.ksg_pair_values`, needs numba) for the
    pairs of a matrix tile: the numbers of ``ksg1_local(*ksg_counts(x, y, k,
    algorithm="grid", orders=...), k, n, psi).mean()`` for each pair, bit for
    bit, without Python or the GIL between pairs.

    Parameters
    ----------
    block : ndarray of shape (n, p), Fortran order
        The prepared columns (standardised, tie-breaking noise added).
    order : ndarray of int64, shape (n, p), Fortran order
        Each column's sort order.
    psi : ndarray of shape (n + 2,)
        ``digamma(0..n + 1)``.
    k : int
        Neighbour rank, ``1 <= k < n``.
    ii, jj : ndarray of int
        Column indices of the pairs.
    """
    n = block.shape[0]
    k = _check_k(k, n, "ksg_tile")
    _jit.kernels()  # waits for a background loader
    from mutinfo._neighbors import _pairs as pairs

    out = np.empty(len(ii))
    _record(n * len(ii))
    pairs.ksg_pair_values(
        np.asfortranarray(block, dtype=np.float64),
        np.asfortranarray(order, dtype=np.int64),
        np.ascontiguousarray(psi, dtype=np.float64),
        int(k),
        pairs.PER_CELL,
        np.ascontiguousarray(ii, dtype=np.int64),
        np.ascontiguousarray(jj, dtype=np.int64),
        out,
    )
    return out
