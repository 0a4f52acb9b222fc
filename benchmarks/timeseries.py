"""mutinfo.timeseries: all-pairs TE, the Theiler window, automatic history.

Sections:
  matrix   ts.te_matrix(method='gaussian') of --series series x --steps steps
           (coupled AR(1), every series driven by the previous one): the
           vectorised path (one covariance of all embedded blocks) beside the
           per-pair path (one front-door Gaussian CMI per ordered pair) timed on
           --pairs pairs and scaled to all of them, in the same run; the largest
           difference between the two on the pairs timed; with the analytic
           (Granger F) p-values and with 199 permutation surrogates.
  theiler  KSG TE (k = l = 1, 3-D CMI) on --ksg-steps steps without and with a
           Theiler window, and the 3-variable KSG CMI of the same columns.
  auto     k='auto' (Ragwitz criterion) on an AR(2) series of --ksg-steps steps:
           the k chosen and the time.

Usage: python benchmarks/timeseries.py [--section matrix|theiler|auto|all]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import mutinfo as mt
from mutinfo import timeseries as ts


def coupled(n: int, p: int, seed: int) -> np.ndarray:
    """Series j is AR(1) driven by series j - 1 (cyclically)."""
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, p))
    for t in range(1, n):
        x[t] += 0.4 * x[t - 1] + 0.3 * np.roll(x[t - 1], 1)
    return x


def matrix(series: int, steps: int, pairs: int) -> None:
    x = coupled(steps, series, seed=0)
    ts.te_matrix(x[:200, :3], method="gaussian")  # imports, first-call costs
    t = time.perf_counter()
    m = ts.te_matrix(x, method="gaussian")
    fast = time.perf_counter() - t
    t = time.perf_counter()
    mp = ts.te_matrix(x, method="gaussian", pvalues=True, surrogate="analytic")
    fast_p = time.perf_counter() - t
    t = time.perf_counter()
    ms = ts.te_matrix(x, method="gaussian", pvalues=True, n_permutations=199, rng=0)
    fast_s = time.perf_counter() - t
    total = series * (series - 1)
    todo = [(i, j) for i in range(series) for j in range(series) if i != j][:pairs]
    t = time.perf_counter()
    worst = 0.0
    for i, j in todo:
        v = ts.transfer_entropy(x[:, i], x[:, j], method="gaussian")
        worst = max(worst, abs(v - float(m.te.iloc[i, j])))
    per_pair = (time.perf_counter() - t) / len(todo)
    assert mp.p_values is not None
    driven = np.array([mp.p_values.iloc[(j - 1) % series, j] for j in range(series)])
    print(f"te_matrix gaussian, {series} series x {steps} steps, {total} pairs:")
    print(f"  vectorised            {fast:8.3f} s")
    print(f"  vectorised + F-test   {fast_p:8.3f} s")
    print(f"  vectorised + 199 permutation surrogates {fast_s:8.3f} s")
    print(
        f"  per-pair path         {per_pair * total:8.1f} s (scaled from "
        f"{len(todo)} pairs, {per_pair * 1e3:.1f} ms each)"
    )
    print(f"  speed-up              {per_pair * total / fast:8.0f}x")
    print(f"  max |vectorised - per-pair| over {len(todo)} pairs: {worst:.2e} nats")
    print(f"  largest F-test p-value of the {series} driven pairs: {driven.max():.2e}")
    assert ms.p_values is not None
    off = ~np.eye(series, dtype=bool)
    sv = ms.p_values.to_numpy()
    floor = all(sv[(j - 1) % series, j] == 0.005 for j in range(series))
    print(f"  surrogate p-values: every driven pair at 1/200: {floor}")
    share = float((sv[off] < 0.05).mean())
    print(f"  surrogate p-values: share of all pairs < 0.05: {share:.3f}")


def theiler(steps: int) -> None:
    g = np.random.default_rng(1)
    x = np.convolve(g.standard_normal(steps + 4), np.ones(5) / 5, mode="valid")
    y = np.r_[0.0, x[:-1]] + 0.5 * g.standard_normal(steps)
    ts.transfer_entropy(x, y, method="ksg", rng=0)  # warm-up: numba, kernels
    rows = (y[1:], x[:-1], y[:-1])
    t = time.perf_counter()
    cmi = mt.estimate("cmi", *rows, method="ksg", rng=0).value
    t_cmi = time.perf_counter() - t
    print(f"KSG, {steps} steps, k = l = 1:")
    print(f"  3-variable KSG CMI        {t_cmi:7.2f} s  ({cmi:.4f} nats)")
    for w in (None, 0, 10, 50):
        kw = {} if w is None else {"theiler": w}
        t = time.perf_counter()
        te = ts.transfer_entropy(x, y, method="ksg", rng=0, **kw)
        print(
            f"  TE theiler={w!s:<5}          {time.perf_counter() - t:7.2f} s  "
            f"({te:.4f} nats)"
        )


def auto(steps: int) -> None:
    g = np.random.default_rng(2)
    e = g.standard_normal(steps + 100)
    x = np.zeros_like(e)
    for t in range(2, len(e)):
        x[t] = 0.6 * x[t - 1] - 0.3 * x[t - 2] + e[t]
    x = x[100:]
    t = time.perf_counter()
    res = ts.estimate("ais", x, k="auto", method="ksg", rng=0)
    took = time.perf_counter() - t
    print(f"AIS k='auto' (Ragwitz) on AR(2), {steps} steps:")
    print(f"  chose {res.params['k']=}, {res.params['k_tau']=} in {took:.2f} s")
    print(f"  AIS {res.value:.4f} nats")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--section", default="all")
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=60)
    parser.add_argument("--ksg-steps", type=int, default=20_000)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, cores {os.cpu_count()}")
    if args.section in ("matrix", "all"):
        matrix(args.series, args.steps, args.pairs)
    if args.section in ("theiler", "all"):
        theiler(args.ksg_steps)
    if args.section in ("auto", "all"):
        auto(args.ksg_steps)


if __name__ == "__main__":
    main()
