"""Shared base of the discrete families: an entropy functional of counts.

A family implements one method, :meth:`CountingEstimator._term`, the entropy
estimate of one joint table of counts. The base class turns it into entropy,
conditional entropy, MI and CMI through the entropy identities

- ``H(X | Z) = H(X, Z) - H(Z)``,
- ``I(X; Y) = H(X) + H(Y) - H(X, Y)``,
- ``I(X; Y | Z) = H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z)``,

adds local values where the family defines them, and warns when the joint
table is too sparse for the estimate to be trusted. It also accepts counts or
a contingency table directly (:meth:`CountingEstimator.entropy_from_counts`,
:meth:`CountingEstimator.mi_from_contingency`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._counting import cardinalities, counts, encode
from mutinfo._result import Result, check_base
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._guards import without_constant
from mutinfo.exceptions import (
    BiasWarning,
    InsufficientSamplesError,
    InvalidDataError,
    warn,
)

__all__ = ["Cells", "CountingEstimator", "Term", "copy_tail_entropy", "warn_copy_tail"]

#: Total counts must stay below this: every count and the total exact in float64.
_MAX_TOTAL = float(2**53)

#: Occupied joint cells above this fraction of n make any estimate unreliable.
_SPARSE_RATIO = 0.5

#: Entropy terms of each measure: (sign, indices of the variables joined).
_IDENTITIES: dict[str, tuple[tuple[int, tuple[int, ...]], ...]] = {
    "entropy": ((1, (0,)),),
    "conditional_entropy": ((1, (0, 1)), (-1, (1,))),
    "mi": ((1, (0,)), (1, (1,)), (-1, (0, 1))),
    "cmi": ((1, (0, 2)), (1, (1, 2)), (-1, (0, 1, 2)), (-1, (2,))),
}

_MEASURE_WORDS = {
    "entropy": "entropy",
    "conditional_entropy": "conditional entropy",
    "mi": "mi",
    "cmi": "cmi",
}


#: Good-Turing unseen mass above which warnings say no estimator can know it.
UNSEEN_MASS = 0.5


def unseen_mass_note(cells: Cells) -> str:
    """Return a sentence on the unseen probability mass, or "" when it is small.

    Good-Turing puts ``f1 / n`` of the probability on symbols never seen (``f1``:
    symbols seen once). Above :data:`UNSEEN_MASS` no estimator can tell how many
    such symbols there are (1,000 draws of 100,000 equiprobable symbols: plug-in
    6.90 nats for a truth of 11.51), so the warning says what would help.
    """
    n = int(cells.counts.sum())
    if n == 0:
        return ""
    unseen = float(np.count_nonzero(cells.counts == 1)) / n
    if unseen <= UNSEEN_MASS:
        return ""
    return (
        f" Good-Turing puts about {unseen:.0%} of the probability on values never "
        f"seen in {cells.name}; no estimator can tell how many there are: give "
        "'nsb' the alphabet size (method='nsb', alphabet_size=K) if you know it, "
        "or collect more samples."
    )


def copy_tail_entropy(tables: list[tuple[int, Cells]]) -> tuple[float, float, int]:
    """Joint entropy (nats) the singletons beyond the marginals' may stand for.

    Parameters
    ----------
    tables : list of (sign, Cells)
        The entropy terms of an MI: ``H(x)``, ``H(y)`` and ``H(x, y)``.

    Returns
    -------
    tail : float
        ``e * ln(U / (e n))`` with ``e = (f1 - max(f1_x, f1_y)) / n``, the
        joint's singletons per row beyond those of the more singleton-rich
        marginal, and ``U`` the cells of the observed values' product never
        seen; 0 when there are no such singletons, ``U <= e n``, or the
        terms are not those of an MI.
    excess : float
        ``e``.
    unseen : int
        ``U``.

    Notes
    -----
    Good-Turing puts ``f1 / n`` of the joint's probability on cells never
    seen. Where one variable nearly copies the other over many values, the
    marginals explain only ``f1_x`` or ``f1_y`` of it (new values, each in a
    new cell); the rest is a thin spread of exceptions over the ``U`` empty
    cells, whose entropy the counting families do not see: spread over them
    it would add about ``ln(U / (e n))`` nats per unit of mass to
    ``H(X, Y)`` and take as much from the MI. A heuristic bias estimate, not
    a correction: on ``benchmarks/discrete_strong_dependence.py --zipf 1
    1.5 --q 1 0.9 0.7`` (Y = X w.p. q, else uniform on K = 100-3000 values,
    n = 500-10,000) Grassberger reads about 0.5-1 times it high (K = 1000,
    n = 10,000, q = 0.9: 0.67 for +0.39; Chao-Shen and NSB correct more of
    it where the marginals are well sampled).
    """
    if len(tables) != 3 or [sign for sign, _ in tables] != [1, 1, -1]:
        return 0.0, 0.0, 0
    (_, cx), (_, cy), (_, joint) = tables
    n = joint.n
    if n == 0:
        return 0.0, 0.0, 0
    singles = [int(np.count_nonzero(c.counts == 1)) for c in (cx, cy, joint)]
    excess = singles[2] - max(singles[0], singles[1])
    unseen = cx.occupied * cy.occupied - joint.occupied
    if excess <= 0 or unseen <= excess:
        return 0.0, max(excess, 0) / n, unseen
    return excess / n * math.log(unseen / excess), excess / n, unseen


def warn_copy_tail(
    method: str, tables: list[tuple[int, Cells]], threshold: float, misses: str
) -> bool:
    """Warn that an MI may read high: :func:`copy_tail_entropy` above ``threshold``.

    ``tables`` are the MI's entropy terms (the joint last); ``misses`` ends
    the sentence on the cells never seen (what the method does with their
    entropy). Returns whether it warned.
    """
    tail, excess, unseen = copy_tail_entropy(tables)
    if tail <= threshold:
        return False
    warn(
        f"The {method!r} mi estimate may read high, by up to about {tail:.2f} "
        f"nats: {excess:.1%} of the rows fall in cells of {tables[-1][1].name} "
        "seen once beyond the values seen once in either variable, the trace "
        f"of a thin spread of exceptions over {unseen} cells never seen, "
        f"{misses}. This happens when one variable nearly copies the other "
        "over many values. Collect more samples or coarsen the variables.",
        BiasWarning,
    )
    return True


def _distinct_columns(
    blocks: tuple[NDArray[np.float64], ...],
) -> tuple[NDArray[np.float64], ...]:
    """Return ``blocks`` without the columns equal to an earlier column."""
    columns = [b[:, j] for b in blocks for j in range(b.shape[1])]
    if len(columns) < 2:
        return blocks
    kept: list[NDArray[np.float64]] = []
    for col in columns:
        if not any(np.array_equal(col, seen) for seen in kept):
            kept.append(col)
    if len(kept) == len(columns):
        return blocks
    return (np.column_stack(kept),)


class Cells:
    """One joint table: counts of its occupied cells and how it was made.

    Parameters
    ----------
    counts : ndarray of int64
        Counts of the occupied cells (positive).
    codes : ndarray of int64 or None
        The cell of every sample, when built from samples.
    blocks : tuple of ndarray
        The discrete columns the table joins (for per-column alphabets).
    column_sizes : tuple of int, optional
        Number of observed values per column, when known without the samples.
    name : str
        Label of the entropy term, such as ``"H(x,y)"``.
    """

    def __init__(
        self,
        counts: NDArray[np.int64],
        *,
        codes: NDArray[np.int64] | None = None,
        blocks: tuple[NDArray[np.float64], ...] = (),
        column_sizes: tuple[int, ...] | None = None,
        name: str = "H",
    ) -> None:
        self.counts = counts
        self.codes = codes
        self._blocks = blocks
        self._column_sizes = column_sizes
        self.name = name

    @classmethod
    def from_variables(cls, *variables: Variable) -> Cells:
        """Encode the joint rows of ``variables`` and count them.

        A column equal to an earlier one in the table (the same variable given
        as ``x`` and ``z``, or twice within one) is left out: the joint of a
        variable with itself is the variable. The occupied cells do not
        change, but the table's alphabet does, and the families that spread
        mass over it (James-Stein's uniform target, an alphabet_size) put
        mass on the impossible cells x != z: ``I(X; Y | X)`` read 0.017 nats
        and ``I(X; X)`` fell 0.085 below ``H(X)`` (4 labels, n = 200).
        """
        blocks = _distinct_columns(tuple(v.values for v in variables))
        codes, k = encode(*blocks)
        name = "H(" + ",".join(v.name for v in variables) + ")"
        return cls(counts(codes, k), codes=codes, blocks=blocks, name=name)

    @property
    def n(self) -> int:
        """Number of samples."""
        return int(self.counts.sum())

    @property
    def occupied(self) -> int:
        """Number of occupied cells."""
        return int(self.counts.size)

    @cached_property
    def column_sizes(self) -> tuple[int, ...]:
        """Number of distinct observed values of every column."""
        if self._column_sizes is not None:
            return self._column_sizes
        return tuple(cardinalities(*self._blocks))

    def alphabet(self, per_column: int | None) -> int:
        """Return the number of possible cells of the table.

        ``per_column`` values per column give ``per_column ** d`` cells; with
        ``None``, the product of the observed per-column alphabets.
        """
        sizes = self.column_sizes
        if per_column is None:
            return math.prod(sizes)
        worst = max(sizes)
        if worst > per_column:
            raise InvalidDataError(
                f"The 'alphabet_size' parameter is {per_column}, but a column of "
                f"{self.name} takes {worst} distinct values. Pass an alphabet_size "
                "of at least the number of values each column can take, or None "
                "if it is unknown."
            )
        return int(per_column ** len(sizes))


@dataclass
class Term:
    """An entropy estimate of one table (nats), with optional local values.

    ``std`` is a standard deviation in nats; ``info`` holds unitless numbers
    (such as a shrinkage intensity) reported per table in ``Result.extras``.
    """

    value: float
    local: NDArray[np.float64] | None = None
    std: float | None = None
    info: dict[str, float] = field(default_factory=dict)


class CountingEstimator(Estimator):
    """Base class of families defined by an entropy functional of counts."""

    kinds: ClassVar[tuple[str, ...]] = ("discrete",)
    measures: ClassVar[tuple[str, ...]] = (
        "entropy",
        "conditional_entropy",
        "mi",
        "cmi",
    )
    interval_sparse_ratio: ClassVar[float | None] = _SPARSE_RATIO
    #: Nats of :func:`copy_tail_entropy` above which an MI estimate warns
    #: that it may read high (None: never; set where measured).
    tail_warn_nats: ClassVar[float | None] = None

    # ------------------------------------------------------------------ #
    # What a family implements
    # ------------------------------------------------------------------ #
    def _term(self, cells: Cells) -> Term:
        """Estimate the entropy (nats) of one table of counts."""
        raise NotImplementedError

    def _warn(
        self, measure: str, tables: list[tuple[int, Cells]], value: float
    ) -> None:
        """Warn when the largest joint table is sparse relative to n."""
        largest = max((c for _, c in tables), key=lambda c: c.occupied)
        n = largest.n
        if largest.occupied > _SPARSE_RATIO * n:
            warn(
                f"The {self.name!r} {_MEASURE_WORDS[measure]} estimate uses the table "
                f"{largest.name} with {largest.occupied} occupied cells for "
                f"n_samples={n}; with more than {_SPARSE_RATIO:g} occupied cells per "
                "sample even bias-corrected estimates can be far off. Collect more "
                "samples or coarsen the variables." + unseen_mass_note(largest),
                BiasWarning,
            )
        elif measure == "mi" and self.tail_warn_nats is not None:
            warn_copy_tail(
                self.name,
                tables,
                self.tail_warn_nats,
                "whose entropy the estimate misses",
            )

    # ------------------------------------------------------------------ #
    # The identities
    # ------------------------------------------------------------------ #
    def _combine(self, measure: str, tables: list[tuple[int, Cells]]) -> RawEstimate:
        terms = [(sign, cells, self._term(cells)) for sign, cells in tables]
        value = float(sum(sign * t.value for sign, _, t in terms))
        local: NDArray[np.float64] | None = None
        locals_ = [(sign, t.local) for sign, _, t in terms if t.local is not None]
        if len(locals_) == len(terms):
            local = np.zeros_like(locals_[0][1])
            for sign, values in locals_:
                local += sign * values
        extras: dict[str, Any] = {}
        stds = {cells.name: t.std for _, cells, t in terms if t.std is not None}
        if stds:
            if len(terms) == 1:
                extras["std"] = next(iter(stds.values()))
            else:
                extras["term_std"] = stds
        for key in dict.fromkeys(k for _, _, t in terms for k in t.info):
            per_table = {c.name: t.info[key] for _, c, t in terms if key in t.info}
            extras[key] = (
                next(iter(per_table.values())) if len(terms) == 1 else per_table
            )
        self._warn(measure, tables, value)
        return RawEstimate(value, local, extras)

    def _dispatch(
        self, measure: str, v: list[Variable], rng: np.random.Generator
    ) -> RawEstimate:
        if measure != "entropy":
            # A column with one value adds H = 0 to any table it joins, but
            # its own one-cell table is not 0 for every family (Grassberger
            # log n - G(n), 0.213 nats at n = 5; NSB's posterior mean under an
            # unknown alphabet; any family given an alphabet_size), which the
            # identities turned into I(X; constant) = H(constant). Left out,
            # an MI or CMI with a constant is exactly 0.
            v = [without_constant(var) for var in v]
        if measure not in _IDENTITIES:
            return super()._dispatch(measure, v, rng)
        signs: dict[tuple[int, ...], int] = {}
        for sign, idx in _IDENTITIES[measure]:
            kept = tuple(i for i in idx if v[i].n_features)
            if kept:  # terms made equal by a left-out column cancel exactly
                signs[kept] = signs.get(kept, 0) + sign
        tables = [
            (sign, Cells.from_variables(*(v[i] for i in idx)))
            for idx, sign in signs.items()
            if sign
        ]
        if not tables:
            return RawEstimate(0.0, np.zeros(v[0].n_samples))
        return self._combine(measure, tables)

    # ------------------------------------------------------------------ #
    # Counts and tables given directly
    # ------------------------------------------------------------------ #
    def _check_total(self, n: int, name: str) -> None:
        """Raise when counts total fewer samples than the family needs."""
        need = self.min_samples()
        if n < need:
            raise InsufficientSamplesError(
                f"Method {self.name!r} needs at least {need} samples; the "
                f"{name!r} parameter totals n_samples={n}. Pass the counts of more "
                "samples, or use 'plugin' (whose entropy of one sample is 0)."
            )

    def entropy_from_counts(self, counts: ArrayLike, *, base: float = math.e) -> Result:
        """Estimate the entropy from the counts of a histogram.

        Parameters
        ----------
        counts : array-like of non-negative int
            One count per cell (empty cells allowed).
        base : float, default=math.e
            Logarithm base of the result.

        Returns
        -------
        Result
            The estimate; ``n_samples`` is the total count.

        Raises
        ------
        InvalidDataError
            If counts are negative, not whole numbers, all zero, or total
            2**53 or more.
        InsufficientSamplesError
            If they total fewer samples than the family needs (2 for the
            bias-corrected ones).

        Examples
        --------
        >>> from mutinfo.estimators import Plugin
        >>> Plugin().entropy_from_counts([7, 3], base=2).value  # doctest: +ELLIPSIS
        0.88129089...
        """
        base = check_base(base)
        c = _check_counts(counts, "counts", ndim=1)
        occupied = c[c > 0]
        cells = Cells(occupied, column_sizes=(int(c.size),), name="H(counts)")
        self._check_total(cells.n, "counts")
        return self._wrap(
            "entropy", self._combine("entropy", [(1, cells)]), cells.n, base
        )

    def mi_from_contingency(
        self, contingency: ArrayLike, *, base: float = math.e
    ) -> Result:
        """Estimate I(X; Y) from a contingency table of joint counts.

        Parameters
        ----------
        contingency : array-like of shape (n_values_x, n_values_y)
            ``contingency[i, j]`` counts the samples with ``x = i`` and ``y = j``.
        base : float, default=math.e
            Logarithm base of the result.

        Returns
        -------
        Result
            The estimate; ``n_samples`` is the total count.

        Raises
        ------
        InvalidDataError
            If the table is not 2-D, has negative or fractional counts, or is
            all zero.

        Examples
        --------
        >>> from mutinfo.estimators import Plugin
        >>> Plugin().mi_from_contingency([[5, 0], [0, 5]], base=2).value
        1.0
        """
        base = check_base(base)
        t = _check_counts(contingency, "contingency", ndim=2)
        rows, cols = t.shape
        self._check_total(int(t.sum()), "contingency")
        row_sums, col_sums, cells = t.sum(axis=1), t.sum(axis=0), t.ravel()
        tables = [
            (1, Cells(row_sums[row_sums > 0], column_sizes=(rows,), name="H(x)")),
            (1, Cells(col_sums[col_sums > 0], column_sizes=(cols,), name="H(y)")),
            (-1, Cells(cells[cells > 0], column_sizes=(rows, cols), name="H(x,y)")),
        ]
        return self._wrap("mi", self._combine("mi", tables), int(t.sum()), base)


def _check_counts(obj: ArrayLike, name: str, *, ndim: int) -> NDArray[np.int64]:
    """Validate an array of counts and return it as int64."""
    try:
        arr = np.asarray(obj, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidDataError(
            f"The {name!r} parameter must be an array of non-negative whole numbers. "
            f"Got {obj!r} instead."
        ) from None
    shape = "a 1-D array" if ndim == 1 else "a 2-D table"
    if arr.ndim != ndim:
        raise InvalidDataError(
            f"The {name!r} parameter must be {shape} of counts. Got an array of "
            f"shape {arr.shape} instead."
        )
    bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.round(arr))
    if bad.any():
        raise InvalidDataError(
            f"The {name!r} parameter must hold non-negative whole numbers; found "
            f"{arr[bad].ravel()[0]!r}. Pass counts, not frequencies."
        )
    total = float(arr.sum())
    if total <= 0:
        raise InvalidDataError(
            f"The {name!r} parameter sums to zero; at least one count is needed."
        )
    if total >= _MAX_TOTAL:
        raise InvalidDataError(
            f"The {name!r} parameter totals {total:.3g} samples, not less than "
            f"2**53 ({_MAX_TOTAL:.3g}), beyond which float64 arithmetic does not "
            "hold every count exactly (the estimators divide by the total). Pass "
            "counts that total less than 2**53."
        )
    return arr.astype(np.int64)
