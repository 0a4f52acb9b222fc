"""Gaussian copula: equals Gaussian MI on Gaussians, exact monotone invariance,
discrete variants against closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from mutinfo.estimators import Gaussian, GaussianCopula
from mutinfo.estimators.copula import copnorm
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    UnsupportedMeasureError,
)


def pair(n: int, rho: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.standard_normal(n)
    return x, rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)


@pytest.mark.parametrize("rho", [0.5, 0.9])
def test_equals_gaussian_on_gaussian_data(rho: float) -> None:
    x, y = pair(20000, rho, seed=1)
    truth = -0.5 * math.log(1 - rho**2)
    gc = GaussianCopula().mi(x, y).value
    # Same sd as the Gaussian MLE (about rho / sqrt(n) < 0.007) plus the small
    # rank-transform loss: 0.03.
    assert gc == pytest.approx(truth, abs=0.03)
    assert gc == pytest.approx(Gaussian().mi(x, y).value, abs=0.02)


def test_exactly_invariant_under_monotone_maps() -> None:
    x, y = pair(1000, 0.7, seed=2)
    z = np.random.default_rng(3).standard_normal(1000) + x
    est = GaussianCopula()
    assert est.mi(np.exp(x), y**3 - 4).value == est.mi(x, y).value
    assert est.cmi(np.tanh(x), y, np.exp(z)).value == est.cmi(x, y, z).value


def test_copnorm_ties_and_shape() -> None:
    out = copnorm(np.array([[1.0], [1.0], [2.0], [0.0]]))
    assert out[0, 0] == out[1, 0]
    assert out[2, 0] > 0 > out[3, 0]
    assert copnorm(np.empty((5, 0))).shape == (5, 0)


def test_continuous_discrete_model() -> None:
    # Y ~ fair bit, X | Y ~ N(+-0.5, 1): truth by quadrature (0.11142), nearly a
    # Gaussian, so the Gaussian-model value sits within its sd (about 0.003 at
    # n = 2e4) of the truth; 0.01 tolerance.
    mu = 0.5

    def f(t: float) -> float:
        return 0.5 * stats.norm.pdf(t, -mu) + 0.5 * stats.norm.pdf(t, mu)

    h_mix = integrate.quad(lambda t: -f(t) * math.log(f(t)), -12, 12)[0]
    truth = h_mix - 0.5 * math.log(2 * math.pi * math.e)
    g = np.random.default_rng(4)
    d = g.integers(0, 2, 20000)
    c = np.where(d == 1, mu, -mu) + g.standard_normal(20000)
    est = GaussianCopula()
    assert est.mi(c, d).value == pytest.approx(truth, abs=0.01)
    assert est.mi(d, c).value == est.mi(c, d).value


def test_cmi_with_discrete_condition() -> None:
    # Given Z = z, (X, Y) is bivariate normal with correlation rho_z: the CMI is
    # the average of -0.5 ln(1 - rho_z^2) (0.1438 and 0.8304 -> 0.48707).
    g = np.random.default_rng(5)
    n = 20000
    z = g.integers(0, 2, n)
    rho = np.where(z == 0, 0.5, 0.9)
    x = g.standard_normal(n)
    y = rho * x + np.sqrt(1 - rho**2) * g.standard_normal(n)
    truth = 0.5 * (0.143841 + 0.830366)
    res = GaussianCopula().cmi(np.exp(x), y, z)
    assert res.value == pytest.approx(truth, abs=0.03)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)


def test_cmi_continuous_condition_npeet() -> None:
    cov = np.array([[4.0, 3.0, 1.0], [3.0, 4.0, 1.0], [1.0, 1.0, 2.0]])
    data = np.random.default_rng(6).multivariate_normal(np.zeros(3), cov, 20000)
    res = GaussianCopula().cmi(data[:, 0], data[:, 1], data[:, 2])
    assert res.value == pytest.approx(0.356883, abs=0.03)


def test_discrete_x_cmi_is_chain_rule() -> None:
    g = np.random.default_rng(7)
    d = g.integers(0, 3, 3000)
    z = g.standard_normal(3000)
    c = d + z + g.standard_normal(3000)
    est = GaussianCopula()
    lhs = est.cmi(d, c, z).value
    rhs = est.mi(d, np.column_stack([c, z])).value - est.mi(d, z).value
    assert lhs == pytest.approx(rhs, abs=1e-12)
    assert lhs > 0.1


def test_lower_bound_misses_non_monotone_dependence() -> None:
    x = np.random.default_rng(8).standard_normal(5000)
    # y = x^2 has infinite MI with x, but no rank correlation: documented blind spot.
    assert abs(GaussianCopula().mi(x, x**2).value) < 0.02


def test_constant_variable_warns() -> None:
    x, _y = pair(100, 0.5, seed=9)
    with pytest.warns(DataWarning, match="constant"):
        assert GaussianCopula().mi(x, np.zeros(100)).value == 0.0


def test_errors() -> None:
    g = np.random.default_rng(10)
    with pytest.raises(UnsupportedMeasureError, match="both are discrete"):
        GaussianCopula().mi(g.integers(0, 2, 50), g.integers(0, 2, 50))
    mixed = np.column_stack([g.integers(0, 2, 50), g.standard_normal(50)])
    with pytest.raises(UnsupportedMeasureError, match="chain rule"):
        GaussianCopula().mi(
            mixed, g.standard_normal(50), discrete=([True, False], False)
        )
    labels = np.array([0] * 48 + [1, 2])
    with pytest.raises(InsufficientSamplesError, match="discrete state"):
        GaussianCopula().mi(g.standard_normal(50), labels)
    with pytest.raises(UnsupportedMeasureError, match="does not estimate 'entropy'"):
        GaussianCopula().entropy(g.standard_normal(50))


# -- labels stored as floats: atoms in a column read as continuous --------------


def _states(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X, Y with correlation 0, 0.6, 0.9 in the 3 states of Z (truth 0.351)."""
    g = np.random.default_rng(seed)
    z = g.integers(0, 3, n)
    rho = np.array([0.0, 0.6, 0.9])[z]
    x = g.standard_normal(n)
    return x, rho * x + np.sqrt(1 - rho**2) * g.standard_normal(n), z


