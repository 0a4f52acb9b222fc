"""Regressions: defects left open by earlier reviews (KL point masses, report, sweeps)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutinfo import divergence as dv
from mutinfo.exceptions import DataWarning, InvalidDataError

# --------------------------------------------------------------------------- #
# kl_divergence / jensen_shannon: a column constant in one sample only


def _gauss(n: int = 400, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, 2))


def _with_column(x: np.ndarray, value: float) -> np.ndarray:
    x = x.copy()
    x[:, 1] = value
    return x


@pytest.mark.parametrize(
    "case",
    ["p constant", "q constant", "constant apart", "1-D p constant"],
)
def test_kl_of_a_point_mass_against_a_density_is_inf(case):
    # The kNN formula read 5.2 nats (p constant in a column where q varies),
    # 2.6 (the reverse) and 9.3 (constant in both at 0 and 1), silently; the
    # divergence is +inf in each (P is not absolutely continuous w.r.t. Q).
    p, q = _gauss(seed=0), _gauss(seed=1)
    p, q = {
        "p constant": (_with_column(p, 0.0), q),
        "q constant": (p, _with_column(q, 0.0)),
        "constant apart": (_with_column(p, 0.0), _with_column(q, 1.0)),
        "1-D p constant": (np.zeros(400), q[:, 0]),
    }[case]
    with pytest.warns(DataWarning, match=r"KL\[P \|\| Q\] is \+inf"):
        assert dv.kl_divergence(p, q, n_neighbors=3) == math.inf
    with pytest.warns(DataWarning, match="do not overlap"):
        assert dv.jensen_shannon(p, q, rng=0) == pytest.approx(math.log(2))
    with pytest.warns(DataWarning, match="do not overlap"):
        js2 = dv.jensen_shannon(p, q, method="classifier", rng=0, base=2)
    assert js2 == pytest.approx(1.0)


def test_kl_of_identical_point_masses():
    # A column constant at the same value in both is left out (exact: P and Q
    # agree along it); every column so: P = Q, KL 0 (was a "duplicates" error).
    p, q = _gauss(seed=0), _gauss(seed=1)
    one_d = dv.kl_divergence(p[:, :1], q[:, :1], n_neighbors=3)
    both = dv.kl_divergence(_with_column(p, 2.0), _with_column(q, 2.0), n_neighbors=3)
    assert both == pytest.approx(one_d, rel=1e-12)
    assert dv.kl_divergence(np.full(50, 3.0), np.full(60, 3.0)) == 0.0


def test_kl_of_a_point_mass_on_an_atom_of_q_raises():
    # q varies in the column but has an atom at p's value: KL is finite but not
    # a divergence of densities (the kNN formula read a finite number).
    p, q = _with_column(_gauss(seed=0), 0.0), _gauss(seed=1)
    q[:100, 1] = 0.0
    with pytest.raises(InvalidDataError, match="Q has an atom there"):
        dv.kl_divergence(p, q, n_neighbors=3)
    # The reverse is +inf whatever p's atom: Q has mass off it.
    with pytest.warns(DataWarning, match=r"\+inf"):
        assert dv.kl_divergence(q, p, n_neighbors=3) == math.inf


def test_kl_with_a_single_row_of_q_is_not_called_singular():
    # One row of q (allowed with k = 1) shows no constant column.
    p, q = _gauss(seed=0), _gauss(n=1, seed=1)
    assert math.isfinite(dv.kl_divergence(p, q))
