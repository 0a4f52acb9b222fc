"""Data validation: the one place that turns user input into arrays.

Parameters (constraints, choices, ``rng``) are checked in :mod:`mutinfo._params`.

Public functions call :func:`check_samples` once; private code trusts its inputs.
Every error names the parameter, what was expected, what was received and the fix.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_choice
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
    warn,
)

__all__ = [
    "NAN_POLICIES",
    "Variable",
    "check_same_columns",
    "check_samples",
    "float_column_is_discrete",
    "integer_column_is_discrete",
    "label_array",
    "missing_label_mask",
    "summarize_integers",
    "table_names",
    "unmasked",
    "warn_integer_labels",
]

NanPolicy = Literal["raise", "omit"]
NAN_POLICIES: tuple[str, ...] = ("raise", "omit")
DiscreteSpec = bool | str | Sequence[Any] | Mapping[Any, bool]


# --------------------------------------------------------------------------- #
# Samples
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Variable:
    """A validated variable: ``values`` of shape (n, d) and a kind per column.

    Continuous columns hold float64 values. Discrete columns hold their numeric
    labels as floats when float64 represents every label exactly (integers within
    +-2**53, float labels), else integer codes ``0..k-1`` (``coded``: strings,
    larger integers), so two rows share a value exactly when their labels are
    equal.
    """

    name: str
    values: NDArray[np.float64]
    discrete: tuple[bool, ...]
    labels: tuple[Any, ...] = field(default=(), compare=False)
    coded: tuple[bool, ...] = field(default=(), compare=False)
    #: Per column: whether ``discrete="auto"`` read it as labels by the integer
    #: rule (:func:`integer_column_is_discrete`), not by its dtype or a flag;
    #: :func:`warn_integer_labels` names such columns.
    inferred: tuple[bool, ...] = field(default=(), compare=False)
    #: Summaries of ``values`` computed once per variable (e.g. each column's
    #: ties, which the resolver and several guards read): ``values`` is never
    #: written after validation, so they stay true for the variable's life
    #: (not an ``__init__`` argument: ``dataclasses.replace`` starts afresh).
    memo: dict[Any, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False, hash=False
    )

    @property
    def n_samples(self) -> int:
        """Number of rows."""
        return int(self.values.shape[0])

    @property
    def n_features(self) -> int:
        """Number of columns."""
        return int(self.values.shape[1])

    @property
    def is_discrete(self) -> bool:
        """Whether every column is discrete."""
        return all(self.discrete)

    @property
    def is_continuous(self) -> bool:
        """Whether every column is continuous."""
        return not any(self.discrete)

    @property
    def kind(self) -> str:
        """``"discrete"``, ``"continuous"`` or ``"mixed"``."""
        if self.is_discrete:
            return "discrete"
        if self.is_continuous:
            return "continuous"
        return "mixed"

    def take(self, rows: NDArray[np.intp] | NDArray[np.bool_]) -> Variable:
        """Return the variable restricted to ``rows``."""
        return Variable(
            self.name,
            self.values[rows],
            self.discrete,
            self.labels,
            self.coded,
            self.inferred,
        )

    def as_discrete(self) -> Variable:
        """Return the variable with every column treated as discrete labels."""
        return Variable(
            self.name, self.values, (True,) * self.n_features, self.labels, self.coded
        )

    def as_continuous(self) -> Variable:
        """Return the variable with every column treated as continuous numbers."""
        return Variable(
            self.name, self.values, (False,) * self.n_features, self.labels, self.coded
        )


def _module_of(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


def table_names(data: Any) -> list[Any] | None:
    """Column names of a pandas/polars DataFrame or pyarrow Table; None otherwise.

    (A pyarrow Table's ``columns`` are its data, its names ``column_names``.)
    """
    module = _module_of(data)
    if module in ("pandas", "polars") and hasattr(data, "columns"):
        return list(data.columns)
    if module == "pyarrow" and hasattr(data, "column_names"):
        return list(data.column_names)
    return None


# --------------------------------------------------------------------------- #
# Integer columns: labels or measurements
# --------------------------------------------------------------------------- #
#: Integers beyond this magnitude have no exact float64; they are always labels.
FLOAT_EXACT_INT = 2**53

#: An integer column with at most this many distinct values is read as labels.
#: Small alphabets stay labels: Likert scales, counts, an NSB alphabet of 100
#: symbols, the 40 x 40 Zipf table (22-36 distinct values per column at N = 100).
MAX_LABEL_VALUES = 100

#: An integer column is a measurement when it has fewer than this share of the
#: distinct values that ``n`` draws spread evenly over its range would give: its
#: values concentrate like a density's. Label codes are spread evenly over
#: ``0..K-1`` (or complete), whatever their frequencies.
CONCENTRATION = 0.9

#: ... or when the middle half of its rows (the interquartile range) covers less
#: than this share of its range (an even spread covers about half). This catches
#: measurements whose values are nearly all distinct (incomes, small samples).
MIDDLE_HALF_SHARE = 1.0 / 3.0


@dataclass(frozen=True)
class IntegerSummary:
    """What the integer rule looks at: rows, distinct values and their range."""

    n_samples: int
    n_distinct: int
    low: int
    high: int
    middle_half: float = 0.0

    @property
    def span(self) -> int:
        """Number of integers from ``low`` to ``high`` inclusive."""
        return self.high - self.low + 1

    @property
    def even_distinct(self) -> float:
        """Expected distinct values of ``n_samples`` uniform draws over the span."""
        if self.span <= 1 or self.n_samples == 0:
            return float(min(self.span, self.n_samples))
        span = float(self.span)
        return span * -math.expm1(self.n_samples * math.log1p(-1.0 / span))


def summarize_integers(values: ArrayLike) -> IntegerSummary:
    """Return the rows, distinct-value count and range of a column of integers.

    ``values`` may be an integer array or an object array of Python ints of any
    size (no float conversion takes place).
    """
    array = np.asarray(values)
    if array.dtype.kind in "iu" and array.size > 0:
        low, high = int(array.min()), int(array.max())
        if high - low <= 4 * array.size + 1024:
            return _summarize_counted(array, low, high)
    uniques = np.unique(array)
    if uniques.size == 0:
        return IntegerSummary(0, 0, 0, 0)
    low, high = int(uniques[0]), int(uniques[-1])
    middle = 0.0
    if max(abs(low), abs(high)) <= FLOAT_EXACT_INT:
        q25, q75 = np.quantile(array.astype(np.float64), [0.25, 0.75])
        middle = float(q75 - q25)
    return IntegerSummary(int(array.size), int(uniques.size), low, high, middle)


def _quantile_of_counts(cum: NDArray[np.int64], low: int, q: float) -> float:
    """``np.quantile(values, q)`` (linear) from the cumulative counts of values.

    The same float64 steps as numpy's linear method (virtual index, floor and
    the two-sided lerp), so the result equals ``np.quantile`` exactly.
    """
    n = int(cum[-1])
    virtual = (n - 1) * q
    below = math.floor(virtual)
    above = below + 1
    if virtual >= n - 1:
        below = above = n - 1
    gamma = virtual - below
    a = float(low + int(np.searchsorted(cum, below, side="right")))
    b = float(low + int(np.searchsorted(cum, above, side="right")))
    diff = b - a
    return b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma


def _summarize_counted(array: NDArray[Any], low: int, high: int) -> IntegerSummary:
    """:func:`summarize_integers` of integers in a narrow range, by a bincount.

    O(n + range) instead of a sort; the same summary (tested against the sort).
    """
    flat = array.reshape(-1)
    if flat.dtype.itemsize < 8:  # x - low wraps in int8/int16/int32 arithmetic
        flat = flat.astype(np.int64)
    counts = np.bincount((flat - low).astype(np.intp))
    distinct = int(np.count_nonzero(counts))
    middle = 0.0
    if max(abs(low), abs(high)) <= FLOAT_EXACT_INT:
        cum = np.cumsum(counts)
        middle = float(
            _quantile_of_counts(cum, low, 0.75) - _quantile_of_counts(cum, low, 0.25)
        )
    return IntegerSummary(int(array.size), distinct, low, high, middle)


def integer_column_is_discrete(values: ArrayLike) -> bool:
    """Decide how ``discrete="auto"`` reads a column of integers: labels or numbers.

    The rule (subject to change; measured cases in ``benchmarks/integer_rule.py``):
    the column is read as **continuous** (a measurement recorded as integers) when

    - it has more than :data:`MAX_LABEL_VALUES` (100) distinct values, **and**
    - its values concentrate like a density's: it has fewer than
      :data:`CONCENTRATION` (90 %) of the distinct values that ``n`` draws spread
      evenly over its range would give, or the middle half of its rows covers
      less than :data:`MIDDLE_HALF_SHARE` (a third) of its range (label codes
      are spread over ``0..K-1`` or complete; a measurement piles up near its
      typical values), **and**
    - every value is within +-2**53 (larger integers are identifiers: they have
      no exact float64 and are never measurements here).

    Otherwise it is read as **labels**. A ratio of distinct values to ``n``
    cannot separate the cases (integers spanning -400..400 with 534 distinct
    values in 5,000 rows are a measurement; 22-36 distinct Zipf codes in 100 rows
    are labels); an absolute count with the value structure can. Known limits:
    integers spread evenly over a wide range (uniform noise) read as labels, and
    codes ranked by frequency with more than 100 distinct values read as a
    measurement; pass ``discrete=`` for those.

    Parameters
    ----------
    values : array-like of int, shape (n_samples,)
        One integer column without missing values (any size of integer).

    Returns
    -------
    bool
        True for labels (discrete), False for a continuous measurement.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> integer_column_is_discrete(rng.integers(0, 40, 100))  # codes
    True
    >>> integer_column_is_discrete(rng.integers(0, 1000, 200))  # codes, undersampled
    True
    >>> integer_column_is_discrete(np.round(100 * rng.normal(size=5000)))
    False
    """
    return _integers_are_labels(summarize_integers(values))


def _integers_are_labels(summary: IntegerSummary) -> bool:
    if summary.n_distinct <= MAX_LABEL_VALUES:
        return True
    if max(abs(summary.low), abs(summary.high)) > FLOAT_EXACT_INT:
        return True
    if summary.middle_half < MIDDLE_HALF_SHARE * (summary.high - summary.low):
        return False
    return summary.n_distinct >= CONCENTRATION * summary.even_distinct


# --------------------------------------------------------------------------- #
# Float columns: numbers, or labels stored as floats
# --------------------------------------------------------------------------- #
#: A float column whose values are all whole numbers is read as labels when it
#: has 2 to this many distinct values (and each value repeats on average).
#: Fewer than ``mutinfo._rules.MI_MANY_VALUES`` (10), so two such columns never
#: get the product-centred prior, which flattens a rounded measurement's smooth
#: dependence (see :func:`float_column_is_discrete`).
FLOAT_LABEL_VALUES = 9

#: Rows of a float column looked at first: continuous data leaves the rule there.
_FLOAT_PREFIX = 4096


def float_column_is_discrete(values: ArrayLike) -> bool:
    """Decide how ``discrete="auto"`` reads a column of floats: numbers or labels.

    The rule (subject to change): the column is read as **labels** (class labels
    stored as floats: 1.0, 2.0, 3.0 from a CSV or a pandas column that can hold
    NaN) when

    - every value is a whole number within +-2**53, **and**
    - it has at most :data:`FLOAT_LABEL_VALUES` (9) distinct values, **and**
    - it has at least twice as many rows as distinct values (labels repeat; a
      short grid such as ``[1.0, 2.0, 3.0]`` stays numbers), and at least two
      of them (a constant carries no information either way, and stays
      numbers, whose families name it).

    Otherwise it is read as **continuous** numbers. Such a column is read as
    the same integers would be (at most 100 distinct values are labels there),
    except that from 10 distinct values on a float column stays numbers: a
    measurement rounded to whole units has 10-100 values, and as labels two
    such columns get the product-centred prior (Gaussian pair with rho 0.8
    rounded to ``round(2.5 * x)``, 13-17 values, truth 0.488 nats, 8 draws:
    RMSE 0.254 as labels at n = 100, 0.054 as numbers; ``round(15 * x)``,
    62 values at n = 200: 0.467 against 0.084). Up to 9 values the two
    readings give about the same MI (``round(x)``, 5-8 values, n = 30 to
    1,000: RMSE 0.079 / 0.075 / 0.044 / 0.017 as labels, 0.102 / 0.072 /
    0.047 / 0.014 as numbers; 2-8 classes against a Gaussian: equal), while
    only the labels reading has a finite entropy (3 float labels, n = 2,000:
    ``kl`` -20.7 nats, 1.0984 as labels, truth log 3 = 1.0986).

    Parameters
    ----------
    values : array-like of float, shape (n_samples,)
        One float column without missing values.

    Returns
    -------
    bool
        True for labels (discrete), False for continuous numbers.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> float_column_is_discrete(rng.integers(1, 4, 100).astype(float))  # labels
    True
    >>> float_column_is_discrete(rng.normal(size=100))
    False
    >>> float_column_is_discrete(np.round(10 * rng.normal(size=1000)))  # rounded
    False
    """
    column = np.asarray(values, dtype=np.float64).reshape(-1)
    n = column.size
    if n == 0:
        return False
    head = column[:_FLOAT_PREFIX]
    if not np.array_equal(head, np.trunc(head)):
        return False  # a fraction (continuous data leaves here) or NaN/inf
    distinct = np.unique(head)
    if distinct.size > FLOAT_LABEL_VALUES:
        return False
    if n > head.size:
        rest = column[head.size :]
        if not np.array_equal(rest, np.trunc(rest)):
            return False
        seen = np.zeros(rest.size, dtype=bool)
        for value in distinct:
            seen |= rest == value
        if not seen.all():
            distinct = np.union1d(distinct, np.unique(rest[~seen]))
            if distinct.size > FLOAT_LABEL_VALUES:
                return False
    if max(abs(float(distinct[0])), abs(float(distinct[-1]))) > FLOAT_EXACT_INT:
        return False
    return distinct.size >= 2 and n >= 2 * distinct.size


# --------------------------------------------------------------------------- #
# Raw columns
# --------------------------------------------------------------------------- #
# A raw column is (values, kind, label, missing) where kind is
#   "float"  : float64 numbers (NaN missing)
#   "int"    : an integer numpy array (no missing)
#   "bigint" : object array of Python ints, some beyond 64 bits (None missing)
#   "bool"   : booleans or categorical codes, always labels (float64, NaN missing)
#   "label"  : object array of strings (None/NaN missing)
RawColumn = tuple[np.ndarray, str, str, NDArray[np.bool_] | None]

_INT_TYPES = (int, np.integer)
_FLOAT_TYPES = (float, np.floating)


def _from_torch(obj: Any, name: str) -> np.ndarray:
    """Convert a tensor without importing torch (bfloat16/float16 via float32)."""
    tensor = obj.detach().cpu()
    if str(tensor.dtype) in ("torch.bfloat16", "torch.float16"):
        tensor = tensor.float()  # float32 holds every bfloat16/float16 exactly
    try:
        return np.asarray(tensor.numpy())
    except (TypeError, RuntimeError) as exc:
        raise InvalidDataError(
            f"The {name!r} parameter is a torch tensor of dtype {tensor.dtype}, which "
            f"cannot be read as numbers ({exc}). Convert it first, for example "
            "with tensor.double()."
        ) from None


def _from_sequence(obj: Sequence[Any], name: str) -> np.ndarray:
    """Turn a list/tuple into an array without fixed-width strings or float ints.

    ``np.asarray`` would store strings as ``n x longest`` characters and turn
    Python ints beyond int64 into float64; an object array holds references.
    """
    try:
        arr = np.asarray(obj, dtype=object)
    except (ValueError, TypeError) as exc:
        raise InvalidDataError(
            f"The {name!r} parameter could not be read as an array ({exc}). "
            "Pass a rectangular array, list of lists, DataFrame or tensor."
        ) from None
    if arr.ndim == 2 and arr.shape[1] > 0:
        return arr
    if (
        arr.ndim == 1
        and arr.size
        and any(isinstance(v, list | tuple | np.ndarray) for v in arr)
    ):
        raise InvalidDataError(
            f"The {name!r} parameter could not be read as an array: its rows have "
            "different lengths. Pass a "
            "rectangular array, list of lists, DataFrame or tensor."
        )
    return arr


#: Stands for pandas' NA and NaT when pandas is not loaded (matches nothing).
_ABSENT = object()


def _missing_mask(col: np.ndarray) -> NDArray[np.bool_]:
    """Rows of an object column holding None, NaN, ``pandas.NA`` or ``NaT``."""
    # pandas' missing values exist only once pandas is loaded: never import it.
    pd = sys.modules.get("pandas")
    na, nat = (pd.NA, pd.NaT) if pd is not None else (_ABSENT, _ABSENT)

    def missing(value: Any) -> bool:
        if value is None or value is na or value is nat:
            return True
        return isinstance(value, float | np.floating) and bool(np.isnan(value))

    return np.fromiter(map(missing, col), dtype=bool, count=col.size)


def missing_label_mask(column: np.ndarray) -> NDArray[np.bool_]:
    """Cells of a label array that are missing (NaN, NaT, None, ``pandas.NA``).

    Any dtype and shape: numbers by ``isnan``, dates by ``isnat``, objects
    cell by cell; text and integers have no missing cells.
    """
    kind = column.dtype.kind
    if kind in "fc":
        return np.asarray(np.isnan(column), dtype=bool)
    if kind in "mM":
        return np.asarray(np.isnat(column), dtype=bool)
    if kind == "O":
        return _missing_mask(column.reshape(-1)).reshape(column.shape)
    return np.zeros(column.shape, dtype=bool)


def label_array(labels: Any) -> np.ndarray:
    """``np.asarray(labels)`` that keeps the missing values of a list visible.

    NumPy stores a list of strings with a float NaN in it as fixed-width text,
    where the NaN becomes the string ``"nan"``: one more label to every check
    that looks for NaN (``np.isnan``, ``pandas.isna``). Such a list is returned
    as an object array instead, its NaN intact; any other input is returned as
    ``np.asarray`` gives it.
    """
    arr = np.asarray(labels)
    if arr.dtype.kind in "US" and isinstance(labels, list | tuple) and arr.size:
        objects = np.asarray(labels, dtype=object)
        if objects.shape == arr.shape and _missing_mask(objects.reshape(-1)).any():
            return objects
    return arr


def _int_array(values: Sequence[Any]) -> np.ndarray:
    """Python/numpy ints as int64 or uint64 when they fit, else an object array."""
    for dtype in (np.int64, np.uint64):
        try:
            return np.asarray(values, dtype=dtype)
        except OverflowError:
            continue
    out = np.empty(len(values), dtype=object)
    out[:] = [int(v) for v in values]
    return out


def _inspect_object(col: np.ndarray, name: str, label: str) -> RawColumn:
    """Classify an object column: strings (labels), integers or other numbers."""
    types = set(map(type, col))
    if types <= {str, bytes}:
        return col, "label", label, None
    missing = _missing_mask(col)
    present = col[~missing]
    kinds = set(map(type, present))
    miss = missing if missing.any() else None
    if kinds <= {str, bytes}:
        return col, "label", label, miss
    if all(issubclass(t, bool | np.bool_) for t in kinds):
        out = np.full(col.size, np.nan)
        out[~missing] = np.asarray(present, dtype=np.float64)
        return out, "bool", label, miss
    if all(issubclass(t, (*_INT_TYPES, bool, np.bool_)) for t in kinds):
        ints = _int_array(list(present))
        if miss is None:
            return ints, ("bigint" if ints.dtype == object else "int"), label, None
        full = np.empty(col.size, dtype=object)
        full[~missing] = [int(v) for v in present]
        return full, "bigint", label, miss
    numeric = all(
        issubclass(t, numbers.Number) and not issubclass(t, complex) for t in kinds
    )
    if numeric:
        out = np.full(col.size, np.nan)
        try:
            out[~missing] = np.asarray(present, dtype=np.float64)
        except OverflowError:
            big = next(v for v in present if isinstance(v, int) and abs(v) > 2**1000)
            raise InvalidDataError(
                f"Column {label!r} of {name!r} mixes fractions with integers too "
                f"large for float64 (for example {_short(big)}). Make it all "
                "integers (exact labels) or scale the numbers first."
            ) from None
        return out, "float", label, miss
    if all(issubclass(t, str | bytes | numbers.Number) for t in kinds) and not any(
        issubclass(t, complex) for t in kinds
    ):
        raise InvalidDataError(
            f"Column {label!r} of {name!r} mixes strings and numbers. "
            "Make it all strings (labels) or all numbers."
        )
    bad = next(
        v
        for v in present
        if not isinstance(v, str | bytes | numbers.Number) or isinstance(v, complex)
    )
    raise InvalidDataError(
        f"Column {label!r} of {name!r} holds values of type {type(bad).__name__} "
        f"(for example {_short(bad)}), which are neither strings nor numbers. "
        "Convert them first."
    )


def _short(value: Any, limit: int = 40) -> str:
    """``repr`` of a value cut to ``limit`` characters (huge ints, long strings)."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"an integer of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _pandas_columns(obj: Any, name: str) -> list[RawColumn]:
    import pandas as pd

    if isinstance(obj, pd.api.extensions.ExtensionArray | pd.Index):
        # ``df["col"].values`` of a string, nullable or categorical column
        # (pandas 3 stores text as ArrowStringArray): read as that column.
        obj = pd.Series(obj, name=name)
    frame = obj.to_frame() if isinstance(obj, pd.Series) else obj
    if not isinstance(frame, pd.DataFrame):
        raise InvalidParameterError(
            f"The {name!r} parameter must be array-like (a numpy array, list, "
            f"pandas or polars Series/DataFrame, or torch tensor). "
            f"Got {type(obj).__name__} instead."
        )
    cols: list[RawColumn] = []
    for position, label in enumerate(frame.columns):
        s = frame.iloc[:, position]  # by position: names may repeat
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            codes = s.cat.codes.to_numpy().astype(np.float64)
            miss = codes < 0
            codes[miss] = np.nan
            cols.append((codes, "bool", str(label), miss if miss.any() else None))
        elif pd.api.types.is_bool_dtype(dtype) and not s.isna().any():
            cols.append((s.to_numpy(dtype=np.float64), "bool", str(label), None))
        elif pd.api.types.is_integer_dtype(dtype) and not s.isna().any():
            ints = s.to_numpy()
            if ints.dtype.kind not in "iu":
                ints = _int_array(list(s))
            cols.append((ints, "int", str(label), None))
        elif pd.api.types.is_float_dtype(dtype):
            arr = s.to_numpy(dtype=np.float64, na_value=np.nan)
            cols.append((arr, "float", str(label), None))
        else:  # strings, objects, nullable ints/bools with missing values
            arr = s.to_numpy(dtype=object)
            cols.append(_inspect_object(arr, name, str(label)))
    return cols


