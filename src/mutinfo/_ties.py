"""Ties in numeric columns: point masses (atoms) versus quantisation ties.

A leaf module (it imports only numpy) that the ``method="auto"`` resolver and the
estimators' tie warnings share, so the thresholds live in one place.

Two kinds of repeated values look alike in a sample but call for different
estimators:

- **atoms** (point masses): a value that holds a substantial share of the rows,
  such as the zeros of a zero-inflated variable or the atoms at +-1 of Gao et
  al.'s mixture. Gao et al.'s ``mixed_ksg`` is built for them.
- **quantisation ties**: a continuous quantity recorded on a grid (integers,
  two decimals), so that many values repeat, each with a small share of the
  rows. KSG with its tie-breaking noise is accurate on them and ``mixed_ksg``
  overshoots (a Gaussian pair with rho = 0.8, truth 0.511 nats, rounded to
  integers after scaling by 100, n = 5000: ``ksg`` 0.52, ``mixed_ksg`` 0.65;
  rounded to one decimal at n = 300: ``ksg`` 0.51, ``mixed_ksg`` 0.81).

The measured cases are printed by ``python benchmarks/integer_rule.py --ties``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "ATOM_MASS",
    "ATOM_MIN_COUNT",
    "ENTROPY_ATOM_SHARE",
    "TIE_FRACTION",
    "TIE_MULTIPLICITY",
    "atom_fraction",
    "atom_values",
    "column_ties",
    "entropy_atoms",
    "grid_step",
    "has_atoms",
    "multiplicity",
    "multiplicity_of",
    "repeated_fraction",
    "repeated_share_of",
    "rounding_step",
    "row_counts",
    "tie_summary",
]

#: Share of the rows one value must hold to count as an atom (a point mass).
#: Quantised continuous data stays below it unless the grid is so coarse that
#: the column has only about ten values near its mode: one decimal of a
#: standard normal puts at most 4 % of the rows on a value, integers spanning
#: -400..400 about 0.4 %.
ATOM_MASS = 0.1

#: Fewest copies an atom needs, so that a value seen twice in 15 rows is not one.
ATOM_MIN_COUNT = 5

#: Fraction of repeated values (``1 - distinct / n``) above which a continuous
#: column counts as tied, for warnings that an estimator assumes ties away.
TIE_FRACTION = 0.1

#: Row-weighted mean multiplicity of a column's values above which KSG's
#: tie-breaking noise no longer helps and ``auto`` takes a tie-aware estimator:
#: a row's nearest neighbours then sit in its own block of duplicates (distance
#: ~1e-10). Measured on a Gaussian pair (rho 0.8, MI 0.511) rounded to 1 or 2
#: decimals, mean of 3 seeds, KSG / mixed_atoms / mixed_ksg, by the column's
#: multiplicity: 9.3 (1 decimal, n = 300): 0.53 / 1.29 / 0.87; 15 (2 decimals,
#: n = 5000, and x100 as integers): 0.50 / 0.50 / 0.63; 30 (1 decimal, n =
#: 1000): 0.76 / 0.82 / 0.80; 57 (1 decimal, n = 2000): 1.38 / 0.64 / 0.66; 57
#: (2 decimals, n = 20,000): 0.51 / 0.51 / 0.79; 141 (1 decimal, n = 5000): 2.33
#: / 0.57 / 0.58. The rounded pair's MI is below 0.511.
TIE_MULTIPLICITY = 20.0


def _value_counts(column: ArrayLike) -> tuple[NDArray[np.int64], int]:
    values = np.asarray(column)
    if values.ndim != 1:
        raise ValueError(
            f"atom_fraction takes one column of shape (n,); got shape {values.shape}."
        )
    return row_counts(values), int(values.size)


def repeated_fraction(column: ArrayLike) -> float:
    """Return ``1 - distinct / n``: the share of rows that repeat an earlier value.

    Parameters
    ----------
    column : array-like of shape (n_samples,)
        One numeric column without NaN.

    Returns
    -------
    float
        In ``[0, 1)``; 0.0 for an empty column.

    Examples
    --------
    >>> repeated_fraction([1.0, 1.0, 2.0, 3.0])
    0.25
    """
    counts, n = _value_counts(column)
    return 0.0 if n == 0 else 1.0 - counts.size / n


def atom_fraction(
    column: ArrayLike, *, mass: float = ATOM_MASS, min_count: int = ATOM_MIN_COUNT
) -> float:
    """Return the share of rows that sit on atoms (values with substantial mass).

    A value is an atom when it holds at least ``mass`` of the rows and at least
    ``min_count`` rows. Quantisation ties (many values, each holding a small
    share of the rows) are not atoms, however many rows repeat a value.

    Parameters
    ----------
    column : array-like of shape (n_samples,)
        One numeric column without NaN (validated values).
    mass : float, default=ATOM_MASS
        Least share of the rows, in ``(0, 1]``, for a value to be an atom.
    min_count : int, default=ATOM_MIN_COUNT
        Least number of rows for a value to be an atom.

    Returns
    -------
    float
        Rows on atoms divided by ``n_samples``, in ``[0, 1]``: 0.0 for
        continuous or finely quantised data, 1.0 for a constant column or a
        variable with a few well-sampled values.

    Notes
    -----
    The threshold is a share of the rows, not of the distinct values, so the
    answer does not drift with ``n``: quantised data recorded on a fixed grid
    keeps the same shares as ``n`` grows, and an atom keeps its mass.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=1000)
    >>> atom_fraction(np.where(rng.random(1000) < 0.3, 0.0, z))  # zero-inflated
    0.323
    >>> atom_fraction(np.round(z, 1))  # quantisation ties, no atoms
    0.0
    """
    if not 0.0 < mass <= 1.0:
        raise ValueError(f"'mass' must be in (0, 1]; got {mass!r}.")
    counts, n = _value_counts(column)
    if n == 0:
        return 0.0
    on_atoms = counts[counts >= _atom_threshold(n, mass, min_count)].sum()
    return float(on_atoms) / n


def _atom_threshold(n: int, mass: float, min_count: int) -> float:
    """Return the fewest rows a value of ``n`` rows needs to be an atom."""
    return max(float(min_count), mass * n)


def atom_values(column: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return the values of ``column`` that are atoms (:func:`atom_fraction`'s rule)."""
    values, counts = np.unique(column, return_counts=True)
    found: NDArray[np.float64] = values[
        counts >= _atom_threshold(column.size, ATOM_MASS, ATOM_MIN_COUNT)
    ]
    return found


