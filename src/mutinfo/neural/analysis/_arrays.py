"""Activation arrays: validation shared by the analysis functions."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

from mutinfo._validation import label_array, missing_label_mask
from mutinfo.exceptions import InvalidDataError


def as_numpy(activations: Any, name: str = "activations") -> NDArray[np.float64]:
    """Return a 2-D float64 array (n_samples, n_units) from an array or tensor.

    Raises InvalidDataError naming ``name`` for NaN/inf, a wrong shape or no rows.
    """
    if isinstance(activations, torch.Tensor):
        array = activations.detach().to("cpu", torch.float64).numpy()
    else:
        try:
            array = np.asarray(activations, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidDataError(
                f"{name} must be a numeric array or tensor of shape (n_samples, "
                f"n_units); got {type(activations).__name__} that is not numeric."
            ) from exc
    return check_array(
        array.reshape(array.shape[0], -1) if array.ndim > 2 else array, name
    )


def check_array(array: NDArray[np.float64], name: str) -> NDArray[np.float64]:
    """Check shape and finiteness of an (n,) or (n, d) array; return it 2-D."""
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[0] == 0:
        raise InvalidDataError(
            f"{name} must have shape (n_samples, n_units) with n_samples >= 1; "
            f"got shape {array.shape}."
        )
    bad = ~np.isfinite(array)
    if bad.any():
        raise InvalidDataError(
            f"{name} contains {int(bad.sum())} NaN or infinite values (first in "
            f"row {int(np.argwhere(bad)[0, 0])}); the network diverged or the "
            "input holds NaN. Lower the learning rate or clean the input."
        )
    return array


def as_tensor(activations: Any, device: Any, name: str) -> torch.Tensor:
    """Return a 2-D float64 tensor on ``device`` (default: where it already is)."""
    if isinstance(activations, torch.Tensor):
        tensor = activations.detach()
        target = tensor.device if device is None else torch.device(device)
        tensor = tensor.to(target, torch.float64)
        tensor = (
            tensor.reshape(tensor.shape[0], -1) if tensor.ndim > 1 else tensor[:, None]
        )
        if tensor.shape[0] == 0:
            raise InvalidDataError(
                f"{name} has no rows; got shape {tuple(tensor.shape)}."
            )
        if not bool(torch.isfinite(tensor).all()):
            count = int((~torch.isfinite(tensor)).sum())
            raise InvalidDataError(
                f"{name} contains {count} NaN or infinite values; the network "
                "diverged or the input holds NaN. Lower the learning rate or "
                "clean the input."
            )
        return tensor
    array = as_numpy(activations, name)
    return torch.from_numpy(array).to("cpu" if device is None else device)


def check_labels(labels: Any, n: int, name: str = "labels") -> NDArray[Any]:
    """Return labels as a 1-D array of length ``n`` (a clear error otherwise)."""
    if isinstance(labels, torch.Tensor):
        labels = labels.detach().cpu().numpy()
    array = label_array(labels)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1 or array.shape[0] != n:
        raise InvalidDataError(
            f"{name} must be one label per sample, shape ({n},); got shape "
            f"{array.shape}. Pass the labels of the same probe set as the "
            "activations."
        )
    missing = missing_label_mask(array)
    if missing.any():
        # A NaN label was one more class for the plug-in (0.14 nats where the
        # other families raised); None made np.unique raise a TypeError.
        raise InvalidDataError(
            f"{name} contains {int(missing.sum())} missing label(s) (NaN or None, "
            f"first at row {int(np.argmax(missing))}). Drop those samples or give "
            "them a label of their own."
        )
    if array.dtype == object:
        try:
            np.unique(array)
        except TypeError:
            kinds = sorted({type(v).__name__ for v in array.tolist()})
            raise InvalidDataError(
                f"{name} mixes label types ({', '.join(kinds)}) that cannot be "
                "compared. Make every label a string, or every label a number."
            ) from None
    return array
