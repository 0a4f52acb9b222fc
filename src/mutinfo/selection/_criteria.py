"""Selection criteria on Brown, Pocock, Zhao & Luján (2012)'s unified view.

Brown et al. show that the classical criteria are approximations of one
conditional-likelihood objective, and that the linear ones have the form

    J(X_k) = I(X_k; Y) - beta * sum_{j in S} I(X_j; X_k)
                       + gamma * sum_{j in S} I(X_j; X_k | Y)

for a selected set S. With the identity
``I(X_j; X_k | Y) = I(X_k; Y | X_j) - I(X_k; Y) + I(X_j; X_k)`` every
criterion is a short function of three cached term matrices (rows: candidates,
columns: selected features in the order chosen):

======================  ==============  =========  ============================
criterion               beta            gamma      written as
======================  ==============  =========  ============================
``mi``                  0               0          ``r``
``mrmr`` (difference)   1/|S|           0          ``r - mean_j R``
``mrmr_quotient``       (Peng et al.)              ``r / max(mean_j R, f)``
``jmi``                 1/|S|           1/|S|      ``mean_j C``
``cmim``                (max form)                 ``min_j C``
``jmim``                (max form)                 ``min_j (r_j + C)``
======================  ==============  =========  ============================

where ``r = I(X_k; Y)``, ``R = I(X_k; X_j)``, ``C = I(X_k; Y | X_j)`` and ``f``
is 3 noise levels of the method on ``X_k`` (:func:`quotient_floor`).
``jmi`` ranks as Yang & Moody's ``sum_j I(X_k, X_j; Y)`` because
``I(X_k, X_j; Y) = I(X_j; Y) + I(X_k; Y | X_j)`` and the first term does not
depend on the candidate. Before anything is selected, every criterion is the
relevance ``r``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CRITERIA",
    "NOISE_MULTIPLE",
    "NULL_DRAWS",
    "NULL_PER_FEATURE",
    "QUOTIENT_FLOOR",
    "TIE_TOLERANCE",
    "Criterion",
    "Terms",
    "null_draws",
    "order_by_score",
    "quotient_floor",
]

#: The least floor of ``mrmr_quotient``'s mean redundancy, in nats (see
#: :func:`quotient_floor`).
QUOTIENT_FLOOR = 1e-3
#: At least this many null estimates in all, and NULL_PER_FEATURE per feature,
#: set ``mrmr_quotient``'s floors.
NULL_DRAWS, NULL_PER_FEATURE = 20, 3
#: ``mrmr_quotient``'s floor is this many noise levels.
NOISE_MULTIPLE = 3.0
#: median |Z| of a standard normal Z: median |null| / this is a typical noise sd.
_MEDIAN_ABS_NORMAL = 0.6744897501960817


def null_draws(n_features: int) -> int:
    """Return the permutations of the target behind ``mrmr_quotient``'s floors."""
    return max(NULL_PER_FEATURE, -(-NULL_DRAWS // max(n_features, 1)))


def quotient_floor(null: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return ``mrmr_quotient``'s floor on each feature's mean redundancy, in nats.

    ``null`` (shape ``(draws, n_features)``) holds estimates of
    ``I(X_j; Y_perm)`` (the target's rows permuted, so the truth is 0) by the
    method of the run. A feature's noise level is the larger of its own null
    estimates' root mean square (bias and spread of the method's zero on that
    column: a many-valued column under plug-in terms has a large one) and the
    typical column's, ``median |null| / 0.674`` over every estimate (robust to
    a few such columns, and to a feature whose own few draws came out near 0).
    The floor is ``NOISE_MULTIPLE`` noise levels, and at least
    :data:`QUOTIENT_FLOOR`. A candidate whose redundancy is within noise of 0
    is then divided by a number at its noise level, so one whose relevance is
    noise scores about 1 / NOISE_MULTIPLE (below 1, where relevance equals
    redundancy) instead of its noise over 1e-3 nats (12.6 for 0.0126 nats),
    while a candidate with real relevance and no redundancy still scores far
    above 1.
    """
    null = np.atleast_2d(np.asarray(null, dtype=np.float64))
    own = np.sqrt(np.mean(np.square(null), axis=0))
    typical = float(np.median(np.abs(null))) / _MEDIAN_ABS_NORMAL
    return np.asarray(
        np.maximum(NOISE_MULTIPLE * np.maximum(own, typical), QUOTIENT_FLOOR)
    )


#: Scores within this much of each other (relative to the largest magnitude,
#: at least 1, in nats or as ratios) are ties. Terms that are equal in exact
#: arithmetic (a relabelled copy of a column, a constant target) come out a few
#: ulps apart depending on the order of the sums, and must not decide the pick.
TIE_TOLERANCE = 1e-10


def order_by_score(values: NDArray[np.float64]) -> NDArray[np.intp]:
    """Return the positions of ``values``, highest first; ties keep their order.

    Values that differ by at most :data:`TIE_TOLERANCE` (relative to the largest
    magnitude, at least 1) from their neighbour in the sorted order are tied and
    keep the order of their positions, so the lower column index wins a tie even
    when rounding put its score an ulp below the other's. NaN (a value that
    could not be estimated) comes last, in the order of positions.
    """
    values = np.asarray(values, dtype=np.float64)
    missing = np.flatnonzero(np.isnan(values))
    if missing.size:
        known = np.flatnonzero(~np.isnan(values))
        return np.concatenate([known[order_by_score(values[known])], missing])
    order = np.argsort(-values, kind="stable")
    if values.size < 2:
        return order
    ranked = values[order]
    tol = TIE_TOLERANCE * max(1.0, float(np.max(np.abs(ranked))))
    group = np.cumsum(np.r_[True, ranked[:-1] - ranked[1:] > tol])
    return np.asarray(order[np.lexsort((order, group))])


@dataclass(frozen=True)
class Terms:
    """The terms a criterion sees at one step, in nats.

    Attributes
    ----------
    relevance : ndarray of shape (n_candidates,)
        ``I(X_k; Y)`` of each candidate.
    redundancy : ndarray of shape (n_candidates, n_selected)
        ``I(X_k; X_j)`` for each selected ``j`` (NaN when the criterion does not
        use it).
    conditional_relevance : ndarray of shape (n_candidates, n_selected)
        ``I(X_k; Y | X_j)`` (NaN when the criterion does not use it).
    selected_relevance : ndarray of shape (n_selected,)
        ``I(X_j; Y)`` of each selected feature.
    floor : float or ndarray of shape (n_candidates,)
        ``mrmr_quotient``'s floor on each candidate's mean redundancy, in nats
        (:func:`quotient_floor`).
    """

    relevance: NDArray[np.float64]
    redundancy: NDArray[np.float64]
    conditional_relevance: NDArray[np.float64]
    selected_relevance: NDArray[np.float64]
    floor: float | NDArray[np.float64] = QUOTIENT_FLOOR


@dataclass(frozen=True)
class Criterion:
    """A selection criterion: the terms it needs and its score once S is non-empty."""

    name: str
    needs: tuple[str, ...]
    score: Callable[[Terms], NDArray[np.float64]]
    reference: str


def _mrmr(t: Terms) -> NDArray[np.float64]:
    return np.asarray(t.relevance - t.redundancy.mean(axis=1))


def _mrmr_quotient(t: Terms) -> NDArray[np.float64]:
    return np.asarray(t.relevance / np.maximum(t.redundancy.mean(axis=1), t.floor))


def _jmi(t: Terms) -> NDArray[np.float64]:
    return np.asarray(t.conditional_relevance.mean(axis=1))


def _cmim(t: Terms) -> NDArray[np.float64]:
    return np.asarray(t.conditional_relevance.min(axis=1))


def _jmim(t: Terms) -> NDArray[np.float64]:
    joint = t.selected_relevance[None, :] + t.conditional_relevance
    return np.asarray(joint.min(axis=1))


_PENG = "Peng, Long & Ding (2005) doi:10.1109/TPAMI.2005.159"

#: The criteria by name.
CRITERIA: dict[str, Criterion] = {
    c.name: c
    for c in (
        Criterion("mi", (), lambda t: t.relevance, "univariate relevance I(X_k; Y)"),
        Criterion("mrmr", ("redundancy",), _mrmr, _PENG),
        Criterion("mrmr_quotient", ("redundancy",), _mrmr_quotient, _PENG),
        Criterion(
            "jmi",
            ("conditional_relevance",),
            _jmi,
            "Yang & Moody (1999); Brown et al. (2012) JMLR 13:27-66",
        ),
        Criterion(
            "cmim",
            ("conditional_relevance",),
            _cmim,
            "Fleuret (2004) JMLR 5:1531-1555",
        ),
        Criterion(
            "jmim",
            ("conditional_relevance",),
            _jmim,
            "Bennasar, Hicks & Setchi (2015) doi:10.1016/j.eswa.2015.07.007",
        ),
    )
}
