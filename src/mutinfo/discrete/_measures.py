"""Shannon measures of an explicit distribution, each a small function.

Every measure is built from one primitive, the entropy of a marginal
(:func:`_h`), through the standard identities; arguments name variables by
name or index, ``crvs`` conditions on variables, and ``base`` sets the unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from mutinfo._result import check_base
from mutinfo.discrete._distribution import Distribution, RVs
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "coinformation",
    "conditional_entropy",
    "dual_total_correlation",
    "entropy",
    "generalized_dual_total_correlation",
    "interaction_information",
    "mutual_information",
    "o_information",
    "s_information",
    "total_correlation",
]


def _check_dist(d: object, name: str = "d") -> Distribution:
    if not isinstance(d, Distribution):
        raise InvalidParameterError(
            f"The {name!r} parameter must be a mutinfo.discrete.Distribution. Got "
            f"{type(d).__name__} instead; build one with Distribution(...) or "
            "Distribution.from_samples(...)."
        )
    return d


def _shannon(p: NDArray[np.float64]) -> float:
    """Shannon entropy in nats of the probability vector ``p`` (zeros ignored)."""
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _h(d: Distribution, idx: Sequence[int]) -> float:
    """Entropy in nats of the marginal of columns ``idx``."""
    if not idx:
        return 0.0
    return _shannon(d.marginal_pmf(sorted(set(idx))))


def _conditioning(d: Distribution, crvs: RVs) -> list[int]:
    """Column indices of the conditioning variables ``crvs`` (none for ``None``)."""
    return d.indices(crvs, "crvs") if crvs is not None else []


def _groups(
    d: Distribution, rvs: Sequence[RVs] | None, crvs: RVs = None
) -> list[list[int]]:
    """Resolve a list of variable groups.

    ``None`` means each variable alone, except the conditioning ones: a part
    that is also conditioned on contributes nothing, and it zeroes the
    co-information and the Gács-Körner common information of all the parts.
    """
    if rvs is None:
        c = set(_conditioning(d, crvs))
        return [[i] for i in range(d.n_variables) if i not in c]
    if isinstance(rvs, str | int | np.integer):
        raise InvalidParameterError(
            "The 'rvs' parameter of a multivariate measure must be a list of "
            f"variables or of variable groups; got {rvs!r}."
        )
    return [d.indices(g) for g in rvs]


def _scale(value: float, base: float) -> float:
    # Adding 0.0 turns a -0.0 from cancelling terms into 0.0.
    return value / math.log(check_base(base)) + 0.0


def entropy(
    d: Distribution, rvs: RVs = None, crvs: RVs = None, *, base: float = math.e
) -> float:
    """Entropy H(rvs | crvs) = H(rvs, crvs) - H(crvs).

    Parameters
    ----------
    d : Distribution
        The joint distribution.
    rvs : str, int, sequence or None, default=None
        Variables (names or indices); ``None`` means all of them.
    crvs : str, int, sequence or None, default=None
        Conditioning variables.
    base : float, default=math.e
        Logarithm base (2 for bits).

    Returns
    -------
    float

    Examples
    --------
    >>> from mutinfo.discrete import entropy, examples
    >>> round(entropy(examples.xor(), base=2), 10)
    2.0
    >>> round(entropy(examples.xor(), "y", ["x0", "x1"], base=2), 10)
    0.0
    """
    d = _check_dist(d)
    a = d.indices(rvs)
    c = _conditioning(d, crvs)
    return _scale(_h(d, a + c) - _h(d, c), base)


def conditional_entropy(
    d: Distribution, rvs: RVs, crvs: RVs, *, base: float = math.e
) -> float:
    """Conditional entropy H(rvs | crvs).

    Examples
    --------
    >>> from mutinfo.discrete import conditional_entropy, examples
    >>> round(conditional_entropy(examples.and_(), "y", "x0", base=2), 10)
    0.5
    """
    return entropy(d, rvs, crvs, base=base)


def mutual_information(
    d: Distribution,
    rvs_a: RVs,
    rvs_b: RVs,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """(Conditional) mutual information I(rvs_a; rvs_b | crvs).

    ``I = H(A, C) + H(B, C) - H(A, B, C) - H(C)``.

    Examples
    --------
    >>> from mutinfo.discrete import examples, mutual_information
    >>> xor = examples.xor()
    >>> round(mutual_information(xor, "x0", "x1", base=2), 10)
    0.0
    >>> round(mutual_information(xor, "x0", "x1", "y", base=2), 10)
    1.0
    """
    d = _check_dist(d)
    a = d.indices(rvs_a, "rvs_a")
    b = d.indices(rvs_b, "rvs_b")
    c = _conditioning(d, crvs)
    value = _h(d, a + c) + _h(d, b + c) - _h(d, a + b + c) - _h(d, c)
    return _scale(value, base)


def total_correlation(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Total correlation (multi-information) ``sum_i H(X_i | C) - H(X | C)``.

    Parameters
    ----------
    d : Distribution
        The joint distribution.
    rvs : sequence of variables or variable groups, optional
        The parts ``X_i``; default: every variable not in ``crvs``
        alone.
    crvs : str, int, sequence or None, default=None
        Conditioning variables.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Examples
    --------
    >>> from mutinfo.discrete import examples, total_correlation
    >>> round(total_correlation(examples.parity(4), base=2), 10)
    1.0
    """
    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    c = _conditioning(d, crvs)
    hc = _h(d, c)
    whole = [i for g in parts for i in g]
    value = sum(_h(d, g + c) - hc for g in parts) - (_h(d, whole + c) - hc)
    return _scale(value, base)


