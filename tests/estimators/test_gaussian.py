"""Gaussian family against closed forms (REFERENCES.md) and its guardrails."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.estimators import Gaussian
from mutinfo.estimators.gaussian import entropy_bias, gaussian_entropy
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
)

NPEET_COV = np.array([[4.0, 3.0, 1.0], [3.0, 4.0, 1.0], [1.0, 1.0, 2.0]])


def pair(n: int, rho: float, seed: int, dim: int = 1) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, dim))
    return x, rho * x + math.sqrt(1 - rho**2) * g.standard_normal((n, dim))


@pytest.mark.parametrize("rho", [0.5, 0.75, 0.9, 0.99])
def test_bivariate_mi(rho: float) -> None:
    x, y = pair(20000, rho, seed=1)
    truth = -0.5 * math.log(1 - rho**2)
    # The MLE of Gaussian MI has sd about rho / sqrt(n) = 0.007 at n = 2e4:
    # 0.03 is over four sd.
    assert Gaussian().mi(x, y).value == pytest.approx(truth, abs=0.03)


def test_componentwise_d20() -> None:
    x, y = pair(5000, 0.5, seed=2, dim=20)
    # truth 2.876821 (REFERENCES.md); sd about sqrt(20 * 0.25 / 5000) = 0.03.
    assert Gaussian().mi(x, y).value == pytest.approx(2.876821, abs=0.12)


def test_npeet_cmi_and_mi() -> None:
    data = np.random.default_rng(3).multivariate_normal(np.zeros(3), NPEET_COV, 20000)
    x, y, z = data[:, 0], data[:, 1], data[:, 2]
    est = Gaussian()
    # truths from REFERENCES.md; sd below 0.01 at n = 2e4.
    assert est.mi(x, y).value == pytest.approx(0.413339, abs=0.03)
    assert est.cmi(x, y, z).value == pytest.approx(0.356883, abs=0.03)


def test_entropy_multivariate_closed_form() -> None:
    cov = NPEET_COV
    data = np.random.default_rng(4).multivariate_normal(np.zeros(3), cov, 20000)
    truth = 0.5 * math.log(np.linalg.det(2 * math.pi * math.e * cov))
    assert Gaussian().entropy(data).value == pytest.approx(truth, abs=0.03)
    hz = 0.5 * math.log(2 * math.pi * math.e * 2.0)
    res = Gaussian().conditional_entropy(data[:, :2], data[:, 2])
    assert res.value == pytest.approx(truth - hz, abs=0.03)


def test_bias_correction_is_unbiased_at_small_n() -> None:
    # 400 replicates of n = 12 in d = 3: the corrected mean must match the truth
    # within 4 standard errors, the uncorrected one must miss it by far more.
    g = np.random.default_rng(5)
    truth = 1.5 * math.log(2 * math.pi * math.e)
    corrected, plug = [], []
    for _ in range(400):
        a = g.standard_normal((12, 3))
        corrected.append(gaussian_entropy(a)[0])
        plug.append(gaussian_entropy(a, bias_correction=False)[0])
    se = np.std(corrected) / math.sqrt(400)
    assert abs(np.mean(corrected) - truth) < 4 * se
    assert np.mean(plug) - truth == pytest.approx(entropy_bias(3, 12), abs=4 * se)
    assert entropy_bias(3, 12) < -10 * se


def test_local_values_average_to_value_and_base() -> None:
    x, y = pair(500, 0.6, seed=6)
    res = Gaussian().mi(x, y)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
    bits = Gaussian().mi(x, y, base=2)
    assert bits.value * math.log(2) == pytest.approx(res.value, rel=1e-12)
    assert bits.unit == "bits"


def test_affine_invariance() -> None:
    x, y = pair(300, 0.4, seed=7, dim=2)
    a = np.array([[2.0, 1.0], [0.5, -3.0]])
    base = Gaussian().mi(x, y).value
    assert Gaussian().mi(x @ a + 7.0, 1e-3 * y).value == pytest.approx(base, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31 - 1), st.floats(-0.95, 0.95))
def test_symmetry_and_cmi_chain_rule(seed: int, rho: float) -> None:
    x, y = pair(60, rho, seed=seed)
    z = np.random.default_rng(seed + 1).standard_normal(60)
    est = Gaussian()
    assert est.mi(x, y).value == pytest.approx(est.mi(y, x).value, abs=1e-10)
    # I(X; Y, Z) = I(X; Z) + I(X; Y | Z) holds exactly for the corrected entropies.
    yz = np.column_stack([y, z])
    lhs = est.mi(x, yz).value
    rhs = est.mi(x, z).value + est.cmi(x, y, z).value
    assert lhs == pytest.approx(rhs, abs=1e-10)


def test_front_door_method_name() -> None:
    x, y = pair(100, 0.5, seed=8)
    res = mt.estimate("mi", x, y, method="gaussian", bias_correction=False)
    assert res.method == "gaussian"
    assert res.params["bias_correction"] is False


def test_constant_column_gives_zero_with_warning() -> None:
    x, _ = pair(100, 0.5, seed=9)
    with pytest.warns(DataWarning, match="constant"):
        assert Gaussian().mi(x, np.ones(100)).value == 0.0
    with pytest.warns(DataWarning, match="constant"):
        assert Gaussian().cmi(x, x[:, 0] ** 3, np.ones(100)).value > 0


def test_errors() -> None:
    x, y = pair(100, 0.5, seed=10)
    with pytest.raises(InvalidDataError, match="constant column"):
        Gaussian().entropy(np.ones(50))
    with pytest.raises(InvalidDataError, match="linearly dependent"):
        Gaussian().mi(x, np.column_stack([y, 2 * y]))
    with pytest.raises(InsufficientSamplesError, match="at least 4 samples"):
        Gaussian().mi([[0.1, 0.3], [0.5, 0.1], [0.3, 0.9]], [0.2, 0.9, 0.3])
    with pytest.raises(InvalidDataError, match="string labels"):
        Gaussian().mi(["a", "b", "a", "c"], [0.1, 0.2, 0.3, 0.4])
    with pytest.raises(InvalidParameterError, match="bias_correction"):
        Gaussian(bias_correction=1)


def test_discrete_columns_warn() -> None:
    g = np.random.default_rng(11)
    d = g.integers(0, 4, 300)
    with pytest.warns(DataWarning, match="as numbers"):
        value = Gaussian().mi(d, d + g.standard_normal(300)).value
    assert value > 0.3


def test_gaussian_accepts_d_plus_one_samples() -> None:
    # As GCMI: d + 1 rows give a full-rank covariance of d columns.
    g = np.random.default_rng(0)
    x = g.standard_normal((5, 3))  # joint with y: 4 columns, 5 rows
    y = g.standard_normal((5, 1))
    assert np.isfinite(mt.mi(x, y, method="gaussian"))
    with pytest.raises(InsufficientSamplesError, match="at least 5 samples"):
        mt.mi(x[:4], y[:4], method="gaussian")
