"""Calibration of mutinfo's significance tests and confidence intervals (issue 7).

Run (full, the numbers in docs/uncertainty.md):

    PYTHONPATH=src python benchmarks/calibration.py --n-jobs 2

Parts (``--part fpr|power|coverage|families|measures|issue|all``):

(a) false-positive rate of ``mt.independence_test`` at alpha = 0.05 under
    independence (plugin, ksg, gaussian_copula) and under a true conditional
    independence (stratified and local permutations), 2,000 replicates each:
    two standard errors of a rate of 0.05 are +/- 0.0097. With
    ``n_permutations=19`` the test rejects when the observed value beats all 19
    surrogates, an event of probability exactly 1/20 under exchangeability.
(b) power on weak dependence beside Pearson's and Spearman's tests (scipy).
(c) coverage of 95% intervals on a Gaussian with rho = 0.5 and an 8-symbol
    noisy channel (exact MI from ``mutinfo.datasets``), n in {300, 1000, 3000},
    per method and scheme, and at MI = 0: 500 replicates per row (2 SE about
    +/- 0.02 at 0.95), each resampling interval with 100 resamples
    (``--reps``, ``--res-reps``, ``--knn-reps``, ``--n-resamples`` change it).
    On 2 cores the resampling rows take about 10 minutes with ``--n-jobs 2``;
    ``--schemes analytic`` runs the analytic rows alone in under a minute;
    ``--methods grassberger,nsb`` picks rows by method. The bias-corrected
    discrete families (grassberger, james_stein, chao_shen) are measured with
    their analytic rule (auto) and with subsampling; NSB MI (no posterior sd
    for MI) with subsampling, its auto scheme.

(d) ``--part families``: the families of issue 25 at n = 500 (100 replicates,
    95% intervals, ``--family-reps``, ``--n-resamples``): coverage of the true
    measure and the target each interval declares, with the ``auto`` scheme
    and the alternative; permutation false-positive rates (n = 200, 400
    replicates, ``n_permutations=19``). The neural rows run 20 replicates with
    20 resamples (``--neural-reps``), each resample a fresh training: pass
    ``--methods infonce`` to run them (they are left out otherwise).

(e) ``--part measures``: the new measures against closed forms at n = 500
    (100 replicates, ``--family-reps``): transfer entropy and AIS of Gaussian
    autoregressions (intervals on the embedded histories), PID atoms (Gaussian
    MMI and a noisy AND gate), O-information, the classifier; permutation
    false-positive rates (n = 200, 400 replicates, ``--fpr-reps``; the TE
    rates in docs/uncertainty.md from ``--tasks te --fpr-reps 2000``).
    ``--methods infonce,nwj``
    runs the neural rows (``--neural-reps`` replicates, 10 resamples);
    ``--tasks ais9`` picks rows by task.
(f) ``--part series``: intervals of series measures
    (``ts.confidence_interval``) at n = 500 steps against closed forms: AIS of
    Gaussian AR(1) with a = 0.5 and 0.9, the lag-2 MI at a = 0.9, TE of two
    ``datasets.coupled_ar`` processes; the ``block`` scheme (auto) beside the
    independent-row schemes. 200 replicates for ``gaussian``, 100 for ``ksg``
    (twice and once ``--family-reps``), ``--tasks ais9,te9`` picks rows.
``--part issue``: the table of issue 25 (binning, kernel, mixed_ksg, ksg at
    n = 500, 100 replicates, default scheme) re-measured.

``--quick`` runs small versions (a few hundred replicates) for a smoke test.
Replicates run on the shared executor (processes); replicate ``i`` draws from
``SeedSequence(2026, spawn_key=(i,))``, so the figures are reproducible.
"""

from __future__ import annotations

import os

# One BLAS thread per process: replicates run in parallel processes, and
# multithreaded BLAS on small matrices is many times slower on a loaded machine.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import functools  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
from scipy import stats as sps  # noqa: E402

import mutinfo as mt  # noqa: E402
from mutinfo import datasets  # noqa: E402
from mutinfo._parallel import execute  # noqa: E402
from mutinfo.exceptions import MutinfoWarning  # noqa: E402

ALPHA = 0.05
ENTROPY = 2026


def _replicates(func: Any, count: int, entropy: int, n_jobs: int) -> np.ndarray:
    """Run ``func`` on replicates ``0..count-1`` in processes; one row each."""
    return np.array(
        execute(func, range(count), entropy=entropy, n_jobs=n_jobs, backend="processes")
    )


def _coverage(bounds: np.ndarray, truth: float) -> tuple[float, float]:
    """Share of ``[low, high]`` rows (first two columns) covering ``truth``, its SE."""
    cov = float(np.mean((bounds[:, 0] <= truth) & (truth <= bounds[:, 1])))
    return cov, math.sqrt(max(cov * (1 - cov), 1e-12) / len(bounds))


def _quiet() -> None:
    warnings.simplefilter("ignore", MutinfoWarning)


def _seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31))


