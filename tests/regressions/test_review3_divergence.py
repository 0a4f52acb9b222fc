"""Review regressions (h3-review): kNN KL divergence and the units of columns."""

import numpy as np
import pytest

from mutinfo import divergence as dv
from mutinfo.exceptions import DataWarning


@pytest.mark.parametrize("factor", [1e-6, 1e6])
def test_kl_divergence_does_not_depend_on_one_columns_units(factor):
    # KL is invariant under a common rescaling of a column of both samples;
    # the kNN search was not: 0.505 read 1.106 (x 1e-6) and 0.055 (x 1e6).
    rng = np.random.default_rng(0)
    p = rng.normal(size=(2000, 2))
    q = rng.normal(size=(2000, 2)) + np.array([1.0, 0.0])  # exact KL 0.5
    base = dv.kl_divergence(p, q)
    scaled = dv.kl_divergence(p * [1.0, factor], q * [1.0, factor])
    assert abs(base - 0.5) < 0.05
    assert abs(scaled - base) < 0.02


def test_kl_divergence_of_comparable_columns_is_unchanged_by_the_scaling():
    # Columns of comparable spread are not rescaled relative to each other, so
    # an isotropic rescaling by a power of two gives the same estimate.
    rng = np.random.default_rng(1)
    p = rng.normal(size=(500, 3))
    q = rng.normal(size=(500, 3)) * 1.2 + 0.5
    assert dv.kl_divergence(p * 8.0, q * 8.0) == pytest.approx(
        dv.kl_divergence(p, q), abs=1e-12
    )


def test_jensen_shannon_of_copied_rows_warns():
    # JS of a sample with itself read -0.17 nats (exactly 0 for the
    # distributions) without a warning: the copies are each other's neighbours
    # with the other label.
    rng = np.random.default_rng(2)
    p = rng.normal(size=(400, 2))
    with pytest.warns(DataWarning, match="repeat another row"):
        value = dv.jensen_shannon(p, p.copy(), rng=0)
    assert value < -0.1  # the bias it warns of
    dv.jensen_shannon(p, rng.normal(size=(400, 2)), rng=0)  # distinct rows: quiet