#: Share of the rows from which a value that stands out from its neighbouring
#: values counts as a point mass for a differential entropy
#: (:func:`entropy_atoms`). An atom makes the differential entropy -inf; the
#: smoothing, binning, spacing and Gaussian estimators still return a finite
#: number near the continuous part's entropy, moved by about 0.01 nats at 1 %
#: (N(0, 1) with a share of its rows set to 0 or to 2, n = 2000 to 10^5, against
#: the same rows unchanged: 1 %: 0.004 to 0.017 nats; 3 %: 0.015 to 0.056; 6 %:
#: 0.029 to 0.090; 'kl' moves by 0.17 nats at 1 % and warns from 0.06 % through
#: its collapsed-rows check), the size of move the kNN entropy families warn
#: about (``COLLAPSED_PULL``). ``python benchmarks/entropy_atoms.py`` prints them.
ENTROPY_ATOM_SHARE = 0.01

#: Nearest distinct values on each side whose counts give a value's baseline.
_NEIGHBOURS = 5


def entropy_atoms(
    column: ArrayLike, *, share: float = ENTROPY_ATOM_SHARE
) -> tuple[NDArray[Any], NDArray[np.int64]]:
    """Return the point masses of a column (values, counts), for an entropy.

    A value is a point mass when it holds an atom's share of the rows
    (:func:`atom_fraction`: at least :data:`ATOM_MASS` and
    :data:`ATOM_MIN_COUNT` rows), or when it holds ``share`` of the rows and
    stands out from the values next to it: with ``b`` the median count of the
    :data:`_NEIGHBOURS` nearest distinct values on each side, its count ``c``
    is at least ``2 b`` and exceeds ``b`` by ``5 sqrt(b) + 4`` rows or more
    (far beyond a Poisson fluctuation). Rounding puts counts on a grid
    that change slowly from one value to the next (``np.round(x, 1)`` of
    N(0, 1), n = 10^5: the mode holds 4.1 % of the rows, 1.07 times its
    neighbours' median; a Laplace's cusp rounded so that its mode holds 5.9 %:
    1.40 times), so quantisation ties are not point masses unless the grid is
    as coarse as :func:`atom_fraction`'s (no column flagged in 1440 rounded
    samples of 10 distributions, n = 100 to 10^5, 0 to 4 decimals, nor in 3200
    of N(0, 1) and U(0, 1) rounded to 1 or 2 decimals, n = 300 to 2000); a
    zero-inflated or sentinel value in continuous data (its neighbours hold
    one row each) is one from ``share`` of the rows and 10 rows.

    Parameters
    ----------
    column : array-like of shape (n_samples,)
        One numeric column without NaN.
    share : float, default=ENTROPY_ATOM_SHARE
        Least share of the rows a value that stands out must hold.

    Returns
    -------
    values, counts : ndarray
        The point masses in increasing order and their numbers of rows.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=2000)
    >>> x[:60] = 0.0  # 3 % of the rows
    >>> values, counts = entropy_atoms(x)
    >>> values.tolist(), counts.tolist()
    ([0.0], [60])
    >>> entropy_atoms(np.round(rng.normal(size=2000), 1))[0].size  # rounding
    0
    """
    a = np.asarray(column)
    if a.ndim != 1:
        raise ValueError(
            f"entropy_atoms takes one column of shape (n,); got {a.shape}."
        )
    n = a.size
    empty = (a[:0], np.zeros(0, dtype=np.int64))
    if n == 0:
        return empty
    values, counts = np.unique(a, return_counts=True)
    if values.size == n:
        return empty
    mass = counts >= max(float(ATOM_MIN_COUNT), ATOM_MASS * n)
    for i in np.flatnonzero(~mass & (counts >= max(ATOM_MIN_COUNT, share * n))):
        near = np.concatenate(
            (counts[max(0, i - _NEIGHBOURS) : i], counts[i + 1 : i + 1 + _NEIGHBOURS])
        )
        if near.size == 0:
            continue
        b = float(np.median(near))
        c = float(counts[i])
        mass[i] = c >= 2.0 * b and c - b >= 5.0 * np.sqrt(b) + 4.0
    return values[mass], counts[mass].astype(np.int64)


