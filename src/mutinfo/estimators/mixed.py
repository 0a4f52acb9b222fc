"""Gao-Kannan-Oh-Viswanath kNN MI for discrete-continuous mixtures and tied data.

The ``mixed_ksg`` family (:class:`mutinfo.estimators.MixedKSG`) runs these
functions for ``variant="gao"`` (and for ``variant="auto"`` on anything but one
discrete and one continuous variable). They use the neighbour search of
:mod:`mutinfo._neighbors` and nothing else: memory O(n d).

For sample i, ``rho_i`` is the distance (max norm) to its k-th neighbour in the
joint space. Where ``rho_i > 0``, ``k_i = k`` and the marginal counts are the
samples strictly closer than ``rho_i`` (a distance within float64's resolution
of ``rho_i`` is equal to it, so rounded data on a grid count alike in any
units); where ``rho_i = 0`` (i has at least k
exact duplicates, an atom of the distribution), ``k_i`` is the number of
samples at distance 0 (i included, as in the authors' code) and the marginal
counts are the samples at distance 0. With counts that include i itself,

- MI (Gao et al. 2017): ``xi_i = psi(k_i) + log n - psi(n_x,i) - psi(n_y,i)``;
- CMI (Mesner & Shalizi 2021):
  ``xi_i = psi(k_i) - psi(n_xz,i) - psi(n_yz,i) + psi(n_z,i)``;

and the estimate is the mean of ``xi_i``. On continuous data these reduce to
KSG algorithm 1 and Frenzel-Pompe; on discrete data to plug-in estimates.

Discrete columns are treated as labels: their codes are spread so far apart
that samples with different labels are never within a kNN radius of each other
(unless a label has k samples or fewer), so no order or spacing of the labels
matters. Continuous columns far from zero are shifted exactly (no difference
between samples changes), scaled when ``standardize=True`` by their spread
within the labels (the std about the label means of all discrete columns
together, computed safely at any magnitude:
:func:`mutinfo.estimators._guards.within_label_std`; the overall std without
labels; at most :func:`mutinfo._scaling.robust_spread`'s few interquartile
spreads, so one far outlier does not shrink the column), and get **no**
tie-breaking noise: ties are information.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import counts, encode, small_group_share
from mutinfo._neighbors import (
    compiled_ready,
    count_within,
    have_numba,
    kth_neighbors,
)
from mutinfo._neighbors._sorted import grouped_kth
from mutinfo._neighbors._torch import neighbor_algorithm
from mutinfo._params import Bool, Options, Param
from mutinfo._registry import register
from mutinfo._result import Result
from mutinfo._rules import MI_SINGLETONS
from mutinfo._scaling import robust_spread
from mutinfo._special import digamma
from mutinfo._ties import (
    ATOM_MASS,
    ATOM_MIN_COUNT,
    TIE_MULTIPLICITY,
    column_ties,
    repeated_share_of,
    row_counts,
)
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._guards import (
    centred,
    columns_where,
    drop_constant,
    label_groups,
    within_label_std,
)
from mutinfo.estimators.knn import (
    KNN_PARAMETERS,
    prepare_columns,
    varying_columns,
    warn_affine_pair,
    warn_noiseless_ties,
)
from mutinfo.exceptions import (
    BiasWarning,
    InvalidDataError,
    UnsupportedMeasureError,
    warn,
)

__all__ = ["gao_cmi", "gao_mi"]

Array = NDArray[np.float64]


#: Float64 rounding steps (of the largest value of a continuous column) below
#: which two distances count as equal (:func:`_embed`): a difference of two
#: values carries up to about 2 steps of rounding error, so two equal
#: distances (rounded data on a grid) may differ by 4 once computed.
RESOLUTION_STEPS = 16.0

#: Share of a continuous column's smallest step (between two of its distinct
#: values) that the data's own rounding must stay below to be allowed for: a
#: column whose values lie closer together than that (far from zero:
#: 1e9 + 0.01 x) has distances that truly differ by a rounding step of its
#: largest value, and counting them as equal (in every column, since the
#: resolution is one number) made Gao's I(X; Y) 0.373 for 0.349 nats
#: (n = 20000, no warning; 8.1 nats at 1.7e9 + 1e-4 x).
STEP_FRACTION = 0.25


class _Resolution:
    """Per-row resolution of the embedded distances (see :func:`_embed`).

    For each continuous column it keeps the magnitudes of the values as they
    came and as shifted, the scale applied and the column's smallest step; a
    row whose k-th neighbour lies at ``rho`` compares only values within
    ``rho`` (once scaled) of its own, so their rounding is that of magnitudes
    up to ``|value| + rho * scale``. One resolution for the whole column, from
    its largest value, made one far outlier (1e12 in a Gaussian column) blur
    every row's distances by 16 rounding steps of 1e12: Gao's I(X; Y) 0.43 for
    0.35 nats at n = 5000, silently.
    """

    def __init__(self) -> None:
        self.columns: list[tuple[Array, Array, float, float]] = []
        #: per embedded column (in the order of the blocks, joined): whether it
        #: is a continuous column whose values repeat (no label's corner)
        self.tied: list[bool] = []

    def add(self, given: Array, shifted: Array, scale: float) -> None:
        """Record one continuous column: values as given, shifted, and its scale."""
        step = STEP_FRACTION * _smallest_step(shifted)
        self.columns.append((np.abs(given), np.abs(shifted), scale, step))

    def at(self, rho: Array) -> Array:
        """Return each row's resolution for k-th-neighbour distances ``rho``."""
        out = np.zeros_like(rho)
        for given, shifted, scale, step in self.columns:
            reach = rho * scale
            # rounding of the data as they came (a grid read to 0.1: 0.3 - 0.2
            # != 0.2 - 0.1), only where the column's own smallest step is far
            # coarser (data far from zero resolve finer: 1e9 + 0.01 x has
            # distances that truly differ by one rounding step of 1e9), and
            # the rounding of the shift and scaling in any case
            came = RESOLUTION_STEPS * np.spacing(given + reach)
            came = np.where(came > step, 0.0, came)
            ours = RESOLUTION_STEPS * np.spacing(shifted + reach)
            np.maximum(out, np.maximum(came, ours) / scale, out=out)
        return out


