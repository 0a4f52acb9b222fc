"""Block intervals of series measures (``ts.confidence_interval``).

Small versions of ``benchmarks/calibration.py --part series`` (the table, at
n = 500 steps and 100-200 replicates, is in docs/uncertainty.md). Coverage
checks fail below the 0.1% quantile of Binomial(reps, 0.90), as in
``tests/stats/test_coverage_measures.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.signal import lfilter
from scipy.stats import binom

import mutinfo as mt
from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import (
    InsufficientSamplesError,
    InvalidParameterError,
    ResamplingWarning,
)
from mutinfo.stats import politis_white
from mutinfo.stats._blocks import block_half_rows


def _ar(a: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` steps of x_t = a x_{t-1} + e from the stationary law."""
    noise = rng.normal(size=n)
    noise[0] /= math.sqrt(1 - a * a)
    return lfilter([1.0], [1.0, -a], noise)


def test_politis_white_matches_the_ar1_closed_form() -> None:
    # For an AR(1) with coefficient a, G = 2 g0 a / (1 - a)^2 and
    # sum R = g0 (1 + a) / (1 - a), so b = (6 a^2 / (1 - a^2)^2)^(1/3) n^(1/3).
    n, a = 20_000, 0.5
    truth = (6 * a**2 / (1 - a**2) ** 2) ** (1 / 3) * n ** (1 / 3)
    got = [politis_white(_ar(a, n, np.random.default_rng(s))) for s in range(5)]
    assert np.median(got) == pytest.approx(truth, rel=0.25)
    white = np.random.default_rng(9).normal(size=n)
    assert politis_white(white) < 3
    both = np.column_stack([white, _ar(a, n, np.random.default_rng(0))])
    assert politis_white(both) == politis_white(both[:, 1])  # the largest column


def test_block_half_rows_keep_runs_without_repeats() -> None:
    rng = np.random.default_rng(0)
    for _ in range(20):
        rows = block_half_rows(103, 10, rng)
        assert len(set(rows.tolist())) == rows.size
        assert 5 * 10 <= rows.size <= 5 * 11  # 5 of 10 blocks of 10 or 11 rows
        steps = np.diff(rows) % 103  # within a run, consecutive (mod the seam)
        assert np.count_nonzero(steps != 1) <= 5


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.ResamplingWarning")
def test_block_interval_covers_ais_of_a_strongly_persistent_series() -> None:
    # AIS of AR(1) a = 0.9: intervals on independent rows are too narrow by
    # sqrt(1 - a^2) (Fisher's z covered 0.61 at n = 500); blocks recover it.
    a, reps = 0.9, 40
    truth = -0.5 * math.log(1 - a * a)
    block = analytic = 0
    for i in range(reps):
        x = _ar(a, 2001, np.random.default_rng([11, i]))
        ci = ts.confidence_interval("ais", x, method="gaussian", n_resamples=40, rng=i)
        assert (ci.scheme, ci.target) == ("block", "ais")
        block += ci.low <= truth <= ci.high
        iid = ts.confidence_interval("ais", x, method="gaussian", scheme="analytic")
        analytic += iid.low <= truth <= iid.high
    floor = int(binom.ppf(0.001, reps, 0.90))
    assert block >= floor, f"block: {block}/{reps}"
    assert analytic < floor, f"analytic: {analytic}/{reps} (expected to miss)"


def test_block_interval_covers_te_with_ksg() -> None:
    proc = datasets.coupled_ar(0.5, 0.4, 0.5)
    truth, reps, hits = proc.transfer_entropy(k=1, l=1), 24, 0
    for i in range(reps):
        x, y = proc.sample(400, rng=np.random.default_rng([12, i]))
        ci = ts.confidence_interval("te", x, y, method="ksg", n_resamples=40, rng=i)
        assert (ci.scheme, ci.method) == ("block", "ksg")
        hits += ci.low <= truth <= ci.high
    assert hits >= int(binom.ppf(0.001, reps, 0.90)), f"TE: {hits}/{reps}"


def test_series_interval_measures_and_labels() -> None:
    x = _ar(0.5, 600, np.random.default_rng(0))
    y = np.r_[0.0, 0.5 * x[:-1]] + np.random.default_rng(1).normal(size=600)
    for measure, args in (
        ("te", (x, y)),
        ("ais", (x,)),
        ("entropy_rate", (x,)),
        ("lagged_mi", (x, y)),
    ):
        ci = ts.confidence_interval(
            measure, *args, method="gaussian", n_resamples=40, rng=0
        )
        est = ts.estimate(measure, *args, method="gaussian").value
        assert ci.target == measure
        assert ci.estimate == pytest.approx(est)
        assert ci.low < ci.estimate < ci.high
    same = ts.confidence_interval("ais", x, method="gaussian", n_resamples=40, rng=0)
    assert same == ts.confidence_interval(
        "ais", x, method="gaussian", n_resamples=40, rng=0, n_jobs=2
    )
    bits = ts.confidence_interval(
        "ais", x, method="gaussian", n_resamples=40, rng=0, base=2
    )
    assert bits.high == pytest.approx(same.high / math.log(2))


def test_series_interval_errors_and_warnings() -> None:
    x = _ar(0.9, 501, np.random.default_rng(3))
    with pytest.warns(ResamplingWarning, match="likely too narrow"):
        ts.confidence_interval("ais", x, method="gaussian", n_resamples=40, rng=0)
    with pytest.raises(InsufficientSamplesError, match="fewer than the 6"):
        ts.confidence_interval("ais", x, method="gaussian", block_length=100)
    with pytest.raises(InvalidParameterError, match="'theiler'"):
        ts.confidence_interval("ais", x, method="ksg", theiler=5)
    with pytest.raises(InvalidParameterError, match="needs the source 'x'"):
        ts.confidence_interval("te", x)
    with pytest.raises(InvalidParameterError, match="takes one series"):
        ts.confidence_interval("ais", x, x)
    with pytest.raises(InvalidParameterError, match="'block_length'"):
        ts.confidence_interval("ais", x, block_length=0)
    with pytest.raises(InvalidParameterError, match="'cond'"):
        ts.confidence_interval("ais", x, cond=x)
    with pytest.raises(InvalidParameterError, match="k='auto'"):
        ts.confidence_interval("lagged_mi", x, k="auto")
    # the stats layer takes the scheme for rows in time order directly
    e = ts.embed(x, k=1)
    with pytest.warns(ResamplingWarning, match="memory of 20 rows"):
        ci = mt.confidence_interval(
            e.future,
            e.target_past,
            method="gaussian",
            scheme="block",
            block_length=20,
            n_resamples=40,
            rng=0,
        )
    assert ci.scheme == "block"