#: pyarrow fixed-width number types read straight from their data buffer.
_ARROW_NUMBERS = {
    f"{sign}int{bits}": np.dtype(f"{sign}int{bits}")
    for sign in ("", "u")
    for bits in (8, 16, 32, 64)
} | {"float": np.dtype(np.float32), "double": np.dtype(np.float64)}


def _arrow_integers_with_nulls(column: Any) -> np.ndarray | None:
    """Return a pyarrow integer column with nulls as Python ints, else None.

    ``to_numpy`` gives such a column as float64 with NaN: its labels would be
    read as numbers, and integers beyond 2**53 rounded together. Python ints
    keep them exact, as a pandas nullable integer column (``Int64``) does.
    """
    dtype = _ARROW_NUMBERS.get(str(column.type))
    if dtype is None or dtype.kind not in "iu" or not column.null_count:
        return None
    return np.array(column.to_pylist(), dtype=object)


def _arrow_values(column: Any) -> np.ndarray:
    """Return a pyarrow column as numpy, without importing pandas where it can.

    Numbers without missing values are read from the data buffers (pyarrow's
    ``to_numpy`` imports pandas, which costs a one-shot CLI call more than
    the file); anything else goes through ``to_numpy`` (missing numbers as
    NaN, text as objects).
    """
    exact = _arrow_integers_with_nulls(column)
    if exact is not None:
        return exact
    dtype = _ARROW_NUMBERS.get(str(column.type))
    if dtype is None or column.null_count:
        return np.asarray(column.to_numpy())
    parts = [
        np.frombuffer(
            chunk.buffers()[1],
            dtype=dtype,
            count=len(chunk),
            offset=chunk.offset * dtype.itemsize,
        )
        for chunk in column.chunks
    ]
    return np.concatenate(parts) if parts else np.empty(0, dtype=dtype)


