"""Review 8: what ``method="auto"`` does for labels against continuous data."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt


def _labels_with_singletons(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # 10 labels of 30 rows and 40 labels seen once (340 rows, 6.8 per label).
    g = np.random.default_rng(seed)
    labels = np.concatenate([np.repeat(np.arange(10), 30), 10 + np.arange(40)])
    g.shuffle(labels)
    mu = 2.0 * g.normal(size=50)
    x = mu[labels] + g.normal(size=labels.size)
    y = x + g.normal(size=labels.size)
    return labels, x, y


def test_auto_cmi_with_sparse_label_condition_ignores_label_codes() -> None:
    # auto -> mixed_ksg (Gao); label codes were read as distances once a
    # label's neighbours reached other labels: 0.340 or 0.404 nats by renaming
    # the labels, no warning. Labels now sit on equidistant hypercube corners,
    # and 12 % of the rows in labels of <= k rows warns.
    labels, x, y = _labels_with_singletons(0)
    renamed = np.random.default_rng(1).permutation(50)[labels]
    with pytest.warns(mt.BiasWarning, match="rows in values with 3 rows"):
        a = mt.cmi(x, y, labels, rng=0)
    with pytest.warns(mt.BiasWarning, match="rows in values with 3 rows"):
        b = mt.cmi(x, y, renamed, rng=0)
    with pytest.warns(mt.BiasWarning):
        c = mt.cmi(x, y, np.array([f"s{v}" for v in labels]), rng=0)
    assert a == pytest.approx(b, abs=1e-12)
    assert a == pytest.approx(c, abs=1e-12)


def test_mixed_ksg_gao_mi_sparse_labels_ignores_label_codes() -> None:
    # 24 labels in 60 rows: 3.18 or 1.34 nats by renaming the labels.
    g = np.random.default_rng(0)
    x = g.integers(0, 30, 60)
    y = (x + g.integers(0, 2, 60)) % 30
    renamed = g.permutation(30)[x]
    with pytest.warns(mt.BiasWarning):
        a = mt.mi(x, y, method="mixed_ksg", rng=0)
    with pytest.warns(mt.BiasWarning):
        b = mt.mi(renamed, y, method="mixed_ksg", rng=0)
    assert a == pytest.approx(b, abs=1e-12)


def test_auto_labels_against_many_gaussian_columns_gets_the_copula() -> None:
    # 5 labels, class means 1.5 apart along one of 10 Gaussian columns, truth
    # 0.813 nats (Monte Carlo, benchmarks/mixed_high_dim.py). auto ran Ross's
    # kNN estimate, about 0.44 at n = 1000 (-0.37), with no warning.
    g = np.random.default_rng(0)
    labels = g.integers(0, 5, 1000)
    y = g.normal(size=(1000, 10))
    y[:, 0] += 1.5 * labels
    result = mt.estimate("mi", labels, y, rng=0)
    assert result.method == "gaussian_copula"
    assert result.value == pytest.approx(0.813, abs=0.1)
    # the same through a relabelling and string labels
    renamed = np.array([f"c{v}" for v in g.permutation(5)[labels]])
    assert mt.mi(renamed, y, rng=0) == pytest.approx(result.value, abs=1e-9)
    # a label too rare for the copula's covariance keeps Ross's estimate
    few = labels.copy()
    few[:5] = 5
    assert mt.estimate("mi", few, y, rng=0).method == "mixed_ksg"
