"""Exceptions and warnings raised by mutinfo.

This module imports nothing from mutinfo, so every layer can use it.
"""

from __future__ import annotations

__all__ = [
    "BiasWarning",
    "ConvergenceError",
    "ConvergenceWarning",
    "DataWarning",
    "InsufficientSamplesError",
    "InvalidDataError",
    "InvalidParameterError",
    "MissingDependencyError",
    "MutinfoError",
    "MutinfoWarning",
    "ResamplingWarning",
    "UnsupportedMeasureError",
    "warn",
]


class MutinfoError(Exception):
    """Base class of every error mutinfo raises on purpose."""


class InvalidParameterError(MutinfoError, ValueError, TypeError):
    """An argument has the wrong type or value (a parameter, a method name, a base)."""


class InvalidDataError(MutinfoError, ValueError):
    """The data cannot be used as given (NaN, inf, wrong shape, unreadable values)."""


class InsufficientSamplesError(InvalidDataError):
    """There are fewer samples than the method needs."""


class UnsupportedMeasureError(InvalidParameterError):
    """The chosen method does not implement the requested measure or data kind."""


class MissingDependencyError(MutinfoError, ImportError):
    """An optional dependency is needed; the message gives the install command."""


class ConvergenceError(MutinfoError, RuntimeError):
    """An iterative fit (for example a neural critic) produced no usable estimate."""


class MutinfoWarning(UserWarning):
    """Base class of every warning mutinfo emits."""


class BiasWarning(MutinfoWarning):
    """The estimate is strongly biased for this data (tiny n, large alphabet)."""


class DataWarning(MutinfoWarning):
    """The data makes the estimate unreliable (ties, constant columns)."""


class ResamplingWarning(MutinfoWarning):
    """A resampling method fell back or may not be valid (degenerate bootstrap)."""


class ConvergenceWarning(MutinfoWarning):
    """An iterative fit diverged, stopped early or ran out of steps still improving."""


def warn(message: str, category: type[Warning] = MutinfoWarning) -> None:
    """Emit a warning attributed to the first caller outside the mutinfo package.

    A fixed ``stacklevel`` points at mutinfo internals whenever the call path
    changes (``mt.mi`` -> ``estimate`` -> estimator); this walks the stack instead,
    so the warning names the user's line.
    """
    import os
    import sys
    import warnings

    package = os.path.dirname(os.path.abspath(__file__))
    level = 2
    frame = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(
        package
    ):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, category, stacklevel=level)