def has_atoms(
    values: ArrayLike, *, mass: float = ATOM_MASS, min_count: int = ATOM_MIN_COUNT
) -> bool:
    """Return whether a non-constant column of ``values`` has an atom.

    This is the test the ``method="auto"`` resolver uses to choose between
    Gao et al.'s ``mixed_ksg`` (atoms) and ``ksg`` with its tie-breaking noise
    (continuous data, including quantisation ties).

    Parameters
    ----------
    values : array-like of shape (n_samples,) or (n_samples, n_features)
        Numeric columns without NaN. Constant columns are skipped: they carry
        no information and the estimators drop them.
    mass, min_count
        As in :func:`atom_fraction`.

    Returns
    -------
    bool

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> z = rng.normal(size=(300, 2))
    >>> has_atoms(np.round(z, 1)), has_atoms(np.where(z > 0.5, 1.0, z))
    (False, True)
    """
    array = np.asarray(values)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise ValueError(
            f"has_atoms takes an array of shape (n,) or (n, d); got {array.shape}."
        )
    for j in range(array.shape[1]):
        column = array[:, j]
        if column.size == 0 or column.min() == column.max():
            continue
        if atom_fraction(column, mass=mass, min_count=min_count) > 0.0:
            return True
    return False


def row_counts(values: ArrayLike) -> NDArray[np.int64]:
    """Return how many times each distinct row of ``values`` occurs.

    ``values`` has shape ``(n,)`` or ``(n, d)``. One column takes a plain sort
    and its run lengths (``np.unique`` with ``axis=0`` sorts rows as opaque
    records, about 10x slower, which showed on the KSG hot path).

    Examples
    --------
    >>> row_counts([3.0, 1.0, 3.0]).tolist()
    [1, 2]
    """
    a = np.asarray(values)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    if a.ndim == 1:
        s = np.sort(a)
        fresh = s[1:] != s[:-1]
        if fresh.all():  # all distinct (continuous data): 3x faster at 1e7 rows
            return np.ones(s.size, dtype=np.int64)
        starts = np.flatnonzero(np.concatenate(([True], fresh)))
        return np.diff(np.append(starts, s.size)).astype(np.int64)
    _, counts = np.unique(a, axis=0, return_counts=True)
    return counts.astype(np.int64)


def multiplicity(values: ArrayLike) -> float:
    """Return the row-weighted mean number of rows identical to a row (itself included).

    ``sum_r c_r^2 / n`` over the distinct rows ``r`` of ``values`` (shape
    ``(n,)`` or ``(n, d)``) with counts ``c_r``: 1 when every row is distinct,
    ``n`` when all are equal. For a column, KSG breaks down when it
    exceeds :data:`TIE_MULTIPLICITY` (see there).

    Examples
    --------
    >>> multiplicity([[0, 0], [0, 0], [1, 2], [3, 4]])
    1.5
    """
    counts = row_counts(values)
    return multiplicity_of(counts)


