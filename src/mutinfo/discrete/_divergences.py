"""Divergences between two distributions over the same variables."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mutinfo._result import check_base
from mutinfo.discrete._distribution import Distribution, RVs
from mutinfo.discrete._measures import _check_dist, _shannon
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["cross_entropy", "jensen_shannon_divergence", "kl_divergence"]


def _label_kind(label: object) -> str:
    """Coarse type of a label: text, number or the type's name."""
    if isinstance(label, str | bytes | np.str_):
        return "text"
    if isinstance(label, int | float | np.number | np.bool_):
        return "number"
    return type(label).__name__


def _check_label_kinds(p: Distribution, q: Distribution) -> None:
    """Refuse variables whose labels are text in one pmf and numbers in the other.

    ``"0"`` and ``0`` are different outcomes, so such supports are disjoint:
    KL would be ``inf`` and JS its maximum ``log 2`` for the same pmf written
    once as ``Distribution({"0": ...})`` and once with ``from_array``.
    """
    for name, a, b in zip(p.names, p.alphabets, q.alphabets, strict=True):
        ka = {_label_kind(v) for v in a}
        kb = {_label_kind(v) for v in b}
        if not ka & kb:
            raise InvalidDataError(
                f"Variable {name!r} has {'/'.join(sorted(ka))} labels in 'p' "
                f"({list(a)[:3]!r}...) but {'/'.join(sorted(kb))} labels in 'q' "
                f"({list(b)[:3]!r}...), so no outcome of one is an outcome of the "
                "other. Build both with the same label type (Distribution(...) "
                "reads a string outcome '01' as the text labels '0', '1'; "
                "from_array uses the integers 0, 1)."
            )


def _aligned(
    p: Distribution, q: Distribution, rvs: RVs
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return the probabilities of p and q on the union of their supports."""
    p, q = _check_dist(p, "p"), _check_dist(q, "q")
    if p.names != q.names:
        raise InvalidParameterError(
            "The distributions 'p' and 'q' must have the same variables in the same "
            f"order; got {p.names!r} and {q.names!r}."
        )
    if rvs is not None:
        p, q = p.marginal(rvs), q.marginal(rvs)
    _check_label_kinds(p, q)
    pd, qd = p.to_dict(), q.to_dict()
    keys = list(dict.fromkeys([*pd, *qd]))
    return (
        np.array([pd.get(k, 0.0) for k in keys]),
        np.array([qd.get(k, 0.0) for k in keys]),
    )


def _on_support(
    p: Distribution, q: Distribution, rvs: RVs
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Probabilities of p and q on p's support; ``None`` if q misses part of it."""
    a, b = _aligned(p, q, rvs)
    m = a > 0
    if (b[m] == 0).any():
        return None
    return a[m], b[m]


def kl_divergence(
    p: Distribution, q: Distribution, rvs: RVs = None, *, base: float = math.e
) -> float:
    """Kullback-Leibler divergence ``D(p || q) = sum p log(p / q)``.

    Returns ``inf`` when ``q`` gives probability 0 to an outcome ``p`` gives
    positive probability (the divergence is then infinite, not undefined).

    Parameters
    ----------
    p, q : Distribution
        Distributions over the same variables.
    rvs : str, int, sequence or None, default=None
        Compare the marginals of these variables only.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, kl_divergence
    >>> p = Distribution({"0": 0.5, "1": 0.5})
    >>> q = Distribution({"0": 0.75, "1": 0.25})
    >>> round(kl_divergence(p, q, base=2), 6)
    0.207519
    """
    scale = 1.0 / math.log(check_base(base))
    pair = _on_support(p, q, rvs)
    if pair is None:
        return math.inf
    a, b = pair
    return float((a * (np.log(a) - np.log(b))).sum()) * scale


def cross_entropy(
    p: Distribution, q: Distribution, rvs: RVs = None, *, base: float = math.e
) -> float:
    """Cross-entropy ``-sum p log q = H(p) + D(p || q)`` (``inf`` off q's support).

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, cross_entropy
    >>> p = Distribution({"0": 0.5, "1": 0.5})
    >>> round(cross_entropy(p, p, base=2), 10)
    1.0
    """
    scale = 1.0 / math.log(check_base(base))
    pair = _on_support(p, q, rvs)
    if pair is None:
        return math.inf
    a, b = pair
    return float(-(a * np.log(b)).sum()) * scale


def jensen_shannon_divergence(
    p: Distribution,
    q: Distribution,
    rvs: RVs = None,
    *,
    weights: tuple[float, float] = (0.5, 0.5),
    base: float = math.e,
) -> float:
    """Jensen-Shannon divergence ``H(w_p p + w_q q) - w_p H(p) - w_q H(q)``.

    Bounded by ``log 2`` for equal weights; always finite.

    Parameters
    ----------
    p, q : Distribution
        Distributions over the same variables.
    rvs : str, int, sequence or None, default=None
        Compare the marginals of these variables only.
    weights : tuple of two floats, default=(0.5, 0.5)
        Non-negative mixture weights summing to 1.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Raises
    ------
    InvalidParameterError
        If the weights are not two non-negative numbers summing to 1.
    InvalidDataError
        If a variable's labels are text in one distribution and numbers in
        the other (``"0"`` is not ``0``).

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, jensen_shannon_divergence
    >>> p, q = Distribution({"0": 1.0}), Distribution({"1": 1.0})
    >>> round(jensen_shannon_divergence(p, q, base=2), 10)
    1.0
    """
    try:
        w = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError):
        w = np.full(1, np.nan)
    if (
        w.shape != (2,)
        or not np.isfinite(w).all()
        or (w < 0).any()
        or abs(float(w.sum()) - 1.0) > 1e-9
    ):
        raise InvalidParameterError(
            "The 'weights' parameter must be two non-negative numbers summing to 1. "
            f"Got {weights!r} instead."
        )
    scale = 1.0 / math.log(check_base(base))
    a, b = _aligned(p, q, rvs)
    mixed = (
        _shannon(w[0] * a + w[1] * b)
        - float(w[0]) * _shannon(a)
        - float(w[1]) * _shannon(b)
    )
    return mixed * scale + 0.0