def _embed(vs: list[Variable], standardize: bool) -> tuple[list[Array], _Resolution]:
    """Map each variable to numeric coordinates: labels far apart, scaled numbers.

    Also returns the resolution of the coordinates (:class:`_Resolution`), per
    row: :data:`RESOLUTION_STEPS` float64 rounding steps of the largest
    continuous value within the row's kNN radius (as the data came, before the
    exact shift, over the scale applied) where they are below
    :data:`STEP_FRACTION` of the column's smallest step between distinct
    values, else as many steps of the shifted values (the largest over the
    columns). Distances closer than that
    are equal as far as float64 can tell: rounded data on a grid of step
    0.1 have many pairs exactly one step apart, but ``0.3 - 0.2`` and
    ``0.2 - 0.1`` differ in their last bits, and differently after a change of
    units (``x * 2.54``), so Gao's strict count ``< rho`` counted some of them
    and not others: I(X; Y | Z) on data rounded to 0.1 moved by 10 % between
    metres and centimetres.
    """
    blocks: list[list[Array]] = []
    flags: list[list[bool]] = []
    spread = 1.0
    groups = label_groups(vs) if standardize else None
    resolution = _Resolution()
    tied: list[bool] = []
    for v in vs:
        cols: list[Array] = []
        kinds: list[bool] = []
        # exact shift of far-off columns, std safe at any magnitude
        shifted, stds = centred(v, "mixed_ksg")
        if not v.is_discrete:
            stds = within_label_std(shifted, stds, groups)
            # at most a few interquartile spreads, as KSG's columns
            # (:func:`mutinfo.estimators.knn.prepare_columns`): one x set to 1e6
            # among 500 rows of a Gaussian pair inflated the std until the
            # column shrank to a sliver, 0.0003 nats for 0.35, silently
            stds = robust_spread(shifted, stds)
        for j in range(v.n_features):
            if v.discrete[j]:
                corners = _label_corners(v.values[:, [j]])
                cols.extend(corners)
                kinds.extend([True] * len(corners))
                tied.extend([False] * len(corners))
                continue
            col = shifted[:, j]
            scale = float(stds[j]) if standardize and stds[j] > 0 else 1.0
            if scale != 1.0:
                col = col / scale
            resolution.add(v.values[:, j], shifted[:, j], scale)
            spread = max(spread, float(col.max() - col.min()))
            cols.append(col)
            kinds.append(False)
            tied.append(column_ties(v, j)[1] > 0.0)
        blocks.append(cols)
        flags.append(kinds)
    gap = 2.0 * spread + 1.0
    embedded = [
        np.column_stack([c * gap if d else c for d, c in zip(kinds, cols, strict=True)])
        for kinds, cols in zip(flags, blocks, strict=True)
    ]
    resolution.tied = tied
    return embedded, resolution


def _smallest_step(column: Array) -> float:
    """Smallest positive difference between two values of ``column`` (inf if none)."""
    steps = np.diff(np.sort(column))
    steps = steps[steps > 0]
    return float(steps.min()) if steps.size else math.inf


def _label_corners(column: NDArray[Any]) -> list[Array]:
    """Place a label column's values on corners of a unit hypercube (0/1 bits).

    Any two distinct labels differ in at least one bit, so under the max norm
    every pair of labels is exactly one unit apart (``gap`` once scaled): a
    row whose neighbours reach other labels (a label with k rows or fewer)
    finds them all at the same distance, whatever the codes. Integer codes on
    a line made that distance grow with the code difference, so renaming the
    labels changed the estimate (24 labels in 60 rows: 3.18 or 1.34 nats).
    """
    codes, k = encode(column)
    bits = max(1, (k - 1).bit_length())
    return [((codes >> b) & 1).astype(np.float64) for b in range(bits)]


def _radius_counts(
    joint: Array,
    blocks: list[Array],
    k: int,
    algorithm: str,
    resolution: _Resolution | None = None,
    ties: list[tuple[float, float]] | None = None,
) -> tuple[NDArray[np.int64] | NDArray[np.float64], list[NDArray[np.int64]]]:
    """Return ``psi`` argument ``k_i`` and the self-inclusive counts per block.

    The marginal counts are of distances ``< rho`` less the row's resolution
    (see :func:`_embed`): a distance within float64's resolution of ``rho``
    equals it. With ``ties`` given, appends to it :func:`_tie_bias` from the
    same kNN search.
    """
    dist, nearest = kth_neighbors(joint, k, algorithm=algorithm)
    rho = dist[:, -1]
    atom = rho == 0
    # ``<= prevfloat(rho)`` is ``< rho``; at an atom the radius is 0 (duplicates).
    blur = resolution.at(rho) if resolution is not None else np.zeros_like(rho)
    if ties is not None:
        tied = resolution.tied if resolution is not None else []
        ties.append(_tie_bias(joint, tied, dist, nearest[:, -1], blur))
    below = np.minimum(np.nextafter(rho, 0.0), rho - blur)
    radius = np.where(atom, 0.0, np.maximum(below, 0.0))
    k_i: NDArray[np.int64] = np.full(joint.shape[0], k, dtype=np.int64)
    if atom.any():
        dup = count_within(
            joint, np.zeros(joint.shape[0]), strict=False, algorithm=algorithm
        )
        k_i = np.where(atom, dup + 1, k_i)
    counts = [
        count_within(b, radius, strict=False, algorithm=algorithm) + 1 for b in blocks
    ]
    return k_i, counts


def _tie_bias(
    joint: Array,
    tied: list[bool],
    dist: Array,
    kth: NDArray[np.intp],
    blur: Array,
) -> tuple[float, float]:
    """Return the upward bias (nats) that ties no atom explains predict for Gao.

    From the kNN search's distances ``dist`` (``k`` per row), the indices
    ``kth`` of the k-th neighbours and the rows' resolution ``blur``: (1) a row
    with ``c`` exact copies among its ``k`` neighbours but a radius above 0
    (duplicated records) has that radius at its ``k - c``-th distinct
    neighbour while the estimator reads ``psi(k)``: ``psi(k) - psi(k - c)``;
    (2) half of :func:`_ties_at_radius` (tie-breaking noise would put about
    half the rows tied at the radius inside it). Each is a mean over the rows.
    """
    k = dist.shape[1]
    rho = dist[:, -1]
    copies = (dist[:, :-1] == 0).sum(axis=1)
    dup = np.where((rho > 0) & (copies > 0), digamma(k) - digamma(k - copies), 0.0)
    grid = 0.5 * _ties_at_radius(joint, tied, rho, kth, blur)
    return float(dup.mean()), grid