# --------------------------------------------------------------------------- #
# (a) false-positive rates
# --------------------------------------------------------------------------- #
def _null_data(kind: str, n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    if kind == "discrete":
        return rng.integers(0, 4, n), rng.integers(0, 4, n)
    if kind == "continuous":
        return rng.normal(size=n), rng.normal(size=n)
    if kind == "cond-discrete":  # x - z - y with a 3-level z
        z = rng.integers(0, 3, n)
        x = (z + (rng.random(n) < 0.3)) % 3
        y = (z + (rng.random(n) < 0.3)) % 3
        return x, y, z
    # cond-continuous: x and y both driven by z
    z = rng.normal(size=n)
    return z + 0.7 * rng.normal(size=n), z + 0.7 * rng.normal(size=n), z


def _fpr_item(
    _i: int, rng: np.random.Generator, *, kind: str, n: int, method: str, n_perm: int
) -> float:
    _quiet()
    data = _null_data(kind, n, rng)
    return mt.independence_test(
        *data, method=method, n_permutations=n_perm, rng=_seed(rng)
    ).p_value


def part_fpr(reps: int, n_jobs: int) -> None:
    print(
        f"\n(a) False-positive rate at alpha={ALPHA}, {reps} replicates "
        f"(2 SE = {2 * math.sqrt(ALPHA * (1 - ALPHA) / reps):.4f}); "
        "n_permutations=19"
    )
    print(f"{'setting':<42}{'n':>6}{'FPR':>8}{'2 SE':>8}{'KS p':>9}{'sec':>7}")
    rows = [
        ("mi plugin, permute", "discrete", 100, "plugin"),
        ("mi ksg, permute", "continuous", 100, "ksg"),
        ("mi gaussian_copula, permute", "continuous", 100, "gaussian_copula"),
        ("cmi plugin, stratified (discrete z)", "cond-discrete", 150, "plugin"),
        ("cmi ksg, local (continuous z)", "cond-continuous", 100, "ksg"),
    ]
    for label, kind, n, method in rows:
        start = time.perf_counter()
        func = functools.partial(_fpr_item, kind=kind, n=n, method=method, n_perm=19)
        p = _replicates(func, reps, ENTROPY, n_jobs)
        rate = float(np.mean(p <= ALPHA))
        se = math.sqrt(rate * (1 - rate) / reps)
        jitter = np.random.default_rng(0).random(reps) / 20
        ks = sps.kstest(p - jitter, "uniform").pvalue
        print(
            f"{label:<42}{n:>6}{rate:>8.4f}{2 * se:>8.4f}{ks:>9.3f}"
            f"{time.perf_counter() - start:>7.0f}"
        )


# --------------------------------------------------------------------------- #
# (b) power
# --------------------------------------------------------------------------- #
def _power_data(kind: str, n: int, rng: np.random.Generator) -> tuple[Any, Any]:
    x = rng.normal(size=n)
    if kind == "linear":  # rho = 0.2: I = 0.0204 nats
        return x, 0.2 * x + math.sqrt(1 - 0.04) * rng.normal(size=n)
    # a weak, non-monotone dependence: Pearson and Spearman see nothing
    return x, 0.5 * x**2 + rng.normal(size=n)


def _power_item(
    _i: int, rng: np.random.Generator, *, kind: str, n: int, n_perm: int
) -> tuple[float, ...]:
    _quiet()
    x, y = _power_data(kind, n, rng)
    seed = _seed(rng)
    return (
        mt.independence_test(
            x, y, method="ksg", n_permutations=n_perm, rng=seed
        ).p_value,
        mt.independence_test(
            x, y, method="gaussian_copula", n_permutations=n_perm, rng=seed
        ).p_value,
        float(sps.pearsonr(x, y).pvalue),
        float(sps.spearmanr(x, y).pvalue),
    )


def part_power(reps: int, n_jobs: int) -> None:
    print(f"\n(b) Power at alpha={ALPHA}, {reps} replicates, n_permutations=99")
    names = ("ksg perm", "copula perm", "pearson", "spearman")
    print(f"{'dependence':<34}{'n':>6}" + "".join(f"{s:>13}" for s in names))
    for label, kind, n in (
        ("linear, rho=0.2 (I=0.020 nats)", "linear", 200),
        ("y = 0.5 x^2 + noise", "quadratic", 200),
    ):
        func = functools.partial(_power_item, kind=kind, n=n, n_perm=99)
        p = _replicates(func, reps, ENTROPY + 1, n_jobs)
        power = (p <= ALPHA).mean(axis=0)
        print(f"{label:<34}{n:>6}" + "".join(f"{v:>13.3f}" for v in power))


# --------------------------------------------------------------------------- #
# (c) coverage
# --------------------------------------------------------------------------- #
def _channel_task(eps: float) -> datasets.Task:
    k = 8
    w = (1 - eps) * np.eye(k) + eps / k
    return datasets.discrete_channel(w, name=f"channel-8-eps{eps:g}")


def _cover_item(
    _i: int,
    rng: np.random.Generator,
    *,
    task: Any,
    n: int,
    method: str,
    scheme: str,
    n_resamples: int,
) -> tuple[float, float]:
    _quiet()
    x, y = task.sample(n, rng)
    ci = mt.confidence_interval(
        x,
        y,
        method=method,
        scheme=scheme,
        n_resamples=n_resamples,
        rng=_seed(rng),
    )
    return ci.low, ci.high


# (label, task, method, scheme, replicates, sizes)
Row = tuple[str, Any, str, str, int, tuple[int, ...]]


def part_coverage(
    reps: int,
    res_reps: int,
    knn_reps: int,
    n_jobs: int,
    sizes: tuple[int, ...],
    n_resamples: int,
    schemes: tuple[str, ...] = (),
    methods: tuple[str, ...] = (),
) -> None:
    gauss = datasets.gaussian(rho=0.5)
    chan = _channel_task(0.5)
    zero_d = _channel_task(1.0)  # independent 8-symbol x, y: MI = 0
    zero_g = datasets.gaussian(rho=0.0)
    big = max(sizes)
    small = tuple(n for n in sizes if n < big) or sizes
    rows: list[Row] = [
        ("gaussian rho=0.5", gauss, "gaussian", "analytic", reps, sizes),
        ("gaussian rho=0.5", gauss, "gaussian_copula", "analytic", reps, sizes),
        ("gaussian rho=0.5", gauss, "ksg", "subsample", knn_reps, sizes),
        ("channel 8 eps=0.5", chan, "plugin", "analytic", reps, sizes),
        ("channel 8 eps=0.5", chan, "miller_madow", "analytic", reps, sizes),
        ("MI = 0 (channel)", zero_d, "plugin", "analytic", reps, sizes),
        ("MI = 0 (gaussian)", zero_g, "gaussian", "analytic", reps, sizes),
        ("channel 8 eps=0.5", chan, "plugin", "bootstrap", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "plugin", "bca", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "plugin", "subsample", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "miller_madow", "bca", res_reps, sizes),
        ("gaussian rho=0.5", gauss, "gaussian", "bca", res_reps, sizes),
        ("gaussian rho=0.5", gauss, "ksg", "bootstrap", knn_reps, small),
        ("gaussian rho=0.5", gauss, "ksg", "bca", knn_reps, small),
        # Bias-corrected discrete families: analytic (auto) against subsampling.
        ("channel 8 eps=0.5", chan, "grassberger", "analytic", reps, sizes),
        ("channel 8 eps=0.5", chan, "james_stein", "analytic", reps, sizes),
        ("channel 8 eps=0.5", chan, "chao_shen", "analytic", reps, sizes),
        ("channel 8 eps=0.5", chan, "grassberger", "subsample", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "james_stein", "subsample", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "chao_shen", "subsample", res_reps, sizes),
        ("channel 8 eps=0.5", chan, "nsb", "subsample", knn_reps, small),
    ]
    print(
        f"\n(c) Coverage of 95% intervals (target 0.93-0.97); n_resamples={n_resamples}"
    )
    print(
        f"{'task':<20}{'method':<17}{'scheme':<11}{'n':>6}{'reps':>6}"
        f"{'coverage':>10}{'2 SE':>7}{'width':>8}{'sec':>7}"
    )
    registered = {m.name for m in mt.methods()}
    for label, task, method, scheme, count, row_sizes in rows:
        if method not in registered or (schemes and scheme not in schemes):
            continue
        if methods and method not in methods:
            continue
        for size in row_sizes:
            start = time.perf_counter()
            func = functools.partial(
                _cover_item,
                task=task,
                n=size,
                method=method,
                scheme=scheme,
                n_resamples=n_resamples,
            )
            bounds = _replicates(func, count, ENTROPY + size, n_jobs)
            truth = task.mutual_information
            cov, se = _coverage(bounds, truth)
            width = float(np.mean(bounds[:, 1] - bounds[:, 0]))
            print(
                f"{label:<20}{method:<17}{scheme:<11}{size:>6}{count:>6}"
                f"{cov:>10.3f}{2 * se:>7.3f}{width:>8.3f}"
                f"{time.perf_counter() - start:>7.0f}",
                flush=True,
            )


# --------------------------------------------------------------------------- #
# (d) the families of issue 25: binning, kernel, mixed, spacing, neural
# --------------------------------------------------------------------------- #
class _NormalEntropy:
    """A standard normal column; ``mutual_information`` holds its entropy."""

    name = "normal entropy"
    mutual_information = 0.5 * math.log(2 * math.pi * math.e)

    def sample(self, n: int, rng: Any) -> tuple[Any, None]:
        return np.random.default_rng(rng).normal(size=n), None


def _binned_gaussian_mi(x: Any, y: Any, rho: float) -> float:
    """MI of a standard bivariate normal binned on the sample's Sturges edges.

    What ``binning``'s interval targets: the bins ``mutinfo`` chose for this
    sample (equal width over its range, ``ceil(log2 n) + 1`` per column),
    applied to the population (mass beyond the range falls in the end bins).
    """
    from scipy.stats import multivariate_normal

    n = len(x)
    count = math.ceil(math.log2(n)) + 1
    ex, ey = (np.histogram_bin_edges(np.ravel(v), count) for v in (x, y))
    ex[0], ex[-1], ey[0], ey[-1] = -12.0, 12.0, -12.0, 12.0
    gx, gy = np.meshgrid(ex, ey, indexing="ij")
    law = multivariate_normal(mean=[0.0, 0.0], cov=[[1.0, rho], [rho, 1.0]])
    cdf = law.cdf(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    p = np.diff(np.diff(cdf, axis=0), axis=1).clip(min=0.0)
    p /= p.sum()
    px, py = p.sum(axis=1, keepdims=True), p.sum(axis=0, keepdims=True)
    ok = p > 0
    return float(np.sum(p[ok] * np.log(p[ok] / (px @ py)[ok])))


def _smoothed_gaussian_mi(n: int, rho: float, width: float | None = None) -> float:
    """Limit of ``kernel`` MI at Scott's width for n rows (what its interval targets).

    The leave-one-out KDE entropy converges to the cross-entropy of the data
    against the smoothed density; for a standard bivariate normal with
    correlation matrix ``R`` that is the Gaussian cross-entropy against
    ``R + h^2 I``, with ``h = n**(-1/6)`` (the joint dimension is 2) or a
    fixed ``width``.
    """
    h2 = n ** (-1.0 / 3.0) if width is None else width**2
    r = np.array([[1.0, rho], [rho, 1.0]])
    s = r + h2 * np.eye(2)

    def cross(a: Any, b: Any) -> float:
        det = np.linalg.det(2 * math.pi * b)
        return float(0.5 * math.log(det) + 0.5 * np.trace(np.linalg.solve(b, a)))

    return 2 * cross(r[:1, :1], s[:1, :1]) - cross(r, s)


def _family_item(
    _i: int,
    rng: np.random.Generator,
    *,
    task: Any,
    n: int,
    method: str,
    scheme: str,
    n_resamples: int,
    params: dict[str, Any],
) -> tuple[float, float, float, float]:
    _quiet()
    x, y = task.sample(n, rng)
    binned = math.nan  # the target the family declares, where it differs
    rho = getattr(task, "params", {}).get("rho")
    if method == "binning" and rho is not None:
        binned = _binned_gaussian_mi(x, y, rho)
    if method == "kernel" and rho is not None:
        binned = _smoothed_gaussian_mi(n, rho, params.get("bandwidth"))
    ci = mt.confidence_interval(
        x,
        y,
        method=method,
        scheme=scheme,
        n_resamples=n_resamples,
        rng=_seed(rng),
        **params,
    )
    return ci.low, ci.high, ci.estimate, binned


def _family_fpr_item(
    _i: int, rng: np.random.Generator, *, kind: str, n: int, method: str
) -> float:
    _quiet()
    if kind == "mixed":  # a binary x and an independent uniform y
        x, y = rng.integers(0, 2, n), rng.uniform(-1, 1, n)
    else:
        x, y = rng.normal(size=n), rng.normal(size=n)
    return mt.independence_test(
        x, y, method=method, n_permutations=19, rng=_seed(rng)
    ).p_value


NEURAL = ("infonce", "nwj", "mine", "dv", "js", "smile")
NEURAL_FAST = {"max_steps": 300, "hidden": 32, "batch_size": 16}


def part_families(
    reps: int, neural_reps: int, n_jobs: int, n_resamples: int, methods: tuple[str, ...]
) -> None:
    n = 500
    gauss, strong = datasets.gaussian(rho=0.6), datasets.gaussian(rho=0.9)
    weak = datasets.gaussian(rho=0.3)
    ross, gao = datasets.ross(p=0.5), datasets.gao_mixture()
    normal = _NormalEntropy()
    rows: list[tuple[str, Any, str, str, dict[str, Any]]] = [
        ("gaussian rho=0.6", gauss, "binning", "analytic", {}),
        ("gaussian rho=0.6", gauss, "binning", "subsample", {}),
        ("gaussian rho=0.6", gauss, "binning", "extrapolate", {}),
        ("gaussian rho=0.9", strong, "binning", "analytic", {}),
        ("gaussian rho=0.3", weak, "binning", "analytic", {}),
        ("gaussian rho=0.6", gauss, "kernel", "extrapolate", {}),
        ("gaussian rho=0.6", gauss, "kernel", "subsample", {}),
        ("gaussian rho=0.9", strong, "kernel", "extrapolate", {}),
        ("gaussian rho=0.6", gauss, "kernel", "extrapolate", {"bandwidth": 0.5}),
        ("gaussian rho=0.6", gauss, "ksg", "subsample", {}),
        ("ross p=0.5", ross, "mixed_ksg", "subsample", {}),
        ("ross p=0.5", ross, "mixed_ksg", "extrapolate", {}),
        ("gao mixture", gao, "mixed_ksg", "subsample", {}),
        ("ross p=0.5", ross, "mixed_atoms", "subsample", {}),
        ("gao mixture", gao, "mixed_atoms", "subsample", {}),
        ("gao mixture", gao, "mixed_atoms", "extrapolate", {}),
        ("normal entropy", normal, "vasicek", "extrapolate", {}),
        ("normal entropy", normal, "vasicek", "subsample", {}),
        ("normal entropy", normal, "ebrahimi", "subsample", {}),
        ("normal entropy", normal, "ebrahimi", "extrapolate", {}),
    ]
    rows += [("gaussian rho=0.6", gauss, m, "subsample", NEURAL_FAST) for m in NEURAL]
    print(
        f"\n(d) Coverage of 95% intervals at n={n} (target 0.90-0.99), "
        f"n_resamples={n_resamples}; neural rows {neural_reps} replicates, "
        f"{min(n_resamples, 20)} resamples, {NEURAL_FAST}"
    )
    print(
        f"{'task':<18}{'method':<13}{'scheme':<12}{'reps':>5}{'coverage':>9}"
        f"{'2 SE':>7}{'width':>7}{'bias':>8}{'sec':>6}  target (its coverage)"
    )
    for label, task, method, scheme, params in rows:
        neural = method in NEURAL
        if (methods and method not in methods) or (neural and method not in methods):
            continue
        count = neural_reps if neural else reps
        start = time.perf_counter()
        func = functools.partial(
            _family_item,
            task=task,
            n=n,
            method=method,
            scheme=scheme,
            n_resamples=min(n_resamples, 20) if neural else n_resamples,
            params=params,
        )
        out = _replicates(func, count, ENTROPY + n, n_jobs)
        truth = task.mutual_information
        cov, se = _coverage(out, truth)
        own = ""
        if not np.isnan(out[:, 3]).all():  # binned or kernel-smoothed MI
            own = (
                f" ({np.mean((out[:, 0] <= out[:, 3]) & (out[:, 3] <= out[:, 1])):.3f})"
            )
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("ignore")
            x, y = task.sample(400 if neural else 60, 0)  # neural: min_samples
            target = mt.confidence_interval(
                x, y, method=method, n_resamples=1 if neural else 2, rng=0, **params
            ).target
        print(
            f"{label:<18}{method:<13}{scheme:<12}{count:>5}{cov:>9.3f}{2 * se:>7.3f}"
            f"{float(np.mean(out[:, 1] - out[:, 0])):>7.3f}"
            f"{float(np.mean(out[:, 2])) - truth:>+8.3f}"
            f"{time.perf_counter() - start:>6.0f}  {target}{own}",
            flush=True,
        )
    fpr_reps = 400
    print(
        f"\n(d) Permutation false-positive rate at alpha={ALPHA}, n=200, {fpr_reps} "
        f"replicates (2 SE = {2 * math.sqrt(ALPHA * (1 - ALPHA) / fpr_reps):.3f}), "
        "n_permutations=19"
    )
    for method, kind in (
        ("binning", "continuous"),
        ("kernel", "continuous"),
        ("mixed_ksg", "mixed"),
        ("mixed_atoms", "mixed"),
    ):
        if methods and method not in methods:
            continue
        start = time.perf_counter()
        func = functools.partial(_family_fpr_item, kind=kind, n=200, method=method)
        p = _replicates(func, fpr_reps, ENTROPY + 7, n_jobs)
        print(
            f"{method:<13}{kind:<12}{float(np.mean(p <= ALPHA)):>8.4f}"
            f"{time.perf_counter() - start:>6.0f}",
            flush=True,
        )


# --------------------------------------------------------------------------- #
# (e) the new measures: transfer entropy, AIS, PID atoms, classifier,
#     O-information, neural bounds
# --------------------------------------------------------------------------- #
#: Coupled Gaussian AR(1): x_t = A x_{t-1} + e_t, x = (source, target).
VAR_A = ((0.5, 0.0), (0.5, 0.4))


def var_sample(n: int, rng: Any, coupling: float = 0.5) -> tuple[Any, Any]:
    """``n`` steps of the coupled AR(1) ``VAR_A`` (``coupling``: source -> target).

    Starts from the stationary law, so every step has the same distribution.
    """
    from scipy.linalg import solve_discrete_lyapunov

    gen = np.random.default_rng(rng)
    a = np.array(VAR_A)
    a[1, 0] = coupling
    cov = solve_discrete_lyapunov(a, np.eye(2))
    out = np.empty((n, 2))
    out[0] = gen.multivariate_normal(np.zeros(2), cov)
    noise = gen.normal(size=(n, 2))
    for t in range(1, n):
        out[t] = a @ out[t - 1] + noise[t]
    return out[:, 0], out[:, 1]


def var_transfer_entropy(coupling: float = 0.5) -> float:
    """TE source -> target of ``VAR_A`` with k = l = 1, in nats (closed form).

    ``TE = I(Y_t; X_{t-1} | Y_{t-1}) = 0.5 ln(Var(Y_t | Y_{t-1}) / 1)``: given
    both pasts the target's residual is the unit innovation; given its own
    past only, ``Var(Y_t) - Cov(Y_t, Y_{t-1})^2 / Var(Y_{t-1})`` from the
    stationary covariance ``S = A S A' + I``.
    """
    from scipy.linalg import solve_discrete_lyapunov

    a = np.array(VAR_A)
    a[1, 0] = coupling
    s = solve_discrete_lyapunov(a, np.eye(2))
    lag1 = (a @ s)[1, 1]  # Cov(Y_t, Y_{t-1})
    return 0.5 * math.log(s[1, 1] - lag1**2 / s[1, 1])


AR_COEF = 0.5  # AIS of x_t = 0.5 x_{t-1} + e_t with k = 1: -ln(1 - 0.25) / 2
PID_COV = np.array([[1.0, 0.3, 0.66], [0.3, 1.0, 0.5], [0.66, 0.5, 1.0]])
OINFO_COV = np.array([[1.0, 0.5, 0.5], [0.5, 1.0, 0.5], [0.5, 0.5, 1.0]])
NOISY_AND = 0.1  # flip probability of the AND gate's output


def _noisy_and() -> Any:
    from mutinfo.discrete import Distribution

    pmf = {
        (a, b, y): 0.25 * (1 - NOISY_AND if y == (a & b) else NOISY_AND)
        for a in (0, 1)
        for b in (0, 1)
        for y in (0, 1)
    }
    return Distribution(pmf, ["x0", "x1", "y"])


def _gauss_atom(node: str) -> Callable[..., float]:
    return functools.partial(_gauss_atom_value, node=node)


def _gauss_atom_value(x: Any, y: Any, *, node: str) -> float:
    from mutinfo import pid

    r = pid.decompose_gaussian([x[:, 0], x[:, 1]], y, method="gaussian", base=math.e)
    return float(r.atoms[node])


def _oinfo_truth(cov: Any) -> float:
    """O-information of a Gaussian with unit variances: sum_i TC(-i) - (k-2) TC."""
    k = len(cov)

    def tc(idx: list[int]) -> float:
        return -0.5 * float(np.linalg.slogdet(cov[np.ix_(idx, idx)])[1])

    rest = sum(tc([j for j in range(k) if j != i]) for i in range(k))
    return rest - (k - 2) * tc(list(range(k)))


def measure_truth(task: str) -> float:
    """The closed-form value of a task of part (e), in nats."""
    from mutinfo import pid

    if task == "te":
        return var_transfer_entropy()
    if task == "ais":
        return -0.5 * math.log(1 - AR_COEF**2)
    if task == "ais9":
        return -0.5 * math.log(1 - 0.9**2)
    if task.startswith("pid-gauss"):
        exact = pid.gaussian_mmi(PID_COV, [0, 1], 2, base=math.e)
        return float(exact.atoms[task.split(":", 1)[1]])
    if task.startswith("pid-and"):
        exact = pid.decompose(
            _noisy_and(), ["x0", "x1"], "y", measure="mmi", base=math.e
        )
        return float(exact.atoms[task.split(":", 1)[1]])
    if task == "oinfo":
        return _oinfo_truth(OINFO_COV)
    return -0.5 * math.log(1 - 0.6**2)  # gaussian rho = 0.6: classifier, neural


def measure_data(task: str, n: int, rng: Any) -> tuple[Any, ...]:
    """``(x, y, z)`` of a task of part (e); ``None`` where absent."""
    from mutinfo import timeseries as ts

    gen = np.random.default_rng(rng)
    if task == "te":
        source, target = var_sample(n + 1, gen)
        e = ts.embed(target, source, k=1, l=1)
        return e.future, e.source_past, e.target_past
    if task == "ais":
        series, _ = var_sample(n + 1, gen)  # the source alone: AR(1), a = 0.5
        e = ts.embed(series, k=1)
        return e.future, e.target_past, None
    if task == "ais9":  # AR(1) with coefficient 0.9, from its stationary law
        from scipy.signal import lfilter

        noise = gen.normal(size=n + 1)
        noise[0] /= math.sqrt(1 - 0.9**2)
        e = ts.embed(lfilter([1.0], [1.0, -0.9], noise), k=1)
        return e.future, e.target_past, None
    if task.startswith("pid-gauss"):
        z = gen.multivariate_normal(np.zeros(3), PID_COV, n)
        return z[:, :2], z[:, 2], None
    if task.startswith("pid-and"):
        x = gen.integers(0, 2, (n, 2))
        y = (x[:, 0] & x[:, 1]) ^ (gen.random(n) < NOISY_AND)
        return x, y, None
    if task == "oinfo":
        return gen.multivariate_normal(np.zeros(3), OINFO_COV, n), None, None
    x, y = datasets.gaussian(rho=0.6).sample(n, gen)
    return x, y, None


def _measure_item(
    _i: int,
    rng: np.random.Generator,
    *,
    task: str,
    n: int,
    method: str,
    scheme: str,
    n_resamples: int,
    params: dict[str, Any],
) -> tuple[float, float, float]:
    _quiet()
    x, y, z = measure_data(task, n, rng)
    kw: dict[str, Any] = {"scheme": scheme, "n_resamples": n_resamples}
    if task.startswith("pid-gauss"):
        kw["statistic"] = _gauss_atom(task.split(":", 1)[1])
    elif task.startswith("pid-and"):
        from mutinfo import pid

        kw["statistic"] = pid.atom_statistic(task.split(":", 1)[1], measure="mmi")
    else:
        kw.update(method=method, **params)
    if task == "oinfo":
        kw["measure"] = "o_information"
    ci = mt.confidence_interval(x, y, z, rng=_seed(rng), **kw)
    return ci.low, ci.high, ci.estimate


def _measure_fpr_item(
    _i: int, rng: np.random.Generator, *, task: str, n: int, method: str
) -> float:
    _quiet()
    from mutinfo import pid
    from mutinfo import timeseries as ts

    gen = np.random.default_rng(rng)
    seed = _seed(gen)
    if task == "te":  # an uncoupled source: TE = 0
        source, target = var_sample(n, gen, coupling=0.0)
        return ts.transfer_entropy_test(
            source, target, method=method, n_permutations=19, rng=seed
        ).p_value
    if task == "ais":  # white noise: AIS = 0
        e = ts.embed(gen.normal(size=n + 1), k=1)
        return mt.independence_test(
            e.future, e.target_past, method=method, n_permutations=19, rng=seed
        ).p_value
    if task == "pid-and":  # a target independent of the sources: every atom 0
        bits, target = gen.integers(0, 2, (n, 2)), gen.integers(0, 2, n)
        syn = pid.atom_statistic("{0:1}", measure="mmi")
        return mt.independence_test(
            bits, target, statistic=syn, n_permutations=19, rng=seed
        ).p_value
    if task == "oinfo":  # independent columns: O-information 0
        table = gen.normal(size=(n, 3))
        frame = pid.multiplets(table, 3, method=method, n_permutations=19, rng=seed)
        return float(frame["p_value"].iloc[0])
    x, y = gen.normal(size=n), gen.normal(size=n)
    return mt.independence_test(
        x, y, method=method, n_permutations=19, rng=seed
    ).p_value


NEURAL_TINY = {"max_steps": 300, "hidden": 32, "batch_size": 16}


def part_measures(
    reps: int,
    neural_reps: int,
    n_jobs: int,
    n_resamples: int,
    methods: tuple[str, ...],
    tasks: tuple[str, ...] = (),
    fpr_reps: int = 400,
) -> None:
    n = 500
    # (label, task, method, scheme, n, params, replicate scale)
    rows: list[tuple[str, str, str, str, int, dict[str, Any]]] = [
        ("TE, coupled AR", "te", "gaussian", "analytic", n, {}),
        ("TE, coupled AR", "te", "gaussian", "subsample", n, {}),
        ("TE, coupled AR", "te", "ksg", "subsample", n, {}),
        ("AIS, AR(1)", "ais", "gaussian", "analytic", n, {}),
        ("AIS, AR(1)", "ais", "ksg", "subsample", n, {}),
        ("AIS, AR(1) a=0.9", "ais9", "gaussian", "analytic", n, {}),
        ("AIS, AR(1) a=0.9", "ais9", "gaussian", "subsample", n, {}),
        ("AIS, AR(1) a=0.9", "ais9", "ksg", "subsample", n, {}),
        ("PID gauss, red", "pid-gauss:{0}{1}", "statistic", "subsample", n, {}),
        ("PID gauss, unq0", "pid-gauss:{0}", "statistic", "subsample", n, {}),
        ("PID gauss, syn", "pid-gauss:{0:1}", "statistic", "subsample", n, {}),
        ("PID gauss, syn", "pid-gauss:{0:1}", "statistic", "bootstrap", n, {}),
        ("PID AND, red", "pid-and:{0}{1}", "statistic", "subsample", n, {}),
        ("PID AND, syn", "pid-and:{0:1}", "statistic", "subsample", n, {}),
        ("PID AND, syn", "pid-and:{0:1}", "statistic", "bootstrap", n, {}),
        ("PID AND, syn", "pid-and:{0:1}", "statistic", "extrapolate", n, {}),
        ("O-info gaussian", "oinfo", "gaussian_copula", "auto", n, {}),
        ("O-info gaussian", "oinfo", "gaussian", "auto", n, {}),
        ("O-info gaussian", "oinfo", "gaussian_copula", "extrapolate", n, {}),
        ("gaussian rho=0.6", "gauss", "classifier", "auto", n, {}),
    ]
    rows += [
        ("gaussian rho=0.6", "gauss", m, "auto", 400, NEURAL_TINY)
        for m in ("infonce", "nwj")
    ]
    print(
        f"\n(e) Coverage of 95% intervals of the new measures (target 0.90-0.99), "
        f"n_resamples={n_resamples} ({min(n_resamples, 20)} for the classifier, "
        f"10 for the neural rows: {neural_reps} replicates, {NEURAL_TINY})"
    )
    print(
        f"{'task':<17}{'method':<16}{'scheme':<12}{'n':>4}{'reps':>5}{'truth':>7}"
        f"{'coverage':>9}{'2 SE':>7}{'width':>7}{'bias':>8}{'below':>6}{'sec':>6}"
    )
    for label, task, method, scheme, size, params in rows:
        neural = method in NEURAL
        if (methods and method not in methods) or (neural and method not in methods):
            continue
        if tasks and task.split(":")[0] not in tasks:
            continue
        count = neural_reps if neural else reps
        res = n_resamples
        if method == "classifier":
            res = min(n_resamples, 20)
        if neural:
            res = min(n_resamples, 10)
        start = time.perf_counter()
        func = functools.partial(
            _measure_item,
            task=task,
            n=size,
            method=method,
            scheme=scheme,
            n_resamples=res,
            params=params,
        )
        out = _replicates(func, count, ENTROPY + 5 * size, n_jobs)
        truth = measure_truth(task)
        cov, se = _coverage(out, truth)
        below = float(np.mean(out[:, 1] < truth))  # intervals wholly below the truth
        print(
            f"{label:<17}{method:<16}{scheme:<12}{size:>4}{count:>5}{truth:>7.3f}"
            f"{cov:>9.3f}{2 * se:>7.3f}{float(np.mean(out[:, 1] - out[:, 0])):>7.3f}"
            f"{float(np.mean(out[:, 2])) - truth:>+8.3f}{below:>6.2f}"
            f"{time.perf_counter() - start:>6.0f}",
            flush=True,
        )
    print(
        f"\n(e) Permutation false-positive rate at alpha={ALPHA}, n=200, {fpr_reps} "
        f"replicates (2 SE = {2 * math.sqrt(ALPHA * (1 - ALPHA) / fpr_reps):.3f}), "
        "n_permutations=19"
    )
    for label, task, method in (
        ("TE, uncoupled AR (source permuted)", "te", "gaussian"),
        ("TE, uncoupled AR (source permuted)", "te", "ksg"),
        ("AIS, white noise", "ais", "ksg"),
        ("PID AND synergy, independent target", "pid-and", "statistic"),
        ("O-info, independent columns", "oinfo", "gaussian_copula"),
        ("MI, independent normals", "gauss", "classifier"),
    ):
        if (methods and method not in methods) or (tasks and task not in tasks):
            continue
        count = fpr_reps // 2 if method == "classifier" else fpr_reps
        start = time.perf_counter()
        fpr_func = functools.partial(_measure_fpr_item, task=task, n=200, method=method)
        p = _replicates(fpr_func, count, ENTROPY + 11, n_jobs)
        print(
            f"{label:<38}{method:<16}{count:>5}{float(np.mean(p <= ALPHA)):>8.4f}"
            f"{time.perf_counter() - start:>6.0f}",
            flush=True,
        )


# --------------------------------------------------------------------------- #
# (f) series measures: intervals that resample blocks of embedded time steps
# --------------------------------------------------------------------------- #
#: (task, truth): AIS (k = 1) of AR(1) x_t = a x_{t-1} + e is -ln(1 - a^2) / 2,
#: the lag-2 MI -ln(1 - a^4) / 2; TE from datasets.coupled_ar's closed form.
SERIES_TASKS = ("ais5", "ais9", "lag9", "te", "te9")


def series_process(task: str) -> Any:
    """The ``datasets.coupled_ar`` process of a task of part (f)."""
    if task == "te":
        return datasets.coupled_ar(0.5, 0.4, 0.5)  # VAR_A of part (e)
    if task == "te9":
        return datasets.coupled_ar(0.9, 0.8, 0.3)  # strong memory
    return datasets.coupled_ar(0.5 if task == "ais5" else 0.9, 0.5, 0.0)


def series_truth(task: str) -> float:
    """The closed-form value of a task of part (f), in nats."""
    proc = series_process(task)
    if task.startswith("te"):
        return float(proc.transfer_entropy(k=1, l=1))
    a = proc.a
    return -0.5 * math.log(1 - a ** (4 if task == "lag9" else 2))


def _series_item(
    _i: int,
    rng: np.random.Generator,
    *,
    task: str,
    n: int,
    method: str,
    scheme: str,
    n_resamples: int,
) -> tuple[float, float, float]:
    _quiet()
    from mutinfo import timeseries as ts

    x, y = series_process(task).sample(n + 2, rng=rng)
    kw: dict[str, Any] = {
        "method": method,
        "scheme": scheme,
        "n_resamples": n_resamples,
        "rng": _seed(rng),
    }
    if task.startswith("te"):
        ci = ts.confidence_interval("te", x[1:], y[1:], **kw)
    elif task == "lag9":
        ci = ts.confidence_interval("lagged_mi", x[:-1], delay=2, **kw)
    else:
        ci = ts.confidence_interval("ais", x[1:], **kw)
    return ci.low, ci.high, ci.estimate


def part_series(
    reps: int, n_jobs: int, n_resamples: int, tasks: tuple[str, ...] = ()
) -> None:
    n = 500
    rows = [
        (task, method, scheme, reps if method == "gaussian" else reps // 2)
        for task in SERIES_TASKS
        for method, scheme in (
            ("gaussian", "block"),
            ("gaussian", "analytic"),
            ("ksg", "block"),
            ("ksg", "subsample"),
        )
        # KSG subsampling of AIS was measured in part (e)
        if (method, scheme) != ("ksg", "subsample") or task.startswith("te")
    ]
    labels = {
        "ais5": "AIS, AR(1) a=0.5",
        "ais9": "AIS, AR(1) a=0.9",
        "lag9": "lag-2 MI, a=0.9",
        "te": "TE, AR .5/.4 c.5",
        "te9": "TE, AR .9/.8 c.3",
    }
    print(
        f"\n(f) Coverage of 95% series intervals (ts.confidence_interval), "
        f"n={n} steps, n_resamples={n_resamples}; 'block' is the auto scheme"
    )
    print(
        f"{'task':<18}{'method':<10}{'scheme':<11}{'reps':>5}{'truth':>7}"
        f"{'coverage':>9}{'2 SE':>7}{'width':>7}{'bias':>8}{'below':>6}{'sec':>6}"
    )
    for task, method, scheme, count in rows:
        if tasks and task not in tasks:
            continue
        start = time.perf_counter()
        func = functools.partial(
            _series_item,
            task=task,
            n=n,
            method=method,
            scheme=scheme,
            n_resamples=n_resamples,
        )
        out = _replicates(func, count, ENTROPY + 13, n_jobs)
        truth = series_truth(task)
        cov, se = _coverage(out, truth)
        print(
            f"{labels[task]:<18}{method:<10}{scheme:<11}{count:>5}{truth:>7.3f}"
            f"{cov:>9.3f}{2 * se:>7.3f}{float(np.mean(out[:, 1] - out[:, 0])):>7.3f}"
            f"{float(np.mean(out[:, 2])) - truth:>+8.3f}"
            f"{float(np.mean(out[:, 1] < truth)):>6.2f}"
            f"{time.perf_counter() - start:>6.0f}",
            flush=True,
        )


# --------------------------------------------------------------------------- #
# the table of issue 25, re-measured with the same settings
# --------------------------------------------------------------------------- #
def part_issue(reps: int, n_jobs: int, n_resamples: int) -> None:
    n = 500
    gauss, ross = datasets.gaussian(rho=0.6), datasets.ross(p=0.5)
    print(
        f"\nIssue 25's table: n={n}, {reps} replicates, 95% intervals, default "
        f"scheme, n_resamples={n_resamples}; coverage of the true MI"
    )
    print(
        f"{'family':<11}{'task':<22}{'scheme':<11}{'coverage':>9}{'width':>7}  target"
    )
    for label, task, method in (
        ("gaussian rho=0.6", gauss, "binning"),
        ("gaussian rho=0.6", gauss, "kernel"),
        ("ross p=0.5", ross, "mixed_ksg"),
        ("gaussian rho=0.6", gauss, "ksg"),
    ):
        func = functools.partial(
            _cover_item,
            task=task,
            n=n,
            method=method,
            scheme="auto",
            n_resamples=n_resamples,
        )
        bounds = _replicates(func, reps, ENTROPY + n, n_jobs)
        truth = task.mutual_information
        cov = float(np.mean((bounds[:, 0] <= truth) & (truth <= bounds[:, 1])))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            x, y = task.sample(200, 0)
            ci = mt.confidence_interval(x, y, method=method, n_resamples=2, rng=0)
        warned = any(issubclass(w.category, mt.BiasWarning) for w in caught)
        print(
            f"{method:<11}{label:<22}{ci.scheme:<11}{cov:>9.3f}"
            f"{float(np.mean(bounds[:, 1] - bounds[:, 0])):>7.3f}  {ci.target}"
            f"{' (BiasWarning)' if warned else ''}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        default="all",
        choices=[
            "fpr",
            "power",
            "coverage",
            "families",
            "measures",
            "series",
            "issue",
            "all",
        ],
    )
    parser.add_argument("--family-reps", type=int, default=100)
    parser.add_argument(
        "--fpr-reps", type=int, default=400, help="part measures: FPR replicates"
    )
    parser.add_argument("--neural-reps", type=int, default=20)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument(
        "--reps", type=int, default=None, help="coverage replicates, analytic rows"
    )
    parser.add_argument(
        "--res-reps", type=int, default=None, help="coverage replicates, resampling"
    )
    parser.add_argument(
        "--knn-reps", type=int, default=None, help="coverage replicates, kNN rows"
    )
    parser.add_argument("--n-resamples", type=int, default=None)
    parser.add_argument("--power-reps", type=int, default=None)
    parser.add_argument(
        "--schemes", default="", help="coverage rows of these schemes only (a,b)"
    )
    parser.add_argument(
        "--methods", default="", help="coverage rows of these methods only (a,b)"
    )
    parser.add_argument(
        "--tasks",
        default="",
        help="part measures: rows of these tasks only (te,ais,ais9,pid-gauss,"
        "pid-and,oinfo,gauss)",
    )
    args = parser.parse_args(argv)
    fpr_reps, power_reps, reps, res_reps, knn_reps, n_res = (
        (300, 100, 100, 50, 50, 100) if args.quick else (2000, 300, 500, 500, 500, 100)
    )
    power_reps = args.power_reps or power_reps
    reps = args.reps or reps
    res_reps = args.res_reps or res_reps
    knn_reps = args.knn_reps or knn_reps
    n_res = args.n_resamples or n_res
    sizes = tuple(int(s) for s in args.sizes.split(","))
    parts: dict[str, Callable[[], None]] = {
        "fpr": lambda: part_fpr(fpr_reps, args.n_jobs),
        "coverage": lambda: part_coverage(
            reps,
            res_reps,
            knn_reps,
            args.n_jobs,
            sizes,
            n_res,
            tuple(filter(None, args.schemes.split(","))),
            tuple(filter(None, args.methods.split(","))),
        ),
        "power": lambda: part_power(power_reps, args.n_jobs),
        "families": lambda: part_families(
            args.family_reps,
            args.neural_reps,
            args.n_jobs,
            n_res,
            tuple(filter(None, args.methods.split(","))),
        ),
        "measures": lambda: part_measures(
            args.family_reps,
            args.neural_reps,
            args.n_jobs,
            n_res,
            tuple(filter(None, args.methods.split(","))),
            tuple(filter(None, args.tasks.split(","))),
            args.fpr_reps,
        ),
        "series": lambda: part_series(
            2 * args.family_reps,
            args.n_jobs,
            n_res,
            tuple(filter(None, args.tasks.split(","))),
        ),
        "issue": lambda: part_issue(args.family_reps, args.n_jobs, n_res),
    }
    for name, run in parts.items():
        if args.part in (name, "all"):
            run()


if __name__ == "__main__":
    main()