def unmasked(obj: np.ma.MaskedArray) -> np.ndarray:
    """Return the data of a masked array with its masked cells missing.

    ``np.asarray`` returns a masked array's data with the mask dropped, so the
    cells it hid (a sentinel such as -999, or garbage) were counted as values:
    a silent wrong estimate. Here they are missing values, for ``nan_policy``
    to raise on or omit: NaN in floats, None in an object array otherwise (so
    that integers beyond 2**53 and labels keep their values).
    """
    mask = np.ma.getmaskarray(obj)
    data = np.asarray(np.ma.getdata(obj))
    if not mask.any():
        return data
    out = data.astype(np.float64 if data.dtype.kind == "f" else object)
    out[mask] = np.nan if data.dtype.kind == "f" else None
    return out


def _raw_columns(obj: Any, name: str) -> list[RawColumn]:
    """Split one input into 1-D columns with their kind and missing mask."""
    module = _module_of(obj)
    if module == "torch":
        obj = _from_torch(obj, name)
        module = "numpy"
    if module == "pandas":
        return _pandas_columns(obj, name)
    if module == "pyarrow" and hasattr(obj, "column_names"):  # a Table
        return [
            (col, kind, str(label), miss)
            for label, column in zip(obj.column_names, obj.columns, strict=True)
            for col, kind, _, miss in _raw_columns(_arrow_values(column), name)
        ]
    if module == "pyarrow" and hasattr(obj, "null_count"):  # an Array, ChunkedArray
        exact = _arrow_integers_with_nulls(obj)
        if exact is not None:
            return _raw_columns(exact, name)
    if module == "polars":
        series = (
            [obj]
            if hasattr(obj, "to_list") and not hasattr(obj, "columns")
            else [obj[c] for c in obj.columns]
        )
        out: list[RawColumn] = []
        for s in series:
            # integers with nulls: exact Python ints (to_numpy gives float64)
            exact = s.dtype.is_integer() and s.null_count()
            arr = np.array(s.to_list(), dtype=object) if exact else s.to_numpy()
            out.extend(
                (col, kind, str(s.name), miss)
                for col, kind, _, miss in _raw_columns(arr, name)
            )
        return out
    if isinstance(obj, list | tuple):
        arr = _from_sequence(obj, name)
    elif isinstance(obj, np.ma.MaskedArray):
        arr = unmasked(obj)
    else:
        try:
            arr = np.asarray(obj)
        except (ValueError, TypeError) as exc:
            raise InvalidDataError(
                f"The {name!r} parameter could not be read as an array ({exc}). "
                "Pass a rectangular array, list of lists, DataFrame or tensor."
            ) from None
    if arr.ndim == 0:
        raise InvalidDataError(
            f"The {name!r} parameter must be array-like of shape (n_samples,) or "
            f"(n_samples, n_features). Got a scalar {_short(obj)} instead."
        )
    if arr.ndim > 2:
        raise InvalidDataError(
            f"The {name!r} parameter must be array-like of shape (n_samples,) or "
            f"(n_samples, n_features). Got an array of shape {arr.shape} instead; "
            "reshape it to 2-D first."
        )
    if arr.ndim == 1:
        arr = arr[:, None]
    result: list[RawColumn] = []
    for j in range(int(arr.shape[-1])):
        col = arr[:, j]
        kind = col.dtype.kind
        label = f"{name}[{j}]"
        if kind == "b":
            result.append((col.astype(np.float64), "bool", label, None))
        elif kind in "iu":
            result.append((col, "int", label, None))
        elif kind == "f":
            # No copy here: the column is only read until it is copied into
            # the validated variable (one copy of a large column, not three).
            result.append((col.astype(np.float64, copy=False), "float", label, None))
        elif kind in "USO":
            result.append(_inspect_object(col.astype(object), name, label))
        else:
            raise InvalidDataError(
                f"The {name!r} parameter has column {j} of dtype {col.dtype}, which "
                "is neither numbers nor labels. Convert it to numbers or strings first."
            )
    return result


