"""The shared executor: run a function over work items, locally or on Dask.

Every piece of mutinfo that repeats one computation many times (permutations
and resamples in :mod:`mutinfo.stats`, pairs in all-pairs matrices) calls
:func:`execute` and nothing else, so that

- work is cut into *tiles* of consecutive items, and one tile function runs a
  tile the same way on the calling thread, on a local thread or process pool,
  or on a ``dask.distributed`` cluster;
- randomness is derived per *item*, never per tile or per worker: item ``i``
  gets ``numpy.random.default_rng(SeedSequence(entropy, spawn_key=(i,)))``, so
  the results are identical for any ``n_jobs``, ``tile_size``, backend or
  cluster;
- a progress callback hears about every finished tile, on the calling thread.

The API in one example::

    from mutinfo._parallel import execute, entropy_of


    def one(item, rng):  # item: items[i]; rng: the Generator of item i
        return float(rng.normal() + item)


    values = execute(one, [0.0, 1.0, 2.0], entropy=entropy_of(0), n_jobs=2)

``one`` must be picklable for ``backend="processes"`` and for ``client=``
(a module-level function, or a :func:`functools.partial` of one, carrying its
data as arguments).
"""

from __future__ import annotations

import contextlib
import math
import numbers
import os
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from typing import Any, Literal, TypeVar

import numpy as np

from mutinfo._params import check_rng
from mutinfo.exceptions import InvalidParameterError, MissingDependencyError

__all__ = [
    "blas_limited",
    "content_key",
    "distinct_keys",
    "entropy_of",
    "execute",
    "item_rng",
    "resolve_n_jobs",
]

T = TypeVar("T")
R = TypeVar("R")

#: ``progress(done, total)``: ``done`` items of ``total`` have finished.
Progress = Callable[[int, int], None]
Backend = Literal["threads", "processes"]


def entropy_of(rng: Any) -> int:
    """Draw the root entropy of a run from ``rng`` (None, int or Generator).

    The same ``rng`` seed gives the same entropy, hence the same per-item
    streams; a Generator advances by one draw.

    Examples
    --------
    >>> entropy_of(0) == entropy_of(0)
    True
    """
    return int(check_rng(rng).integers(0, 2**63 - 1))


def content_key(*arrays: Any) -> int:
    """Return a 64-bit digest of the values of ``arrays`` (dtype and shape included).

    Keys a random stream by what an item holds rather than where it sits, so a
    column or a series gets the same stream in any table or order. Numeric
    arrays are read as their bytes; others (strings, objects) through
    ``pandas.util.hash_array``, which is deterministic across processes.

    Examples
    --------
    >>> import numpy as np
    >>> content_key(np.arange(3.0)) == content_key(np.arange(3.0))
    True
    >>> content_key(np.arange(3.0)) == content_key(np.arange(3))
    False
    """
    import hashlib

    digest = hashlib.blake2b(digest_size=8)
    for array in arrays:
        raw = np.ascontiguousarray(array)
        digest.update(str((raw.dtype.str, raw.shape)).encode())
        if raw.dtype.kind in "biufc":
            digest.update(raw.tobytes())
        else:
            import pandas as pd

            digest.update(pd.util.hash_array(raw.ravel().astype(object)).tobytes())
    return int.from_bytes(digest.digest(), "little")


def distinct_keys(keys: Sequence[int]) -> list[int]:
    """Return ``keys`` with every repeat of a key replaced by a key of its own.

    The first item of each key keeps it; the ``m``-th repeat (``m >= 1``, in
    the order given) gets ``content_key([key, m])``. Items of identical content
    (duplicated columns) thus draw from independent streams, as separate
    variables would, while an item without a duplicate keeps its plain content
    key, whatever else the table holds. Swapping two identical items swaps
    their streams; as their values are the same, only which copy gets which
    draws changes.

    Examples
    --------
    >>> distinct_keys([5, 7])
    [5, 7]
    >>> a, b, c = distinct_keys([5, 5, 7])
    >>> a == 5 and b not in (5, 7) and c == 7
    True
    """
    seen: dict[int, int] = {}
    out = []
    for key in keys:
        m = seen.get(key, 0)
        seen[key] = m + 1
        out.append(key if m == 0 else content_key(np.array([key, m], dtype=np.uint64)))
    return out


def item_rng(entropy: int, index: int) -> np.random.Generator:
    """Return the random generator of work item ``index`` under root ``entropy``.

    ``default_rng(SeedSequence(entropy, spawn_key=(index,)))``: independent
    streams per item, whatever runs the item.

    Examples
    --------
    >>> a = item_rng(7, 3).integers(1000)
    >>> b = item_rng(7, 3).integers(1000)
    >>> bool(a == b)
    True
    """
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(index,)))


def blas_limited(workers: int) -> contextlib.AbstractContextManager[Any]:
    """Hold BLAS and OpenMP pools to one thread while ``workers`` > 1 threads run.

    ``workers`` threads each calling a BLAS that starts one thread per core
    oversubscribe the machine (4x slow-downs were measured on 2 cores). Uses
    threadpoolctl when installed; otherwise does nothing.
    """
    if workers <= 1:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        return contextlib.nullcontext()
    limits: contextlib.AbstractContextManager[Any] = threadpool_limits(limits=1)
    return limits


