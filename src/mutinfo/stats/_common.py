"""What the tests and intervals share: validated inputs, estimator clones, statistics.

A statistic is any estimator call: ``estimator.compute(measure, variables)`` on
validated variables, in nats. Resampled statistics run through
:func:`mutinfo._parallel.execute`; each work item clones the estimator with the
item's own generator, so tie-breaking noise is part of the item's stream too.
"""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo.exceptions import InvalidParameterError

if TYPE_CHECKING:
    from mutinfo._validation import Variable
    from mutinfo.estimators._base import Estimator

__all__ = ["check_int", "clone", "statistic"]


def clone(estimator: Estimator, rng: Any) -> Estimator:
    """Return a copy of ``estimator`` with the same settings and a new ``rng``."""
    params = estimator.get_params()
    params["rng"] = rng
    return type(estimator)(**params)


def statistic(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    rng: np.random.Generator,
) -> float:
    """Estimate ``measure`` in nats with a clone of ``estimator`` seeded by ``rng``."""
    return clone(estimator, rng).compute(measure, variables).value


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
