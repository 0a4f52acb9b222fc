"""Guardrails shared by the continuous families: constant columns, too few samples.

Every check warns or raises; none changes an estimate silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import encode
from mutinfo._scaling import (
    MAX_OFFSET_RATIO,
    centre_exact,
    ldexp_columns,
    lost_resolution,
    pow2_exponents,
    safe_std,
    within_group_std,
)
from mutinfo._ties import (
    ATOM_MASS,
    ATOM_MIN_COUNT,
    ENTROPY_ATOM_SHARE,
    TIE_FRACTION,
    TIE_MULTIPLICITY,
    atom_fraction,
    column_ties,
    entropy_atoms,
    grid_step,
    repeated_share_of,
    rounding_step,
    row_counts,
)
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    warn,
)

__all__ = [
    "COPULA_ATOMS_MESSAGE",
    "SMALL_N_MESSAGE",
    "centred",
    "column_label",
    "column_where",
    "columns_where",
    "continuous_only",
    "dequantize_columns",
    "drop_constant",
    "heavy_tailed",
    "label_groups",
    "need_samples",
    "offset_suspects",
    "resolution_checked",
    "standardized",
    "warn_atoms",
    "warn_copula_atoms",
    "warn_dimension",
    "warn_duplicate_rows",
    "warn_entropy_atoms",
    "warn_heavy_tails",
    "warn_large_k",
    "warn_lost_resolution",
    "warn_small_n",
    "warn_ties",
    "within_label_std",
    "without_constant",
]

#: Share of rows that exactly repeat another joint row above which the kNN
#: families warn: duplicates are each other's nearest neighbours in every
#: space, which inflates KSG (a Gaussian pair with MI 0.347 nats, n = 1000:
#: 0.357; 5 % of rows appended twice: 0.391; every row twice: 1.06).
DUPLICATE_ROWS = 0.05


def column_label(v: Variable, j: int) -> str:
    """Return a column's label for messages."""
    return str(v.labels[j]) if v.labels else f"{v.name}[{j}]"


def column_where(v: Variable, j: int) -> str:
    """Return how messages name column ``j`` of ``v``: ``'a'`` or ``'a' of 'x'``."""
    label = column_label(v, j)
    return repr(label) if label == v.name else f"{label!r} of {v.name!r}"


def columns_where(v: Variable, cols: Iterable[int] | None = None) -> str:
    """Return how messages name columns ``cols`` of ``v`` (default: all of them).

    ``'x'`` when the columns carry no names of their own (arrays: ``'x[0]'``)
    or the one name is the variable's; else their names and the variable, as
    :func:`column_where`: ``'tied[t-1]' of 'z'`` for ``te_matrix``'s series
    and lags, not the internal ``'z'`` alone.
    """
    idx = range(v.n_features) if cols is None else [int(j) for j in cols]
    labels = [column_label(v, j) for j in idx]
    if labels == [v.name] or all(
        a == f"{v.name}[{j}]" for a, j in zip(labels, idx, strict=True)
    ):
        return repr(v.name)
    return f"{', '.join(repr(a) for a in labels)} of {v.name!r}"


def drop_constant(v: Variable, method: str) -> Variable:
    """Drop constant columns of ``v`` with a :class:`DataWarning`.

    A constant column carries no information, so it adds nothing to a mutual
    information; the warning says so, because a constant column usually means
    a data problem. The result may have zero columns.
    """
    values = v.values
    constant = np.all(values == values[:1], axis=0)
    if not constant.any():
        return v
    names = ", ".join(repr(column_label(v, int(j))) for j in np.flatnonzero(constant))
    warn(
        f"Column(s) {names} of {v.name!r} are constant, so they carry no "
        f"information; method {method!r} leaves them out (an MI with a constant "
        "variable is 0).",
        DataWarning,
    )
    return _keep_columns(v, np.flatnonzero(~constant))


def without_constant(v: Variable) -> Variable:
    """Return ``v`` without its constant columns (possibly none left), silently."""
    constant = np.all(v.values == v.values[:1], axis=0)
    return _keep_columns(v, np.flatnonzero(~constant)) if constant.any() else v


def _keep_columns(v: Variable, keep: NDArray[np.intp]) -> Variable:
    """Return the columns ``keep`` of ``v``, with their kinds, labels and codings."""
    return Variable(
        v.name,
        v.values[:, keep],
        tuple(v.discrete[j] for j in keep),
        tuple(v.labels[j] for j in keep) if v.labels else (),
        tuple(v.coded[j] for j in keep) if v.coded else (),
    )


def need_samples(n: int, need: int, method: str, why: str) -> None:
    """Raise :class:`InsufficientSamplesError` when ``n < need``."""
    if n < need:
        raise InsufficientSamplesError(
            f"Method {method!r} needs at least {need} samples here ({why}); "
            f"got n_samples={n}. Use more samples or fewer columns."
        )


