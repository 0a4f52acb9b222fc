"""Named example distributions of the information-theory literature.

The PID gates (``xor``, ``and_``, ``copy``, ``rdn``, ``unq``) have two
uniform input bits ``x0``, ``x1`` and a target ``y``; ``giant_bit`` and
``parity`` take the number of variables; ``dyadic`` and ``triadic`` are
James & Crutchfield's (2017) pair with identical Shannon measures.

Examples
--------
>>> from mutinfo.discrete import examples
>>> examples.xor().to_dict()[(1, 1, 0)]
0.25
"""

from __future__ import annotations

import itertools

from mutinfo.discrete._distribution import Distribution
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "and_",
    "copy",
    "dyadic",
    "giant_bit",
    "parity",
    "rdn",
    "triadic",
    "unq",
    "xor",
]

_GATE_NAMES = ("x0", "x1", "y")


def _gate(target: dict[tuple[int, int], int]) -> Distribution:
    return Distribution(
        {(a, b, target[(a, b)]): 0.25 for a in (0, 1) for b in (0, 1)}, _GATE_NAMES
    )


def xor() -> Distribution:
    """``y = x0 XOR x1`` with uniform input bits.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> len(examples.xor())
    4
    """
    return _gate({(a, b): a ^ b for a in (0, 1) for b in (0, 1)})


def and_() -> Distribution:
    """``y = x0 AND x1`` with uniform input bits.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> examples.and_()[(1, 1, 1)]
    0.25
    """
    return _gate({(a, b): a & b for a in (0, 1) for b in (0, 1)})


def copy() -> Distribution:
    """``y = (x0, x1)`` coded as ``2 x0 + x1``: the target copies both inputs.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> examples.copy()[(1, 0, 2)]
    0.25
    """
    return _gate({(a, b): 2 * a + b for a in (0, 1) for b in (0, 1)})


def rdn() -> Distribution:
    """Redundancy: ``x0 = x1 = y``, one uniform bit.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> examples.rdn().outcomes
    [(0, 0, 0), (1, 1, 1)]
    """
    return Distribution({(0, 0, 0): 0.5, (1, 1, 1): 0.5}, _GATE_NAMES)


def unq() -> Distribution:
    """Return the unique-information gate ``y = x1`` (independent uniform inputs).

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> examples.unq()[(0, 1, 1)]
    0.25
    """
    return _gate({(a, b): b for a in (0, 1) for b in (0, 1)})


def _check_n(n: int, k: int, low: int) -> None:
    for name, value, least in (("n", n, low), ("k", k, 2)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise InvalidParameterError(
                f"The {name!r} parameter must be an int of at least {least}. Got "
                f"{value!r} instead."
            )


def giant_bit(n: int = 3, k: int = 2) -> Distribution:
    """``n`` copies of one uniform symbol over ``k`` values (maximal redundancy).

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> examples.giant_bit(3).outcomes
    [(0, 0, 0), (1, 1, 1)]
    """
    _check_n(n, k, 1)
    names = [f"x{i}" for i in range(n)]
    return Distribution({(v,) * n: 1.0 / k for v in range(k)}, names)


def parity(n: int = 3, k: int = 2) -> Distribution:
    """``n`` symbols over ``k`` values, uniform subject to ``sum = 0 (mod k)``.

    Any ``n - 1`` of them are independent and uniform; the last is fixed by the
    others (dit's ``n_mod_m``). ``parity(3)`` is XOR.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> len(examples.parity(4))
    8
    """
    _check_n(n, k, 2)
    names = [f"x{i}" for i in range(n)]
    pmf = {}
    for head in itertools.product(range(k), repeat=n - 1):
        pmf[(*head, (-sum(head)) % k)] = 1.0 / k ** (n - 1)
    return Distribution(pmf, names)


def dyadic() -> Distribution:
    """James & Crutchfield's dyadic distribution: pairwise shared bits.

    Three independent uniform bits ``a, b, c``; ``x = (a, b)``, ``y = (b, c)``,
    ``z = (c, a)``, each coded as ``2 * first + second``.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> len(examples.dyadic())
    8
    """
    pmf = {}
    for a, b, c in itertools.product((0, 1), repeat=3):
        pmf[(2 * a + b, 2 * b + c, 2 * c + a)] = 1 / 8
    return Distribution(pmf, ("x", "y", "z"))


def triadic() -> Distribution:
    """James & Crutchfield's triadic distribution: a three-way XOR plus a shared bit.

    Bits ``a, b, c`` uniform with ``a XOR b XOR c = 0`` and an independent
    uniform bit ``w``; ``x = (a, w)``, ``y = (b, w)``, ``z = (c, w)``, each
    coded as ``2 * first + second``.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> len(examples.triadic())
    8
    """
    pmf = {}
    for a, b, w in itertools.product((0, 1), repeat=3):
        c = a ^ b
        pmf[(2 * a + w, 2 * b + w, 2 * c + w)] = 1 / 8
    return Distribution(pmf, ("x", "y", "z"))
