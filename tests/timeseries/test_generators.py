"""Time-series measures on the generators whose information dynamics are exact."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo import datasets
from mutinfo import timeseries as ts

HMM = datasets.hidden_markov_chain(
    [[0.9, 0.08, 0.02], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8]],
    [[0.85, 0.15], [0.5, 0.5], [0.1, 0.9]],
)


def test_hmm_separation_and_finite_history_entropy_rate() -> None:
    x = HMM.sample(60_000, rng=0)
    frame = ts.mi_vs_separation(x, [1, 2, 5, 10], rng=0)
    exact = [HMM.mutual_information(d) for d in (1, 2, 5, 10)]
    # Grassberger on 60,000 pairs of a binary alphabet: sd ~ 5e-4.
    np.testing.assert_allclose(frame.mi, exact, atol=1.5e-3)
    # H(X_t | X_{t-4..t-1}) = H(5) - H(4): the upper bound of the forward
    # algorithm at L = 5 is exactly what the plug-in entropy rate with k = 4
    # estimates (bias ~ 2^4 / (2 n) = 1.3e-4 nats; sampling sd ~ 2e-3).
    upper = HMM.entropy_rate_bounds(5)[1]
    assert ts.entropy_rate(x, k=4, method="plugin") == pytest.approx(upper, abs=4e-3)
    lower, upper_long = HMM.entropy_rate_bounds(14)
    assert lower <= upper_long <= upper


def test_hierarchical_realisations_pool_without_crossing_trees() -> None:
    tree = datasets.hierarchical_process([[0.85, 0.15], [0.15, 0.85]], depth=9)
    x = tree.sample(60, rng=1)
    frame = ts.mi_vs_separation(list(x), [1, 8, 64], rng=0, baseline=None)
    assert frame.n_pairs.tolist() == [60 * (512 - d) for d in (1, 8, 64)]
    exact = [tree.mutual_information(d) for d in (1, 8, 64)]
    np.testing.assert_allclose(frame.mi, exact, atol=4e-3)
