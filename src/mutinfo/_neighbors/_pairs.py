"""Compiled kernel for KSG's neighbour work on a pair of 1-D columns.

:func:`ksg_counts` fuses, for one pair ``(x, y)`` whose sort orders are known
(an all-pairs matrix sorts each column once for all its pairs), the joint
k-th neighbour radius under the maximum norm and the strict 1-D counts inside
it: exactly the numbers :func:`mutinfo._neighbors.kth_neighbors` and
:func:`mutinfo._neighbors._sorted.sorted_count` give, with no per-pair sorting
or searching for cell edges:

- the grid's cells are rank quantiles: a point's cell is ``rank * m // n`` in
  each column, and the cell edges are sorted values, so the grid is built by
  one counting sort;
- a row of cells is one contiguous run of the bucketed points, so a search
  scans three runs for the 3 x 3 block, then grows the box one strip at a
  time on its nearest side until the k-th distance found is no larger than
  the distance to any cell left out (only the radius is needed, never which
  points, so a distance equal to that bound is final); growing one side at a
  time keeps a block of tied values in one column, whose cells are all at
  distance 0 in that column, from widening the search in the other;
- the counts are binary searches along each sorted column
  (:func:`._kernels.sorted_count`).

Imports numba; loaded on first use (:func:`mutinfo._neighbors.ksg_counts`),
compiled on first call and cached on disk; the GIL is released, so threads run
pairs in parallel. numba's disk cache is keyed on this file alone: after
editing :func:`._kernels.sorted_count` in a source checkout, touch this file
too (an installed release rewrites every file, so it always recompiles).
"""

from __future__ import annotations

import itertools

import numpy as np
from numba import njit  # type: ignore[import-untyped]
from numpy.typing import NDArray

from mutinfo._neighbors._kernels import (
    sorted_count,
    sorted_count_range,
    sorted_pad,
)

__all__ = ["PER_CELL", "ksg_counts", "ksg_counts_threaded"]

#: Target points per grid cell (measured on 10^4-row pairs: 1.5 to 3 is the
#: flat minimum of the search time).
PER_CELL = 2.0

#: Slots of the register fast path of :func:`_offer` (``k + 1 <= 4``).
_SLOTS = 4


@njit(cache=True, nogil=True, inline="always")  # type: ignore[misc]
def _offer(px, py, lo, hi, x0, y0, bd):  # type: ignore[no-untyped-def]
    """Merge the distances to the bucketed points ``lo..hi-1`` into ``bd``.

    ``bd`` holds the smallest distances seen, ascending; the update is
    branch-free (``bd[j] <- min(bd[j], max(bd[j - 1], d))``, top down), on
    four scalars (registers) when ``bd`` has four slots (any ``k <= 3``).
    """
    if bd.shape[0] == _SLOTS:
        b0 = bd[0]
        b1 = bd[1]
        b2 = bd[2]
        b3 = bd[3]
        for t in range(lo, hi):
            d = max(abs(px[t] - x0), abs(py[t] - y0))
            b3 = min(b3, max(b2, d))
            b2 = min(b2, max(b1, d))
            b1 = min(b1, max(b0, d))
            b0 = min(b0, d)
        bd[0] = b0
        bd[1] = b1
        bd[2] = b2
        bd[3] = b3
        return
    top = bd.shape[0] - 1
    for t in range(lo, hi):
        d = max(abs(px[t] - x0), abs(py[t] - y0))
        for j in range(top, 0, -1):
            bd[j] = min(bd[j], max(bd[j - 1], d))
        bd[0] = min(bd[0], d)


