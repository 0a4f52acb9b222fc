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
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._scaling import ldexp_columns, pow2_exponents
from mutinfo.estimators.gaussian import _RANK_TOL, entropy_bias
from mutinfo.timeseries._embed import history_offsets, window

__all__ = ["gaussian_te_matrix", "surrogate_orders", "surrogate_te"]

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


class _Prepared:
    """Correlations of all embedded blocks and the pairs' column indices."""

    def __init__(
        self,
        corr: NDArray[np.float64],
        log_std: NDArray[np.float64],
        z: NDArray[np.float64],
        p: int,
        k: int,
        l: int,  # noqa: E741
    ) -> None:
        self.corr, self.log_std, self.z = corr, log_std, z
        self.n = z.shape[0]
        self.p, self.k, self.l = p, k, l
        fut, tpast, spast = _layout(p, k, l)
        self.src, self.tgt = np.nonzero(~np.eye(p, dtype=bool))
        self.blocks = {
            "xz": np.column_stack([fut[self.tgt], tpast[self.tgt]]),
            "yz": np.column_stack([spast[self.src], tpast[self.tgt]]),
            "z": tpast[self.tgt],
            "xyz": np.column_stack([fut[self.tgt], spast[self.src], tpast[self.tgt]]),
        }
        self.source_cols = spast.ravel()
        self.target_cols = np.column_stack([fut[:, None], tpast]).ravel()


def _prepare(
    series: Sequence[list[NDArray[Any]]],
    *,
    k: int,
    k_tau: int,
    l: int,  # noqa: E741
    l_tau: int,
    delay: int,
) -> _Prepared | None:
    data = _embedded(series, k=k, k_tau=k_tau, l=l, l_tau=l_tau, delay=delay)
    if data is None or not np.all(np.isfinite(data)):
        return None
    n = data.shape[0]
    if n <= 1 + k + l + 1:
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
    return _Prepared(corr, log_std, z, len(series), k, l)


def _entropies(
    prep: _Prepared, corr: NDArray[np.float64], names: Sequence[str], bias: bool
) -> tuple[dict[str, NDArray[np.float64]], dict[str, NDArray[np.float64]]] | None:
    """Entropies (nats) and half log-determinants of the named blocks per pair."""
    h: dict[str, NDArray[np.float64]] = {}
    plain: dict[str, NDArray[np.float64]] = {}
    for name in names:
        idx = prep.blocks[name]
        d = idx.shape[1]
        logdet, smallest = _logdets(corr, prep.log_std, idx)
        if np.any(smallest <= _RANK_TOL * d):
            return None
        plain[name] = 0.5 * logdet
        h[name] = 0.5 * d * (_LOG_2PI + 1.0) + 0.5 * logdet
        if bias:
            h[name] = h[name] - entropy_bias(d, prep.n)
    return h, plain


def gaussian_te_matrix(
    series: Sequence[list[NDArray[Any]]],
    *,
    k: int,
    k_tau: int,
    l: int,  # noqa: E741
    l_tau: int,
    delay: int,
    bias_correction: bool,
    surrogates: Callable[[int], Sequence[NDArray[np.intp]]] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], int] | None:
    """Gaussian TE (nats) and p-values of every ordered pair.

    Parameters
    ----------
    series : sequence of lists of 1-D float arrays
        Per series, its realisations (the same lengths for every series).
    k, k_tau, l, l_tau, delay : int
        The embedding, as in :func:`mutinfo.timeseries.transfer_entropy`.
    bias_correction : bool
        The Gaussian family's finite-sample correction of each entropy.
    surrogates : callable, optional
        ``surrogates(n_rows)`` gives the surrogate orders of the embedded
        source histories (one per draw, shared by every pair): the p-values are
        then
        ``(1 + #{TE_surrogate >= TE}) / (1 + len(surrogates))``, each surrogate
        TE from the correlations of the reordered source columns with the
        targets' columns (one matrix product per draw). Without them, Granger's
        F-test p-values.

    Returns
    -------
    (te, p_values, n_rows) or None
        ``te[i, j] = TE(i -> j)`` in nats (NaN diagonal), the p-values, and
        the embedded rows; None where the per-pair path must decide (NaN, a
        constant column, linearly dependent columns, too few rows), so that
        its errors and warnings are the ones raised.
    """
    from scipy.stats import f as f_dist

    prep = _prepare(series, k=k, k_tau=k_tau, l=l, l_tau=l_tau, delay=delay)
    if prep is None:
        return None
    got = _entropies(prep, prep.corr, ("xz", "yz", "z", "xyz"), bias_correction)
    if got is None:
        return None
    h, plain = got
    values = h["xz"] + h["yz"] - h["z"] - h["xyz"]
    p, n = prep.p, prep.n
    te = np.full((p, p), np.nan)
    pv = np.full((p, p), np.nan)
    te[prep.src, prep.tgt] = values
    if surrogates is None:
        raw = plain["xz"] + plain["yz"] - plain["z"] - plain["xyz"]
        dof = n - (1 + k + l)
        stat = np.expm1(2.0 * raw) * dof / l
        pv[prep.src, prep.tgt] = f_dist.sf(stat, l, dof)
        return te, pv, n
    orders = surrogates(n)
    null = surrogate_te(prep, orders, bias_correction)
    exceed = (null >= values[None, :]).sum(axis=0)
    pv[prep.src, prep.tgt] = (1.0 + exceed) / (1.0 + len(orders))
    return te, pv, n