def warn_ties(v: Variable, method: str, better: str) -> None:
    """Warn when a continuous column of ``v`` has many repeated values.

    ``better`` names the method to use instead, for the message.
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        distinct = np.unique(v.values[:, j]).size
        repeated = 1.0 - distinct / v.n_samples
        if repeated > TIE_FRACTION:
            where = column_where(v, j)
            warn(
                f"Column {where} has {distinct} distinct values in {v.n_samples} "
                f"rows ({repeated:.0%} repeated values), which method {method!r} "
                f"assumes away (it is for continuous densities). Use {better} for "
                "data with ties.",
                DataWarning,
            )
            return


#: Atoms a message lists in full.
_SHOWN_ATOMS = 6


def warn_entropy_atoms(v: Variable, method: str) -> bool:
    """Warn when a continuous column of ``v`` has a point mass, for an entropy.

    The one atom check of the continuous entropy families. A value that holds
    a share of the rows beyond what rounding gives
    (:func:`mutinfo._ties.entropy_atoms`: 10 % of the rows, or 1 % and twice
    what its neighbouring values hold) is a point mass, whose differential entropy
    is -inf; a smoothing, binning or spacing estimator still returns a finite
    number near the continuous part's entropy, set by its bandwidth, bins or
    window (30 % zeros in exponential data: 'kernel' 0.94, 'binning' 0.79
    nats), the Gaussian one by the covariance ('gaussian' 1.30), and the kNN
    ones a number pulled down by the duplicates (N(0, 1) with 6 % zeros,
    n = 2000: 'kl' 0.25, 'kernel' 1.39, for -inf). The message names the
    values and their shares. Returns whether it warned (once, for the first
    such column).
    """
    for j in range(v.n_features):
        if v.discrete[j] or column_ties(v, j)[1] == 0.0:
            continue
        column = v.values[:, j]
        if column.min() == column.max():
            continue
        values, counts = entropy_atoms(column)
        if values.size == 0:
            continue
        n = column.size
        shown = ", ".join(
            f"{float(a) + 0.0:g} ({c / n:.1%})"  # + 0.0: -0.0 reads 0
            for a, c in zip(values[:_SHOWN_ATOMS], counts[:_SHOWN_ATOMS], strict=True)
        )
        if values.size > _SHOWN_ATOMS:
            shown += ", ..."
        total = float(counts.sum()) / n
        where = column_where(v, j)
        warn(
            f"Column {where} has atoms: the value(s) {shown} are point masses "
            f"({total:.1%} of the {n} rows in all; a value is one when it holds "
            f"{ATOM_MASS:.0%} of the rows, or {ENTROPY_ATOM_SHARE:.0%} and at "
            "least twice what the values next to it hold, which rounding does "
            f"not give), so the differential entropy of {v.name!r} is -inf and a "
            f"finite estimate of method {method!r} (the entropy of a smoothed, "
            "binned or fitted version, or one pulled down by the duplicates) does not "
            "approach it. Pass discrete=True for the entropy of the values; for "
            "a continuous variable with a point mass, estimate the atom's share "
            "and the entropy of the other rows separately; if the repeats are an "
            "artefact (a fill value, heaping), drop them, or jitter them "
            "knowingly (the estimate then depends on the jitter's scale).",
            DataWarning,
        )
        return True
    return False


#: Start of :func:`warn_copula_atoms`' message, for callers that have said the
#: same of a whole table in their own words (``mutinfo.pid`` multiplets).
COPULA_ATOMS_MESSAGE = r"Column .* is read as continuous but has atoms"


def warn_copula_atoms(v: Variable, method: str, within: str = "") -> bool:
    """Warn when a continuous column of ``v`` has atoms, for a rank-normal copula.

    The Gaussian copula assumes continuous margins: it maps ranks to normal
    quantiles and fits a Gaussian model. A value held by a share of the rows
    (an atom, :func:`mutinfo._ties.atom_fraction`, the threshold the ``auto``
    resolver and the entropy estimators use) gets one average rank, so the
    model sees a few stacked points; for labels stored as floats the result is
    far off, because the copula then models them as one monotone axis instead
    of states. A discrete Z with 3 states whose X-Y correlation is 0, 0.6 and
    0.9 (truth 0.351 nats, n = 4000): CMI 0.349 with Z as labels, 0.142 with
    the same Z as floats; X with class means 0, 2, 0.5 against 3 labels: MI
    0.268 as labels, 0.017 as floats. Point masses in continuous data cost
    less (X = max(X0, 0) of a Gaussian pair with rho 0.8, truth 0.389: 0.363).
    Quantisation ties are not atoms and do not warn: the average ranks of a
    finely rounded column give the copula's value (a Gaussian pair rounded to
    one decimal, n = 5000: 0.510 against 0.511 unrounded; breaking the ties at
    random instead gives 0.508, and 0.318 against average ranks' 0.402 when
    rounded to integers). Constant columns must have been left out first.

    ``within`` ends the column's description (the rows it was checked on).
    Returns whether it warned (once, for the first such column).
    """
    for j in range(v.n_features):
        column = v.values[:, j]
        if v.discrete[j] or column.size == 0 or column_ties(v, j)[1] == 0.0:
            continue
        share = atom_fraction(column)
        if share == 0.0:
            continue
        values, counts = np.unique(column, return_counts=True)
        atoms = values[counts >= max(float(ATOM_MIN_COUNT), ATOM_MASS * column.size)]
        shown = ", ".join(f"{float(a):g}" for a in atoms[:_SHOWN_ATOMS])
        if atoms.size > _SHOWN_ATOMS:
            shown += ", ..."
        where = column_where(v, j)
        warn(
            f"Column {where} is read as continuous but has atoms{within}: "
            f"{values.size} distinct values, and the value(s) {shown} hold "
            f"{share:.0%} of the rows (at least {ATOM_MASS:.0%} each). Method "
            f"{method!r} assumes continuous margins: it gives each tied value one "
            "average rank and models the column as a Gaussian axis, so the "
            "estimate can be far off (labels stored as floats: a 3-state Z gave a "
            "CMI of 0.14 nats for the truth's 0.35). If the values are labels, "
            f"pass discrete=True for {v.name!r} (or a mapping naming the column); "
            "for a continuous variable with point masses use 'mixed_ksg' or "
            "'mixed_atoms'.",
            DataWarning,
        )
        return True
    return False


def warn_atoms(v: Variable, method: str, why: str, min_share: float = 0.0) -> bool:
    """Warn (:class:`DataWarning`) when a continuous column of ``v`` has atoms.

    For the families that read a continuous column as a density (the
    classifier's log density ratio, the kernel's smoothed densities): a value
    held by a share of the rows (:func:`mutinfo._ties.atom_fraction`, the
    threshold of the ``auto`` resolver) is a point mass, which such a density
    cannot represent. ``why`` says, in one or more sentences following "Method
    'name'", what goes wrong for the method and by how much. ``min_share``: warn
    only where the atoms hold at least this share of the column's rows (where
    the method's error is material). The message points to ``mixed_atoms``.
    Constant columns and quantisation ties (values of a fine grid, none holding
    a tenth of the rows) do not warn. Returns whether it warned (once per
    variable, for its first such column).
    """
    for j in range(v.n_features):
        column = v.values[:, j]
        if v.discrete[j] or column.size == 0 or np.all(column == column[0]):
            continue
        share = atom_fraction(column)
        if share == 0.0 or share < min_share:
            continue
        warn(
            f"Column {column_where(v, j)} is read as continuous but has atoms: "
            f"values that each hold a tenth of the rows or more ({share:.0%} of "
            f"the rows in all). Method {method!r} {why} Use method='mixed_atoms' "
            "for a continuous variable with point masses (what method='auto' "
            "picks), or pass discrete=True for the column if its values are "
            "labels.",
            DataWarning,
        )
        return True
    return False


def warn_dense_ties(
    v: Variable,
    method: str,
    better: str,
    limit: float = TIE_MULTIPLICITY,
    grid_fix: str | None = None,
) -> bool:
    """Warn when a column's ties defeat a kNN estimator's tie-breaking noise.

    Returns whether it warned.

    That is when a row shares its value with more than ``limit`` rows on average
    (row-weighted): its nearest neighbours are then exact duplicates, and the
    estimate is biased. For MI the joint space spreads a column's ties, so the
    default is :data:`mutinfo._ties.TIE_MULTIPLICITY` (measured there); for the
    entropy of one column, ``k`` itself. Finer quantisation (many values, few
    rows each) is what the noise handles. ``grid_fix`` (a sentence) is the
    advice for a column that reads a continuum to a resolution
    (:func:`mutinfo._ties.rounding_step`); the message names its step.
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        shared = column_ties(v, j)[0]
        if shared > limit:
            column = v.values[:, j]
            distinct = np.unique(column).size
            repeated = 1.0 - distinct / v.n_samples
            where = column_where(v, j)
            step = None if grid_fix is None else rounding_step(column)
            fix = (
                f"Use {better} for such data."
                if step is None
                else f"Its values lie on a grid of step {step:.4g} with no point "
                f"mass, as readings rounded to that resolution do: {grid_fix}"
            )
            warn(
                f"Column {where} has {distinct} distinct values in {v.n_samples} "
                f"rows ({repeated:.0%} repeated values; a row shares its value with "
                f"{shared:.0f} rows on average), so the nearest neighbours of method "
                f"{method!r} are exact duplicates and its tie-breaking noise does not "
                f"help: the estimate is biased. {fix}",
                DataWarning,
            )
            return True
    return False