@njit(cache=True, nogil=True, inline="always")  # type: ignore[misc]
def _offer_cells(px, py, start, m, a, lo, hi, x0, y0, bd):  # type: ignore[no-untyped-def]
    """Offer cells ``(a, lo..hi)``: one contiguous run of bucketed points."""
    _offer(px, py, start[a * m + lo], start[a * m + hi + 1], x0, y0, bd)


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _prepare(x, ox, y, oy, per_cell):  # type: ignore[no-untyped-def]
    """Sorted columns, rank-quantile cells and the points bucketed by cell.

    The reads in sort order are the random accesses (cache misses on large
    ``n``); each row's x, y and rank in y are packed into one record first,
    so that a row costs one miss per pass (two passes) rather than one per
    array read.
    """
    n = x.shape[0]
    rec = np.empty((n, 3))  # x, y, rank in y (exact in float64)
    for i in range(n):
        rec[i, 0] = x[i]
        rec[i, 1] = y[i]
    ys = np.empty(n)
    for q in range(n):
        i = oy[q]
        rec[i, 2] = q
        ys[q] = rec[i, 1]
    m = max(1, int(np.sqrt(n / per_cell)))
    # Cells in x-rank order (row-major: cell = cx * m + cy), counted per cell.
    start = np.zeros(m * m + 1, np.int64)
    cell = np.empty(n, np.int64)
    xs = np.empty(n)
    yo = np.empty(n)  # y of the point of x-rank p
    ryo = np.empty(n, np.int64)  # rank in y of the point of x-rank p
    for p in range(n):
        i = ox[p]
        xs[p] = rec[i, 0]
        yo[p] = rec[i, 1]
        r = int(rec[i, 2])
        ryo[p] = r
        c = (p * m // n) * m + r * m // n
        cell[p] = c
        start[c + 1] += 1
    xe = np.empty(m)
    ye = np.empty(m)
    for c in range(m):
        first = (c * n + m - 1) // m  # first rank in cell c
        xe[c] = xs[first]
        ye[c] = ys[first]
    for c in range(m * m):
        start[c + 1] += start[c]
    fill = start[:-1].copy()
    px = np.empty(n)
    py = np.empty(n)
    pos = np.empty(n, np.int64)  # bucketed slot -> rank in x
    for p in range(n):
        s = fill[cell[p]]
        fill[cell[p]] += 1
        px[s] = xs[p]
        py[s] = yo[p]
        pos[s] = p
    return ryo, xs, ys, xe, ye, start, px, py, pos


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _gather(x, ox, y, oy, ry, xs, ys, lo, hi):  # type: ignore[no-untyped-def]
    """Ranks in y and sorted columns for sort positions ``lo..hi-1``."""
    for q in range(lo, hi):
        ry[oy[q]] = q
        xs[q] = x[ox[q]]
        ys[q] = y[oy[q]]


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _cells(ox, ry, m, cell, ryo, counts, lo, hi):  # type: ignore[no-untyped-def]
    """Cells of x-ranks ``lo..hi-1`` (as :func:`_prepare`), counted per cell."""
    n = ox.shape[0]
    for p in range(lo, hi):
        r = ry[ox[p]]
        c = (p * m // n) * m + r * m // n
        cell[p] = c
        ryo[p] = r
        counts[c] += 1


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _scatter(cell, ryo, xs, ys, fill, px, py, pos, lo, hi):  # type: ignore[no-untyped-def]
    """Bucket x-ranks ``lo..hi-1`` from their span's offsets ``fill`` (stable)."""
    for p in range(lo, hi):
        s = fill[cell[p]]
        fill[cell[p]] += 1
        px[s] = xs[p]
        py[s] = ys[ryo[p]]
        pos[s] = p


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _move(src, index, dst, lo, hi):  # type: ignore[no-untyped-def]
    """``dst[index[p]] = src[p]`` for ``p`` in ``lo..hi-1``."""
    for p in range(lo, hi):
        dst[index[p]] = src[p]


@njit(cache=True, nogil=True, inline="always")  # type: ignore[misc]
def _run4(px, py, lo, hi, x0, y0, b0, b1, b2, b3):  # type: ignore[no-untyped-def]
    """:func:`_offer` on four scalars: the bucketed points ``lo..hi-1``."""
    for t in range(lo, hi):
        d = max(abs(px[t] - x0), abs(py[t] - y0))
        b3 = min(b3, max(b2, d))
        b2 = min(b2, max(b1, d))
        b1 = min(b1, max(b0, d))
        b0 = min(b0, d)
    return b0, b1, b2, b3


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _padded_edges(xe):  # type: ignore[no-untyped-def]
    """Cell edges with ``-inf`` before the first cell and ``inf`` after the last.

    The distance from a point to the cells left out of its box is then
    ``x0 - edges[lo]`` and ``edges[hi + 1] - x0``, infinite at the grid's
    edge with no branch.
    """
    m = xe.shape[0]
    out = np.empty(m + 1)
    out[0] = -np.inf
    out[1:m] = xe[1:]
    out[m] = np.inf
    return out


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _search(px, py, start, xe, ye, pos, k, row_lo, row_hi, eps_x):  # type: ignore[no-untyped-def]
    """Joint k-th neighbour radius of the points in cell rows ``row_lo..row_hi-1``.

    Writes ``eps_x[rank in x]``; every point's radius depends on that point
    alone, so any split of the rows over threads gives the same radii. With
    ``k <= 3`` the ``k + 1`` smallest distances are four scalars throughout
    (:func:`_run4`); a larger ``k`` keeps them in an array (:func:`_offer`).
    """
    m = xe.shape[0]
    xl = _padded_edges(xe)
    yl = _padded_edges(ye)
    if k + 1 <= _SLOTS:
        _search4(px, py, start, xl, yl, pos, k, row_lo, row_hi, eps_x)
        return
    # The point itself is among the candidates (distance 0), so the k-th
    # distance to the others is the (k + 1)-th smallest seen.
    bd = np.empty(k + 1)
    for c0 in range(row_lo, row_hi):
        for c1 in range(m):
            here = c0 * m + c1
            for s in range(start[here], start[here + 1]):
                x0 = px[s]
                y0 = py[s]
                bd[:] = np.inf
                lo0 = max(c0 - 1, 0)
                hi0 = min(c0 + 1, m - 1)
                lo1 = max(c1 - 1, 0)
                hi1 = min(c1 + 1, m - 1)
                for a in range(lo0, hi0 + 1):
                    _offer_cells(px, py, start, m, a, lo1, hi1, x0, y0, bd)
                while True:
                    # Distance to the unvisited cells on each side of the box
                    # (infinite where the box reaches the grid's edge).
                    left = x0 - xl[lo0]
                    right = xl[hi0 + 1] - x0
                    down = y0 - yl[lo1]
                    up = yl[hi1 + 1] - y0
                    g = min(min(left, right), min(down, up))
                    if bd[k] <= g:
                        break  # final (also once the box is the whole grid)
                    # Grow the box by one strip on its nearest side only: a
                    # block of ties in one column then costs a strip as
                    # narrow as the other column allows, not a square ring.
                    if g == left:
                        lo0 -= 1
                        _offer_cells(px, py, start, m, lo0, lo1, hi1, x0, y0, bd)
                    elif g == right:
                        hi0 += 1
                        _offer_cells(px, py, start, m, hi0, lo1, hi1, x0, y0, bd)
                    elif g == down:
                        lo1 -= 1
                        for a in range(lo0, hi0 + 1):
                            _offer_cells(px, py, start, m, a, lo1, lo1, x0, y0, bd)
                    elif g == up:
                        hi1 += 1
                        for a in range(lo0, hi0 + 1):
                            _offer_cells(px, py, start, m, a, hi1, hi1, x0, y0, bd)
                    else:
                        break  # NaN (never from validated data): stop, do not overrun
                eps_x[pos[s]] = bd[k]


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _search4(px, py, start, xl, yl, pos, k, row_lo, row_hi, eps_x):  # type: ignore[no-untyped-def]
    """:func:`_search` for ``k <= 3``: the same boxes, four scalars for ``bd``.

    ``xl``, ``yl`` are the :func:`_padded_edges`. The smallest distances seen
    stay in registers from the first cell to the last (no array stores
    between runs): about 10% faster than the array path.
    """
    m = xl.shape[0] - 1
    inf = np.inf
    for c0 in range(row_lo, row_hi):
        for c1 in range(m):
            here = c0 * m + c1
            for s in range(start[here], start[here + 1]):
                x0 = px[s]
                y0 = py[s]
                b0, b1, b2, b3 = inf, inf, inf, inf
                lo0 = max(c0 - 1, 0)
                hi0 = min(c0 + 1, m - 1)
                lo1 = max(c1 - 1, 0)
                hi1 = min(c1 + 1, m - 1)
                for a in range(lo0, hi0 + 1):
                    lo, hi = start[a * m + lo1], start[a * m + hi1 + 1]
                    b0, b1, b2, b3 = _run4(px, py, lo, hi, x0, y0, b0, b1, b2, b3)
                while True:
                    kth = b3 if k == 3 else (b2 if k == 2 else b1)
                    left = x0 - xl[lo0]
                    right = xl[hi0 + 1] - x0
                    down = y0 - yl[lo1]
                    up = yl[hi1 + 1] - y0
                    g = min(min(left, right), min(down, up))
                    if kth <= g:
                        break
                    if g == left:
                        lo0 -= 1
                        lo, hi = start[lo0 * m + lo1], start[lo0 * m + hi1 + 1]
                        b0, b1, b2, b3 = _run4(px, py, lo, hi, x0, y0, b0, b1, b2, b3)
                    elif g == right:
                        hi0 += 1
                        lo, hi = start[hi0 * m + lo1], start[hi0 * m + hi1 + 1]
                        b0, b1, b2, b3 = _run4(px, py, lo, hi, x0, y0, b0, b1, b2, b3)
                    elif g == down:
                        lo1 -= 1
                        for a in range(lo0, hi0 + 1):
                            lo, hi = start[a * m + lo1], start[a * m + lo1 + 1]
                            b0, b1, b2, b3 = _run4(
                                px, py, lo, hi, x0, y0, b0, b1, b2, b3
                            )
                    elif g == up:
                        hi1 += 1
                        for a in range(lo0, hi0 + 1):
                            lo, hi = start[a * m + hi1], start[a * m + hi1 + 1]
                            b0, b1, b2, b3 = _run4(
                                px, py, lo, hi, x0, y0, b0, b1, b2, b3
                            )
                    else:
                        break  # NaN (never from validated data): stop, do not overrun
                eps_x[pos[s]] = b3 if k == 3 else (b2 if k == 2 else b1)


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _radii_in_y(eps_x, ryo):  # type: ignore[no-untyped-def]
    """Reorder the radii from x's sort order to y's (``ryo``: y-rank by x-rank)."""
    n = eps_x.shape[0]
    eps_y = np.empty(n)
    for p in range(n):
        eps_y[ryo[p]] = eps_x[p]
    return eps_y


@njit(cache=True, nogil=True)  # type: ignore[misc]
def _unsort(cx, ox, cy, oy):  # type: ignore[no-untyped-def]
    """Put the counts back from the sorted orders into the rows' order."""
    n = cx.shape[0]
    nx = np.empty(n, np.int64)
    ny = np.empty(n, np.int64)
    for q in range(n):
        nx[ox[q]] = cx[q]
        ny[oy[q]] = cy[q]
    return nx, ny


@njit(cache=True, nogil=True)  # type: ignore[misc]
def ksg_counts(x, ox, y, oy, k, per_cell):  # type: ignore[no-untyped-def]
    """Strict marginal counts inside each point's joint k-th neighbour radius.

    Parameters
    ----------
    x, y : float64 arrays of shape (n,)
    ox, oy : int64 arrays of shape (n,)
        Sort orders of ``x`` and ``y`` (any sort kind).
    k : int
        Neighbour rank, ``1 <= k < n``.
    per_cell : float
        Target number of points per grid cell.

    Returns
    -------
    nx, ny : int64 arrays of shape (n,)
        For each row ``i`` (original order), the number of other rows ``j``
        with ``|x_j - x_i| < eps_i`` (and likewise in ``y``), where ``eps_i`` is
        the distance to the k-th nearest other row under the maximum norm.
    """
    ryo, xs, ys, xe, ye, start, px, py, pos = _prepare(x, ox, y, oy, per_cell)
    eps_x = np.empty(x.shape[0])
    _search(px, py, start, xe, ye, pos, k, 0, xe.shape[0], eps_x)
    eps_y = _radii_in_y(eps_x, ryo)
    cx = sorted_count(xs, eps_x, True)
    cy = sorted_count(ys, eps_y, True)
    return _unsort(cx, ox, cy, oy)


def _spans(total: int, parts: int) -> list[tuple[int, int]]:
    """Split ``range(total)`` into ``parts`` contiguous spans (none empty)."""
    parts = max(1, min(parts, total))
    cuts = [total * i // parts for i in range(parts + 1)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def ksg_counts_threaded(
    x: NDArray[np.float64],
    ox: NDArray[np.int64],
    y: NDArray[np.float64],
    oy: NDArray[np.int64],
    k: int,
    per_cell: float,
    threads: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """:func:`ksg_counts` with the search and the counts split over ``threads``.

    The kernels release the GIL; the rows of cells (search) and the sorted
    points (counts) are cut into a few spans per thread. Each radius and
    count depends on its own point alone, so the result is the same for any
    number of threads, bit for bit.
    """
    from concurrent.futures import ThreadPoolExecutor

    n = x.shape[0]
    with ThreadPoolExecutor(threads) as pool:
        # The bucketing of :func:`_prepare`, as a counting sort over spans of
        # x-ranks (each span scatters from its own offsets: the same order).
        ry = np.empty(n, np.int64)
        xs = np.empty(n)
        ys = np.empty(n)
        spans = _spans(n, min(threads, 4))
        list(pool.map(lambda sp: _gather(x, ox, y, oy, ry, xs, ys, *sp), spans))
        m = max(1, int(np.sqrt(n / per_cell)))
        firsts = (np.arange(m, dtype=np.int64) * n + m - 1) // m
        xe = xs[firsts]
        ye = ys[firsts]
        cell = np.empty(n, np.int64)
        ryo = np.empty(n, np.int64)
        counts = np.zeros((len(spans), m * m), np.int64)
        list(
            pool.map(
                lambda t: _cells(ox, ry, m, cell, ryo, counts[t], *spans[t]),
                range(len(spans)),
            )
        )
        start = np.zeros(m * m + 1, np.int64)
        np.cumsum(counts.sum(axis=0), out=start[1:])
        fills = start[:-1] + (np.cumsum(counts, axis=0) - counts)
        px = np.empty(n)
        py = np.empty(n)
        pos = np.empty(n, np.int64)
        list(
            pool.map(
                lambda t: _scatter(cell, ryo, xs, ys, fills[t], px, py, pos, *spans[t]),
                range(len(spans)),
            )
        )
        eps_x = np.empty(n)
        rows = xe.shape[0]
        list(
            pool.map(
                lambda span: _search(
                    px, py, start, xe, ye, pos, k, span[0], span[1], eps_x
                ),
                _spans(rows, 4 * threads),
            )
        )
        eps_y = np.empty(n)
        list(pool.map(lambda sp: _move(eps_x, ryo, eps_y, *sp), spans))
        cx = np.empty(n, np.int64)
        cy = np.empty(n, np.int64)
        jobs = []
        for vals, eps, out in ((xs, eps_x, cx), (ys, eps_y, cy)):
            width, pad = sorted_pad(vals, eps, True)
            jobs += [
                (vals, eps, width, pad, a, b, out) for a, b in _spans(n, 2 * threads)
            ]
        list(
            pool.map(
                lambda j: sorted_count_range(
                    j[0], j[1], True, j[2], j[3], j[4], j[5], j[6]
                ),
                jobs,
            )
        )
        nx = np.empty(n, np.int64)
        ny = np.empty(n, np.int64)
        list(
            pool.map(
                lambda job: _move(*job[:3], *job[3]),
                [(cx, ox, nx, sp) for sp in spans] + [(cy, oy, ny, sp) for sp in spans],
            )
        )
    return nx, ny