def test_cmi_with_labels_stored_as_floats_warns() -> None:
    # A 3-state Z as floats was ranked as one continuous column with ties and
    # gave 0.142 nats without a word; as integers (labels) 0.349; truth 0.351.
    x, y, z = _states(4000, seed=0)
    truth = np.mean([-0.5 * math.log(1 - r**2) for r in (0.0, 0.6, 0.9)])
    est = GaussianCopula()
    assert est.cmi(x, y, z).value == pytest.approx(truth, abs=0.03)
    # whole-number floats with few values are labels, as the integers are
    assert est.cmi(x, y, z.astype(float)).value == est.cmi(x, y, z).value
    # states coded 0, 0.5, 1 stay numbers with atoms, and warn
    with pytest.warns(DataWarning, match=r"atoms: 3 distinct values.*0, 0.5, 1"):
        low = est.cmi(x, y, z / 2).value
    assert low < truth - 0.15  # the number the warning is about


def test_mi_with_labels_stored_as_floats_warns() -> None:
    # X with class means 0, 2, 0.5 against 3 labels: 0.268 as labels, 0.017
    # as floats (the copula sees one monotone axis, not states).
    g = np.random.default_rng(1)
    labels = g.integers(0, 3, 4000)
    x = np.array([0.0, 2.0, 0.5])[labels] + g.standard_normal(4000)
    est = GaussianCopula()
    assert est.mi(x, labels).value > 0.25
    assert est.mi(x, labels.astype(float)).value == est.mi(x, labels).value
    with pytest.warns(DataWarning, match=r"pass discrete=True for 'y'"):
        assert est.mi(x, labels / 2).value < 0.05


def test_quantisation_ties_do_not_warn() -> None:
    # Rounded to one decimal (at most 4 % of the rows on a value: no atoms) the
    # average ranks give the copula's value; pytest turns a warning into an error.
    x, y = pair(5000, 0.8, seed=4)
    truth = -0.5 * math.log(1 - 0.64)
    est = GaussianCopula()
    assert est.mi(np.round(x, 1), np.round(y, 1)).value == pytest.approx(
        truth, abs=0.03
    )


def test_atoms_judged_within_the_states_of_a_discrete_z() -> None:
    # x = 5 wherever z == 2 is a point mass overall but constant within that
    # state, which the per-state copula leaves out: no warning. A zero-inflated
    # continuous part of z warns, naming the column.
    x, y, z = _states(2000, seed=2)
    x = np.where(z == 2, 5.0, x)
    est = GaussianCopula()
    est.cmi(x, y, z)
    g = np.random.default_rng(3)
    inflated = np.where(g.random(2000) < 0.5, 0.0, g.standard_normal(2000))
    zz = np.column_stack([z, inflated])
    with pytest.warns(DataWarning, match=r"'z\[1\]' of 'z'.*within one state"):
        est.cmi(x, y, zz, discrete=(False, False, [True, False]))


def test_matrix_copula_warns_on_half_unit_float_labels() -> None:
    import mutinfo as mt

    g = np.random.default_rng(5)
    data = np.column_stack([g.standard_normal(300), g.integers(0, 3, 300) / 2])
    with pytest.warns(DataWarning, match="atoms"):
        mt.mi_matrix(data, method="gaussian_copula")
