"""Neighbour search: exact kNN radii and range counts under the max or L2 norm.

Every kNN estimator (KSG, KL, mixed KSG, and later local-permutation tests and
transfer entropy) calls these functions and nothing else, so a faster backend
slots in here alone. Memory is O(n d): no n x n matrices.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

__all__ = ["METRICS", "count_within", "kth_neighbors", "minkowski_p"]

Metric = Literal["chebyshev", "euclidean"]
METRICS: tuple[str, ...] = ("chebyshev", "euclidean")


def minkowski_p(metric: str) -> float:
    """Return the Minkowski ``p`` of a metric name."""
    return np.inf if metric == "chebyshev" else 2.0


def kth_neighbors(
    points: NDArray[np.float64],
    k: int,
    *,
    metric: str = "chebyshev",
    workers: int = 1,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Return the distances and indices of each point's ``k`` nearest neighbours.

    The point itself is excluded, even when duplicates tie with it.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    k : int
        Number of neighbours, ``1 <= k < n``.
    metric : {'chebyshev', 'euclidean'}
    workers : int, default=1
        Threads for the tree query (-1: all cores).

    Returns
    -------
    dist : ndarray of shape (n, k)
        Sorted distances; ``dist[:, -1]`` is the k-th neighbour distance.
    idx : ndarray of shape (n, k)
    """
    n = points.shape[0]
    tree = cKDTree(points)
    dist, idx = tree.query(points, k=k + 1, p=minkowski_p(metric), workers=workers)
    dist = np.asarray(dist).reshape(n, k + 1)
    idx = np.asarray(idx).reshape(n, k + 1)
    is_self = idx == np.arange(n)[:, None]
    # Rows where duplicates pushed the point itself out of the first k+1: drop the last.
    missing = ~is_self.any(axis=1)
    is_self[missing, -1] = True
    keep = ~is_self
    return dist[keep].reshape(n, k), idx[keep].reshape(n, k)


def count_within(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    metric: str = "chebyshev",
    workers: int = 1,
) -> NDArray[np.int64]:
    """Count, for each point, the other points within its own ``radius``.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    radius : ndarray of shape (n,)
        One radius per point.
    strict : bool
        Count distances ``< radius`` (True) or ``<= radius`` (False).
    metric : {'chebyshev', 'euclidean'}
    workers : int, default=1

    Returns
    -------
    ndarray of int64, shape (n,)
        Counts excluding the point itself.
    """
    r = np.nextafter(radius, 0.0) if strict else radius
    r = np.maximum(r, 0.0)
    tree = cKDTree(points)
    counts = tree.query_ball_point(
        points, r, p=minkowski_p(metric), return_length=True, workers=workers
    )
    return np.asarray(counts, dtype=np.int64) - 1
