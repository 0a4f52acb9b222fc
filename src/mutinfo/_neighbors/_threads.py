"""How many threads one neighbour search may use.

A single large search (the fused KSG pair kernel, scipy's tree) runs on all
usable cores by default, as numba and polars users expect; the result never
depends on the number (each point's radius and counts depend on that point
alone). Three things lower it:

- ``workers=`` / ``n_jobs=`` where a function takes it;
- a process-wide limit: :func:`thread_limit` (a context manager, or a plain
  call that sets it until changed) or the environment variable
  ``MUTINFO_NUM_THREADS``;
- any thread other than the main one searches on one thread unless told
  otherwise, so work that is already parallel (all-pairs matrices,
  permutation tests, a user's own thread pool) does not multiply threads.
"""

from __future__ import annotations

import os
import threading

__all__ = ["kernel_threads", "thread_limit", "usable_cores"]

_limit: int | None = None


def _env_limit() -> int | None:
    raw = os.environ.get("MUTINFO_NUM_THREADS", "")
    return int(raw) if raw.strip().isdigit() and int(raw) > 0 else None


def usable_cores() -> int:
    """Return the cores this process may run on (its CPU affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def thread_limit(n: int | None) -> _RestoreOnExit:
    """Limit the threads of every neighbour search in this process to ``n``.

    ``None`` removes the limit. Use as ``with thread_limit(1): ...`` to
    restore the previous limit on exit, or call it once to set it.

    Examples
    --------
    >>> with thread_limit(1):
    ...     kernel_threads()
    1
    """
    global _limit
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        from mutinfo.exceptions import InvalidParameterError

        raise InvalidParameterError(
            "The 'n' parameter of thread_limit() must be a positive int or None "
            f"(no limit). Got {n!r} instead."
        )
    previous = _limit
    _limit = n
    return _RestoreOnExit(previous)


class _RestoreOnExit:
    """What :func:`thread_limit` returns: restores the old limit on ``with`` exit."""

    def __init__(self, previous: int | None) -> None:
        self._previous = previous

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        global _limit
        _limit = self._previous


def kernel_threads(workers: int | None = None) -> int:
    """Return the threads a search may use.

    ``workers``: None for the default (all usable cores on the main thread,
    one elsewhere), a positive count, or -1 for all cores (-2: all but
    one); capped by :func:`thread_limit` or ``MUTINFO_NUM_THREADS``.
    """
    cores = usable_cores()
    if workers is None:
        want = cores if threading.current_thread() is threading.main_thread() else 1
    elif workers < 0:
        want = max(1, cores + 1 + workers)
    else:
        want = max(1, workers)
    cap = _limit if _limit is not None else _env_limit()
    return min(want, cap) if cap is not None else want
