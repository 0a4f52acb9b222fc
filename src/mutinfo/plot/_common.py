"""What every figure shares: importing matplotlib lazily, with the install hint."""

from __future__ import annotations

from typing import Any

from mutinfo.exceptions import MissingDependencyError

__all__ = ["pyplot"]


def pyplot(*, headless: bool) -> Any:
    """Return ``matplotlib.pyplot``; with ``headless`` use the Agg backend first.

    Raises
    ------
    MissingDependencyError
        When matplotlib is not installed.
    """
    try:
        import matplotlib
    except ImportError:
        raise MissingDependencyError(
            'Plots require matplotlib: pip install "mutinfo[plot]"'
        ) from None
    if headless:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