def _shape_of(obj: Any, cols: list[RawColumn]) -> tuple[int, ...]:
    """Return the input's shape for messages, without building an array."""
    shape = getattr(obj, "shape", None)
    if shape is not None and _module_of(obj) not in ("polars", "torch"):
        return tuple(int(s) for s in shape)
    n = cols[0][0].shape[0] if cols else 0
    if isinstance(obj, list | tuple) and len(cols) == 1:
        first = obj[0] if len(obj) else None
        if not isinstance(first, list | tuple | np.ndarray):
            return (n,)
    return (n, len(cols))


def _label_codes(col: np.ndarray) -> NDArray[np.float64]:
    """Codes ``0..k-1`` of a label column, in sorted order where values compare.

    Uses ``pandas.factorize`` (a hash table of the values), never a fixed-width
    string array, so the memory is ``n`` codes plus the distinct values.
    """
    import pandas as pd

    try:
        codes, _ = pd.factorize(col, sort=True)
    except TypeError:  # values that do not compare (str and bytes)
        codes, _ = pd.factorize(col, sort=False)
    return np.asarray(codes, dtype=np.float64)


def _exact_discrete(col: np.ndarray, kind: str) -> tuple[NDArray[np.float64], bool]:
    """Float64 values of a discrete column that keep every label distinct.

    Returns the values and whether they are codes (``coded``) rather than the
    labels themselves. Integers within +-2**53 are their own float64 values;
    larger integers become order-preserving codes (exact: compared as integers).
    """
    if kind == "label":
        return _label_codes(col), True
    if kind in ("int", "bigint"):
        summary = summarize_integers(col)
        if max(abs(summary.low), abs(summary.high)) <= FLOAT_EXACT_INT:
            return np.array(col, dtype=np.float64), False
        if kind == "bigint":
            return _label_codes(col), True
        _, inverse = np.unique(col, return_inverse=True)
        return inverse.reshape(-1).astype(np.float64), True
    return np.array(col, dtype=np.float64), False


