"""Lazy access to the compiled kernels, loaded on first use or in the background.

numba is never imported with mutinfo. Loading it and the cached kernels costs
about 0.5-1 s of one core once per process (measured on the project's 2-core
machine), more than a tree search of 10^5 points, so :mod:`mutinfo._neighbors`
starts :func:`start_loading` -- a daemon thread that imports numba and loads
(or, with no cache on disk yet, compiles) the kernels -- when a process first
does a large search (or, earlier, when the resolver sees that an estimate
will do one: :func:`mutinfo._neighbors.prefetch`, so that the load overlaps
the import of the estimator families), and keeps searching on scipy's tree
meanwhile; a call large enough to repay the wait then joins the thread
(:func:`wait_loaded`). The thread loads what a 2-D KSG estimate needs (the
fused pair kernels, the 1-D counts, the compiled sort, Ross's per-label
radii); the general grid kernels load on first use (:func:`_load_grid`).
Every later call takes the compiled path once :func:`ready` says so.

Thread safety: only this thread imports the kernel modules while it runs;
:func:`kernels` (the one way to reach them) waits for it first, so no two
threads import numba at once. Kernels it does not load (the general grid)
load on first use under numba's global compiler lock. Imports elsewhere proceed in
parallel under Python's per-module import locks, and a ``fork`` waits for the
loader (a child forked mid-import would inherit a held import lock).

Warnings: numba enters ``warnings.catch_warnings`` thousands of times while it
loads or compiles, and before Python 3.14 that state is global to the process,
not per thread: a block on another thread that records warnings meanwhile can
lose them (``pytest.warns`` saw "DID NOT WARN"), or a filter set meanwhile
can be undone. :func:`mutinfo.extend.recorded_warnings` waits for a running
loader (:func:`settle`) on entry and on exit, so no load overlaps either edge
of its block; mutinfo's own recording blocks (the matrix, the report, the
time-series matrix) use it. Code that records warnings around a large
mutinfo call can do the same, or set ``MUTINFO_BACKGROUND_LOAD=0``.

Where the compiled code lives: numba caches each kernel next to its source,
in ``mutinfo/_neighbors/__pycache__`` (``*.nbi`` index and ``*.nbc`` code,
per Python version and CPU), or under ``NUMBA_CACHE_DIR`` when that is set.
On a read-only install numba falls back to a per-user folder
(``~/.cache/numba`` on Linux); if no folder is writable the kernels compile
in every process (tens of seconds, in the background thread). :func:`warm`
compiles them all once, e.g. after installing.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from types import ModuleType
from typing import Any

from mutinfo.exceptions import MissingDependencyError

__all__ = [
    "background_loading",
    "failed",
    "have_numba",
    "kernels",
    "ready",
    "settle",
    "start_loading",
    "wait_loaded",
    "warm",
]

_available: bool | None = None
#: Set by the loader thread once the kernels are imported and loaded.
_done = threading.Event()
_loader: threading.Thread | None = None
_error: BaseException | None = None
_lock = threading.Lock()
#: The kernel module, once the loader has finished without error.
_module: ModuleType | None = None
#: ``MUTINFO_BACKGROUND_LOAD=0`` turns the background loader off (one-shot tools).
_background = os.environ.get("MUTINFO_BACKGROUND_LOAD", "1") != "0"


def have_numba() -> bool:
    """Return whether numba can be imported (checked once, without importing it)."""
    global _available
    if _available is None:
        _available = importlib.util.find_spec("numba") is not None
    return _available


def background_loading(enabled: bool) -> bool:
    """Allow or forbid :func:`start_loading` in this process; return the old setting.

    A one-shot command that does a single search turns it off: it would pay
    for loading numba and never use it (the choice of path then counts only
    the work at hand, see :func:`mutinfo._neighbors.choose_algorithm`).
    ``mutinfo mi`` (``cmi``, ``entropy``) without ``--ci`` does so for its one
    estimate and restores the setting after it.
    """
    global _background
    previous = _background
    _background = bool(enabled)
    return previous


def ready() -> bool:
    """Return whether the compiled kernels can run now without waiting.

    True once the loader has finished, or when numba was imported by the
    process and no loader is running (the kernels then cost one cache read).
    """
    if _done.is_set():
        return _error is None
    return _loader is None and "numba" in sys.modules


def failed() -> bool:
    """Return whether loading the kernels failed (``"auto"`` then keeps the tree)."""
    return _done.is_set() and _error is not None


def _load() -> None:
    """Import numba and the kernels; load (or compile) the signatures mutinfo uses."""
    global _error
    try:
        import numpy as np

        from mutinfo._neighbors import _kernels, _pairs

        # The fused pair kernel and the 1-D counts first (2-D KSG, matrices).
        x = np.arange(8.0)
        y = np.sin(x)
        order = np.arange(8, dtype=np.int64)
        _pairs.ksg_counts(x, order, y, np.argsort(y).astype(np.int64), 1, 2.0)
        _kernels.sorted_count(x, np.ones(8), True)
        _kernels.argsort_values(y)
        # Per-label radii of Ross's mixed KSG (labels and one column).
        _kernels.grouped_kth(x, order % 2, order, np.array([4, 4]), 1)
        _pairs.ksg_counts_threaded(
            x, order, y, np.argsort(y).astype(np.int64), 1, 2.0, 2
        )
        dispatchers: tuple[Any, ...] = (
            _pairs.ksg_counts,
            _pairs._search,
            _kernels.sorted_count,
            _kernels.grouped_kth,
        )
        if any(kernel.stats.cache_misses for kernel in dispatchers):
            # No cache on disk (first use after installing, or a read-only
            # install): compile the grid kernels here too, in the background,
            # rather than in the first call that needs them (about 10 s).
            _load_grid()
            _load_tile()
    except BaseException as err:  # reported when the kernels are asked for
        _error = err
    finally:
        _done.set()


def _load_grid() -> None:
    """Load (or compile) the general grid kernels (kNN and counts in 2 to 8 D).

    Not part of the background load when the kernels are cached: they load on
    first use, on the calling thread (about 45 ms from the cache), so the
    loader ends sooner and never runs after the estimate that waited for it
    has returned (a load running while a caller's ``warnings.catch_warnings``
    block exits could leave that block's recorder installed). With no cache
    (the loader had to compile) the loader compiles them too (about 10 s), so
    no call pays that. :func:`warm` loads them too.
    """
    import numpy as np

    from mutinfo._neighbors import _kernels

    x = np.arange(8.0)
    # The general grid (kNN and counts in 2 to 8 dimensions), on one cell.
    for d in (2, 3):
        pts = np.column_stack([np.sin(x * (j + 1)) for j in range(d)])
        edges = np.tile([-np.inf, np.inf], (d, 1))
        one = np.ones(d, np.int64)
        spts, cc, start, order = _kernels.grid_build(pts, edges, one, one, 1)
        dist = np.empty((8, 1))
        idx = np.empty((8, 1), np.int64)
        out = np.empty(8, np.int64)
        if d == 2:
            _kernels.grid_knn2_rows(
                spts, cc, start, order, edges, one, 1, False, 0, 8, dist, idx
            )
            _kernels.grid_count2_rows(
                spts, start, order, edges, one, np.ones(8), True, 0, 8, out
            )
        else:
            _kernels.grid_knn_rows(
                spts, cc, start, order, edges, one, one, 1, False, 0, 8, dist, idx
            )
            _kernels.grid_kth3_rows(
                spts, cc, start, order, edges, one, 1, 0, 8, np.empty(8)
            )
        _kernels.grid_count_rows(
            spts, start, order, edges, one, one, np.ones(8), True, False, 0, 8, out
        )


def _load_tile() -> None:
    """Load (or compile) the all-pairs KSG tile kernel (matrices)."""
    import numpy as np

    from mutinfo._neighbors import _pairs

    block = np.asfortranarray(np.column_stack([np.arange(8.0), np.sin(np.arange(8.0))]))
    order = np.asfortranarray(np.argsort(block, axis=0).astype(np.int64))
    one = np.zeros(1, np.int64)
    _pairs.ksg_pair_values(
        block, order, np.arange(10.0), 1, 2.0, one, one + 1, np.empty(1)
    )


def _before_fork() -> None:
    # A child forked while the loader holds an import lock would deadlock on it.
    if _loader is not None and _loader.is_alive():
        _done.wait()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork)


def start_loading() -> bool:
    """Start loading numba and the kernels in a daemon thread (once per process).

    Returns whether a loader is running or has finished; False when numba is
    missing or background loading is off.
    """
    global _loader
    if not have_numba() or not _background:
        return _loader is not None
    with _lock:
        if _loader is None and not _done.is_set():
            _loader = threading.Thread(
                target=_load, name="mutinfo-numba-loader", daemon=True
            )
            _loader.start()
    return True


def wait_loaded(timeout: float | None = None) -> bool:
    """Wait up to ``timeout`` seconds for a running loader; return :func:`ready`."""
    if _loader is not None and threading.current_thread() is not _loader:
        _done.wait(timeout)
    return ready()


def settle() -> None:
    """Wait for a running loader to finish (no-op from the loader itself)."""
    if (
        _loader is not None
        and threading.current_thread() is not _loader
        and not _done.is_set()
    ):
        _done.wait()


def kernels() -> ModuleType:
    """Import and return :mod:`mutinfo._neighbors._kernels` (needs numba).

    Waits for a background loader first, so the kernels are never loaded by
    two threads at once.

    Raises
    ------
    MissingDependencyError
        If numba is not installed.
    """
    global _module
    if not have_numba():
        raise MissingDependencyError(
            "The 'grid' neighbour search needs numba: pip install numba "
            "(or pass algorithm='tree')."
        )
    if _module is not None and (_loader is None or _done.is_set()):
        return _module  # loaded and no loader running: no wait (called per draw)
    wait_loaded()
    if _error is not None and threading.current_thread() is not _loader:
        raise _error
    from mutinfo._neighbors import _kernels

    if _error is None and (_loader is None or _done.is_set()):
        _module = _kernels
    return _kernels


def warm() -> None:
    """Compile (or load) every kernel now, in this thread, and wait for it.

    Run once after installing (``python -c "from mutinfo._neighbors._jit
    import warm; warm()"``) so no process pays compilation; later processes
    only load the cache.
    """
    if not have_numba():
        raise MissingDependencyError(
            "Warming the compiled kernels needs numba: pip install numba."
        )
    if start_loading():
        wait_loaded()
    else:
        _load()
    if _error is not None:
        raise _error
    _load_grid()
    _load_tile()
