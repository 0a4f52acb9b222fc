"""Review 12: Gao's resolution ties must not merge distances that truly differ."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt


def _pair(n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(0)
    x = g.normal(size=n)
    return x, x + g.normal(size=n)


@pytest.mark.parametrize("scale", [1e-2, 3e-3])
def test_gao_offset_column_keeps_its_fine_distances(scale: float) -> None:
    # 16 rounding steps of 1e9 (1.9e-6) were "equal" distances in every column:
    # 0.3661 (scale 1e-2) and 0.3905 (3e-3) for 0.3556 nats without the offset,
    # with no warning (offset / spread 1e11, 3e11).
    x, y = _pair()
    ref = mt.mi(x, y, method="mixed_ksg", variant="gao")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        moved = mt.mi(1e9 + scale * x, y, method="mixed_ksg", variant="gao")
    assert moved == pytest.approx(ref, abs=2e-3)


def test_gao_rounded_column_far_from_zero_keeps_unit_invariance() -> None:
    x, y = _pair()
    grid = 1000.0 + np.round(x, 1)  # read to 0.1, far from zero
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)  # ties: expected here
        # Gao reads the grid's ties as point masses, biased up (0.40 for 0.347
        # at this n): it says so, in any units
        with pytest.warns(mt.BiasWarning, match="no atom"):
            a = mt.mi(grid, y, method="mixed_ksg", variant="gao")
        with pytest.warns(mt.BiasWarning, match="no atom"):
            b = mt.mi(grid * 2.54, y, method="mixed_ksg", variant="gao")
    assert b == pytest.approx(a, abs=1e-12)
