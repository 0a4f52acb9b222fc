"""Shared pieces of the objectives: the output record and input checks."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import torch

from mutinfo.exceptions import InvalidDataError, InvalidParameterError


class ObjectiveOutput(NamedTuple):
    """What an objective's ``forward`` returns: the loss and its terms.

    Attributes
    ----------
    loss : torch.Tensor
        The scalar to minimise (call ``.backward()`` on it).
    terms : dict of str to float
        A small record of the terms, detached, in nats unless the objective
        says otherwise (its MI estimate or bound, regulariser, multiplier).
    """

    loss: torch.Tensor
    terms: dict[str, float]


def record(**values: torch.Tensor | float) -> dict[str, float]:
    """Detach each value to a Python float."""
    return {
        k: float(v.detach()) if isinstance(v, torch.Tensor) else float(v)
        for k, v in values.items()
    }


def check_tensor(
    value: Any,
    name: str,
    where: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
) -> torch.Tensor:
    """Check that ``value`` is a finite, non-empty floating tensor of the given rank."""
    if not isinstance(value, torch.Tensor):
        raise InvalidParameterError(
            f"The {name!r} input of {where} must be a torch.Tensor. Got "
            f"{type(value).__name__} instead; wrap it with torch.as_tensor()."
        )
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and value.ndim not in dims:
        want = " or ".join(str(d) for d in dims)
        raise InvalidDataError(
            f"The {name!r} input of {where} must have {want} dimensions. Got "
            f"shape {tuple(value.shape)} instead."
        )
    if value.numel() == 0 and not allow_empty:
        raise InvalidDataError(
            f"The {name!r} input of {where} is empty (shape {tuple(value.shape)}), "
            "so its mean would be NaN. Pass a non-empty tensor."
        )
    if not value.is_floating_point():
        raise InvalidDataError(
            f"The {name!r} input of {where} must be a floating-point tensor. Got "
            f"dtype {value.dtype} instead; convert it with .float()."
        )
    check_finite(value, name, where)
    return value


def check_finite(value: torch.Tensor, name: str, where: str) -> None:
    """Raise a clear error naming the module and the term if ``value`` has NaN/inf."""
    finite = torch.isfinite(value.detach())
    if not bool(finite.all()):
        bad = int((~finite).sum())
        raise InvalidDataError(
            f"{where}: the {name!r} term has {bad} non-finite value(s) (NaN or "
            "inf). Check the network's outputs (a diverged step, a too large "
            "learning rate) before computing the loss."
        )


def check_number(
    value: Any,
    name: str,
    where: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Check that ``value`` is a finite real in the given range; return a float."""
    ok = (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
    )
    if ok and low is not None:
        ok = value > low if low_open else value >= low
    if ok and high is not None:
        ok = value < high if high_open else value <= high
    if not ok:
        lo = "(" if low_open else "["
        hi = ")" if high_open else "]"
        lo_txt = "-inf" if low is None else low
        hi_txt = "inf" if high is None else high
        rng = f"{lo}{lo_txt}, {hi_txt}{hi}"
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be a finite float in the "
            f"range {rng}. Got {value!r} instead."
        )
    return float(value)


def check_int(value: Any, name: str, where: str, *, low: int = 1) -> int:
    """Check that ``value`` is an int >= ``low``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be an int >= {low}. Got "
            f"{value!r} instead."
        )
    return value


def check_probabilities(
    probs: Any, name: str, where: str, *, atol: float = 1e-4
) -> torch.Tensor:
    """Check that ``probs`` is (n, K), non-negative, with rows summing to one."""
    checked = check_tensor(probs, name, where, ndim=2)
    probs = checked
    if bool((probs < 0).any()):
        raise InvalidDataError(
            f"The {name!r} input of {where} must hold probabilities (>= 0). Got a "
            f"minimum of {float(probs.min()):.4g}; pass softmax(logits)."
        )
    sums = probs.detach().sum(dim=1)
    worst = float((sums - 1).abs().max())
    if worst > atol:
        raise InvalidDataError(
            f"The rows of {name!r} in {where} must sum to 1 (within {atol}). The "
            f"worst row sums to {float(sums[(sums - 1).abs().argmax()]):.6g}; "
            "pass softmax(logits, dim=1)."
        )
    return checked