def multiplicity_of(counts: NDArray[np.int64]) -> float:
    """Return :func:`multiplicity` from the counts of the distinct rows."""
    n = int(counts.sum())
    return 0.0 if n == 0 else float((counts.astype(np.float64) ** 2).sum() / n)


def repeated_share_of(counts: NDArray[np.int64]) -> float:
    """Return the share of rows equal to at least one other row, from row counts."""
    n = int(counts.sum())
    return 0.0 if n == 0 else float(counts[counts > 1].sum() / n)


def tie_summary(column: ArrayLike) -> tuple[float, float]:
    """Return :func:`multiplicity` and :func:`repeated_share_of` of one column.

    One sort; a column of distinct values (continuous data) gives ``(1.0,
    0.0)`` without building its counts.

    Examples
    --------
    >>> tie_summary([3.0, 1.0, 3.0])
    (1.6666666666666667, 0.6666666666666666)
    """
    a = np.asarray(column)
    if a.ndim != 1:
        raise ValueError(f"tie_summary takes one column of shape (n,); got {a.shape}.")
    if a.size == 0:
        return 0.0, 0.0
    s = np.sort(a)
    fresh = s[1:] != s[:-1]
    if fresh.all():
        return 1.0, 0.0
    starts = np.flatnonzero(np.concatenate(([True], fresh)))
    counts = np.diff(np.append(starts, s.size)).astype(np.int64)
    return multiplicity_of(counts), repeated_share_of(counts)


def column_ties(variable: Any, j: int) -> tuple[float, float]:
    """:func:`tie_summary` of column ``j`` of a validated variable, computed once.

    ``variable`` is a :class:`mutinfo._validation.Variable` (its ``values``
    and ``memo``); the resolver and the estimators' guards each ask for the
    same columns' ties, which cost a sort of the column each time.
    """
    key = ("ties", int(j))
    hit: tuple[float, float] | None = variable.memo.get(key)
    if hit is None:
        hit = tie_summary(variable.values[:, j])
        variable.memo[key] = hit
    return hit


#: Most divisors of the smallest gap between values tried as the grid's step
#: (values on multiples of 0.05 whose gaps are 0.1 and 0.15 have step 0.05).
_GRID_DIVISORS = 8

#: Most grid points per distinct value: a column that fills fewer of the grid's
#: points (a few values far apart) is not read as a grid.
_GRID_SPARSITY = 1000

#: Largest distance of a value from the grid, in steps, once the float
#: representation's error is allowed for (0.1 * k is not a multiple of 0.1).
_GRID_TOLERANCE = 1e-6

#: Largest share of the rows whose values may lie off a grid that the values
#: repeating several times lie on (:func:`grid_step`): rounded readings with a
#: few kept at full precision.
_GRID_OFF_SHARE = 0.01

#: Largest float error of the values' magnitude (``16 eps |value|``), in
#: steps, for which a grid is sought: values of 1e10 read to 0.01 (3.5e-3
#: steps) and time stamps near 1.7e9 s read to the millisecond (6e-3) are
#: grids; the bound was 1e-3, and a Gaussian pair read to 0.01 and offset by
#: 1e10 went undequantised (``mixed_atoms`` 0.52 nats for 0.347, silently).
_GRID_PRECISION = 0.02


def grid_step(column: ArrayLike) -> float | None:
    """Return the step of the regular grid a column's values lie on, or None.

    The values lie on a grid when every distinct value is ``u_0 + k h`` for an
    integer ``k`` (to :data:`_GRID_TOLERANCE` steps plus the float error of
    the values' magnitude, so ``np.round(v, 2)`` and ``0.1 * k`` qualify),
    with ``h`` the smallest gap between distinct values or a divisor of it up
    to :data:`_GRID_DIVISORS` (a gcd of the gaps); the step returned is the
    span over its number of steps. Continuous values, whose gaps share no
    common step, give None, as do fewer than three distinct values and a grid
    with more than :data:`_GRID_SPARSITY` points per value.

    A few rows off the grid (readings kept at full precision among rounded
    ones, a mean imputed in a few rows) do not hide it: when the distinct
    values fail, a grid found from the values that repeat
    (:func:`_grid_with_strays`) is taken if at most :data:`_GRID_OFF_SHARE`
    of the rows lie off it. Five such rows of 50,000 hid the grid of a Gaussian pair
    read to 0.01, and ``mixed_atoms`` read 0.504 nats for 0.347, silently.

    Examples
    --------
    >>> import numpy as np
    >>> z = np.random.default_rng(0).normal(size=1000)
    >>> round(grid_step(np.round(z / 0.02) * 0.02), 12)
    0.02
    >>> grid_step(z) is None, grid_step(np.where(z > 0, z, 0.0)) is None
    (True, True)
    >>> w = np.round(z / 0.02) * 0.02
    >>> w[:3] = z[:3]  # three readings at full precision
    >>> round(grid_step(w), 12)
    0.02
    """
    a = np.asarray(column, dtype=np.float64).ravel()
    u, counts = np.unique(a, return_counts=True)
    if u.size < 3 or not np.isfinite(u[[0, -1]]).all():
        return None
    error = 16.0 * np.finfo(np.float64).eps * float(max(abs(u[0]), abs(u[-1])))
    step = _grid_of(u, error)
    if step is not None:
        return step
    return _grid_with_strays(u, counts, a.size, error)


