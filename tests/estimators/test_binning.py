"""Binning: bin rules, differential entropy from cell widths, any discrete estimator."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.estimators import Binning
from mutinfo.estimators.binning import bin_column, entropy_bins, entropy_width_bins
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
)


def test_uniform_entropy() -> None:
    x = np.random.default_rng(1).uniform(0, 2, 20000)
    # 20 equal bins of a uniform: no discretisation error; plug-in bias
    # -(19)/(2n) = -0.0005, sd about 0.001: 0.01 tolerance.
    assert Binning(bins=20).entropy(x).value == pytest.approx(math.log(2), abs=0.01)


def test_gaussian_entropy_and_scale_equivariance() -> None:
    x = np.random.default_rng(2).standard_normal(20000)
    h = Binning(rule="fd").entropy(x).value
    # FD bins (width about 0.1) on N(0, 1): discretisation error below 0.005.
    assert h == pytest.approx(0.5 * math.log(2 * math.pi * math.e), abs=0.02)
    h2 = Binning(bins=30).entropy(3 * x).value
    assert h2 - Binning(bins=30).entropy(x).value == pytest.approx(
        math.log(3), abs=1e-9
    )


def test_mi_equals_discrete_estimator_on_codes() -> None:
    g = np.random.default_rng(3)
    x = g.standard_normal(3000)
    y = x + g.standard_normal(3000)
    edges_x = np.histogram_bin_edges(x, bins=8)
    edges_y = np.histogram_bin_edges(y, bins=8)
    cx = np.searchsorted(edges_x[1:-1], x, side="right")
    cy = np.searchsorted(edges_y[1:-1], y, side="right")
    for est in ("plugin", "miller_madow"):
        binned = mt.mi(x, y, method="binning", bins=8, estimator=est)
        assert binned == pytest.approx(mt.mi(cx, cy, method=est), abs=1e-12)


def test_gaussian_mi_with_bias_correction() -> None:
    g = np.random.default_rng(4)
    x = g.standard_normal(20000)
    y = 0.9 * x + math.sqrt(0.19) * g.standard_normal(20000)
    res = Binning(rule="fd", estimator="miller_madow").mi(x, y)
    # 0.830 truth; measured fd + Miller-Madow error about +0.02 (residual bias of
    # about 600 occupied cells at n = 2e4 and binning loss partly cancel): 0.05.
    assert res.value == pytest.approx(0.830366, abs=0.05)
    assert res.extras["estimator"] == "miller_madow"


def test_discrete_columns_pass_through() -> None:
    g = np.random.default_rng(5)
    a, b = g.integers(0, 3, 500), g.integers(0, 3, 500)
    assert mt.mi(a, b, method="binning") == mt.mi(a, b, method="plugin")
    z = g.standard_normal(500) + a
    res = mt.cmi(a, b, z, method="binning", bins=5)
    assert math.isfinite(res)


def test_equal_frequency_is_rank_based() -> None:
    g = np.random.default_rng(6)
    x = g.standard_normal(2000)
    y = x + g.standard_normal(2000)
    est = Binning(rule="equal_frequency", bins=6)
    assert est.mi(np.exp(x), y**3).value == est.mi(x, y).value
    codes, widths = bin_column(
        np.array([3.0, 1.0, 1.0, 2.0, 5.0, 4.0]), "equal_frequency", 3
    )
    assert codes.tolist() == [1, 0, 0, 1, 2, 2]
    # edges at each bin's smallest value and the maximum: [1, 2, 4, 5]
    assert widths.tolist() == [2.0, 1.0, 1.0, 2.0, 1.0, 1.0]


def test_errors_and_guards() -> None:
    x = np.random.default_rng(7).standard_normal(100)
    with pytest.raises(InvalidParameterError, match="bins=None"):
        Binning(rule="fd", bins=10)
    with pytest.raises(InvalidParameterError, match="bins=None"):
        Binning().set_params(rule="scott", bins=4)
    with pytest.raises(InvalidParameterError, match="discrete methods"):
        Binning(estimator="ksg")
    with pytest.raises(InvalidParameterError, match="'rule'"):
        Binning(rule="quantile")
    with pytest.raises(InvalidDataError, match="constant"):
        Binning().entropy(np.ones(10))
    with pytest.warns(DataWarning, match="constant"):
        assert Binning().mi(x, np.ones(100)).value == 0.0


def test_zero_width_bin_raises_for_entropy_only() -> None:
    x = np.concatenate([np.linspace(0.0, 1.0, 50), np.full(50, 2.0)])
    est = Binning(rule="equal_frequency", bins=4)
    with pytest.raises(InvalidDataError, match="width"):
        est.entropy(x)
    y = x + np.random.default_rng(8).standard_normal(100)
    assert np.isfinite(est.mi(x, y).value)


# -- equal_frequency entropy: the default bin count converges -----------------


@pytest.mark.parametrize(
    ("draw", "truth"),
    [
        (lambda g, n: g.standard_normal(n), 0.5 * math.log(2 * math.pi * math.e)),
        (lambda g, n: g.uniform(0.0, 3.0, n), math.log(3.0)),
        (lambda g, n: g.exponential(2.0, n), 1.0 + math.log(2.0)),
    ],
    ids=["normal", "uniform", "exponential"],
)
def test_equal_frequency_entropy_converges(draw: Any, truth: float) -> None:
    # Sturges' bins (14 at n = 5000, 17 at 50,000) stretched the outer bins to
    # the sample extremes: N(0, 1) (1.4189) read 1.497, 1.532 at n = 50,000,
    # 0.09-0.10 high for good; Exp(1) 1.054 at 1e4, 1.072 at 1e5. Now about
    # sqrt(n) bins (m-spacings): bias below 0.007 at 1e4 and 0.002 at 1e5; the
    # tolerances are about 3 sd of the exponential's (its last bin stretches to
    # a random maximum: sd 0.013 at 1e4, 0.0024 at 1e5 over 20 seeds).
    est = Binning(rule="equal_frequency")
    for n, tol in ((10_000, 0.04), (100_000, 0.01)):
        value = est.entropy(draw(np.random.default_rng(n), n)).value
        assert value == pytest.approx(truth, abs=tol), n


def test_equal_frequency_conditional_entropy_default_bins() -> None:
    # H(Y | L) for Y = L + N(0, 1), three equiprobable labels: the entropy of
    # N(0, 1); Sturges' bins read 1.50 (n = 20,000).
    g = np.random.default_rng(11)
    labels = g.integers(0, 3, 20_000)
    y = labels + g.standard_normal(20_000)
    value = Binning(rule="equal_frequency").conditional_entropy(y, labels).value
    assert value == pytest.approx(0.5 * math.log(2 * math.pi * math.e), abs=0.02)


def test_entropy_bins_count() -> None:
    assert entropy_bins(10_000, 1) == 100
    assert entropy_bins(8000, 2) == 20
    assert entropy_bins(1, 3) == 1
    # an explicit count is kept: 6 bins of a uniform read ln 3 minus the outer loss
    x = np.random.default_rng(12).uniform(0.0, 3.0, 600)
    six = Binning(rule="equal_frequency", bins=6).entropy(x).value
    codes, widths = bin_column(x, "equal_frequency", 6)
    assert np.unique(codes).size == 6
    assert six == pytest.approx(float(np.log(widths * 6).mean()), rel=1e-12)


# -- equal_width entropy: the default bins (Scott's width) converge ------------

NORMAL_1D = 0.5 * math.log(2 * math.pi * math.e)


def test_equal_width_entropy_default_bins_converge_in_one_column() -> None:
    # Sturges' log2 n + 1 bins over the range shrink like sqrt(log n) / log n:
    # N(0, 1) read 0.009 nats high at n = 10,000, 100,000 and 1,000,000
    # (w ** 2 / 24 for the bin width w). Scott's width: -0.001 from 10,000 on
    # (sd of one draw at n = 200,000: 0.0016).
    x = np.random.default_rng(21).standard_normal(200_000)
    assert Binning().entropy(x).value == pytest.approx(NORMAL_1D, abs=0.005)


def test_equal_width_entropy_default_bins_converge_in_two_columns() -> None:
    # 2-D standard normal (truth ln(2 pi e) = 2.8379): Sturges' bins read
    # +0.019 (n = 100,000) and +0.017 (1,000,000); Scott's width -0.004.
    x = np.random.default_rng(22).standard_normal((100_000, 2))
    assert Binning().entropy(x).value == pytest.approx(2 * NORMAL_1D, abs=0.01)


@pytest.mark.parametrize("scale", [1e-3, 7.0, 1e4])
def test_equal_width_entropy_default_bins_scale_equivariant(scale: float) -> None:
    # Scott's width scales with the data, so H(a X) = H(X) + d log a exactly.
    x = np.random.default_rng(23).standard_normal((2000, 2))
    est = Binning(estimator="miller_madow")
    shift = est.entropy(scale * x).value - est.entropy(x).value
    assert shift == pytest.approx(2 * math.log(scale), abs=1e-9)


def test_entropy_width_bins_count() -> None:
    g = np.random.default_rng(24)
    x = g.standard_normal(10_000)
    sd_rule = math.ceil(np.ptp(x) / (3.49 * x.std() * 10_000 ** (-1 / 3)))
    assert abs(entropy_width_bins(x, 1) - sd_rule) <= 2  # IQR / 1.349 ~ sd here
    assert entropy_width_bins(x, 3) < entropy_width_bins(x, 1)
    atoms = np.r_[np.zeros(900), g.standard_normal(100)]  # IQR 0: the sd
    assert entropy_width_bins(atoms, 1) >= 1


def test_plugin_count_bias_warns_for_several_columns() -> None:
    # 2-D standard normal, n = 1000: the plug-in on ~80 occupied cells read
    # -0.038 nats (10 seeds), silently; Miller-Madow +0.002.
    x = np.random.default_rng(25).standard_normal((1000, 2))
    with pytest.warns(BiasWarning, match="occupied cells.*miller_madow"):
        plugin = Binning().entropy(x).value
    corrected = Binning(estimator="miller_madow").entropy(x).value  # quiet
    assert corrected - plugin > 0.03
    assert corrected == pytest.approx(2 * NORMAL_1D, abs=0.04)


def test_plugin_count_bias_quiet_for_one_column() -> None:
    x = np.random.default_rng(26).standard_normal(1000)
    Binning().entropy(x)  # 20 cells for 1000 rows: -0.01 nats, no warning


def test_equal_frequency_entropy_of_several_columns_warns() -> None:
    # Quantile bins per column make poor joint cells: N(0, I_2) read +0.105
    # (n = 1000) and still +0.036 at 1,000,000 with n ** (1/3) bins per
    # column; N(0, I_4) +0.82 at 1000, silently.
    x = np.random.default_rng(27).standard_normal((1000, 2))
    with pytest.warns(BiasWarning, match="equal-frequency.*method='kl'"):
        value = Binning(rule="equal_frequency").entropy(x).value
    assert value - 2 * NORMAL_1D > 0.05


def test_default_bins_still_warn_when_an_outlier_stretches_the_range() -> None:
    x = np.append(np.random.default_rng(28).standard_normal(1000), 1e12)
    with pytest.warns(BiasWarning, match="default bins.*rule='equal_frequency'"):
        value = Binning().entropy(x).value
    assert value - NORMAL_1D > 5  # 10**7 bins of width 1e5: one holds the bulk


# --- binned MI: silent count bias of several columns, crowded bins -------------


def test_mi_of_several_columns_warns_on_count_bias() -> None:
    # Independent 2-D x and 1-D y on Sturges' bins read +0.12 nats at n = 5000
    # with over 5 rows per occupied cell, so no sparse-table warning: silent.
    g = np.random.default_rng(0)
    x, y = g.standard_normal((5000, 2)), g.standard_normal(5000)
    with pytest.warns(BiasWarning, match="occupied joint cells"):
        assert Binning().mi(x, y).value > 0.1
    with pytest.warns(BiasWarning, match="'miller_madow' estimate reads"):
        Binning(estimator="miller_madow").mi(x, y)
    with pytest.warns(BiasWarning, match="occupied joint cells"):
        Binning().cmi(x[:, 0], y, x[:, 1])


def test_mi_of_two_columns_does_not_warn_on_count_bias() -> None:
    # One column each: the count bias stays near 1 / sqrt(n), under the limit.
    g = np.random.default_rng(1)
    for n in (1000, 5000):
        x = g.standard_normal(n)
        y = 0.5 * x + g.standard_normal(n)
        Binning().mi(x, y)  # pytest turns a MutinfoWarning into an error
        Binning().mi(x, g.integers(0, 10, n))


@pytest.mark.parametrize("outlier", [1e6, 1e12, 1e308, -1e308])
def test_mi_warns_when_an_outlier_crowds_one_bin(outlier: float) -> None:
    # rho^2 = 0.5, MI 0.347: one far value put 1999 of 2000 rows in one bin
    # and the MI read 0.0008, silently.
    g = np.random.default_rng(0)
    x = g.standard_normal(2000)
    y = math.sqrt(0.5) * (x + g.standard_normal(2000))
    x[0] = outlier
    with pytest.warns(BiasWarning, match="1999 of its 2000 rows in one of"):
        assert Binning().mi(x, y).value < 0.01
    with pytest.warns(BiasWarning, match="in one of"):
        mt.mi_matrix(np.column_stack([x, y]), method="binning")
    with pytest.warns(BiasWarning, match="in one of"):
        Binning().estimate("total_correlation", np.column_stack([x, y]))
    ranked = Binning(rule="equal_frequency").mi(x, y).value  # no warning
    assert ranked == pytest.approx(0.347, abs=0.03)


def test_crowded_bin_of_an_atom_does_not_warn() -> None:
    # 80% zeros: finer or rank bins would keep the atom together as well.
    g = np.random.default_rng(2)
    x = np.where(g.random(2000) < 0.8, 0.0, g.standard_normal(2000))
    Binning().mi(x, x + g.standard_normal(2000))


def test_default_bins_too_coarse_for_strong_dependence_warn() -> None:
    # Sturges' bins lose 0.15-0.20 nats of rho = 0.95 (MI 1.164) at every n;
    # the binned MI is 0.47-0.51 of the smaller binned entropy (warns > 0.31).
    g = np.random.default_rng(0)
    x = g.standard_normal(2000)
    noise = g.standard_normal(2000)
    strong = 0.95 * x + math.sqrt(1 - 0.95**2) * noise
    with pytest.warns(BiasWarning, match="too coarse"):
        value = mt.mi(x, strong, method="binning")
    assert value < 1.164 - 0.1  # the loss the warning is about
    # rho = 0.5 (ratio 0.07-0.10) and rho = 0.7 (0.15-0.19) are quiet, as are
    # explicit bins and labels passed through.
    for rho in (0.5, 0.7):
        y = rho * x + math.sqrt(1 - rho**2) * noise
        mt.mi(x, y, method="binning")
    mt.mi(x, strong, method="binning", bins=40, estimator="miller_madow")
    labels = np.digitize(x, [-1.0, 0.0, 1.0])
    mt.mi(labels, np.digitize(strong, [-1.0, 0.0, 1.0]), method="binning")
