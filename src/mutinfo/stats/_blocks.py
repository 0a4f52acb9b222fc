"""Blocks of consecutive rows for intervals on serially dependent rows.

Rows of an embedded time series (``mutinfo.timeseries.embed``) are not
independent: resampling them one by one measures the spread of an estimate on
independent rows, which is too small for a series with memory. Block
half-sampling keeps runs of consecutive rows together: the rows (rotated by a
random offset) are cut into ``B`` blocks of about ``block_length`` rows, and
each resample keeps ``B // 2`` of them, drawn without replacement (no row is
repeated, which the kNN families need). The block length comes from the data
by the rule of Politis and White (2004), with the correction of Patton,
Politis and White (2009).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo.exceptions import InvalidDataError

__all__ = ["block_count", "block_half_rows", "politis_white"]

#: Fewest blocks a block interval accepts: with fewer, half-samples of blocks
#: take too few distinct values to give quantiles.
MIN_BLOCKS = 6


def _flat_top(t: NDArray[np.float64]) -> NDArray[np.float64]:
    a = np.abs(t)
    return np.where(a <= 0.5, 1.0, np.where(a <= 1.0, 2.0 * (1.0 - a), 0.0))


def _one_column(x: NDArray[np.float64]) -> float:
    n = x.size
    x = x - x.mean()
    if n < 8 or not np.any(x):
        return 1.0
    kn = max(5, math.ceil(math.sqrt(math.log10(n))))
    m_max = min(n - 1, math.ceil(math.sqrt(n)) + kn)
    b_max = math.ceil(min(3.0 * math.sqrt(n), n / 3.0))
    size = 1 << (2 * n - 1).bit_length()
    spec = np.fft.rfft(x, size)
    acv = np.fft.irfft(spec * np.conj(spec), size)[: m_max + 1] / n
    rho = acv[1:] / acv[0]
    small = np.abs(rho) < 2.0 * math.sqrt(math.log10(n) / n)
    m_hat = None
    for m in range(m_max - kn + 1):
        if small[m : m + kn].all():
            m_hat = m
            break
    if m_hat is None:  # every window has a significant lag: the last one
        big = np.flatnonzero(~small)
        m_hat = int(big[-1]) + 1 if big.size else 1
    m_big = min(2 * max(m_hat, 1), m_max)
    lags = np.arange(-m_big, m_big + 1)
    weights = _flat_top(lags / m_big)
    r = acv[np.abs(lags)]
    g = float(np.sum(weights * np.abs(lags) * r))
    g0 = float(np.sum(weights * r))
    if g0 <= 0.0:
        return 1.0
    d_cb = 4.0 / 3.0 * g0**2
    b = (2.0 * g**2 / d_cb) ** (1.0 / 3.0) * n ** (1.0 / 3.0)
    return float(min(max(b, 1.0), b_max))


def politis_white(x: ArrayLike) -> float:
    """Data-driven block length for blocks of consecutive rows (Politis-White).

    The circular-block-bootstrap length ``b = (2 G^2 / D)^(1/3) n^(1/3)`` of
    Politis and White (2004) with the correction of Patton, Politis and White
    (2009): ``G = sum_k w(k/M) |k| R(k)`` and ``D = 4/3 (sum_k w(k/M) R(k))^2``
    from the autocovariances ``R`` under the flat-top window ``w``, with ``M``
    twice the first lag after which ``K_n = max(5, sqrt(log10 n))`` sample
    autocorrelations in a row are below ``2 sqrt(log10 n / n)``; capped at
    ``min(3 sqrt(n), n / 3)``. For several columns, the largest of their
    lengths. Rows (the first axis) are time.

    Parameters
    ----------
    x : array-like of shape (n_rows,) or (n_rows, n_columns)
        The series, for example an estimate's local values.

    Returns
    -------
    float
        The block length in rows (at least 1).

    Raises
    ------
    InvalidDataError
        For values that are not numbers, NaN or infinite values, a scalar, or
        no rows.

    References
    ----------
    .. [1] D. N. Politis and H. White, "Automatic block-length selection for the
       dependent bootstrap", Econometric Reviews 23, 53-70 (2004).
    .. [2] A. Patton, D. N. Politis and H. White, "Correction to 'Automatic
       block-length selection for the dependent bootstrap'", Econometric
       Reviews 28, 372-375 (2009).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.signal import lfilter
    >>> rng = np.random.default_rng(0)
    >>> white = rng.normal(size=2000)
    >>> ar9 = lfilter([1.0], [1.0, -0.9], rng.normal(size=2000))
    >>> round(politis_white(white)), round(politis_white(ar9))
    (1, 53)
    """
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidDataError(
            "The 'x' parameter of politis_white() must be an array of numbers of "
            f"shape (n_rows,) or (n_rows, n_columns); got {type(x).__name__} "
            "values that are not numbers. Convert them to floats first."
        ) from None
    if arr.ndim == 0 or arr.shape[0] == 0 or arr.size == 0:
        raise InvalidDataError(
            "The 'x' parameter of politis_white() must be an array of numbers of "
            f"shape (n_rows,) or (n_rows, n_columns) with at least one row; got "
            f"shape {arr.shape}. Pass the series with time along the first axis."
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        raise InvalidDataError(
            "The 'x' parameter of politis_white() must hold finite numbers; got "
            f"{int(bad.sum())} NaN or infinite value(s), the first in row "
            f"{int(np.argwhere(bad)[0][0])}. Drop or fill those rows first (a gap "
            "breaks the autocovariances the block length is read from)."
        )
    arr = arr.reshape(arr.shape[0], -1)
    return max(_one_column(arr[:, j]) for j in range(arr.shape[1]))


def block_count(n: int, block_length: float) -> int:
    """Return the number of blocks of about ``block_length`` rows in ``n`` rows."""
    return max(1, round(n / max(block_length, 1.0)))


def block_half_rows(n: int, blocks: int, rng: np.random.Generator) -> NDArray[np.intp]:
    """Rows of one block half-sample: ``blocks // 2`` of ``blocks`` runs.

    The rows, rotated by a random offset (so block edges fall anywhere), are
    cut into ``blocks`` runs of consecutive rows whose lengths differ by at
    most one (the run holding the rotation's seam joins the last and first
    rows); ``blocks // 2`` runs are kept, drawn without replacement, each in
    its own order.

    Examples
    --------
    >>> import numpy as np
    >>> rows = block_half_rows(12, 4, np.random.default_rng(0))
    >>> rows.size, len(set(rows.tolist()))
    (6, 6)
    """
    offset = int(rng.integers(n))
    edges = np.linspace(0, n, blocks + 1).round().astype(np.intp)
    keep = np.sort(rng.choice(blocks, blocks // 2, replace=False))
    parts: list[Any] = [np.arange(edges[b], edges[b + 1]) for b in keep]
    return ((np.concatenate(parts) + offset) % n).astype(np.intp)
