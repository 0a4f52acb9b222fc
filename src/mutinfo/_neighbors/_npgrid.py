"""Numpy grid path: 2-D maximum-norm k-th neighbour radii without scipy or numba.

A process that has not loaded numba searches on scipy's tree, and importing
``scipy.spatial`` (with the scipy modules it pulls in) costs about 0.4 s, as
much as a 10^5-row KSG estimate; a one-shot ``mutinfo mi`` pays it in full.
For the radius alone in two dimensions under the maximum norm (KSG's pair
search) this module does the same search with numpy: the grid of
:mod:`._pairs` (rank-quantile cells of about two points, cell edges from the
sorted values), vectorised over the points:

1. every point offers the points of the 3 x 3 cells around its own (three
   contiguous runs of the bucketed points) and keeps the ``k + 1`` smallest
   distances (the point itself is one, at distance 0); a point whose
   ``k + 1``-th distance ``r`` is no larger than the distance to the nearest
   cell left out of its box is done (points outside are at least that far);
2. any other point's radius is at most ``r``, so every point within it lies
   in the cells that meet the square of half-width ``r`` around it: the point
   searches that box afresh (one run of cells per cell row), and its
   ``k + 1``-th distance there is final. A box that held fewer than ``k + 1``
   points (``r`` infinite) doubles its half-width in cells until it holds
   enough.

The radii are those of every other path, bit for bit: the same
``max(|dx|, |dy|)`` of the same float64 values, and the ``k + 1``-th smallest
is a value, not an approximation. Data that make the boxes crowded or long
(strongly dependent columns, long runs of ties, points on a thin curve) are
left to the tree (:data:`_MAX_WORK`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["npgrid_kth"]

#: Target points per grid cell (as the compiled pair kernel).
PER_CELL = 2.0
#: Distances computed at once (bounds the memory of one gather: 32 MB).
_BUDGET = 4_000_000
#: Distances per point the search may compute before it gives up (returns
#: None) and the caller uses the tree: strongly dependent columns crowd the
#: rank-quantile cells of the diagonal, ties or data on a thin curve make the
#: boxes long (independent normal data need about 20, correlation 0.6 about 30).
_MAX_WORK = 60

#: Largest ``k + 1`` tried at all (measured: see :func:`npgrid_kth`).
_MAX_K = 11


def _padded_edges(sorted_values: NDArray[np.float64], m: int) -> NDArray[np.float64]:
    """Lower edge of each rank-quantile cell, ``-inf`` first and ``inf`` last."""
    n = sorted_values.shape[0]
    first = (np.arange(1, m, dtype=np.int64) * n + m - 1) // m
    edges = np.empty(m + 1)
    edges[0] = -np.inf
    edges[1:m] = sorted_values[first]
    edges[m] = np.inf
    return edges


def _offer(
    kth: NDArray[np.float64],
    who: NDArray[np.intp],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    px: NDArray[np.float64],
    py: NDArray[np.float64],
    k: int,
) -> None:
    """Set ``kth[who[i]]`` to the ``k + 1``-th smallest distance to runs ``lo..hi``.

    ``px``, ``py`` end with a sentinel point at infinity (index ``n``), which
    pads the short runs: its distance is infinite (so is the result where the
    runs hold fewer than ``k + 1`` points). Points go in groups of equal
    longest run (no padding beyond it), each gather within :data:`_BUDGET`
    distances.
    """
    runs = lo.shape[1]
    sentinel = px.shape[0] - 1
    longest = (hi - lo).max(axis=1, initial=0)
    by_size = np.argsort(longest, kind="stable")
    sizes = longest[by_size]
    cuts = np.flatnonzero(np.diff(sizes)) + 1
    for group in np.split(by_size, cuts):
        width = int(longest[group[0]])
        if runs * width <= k:
            kth[who[group]] = np.inf
            continue
        step = max(1, _BUDGET // (runs * width))
        steps = np.arange(width, dtype=np.int64)
        for a in range(0, group.shape[0], step):
            pick = group[a : a + step]
            rows = who[pick]
            idx = lo[pick][:, :, None] + steps
            idx[idx >= hi[pick][:, :, None]] = sentinel
            idx = idx.reshape(rows.shape[0], -1)
            dist = np.maximum(
                np.abs(px[idx] - px[rows][:, None]),
                np.abs(py[idx] - py[rows][:, None]),
            )
            kth[rows] = np.partition(dist, k, axis=1)[:, k]


def _cells_within(
    edges: NDArray[np.float64], centre: NDArray[np.float64], r: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Return the first and last cells that may hold a point within ``r`` of ``centre``.

    The cells below ``lo`` end at or below ``edges[lo]`` and those above
    ``hi`` start at or above ``edges[hi + 1]``: both are left out only where
    that edge is farther than ``r`` as the distances round
    (``centre - edges[lo] > r``). Rounding ``centre - r`` instead can leave
    out a point whose distance rounds down to ``r`` exactly (a radius too
    large, or inf, on standardised rounded data).
    """
    top = edges.shape[0] - 2
    lo = np.clip(np.searchsorted(edges, centre - r, "left") - 1, 0, top)
    hi = np.clip(np.searchsorted(edges, centre + r, "right") - 1, 0, top)
    while True:  # step below each edge within r (and the edges tied with it)
        near = np.flatnonzero((lo > 0) & (centre - edges[lo] <= r))
        if near.size == 0:
            break
        lo[near] = np.searchsorted(edges, edges[lo[near]], "left") - 1
    while True:
        near = np.flatnonzero((hi < top) & (edges[hi + 1] - centre <= r))
        if near.size == 0:
            break
        hi[near] = np.searchsorted(edges, edges[hi[near] + 1], "right") - 1
    return lo, hi


