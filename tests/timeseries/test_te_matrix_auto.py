"""te_matrix(k='auto'): each target's history chosen once, as transfer_entropy does."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError


def _series(n: int, seed: int) -> np.ndarray:
    """Column 0: AR(2); column 1: AR(1) driven by column 0; column 2: AR(1)."""
    g = np.random.default_rng(seed)
    e = g.standard_normal((n + 50, 3))
    x = np.zeros_like(e)
    for t in range(2, len(e)):
        x[t, 0] = 0.6 * x[t - 1, 0] - 0.3 * x[t - 2, 0] + e[t, 0]
        x[t, 1] = 0.5 * x[t - 1, 1] + 0.4 * x[t - 1, 0] + e[t, 1]
        x[t, 2] = 0.3 * x[t - 1, 2] + e[t, 2]
    return x[50:]


def test_gaussian_matrix_with_auto_history_matches_each_pair() -> None:
    x = _series(500, seed=0)
    m = ts.te_matrix(x, k="auto", method="gaussian")  # batched per history
    history = m.params["history"]
    assert m.params["k"] == "auto"
    assert history[0] == {"k": 2, "k_tau": 1}  # the AR(2) target
    assert history[2] == {"k": 1, "k_tau": 1}
    for j in range(3):
        k = history[j]["k"]
        for i in range(3):
            if i != j:
                # transfer_entropy(k='auto') picks the same k for the target
                want = ts.transfer_entropy(x[:, i], x[:, j], k=k, method="gaussian")
                assert m.te.iloc[i, j] == pytest.approx(want, abs=1e-12)
    assert m.n_steps == len(x) - max(h["k"] for h in history.values())
    assert m.te.iloc[0, 1] > 0.05 > max(m.te.iloc[1, 0], m.te.iloc[2, 0])


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")  # 300 rows
def test_per_pair_matrix_with_auto_history_equals_transfer_entropy() -> None:
    x = _series(300, seed=1)[:, :2]
    m = ts.te_matrix(x, k="auto", method="ksg", noise=0.0)
    for i, j in ((0, 1), (1, 0)):
        want = ts.transfer_entropy(x[:, i], x[:, j], k="auto", method="ksg", noise=0.0)
        assert m.te.iloc[i, j] == want
    assert set(m.params["history"]) == {0, 1}


def test_auto_delay_needs_auto_history() -> None:
    x = _series(100, seed=2)
    with pytest.raises(InvalidParameterError, match="k_tau='auto'"):
        ts.te_matrix(x, k=2, k_tau="auto", method="gaussian")
    with pytest.raises(InvalidParameterError, match="'k' parameter"):
        ts.te_matrix(x, k="best", method="gaussian")
