"""Regressions: binning near 1e16, classifier offsets, kl entropy on heavy tails."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.estimators.binning import bin_column
from mutinfo.exceptions import DataWarning, InvalidDataError


def _pair(n: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    z = np.random.default_rng(seed).standard_normal((n, 2))
    return z[:, 0], 0.7 * z[:, 0] + 0.7 * z[:, 1]


# --- 1. binning: numpy's "Too many bins for data range" near 1e16 ---


def test_binning_near_1e16_bins_the_offsets() -> None:
    # float64 rounds x + 1e16 to steps of 2: numpy could not place 12 distinct
    # edges across that narrow range far from 0 and raised a raw ValueError.
    x, y = _pair()
    far = x + 1e16
    near = far - 1e16  # exact: the same rounded values, next to 0
    with pytest.warns(DataWarning, match="steps of 2"):
        got = mt.mi(far, y, method="binning")
    assert got == pytest.approx(mt.mi(near, y, method="binning"), abs=1e-12)
    with pytest.warns(DataWarning):  # steps of 2, and atoms (three values)
        h = mt.entropy(far, method="binning")
    assert np.isfinite(h)


def test_binning_matrix_near_1e16() -> None:
    x, y = _pair()
    with pytest.warns(DataWarning, match="steps of 2"):
        m = mt.mi_matrix(np.c_[x + 1e16, y], method="binning")
    ref = mt.mi_matrix(np.c_[(x + 1e16) - 1e16, y], method="binning")
    assert np.allclose(np.asarray(m.mi), np.asarray(ref.mi), atol=1e-12, equal_nan=True)


def test_bin_column_below_resolution_is_a_clear_error() -> None:
    column = np.array([0.0, 3 * 5e-324])  # a range of 3 subnormal steps
    with pytest.raises(InvalidDataError, match="rule='equal_frequency'"):
        bin_column(column, "equal_width", 12)
