from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidParameterError
from mutinfo.plot import cluster_order, heatmap

pytest.importorskip("matplotlib")


def _blocks() -> np.ndarray:
    # Two groups of strongly dependent columns, interleaved: 0, 2, 4 and 1, 3, 5.
    g = np.random.default_rng(0)
    a, b = g.normal(size=(2, 400))
    cols = [(a if k % 2 == 0 else b) + 0.3 * g.normal(size=400) for k in range(6)]
    return np.column_stack(cols)


def test_cluster_order_groups_dependent_columns():
    m = mt.mi_matrix(_blocks(), method="gaussian").mi.to_numpy()
    order = cluster_order(m).tolist()
    assert sorted(order) == list(range(6))
    groups = {frozenset(order[:3]), frozenset(order[3:])}
    assert groups == {frozenset({0, 2, 4}), frozenset({1, 3, 5})}
    assert cluster_order(np.zeros((2, 2))).tolist() == [0, 1]


def test_heatmap_saves_png_in_cluster_order(tmp_path):
    m = mt.mi_matrix(_blocks(), method="gaussian")
    path = tmp_path / "h.png"
    fig = heatmap(m, path)
    assert path.read_bytes()[:4] == b"\x89PNG"
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == [str(i) for i in cluster_order(m.mi.to_numpy())]


def test_heatmap_rejects_unknown_order():
    m = mt.mi_matrix(_blocks()[:, :3], method="gaussian")
    with pytest.raises(InvalidParameterError, match="'order' parameter"):
        heatmap(m, order="alphabetical")
