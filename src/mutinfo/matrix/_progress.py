"""Progress of long matrix runs: a callback, or a bar with ``progress=True``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from mutinfo.exceptions import InvalidParameterError

__all__ = ["make_progress"]


class _TextBar:
    """A one-line bar on stderr, used when tqdm is not installed."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(
            f"\rmi_matrix [{'#' * filled}{'.' * (width - filled)}] {done}/{total} tiles"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def close(self) -> None:
        """Nothing to release."""


class _TqdmBar:
    def __init__(self, total: int) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, desc="mi_matrix", unit="tile")
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        self.bar.close()


def make_progress(
    progress: Any, total: int
) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """Turn ``progress`` (bool or callable ``(done, total)``) into callback, closer."""
    if progress is None or progress is False:
        return None, lambda: None
    if progress is True:
        import importlib.util

        bar: _TqdmBar | _TextBar = (
            _TqdmBar(total) if importlib.util.find_spec("tqdm") else _TextBar(total)
        )
        return bar, bar.close
    if callable(progress):
        return progress, lambda: None
    raise InvalidParameterError(
        "The 'progress' parameter must be a bool or a callable (done, total). "
        f"Got {progress!r} instead."
    )
