"""Review misc2: silent wrong numbers in clustering, divergence (Parzen) and itl."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutinfo import divergence


@pytest.mark.parametrize("far", [1e160, 1e170, 1e200, 1e300])
def test_parzen_one_wild_model_sample_leaves_the_others_exact(far: float) -> None:
    # One diverged model sample far from the rest: the common power-of-two
    # scale pushed every width's square into the subnormals (or to 0), and the
    # mean log-likelihood read -1.38660 for -1.38567 at 1e160, NaN from 1e170.
    # The far sample's kernel terms are 0, so the density is n / (n + 1) of
    # the density without it.
    g = np.random.default_rng(0)
    model, test = g.normal(size=(500, 1)), g.normal(size=(200, 1))
    clean = divergence.parzen_log_likelihood(model, test, bandwidth=0.3)
    wild = divergence.parzen_log_likelihood(
        np.vstack([model, [[far]]]), test, bandwidth=0.3
    )
    assert wild.value == pytest.approx(clean.value + math.log(500 / 501), abs=1e-12)
    assert wild.local is not None
    assert clean.local is not None
    np.testing.assert_allclose(
        wild.local, clean.local + math.log(500 / 501), rtol=0, atol=1e-12
    )


def test_parzen_one_wild_test_point_leaves_the_others_exact() -> None:
    # A test point at 1e160 read the other points' log densities up to
    # 0.004 nats off, and NaN at 1e200; its own log density (about -6e320)
    # is -inf in float64.
    g = np.random.default_rng(1)
    model, test = g.normal(size=(300, 2)), g.normal(size=(100, 2))
    clean = divergence.parzen_log_likelihood(model, test, bandwidth=0.3)
    for far in (1e160, 1e200):
        with np.errstate(over="ignore", invalid="ignore"):  # the stderr of -inf
            wild = divergence.parzen_log_likelihood(
                model, np.vstack([test, [[far, 0.0]]]), bandwidth=0.3
            )
        assert wild.local is not None
        assert clean.local is not None
        np.testing.assert_allclose(wild.local[:-1], clean.local, rtol=0, atol=1e-12)
        assert wild.local[-1] == -math.inf
