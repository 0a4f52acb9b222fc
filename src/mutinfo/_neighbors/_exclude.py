"""Theiler window: neighbour searches that skip temporal neighbours.

Rows of time-series embeddings close in time are close in space because the
series is smooth, not because of the dependence an estimator measures; the
Theiler window ``w`` excludes them (Theiler 1986; Kantz & Schreiber 2004, ch.
6.4): ``j`` is no neighbour of ``i`` when ``|t_j - t_i| <= w``, where ``t``
are the rows' time indices (strictly increasing; pooled realisations get
offsets larger than ``w`` between them, so their rows never exclude each
other, see :func:`realisation_times`).

Exact on every path of :mod:`mutinfo._neighbors`, ties included:

- k-th distances: each point has at most ``m`` excluded others (the most rows
  any window holds), so the ``k + m`` nearest of the plain search (any path)
  contain the ``k`` nearest allowed ones; the excluded are dropped and the
  rest re-sorted stably (the paths' tie-breaking by index survives).
- counts: the plain count (any path) minus the excluded rows within the
  radius, whose distances are computed as the brute-force path does
  (Chebyshev: ``max |dx|``; Euclidean: squares summed in column order).

The definition is :func:`brute_definition`-style: ``#{j : |t_j - t_i| > w,
d(x_j, x_i) < r_i}``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "allowed_n",
    "check_theiler",
    "excluded_count",
    "excluded_knn",
    "realisation_times",
    "row_times",
    "times_for",
]

#: Time index of each row for the estimator call in progress (set by the
#: time-series layer, which knows the realisations); None: rows are steps 0..n-1.
_ROW_TIMES: contextvars.ContextVar[NDArray[np.int64] | None] = contextvars.ContextVar(
    "mutinfo_row_times", default=None
)


@contextlib.contextmanager
def row_times(times: NDArray[np.int64] | None) -> Iterator[None]:
    """Within the block, kNN searches with a Theiler window use these row times."""
    token = _ROW_TIMES.set(None if times is None else np.asarray(times, np.int64))
    try:
        yield
    finally:
        _ROW_TIMES.reset(token)


def realisation_times(
    time: NDArray[np.int64], realisation: NDArray[np.int64], w: int
) -> NDArray[np.int64]:
    """One increasing time axis for pooled realisations, ``w + 1`` apart at joins.

    ``time`` is each row's step within its realisation and ``realisation`` its
    index (rows in order); rows of different realisations end up more than
    ``w`` apart, so no window reaches across a join.
    """
    time = np.asarray(time, dtype=np.int64)
    realisation = np.asarray(realisation, dtype=np.int64)
    if time.size == 0:
        return time
    span = int(time.max() - time.min()) + w + 2
    return time + realisation * span


def times_for(n: int, where: str) -> NDArray[np.int64]:
    """Row times for ``n`` rows: the ones set by :func:`row_times`, or ``0..n-1``."""
    times = _ROW_TIMES.get()
    if times is None:
        return np.arange(n, dtype=np.int64)
    if times.shape != (n,):
        raise InvalidParameterError(
            f"The row times set for the Theiler window of {where} have "
            f"{times.shape[0]} entries, but the data have {n} rows. Pass the "
            "embedding's times for exactly the rows estimated."
        )
    return times


def check_theiler(
    theiler: Any, times: NDArray[np.int64], k: int, where: str
) -> tuple[int, NDArray[np.int64]]:
    """Validate ``theiler`` and return it with the excluded-others count per row.

    Raises
    ------
    InvalidParameterError
        If ``theiler`` is not an int >= 0, the times are not strictly
        increasing, or some row keeps fewer than ``k`` allowed neighbours (a
        window as long as the series).
    """
    if (
        isinstance(theiler, bool)
        or not isinstance(theiler, int | np.integer)
        or theiler < 0
    ):
        raise InvalidParameterError(
            f"The 'theiler' parameter of {where} must be an int >= 0 (the window "
            f"|t_i - t_j| <= theiler of excluded neighbours) or None. Got "
            f"{theiler!r} instead."
        )
    w = int(theiler)
    n = times.shape[0]
    if n > 1 and not np.all(np.diff(times) > 0):
        raise InvalidParameterError(
            f"The row times of the Theiler window of {where} must be strictly "
            "increasing (one row per time step, realisations in order)."
        )
    lo = np.searchsorted(times, times - w, side="left")
    hi = np.searchsorted(times, times + w, side="right")
    excluded = (hi - lo - 1).astype(np.int64)
    allowed = n - 1 - excluded
    if n and int(allowed.min()) < k:
        raise InvalidParameterError(
            f"The 'theiler' window of {where} is too long for the series: with "
            f"theiler={w}, a row keeps only {int(allowed.min())} allowed "
            f"neighbours of {n} rows, fewer than the k={k} neighbours needed. Use "
            f"a window much shorter than the series (here at most about "
            f"{max(0, (n - 1 - k) // 2)}), or more data."
        )
    return w, excluded


def allowed_n(n: int, theiler: int | None, k: int, where: str) -> Any:
    """``n`` for the estimators' ``psi(n)`` term: per row, 1 + its allowed neighbours.

    Without a window this is ``n`` (each row has ``n - 1`` candidates); with
    one, row ``i`` has ``n - 1 - m_i`` candidates (``m_i`` the excluded rows),
    so the KSG and Kozachenko-Leonenko terms ``psi(n)`` become
    ``psi(n - m_i)``: the same expectation under independence as without a
    window.
    """
    if theiler is None:
        return n
    times = times_for(n, where)
    _, excluded = check_theiler(theiler, times, k, where)
    return n - excluded


def _pair_distance(
    points: NDArray[np.float64], a: NDArray[np.intp], b: NDArray[np.intp], euclid: bool
) -> NDArray[np.float64]:
    """Distances of the row pairs ``(a, b)`` as the brute-force path computes them."""
    out = np.zeros(a.shape[0])
    for j in range(points.shape[1]):
        diff = np.abs(points[b, j] - points[a, j])
        if euclid:
            out += diff * diff
        else:
            np.maximum(out, diff, out=out)
    return np.sqrt(out) if euclid else out


def excluded_knn(
    points: NDArray[np.float64],
    k: int,
    *,
    w: int,
    times: NDArray[np.int64],
    excluded: NDArray[np.int64],
    search: Callable[[int], tuple[NDArray[np.float64], NDArray[np.intp]]],
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Return the ``k`` nearest allowed neighbours from a plain search for ``k + m``.

    ``search(kk)`` is the plain neighbour search (any path) for ``kk``
    neighbours; ``m = max(excluded)`` bounds the excluded others of a point.
    """
    n = points.shape[0]
    kk = min(k + int(excluded.max(initial=0)), n - 1)
    dist, idx = search(kk)
    dist = dist.copy()
    dist[np.abs(times[idx] - times[:, None]) <= w] = np.inf
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(dist, order, axis=1), np.take_along_axis(
        idx, order, axis=1
    )


def excluded_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    plain: NDArray[np.int64],
    *,
    strict: bool,
    euclid: bool,
    w: int,
    times: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Return counts within ``radius`` without the window (``plain`` minus excluded)."""
    n = points.shape[0]
    out = np.array(plain, dtype=np.int64, copy=True)
    # Times are strictly increasing integers, so a window spans <= w rows each side.
    for o in range(1, min(w, n - 1) + 1):
        a = np.arange(n - o)
        a = a[times[a + o] - times[a] <= w]
        if a.size == 0:
            break
        b = a + o
        d = _pair_distance(points, a, b, euclid)
        if strict:
            in_a, in_b = d < radius[a], d < radius[b]
        else:
            in_a, in_b = d <= radius[a], d <= radius[b]
        out[a] -= in_a  # a (and b) hold each row at most once per offset
        out[b] -= in_b
    return out
