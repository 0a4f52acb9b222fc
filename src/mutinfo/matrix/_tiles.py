"""Tiles: square blocks of column pairs, the unit of work, storage and resumption."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo.matrix._kernels import (
    KERNELS,
    N_CLASSES,
    STREAM_PAIR,
    STREAM_TEST,
    Prepared,
    Warned,
    identifier_pairs,
)

__all__ = ["TileOut", "block_ranges", "pair_p_value", "run_tile", "tile_grid"]


@dataclass
class TileOut:
    """Values of the pairs ``i < j`` of one tile (NaN elsewhere) and its warnings."""

    tile: tuple[int, int]
    values: NDArray[np.float64]
    p_values: NDArray[np.float64] | None
    warned: list[Warned]


def block_ranges(p: int, size: int) -> list[tuple[int, int]]:
    """Column ranges ``[start, stop)`` of ``size`` columns."""
    return [(s, min(s + size, p)) for s in range(0, p, size)]


def tile_grid(p: int, size: int) -> list[tuple[int, int]]:
    """Block index pairs ``(a, b)`` with ``a <= b``: the tiles of the upper triangle."""
    m = len(block_ranges(p, size))
    return [(a, b) for a in range(m) for b in range(a, m)]


def pair_p_value(
    prep: Prepared,
    i: int,
    j: int,
    n_permutations: int,
    stop_after: int | None = None,
    *,
    n_jobs: int | None = None,
    client: object = None,
) -> float:
    """Permutation p-value of the pair ``(i, j)``, ``i < j``.

    The column with the larger content digest (:meth:`Prepared.pair_key`) is
    permuted, and the test draws from the pair's content-keyed stream, so the
    p-value does not depend on where the two columns sit in the table.

    The test's observed statistic is the pair's value from :data:`KERNELS`:
    the registered estimator with the pair's stream (``STREAM_PAIR``), or, on
    the ``ksg`` route, which standardises each column and adds its
    tie-breaking noise once per column (``STREAM_COLUMN``), the prepared
    estimator on those prepared columns. A fresh estimator on the raw columns
    would draw other noise and, on tied columns, test another estimate than
    the one reported.
    """
    from mutinfo.stats import independence_test

    cls = prep.column_class
    kernel, method = prep.route[(int(cls[i]), int(cls[j]))]
    cols = prep.columns
    x, y = cols[i].values, cols[j].values
    z = prep.z
    discrete: tuple[object, ...] = (cols[i].discrete[0], cols[j].discrete[0])
    z_values = None if z is None else z.values
    if z is not None:
        discrete = (*discrete, list(z.discrete))
    constant = prep.ksg.get("constant")
    if kernel == "ksg" and constant is not None and not (constant[i] or constant[j]):
        est = copy.copy(prep.ksg["estimator"])  # standardize=False, noise=0
        block, kz = prep.ksg["block"], prep.ksg["z"]
        x, y = block[:, [i]], block[:, [j]]
        discrete = (False, False)
        if kz is not None:
            z_values = kz.values
            discrete = (False, False, [False] * kz.n_features)
    else:
        est = copy.copy(prep.estimators[prep.pair_method(i, j, method)])
    est.rng = prep.pair_stream(STREAM_PAIR, i, j)
    if prep.pair_key(i) > prep.pair_key(j):
        x, y = y, x
        discrete = (discrete[1], discrete[0], *discrete[2:])
    res = independence_test(
        x,
        y,
        z_values,
        method=est,
        n_permutations=n_permutations,
        stop_after=stop_after,
        discrete=discrete,
        rng=prep.pair_stream(STREAM_TEST, i, j),
        n_jobs=n_jobs,
        client=client,
    )
    return float(res.p_value)


def run_tile(
    tile: tuple[int, int],
    _rng: np.random.Generator,
    *,
    prep: Prepared,
    size: int,
    n_permutations: int | None,
    stop_after: int | None = None,
) -> TileOut:
    """Compute every pair ``i < j`` of ``tile`` (the executor's per-item function).

    Randomness is per pair (``pair_rng``), not per tile, so the executor's
    stream ``_rng`` is unused and the values do not depend on the tiling.
    Warnings are not recorded here: on the caller's threads they reach the
    caller's recorder directly, and :func:`mutinfo._parallel.execute` brings
    those of worker processes back.
    """
    return _compute(tile, prep, size, n_permutations, [], stop_after)


def _compute(
    tile: tuple[int, int],
    prep: Prepared,
    size: int,
    n_permutations: int | None,
    warned: list[Warned],
    stop_after: int | None = None,
) -> TileOut:
    p = prep.n_columns
    (a0, a1), (b0, b1) = block_ranges(p, size)[tile[0]], block_ranges(p, size)[tile[1]]
    rows = np.arange(a0, a1)
    cols = np.arange(b0, b1)
    ii, jj = (g.ravel() for g in np.meshgrid(rows, cols, indexing="ij"))
    upper = ii < jj
    values = np.full(ii.size, np.nan)
    p_values = None if n_permutations is None else np.full(ii.size, np.nan)
    cls = prep.column_class
    where = np.flatnonzero(upper)
    # pairs of a row-identifier column stay NaN (not estimated), untested
    where = where[~identifier_pairs(prep, ii[where], jj[where], warned)]
    code = cls[ii[where]] * N_CLASSES + cls[jj[where]]
    groups: dict[tuple[str, str], list[int]] = {}
    for c in np.unique(code).tolist():
        groups.setdefault(prep.route[divmod(c, N_CLASSES)], []).append(c)
    for (kernel, method), codes in sorted(groups.items()):
        sel = where[np.isin(code, codes)]
        values[sel] = KERNELS[kernel](prep, method, ii[sel], jj[sel], warned)
        if p_values is not None and n_permutations is not None:
            for q in sel.tolist():
                p_values[q] = pair_p_value(
                    prep, int(ii[q]), int(jj[q]), n_permutations, stop_after
                )
    shape = (a1 - a0, b1 - b0)
    return TileOut(
        tile=tile,
        values=values.reshape(shape),
        p_values=None if p_values is None else p_values.reshape(shape),
        warned=warned,
    )
