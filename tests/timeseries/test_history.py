"""k='auto': Ragwitz's criterion, against a brute-force predictor in the test."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError


def ar(coefs: dict[int, float], n: int, seed: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    x = np.zeros(n + 50)
    for t in range(max(coefs), n + 50):
        x[t] = sum(c * x[t - lag] for lag, c in coefs.items()) + 0.3 * g.normal()
    return x[50:]


def brute_error(x: np.ndarray, k: int, tau: int, reach: int, nn: int, w: int) -> float:
    """Normalised one-step error of the kNN mean predictor, by full distances."""
    z = (x - x.mean()) / x.std()
    steps = np.arange(reach, len(z))
    past = np.column_stack([z[steps - 1 - j * tau] for j in range(k)])
    future = z[steps]
    dist = np.abs(past[:, None, :] - past[None, :, :]).max(axis=2)
    dist[np.abs(steps[:, None] - steps[None, :]) <= w] = np.inf
    near = np.argsort(dist, axis=1, kind="stable")[:, :nn]
    pred = future[near].mean(axis=1)
    return float(((pred - future) ** 2).mean() / future.var())


def test_errors_equal_brute_force_and_choose_ar2_order() -> None:
    x = ar({1: 0.6, 2: -0.4}, 400, seed=0)
    choice = ts.ragwitz(x, max_k=3, max_tau=2, n_neighbors=3, theiler=2)
    reach = 1 + 2 * 2
    assert set(choice.errors) == {(1, 1), (2, 1), (3, 1), (2, 2), (3, 2)}
    for (k, tau), err in choice.errors.items():
        assert err == pytest.approx(brute_error(x, k, tau, reach, 3, 2), rel=1e-12)
    assert choice.n_steps == 400 - reach
    assert (choice.k, choice.k_tau) == min(choice.errors, key=choice.errors.get)
    assert ts.ragwitz(ar({1: 0.6, 2: -0.4}, 3000, seed=1), max_k=4).k == 2


def test_delay_search_finds_the_lag() -> None:
    x = ar({3: 0.8}, 3000, seed=2)  # only X_{t-3} predicts X_t
    choice = ts.ragwitz(x, max_k=3, max_tau=3)
    lags = {1 + j * choice.k_tau for j in range(choice.k)}
    assert 3 in lags
    assert choice.errors[(choice.k, choice.k_tau)] < 0.6 < choice.errors[(1, 1)]


def test_auto_history_reported_in_the_result() -> None:
    x = ar({1: 0.6, 2: -0.4}, 1500, seed=3)
    res = ts.estimate("ais", x, k="auto", method="gaussian")
    assert res.params["history"] == "ragwitz"
    assert res.params["k"] == res.extras["history"]["k"] == 2
    assert res.value == ts.active_information_storage(x, k=2, method="gaussian")
    json.dumps(res.to_dict())
    y = np.r_[0.0, x[:-1]] + 0.2 * np.random.default_rng(4).normal(size=1500)
    te = ts.estimate("te", x, y, k="auto", k_tau="auto", method="gaussian")
    assert te.params["k"] == te.extras["history"]["k"]
    assert te.params["k_tau"] == te.extras["history"]["k_tau"]
    parts = ts.estimate("entropy_rate", [x[:700], x[700:]], k="auto", method="gaussian")
    assert parts.params["n_realisations"] == 2


def test_auto_history_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match="continuous"):
        ts.active_information_storage(np.tile([0, 1, 1], 100), k="auto")
    x = ar({1: 0.5}, 200, seed=5)
    with pytest.raises(InvalidParameterError, match="k_tau='auto'"):
        ts.active_information_storage(x, k=2, k_tau="auto")
    with pytest.raises(InvalidParameterError, match="k='auto'"):
        ts.estimate("predictive_information", x, k="auto")
    with pytest.raises(InvalidParameterError, match="'k'"):
        ts.active_information_storage(x, k="best")
    with pytest.raises(InvalidParameterError, match="steps"):
        ts.ragwitz(x[:8], max_k=6)
