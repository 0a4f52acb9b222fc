"""Ince's I_ccs: the common change in surprisal.

For a node ``alpha = {A_1, ..., A_k}`` the distribution is replaced by the
maximum-entropy one that keeps the joint of the sources ``p(a_1, ..., a_k)``
and every source-target pair ``p(a_j, t)`` (found by iterative proportional
fitting from the uniform). Under it, the local co-information

    c = sum_{nonempty J of 1..k} (-1)^(|J|+1) i(a_J; t)

is averaged over the outcomes where it has the sign of every ``i(a_j; t)`` and
of ``i(a_1, ..., a_k; t)`` (Ince 2017, Entropy 19(7):318,
doi:10.3390/e19070318). A one-set node is the mutual information ``I(A; T)``.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import ConvergenceWarning, warn
from mutinfo.pid._lattice import Lattice
from mutinfo.pid._measures import Redundancies
from mutinfo.pid._prepare import Prepared

__all__ = ["ccs"]

#: Largest absolute error of a fitted marginal that counts as converged.
_TOL = 1e-13
_MAX_ITER = 20_000
#: IPF iterations before looking for zeros that the marginals force jointly.
_FIRST_TRY = 200
#: Local values within this of 0 (nats) count as 0 for the sign rule.
_ZERO = 1e-9


def _to_cells(prep: Prepared, s: NDArray[np.int64], n_s: int, part: tuple[int, ...]):  # type: ignore[no-untyped-def]
    """Map each outcome ``s`` of the union to its code of the union ``part``."""
    codes, k = prep.codes(part)
    out = np.zeros(n_s, dtype=np.int64)
    out[s] = codes
    return out, k


def _support(
    p_s: NDArray[np.float64],
    maps: list[tuple[NDArray[np.int64], int]],
    p_at: list[NDArray[np.float64]],
) -> NDArray[np.bool_]:
    """Cells ``(s, t)`` that some distribution with the given marginals puts mass on.

    One linear program over the cone ``{tau * feasible}``: maximise the
    number of cells with ``q >= 1`` (each capped at 1). A cell that is positive
    at some feasible point is positive at the sum of such points, so the
    optimum marks exactly the cells outside the forced zeros.
    """
    from scipy import sparse
    from scipy.optimize import linprog

    n_s, kt = p_s.size, p_at[0].shape[1]
    n = n_s * kt
    cell = np.arange(n).reshape(n_s, kt)
    rows, cols, rhs = [], [], []
    offset = 0
    for (amap, ka), target in zip(maps, p_at, strict=True):
        rows.append(offset + (amap[:, None] * kt + np.arange(kt)[None, :]).ravel())
        cols.append(cell.ravel())
        rhs.append(target.ravel())
        offset += ka * kt
    rows.append(offset + np.repeat(np.arange(n_s), kt))
    cols.append(cell.ravel())
    rhs.append(p_s)
    offset += n_s
    b = np.concatenate(rhs)
    a_q = sparse.csr_matrix(
        (
            np.ones(sum(r.size for r in rows)),
            (np.concatenate(rows), np.concatenate(cols)),
        ),
        shape=(offset, n),
    )
    a_eq = sparse.hstack(
        [a_q, sparse.csr_matrix((offset, n)), sparse.csr_matrix(-b[:, None])]
    )
    eye = sparse.identity(n)
    a_ub = sparse.hstack([-eye, eye, sparse.csr_matrix((n, 1))])
    c = np.concatenate([np.zeros(n), -np.ones(n), [0.0]])
    bounds = [(0, None)] * n + [(0, 1)] * n + [(0, None)]
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.zeros(n),
        A_eq=a_eq,
        b_eq=np.zeros(offset),
        bounds=bounds,
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - the program is always feasible
        return np.ones((n_s, kt), dtype=bool)
    return np.asarray(res.x[n : 2 * n] > 0.5).reshape(n_s, kt)


def _ipf(
    q: NDArray[np.float64],
    p_s: NDArray[np.float64],
    maps: list[tuple[NDArray[np.int64], int]],
    p_at: list[NDArray[np.float64]],
    max_iter: int,
) -> tuple[NDArray[np.float64], int, float]:
    kt = q.shape[1]
    error = np.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - reported
        for (amap, ka), target in zip(maps, p_at, strict=True):
            m = np.zeros((ka, kt))
            np.add.at(m, amap, q)
            ratio = np.divide(target, m, out=np.zeros_like(m), where=m > 0)
            q *= ratio[amap]
        row = q.sum(axis=1)
        q *= np.divide(p_s, row, out=np.zeros_like(row), where=row > 0)[:, None]
        error = 0.0
        for (amap, ka), target in zip(maps, p_at, strict=True):
            m = np.zeros((ka, kt))
            np.add.at(m, amap, q)
            error = max(error, float(np.abs(m - target).max()))
        if error < _TOL:
            break
    return q, it, error


def maxent(
    p_s: NDArray[np.float64],
    maps: list[tuple[NDArray[np.int64], int]],
    p_at: list[NDArray[np.float64]],
) -> tuple[NDArray[np.float64], int, float]:
    """Max-entropy ``q(s, t)`` with ``q(s) = p_s`` and ``q(a_j, t) = p_at[j]``.

    Iterative proportional fitting from ``p_s(s) / n_t``. When the answer has
    zeros that no single marginal forces (AND is an example), fitting from the
    full grid only approaches them slowly; then the cells that can carry mass
    are found by a linear program (:func:`_support`) and the fit restarts on
    them, where it converges geometrically. Returns ``q``, the iterations used
    and the largest marginal error left.
    """
    kt = p_at[0].shape[1]
    start = np.outer(p_s, np.full(kt, 1.0 / kt))
    q, it, error = _ipf(start.copy(), p_s, maps, p_at, _FIRST_TRY)
    if error < _TOL:
        return q, it, error
    allowed = _support(p_s, maps, p_at)
    q, more, error = _ipf(start * allowed, p_s, maps, p_at, _MAX_ITER)
    return q, it + more, error


def _node(
    prep: Prepared, node: tuple[tuple[int, ...], ...]
) -> tuple[float, int, float]:
    if len(node) == 1:
        return float(prep.p @ prep.local_mi(node[0])), 0, 0.0
    union = tuple(sorted({i for part in node for i in part}))
    s, n_s = prep.codes(union)
    t, kt = prep.target_codes()
    p_s = np.bincount(s, weights=prep.p, minlength=n_s).astype(np.float64)
    maps: list[tuple[NDArray[np.int64], int]] = []
    p_at: list[NDArray[np.float64]] = []
    for part in node:
        amap, ka = _to_cells(prep, s, n_s, part)
        a = amap[s]
        p_at.append(
            np.bincount(a * kt + t, weights=prep.p, minlength=ka * kt)
            .astype(np.float64)
            .reshape(ka, kt)
        )
        maps.append((amap, ka))
    q, n_iter, error = maxent(p_s, maps, p_at)
    keep = q > 0
    q_t = q.sum(axis=0)
    log_q_t = np.log(q_t)[None, :]
    k = len(node)
    coinfo = np.zeros_like(q)
    local: dict[tuple[int, ...], NDArray[np.float64]] = {}
    for size in range(1, k + 1):
        for subset in combinations(range(k), size):
            part = tuple(sorted({i for j in subset for i in node[j]}))
            if part == union:
                umap, ku = np.arange(n_s), n_s
            else:
                umap, ku = _to_cells(prep, s, n_s, part)
            m = np.zeros((ku, kt))
            np.add.at(m, umap, q)
            q_u = m.sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.log(m[umap]) - np.log(q_u[umap])[:, None] - log_q_t
            value = np.where(keep, value, 0.0)
            value[np.abs(value) < _ZERO] = 0.0
            local[subset] = value
            coinfo += (-1) ** (size + 1) * value
    coinfo[np.abs(coinfo) < _ZERO] = 0.0
    sign = np.sign(coinfo)
    agree = keep & (sign == np.sign(local[tuple(range(k))]))
    for j in range(k):
        agree &= sign == np.sign(local[(j,)])
    return float((q * coinfo)[agree].sum()), n_iter, error


def ccs(prep: Prepared, lat: Lattice) -> Redundancies:
    """Ince's I_ccs of every node (see the module docstring)."""
    values = np.empty(len(lat.nodes))
    worst, most = 0.0, 0
    for i, node in enumerate(lat.nodes):
        values[i], n_iter, error = _node(prep, node)
        worst, most = max(worst, error), max(most, n_iter)
    if worst >= _TOL:
        warn(
            "The maximum-entropy fit of I_ccs stopped after "
            f"{_MAX_ITER} iterations with a marginal error of {worst:.3g} "
            f"(tolerance {_TOL:g}); the redundancies may be off by about that "
            "much. Merge rare outcomes or use measure='imin' or 'broja'.",
            ConvergenceWarning,
        )
    return Redundancies(values, info={"iterations": most, "marginal_error": worst})
