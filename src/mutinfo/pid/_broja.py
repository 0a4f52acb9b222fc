r"""I_broja (Bertschinger, Rauh, Olbrich, Jost & Ay 2014), two sources.

Unique information is the least conditional MI over the distributions ``Q``
that keep both source-target marginals,

    UI(T; A \\ B) = min_{Q in Delta_P} I_Q(T; A | B),
    Delta_P = {Q : Q(a, t) = P(a, t), Q(b, t) = P(b, t)},

and all four atoms follow from ``m = min_Q I_Q(T; A, B)``:
``R = I(T; A) + I(T; B) - m``, ``U_A = m - I(T; B)``, ``U_B = m - I(T; A)``,
``S = I(T; A, B) - m``. Minimising ``I_Q(T; A, B) = H(T) - H_Q(T | A, B)`` over
the polytope is an exponential-cone program, solved with cvxpy (Clarabel).

The answer is certified: the solver's ``Q`` is polished onto the polytope by
proportional fitting (so it is feasible and gives an upper bound) and its dual
multipliers give a lower bound (the Lagrange dual of the program,
``sum lambda p(a,t) + sum mu p(b,t) - max_ab log sum_t exp(lambda_at + mu_bt)``);
their difference is the optimality gap reported in ``PID.info``.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import (
    ConvergenceWarning,
    InvalidParameterError,
    MissingDependencyError,
    warn,
)
from mutinfo.pid._lattice import Lattice
from mutinfo.pid._measures import Redundancies
from mutinfo.pid._prepare import Prepared

__all__ = ["MAX_CELLS", "broja", "min_synergy_mi"]

#: Largest number of cells (a, b, t) the convex program may have.
MAX_CELLS = 20_000
#: Optimality gap (nats) above which a ConvergenceWarning is issued.
GAP_TOL = 1e-6


class _Problem:
    """The cells of ``Delta_P`` and the marginals that define it."""

    def __init__(self, prep: Prepared) -> None:
        a, ka = prep.codes((0,))
        b, kb = prep.codes((1,))
        t, kt = prep.target_codes()
        p = prep.p
        self.p_at = np.bincount(a * kt + t, weights=p, minlength=ka * kt).reshape(
            ka, kt
        )
        self.p_bt = np.bincount(b * kt + t, weights=p, minlength=kb * kt).reshape(
            kb, kt
        )
        self.sizes = (ka, kb, kt)
        ok_a = self.p_at > 0
        ok_b = self.p_bt > 0
        n_cells = int(sum(ok_a[:, j].sum() * ok_b[:, j].sum() for j in range(kt)))
        if n_cells > MAX_CELLS:
            raise InvalidParameterError(
                f"measure='broja' needs a convex program with {n_cells:,} variables "
                f"(source alphabets {ka} and {kb}, target alphabet {kt}); the limit "
                f"is {MAX_CELLS:,}. Merge rare outcomes, or use measure='imin', "
                "'ccs' or 'mmi', which have no such limit."
            )
        ia, ib, it = np.nonzero(ok_a[:, None, :] & ok_b[None, :, :])
        self.ia, self.ib, self.it = ia, ib, it
        self.n = ia.size
        group, self.group = np.unique(ia * kb + ib, return_inverse=True)
        self.n_groups = group.size
        self.row_a = ia * kt + it
        self.row_b = ib * kt + it

    def value(self, q: NDArray[np.float64]) -> float:
        """``sum q log(q / q(a, b)) = -H_Q(T | A, B)`` in nats."""
        q_ab = np.bincount(self.group, weights=q, minlength=self.n_groups)[self.group]
        pos = q > 0
        return float((q[pos] * np.log(q[pos] / q_ab[pos])).sum())

    def polish(self, q: NDArray[np.float64], n_iter: int = 500) -> NDArray[np.float64]:
        """Scale ``q`` onto both marginals (proportional fitting)."""
        ka, kb, kt = self.sizes
        q = np.clip(q, 0.0, None)
        q = np.where(q > 0, q, 1e-300)  # keep every allowed cell reachable
        for _ in range(n_iter):
            m = np.bincount(self.row_a, weights=q, minlength=ka * kt)
            q = q * (self.p_at.ravel()[self.row_a] / m[self.row_a])
            m = np.bincount(self.row_b, weights=q, minlength=kb * kt)
            q = q * (self.p_bt.ravel()[self.row_b] / m[self.row_b])
            m = np.bincount(self.row_a, weights=q, minlength=ka * kt)
            if np.abs(m - self.p_at.ravel()).max() < 1e-15:
                break
        return q

    def lower_bound(self, lam: NDArray[np.float64], mu: NDArray[np.float64]) -> float:
        """Evaluate the Lagrange dual at ``lam`` (per (a, t)), ``mu`` (per (b, t))."""
        theta = lam[self.row_a] + mu[self.row_b]
        top = np.full(self.n_groups, -np.inf)
        np.maximum.at(top, self.group, theta)
        s = np.bincount(self.group, weights=np.exp(theta - top[self.group]))
        lse = top + np.log(s)
        return float(lam @ self.p_at.ravel() + mu @ self.p_bt.ravel() - lse.max())


def _solve(
    problem: _Problem,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], str]:
    try:
        cp: Any = importlib.import_module("cvxpy")
    except ImportError:  # pragma: no cover - exercised without the extra
        raise MissingDependencyError(
            "measure='broja' solves a convex program with cvxpy: "
            'pip install "mutinfo[pid]"'
        ) from None
    from scipy import sparse

    ka, kb, kt = problem.sizes
    n = problem.n
    used_a = np.unique(problem.row_a)
    used_b = np.unique(problem.row_b)
    ra = np.searchsorted(used_a, problem.row_a)
    rb = np.searchsorted(used_b, problem.row_b)
    mat_a = sparse.csr_matrix((np.ones(n), (ra, np.arange(n))), shape=(used_a.size, n))
    mat_b = sparse.csr_matrix((np.ones(n), (rb, np.arange(n))), shape=(used_b.size, n))
    spread = sparse.csr_matrix(
        (np.ones(n), (np.arange(n), problem.group)), shape=(n, problem.n_groups)
    )
    gather = spread.T.tocsr()
    q = cp.Variable(n, nonneg=True)
    cons_a = mat_a @ q == problem.p_at.ravel()[used_a]
    cons_b = mat_b @ q == problem.p_bt.ravel()[used_b]
    objective = cp.Minimize(cp.sum(cp.rel_entr(q, spread @ (gather @ q))))
    prob = cp.Problem(objective, [cons_a, cons_b])
    try:
        prob.solve(solver=cp.CLARABEL)
    except cp.error.SolverError:  # pragma: no cover - solver-specific failures
        prob.solve(solver=cp.SCS, eps=1e-9, max_iters=100_000)
    lam = np.zeros(ka * kt)
    mu = np.zeros(kb * kt)
    if cons_a.dual_value is not None and cons_b.dual_value is not None:
        lam[used_a] = np.asarray(cons_a.dual_value, dtype=np.float64).ravel()
        mu[used_b] = np.asarray(cons_b.dual_value, dtype=np.float64).ravel()
    value = q.value if q.value is not None else np.full(n, 1.0 / n)
    return np.asarray(value, dtype=np.float64), lam, mu, str(prob.status)


def min_synergy_mi(prep: Prepared) -> tuple[float, dict[str, Any]]:
    """``min_{Q in Delta_P} I_Q(T; A, B)`` in nats, and solver diagnostics.

    Returns
    -------
    value : float
        The minimum, from the polished (feasible) solution: an upper bound on
        the true minimum by at most ``info["gap"]``.
    info : dict
        ``gap`` (nats), ``status``, ``solver``, ``n_variables``.
    """
    problem = _Problem(prep)
    t, kt = prep.target_codes()
    p_t = np.bincount(t, weights=prep.p, minlength=kt)
    h_t = -float(p_t[p_t > 0] @ np.log(p_t[p_t > 0]))
    q0, lam, mu, status = _solve(problem)
    q = problem.polish(q0)
    upper = problem.value(q)
    lower = max(problem.lower_bound(lam, mu), problem.lower_bound(-lam, -mu))
    gap = max(upper - lower, 0.0)
    info = {
        "solver": "cvxpy/CLARABEL",
        "status": status,
        "gap": gap,
        "n_variables": problem.n,
    }
    if not math.isfinite(gap) or gap > GAP_TOL:
        warn(
            f"The I_broja convex program ended with status {status!r} and an "
            f"optimality gap of {gap:.3g} nats (tolerance {GAP_TOL:g}); the atoms "
            "may be off by that much. Merge rare outcomes or compare with "
            "measure='imin' or 'ccs'.",
            ConvergenceWarning,
        )
    return h_t + upper, info


def broja(prep: Prepared, lat: Lattice) -> Redundancies:
    """I_broja redundancies of the two-source lattice (see the module docstring)."""
    if prep.n_sources != 2:
        raise InvalidParameterError(
            "measure='broja' is defined here for 2 sources (its convex program "
            f"pairs one source against the other). Got {prep.n_sources} sources; "
            "use measure='imin', 'mmi', 'ccs' or 'pm' for more."
        )
    mi_a = float(prep.p @ prep.local_mi((0,)))
    mi_b = float(prep.p @ prep.local_mi((1,)))
    mi_ab = float(prep.p @ prep.local_mi((0, 1)))
    m, info = min_synergy_mi(prep)
    # Q = P is feasible, so m <= I(T; A, B); rounding cannot make S negative.
    m = min(m, mi_ab)
    by_name = {"{0}{1}": mi_a + mi_b - m, "{0}": mi_a, "{1}": mi_b, "{0:1}": mi_ab}
    values = np.array([by_name[name] for name in lat.names])
    return Redundancies(values, info=info)