def dual_total_correlation(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Dual total correlation (binding information) ``H(X|C) - sum_i H(X_i | X_-i, C)``.

    Examples
    --------
    >>> from mutinfo.discrete import dual_total_correlation, examples
    >>> round(dual_total_correlation(examples.parity(4), base=2), 10)
    3.0
    """
    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    c = _conditioning(d, crvs)
    whole = [i for g in parts for i in g]
    h_all = _h(d, whole + c)
    value = h_all - _h(d, c)
    for k, _g in enumerate(parts):
        others = [i for j, o in enumerate(parts) if j != k for i in o]
        value -= h_all - _h(d, others + c)
    return _scale(value, base)


def coinformation(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Co-information ``-sum_{S nonempty} (-1)^{|S|} H(S | C)`` over the parts.

    Sign convention (Bell 2003): for two parts it is the mutual information;
    for three it is ``I(X;Y) - I(X;Y|Z)``, negative for synergy (XOR: -1 bit)
    and positive for redundancy. McGill's interaction information is the same
    quantity; Jakulin & Bratko's interaction information is
    ``(-1)^n`` times it for ``n`` parts (see :func:`interaction_information`).

    Examples
    --------
    >>> from mutinfo.discrete import coinformation, examples
    >>> round(coinformation(examples.xor(), base=2), 10)
    -1.0
    >>> round(coinformation(examples.parity(4), base=2), 10)
    1.0
    """
    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    c = _conditioning(d, crvs)
    hc = _h(d, c)
    value = 0.0
    for size in range(1, len(parts) + 1):
        for subset in combinations(parts, size):
            idx = [i for g in subset for i in g]
            value -= (-1) ** size * (_h(d, idx + c) - hc)
    return _scale(value, base)


def interaction_information(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Jakulin & Bratko's interaction information: ``(-1)^n`` x co-information.

    Positive for synergy among an odd number of parts (XOR: +1 bit).

    Examples
    --------
    >>> from mutinfo.discrete import examples, interaction_information
    >>> round(interaction_information(examples.xor(), base=2), 10)
    1.0
    """
    d = _check_dist(d)
    n = len(_groups(d, rvs, crvs))
    sign = 1.0 if n % 2 == 0 else -1.0
    return sign * coinformation(d, rvs, crvs, base=base) + 0.0


def o_information(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """O-information (Rosas et al. 2019): total minus dual total correlation.

    ``Omega = (n - 2) H(X) + sum_i [H(X_i) - H(X_-i)]``; positive when
    redundancy dominates, negative when synergy does. With ``crvs`` it is the
    conditional O-information ``TC(X | C) - DTC(X | C)`` (every entropy
    conditioned on ``C``; dit's ``o_information(d, rvs, crvs)``).

    Examples
    --------
    >>> from mutinfo.discrete import examples, o_information
    >>> round(o_information(examples.giant_bit(5), base=2), 10)
    3.0
    >>> round(o_information(examples.parity(5), base=2), 10)
    -3.0
    >>> d = examples.parity(5)  # given x2 the other four are a parity of 4
    >>> round(o_information(d, ["x0", "x1", "x3", "x4"], "x2", base=2), 10)
    -2.0
    """
    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    c = _conditioning(d, crvs)
    hc = _h(d, c)
    whole = [i for g in parts for i in g]
    value = (len(parts) - 2) * (_h(d, whole + c) - hc)
    for k, g in enumerate(parts):
        others = [i for j, o in enumerate(parts) if j != k for i in o]
        value += _h(d, g + c) - _h(d, others + c)
    return _scale(value, base)


def generalized_dual_total_correlation(
    d: Distribution,
    order: int,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Sum of the information-diagram atoms shared by at least ``order`` parts.

    Each atom of the parts ``X_1..X_n`` (given ``C``) is the co-information of
    a subset ``S`` conditioned on the other parts and ``C``; this sums the atoms
    with ``|S| >= order`` (dit's ``generalized_dual_total_correlation``).
    Order 1 is the joint entropy ``H(X | C)``, order 2 the dual total
    correlation, order ``n`` the co-information of all parts, and an order
    above ``n`` gives 0. Cost: ``3^n`` entropy terms for ``n`` parts.

    Parameters
    ----------
    d : Distribution
        The joint distribution.
    order : int
        The least number of parts an atom must share (``>= 1``).
    rvs : sequence of variables or variable groups, optional
        The parts; default: every variable not in ``crvs``
        alone.
    crvs : str, int, sequence or None, default=None
        Conditioning variables.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Raises
    ------
    InvalidParameterError
        If ``order`` is not an int >= 1.

    Examples
    --------
    >>> from mutinfo.discrete import examples, generalized_dual_total_correlation
    >>> d = examples.parity(4)
    >>> [round(generalized_dual_total_correlation(d, k, base=2), 10) for k in (1, 2, 4)]
    [3.0, 3.0, 1.0]
    """
    if isinstance(order, bool) or not isinstance(order, int | np.integer) or order < 1:
        raise InvalidParameterError(
            f"The 'order' parameter must be an int >= 1 (the least number of parts "
            f"an atom is shared by). Got {order!r} instead."
        )
    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    c = _conditioning(d, crvs)
    n = len(parts)
    cache: dict[frozenset[int], float] = {}

    def h(members: Sequence[int]) -> float:
        """Entropy of the parts ``members`` together with ``C``."""
        key = frozenset(members)
        if key not in cache:
            cache[key] = _h(d, [i for m in key for i in parts[m]] + c)
        return cache[key]

    value = 0.0
    for size in range(int(order), n + 1):
        for subset in combinations(range(n), size):
            rest = [m for m in range(n) if m not in subset]
            h_rest = h(rest)
            # The atom: co-information of ``subset`` given the rest and C.
            for k in range(1, size + 1):
                for u in combinations(subset, k):
                    value -= (-1) ** k * (h([*u, *rest]) - h_rest)
    return _scale(value, base)


def s_information(
    d: Distribution, rvs: Sequence[RVs] | None = None, *, base: float = math.e
) -> float:
    """S-information (Rosas et al. 2019): total plus dual total correlation.

    See :func:`o_information` for the conditional O-information.

    Examples
    --------
    >>> from mutinfo.discrete import examples, s_information
    >>> round(s_information(examples.giant_bit(5), base=2), 10)
    5.0
    """
    return total_correlation(d, rvs, base=base) + dual_total_correlation(
        d, rvs, base=base
    )