def resolve_n_jobs(n_jobs: Any) -> int:
    """Turn ``n_jobs`` into a worker count (None: 1; -1: all cores; -2: all but one).

    Examples
    --------
    >>> resolve_n_jobs(None), resolve_n_jobs(3)
    (1, 3)
    """
    if n_jobs is None:
        return 1
    if (
        isinstance(n_jobs, bool)
        or not isinstance(n_jobs, numbers.Integral)
        or n_jobs == 0
    ):
        raise InvalidParameterError(
            "The 'n_jobs' parameter must be None, a positive int, or a negative int "
            f"(-1 for all cores, -2 for all but one). Got {n_jobs!r} instead."
        )
    cores = os.cpu_count() or 1
    n = int(n_jobs)
    return n if n > 0 else max(1, cores + 1 + n)


#: A warning raised in a worker process: its class and message.
Caught = tuple[type[Warning], str]


def _run_tile(
    func: Callable[[Any, np.random.Generator], R],
    items: Sequence[Any],
    start: int,
    entropy: int,
    quiet: tuple[type[Warning], ...],
    caller: int | None = None,
) -> tuple[list[R], list[Caught]]:
    """Run ``func`` on ``items`` (indices ``start, start + 1, ...``): one tile.

    ``caller``: the process id of the caller. A tile that runs in another
    process (a process pool, a Dask worker process) records its warnings and
    returns them, for the caller to raise: they would otherwise go to the
    worker's stderr and never reach the caller. A tile on a thread of the
    caller's process records nothing (its warnings reach the caller's filters
    and handlers directly; recording would swap the process-wide warning state
    under other threads).
    """
    record = caller is not None and os.getpid() != caller
    recorder = (
        warnings.catch_warnings(record=True) if record else contextlib.nullcontext()
    )
    with recorder as caught:
        if record:
            warnings.simplefilter("always")
        with warnings.catch_warnings() if quiet else contextlib.nullcontext():
            for category in quiet:
                warnings.simplefilter("ignore", category)
            out = [
                func(item, item_rng(entropy, start + j)) for j, item in enumerate(items)
            ]
    return out, [(w.category, str(w.message)) for w in caught or ()]


def _raise_caught(caught: list[Caught]) -> None:
    """Raise the warnings recorded in worker processes, each distinct one once."""
    from mutinfo.exceptions import warn

    for category, message in dict.fromkeys(caught):
        warn(message, category)


def _tiles(n_items: int, tile_size: int) -> list[tuple[int, int]]:
    return [(s, min(s + tile_size, n_items)) for s in range(0, n_items, tile_size)]


def _check_tile_size(tile_size: Any, n_items: int, workers: int) -> int:
    if tile_size is None:
        # About four tiles per worker balances the load without much overhead.
        return max(1, math.ceil(n_items / (4 * workers)))
    if (
        isinstance(tile_size, bool)
        or not isinstance(tile_size, numbers.Integral)
        or tile_size < 1
    ):
        raise InvalidParameterError(
            "The 'tile_size' parameter must be None or a positive int. "
            f"Got {tile_size!r} instead."
        )
    return int(tile_size)


