"""Grid (box-assisted) path: points bucketed into cells, searched ring by ring.

Cell edges sit at quantiles of each column, so cells hold about the same
number of points whatever the marginal distributions (heavy tails included).
The numeric work runs in the compiled kernels of :mod:`._kernels`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo._neighbors._jit import kernels
from mutinfo._neighbors._threads import kernel_threads

__all__ = ["Grid", "grid_count", "grid_knn", "grid_kth"]

#: Target number of points per cell.
_POINTS_PER_CELL = 2.0
#: Rows used to place the quantile edges (a strided subsample).
_EDGE_SAMPLE = 1 << 13


@dataclass(frozen=True)
class Grid:
    """Points sorted by cell, with the cell structure the kernels search."""

    points: NDArray[np.float64]  # (n, d), sorted by cell
    cells: NDArray[np.int64]  # (n, d) cell coordinates, sorted by cell
    start: NDArray[np.int64]  # (n_cells + 1,) CSR offsets
    order: NDArray[np.int64]  # sorted position -> original row
    edges: NDArray[np.float64]  # (d, max(m) + 1): -inf, interior edges, +inf
    shape: NDArray[np.int64]  # (d,) cells per dimension
    strides: NDArray[np.int64]  # (d,) row-major strides of the cell index


def _cells_per_dim(caps: list[int], target: float) -> list[int]:
    """Share ``target`` cells over the dimensions, each at most its ``cap``."""
    d = len(caps)
    m = [1] * d
    budget = max(target, 1.0)
    remaining = d
    for j in sorted(range(d), key=lambda i: caps[i]):
        share = budget ** (1.0 / remaining)
        m[j] = max(1, min(caps[j], int(share)))
        budget /= m[j]
        remaining -= 1
    return m


def build(points: NDArray[np.float64], per_cell: float = _POINTS_PER_CELL) -> Grid:
    """Bucket ``points`` into a quantile grid of about ``n / per_cell`` cells."""
    n, d = points.shape
    step = max(1, n // _EDGE_SAMPLE)
    samples = [np.sort(points[::step, j]) for j in range(d)]
    caps = [int(np.count_nonzero(np.diff(s)) + 1) for s in samples]
    m = _cells_per_dim(caps, n / per_cell)
    edges = np.full((d, max(m) + 1), np.inf)
    edges[:, 0] = -np.inf
    for j in range(d):
        s = samples[j]
        edges[j, 1 : m[j]] = s[(np.arange(1, m[j]) * s.size) // m[j]]
    shape = np.asarray(m, dtype=np.int64)
    strides = np.ones(d, dtype=np.int64)
    for j in range(d - 2, -1, -1):
        strides[j] = strides[j + 1] * shape[j + 1]
    spts, scells, start, order = kernels().grid_build(
        points, edges, shape, strides, int(np.prod(shape))
    )
    return Grid(
        points=spts,
        cells=scells,
        start=start,
        order=order,
        edges=edges,
        shape=shape,
        strides=strides,
    )


#: Points from which a grid search splits its rows over threads.
_THREADED_MIN = 50_000


def _run_rows(fn: Callable[[int, int], None], n: int, workers: int) -> None:
    """Run ``fn(first, last)`` over row spans, on ``workers`` threads when large.

    Each row's result depends on that row alone, so any split gives the same
    numbers.
    """
    if workers < 0:
        workers = kernel_threads(workers)
    if workers <= 1 or n < _THREADED_MIN:
        fn(0, n)
        return
    from concurrent.futures import ThreadPoolExecutor

    parts = 4 * workers
    cuts = [n * i // parts for i in range(parts + 1)]
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda span: fn(*span), itertools.pairwise(cuts)))


def grid_knn(
    points: NDArray[np.float64], k: int, *, euclid: bool, workers: int = 1
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find the k nearest neighbours; ties broken by the smaller index."""
    g = build(points)
    n = points.shape[0]
    dist = np.empty((n, k))
    idx = np.empty((n, k), np.int64)
    kern = kernels()
    if points.shape[1] == 2:
        _run_rows(
            lambda a, b: kern.grid_knn2_rows(
                g.points,
                g.cells,
                g.start,
                g.order,
                g.edges,
                g.shape,
                k,
                euclid,
                a,
                b,
                dist,
                idx,
            ),
            n,
            workers,
        )
    else:
        _run_rows(
            lambda a, b: kern.grid_knn_rows(
                g.points,
                g.cells,
                g.start,
                g.order,
                g.edges,
                g.shape,
                g.strides,
                k,
                euclid,
                a,
                b,
                dist,
                idx,
            ),
            n,
            workers,
        )
    return dist, idx.astype(np.intp, copy=False)


#: Target points per cell of the 3-D k-th distance search (:func:`grid_kth`):
#: small cells, since the box grows one face at a time (measured at 2e4 points,
#: k = 4: 0.25 to 1 within 10%, 4 points per cell 1.5x slower).
KTH3_PER_CELL = 0.5


def grid_kth(
    points: NDArray[np.float64], k: int, *, workers: int = 1
) -> NDArray[np.float64]:
    """Return each 3-D point's k-th neighbour distance under the maximum norm.

    The distance alone (:func:`._kernels.grid_kth3_rows`): the same numbers as
    ``grid_knn(points, k, euclid=False)[0][:, -1]``.
    """
    g = build(points, KTH3_PER_CELL)
    n = points.shape[0]
    eps = np.empty(n)
    kern = kernels()
    _run_rows(
        lambda a, b: kern.grid_kth3_rows(
            g.points, g.cells, g.start, g.order, g.edges, g.shape, k, a, b, eps
        ),
        n,
        workers,
    )
    return eps


#: Target points per cell of the 2-D max-norm counts (:func:`grid_count`): the
#: branch-free run scan makes a point cheaper than a row of cells (measured at
#: 2e4 points with KSG radii: 2 to 8 within 15%, 4 near the minimum).
COUNT2_PER_CELL = 4.0


def grid_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    euclid: bool,
    workers: int = 1,
) -> NDArray[np.int64]:
    """Count the other points within each radius (``<`` if strict, else ``<=``)."""
    two = points.shape[1] == 2 and not euclid
    g = build(points, COUNT2_PER_CELL if two else _POINTS_PER_CELL)
    r = np.ascontiguousarray(radius[g.order], dtype=np.float64)
    out = np.empty(points.shape[0], np.int64)
    kern = kernels()
    if two:
        _run_rows(
            lambda a, b: kern.grid_count2_rows(
                g.points, g.start, g.order, g.edges, g.shape, r, strict, a, b, out
            ),
            points.shape[0],
            workers,
        )
        return out
    _run_rows(
        lambda a, b: kern.grid_count_rows(
            g.points,
            g.start,
            g.order,
            g.edges,
            g.shape,
            g.strides,
            r,
            strict,
            euclid,
            a,
            b,
            out,
        ),
        points.shape[0],
        workers,
    )
    return out
