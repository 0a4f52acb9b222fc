"""Redundancy measures whose value is a closed form of the marginals.

Each measure maps a prepared distribution and the lattice to the redundancy
``I_cap(alpha)`` of every node, in nats; :func:`mutinfo.pid.decompose` turns
them into atoms by the lattice's Möbius inversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.pid._lattice import Lattice
from mutinfo.pid._prepare import Prepared

__all__ = ["Redundancies", "imin", "mmi", "pm"]


@dataclass
class Redundancies:
    """The redundancy of every lattice node (nats), with optional extras.

    Attributes
    ----------
    values : ndarray of shape (n_nodes,)
        ``I_cap`` of each node, in the lattice's order.
    plus, minus : ndarray of shape (n_nodes, n_outcomes) or None
        Pointwise specificity and ambiguity redundancies (``pm`` only).
    info : dict
        Solver diagnostics (``broja``), iteration counts (``ccs``).
    """

    values: NDArray[np.float64]
    plus: NDArray[np.float64] | None = None
    minus: NDArray[np.float64] | None = None
    info: dict[str, Any] = field(default_factory=dict)


def imin(prep: Prepared, lat: Lattice) -> Redundancies:
    """Williams & Beer's I_min: ``sum_t p(t) min_{A in alpha} I(T = t; A)``."""
    t, kt = prep.target_codes()
    p_t = np.bincount(t, weights=prep.p, minlength=kt)
    values = np.array(
        [
            float(
                p_t @ np.min([prep.specific_information(part) for part in node], axis=0)
            )
            for node in lat.nodes
        ]
    )
    return Redundancies(values)


def mmi(prep: Prepared, lat: Lattice) -> Redundancies:
    """Minimum mutual information: ``min_{A in alpha} I(A; T)``."""
    mi = {}
    values = np.empty(len(lat.nodes))
    for i, node in enumerate(lat.nodes):
        for part in node:
            if part not in mi:
                mi[part] = float(prep.p @ prep.local_mi(part))
        values[i] = min(mi[part] for part in node)
    return Redundancies(values)


def pm(prep: Prepared, lat: Lattice) -> Redundancies:
    """Finn & Lizier's I_pm (I^+- _min), pointwise then averaged.

    At each joint outcome, the specificity redundancy is
    ``r+(alpha) = min_{A in alpha} h(a)`` with ``h(a) = -log p(a)``, and the
    ambiguity redundancy is ``r-(alpha) = min_{A in alpha} h(a | t)``; the
    pointwise redundancy is ``r+ - r-`` and ``I_pm`` is its average.
    """
    t, kt = prep.target_codes()
    log_p_t = np.log(prep.marginal(t, kt))
    h: dict[tuple[int, ...], NDArray[np.float64]] = {}
    h_t: dict[tuple[int, ...], NDArray[np.float64]] = {}
    n_rows = prep.p.size
    plus = np.empty((len(lat.nodes), n_rows))
    minus = np.empty((len(lat.nodes), n_rows))
    for i, node in enumerate(lat.nodes):
        for part in node:
            if part not in h:
                a, _, p_at = prep.pair(part)
                h[part] = -np.log(prep.marginal(a, prep.codes(part)[1]))
                h_t[part] = -(np.log(p_at) - log_p_t)
        plus[i] = np.min([h[part] for part in node], axis=0)
        minus[i] = np.min([h_t[part] for part in node], axis=0)
    values = (plus - minus) @ prep.p
    return Redundancies(values, plus=plus, minus=minus)
