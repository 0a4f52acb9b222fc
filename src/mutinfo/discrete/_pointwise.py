"""Pointwise (local) entropy and pointwise mutual information per outcome."""

from __future__ import annotations

import math
from collections.abc import Hashable

import numpy as np

from mutinfo._result import check_base
from mutinfo.discrete._distribution import Distribution, RVs
from mutinfo.discrete._measures import _check_dist, _conditioning

__all__ = ["local_entropy", "pmi"]


def _log_marginal(d: Distribution, idx: list[int]) -> np.ndarray:
    """Log-probability of every outcome's restriction to ``idx``."""
    codes, k = d.marginal_codes(idx)
    p = np.bincount(codes, weights=d.pmf, minlength=k)
    return np.log(p[codes])


def _keyed(
    d: Distribution, idx: list[int], values: np.ndarray
) -> dict[tuple[Hashable, ...], float]:
    out: dict[tuple[Hashable, ...], float] = {}
    for outcome, v in zip(d.outcomes, values.tolist(), strict=True):
        out[tuple(outcome[i] for i in idx)] = v
    return out


def local_entropy(
    d: Distribution, rvs: RVs = None, crvs: RVs = None, *, base: float = math.e
) -> dict[tuple[Hashable, ...], float]:
    """Surprisal ``-log p(x | c)`` of every outcome of ``rvs`` (and ``crvs``).

    Its average under ``d`` is the entropy ``H(rvs | crvs)``.

    Returns
    -------
    dict
        ``{outcome: value}``, outcomes as label tuples over ``rvs + crvs``.

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, local_entropy
    >>> local_entropy(Distribution({"0": 0.5, "1": 0.25, "2": 0.25}), base=2)
    {('0',): 1.0, ('1',): 2.0, ('2',): 2.0}
    """
    d = _check_dist(d)
    a = d.indices(rvs)
    c = _conditioning(d, crvs)
    values = _log_marginal(d, c) - _log_marginal(d, a + c) + 0.0
    return _keyed(d, a + c, values / math.log(check_base(base)))


def pmi(
    d: Distribution,
    rvs_a: RVs,
    rvs_b: RVs,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> dict[tuple[Hashable, ...], float]:
    """Pointwise mutual information ``log p(a, b | c) / (p(a | c) p(b | c))``.

    Its average under ``d`` is the (conditional) mutual information.

    Returns
    -------
    dict
        ``{outcome: value}``, outcomes as label tuples over
        ``rvs_a + rvs_b + crvs``.

    Examples
    --------
    >>> from mutinfo.discrete import Distribution, pmi
    >>> d = Distribution({"00": 0.5, "11": 0.5}, names="xy")
    >>> pmi(d, "x", "y", base=2)
    {('0', '0'): 1.0, ('1', '1'): 1.0}
    """
    d = _check_dist(d)
    a = d.indices(rvs_a, "rvs_a")
    b = d.indices(rvs_b, "rvs_b")
    c = _conditioning(d, crvs)
    lm = _log_marginal
    values = lm(d, a + b + c) + lm(d, c) - lm(d, a + c) - lm(d, b + c)
    return _keyed(d, a + b + c, values / math.log(check_base(base)))
