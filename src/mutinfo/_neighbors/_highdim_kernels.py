"""Compiled kernels of :mod:`mutinfo._neighbors._highdim` (imports numba).

Every pair of rows is compared, a block of :data:`COLUMNS_PER_CHECK` columns at
a time (the block's maximum is computed without branches, which the compiler
vectorises), and a comparison stops after the first block that decides it: for
a kNN search, when the running maximum reaches the current k-th distance; for
a range count, when it passes the radius. Compiled on first call and cached on
disk (``cache=True``); ``nogil=True`` so threads over row blocks run in
parallel.
"""

from __future__ import annotations

import numpy as np
from numba import njit  # type: ignore[import-untyped]

__all__ = ["COLUMNS_PER_CHECK", "count_rows", "knn_rows"]

#: Columns whose maximum is taken before each early-exit test (16 was fastest
#: at d = 25 and 50, n = 10^4: 2x fewer seconds than testing every column).
COLUMNS_PER_CHECK = 16


@njit(cache=True, nogil=True)  # type: ignore[misc]
def knn_rows(pts, k, lo, hi, dist, idx):  # type: ignore[no-untyped-def]
    """Fill ``dist[i]``, ``idx[i]`` (k nearest, ties by smaller index), i in lo:hi."""
    n, d = pts.shape
    for i in range(lo, hi):
        for t in range(k):
            dist[i, t] = np.inf
            idx[i, t] = -1
        worst = np.inf
        for j in range(n):
            if j == i:
                continue
            m = 0.0
            inside = True
            c = 0
            while c < d:
                end = min(c + COLUMNS_PER_CHECK, d)
                for cc in range(c, end):
                    m = max(m, abs(pts[i, cc] - pts[j, cc]))
                if m >= worst:  # a tie keeps the smaller index already held
                    inside = False
                    break
                c = end
            if not inside:
                continue
            t = k - 1
            while t > 0 and dist[i, t - 1] > m:
                dist[i, t] = dist[i, t - 1]
                idx[i, t] = idx[i, t - 1]
                t -= 1
            dist[i, t] = m
            idx[i, t] = j
            worst = dist[i, k - 1]


@njit(cache=True, nogil=True)  # type: ignore[misc]
def count_rows(pts, radius, strict, lo, hi, out):  # type: ignore[no-untyped-def]
    """Fill ``out[i]`` = #{j != i: max_c |pts[i,c]-pts[j,c]| < (<=) radius[i]}."""
    n, d = pts.shape
    for i in range(lo, hi):
        r = radius[i]
        count = 0
        for j in range(n):
            if j == i:
                continue
            m = 0.0
            inside = True
            c = 0
            while c < d:
                end = min(c + COLUMNS_PER_CHECK, d)
                for cc in range(c, end):
                    m = max(m, abs(pts[i, cc] - pts[j, cc]))
                if m > r or (strict and m == r):
                    inside = False
                    break
                c = end
            if inside:
                count += 1
        out[i] = count
