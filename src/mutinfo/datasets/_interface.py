"""The task protocol: what the benchmark and the tests need from a task.

This module imports nothing from mutinfo (a leaf, as in benchmark-mi's
``interface.py``), so any object with these attributes, a user's own sampler
included, can be benchmarked next to the built-in tasks.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

__all__ = ["Kind", "Sampler", "TaskLike"]

#: How a variable's samples look: labels, real numbers, or real numbers with atoms.
Kind = Literal["discrete", "continuous", "mixed"]


class Sampler(Protocol):
    """Draw ``n`` joint samples: ``(x, y)`` of shapes ``(n, dim_x)``, ``(n, dim_y)``."""

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[Any], NDArray[Any]]: ...


@runtime_checkable
class TaskLike(Protocol):
    """A joint distribution of ``(X, Y)`` that carries its true MI in nats."""

    @property
    def name(self) -> str:
        """Registry name of the task."""
        ...

    @property
    def mutual_information(self) -> float:
        """The exact mutual information I(X; Y) in nats."""
        ...

    @property
    def dim_x(self) -> int:
        """Number of columns of ``x``."""
        ...

    @property
    def dim_y(self) -> int:
        """Number of columns of ``y``."""
        ...

    @property
    def kind_x(self) -> Kind:
        """Kind of ``x``: ``"discrete"``, ``"continuous"`` or ``"mixed"``."""
        ...

    @property
    def kind_y(self) -> Kind:
        """Kind of ``y``: ``"discrete"``, ``"continuous"`` or ``"mixed"``."""
        ...

    def sample(self, n: int, rng: Any = None) -> tuple[NDArray[Any], NDArray[Any]]:
        """Draw ``n`` joint samples."""
        ...
