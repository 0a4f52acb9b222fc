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
def fdr(p_values: Any, *, method: str = "bh") -> Any:
    """Adjust p-values for multiple testing; returns q-values of the same shape.

    Parameters
    ----------
    p_values : array-like of floats in [0, 1]
        Any shape; every entry is one test. Booleans and strings are refused
        (``True`` would read as p = 1).
    method : {'bh', 'by', 'bonferroni'}, default='bh'
        ``"bh"``: Benjamini-Hochberg step-up adjusted p-values,
        ``q_(i) = min_{j >= i} min(1, m p_(j) / j)`` for sorted ``p``; rejecting
        ``q <= alpha`` controls the false discovery rate at ``alpha`` for
        independent or positively dependent tests. ``"by"``: Benjamini-Yekutieli,
        ``"bh"`` times ``sum_{k<=m} 1/k``, valid under any dependence.
        ``"bonferroni"``: ``min(1, m p)``, controls the family-wise error rate.

    Returns
    -------
    ndarray of float64, or pandas.Series / DataFrame
        Adjusted p-values (q-values), same shape as ``p_values``. A pandas
        Series or DataFrame gives one of the same kind with the same index
        (and columns); anything else gives an ndarray (as
        ``scipy.stats.false_discovery_control``).

    Raises
    ------
    InvalidDataError
        For NaN, values outside [0, 1], booleans or strings.

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
    >>> import pandas as pd
    >>> mt.stats.fdr(pd.Series([0.01, 0.2], index=["a", "b"])).to_dict()
    {'a': 0.02, 'b': 0.2}
    """
    q = _adjust(p_values, method)
    if type(p_values).__module__.startswith("pandas"):
        import pandas as pd

        if isinstance(p_values, pd.Series):
            return pd.Series(q, index=p_values.index, name=p_values.name)
        if isinstance(p_values, pd.DataFrame):
            return pd.DataFrame(q, index=p_values.index, columns=p_values.columns)
    return q


def _kind(values: Any) -> str | None:
    """Name what makes ``values`` not p-values (booleans, strings), or None."""
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError):
        return "values numpy cannot read"
    if raw.dtype.kind == "b":
        return "booleans"
    if raw.dtype.kind in "US":
        return "strings"
    if raw.dtype.kind == "O":
        flat = raw.ravel()
        if any(isinstance(v, bool | np.bool_) for v in flat):
            return "booleans"
        if any(isinstance(v, str | bytes) for v in flat):
            return "strings"
    return None


def _adjust(p_values: Any, method: str) -> NDArray[np.float64]:
    problem = _kind(p_values)
    if problem is None:
        try:
            p = np.array(p_values, dtype=np.float64)
        except (TypeError, ValueError):
            problem = "values that are not numbers"
    if problem is not None:
        raise InvalidDataError(
            "The 'p_values' parameter of fdr() must be numbers in [0, 1]. Got "
            f"{problem} ({type(p_values).__name__}) instead: booleans and strings "
            "are not p-values. Pass the p-values as floats."
        )
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
