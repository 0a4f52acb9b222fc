"""Integer columns of 10-100 values read as labels: the product prior is named.

A Gaussian pair (rho 0.8, 0.49 nats) rounded to 13-14 values at n = 100 read
about 0.25 nats as labels (``dirichlet_product``) and 0.49 as numbers, with
no warning. No rule on one column separates such measurements from category
codes (``benchmarks/integer_rule.py --readings``), so the reading stays and a
DataWarning names both readings.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt


def _rounded_pair(n: int, scale: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    z = rng.multivariate_normal([0, 0], [[1, 0.8], [0.8, 1]], size=n)
    x, y = np.round(scale * z).astype(np.int64).T
    return x, y


def test_rounded_measurements_read_as_labels_warn_with_the_fix() -> None:
    x, y = _rounded_pair(100, 2.5)
    # 50 occupied cells for 100 rows: dirichlet_product's own BiasWarning
    # (from 0.45 occupied cells per row on) flags the -0.25 nats as well.
    with (
        pytest.warns(mt.BiasWarning, match="occupied cells"),
        pytest.warns(mt.DataWarning, match="read as labels by discrete='auto'") as rec,
    ):
        res = mt.estimate("mi", x, y, rng=0)
    assert res.method == "dirichlet_product"
    assert res.value < 0.35  # the flattened reading (truth 0.49)
    text = str(next(w.message for w in rec if "read as labels" in str(w.message)))
    assert "discrete=False" in text
    assert "discrete=True" in text
    assert "'x' (" in text
    assert "'y' (" in text


def test_explicit_flags_do_not_warn() -> None:
    x, y = _rounded_pair(100, 2.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.DataWarning)
        # No DataWarning; the estimate's own BiasWarning (0.5 occupied cells
        # per row) stays.
        with pytest.warns(mt.BiasWarning, match="occupied cells"):
            labels = mt.estimate("mi", x, y, discrete=True, rng=0)
    assert labels.method == "dirichlet_product"


def test_sparse_identifiers_and_few_values_do_not_warn() -> None:
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 1000, 100)  # sparse over their range: identifiers
    y = rng.integers(0, 40, 100)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.DataWarning)
        warnings.simplefilter("ignore", mt.BiasWarning)
        mt.estimate("mi", ids, y, rng=0)
        # 5 values each: not the product prior, no warning
        mt.estimate("mi", rng.integers(0, 5, 100), rng.integers(0, 5, 100), rng=0)
