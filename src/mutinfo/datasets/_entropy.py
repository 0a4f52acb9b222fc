"""Scalar entropy terms shared by the closed-form MI of several tasks."""

from __future__ import annotations

import math

__all__ = ["binary_entropy", "xlogx"]


def xlogx(v: float) -> float:
    """Return ``v ln v``, with its limit 0 at ``v = 0``.

    Examples
    --------
    >>> from mutinfo.datasets._entropy import xlogx
    >>> xlogx(0.0), xlogx(1.0)
    (0.0, 0.0)
    """
    return v * math.log(v) if v > 0 else 0.0


def binary_entropy(q: float) -> float:
    """Return the binary entropy ``H_b(q)`` in nats, for ``q`` in [0, 1].

    Examples
    --------
    >>> from mutinfo.datasets._entropy import binary_entropy
    >>> round(binary_entropy(0.5), 6)
    0.693147
    """
    return -xlogx(q) - xlogx(1 - q)
