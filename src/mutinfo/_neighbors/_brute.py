"""Brute-force neighbour search: the reference definition, in row chunks.

Memory is O(chunk x n); used for tests, tiny samples and by explicit request.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["brute_count", "brute_knn", "brute_knn_p", "pairwise"]

_CHUNK_ELEMENTS = 2**22


def pairwise(
    points: NDArray[np.float64], rows: slice, *, euclid: bool
) -> NDArray[np.float64]:
    """Distances from ``points[rows]`` to every point, shape (len(rows), n).

    Chebyshev: ``max_j |a_j - b_j|``; Euclidean: ``sqrt`` of the squared
    differences summed in column order (the order every path uses).
    """
    block = points[rows]
    out = np.zeros((block.shape[0], points.shape[0]))
    for j in range(points.shape[1]):
        diff = np.abs(points[None, :, j] - block[:, j, None])
        if euclid:
            out += diff * diff
        else:
            np.maximum(out, diff, out=out)
    return np.sqrt(out) if euclid else out


def _chunks(n: int) -> list[slice]:
    size = max(1, _CHUNK_ELEMENTS // max(n, 1))
    return [slice(a, min(a + size, n)) for a in range(0, n, size)]


def brute_knn(
    points: NDArray[np.float64], k: int, *, euclid: bool
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours; ties broken by the smaller index."""
    n = points.shape[0]
    dist = np.empty((n, k))
    idx = np.empty((n, k), dtype=np.intp)
    for rows in _chunks(n):
        d = pairwise(points, rows, euclid=euclid)
        own = np.arange(rows.start, rows.stop)
        d[own - rows.start, own] = np.inf
        nearest = np.argsort(d, axis=1, kind="stable")[:, :k]
        idx[rows] = nearest
        dist[rows] = np.take_along_axis(d, nearest, axis=1)
    return dist, idx


def brute_knn_p(
    points: NDArray[np.float64], k: int, p: float
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours under the Minkowski ``p`` norm (1 <= p < inf).

    ``(sum_j |a_j - b_j|^p)^(1/p)`` with the powers summed in column order;
    ties broken by the smaller index.
    """
    n = points.shape[0]
    dist = np.empty((n, k))
    idx = np.empty((n, k), dtype=np.intp)
    for rows in _chunks(n):
        block = points[rows]
        d = np.zeros((block.shape[0], n))
        for j in range(points.shape[1]):
            d += np.abs(points[None, :, j] - block[:, j, None]) ** p
        d **= 1.0 / p
        own = np.arange(rows.start, rows.stop)
        d[own - rows.start, own] = np.inf
        nearest = np.argsort(d, axis=1, kind="stable")[:, :k]
        idx[rows] = nearest
        dist[rows] = np.take_along_axis(d, nearest, axis=1)
    return dist, idx


def brute_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    euclid: bool,
) -> NDArray[np.int64]:
    """Count the other points at distance ``< radius`` (strict) or ``<= radius``."""
    n = points.shape[0]
    out = np.empty(n, dtype=np.int64)
    for rows in _chunks(n):
        d = pairwise(points, rows, euclid=euclid)
        own = np.arange(rows.start, rows.stop)
        d[own - rows.start, own] = np.nan  # never within, even an infinite radius
        r = radius[rows, None]
        out[rows] = (d < r).sum(axis=1) if strict else (d <= r).sum(axis=1)
    return out
