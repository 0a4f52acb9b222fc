"""Validation: the one place that turns user input into arrays.

Public functions call :func:`check_samples` once; private code trusts its inputs.
Every error names the parameter, what was expected, what was received and the fix.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import (
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
)

__all__ = [
    "NAN_POLICIES",
    "Bool",
    "Constraint",
    "Interval",
    "Options",
    "Param",
    "Variable",
    "check_choice",
    "check_rng",
    "check_samples",
    "suggest",
]

NanPolicy = Literal["raise", "omit"]
NAN_POLICIES: tuple[str, ...] = ("raise", "omit")
DiscreteSpec = bool | str | Sequence[Any]


# --------------------------------------------------------------------------- #
# Parameter constraints
# --------------------------------------------------------------------------- #
class Constraint:
    """A constraint on a parameter value, with a human description."""

    def is_satisfied_by(self, value: Any) -> bool:
        """Return whether ``value`` satisfies the constraint."""
        raise NotImplementedError

    def describe(self) -> str:
        """Describe the constraint for an error message."""
        raise NotImplementedError

    def convert(self, text: str) -> Any:
        """Convert a command-line string to a value of the right type."""
        return text


@dataclass(frozen=True)
class Interval(Constraint):
    """A number in ``[low, high]`` (None: unbounded); ``kind`` is int or float."""

    kind: type
    low: float | None = None
    high: float | None = None
    closed: Literal["both", "left", "right", "neither"] = "both"

    def is_satisfied_by(self, value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if self.kind is int:
            if not isinstance(value, numbers.Integral):
                return False
        elif not isinstance(value, numbers.Real):
            return False
        v = float(value)
        if math.isnan(v):
            return False
        if self.low is not None:
            if self.closed in ("both", "left") and v < self.low:
                return False
            if self.closed in ("right", "neither") and v <= self.low:
                return False
        if self.high is not None:
            if self.closed in ("both", "right") and v > self.high:
                return False
            if self.closed in ("left", "neither") and v >= self.high:
                return False
        return True

    def describe(self) -> str:
        left = "[" if self.closed in ("both", "left") else "("
        right = "]" if self.closed in ("both", "right") else ")"
        lo = "-inf" if self.low is None else f"{self.low:g}"
        hi = "inf" if self.high is None else f"{self.high:g}"
        if self.low is None:
            left = "("
        if self.high is None:
            right = ")"
        name = "an int" if self.kind is int else "a float"
        return f"{name} in the range {left}{lo}, {hi}{right}"

    def convert(self, text: str) -> Any:
        try:
            return int(text) if self.kind is int else float(text)
        except ValueError:
            return text


@dataclass(frozen=True)
class Options(Constraint):
    """One of a fixed set of values."""

    values: tuple[Any, ...]

    def is_satisfied_by(self, value: Any) -> bool:
        return any(
            (value == v and type(value) is type(v))
            or (
                isinstance(v, int)
                and isinstance(value, numbers.Integral)
                and value == v
            )
            for v in self.values
            if not isinstance(value, bool) or isinstance(v, bool)
        )

    def describe(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def convert(self, text: str) -> Any:
        for v in self.values:
            if str(v) == text:
                return v
        return text


@dataclass(frozen=True)
class Bool(Constraint):
    """A boolean."""

    def is_satisfied_by(self, value: Any) -> bool:
        return isinstance(value, bool | np.bool_)

    def describe(self) -> str:
        return "a bool"

    def convert(self, text: str) -> Any:
        low = text.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        return text


@dataclass(frozen=True)
class AnyOf(Constraint):
    """Any of several constraints (for example an int or a string option)."""

    constraints: tuple[Constraint, ...]

    def is_satisfied_by(self, value: Any) -> bool:
        return any(c.is_satisfied_by(value) for c in self.constraints)

    def describe(self) -> str:
        return " or ".join(c.describe() for c in self.constraints)

    def convert(self, text: str) -> Any:
        for c in self.constraints:
            value = c.convert(text)
            if c.is_satisfied_by(value):
                return value
        return text


@dataclass(frozen=True)
class IsNone(Constraint):
    """Exactly ``None``."""

    def is_satisfied_by(self, value: Any) -> bool:
        return value is None

    def describe(self) -> str:
        return "None"

    def convert(self, text: str) -> Any:
        return None if text.lower() == "none" else text


@dataclass(frozen=True)
class Param:
    """A method parameter: its default, its constraint and a one-line description."""

    default: Any
    constraint: Constraint
    doc: str = ""


def suggest(name: str, valid: Iterable[str]) -> str:
    """Return a ``" Did you mean 'x'?"`` suffix, or an empty string."""
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def check_choice(value: Any, name: str, valid: Sequence[str], where: str) -> str:
    """Validate a string choice, listing the valid options and the nearest one."""
    if isinstance(value, str) and value in valid:
        return value
    listed = ", ".join(repr(v) for v in valid)
    hint = suggest(value, valid) if isinstance(value, str) else ""
    raise InvalidParameterError(
        f"The {name!r} parameter of {where} must be one of {listed}. "
        f"Got {value!r} instead.{hint}"
    )


def check_params(
    params: Mapping[str, Any], spec: Mapping[str, Param], where: str
) -> dict[str, Any]:
    """Validate method parameters against their declared constraints.

    Returns the full parameter dict with defaults filled in.
    """
    out = {k: p.default for k, p in spec.items()}
    for key, value in params.items():
        if key not in spec:
            valid = ", ".join(repr(k) for k in spec) or "none"
            raise InvalidParameterError(
                f"{where} got an unexpected parameter {key!r}. "
                f"Valid parameters: {valid}.{suggest(key, spec)}"
            )
        if not spec[key].constraint.is_satisfied_by(value):
            raise InvalidParameterError(
                f"The {key!r} parameter of {where} must be "
                f"{spec[key].constraint.describe()}. Got {value!r} instead."
            )
        out[key] = value
    return out


def check_rng(rng: Any) -> np.random.Generator:
    """Turn ``None``, an int, a SeedSequence or a Generator into a Generator."""
    if rng is None or isinstance(rng, np.random.Generator | np.random.SeedSequence):
        return np.random.default_rng(rng)
    if (
        isinstance(rng, numbers.Integral)
        and not isinstance(rng, bool)
        and int(rng) >= 0
    ):
        return np.random.default_rng(int(rng))
    raise InvalidParameterError(
        "The 'rng' parameter must be None, a non-negative int or a "
        f"numpy.random.Generator. Got {rng!r} instead."
    )


# --------------------------------------------------------------------------- #
# Samples
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Variable:
    """A validated variable: ``values`` of shape (n, d) and a kind per column.

    Continuous columns hold float64 values. Discrete columns hold their numeric
    labels as floats, or integer codes when the labels are not numbers.
    """

    name: str
    values: NDArray[np.float64]
    discrete: tuple[bool, ...]
    labels: tuple[Any, ...] = field(default=(), compare=False)
    coded: tuple[bool, ...] = field(default=(), compare=False)

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
            self.name, self.values[rows], self.discrete, self.labels, self.coded
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


def _raw_columns(obj: Any, name: str) -> list[tuple[np.ndarray, bool | None, str]]:
    """Split one input into 1-D columns with an automatic discreteness guess.

    Returns (column, auto_discrete, label) triples; ``auto_discrete`` is None
    for object columns still to inspect.
    """
    module = _module_of(obj)
    if module == "torch":
        obj = obj.detach().cpu().numpy()
        module = "numpy"
    if module == "pandas":
        import pandas as pd

        frame = obj.to_frame() if isinstance(obj, pd.Series) else obj
        if not isinstance(frame, pd.DataFrame):
            raise InvalidParameterError(
                f"The {name!r} parameter must be array-like (a numpy array, list, "
                f"pandas or polars Series/DataFrame, or torch tensor). "
                f"Got {type(obj).__name__} instead."
            )
        cols: list[tuple[np.ndarray, bool | None, str]] = []
        for label in frame.columns:
            s = frame[label]
            dtype = s.dtype
            if isinstance(dtype, pd.CategoricalDtype):
                codes = s.cat.codes.to_numpy().astype(np.float64)
                codes[codes < 0] = np.nan
                cols.append((codes, True, str(label)))
            elif pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(
                dtype
            ):
                arr = s.to_numpy(dtype=np.float64, na_value=np.nan)
                cols.append((arr, True, str(label)))
            elif pd.api.types.is_float_dtype(dtype):
                arr = s.to_numpy(dtype=np.float64, na_value=np.nan)
                cols.append((arr, False, str(label)))
            else:
                arr = s.to_numpy(dtype=object)
                cols.append((arr, None, str(label)))
        return cols
    if module == "polars":
        series = (
            [obj]
            if hasattr(obj, "to_list") and not hasattr(obj, "columns")
            else [obj[c] for c in obj.columns]
        )
        out: list[tuple[np.ndarray, bool | None, str]] = []
        for s in series:
            arr = s.to_numpy()
            out.extend(
                (col, auto, str(s.name)) for col, auto, _ in _raw_columns(arr, name)
            )
        return out
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
            f"(n_samples, n_features). Got a scalar {obj!r} instead."
        )
    if arr.ndim > 2:
        raise InvalidDataError(
            f"The {name!r} parameter must be array-like of shape (n_samples,) or "
            f"(n_samples, n_features). Got an array of shape {arr.shape} instead; "
            "reshape it to 2-D first."
        )
    if arr.ndim == 1:
        arr = arr[:, None]
    result: list[tuple[np.ndarray, bool | None, str]] = []
    for j in range(int(arr.shape[-1])):
        col = arr[:, j]
        kind = col.dtype.kind
        if kind in "biu":
            result.append((col, True, f"{name}[{j}]"))
        elif kind == "f":
            result.append((col.astype(np.float64), False, f"{name}[{j}]"))
        elif kind in "USO":
            result.append((col.astype(object), None, f"{name}[{j}]"))
        else:
            raise InvalidDataError(
                f"The {name!r} parameter has column {j} of dtype {col.dtype}, which "
                "is neither numbers nor labels. Convert it to numbers or strings first."
            )
    return result


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover - pandas is a core dependency
        return False


def _inspect_object(col: np.ndarray, name: str, label: str) -> tuple[np.ndarray, bool]:
    """Classify an object column: all strings (discrete) or all numbers."""
    missing = np.fromiter((_is_missing(v) for v in col), dtype=bool, count=col.size)
    present = col[~missing]
    if all(isinstance(v, str | bytes) for v in present):
        return col, True
    if all(
        isinstance(v, numbers.Number) and not isinstance(v, complex) for v in present
    ):
        out = np.full(col.size, np.nan)
        out[~missing] = np.asarray(present, dtype=np.float64)
        all_int = all(isinstance(v, numbers.Integral) for v in present)
        return out, all_int
    bad = [
        v
        for v in present
        if not isinstance(v, str | bytes | numbers.Number) or isinstance(v, complex)
    ]
    if not bad:
        raise InvalidDataError(
            f"Column {label!r} of {name!r} mixes strings and numbers. "
            "Make it all strings (labels) or all numbers."
        )
    raise InvalidDataError(
        f"Column {label!r} of {name!r} holds values of type {type(bad[0]).__name__} "
        f"(for example {bad[0]!r}), which are neither strings nor numbers. "
        "Convert them first."
    )


def _discrete_flags(spec: Any, name: str, index: int, n_cols: int) -> list[bool] | None:
    """Return per-column discrete flags for one variable, or None for auto."""
    if isinstance(spec, str):
        if spec == "auto":
            return None
        raise InvalidParameterError(
            f"The 'discrete' parameter must be 'auto', a bool, or a tuple with one "
            f"entry per variable. Got {spec!r} instead."
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
        if isinstance(entry, Sequence) and all(
            isinstance(e, bool | np.bool_) for e in entry
        ):
            if len(entry) != n_cols:
                raise InvalidParameterError(
                    f"The 'discrete' entry for {name!r} has {len(entry)} flags but "
                    f"{name!r} has {n_cols} columns."
                )
            return [bool(e) for e in entry]
        raise InvalidParameterError(
            f"The 'discrete' entry for {name!r} must be 'auto', a bool or a list of "
            f"bools (one per column). Got {entry!r} instead."
        )
    raise InvalidParameterError(
        "The 'discrete' parameter must be 'auto', a bool, or a tuple with one entry "
        f"per variable. Got {spec!r} instead."
    )


def check_samples(
    variables: Mapping[str, Any],
    *,
    discrete: DiscreteSpec = "auto",
    nan_policy: str = "raise",
    min_samples: int = 1,
) -> list[Variable]:
    """Validate one or more variables that share their rows.

    Parameters
    ----------
    variables : mapping of str to array-like
        Names (``"x"``, ``"y"``, ``"z"``) to inputs of shape (n,) or (n, d).
    discrete : 'auto', bool or sequence, default='auto'
        ``"auto"`` detects from dtype (integers, bools, strings and categoricals
        are discrete, floats continuous); one bool for all variables; or one entry
        per variable, a bool or a list of bools per column.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops every row where any variable is missing.
    min_samples : int, default=1
        Minimum number of rows left after the NaN policy.

    Returns
    -------
    list of Variable
        In the order given.
    """
    check_choice(nan_policy, "nan_policy", NAN_POLICIES, "mutinfo")
    names = list(variables)
    raw: list[list[tuple[np.ndarray, bool | None, str]]] = []
    lengths: dict[str, tuple[int, ...]] = {}
    for name in names:
        obj = variables[name]
        if obj is None:
            raise InvalidParameterError(
                f"The {name!r} parameter must be array-like. Got None instead."
            )
        cols = _raw_columns(obj, name)
        shape = np.shape(obj) if _module_of(obj) not in ("polars", "torch") else ()
        n = cols[0][0].shape[0] if cols else 0
        lengths[name] = tuple(shape) if shape else (n, len(cols))
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

    # Resolve kinds and missing values column by column.
    prepared: list[list[tuple[np.ndarray, bool, str]]] = []
    missing_any = np.zeros(n, dtype=bool)
    missing_report: list[tuple[str, str, int]] = []
    for index, (name, cols) in enumerate(zip(names, raw, strict=True)):
        flags = _discrete_flags(discrete, name, index, len(cols))
        out_cols: list[tuple[np.ndarray, bool, str]] = []
        for j, (col, auto, label) in enumerate(cols):
            if auto is None:
                col, auto = _inspect_object(col, name, label)
            want = auto if flags is None else flags[j]
            if col.dtype == object:
                if not want:
                    raise InvalidDataError(
                        f"Column {label!r} of {name!r} holds strings, which cannot be "
                        f"continuous. Pass discrete=True for {name!r} or encode it."
                    )
                miss = np.fromiter((_is_missing(v) for v in col), bool, count=n)
            else:
                col = col.astype(np.float64, copy=False)
                miss = np.isnan(col)
                if np.isinf(col).any():
                    count = int(np.isinf(col).sum())
                    raise InvalidDataError(
                        f"Column {label!r} of {name!r} contains {count} infinite "
                        "value(s). Remove or clip them first."
                    )
            if miss.any():
                missing_report.append((name, label, int(miss.sum())))
                missing_any |= miss
            out_cols.append((col, want, label))
        prepared.append(out_cols)

    if missing_report:
        if nan_policy == "raise":
            name, label, count = missing_report[0]
            raise InvalidDataError(
                f"Column {label!r} of {name!r} contains {count} NaN or missing "
                "value(s). Drop or impute them first, or pass nan_policy='omit' "
                "(CLI: --nan-policy omit)."
            )
        keep = ~missing_any
    else:
        keep = None

    checked: list[Variable] = []
    for name, pcols in zip(names, prepared, strict=True):
        arrays = []
        for col, _want, _label in pcols:
            c = col if keep is None else col[keep]
            if c.dtype == object:
                _, codes = np.unique(c.astype(str), return_inverse=True)
                arrays.append(codes.astype(np.float64))
            else:
                arrays.append(np.array(c, dtype=np.float64))
        values = np.column_stack(arrays) if arrays else np.empty((0, 0))
        checked.append(
            Variable(
                name=name,
                values=values,
                discrete=tuple(want for _, want, _ in pcols),
                labels=tuple(label for _, _, label in pcols),
                coded=tuple(col.dtype == object for col, _, _ in pcols),
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
