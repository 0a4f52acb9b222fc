"""All-pairs Gaussian transfer entropy from one covariance of the embedded blocks.

Gaussian TE is ``I(Y_t ; X_past | Y_past) = H(Y_t, Y_past) + H(X_past, Y_past)
- H(Y_past) - H(Y_t, X_past, Y_past)``, each entropy a log-determinant of the
sample covariance of its columns. Every ordered pair of a multivariate series
uses the same rows (the embedding's reach does not depend on the pair), so the
covariance of all series' futures and histories, computed once, holds every
pair's blocks: the matrix is a batch of small log-determinants (the same
arithmetic as :func:`mutinfo.estimators.gaussian.gaussian_entropy`: columns
scaled by powers of two, correlation eigenvalues plus log standard deviations,
the exact finite-sample bias correction), not ``p (p - 1)`` front-door calls.

The analytic p-value is Granger's F-test of the nested linear regressions of
``Y_t`` on ``(1, Y_past)`` and on ``(1, Y_past, X_past)``: their residual
variances have the ratio ``exp(2 TE)`` of the uncorrected TE, and
``F = (exp(2 TE) - 1) (n - 1 - k - l) / l`` is ``F(l, n - 1 - k - l)``
distributed under no transfer for Gaussian errors and a fixed design (exact for
a regression, asymptotically exact for autoregressive series, where the design
is the series' own past).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._scaling import ldexp_columns, pow2_exponents
from mutinfo.estimators.gaussian import _RANK_TOL, entropy_bias
from mutinfo.timeseries._embed import history_offsets, window

__all__ = ["gaussian_te_matrix"]

_LOG_2PI = math.log(2.0 * math.pi)


def _layout(
    p: int,
    k: int,
    l: int,  # noqa: E741
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp]]:
    """Column indices of each series' future, target past and source past."""
    width = 1 + k + l
    base = np.arange(p) * width
    fut = base
    tpast = base[:, None] + 1 + np.arange(k)
    spast = base[:, None] + 1 + k + np.arange(l)
    return fut, tpast, spast


def _embedded(
    series: Sequence[list[NDArray[Any]]],
    *,
    k: int,
    k_tau: int,
    l: int,  # noqa: E741
    l_tau: int,
    delay: int,
) -> NDArray[np.float64] | None:
    """Rows ``(Y_t, Y_past, X_past)`` of every series side by side, realisations pooled.

    None when a realisation is shorter than the embedding (the per-pair path
    then raises its own error).
    """
    t_off = history_offsets(k, k_tau, 1)
    s_off = history_offsets(l, l_tau, delay)
    reach = max(-o for o in t_off + s_off)
    parts = []
    for r in range(len(series[0])):
        n = len(series[0][r])
        if n <= reach:
            return None
        cols = []
        for s in series:
            y = np.asarray(s[r], dtype=np.float64)[:, None]
            cols += [y[reach:n], window(y, t_off, reach, n), window(y, s_off, reach, n)]
        parts.append(np.concatenate(cols, axis=1))
    return np.concatenate(parts)


def _logdets(
    corr: NDArray[np.float64], log_std: NDArray[np.float64], idx: NDArray[np.intp]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Log-determinants of the covariance blocks ``idx`` (one row per block).

    Returns the log-determinants and each block's smallest correlation
    eigenvalue (the per-pair path refuses linearly dependent columns).
    """
    sub = corr[idx[:, :, None], idx[:, None, :]]
    eig = np.linalg.eigvalsh(sub)
    with np.errstate(divide="ignore", invalid="ignore"):
        logdet = np.log(eig).sum(axis=1) + 2.0 * log_std[idx].sum(axis=1)
    return np.asarray(logdet, dtype=np.float64), np.asarray(eig[:, 0], dtype=np.float64)


def gaussian_te_matrix(
    series: Sequence[list[NDArray[Any]]],
    *,
    k: int,
    k_tau: int,
    l: int,  # noqa: E741
    l_tau: int,
    delay: int,
    bias_correction: bool,
) -> tuple[NDArray[np.float64], NDArray[np.float64], int] | None:
    """Gaussian TE (nats) and Granger F p-values of every ordered pair.

    Parameters
    ----------
    series : sequence of lists of 1-D float arrays
        Per series, its realisations (the same lengths for every series).
    k, k_tau, l, l_tau, delay : int
        The embedding, as in :func:`mutinfo.timeseries.transfer_entropy`.
    bias_correction : bool
        The Gaussian family's finite-sample correction of each entropy.

    Returns
    -------
    (te, p_values, n_rows) or None
        ``te[i, j] = TE(i -> j)`` in nats (NaN diagonal), the F-test p-values,
        and the embedded rows; None where the per-pair path must decide (NaN,
        a constant column, linearly dependent columns, too few rows), so that
        its errors and warnings are the ones raised.
    """
    from scipy.stats import f as f_dist

    p = len(series)
    data = _embedded(series, k=k, k_tau=k_tau, l=l, l_tau=l_tau, delay=delay)
    if data is None or not np.all(np.isfinite(data)):
        return None
    n = data.shape[0]
    d_full = 1 + k + l
    if n <= d_full + 1:
        return None
    # As gaussian_entropy: powers of two per column (exact), then centre.
    exp = pow2_exponents(data)
    unit = ldexp_columns(data, exp)
    centered = unit - unit.mean(axis=0)
    std = np.sqrt((centered**2).sum(axis=0) / (n - 1.0))
    if np.any(std == 0):
        return None
    z = centered / std
    corr = (z.T @ z) / (n - 1.0)
    log_std = np.log(std) + exp * math.log(2.0)
    fut, tpast, spast = _layout(p, k, l)
    src, tgt = np.nonzero(~np.eye(p, dtype=bool))
    blocks = {
        "xz": np.column_stack([fut[tgt], tpast[tgt]]),
        "yz": np.column_stack([spast[src], tpast[tgt]]),
        "z": tpast[tgt],
        "xyz": np.column_stack([fut[tgt], spast[src], tpast[tgt]]),
    }
    h: dict[str, NDArray[np.float64]] = {}
    plain: dict[str, NDArray[np.float64]] = {}
    for name, idx in blocks.items():
        d = idx.shape[1]
        logdet, smallest = _logdets(corr, log_std, idx)
        if np.any(smallest <= _RANK_TOL * d):
            return None
        plain[name] = 0.5 * logdet
        h[name] = 0.5 * d * (_LOG_2PI + 1.0) + 0.5 * logdet
        if bias_correction:
            h[name] = h[name] - entropy_bias(d, n)
    values = h["xz"] + h["yz"] - h["z"] - h["xyz"]
    raw = plain["xz"] + plain["yz"] - plain["z"] - plain["xyz"]
    dof = n - d_full
    stat = np.expm1(2.0 * raw) * dof / l
    te = np.full((p, p), np.nan)
    pv = np.full((p, p), np.nan)
    te[src, tgt] = values
    pv[src, tgt] = f_dist.sf(stat, l, dof)
    return te, pv, n
