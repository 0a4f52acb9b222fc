"""Regressions from review 16's leftover findings (second batch)."""

from __future__ import annotations

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import divergence
from mutinfo.exceptions import BiasWarning, ResamplingWarning

# --- 1. parzen_log_likelihood ignored validation data given with a bandwidth ---


@pytest.mark.parametrize("extra", ["validation", "bandwidths"])
def test_parzen_refuses_bandwidth_with_search_inputs(extra: str) -> None:
    rng = np.random.default_rng(0)
    model, test = rng.normal(size=(50, 1)), rng.normal(size=(20, 1))
    kwargs = (
        {"validation": test[:10]} if extra == "validation" else {"bandwidths": [0.1]}
    )
    with pytest.raises(mt.InvalidParameterError, match=rf"'bandwidth' and '{extra}'"):
        divergence.parzen_log_likelihood(model, test, bandwidth=0.3, **kwargs)  # type: ignore[arg-type]


# --- 2. nsb subsampling crashed on one refused half-sample, deep in a resample ---


def _sparse_channel() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 8, 20)
    y = np.where(rng.random(20) < 0.5, rng.integers(0, 8, 20), x)
    return x, y


def test_interval_reports_refused_resamples_at_interval_level() -> None:
    x, y = _sparse_channel()
    with (
        pytest.warns((BiasWarning, ResamplingWarning)),  # sparse table
        pytest.raises(
            mt.InsufficientSamplesError,
            match=r"'nsb' refused \d+ of the 200 subsamples.*subsample_size",
        ),
    ):
        mt.stats.confidence_interval(
            x, y, method="nsb", scheme="subsample", n_resamples=200, rng=0
        )
    # With the alphabet size given, NSB accepts every half-sample.
    with pytest.warns((BiasWarning, ResamplingWarning)):  # sparse table
        ci = mt.stats.confidence_interval(
            x,
            y,
            method="nsb",
            alphabet_size=8,
            scheme="subsample",
            n_resamples=200,
            rng=0,
        )
    assert ci.low <= ci.estimate <= ci.high


# --- 3. binning entropy's default bins: biased upward on heavy tails, silently ---


def test_binning_default_bins_on_heavy_tails() -> None:
    # Sturges' bins read +0.38 here and warned; the entropies' default bins now
    # take Scott's width, which follows the bulk: -0.011, quiet.
    x = np.random.default_rng(0).standard_t(3, 10_000)  # h = 1.7733 nats
    wide = mt.entropy(x, method="binning")
    fine = mt.entropy(x, method="binning", rule="equal_frequency")
    assert abs(wide - 1.7733) < 0.05
    assert abs(fine - 1.7733) < 0.05


def test_binning_default_bins_on_mixture_conditional_entropy() -> None:
    # Sturges' bins read +0.06 (and warned); Scott's width: -0.009.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 4000)
    x = np.array([0.5, 1.0, 2.0])[y] * rng.normal(size=4000)  # H(X|Y) = 1.4189
    assert abs(mt.conditional_entropy(x, y, method="binning") - 1.4189) < 0.04


def test_binning_default_bins_warn_on_far_outliers() -> None:
    x = np.append(np.random.default_rng(0).standard_t(3, 2000), [1e11, -1e11])
    with pytest.warns(BiasWarning, match="default bins.*rule='equal_frequency'"):
        mt.entropy(x, method="binning")


@pytest.mark.parametrize("draw", ["normal", "exponential", "uniform"])
def test_binning_default_bins_quiet_where_they_converge(draw: str) -> None:
    x = getattr(np.random.default_rng(1), draw)(size=1000)
    mt.entropy(x, method="binning")  # no BiasWarning (pytest errors on one)


# --- 4. mrmr_quotient compared its first pick's relevance with a ratio threshold ---


def test_mrmr_quotient_threshold_is_a_ratio_from_step_two() -> None:
    from mutinfo.selection import forward_selection

    rng = np.random.default_rng(0)
    n = 2000
    x0, x1 = rng.integers(0, 2, n), rng.integers(0, 2, n)
    noise = rng.integers(0, 2, n)
    flip = rng.random(n) < 0.1
    y = np.where(flip, 1 - x0, x0) ^ (x1 & (rng.random(n) < 0.2))
    X = np.column_stack([x0, x1, noise])
    sel = forward_selection(
        X, y, k=None, criterion="mrmr_quotient", threshold=1.5, method="plugin"
    )
    # The first relevance (about 0.2 nats) is below 1.5, but the threshold is a
    # ratio: the first pick is made and the ratios stop the search later.
    assert sel.indices[:1] == (0,)
    assert sel.stopped_by == "threshold"
    assert all(s >= 1.5 for s in sel.scores[1:])
