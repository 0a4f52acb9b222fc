"""Regressions: a noise floor in mrmr_quotient, Parzen's robust grid, AMI 'joint'."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mutinfo import divergence
from mutinfo.exceptions import BiasWarning
from mutinfo.selection import forward_selection
from mutinfo.selection._criteria import QUOTIENT_FLOOR, null_draws, quotient_floor

# --- 1. parzen_log_likelihood: one outlier among the samples set the grid ---


def test_parzen_default_grid_ignores_one_outlier() -> None:
    rng = np.random.default_rng(0)
    model, test = rng.normal(size=(1000, 1)), rng.normal(size=(400, 1))
    clean = divergence.parzen_log_likelihood(model, test, rng=0)
    dirty = model.copy()
    dirty[0, 0] = 1e4  # one sample far out: np.var put the grid at [3.2, 3162]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no BandwidthWarning: sigma inside the grid
        res = divergence.parzen_log_likelihood(dirty, test, rng=0)
    truth = -0.5 * math.log(2 * math.pi * math.e)  # -1.419
    assert abs(res.value - clean.value) < 0.01  # was -2.165 for -1.449
    assert abs(res.value - truth) < 0.05  # 300 test points: stderr 0.04
    assert res.bandwidths[0] < 0.02
    assert res.bandwidths[-1] < 20


def test_parzen_grid_with_tied_column_keeps_its_std() -> None:
    # A column with more than half its values tied has IQR 0: its std is kept.
    rng = np.random.default_rng(1)
    model = np.r_[np.zeros(150), rng.normal(size=50)][:, None]
    res = divergence.parzen_log_likelihood(model, rng.normal(size=(100, 1)), rng=0)
    scale = float(model.std())
    assert math.isclose(res.bandwidths[0], 0.01 * scale, rel_tol=1e-12)


# --- 2. mrmr_quotient: a noise feature won through the 1e-3-nat floor ---


def _noisy_selection_data(seed: int, n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """y = x0 + x1 + x2 + noise, x1 correlated with x0 (0.7); x3..x7 pure noise."""
    rng = np.random.default_rng(seed)
    x0 = rng.normal(size=n)
    x1 = 0.7 * x0 + math.sqrt(1 - 0.49) * rng.normal(size=n)
    x2 = rng.normal(size=n)
    X = np.column_stack([x0, x1, x2, rng.normal(size=(n, 5))])
    return X, x0 + x1 + x2 + rng.normal(size=n)


@pytest.mark.parametrize("seed", [0, 2])
def test_mrmr_quotient_does_not_pick_noise_through_the_floor(seed: int) -> None:
    # Was: a noise column with relevance ~0.01 nats and redundancy ~0 scored
    # 0.01 / 1e-3 = 12.6 (seed 0: picks (1, 4, 2); seed 2: (0, 2, 3)); x0
    # scored about 2. KSG picks a noise column in 16 of 20 draws before, 0 after.
    X, y = _noisy_selection_data(seed)
    sel = forward_selection(X, y, k=3, criterion="mrmr_quotient", rng=seed)
    assert sorted(sel.indices) == [0, 1, 2]
    assert sel.quotient_floor is not None
    assert all(0.01 < f < 0.2 for f in sel.quotient_floor)  # 3 x KSG's noise


def test_mrmr_quotient_labels_do_not_pick_noise() -> None:
    # The same table in 4 bins under auto (bias-corrected counting terms):
    # deterministic, as the null permutations are keyed by the target's
    # content, not by rng.
    X, y = _noisy_selection_data(0)
    Xd, yd = np.digitize(X, [-0.8, 0.0, 0.8]), np.digitize(y, [-1.5, 0.0, 1.5])
    sel = forward_selection(Xd, yd, k=3, criterion="mrmr_quotient")
    again = forward_selection(Xd, yd, k=3, criterion="mrmr_quotient")
    assert sorted(sel.indices) == [0, 1, 2]  # was (0, 2, 3): noise x3 third
    assert sel.quotient_floor == again.quotient_floor
    assert sel.n_estimates["null_relevance"] == 3 * 8  # 3 permutations of 8 columns


def test_plugin_floor_is_three_null_rms() -> None:
    # A plug-in MI of independent 4 x 4 labels is about chi2(9) / 2n, of root
    # mean square sqrt(9**2 + 2 * 9) / 2n: the floor is 3 times that (0.0149).
    X, y = _noisy_selection_data(0)
    Xd, yd = np.digitize(X, [-0.8, 0.0, 0.8]), np.digitize(y, [-1.5, 0.0, 1.5])
    sel = forward_selection(Xd, yd, k=2, criterion="mrmr_quotient", method="plugin")
    expected = 3 * math.sqrt(9**2 + 2 * 9) / 2000
    assert sel.quotient_floor is not None
    assert all(0.5 * expected < f < 2 * expected for f in sel.quotient_floor)


def test_plugin_floor_follows_a_many_valued_column() -> None:
    # A code on two rows each is biased under plug-in terms (relevance ~0.35
    # nats against a binary target, truth 0): its own floor is at that level,
    # so it does not win through the others' floors, and theirs stay small
    # (one floor pooled over the columns, about 0.4 nats, made every score a
    # relevance / 0.4 and picked the code second).
    rng = np.random.default_rng(0)
    n = 500
    y = rng.integers(0, 2, n)
    flips = rng.uniform(size=(n, 2)) < [0.05, 0.3]
    X = np.column_stack(
        [
            np.where(flips[:, 0], 1 - y, y),
            np.where(flips[:, 1], 1 - y, y),
            rng.integers(0, 3, (n, 4)),
            rng.permutation(np.repeat(np.arange(n // 2), 2)),
        ]
    )
    with pytest.warns(BiasWarning):  # the code's sparse tables
        sel = forward_selection(X, y, k=2, criterion="mrmr_quotient", method="plugin")
    assert sel.quotient_floor is not None
    assert sel.quotient_floor[-1] > 0.5  # 3 x its plug-in null (about 0.3 nats)
    assert max(sel.quotient_floor[:-1]) < 0.05
    assert sel.indices == (0, 1)


def test_quotient_floor_own_and_typical_levels() -> None:
    null = np.array([[0.01, -0.01, 0.4], [-0.01, 0.01, 0.4], [0.0, 0.0, 0.4]])
    typical = 0.01 / 0.6744897501960817  # median |null| = 0.01
    np.testing.assert_allclose(
        quotient_floor(null), [3 * typical, 3 * typical, 3 * 0.4], rtol=1e-12
    )
    assert quotient_floor(np.zeros((3, 2))).tolist() == [QUOTIENT_FLOOR] * 2
    assert null_draws(8) == 3
    assert null_draws(4) == 5
    assert null_draws(400) == 3


@pytest.mark.parametrize("criterion", ["mrmr", "jmi", "mi"])
def test_other_criteria_draw_no_null(criterion: str) -> None:
    X, y = _noisy_selection_data(0, n=200)
    Xd, yd = np.digitize(X, [0.0]), np.digitize(y, [0.0])
    sel = forward_selection(Xd, yd, k=3, criterion=criterion, method="plugin")
    assert sel.quotient_floor is None
    assert "null_relevance" not in sel.n_estimates


# --- 3. adjusted_mi(average="joint"): checked against an independent formula ---


def test_adjusted_mi_joint_is_the_observed_joint_form() -> None:
    # Not a change: pinned against scikit-learn's MI and expected MI in the
    # (I - E[I]) / (H(A, B) - E[I]) form (ELKI's adjustedJointMI).
    from sklearn.metrics import mutual_info_score
    from sklearn.metrics.cluster._expected_mutual_info_fast import (
        expected_mutual_information,
    )
    from sklearn.metrics.cluster._supervised import contingency_matrix

    from mutinfo.clustering import adjusted_mi

    rng = np.random.default_rng(3)
    a = rng.integers(0, 4, 80)
    b = (a + rng.integers(0, 3, 80)) % 5
    mi = mutual_info_score(a, b)
    emi = expected_mutual_information(contingency_matrix(a, b), 80)
    _, counts = np.unique(np.c_[a, b], axis=0, return_counts=True)
    joint = float(-(counts / 80 * np.log(counts / 80)).sum())  # H(A, B)
    assert adjusted_mi(a, b, average="joint") == pytest.approx(
        (mi - emi) / (joint - emi), rel=1e-10
    )
