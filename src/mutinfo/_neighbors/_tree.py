"""Tree path: scipy's cKDTree, threaded with ``workers``."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

__all__ = ["tree_count", "tree_knn", "tree_knn_p", "tree_kth"]

#: Relative band around a Euclidean radius that is recounted exactly.
_BAND = 1e-9


def tree_knn(
    points: NDArray[np.float64], k: int, *, euclid: bool, workers: int
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours of every point, the point itself excluded."""
    n = points.shape[0]
    tree = cKDTree(points)
    dist, idx = tree.query(
        points, k=k + 1, p=2.0 if euclid else np.inf, workers=workers
    )
    dist = np.asarray(dist).reshape(n, k + 1)
    idx = np.asarray(idx).reshape(n, k + 1)
    is_self = idx == np.arange(n)[:, None]
    # Rows where duplicates pushed the point itself out of the first k+1: drop the last.
    missing = ~is_self.any(axis=1)
    is_self[missing, -1] = True
    keep = ~is_self
    dist = dist[keep].reshape(n, k)
    idx = idx[keep].reshape(n, k).astype(np.intp)
    if euclid:
        # Recompute as the other paths do (columns summed in order).
        diff = points[idx] - points[:, None, :]
        acc = np.zeros((n, k))
        for j in range(points.shape[1]):
            acc += diff[:, :, j] * diff[:, :, j]
        dist = np.sqrt(acc)
        order = np.argsort(dist, axis=1, kind="stable")
        dist = np.take_along_axis(dist, order, axis=1)
        idx = np.take_along_axis(idx, order, axis=1)
    return dist, idx


def tree_kth(
    points: NDArray[np.float64], k: int, *, workers: int
) -> NDArray[np.float64]:
    """Each point's maximum-norm distance to its k-th nearest other point.

    The point itself is at distance 0, the smallest of all, so the k-th
    distance to the others is the ``k + 1``-th distance to every point, ties
    and duplicates included: one column from the tree, no neighbour indices
    to tidy. The same numbers as ``tree_knn(...)[0][:, -1]`` (the tree
    computes ``max_j |dx_j|``, which is exact).
    """
    dist, _ = cKDTree(points).query(points, k=[k + 1], p=np.inf, workers=workers)
    return np.ascontiguousarray(np.asarray(dist, dtype=np.float64).reshape(-1))


def _ball_counts(
    tree: cKDTree,
    points: NDArray[np.float64],
    r: NDArray[np.float64],
    p: float,
    workers: int,
) -> NDArray[np.int64]:
    found = tree.query_ball_point(
        points, np.maximum(r, 0.0), p=p, return_length=True, workers=workers
    )
    return np.asarray(found, dtype=np.int64) - 1


def tree_knn_p(
    points: NDArray[np.float64], k: int, p: float, *, workers: int
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours under the Minkowski ``p`` norm, the point excluded.

    Distances are recomputed as the brute-force path does (powers summed in
    column order), so both paths return the same k-th distances.
    """
    n = points.shape[0]
    tree = cKDTree(points)
    _, idx = tree.query(points, k=k + 1, p=p, workers=workers)
    idx = np.asarray(idx).reshape(n, k + 1)
    is_self = idx == np.arange(n)[:, None]
    missing = ~is_self.any(axis=1)
    is_self[missing, -1] = True
    idx = idx[~is_self].reshape(n, k).astype(np.intp)
    acc = np.zeros((n, k))
    for j in range(points.shape[1]):
        acc += np.abs(points[idx, j] - points[:, None, j]) ** p
    dist = acc ** (1.0 / p)
    order = np.argsort(dist, axis=1, kind="stable")
    return (
        np.take_along_axis(dist, order, axis=1),
        np.take_along_axis(idx, order, axis=1),
    )


def tree_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    euclid: bool,
    workers: int,
) -> NDArray[np.int64]:
    """Count the other points within each radius (``<`` if strict, else ``<=``)."""
    tree = cKDTree(points)
    if not euclid:
        # cKDTree compares max_j |dx_j| <= r with the same arithmetic as ours.
        r = np.nextafter(radius, 0.0) if strict else radius
        out = _ball_counts(tree, points, r, np.inf, workers)
    else:
        # cKDTree compares squared distances, which can round differently from
        # sqrt(sum dx^2) < r. Count with a radius a hair smaller and larger; the
        # few points where the two differ are recounted exactly.
        out = _ball_counts(tree, points, radius * (1.0 - _BAND), 2.0, workers)
        upper = _ball_counts(tree, points, radius * (1.0 + _BAND), 2.0, workers)
        for i in np.flatnonzero(out != upper):
            near = np.asarray(
                tree.query_ball_point(points[i], radius[i] * (1.0 + _BAND), p=2.0),
                dtype=np.intp,
            )
            near = near[near != i]
            diff = points[near] - points[i]
            acc = np.zeros(near.size)
            for j in range(points.shape[1]):
                acc += diff[:, j] * diff[:, j]
            dist = np.sqrt(acc)
            out[i] = np.count_nonzero(dist < radius[i] if strict else dist <= radius[i])
    if strict:
        # A zero radius counts nothing when strict; nextafter(0, 0) is 0 itself.
        out[radius <= 0] = 0
    return out
