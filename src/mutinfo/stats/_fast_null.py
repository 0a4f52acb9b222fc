"""Permutation nulls without re-estimating from scratch: one kernel per family.

An index surrogate (permute, stratified, local, block, circular) only reorders
or resamples the rows of ``y``; ``x`` and ``z`` stay as they are. A family's
null kernel prepares, once per test, everything that does not depend on the
order of ``y``, and then gives the statistic of ``(x, y[index], z)`` from a
row index:

- counting families (plugin, Miller-Madow, Grassberger, James-Stein,
  Chao-Shen, NSB): the entropy terms of the identity that do not involve
  ``y`` are computed once; the others are re-counted from integer codes
  (one ``bincount``) and passed to the family's own entropy of counts;
- ``gaussian`` and ``gaussian_copula`` MI of two continuous columns: the
  centred, unit-norm (rank-normal) scores are computed once, and a
  permutation's correlation is one dot product.

These equal the estimator on the surrogate up to floating-point rounding (the
tests check each kernel against the estimator). The third kind prepares the
data itself, so its statistics are the estimator's on the prepared columns:

- ``ksg`` (algorithm 1) MI of two continuous columns: the columns are
  standardised and given their tie-breaking noise once, exactly as the
  estimator does for the observed value (its ``rng`` stream replayed; the
  test's own stream for an unseeded estimator), and sorted once; a
  permutation's sort of ``y`` is the inverse permutation applied to it, so
  a draw costs the fused neighbour kernel alone. The test's
  observed value is this kernel's value at the identity (equal to the
  estimate for a seeded estimator), so observed and null values come from the
  same prepared columns and the permutation test stays exact; re-estimating
  each surrogate would standardise and perturb every surrogate afresh.

- ``mixed_ksg`` (Ross's variant) MI of a label variable and one continuous
  column: the column is prepared once (its noise replayed, as for KSG) and
  sorted once; a permutation regroups the sorted values by label (a stable
  sort of the labels), takes each point's k-th neighbour within its label
  from the windows of consecutive values, and counts the radii with the
  estimator's own neighbour count. The observed value is the kernel's at the
  identity (the estimate, bit for bit).

A kernel returns None for an index it cannot handle (an index that repeats
rows, where ranks, duplicates or per-column alphabets change), and the caller
then runs the estimator on the surrogate as usual. Families register their
kernel with :func:`register_null_kernel`; :func:`null_statistic` returns the
prepared statistic, or None for the generic path.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import encode
from mutinfo._neighbors import ksg_counts
from mutinfo._special import digamma_int
from mutinfo.estimators._counts_base import _IDENTITIES, Cells, CountingEstimator
from mutinfo.estimators.gaussian import correlation_mi, pair_bias, unit_scores
from mutinfo.estimators.knn import canonical_pair, ksg1_local, prepare_columns

if TYPE_CHECKING:
    from mutinfo._validation import Variable
    from mutinfo.estimators._base import Estimator

__all__ = ["NullStatistic", "null_statistic", "register_null_kernel"]

#: ``index -> statistic in nats``, or None where the index needs the estimator.
NullStatistic = Callable[[NDArray[np.intp]], "float | None"]
#: ``(estimator, measure, variables, rng) -> NullStatistic`` or None.
NullKernel = Callable[
    ["Estimator", str, "list[Variable]", np.random.Generator], "NullStatistic | None"
]

_KERNELS: dict[str, NullKernel] = {}
#: The estimator parameters each kernel reads (a parameter set away from its
#: default that the kernel does not read sends the test through the estimator).
_HONOURS: dict[str, frozenset[str] | None] = {}

#: Largest joint alphabet re-counted by ``bincount`` (beyond it, ``np.unique``).
_BINCOUNT_CELLS = 1 << 22


def register_null_kernel(
    name: str, kernel: NullKernel, honours: frozenset[str] | None = None
) -> NullKernel:
    """Register a null kernel under the name families declare (``null_kernel``).

    ``honours``: the estimator parameters the kernel reads; when any other
    parameter is set away from its default the kernel is not used (None: the
    kernel checks every setting itself).
    """
    _KERNELS[name] = kernel
    _HONOURS[name] = honours
    return kernel


def null_statistic(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> NullStatistic | None:
    """Return the prepared null statistic of ``estimator``, or None.

    ``rng`` is what the preparation draws from (KSG's tie-breaking noise): the
    stream the estimator's own ``compute`` draws from, replayed, so that the
    identity index reproduces the estimate. A statistic with
    ``defines_observed = True`` (KSG) gives the test's observed value there.
    """
    if isinstance(estimator, CountingEstimator):
        # Only for families that keep the shared identities and term recipe.
        kind = type(estimator)
        if kind._dispatch is CountingEstimator._dispatch and (
            kind._combine is CountingEstimator._combine
        ):
            return _counting(estimator, measure, variables)
        return None
    # The family declares its kernel on its own class: a subclass (which may
    # change the estimate) runs the estimator instead.
    declared = type(estimator).__dict__.get("null_kernel")
    kernel = None if declared is None else _KERNELS.get(declared)
    if kernel is None:
        return None
    honours = _HONOURS.get(str(declared))
    if honours is not None and not estimator.changed_params() <= honours:
        return None
    return kernel(estimator, measure, variables, rng)


def _is_permutation(index: NDArray[np.intp], n: int) -> bool:
    return index.shape == (n,) and bool(np.bincount(index, minlength=n).max() == 1)


# --------------------------------------------------------------------------- #
# Counting families
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class _Recount:
    """One entropy term that involves ``y``: re-counted for each index."""

    sign: int
    other: NDArray[np.int64]  # joint code of the term's other variables
    cells_other: int  # alphabet of ``other``
    cells_y: int  # alphabet of y's codes
    sizes: tuple[int, ...]  # per-column observed alphabets (unchanged by a permutation)
    name: str


@dataclass(frozen=True)
class _CountingNull:
    estimator: CountingEstimator
    fixed: float  # the terms without y
    terms: tuple[_Recount, ...]
    y_codes: NDArray[np.int64]

    def __call__(self, index: NDArray[np.intp]) -> float | None:
        n = self.y_codes.shape[0]
        if not _is_permutation(index, n):
            return None  # y's observed alphabets may shrink: the estimator decides
        y = self.y_codes[index]
        value = self.fixed
        for t in self.terms:
            joint = t.other * t.cells_y + y
            cells = t.cells_other * t.cells_y
            if cells <= _BINCOUNT_CELLS:
                counts = np.bincount(joint, minlength=cells)
                counts = counts[counts > 0]
            else:
                counts = np.unique(joint, return_counts=True)[1]
            table = Cells(counts.astype(np.int64), column_sizes=t.sizes, name=t.name)
            value += t.sign * self.estimator._term(table).value
        return value


def _counting(
    estimator: CountingEstimator, measure: str, variables: list[Variable]
) -> NullStatistic | None:
    identity = _IDENTITIES.get(measure)
    if identity is None or any(not v.is_discrete for v in variables):
        return None
    y_codes, cells_y = encode(variables[1].values)
    n = y_codes.shape[0]
    fixed = 0.0
    terms: list[_Recount] = []
    for sign, joined in identity:
        full = Cells.from_variables(*(variables[i] for i in joined))
        if 1 not in joined:
            fixed += sign * estimator._term(full).value
            continue
        others = [variables[i].values for i in joined if i != 1]
        other, cells_other = encode(*others) if others else (np.zeros(n, np.int64), 1)
        terms.append(
            _Recount(sign, other, cells_other, cells_y, full.column_sizes, full.name)
        )
    return _CountingNull(estimator, fixed, tuple(terms), y_codes)


# --------------------------------------------------------------------------- #
# Gaussian and Gaussian-copula MI of two columns
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class _CorrelationNull:
    x: NDArray[np.float64]  # centred, unit norm
    y: NDArray[np.float64]
    bias: float

    def __call__(self, index: NDArray[np.intp]) -> float | None:
        if not _is_permutation(index, self.y.shape[0]):
            return None  # repeated rows change the mean, the norm and the ranks
        value = float(correlation_mi(np.array([self.x @ self.y[index]]), self.bias)[0])
        return None if math.isinf(value) else value  # collinear: the estimator's


def _correlation(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> NullStatistic | None:
    if measure != "mi" or any(
        v.n_features != 1 or not v.is_continuous for v in variables
    ):
        return None
    values = np.column_stack([variables[0].values, variables[1].values])
    if estimator.name == "gaussian_copula":
        from mutinfo.estimators.copula import copnorm

        values = copnorm(values)
    scores, constant = unit_scores(values, None)
    if constant.any():
        return None  # a constant column: the estimator warns and gives 0
    n = values.shape[0]
    bias = pair_bias(0, n) if estimator.get_params()["bias_correction"] else 0.0
    return _CorrelationNull(scores[0], scores[1], bias)


# --------------------------------------------------------------------------- #
# KSG (algorithm 1) MI of two columns
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class _KSGNull:
    x: NDArray[np.float64]
    x_order: NDArray[np.intp]
    y: NDArray[np.float64]
    y_order: NDArray[np.intp]
    k: int
    algorithm: str
    psi: NDArray[np.float64]  # digamma(0 .. n + 1)

    #: The observed value is this statistic at the identity index.
    defines_observed: ClassVar[bool] = True

    def __call__(self, index: NDArray[np.intp]) -> float | None:
        n = self.x.shape[0]
        if not _is_permutation(index, n):
            return None  # duplicated rows would be neighbours at distance 0
        # Row t of the surrogate is row index[t] of y, so y's sort order maps
        # through the inverse permutation: no new sort.
        inverse = np.empty(n, dtype=np.intp)
        inverse[index] = np.arange(n)
        orders = (self.x_order, inverse[self.y_order])
        nx, ny = ksg_counts(
            self.x, self.y[index], self.k, algorithm=self.algorithm, orders=orders
        )
        return float(ksg1_local(nx, ny, self.k, n, self.psi).mean())


def _ksg(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> NullStatistic | None:
    params = estimator.get_params()
    if (
        measure != "mi"
        or params["variant"] != 1
        or any(v.n_features != 1 or not v.is_continuous for v in variables)
        or any(np.ptp(v.values) == 0 for v in variables)
    ):
        return None
    # Drawn in the estimator's order (canonical_pair: x then y, or y then x):
    # with the estimator's stream replayed, the identity index reproduces its
    # estimate bit for bit. Drawn x first always, a pair the estimator drew
    # y first got its null from other noise than its observed value.
    vx, vy = variables[:2]
    drawn = {}
    for v in canonical_pair(vx, vy):
        drawn[id(v)] = prepare_columns(
            v, standardize=params["standardize"], noise=params["noise"], rng=rng
        )
    x, y = drawn[id(vx)], drawn[id(vy)]
    k, algorithm = int(params["n_neighbors"]), str(params["algorithm"])
    return _KSGNull(
        x[:, 0],
        np.argsort(x[:, 0]),
        y[:, 0],
        np.argsort(y[:, 0]),
        k,
        algorithm,
        digamma_int(x.shape[0] + 2),
    )


# --------------------------------------------------------------------------- #
# Ross's mixed KSG MI of one label variable and one continuous column
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class _RossNull:
    codes: NDArray[np.int64]  # labels, row order
    sizes: NDArray[np.int64]  # rows per label (unchanged by a permutation)
    values: NDArray[np.float64]  # the prepared continuous column, shape (n, 1)
    order: NDArray[np.intp]  # its argsort
    labels_move: bool  # y is the label variable (else the continuous one)
    k: int
    algorithm: str
    psi: NDArray[np.float64]  # digamma(0 .. n + 1)

    defines_observed: ClassVar[bool] = True

    def __call__(self, index: NDArray[np.intp]) -> float | None:
        from mutinfo._neighbors import compiled_ready, count_within, have_numba
        from mutinfo._neighbors._sorted import grouped_kth, sorted_count

        n = self.codes.shape[0]
        if not _is_permutation(index, n):
            return None  # repeated rows: the estimator decides
        if self.labels_move:
            codes, b, order = self.codes[index], self.values, self.order
        else:
            inverse = np.empty(n, dtype=np.intp)
            inverse[index] = np.arange(n)
            codes, b, order = self.codes, self.values[index], inverse[self.order]
        c = self.sizes
        compiled = have_numba() and compiled_ready()
        radius, k_used = grouped_kth(
            b[:, 0], codes, c, self.k, order=order, compiled=compiled
        )
        # as MixedKSG._ross from here on, in the surrogate's row order
        size = c[codes]
        keep = size > 1
        if self.algorithm == "auto" and keep.all():
            # the sorted path count_within takes in 1-D, with the sort we have
            m = sorted_count(
                b[:, 0], radius, strict=True, compiled=compiled, order=order
            )
        else:
            m = count_within(
                b[keep], radius[keep], strict=True, algorithm=self.algorithm
            )
        m = m + 1
        nk = int(keep.sum())
        psi = self.psi  # digamma(0 .. n + 1): the same numbers, looked up
        kept = psi[nk] - psi[size[keep]] + psi[k_used[keep]] - psi[m]
        return float(kept.mean())


def _ross(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> NullStatistic | None:
    from mutinfo._counting import counts
    from mutinfo.estimators.knn import varying_columns

    params = estimator.get_params()
    if measure != "mi" or params["variant"] not in ("auto", "ross"):
        return None
    x, y = variables[:2]
    if {x.kind, y.kind} != {"discrete", "continuous"}:
        return None  # Gao et al.'s variant
    labels, cont = (x, y) if x.is_discrete else (y, x)
    if cont.n_features != 1 or np.ptp(cont.values) == 0:
        return None  # several columns, or a constant one (the estimator warns)
    codes, n_labels = encode(labels.values)
    c = counts(codes, n_labels)
    varying = varying_columns(cont, estimator.name)
    if varying is None or not (c[codes] > 1).any():
        return None  # the estimator gives 0 or raises
    # The estimator's draws, replayed: the same tie-breaking noise.
    b = prepare_columns(
        varying,
        standardize=params["standardize"],
        noise=params["noise"],
        rng=rng,
        method=estimator.name,
        groups=(codes, n_labels),
    )
    return _RossNull(
        codes,
        c,
        b,
        np.argsort(b[:, 0]),
        labels is y,
        int(params["n_neighbors"]),
        str(params["algorithm"]),
        digamma_int(codes.shape[0] + 2),
    )


# The kernels, by the names families declare in their ``null_kernel`` attribute.
_KNN_READ = frozenset(
    {"n_neighbors", "variant", "standardize", "noise", "algorithm", "device"}
)
register_null_kernel("correlation", _correlation, frozenset({"bias_correction"}))
register_null_kernel("ksg_1d", _ksg, _KNN_READ)
register_null_kernel("ross_1d", _ross, _KNN_READ)
