"""Small coverage experiments, one per family, and what each interval covers.

Each experiment draws ``reps`` data sets from a task with a known measure and
counts the 95% intervals (the family's ``auto`` scheme) that contain it. It
fails when the count falls below the 0.1% quantile of Binomial(reps, 0.90):
a family whose intervals cover at the low end of the target (0.90) fails one
run in a thousand, and the regressions of issue 25 (binning at 0.74, kernel at
0.83) fail most seeds. The full tables, at n = 500 and 100 replicates, are in
benchmarks/calibration.py ``--part families`` and docs/uncertainty.md.
"""

from __future__ import annotations

import contextlib
import functools
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from scipy.stats import binom

import mutinfo as mt
from mutinfo import datasets
from mutinfo._result import ConfidenceInterval
from mutinfo.estimators import KDE, Binning, Ebrahimi, MixedKSG, Vasicek
from mutinfo.exceptions import BiasWarning, ResamplingWarning
from mutinfo.stats import auto_scheme
from mutinfo.stats._intervals import extrapolated_bias

#: Coverage at the low end of the target, and the chance of a false alarm there.
FLOOR, FALSE_ALARM = 0.90, 0.001
#: A 95% interval of fewer than 40 resamples warns that it is too narrow.
FEW = r"needs n_resamples >= 40"


def min_hits(reps: int) -> int:
    """Fewest hits out of ``reps`` not flagged: the 0.1% quantile of Bin(reps, 0.9)."""
    return int(binom.ppf(FALSE_ALARM, reps, FLOOR))


def _coverage(
    sample: Callable[[int, np.random.Generator], tuple[Any, Any]],
    truth: float,
    *,
    method: str,
    n: int,
    reps: int,
    n_resamples: int,
    scheme: str = "auto",
    seed: int = 0,
) -> tuple[int, list[ConfidenceInterval]]:
    hits, intervals = 0, []
    for i in range(reps):
        x, y = sample(n, np.random.default_rng([seed, i]))
        few = (
            pytest.warns(ResamplingWarning, match=FEW)
            if n_resamples < 40
            else contextlib.nullcontext()
        )
        with few, warnings.catch_warnings():
            warnings.simplefilter("ignore", BiasWarning)
            ci = mt.confidence_interval(
                x, y, method=method, scheme=scheme, n_resamples=n_resamples, rng=i
            )
        hits += ci.low <= truth <= ci.high
        intervals.append(ci)
    return hits, intervals


def _task(task: datasets.Task) -> Callable[[int, np.random.Generator], Any]:
    return lambda n, rng: task.sample(n, rng)


def _normal(n: int, rng: np.random.Generator) -> tuple[Any, None]:
    return rng.normal(size=n), None


NORMAL_H = 0.5 * math.log(2 * math.pi * math.e)


def test_min_hits_is_the_binomial_lower_bound() -> None:
    assert min_hits(40) == 29
    assert binom.cdf(min_hits(40) - 1, 40, 0.9) <= FALSE_ALARM
    assert binom.cdf(min_hits(40), 40, 0.9) > FALSE_ALARM


# (method, sample, truth, n, reps, n_resamples, auto scheme); mixed_atoms keeps
# 15 resamples (40 would add 2 s): its intervals warn that they are too narrow,
# and cover all the same.
EXPERIMENTS = {
    "mixed_ksg": ("mixed_ksg", datasets.ross(p=0.5), 200, 30, 40, "subsample"),
    "mixed_atoms": ("mixed_atoms", datasets.gao_mixture(), 150, 30, 15, "subsample"),
}


@pytest.mark.parametrize("name", sorted(EXPERIMENTS))
def test_coverage_mi_families(name: str) -> None:
    method, task, n, reps, n_res, scheme = EXPERIMENTS[name]
    hits, cis = _coverage(
        _task(task),
        task.mutual_information,
        method=method,
        n=n,
        reps=reps,
        n_resamples=n_res,
    )
    assert {ci.scheme for ci in cis} == {scheme}
    assert hits >= min_hits(reps), f"{method}: {hits}/{reps} intervals cover"


