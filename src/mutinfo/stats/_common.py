"""What the tests and intervals share: validated inputs, estimator clones, statistics.

A statistic is any estimator call: ``estimator.compute(measure, variables)`` on
validated variables, in nats. Resampled statistics run through
:func:`mutinfo._parallel.execute`; each work item clones the estimator with the
item's own generator, so tie-breaking noise is part of the item's stream too.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator
from mutinfo.exceptions import InvalidParameterError

__all__ = ["Statistic", "check_int", "check_statistic", "clone", "statistic_of"]


def clone(estimator: Estimator, rng: Any) -> Estimator:
    """Return a copy of ``estimator`` with the same settings and a new ``rng``."""
    params = estimator.get_params()
    params["rng"] = rng
    return type(estimator)(**params)


def statistic_of(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> float:
    """Estimate ``measure`` in nats with a clone of ``estimator`` seeded by ``rng``."""
    return clone(estimator, rng).compute(measure, variables).value


#: A statistic on validated variables: ``stat(variables, rng) -> nats``.
Statistic = Callable[[list[Variable], np.random.Generator], float]


def _values(v: Variable) -> NDArray[Any]:
    return v.values[:, 0].copy() if v.n_features == 1 else v.values.copy()


def _takes_rng(func: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return "rng" in params or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()
    )


def _user_statistic(
    func: Callable[..., Any],
    label: str,
    with_rng: bool,
    variables: list[Variable],
    rng: np.random.Generator,
) -> float:
    args = [_values(v) for v in variables]
    out = func(*args, rng=rng) if with_rng else func(*args)
    to = getattr(out, "to", None)
    if callable(to) and hasattr(out, "unit"):
        out = to(math.e).value  # a Result: its value in nats
    if isinstance(out, bool) or not isinstance(out, numbers.Real):
        raise InvalidParameterError(
            f"The statistic {label!r} must return a float (nats) or a Result; got "
            f"{type(out).__name__}."
        )
    value = float(out)
    if math.isnan(value):
        raise InvalidParameterError(
            f"The statistic {label!r} returned NaN; a test needs a number."
        )
    return value


def check_statistic(
    func: Any, method: Any, method_params: dict[str, Any], where: str
) -> tuple[Statistic, str]:
    """Validate a user statistic; return it on validated variables and its name."""
    if not callable(func):
        raise InvalidParameterError(
            f"The 'statistic' parameter of {where} must be None, a measure name or "
            f"a callable statistic(x, y[, z]) -> float; got {func!r}."
        )
    if not (isinstance(method, str) and method == "auto") or method_params:
        given = sorted(method_params) if method_params else [f"method={method!r}"]
        raise InvalidParameterError(
            f"{where} got a callable 'statistic' and also {given}; the callable "
            "chooses its own estimator. Pass them to the estimator inside it."
        )
    label = getattr(func, "__name__", type(func).__name__)
    stat = functools.partial(_user_statistic, func, label, _takes_rng(func))
    return stat, label


def check_int(value: Any, name: str, where: str, low: int) -> int:
    """Validate an int parameter ``>= low``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or value < low
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be an int >= {low}. "
            f"Got {value!r} instead."
        )
    return int(value)