def _continuous(
    col: np.ndarray, kind: str, name: str, label: str, takes_discrete: bool = True
) -> np.ndarray:
    """Float64 values of a column read as numbers.

    ``takes_discrete``: whether the caller has a ``discrete`` parameter, which
    the messages then offer; otherwise they say what to do to the data.
    """
    if kind == "label":
        fix = (
            f"Pass discrete=True for {name!r} or encode it."
            if takes_discrete
            else "This function reads continuous samples only: encode the "
            "column as numbers first (or drop it)."
        )
        raise InvalidDataError(
            f"Column {label!r} of {name!r} holds strings, which cannot be "
            f"continuous. {fix}"
        )
    try:
        return np.array(col, dtype=np.float64)
    except OverflowError:
        big = max((v for v in col if v is not None), key=lambda v: abs(int(v)))
        fix = (
            f"Pass discrete=True for {name!r} to read them as exact labels, "
            "or rescale them first."
            if takes_discrete
            else "Rescale them first (this function reads continuous samples only)."
        )
        raise InvalidDataError(
            f"Column {label!r} of {name!r} holds integers too large for float64 "
            f"(for example {_short(big)}), which cannot be read as continuous "
            f"numbers. {fix}"
        ) from None


def _warn_measurement(name: str, label: str, summary: IntegerSummary) -> None:
    where = repr(name) if label in (name, f"{name}[0]") else f"{label!r} of {name!r}"
    warn(
        f"Integer column {where} has {summary.n_distinct} distinct values spanning "
        f"{summary.low}..{summary.high}, so discrete='auto' reads it as a continuous "
        f"measurement (more than {MAX_LABEL_VALUES} distinct values, concentrated "
        "like a density's rather than spread like codes). Pass discrete=True for "
        f"{name!r} to read it as labels, or "
        "discrete=False to keep this reading without the warning.",
        DataWarning,
    )


