"""Regressions: a noise floor in mrmr_quotient, Parzen's robust grid, AMI 'joint'."""

from __future__ import annotations

import math
import warnings

import numpy as np

from mutinfo import divergence

# --- 1. parzen_log_likelihood: one outlier among the samples set the grid ---


def test_parzen_default_grid_ignores_one_outlier() -> None:
    rng = np.random.default_rng(0)
    model, test = rng.normal(size=(2000, 1)), rng.normal(size=(1000, 1))
    clean = divergence.parzen_log_likelihood(model, test, rng=0)
    dirty = model.copy()
    dirty[0, 0] = 1e4  # one sample far out: np.var put the grid at [2.2, 2236]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no BandwidthWarning: sigma inside the grid
        res = divergence.parzen_log_likelihood(dirty, test, rng=0)
    truth = -0.5 * math.log(2 * math.pi * math.e)  # -1.419
    assert abs(res.value - clean.value) < 0.01  # was -1.897 for -1.413
    assert abs(res.value - truth) < 0.03
    assert res.bandwidths[0] < 0.02
    assert res.bandwidths[-1] < 20


def test_parzen_grid_with_tied_column_keeps_its_std() -> None:
    # A column with more than half its values tied has IQR 0: its std is kept.
    rng = np.random.default_rng(1)
    model = np.r_[np.zeros(150), rng.normal(size=50)][:, None]
    res = divergence.parzen_log_likelihood(model, rng.normal(size=(100, 1)), rng=0)
    scale = float(model.std())
    assert math.isclose(res.bandwidths[0], 0.01 * scale, rel_tol=1e-12)
