"""Rényi and Tsallis entropies of a distribution's marginal."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mutinfo._result import check_base
from mutinfo.discrete._distribution import Distribution, RVs
from mutinfo.discrete._measures import _check_dist, _shannon
from mutinfo.exceptions import InvalidParameterError

__all__ = ["renyi_entropy", "tsallis_entropy"]


#: Within this distance of order 1 the power sums are computed through
#: ``expm1`` / ``log1p``: the direct formulas subtract two numbers close to 1
#: and lose about ``1e-16 / |order - 1|`` of relative accuracy.
_NEAR_ONE = 0.5


def _order(order: float) -> float:
    if isinstance(order, bool | np.bool_) or not isinstance(
        order, int | float | np.integer | np.floating
    ):
        raise InvalidParameterError(
            f"The 'order' parameter must be a non-negative number (or inf). Got "
            f"{order!r} instead."
        )
    if math.isnan(order) or order < 0:
        raise InvalidParameterError(
            f"The 'order' parameter must be a non-negative number (or inf). Got "
            f"{order!r} instead."
        )
    return float(order)


def _probabilities(d: Distribution, rvs: RVs) -> NDArray[np.float64]:
    """Return the positive probabilities of the marginal of ``rvs``, summing to 1."""
    p = d.marginal_pmf(d.indices(rvs))
    p = p[p > 0]
    return np.asarray(p / p.sum(), dtype=np.float64)


def renyi_entropy(
    d: Distribution, order: float, rvs: RVs = None, *, base: float = math.e
) -> float:
    """Rényi entropy ``log(sum p^a) / (1 - a)`` of the marginal of ``rvs``.

    Order 0 is the log of the support size, 1 the Shannon entropy (the limit),
    ``inf`` the min-entropy ``-log max p``. Conditional Rényi entropies have
    several competing definitions, so none is offered.

    Parameters
    ----------
    d : Distribution
        The joint distribution.
    order : float
        The order ``a >= 0`` (``math.inf`` allowed).
    rvs : str, int, sequence or None, default=None
        Variables (all by default).
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, renyi_entropy
    >>> d = Distribution({"0": 0.5, "1": 0.25, "2": 0.25})
    >>> round(renyi_entropy(d, 0, base=2), 6), round(renyi_entropy(d, 2, base=2), 6)
    (1.584963, 1.415037)
    """
    a = _order(order)
    d = _check_dist(d)
    scale = math.log(check_base(base))
    p = _probabilities(d, rvs)
    logp = np.log(p)
    if a == 1:
        value = _shannon(p)
    elif math.isinf(a):
        value = -float(logp.max())
    elif a == 0:
        value = math.log(p.size)
    elif abs(a - 1.0) < _NEAR_ONE:
        # log sum p^a = log(1 + sum p (p^(a-1) - 1)), exact near a = 1.
        value = math.log1p(float((p * np.expm1((a - 1.0) * logp)).sum())) / (1.0 - a)
    else:
        # log-sum-exp: p^a underflows to 0 for large a (0.5**2000).
        t = a * logp
        top = float(t.max())
        value = (top + math.log(float(np.exp(t - top).sum()))) / (1.0 - a)
    return value / scale


def tsallis_entropy(d: Distribution, order: float, rvs: RVs = None) -> float:
    """Tsallis entropy ``(1 - sum p^q) / (q - 1)`` of the marginal of ``rvs``.

    Order 1 is the Shannon entropy in nats (the limit). Tsallis entropy is not
    a logarithm, so it takes no ``base``.

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, tsallis_entropy
    >>> round(tsallis_entropy(Distribution({"0": 0.5, "1": 0.5}), 2), 10)
    0.5
    """
    q = _order(order)
    if math.isinf(q):
        raise InvalidParameterError(
            "The 'order' parameter of tsallis_entropy must be finite. Got inf."
        )
    d = _check_dist(d)
    p = _probabilities(d, rvs)
    if q == 1:
        return _shannon(p)
    if abs(q - 1.0) < _NEAR_ONE:
        # 1 - sum p^q = -sum p (p^(q-1) - 1), exact near q = 1.
        return -float((p * np.expm1((q - 1.0) * np.log(p))).sum()) / (q - 1.0)
    return (1.0 - float((p**q).sum())) / (q - 1.0)
