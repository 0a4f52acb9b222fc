"""Zheng & Benjamini: identification error <-> MI, Fano, the experiment."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import norm

import mutinfo as mt
from mutinfo import theory


@pytest.mark.parametrize("k", [2, 10, 1000])
@pytest.mark.parametrize("mi", [1e-6, 0.1, 1.0, 5.0, 20.0])
def test_round_trip(mi: float, k: int) -> None:
    err = theory.identification_error(mi, k)
    assert theory.mi_from_identification_error(err, k) == pytest.approx(mi, abs=1e-8)


@pytest.mark.parametrize(("mu", "k"), [(0.5, 2), (1.0, 10), (2.5, 50)])
def test_pi_k_against_the_law_of_the_maximum(mu: float, k: int) -> None:
    # pi_K(mu) = P(mu + Z0 > max of K-1 normals), integrated over the maximum's
    # density (K-1) phi(m) Phi(m)^(K-2): a different integral from ours.
    direct, _ = integrate.quad(
        lambda m: (k - 1) * norm.pdf(m) * norm.cdf(m) ** (k - 2) * norm.cdf(mu - m),
        -np.inf,
        np.inf,
        epsabs=1e-13,
    )
    assert theory.identification_accuracy(mu, k) == pytest.approx(direct, abs=1e-10)
    # K = 2 in closed form: Phi(mu / sqrt 2).
    assert theory.identification_accuracy(mu, 2) == pytest.approx(
        norm.cdf(mu / math.sqrt(2)), abs=1e-12
    )


def test_limits_and_bad_input() -> None:
    assert theory.mi_from_identification_error(0.9, 10) == 0.0
    assert theory.mi_from_identification_error(0.0, 10) == math.inf
    with pytest.raises(mt.InvalidParameterError, match=r"\[0, 1 - 1/K\].*0\.95"):
        theory.mi_from_identification_error(0.95, 10)
    with pytest.raises(mt.InvalidParameterError, match="'k'"):
        theory.identification_error(1.0, 1)
    with pytest.raises(mt.InvalidParameterError, match="'error'"):
        theory.fano_lower_bound(1.5, 4)


def test_fano_below_true_mi_on_a_discrete_channel() -> None:
    # W uniform on 4 symbols through an asymmetric channel; MAP error e.
    channel = np.array(
        [
            [0.7, 0.2, 0.1, 0.0],
            [0.1, 0.6, 0.2, 0.1],
            [0.0, 0.1, 0.8, 0.1],
            [0.2, 0.0, 0.1, 0.7],
        ]
    )
    joint = channel / 4
    px, py = joint.sum(1), joint.sum(0)
    nz = joint > 0
    true = float(np.sum(joint[nz] * np.log(joint[nz] / np.outer(px, py)[nz])))
    error = 1.0 - float(joint.max(axis=0).sum())
    bound = theory.fano_lower_bound(error, 4)
    assert 0 < bound < true


def test_identification_experiment() -> None:
    g = np.random.default_rng(0)
    x = g.normal(size=(6000, 20))
    y = 0.3 * x + g.normal(size=(6000, 20))  # I = 10 log(1.09)
    res = theory.identification_mi(x, y, k=10, n_trials=300, rng=0)
    assert res.mi == pytest.approx(10 * math.log(1.09), abs=0.15)
    assert res.fano < res.mi
    with pytest.warns(mt.MutinfoWarning, match="high|weakly"):
        theory.identification_mi(x[:, :2], y[:, :2], k=5, n_trials=20, rng=0)
    with pytest.raises(mt.InsufficientSamplesError, match="n_samples=30"):
        theory.identification_mi(x[:30], y[:30], k=10)


@pytest.mark.parametrize("mi", [50.0, 100.0, 500.0])
def test_small_identification_errors_keep_their_digits(mi: float) -> None:
    # 1 - pi_K(mu) as the complement of the accuracy lost everything below
    # ~1e-13: I = 100 nats (K = 10) gave error 0.0 for 6.86e-23, and an error
    # of 1e-20 inverted to 128 nats. Reference: the same error integrated over
    # the law of the maximum M of K - 1 normals, P(mu + Z0 < M), a different
    # integral, in log space.
    k, mu = 10, math.sqrt(2.0 * mi)

    def integrand(m: float) -> float:
        log_density = math.log(k - 1) + norm.logpdf(m) + (k - 2) * norm.logcdf(m)
        return math.exp(log_density + norm.logsf(mu - m))

    peak = mu / 2.0
    direct, _ = integrate.quad(
        integrand, peak - 15, peak + 15, points=[peak], epsabs=0.0, epsrel=1e-12
    )
    err = theory.identification_error(mi, k)
    assert err == pytest.approx(direct, rel=1e-8)
    assert theory.mi_from_identification_error(err, k) == pytest.approx(mi, rel=1e-9)


def test_error_above_chance_warns_instead_of_a_silent_zero() -> None:
    # Independent data, k=10: the measured error 0.922 is above chance (0.9)
    # and mi was 0.0 with no word; 0 is a floor there, not an estimate.
    g = np.random.default_rng(1)
    x, y = g.normal(size=(400, 12)), g.normal(size=(400, 12))
    with pytest.warns(mt.DataWarning, match="above chance.*worse than guessing"):
        res = theory.identification_mi(x, y, k=10, n_trials=100, rng=0)
    assert res.error > 0.9
    assert res.mi == 0.0


def test_identification_mi_checks_rng() -> None:
    x = np.random.default_rng(0).normal(size=(100, 12))
    with pytest.raises(mt.InvalidParameterError, match="'rng'"):
        theory.identification_mi(x, x, rng=-1)
