"""Gao et al. (MI) and Mesner-Shalizi (CMI) in the mixed_ksg family, and the
`auto` rule for tied data."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import digamma

import mutinfo as mt
from mutinfo import _auto
from mutinfo._validation import Variable
from mutinfo.estimators import KSG, MixedKSG
from mutinfo.exceptions import BiasWarning, DataWarning, UnsupportedMeasureError
from tests import reference

GAO = MixedKSG(variant="gao")


def quantised(n: int, rho: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Bivariate normal rounded to 9 levels per axis: clip(round(2 t), -4, 4)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal(n)
    y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
    return np.clip(np.round(2 * x), -4, 4), np.clip(np.round(2 * y), -4, 4)


def test_ross_case_with_gao() -> None:
    # REFERENCES.md: X ~ Bernoulli(1/2), Y | X=0 ~ U(-1, 1), Y | X=1 ~ U(0, 2).
    g = np.random.default_rng(1)
    x = g.integers(0, 2, 4000)
    y = np.where(x == 0, g.uniform(-1, 1, 4000), g.uniform(0, 2, 4000))
    # kNN sd at n = 4000 is about 0.01; 0.03 tolerance (scikit-learn uses rtol 0.1).
    assert GAO.mi(x, y).value == pytest.approx(0.346574, abs=0.03)


def test_discrete_uniform_mixture() -> None:
    # X ~ U{0..4}, Y | X ~ U(X, X + 2): I = ln 5 - (4/5) ln 2 = 1.054920.
    g = np.random.default_rng(2)
    x = g.integers(0, 5, 5000)
    y = x + g.uniform(0, 2, 5000)
    assert GAO.mi(x, y).value == pytest.approx(1.054920, abs=0.04)


def test_atoms_plus_gaussian_mixture() -> None:
    # With prob 0.7 (X, Y) ~ N(0, [[1, .9], [.9, 1]]); with prob 0.15 each the atoms
    # (4, 4) and (-4, -4). The component W is a function of X and of Y (a.s.), so
    # I = H(W) + 0.7 * I_gauss = -0.7 ln 0.7 - 0.3 ln 0.15 + 0.7 * 0.830366.
    # (Atoms inside the bulk of the continuous part, at (+-1, +-1), have the same
    # truth but a slowly vanishing bias, measured -0.13 at n = 5000 and -0.08 at
    # n = 20000: continuous samples near an atom count all of it; see the docs.)
    truth = -0.7 * math.log(0.7) - 0.3 * math.log(0.15) + 0.7 * 0.830366
    g = np.random.default_rng(3)
    n = 5000
    x = g.standard_normal(n)
    y = 0.9 * x + math.sqrt(0.19) * g.standard_normal(n)
    comp = g.choice(3, size=n, p=[0.7, 0.15, 0.15])
    x[comp == 1], y[comp == 1] = 4.0, 4.0
    x[comp == 2], y[comp == 2] = -4.0, -4.0
    res = MixedKSG(rng=0).mi(x, y)  # Gao et al. on the ties
    # measured error -0.008 to -0.02 over seeds at n = 5000: 0.05 tolerance.
    assert res.value == pytest.approx(truth, abs=0.05)
    assert res.extras["atoms"] > 0.25 * n
    auto = mt.estimate("mi", x, y, rng=0)  # ties -> auto splits off the atoms
    assert auto.method == "mixed_atoms"
    assert auto.value == pytest.approx(truth, abs=0.05)
    with pytest.warns(DataWarning, match="repeated values"):
        KSG(rng=0).mi(x, y)  # KSG breaks the ties with noise, and says so


@pytest.mark.parametrize("rho", [0.5, 0.9])
def test_rounded_gaussian(rho: float) -> None:
    # truth: tests/reference/scripts/rounded_gaussian_mi.py (exact cell masses).
    truth = reference.value("rounded_gaussian_mi", f"rho={rho}")
    x, y = quantised(5000, rho, seed=4)
    res = mt.estimate("mi", x, y, discrete=False)
    assert res.method == "mixed_atoms"
    # auto reads 9 whole-number levels as labels: the atoms' counting value
    auto = mt.estimate("mi", x, y)
    assert auto.method == "grassberger"
    assert auto.value == pytest.approx(res.value, abs=1e-12)
    assert math.isfinite(res.value)
    # plug-in-like bias (K_xy - K_x - K_y + 1) / 2n < 0.005, sd < 0.012: 0.03.
    assert res.value == pytest.approx(truth, abs=0.03)


def test_reduces_to_ksg_on_continuous_data() -> None:
    g = np.random.default_rng(5)
    x = g.standard_normal((700, 2))
    y = x[:, :1] + g.standard_normal((700, 1))
    gao = GAO.mi(x, y).value
    ksg = KSG(noise=0.0).mi(x, y).value
    # identical counts; Gao uses log n where KSG has psi(n)
    assert gao - ksg == pytest.approx(math.log(700) - digamma(700), abs=1e-10)
    z = g.standard_normal(700)
    assert GAO.cmi(x, y, z).value == pytest.approx(
        KSG(noise=0.0).cmi(x, y, z).value, abs=1e-10
    )


def test_reduces_to_plugin_on_discrete_data() -> None:
    g = np.random.default_rng(6)
    a = g.integers(0, 3, 6000)
    b = (a + (g.uniform(size=6000) < 0.3)) % 3
    gao = GAO.mi(a, b).value
    plug = mt.mi(a, b, method="plugin")
    # psi(count) vs log(count) on cells of about 700 samples: below 0.005.
    assert gao == pytest.approx(plug, abs=0.005)


def test_cmi_continuous_and_mixed_conditioning() -> None:
    cov = np.array([[4.0, 3.0, 1.0], [3.0, 4.0, 1.0], [1.0, 1.0, 2.0]])
    data = np.random.default_rng(7).multivariate_normal(np.zeros(3), cov, 4000)
    res = MixedKSG().cmi(*data.T)
    assert res.value == pytest.approx(0.356883, abs=0.04)
    g = np.random.default_rng(8)
    n = 6000
    z = g.integers(0, 2, n)
    rho = np.where(z == 0, 0.5, 0.9)
    x = g.standard_normal(n)
    y = rho * x + np.sqrt(1 - rho**2) * g.standard_normal(n)
    # average of -0.5 ln(1 - rho_z^2) over z: 0.487104; KSG-type bias at 0.83
    # nats is about -0.02, sd 0.01.
    res = mt.estimate("cmi", x, y, z)
    assert res.method == "mixed_ksg"
    assert res.value == pytest.approx(0.487104, abs=0.05)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(20, 120))
def test_symmetric_and_finite_on_ties(seed: int, n: int) -> None:
    g = np.random.default_rng(seed)
    x = g.integers(0, 4, n).astype(float)
    y = x + g.integers(0, 2, n)
    # ties of numbers (discrete=False: whole-number floats would be labels);
    # in small samples a value may hold fewer than 5 rows (no atom), where
    # Gao's tie warning fires: this test is about symmetry, not that warning
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", ".*is no atom", BiasWarning)
        a = GAO.mi(x, y, discrete=False).value
        b = GAO.mi(y, x, discrete=False).value
    assert math.isfinite(a)
    assert a == pytest.approx(b, abs=1e-12)


def test_auto_rule() -> None:
    g = np.random.default_rng(9)
    x = g.standard_normal(300)
    assert mt.estimate("mi", x, x + g.standard_normal(300), rng=0).method == "ksg"
    xq = np.round(2 * x) / 2  # half units: numbers with heavy ties
    assert mt.estimate("mi", xq, x, rng=0).method == "mixed_atoms"
    # Integers of N(0, 1): values holding 24-37 % of the rows are point masses.
    with pytest.warns(DataWarning, match="has atoms"):
        assert mt.estimate("entropy", xq, rng=0).method == "kl"
    # whole units, 7 values: labels stored as floats, as the integers are
    assert mt.estimate("mi", np.round(x), x, rng=0).method == "mixed_ksg"
    assert mt.estimate("entropy", np.round(x), rng=0).method == "grassberger"
    v = [Variable("x", np.ones((10, 1)), (False,))]  # constant: not ties
    assert not _auto.heavily_tied(v)


def test_errors_and_constant() -> None:
    g = np.random.default_rng(10)
    x, y = g.standard_normal(50), g.standard_normal(50)
    with pytest.raises(UnsupportedMeasureError, match="variant='gao'"):
        MixedKSG(variant="ross").mi(x, y)
    with pytest.raises(UnsupportedMeasureError, match="'mi' only"):
        MixedKSG(variant="ross").cmi(x, y, y)
    with pytest.warns(DataWarning, match="constant"):
        assert GAO.mi(x, np.zeros(50)).value == 0.0
    with pytest.warns(DataWarning, match="constant"):
        assert GAO.cmi(x, y, np.zeros(50)).value == pytest.approx(GAO.mi(x, y).value)


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.DataWarning")
@pytest.mark.parametrize("tied", [False, True])
def test_ross_sorted_windows_equal_the_tree_search(tied: bool) -> None:
    # One continuous column: "auto" takes each label's k-th neighbours from
    # windows of sorted values; a tree search per label gives the same estimate.
    g = np.random.default_rng(11)
    labels = g.integers(0, 4, 500)
    labels[:2] = 9, 10  # labels seen once are left out
    cont = labels + g.normal(size=500)
    if tied:
        cont = np.round(cont, 1)
    for k in (1, 3, 7):
        for pair, flags in (
            ((labels, cont), (True, False)),
            ((cont, labels), (False, True)),
        ):
            auto = MixedKSG(n_neighbors=k, rng=2).mi(*pair, discrete=flags).value
            tree = MixedKSG(n_neighbors=k, rng=2, algorithm="tree")
            assert auto == tree.mi(*pair, discrete=flags).value


def test_ross_warns_when_k_reaches_past_the_labels() -> None:
    # Bernoulli labels against y ~ U(x - 1, x + 1), truth 0.347 nats, n = 200:
    # n_neighbors=100 gave 0.175 without a word (each label's k-th neighbour
    # does not exist; the estimator takes the whole label instead).
    g = np.random.default_rng(1)
    x = g.integers(0, 2, 200)
    y = np.where(x == 0, g.uniform(-1, 1, 200), g.uniform(0, 2, 200))
    ross = MixedKSG(variant="ross", n_neighbors=100, rng=0)
    with pytest.warns(BiasWarning, match=r"n_neighbors=100 for 200 rows"):
        low = ross.mi(x, y).value
    assert low < 0.25  # the number the warning is about
    assert MixedKSG(variant="ross", rng=0).mi(x, y).value == pytest.approx(
        math.log(2) / 2, abs=0.06
    )  # k = 3: no warning (pytest turns one into an error)
    # one small label of 5% of the rows is enough, and auto's mixed_ksg says so
    small = np.r_[np.zeros(380, dtype=int), np.ones(20, dtype=int)]
    values = g.normal(size=400) + small
    with pytest.warns(BiasWarning, match="5% of the rows of 'x'"):
        mt.estimate("mi", small, values, n_neighbors=20, rng=0)