def _box_runs(
    start: NDArray[np.int64],
    m: int,
    lo0: NDArray[np.int64],
    hi0: NDArray[np.int64],
    lo1: NDArray[np.int64],
    hi1: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Return the runs of points in the boxes ``[lo0, hi0] x [lo1, hi1]``."""
    span = int((hi0 - lo0).max(initial=0)) + 1
    rows = lo0[:, None] + np.arange(span, dtype=np.int64)
    inside = rows <= hi0[:, None]
    rows = np.where(inside, rows, lo0[:, None])
    lo = start[rows * m + lo1[:, None]]
    hi = np.where(inside, start[rows * m + hi1[:, None] + 1], lo)
    return lo, hi


def _kth_in_boxes(
    who: NDArray[np.intp],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    px: NDArray[np.float64],
    py: NDArray[np.float64],
    k: int,
) -> NDArray[np.float64]:
    """Return the ``k + 1``-th smallest distance from each point ``who[i]`` to its runs.

    Boxes of very different sizes: the runs are flattened (no padding), each
    owner's distances laid out in a row of a table with the owners of similar
    counts (at most twice the padding), and each row's ``k + 1``-th smallest
    taken by a partition (inf where the box holds fewer points; a sort of all
    the distances by owner took 3x the rest of the search).
    """
    length = hi - lo
    keep = length > 0
    owner = np.broadcast_to(np.arange(who.shape[0])[:, None], lo.shape)[keep]
    first, length = lo[keep], length[keep]
    total = int(length.sum())
    ends = np.cumsum(length)
    idx = np.repeat(first - (ends - length), length) + np.arange(total)
    of = np.repeat(owner, length)
    q = who[of]
    dist = np.maximum(np.abs(px[idx] - px[q]), np.abs(py[idx] - py[q]))
    counts = np.bincount(of, minlength=who.shape[0])
    col = np.arange(total) - (np.cumsum(counts) - counts)[of]  # owners' runs
    size = np.frexp(counts.astype(np.float64))[1]
    size[counts <= k] = 0
    out = np.full(who.shape[0], np.inf)
    slot = np.empty(who.shape[0], np.int64)
    for s in np.unique(size[size > 0]):
        rows = np.flatnonzero(size == s)
        slot.fill(-1)
        slot[rows] = np.arange(rows.shape[0])
        mine = slot[of] >= 0
        table = np.full((rows.shape[0], int(counts[rows].max())), np.inf)
        table[slot[of[mine]], col[mine]] = dist[mine]
        out[rows] = np.partition(table, k, axis=1)[:, k]
    return out


def npgrid_kth(points: NDArray[np.float64], k: int) -> NDArray[np.float64] | None:
    """Return each point's maximum-norm distance to its k-th nearest other point.

    None when the boxes grow too long to pay (long runs of ties, points on a
    thin curve): the caller then searches on the tree.

    Parameters
    ----------
    points : ndarray of shape (n, 2)
        Finite values, ``n > k``.
    k : int

    Returns
    -------
    ndarray of shape (n,) or None

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0, 0.0], [1.0, 0.5], [3.0, 0.0], [7.0, 1.0]])
    >>> npgrid_kth(pts, 1).tolist()
    [1.0, 1.0, 2.0, 4.0]
    """
    if k + 1 > _MAX_K:
        # Every point computes at least k + 1 distances, and the boxes that
        # hold them grow with k: from k = 11 even independent Gaussian
        # columns use up the work budget, after 0.76-0.91 s at n = 10^5
        # (k = 12, 15; k = 10 still finishes, in 0.44 s), and far beyond it
        # the search would allocate n (k + 1) distances first (3 GB, 18 s at
        # k = 2000). The tree is the better search there.
        return None
    x = np.ascontiguousarray(points[:, 0], dtype=np.float64)
    y = np.ascontiguousarray(points[:, 1], dtype=np.float64)
    n = x.shape[0]
    m = max(1, int(np.sqrt(n / PER_CELL)))
    ox = np.argsort(x, kind="stable")
    oy = np.argsort(y, kind="stable")
    cx = np.empty(n, np.int64)
    cx[ox] = np.arange(n, dtype=np.int64) * m // n
    cy = np.empty(n, np.int64)
    cy[oy] = np.arange(n, dtype=np.int64) * m // n
    cell = cx * m + cy
    order = np.argsort(cell, kind="stable")
    start = np.zeros(m * m + 1, np.int64)
    np.cumsum(np.bincount(cell, minlength=m * m), out=start[1:])
    # Bucketed (each cell row is one run), then a sentinel point at infinity.
    px = np.append(x[order], np.inf)
    py = np.append(y[order], np.inf)
    c0, c1 = cx[order], cy[order]
    xl = _padded_edges(x[ox], m)
    yl = _padded_edges(y[oy], m)

    kth = np.full(n, np.inf)  # in bucketed order
    work = 0  # distances computed
    half = 1  # box half-width in cells
    todo = np.arange(n)
    while True:
        lo0 = np.maximum(c0[todo] - half, 0)
        hi0 = np.minimum(c0[todo] + half, m - 1)
        lo1 = np.maximum(c1[todo] - half, 0)
        hi1 = np.minimum(c1[todo] + half, m - 1)
        runs = _box_runs(start, m, lo0, hi0, lo1, hi1)
        work += int((runs[1] - runs[0]).sum())
        if work > _MAX_WORK * n:
            return None  # strongly dependent columns crowd the diagonal cells
        _offer(kth, todo, *runs, px, py, k)
        r = kth[todo]
        x0, y0 = px[todo], py[todo]
        gap = np.minimum(
            np.minimum(x0 - xl[lo0], xl[hi0 + 1] - x0),
            np.minimum(y0 - yl[lo1], yl[hi1 + 1] - y0),
        )
        open_ = r > gap
        finite = open_ & np.isfinite(r)
        if finite.any():
            # Every point within r lies in the cells meeting the square of
            # half-width r (ties on an edge stay inside).
            w, rw = todo[finite], r[finite]
            lo0, hi0 = _cells_within(xl, x0[finite], rw)
            lo1, hi1 = _cells_within(yl, y0[finite], rw)
            # Boxes of very different heights (an outlier's spans every cell
            # row): searched in groups of similar height, so that no box is
            # padded to the tallest (one outlier made 10^5 boxes 211 rows high).
            height = np.frexp((hi0 - lo0 + 1).astype(np.float64))[1]
            for h in np.unique(height):
                sel = np.flatnonzero(height == h)
                runs = _box_runs(start, m, lo0[sel], hi0[sel], lo1[sel], hi1[sel])
                work += int((runs[1] - runs[0]).sum())
                if work > _MAX_WORK * n:
                    return None  # long runs of ties or a thin curve: the tree's job
                kth[w[sel]] = _kth_in_boxes(w[sel], *runs, px, py, k)
        todo = todo[open_ & ~np.isfinite(r)]
        if todo.size == 0:
            break
        half *= 2  # fewer than k + 1 points in the box: widen it
    radius = np.empty(n)
    radius[order] = kth
    return radius