@pytest.mark.parametrize(
    ("method", "scheme"), [("vasicek", "extrapolate"), ("ebrahimi", "subsample")]
)
def test_coverage_spacing_entropies(method: str, scheme: str) -> None:
    hits, cis = _coverage(
        _normal, NORMAL_H, method=method, n=300, reps=40, n_resamples=40
    )
    assert {ci.scheme for ci in cis} == {scheme}
    assert {ci.target for ci in cis} == {"entropy"}
    assert hits >= min_hits(40), f"{method}: {hits}/40 intervals cover"


@functools.cache
def _binned_draw(i: int) -> tuple[Any, Any, float]:
    """Draw ``i`` of the binning experiment and its binned truth (cached)."""
    x, y = datasets.gaussian(rho=0.6).sample(300, np.random.default_rng([1, i]))
    return x, y, _binned_gaussian_mi(x, y, 0.6)


def _binned_gaussian_mi(x: Any, y: Any, rho: float) -> float:
    """MI of a standard bivariate normal binned on this sample's Sturges edges."""
    from scipy.stats import multivariate_normal

    count = math.ceil(math.log2(len(x))) + 1
    ex, ey = (np.histogram_bin_edges(np.ravel(v), count) for v in (x, y))
    ex[[0, -1]], ey[[0, -1]] = (-12.0, 12.0), (-12.0, 12.0)
    gx, gy = np.meshgrid(ex, ey, indexing="ij")
    law = multivariate_normal(mean=[0.0, 0.0], cov=[[1.0, rho], [rho, 1.0]])
    cdf = law.cdf(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    p = np.diff(np.diff(cdf, axis=0), axis=1).clip(min=0.0)
    p /= p.sum()
    q = p.sum(axis=1, keepdims=True) @ p.sum(axis=0, keepdims=True)
    ok = p > 0
    return float(np.sum(p[ok] * np.log(p[ok] / q[ok])))


def test_binned_truth_matches_a_large_sample() -> None:
    x, y = datasets.gaussian(rho=0.6).sample(50_000, 0)
    truth = _binned_gaussian_mi(x, y, 0.6)
    assert truth < datasets.gaussian(rho=0.6).mutual_information
    assert float(mt.mi(x, y, method="binning")) == pytest.approx(truth, abs=0.005)


@pytest.mark.parametrize(("scheme", "covers"), [("auto", True), ("subsample", False)])
def test_coverage_binning_of_its_target(scheme: str, covers: bool) -> None:
    # The target binning declares: the MI of the variables binned on the
    # sample's own edges. The analytic rule (auto) covers it; plain
    # subsampling around the upward-biased estimate (binning's scheme before
    # issue 25) fails the same check on the same draws: the check has teeth.
    reps, hits = 40, 0
    for i in range(reps):
        x, y, truth = _binned_draw(i)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BiasWarning)
            ci = mt.confidence_interval(
                x, y, method="binning", scheme=scheme, n_resamples=40, rng=i
            )
        assert ci.scheme == ("analytic" if scheme == "auto" else scheme)
        hits += ci.low <= truth <= ci.high
    assert (hits >= min_hits(reps)) is covers, f"{hits}/{reps} intervals cover"


def test_auto_schemes_are_declared_by_the_families() -> None:
    assert auto_scheme(Binning()) == "analytic"
    assert auto_scheme(KDE()) == "subsample"
    assert auto_scheme(Vasicek()) == "extrapolate"
    assert auto_scheme(Ebrahimi()) == "subsample"
    assert auto_scheme(MixedKSG()) == "subsample"


