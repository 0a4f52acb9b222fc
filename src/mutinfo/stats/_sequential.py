"""Sequential permutation p-values (Besag and Clifford 1991).

A permutation test with ``n_permutations`` draws spends most of its work on
pairs that are plainly independent: once ``h`` null values have reached the
observed statistic, the p-value is known to be large. Besag and Clifford's
sequential test draws the null one value at a time and stops at the ``h``-th
exceedance:

- stopped after ``L`` draws with ``h`` exceedances: ``p = h / L``;
- never stopped (fewer than ``h`` exceedances in all ``n_permutations``
  draws): ``p = (1 + #exceed) / (1 + n_permutations)``, the full test's value.

This is an exact test: under exchangeability ``P(p <= u) <= u`` for every
``u`` (Besag and Clifford 1991, section 2; the attainable values are
``h / L`` and ``(1 + g) / (1 + n)``, and each has null probability at most
its value). Its p-values of at most ``h / (n_permutations + 1)`` come from a
run that did not stop (a stopped run gives at least ``h / n_permutations``)
and equal the full test's exactly when the draws are the same (they are:
draw ``i`` always uses stream ``i``); larger ones are coarser but still
valid. The expected number of draws under independence is about
``h (1 + ln(n_permutations / h))`` instead of ``n_permutations``.

References
----------
.. [1] J. Besag and P. Clifford, "Sequential Monte Carlo p-values",
   Biometrika 78 (1991) 301-304, doi:10.1093/biomet/78.2.301.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["exceedances", "sequential_p_value", "stopping_draw"]

# Null values within this relative distance of the observed value count as ties
# (>=): permuted data can reproduce the observed table up to rounding error.
TIE_RTOL = 1e-10


def exceedances(null: NDArray[np.float64], observed: float) -> NDArray[np.bool_]:
    """Return which null values reach the observed statistic (ties included)."""
    tol = TIE_RTOL * max(1.0, abs(observed))
    return np.asarray(null >= observed - tol)


def stopping_draw(
    null: NDArray[np.float64], observed: float, stop_after: int
) -> int | None:
    """Return the number of draws at the ``stop_after``-th exceedance, or None.

    Examples
    --------
    >>> import numpy as np
    >>> stopping_draw(np.array([0.1, 0.5, 0.2, 0.7, 0.9]), 0.4, 2)
    4
    >>> stopping_draw(np.array([0.1, 0.5]), 0.4, 2) is None
    True
    """
    hits = np.flatnonzero(exceedances(null, observed))
    if hits.size < stop_after:
        return None
    return int(hits[stop_after - 1]) + 1


def sequential_p_value(
    null: NDArray[np.float64], observed: float, n_permutations: int, stop_after: int
) -> float:
    """Return Besag and Clifford's p-value of the draws ``null`` (in order).

    ``null`` holds the draws made: cut at the stopping draw, or all
    ``n_permutations`` of them.

    Examples
    --------
    >>> import numpy as np
    >>> sequential_p_value(np.array([0.5, 0.1, 0.6]), 0.4, 99, 2)  # stopped: 2 / 3
    0.6666666666666666
    >>> sequential_p_value(np.zeros(99), 0.4, 99, 10)  # ran to the end: 1 / 100
    0.01
    """
    stop = stopping_draw(null, observed, stop_after)
    if stop is not None:
        return stop_after / stop
    exceed = int(np.count_nonzero(exceedances(null, observed)))
    return (1 + exceed) / (1 + n_permutations)
