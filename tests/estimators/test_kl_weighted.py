"""Kozachenko-Leonenko entropy under any p-norm, and the weighted estimator of
Berrett, Samworth & Yuan (2019), against closed-form entropies.

Tolerances are measured: at n = 2000 the standard deviation over seeds of
either estimator on a standard Gaussian is at most about 0.04 nats for
d <= 5 and the bias at most about 0.06 (benchmarks/kl_entropy.py), so 0.15
is more than 2 sd beyond the worst bias.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import gamma

import mutinfo as mt
from mutinfo._neighbors import kth_neighbors
from mutinfo.estimators import KL, WeightedKL
from mutinfo.estimators.kl_weighted import bsy_weights
from mutinfo.estimators.knn import log_unit_ball
from mutinfo.exceptions import InvalidParameterError


def _gauss_entropy(d: int) -> float:
    return 0.5 * d * math.log(2 * math.pi * math.e)


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_unit_ball_volume_matches_closed_forms(d):
    # p = 1: the cross-polytope 2^d / d!; p = 2: pi^(d/2) / Gamma(d/2 + 1).
    assert math.exp(log_unit_ball(d, 1.0)) == pytest.approx(2**d / math.factorial(d))
    assert math.exp(log_unit_ball(d, 2.0)) == pytest.approx(
        math.pi ** (d / 2) / gamma(d / 2 + 1)
    )
    assert log_unit_ball(d, math.inf) == d * math.log(2.0)
    # Large p tends to the cube.
    assert log_unit_ball(d, 1e6) == pytest.approx(d * math.log(2.0), abs=1e-5)


@pytest.mark.parametrize("p", [1.0, 1.5, 3.0])
def test_minkowski_search_paths_agree(p):
    x = np.random.default_rng(1).normal(size=(300, 3))
    d_brute, i_brute = kth_neighbors(x, 4, p=p, algorithm="brute")
    d_tree, i_tree = kth_neighbors(x, 4, p=p, algorithm="tree")
    np.testing.assert_array_equal(d_brute, d_tree)
    np.testing.assert_array_equal(i_brute, i_tree)
    # The definition, for one point.
    ref = np.sort((np.abs(x[1:] - x[0]) ** p).sum(axis=1) ** (1 / p))[:4]
    np.testing.assert_allclose(d_brute[0], ref, rtol=1e-12)


def test_p_two_and_inf_are_the_named_metrics_exactly():
    x = np.random.default_rng(2).normal(size=(400, 2))
    assert (
        KL(metric="minkowski", p=2, rng=0).entropy(x).value
        == KL(rng=0).entropy(x).value
    )
    assert (
        KL(metric="minkowski", p=math.inf, rng=0).entropy(x).value
        == KL(metric="chebyshev", rng=0).entropy(x).value
    )


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("p", [1.0, 3.0])
def test_kl_any_p_on_gaussians(d, p):
    x = np.random.default_rng(d).normal(size=(2000, d))
    got = KL(metric="minkowski", p=p, rng=0).entropy(x).value
    assert got == pytest.approx(_gauss_entropy(d), abs=0.15)


@pytest.mark.parametrize(
    ("d", "tol"),
    # Uniform on the unit cube (truth 0): KL's boundary bias is positive and
    # grows with d (measured at n = 2000: 0.00, 0.06, 0.09, 0.2, 0.33).
    [(1, 0.05), (2, 0.12), (3, 0.18), (4, 0.3), (5, 0.45)],
)
def test_kl_and_weighted_on_uniform_cubes(d, tol):
    u = np.random.default_rng(10 + d).uniform(size=(2000, d))
    for est in (KL(metric="minkowski", p=1, rng=0), WeightedKL(rng=0)):
        got = est.entropy(u).value
        assert -0.05 < got < tol, (est, got)


def test_weights_satisfy_the_constraints():
    for d in (4, 5, 8, 12):
        for k in (d // 4 + 1, 10, 40):
            w = bsy_weights(k, d)
            j = np.arange(1, k + 1)
            assert w.sum() == pytest.approx(1.0, abs=1e-10)
            for ell in range(1, d // 4 + 1):
                moment = w @ (gamma(j + 2 * ell / d) / gamma(j))
                assert abs(moment) < 1e-8 * np.abs(w).sum() * k
    # Least norm: no other solution is shorter (perturb along the null space).
    w = bsy_weights(10, 8)
    g = np.vstack(
        [np.ones(10)]
        + [
            gamma(np.arange(1, 11) + 2 * ell / 8) / gamma(np.arange(1, 11))
            for ell in (1, 2)
        ]
    )
    null = np.linalg.svd(g)[2][3:]
    for v in null:
        assert np.linalg.norm(w + 0.01 * v) > np.linalg.norm(w)
    np.testing.assert_array_equal(bsy_weights(5, 3), [0, 0, 0, 0, 1])


def test_weighted_is_plain_kl_below_four_dimensions():
    x = np.random.default_rng(3).normal(size=(700, 3))
    n = 700
    plain = KL(n_neighbors=6, rng=0).entropy(x).value
    weighted = WeightedKL(n_neighbors=6, rng=0).entropy(x).value
    # The paper normalises by log(n - 1), KL by psi(n).
    from scipy.special import digamma

    assert weighted - plain == pytest.approx(math.log(n - 1) - digamma(n), abs=1e-12)


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_weighted_on_gaussians(d):
    x = np.random.default_rng(20 + d).normal(size=(2000, d))
    res = mt.estimate("entropy", x, method="kl_weighted", rng=0)
    assert res.method == "kl_weighted"
    assert res.value == pytest.approx(_gauss_entropy(d), abs=0.15)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value)


def test_weighted_scale_equivariance_and_base():
    x = np.random.default_rng(4).normal(size=(800, 4))
    est = WeightedKL(rng=0)
    ref = est.entropy(x).value
    assert est.entropy(4.0 * x).value == pytest.approx(ref + 4 * math.log(4.0))
    assert est.entropy(x, base=2).value == pytest.approx(ref / math.log(2))


def test_bad_p_and_k_are_refused_clearly():
    x = np.random.default_rng(5).normal(size=(200, 8))
    with pytest.raises(InvalidParameterError, match=r"'p'.*metric='minkowski'"):
        KL(p=3).entropy(x)
    with pytest.raises(InvalidParameterError, match="needs the exponent 'p'"):
        WeightedKL(metric="minkowski").entropy(x)
    with pytest.raises(InvalidParameterError, match="'p'"):
        KL(metric="minkowski", p=0.5)
    with pytest.raises(InvalidParameterError, match="n_neighbors >= 3"):
        WeightedKL(n_neighbors=2).entropy(x)
    with pytest.raises(InvalidParameterError, match="'p' parameter of kth_neighbors"):
        kth_neighbors(x, 2, p=0.3)
