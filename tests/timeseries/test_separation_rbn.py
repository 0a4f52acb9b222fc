"""MI vs separation, its fit, the Boolean network simulator and the RBN studies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import InsufficientSamplesError, InvalidParameterError
from tests import reference


def test_markov_separation_matches_closed_form_and_decays_exponentially() -> None:
    matrix = [[0.5, 0.3, 0.2], [0.1, 0.6, 0.3], [0.4, 0.1, 0.5]]
    chain = datasets.MarkovChain.from_matrix(matrix)
    x = chain.sample(30_000, rng=0)
    frame = ts.mi_vs_separation(x, [1, 2, 3], rng=0)
    assert frame.attrs["method"] == "grassberger"
    for d, mi in zip(frame.distance, frame.mi, strict=True):
        truth = reference.value("timeseries_closed_forms", f"markov/three_state/mi/{d}")
        assert mi == pytest.approx(truth, abs=0.006)
    assert (frame.baseline.abs() < 0.002).all()
    chain2 = datasets.binary_markov_chain(0.1, 0.3)
    d = np.arange(1, 12)
    exact = pd.DataFrame(
        {"distance": d, "mi": [chain2.mutual_information(int(v)) for v in d]}
    )
    fit = ts.fit_separation(exact)
    assert fit.better == "exponential"
    # I(d) ~ (1 - p01 - p10)^(2d): decay length -1 / (2 ln 0.6) at large d.
    assert fit.decay_length == pytest.approx(-1 / (2 * np.log(0.6)), rel=0.05)


def test_power_law_fit_and_symbols() -> None:
    d = np.arange(1, 40)
    fit = ts.fit_separation(pd.DataFrame({"distance": d, "mi": 0.3 * d**-0.5}))
    assert fit.better == "power_law"
    assert fit.exponent == pytest.approx(0.5, abs=1e-12)
    words = ["a", "b", "a", "c"] * 200
    frame = ts.mi_vs_separation(words, [1, 4], baseline=None)
    assert frame.baseline.isna().all()
    assert frame.mi.iloc[1] == pytest.approx(frame.mi.max())  # period 4
    assert ts.mi_vs_separation("abac" * 200, [1, 4], baseline=None).mi.tolist() == (
        pytest.approx(frame.mi.tolist())
    )
    with pytest.raises(InvalidParameterError, match="'baseline' parameter"):
        ts.mi_vs_separation(words, [1], baseline="random")
    with pytest.raises(InvalidParameterError, match="'distances' parameter"):
        ts.mi_vs_separation(words, [0, 1])
    with pytest.raises(InsufficientSamplesError, match="longer than the largest"):
        ts.mi_vs_separation(words[:10], [20])
    with pytest.raises(InsufficientSamplesError, match="at least 3 distances"):
        ts.fit_separation(pd.DataFrame({"distance": [1, 2], "mi": [0.1, 0.05]}))


@pytest.mark.parametrize(("k", "p"), [(2, 0.5), (4, 0.5), (3, 0.2)])
def test_rbn_sensitivity_matches_annealed_derrida_prediction(k: int, p: float) -> None:
    net = datasets.random_boolean_network(400, k, p=p, rng=k)
    annealed = 2 * p * (1 - p) * k
    # Quenched tables: mean sensitivity over 400 nodes, sd ~ sqrt(annealed / 400 / 2^k).
    assert net.sensitivity() == pytest.approx(annealed, abs=0.08)
    # Derrida map: one flipped node spreads to about `annealed` nodes in one step.
    rng = np.random.default_rng(0)
    states = rng.integers(0, 2, (300, 400))
    flipped = states.copy()
    which = rng.integers(0, 400, 300)
    flipped[np.arange(300), which] ^= 1
    spread = (net.step(states) != net.step(flipped)).sum(axis=1).mean()
    assert spread == pytest.approx(annealed, abs=0.25)


def test_rbn_wiring_and_run() -> None:
    net = datasets.random_boolean_network(20, 3, rng=1)
    assert net.inputs.shape == (20, 3)
    assert all(i not in row and len(set(row)) == 3 for i, row in enumerate(net.inputs))
    a = net.run(30, rng=2)
    assert np.array_equal(a, net.run(30, rng=2))
    assert np.array_equal(a[1:], np.array([net.step(s) for s in a[:-1]]))
    with pytest.raises(InvalidParameterError, match="'k' parameter"):
        datasets.random_boolean_network(5, 5)


def test_rbn_studies_small_run() -> None:
    frame = ts.rbn_pairwise_mi([1, 3], n_nodes=10, n_networks=2, n_steps=60, rng=0)
    assert list(frame.columns) == [
        "k",
        "network",
        "mean_mi",
        "n_mean_mi",
        "sensitivity",
        # the sweep's parameters, so stacked sweeps stay apart
        "n_nodes",
        "n_steps",
        "transient",
        "p",
    ]
    assert (frame.mean_mi >= 0).all()
    dyn = ts.rbn_information_dynamics(
        [1, 3], n_nodes=6, n_networks=1, n_steps=80, rng=0
    )
    assert dyn.shape == (2, 10)  # k, network, ais, te, sensitivity, 5 parameters
    # K = 1: every node copies (or negates) one input, so TE given history is 0
    # or the plug-in's small positive bias, never negative.
    assert (dyn.te >= -1e-12).all()


def test_shuffled_baseline_pools_realisations() -> None:
    # Each realisation is constant (one all 0, one all 1): pooled pairs at any
    # distance are dependent through the realisation (I(d) = ln 2), but the
    # shuffled floor must be the floor of independent data. Shuffling each
    # realisation on its own kept the dependence (baseline ln 2, which
    # `fit_separation(subtract_baseline=True)` would then subtract as noise).
    seqs = [np.zeros(4000, dtype=np.int64), np.ones(4000, dtype=np.int64)]
    frame = ts.mi_vs_separation(seqs, [1, 5], method="plugin", rng=0)
    assert np.allclose(frame["mi"], np.log(2), atol=1e-12)
    assert np.all(np.abs(frame["baseline"]) < 2e-3)


def test_largest_distance_as_int_past_the_sequence_names_distances() -> None:
    # distances=64 (the default) on 40 steps: "The 'x' parameter is empty" before,
    # after warnings for lags with a handful of pairs.
    seq = np.random.default_rng(0).integers(0, 3, 40)
    with pytest.raises(
        InsufficientSamplesError, match=r"'distances' parameter.*max distance 64.*40"
    ):
        ts.mi_vs_separation(seq, 64, rng=0)
    with pytest.raises(InsufficientSamplesError, match="'distances' parameter"):
        ts.mi_vs_separation(seq, [1, 40], rng=0)