def dequantize_columns(
    v: Variable, rng: np.random.Generator, *, tied_only: bool
) -> tuple[Variable, dict[str, float]]:
    """Dequantise the continuous columns of ``v`` that lie on a regular grid.

    Each such column gets ``U(-step/2, step/2)`` noise drawn from ``rng`` (one
    draw per column, in the order of the columns). The noisy value determines
    the grid value, so the mutual information of the dequantised columns is
    that of the rounded ones, exactly: the MI of the underlying continuous
    quantities less what the rounding lost. KSG then sees distinct values whose
    kNN radius no longer lands on the grid (a Gaussian pair with MI 0.347 read
    to 0.02 of its spread, n = 50,000: ``ksg`` 3.31 nats, dequantised 0.349;
    ``benchmarks/rounded_continuous.py``).

    ``tied_only=True`` (``mixed_atoms`` by default) takes only columns that
    read a continuum to a resolution (:func:`mutinfo._ties.rounding_step`: no
    point mass) and whose ties defeat the tie-breaking noise (row-weighted
    multiplicity above :data:`mutinfo._ties.TIE_MULTIPLICITY`); otherwise
    (``ksg`` with ``dequantize=True``) every continuous column whose values
    repeat on a grid (:func:`mutinfo._ties.grid_step`). Returns the variable
    (``v`` itself when no column qualifies) and the step of each dequantised
    column by label.
    """
    steps: dict[int, float] = {}
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        shared, repeated = column_ties(v, j)
        if repeated == 0.0 or (tied_only and shared <= TIE_MULTIPLICITY):
            continue
        column = v.values[:, j]
        step = rounding_step(column) if tied_only else grid_step(column)
        if step is not None:
            steps[j] = step
    if not steps:
        return v, {}
    values = v.values.copy()
    for j, step in steps.items():
        values[:, j] += step * (rng.random(v.n_samples) - 0.5)
    out = Variable(v.name, values, v.discrete, v.labels, v.coded, v.inferred)
    return out, {column_label(v, j): step for j, step in steps.items()}


def continuous_only(v: Variable, method: str, advice: str) -> Variable:
    """Treat the discrete columns of ``v`` as numbers, with a :class:`DataWarning`.

    String labels raise :class:`InvalidDataError`; ``advice`` names better methods.
    """
    if v.is_continuous:
        return v
    if any(v.coded):
        raise InvalidDataError(
            f"Method {method!r} needs numeric data, but {v.name!r} holds string "
            f"labels. Use {advice}."
        )
    cols = ", ".join(
        repr(column_label(v, j)) for j in range(v.n_features) if v.discrete[j]
    )
    warn(
        f"Method {method!r} treats the discrete column(s) {cols} of {v.name!r} as "
        f"numbers of a continuous density. Use {advice} for discrete variables, or "
        "pass discrete=False to silence this.",
        DataWarning,
    )
    return v.as_continuous()


