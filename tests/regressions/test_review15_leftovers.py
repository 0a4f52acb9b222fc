"""Regressions from review 15's leftover findings."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import discrete, divergence, pid

# --- 1. a logarithm base in (0, 1) flipped the sign of every value silently ---


@pytest.mark.parametrize("base", [0.5, 0.999, 1, 0, -2])
def test_entropy_refuses_base_at_most_one(base: float) -> None:
    d = discrete.Distribution({(0,): 0.25, (1,): 0.75})
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1.*Got"):
        discrete.entropy(d, base=base)


@pytest.mark.parametrize("base", [0.5, 0.1])
def test_estimators_refuse_base_below_one(base: float) -> None:
    x = np.arange(20) % 3
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        mt.mi(x, x, base=base)
    rng = np.random.default_rng(0)
    p, q = rng.normal(size=(30, 1)), rng.normal(size=(30, 1))
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        divergence.kl_divergence(p, q, base=base)
    with pytest.raises(mt.InvalidParameterError, match=r"'base'.*> 1"):
        pid.gaussian_mmi(np.eye(3) + 0.5, [0, 1], 2, base=base)


def test_base_above_one_still_accepted() -> None:
    d = discrete.Distribution({(0,): 0.5, (1,): 0.5})
    assert discrete.entropy(d, base=2) == pytest.approx(1.0)
    assert discrete.entropy(d, base=1.5) == pytest.approx(math.log(2) / math.log(1.5))


# --- 2. ragwitz(nan_policy="omit") scored candidates on different steps ---


def _ar2_with_gaps(n: int = 300) -> np.ndarray:
    rng = np.random.default_rng(1)
    x = np.zeros(n)
    for t in range(2, n):
        x[t] = 0.6 * x[t - 1] - 0.4 * x[t - 2] + 0.3 * rng.normal()
    x[[40, 95, 150, 222]] = np.nan
    return x


def _brute_error(x: np.ndarray, k: int, steps: np.ndarray, n_neighbors: int) -> float:
    """Normalised error of the k-history local predictor, on ``steps`` only."""
    past = np.stack([x[steps - j] for j in range(k)], axis=1)
    future = x[steps + 1]
    dist = np.abs(past[:, None, :] - past[None, :, :]).max(axis=2)
    np.fill_diagonal(dist, np.inf)
    idx = np.argsort(dist, axis=1, kind="stable")[:, :n_neighbors]
    pred = future[idx].mean(axis=1)
    return float(((pred - future) ** 2).mean() / future.var())


def test_ragwitz_omit_scores_every_candidate_on_the_common_steps() -> None:
    from mutinfo import timeseries as ts

    x = _ar2_with_gaps()
    max_k, n_neighbors = 4, 4
    choice = ts.ragwitz(x, max_k=max_k, n_neighbors=n_neighbors, nan_policy="omit")
    # The steps the longest history embeds (x[t-3..t] and x[t+1] all finite).
    z = (x - np.nanmean(x)) / np.nanstd(x)
    steps = np.array(
        [
            t
            for t in range(max_k - 1, len(x) - 1)
            if np.isfinite(z[t - max_k + 1 : t + 2]).all()
        ]
    )
    assert choice.n_steps == steps.size
    for k in range(1, max_k + 1):
        assert choice.errors[(k, 1)] == pytest.approx(
            _brute_error(z, k, steps, n_neighbors), rel=1e-9
        )


def test_ragwitz_omit_n_steps_is_common_to_every_delay() -> None:
    from mutinfo import timeseries as ts

    x = _ar2_with_gaps()
    choice = ts.ragwitz(x, max_k=3, max_tau=2, nan_policy="omit")
    # k=3 at delay 1 needs x[t-2..t+1]; k=3 at delay 2 needs x[t-4], x[t-2], x[t]
    # and x[t+1]: the steps both embed.
    steps = [
        t
        for t in range(4, len(x) - 1)
        if np.isfinite(x[[t - 4, t - 2, t - 1, t, t + 1]]).all()
    ]
    assert choice.n_steps == len(steps)


# --- 3. te_matrix on a dict of unequal arrays raised pandas' raw ValueError ---


def test_te_matrix_dict_of_unequal_lengths_names_data_and_lengths() -> None:
    from mutinfo import timeseries as ts

    data = {"a": np.zeros(50), "b": [0.0] * 40}
    with pytest.raises(mt.InvalidDataError, match=r"'data'.*'a': 50, 'b': 40"):
        ts.te_matrix(data)


# --- 4. self-TE with l > k or delay > 1 was reported as if it were transfer ---


@pytest.mark.parametrize("embedding", [{"k": 1, "l": 2}, {"k": 1, "delay": 2}])
def test_self_te_beyond_own_past_says_it_is_own_memory(
    embedding: dict[str, int],
) -> None:
    from mutinfo import timeseries as ts

    g = np.random.default_rng(0)
    x = np.zeros(300)
    for t in range(2, 300):  # AR(2): x_{t-2} adds to x_{t-1}
        x[t] = 0.5 * x[t - 1] - 0.4 * x[t - 2] + g.normal()
    res = ts.estimate("te", x, x.copy(), method="ksg", rng=0, **embedding)
    assert res.value > 0  # estimated as usual (the value is kept) ...
    assert "not transfer" in res.extras["note"]  # ... and said to be own memory
    assert "source is the target" in res.extras["note"]
    other = ts.estimate("te", g.normal(size=300), x, method="ksg", rng=0, **embedding)
    assert "note" not in other.extras


# --- 5. theory.amp seeded with np.random.default_rng, not the package's check_rng ---


@pytest.mark.parametrize("rng", [-1, True, [1, 2], 1.5])
def test_amp_refuses_a_bad_rng_like_the_rest_of_the_package(rng: object) -> None:
    from mutinfo import theory

    with pytest.raises(mt.InvalidParameterError, match=r"'rng' parameter"):
        theory.amp(("bernoulli_gaussian", 0.2), alpha=0.6, delta=1e-3, n=50, rng=rng)


def test_amp_same_stream_for_an_int_seed() -> None:
    from mutinfo import theory

    a = theory.amp(("bernoulli_gaussian", 0.2), alpha=0.6, delta=1e-3, n=60, rng=3)
    b = theory.amp(
        ("bernoulli_gaussian", 0.2),
        alpha=0.6,
        delta=1e-3,
        n=60,
        rng=np.random.default_rng(3),
    )
    np.testing.assert_array_equal(a.mse, b.mse)


# --- 6. discrete Distribution: string probabilities, marginal's parameter name,
# numpy integer rvs ---


@pytest.mark.parametrize("prob", ["1", b"1", True])
def test_distribution_refuses_non_numeric_probabilities(prob: object) -> None:
    with pytest.raises(mt.InvalidDataError, match=r"'pmf' must be numbers.*got"):
        discrete.Distribution({(0,): prob})


def test_distribution_accepts_numeric_probabilities() -> None:
    from fractions import Fraction

    d = discrete.Distribution({(0,): np.float32(0.5), (1,): Fraction(1, 2)})
    assert discrete.entropy(d, base=2) == pytest.approx(1.0)
    assert discrete.Distribution({(0,): 1}).pmf.tolist() == [1.0]


def test_marginal_with_a_repeated_variable_names_rvs() -> None:
    d = discrete.Distribution({("a", "b"): 0.5, ("b", "a"): 0.5}, names=["x", "y"])
    with pytest.raises(mt.InvalidParameterError, match=r"'rvs'.*'x'"):
        d.marginal(["x", "x"])


def test_pointwise_information_of_a_variable_with_itself_names_source_target() -> None:
    from mutinfo.discrete import examples

    with pytest.raises(mt.InvalidParameterError, match=r"'source' and 'target'"):
        pid.pointwise_information(examples.and_(), "x0", "x0")


@pytest.mark.parametrize(
    "measure",
    [
        discrete.total_correlation,
        discrete.dual_total_correlation,
        discrete.coinformation,
        discrete.o_information,
    ],
)
def test_multivariate_measure_numpy_integer_rvs_like_python_int(measure: Any) -> None:
    d = discrete.Distribution({(0, 0, 0): 0.5, (1, 1, 0): 0.5})
    with pytest.raises(mt.InvalidParameterError, match=r"'rvs'.*list"):
        measure(d, 0)
    with pytest.raises(mt.InvalidParameterError, match=r"'rvs'.*list"):
        measure(d, np.int64(0))
    # numpy integers inside the list are read as indices, as Python ints are
    assert measure(d, [np.int64(0), np.int64(1)]) == measure(d, [0, 1])


# --- 7. excess_entropy's Result params said length=max_k ---


def test_excess_entropy_params_name_max_k_not_length() -> None:
    from mutinfo import timeseries as ts

    res = ts.estimate("excess_entropy", np.tile([0, 1], 200), max_k=3, base=2)
    assert res.params["max_k"] == 3
    assert "length" not in res.params
    assert len(res.extras["block_entropies"]) == 3
