"""Atoms (point masses) versus quantisation ties: ``mutinfo._ties``."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo._ties import (
    ATOM_MASS,
    TIE_FRACTION,
    atom_fraction,
    has_atoms,
    repeated_fraction,
)
from mutinfo.datasets import gao_mixture


def _gauss(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out: np.ndarray = rng.multivariate_normal([0, 0], [[1, 0.8], [0.8, 1]], size=n)
    return out


def test_exact_fractions_by_hand() -> None:
    column = np.array([0.0] * 6 + [1.0] * 3 + list(range(2, 13)))  # n = 20
    assert repeated_fraction(column) == pytest.approx(1 - 13 / 20)
    # 0.0 holds 6 rows (30 % >= 10 %, >= 5 rows); 1.0 only 3 rows (< 5).
    assert atom_fraction(column) == pytest.approx(6 / 20)
    assert atom_fraction(column, min_count=3) == pytest.approx(9 / 20)
    assert atom_fraction(column, mass=0.5) == 0.0
    assert atom_fraction(np.zeros(0)) == 0.0


@pytest.mark.parametrize("decimals", [1, 2])
def test_finely_quantised_small_n_has_no_atoms(decimals: int) -> None:
    # Issue 23 item 8: at n = 300 auto picked mixed_ksg (0.724 > bound 0.511).
    z = np.round(_gauss(300, 0), decimals)
    assert repeated_fraction(z[:, 0]) > TIE_FRACTION  # heavily tied ...
    assert atom_fraction(z[:, 0]) == 0.0  # ... but no atoms
    assert not has_atoms(z)


def test_integer_measurement_has_no_atoms() -> None:
    z = np.round(100 * _gauss(5000, 1))  # 500+ distinct values, 90 % repeats
    assert repeated_fraction(z[:, 0]) > 0.8
    assert not has_atoms(z)


def test_point_masses_are_atoms() -> None:
    x, y = gao_mixture().sample(2000, rng=0)
    assert has_atoms(np.column_stack([x, y]))
    assert atom_fraction(np.ravel(x)) == pytest.approx(0.5, abs=0.05)
    rng = np.random.default_rng(2)
    zero_inflated = np.where(rng.random(2000) < 0.3, 0.0, rng.normal(size=2000))
    assert atom_fraction(zero_inflated) == pytest.approx(0.3, abs=0.03)
    assert has_atoms(zero_inflated)


def test_constant_columns_are_skipped() -> None:
    z = _gauss(200, 3)
    assert atom_fraction(np.ones(50)) == 1.0
    assert not has_atoms(np.column_stack([np.ones(200), z[:, 0]]))


def test_bad_arguments_raise() -> None:
    with pytest.raises(ValueError, match="one column"):
        atom_fraction(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="'mass'"):
        atom_fraction(np.zeros(3), mass=0.0)
    with pytest.raises(ValueError, match=r"shape \(n,\) or \(n, d\)"):
        has_atoms(np.zeros((2, 2, 2)))
    assert 0.0 < ATOM_MASS <= 1.0
