r"""I_dep (James, Emenheiser & Crutchfield 2018), two sources.

The dependency decomposition of ``(A, B, T)`` is the lattice of maximum-entropy
models that keep some marginals (``AB:AT:BT`` keeps the three pairs, ``AB:T``
the sources' joint and the target's marginal, ...). Unique information
``U(A)`` is the least increase of ``I(A, B; T)`` over the four edges of that
lattice that add the constraint ``AT``:

    A:B:T -> AT:B        I(A; T) - 0
    AB:T  -> AB:AT       I(A; T) - 0
    BT:A  -> AT:BT       I_q(A, B; T) - I(B; T),  q = p(a, t) p(b, t) / p(t)
    AB:BT -> AB:AT:BT    I_q*(A, B; T) - I(B; T), q* the max-entropy fit

and ``U(B)`` likewise. Every model but ``AB:AT:BT`` is a closed form; that one
is the fit :func:`mutinfo.pid._ccs.maxent` already makes for I_ccs (iterative
proportional fitting on the cells that can carry mass). Redundancy follows as
``R = I(A; T) - U(A) = I(B; T) - U(B)``; both give

    R = max(0, I_q(A; B), I(A; T) + I(B; T) - I_q*(A, B; T)),

since ``I_q(A, B; T) = I(A; T) + I(B; T) - I_q(A; B)`` when A and B are
independent given T. The atoms are non-negative by construction.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import ConvergenceWarning, InvalidParameterError, warn
from mutinfo.pid._ccs import _TOL, _to_cells, maxent
from mutinfo.pid._lattice import Lattice
from mutinfo.pid._measures import Redundancies
from mutinfo.pid._prepare import Prepared

__all__ = ["dep"]


def _mi(joint: NDArray[np.float64]) -> float:
    """Mutual information (nats) between the rows and columns of ``joint``."""
    rows = joint.sum(axis=1, keepdims=True)
    cols = joint.sum(axis=0, keepdims=True)
    pos = joint > 0
    ratio = joint[pos] / (rows * cols)[pos]
    return float(joint[pos] @ np.log(ratio))


def dep(prep: Prepared, lat: Lattice) -> Redundancies:
    """I_dep redundancies of the two-source lattice (see the module docstring)."""
    if prep.n_sources != 2:
        raise InvalidParameterError(
            "measure='dep' is defined here for 2 sources (its dependency lattice "
            f"is that of (A, B, T)). Got {prep.n_sources} sources; use "
            "measure='imin', 'mmi', 'ccs' or 'pm' for more."
        )
    s, n_s = prep.codes((0, 1))
    t, kt = prep.target_codes()
    p = prep.p
    p_st = (
        np.bincount(s * kt + t, weights=p, minlength=n_s * kt)
        .astype(np.float64)
        .reshape(n_s, kt)
    )
    p_s = p_st.sum(axis=1)
    maps: list[tuple[NDArray[np.int64], int]] = []
    p_at: list[NDArray[np.float64]] = []
    for part in ((0,), (1,)):
        amap, ka = _to_cells(prep, s, n_s, part)
        a = amap[s]
        p_at.append(
            np.bincount(a * kt + t, weights=p, minlength=ka * kt)
            .astype(np.float64)
            .reshape(ka, kt)
        )
        maps.append((amap, ka))
    mi_a, mi_b, mi_ab = _mi(p_at[0]), _mi(p_at[1]), _mi(p_st)
    # AT:BT: A and B independent given T; its I(A; B) is the redundancy it implies.
    p_t = p_at[0].sum(axis=0)
    inv_t = np.divide(1.0, p_t, out=np.zeros_like(p_t), where=p_t > 0)
    q_ab = (p_at[0] * inv_t) @ p_at[1].T
    # AB:AT:BT: the maximum-entropy fit.
    q, n_iter, error = maxent(p_s.astype(np.float64), maps, p_at)
    if error >= _TOL:
        warn(
            "The maximum-entropy fit of I_dep (model AB:AT:BT) stopped with a "
            f"marginal error of {error:.3g} (tolerance {_TOL:g}); the atoms may "
            "be off by about that much. Merge rare outcomes or use "
            "measure='imin' or 'broja'.",
            ConvergenceWarning,
        )
    red = max(0.0, _mi(q_ab), mi_a + mi_b - _mi(q))
    # Rounding may leave R a hair above an MI; keep R <= min(I(A;T), I(B;T)).
    red = min(red, mi_a, mi_b)
    by_name = {"{0}{1}": red, "{0}": mi_a, "{1}": mi_b, "{0:1}": mi_ab}
    values = np.array([by_name[name] for name in lat.names])
    return Redundancies(
        values, info={"iterations": n_iter, "marginal_error": float(error)}
    )