def _grid_with_strays(
    u: NDArray[np.float64], counts: NDArray[np.int64], n: int, error: float
) -> float | None:
    """Return the step of a grid all but :data:`_GRID_OFF_SHARE` of rows lie on.

    The candidate step is the median gap between consecutive values that
    repeat (or a divisor of it, up to :data:`_GRID_DIVISORS`), anchored at
    one of the three most frequent values: strays (a reading at full
    precision, a mean imputed in a few rows) shorten the gaps next to them
    only, and the median and the mode stay on the grid.
    """
    core = u[counts > 1]
    if core.size < 3:
        return None
    gap = float(np.median(np.diff(core)))
    allowed = _GRID_OFF_SHARE * n
    for anchor in u[np.argsort(-counts, kind="stable")[:3]]:
        for divisor in range(1, _GRID_DIVISORS + 1):
            step = gap / divisor
            if error / step > _GRID_PRECISION:
                break
            k = (u - anchor) / step
            on = np.abs(k - np.rint(k)) <= 1e-4 + error / step
            if counts[~on].sum() > allowed:
                continue
            lo, hi = float(u[on][0]), float(u[on][-1])
            points = round((hi - lo) / step)
            if points < 2 or points > _GRID_SPARSITY * int(on.sum()):
                break
            step = (hi - lo) / points
            k = (u - lo) / step
            off = np.abs(k - np.rint(k)) > _GRID_TOLERANCE + error / step
            if counts[off].sum() <= allowed:
                return step
            break
    return None


def _grid_of(u: NDArray[np.float64], error: float) -> float | None:
    """Return the step of the grid the sorted distinct values ``u`` lie on."""
    span = float(u[-1] - u[0])
    smallest = float(np.diff(u).min())
    offsets = u - u[0]
    for divisor in range(1, _GRID_DIVISORS + 1):
        step = smallest / divisor
        points = round(span / step)
        if points > _GRID_SPARSITY * u.size or error / step > _GRID_PRECISION:
            return None
        step = span / points
        k = offsets / step
        if np.abs(k - np.rint(k)).max() <= _GRID_TOLERANCE + error / step:
            return step
    return None


def rounding_step(column: ArrayLike) -> float | None:
    """Return the step of a column that reads a continuous quantity on a grid.

    The column's values repeat, lie on a regular grid (:func:`grid_step`) and
    none is a point mass (:func:`entropy_atoms`: no value holds
    :data:`ATOM_MASS` of the rows or stands out from its neighbouring values),
    so its ties are the rounding of a continuum to a resolution: adding
    ``U(-step/2, step/2)`` to each value (dequantising) keeps the mutual
    information of the rounded values exactly and breaks every tie. A
    zero-inflated column (its continuous values off any grid, or its zero a
    point mass) and a few-valued code (each value an atom) give None.

    Examples
    --------
    >>> import numpy as np
    >>> z = np.random.default_rng(0).normal(size=5000)
    >>> round(rounding_step(np.round(z, 2)), 12)
    0.01
    >>> rounding_step(np.round(np.where(z > 0.5, z, 0.0), 2)) is None  # 69 % zeros
    True
    """
    a = np.asarray(column, dtype=np.float64)
    if a.ndim != 1:
        raise ValueError(
            f"rounding_step takes one column of shape (n,); got {a.shape}."
        )
    if a.size == 0 or tie_summary(a)[1] == 0.0:
        return None
    step = grid_step(a)
    if step is None or entropy_atoms(a)[0].size:
        return None
    return step
