"""KDE and Cauchy-Schwarz (ITL) estimators against the closed forms of the
kernel-smoothed Gaussian densities they converge to."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo import itl
from mutinfo._kernels import BLOCK_ELEMENTS, loo_log_density
from mutinfo.estimators import KDE, CauchySchwarz
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
)

NPEET_COV = np.array([[4.0, 3.0, 1.0], [3.0, 4.0, 1.0], [1.0, 1.0, 2.0]])


def cross_h(cov: np.ndarray, h: float) -> float:
    """-E_p log (p * N(0, h^2 I)) for p = N(0, cov): what the LOO KDE converges to."""
    cov = np.atleast_2d(cov)
    smooth = cov + h**2 * np.eye(cov.shape[0])
    return 0.5 * math.log(np.linalg.det(2 * math.pi * smooth)) + 0.5 * np.trace(
        np.linalg.solve(smooth, cov)
    )


def normal_at_zero(cov: np.ndarray) -> float:
    """Density of N(0, cov) at 0."""
    cov = np.atleast_2d(cov)
    return 1.0 / math.sqrt(np.linalg.det(2 * math.pi * cov))


def corr_of(cov: np.ndarray) -> np.ndarray:
    s = np.sqrt(np.diag(cov))
    return cov / np.outer(s, s)


# --------------------------------------------------------------------------- KDE
def test_kde_entropy_converges_to_smoothed_cross_entropy() -> None:
    x = np.random.default_rng(1).normal(0.0, 3.0, size=4000)
    h = 1.0
    # The leave-one-out Parzen estimate converges to the cross-entropy
    # -E_p log(p * K_h) (in standard units, + ln 3 for the scale), 0.097 above H(p).
    truth = cross_h(np.eye(1), h) + math.log(3.0)
    assert truth > 0.5 * math.log(2 * math.pi * math.e) + math.log(3.0) + 0.03
    # sd about 0.01 at n = 4000; leave-one-out variance term O(1/(n h)) small.
    assert KDE(bandwidth=h).entropy(x).value == pytest.approx(truth, abs=0.03)


def test_kde_mi_and_cmi_converge_to_smoothed_values() -> None:
    data = np.random.default_rng(2).multivariate_normal(np.zeros(3), NPEET_COV, 3000)
    h = 0.6
    r = corr_of(NPEET_COV)

    def ch(idx: list[int]) -> float:
        return cross_h(r[np.ix_(idx, idx)], h)

    mi_truth = ch([0]) + ch([1]) - ch([0, 1])
    cmi_truth = ch([0, 2]) + ch([1, 2]) - ch([2]) - ch([0, 1, 2])
    est = KDE(bandwidth=h)
    x, y, z = data.T
    # sd about 0.015 at n = 3000; 0.05 is over three sd.
    assert est.mi(x, y).value == pytest.approx(mi_truth, abs=0.05)
    assert est.cmi(x, y, z).value == pytest.approx(cmi_truth, abs=0.05)
    # with this wide kernel the smoothing bias is real: the true MI 0.413 is above
    assert mi_truth < 0.413339 - 0.05


def test_kde_scale_invariance_and_locals() -> None:
    g = np.random.default_rng(3)
    x = g.standard_normal(400)
    y = x + g.standard_normal(400)
    res = KDE().mi(x, y)
    assert KDE().mi(10 * x, y / 7).value == pytest.approx(res.value, abs=1e-10)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
    h1, h10 = KDE().entropy(x).value, KDE().entropy(10 * x).value
    assert h10 - h1 == pytest.approx(math.log(10), abs=1e-10)
    assert KDE().conditional_entropy(x, y).value == pytest.approx(
        KDE(bandwidth=res.extras["bandwidth"]).entropy(np.column_stack([x, y])).value
        - KDE(bandwidth=res.extras["bandwidth"]).entropy(y).value,
        abs=1e-10,
    )


def test_loo_density_blocks_match_direct(monkeypatch: pytest.MonkeyPatch) -> None:
    pts = np.random.default_rng(4).standard_normal((50, 2))
    d2 = ((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1)
    k = np.exp(-0.5 * d2 / 0.49) / (2 * math.pi * 0.49)
    np.fill_diagonal(k, 0.0)
    direct = np.log(k.sum(1) / 49)
    from mutinfo import _kernels

    monkeypatch.setattr(_kernels, "BLOCK_ELEMENTS", 7 * 50)  # 7-row blocks
    np.testing.assert_allclose(loo_log_density(pts, 0.7), direct, rtol=1e-12)
    assert BLOCK_ELEMENTS == 1 << 22


def test_kde_errors_and_guards() -> None:
    g = np.random.default_rng(5)
    with pytest.raises(InvalidDataError, match="constant column"):
        KDE().entropy(np.ones(20))
    with pytest.raises(InvalidParameterError, match="bandwidth"):
        KDE(bandwidth="wide")
    with pytest.raises(InvalidParameterError, match="bandwidth"):
        KDE(bandwidth=0.0)
    with pytest.raises(InvalidDataError, match="string labels"):
        KDE().mi(["a", "b", "a"] * 5, g.standard_normal(15))
    with pytest.warns(DataWarning, match="constant"):
        assert KDE().mi(g.standard_normal(30), np.ones(30)).value == 0.0
    with pytest.warns(DataWarning, match="as numbers"):
        KDE().mi(g.integers(0, 3, 30), g.standard_normal(30))


# --------------------------------------------------------------------------- ITL
def test_information_potential_closed_form() -> None:
    cov = np.array([[1.0, 0.5], [0.5, 2.0]])
    n, sigma = 3000, 0.4
    x = np.random.default_rng(6).multivariate_normal(np.zeros(2), cov, n)
    s2 = 2 * sigma**2
    pair = normal_at_zero(2 * cov + s2 * np.eye(2))
    diag = normal_at_zero(s2 * np.eye(2))
    expected = diag / n + (n - 1) / n * pair
    # U-statistic sd about 2 % here; 0.05 relative.
    v = itl.information_potential(x, bandwidth=sigma)
    assert v == pytest.approx(expected, rel=0.05)
    h2 = itl.renyi_quadratic_entropy(x, bandwidth=sigma, base=2)
    assert h2 == pytest.approx(-math.log2(v), rel=1e-12)


def test_cauchy_schwarz_divergence_closed_form() -> None:
    g = np.random.default_rng(7)
    p, q = g.normal(size=(3000, 1)), g.normal(0.8, 1.0, size=(2500, 1))
    sigma = 0.5
    # D_CS of N(0, 1 + s^2) and N(mu, 1 + s^2): mu^2 / (2 (1 + s^2)) = 0.256
    truth = 0.8**2 / (2 * (1 + sigma**2))
    # sd about 0.03 (mean difference sd 0.027 times 2 mu / v); 0.08 tolerance.
    value = itl.cauchy_schwarz_divergence(p, q, bandwidth=sigma)
    assert value == pytest.approx(truth, abs=0.08)
    assert itl.cauchy_schwarz_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(InvalidDataError, match="same number of columns"):
        itl.cauchy_schwarz_divergence(p, np.hstack([q, q]))


def cs_qmi_truth(cov: np.ndarray, sigma: float) -> float:
    """CS-QMI of the Parzen-smoothed bivariate normal (pairwise kernel var 2 s^2)."""
    s2 = 2 * sigma**2
    cross = np.array([[2 * cov[0, 0], cov[0, 1]], [cov[0, 1], 2 * cov[1, 1]]])
    v_joint = normal_at_zero(2 * cov + s2 * np.eye(2))
    v_x = normal_at_zero(2 * cov[0, 0] + s2)
    v_y = normal_at_zero(2 * cov[1, 1] + s2)
    v_cross = normal_at_zero(cross + s2 * np.eye(2))
    return math.log(v_joint) + math.log(v_x) + math.log(v_y) - 2 * math.log(v_cross)


@pytest.mark.parametrize("rho", [0.0, 0.6, 0.9])
def test_cauchy_schwarz_mi_closed_form(rho: float) -> None:
    cov = np.array([[1.0, rho], [rho, 1.0]])
    xy = np.random.default_rng(8).multivariate_normal(np.zeros(2), cov, 3000)
    sigma = 0.5
    truth = cs_qmi_truth(cov, sigma)
    res = CauchySchwarz(bandwidth=sigma).mi(xy[:, 0], xy[:, 1])
    # V-statistic bias O(1/n) plus sd about 0.01 at n = 3000: 0.03.
    assert res.value == pytest.approx(truth, abs=0.03)
    assert res.method == "cauchy_schwarz"
    raw = itl.cauchy_schwarz_mi(xy[:, 0], xy[:, 1], bandwidth=sigma)
    assert raw == pytest.approx(truth, abs=0.03)
    assert res.extras["bandwidth"] == sigma


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(5, 60), st.floats(0.05, 3.0))
def test_cs_qmi_nonnegative_and_symmetric(seed: int, n: int, sigma: float) -> None:
    g = np.random.default_rng(seed)
    x, y = g.standard_normal((n, 2)), g.standard_normal(n)
    a = CauchySchwarz(bandwidth=sigma).mi(x, y).value
    b = CauchySchwarz(bandwidth=sigma).mi(y, x).value
    assert a >= -1e-12
    assert a == pytest.approx(b, abs=1e-10)


def test_front_door_and_errors() -> None:
    g = np.random.default_rng(9)
    x = g.standard_normal(200)
    assert mt.mi(x, x**2, method="cauchy_schwarz") > 0.05
    with pytest.raises(InvalidParameterError, match="bandwidth"):
        itl.information_potential(x, bandwidth=-1.0)
    with pytest.raises(InvalidDataError, match="constant"):
        itl.information_potential(np.ones(10))
    with pytest.warns(DataWarning, match="constant"):
        assert CauchySchwarz().mi(x, np.zeros(200)).value == 0.0


def test_loo_density_far_points_use_log_domain() -> None:
    # Points 1000 widths apart: plain kernel sums underflow to 0; the log-domain
    # fallback keeps the exact value -d^2 / (2 s^2) + log-normaliser.
    pts = np.array([[0.0], [1000.0], [2000.0]])
    out = loo_log_density(pts, 1.0)
    norm = -0.5 * math.log(2 * math.pi)
    expected_end = -0.5 * 1000.0**2 + norm - math.log(2.0)
    mid = np.logaddexp(-0.5 * 1000.0**2, -0.5 * 1000.0**2) + norm - math.log(2.0)
    np.testing.assert_allclose(out, [expected_end, mid, expected_end], rtol=1e-12)


def test_kde_warns_in_high_dimension() -> None:
    g = np.random.default_rng(11)
    x = g.standard_normal((200, 3))
    with pytest.warns(BiasWarning, match="ksg"):
        KDE().mi(x, x + g.standard_normal((200, 3)))