def surrogate_te(
    prep: _Prepared, surrogates: Sequence[NDArray[np.intp]], bias: bool
) -> NDArray[np.float64]:
    """TE of every pair with the source histories' rows reordered, per surrogate.

    A reordering keeps each column's mean and spread, so only the
    correlations of the source columns with the target columns change:
    ``z_S[order]' z_T / (n - 1)``.
    """
    xz = _entropies(prep, prep.corr, ("xz", "z"), bias)
    assert xz is not None  # checked on the data
    fixed = xz[0]["xz"] - xz[0]["z"]
    zs = np.ascontiguousarray(prep.z[:, prep.source_cols])
    # (targets x rows) @ (rows x sources): ~10x faster than zs[order].T @ zt
    # (the transposed gather makes BLAS take a slow path).
    zt_rows = np.ascontiguousarray(prep.z[:, prep.target_cols].T)
    out = np.empty((len(surrogates), prep.src.size))
    corr = prep.corr.copy()
    rows, cols = prep.source_cols[:, None], prep.target_cols[None, :]
    for b, order in enumerate(surrogates):
        cross = (zt_rows @ zs[order]).T / (prep.n - 1.0)
        corr[rows, cols] = cross
        corr[cols.T, rows.T] = cross.T
        got = _entropies(prep, corr, ("yz", "xyz"), bias)
        if got is None:  # a surrogate exactly collinear: as large as can be
            out[b] = np.inf
            continue
        out[b] = fixed + got[0]["yz"] - got[0]["xyz"]
    return out


def surrogate_orders(
    kind: str, n_permutations: int, rng: np.random.Generator
) -> Callable[[int], list[NDArray[np.intp]]]:
    """Row orders of ``n_permutations`` surrogates of ``kind`` for ``n`` rows.

    ``'permute'``, ``'block'`` (blocks of ``ceil(n ** (1/3))`` rows in a random
    order) or ``'circular'`` (distinct shifts of at least that many rows, all
    of them when fewer than ``n_permutations`` fit), as
    :func:`mutinfo.timeseries.transfer_entropy_test` draws them.
    """
    from mutinfo.stats import _surrogates as sur

    def make(n: int) -> list[NDArray[np.intp]]:
        length = sur.default_block_length(n)
        if kind == "permute":
            return [rng.permutation(n).astype(np.intp) for _ in range(n_permutations)]
        if kind == "block":
            return [sur.block_indices(n, length, rng) for _ in range(n_permutations)]
        # Distinct shifts (all of them when fewer than n_permutations): shifts
        # drawn with replacement repeat, and the p-value then reads below what
        # the distinct shifts allow (mutinfo.stats._surrogates.circular_shifts).
        shifts = sur.circular_shifts(n, length, n_permutations, rng)
        return [((np.arange(n) + s) % n).astype(np.intp) for s in shifts]

    return make
