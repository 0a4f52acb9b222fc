"""Gács-Körner common information: the entropy of the finest common function."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from mutinfo.discrete._distribution import Distribution, RVs
from mutinfo.discrete._measures import (
    _check_dist,
    _conditioning,
    _groups,
    _h,
    _scale,
    _shannon,
)
from mutinfo.exceptions import InvalidParameterError

__all__ = ["gk_common_information"]


def gk_common_information(
    d: Distribution,
    rvs: Sequence[RVs] | None = None,
    crvs: RVs = None,
    *,
    base: float = math.e,
) -> float:
    """Gács-Körner common information of the parts ``rvs`` given ``crvs``.

    The largest entropy of a variable that every part determines on its own
    (the *meet*): link every outcome of positive probability to the value each
    part takes in it; the connected components of that graph are the values
    of the finest common function, and its entropy is the common information.
    Conditioning adds ``crvs`` to every part and subtracts ``H(crvs)``, which
    is ``sum_c p(c) K(parts | C = c)``.

    Parameters
    ----------
    d : Distribution
        The joint distribution.
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

    Examples
    --------
    >>> from mutinfo.discrete import examples, gk_common_information
    >>> round(gk_common_information(examples.triadic(), base=2), 10)
    1.0
    >>> round(gk_common_information(examples.dyadic(), base=2), 10)
    0.0
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    d = _check_dist(d)
    parts = _groups(d, rvs, crvs)
    if not parts:
        raise InvalidParameterError(
            "The 'rvs' parameter of gk_common_information needs at least one part; "
            "got an empty list. Pass variables or variable groups, or None for "
            "every variable alone."
        )
    c = _conditioning(d, crvs)
    m = len(d)
    rows, cols, offset = [], [], m
    for g in parts:
        codes, k = d.marginal_codes(sorted(set(g + c)))
        rows.append(np.arange(m))
        cols.append(codes + offset)
        offset += k
    r, q = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(r.size), (r, q)), shape=(offset, offset))
    _, labels = connected_components(graph, directed=False)
    p = np.asarray(np.bincount(labels[:m], weights=d.pmf), dtype=np.float64)
    value = _shannon(p) - _h(d, c)
    return _scale(value, base)