#: Fewest distinct values of an integer column for :func:`warn_integer_labels`
#: (``mutinfo._rules.MI_MANY_VALUES``: from 10 values on both, MI of two label
#: columns can get the product-centred prior).
_MANY_LABELS = 10


def warn_integer_labels(variables: Sequence[Variable], method: str) -> None:
    """Warn when ``method`` reads two auto-read integer columns as labels.

    ``method="auto"`` gives MI of two undersampled label columns of at least 10
    values each ``dirichlet_product``, whose prior is centred on independence;
    on integer columns that are measurements (counts, ages, rounded values)
    it flattens their dependence. No rule on one column separates those from
    category codes of 10-100 values (``benchmarks/integer_rule.py
    --readings``: a rounded exponential and frequency-ranked Zipf codes have
    the same histogram; read as numbers, shuffled codes lose 0.3-1.6 nats), so
    the reading stays and this :class:`~mutinfo.exceptions.DataWarning` names
    both readings. Only columns that ``discrete="auto"`` read as labels by the
    integer rule, with at least 10 distinct values covering at least half of
    their range (codes ``0..K-1`` and rounded measurements do; sparse
    identifiers do not), count.
    """
    if len(variables) != 2:
        return
    shown: list[str] = []
    for v in variables:
        if not v.inferred or not all(v.inferred) or v.n_features != 1:
            return
        column = v.values[:, 0]
        distinct = np.unique(column)
        low, high = float(distinct[0]), float(distinct[-1])
        if distinct.size < _MANY_LABELS or high - low + 1 > 2 * distinct.size:
            return
        shown.append(f"{v.name!r} ({distinct.size} values, {low:.0f}..{high:.0f})")
    warn(
        f"Integer columns {shown[0]} and {shown[1]} are read as labels by "
        f"discrete='auto' (at most {MAX_LABEL_VALUES} distinct values), and "
        f"method='auto' estimates their MI with {method!r} at "
        f"n_samples={variables[0].n_samples}, whose prior is centred on "
        "independence. If they are measurements (counts, ages, rounded values) "
        "this flattens their dependence: a Gaussian pair (rho 0.8, 0.49 nats) "
        "rounded to 11-15 values read 0.25 nats low at n=100 as labels, 0.005 "
        "as numbers. Pass discrete=False to read them as numbers, or "
        "discrete=True if they are category codes (read as numbers, codes lose "
        "their dependence) to keep this reading without the warning.",
        DataWarning,
    )


def _mapped_flags(
    spec: Mapping[Any, Any], labels: Sequence[Sequence[str]]
) -> dict[str, bool]:
    """Check a ``discrete`` mapping of column name to bool against the columns.

    Keys are matched to the column labels (a DataFrame's column names, as
    strings); an unknown key or a value that is not a bool is refused.
    """
    known = [label for group in labels for label in group]
    out: dict[str, bool] = {}
    unknown = []
    for key, value in spec.items():
        if str(key) not in known:
            unknown.append(key)
            continue
        if not isinstance(value, bool | np.bool_):
            raise InvalidParameterError(
                f"The 'discrete' parameter maps column {key!r} to {value!r}; each "
                "value must be True (labels) or False (numbers)."
            )
        out[str(key)] = bool(value)
    if unknown:
        shown = ", ".join(repr(k) for k in known[:20])
        raise InvalidParameterError(
            f"The 'discrete' parameter names column(s) {unknown!r} that are not among "
            f"the columns given ({shown}{', ...' if len(known) > 20 else ''}). Name "
            "columns of the DataFrames passed, or give one entry per variable."
        )
    return out


