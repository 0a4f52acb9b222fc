"""Validation of labelings and their contingency table (via ``_counting``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import contingency, encode, entropy_from_counts
from mutinfo._validation import _check_aligned, label_array, missing_label_mask
from mutinfo.exceptions import InvalidDataError

__all__ = ["check_labels", "contingency_of", "entropies"]


def check_labels(labels: Any, name: str) -> NDArray[np.int64]:
    """Return integer codes of a 1-D labeling (numbers or strings)."""
    try:
        arr = label_array(labels)
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
    missing = int(missing_label_mask(arr).sum())
    if missing:
        raise InvalidDataError(
            f"The {name!r} parameter contains NaN or other missing labels (None, "
            f"pandas.NA): {missing} of {arr.size}; every sample needs a label. Drop "
            "those samples from both labelings, or give them a cluster of their own "
            "(for example -1)."
        )
    try:
        _, codes = np.unique(arr, return_inverse=True)
    except TypeError:
        # Labels that do not compare (1 and "a" in an object array): the
        # comparison only needs equal labels to share a code, not an order.
        index: dict[Any, int] = {}
        codes = np.fromiter(
            (index.setdefault(v, len(index)) for v in arr.tolist()),
            dtype=np.int64,
            count=arr.size,
        )
    return codes.reshape(-1).astype(np.int64)


def contingency_of(a: Any, b: Any) -> NDArray[np.int64]:
    """Return the contingency table of two labelings of the same samples.

    pandas labelings must share their row index: labels are paired by
    position, and a labeling taken from a sorted copy of the table paired
    unrelated samples (the NMI of a labeling with itself read 0.0035).
    """
    _check_aligned({"labels_a": a, "labels_b": b})
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
