"""High-dimension maximum-norm search: every pair, with early exits (numba).

In 20 or more dimensions a k-d tree prunes almost nothing, so the tree path
costs about as much as comparing every pair, plus its own overhead (a 50-D KSG
joint search at n = 10^4 took 50 s on the tree). This path compares every pair
but stops each comparison at the first block of 16 columns that decides it:
for a kNN search, when the running maximum reaches the current k-th distance;
for a range count, when it passes the radius (:mod:`._highdim_kernels`).

Exactness: distances are ``max_j |a_j - b_j|``, as every other path computes
them (a maximum of exact differences, so any order of columns gives the same
bits). kNN ties are broken by the smaller index, as in the brute-force path;
counts are ``#{j != i : d(x_j, x_i) < r_i}`` (strict) or ``<= r_i``, the
brute-force definition. Rows are independent, so ``workers`` threads over row
blocks give the same result for any number of threads.

This module does not import numba (``"auto"`` asks :func:`highdim_pays` on
every high-dimension search); the kernels, in :mod:`._highdim_kernels`, are
imported on first use, compiled on their first call and cached on disk like
the others (``cache=True``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "HIGHDIM_MIN_DIM_COUNT",
    "HIGHDIM_MIN_DIM_KNN",
    "HIGHDIM_MIN_N",
    "highdim_count",
    "highdim_knn",
    "highdim_pays",
]

#: Lowest dimension where ``"auto"`` takes this path over the tree for a kNN
#: search. Measured (CPU s, n = 10^4, a rotated Gaussian pair, 2 loaded cores):
#: tree 0.72 / this 0.87 at d = 12, 1.23 / 1.16 at d = 16, 1.78 / 1.74 at
#: d = 20, 7.1 / 1.8 at d = 50.
HIGHDIM_MIN_DIM_KNN = 20
#: The same for range counts with KSG radii (those of the joint of twice the
#: dimension): tree 2.84 / this 0.62 at d = 8, 8.06 / 1.00 at d = 12, 16.5 /
#: 1.13 at d = 20. Up to 8 columns ``"auto"`` counts on the grid when numba
#: pays, so this starts above.
HIGHDIM_MIN_DIM_COUNT = 9
#: Points below which ``"auto"`` stays on the tree unless numba is loaded
#: already (loading it costs about 0.7 s, more than the tree's extra time).
HIGHDIM_MIN_N = 5_000

#: Rows per block handed to one thread.
_BLOCK = 256


def highdim_pays(n: int, d: int, *, task: str) -> bool:
    """Return whether ``"auto"`` should take this path over the tree.

    Parameters
    ----------
    n, d : int
        Points and dimension of the search.
    task : {"knn", "count"}
        A kNN search or a range count (maximum norm only).
    """
    from mutinfo._neighbors._jit import have_numba

    low = HIGHDIM_MIN_DIM_KNN if task == "knn" else HIGHDIM_MIN_DIM_COUNT
    if d < low or not have_numba():
        return False
    return "numba" in sys.modules or n >= HIGHDIM_MIN_N


def _threads(workers: int) -> int:
    return (os.cpu_count() or 1) if workers < 0 else max(1, workers)


def _run(
    kernel: Any, n: int, workers: int, args: Callable[[int, int], tuple[Any, ...]]
) -> None:
    """Call ``kernel(*args(lo, hi))`` over blocks of rows ``lo:hi`` on threads."""
    threads = min(_threads(workers), max(1, n // _BLOCK))
    if threads == 1:
        kernel(*args(0, n))
        return
    from concurrent.futures import ThreadPoolExecutor

    bounds = [(a, min(a + _BLOCK, n)) for a in range(0, n, _BLOCK)]
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(kernel, *args(lo, hi)) for lo, hi in bounds]:
            future.result()


def highdim_knn(
    points: NDArray[np.float64], k: int, *, workers: int = 1
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours under the maximum norm, the point excluded.

    Parameters
    ----------
    points : ndarray of shape (n, d), C-contiguous float64
    k : int
        ``1 <= k < n``.
    workers : int, default=1
        Threads over row blocks (-1: every core).

    Returns
    -------
    dist : ndarray of shape (n, k)
        Sorted distances.
    idx : ndarray of shape (n, k)
        Their indices, ties by the smaller index.
    """
    from mutinfo._neighbors._highdim_kernels import knn_rows

    n = points.shape[0]
    dist = np.empty((n, k))
    idx = np.empty((n, k), dtype=np.intp)
    _run(knn_rows, n, workers, lambda lo, hi: (points, k, lo, hi, dist, idx))
    return dist, idx


def highdim_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    workers: int = 1,
) -> NDArray[np.int64]:
    """Count the other points within each radius under the maximum norm.

    Parameters
    ----------
    points : ndarray of shape (n, d), C-contiguous float64
    radius : ndarray of shape (n,)
    strict : bool
        Count distances ``< radius`` (True) or ``<= radius`` (False).
    workers : int, default=1
        Threads over row blocks (-1: every core).

    Returns
    -------
    ndarray of int64, shape (n,)
    """
    from mutinfo._neighbors._highdim_kernels import count_rows

    n = points.shape[0]
    out = np.empty(n, dtype=np.int64)
    _run(
        count_rows,
        n,
        workers,
        lambda lo, hi: (points, radius, bool(strict), lo, hi, out),
    )
    return out