#: Rows (a stride through them) on which :func:`_ties_at_radius` reads the ties
#: at the radius: its mean is a share of the rows, known to about 0.01 from
#: that many, at a cost of a sort of each tied column and searches of this
#: many values (n = 1e5, read to 0.01: about 2 ms; 60 ms for every row).
TIE_PROBE_ROWS = 4096


def _ties_at_radius(
    joint: Array, tied: list[bool], rho: Array, kth: NDArray[np.intp], blur: Array
) -> float:
    """Return the mean over the rows of ``log(1 + e / m)``, ties at the radius.

    Where a continuous column sets a row's radius ``rho`` (the k-th neighbour
    ``kth`` differs from it there by ``rho``, not 0), Gao et al.'s counts
    ``< rho`` drop every row at exactly that distance in the column. A
    continuum puts one row there, the k-th neighbour itself; a column on a
    grid whose step the radius reaches puts all the rows of the neighbour's
    value and of the mirrored value (``2 x_i - x_kth``) there. ``e`` is that
    excess, and ``m`` the rows the column alone holds within the radius: a
    block of more columns loses about ``e`` times its share of those, so each
    marginal count that holds the column reads about ``log(1 + e / m)`` high
    (the largest over the columns; 0 where the radius lies off the grid, and
    for values that are atoms, :data:`mutinfo._ties.ATOM_MASS` of the rows or
    more, which the estimator reads as point masses by design), over the
    ``tied`` columns (continuous, values repeated) and
    :data:`TIE_PROBE_ROWS` rows. No second neighbour search.
    """
    n = joint.shape[0]
    probe = np.arange(0, n, max(1, n // TIE_PROBE_ROWS))
    out = np.zeros(probe.size)
    atom = max(float(ATOM_MIN_COUNT), ATOM_MASS * n)
    near, r, b = kth[probe], rho[probe], blur[probe]
    for c in np.flatnonzero(np.asarray(tied, dtype=bool)):
        col = joint[:, c]
        ordered = np.sort(col)

        def held(low: Array, high: Array, ordered: Array = ordered) -> Array:
            """Rows of the column in ``[low, high]``, 0 for an atom."""
            m = np.searchsorted(ordered, high, "right") - np.searchsorted(
                ordered, low, "left"
            )
            return np.where(m >= atom, 0, m)

        at, there = col[probe], col[near]
        gap = np.abs(at - there)
        tol = b + 4.0 * np.spacing(np.abs(at) + r)
        on = np.flatnonzero((gap > 0) & (gap >= r - tol))
        if on.size == 0:
            continue
        at, there, rr, t = at[on], there[on], r[on], tol[on]
        target = 2.0 * at - there
        extra = np.maximum(held(there, there) - 1, 0) + held(
            target - 2.0 * t, target + 2.0 * t
        )
        # rows of the column strictly within the radius, the row itself included
        inside = np.searchsorted(ordered, at + rr - t, "left") - np.searchsorted(
            ordered, at - rr + t, "right"
        )
        np.maximum.at(out, on, np.log1p(extra / np.maximum(inside, 1)))
    return float(out.mean()) if out.size else 0.0


def _usable(vs: list[Variable], method: str) -> list[Variable] | None:
    kept = [drop_constant(v, method) for v in vs]
    if any(v.n_features == 0 for v in kept[:2]):
        return None
    return kept


#: Rows per observed label below which Gao et al.'s estimator is biased up: a
#: label seen a few times puts its rows at kNN distance 0 from each other in
#: every space that holds it. Independent labels against a continuous y given
#: a continuous z, n = 200, 10 draws (MI bias in brackets, Ross's estimator):
#: 5 rows per label +0.006 (+0.007), 3.3 +0.090 (-0.006), 2.0 +0.260 (+0.024).
SPARSE_LABEL_ROWS = 5.0


#: Share of the rows whose label occurs once (left out by Ross's estimator)
#: from which the Ross variant warns: Bernoulli labels against
#: y ~ U(x - 1, x + 1) with 31% of the rows given unique labels (truth 0.243
#: nats: those rows carry none) gave 0.362, the MI of the other rows, silently.
SINGLETON_SHARE = 0.01


#: Share of the rows whose label holds ``n_neighbors`` rows or fewer from
#: which the Gao estimator warns even when labels average enough rows: their
#: neighbours lie in other labels. 10 labels of 30 rows and 40 singletons
#: (12 %), I(X; Y | labels) with truth 0.347: 0.34-0.40 by the labels' codes
#: before the labels were placed equidistant, 0.515 after; 10 labels of 100
#: rows and 30 singletons (2.9 %): within 0.02 of the rest.
SPARSE_LABEL_SHARE = 0.05


def _warn_large_k(
    labels: Variable, codes: NDArray[np.int64], c: NDArray[np.int64], k: int
) -> None:
    """Warn when Ross's ``n_neighbors`` reaches past the rows of labels.

    A row whose label holds ``k`` rows or fewer has no ``k``-th neighbour within
    its label: the estimator takes every other row of the label instead, and its
    neighbourhood spans the label's whole range. Warns when such rows make
    :data:`SPARSE_LABEL_SHARE` of the rows in labels that the default ``k``
    (3) would have served (more than 3 rows; smaller labels are thin data at
    any ``k``, and ``k`` = 3 on labels of 5 rows is off by about 0.05 nats), or
    when ``k`` is at least half the rows; only for ``k`` above that default
    (``mixed_atoms`` runs Ross on pieces of a few rows with it). Bernoulli
    labels against y ~ U(x - 1, x + 1) (truth 0.347 nats), n = 200, 5 draws:
    k = 3 0.343, k = 50 0.247, k = 99 and above 0.175 (44 % of the rows and
    more clamped), silently; a label with 5 % of the rows at n = 400 (truth
    0.099): k = 20 and above 0.04.
    """
    default = int(KNN_PARAMETERS["n_neighbors"].default)
    if k <= default:
        return  # labels of 3 rows or fewer are thin data at any k
    n = codes.shape[0]
    rows = c[codes]
    share = float(((rows > default) & (rows <= k)).mean())
    if share < SPARSE_LABEL_SHARE and 2 * k < n:
        return
    repeated = c[c > 1]
    smallest = int(repeated.min()) if repeated.size else 1
    warn(
        f"Method 'mixed_ksg' (Ross's estimator) was given n_neighbors={k} for "
        f"{n} rows, and {share:.0%} of the rows of {columns_where(labels)} lie in "
        "labels "
        f"with {k} rows or fewer (its smallest repeated label has {smallest} "
        "rows): their k-th neighbour within the label does not exist, so they "
        "use every other row of their label, and neighbourhoods that span most "
        "of a label bias the MI towards 0 (Bernoulli labels against "
        "y ~ U(x - 1, x + 1), truth 0.347 nats, n = 200: 0.343 with k = 3, "
        "0.247 with k = 50, 0.175 with k = 100). Pass an n_neighbors well below "
        f"the smallest label's rows (the default is 3), or collect more samples.",
        BiasWarning,
    )


def _warn_sparse_labels(
    variables: list[Variable], measure: str, n_neighbors: int = 3
) -> bool:
    """Warn when a variable's labels are too sparse for the Gao estimator.

    Sparse labels (few rows per value, or many rows in values of ``k`` rows or
    fewer at the default ``k``) bias the estimate upwards: their repeats are
    near neighbours. A large ``n_neighbors`` that reaches past the rows of
    well-filled labels is another matter: the neighbourhoods span a whole label
    or cross into others, and the estimate moves either way (Bernoulli labels
    against y ~ U(x - 1, x + 1), truth 0.347 nats, n = 200, 5 draws: k = 3
    0.340, k = 50 0.302, k = 99 0.120, k = 150 0.408); the message says which.
    Returns whether it warned.
    """
    default = int(KNN_PARAMETERS["n_neighbors"].default)
    for v in variables:
        cols = np.flatnonzero(np.asarray(v.discrete, dtype=bool))
        if cols.size == 0:
            continue
        codes, k = encode(v.values[:, cols])
        n = v.n_samples
        c = counts(codes, k)
        rows = c[codes]
        share = float((rows <= n_neighbors).mean())
        if k <= 1 or (n >= SPARSE_LABEL_ROWS * k and share < SPARSE_LABEL_SHARE):
            continue
        sparse = n < SPARSE_LABEL_ROWS * k or (
            float((rows <= default).mean()) >= SPARSE_LABEL_SHARE
        )
        if sparse or n_neighbors <= default:
            warn(
                f"The labels of {columns_where(v, cols)} take {k} values in {n} rows ("
                f"{n / k:.1f} rows per value; fewer than {SPARSE_LABEL_ROWS:g}, or "
                f"{share:.0%} of the rows in values with {n_neighbors} rows or "
                f"fewer), so method 'mixed_ksg' counts their repeats as near "
                f"neighbours and its {measure} is biased upwards (independent labels "
                "with 3.3 rows per value: +0.09 nats, 2 rows: +0.26; 40 singletons "
                "among 340 rows: +0.17). Use a discrete method for labels, merge "
                "rare labels, read the column as continuous (discrete=False) if it "
                "is a measurement, or collect more samples.",
                BiasWarning,
            )
            return True
        smallest = int(c[c > 0].min())
        warn(
            f"Method 'mixed_ksg' (Gao et al.) was given n_neighbors={n_neighbors} "
            f"for {n} rows, and {share:.0%} of the rows of "
            f"{columns_where(v, cols)} lie in "
            f"labels with {n_neighbors} rows or fewer (its smallest label has "
            f"{smallest} rows): their neighbourhoods span the whole label or reach "
            f"into other labels, so the {measure} is biased, towards 0 or upwards "
            "depending on k (Bernoulli labels against y ~ U(x - 1, x + 1), truth "
            "0.347 nats, n = 200: 0.340 with k = 3, 0.302 with k = 50, 0.120 with "
            "k = 99, 0.408 with k = 150). Pass an n_neighbors well below the "
            f"smallest label's rows (the default is {default}), or collect more "
            "samples.",
            BiasWarning,
        )
        return True
    return False


#: Upward bias (nats) that :func:`_tie_bias` must predict, duplicated records
#: and ties at the kNN radius together, for Gao et al.'s estimator to warn
#: (:func:`_warn_tied_continuum`). The share of rows that repeat a value
#: (earlier trigger) warned where the radius stays off the grid: x read to 1/3
#: of its spread against a continuous y, n = 4000 (41 % of the rows tied, bias
#: -0.008), or CMI data read to 0.001 of the spread (0.077 against
#: 'mixed_atoms' 0.076). Gaussian pair (truth 0.347 nats), 3 draws, predicted
#: against measured bias (the estimate less that of the same draw unrounded;
#: benchmarks/gao_radius_ties.py): read to 0.001 of its spread, n = 5000:
#: 0.015 / +0.015; to 0.01, n = 200 / 500 / 2000 / 5000: 0.032 / +0.025,
#: 0.049 / +0.043, 0.104 / +0.095, 0.183 / +0.162; to 0.1, n = 500 / 5000:
#: 0.70 / +0.43, 0.32 / +0.115; to 1/3, n = 500 / 2000 / 5000: 0.28 / +0.065,
#: 0.069 / +0.027, 0.027 / +0.006; x alone to 1/3, n = 500 / 4000: 0.041 /
#: 0.000, 0.005 / -0.008; x alone to 0.1, n = 4000: 0.067 / +0.054; 5 % /
#: 10 % / all of the rows twice: 0.049 / +0.046, 0.095 / +0.078, 0.52 /
#: +0.74; Gao et al.'s mixture and 30 % zeros: 0 (atoms); CMI given labels
#: with x read to 0.001 / 0.01 / 0.1, n = 2000: 0.002 / +0.002, 0.023 /
#: +0.023, 0.26 / +0.28.
TIE_BIAS = 0.045

#: Below :data:`TIE_BIAS`, Gao et al.'s estimator also warns where the
#: predicted bias is at least this many standard errors of the estimate (the
#: std of its local values over sqrt(n)) and at least :data:`TIE_BIAS_FLOOR`
#: nats, on fine ties only (no tied continuous column's values held by more
#: than :data:`mutinfo._ties.TIE_MULTIPLICITY` rows each, where the prediction
#: tracks the bias; a coarse grid's overshoots it). At large n the kNN radius
#: shrinks towards a fine grid's step, and a bias under :data:`TIE_BIAS` is
#: many standard errors: the pair (truth 0.347) read to 0.001 of its spread,
#: n = 20000, read 0.385 for 0.355 unrounded (predicted 0.031, 4.6 standard
#: errors) with no warning. Quiet cases, 5 draws: read to 0.001, n = 5000
#: (predicted 0.015, 1.1 standard errors) and n = 10000 (0.022, 2.3); CMI
#: data read to 0.01, n = 2000 (0.023 and 0.028, 1.5 and 2.0); the pair read
#: to 1/3 of its spread, n = 5000 (up to 3.0 standard errors, bias -0.02 to
#: +0.01, coarse ties).
TIE_BIAS_ERRORS = 3.0

#: Smallest predicted bias (nats) on which :data:`TIE_BIAS_ERRORS` warns: at
#: n = 1e5 and more the standard error is below 0.003 nats, smaller than a
#: bias worth a warning.
TIE_BIAS_FLOOR = 0.02

#: Distinct joint rows per distinct value of the most varied tied continuous
#: column up to which :func:`_warn_tied_continuum` calls the ties duplicated
#: records: every row twice, or a tenth of them, gives 1.0; a Gaussian pair
#: read to 0.1 (n = 500) 5, to 1/3 of its spread 5.
DUPLICATE_VARIETY = 1.1


def _standard_error(local: Array | None) -> float:
    """Return the standard error of a mean of local values (inf without them)."""
    if local is None or local.size < 2:
        return math.inf
    return float(np.std(local)) / math.sqrt(local.size)


def _warn_tied_continuum(
    variables: list[Variable],
    k: int,
    measure: str,
    bias: tuple[float, float],
    error: float = math.inf,
) -> None:
    """Warn when ties of continuous columns that are no atoms bias Gao et al.

    Gao et al.'s estimator reads exact ties as point masses by design; a
    continuous quantity read on a grid, or duplicated records, bias it upwards
    where the kNN radius lands on the grid of the values or on a row's copies.
    ``bias`` is :func:`_tie_bias` from the estimator's own search; it warns from
    :data:`TIE_BIAS`, or from :data:`TIE_BIAS_ERRORS` times ``error`` (the
    estimate's standard error) and :data:`TIE_BIAS_FLOOR` on fine ties. The
    advice depends on the ties: duplicated rows (the joint rows repeat about
    as often as the columns' values), ties of fewer than
    :data:`mutinfo._ties.TIE_MULTIPLICITY` rows ('ksg' and its tie-breaking
    noise), or coarser ones ('mixed_atoms').
    """
    predicted = sum(bias)
    if predicted < min(TIE_BIAS, TIE_BIAS_FLOOR):
        return
    tied = [
        (v, j)
        for v in variables
        for j in range(v.n_features)
        if not v.discrete[j] and column_ties(v, j)[1] > 0.0
    ]
    # No tied continuous column: no grid for the standard-error rule to blame
    # (two label columns gave it 'the grid of a continuous column').
    fine = max((column_ties(v, j)[0] for v, j in tied), default=math.inf)
    if predicted < TIE_BIAS and not (
        fine <= TIE_MULTIPLICITY and predicted >= TIE_BIAS_ERRORS * error
    ):
        return
    n = variables[0].n_samples
    joint = row_counts(np.hstack([v.values for v in variables]))
    # Duplicated records repeat whole rows: the joint rows are no more varied
    # than the most varied tied column (rows on a grid are far more varied).
    most = max((row_counts(v.values[:, j]).size for v, j in tied), default=0)
    if not tied or joint.size <= DUPLICATE_VARIETY * most:
        advice = (
            f"{repeated_share_of(joint):.0%} of the rows repeat another row "
            "exactly in every column: drop duplicated records (for example "
            "numpy.unique(data, axis=0)) unless they are true repeated "
            "measurements"
        )
    elif measure == "cmi":
        advice = (
            "use 'mixed_atoms', which estimates atoms and continuum apart "
            "(I(X; Y | labels) with X read to 0.1, n = 2000: 0.076 against 0.070 "
            "unrounded; this method 0.286)"
        )
    elif fine <= TIE_MULTIPLICITY:
        advice = (
            "for a continuous quantity read on a grid use 'ksg', whose "
            "tie-breaking noise handles ties this fine (0.36 on the pair read to "
            "0.1), or method='auto'"
        )
    else:
        advice = (
            "for values shared by more than "
            f"{TIE_MULTIPLICITY:g} rows each use 'mixed_atoms' (0.32 on the pair "
            "read to 1/3 of its spread, where this method gave 0.44), or "
            "method='auto'; pass discrete=True if the values are categories or "
            "counts"
        )
    errors = (
        f" ({predicted / error:.1f} times its standard error)"
        if 0.0 < error < math.inf
        else ""
    )
    warn(
        f"Method 'mixed_ksg' (Gao et al.) reads exact ties as point masses, and "
        f"here the kNN radius of many of the {n} rows lands on the grid of a "
        "continuous column's repeated values, each of which is no atom (held by "
        f"fewer than {ATOM_MASS:.0%} of the rows), or on copies of the row, so the "
        f"rows tied at it drop out of the marginal counts: the {measure} reads "
        f"about {predicted:.2f} nats high{errors}, as the kNN search predicts it "
        "(a Gaussian pair, truth 0.347 "
        "nats, n = 500: read to 0.1 of its spread 0.80, to 1/3 0.43, every row "
        "twice 1.11, 10% of the rows twice 0.44; n = 20000, read to 0.001 of "
        "its spread: 0.385, 0.355 unrounded). "
        f"{advice[0].upper()}{advice[1:]}.",
        BiasWarning,
    )


#: Rows per label of the conditioning variable below which Mesner and
#: Shalizi's CMI is biased towards 0 (each label's rows are their own kNN
#: problem). Bernoulli x against y ~ U(x - 1, x + 1) given labels z of s rows
#: each (truth 0.347 nats, n = 3000, 3 seeds): s = 5: 0.239, 8: 0.182,
#: 12: 0.235, 20: 0.295, 50: 0.327, 100: 0.338; only s < 5 warned, and as
#: "biased upwards".
CONDITION_ROWS = 20


def _warn_small_conditioning_labels(z: Variable) -> None:
    """Warn when many rows lie in labels of Z with few rows."""
    cols = np.flatnonzero(np.asarray(z.discrete, dtype=bool))
    if cols.size == 0:
        return
    codes, k = encode(z.values[:, cols])
    share = small_group_share(codes, k, CONDITION_ROWS)
    if k < 2 or share < SPARSE_LABEL_SHARE:
        return
    warn(
        f"{share:.0%} of the rows lie in labels of {columns_where(z, cols)} with "
        "fewer than "
        f"{CONDITION_ROWS} rows ({k} labels in {z.n_samples} rows), so method "
        "'mixed_ksg' estimates the CMI within each label from a few rows and is "
        "biased towards 0 where X and Y depend on each other (labels of 8 rows: "
        "0.18 nats for 0.35, 20 rows: 0.30). Merge rare labels, read the column "
        "as continuous (discrete=False) if it is a measurement, or collect more "
        "samples.",
        BiasWarning,
    )


#: Share of a continuous column's rows on atoms (values holding 10% of the
#: rows and 5 rows or more, as :func:`mutinfo._ties.atom_fraction`), and share
#: of its continuum (values with at most ``n_neighbors`` copies) within
#: :data:`ATOM_REACH` interquartile ranges of an atom, from which Gao et al.'s
#: estimator warns: a continuous row near an atom counts the atom's rows in its
#: marginal neighbourhood. Gao et al.'s own mixture (half atoms at +-1, half
#: Gaussian; truth 1.292 nats) gave 1.126 at n = 2000 and 1.159 at n = 5000
#: (3 seeds), with no warning; ``mixed_atoms`` gave 1.305 and 1.293. Atoms
#: outside the continuum's bulk (+-4 beside a standard Gaussian) are harmless.
ATOM_CONTINUUM_SHARE = 0.05
NEAR_ATOM_SHARE = 0.01
ATOM_REACH = 0.05


def _atoms_in_continuum(col: Array, k: int) -> tuple[float, float]:
    """Return the share of rows on atoms and of the continuum near an atom."""
    n = col.shape[0]
    values, inverse, c = np.unique(col, return_inverse=True, return_counts=True)
    is_atom = c >= max(0.1 * n, 5)
    on_atoms = float(c[is_atom].sum()) / n
    spread = c[inverse.reshape(-1)] <= k
    if on_atoms < ATOM_CONTINUUM_SHARE or spread.mean() < ATOM_CONTINUUM_SHARE:
        return on_atoms, 0.0
    rest = col[spread]
    q1, q3 = np.percentile(rest, [25, 75])
    reach = ATOM_REACH * float(q3 - q1)
    gaps = np.min(np.abs(rest[:, None] - values[is_atom][None, :]), axis=1)
    return on_atoms, float((gaps <= reach).mean())


def _warn_atoms_in_continuum(variables: list[Variable], k: int) -> None:
    """Warn when a continuous column mixes point masses into a continuum."""
    for v in variables:
        for j in np.flatnonzero(~np.asarray(v.discrete, dtype=bool)):
            on_atoms, near = _atoms_in_continuum(v.values[:, j], k)
            if near < NEAR_ATOM_SHARE:
                continue
            warn(
                f"Column {int(j)} of {v.name!r} mixes point masses ({on_atoms:.0%} "
                "of the rows on values holding 10% or more) into a continuum "
                f"({near:.0%} of its other rows lie near one), where method "
                "'mixed_ksg' (Gao et al.) counts an atom's rows as neighbours of "
                "the continuous rows near it and is biased downwards (Gao et "
                "al.'s mixture: 1.13 and 1.16 nats at n = 2000 and 5000 for "
                "1.29). Use 'mixed_atoms', which estimates the atoms and "
                "the continuum apart.",
                BiasWarning,
            )
            return


def gao_mi(
    x: Variable,
    y: Variable,
    *,
    k: int,
    standardize: bool,
    algorithm: str,
    ties: list[tuple[float, float]] | None = None,
) -> RawEstimate:
    """Gao et al.'s MI estimate (nats) with local values; see the module docstring.

    With ``ties`` given, appends :func:`_tie_bias` to it.
    """
    n = x.n_samples
    kept = _usable([x, y], "mixed_ksg")
    if kept is None:
        return RawEstimate(0.0, np.zeros(n))
    (bx, by), resolution = _embed(kept, standardize)
    k_i, (nx, ny) = _radius_counts(
        np.hstack([bx, by]), [bx, by], k, algorithm, resolution, ties
    )
    local = digamma(k_i) + math.log(n) - digamma(nx) - digamma(ny)
    return RawEstimate(float(local.mean()), local, {"atoms": int((k_i != k).sum())})


def gao_cmi(
    x: Variable,
    y: Variable,
    z: Variable,
    *,
    k: int,
    standardize: bool,
    algorithm: str,
    ties: list[tuple[float, float]] | None = None,
) -> RawEstimate:
    """Mesner and Shalizi's mixed-data CMI estimate (nats) with local values.

    With ``ties`` given, appends :func:`_tie_bias` to it.
    """
    n = x.n_samples
    kept = _usable([x, y, z], "mixed_ksg")
    if kept is None:
        return RawEstimate(0.0, np.zeros(n))
    if kept[2].n_features == 0:
        return gao_mi(
            kept[0],
            kept[1],
            k=k,
            standardize=standardize,
            algorithm=algorithm,
            ties=ties,
        )
    (bx, by, bz), resolution = _embed(kept, standardize)
    k_i, (nxz, nyz, nz) = _radius_counts(
        np.hstack([bx, by, bz]),
        [np.hstack([bx, bz]), np.hstack([by, bz]), bz],
        k,
        algorithm,
        resolution,
        ties,
    )
    local = digamma(k_i) - digamma(nxz) - digamma(nyz) + digamma(nz)
    return RawEstimate(float(local.mean()), local, {"atoms": int((k_i != k).sum())})


@register
class MixedKSG(Estimator):
    """kNN MI and CMI for mixed data: Ross, and Gao et al. for ties and mixtures.

    ``variant="ross"``: for sample i with label ``x_i``, ``d_i`` is the
    distance (max norm) to its k-th neighbour among samples with the same label
    and ``m_i`` the number of samples of any label closer than ``d_i``; then
    ``I = psi(n) - <psi(n_{x_i})> + psi(k) - <psi(m_i)>``. Either argument may be
    the discrete one; the continuous side may be multivariate.

    ``variant="gao"``: Gao, Kannan, Oh and Viswanath's estimator for any mix of
    discrete, continuous and tied columns, and Mesner and Shalizi's CMI with
    mixed conditioning (:mod:`mutinfo.estimators.mixed`): exact duplicates are
    atoms whose neighbour counts are taken at distance 0, and discrete columns
    are labels. ``variant="auto"`` runs Ross for one discrete and one
    continuous variable and Gao otherwise (and always for CMI).

    Parameters
    ----------
    n_neighbors : int, default=3
        k (reduced to ``n_x - 1`` within a label that has fewer samples).
    variant : {'auto', 'ross', 'gao'}, default='auto'
    standardize : bool, default=True
        Divide each continuous column by its standard deviation within the
        labels (about its label means, pooled over the labels), which the
        differences between label means do not inflate (the overall one did:
        ``cmi`` of 50 labels against Y given an irrelevant Z 0.18 nats low).
    noise : float, default=1e-10
        Tie-breaking noise of the Ross variant, in units of each column's
        standard deviation (at most 1); Gao's never adds noise.
    rng : None, int or numpy.random.Generator, default=None
    algorithm : {'auto', 'grid', 'tree', 'brute', 'torch'}, default='auto'
        Neighbour-search path of :mod:`mutinfo._neighbors`: a compiled grid in
        low dimension, scipy's cKDTree otherwise, or ``'torch'``: chunked brute
        force with PyTorch on a GPU. Every path gives identical results; only
        speed differs.
    device : None, 'cpu', 'cuda' or 'cuda:<index>', default=None
        Where ``algorithm='torch'`` searches (None: CUDA if present, else the
        CPU); a device with ``algorithm='auto'`` means the torch path there.

    Notes
    -----
    Units are nats before ``base`` conversion. Samples whose label occurs once
    carry no information about the continuous side and are left out, as in
    scikit-learn.

    References
    ----------
    .. [1] B. C. Ross, "Mutual information between discrete and continuous data
       sets", PLoS ONE 9(2), e87357 (2014). doi:10.1371/journal.pone.0087357
    .. [2] W. Gao, S. Kannan, S. Oh, P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", NeurIPS 2017.
       arXiv:1709.06212
    .. [3] O. C. Mesner, C. R. Shalizi, "Conditional mutual information
       estimation for mixed, discrete and continuous data", IEEE Trans. Inf.
       Theory 67, 464-484 (2021). arXiv:1912.03387

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.estimators import MixedKSG
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 4000)
    >>> y = rng.uniform(size=4000) + x  # truth log 2 = 0.693 (disjoint supports)
    >>> round(MixedKSG(rng=0).mi(x, y).value, 1)
    0.7
    """

    name = "mixed_ksg"
    null_kernel = "ross_1d"
    thread_safe = True
    duplicate_sensitive = True
    summary = "kNN MI/CMI for mixed and tied data (Ross 2014; Gao et al. 2017)."
    reference = "Ross (2014) doi:10.1371/journal.pone.0087357; Gao et al. (2017)"
    measures = ("mi", "cmi")
    kinds = ("discrete", "continuous")
    parameters = {
        "n_neighbors": KNN_PARAMETERS["n_neighbors"],
        "variant": Param(
            "auto", Options(("auto", "ross", "gao")), "Ross, Gao et al., or auto."
        ),
        "standardize": Param(True, Bool(), "Scale continuous columns first."),
        "noise": KNN_PARAMETERS["noise"],
        "algorithm": KNN_PARAMETERS["algorithm"],
        "device": KNN_PARAMETERS["device"],
    }

    def min_samples(self) -> int:
        return int(self.n_neighbors) + 1

    def interval_cover(
        self, measure: str, variables: list[Variable]
    ) -> tuple[str, str]:
        # Gao et al.'s variant on a continuous column that mixes an atom into
        # its continuum (the estimator's own test, _atoms_in_continuum) is
        # biased (docs/uncertainty.md: -0.25 nats on Gao et al.'s mixture).
        # Ross's variant (one label column against a continuous one) is not:
        # 30 % of x on an atom beside N(2y, 1), n = 500 / 2000: +0.012 / +0.002
        # (mixed_atoms +0.008 / +0.001); nor are rounding ties, which held
        # 2 % of the rows (the rule before): iris sepal length against the
        # species read 0.492, 0.493 with the rounding jittered away.
        one_each = len(variables) == 2 and {v.kind for v in variables} == {
            "discrete",
            "continuous",
        }
        if self.variant == "ross" or (
            self.variant == "auto" and measure == "mi" and one_each
        ):
            return super().interval_cover(measure, variables)
        k = int(self.n_neighbors)
        for v in variables:
            for j in np.flatnonzero(~np.asarray(v.discrete, dtype=bool)):
                if _atoms_in_continuum(v.values[:, j], k)[1] >= NEAR_ATOM_SHARE:
                    return f"{measure} with atoms read as neighbours (biased)", (
                        f"column {j} of {v.name!r} mixes an atom with a "
                        "continuum, where mixed_ksg is biased (-0.25 nats, "
                        "coverage 0.00 on Gao et al.'s mixture at n = 500). Use "
                        "'mixed_atoms', which estimates atoms and continuum "
                        "separately."
                    )
        return super().interval_cover(measure, variables)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        one_each = {x.kind, y.kind} == {"discrete", "continuous"}
        if x.kind == y.kind == "continuous":  # mt.mi(x, x, method="mixed_ksg"): 4.09
            warn_affine_pair(x, y, self.name)
        if self.variant == "gao" or (self.variant == "auto" and not one_each):
            sparse = _warn_sparse_labels([x, y], "mi", int(self.n_neighbors))
            _warn_atoms_in_continuum([x, y], int(self.n_neighbors))
            # the tie check reads the estimator's own kNN search (no second
            # one); sparse labels have already said "biased" (one warning)
            ties: list[tuple[float, float]] = []
            est = gao_mi(x, y, **self._gao_settings(), ties=ties)
            if ties and not sparse:
                _warn_tied_continuum(
                    [x, y],
                    int(self.n_neighbors),
                    "mi",
                    ties[0],
                    _standard_error(est.local),
                )
            return est
        return self._ross(x, y, rng)

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        sparse = _warn_sparse_labels([x, y, z], "cmi", int(self.n_neighbors))
        if not sparse:
            _warn_small_conditioning_labels(z)
        _warn_atoms_in_continuum([x, y, z], int(self.n_neighbors))
        ties: list[tuple[float, float]] = []
        est = gao_cmi(x, y, z, **self._gao_settings(), ties=ties)
        if ties and not sparse:
            _warn_tied_continuum(
                [x, y, z],
                int(self.n_neighbors),
                "cmi",
                ties[0],
                _standard_error(est.local),
            )
        return est

    def supports(self, measure: str) -> bool:
        if measure == "cmi" and self.variant == "ross":
            return False
        return super().supports(measure)

    def compute(
        self, measure: str, variables: list[Variable], *, base: float = math.e
    ) -> Result:
        if measure == "cmi" and self.variant == "ross":
            raise UnsupportedMeasureError(
                "The Ross variant of 'mixed_ksg' estimates 'mi' only; use "
                "variant='gao' (or 'auto') for 'cmi'."
            )
        return super().compute(measure, variables, base=base)

    def _gao_settings(self) -> dict[str, Any]:
        return {
            "k": int(self.n_neighbors),
            "standardize": bool(self.standardize),
            "algorithm": neighbor_algorithm(self.algorithm, self.device),
        }

    def _ross(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        if x.is_discrete and not y.is_discrete:
            labels, cont = x, y
        elif y.is_discrete and not x.is_discrete:
            labels, cont = y, x
        else:
            raise UnsupportedMeasureError(
                "The Ross variant of 'mixed_ksg' needs one discrete and one "
                f"continuous variable; got x: {x.kind}, y: {y.kind}. Use "
                "variant='gao' (or 'auto') for other mixes."
            )
        codes, n_labels = encode(labels.values)
        c = counts(codes, n_labels)
        n = codes.shape[0]
        _warn_large_k(labels, codes, c, int(self.n_neighbors))
        varying = varying_columns(cont, self.name)
        if varying is None:
            return RawEstimate(0.0, np.zeros(n))
        if self.noise == 0:
            warn_noiseless_ties(
                varying, self.name, "variant='gao' (ties as atoms) or 'mixed_atoms'"
            )
        b = prepare_columns(
            varying,
            standardize=self.standardize,
            noise=self.noise,
            rng=rng,
            method=self.name,
            groups=(codes, n_labels),
        )
        alg = neighbor_algorithm(self.algorithm, self.device)
        keep = c[codes] > 1
        if not keep.any():
            raise InvalidDataError(
                "Every label of the discrete variable occurs once (like a row "
                "identifier), so 'mixed_ksg' has no neighbours to count. Leave it "
                "out, read it as numbers if it is a measurement (discrete=False), "
                "or use more samples per label."
            )
        if b.shape[1] == 1 and alg == "auto":
            # One column: each label's k-th neighbours are a window of its
            # sorted values (the same distances a tree search compares).
            radius, k_used = grouped_kth(
                b[:, 0],
                codes,
                c,
                int(self.n_neighbors),
                compiled=have_numba() and compiled_ready(),
            )
        else:
            radius = np.zeros(n)
            k_used = np.zeros(n, dtype=np.int64)
            by_label = np.argsort(codes, kind="stable")
            ends = np.cumsum(c)
            for label in np.flatnonzero(c > 1):
                rows = by_label[ends[label] - c[label] : ends[label]]
                k = min(int(self.n_neighbors), rows.size - 1)
                dist, _ = kth_neighbors(b[rows], k, algorithm=alg)
                radius[rows] = dist[:, -1]
                k_used[rows] = k
        id_like = n < MI_SINGLETONS * n_labels
        if id_like:
            # The counting rule calls such a table not identifiable
            # (mutinfo._rules.MI_SINGLETONS) and column_kinds calls the
            # column unusable; here the mean runs over the few repeated labels.
            warn(
                f"The labels of {columns_where(labels)} take {n_labels} values in {n} "
                "rows "
                f"(fewer than {MI_SINGLETONS:g} rows per value, like a row "
                f"identifier), so method 'mixed_ksg' leaves out the "
                f"{n - int(keep.sum())} rows whose label occurs once and estimates "
                f"MI from the other {int(keep.sum())}: the MI of such a column "
                "cannot be estimated from this sample (independent data, 1985 "
                "labels in 2000 rows: spread 0.17 nats across draws). Group its "
                "values, read it as numbers if it is a measurement "
                "(discrete=False), or leave it out.",
                BiasWarning,
            )
        # Ross's m_i counts the kept samples within d_i, the k-th neighbour
        # included and i excluded: the strict count plus one (as scikit-learn).
        m = count_within(b[keep], radius[keep], strict=True, algorithm=alg) + 1
        nk = int(keep.sum())
        kept = (
            digamma(nk) - digamma(c[codes][keep]) + digamma(k_used[keep]) - digamma(m)
        )
        value = float(kept.mean())
        if keep.all():
            return RawEstimate(value, kept)
        dropped = 1.0 - nk / n
        if dropped >= SINGLETON_SHARE and not id_like:  # (said above, ID-like)
            warn(
                f"{dropped:.0%} of the rows of {columns_where(labels)} carry a label "
                "that "
                "occurs once, which Ross's estimator ('mixed_ksg', "
                f"variant='ross') leaves out: {value:.4g} nats is the MI among "
                "the other rows, not over all of them (the rows left out may "
                "carry information of their own; counting them as carrying none "
                f"gives {value * nk / n:.4g}). Merge rare labels, drop the "
                "singleton rows deliberately, or use variant='gao'.",
                BiasWarning,
            )
        return RawEstimate(value, None, {"dropped": dropped})
