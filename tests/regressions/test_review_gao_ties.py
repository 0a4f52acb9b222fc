"""mixed_ksg (Gao et al.) on two continuous variables: outliers, ties, large k.

A fuzzing review found silent wrong numbers on a Gaussian pair (truth
-0.5 log(1 - 0.5) = 0.347 nats): one far outlier shrank the column to a
sliver (0.0003 nats), and rounding or duplicated rows, which Gao's estimator
reads as point masses by design, gave 0.80 and 1.11 with no warning.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt

TRUTH = -0.5 * np.log(0.5)


def _pair(n: int, seed: int = 2) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.normal(size=n)
    return x, np.sqrt(0.5) * x + np.sqrt(0.5) * g.normal(size=n)


@pytest.mark.parametrize("big", [1e6, 1e12])
def test_one_far_outlier_does_not_shrink_the_column(big: float) -> None:
    # Was 0.0003 nats (the std, inflated by the outlier, scaled the column to
    # a sliver); 0.385 without the outlier.
    x, y = _pair(500)
    clean = mt.mi(x, y, method="mixed_ksg", variant="gao")
    x[0] = big
    value = mt.mi(x, y, method="mixed_ksg", variant="gao")
    assert value == pytest.approx(clean, abs=0.03)
    assert value == pytest.approx(TRUTH, abs=0.08)


def test_outlier_magnitude_does_not_blur_other_rows() -> None:
    # The resolution of equal distances was taken from the column's largest
    # value: 16 rounding steps of 1e12 blurred every row's radius, 0.43 for
    # 0.35 at n = 5000 (0.344 with the outlier at 1e6). Now per row.
    x, y = _pair(2000, seed=0)
    x[0] = 1e6
    a = mt.mi(x, y, method="mixed_ksg", variant="gao")
    x[0] = 1e12
    b = mt.mi(x, y, method="mixed_ksg", variant="gao")
    assert a == pytest.approx(b, abs=1e-12)


def test_outlier_in_cmi_does_not_shrink_the_column() -> None:
    x, y = _pair(500)
    z = np.random.default_rng(5).normal(size=500)
    clean = mt.cmi(x, y, z, method="mixed_ksg")
    x[0] = 1e9
    assert mt.cmi(x, y, z, method="mixed_ksg") == pytest.approx(clean, abs=0.03)


def test_rounded_pair_warns() -> None:
    # Read to 0.1 of its spread: 0.81 for 0.347, silently ('ksg' 0.36).
    x, y = _pair(500)
    with pytest.warns(mt.BiasWarning, match="point masses.*use 'ksg'"):
        mt.mi(np.round(x, 1), np.round(y, 1), method="mixed_ksg")


def test_coarsely_rounded_pair_warns_and_names_mixed_atoms() -> None:
    # np.round(3 x): 0.43, silently ('mixed_atoms' 0.32, truth about 0.34).
    x, y = _pair(500)
    with pytest.warns(mt.BiasWarning, match="point masses.*'mixed_atoms'"):
        mt.mi(np.round(3 * x), np.round(3 * y), method="mixed_ksg")


def test_duplicated_rows_warn() -> None:
    # Every row twice: 1.09 for 0.347, silently ('ksg' warns).
    x, y = _pair(500)
    with pytest.warns(mt.BiasWarning, match="duplicated records"):
        mt.mi(np.r_[x, x], np.r_[y, y], method="mixed_ksg")


def test_duplicated_rows_warn_for_cmi() -> None:
    x, y = _pair(300)
    z = np.random.default_rng(5).normal(size=300)
    with pytest.warns(mt.BiasWarning, match="duplicated records"):
        mt.cmi(np.r_[x, x], np.r_[y, y], np.r_[z, z], method="mixed_ksg")


@pytest.mark.parametrize("case", ["continuous", "atoms", "zero_inflated"])
def test_no_tie_warning_without_quantisation_ties(case: str) -> None:
    g = np.random.default_rng(0)
    x, y = _pair(1000)
    if case == "atoms":  # Gao et al.'s mixture: joint atoms at +-1
        on = g.random(1000) < 0.5
        d = g.choice([-1.0, 1.0], size=1000)
        x, y = np.where(on, d, x), np.where(on, d, y)
    elif case == "zero_inflated":
        x = np.where(g.random(1000) < 0.3, 0.0, x)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        mt.mi(x, y, method="mixed_ksg", variant="gao")
    assert not [w for w in seen if "no atom" in str(w.message)]


def test_large_k_warning_says_which_way() -> None:
    # k = 99 for labels of about 100 rows: 0.12 for 0.347, but the warning
    # said "biased upwards".
    g = np.random.default_rng(1)
    labels = g.integers(0, 2, 200)
    y = g.uniform(labels - 1, labels + 1)
    with pytest.warns(mt.BiasWarning, match="towards 0 or upwards") as seen:
        value = mt.mi(
            labels,
            y,
            method="mixed_ksg",
            variant="gao",
            n_neighbors=99,
            discrete=(True, False),
        )
    assert value < 0.25
    assert not [w for w in seen if "biased upwards" in str(w.message)]


def test_rounded_cmi_given_labels_warns_and_names_mixed_atoms() -> None:
    # auto picked mixed_ksg for CMI given labels; X read to 0.1 (n = 2000):
    # 0.286 for about 0.07 ('mixed_atoms' 0.076), silently. auto now picks
    # mixed_atoms there (tests/regressions/test_auto_routing.py); mixed_ksg
    # itself still warns.
    g = np.random.default_rng(0)
    u = g.normal(size=2000)
    x = np.round(u + g.normal(size=2000), 1)
    y = u + g.normal(size=2000)
    labels = np.digitize(u + g.normal(size=2000), [-1.0, 0.0, 1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)
        with pytest.warns(mt.BiasWarning, match="no atom.*'mixed_atoms'"):
            res = mt.estimate("cmi", x, y, labels, method="mixed_ksg", rng=1)
    assert res.method == "mixed_ksg"
