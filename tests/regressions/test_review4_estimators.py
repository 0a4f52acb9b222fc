"""Review 4 of the estimator families: wrong numbers and raw tracebacks.

Each test checks a family, called by name, against a closed form computed
here or against an identity it must satisfy, or checks that a hostile input
gets a clear error or warning instead of a silent number.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import mutinfo as mt


def _gauss_pair(n: int, rho: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.normal(size=n)
    return x, rho * x + math.sqrt(1 - rho**2) * g.normal(size=n)


# -- gaussian_copula: a column constant within one state of a discrete Z --------


def test_copula_cmi_column_constant_within_one_state_of_z() -> None:
    # x = 5 wherever z == 2, so given that state I(X;Y|Z=2) = 0 and
    # I(X;Y|Z) = 2/3 * (-0.5 ln(1 - 0.8^2)) = 0.341. The copula family raised
    # "'x and z' has a constant column ... Remove the constant column first"
    # although no column of x is constant.
    n, rho = 1200, 0.8
    x, y = _gauss_pair(n, rho, 0)
    z = np.random.default_rng(1).integers(0, 3, n)
    x = np.where(z == 2, 5.0, x)
    truth = 2 / 3 * -0.5 * math.log(1 - rho**2)
    got = mt.cmi(x, y, z, method="gaussian_copula")
    assert got == pytest.approx(truth, abs=0.05)
    # the state where x is constant adds exactly 0 to the average
    rows = z != 2
    part = mt.cmi(x[rows], y[rows], z[rows], method="gaussian_copula")
    assert got == pytest.approx(rows.mean() * part, rel=1e-12)


# -- kernel: a fixed bandwidth far below the sample spacing ---------------------


@pytest.mark.parametrize(
    ("measure", "args"),
    [("mi", 2), ("entropy", 1), ("cmi", 3), ("conditional_entropy", 2)],
)
def test_kernel_bandwidth_that_underflows_raises(measure: str, args: int) -> None:
    # bandwidth=1e-300: every kernel value underflowed even in the log domain;
    # the entropy came back +inf and MI / CMI / H(X|Z) nan (inf - inf), with
    # only numpy's RuntimeWarning.
    x, y = _gauss_pair(300, 0.8, 2)
    z = np.random.default_rng(3).normal(size=300)
    data = (x, y, z)[:args]
    given = {"z": data[1]} if measure == "conditional_entropy" else {}
    data = data[:1] if given else data
    with (
        pytest.warns(mt.BiasWarning, match="Scott's width"),
        pytest.raises(mt.InvalidParameterError, match=r"'bandwidth'.*underflows"),
    ):
        mt.estimate(measure, *data, method="kernel", bandwidth=1e-300, **given)


def test_kernel_narrow_bandwidth_warns() -> None:
    # bandwidth=1e-3 (std units) at n = 500: MI -6585 nats for the true 0.511,
    # entropy 279 for 1.42, silently. The rules and widths near them stay quiet.
    x, y = _gauss_pair(500, 0.8, 0)
    with pytest.warns(mt.BiasWarning, match="nearest sample alone"):
        value = mt.mi(x, y, method="kernel", bandwidth=1e-3)
    assert value < -1000  # the raw estimate is reported, not clipped
    with pytest.warns(mt.BiasWarning, match="nearest sample alone"):
        mt.entropy(x, method="kernel", bandwidth=1e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.MutinfoWarning)
        for bw in ("scott", "silverman", 0.2):
            got = mt.mi(x, y, method="kernel", bandwidth=bw)
            assert got == pytest.approx(-0.5 * math.log(1 - 0.64), abs=0.12)


# -- classifier: extras in the result's unit --------------------------------------


@pytest.mark.parametrize("report", ["dv", "plugin"])
def test_classifier_extras_follow_base(report: str) -> None:
    # With base=2 the value and extras["stderr"] were bits but extras["dv"],
    # ["plugin"] and their ["_stderr"] stayed nats: value 0.883 bits next to
    # extras["dv"] = 0.612 and stderr 0.092 next to dv_stderr 0.064.
    x, y = _gauss_pair(600, 0.8, 0)
    nats = mt.estimate("mi", x, y, method="classifier", report=report, rng=0)
    bits = mt.estimate("mi", x, y, method="classifier", report=report, rng=0, base=2)
    assert bits.unit == "bits"
    assert bits.value == bits.extras[report]
    assert bits.extras["stderr"] == bits.extras[f"{report}_stderr"]
    for key in ("plugin", "dv", "plugin_stderr", "dv_stderr", "stderr"):
        assert bits.extras[key] == pytest.approx(nats.extras[key] / math.log(2))
    assert bits.extras["clipped_fraction"] == nats.extras["clipped_fraction"]


# -- spacing entropies: the default window at the smallest n ----------------------


@pytest.mark.parametrize("method", ["vasicek", "ebrahimi"])
def test_spacing_default_window_small_n_names_sample_size(method: str) -> None:
    # n = 3 or 4 passed min_samples (3), then the default window
    # floor(sqrt(n) + 0.5) = 2 was refused as "'window_length' ... got 2. Pass a
    # smaller window_length", a value the caller never passed.
    x = np.array([0.1, 0.7, 1.9, 3.2])
    for n in (3, 4):
        with pytest.raises(mt.InsufficientSamplesError, match="at least 5 samples"):
            mt.entropy(x[:n], method=method)
    with pytest.raises(mt.InvalidParameterError, match="less than half"):
        mt.entropy(np.arange(6.0), method=method, window_length=3)
    u = np.random.default_rng(0).uniform(0.0, 2.0, 5)
    assert math.isfinite(mt.entropy(u, method=method))
