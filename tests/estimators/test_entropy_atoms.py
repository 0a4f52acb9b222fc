"""Point masses (atoms) below 10 % of the rows in continuous entropy estimates.

A value held by a share of the rows makes the differential entropy -inf; the
continuous entropy families returned a plausible number for a 6 % atom without
a word (N(0, 1) with 6 % zeros, n = 2000: 'kernel' 1.386, 'binning' 1.397,
'gaussian' 1.390 against 1.430 / 1.438 / 1.426 without the atom; 'vasicek'
1.397 with a 3 % atom), and 'kl' warned only about duplicates. Rounded data
repeats values too but has no point mass, and stays quiet.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo._ties import entropy_atoms
from mutinfo.exceptions import DataWarning

_H_NORMAL = 0.5 * math.log(2 * math.pi * math.e)

FAMILIES = ["kl", "kl_weighted", "vasicek", "ebrahimi", "kernel", "binning", "gaussian"]


def _with_atom(n: int, share: float, value: float = 0.0, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    x[rng.permutation(n)[: round(share * n)]] = value
    return x


@pytest.mark.parametrize("method", FAMILIES)
def test_small_atom_warns_naming_value_and_share(method: str) -> None:
    x = _with_atom(2000, 0.03, value=-1.25)
    with pytest.warns(DataWarning, match=r"has atoms: the value\(s\) -1\.25 \(3\.0%\)"):
        value = mt.entropy(x, method=method, rng=0)
    assert np.isfinite(value)  # a number is still returned, with the warning


def test_auto_entropy_warns_small_atom() -> None:
    x = _with_atom(2000, 0.06)
    with pytest.warns(DataWarning, match=r"value\(s\) 0 \(6\.0%\).*-inf"):
        mt.entropy(x)


@pytest.mark.parametrize("method", ["kl", "binning", "gaussian"])
def test_small_atom_warns_at_large_n(method: str) -> None:
    x = _with_atom(100_000, 0.03, value=2.0)
    with pytest.warns(DataWarning, match=r"2 \(3\.0%\)"):
        mt.entropy(x, method=method)


@pytest.mark.parametrize("method", ["kernel", "binning", "gaussian"])
def test_rounded_data_is_not_an_atom(method: str) -> None:
    # Many ties, no point mass: the mode of N(0, 1) rounded to 2 decimals
    # holds 0.4 % of the rows, as much as its neighbours.
    x = np.round(np.random.default_rng(2).normal(size=5000), 2)
    value = mt.entropy(x, method=method, rng=0)  # pytest: warnings are errors
    assert abs(value - _H_NORMAL) < 0.05


def test_rounded_data_keeps_the_knn_tie_warning() -> None:
    # 'kl' still says that its neighbours are duplicates, not that X has atoms.
    x = np.round(np.random.default_rng(2).normal(size=20_000), 2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.entropy(x, method="kl", rng=0)
    messages = [str(w.message) for w in caught]
    assert any("exact duplicates" in m for m in messages)
    assert not any("has atoms" in m for m in messages)


def test_tiny_atom_is_quiet_for_smoothing_families() -> None:
    # 0.5 % zeros move 'gaussian' by 0.002 nats: below the 1 % threshold.
    x = _with_atom(20_000, 0.005)
    mt.entropy(x, method="gaussian")


def test_entropy_atoms_finds_atom_beside_rounding() -> None:
    rng = np.random.default_rng(4)
    x = np.round(rng.normal(size=5000), 2)
    assert entropy_atoms(x)[0].size == 0
    x[:150] = 1.5  # 3 % heaped on one grid value (its neighbours hold ~0.1 % each)
    values, counts = entropy_atoms(x)
    assert values.tolist() == [1.5]
    assert counts[0] >= 150


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 2**31 - 1),
    st.integers(300, 3000),
    st.integers(1, 4),
    st.sampled_from(["normal", "uniform", "laplace"]),
)
def test_entropy_atoms_quiet_on_fine_rounding(
    seed: int, n: int, decimals: int, dist: str
) -> None:
    # Only a grid as coarse as atom_fraction's (10 % of the rows on a value,
    # U(0, 1) to 1 decimal) has point masses; a finer one has none.
    rng = np.random.default_rng(seed)
    x = np.round(getattr(rng, dist)(size=n), decimals)
    _, counts = entropy_atoms(x)
    assert np.all(counts >= 0.1 * n)