def _discrete_flags(
    spec: Any, name: str, index: int, n_cols: int, labels: Sequence[str] = ()
) -> list[bool | None] | None:
    """Return per-column discrete flags for one variable, or None for auto.

    A None entry leaves that column to ``discrete="auto"`` (a mapping that
    does not name it, or an ``"auto"`` in a list of flags).
    """
    if isinstance(spec, Mapping):
        return [spec.get(label) for label in labels]
    if isinstance(spec, str):
        if spec == "auto":
            return None
        raise InvalidParameterError(
            f"The 'discrete' parameter must be 'auto', a bool, a tuple with one "
            "entry per variable, or a mapping of column name to bool. Got "
            f"{spec!r} instead."
        )
    if isinstance(spec, bool | np.bool_):
        return [bool(spec)] * n_cols
    if isinstance(spec, Sequence):
        if len(spec) <= index:
            raise InvalidParameterError(
                f"The 'discrete' parameter has {len(spec)} entries but variable "
                f"{name!r} is number {index + 1}; give one entry per variable."
            )
        entry = spec[index]
        if isinstance(entry, str) and entry == "auto":
            return None
        if isinstance(entry, bool | np.bool_):
            return [bool(entry)] * n_cols
        if (
            isinstance(entry, Sequence)
            and not isinstance(entry, str)
            and all(isinstance(e, bool | np.bool_) or e == "auto" for e in entry)
        ):
            if len(entry) != n_cols:
                raise InvalidParameterError(
                    f"The 'discrete' entry for {name!r} has {len(entry)} flags but "
                    f"{name!r} has {n_cols} columns."
                )
            return [None if isinstance(e, str) else bool(e) for e in entry]
        raise InvalidParameterError(
            f"The 'discrete' entry for {name!r} must be 'auto', a bool or a list of "
            f"bools (one per column). Got {entry!r} instead."
        )
    raise InvalidParameterError(
        "The 'discrete' parameter must be 'auto', a bool, a tuple with one entry "
        "per variable, or a mapping of column name to bool. Got "
        f"{spec!r} instead."
    )


def _pandas_index(obj: Any) -> Any:
    """Return the row index of a pandas Series or DataFrame, else None."""
    module = type(obj).__module__.split(".")[0]
    if module != "pandas" or not hasattr(obj, "index"):
        return None
    return obj.index


def _check_aligned(variables: Mapping[str, Any]) -> None:
    """Refuse pandas inputs whose row indexes disagree.

    Rows are paired by position, as numpy, scipy and scikit-learn pair them,
    while pandas pairs them by index (``Series.corr`` aligns): a Series taken
    from a sorted or filtered copy of the table pairs unrelated rows, and the
    estimate reads independence (a pair with MI 0.44 nats read 0.004 against
    its own sorted copy). Equal indexes (or a single pandas input) pass.
    """
    found = ((name, _pandas_index(v)) for name, v in variables.items())
    indexed = [(name, index) for name, index in found if index is not None]
    if len(indexed) < 2:
        return
    first_name, first = indexed[0]
    for name, index in indexed[1:]:
        if len(index) != len(first) or index.equals(first):
            continue  # a length mismatch gets its own error below
        same_labels = index.sort_values().equals(first.sort_values())
        what = (
            "the same row labels in a different order"
            if same_labels
            else "different row labels"
        )
        raise InvalidDataError(
            f"{first_name!r} and {name!r} are pandas objects whose indexes hold "
            f"{what} (first labels {list(first[:3])} and {list(index[:3])}); "
            "mutinfo pairs rows by position, so these rows would be paired wrongly. "
            "Align them first "
            f"({first_name}, {name} = {first_name}.align({name}, join='inner', "
            "axis=0)), take both columns from the same table, or pass .to_numpy() "
            "to pair them by position on purpose."
        )


def check_same_columns(tables: Mapping[str, Any], where: str) -> None:
    """Refuse tables of one variable whose columns are the same names reordered.

    Two samples of the same variable (``p`` and ``q`` of a divergence, a
    model's samples and test data) are compared column by column, by position,
    as numpy arrays are. Two DataFrames with the same column names in another
    order (``q = frame[["b", "a"]]``) then compare ``a`` with ``b``, and the
    number is wrong without a word: ``kl_divergence`` of two samples of the
    same law read 4.59 nats (exact 0). Tables whose names differ, or arrays,
    are compared by position as before.
    """
    named = [(name, table_names(v)) for name, v in tables.items()]
    known = [(name, cols) for name, cols in named if cols is not None]
    if len(known) < 2:
        return
    first_name, first = known[0]
    for name, cols in known[1:]:
        if cols == first or len(cols) != len(first):
            continue
        if sorted(map(str, cols)) != sorted(map(str, first)):
            continue
        j = next(i for i, (a, b) in enumerate(zip(first, cols, strict=True)) if a != b)
        raise InvalidDataError(
            f"The {first_name!r} and {name!r} parameters of {where} are tables with "
            f"the same columns in a different order ({_short(list(first), 60)} and "
            f"{_short(list(cols), 60)}); columns are compared by position, so "
            f"column {first[j]!r} of {first_name!r} would be compared with column "
            f"{cols[j]!r} of {name!r}. Put them in one order first "
            f"({name} = {name}[list({first_name}.columns)] for pandas or polars), "
            "or pass .to_numpy() to compare by position on purpose."
        )


