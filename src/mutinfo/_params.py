"""Parameters: declared constraints, checked once, with one error text.

Estimator families declare their settings as :class:`Param` objects; public
functions declare theirs with :func:`validate_params`. Both raise
:class:`~mutinfo.exceptions.InvalidParameterError` naming the parameter, what was
expected and what was received (and the nearest valid name, for choices).
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np

from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "MAX_PERMUTATIONS",
    "PERMUTATIONS",
    "AnyOf",
    "Bool",
    "Constraint",
    "Interval",
    "IsNone",
    "Options",
    "Param",
    "check_choice",
    "check_params",
    "check_rng",
    "shown",
    "suggest",
    "validate_params",
]


#: Most surrogates one test may draw: its null distribution is held in memory
#: (8 bytes each: 0.8 GB here) and each costs a re-estimate. 10**15 ran out of
#: memory with a bare MemoryError while the surrogates' list was built.
MAX_PERMUTATIONS = 10**8


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
        # The type test comes first: an array compared with a choice gives an
        # array, whose truth value raises (a series passed where a measure's
        # name goes, ``ts.confidence_interval(x, y)``).
        return any(
            (type(value) is type(v) and value == v)
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


#: The constraint of every ``n_permutations`` parameter (one or more surrogates,
#: at most :data:`MAX_PERMUTATIONS`).
PERMUTATIONS = Interval(int, 1, MAX_PERMUTATIONS)


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


def shown(value: Any) -> str:
    """Describe a received value shortly, for an error message.

    Arrays and tables are described by type and shape (the repr of a
    10,000-row series passed where a name goes buries the message); everything
    else is its repr.
    """
    shape = getattr(value, "shape", None)
    if not isinstance(value, np.generic) and isinstance(shape, tuple | list):
        kind = f"{type(value).__module__.split('.')[0]}.{type(value).__name__}"
        return f"a {kind} of shape {tuple(shape)}"
    return repr(value)


def check_choice(value: Any, name: str, valid: Sequence[str], where: str) -> str:
    """Validate a string choice, listing the valid options and the nearest one."""
    if isinstance(value, str) and value in valid:
        return value
    listed = ", ".join(repr(v) for v in valid)
    hint = suggest(value, valid) if isinstance(value, str) else ""
    if name == "measure" and not isinstance(value, str) and valid:
        # data where the measure's name goes: the name is the first argument
        call = where[:-2] if where.endswith("()") else "estimate"
        first = "mi" if "mi" in valid else valid[0]
        hint = f" The measure's name comes first: {call}({first!r}, x, y, ...)."
    raise InvalidParameterError(
        f"The {name!r} parameter of {where} must be one of {listed}. "
        f"Got {shown(value)} instead.{hint}"
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
                f"{spec[key].constraint.describe()}. Got {shown(value)} instead."
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


F = TypeVar("F", bound=Callable[..., Any])

#: Attribute under which :func:`validate_params` records its declaration.
DECLARED = "__mutinfo_params__"


def validate_params(spec: Mapping[str, Constraint]) -> Callable[[F], F]:
    """Declare a public function's parameter constraints, checked on every call.

    The one way public functions validate their scalar parameters (estimator
    families declare theirs as :class:`Param`): a value that breaks its
    constraint raises :class:`~mutinfo.exceptions.InvalidParameterError`
    ``"The 'k' parameter of select_features() must be an int in the range [1,
    inf). Got 0 instead."``. Defaults are not checked. The declaration is kept
    on the function (``__mutinfo_params__``) for the meta-test that calls every
    public function with bad values.

    Examples
    --------
    >>> @validate_params({"k": Interval(int, 1, None)})
    ... def pick(x, *, k=1):
    ...     return x[:k]
    >>> pick([1, 2, 3], k=2)
    [1, 2]
    >>> try:
    ...     pick([1, 2, 3], k=0)
    ... except InvalidParameterError as err:
    ...     print(err)
    The 'k' parameter of pick() must be an int in the range [1, inf). Got 0 instead.
    """

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        unknown = [k for k in spec if k not in signature.parameters]
        if unknown:
            raise TypeError(f"{func.__qualname__} has no parameter(s) {unknown}")
        where = f"{func.__name__}()"

        @functools.wraps(func)
        def checked(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind_partial(*args, **kwargs).arguments
            for key, constraint in spec.items():
                if key in bound and not constraint.is_satisfied_by(bound[key]):
                    raise InvalidParameterError(
                        f"The {key!r} parameter of {where} must be "
                        f"{constraint.describe()}. Got {shown(bound[key])} instead."
                        f"{_choice_hint(constraint, bound[key], key, where)}"
                    )
            return func(*args, **kwargs)

        setattr(checked, DECLARED, dict(spec))
        return checked  # type: ignore[return-value]

    return decorate


def _choice_hint(
    constraint: Constraint, value: Any, key: str = "", where: str = ""
) -> str:
    if isinstance(constraint, Options) and isinstance(value, str):
        return suggest(value, [v for v in constraint.values if isinstance(v, str)])
    if key == "measure" and isinstance(constraint, Options) and constraint.values:
        # data where the measure's name goes: the name is the first argument
        return (
            f" The measure's name comes first: {where[:-2]}"
            f"({constraint.values[0]!r}, x, y, ...)."
        )
    return ""
