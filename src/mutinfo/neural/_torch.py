"""The one check that PyTorch is installed, for every neural entry point."""

from __future__ import annotations

import importlib.util

from mutinfo.exceptions import MissingDependencyError

__all__ = ["require_torch"]

MESSAGE = 'The neural estimators require PyTorch: pip install "mutinfo[torch]"'


def require_torch() -> None:
    """Raise MissingDependencyError, with the install command, when torch is absent."""
    try:
        found = importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise MissingDependencyError(MESSAGE)
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(MESSAGE) from exc