def centred(
    v: Variable, method: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``v``'s columns moved next to zero exactly, and their std.

    A column far from zero is shifted by one of its own values where float64
    subtraction is exact (:func:`mutinfo._scaling.centre_exact`), so no
    difference between samples changes; the standard deviations are computed
    without underflow or overflow at any magnitude
    (:func:`mutinfo._scaling.safe_std`). A :class:`DataWarning` says when an
    offset of more than ``1e12`` spreads had already rounded the data's
    differences away before the estimator saw them
    (:func:`warn_lost_resolution`; unless :meth:`Estimator.compute` has said
    so of the variables already).
    """
    values, centre = centre_exact(v.values)
    std = safe_std(values)
    if not _RESOLUTION_CHECKED.get():
        warn_lost_resolution(v, method, centre, std)
    return values, std


#: True while an estimate runs whose variables :func:`resolution_checked` has
#: checked, so that :func:`centred` (the kNN and kernel families' preparation,
#: which also runs outside ``compute``: matrix kernels, permutation nulls) and
#: estimates nested in it (binning's counts, mixed_atoms' parts) do not
#: repeat the warning.
_RESOLUTION_CHECKED: ContextVar[bool] = ContextVar("resolution_checked", default=False)


@contextmanager
def resolution_checked(variables: list[Variable], method: str) -> Iterator[None]:
    """Check ``variables`` with :func:`warn_lost_resolution`, then run the estimate.

    :meth:`Estimator.compute` runs every family's estimate inside it, so each
    continuous family warns the same way, once per variable.
    """
    if not _RESOLUTION_CHECKED.get():
        for v in variables:
            warn_lost_resolution(v, method)
    token = _RESOLUTION_CHECKED.set(True)
    try:
        yield
    finally:
        _RESOLUTION_CHECKED.reset(token)


def offset_suspects(values: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Return which columns of ``values`` :func:`warn_lost_resolution` must check.

    Only a column whose largest magnitude exceeds its range by about
    ``MAX_OFFSET_RATIO / sqrt(2 n)`` can qualify (its std is at least
    ``range / sqrt(2 n)``): two reductions, and no copy of ordinary data.
    """
    lo, hi = values.min(axis=0), values.max(axis=0)
    top = np.maximum(hi, -lo)
    with np.errstate(over="ignore", invalid="ignore"):
        far: NDArray[np.bool_] = top * np.sqrt(
            2.0 * values.shape[0]
        ) > 0.5 * MAX_OFFSET_RATIO * (hi - lo)
    return far


def warn_lost_resolution(
    v: Variable,
    method: str,
    centre: NDArray[np.float64] | None = None,
    std: NDArray[np.float64] | None = None,
) -> bool:
    """Warn when float64 had rounded a continuous column's differences away.

    That is an offset more than :data:`mutinfo._scaling.MAX_OFFSET_RATIO`
    times the column's spread (:func:`mutinfo._scaling.lost_resolution`): a
    Gaussian pair with MI 0.347 nats, n = 2000, one column offset by 1e15
    (float64 steps of 0.125) moved 'gaussian' from 0.3355 to 0.3343,
    'binning' from 0.3259 to 0.3240 and 'classifier' from 0.288 to 0.315;
    offset by 1e16 (steps of 2), 'gaussian' read 0.223. No exact rescaling
    restores what the data lost. Discrete columns (labels,
    compared for equality) never warn. ``centre`` and ``std`` are
    :func:`mutinfo._scaling.centre_exact`'s offsets and the standard
    deviations of the centred columns, where the caller has them. Returns
    whether it warned (once, for the first such column).
    """
    if v.n_samples < 2 or v.is_discrete:
        return False
    if centre is None or std is None:
        far = offset_suspects(v.values)
        if not np.any(far & ~np.asarray(v.discrete, dtype=bool)):
            return False
        values, centre = centre_exact(v.values)
        std = safe_std(values)
    lost = [j for j in lost_resolution(v.values, centre, std) if not v.discrete[int(j)]]
    if not lost:
        return False
    j = int(lost[0])
    loc = abs(float(centre[j])) or abs(float(np.median(v.values[:, j])))
    step = float(np.spacing(loc))
    warn(
        f"Column {column_label(v, j)!r} of {v.name!r} lies near {loc:.3g} with "
        f"a standard deviation of only {std[j]:.3g}: float64 rounds its values "
        f"to steps of {step:.3g} ({step / std[j]:.2g} of the spread), so "
        f"differences between samples were lost before method {method!r} saw "
        "them and the estimate may be off. Subtract the offset before "
        "converting the data to float (for example in integer or decimal "
        "arithmetic).",
        DataWarning,
    )
    return True


def label_groups(
    variables: list[Variable],
) -> tuple[NDArray[np.int64], int] | None:
    """Return the joint label of every row (codes, count), or None without labels.

    The labels are the rows of all discrete columns of ``variables`` together;
    :func:`within_label_std` measures continuous columns within them.
    """
    blocks = [v.values[:, np.asarray(v.discrete, dtype=bool)] for v in variables]
    blocks = [b for b in blocks if b.shape[1]]
    if not blocks:
        return None
    codes, k = encode(*blocks)
    return (codes, k) if k > 1 else None


def within_label_std(
    values: NDArray[np.float64],
    std: NDArray[np.float64],
    groups: tuple[NDArray[np.int64], int] | None,
) -> NDArray[np.float64]:
    """Return the spread to standardise continuous columns by, next to labels.

    A kNN estimator with labels (``mixed_ksg``) finds a row's neighbours among
    the rows of its own label, so the geometry it sees is each column's spread
    *within* the labels. Scaling by the overall ``std`` instead lets the
    differences between the label means shrink a column against the others:
    Y | L ~ N(mu_L, 1) with mu_L spread by 10 (50 Zipf labels, n = 2000) and an
    irrelevant N(0, 1) Z made ``cmi(L, Y, Z)`` 0.18 nats low (truth 1.915,
    0.32 low with the means spread by 20; benchmarks/mixed_cmi_labels.py).
    So each continuous column of ``values`` (already centred) gets its
    spread about its label means, pooled over the labels
    (:func:`mutinfo._scaling.within_group_std`); ``std`` stays where there are
    no labels or a column is constant within every label. Invariant under
    renaming labels, shifting a column and scaling it (equivariant).
    """
    if groups is None:
        return std
    within = within_group_std(values, groups[0], groups[1])
    return np.where(within > 0, within, std)


#: ``std / (IQR / 1.349)`` above which a column counts as heavy-tailed (about
#: 1 for Gaussian data, 0.78 uniform, 1.4 Laplace, 1.5 Student-t with 3 degrees
#: of freedom; it grows without bound with n for 2 or fewer).
HEAVY_TAIL_RATIO = 2.0


def heavy_tailed(values: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Return per column whether its std exceeds ``HEAVY_TAIL_RATIO`` robust spreads.

    The robust spread is ``IQR / 1.349`` (the std for Gaussian data). Computed
    on a power-of-two rescaled copy, so it does not depend on the units.
    Columns with IQR 0 (mostly ties) do not count.
    """
    unit = ldexp_columns(values, pow2_exponents(values))
    q75, q25 = np.percentile(unit, [75.0, 25.0], axis=0)
    iqr = (q75 - q25) / 1.349
    return np.asarray((iqr > 0) & (unit.std(axis=0) > HEAVY_TAIL_RATIO * iqr))


def standardized(v: Variable, method: str = "") -> tuple[NDArray[np.float64], float]:
    """Return ``v``'s columns scaled to unit variance and ``sum_j log std_j``.

    The columns are centred exactly first (:func:`centred`), so kernels see
    differences at full precision whatever the offset, and the standard
    deviations are computed safely at any magnitude. Constant columns must
    have been removed (or rejected) first.
    """
    values, std = centred(v, method)
    if np.any(std == 0):
        raise InvalidDataError(
            f"{v.name!r} has a constant column, so its differential entropy is "
            "-inf. Remove the constant column first."
        )
    return values / std, float(np.log(std).sum())


#: Joint dimension from which kNN MI estimates are biased low at moderate n.
KNN_DIMENSION = 6


def warn_dimension(d: int, n: int, method: str) -> None:
    """Warn when a kNN estimate in ``d`` joint dimensions is known to be biased low.

    The rule, from ``benchmarks/ksg_dimension_bias.py``: KSG on Gaussians is more
    than 10 % low at joint dimension 6 with n = 1,000, and 17-19 % low at
    dimension 10 with n = 10,000; the samples needed roughly double with each
    added dimension. So warn when ``d >= 6`` and ``n < 1000 * 2 ** (d - 4)``.
    """
    need = 1000 * 2 ** (d - 4)
    if d >= KNN_DIMENSION and n < need:
        warn(
            f"Method {method!r} runs in {d} joint dimensions with n_samples={n}; kNN "
            f"MI estimates there are biased low (often by 10-30 %) below about "
            f"{need} samples. Use more samples, reduce the dimension, or compare "
            "with 'gaussian' / 'gaussian_copula'.",
            BiasWarning,
        )


def warn_duplicate_rows(vs: list[Variable], method: str) -> None:
    """Warn when whole rows of the joint sample repeat (duplicated records).

    Exact copies of a continuous row are each other's nearest neighbours in
    the joint space and in every marginal, so a kNN estimate counts them as
    dependence (see :data:`DUPLICATE_ROWS`). Quantised data also repeats rows,
    but its columns repeat far more often than its rows (KSG's noise handles
    that), so the warning needs the joint rows to repeat about as often as
    the least repeated column; columns tied densely enough for
    :func:`warn_dense_ties` are left to that warning.
    """
    n = vs[0].n_samples if vs else 0
    if n == 0 or sum(v.n_features for v in vs) == 0:
        return
    column_share = 1.0
    # One sort per column (shared with the resolver's and warn_dense_ties'
    # checks through column_ties); continuous data stops at the first.
    for var, j in ((u, i) for u in vs for i in range(u.n_features)):
        shared, repeated = column_ties(var, j)
        if repeated <= DUPLICATE_ROWS:
            return
        if shared > TIE_MULTIPLICITY:
            return  # dense ties: warn_dense_ties has said so, in its own words
        column_share = min(column_share, repeated)
    joint = np.hstack([v.values for v in vs]).astype(np.float64, copy=False)
    share = repeated_share_of(row_counts(joint))
    if share > DUPLICATE_ROWS and share >= 0.5 * column_share:
        warn(
            f"{share:.0%} of the {n} rows repeat another row exactly in every "
            f"column (duplicated records), so method {method!r} finds them as "
            "each other's nearest neighbours and overestimates the dependence "
            "if they are copies of records (5 % of rows twice: +0.03 nats, every "
            "row twice: +0.7); rows repeated because every column is rounded "
            "coarsely can read right (iris's pairs, 0.1 cm: -0.001 and +0.04 "
            "against the values jittered within their rounding step). "
            "Drop duplicated rows (for example numpy.unique(data, axis=0)) unless "
            "they are true repeated measurements, or use a discrete method if the "
            "values are labels.",
            DataWarning,
        )


#: ``n_neighbors / n_samples`` above which the kNN families warn: their bias
#: is a function of k / n (the same at n = 200 and 2000) and grows with it.
#: Measured (``benchmarks/knn_large_k.py``): KSG on a Gaussian pair with rho
#: 0.8 (truth 0.511 nats) -1 to -4 % at k / n = 0.05, -8 to -11 % at 0.1,
#: -23 % at 0.2, -62 % at 0.5 and exactly 0 at k = n - 1 (rho 0.95, truth
#: 1.164: -7 % at 0.05, -14 % at 0.1); KL on N(0, 1) (truth 1.419) 0.02-0.03
#: nats low at 0.05, 0.05 low at 0.1, 0.5-0.7 high at k = n - 1.
LARGE_K_FRACTION = 0.05


def warn_large_k(k: int, n: int, method: str, bias: str, default: int) -> None:
    """Warn when ``n_neighbors`` is a large share of the rows (k / n above 5 %).

    ``bias`` says, for the message, what the family's measured bias is. Only
    for ``k`` above the family's ``default``, as ``mixed_ksg``'s large-k
    warning: ``mixed_atoms`` runs KSG with the default on pieces of a few rows,
    and a small sample at the default k is a matter of n, not of the k chosen.
    """
    if n <= 0 or k <= default or k <= LARGE_K_FRACTION * n:
        return
    warn(
        f"Method {method!r} was given n_neighbors={k} for {n} rows (k / n = "
        f"{k / n:.2f}): kNN neighbourhoods that span a large share of the "
        f"sample are far from local, and the bias grows with k / n ({bias}). "
        f"Pass an n_neighbors of at most {LARGE_K_FRACTION:.0%} of the rows "
        f"(here {max(1, int(LARGE_K_FRACTION * n))}; the default is small), or "
        "collect more samples.",
        BiasWarning,
    )


#: Sample sizes of :data:`KSG_SMALL_N_MEANS`' columns.
SMALL_N_ROWS = (10, 20, 30, 50, 100, 200, 500, 1000)

#: KSG's mean estimate at its default k = 3 (algorithm 1) by joint dimension,
#: true MI (nats) and n (:data:`SMALL_N_ROWS`): Gaussian pairs with
#: correlation 0, 0.5, 0.8, 0.95 and 0.99: one pair (dimension 2), one pair
#: with a second, independent x column (dimension 3) or two independent pairs
#: (x and y 2-D, dimension 4); 200 draws up to n = 100,
#: 100 at 200 and 500, 40 at 1000 (standard error 0.004-0.013;
#: ``benchmarks/ksg_small_n.py``). The bias is towards 0 and grows with the
#: MI and the dimension (Kraskov et al. 2004; Gao et al. 2015): a pair with
#: rho 0.8 (0.511 nats) reads 0.30 at n = 10, 0.39 at 20, 0.48 at 30 and
#: 0.49 at 50; rho 0.99 (1.959) reads 1.50 at n = 30 and 1.87 at 100; with
#: an irrelevant third column rho 0.8 reads 0.40 at n = 50 and 0.47 at 100;
#: the 2-D x 2-D rho 0.8 pairs (1.022) 0.86 at n = 100 and 0.99 at 500.
KSG_SMALL_N_MEANS: dict[int, tuple[tuple[float, tuple[float, ...]], ...]] = {
    2: (
        (0.0, (-0.003, -0.006, 0.007, 0.006, -0.002, 0.005, -0.002, -0.002)),
        (0.144, (0.095, 0.095, 0.145, 0.141, 0.141, 0.151, 0.142, 0.149)),
        (0.511, (0.302, 0.387, 0.481, 0.493, 0.505, 0.526, 0.519, 0.518)),
        (1.164, (0.588, 0.862, 1.004, 1.081, 1.143, 1.187, 1.180, 1.175)),
        (1.959, (0.800, 1.281, 1.503, 1.695, 1.868, 1.952, 1.975, 1.976)),
    ),
    3: (
        (0.0, (-0.002, -0.005, -0.008, 0.007, -0.003, 0.000, -0.005, -0.002)),
        (0.144, (0.068, 0.088, 0.097, 0.123, 0.136, 0.143, 0.145, 0.147)),
        (0.511, (0.205, 0.309, 0.356, 0.401, 0.467, 0.494, 0.513, 0.514)),
        (1.164, (0.370, 0.578, 0.692, 0.822, 0.969, 1.055, 1.132, 1.155)),
        (1.959, (0.457, 0.748, 0.925, 1.125, 1.374, 1.567, 1.769, 1.856)),
    ),
    4: (
        (0.0, (0.003, 0.002, 0.007, 0.010, -0.007, 0.003, 0.006, 0.001)),
        (0.288, (0.096, 0.144, 0.195, 0.222, 0.251, 0.263, 0.283, 0.288)),
        (1.022, (0.317, 0.516, 0.647, 0.731, 0.858, 0.927, 0.987, 1.007)),
        (2.328, (0.607, 1.020, 1.270, 1.490, 1.794, 2.001, 2.175, 2.249)),
        (3.917, (0.798, 1.379, 1.713, 2.092, 2.568, 2.970, 3.376, 3.580)),
    ),
}

#: How the bias falls beyond the table's largest n: ``(1000 / n) ** 0.6``
#: (measured 0.6-0.7 from n = 200 to 1000 in dimension 4).
_SMALL_N_DECAY = 0.6

#: A bias is material from this many nats, or from 10 % of the MI when it is
#: also at least :data:`SMALL_N_FLOOR` nats (below that it is lost in the spread).
SMALL_N_BIAS = 0.05
SMALL_N_RELATIVE = 0.10
SMALL_N_FLOOR = 0.02


#: KSG's 99th percentile (nats, default k = 3) on independent columns by
#: joint dimension and n (:data:`SMALL_N_ROWS`): Gaussian columns, 1000
#: draws (``benchmarks/ksg_small_n_alarm.py --null``). An estimate below it is
#: within the noise of independent columns, which carry no bias: the
#: small-sample warning fired on 30-40 % of independent pairs at n = 10-20.
KSG_NULL_Q99: dict[int, tuple[float, ...]] = {
    2: (0.329, 0.308, 0.266, 0.220, 0.186, 0.111, 0.081, 0.056),
    3: (0.270, 0.258, 0.231, 0.208, 0.137, 0.110, 0.083, 0.051),
    4: (0.296, 0.278, 0.250, 0.212, 0.148, 0.115, 0.077, 0.051),
}


def small_n_null_level(d: int, n: int) -> float:
    """Return :data:`KSG_NULL_Q99` at ``n`` (nats; ``n ** -0.5`` off the table).

    Interpolated in log n; below n = 10 and beyond n = 1000 it scales as the
    null spread, ``1 / sqrt(n)`` (0.113 at n = 10 to 0.024 at 1000 in
    dimension 2).
    """
    row = KSG_NULL_Q99[max(2, min(d, 4))]
    lo, hi = SMALL_N_ROWS[0], SMALL_N_ROWS[-1]
    if n < lo:
        return row[0] * math.sqrt(lo / max(n, 1))
    if n > hi:
        return row[-1] * math.sqrt(hi / n)
    return float(np.interp(math.log(n), np.log(SMALL_N_ROWS), row))


def small_n_biases(
    d: int, n: int, estimates: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return :func:`ksg_small_n_bias` of each of ``estimates`` (vectorised)."""
    order, biases = _small_n_curves(d, n)
    return np.asarray(np.interp(estimates, order, biases), dtype=np.float64)


def largest_small_n_bias(d: int, n: int) -> float:
    """Return the largest bias (nats, >= 0) :func:`ksg_small_n_bias` gives at ``n``."""
    return -float(min(_small_n_curves(d, n)[1]))


def _small_n_curves(d: int, n: int) -> tuple[NDArray[np.float64], list[float]]:
    """Return the table's mean estimates at ``n`` (made increasing) and biases."""
    table = KSG_SMALL_N_MEANS[max(2, min(d, 4))]
    means, biases = [], []
    logs = np.log(SMALL_N_ROWS)
    for truth, row in table:
        if n <= SMALL_N_ROWS[-1]:
            mean = float(np.interp(math.log(max(n, 1)), logs, row))
        else:
            decay = (SMALL_N_ROWS[-1] / n) ** _SMALL_N_DECAY
            mean = truth + (row[-1] - truth) * decay
        means.append(mean)
        biases.append(min(mean - truth, 0.0))  # a table's rise above truth is noise
    return np.maximum.accumulate(np.asarray(means)), biases


def ksg_small_n_bias(d: int, n: int, estimate: float) -> float:
    """Return KSG's expected bias (k = 3, nats, <= 0) at ``n`` for an ``estimate``.

    Read off :data:`KSG_SMALL_N_MEANS`: among Gaussian data in ``d`` joint
    dimensions, the true MI whose mean estimate at ``n`` is ``estimate``
    (interpolated in log n and between the truths), and the bias there.
    Dimension 5 takes the table of 4, which understates it (as does that of 4
    where the dependence sits in fewer columns). Beyond n = 1000 the bias falls as
    ``n ** -0.6``; an estimate above the table's largest takes its bias.
    """
    return float(small_n_biases(d, n, np.array([estimate]))[0])


def small_n_material(
    bias: NDArray[np.float64],
    truth: NDArray[np.float64],
    estimates: NDArray[np.float64],
    null_level: float,
) -> NDArray[np.bool_]:
    """Return where a bias towards 0 (``bias`` >= 0) is material (``warn_small_n``).

    Only for ``estimates`` above ``null_level`` (:func:`small_n_null_level`):
    below it independent columns, which carry no bias, read as much by chance.
    """
    return np.asarray(
        (estimates > null_level)
        & (
            (bias > SMALL_N_BIAS)
            | ((bias > SMALL_N_FLOOR) & (bias > SMALL_N_RELATIVE * truth))
        )
    )


#: Start of :func:`warn_small_n`'s message, for callers that filter it
#: (``mixed_atoms``' pieces on a stratum of a few rows).
SMALL_N_MESSAGE = r"Method .* is biased towards 0 at this sample size"


def warn_small_n(d: int, n: int, estimate: float, method: str) -> bool:
    """Warn when KSG at its default k is materially biased at this sample size.

    The expected bias is :func:`ksg_small_n_bias` (the measured bias of
    Gaussian data that give this estimate at this n); it is material from
    0.05 nats, or from 10 % of the implied MI and 0.02 nats. A pair with
    rho 0.8 (0.511 nats) warns at n = 10-20 (-0.21 / -0.12 nats), not from
    30 (-0.03); rho 0.99 up to about n = 60; with a third, irrelevant column
    rho 0.8 up to n = 100 (-0.04, 9 %); 2-D x 2-D pairs up to n = 100
    (rho 0.5) and beyond n = 1000 (rho 0.99, -0.34 there). Only for an
    estimate above :func:`small_n_null_level`, what independent columns
    exceed in 1 % of draws: below it the estimate may be noise around 0,
    which has no bias (the rule fired on 30-40 % of independent pairs at
    n = 10-20, ``benchmarks/ksg_small_n_alarm.py``). Dimensions from 6 are
    :func:`warn_dimension`'s. Returns whether it warned.
    """
    if d >= KNN_DIMENSION or not math.isfinite(estimate):
        return False
    bias = -ksg_small_n_bias(d, n, estimate)
    truth = estimate + bias
    level = small_n_null_level(d, n)
    if not small_n_material(
        np.array([bias]), np.array([truth]), np.array([estimate]), level
    )[0]:
        return _warn_small_n_hidden(d, n, estimate, level, method)
    share = f" ({bias / truth:.0%})" if truth > 0 else ""
    warn(
        f"Method {method!r} is biased towards 0 at this sample size: it read "
        f"{estimate:.3f} nats from n_samples={n} in {d} joint dimensions, above "
        f"the {level:.3f} nats that independent columns (which carry no bias) "
        "exceed by chance in 1 % of draws at this n, so the columns look "
        "dependent, and dependent Gaussian data that read this at this n have a "
        f"true MI of about {truth:.3f} nats, {bias:.2f} nats{share} above the "
        "estimate, at the default n_neighbors=3. The bias grows with the MI "
        "and the dimension and falls with n: a pair with rho 0.8, truth 0.511, "
        "reads 0.30 at n = 10 and 0.39 at 20; rho 0.99, truth 1.959, 1.50 at 30 "
        "and 1.87 at 100; benchmarks/ksg_small_n.py. Collect more samples, use "
        "method='gaussian_copula' if the dependence is monotone, or "
        "mutinfo.confidence_interval to see the spread.",
        BiasWarning,
    )
    return True


#: :func:`warn_small_n` also warns, for an estimate within the noise of
#: independent columns, when dependent Gaussian data reading that noise level
#: at this n have a true MI at least this many nats above it: the sample then
#: cannot tell independence from a large dependence (1-D x 4-D with rho 0.9,
#: truth 0.83, read 0.14 on average at n = 10, silent under the noise-level
#: rule alone; independent 1-D pairs from n = 20 stay quiet).
SMALL_N_HIDDEN = 0.10


def _warn_small_n_hidden(
    d: int, n: int, estimate: float, level: float, method: str
) -> bool:
    """:func:`warn_small_n` for an estimate at or below the noise level ``level``.

    Such an estimate may be noise around 0 (independent columns carry no
    bias) or a strong dependence read low; when the second can hide more than
    :data:`SMALL_N_HIDDEN` nats at this n, say so (whatever the data: the
    statement is about what the sample can tell). Returns whether it warned.
    """
    if estimate > level:
        return False
    hidden = level - ksg_small_n_bias(d, n, level)
    if hidden - level < SMALL_N_HIDDEN:
        return False
    warn(
        f"Method {method!r} is biased towards 0 at this sample size for "
        f"dependent data, and this sample cannot tell: it read {estimate:.3f} "
        f"nats from n_samples={n} in {d} joint dimensions, within the "
        f"{level:.3f} nats that independent columns (which carry no bias) reach "
        "by chance in 1 % of draws at this n, while dependent Gaussian data with "
        f"a true MI of about {hidden:.2f} nats read {level:.3f} on average here "
        "(a pair with rho 0.8, truth 0.511, reads 0.30 at n = 10; 1-D x 4-D with "
        "rho 0.9, truth 0.83, about 0.14). A small estimate is no evidence of "
        "independence at this n: collect more samples, use "
        "method='gaussian_copula' if the dependence is monotone, or a "
        "permutation test (mutinfo.independence_test) to see what the sample "
        "supports.",
        BiasWarning,
    )
    return True


#: A row is far out when it lies more than this many robust spreads
#: (interquartile range / 1.349) from the median.
FAR_SPREADS = 5.0

#: Share of far-out rows (:data:`FAR_SPREADS`) above which KSG warns of heavy
#: tails, and the fewest such rows that count. Measured on x = f(z1), y = z2,
#: corr(z1, z2) = 0.707 (truth 0.347 nats whatever the increasing f;
#: ``benchmarks/knn_large_k.py``), KSG's error against the same rows
#: untransformed at n = 500 / 2000 / 5000: exp(z) (3 % of rows far out)
#: -0.017 / -0.008 / -0.001; Student-t with 2 dof (2.5 %) -0.012 / -0.003 /
#: -0.009; Cauchy (8 %) -0.048 / -0.027 / -0.024; exp(2 z) (9 %) -0.048 /
#: -0.031 / -0.010; exp(3 z) (13 %) -0.079 / -0.054 / -0.037; exp(5 z) (17 %)
#: -0.140 / -0.116 / -0.088. Gaussian and uniform columns have none far out,
#: Laplace 0.6 %, exponential 0.9 %, Student-t 3 dof 1.1 %.
FAR_SHARE = 0.05
FAR_MIN_ROWS = 10

#: Rows (evenly spaced) whose quartiles stand for the column's in the check.
_QUARTILE_ROWS = 2048


def far_share(column: NDArray[np.float64]) -> float:
    """Return the share of ``column``'s rows beyond 5 robust spreads of its median.

    The quartiles and the median come from 2048 evenly spaced rows (a sort of
    those only), the count from all rows: O(n), about 0.2 ms at n = 10^5.
    0 when the interquartile range is 0 (mostly ties: other checks).
    """
    n = column.size
    if n == 0:
        return 0.0
    s = np.sort(column[:: max(1, n // _QUARTILE_ROWS)])
    m = s.size
    q25, q50, q75 = float(s[m // 4]), float(s[m // 2]), float(s[(3 * m) // 4])
    reach = FAR_SPREADS * ((q75 - q25) / 1.349)
    if not reach > 0 or not math.isfinite(reach):
        return 0.0
    far = np.count_nonzero(column > q50 + reach) + np.count_nonzero(
        column < q50 - reach
    )
    return float(far) / n if far >= FAR_MIN_ROWS else 0.0


def warn_heavy_tails(
    v: Variable, method: str, *, continuum: NDArray[np.bool_] | None = None
) -> bool:
    """Warn when a continuous column of ``v`` is heavy-tailed enough to bias KSG.

    ``continuum`` (an ``(n_samples, n_features)`` mask) restricts the check of
    each column to its rows off the point masses, for a family that runs KSG
    on those rows only ('mixed_atoms'); the message then names both row counts.
    Returns whether it warned (once, for the first such column).
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        column = v.values[:, j]
        rows = f"{v.n_samples} rows"
        if continuum is not None:
            column = column[continuum[:, j]]
            if column.size < v.n_samples:
                rows = (
                    f"{column.size} rows off its point masses (of {v.n_samples} rows)"
                )
        share = far_share(column)
        if share > FAR_SHARE:
            where = column_where(v, j)
            warn(
                f"Column {where} is heavy-tailed: {share:.0%} of its "
                f"{rows} lie more than {FAR_SPREADS:g} robust "
                "spreads (interquartile range / 1.349) from its median (Gaussian "
                "data: none, Laplace: 0.6 %), so the kNN neighbourhoods of "
                f"method {method!r} in the tails are wide and the MI is biased "
                "low (x = exp(5 z) against a z2 with correlation 0.707, truth "
                "0.347 nats: 0.20 at n = 500, 0.26 at n = 5000; Cauchy: 0.29 / "
                "0.32). MI is invariant to increasing maps of a column: use "
                "method='gaussian_copula' (ranks), or 'ksg' on transformed "
                "columns (numpy.arcsinh, log of a positive column, or ranks).",
                BiasWarning,
            )
            return True
    return False
