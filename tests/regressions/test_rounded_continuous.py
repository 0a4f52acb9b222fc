"""Continuous readings rounded to a fixed resolution at large n.

A Gaussian pair with rho = sqrt(0.5) (truth 0.3466 nats) read to 0.01 or 0.02
of its spread: at n = 50,000 a row shares its value with 140 to 280 rows, the
kNN radius falls to the grid step and the strict marginal counts take whole
blocks of tied rows. ``auto`` (``mixed_atoms``, each value below its 2 % atom
mass, so KSG with its tie-breaking noise) read 0.504 nats silently at 0.01 and
3.31 at 0.02; ``ksg`` the same with a DataWarning that did not name a fix. The
rounded columns are now dequantised (``U(-step/2, step/2)`` per column, from
``rng``): ``benchmarks/rounded_continuous.py`` prints the table.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._ties import grid_step, rounding_step
from mutinfo.exceptions import DataWarning

TRUTH = -0.5 * np.log(0.5)


def _pair(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.normal(size=n)
    return x, np.sqrt(0.5) * x + np.sqrt(0.5) * g.normal(size=n)


def _read(v: np.ndarray, step: float) -> np.ndarray:
    return np.round(v / step) * step


@pytest.mark.parametrize("step", [0.01, 0.02])
def test_auto_reads_the_rounded_pair_right_at_large_n(step: float) -> None:
    x, y = _pair(50_000)
    xs, ys = _read(x, step), _read(y, step)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: the number is right
        res = mt.estimate("mi", xs, ys, rng=0)
    # before: 0.504 (step 0.01, silent) and 3.31 (step 0.02)
    assert abs(res.value - TRUTH) < 0.02
    assert res.extras["dequantized"] == {
        "x[0]": pytest.approx(step),
        "y[0]": pytest.approx(step),
    }


def test_ksg_names_dequantize_and_it_fixes_the_estimate() -> None:
    x, y = _pair(50_000)
    xs, ys = _read(x, 0.02), _read(y, 0.02)
    with pytest.warns(DataWarning, match=r"grid of step 0\.02.*dequantize=True"):
        biased = mt.mi(xs, ys, method="ksg", rng=0)
    assert biased > 1.0  # the tie-breaking noise alone: 3.31
    res = mt.estimate("mi", xs, ys, method="ksg", dequantize=True, rng=0)
    assert abs(res.value - TRUTH) < 0.02
    # x and y draw their noise in an order fixed by their values
    assert mt.mi(ys, xs, method="ksg", dequantize=True, rng=0) == res.value


def test_dequantize_leaves_continuous_data_bit_identical() -> None:
    x, y = _pair(3000)
    plain = mt.estimate("mi", x, y, method="ksg", rng=1)
    deq = mt.estimate("mi", x, y, method="ksg", dequantize=True, rng=1)
    assert deq.value == plain.value
    assert deq.extras["dequantized"] == {}  # no column on a grid
    atoms = mt.estimate("mi", x, y, method="mixed_atoms", rng=1)
    assert "dequantized" not in atoms.extras


def test_point_masses_are_not_read_as_rounding() -> None:
    g = np.random.default_rng(3)
    x, y = _pair(20_000, seed=3)
    zero_inflated = np.where(g.random(x.size) < 0.3, 0.0, x)
    assert rounding_step(zero_inflated) is None
    # rounded as well: the zero holds 30 % of the rows, a point mass
    assert grid_step(_read(zero_inflated, 0.01)) is not None
    assert rounding_step(_read(zero_inflated, 0.01)) is None
    res = mt.estimate("mi", _read(zero_inflated, 0.01), y, method="mixed_atoms", rng=0)
    assert "dequantized" not in res.extras
    assert res.extras["atoms"] > 0.25
    # a few-valued code: every value an atom
    assert rounding_step(np.floor(g.random(5000) * 4) / 2) is None


def test_grid_step_allows_for_float_representation() -> None:
    k = np.random.default_rng(0).integers(-50, 50, 2000)
    assert grid_step(0.1 * k) == pytest.approx(0.1)
    assert grid_step(0.1 * k + 0.05) == pytest.approx(0.1)
    assert grid_step(np.r_[0.0, 0.1, 0.25, 0.4]) == pytest.approx(0.05)
    assert grid_step(np.random.default_rng(1).normal(size=2000)) is None


def test_a_few_readings_off_the_grid_do_not_hide_it() -> None:
    # Five rows of each column kept at full precision among 50,000 read to
    # 0.01: the grid test over all distinct values failed, neither column was
    # dequantised and auto (mixed_atoms) read 0.504 nats for 0.347, silently.
    x, y = _pair(50_000)
    xs, ys = _read(x, 0.01), _read(y, 0.01)
    xs[:5], ys[-5:] = x[:5], y[-5:]
    assert grid_step(xs) == pytest.approx(0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mt.estimate("mi", xs, ys, rng=0)
    assert abs(res.value - TRUTH) < 0.02
    assert set(res.extras["dequantized"]) == {"x[0]", "y[0]"}
    # more than 1 % of the rows off the grid: no grid
    g = np.random.default_rng(2)
    many = _read(x[:5000], 0.01)
    many[:100] = x[:100] + g.uniform(1e-4, 9e-4, 100)
    assert grid_step(many) is None


def test_a_mean_imputed_in_a_few_rows_does_not_hide_the_grid() -> None:
    # 100 rows of each column (0.2 %) set to its mean, off the 0.01 grid and
    # too few to be a point mass: the grid of the repeated values failed, and
    # auto (mixed_atoms) read 0.383 nats where the zero-imputed copy reads
    # 0.345.
    x, y = _pair(50_000)
    xs, ys = _read(x, 0.01), _read(y, 0.01)
    xs[:100], ys[-100:] = x.mean(), y.mean()
    assert grid_step(xs) == pytest.approx(0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mt.estimate("mi", xs, ys, rng=0)
    assert abs(res.value - TRUTH) < 0.02
    assert set(res.extras["dequantized"]) == {"x[0]", "y[0]"}


@pytest.mark.parametrize(
    ("scale", "step", "offset"), [(1.0, 0.01, 1e10), (0.1, 0.001, 1.7e9)]
)
def test_a_grid_far_from_zero_is_still_a_grid(
    scale: float, step: float, offset: float
) -> None:
    # The values' float error was bounded at 1e-3 steps: read to 0.01 and
    # offset by 1e10 (3.5e-3 steps), or time stamps near 1.7e9 s read to the
    # millisecond (6e-3), were no grid, and auto (mixed_atoms) read 0.52 and
    # 0.55 nats for 0.347, silently.
    x, y = _pair(50_000)
    xs, ys = _read(scale * x, step) + offset, _read(scale * y, step) + offset
    assert grid_step(xs) == pytest.approx(step, rel=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mt.estimate("mi", xs, ys, rng=0)
    assert abs(res.value - TRUTH) < 0.02
    assert set(res.extras["dequantized"]) == {"x[0]", "y[0]"}
