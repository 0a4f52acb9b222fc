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
  counted  AIS and entropy rate (plug-in, k = 3) of --discrete-steps binary
           steps: integer series (counted by row codes, as TE) beside the same
           symbols as floats read as labels (the generic front-door path), in
           the same run, with both values.
  peer     ours beside infomeasure in the same run (skipped, with a message, when
           infomeasure is not importable: it is no mutinfo dependency; install
           it into a separate directory and put that on PYTHONPATH):
           plug-in TE on --discrete-steps binary steps, k = l = 1 and 3; KSG TE
           (k = l = 1, 4 neighbours) on --peer-ksg-steps steps; and our KSG TE
           on --big-ksg-steps steps beside our 3-variable KSG CMI of the same
           columns. Each pair of values is printed with its difference.

Usage: python benchmarks/timeseries.py [--section matrix|theiler|auto|counted|peer|all]

The peer section as run for docs/timeseries.md::

    pip install --no-deps --target /tmp/impkgs infomeasure==0.6.3 sparse
    PYTHONPATH=src:/tmp/impkgs python benchmarks/timeseries.py --section peer
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from collections.abc import Callable
from typing import Any

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


def timed(f: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls of ``f``, and its value."""
    best, _, value = timed_cpu(f, repeat)
    return best, value


def timed_cpu(f: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """Best wall time and best process CPU time of ``repeat`` calls of ``f``, value.

    On a shared machine the CPU time is the steadier figure: the wall time of
    a short call depends on what else the cores run at that moment.
    """
    best, cpu, value = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        cpu = min(cpu, time.process_time() - c)
        best = min(best, time.perf_counter() - t)
    return best, cpu, value


def counted(steps: int) -> None:
    g = np.random.default_rng(6)
    x = (np.cumsum(g.random(steps) < 0.2) % 2).astype(np.int64)  # a sticky chain
    labels = x.astype(np.float64)
    ts.estimate("ais", x[:1000], k=3, method="plugin")  # imports
    print(f"plug-in, {steps} binary steps, k = 3 (best of 3):")
    for measure in ("ais", "entropy_rate"):
        fast, v = timed(lambda m=measure: ts.estimate(m, x, k=3, method="plugin"), 3)
        slow, w = timed(
            lambda m=measure: ts.estimate(
                m, labels, k=3, method="plugin", discrete=True
            ),
            3,
        )
        print(
            f"  {measure:<12} counted {fast:6.3f} s, generic {slow:6.3f} s "
            f"({slow / fast:4.1f}x); {v.value:.12f} vs {w.value:.12f}"
        )


def peer(discrete_steps: int, ksg_steps: int, big_ksg_steps: int) -> None:
    if importlib.util.find_spec("infomeasure") is None:
        print(
            "peer: infomeasure is not importable; skipped. Install it outside the "
            "environment (pip install --no-deps --target /tmp/impkgs "
            "infomeasure==0.6.3 sparse) and run with PYTHONPATH=src:/tmp/impkgs."
        )
        return
    import infomeasure as im

    g = np.random.default_rng(5)
    n = discrete_steps
    x = g.integers(0, 2, n)
    y = np.r_[0, x[:-1]] ^ (g.random(n) < 0.1).astype(np.int64)
    ts.transfer_entropy(x[:2000], y[:2000], method="plugin")  # imports
    for k in (1, 3):  # the peer's first calls (numba compilation)
        im.transfer_entropy(
            x[:2000], y[:2000], approach="discrete", dest_hist_len=k,
            src_hist_len=k, base="e",
        )  # fmt: skip
    print(f"plug-in TE, {n} binary steps (ours best of 3, infomeasure one call):")
    for k in (1, 3):
        ours, v = timed(
            lambda k=k: ts.transfer_entropy(x, y, k=k, l=k, method="plugin"), 3
        )
        theirs, w = timed(
            lambda k=k: im.transfer_entropy(
                x, y, approach="discrete", dest_hist_len=k, src_hist_len=k, base="e"
            )
        )
        print(
            f"  k = l = {k}: ours {ours:6.3f} s, infomeasure {theirs:6.2f} s, "
            f"ratio {theirs / ours:5.1f}x; TE {v:.12f} vs {w:.12f} "
            f"(|diff| {abs(v - w):.1e})"
        )
    n = ksg_steps
    xc = g.standard_normal(n)
    yc = np.r_[0.0, xc[:-1]] + 0.5 * g.standard_normal(n)
    ts.transfer_entropy(xc[:500], yc[:500], method="ksg", rng=0)  # numba, kernels
    im.transfer_entropy(xc[:500], yc[:500], approach="ksg", k=4, base="e")
    kw: dict[str, Any] = {"n_neighbors": 4, "noise": 0.0, "standardize": False}
    # Both single-threaded (ours below 5e4 rows, infomeasure's KDTree always).
    ours, ours_cpu, v = timed_cpu(
        lambda: ts.transfer_entropy(xc, yc, method="ksg", **kw), 5
    )
    theirs, theirs_cpu, w = timed_cpu(
        lambda: im.transfer_entropy(
            xc, yc, approach="ksg", k=4, noise_level=0, base="e"
        ),
        3,
    )
    print(
        f"KSG TE, {n} steps, k = l = 1, 4 neighbours, no noise, raw scale "
        "(ours best of 5, infomeasure best of 3):"
    )
    print(
        f"  wall: ours {ours:6.3f} s, infomeasure {theirs:6.2f} s, ratio "
        f"{theirs / ours:5.1f}x"
    )
    print(
        f"  CPU:  ours {ours_cpu:6.3f} s, infomeasure {theirs_cpu:6.2f} s, ratio "
        f"{theirs_cpu / ours_cpu:5.1f}x"
    )
    print(f"  TE {v:.12f} vs {w:.12f} (|diff| {abs(v - w):.1e})")
    n = big_ksg_steps
    xc = g.standard_normal(n)
    yc = np.r_[0.0, xc[:-1]] + 0.5 * g.standard_normal(n)
    rows = (yc[1:], xc[:-1], yc[:-1])
    t_cmi, cmi = timed(lambda: mt.estimate("cmi", *rows, method="ksg", rng=0).value, 2)
    t_te, te = timed(lambda: ts.transfer_entropy(xc, yc, method="ksg", rng=0), 2)
    print(f"KSG, {n} steps, k = l = 1 (ours, best of 2):")
    print(f"  3-variable KSG CMI {t_cmi:6.2f} s ({cmi:.6f} nats)")
    print(
        f"  TE                 {t_te:6.2f} s ({te:.6f} nats), "
        f"{t_te / t_cmi:.2f}x the CMI time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--section", default="all")
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=60)
    parser.add_argument("--ksg-steps", type=int, default=20_000)
    parser.add_argument("--discrete-steps", type=int, default=1_000_000)
    parser.add_argument("--peer-ksg-steps", type=int, default=20_000)
    parser.add_argument("--big-ksg-steps", type=int, default=100_000)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}, cores {os.cpu_count()}")
    if args.section in ("matrix", "all"):
        matrix(args.series, args.steps, args.pairs)
    if args.section in ("theiler", "all"):
        theiler(args.ksg_steps)
    if args.section in ("auto", "all"):
        auto(args.ksg_steps)
    if args.section in ("counted", "all"):
        counted(args.discrete_steps)
    if args.section in ("peer", "all"):
        peer(args.discrete_steps, args.peer_ksg_steps, args.big_ksg_steps)


if __name__ == "__main__":
    main()
