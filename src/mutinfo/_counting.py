"""Counting: encode rows of discrete columns and count them, vectorised.

Every discrete estimator, binning and any later count-based tool uses these
helpers; none loops over samples in Python.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "cardinalities",
    "contingency",
    "count_profile",
    "counts",
    "encode",
    "entropy_from_counts",
    "local_entropy",
    "occupied_counts",
    "small_group_share",
]

_MAX_RADIX = 2**62


def _factorize(column: NDArray[Any]) -> tuple[NDArray[np.int64], int]:
    """Codes in ``range(k)`` ordered like the values, and ``k``.

    ``column`` is float64 labels or int64 codes; both are compared exactly
    (codes are never cast to float, whose 53-bit mantissa would merge codes
    above 2**53). Whole numbers in a range not much wider than the column are
    counted in O(n) with a bincount; anything else is sorted (``np.unique``).
    """
    n = column.shape[0]
    if n > 1024:
        lo, hi = column.min(), column.max()
        whole = column.dtype.kind in "iu" or np.array_equal(column, np.round(column))
        if whole and float(hi) - float(lo) <= 4 * n:
            shifted = (column - lo).astype(np.int64)
            used = np.bincount(shifted, minlength=int(hi - lo) + 1) > 0
            remap = np.cumsum(used) - 1
            return remap[shifted].astype(np.int64), int(used.sum())
    uniques, codes = np.unique(column, return_inverse=True)
    return codes.astype(np.int64).reshape(-1), int(uniques.size)


def encode(*blocks: NDArray[np.float64]) -> tuple[NDArray[np.int64], int]:
    """Encode the rows of one or more (n, d) blocks as integer codes.

    Two rows get the same code exactly when all their columns are equal.

    Parameters
    ----------
    *blocks : ndarray of shape (n_samples, d_i)
        Discrete columns (labels as numbers or integer codes).

    Returns
    -------
    codes : ndarray of int64, shape (n_samples,)
        Codes in ``range(n_states)``.
    n_states : int
        Number of distinct rows.

    Examples
    --------
    >>> import numpy as np
    >>> codes, k = encode(np.array([[0.0, 1.0], [0.0, 1.0], [2.0, 1.0]]))
    >>> codes.tolist(), k
    ([0, 0, 1], 2)
    """
    columns = [b[:, j] for b in blocks for j in range(b.shape[1])]
    n = columns[0].shape[0] if columns else 0
    if not columns:
        return np.zeros(n, dtype=np.int64), 1
    codes, radix = _factorize(columns[0])
    for column in columns[1:]:
        col_codes, k = _factorize(column)
        if radix * k >= _MAX_RADIX:
            # Compact before the mixed-radix product could overflow.
            codes, radix = _factorize(codes)
        codes = codes * k + col_codes
        radix *= k
    if radix > 4 * n + 16:
        codes, radix = _factorize(codes)
    else:
        used = np.bincount(codes, minlength=radix) > 0
        if not used.all():
            remap = np.cumsum(used) - 1
            codes = remap[codes]
            radix = int(used.sum())
    return codes.astype(np.int64), int(radix)


def counts(codes: NDArray[np.int64], n_states: int) -> NDArray[np.int64]:
    """Return the count of each code (a histogram of ``n_states`` bins)."""
    return np.bincount(codes, minlength=n_states).astype(np.int64)


def small_group_share(codes: NDArray[np.int64], n_states: int, below: int) -> float:
    """Return the share of the rows whose code has fewer than ``below`` rows."""
    if codes.size == 0:
        return 0.0
    return float((counts(codes, n_states)[codes] < below).mean())


def entropy_from_counts(c: NDArray[np.int64]) -> float:
    """Plug-in (maximum-likelihood) entropy in nats of a vector of counts.

    Examples
    --------
    >>> import numpy as np
    >>> import math
    >>> round(entropy_from_counts(np.array([7, 3])) / math.log(2), 7)
    0.8812909
    """
    c = c[c > 0]
    n = c.sum()
    p = c / n
    return float(-(p * np.log(p)).sum())


def local_entropy(codes: NDArray[np.int64], n_states: int) -> NDArray[np.float64]:
    """Return the plug-in surprisal ``-log p(x_i)`` of every sample, in nats."""
    c = counts(codes, n_states)
    out: NDArray[np.float64] = -np.log(c[codes] / codes.shape[0])
    return out


def contingency(
    a: NDArray[np.int64], b: NDArray[np.int64], ka: int, kb: int
) -> NDArray[np.int64]:
    """Return the ``ka x kb`` contingency table of two code vectors."""
    return np.bincount(a * kb + b, minlength=ka * kb).reshape(ka, kb)


def occupied_counts(*blocks: NDArray[np.float64]) -> NDArray[np.int64]:
    """Return the counts of the distinct rows of the joined blocks (occupied cells).

    Examples
    --------
    >>> import numpy as np
    >>> occupied_counts(np.array([[1.0], [1.0], [5.0]])).tolist()
    [2, 1]
    """
    codes, k = encode(*blocks)
    return counts(codes, k)


def count_profile(c: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Return the distinct positive counts and how many cells have each.

    Estimators that depend on a cell only through its count work on this
    profile, whose length is at most about ``sqrt(2 n)``.

    Examples
    --------
    >>> import numpy as np
    >>> values, mult = count_profile(np.array([3, 1, 0, 3]))
    >>> values.tolist(), mult.tolist()
    ([1, 3], [1, 2])
    """
    c = np.asarray(c, dtype=np.int64)
    values, mult = np.unique(c[c > 0], return_counts=True)
    return values.astype(np.int64), mult.astype(np.int64)


def cardinalities(*blocks: NDArray[np.float64]) -> list[int]:
    """Return the number of distinct values in every column of the blocks.

    Examples
    --------
    >>> import numpy as np
    >>> cardinalities(np.array([[0.0, 1.0], [2.0, 1.0]]))
    [2, 1]
    """
    return [int(np.unique(b[:, j]).size) for b in blocks for j in range(b.shape[1])]
