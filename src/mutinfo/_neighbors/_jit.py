"""Lazy access to the compiled kernels: numba is imported on first use only."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from mutinfo.exceptions import MissingDependencyError

__all__ = ["have_numba", "kernels"]

_available: bool | None = None


def have_numba() -> bool:
    """Return whether numba can be imported (checked once, without importing it)."""
    global _available
    if _available is None:
        _available = importlib.util.find_spec("numba") is not None
    return _available


def kernels() -> ModuleType:
    """Import and return :mod:`mutinfo._neighbors._kernels` (needs numba).

    Raises
    ------
    MissingDependencyError
        If numba is not installed.
    """
    if not have_numba():
        raise MissingDependencyError(
            "The 'grid' neighbour search needs numba: pip install numba "
            "(or pass algorithm='tree')."
        )
    from mutinfo._neighbors import _kernels

    return _kernels