def execute(
    func: Callable[[T, np.random.Generator], R],
    items: Sequence[T],
    *,
    entropy: int,
    n_jobs: int | None = None,
    tile_size: int | None = None,
    backend: Backend = "threads",
    client: Any = None,
    progress: Progress | None = None,
    quiet: tuple[type[Warning], ...] = (),
    offset: int = 0,
) -> list[R]:
    """Run ``func(item, rng)`` over ``items`` and return the results in order.

    Parameters
    ----------
    func : callable ``(item, rng) -> result``
        The work of one item. ``rng`` is the item's own
        ``numpy.random.Generator`` (see :func:`item_rng`); use it for every
        random draw so that results do not depend on how the work is split.
        Must be picklable for ``backend="processes"`` and ``client``.
    items : sequence
        The work items (a permutation index, a pair of columns, ...). Item
        ``items[i]`` always gets the stream of index ``i``.
    entropy : int
        Root entropy of the run, for example ``entropy_of(rng)``.
    n_jobs : int or None, default=None
        Local workers: None or 1 runs on the calling thread; -1 uses every core.
        Ignored when ``client`` is given.
    tile_size : int or None, default=None
        Items per tile (one task). None: about four tiles per worker.
    backend : {'threads', 'processes'}, default='threads'
        The local pool. Threads suit numpy/scipy kernels that release the GIL
        (kNN queries, sorting); processes suit pure-Python work.
    client : dask.distributed.Client or None, default=None
        Run the tiles on this Dask cluster instead (``func`` is scattered once
        to the workers).
    progress : callable ``(done, total) -> None`` or None, default=None
        Called on the calling thread after each tile finishes, with the number
        of finished items and the total.
    quiet : tuple of Warning classes, default=()
        Warning categories to ignore while the items run (for example the
        bias warnings of thousands of null-distribution estimates). Other
        warnings of items run in worker processes (process pool, Dask worker
        processes) are recorded there and raised here, each distinct one once;
        on the caller's threads they are raised directly.
    offset : int, default=0
        Stream index of the first item: ``items[i]`` gets the stream of index
        ``offset + i``. A run split into consecutive calls (a sequential test
        that stops early) draws exactly what one call over all items would.

    Returns
    -------
    list
        ``[func(items[0], item_rng(entropy, offset)), func(items[1], ...), ...]``,
        identical for any ``n_jobs``, ``tile_size``, ``backend`` or ``client``.

    Raises
    ------
    InvalidParameterError
        For a bad ``n_jobs``, ``tile_size`` or ``backend``.
    MissingDependencyError
        When ``client`` is given and ``dask.distributed`` is not installed.

    Examples
    --------
    >>> def draw(scale, rng):
    ...     return float(scale * rng.uniform())
    >>> a = execute(draw, [1.0, 10.0, 100.0], entropy=5)
    >>> b = execute(draw, [1.0, 10.0, 100.0], entropy=5, n_jobs=2, tile_size=1)
    >>> a == b
    True
    """
    if backend not in ("threads", "processes"):
        raise InvalidParameterError(
            "The 'backend' parameter must be 'threads' or 'processes'. "
            f"Got {backend!r} instead."
        )
    items = list(items)
    n_items = len(items)
    workers = 1 if client is not None else resolve_n_jobs(n_jobs)
    size = _check_tile_size(tile_size, n_items, workers)
    if n_items == 0:
        return []
    tiles = _tiles(n_items, size)
    if client is not None:
        return _execute_dask(
            func, items, tiles, entropy, client, progress, quiet, offset
        )
    if workers == 1 or len(tiles) == 1:
        out: list[R] = []
        for start, stop in tiles:
            out.extend(
                _run_tile(func, items[start:stop], offset + start, entropy, quiet)[0]
            )
            if progress is not None:
                progress(len(out), n_items)
        return out
    pool: Executor
    if backend == "threads":
        # Warning filters are process-wide; set them once here, not per thread.
        with warnings.catch_warnings():
            for category in quiet:
                warnings.simplefilter("ignore", category)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return _collect(pool, func, items, tiles, entropy, (), progress, offset)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _collect(pool, func, items, tiles, entropy, quiet, progress, offset)


def _collect(
    pool: Executor,
    func: Callable[[Any, np.random.Generator], R],
    items: list[Any],
    tiles: list[tuple[int, int]],
    entropy: int,
    quiet: tuple[type[Warning], ...],
    progress: Progress | None,
    offset: int = 0,
) -> list[R]:
    caller = os.getpid()
    futures: dict[Future[tuple[list[R], list[Caught]]], int] = {
        pool.submit(_run_tile, func, items[a:b], offset + a, entropy, quiet, caller): k
        for k, (a, b) in enumerate(tiles)
    }
    results: list[tuple[list[R], list[Caught]] | None] = [None] * len(tiles)
    done = 0
    try:
        for fut in as_completed(futures):
            k = futures[fut]
            results[k] = fut.result()
            done += tiles[k][1] - tiles[k][0]
            if progress is not None:
                progress(done, len(items))
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise
    return _unpack(results)


def _unpack(results: list[tuple[list[R], list[Caught]] | None]) -> list[R]:
    """Concatenate the tiles' results; raise their recorded warnings once each."""
    _raise_caught([w for tile in results if tile is not None for w in tile[1]])
    return [r for tile in results if tile is not None for r in tile[0]]


def _execute_dask(
    func: Callable[[Any, np.random.Generator], R],
    items: list[Any],
    tiles: list[tuple[int, int]],
    entropy: int,
    client: Any,
    progress: Progress | None,
    quiet: tuple[type[Warning], ...],
    offset: int = 0,
) -> list[R]:
    try:
        from distributed import as_completed as dask_as_completed
    except ImportError:  # pragma: no cover - dask is an optional extra
        raise MissingDependencyError(
            "Running on a Dask 'client' needs dask.distributed: "
            'pip install "mutinfo[dask]"'
        ) from None
    # hash=False: a unique key per call. With content hashing, back-to-back runs
    # of the same function share one key, and releasing the first run's copy
    # can cancel the next run's tasks ("lost dependencies").
    [func_future] = client.scatter([func], broadcast=True, hash=False)
    futures = [
        client.submit(
            _run_tile,
            func_future,
            items[a:b],
            offset + a,
            entropy,
            quiet,
            os.getpid(),
            pure=False,
        )
        for a, b in tiles
    ]
    index = {fut.key: k for k, fut in enumerate(futures)}
    results: list[tuple[list[R], list[Caught]] | None] = [None] * len(tiles)
    done = 0
    try:
        for fut in dask_as_completed(futures):  # type: ignore[no-untyped-call]
            k = index[fut.key]
            results[k] = fut.result()
            done += tiles[k][1] - tiles[k][0]
            if progress is not None:
                progress(done, len(items))
    finally:
        for fut in futures:
            fut.release()
    return _unpack(results)
