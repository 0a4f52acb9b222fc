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
    """Find the k nearest neighbours of every point, the point itself excluded.

    Ties broken by the smaller index, as on the other paths (:func:`_by_index`).
    """
    return _by_index(points, k, 2.0 if euclid else np.inf, workers)


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
    column order), so both paths return the same k-th distances, and ties are
    broken by the smaller index (:func:`_by_index`).
    """
    return _by_index(points, k, p, workers)


def _pair_distance(
    points: NDArray[np.float64], a: NDArray[np.intp], b: NDArray[np.intp], p: float
) -> NDArray[np.float64]:
    """Distances of the row pairs ``(a, b)`` with the brute-force path's arithmetic."""
    shape = np.broadcast_shapes(a.shape, b.shape)
    acc = np.zeros(shape)
    for j in range(points.shape[1]):
        diff = np.abs(points[b, j] - points[a, j])
        if p == np.inf:
            np.maximum(acc, diff, out=acc)
        elif p == 2.0:
            acc += diff * diff
        else:
            acc += diff**p
    if p == np.inf:
        return acc
    return np.sqrt(acc) if p == 2.0 else acc ** (1.0 / p)


def _by_index(
    points: NDArray[np.float64], k: int, p: float, workers: int
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Return the ``k`` nearest other points, ordered by (distance, index).

    cKDTree returns an arbitrary subset of the points tied at the k-th
    distance, so which tied neighbours come back would depend on the path
    (the grid, brute-force, high-dimensional and torch paths take the smaller
    indices). Callers whose results use the indices (local permutations, KSG
    variant 2, nearest-neighbour prediction) must get the same neighbours on
    every path. The tree is asked for one neighbour more than ``k``; a row
    whose ``k + 1``-th distance ties with (or is within a rounding band of) its
    ``k``-th is searched again with a ball query over every point within the
    k-th distance, and its neighbours are chosen exactly by (distance, index).
    """
    n = points.shape[0]
    tree = cKDTree(points)
    kq = min(k + 2, n)  # the point itself, k neighbours and one more
    found, idx = tree.query(points, k=kq, p=p, workers=workers)
    idx = np.asarray(idx).reshape(n, kq)
    is_self = idx == np.arange(n)[:, None]
    # Rows where duplicates pushed the point itself out: drop the last column.
    missing = ~is_self.any(axis=1)
    is_self[missing, -1] = True
    idx = idx[~is_self].reshape(n, kq - 1).astype(np.intp)
    if p == np.inf:
        # The maximum of |differences| is exact: the tree's are brute force's bits.
        dist = np.asarray(found).reshape(n, kq)[~is_self].reshape(n, kq - 1)
    else:
        # Sums of powers: recomputed in brute force's column order.
        dist = _pair_distance(points, np.arange(n)[:, None], idx, p)
    order = _row_order(dist, idx)
    dist = np.take_along_axis(dist, order, axis=1)
    idx = np.take_along_axis(idx, order, axis=1)
    if kq - 1 > k:
        kth = dist[:, k - 1]
        tied = np.flatnonzero(dist[:, k] <= kth * (1.0 + _BAND))
        dup = tied[kth[tied] == 0.0]
        if dup.size:  # k or more copies of the point: the first copies
            done, copies = _first_copies(points, dup, k, p)
            idx[done, :k] = copies
            dist[done, :k] = 0.0
            tied = np.setdiff1d(tied, done)
        if tied.size:
            d_fix, i_fix = _ties_by_index(tree, points, tied, kth[tied], k, p, workers)
            dist[tied, :k] = d_fix
            idx[tied, :k] = i_fix
    return dist[:, :k], idx[:, :k]


def _row_order(dist: NDArray[np.float64], idx: NDArray[np.intp]) -> NDArray[np.intp]:
    """Column order sorting each row by (distance, index)."""
    return np.lexsort((idx, dist), axis=-1)


def _first_copies(
    points: NDArray[np.float64], rows: NDArray[np.intp], k: int, p: float
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Return the rows with ``k`` or more copies and their ``k`` first copies.

    Exact copies are grouped by a sort, so a heavily duplicated sample costs
    O(n log n) here instead of a ball query over every copy.
    """
    n = points.shape[0]
    if p != np.inf and not _zero_means_copy(points, p):
        return rows[:0], np.empty((0, k), dtype=np.intp)
    clean = points + 0.0  # -0.0 and 0.0 are the same point
    order = np.lexsort(clean.T[::-1])  # stable: copies in index order
    srt = clean[order]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = (srt[1:] != srt[:-1]).any(axis=1)
    starts = np.flatnonzero(new_group)
    group = np.cumsum(new_group) - 1
    group_of = np.empty(n, dtype=np.intp)
    group_of[order] = group
    sizes = np.diff(np.append(starts, n))
    rows = rows[sizes[group_of[rows]] > k]  # (always all of them)
    first = starts[group_of[rows]]  # position in `order` of each row's first copy
    # The first k + 1 copies hold the row's k neighbours: all but the row itself
    # (or the first k, when the row is not among them).
    take = order[first[:, None] + np.arange(k + 1)]
    is_self = take == rows[:, None]
    is_self[~is_self.any(axis=1), -1] = True
    return rows, take[~is_self].reshape(rows.size, k).astype(np.intp)


def _zero_means_copy(points: NDArray[np.float64], p: float) -> bool:
    """Whether a ``p``-norm distance of 0 means an exact copy for these points.

    Not when a difference between distinct values underflows to 0 in its
    ``p``-th power (``1e-200`` apart under the Euclidean norm).
    """
    for j in range(points.shape[1]):
        gaps = np.diff(np.unique(points[:, j]))
        if gaps.size:
            m = gaps.min()
            if (m * m if p == 2.0 else m**p) == 0.0:
                return False
    return True


#: Neighbour candidates handled at once when ties are resolved (memory bound).
_TIE_CHUNK = 2**22


def _ties_by_index(
    tree: cKDTree,
    points: NDArray[np.float64],
    rows: NDArray[np.intp],
    kth: NDArray[np.float64],
    k: int,
    p: float,
    workers: int,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Each row's ``k`` nearest other points by (exact distance, index)."""
    # A radius a hair larger than the k-th distance holds every point at most
    # that far whatever the tree's rounding; exact distances decide below.
    radius = kth * (1.0 + _BAND) + np.finfo(np.float64).tiny
    lengths = np.asarray(
        tree.query_ball_point(
            points[rows], radius, p=p, workers=workers, return_length=True
        ),
        dtype=np.int64,
    )
    dist = np.empty((rows.size, k))
    idx = np.empty((rows.size, k), dtype=np.intp)
    start = 0
    while start < rows.size:
        stop = start + 1
        total = int(lengths[start])
        while stop < rows.size and total + lengths[stop] <= _TIE_CHUNK:
            total += int(lengths[stop])
            stop += 1
        part = rows[start:stop]
        found = tree.query_ball_point(points[part], radius[start:stop], p=p)
        counts = np.fromiter((len(f) for f in found), dtype=np.int64, count=part.size)
        owner = np.repeat(np.arange(part.size), counts)
        cand = np.fromiter(
            (j for f in found for j in f), dtype=np.intp, count=int(counts.sum())
        )
        keep = cand != part[owner]
        owner, cand = owner[keep], cand[keep]
        d = _pair_distance(points, part[owner], cand, p)
        order = np.lexsort((cand, d, owner))
        owner, cand, d = owner[order], cand[order], d[order]
        first = np.searchsorted(owner, np.arange(part.size))
        take = first[:, None] + np.arange(k)
        dist[start:stop] = d[take]
        idx[start:stop] = cand[take]
        start = stop
    return dist, idx


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
