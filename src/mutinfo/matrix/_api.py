"""``mi_matrix``: all-pairs MI (or CMI given Z) of the columns of a table."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from mutinfo._neighbors._threads import kernel_threads
from mutinfo._parallel import blas_limited, entropy_of, execute, resolve_n_jobs
from mutinfo._params import (
    PERMUTATIONS,
    AnyOf,
    Bool,
    Interval,
    IsNone,
    Options,
    validate_params,
)
from mutinfo._result import check_base, unit_name
from mutinfo.exceptions import BiasWarning, InvalidParameterError, warn
from mutinfo.extend import recorded_warnings
from mutinfo.matrix._data import build_table
from mutinfo.matrix._kernels import N_CLASSES, Prepared, Warned, identifier_reason
from mutinfo.matrix._plan import DISCRETE, default_tile_size, prepare, probe
from mutinfo.matrix._progress import make_progress
from mutinfo.matrix._result import MIMatrix
from mutinfo.matrix._store import TileStore, check_store, data_digest
from mutinfo.matrix._tiles import TileOut, block_ranges, run_tile, tile_grid
from mutinfo.stats._fdr import FDR_METHODS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["mi_matrix"]

#: Distinct messages of one warning class shown in full before a summary line.
_SHOWN = 5


def _emit(warned: list[Warned], n_pairs: int) -> None:
    """Re-emit the warnings of all pairs once each, with a summary past a few."""
    by_class: dict[type[Warning], dict[str, None]] = defaultdict(dict)
    for category, message in warned:
        by_class[category][message] = None
    for category, messages in by_class.items():
        unique = list(messages)
        for message in unique[:_SHOWN]:
            warn(message, category)
        if len(unique) > _SHOWN:
            warn(
                f"{len(unique) - _SHOWN} more {category.__name__} messages for other "
                f"pairs of the {n_pairs}-pair matrix were left out; the first "
                f"{_SHOWN} are shown above.",
                category,
            )


#: Scores of the cells ``j`` of row ``i`` of the matrix, and which are flagged.
CellScore = Callable[[int, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _worst_cell(
    prep: Prepared, mi: np.ndarray, routed: np.ndarray, score: CellScore
) -> tuple[int, int, tuple[float, int, int] | None]:
    """Scan the upper triangle's cells of the classes ``routed`` marks, row by row.

    ``score(i, j, values)`` gives each finite cell's score and whether it is
    flagged. Returns the flagged and scanned cell counts and the flagged
    cell with the largest score, as ``(score, i, j)`` (None when none is).
    A row at a time: no p x p temporaries.
    """
    cls = prep.column_class
    count = total = 0
    worst: tuple[float, int, int] | None = None
    for i in range(len(cls) - 1):
        j = i + 1 + np.flatnonzero(routed[cls[i], cls[i + 1 :]])
        values = mi[i, j]
        keep = np.isfinite(values)
        j, values = j[keep], values[keep]
        if not j.size:
            continue
        scores, flagged = score(i, j, values)
        total += int(np.count_nonzero(np.isfinite(scores)))
        count += int(flagged.sum())
        if flagged.any():
            top = int(np.argmax(np.where(flagged, scores, -np.inf)))
            if worst is None or scores[top] > worst[0]:
                worst = (float(scores[top]), i, int(j[top]))
    return count, total, worst


def _ksg_small_n(prep: Prepared, mi: np.ndarray, names: list[Any]) -> list[Warned]:
    """KSG's small-sample ``BiasWarning`` for the ``ksg`` kernel's cells, once.

    The kernel skips ``KSG._mi``, whose :func:`mutinfo.estimators._guards.\
warn_small_n` reads the bias expected at n for the estimate; here it reads it
    for every such cell (``mi`` in nats) and warns once per matrix, for the
    cell with the largest material bias, saying how many cells have one.
    """
    from mutinfo.estimators._guards import (
        SMALL_N_FLOOR,
        largest_small_n_bias,
        small_n_biases,
        small_n_material,
        small_n_null_level,
        warn_small_n,
    )
    from mutinfo.estimators.knn import KNN_PARAMETERS

    est = prep.estimators.get("ksg")
    if est is None or prep.z is not None or prep.measure != "mi":
        return []
    params = est.get_params()
    default = int(KNN_PARAMETERS["n_neighbors"].default)
    if int(params["n_neighbors"]) != default or int(params.get("variant", 1)) != 1:
        return []
    fast = np.array(
        [
            [prep.route.get((a, b), ("", ""))[0] == "ksg" for b in range(N_CLASSES)]
            for a in range(N_CLASSES)
        ]
    )
    if not fast.any():
        return []
    n = prep.n_samples
    if largest_small_n_bias(2, n) <= SMALL_N_FLOOR:
        return []  # no estimate is materially biased at this n (from about 180)
    level = small_n_null_level(2, n)

    def material(
        _i: int, _j: np.ndarray, values: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        bias = -small_n_biases(2, n, values)
        return bias, small_n_material(bias, values + bias, values, level)

    count, total, worst = _worst_cell(prep, mi, fast, material)
    if worst is None:
        return []
    _, a, b = worst
    with recorded_warnings() as caught:
        warn_small_n(2, n, float(mi[a, b]), est.name)
    return [
        (
            w.category,
            f"{count} of the {total} KSG pairs; the most biased, columns "
            f"{names[a]!r} and {names[b]!r}: {w.message}",
        )
        for w in caught
    ]


def _binning_coarse(prep: Prepared, mi: np.ndarray, names: list[Any]) -> list[Warned]:
    """Binning's coarse-bins ``BiasWarning`` for the ``count`` kernel's cells, once.

    The kernel skips ``Binning.compute``, whose
    :func:`mutinfo.estimators.binning.check_coarse_bins` warns when a pair of
    continuous columns on the default bins is so dependent that binning loses
    much of it (``I / min(H_x, H_y)`` on the plug-in counts above
    ``COARSE_RATIO``). The kernel's value is that plug-in MI and the
    marginal plug-in entropies are prepared, so the ratio of every such cell
    is read here (``mi`` in nats), and one warning names the cell with the
    largest ratio and how many cells exceed it.
    """
    from mutinfo.estimators.binning import (
        COARSE_RATIO,
        coarse_bins_applies,
        coarse_bins_message,
    )

    est = prep.estimators.get("binning")
    if est is None or prep.z is not None or prep.measure != "mi":
        return []
    if not coarse_bins_applies(est.get_params(), prep.n_samples):
        return []
    binned = np.array(
        [
            [
                prep.route.get((a, b)) == ("count", "binning")
                and a // 2 != DISCRETE
                and b // 2 != DISCRETE
                for b in range(N_CLASSES)
            ]
            for a in range(N_CLASSES)
        ]
    )
    if not binned.any() or "entropy" not in prep.count:
        return []
    h = prep.count["entropy"]

    def share(
        i: int, j: np.ndarray, values: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        lower = np.minimum(h[i], h[j])
        ratio = np.where(lower > 0, values / np.where(lower > 0, lower, 1.0), np.nan)
        return ratio, np.nan_to_num(ratio, nan=0.0) > COARSE_RATIO

    count, total, worst = _worst_cell(prep, mi, binned, share)
    if worst is None:
        return []
    ratio, a, b = worst
    return [
        (
            BiasWarning,
            f"{count} of the {total} binned pairs of continuous columns; the "
            f"most dependent, columns {names[a]!r} and {names[b]!r}: "
            + coarse_bins_message(ratio, prep.n_samples),
        )
    ]


def _fingerprint(
    prep: Prepared,
    names: list[Any],
    size: int,
    n_permutations: int | None,
    stop_after: int | None = None,
) -> dict[str, Any]:
    """Return what identifies a run in its store: data, kinds, methods, tiling."""
    arrays = [c.values for c in prep.columns]
    if prep.z is not None:
        arrays.append(prep.z.values)
    return {
        "measure": prep.measure,
        "columns": [str(c) for c in names],
        "n_samples": prep.n_samples,
        "data": data_digest(*arrays),
        "discrete": [bool(c.discrete[0]) for c in prep.columns],
        "z_discrete": None if prep.z is None else [bool(d) for d in prep.z.discrete],
        "routes": sorted(
            f"{a},{b}:{kernel}:{name}" for (a, b), (kernel, name) in prep.route.items()
        ),
        "estimators": {
            k: {p: repr(v) for p, v in e.get_params().items() if p != "rng"}
            for k, e in sorted(prep.estimators.items())
        },
        "families": None
        if prep.families is None
        else {
            "names": prep.families.names,
            "codes": data_digest(prep.families.codes),
        },
        "tile_size": size,
        "n_permutations": n_permutations,
        **({} if stop_after is None else {"stop_after": stop_after}),
    }


@validate_params(
    {
        "pvalues": Bool(),
        "n_permutations": PERMUTATIONS,
        "fdr": AnyOf((IsNone(), Options(FDR_METHODS))),
        "tile_size": AnyOf((IsNone(), Interval(int, 1, None))),
        "stop_after": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def mi_matrix(
    data: Any,
    *,
    columns: Any = None,
    z: Any = None,
    method: Any = "auto",
    pvalues: bool = False,
    n_permutations: int = 1000,
    fdr: str | None = None,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    n_jobs: int | None = None,
    client: Any = None,
    progress: Any = False,
    rng: Any = None,
    store: Any = None,
    tile_size: int | None = None,
    stop_after: int | None = None,
    **method_params: Any,
) -> MIMatrix:
    """Estimate the mutual information of every pair of columns of a table.

    Each pair gets the estimator for its kinds (``method="auto"``: the registry
    rule of :func:`mutinfo.estimate`, including, for a pair of label columns,
    the counting family chosen by how well its table is sampled), recorded
    per pair in ``.methods``. Fast
    paths are chosen automatically and give the registered estimator's numbers:
    ``gaussian`` and ``gaussian_copula`` for all pairs as matrix algebra,
    ``plugin`` by joint counting of one-hot blocks, ``ksg`` with each column
    standardised and given its tie-breaking noise once. Work runs in square
    tiles of column pairs on local threads or processes, or on a Dask cluster.

    Parameters
    ----------
    data : array-like of shape (n_samples, n_columns) or DataFrame
        The table: numpy array, list of rows, pandas or polars DataFrame.
    columns : list, optional
        Column names (DataFrame) or indices (array) to include; default all
        (except those used as ``z``).
    z : array-like or list of column names, optional
        Condition every pair on Z: the matrix holds ``I(X_i; X_j | Z)``. A
        selected column that is also a column of Z (equal values, or labels
        that relabel it) raises InvalidParameterError: its conditional MI with
        every column is 0 by definition.
    method : str or Estimator, default='auto'
        A registry name, ``"auto"`` (per pair, by kinds) or an estimator object.
    pvalues : bool, default=False
        Also compute permutation p-values of independence per pair
        (:func:`mutinfo.independence_test`; conditional given ``z``).
    n_permutations : int, default=1000
        Permutations per pair for ``pvalues``.
    fdr : {'bh', 'by', 'bonferroni'} or None, default=None
        Adjust the p-values of the upper triangle for multiple testing
        (:func:`mutinfo.stats.fdr`) into ``.q_values``; needs ``pvalues=True``.
    base : float, default=math.e
        Logarithm base of the values (2 for bits).
    discrete : 'auto', bool or list of bool, default='auto'
        Which columns are discrete: from the dtypes, one bool for all, or one
        bool per selected column.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops every row with a missing value in a selected column or Z.
        Each column's kind (labels or numbers, for integers) is decided on the
        rows where that column is present, as :func:`mutinfo.column_kinds` and
        :func:`mutinfo.report` decide it, not on the rows left.
    n_jobs : int or None, default=None
        Local workers (None: every usable core, or one when called from a
        thread other than the main one, capped by
        :func:`mutinfo._neighbors.thread_limit` or ``MUTINFO_NUM_THREADS``;
        -1: all cores). The values do not depend on it. BLAS runs one thread
        per worker meanwhile (threadpoolctl, when installed). Ignored with
        ``client``.
    client : dask.distributed.Client, optional
        Run the tiles on this Dask cluster; the data travel to the workers once.
    progress : bool or callable, default=False
        ``True`` shows a progress bar (tqdm when installed); a callable receives
        ``(tiles_done, tiles_total)``.
    rng : None, int or numpy.random.Generator, default=None
        Root seed. Every pair draws from its own stream,
        ``SeedSequence(entropy, spawn_key=(stream, i * n_columns + j))``, so the
        result does not depend on ``n_jobs``, ``client`` or interruptions.
    store : path, optional
        A folder to stream finished tiles to (Parquet, needs pyarrow). Calling
        again with the same data, settings and folder resumes: finished tiles
        are verified and read back, only the rest is computed. The folder's
        ``manifest.json`` identifies the matrix (data digest, columns and kinds,
        methods and parameters, tiling, seed); each tile file carries the run's
        id and a checksum of its pairs and values. A tile that fails any check
        (another run's, rows missing, values altered, unreadable) stops the
        call with an error naming the file; other files are ignored.
    tile_size : int, optional
        Columns per tile side; default from the number of columns only (8 to
        512). Memory is the output plus one tile per worker.
    stop_after : int, optional
        Sequential p-values (Besag and Clifford 1991; needs ``pvalues=True``):
        a pair's permutations stop once ``stop_after`` null values have
        reached its estimate, with p-value ``stop_after / draws``. An exact
        test like the full one; a pair that never stops (p-value at most
        ``stop_after / (n_permutations + 1)``; a stopped one has at least
        ``stop_after / n_permutations``) gets the full test's
        p-value exactly, from the same draws. Independent pairs then cost
        about ``stop_after * (1 + ln(n_permutations / stop_after))``
        permutations instead of ``n_permutations``; ``stop_after=10`` is
        Besag and Clifford's choice. See
        :func:`mutinfo.independence_test`.
    **method_params
        Parameters of the method (``n_neighbors=5``, ...). With
        ``method="auto"`` each resolved family takes the ones it declares.

    Returns
    -------
    MIMatrix
        ``.mi``, ``.p_values``, ``.q_values``, ``.methods`` (DataFrames indexed
        by column name), ``.not_estimated`` (the pairs left NaN, with the
        reason) and ``.to_long()``.

    Raises
    ------
    InvalidParameterError
        For a bad option, or a ``store`` folder that holds another run.
    InvalidDataError
        For unusable data (see :func:`mutinfo.estimate`), or a ``store`` tile
        file that fails verification (the message names it).

    Notes
    -----
    Values are in ``base`` units and never clipped (see :func:`mutinfo.mi`).
    The diagonal is NaN: ``I(X; X) = H(X)`` is not estimated. The Gaussian fast
    path reports a pair of linearly dependent columns as ``inf`` with a
    :class:`~mutinfo.exceptions.DataWarning` (the per-pair estimator raises).
    KSG columns receive their tie-breaking noise once per column rather than
    once per pair, from the column's own stream; the estimates equal the
    registered KSG's up to that noise (1e-10 of the scale). The default tiling
    depends only on the number of columns, so a run gives bit-identical numbers
    on any number of local workers or on a cluster; another ``tile_size`` may
    change the last digit of matrix-algebra results (floating-point summation
    order). Warnings of individual pairs are collected and shown once each.
    A label column with a different value on every row (a row ID) is not
    estimated under any method: no label repeats, so the plug-in (and every
    entropy-based family) would score its pair with any column that column's
    entropy, the largest value it can give, and Ross's ``mixed_ksg`` has
    nothing to count. Its cells are NaN (no p-value; the FDR adjustment runs
    over the pairs tested), one :class:`~mutinfo.exceptions.DataWarning` names
    the column and the fix (``discrete={name: False}`` for a measurement;
    otherwise drop it), and ``.not_estimated`` lists the pairs; every other
    cell is the one the matrix without it gives. An explicit
    ``discrete={name: True}`` reads it as labels, so its cells stay NaN (as
    :func:`mutinfo.selection.forward_selection` leaves it out). Any other
    failure of a pair is an error that names its two columns.

    Examples
    --------
    >>> import numpy as np, pandas as pd, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> a = rng.normal(size=2000)
    >>> df = pd.DataFrame(
    ...     {"a": a, "b": a + rng.normal(size=2000), "c": rng.normal(size=2000)}
    ... )
    >>> m = mt.mi_matrix(df, method="gaussian")
    >>> round(float(m.mi.loc["a", "b"]), 2)  # truth: 0.5 ln 2 = 0.35
    0.34
    >>> bool(abs(m.mi.loc["a", "c"]) < 0.01)  # independent: truth 0
    True
    >>> m.to_long()[["x", "y", "method"]].values.tolist()[0]
    ['a', 'b', 'gaussian']
    """
    import pandas as pd

    base = check_base(base)
    n_perm = int(n_permutations) if pvalues else None
    stop = None if stop_after is None else int(stop_after)
    if stop is not None and not pvalues:
        raise InvalidParameterError(
            f"The 'stop_after' parameter of mi_matrix() stops the permutations of "
            f"the p-values, so it needs pvalues=True. Got stop_after={stop} with "
            "pvalues=False."
        )
    if fdr is not None and not pvalues:
        raise InvalidParameterError(
            f"The 'fdr' parameter of mi_matrix() adjusts p-values, so it needs "
            f"pvalues=True. Got fdr={fdr!r} with pvalues=False."
        )
    size_given = None if tile_size is None else int(tile_size)
    if store is not None:
        check_store(store)
    if client is not None:
        workers = 1
    elif n_jobs is None:
        # All usable cores (one when called from a worker thread), capped by
        # mutinfo._neighbors.thread_limit / MUTINFO_NUM_THREADS.
        workers = kernel_threads(None)
    else:
        workers = resolve_n_jobs(n_jobs)

    table = build_table(
        data, columns=columns, z=z, discrete=discrete, nan_policy=nan_policy
    )
    names = table.names
    p = len(names)
    seed: int | None = None
    if rng is None and store is not None:
        # The stored seed (or a fresh one), known before the columns are
        # prepared: KSG draws each column's tie-breaking noise from it, so a
        # resumed run must prepare them as the run that wrote the folder did.
        seed = TileStore.stored_entropy(store)
    if seed is None:
        seed = entropy_of(rng)
    prep = prepare(
        table,
        method=method,
        params=method_params,
        entropy=seed,
        workers=workers,
        draws=1 + (n_perm or 0),
        sampling=True,
    )
    present = np.unique(prep.column_class).tolist()
    used = {prep.route[(a, b)][0] for a in present for b in present}
    size = size_given or default_tile_size(p, used)
    tiles = tile_grid(p, size)
    ranges = block_ranges(p, size)
    tile_store = None
    if store is not None:
        grid = {
            (a, b): (
                (ranges[a][0], ranges[b][0]),
                (_width(ranges[a]), _width(ranges[b])),
            )
            for a, b in tiles
        }
        tile_store = TileStore(
            store,
            _fingerprint(prep, names, size, n_perm, stop),
            seed,
            grid=grid,
            pvalues=n_perm is not None,
        )
        prep.entropy = tile_store.entropy
    probe(prep)

    finished: dict[tuple[int, int], TileOut] = {}
    if tile_store is not None:
        finished = tile_store.load()
    todo = [t for t in tiles if t not in finished]

    # Families whose per-pair work releases the GIL run on local threads.
    threads = all(type(e).thread_safe for e in prep.estimators.values())
    backend: Literal["threads", "processes"] = "threads" if threads else "processes"
    func = functools.partial(
        run_tile,
        prep=prep,
        size=size,
        n_permutations=n_perm,
        stop_after=stop,
    )
    callback, close = make_progress(progress, len(tiles))
    already = len(finished)

    def report(done: int, _total: int) -> None:
        if callback is not None:
            callback(already + done, len(tiles))

    slots = workers
    if client is not None:
        slots = max(1, sum(client.nthreads().values()))
    if client is not None and tile_store is None:
        batches = [todo]  # one submission: the data travel to the workers once
    else:
        # Finished tiles are folded into the output batch by batch, so memory is
        # the output plus the tiles in flight.
        step = max(1, 2 * slots)
        batches = [todo[k : k + step] for k in range(0, len(todo), step)]
    mi = np.full((p, p), np.nan)
    pv = None if n_perm is None else np.full((p, p), np.nan)
    warned: list[Warned] = list(prep.notes)

    def fold(out: TileOut) -> None:
        a0, b0 = ranges[out.tile[0]][0], ranges[out.tile[1]][0]
        _fold(mi, a0, b0, out.values)
        if pv is not None and out.p_values is not None:
            _fold(pv, a0, b0, out.p_values)
        warned.extend(out.warned)

    for out in finished.values():
        fold(out)
    finished.clear()
    try:
        with recorded_warnings() as caught, blas_limited(workers):
            for batch in batches:
                seen = len(caught)
                results = execute(
                    func,
                    batch,
                    entropy=prep.entropy,
                    n_jobs=workers,
                    tile_size=1,
                    backend=backend,
                    client=client,
                    progress=report,
                )
                # Warnings raised in this batch's tiles go into each of its
                # stored tiles (the batch is written together), so a resumed
                # run warns as this one does (repeats are shown once).
                raised = [(w.category, str(w.message)) for w in caught[seen:]]
                for out in results:
                    if tile_store is not None:
                        tile_store.write(out, raised)
                    fold(out)
                del results
                already += len(batch)
    finally:
        close()
    warned.extend((w.category, str(w.message)) for w in caught)
    warned.extend(_ksg_small_n(prep, mi, names))
    warned.extend(_binning_coarse(prep, mi, names))
    mi *= 1.0 / math.log(base)
    index = pd.Index(names)
    p_frame = q_frame = None
    if pv is not None:
        p_frame = pd.DataFrame(pv, index=index, columns=index)
        if fdr is not None:
            from mutinfo.stats import fdr as adjust

            upper = np.triu_indices(p, k=1)
            # over the pairs tested: a pair not estimated has no test
            tested = ~np.isnan(pv[upper])
            cells = (upper[0][tested], upper[1][tested])
            q = np.full((p, p), np.nan)
            q[cells] = adjust(pv[cells], method=fdr)
            q.T[cells] = q[cells]
            q_frame = pd.DataFrame(q, index=index, columns=index)
    _emit(warned, p * (p - 1) // 2)
    return MIMatrix(
        mi=pd.DataFrame(mi, index=index, columns=index),
        p_values=p_frame,
        q_values=q_frame,
        methods=_method_frame(prep, index, mi),
        measure=prep.measure,
        unit=unit_name(base),
        n_samples=prep.n_samples,
        not_estimated=_not_estimated(prep, mi, index),
    )


def _not_estimated(prep: Prepared, mi: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """Return the pairs left NaN (upper triangle), with the reason of each."""
    import pandas as pd

    iu, ju = np.triu_indices(mi.shape[0], k=1)
    empty = np.isnan(mi[iu, ju])
    rows = []
    for i, j in zip(iu[empty].tolist(), ju[empty].tolist(), strict=True):
        ident = prep.identifier_of(i, j)
        reason = (
            "the estimate is NaN" if ident is None else identifier_reason(prep, ident)
        )
        rows.append({"x": index[i], "y": index[j], "reason": reason})
    return pd.DataFrame(rows, columns=["x", "y", "reason"], dtype=object)


def _blank_identifiers(
    prep: Prepared, mi: np.ndarray, codes_of: dict[int, np.ndarray]
) -> bool:
    """Set the method code of pairs not estimated (a row identifier) to ''.

    Such a pair ran no method, as the diagonal; its cell read the method its
    column classes route to ('mixed_ksg' next to the NaN). Returns whether any
    cell changed.
    """
    iu, ju = np.triu_indices(mi.shape[0], k=1)
    empty = np.isnan(mi[iu, ju])
    changed = False
    for i, j in zip(iu[empty].tolist(), ju[empty].tolist(), strict=True):
        if prep.identifier_of(i, j) is not None:
            codes_of[j][i] = 0
            codes_of[i][j] = 0
            changed = True
    return changed


def _width(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _fold(target: np.ndarray, a0: int, b0: int, values: np.ndarray) -> None:
    """Write a tile's pairs ``i < j`` into ``target`` and their mirror images."""
    rows = np.arange(a0, a0 + values.shape[0])[:, None]
    cols = np.arange(b0, b0 + values.shape[1])[None, :]
    upper = rows < cols
    block = target[a0 : a0 + values.shape[0], b0 : b0 + values.shape[1]]
    block[upper] = values[upper]
    mirror = target[b0 : b0 + values.shape[1], a0 : a0 + values.shape[0]]
    mirror[upper.T] = values.T[upper.T]


def _method_frame(
    prep: Prepared, index: pd.Index, mi: np.ndarray | None = None
) -> pd.DataFrame:
    """Return the method name of every pair as a frame of categorical columns.

    Looked up by column class (vectorised); the categorical codes take one
    byte a pair, where an object frame would take a pointer (8 bytes) a pair:
    3.2 GB for 20,000 columns.
    """
    import pandas as pd

    cls = prep.column_class
    size = np.bincount(cls, minlength=N_CLASSES)
    used = {
        name
        for (a, b), (_, name) in prep.route.items()
        if size[a] and size[b] and (a != b or size[a] >= 2)
    }
    fam = prep.families
    discrete = np.array([c.discrete[0] for c in prep.columns], dtype=bool)
    pair_codes = None
    if fam is not None and "plugin" in used:
        # pairs of discrete columns: the family auto gave each pair
        present = fam.codes[np.triu_indices(fam.codes.shape[0], k=1)]
        used.discard("plugin")
        used.update(fam.names[c] for c in np.unique(present).tolist())
    categories = ["", *sorted(used)]  # exactly the methods that ran
    lookup = np.zeros(N_CLASSES * N_CLASSES, dtype=np.int8)
    for (a, b), (_, name) in prep.route.items():
        if name in used:
            lookup[a * N_CLASSES + b] = categories.index(name)
    if fam is not None:
        remap = np.array(
            [categories.index(n) if n in used else 0 for n in fam.names], dtype=np.int8
        )
        pair_codes = remap[fam.codes]
    codes_of: dict[int, np.ndarray] = {}
    for c in range(cls.size):
        codes = lookup[cls * N_CLASSES + cls[c]]
        if fam is not None and pair_codes is not None and discrete[c]:
            codes[discrete] = pair_codes[fam.position[c], fam.position[discrete]]
        codes[c] = 0
        codes_of[c] = codes
    if mi is not None and _blank_identifiers(prep, mi, codes_of):
        # the categories stay exactly the methods that ran
        ran = np.unique(np.concatenate([np.unique(v) for v in codes_of.values()]))
        keep = sorted({0, *ran.tolist()})
        remap = np.zeros(len(categories), dtype=np.int8)
        remap[keep] = np.arange(len(keep), dtype=np.int8)
        categories = [categories[k] for k in keep]
        codes_of = {c: remap[v] for c, v in codes_of.items()}
    dtype = pd.CategoricalDtype(categories)
    columns = {
        c: pd.Categorical.from_codes(codes, dtype=dtype)
        for c, codes in codes_of.items()
    }
    frame = pd.DataFrame(columns, index=index, copy=False)
    frame.columns = index
    return frame