def check_samples(
    variables: Mapping[str, Any],
    *,
    discrete: DiscreteSpec = "auto",
    nan_policy: str = "raise",
    min_samples: int = 1,
    takes_nan_policy: bool = True,
    takes_discrete: bool = True,
) -> list[Variable]:
    """Validate one or more variables that share their rows.

    Parameters
    ----------
    variables : mapping of str to array-like
        Names (``"x"``, ``"y"``, ``"z"``) to inputs of shape (n,) or (n, d).
    discrete : 'auto', bool or sequence, default='auto'
        ``"auto"`` detects from dtype: bools, strings and categoricals are
        discrete, floats continuous unless they hold a few whole numbers that
        repeat (labels stored as floats, :func:`float_column_is_discrete`), and
        integers are labels unless they look like a measurement
        (:func:`integer_column_is_discrete`; a
        :class:`~mutinfo.exceptions.DataWarning` says when an integer column is
        read as continuous). One bool for all variables; or one entry per
        variable, a bool or a list of bools (or ``"auto"``) per column; or a
        mapping of column name to bool (``{"rating": True}``, the form
        :func:`mutinfo.column_kinds` prints), the other columns ``"auto"``.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops every row where any variable is missing. An integer
        column's kind under ``"auto"`` is decided on the rows where that column
        is present, not on the rows left, so the other columns' gaps do not
        change it (:func:`mutinfo.column_kinds` reads it the same way).
    min_samples : int, default=1
        Minimum number of rows left after the NaN policy.
    takes_nan_policy, takes_discrete : bool, default=True
        Whether the calling function has a ``nan_policy`` / ``discrete``
        parameter; the error messages offer them only then (a function of
        continuous samples alone, such as ``kl_divergence``, passes False and
        its errors say what to do to the data instead).

    Returns
    -------
    list of Variable
        In the order given. Labels are exact: integers within +-2**53 keep their
        values, larger integers, strings and other labels become integer codes.
    """
    check_choice(nan_policy, "nan_policy", NAN_POLICIES, "mutinfo")
    names = list(variables)
    if (
        isinstance(discrete, Sequence)
        and not isinstance(discrete, str)
        and len(discrete) > len(names)
    ):
        # Extra entries were ignored: a per-column mask such as [False, True,
        # False, True] for X was read as X=False, y=True.
        raise InvalidParameterError(
            f"The 'discrete' parameter has {len(discrete)} entries but there "
            f"{'is' if len(names) == 1 else 'are'} {len(names)} variable(s) "
            f"({', '.join(map(repr, names))}); give one entry per variable, each "
            "'auto', a bool, or a list of bools with one per column (for example "
            f"discrete=([False, True, ...], 'auto') for the columns of {names[0]!r}). "
            f"Got {discrete!r} instead."
        )
    _check_aligned({name: variables[name] for name in names})
    raw: list[list[RawColumn]] = []
    lengths: dict[str, tuple[int, ...]] = {}
    for name in names:
        obj = variables[name]
        if obj is None:
            raise InvalidParameterError(
                f"The {name!r} parameter must be array-like. Got None instead."
            )
        cols = _raw_columns(obj, name)
        n = cols[0][0].shape[0] if cols else 0
        lengths[name] = _shape_of(obj, cols)
        if not cols or n == 0:
            raise InvalidDataError(
                f"The {name!r} parameter is empty (shape {lengths[name]}); "
                "at least one sample and one column are needed."
            )
        raw.append(cols)
    ns = {name: cols[0][0].shape[0] for name, cols in zip(names, raw, strict=True)}
    if len(set(ns.values())) > 1:
        shapes = " and ".join(f"{k}.shape={lengths[k]}" for k in names)
        raise InvalidDataError(
            f"{', '.join(names[:-1])} and {names[-1]} must have the same number of "
            f"samples; got {shapes}."
        )
    n = next(iter(ns.values()))

    # Missing values, column by column.
    missing_any = np.zeros(n, dtype=bool)
    missing_report: list[tuple[str, str, int]] = []
    for name, cols in zip(names, raw, strict=True):
        for col, kind, label, miss in cols:
            if kind == "float":
                miss = np.isnan(col)
                if np.isinf(col).any():
                    count = int(np.isinf(col).sum())
                    raise InvalidDataError(
                        f"Column {label!r} of {name!r} contains {count} infinite "
                        "value(s). Remove or clip them first."
                    )
            if miss is not None and miss.any():
                missing_report.append((name, label, int(miss.sum())))
                missing_any |= miss
    if missing_report:
        if nan_policy == "raise":
            name, label, count = missing_report[0]
            raise InvalidDataError(
                f"Column {label!r} of {name!r} contains {count} NaN or missing "
                "value(s). Drop or impute them first"
                + (
                    ", or pass nan_policy='omit' (CLI: --nan-policy omit)."
                    if takes_nan_policy
                    else " (for example with DataFrame.dropna(), or a mask of "
                    "the rows that are present)."
                )
            )
        keep: NDArray[np.bool_] | None = ~missing_any
    else:
        keep = None

    # Kinds and exact values, column by column.
    if isinstance(discrete, Mapping):
        discrete = _mapped_flags(
            discrete, [[label for _, _, label, _ in cols] for cols in raw]
        )
    checked: list[Variable] = []
    for index, (name, cols) in enumerate(zip(names, raw, strict=True)):
        flags = _discrete_flags(
            discrete, name, index, len(cols), [label for _, _, label, _ in cols]
        )
        arrays: list[np.ndarray] = []
        wants: list[bool] = []
        coded: list[bool] = []
        inferred: list[bool] = []
        for j, (col, kind, label, own_miss) in enumerate(cols):
            by_rule = False
            c = col if keep is None else col[keep]
            if kind == "bigint" and keep is not None:
                c = _int_array(list(c))  # the rows left may fit int64
                kind = "bigint" if c.dtype == object else "int"
            flag = None if flags is None else flags[j]
            if flag is not None:
                want = flag
            elif kind in ("int", "bigint"):
                # The rule reads the rows where this column is present, not the
                # rows left by nan_policy='omit' (which depend on the other
                # columns' gaps): a column gets one kind in every pair of a
                # matrix, in report() and in column_kinds().
                present = col
                if own_miss is not None:
                    present = _int_array(list(col[~own_miss]))
                summary = (
                    summarize_integers(present)
                    if present.size
                    else IntegerSummary(0, 0, 0, 0)
                )
                want = _integers_are_labels(summary)
                by_rule = want
                if not want:
                    _warn_measurement(name, label, summary)
            elif kind == "float":
                want = float_column_is_discrete(c)
            else:
                want = kind in ("bool", "label")
            if want:
                values, is_code = _exact_discrete(c, kind)
            else:
                values, is_code = (
                    _continuous(c, kind, name, label, takes_discrete),
                    False,
                )
            arrays.append(values)
            wants.append(want)
            coded.append(is_code)
            inferred.append(by_rule)
        if len(arrays) == 1:  # each array below is the variable's own copy
            values_2d = arrays[0].reshape(-1, 1)
        else:
            values_2d = np.column_stack(arrays) if arrays else np.empty((0, 0))
        checked.append(
            Variable(
                name=name,
                values=values_2d,
                discrete=tuple(wants),
                labels=tuple(label for _, _, label, _ in cols),
                coded=tuple(coded),
                inferred=tuple(inferred),
            )
        )
    n_left = checked[0].n_samples
    if n_left < min_samples:
        dropped = (
            "" if keep is None else f" after dropping {n - n_left} row(s) with NaN"
        )
        raise InsufficientSamplesError(
            f"At least {min_samples} samples are needed; got n_samples={n_left}"
            f"{dropped}."
        )
    return checked
