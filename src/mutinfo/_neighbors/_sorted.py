"""Sorted-array counts for one-dimensional points.

The points within ``r`` of ``x_i`` form a run of the sorted values; its ends
are found with the same comparison as the brute-force definition
(``|x_j - x_i| < r``), so boundary cases agree exactly.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mutinfo._neighbors._jit import have_numba, kernels

__all__ = ["sorted_count"]


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
