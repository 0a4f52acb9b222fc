"""Replica MI, MMSE, state evolution and AMP for random linear estimation."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import theory
from tests import reference

BG = ("bernoulli_gaussian", 0.1)


def test_gaussian_prior_against_log_det_monte_carlo() -> None:
    # I/N = E log det(I + Phi Phi^T / delta) / (2N). Measured over 20 draws at
    # N = 200: sd 0.0017 per draw, mean within 0.0004 of the limit; 10 draws
    # give a standard error of 0.0005: tolerance 0.003 covers it and the O(1/N)
    # finite-size term.
    g = np.random.default_rng(0)
    alpha, delta, n = 0.5, 0.5, 200
    m = int(alpha * n)
    draws = []
    for _ in range(10):
        phi = g.standard_normal((m, n)) / math.sqrt(n)
        draws.append(0.5 * np.linalg.slogdet(np.eye(m) + phi @ phi.T / delta)[1] / n)
    limit = theory.replica_mi("gaussian", alpha=alpha, delta=delta)
    assert float(np.mean(draws)) == pytest.approx(limit, abs=0.003)


@pytest.mark.parametrize("key", sorted(reference.entries("replica_bernoulli_gaussian")))
def test_bernoulli_gaussian_reference(key: str) -> None:
    rho, alpha, delta = (float(part.split("=")[1]) for part in key.split("/"))
    ours = theory.replica_mi(("bernoulli_gaussian", rho), alpha=alpha, delta=delta)
    expected = reference.value("replica_bernoulli_gaussian", key)
    assert ours == pytest.approx(expected, abs=1e-8)
    # The genie bound I/N <= I(S; sqrt(alpha/delta) S + Z).
    assert ours <= theory.scalar_channel(("bernoulli_gaussian", rho), alpha / delta)[0]


@pytest.mark.parametrize("prior", ["gaussian", ("rademacher",), BG])
def test_i_mmse(prior: object) -> None:
    h, snr = 1e-4, 3.0
    up = theory.scalar_channel(prior, snr + h)[0]
    down = theory.scalar_channel(prior, snr - h)[0]
    assert (up - down) / (2 * h) == pytest.approx(
        theory.scalar_channel(prior, snr)[1] / 2, rel=1e-6
    )


def test_grid_prior_equals_rademacher() -> None:
    grid = ([-1.0, 1.0], [0.5, 0.5])
    assert theory.replica_mi(grid, alpha=0.7, delta=0.1) == pytest.approx(
        theory.replica_mi(("rademacher",), alpha=0.7, delta=0.1), abs=1e-12
    )


def test_two_minima_amp_sticks_at_the_worse() -> None:
    sol = theory.replica_solution(BG, alpha=0.2, delta=1e-4)
    assert sol.hard
    assert sol.amp_mse > 10 * sol.mmse
    assert sol.amp_mi > sol.mi
    se = theory.state_evolution(BG, alpha=0.2, delta=1e-4, n_iter=500)
    assert se[-1] == pytest.approx(sol.amp_mse, rel=1e-6)


def test_amp_follows_state_evolution() -> None:
    run = theory.amp(("bernoulli_gaussian", 0.2), alpha=0.6, delta=1e-3, n=2000, rng=0)
    # Per-step sampling error of an MSE over N = 2000 components: sd of the
    # squared error / sqrt(N); at most 0.02 here at the first steps. Allow 4 sd
    # plus 15 % for the O(1/sqrt(N)) drift of AMP from state evolution.
    for t in range(1, 15):
        tol = 4 * math.sqrt(2 * run.state_evolution[t] ** 2 / 2000) / math.sqrt(0.2)
        assert (
            abs(run.mse[t] - run.state_evolution[t])
            < tol + 0.15 * run.state_evolution[t]
        )


def test_bad_input() -> None:
    with pytest.raises(mt.InvalidParameterError, match="'alpha'"):
        theory.replica_mi("gaussian", alpha=0.0, delta=1.0)
    with pytest.raises(mt.InvalidParameterError, match="'delta'"):
        theory.replica_mi("gaussian", alpha=1.0, delta=-1.0)
    with pytest.raises(mt.InvalidParameterError, match="summing to 1"):
        theory.replica_mi(([0.0, 1.0], [0.5, 0.6]), alpha=1.0, delta=1.0)
    with pytest.raises(mt.InvalidParameterError, match="'prior'"):
        theory.replica_mi("laplace", alpha=1.0, delta=1.0)
    with pytest.raises(mt.InvalidParameterError, match=r"\(0, 1\]"):
        theory.replica_mi(("bernoulli_gaussian", 1.5), alpha=1.0, delta=1.0)


@pytest.mark.parametrize(
    ("alpha", "delta"),
    [(0.3, 1e-12), (1.0, 1e-12), (3.0, 1e-12), (0.5, 1e12), (1e-9, 1.0), (2.0, 0.5)],
)
def test_gaussian_mmse_is_the_closed_form_fixed_point(
    alpha: float, delta: float
) -> None:
    # Gaussian prior: E = 1 / (1 + alpha / (delta + E)), the positive root of
    # E^2 + (delta + alpha - 1) E - delta = 0. The E grid started at 1e-12 and
    # the minimum was read off a potential too flat to locate it: delta=1e12
    # gave mmse 1.05e-12 for 1.0, and at alpha=1, delta=1e-12 the 500 steps of
    # state evolution stopped at 0.002 and flagged a hard phase (Gaussian
    # priors have none).
    b = delta + alpha - 1.0
    root = math.sqrt(b * b + 4.0 * delta)
    exact = 2.0 * delta / (b + root) if b > 0 else (root - b) / 2.0
    sol = theory.replica_solution("gaussian", alpha=alpha, delta=delta)
    assert sol.mmse == pytest.approx(exact, rel=1e-8)
    assert sol.amp_mse == pytest.approx(exact, rel=1e-8)
    assert not sol.hard


@pytest.mark.parametrize("prior", [("rademacher",), ([1e6, 1e6 + 1.0], [0.5, 0.5])])
def test_replica_mi_of_a_binary_prior_never_exceeds_its_entropy(prior: object) -> None:
    # alpha=1, delta=1e-12: perfect recovery, I/N = H(S) = log 2, reached at
    # E = 0. The grid of E from 1e-12 Var S kept E >= delta and read 0.790 nats.
    sol = theory.replica_solution(prior, alpha=1.0, delta=1e-12)
    assert sol.mi == pytest.approx(math.log(2.0), abs=1e-9)
    assert sol.mmse == pytest.approx(0.0, abs=1e-12)


def test_bernoulli_gaussian_of_density_one_is_the_gaussian_prior() -> None:
    # rho = 1 left a point mass of weight 0 and a log(0) RuntimeWarning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = theory.replica_solution(("bernoulli_gaussian", 1.0), alpha=1.0, delta=1.0)
    assert got.mi == pytest.approx(theory.replica_mi("gaussian", alpha=1, delta=1))
