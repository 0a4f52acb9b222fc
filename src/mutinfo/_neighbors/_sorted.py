"""Sorted-array counts and per-group k-th neighbours of one-dimensional points.

The points within ``r`` of ``x_i`` form a run of the sorted values; its ends
are found with the same comparison as the brute-force definition
(``|x_j - x_i| < r``), so boundary cases agree exactly. Likewise the ``k``
nearest others of a point within its group fill a window of ``k + 1``
consecutive sorted values of the group (:func:`grouped_kth`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mutinfo._neighbors._jit import have_numba, kernels

__all__ = ["grouped_kth", "sorted_count"]


def _within(
    diff: NDArray[np.float64], r: NDArray[np.float64], strict: bool
) -> NDArray[np.bool_]:
    return diff < r if strict else diff <= r


def _numpy_count(
    xs: NDArray[np.float64], rs: NDArray[np.float64], strict: bool
) -> NDArray[np.int64]:
    """Vectorised fallback: ``searchsorted`` guesses, then exact fix-ups."""
    n = xs.size
    pos = np.arange(n)
    inside = _within(np.zeros(n), rs, strict)
    # Right end (exclusive): first q >= p with xs[q] - xs[p] outside the radius.
    right = np.searchsorted(xs, xs + rs, side="right" if not strict else "left")
    right = np.clip(right, pos + 1, n)
    while True:  # move left while the last included value is outside
        q = right - 1
        bad = (q > pos) & ~_within(xs[q] - xs, rs, strict)
        if not bad.any():
            break
        right[bad] -= 1
    while True:  # move right while the next value is inside
        ok = right < n
        grow = np.zeros(n, dtype=bool)
        grow[ok] = _within(xs[right[ok]] - xs[ok], rs[ok], strict)
        if not grow.any():
            break
        right[grow] += 1
    left = np.searchsorted(xs, xs - rs, side="left" if not strict else "right")
    left = np.clip(left, 0, pos)
    while True:
        bad = (left < pos) & ~_within(xs - xs[left], rs, strict)
        if not bad.any():
            break
        left[bad] += 1
    while True:
        ok = left > 0
        grow = np.zeros(n, dtype=bool)
        grow[ok] = _within(xs[ok] - xs[left[ok] - 1], rs[ok], strict)
        if not grow.any():
            break
        left[grow] -= 1
    out = (right - left - 1).astype(np.int64)
    out[~inside] = 0
    return out


def sorted_count(
    values: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    compiled: bool | None = None,
    order: NDArray[np.intp] | None = None,
) -> NDArray[np.int64]:
    """Count, for each value, the other values within its radius.

    Parameters
    ----------
    values : ndarray of shape (n,)
    radius : ndarray of shape (n,)
    strict : bool
        Count ``|x_j - x_i| < r_i`` (True) or ``<= r_i`` (False).
    compiled : bool or None, default=None
        Use the numba kernel (None: when numba is installed).
    order : ndarray of shape (n,), optional
        An ``np.argsort(values)`` (any sort kind) when the caller has it already
        (an all-pairs matrix sorts each column once for all its pairs).

    Returns
    -------
    ndarray of int64, shape (n,)
    """
    if order is None:
        order = np.argsort(values)  # ties are contiguous in any order
    xs = np.ascontiguousarray(values[order])
    rs = np.ascontiguousarray(radius[order], dtype=np.float64)
    use_numba = have_numba() if compiled is None else compiled
    sorted_counts = (
        kernels().sorted_count(xs, rs, strict)
        if use_numba
        else _numpy_count(xs, rs, strict)
    )
    out = np.empty_like(sorted_counts)
    out[order] = sorted_counts
    return out


def _kth_in_groups(
    values: NDArray[np.float64],
    start: NDArray[np.intp],
    stop: NDArray[np.intp],
    k: NDArray[np.int64],
) -> NDArray[np.float64]:
    """Vectorised :func:`grouped_kth` on values already grouped and sorted.

    ``values`` holds the groups one after the other, each sorted; point ``i``
    belongs to ``values[start[i]:stop[i]]``. The distance is the least, over
    the windows of ``k + 1`` consecutive values that hold the point, of its
    distance to the farther end.
    """
    n = values.shape[0]
    pos = np.arange(n)
    best = np.full(n, np.inf)
    for shift in range(int(k.max()) + 1 if n else 0):
        left = pos - k + shift
        right = pos + shift
        ok = (shift <= k) & (left >= start) & (right < stop)
        lo = values.take(left, mode="clip")
        hi = values.take(right, mode="clip")
        reach = np.maximum(values - lo, hi - values)
        best = np.where(ok, np.minimum(best, reach), best)
    return best


def grouped_kth(
    values: NDArray[np.float64],
    codes: NDArray[np.int64],
    sizes: NDArray[np.int64],
    k: int,
    *,
    order: NDArray[np.intp] | None = None,
    compiled: bool | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Distance of each point to its k-th nearest other point of the same group.

    The max-norm kNN radius of Ross's mixed KSG in one dimension: the same
    differences ``|x_j - x_i|`` a tree or grid search compares, so the same
    numbers bit for bit (``tests/test_neighbors.py``).

    Parameters
    ----------
    values : ndarray of shape (n,)
    codes : ndarray of int64, shape (n,)
        Group of each point, ``0 .. len(sizes) - 1``.
    sizes : ndarray of int64
        Points per group (``np.bincount(codes)``).
    k : int
        Neighbours; a group of ``m`` points uses ``min(k, m - 1)``.
    order : ndarray of shape (n,), optional
        An ``np.argsort(values)`` (any sort kind) when the caller has it.
    compiled : bool or None, default=None
        Use the numba kernel (None: when numba is installed).

    Returns
    -------
    radius : ndarray of shape (n,)
        0 for a point alone in its group.
    k_used : ndarray of int64, shape (n,)
        ``min(k, m - 1)`` per point (0 alone).

    Examples
    --------
    >>> import numpy as np
    >>> r, kk = grouped_kth(
    ...     np.array([0.0, 1.0, 3.0, 7.0]),
    ...     np.array([0, 0, 0, 1]),
    ...     np.array([3, 1]),
    ...     2,
    ...     compiled=False,
    ... )
    >>> r.tolist(), kk.tolist()
    ([3.0, 2.0, 3.0, 0.0], [2, 2, 2, 0])
    """
    if order is None:
        order = np.argsort(values)
    use_numba = have_numba() if compiled is None else compiled
    if use_numba:
        radius, k_used = kernels().grouped_kth(
            np.ascontiguousarray(values, dtype=np.float64),
            np.ascontiguousarray(codes, dtype=np.int64),
            np.ascontiguousarray(order, dtype=np.int64),
            np.ascontiguousarray(sizes, dtype=np.int64),
            int(k),
        )
        return radius, k_used
    n = values.shape[0]
    # rows grouped by code, each group in increasing value (a stable sort)
    rows = order[np.argsort(codes[order], kind="stable")]
    size = sizes[codes[rows]]
    ends = np.cumsum(sizes)[codes[rows]]
    k_row = np.minimum(int(k), size - 1)
    dist = _kth_in_groups(values[rows], ends - size, ends, k_row)
    radius = np.zeros(n)
    k_used = np.zeros(n, dtype=np.int64)
    multi = size > 1
    radius[rows[multi]] = dist[multi]
    k_used[rows[multi]] = k_row[multi]
    return radius, k_used
