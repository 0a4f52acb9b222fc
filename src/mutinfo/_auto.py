"""The one resolver: ``method`` (name, ``"auto"`` or object) + parameters -> estimator.

Every caller that takes ``method=`` and method parameters (the front door, the
matrix, feature selection, the statistics, the benchmark and the CLI) goes
through :func:`make_estimator` (one estimate) or :func:`route_params` (several
families chosen per pair), so the same misuse gives the same error everywhere,
naming the method and the parameter, never the calling function.

The ``auto`` rule (:func:`auto_method`), subject to change and recorded in every
``Result.method`` (the evidence: ``benchmarks/accuracy.py``, docs/accuracy.md):

- every column discrete -> the bias-corrected family that
  :func:`mutinfo._rules.choose_discrete_family` picks from how well the joint
  table is sampled (:func:`discrete_family`): for MI, ``dirichlet_product``
  below 2 samples per cell of the full joint table (product of the observed
  numbers of values; below 1 for tables of at most 16 cells) when both
  variables have at least 10 observed values (a many-valued feature against
  a few classes gets Grassberger), never for a functional table, where one
  variable's values determine the other's, and a one-to-one table (more than
  16 cells) gets the entropy's family, so ``I(X; X) = H(X)``; for CMI ``nsb``
  below 1, else
  ``grassberger`` (``miller_madow`` for small tables); for entropies, by
  samples per occupied cell, ``miller_madow`` for at most 4 of them,
  ``chao_shen`` below 1.3, ``nsb`` below 5, else
  ``grassberger`` (bias / RMSE on the issue-21 channels, N = 100, 300 draws:
  8 x 8 plug-in +0.24 / 0.27 nats, rule +0.06 / 0.16; 40 x 40 Zipf plug-in
  +1.18 / 1.19, rule +0.06 / 0.18; the evidence:
  ``benchmarks/discrete.py --rule``, ``benchmarks/discrete_mi_bayes.py`` and
  ``benchmarks/discrete_mi_rule.py``). ``plugin`` for one sample, and for
  ``total_correlation`` ``binning``, which passes labels to the plug-in
  entropies. This applies to one estimate (:func:`make_estimator`), to each
  pair of :func:`mutinfo.mi_matrix` and to each term of feature selection
  (:func:`mutinfo.rank_features`, :func:`mutinfo.selection.forward_selection`;
  per pair or term, the same choice); the statistic of a permutation test
  keeps ``plugin``;
- every column continuous -> ``kl`` for entropies; for MI and CMI at a joint
  dimension of :data:`mutinfo._rules.CONTINUOUS_HIGH_DIM` (10) or more,
  ``gaussian_copula`` (its worst-case error over the registered tasks is below
  KSG's there: 0.43 vs 0.67 nats at dimension 10, 0.10 vs 8.2 at 40); else
  ``mixed_atoms`` when a column's values repeat so often that a row's nearest
  neighbours sit among its own duplicates (row-weighted mean multiplicity above
  :data:`mutinfo._ties.TIE_MULTIPLICITY`, 20, measured there): it splits atoms
  (values holding >= 2 % of the rows) from the continuous part (error on Gao et
  al.'s mixture at n = 5000: +0.004 nats against
  ``mixed_ksg``'s -0.128), and which first dequantises a heavily tied column
  read to a resolution (values on a regular grid, no point mass:
  ``U(-step/2, step/2)`` from ``rng``, noted in ``Result.extras["dequantized"]``;
  a Gaussian pair with MI 0.347 read to 0.02 of its spread, n = 50,000: 3.31
  nats before, 0.351; ``benchmarks/rounded_continuous.py``); else ``ksg``,
  whose tie-breaking noise handles fine quantisation (a Gaussian pair with MI
  0.511 rounded to 1 decimal at n = 300: KSG 0.53, ``mixed_ksg`` 0.87,
  ``mixed_atoms`` 1.29);
- a mix of discrete and continuous columns -> ``mixed_ksg`` (Ross's estimator
  for labels against a continuous variable; Gao et al.'s for CMI); MI of one
  label variable against a heavily tied continuous one (the test above) ->
  ``mixed_atoms``: Ross's tie-breaking noise moves the estimate from draw to
  draw where the atoms are counted exactly (6 labels against a 4-valued float
  column, truth 0.108, n = 6000, 12 draws: RMSE 0.0073 against 0.0038; a
  label-shifted Gaussian rounded to integers, truth 0.072: 0.0106 against
  0.0054; the fair data's occupation against its 4-valued religiousness:
  seed spread 0.007 nats, 0 for ``mixed_atoms``, which equals Miller-Madow
  there); CMI with a heavily tied continuous column (same test, continuous
  columns only) -> ``mixed_atoms``, as for all-continuous CMI: Gao et al.'s
  estimator reads the ties as point masses (X read to 0.1 of a Gaussian of sd
  1.4, Y continuous, given 4 labels, truth 0.070, n = 2000, 8 draws: bias
  +0.218 nats against +0.010); except MI of
  one label variable against continuous columns at a joint dimension of 10 or
  more (labels counting one) with more rows in every label than that
  dimension: ``gaussian_copula`` (:func:`mutinfo._rules.choose_mixed_family`;
  5 labels against 10 Gaussian columns, truth 0.81, n = 1000: Ross -0.37
  nats, the copula -0.03; ``benchmarks/mixed_high_dim.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np

from mutinfo import _registry
from mutinfo._counting import encode
from mutinfo._measures import get_measure
from mutinfo._params import check_choice, suggest
from mutinfo._rules import (
    choose_continuous_family,
    choose_discrete_family,
    choose_mixed_family,
)
from mutinfo._ties import TIE_MULTIPLICITY, column_ties
from mutinfo._validation import Variable, warn_integer_labels
from mutinfo.estimators._base import Estimator
from mutinfo.exceptions import InvalidParameterError, UnsupportedMeasureError

__all__ = [
    "TIE_MULTIPLICITY",
    "auto_method",
    "check_method",
    "discrete_family",
    "family",
    "heavily_tied",
    "make_estimator",
    "route_params",
    "supports",
]


def family(name: str) -> type[Estimator]:
    """Return the registered estimator class ``name``."""
    return cast("type[Estimator]", _registry.get(name))


def heavily_tied(variables: Sequence[Variable]) -> bool:
    """Return whether a column's values repeat enough to defeat KSG's noise.

    True when some column's row-weighted mean multiplicity exceeds
    :data:`mutinfo._ties.TIE_MULTIPLICITY` (the measurement is there); the
    matrix classifies its columns with the same test, one column at a time.
    """
    return any(
        column_ties(v, j)[0] > TIE_MULTIPLICITY
        for v in variables
        for j in range(v.n_features)
    )


def _continuous_column_heavily_tied(variables: Sequence[Variable]) -> bool:
    """:func:`heavily_tied` on the continuous columns of ``variables`` only."""
    return any(
        column_ties(v, j)[0] > TIE_MULTIPLICITY
        for v in variables
        for j in range(v.n_features)
        if not v.discrete[j]
    )


def discrete_family(measure: str, variables: Sequence[Variable]) -> str:
    """Return the counting family ``auto`` uses for all-discrete ``variables``.

    :func:`mutinfo._rules.choose_discrete_family` on the number of rows, the
    product of the observed numbers of distinct values of every column (the
    full joint table) and the number of distinct rows (its occupied cells).
    ``plugin`` for fewer than two rows (a correction needs two) and for a
    measure the counting families do not estimate, and where the rule says
    ``nsb`` but no joint row repeats (NSB's posterior is improper there). For
    MI it also tells the rule whether the table is functional (as many
    occupied cells as the larger variable has values) and the two variables'
    numbers of distinct values.
    """
    n = variables[0].n_samples
    if n < 2 or measure not in ("entropy", "conditional_entropy", "mi", "cmi"):
        return "plugin"
    blocks = [v.values for v in variables]
    cells = 1
    for block in blocks:
        for j in range(block.shape[1]):
            cells *= encode(block[:, [j]])[1]
    occupied = encode(*blocks)[1]
    functional = False
    sizes = None
    if measure == "mi":
        kx, ky = (encode(b)[1] for b in blocks)
        sizes = (kx, ky)
        functional = occupied == max(sizes)
    return discrete_family_of(
        measure, n, cells, occupied, functional=functional, sizes=sizes
    )


def discrete_family_of(
    measure: str,
    n: int,
    cells: int,
    occupied: int,
    *,
    functional: bool = False,
    sizes: tuple[int, int] | None = None,
) -> str:
    """:func:`discrete_family` from its numbers (for callers that count).

    ``n >= 2`` rows, ``cells`` the product of every column's number of
    distinct values, ``occupied`` the number of distinct rows, ``functional``
    whether (for MI) one variable's observed values determine the other's.
    """
    name = choose_discrete_family(
        measure, n, cells, occupied=occupied, functional=functional, sizes=sizes
    )
    if name == "nsb" and occupied == n:
        # NSB's posterior is improper without a repeated row; James-Stein
        # would shrink CMI's strata towards independence, so CMI stays
        # plug-in (which warns that the table is undersampled).
        name = "plugin"
    return name if supports(name, measure) else "plugin"


def auto_method(
    measure: str, variables: Sequence[Variable], *, sampling: bool = False
) -> str:
    """Apply the ``method="auto"`` rule (see the module docstring).

    ``sampling=True`` (one estimate, :func:`make_estimator`) gives all-discrete
    data the family :func:`discrete_family` picks from how well the table is
    sampled; the default keeps ``plugin``, for callers that need one family
    on every draw (the statistic of feature selection's permutation tests).
    The matrix resolves its pairs of label columns
    itself, pair by pair (``mutinfo.matrix._plan``), with the same rule.
    """
    get_measure(measure)
    if all(v.is_discrete for v in variables):
        if measure == "total_correlation" and "binning" in _registry.names():
            return "binning"  # passes labels through to the plug-in entropies
        return discrete_family(measure, variables) if sampling else "plugin"
    if all(v.is_continuous for v in variables):
        if measure in ("entropy", "conditional_entropy"):
            return "kl"
        dim = sum(v.n_features for v in variables)
        n = variables[0].n_samples
        if measure in ("mi", "cmi") and supports("gaussian_copula", measure):
            family_name = choose_continuous_family(measure, n, dim)
            if family_name == "gaussian_copula":
                return family_name
        if heavily_tied(variables):
            for name in ("mixed_atoms", "mixed_ksg"):
                if supports(name, measure):
                    return name
        return "ksg"
    if measure == "mi" and supports("gaussian_copula", measure):
        labels = [v for v in variables if v.is_discrete]
        numbers = [v for v in variables if v.is_continuous]
        if len(labels) == len(numbers) == 1:
            codes, k = encode(labels[0].values)
            fewest = int(np.bincount(codes, minlength=k).min())
            dim = 1 + numbers[0].n_features
            n = variables[0].n_samples
            if (
                choose_mixed_family(measure, n, dim, fewest_rows=fewest)
                == "gaussian_copula"
            ):
                return "gaussian_copula"
    if (
        measure == "mi"
        and len(variables) == 2
        and {v.kind for v in variables} == {"discrete", "continuous"}
        and heavily_tied([v for v in variables if v.is_continuous])
        and supports("mixed_atoms", measure)
    ):
        # Ross's estimator breaks the ties of such a column with noise, and
        # its estimate moves with the draw (a 4-valued float column against 6
        # labels, n = 6000: seed spread 0.006 nats against the counting
        # family's 0.0004); mixed_atoms counts the atoms exactly.
        return "mixed_atoms"
    if (
        measure == "cmi"
        and _continuous_column_heavily_tied(variables)
        and supports("mixed_atoms", measure)
    ):
        # Gao et al.'s CMI reads the ties as point masses and is biased
        # upwards (X read to 0.1 given 4 labels, truth 0.070, n = 2000, 8
        # draws: +0.218 nats against mixed_atoms' +0.010), as for
        # all-continuous CMI, which already goes to mixed_atoms.
        return "mixed_atoms"
    if supports("mixed_ksg", measure):
        return "mixed_ksg"
    kinds = ", ".join(f"{v.name}: {v.kind}" for v in variables)
    raise UnsupportedMeasureError(
        f"method='auto' has no estimator yet for {measure!r} on a mix of discrete and "
        f"continuous data ({kinds}). Pass method='plugin' to treat every column as "
        "labels, or method='ksg' to treat every column as continuous numbers."
    )


def supports(name: str, measure: str) -> bool:
    """Return whether the registered family ``name`` estimates ``measure``."""
    return name in _registry.names() and measure in _registry.supported_measures(
        _registry.get(name)
    )


def check_method(method: Any) -> str:
    """Validate a method name (``"auto"`` or registered): the one error for it."""
    return check_choice(method, "method", ["auto", *_registry.names()], "the estimate")


def _owners(key: str) -> list[str]:
    return [n for n in _registry.names() if key in _registry.get(n).parameters]


def _describe(name: str) -> str:
    spec = _registry.get(name).parameters
    return ", ".join(repr(k) for k in spec) or "none"


def route_params(
    names: Sequence[str], params: Mapping[str, Any], *, auto: bool
) -> dict[str, dict[str, Any]]:
    """Give each family in ``names`` the parameters it declares, validated.

    ``names`` are the families that will run (one for a single estimate; one
    per kind of pair for a matrix under ``auto``). A parameter that none of them
    declares is an error that names the method(s) and the parameter; a value
    that breaks its constraint is an error that names the method, the
    parameter, the constraint and the value.
    """
    used = sorted(set(names))
    for key in params:
        if any(key in _registry.get(n).parameters for n in used):
            continue
        shown = ", ".join(map(repr, used))
        owners = _owners(key)
        if owners:
            fix = (
                f"{key!r} is a parameter of {', '.join(map(repr, owners))}: pass "
                f"method=<one of them> to use it, or drop it."
            )
        else:
            known = {k for n in _registry.names() for k in _registry.get(n).parameters}
            fix = f"No registered method takes it.{suggest(key, known)}"
        chosen = (
            f"method='auto' chose {shown} for this data"
            if auto
            else f"Method {shown} was chosen"
        )
        valid = "; ".join(f"{n}: {_describe(n)}" for n in used)
        raise InvalidParameterError(
            f"{chosen}, which takes no parameter {key!r} (its parameters: "
            f"{valid}). {fix}"
        )
    routed: dict[str, dict[str, Any]] = {}
    for name in used:
        spec = _registry.get(name).parameters
        mine = {}
        for key, value in params.items():
            if key not in spec:
                continue
            if not spec[key].constraint.is_satisfied_by(value):
                raise InvalidParameterError(
                    f"The {key!r} parameter of method {name!r} must be "
                    f"{spec[key].constraint.describe()}. Got {value!r} instead."
                )
            mine[key] = value
        routed[name] = mine
    return routed


#: Methods whose continuous estimates search neighbours (``auto`` picks them).
_NEIGHBOUR_FAMILIES = frozenset(
    {"auto", "ksg", "kl", "kl_weighted", "mixed_ksg", "mixed_atoms"}
)


def make_estimator(
    method: Any,
    measure: str,
    params: Mapping[str, Any],
    variables: Sequence[Variable],
    rng: Any = None,
) -> Estimator:
    """Turn ``method`` (name, ``"auto"`` or estimator object) into an estimator.

    The only place that resolves ``method`` for one estimate; an estimator
    object is used as is (its parameters belong on the object).
    """
    if isinstance(method, Estimator):
        if params:
            raise InvalidParameterError(
                f"Method parameters {sorted(params)} were given with an estimator "
                f"object {method!r}; set them on the object instead."
            )
        return method
    continuous = any(not all(v.discrete) for v in variables)
    if isinstance(method, str) and method in _NEIGHBOUR_FAMILIES and continuous:
        from mutinfo._neighbors import prefetch

        # Before the registry imports the families: the numba load, if the
        # search will start one, then overlaps those imports.
        prefetch(variables[0].n_samples)
    check_method(method)
    get_measure(measure)
    auto = method == "auto"
    name = auto_method(measure, variables, sampling=True) if auto else method
    if auto and measure == "mi" and name == "dirichlet_product":
        warn_integer_labels(variables, name)
    routed = route_params([name], params, auto=auto)
    return family(name)(rng=rng, **routed[name])
