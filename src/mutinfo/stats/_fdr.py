"""Multiple-testing correction: Benjamini-Hochberg, Benjamini-Yekutieli, Bonferroni."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Options, validate_params
from mutinfo.exceptions import InvalidDataError

__all__ = ["FDR_METHODS", "fdr"]

FDR_METHODS: tuple[str, ...] = ("bh", "by", "bonferroni")


@validate_params({"method": Options(FDR_METHODS)})
def fdr(p_values: Any, *, method: str = "bh") -> NDArray[np.float64]:
    """Adjust p-values for multiple testing; returns q-values of the same shape.

    Parameters
    ----------
    p_values : array-like of floats in [0, 1]
        Any shape; every entry is one test.
    method : {'bh', 'by', 'bonferroni'}, default='bh'
        ``"bh"``: Benjamini-Hochberg step-up adjusted p-values,
        ``q_(i) = min_{j >= i} min(1, m p_(j) / j)`` for sorted ``p``; rejecting
        ``q <= alpha`` controls the false discovery rate at ``alpha`` for
        independent or positively dependent tests. ``"by"``: Benjamini-Yekutieli,
        ``"bh"`` times ``sum_{k<=m} 1/k``, valid under any dependence.
        ``"bonferroni"``: ``min(1, m p)``, controls the family-wise error rate.

    Returns
    -------
    ndarray of float64
        Adjusted p-values (q-values), same shape as ``p_values``.

    Raises
    ------
    InvalidDataError
        For NaN or values outside [0, 1].

    References
    ----------
    .. [1] Y. Benjamini and Y. Hochberg, J. R. Stat. Soc. B 57 (1995) 289-300.
    .. [2] Y. Benjamini and D. Yekutieli, Ann. Stat. 29 (2001) 1165-1188.

    Examples
    --------
    >>> import mutinfo as mt
    >>> mt.stats.fdr([0.01, 0.04, 0.03, 0.2]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.2]
    >>> mt.stats.fdr([0.01, 0.2], method="bonferroni").tolist()
    [0.02, 0.4]
    """
    try:
        p = np.array(p_values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidDataError(
            f"The 'p_values' parameter of fdr() must be numbers in [0, 1]. "
            f"Got {p_values!r} instead."
        ) from None
    bad = np.isnan(p) | (p < 0) | (p > 1)
    if bad.any():
        raise InvalidDataError(
            f"The 'p_values' parameter of fdr() must hold numbers in [0, 1]; "
            f"{int(bad.sum())} entry(ies) are NaN or outside, for example "
            f"{p[bad].ravel()[0]!r}. Drop them first."
        )
    flat = p.ravel()
    m = flat.size
    if m == 0:
        return p
    if method == "bonferroni":
        return np.minimum(1.0, p * m)
    order = np.argsort(flat, kind="stable")
    ranked = flat[order] * m / np.arange(1, m + 1)
    if method == "by":
        ranked *= float(np.sum(1.0 / np.arange(1, m + 1)))
    q_sorted = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    out = np.empty(m, dtype=np.float64)
    out[order] = q_sorted
    return out.reshape(p.shape)
