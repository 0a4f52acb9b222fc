"""``decompose``: the partial information decomposition of an explicit distribution."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

from mutinfo._params import suggest
from mutinfo._result import check_base, unit_name
from mutinfo.discrete import Distribution
from mutinfo.discrete._distribution import RVs
from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid._lattice import Lattice, lattice
from mutinfo.pid._measures import Redundancies, imin, mmi, pm
from mutinfo.pid._prepare import Prepared, prepare
from mutinfo.pid._result import PID, PointwisePID

__all__ = ["MEASURES", "Measure", "decompose"]

Measure = Literal["imin", "mmi", "ccs", "broja", "dep", "pm"]


def _ccs(prep: Prepared, lat: Lattice) -> Redundancies:
    from mutinfo.pid._ccs import ccs

    return ccs(prep, lat)


def _broja(prep: Prepared, lat: Lattice) -> Redundancies:
    from mutinfo.pid._broja import broja

    return broja(prep, lat)


def _dep(prep: Prepared, lat: Lattice) -> Redundancies:
    from mutinfo.pid._dep import dep

    return dep(prep, lat)


#: Measure name -> function of (prepared distribution, lattice) -> redundancies.
MEASURES: dict[str, Callable[[Prepared, Lattice], Redundancies]] = {
    "broja": _broja,
    "ccs": _ccs,
    "dep": _dep,
    "imin": imin,
    "mmi": mmi,
    "pm": pm,
}


def _check_measure(measure: object) -> str:
    if not isinstance(measure, str) or measure not in MEASURES:
        valid = ", ".join(repr(m) for m in MEASURES)
        hint = suggest(measure, list(MEASURES)) if isinstance(measure, str) else ""
        raise InvalidParameterError(
            f"Unknown PID measure {measure!r}. Valid measures: {valid}.{hint}"
        )
    return measure


def decompose(
    dist: Distribution,
    sources: Sequence[RVs],
    target: RVs,
    *,
    measure: Measure = "ccs",
    base: float = 2,
) -> PID:
    """Partial information decomposition of ``I(sources; target)``.

    The redundancy lattice of 2, 3 or 4 sources (4, 18 or 166 nodes, built
    once and cached) gets the measure's redundancy ``I_cap`` at every node;
    the atoms are its Möbius inversion, ``I_cap(alpha) = sum_{beta <= alpha}
    atom(beta)`` (Williams & Beer 2010), shared by every measure.

    Parameters
    ----------
    dist : Distribution
        The joint distribution (:class:`mutinfo.discrete.Distribution`).
    sources : sequence
        2 to 4 sources; each a variable (name or index) or a list of
        variables forming one source.
    target : str, int or sequence
        The target variable(s); must not be among the sources.
    measure : {"ccs", "imin", "mmi", "broja", "dep", "pm"}, default="ccs"
        The redundancy measure:

        - ``"imin"``: Williams & Beer's ``I_min = sum_t p(t) min_A I(T=t; A)``.
        - ``"mmi"``: minimum mutual information ``min_A I(A; T)``.
        - ``"ccs"``: Ince's common change in surprisal, the local
          co-information averaged where its sign agrees with the local MIs,
          under the maximum-entropy distribution keeping ``p(a_1..a_k)`` and
          each ``p(a_j, t)``.
        - ``"broja"``: Bertschinger et al.'s ``UI = min_{Q in Delta_P}
          I_Q(T; A | B)`` (two sources; needs the ``pid`` extra, cvxpy). Its
          certified optimality gap (nats) is ``PID.info["gap"]``.
        - ``"dep"``: James, Emenheiser & Crutchfield's ``I_dep`` (two
          sources): unique information is the least gain of ``I(A, B; T)``
          over the edges of the dependency lattice that add the constraint
          ``p(a, t)``, among maximum-entropy models of ``(A, B, T)``.
        - ``"pm"``: Finn & Lizier's ``I_pm``: pointwise ``min_A h(a) -
          min_A h(a | t)``, averaged; ``PID.pointwise`` holds the pointwise
          atoms.
    base : float, default=2
        Logarithm base of the values (2: bits, ``math.e``: nats).

    Returns
    -------
    PID
        Atoms by node (``{0}{1}``, ``{0}``, ``{1}``, ``{0:1}`` for two
        sources), their redundancies, the unit, and for two sources
        ``redundancy``, ``unique`` and ``synergy``.

    Raises
    ------
    InvalidParameterError
        If ``dist`` is not a Distribution, a variable is unknown, the number
        of sources is not 2 to 4, the target is among the sources, the
        measure is unknown, ``broja`` or ``dep`` gets more than 2 sources or alphabets
        whose program would exceed 20,000 variables.
    MissingDependencyError
        If ``measure="broja"`` and cvxpy is not installed.

    Warns
    -----
    ConvergenceWarning
        If the ``broja`` program's gap exceeds 1e-6 nats or the ``ccs`` or
        ``dep`` maximum-entropy fit stops short of its tolerance.

    Notes
    -----
    The atoms sum to ``I(sources; target)``; for two sources ``R + U_i =
    I(S_i; T)``. ``imin``, ``mmi``, ``broja`` and ``dep`` give non-negative atoms for
    two sources; ``ccs`` and ``pm`` may give negative (misinformative)
    atoms. Values are exact up to floating point (``ccs``: the maximum-entropy
    fit to 1e-13; ``broja``: the reported gap).

    References
    ----------
    .. [1] P. L. Williams and R. D. Beer, "Nonnegative decomposition of
       multivariate information", arXiv:1004.2515 (2010).
    .. [2] R. A. A. Ince, "Measuring multivariate redundant information with
       pointwise common change in surprisal", Entropy 19(7):318 (2017),
       doi:10.3390/e19070318.
    .. [3] N. Bertschinger, J. Rauh, E. Olbrich, J. Jost and N. Ay,
       "Quantifying unique information", Entropy 16(4):2161 (2014),
       doi:10.3390/e16042161.
    .. [4] C. Finn and J. T. Lizier, "Pointwise partial information
       decomposition using the specificity and ambiguity lattices", Entropy
       20(4):297 (2018), doi:10.3390/e20040297.
    .. [5] R. G. James, J. Emenheiser and J. P. Crutchfield, "Unique
       information via dependency constraints", J. Phys. A 52(1):014002
       (2018), doi:10.1088/1751-8121/aaed53.

    Examples
    --------
    >>> from mutinfo import pid
    >>> from mutinfo.discrete import examples
    >>> r = pid.decompose(examples.and_(), ["x0", "x1"], "y", measure="imin")
    >>> round(r.redundancy, 6), r.unique, round(r.synergy, 6)
    (0.311278, (0.0, 0.0), 0.5)
    >>> round(pid.decompose(examples.xor(), ["x0", "x1"], "y").synergy, 10)
    1.0
    """
    name = _check_measure(measure)
    b = check_base(base)
    prep = prepare(dist, sources, target)
    lat = lattice(prep.n_sources)
    reds = MEASURES[name](prep, lat)
    scale = 1.0 / math.log(b)
    atoms = lat.atoms(reds.values) * scale + 0.0
    values = reds.values * scale + 0.0
    mi = float(prep.p @ prep.local_mi(tuple(range(prep.n_sources)))) * scale + 0.0
    pointwise = None
    if reds.plus is not None and reds.minus is not None:
        plus = lat.mobius @ reds.plus * scale
        minus = lat.mobius @ reds.minus * scale
        pointwise = PointwisePID(
            outcomes=prep.dist.outcomes,
            probability=prep.p.copy(),
            specificity={n: plus[i] for i, n in enumerate(lat.names)},
            ambiguity={n: minus[i] for i, n in enumerate(lat.names)},
            unit=unit_name(b),
        )
    return PID(
        atoms={n: float(v) for n, v in zip(lat.names, atoms, strict=True)},
        redundancies={n: float(v) for n, v in zip(lat.names, values, strict=True)},
        measure=name,
        unit=unit_name(b),
        sources=prep.source_names,
        target=prep.target_name,
        mutual_information=mi,
        info=reds.info,
        pointwise=pointwise,
    )
