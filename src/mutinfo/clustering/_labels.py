"""Validation of labelings and their contingency table (via ``_counting``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import contingency, encode, entropy_from_counts
from mutinfo.exceptions import InvalidDataError

__all__ = ["check_labels", "contingency_of", "entropies"]


def check_labels(labels: Any, name: str) -> NDArray[np.int64]:
    """Return integer codes of a 1-D labeling (numbers or strings)."""
    try:
        arr = np.asarray(labels)
    except (TypeError, ValueError):
        raise InvalidDataError(
            f"The {name!r} parameter must be a 1-D sequence of cluster labels. "
            f"Got {type(labels).__name__} instead."
        ) from None
    if arr.ndim != 1:
        raise InvalidDataError(
            f"The {name!r} parameter must be a 1-D sequence of cluster labels; got "
            f"shape {arr.shape}."
        )
    if arr.size == 0:
        raise InvalidDataError(f"The {name!r} parameter is empty; give labels.")
    if arr.dtype.kind == "f" and np.isnan(arr).any():
        raise InvalidDataError(
            f"The {name!r} parameter contains NaN; every sample needs a label."
        )
    _, codes = np.unique(arr, return_inverse=True)
    return codes.reshape(-1).astype(np.int64)


def contingency_of(a: Any, b: Any) -> NDArray[np.int64]:
    """Return the contingency table of two labelings of the same samples."""
    ca, cb = check_labels(a, "labels_a"), check_labels(b, "labels_b")
    if ca.size != cb.size:
        raise InvalidDataError(
            "The labelings 'labels_a' and 'labels_b' must label the same samples; "
            f"got {ca.size} and {cb.size} labels."
        )
    return contingency(ca, cb, int(ca.max()) + 1, int(cb.max()) + 1)


def entropies(table: NDArray[np.int64]) -> tuple[float, float, float]:
    """Return ``H(A), H(B), I(A;B)`` (nats, plug-in) of a contingency table."""
    ha = entropy_from_counts(table.sum(axis=1))
    hb = entropy_from_counts(table.sum(axis=0))
    hab = entropy_from_counts(table.ravel())
    return ha, hb, ha + hb - hab


def joint_codes(*columns: NDArray[np.int64]) -> NDArray[np.int64]:
    """Encode the rows of integer label columns (shared counting mechanism)."""
    codes, _ = encode(*(c.astype(np.float64)[:, None] for c in columns))
    return codes
