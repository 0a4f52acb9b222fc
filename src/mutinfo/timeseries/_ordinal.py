"""Ordinal (permutation-pattern) symbolisation of continuous series."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Interval, validate_params
from mutinfo.exceptions import InsufficientSamplesError, InvalidDataError
from mutinfo.timeseries._embed import check_nested_rows, check_time_order

__all__ = ["ordinal_patterns"]


def _one(x: NDArray[Any], order: int, delay: int) -> NDArray[np.int64]:
    n = len(x) - (order - 1) * delay
    if n < 1:
        raise InsufficientSamplesError(
            f"ordinal_patterns() needs more than (order - 1) * delay = "
            f"{(order - 1) * delay} steps per realisation; got {len(x)}. Use a "
            "smaller 'order' or 'delay'."
        )
    windows = np.stack([x[j * delay : j * delay + n] for j in range(order)], axis=1)
    ranks = np.argsort(windows, axis=1, kind="stable")
    # Lehmer code of the permutation: a bijection onto 0 .. order! - 1.
    code = np.zeros(n, dtype=np.int64)
    for i in range(order):
        smaller = (ranks[:, i + 1 :] < ranks[:, i : i + 1]).sum(axis=1)
        code = code * (order - i) + smaller
    return code


@validate_params({"order": Interval(int, 2, 10), "delay": Interval(int, 1, None)})
def ordinal_patterns(x: Any, *, order: int = 3, delay: int = 1) -> Any:
    """Symbolise a continuous series by its ordinal patterns (Bandt & Pompe 2002).

    Each window ``(x_t, x_{t+tau}, ..., x_{t+(order-1) tau})`` becomes the
    permutation that sorts it (ties broken by position, earlier first),
    coded as an integer in ``[0, order!)``. The symbols feed any discrete
    measure (``ts.transfer_entropy(ordinal_patterns(x), ordinal_patterns(y))``
    is the symbolic transfer entropy of Staniek & Lehnertz 2008); row ``t``
    covers steps ``t .. t + (order - 1) delay``.

    Parameters
    ----------
    x : array-like of shape (n_steps,), or a list of them (realisations)
        A real-valued series.
    order : int, default=3
        Pattern length (embedding dimension), 2 to 10.
    delay : int, default=1
        Step between the values of a window.

    Returns
    -------
    ndarray of int64 of shape (n_steps - (order - 1) * delay,), or a list of them

    References
    ----------
    .. [1] C. Bandt and B. Pompe, "Permutation entropy: a natural complexity
       measure for time series", Phys. Rev. Lett. 88, 174102 (2002).
    .. [2] M. Staniek and K. Lehnertz, "Symbolic transfer entropy", Phys. Rev.
       Lett. 100, 158101 (2008).

    Examples
    --------
    >>> from mutinfo import timeseries as ts
    >>> ts.ordinal_patterns([4.0, 7.0, 9.0, 10.0, 6.0, 11.0, 3.0]).tolist()
    [0, 0, 4, 2, 4]
    """
    check_nested_rows(x, "x")
    if isinstance(x, list | tuple) and x and np.ndim(x[0]) >= 1:
        return [ordinal_patterns(part, order=order, delay=delay) for part in x]
    check_time_order(x, "x")
    values = np.asarray(x)
    if values.ndim != 1 or values.dtype.kind not in "iuf":
        raise InvalidDataError(
            "ordinal_patterns() takes a 1-D numeric series (or a list of them); got "
            f"shape {values.shape}, dtype {values.dtype}."
        )
    if values.dtype.kind == "f" and np.isnan(values).any():
        raise InvalidDataError(
            "ordinal_patterns() got NaN: the order of a window with a gap is "
            "undefined. Fill or split the series into realisations first."
        )
    assert math.factorial(order) < 2**62
    return _one(values, order, delay)