def test_extrapolation_removes_a_one_over_n_bias_exactly() -> None:
    # A statistic c + 1/n: every half-sample gives c + 2/n, so the bias at n
    # extrapolates to exactly 1/n and the interval collapses onto c.
    def stat(x: Any, y: Any) -> float:
        return 0.25 + 1.0 / len(x)

    x = np.arange(200.0)
    ci = mt.confidence_interval(
        x, x, statistic=stat, scheme="extrapolate", n_resamples=40, rng=0
    )
    assert ci.scheme == "extrapolate"
    assert ci.estimate == pytest.approx(0.255)
    assert ci.low == pytest.approx(0.25, abs=1e-12)
    assert ci.high == pytest.approx(0.25, abs=1e-12)
    assert ci.target == "stat"
    sub = mt.confidence_interval(
        x, x, statistic=stat, scheme="subsample", n_resamples=40, rng=0
    )
    assert sub.low == pytest.approx(0.255)


def test_extrapolate_is_subsample_shifted_by_the_bias() -> None:
    x, y = datasets.gaussian(rho=0.6).sample(200, 3)
    kw = {"method": "binning", "n_resamples": 40, "rng": 1}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        ext = mt.confidence_interval(x, y, scheme="extrapolate", **kw)
        sub = mt.confidence_interval(x, y, scheme="subsample", **kw)
    shift = sub.low - ext.low
    assert sub.high - ext.high == pytest.approx(shift, rel=1e-9)
    assert shift > 0  # the binned plug-in is biased upwards at n = 200
    assert ext.estimate == sub.estimate


def test_binning_jackknife_bias_is_the_brute_force_one() -> None:
    from mutinfo._api import gather
    from mutinfo.stats._analytic import _plugin_terms

    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 60)
    y = (x + rng.integers(0, 2, 60)) % 5
    _, se, jack = _plugin_terms("mi", gather("mi", x, y))
    full = mt.mi(x, y, method="plugin")
    loo = np.array(
        [mt.mi(np.delete(x, i), np.delete(y, i), method="plugin") for i in range(60)]
    )
    assert jack == pytest.approx(59 * (loo.mean() - full), rel=1e-9)
    assert se == pytest.approx(math.sqrt(59 / 60 * np.sum((loo - loo.mean()) ** 2)))
    # binning on integer columns: the interval is the jackknife-centred one
    ci = mt.confidence_interval(x, y, method="binning")
    assert (ci.low + ci.high) / 2 == pytest.approx(full - jack, rel=1e-9)
    assert ci.target == "mi"


def test_extrapolated_bias_formula() -> None:
    assert extrapolated_bias(1.0, 1.2, 1000, 500) == pytest.approx(0.2)
    assert extrapolated_bias(1.0, 1.2, 1000, 250) == pytest.approx(0.2 / 3)
    # rate 1/3 (a kernel bias ~ h^2 with h ~ n^(-1/6)): 0.2 / (2^(1/3) - 1)
    assert extrapolated_bias(1.0, 1.2, 1000, 500, rate=1 / 3) == pytest.approx(
        0.2 / (2 ** (1 / 3) - 1)
    )


def _smoothed_gaussian_mi(n: int, rho: float) -> float:
    """Limit of ``kernel`` MI at Scott's width ``h = n**(-1/6)`` (see KDE Notes).

    The Gaussian cross-entropies of the data against ``R + h^2 I``.
    """
    r = np.array([[1.0, rho], [rho, 1.0]])
    s = r + n ** (-1.0 / 3.0) * np.eye(2)

    def cross(a: Any, b: Any) -> float:
        det = np.linalg.det(2 * math.pi * b)
        return float(0.5 * math.log(det) + 0.5 * np.trace(np.linalg.solve(b, a)))

    return 2 * cross(r[:1, :1], s[:1, :1]) - cross(r, s)


def test_smoothed_truth_matches_a_large_sample() -> None:
    x, y = datasets.gaussian(rho=0.6).sample(2000, 0)
    truth = _smoothed_gaussian_mi(2000, 0.6)
    assert truth < datasets.gaussian(rho=0.6).mutual_information - 0.003
    assert float(mt.mi(x, y, method="kernel")) == pytest.approx(truth, abs=0.02)


