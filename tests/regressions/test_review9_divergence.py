"""Review 9: silent wrong numbers in mutinfo.divergence."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import logsumexp

from mutinfo import divergence
from mutinfo.exceptions import InvalidDataError


def _parzen_by_differences(
    model: np.ndarray, points: np.ndarray, sigma: float
) -> np.ndarray:
    sq = ((points[:, None, :] - model[None, :, :]) ** 2).sum(-1)
    d = model.shape[1]
    return (
        logsumexp(-sq / (2 * sigma * sigma), axis=1)
        - math.log(model.shape[0])
        - 0.5 * d * math.log(2 * math.pi * sigma * sigma)
    )


def test_parzen_tiny_bandwidth_near_copies_is_exact() -> None:
    # Test points with near-copies among the model samples (a memoriser) and a
    # small bandwidth: |x|^2 + |s|^2 - 2 x.s lost the distance to rounding,
    # 0.019 nats per point high at sigma = 1e-7 (728.839 for 728.820).
    g = np.random.default_rng(0)
    test = g.normal(size=(150, 50))
    model = np.r_[test + 1e-7 * g.normal(size=test.shape), g.normal(size=(150, 50))]
    res = divergence.parzen_log_likelihood(model, test, bandwidth=1e-7)
    exact = _parzen_by_differences(model, test, 1e-7)
    assert res.value == pytest.approx(float(exact.mean()), abs=1e-8)
    assert res.local is not None
    np.testing.assert_allclose(res.local, exact, atol=1e-7)


def test_mixture_argument_memorizer_density_is_exact() -> None:
    # kl_q_p of the memoriser at memorizer_std = 1e-8 in 100 dimensions read
    # 1609 nats for 1694 (per-point errors up to 1083 nats).
    from mutinfo.divergence._theis import _log_memorizer

    g = np.random.default_rng(0)
    train = g.normal(size=(120, 100))
    samples = train + 1e-8 * g.normal(size=train.shape)
    got = _log_memorizer(samples, train, 1e-8)
    exact = _parzen_by_differences(train, samples, 1e-8)
    np.testing.assert_allclose(got, exact, atol=1e-5)
    frame = divergence.mixture_argument(dim=20, n=100, memorizer_std=1e-8, rng=0)
    assert np.isfinite(frame.loc["memorizer", "kl_q_p"])


def test_gaussian_kl_refuses_asymmetric_covariance() -> None:
    # Cholesky reads the lower triangle only: [[1, 0.5], [0, 1]] was taken as
    # the identity, KL 0.0 against N(0, I), no error.
    with pytest.raises(InvalidDataError, match=r"'cov_p'.*symmetric"):
        divergence.gaussian_kl([0, 0], [[1, 0.5], [0, 1]], [0, 0], np.eye(2))
    with pytest.raises(InvalidDataError, match=r"'cov_q'.*\(2, 2\)"):
        divergence.gaussian_kl([0, 0], np.eye(2), [0, 0], [1.0, 2.0, 3.0])
    sym = [[1.0, 0.5], [0.5, 1.0]]
    # KL of N(0, S) to N(0, I): (tr S - d - log det S) / 2 = -log(0.75) / 2
    assert divergence.gaussian_kl([0, 0], sym, [0, 0], np.eye(2)) == pytest.approx(
        -0.5 * math.log(0.75), rel=1e-12
    )
