"""Parameter and matrix checks shared by the text tools (private)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from mutinfo.exceptions import InvalidDataError, InvalidParameterError


def check_int(value: Any, name: str, where: str, *, low: int = 1) -> int:
    """Return ``value`` as an int ``>= low`` or raise naming the parameter."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or int(value) < low
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be an int >= {low}. "
            f"Got {value!r} instead."
        )
    return int(value)


def check_positive(value: Any, name: str, where: str) -> float:
    """Return ``value`` as a finite float ``> 0`` or raise naming the parameter."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not np.isfinite(float(value))
        or float(value) <= 0
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be a finite number > 0. "
            f"Got {value!r} instead."
        )
    return float(value)


def check_counts(counts: Any, where: str) -> Any:
    """Validate a count matrix: 2-D, finite, non-negative, not all zero.

    Returns a CSR matrix of float64 for sparse input and a float64 ndarray
    otherwise.
    """
    import scipy.sparse as sp

    if sp.issparse(counts):
        # A copy in canonical form: a CSR matrix may hold one cell in several
        # stored entries (summed by toarray()); the PMI of each entry alone
        # was log(5) where the cell holds 10.
        matrix = sp.csr_matrix(counts, dtype=np.float64, copy=True)
        matrix.sum_duplicates()
        values = matrix.data
    else:
        try:
            matrix = np.asarray(counts, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidDataError(
                f"The 'counts' parameter of {where} must be a 2-D array or "
                f"scipy.sparse matrix of counts; it could not be read as numbers "
                f"({exc})."
            ) from None
        values = matrix
    if matrix.ndim != 2:
        raise InvalidDataError(
            f"The 'counts' parameter of {where} must be 2-D (rows x columns). "
            f"Got shape {matrix.shape}."
        )
    if not np.all(np.isfinite(values)):
        raise InvalidDataError(
            f"The 'counts' parameter of {where} contains NaN or infinite values. "
            "Counts must be finite."
        )
    if values.size and values.min() < 0:
        raise InvalidDataError(
            f"The 'counts' parameter of {where} contains negative counts "
            f"(minimum {values.min():g}). Counts must be >= 0."
        )
    if values.size == 0 or not np.any(values > 0):
        raise InvalidDataError(
            f"The 'counts' parameter of {where} has no positive count "
            f"(shape {matrix.shape}). Count some co-occurrences first."
        )
    return matrix