def test_coverage_kernel_of_its_target() -> None:
    # kernel declares the MI of the kernel-smoothed densities (at the rule's
    # width for this n) and warns; its auto interval covers that.
    task = datasets.gaussian(rho=0.6)
    hits, cis = _coverage(
        _task(task),
        _smoothed_gaussian_mi(200, 0.6),
        method="kernel",
        n=200,
        reps=30,
        n_resamples=40,
    )
    assert {ci.scheme for ci in cis} == {"subsample"}
    assert {ci.target for ci in cis} == {"mi of the kernel-smoothed densities"}
    assert hits >= min_hits(30), f"kernel: {hits}/30 intervals cover"


def test_binning_interval_says_it_covers_the_binned_mi() -> None:
    x, y = datasets.gaussian(rho=0.9).sample(300, 0)
    with pytest.warns(BiasWarning, match="covers mi of the binned variables, not mi"):
        ci = mt.confidence_interval(x, y, method="binning", n_resamples=10, rng=0)
    assert ci.target == "mi of the binned variables"
    assert ci.to_dict()["target"] == "mi of the binned variables"
    # Discrete columns are not binned: the interval is for the MI itself.
    a = np.random.default_rng(0).integers(0, 3, 300)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        ci = mt.confidence_interval(a, a, method="binning", n_resamples=10, rng=0)
    assert ci.target == "mi"


def test_kernel_interval_is_labelled() -> None:
    x, y = datasets.gaussian(rho=0.6).sample(100, 0)
    with pytest.warns(BiasWarning, match="fixed bandwidth=0.5"):
        ci = mt.confidence_interval(
            x, y, method="kernel", bandwidth=0.5, n_resamples=40, rng=0
        )
    assert ci.target == "mi of the kernel-smoothed densities"
    with pytest.warns(BiasWarning, match="covered the MI itself 0.83-0.86"):
        ci = mt.confidence_interval(x, y, method="kernel", n_resamples=40, rng=0)
    assert ci.target == "mi of the kernel-smoothed densities"


def test_neural_bounds_declare_a_lower_bound() -> None:
    from mutinfo.estimators import SMILE, InfoNCE

    target, caveat = InfoNCE().interval_cover("mi", [])
    assert target == "a lower bound on mi"
    assert "critic" in caveat
    assert SMILE().interval_cover("mi", [])[0].startswith("the clipped")


def test_mixed_ksg_on_atoms_is_labelled() -> None:
    x, y = datasets.gao_mixture().sample(200, 0)
    with pytest.warns(BiasWarning, match="Use 'mixed_atoms'"):
        ci = mt.confidence_interval(x, y, method="mixed_ksg", n_resamples=40, rng=0)
    assert ci.target == "mi with atoms read as neighbours (biased)"
    x, y = datasets.ross(p=0.5).sample(200, 0)  # discrete x, atom-free y
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        ci = mt.confidence_interval(x, y, method="mixed_ksg", n_resamples=40, rng=0)
    assert ci.target == "mi"


def test_confidence_interval_target_defaults_for_old_records() -> None:
    ci = ConfidenceInterval(0.1, 0.2, 0.95, 0.15, "plugin", "analytic", 0)
    assert ci.target == ""
    assert ci.to_dict()["target"] == ""


def test_mixed_ksg_ross_on_rounded_values_is_not_labelled_biased() -> None:
    # Iris sepal length (rounded to 0.1 cm, one value on 7 % of the rows)
    # against the species: the interval's target read "mi with atoms read as
    # neighbours (biased)" with a BiasWarning, for an estimate of 0.492 that
    # read 0.493 with the rounding jittered away. Ross's variant (labels
    # against one continuous column) is not biased by repeated values.
    g = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 50)
    x = np.round(5.0 + 0.6 * y + 0.5 * g.standard_normal(150), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        ci = mt.confidence_interval(x, y, method="mixed_ksg", n_resamples=40, rng=0)
    assert ci.target == "mi"
