"""Gaussian-kernel sums over all pairs of samples, in row blocks of bounded memory.

KDE entropy and the information-theoretic-learning (ITL) quantities need sums of
``G_s(x_i - x_j)`` over all pairs: O(n^2) work by nature. Every such sum in
mutinfo goes through these functions, which never hold more than
:data:`BLOCK_ELEMENTS` kernel values at a time (about 32 MB).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

from mutinfo._special import logsumexp

__all__ = [
    "BLOCK_ELEMENTS",
    "bandwidth_rule",
    "cross_sum",
    "exact_sq_dist",
    "joint_sums",
    "log_cross_sum",
    "loo_log_density",
    "row_sums",
    "unit_row_sums",
]

Array = NDArray[np.float64]

#: Kernel values held at once per matrix (float64: 32 MB).
BLOCK_ELEMENTS = 1 << 22

RULES: tuple[str, ...] = ("scott", "silverman")

#: Row sums below this are recomputed in the log domain.
_TINY = 1e-250

#: Largest distance from the centre, in kernel widths, at which squared
#: distances are expanded as ``|a|^2 + |b|^2 - 2 a.b`` (absolute error about
#: ``1e-16 * 1e12 = 1e-4`` squared widths, of which the entries that matter
#: are then recomputed, :func:`_redo_near`); beyond it they are direct.
_EXPAND_LIMIT = 1e6

#: Error bound (squared widths) above which an expanded squared distance is
#: recomputed from the differences (1e-9 in the exponent -d2 / 2).
_EXACT_ABOVE = 2e-9
#: Squared widths beyond which exp(-d2 / 2) is 0 in float64.
_UNDERFLOW = 1500.0


def bandwidth_rule(rule: str, n: int, d: int) -> float:
    """Return a Gaussian-kernel standard deviation for unit-variance columns.

    ``"scott"``: ``n^(-1/(d+4))``; ``"silverman"``:
    ``(4 / (d + 2))^(1/(d+4)) n^(-1/(d+4))`` (Silverman 1986, eq. 4.14).

    Examples
    --------
    >>> round(bandwidth_rule("scott", 10000, 1), 4)
    0.1585
    """
    factor = 1.0 if rule == "scott" else (4.0 / (d + 2.0)) ** (1.0 / (d + 4.0))
    return float(factor * n ** (-1.0 / (d + 4.0)))


def _in_widths(a: Array, b: Array, s: float) -> tuple[Array, Array]:
    """Return ``a`` and ``b`` shifted by one common centre and divided by ``s``.

    Kernel values depend only on differences in units of the width, so the
    sums are unchanged; but ``|u|^2 + |v|^2 - 2 u.v`` is accurate only when the
    points are near the origin compared with their distances (at an offset of
    1e8 spreads it loses every digit), and ``d^2 / s^2`` underflows or
    overflows at extreme magnitudes where ``(d / s)^2`` does not.
    """
    centre = np.mean(a, axis=0) if a.shape[0] else np.zeros(a.shape[1])
    with np.errstate(over="ignore"):
        return (a - centre) / s, (b - centre) / s


def _sq_dist_blocks(
    a: Array, b: Array, rows: int | None = None
) -> Iterator[tuple[int, int, Array]]:
    """Yield ``(start, stop, D)`` with ``D[i, j] = |a[start + i] - b[j]|^2``.

    ``a`` and ``b`` should be centred and in units of the kernel width
    (:func:`_in_widths`).
    """
    n, m = a.shape[0], b.shape[0]
    step = rows or max(1, BLOCK_ELEMENTS // max(m, 1))
    top = max(float(np.abs(a).max(initial=0.0)), float(np.abs(b).max(initial=0.0)))
    if top > _EXPAND_LIMIT:
        # Far-out points: the expansion would lose its digits or overflow, so
        # take the differences directly (slower, d times the memory per row).
        small = max(1, step // max(a.shape[1], 1))
        for start in range(0, n, step):
            stop = min(n, start + step)
            d2 = np.empty((stop - start, m))
            for s0 in range(start, stop, small):
                s1 = min(stop, s0 + small)
                with np.errstate(over="ignore"):
                    diff = a[s0:s1, None, :] - b[None, :, :]
                    d2[s0 - start : s1 - start] = (diff * diff).sum(axis=2)
            yield start, stop, d2
        return
    b2 = (b**2).sum(axis=1)
    grain = (a.shape[1] + 4) * float(np.finfo(np.float64).eps)
    for start in range(0, n, step):
        stop = min(n, start + step)
        blk = a[start:stop]
        blk2 = (blk**2).sum(axis=1)
        d2 = blk2[:, None] + b2[None, :] - 2.0 * (blk @ b.T)
        np.maximum(d2, 0.0, out=d2)
        if grain * (float(blk2.max(initial=0.0)) + float(b2.max())) > _EXACT_ABOVE:
            _redo_near(d2, blk, b, grain * (blk2[:, None] + b2[None, :]))
        yield start, stop, d2


def _redo_near(d2: Array, a: Array, b: Array, slack: Array) -> None:
    """Recompute from the differences the squared distances whose rounding matters.

    The expansion's error bound ``slack`` (about ``(d + 4) eps (|a|^2 +
    |b|^2)`` squared widths) reaches ``1e-4`` near :data:`_EXPAND_LIMIT`: a
    Cauchy-Schwarz divergence of near-copies at a width of 4e-6 read 12.1704
    nats for 12.1707. Entries whose bound exceeds :data:`_EXACT_ABOVE` and
    whose kernel value does not underflow (``d2 < _UNDERFLOW`` squared widths)
    are taken from the differences: the near neighbours, few where the bound
    is large.
    """
    redo = (slack > _EXACT_ABOVE) & (d2 - slack < _UNDERFLOW)
    exact_sq_dist(d2, a, b, *np.nonzero(redo))


def exact_sq_dist(
    d2: Array, a: Array, b: Array, rows: NDArray[np.intp], cols: NDArray[np.intp]
) -> None:
    """Set ``d2[rows, cols]`` to ``|a[rows] - b[cols]|^2`` from the differences.

    In chunks of :data:`BLOCK_ELEMENTS` values, for the entries where the
    expansion ``|a|^2 + |b|^2 - 2 a.b`` loses too much to rounding.
    """
    step = max(1, BLOCK_ELEMENTS // max(a.shape[1], 1))
    for first in range(0, rows.shape[0], step):
        r, c = rows[first : first + step], cols[first : first + step]
        diff = a[r] - b[c]
        d2[r, c] = np.einsum("ij,ij->i", diff, diff)


def _log_norm(d: int, s: float) -> float:
    """Log of the normalising constant of an isotropic Gaussian with std ``s``."""
    return -0.5 * d * (math.log(2.0 * math.pi) + 2.0 * math.log(s))


def loo_log_density(points: Array, s: float) -> Array:
    """Leave-one-out Gaussian KDE log-density at each sample.

    ``log( 1/(n-1) sum_{j != i} N(x_i; x_j, s^2 I) )``.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    s : float
        Kernel standard deviation (same units as ``points``).

    Returns
    -------
    ndarray of shape (n,)
    """
    n, d = points.shape
    out = np.empty(n)
    u, _ = _in_widths(points, points, s)
    for start, stop, d2 in _sq_dist_blocks(u, u):
        logk = -0.5 * d2
        rows = np.arange(stop - start)
        logk[rows, rows + start] = -np.inf
        sums = np.exp(logk).sum(axis=1)
        # Plain sums are 3x faster; rows whose every other sample lies beyond
        # about 37 widths underflow and are redone in the log domain.
        low = sums < _TINY
        block = out[start:stop]
        block[~low] = np.log(sums[~low])
        if low.any():
            block[low] = logsumexp(logk[low], axis=1)
    return out + _log_norm(d, s) - math.log(n - 1.0)


def unit_row_sums(points: Array, s: float) -> Array:
    """Return ``sum_j exp(-|x_i - x_j|^2 / (2 s^2))``, the diagonal included."""
    out = np.empty(points.shape[0])
    u, _ = _in_widths(points, points, s)
    for start, stop, d2 in _sq_dist_blocks(u, u):
        out[start:stop] = np.exp(-0.5 * d2).sum(axis=1)
    return out


def row_sums(points: Array, s: float) -> Array:
    """Return ``sum_j G_s(x_i - x_j)`` for each i (the diagonal included)."""
    return unit_row_sums(points, s) * math.exp(_log_norm(points.shape[1], s))


def log_cross_sum(a: Array, b: Array, s: float) -> float:
    """Return ``log sum_ij G_s(a_i - b_j)`` (``-inf`` when every term underflows)."""
    total = 0.0
    ua, ub = _in_widths(a, b, s)
    for _, _, d2 in _sq_dist_blocks(ua, ub):
        total += float(np.exp(-0.5 * d2).sum())
    if total == 0.0:
        return -math.inf
    return math.log(total) + _log_norm(a.shape[1], s)


def cross_sum(a: Array, b: Array, s: float) -> float:
    """Return ``sum_ij G_s(a_i - b_j)``."""
    return math.exp(log_cross_sum(a, b, s))


def joint_sums(x: Array, y: Array, sx: float, sy: float) -> tuple[float, Array, Array]:
    """Return the unnormalised sums of the Cauchy-Schwarz quadratic MI, in one pass.

    With ``k_s(d) = exp(-d^2 / (2 s^2))`` (the Gaussian kernel without its
    normalising constant, which cancels in the CS-QMI):

    Returns
    -------
    joint : float
        ``sum_ij k_sx(x_i - x_j) k_sy(y_i - y_j)``.
    rows_x, rows_y : ndarray of shape (n,)
        ``sum_j k_sx(x_i - x_j)`` and the same for y.
    """
    n = x.shape[0]
    step = max(1, BLOCK_ELEMENTS // max(n, 1))
    rows_x, rows_y = np.empty(n), np.empty(n)
    joint = 0.0
    ux, _ = _in_widths(x, x, sx)
    uy, _ = _in_widths(y, y, sy)
    blocks = zip(
        _sq_dist_blocks(ux, ux, step), _sq_dist_blocks(uy, uy, step), strict=True
    )
    for (start, stop, dx), (_, _, dy) in blocks:
        kx = np.exp(-0.5 * dx)
        ky = np.exp(-0.5 * dy)
        rows_x[start:stop] = kx.sum(axis=1)
        rows_y[start:stop] = ky.sum(axis=1)
        joint += float((kx * ky).sum())
    return joint, rows_x, rows_y
