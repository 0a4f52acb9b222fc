"""Review 5 regressions: silent wrong numbers in theory and neural.analysis."""

import numpy as np
import pytest

from mutinfo import theory
from mutinfo.exceptions import InvalidDataError


@pytest.mark.parametrize("offset", [1e3, 1e6, 1e8])
def test_scalar_channel_of_a_shifted_grid_prior_is_the_unshifted_one(offset):
    # mmse was E[S^2] - E[E[S|Y]^2], which cancels for a prior far from 0:
    # {1e6, 1e6 + 1} gave 0.170 for 0.112 at snr 4 and 14.9 for 0 at snr 1e4,
    # {1e8, 1e8 + 1} gave 0.0. I and mmse do not change with a shift of S.
    for snr in (4.0, 1e4):
        info, mmse = theory.scalar_channel(([0.0, 1.0], [0.5, 0.5]), snr)
        got = theory.scalar_channel(([offset, offset + 1.0], [0.5, 0.5]), snr)
        assert got[0] == pytest.approx(info, abs=1e-12)
        assert got[1] == pytest.approx(mmse, abs=1e-12)
    assert theory.scalar_channel(([0.0, 1.0], [0.5, 0.5]), 4.0)[1] == pytest.approx(
        0.1123998773, abs=1e-9
    )


def test_scalar_gaussian_channel_mmse_at_high_snr():
    # 1 - E[E[S|Y]^2] lost digits: mmse(1e12) read 9.996e-13 for 1e-12 / (1 + 1e-12).
    for snr in (1e8, 1e12):
        info, mmse = theory.scalar_channel("gaussian", snr)
        assert info == pytest.approx(0.5 * np.log1p(snr), rel=1e-13)
        assert mmse == pytest.approx(1.0 / (1.0 + snr), rel=1e-9, abs=0.0)


def test_replica_solution_is_invariant_to_a_shift_of_the_prior():
    # The E grid ran up to E[S^2] (1e12 for values near 1e6), far above the
    # MMSE: MI 1.54 nats (more than log 2, the entropy of the prior) and mmse 1.0
    # where the unshifted prior gives 0.693136 and 3.0e-6.
    base = theory.replica_solution(([0.0, 1.0], [0.5, 0.5]), alpha=0.8, delta=0.01)
    for offset in (10.0, 1e3, 1e6):
        prior = ([offset, offset + 1.0], [0.5, 0.5])
        sol = theory.replica_solution(prior, alpha=0.8, delta=0.01)
        assert sol.mi == pytest.approx(base.mi, abs=1e-10)
        assert sol.mmse == pytest.approx(base.mmse, rel=1e-6)
        assert sol.amp_mse == pytest.approx(base.amp_mse, rel=1e-6)
    assert base.mi == pytest.approx(0.6931356064, abs=1e-9)
    point = theory.replica_solution(([3.0], [1.0]), alpha=1.0, delta=1.0)
    assert (point.mi, point.mmse) == (0.0, 0.0)  # was mmse 9e-12


def test_state_evolution_starts_where_amp_starts_for_a_non_zero_mean_prior():
    # AMP starts at the prior mean (MSE Var S) but state evolution started at
    # E[S^2]: for +-1 shifted by 3, SE read 10, 0.909, 0.436 where AMP measured
    # 1, 0.462, 0.246 (the unshifted prior's SE: 1, 0.465, 0.240).
    shifted = ([2.0, 4.0], [0.5, 0.5])
    se = theory.state_evolution(shifted, alpha=1.0, delta=0.05, n_iter=6)
    plain = theory.state_evolution(("rademacher",), alpha=1.0, delta=0.05, n_iter=6)
    np.testing.assert_allclose(se, plain, rtol=1e-9, atol=1e-15)
    assert se[0] == pytest.approx(1.0)
    run = theory.amp(shifted, alpha=1.0, delta=0.05, n=1000, n_iter=6, rng=0)
    assert run.mse[0] == pytest.approx(run.state_evolution[0], rel=0.1)
    assert np.all(np.abs(run.mse[:4] - run.state_evolution[:4]) < 0.03)


def test_probe_bound_refuses_scores_that_are_not_probabilities():
    # Logits or unnormalised scores were read as probabilities: constant
    # scores of 2 gave a bound of 2 bits for a 1-bit label (above H(Y)), rows
    # summing to 0.5 a bound of 0 for a perfect probe; fractional labels were
    # truncated (1.7 became class 1).
    from mutinfo.neural.analysis import probe_bound

    y = np.array([0, 1, 1, 0])
    with pytest.raises(InvalidDataError, match="summing to 1"):
        probe_bound(np.full((4, 2), 2.0), y, base=2)
    with pytest.raises(InvalidDataError, match="softmax"):
        probe_bound(np.array([[3.0, -1.0], [-1.0, 3.0], [-1.0, 3.0], [3.0, -1.0]]), y)
    with pytest.raises(InvalidDataError, match="summing to 1"):
        probe_bound(np.eye(2)[y] * 0.5, y)
    with pytest.raises(InvalidDataError, match="whole numbers"):
        probe_bound(np.eye(2)[y], np.array([0.2, 1.7, 1.2, 0.4]))
    assert probe_bound(np.eye(2)[y], y.astype(float), base=2) == 1.0
    soft = np.eye(2, dtype=np.float32)[y] * np.float32(0.9) + np.float32(0.05)
    assert probe_bound(soft, y) == pytest.approx(np.log(2) + np.log(0.95), abs=1e-6)
