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

__all__ = ["PER_CELL", "ksg_counts", "ksg_counts_threaded", "ksg_pair_values"]

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
def _offsets(counts, start):  # type: ignore[no-untyped-def]
    """Cell offsets from per-span cell counts, in place.

    ``start[c]`` becomes the first bucketed slot of cell ``c`` (``start[-1]``
    the total) and ``counts[t, c]`` the first slot of span ``t``'s points in
    it: what a cumulative sum over cells and over spans gives, without the
    five cell-sized temporaries numpy needed for it (80 MB each at 10^7 rows).
    """
    spans, cells = counts.shape
    start[0] = 0
    for c in range(cells):
        run = start[c]
        for t in range(spans):
            here = counts[t, c]
            counts[t, c] = run
            run += here
        start[c + 1] = run
    return counts


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


@njit(cache=True, nogil=True, inline="always")  # type: ignore[misc]
def _leaf_sum(a, lo, n):  # type: ignore[no-untyped-def]
    """Sum ``a[lo:lo + n]`` for ``n <= 128`` as numpy does (one leaf)."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = lo + 8
    stop = lo + n - n % 8
    while i < stop:
        r0 += a[i]
        r1 += a[i + 1]
        r2 += a[i + 2]
        r3 += a[i + 3]
        r4 += a[i + 4]
        r5 += a[i + 5]
        r6 += a[i + 6]
        r7 += a[i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < lo + n:
        res += a[i]
        i += 1
    return res


@njit(cache=True, nogil=True)  # type: ignore[misc]
def pairwise_sum(a, lo, n):  # type: ignore[no-untyped-def]
    """Sum of ``a[lo:lo + n]`` in numpy's pairwise order, bit for bit.

    numpy's ``add.reduce`` of a contiguous float64 array (and so ``mean``):
    below 8 values a plain loop; up to 128 eight interleaved partial sums
    combined as ``((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))``, then the
    rest one by one; above, the two halves (the first a multiple of 8 long)
    summed alike and added. The halving runs on an explicit stack: numba
    cannot load a self-recursive function from its disk cache (it crashes).
    The tests check it against numpy over many lengths.
    """
    if n <= 128:
        return _leaf_sum(a, lo, n)
    # Post-order walk of the halving tree: frames (start, length, stage).
    starts = np.empty(64, np.int64)
    sizes = np.empty(64, np.int64)
    stages = np.zeros(64, np.int64)
    sums = np.empty(64)
    top = 0
    done = 0
    starts[0] = lo
    sizes[0] = n
    stages[0] = 0
    while top >= 0:
        size = sizes[top]
        if size <= 128:
            sums[done] = _leaf_sum(a, starts[top], size)
            done += 1
            top -= 1
            continue
        half = size // 2
        half -= half % 8
        if stages[top] == 0:
            stages[top] = 1
            top += 1
            starts[top] = starts[top - 1]
            sizes[top] = half
            stages[top] = 0
        elif stages[top] == 1:
            stages[top] = 2
            top += 1
            starts[top] = starts[top - 1] + half
            sizes[top] = size - half
            stages[top] = 0
        else:
            done -= 1
            sums[done - 1] = sums[done - 1] + sums[done]
            top -= 1
    return sums[0]


@njit(cache=True, nogil=True)  # type: ignore[misc]
def ksg_pair_values(block, order, psi, k, per_cell, ii, jj, out):  # type: ignore[no-untyped-def]
    """KSG (algorithm 1) estimates of the column pairs ``(ii[q], jj[q])`` of ``block``.

    One compiled call for a tile of an all-pairs matrix: each column used is
    put in sort order and ranked once for all its pairs, and every pair runs
    :func:`ksg_counts`'s work (the same grid, radii and counts) into scratch
    arrays allocated once, then the local values
    ``psi[k] + psi[n] - psi[nx + 1] - psi[ny + 1]`` in row order and their
    mean, summed in numpy's order (:func:`pairwise_sum`): the numbers of
    ``ksg1_local(*ksg_counts(...), k, n, psi).mean()``, bit for bit, with no
    Python (and no GIL) between pairs.

    ``block`` is (n, p) with contiguous columns (Fortran order), ``order`` its
    columns' sort orders (int64, same layout), ``psi`` the table
    ``digamma(0..n + 1)``; ``out[q]`` receives pair ``q``'s estimate.
    """
    n, p = block.shape
    slot = np.full(p, -1, np.int64)
    used = 0
    for q in range(ii.shape[0]):
        for c in (ii[q], jj[q]):
            if slot[c] < 0:
                slot[c] = used
                used += 1
    # Per column: the values in sort order and each row's rank.
    srt = np.empty((used, n))
    rank = np.empty((used, n), np.int64)
    for c in range(p):
        s = slot[c]
        if s < 0:
            continue
        for r in range(n):
            row = order[r, c]
            srt[s, r] = block[row, c]
            rank[s, row] = r
    m = max(1, int(np.sqrt(n / per_cell)))
    start = np.empty(m * m + 1, np.int64)
    fill = np.empty(m * m, np.int64)
    cell = np.empty(n, np.int64)
    ryo = np.empty(n, np.int64)
    px = np.empty(n)
    py = np.empty(n)
    pos = np.empty(n, np.int64)
    xe = np.empty(m)
    ye = np.empty(m)
    eps_x = np.empty(n)
    eps_y = np.empty(n)
    cx = np.empty(n, np.int64)
    cy = np.empty(n, np.int64)
    local = np.empty(n)
    base = psi[k] + psi[n]
    for q in range(ii.shape[0]):
        a = ii[q]
        b = jj[q]
        xs = srt[slot[a]]
        ys = srt[slot[b]]
        ry = rank[slot[b]]
        start[:] = 0
        for t in range(n):
            r = ry[order[t, a]]
            c = (t * m // n) * m + r * m // n
            cell[t] = c
            ryo[t] = r
            start[c + 1] += 1
        for c in range(m * m):
            start[c + 1] += start[c]
        fill[:] = start[:-1]
        for t in range(n):
            s = fill[cell[t]]
            fill[cell[t]] += 1
            px[s] = xs[t]
            py[s] = ys[ryo[t]]
            pos[s] = t
        for c in range(m):
            first = (c * n + m - 1) // m
            xe[c] = xs[first]
            ye[c] = ys[first]
        _search(px, py, start, xe, ye, pos, k, 0, m, eps_x)
        for t in range(n):
            eps_y[ryo[t]] = eps_x[t]
        width, pad = sorted_pad(xs, eps_x, True)
        sorted_count_range(xs, eps_x, True, width, pad, 0, n, cx)
        width, pad = sorted_pad(ys, eps_y, True)
        sorted_count_range(ys, eps_y, True, width, pad, 0, n, cy)
        for t in range(n):
            local[order[t, a]] = base - psi[cx[t] + 1]
        for t in range(n):
            local[order[t, b]] -= psi[cy[t] + 1]
        out[q] = pairwise_sum(local, 0, n) / n


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
        start = np.empty(m * m + 1, np.int64)
        fills = _offsets(counts, start)
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
