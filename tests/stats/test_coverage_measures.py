"""Coverage of the intervals of the new measures, and what each interval covers.

Small versions of ``benchmarks/calibration.py --part measures`` (the full
table, at n = 500 and 100 replicates, is in docs/uncertainty.md): transfer
entropy and active information storage against the closed forms of Gaussian
autoregressions, and the declarations of the statistics and families whose
intervals cannot cover the measure itself (the I_mmi redundancy of a PID,
the neural bounds). Each coverage check fails below the 0.1% quantile
of Binomial(reps, 0.90) (see ``tests/stats/test_coverage.py``).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from scipy.linalg import solve_discrete_lyapunov
from scipy.signal import lfilter
from scipy.stats import binom

import mutinfo as mt
from mutinfo import pid
from mutinfo import timeseries as ts
from mutinfo.exceptions import (
    BiasWarning,
    ConvergenceWarning,
    InvalidParameterError,
    ResamplingWarning,
)

FLOOR, FALSE_ALARM = 0.90, 0.001
#: A 95% interval of fewer than 40 resamples warns that it is too narrow.
FEW = r"needs n_resamples >= 40"


def min_hits(reps: int) -> int:
    """Fewest hits out of ``reps`` not flagged: the 0.1% quantile of Bin(reps, 0.9)."""
    return int(binom.ppf(FALSE_ALARM, reps, FLOOR))


#: Coupled Gaussian AR(1): source x_t = 0.5 x_{t-1} + e, target
#: y_t = 0.5 x_{t-1} + 0.4 y_{t-1} + e' (as benchmarks/calibration.py).
VAR_A = np.array([[0.5, 0.0], [0.5, 0.4]])


def _var(n: int, rng: np.random.Generator) -> tuple[Any, Any]:
    """``n`` steps of the autoregression after a burn-in of 100."""
    e = rng.normal(size=(2, n + 100))
    x = lfilter([1.0], [1.0, -VAR_A[0, 0]], e[0])
    drive = np.concatenate([[0.0], VAR_A[1, 0] * x[:-1]]) + e[1]
    y = lfilter([1.0], [1.0, -VAR_A[1, 1]], drive)
    return x[100:], y[100:]


def _te_truth() -> float:
    s = solve_discrete_lyapunov(VAR_A, np.eye(2))
    lag1 = (VAR_A @ s)[1, 1]
    return 0.5 * math.log(s[1, 1] - lag1**2 / s[1, 1])


def test_te_truth_matches_a_long_run() -> None:
    x, y = _var(100_000, np.random.default_rng(0))
    te = ts.transfer_entropy(x, y, method="gaussian")
    assert te == pytest.approx(_te_truth(), abs=0.005)
    assert _te_truth() == pytest.approx(0.134642, abs=1e-6)


def test_coverage_transfer_entropy_gaussian() -> None:
    # TE is the CMI of the embedded histories; its auto interval (Fisher's z of
    # the partial correlation) covers the closed form on the autoregression.
    truth, reps, hits = _te_truth(), 40, 0
    for i in range(reps):
        x, y = _var(301, np.random.default_rng([7, i]))
        e = ts.embed(y, x, k=1, l=1)
        ci = mt.confidence_interval(
            e.future, e.source_past, e.target_past, method="gaussian"
        )
        assert (ci.scheme, ci.target) == ("analytic", "cmi")
        hits += ci.low <= truth <= ci.high
    assert hits >= min_hits(reps), f"TE: {hits}/{reps} intervals cover"


def test_coverage_active_information_storage_ksg() -> None:
    truth, reps, hits = -0.5 * math.log(1 - 0.25), 30, 0
    for i in range(reps):
        x, _ = _var(201, np.random.default_rng([8, i]))
        e = ts.embed(x, k=1)
        ci = mt.confidence_interval(
            e.future, e.target_past, method="ksg", n_resamples=40, rng=i
        )
        assert ci.scheme == "subsample"
        hits += ci.low <= truth <= ci.high
    assert hits >= min_hits(reps), f"AIS: {hits}/{reps} intervals cover"


def test_statistic_declares_its_interval() -> None:
    def stat(x: Any, y: Any) -> float:
        return 0.25 + 1.0 / len(x)

    stat.interval_scheme = "extrapolate"  # type: ignore[attr-defined]
    x = np.arange(200.0)
    ci = mt.confidence_interval(x, x, statistic=stat, n_resamples=40, rng=0)
    assert ci.scheme == "extrapolate"
    assert ci.target == "stat"
    assert ci.low == pytest.approx(0.25, abs=1e-12)
    stat.interval_target = "a biased value"  # type: ignore[attr-defined]
    stat.interval_caveat = "it is biased."  # type: ignore[attr-defined]
    with pytest.warns(BiasWarning, match="covers a biased value: it is biased"):
        ci = mt.confidence_interval(x, x, statistic=stat, n_resamples=40, rng=0)
    assert ci.target == "a biased value"
    stat.interval_scheme = "analytic"  # type: ignore[attr-defined]
    with pytest.raises(InvalidParameterError, match="interval_scheme='analytic'"):
        mt.confidence_interval(x, x, statistic=stat, n_resamples=40, rng=0)


def test_neural_interval_is_a_lower_bound_and_warns() -> None:
    pytest.importorskip("torch")
    x, y = mt.datasets.gaussian(rho=0.6).sample(340, 0)
    # Two resamples and max_steps=5 keep the training short (the test checks
    # the label, not the value): the interval says it is too narrow, and the
    # one evaluation comes at the last step, so every fit warns it was cut off.
    with (
        pytest.warns(ResamplingWarning, match=FEW),
        pytest.warns(BiasWarning, match="covers a lower bound on mi, not mi"),
        pytest.warns(ConvergenceWarning, match="still improving"),
    ):
        ci = mt.confidence_interval(
            x,
            y,
            method="infonce",
            max_steps=5,
            hidden=4,
            batch_size=16,
            n_resamples=2,
            rng=0,
        )
    assert (ci.target, ci.scheme) == ("a lower bound on mi", "subsample")


def test_mmi_redundancy_interval_is_labelled() -> None:
    # Measured at 0.80 on the noisy AND gate (docs/uncertainty.md): the
    # statistic declares it and the interval warns; synergy (0.94) does not.
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, (300, 2))
    y = (x[:, 0] & x[:, 1]) ^ (rng.random(300) < 0.1)
    red = pid.atom_statistic("{0}{1}", measure="mmi")
    with pytest.warns(BiasWarning, match="plug-in I_mmi atom"):
        ci = mt.confidence_interval(x, y, statistic=red, n_resamples=40, rng=0)
    assert ci.target == "the plug-in I_mmi atom {0}{1} (biased)"
    syn = pid.atom_statistic("{0:1}", measure="mmi")
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        ci = mt.confidence_interval(x, y, statistic=syn, n_resamples=40, rng=0)
    assert ci.target == "pid_mmi_{0:1}"


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("mine", "a lower bound on mi"),
        ("dv", "a lower bound on mi"),
        ("js", "a lower bound on mi"),
        ("smile", "the clipped Donsker-Varadhan value of mi"),
    ],
)
def test_other_neural_intervals_say_what_they_cover(method: str, target: str) -> None:
    # Coverage of these four is measured in docs/uncertainty.md (part (d), 10
    # replicates); whatever it is, the interval must not claim the MI itself.
    pytest.importorskip("torch")
    x, y = mt.datasets.gaussian(rho=0.6).sample(340, 0)
    # Two resamples and max_steps=5, as above: too narrow, and cut off.
    with (
        pytest.warns(ResamplingWarning, match=FEW),
        pytest.warns(BiasWarning, match=f"covers {target}, not mi"),
        pytest.warns(ConvergenceWarning, match="still improving"),
    ):
        ci = mt.confidence_interval(
            x,
            y,
            method=method,
            max_steps=5,
            hidden=4,
            batch_size=16,
            n_resamples=2,
            rng=0,
        )
    assert (ci.target, ci.scheme) == (target, "subsample")
