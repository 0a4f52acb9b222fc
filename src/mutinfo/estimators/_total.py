"""Total correlation ``TC(X) = sum_j H(X_j) - H(X)`` over the columns of one variable.

Families that estimate entropies get total correlation from this identity;
those with a direct estimator (multivariate KSG) implement it themselves.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from mutinfo._measures import columns
from mutinfo._validation import Variable
from mutinfo.estimators._base import RawEstimate
from mutinfo.estimators._guards import drop_constant

__all__ = ["columns", "total_correlation"]

Entropy = Callable[[Variable], tuple[float, NDArray[np.float64] | None]]


def total_correlation(x: Variable, method: str, entropy: Entropy) -> RawEstimate:
    """``sum_j H(X_j) - H(X)`` with ``entropy``; constant columns dropped (warned).

    Local values combine the entropies' local values where all have them.
    """
    x = drop_constant(x, method)
    if x.n_features < 2:
        return RawEstimate(0.0, np.zeros(x.n_samples))
    joint, joint_local = entropy(x)
    value, local = -joint, None if joint_local is None else -joint_local
    for col in columns(x):
        h, h_local = entropy(col)
        value += h
        local = None if local is None or h_local is None else local + h_local
    return RawEstimate(value, local)
