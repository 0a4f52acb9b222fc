"""Bias of the kNN families at large k / n and on heavy tails: the rules behind
``estimators/_guards.warn_large_k`` and ``warn_heavy_tails``.

Run: python benchmarks/knn_large_k.py [--quick]
Table 1: KSG MI of a Gaussian pair (rho 0.8, truth 0.511 nats) and the KL /
weighted-KL entropy of N(0, 1) (truth 1.419) by k / n, n = 200 and 2000.
Table 2: KSG MI of x = f(z1) against z2 (corr 0.707, truth 0.347 nats for any
increasing f) by tail heaviness and n, its error against the untransformed
rows, and the check's statistic: the share of rows beyond 5 robust spreads
of the median (:func:`mutinfo.estimators._guards.far_share`), plus its time.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np
from scipy import stats

import mutinfo as mt
from mutinfo.estimators._guards import far_share

H_NORMAL = 0.5 * np.log(2 * np.pi * np.e)


def large_k(quick: bool) -> None:
    truth = -0.5 * np.log(1 - 0.8**2)
    print("n      k     k/n    ksg     rel.err  kl-err   klw-err")
    for n in (200, 2000):
        reps = (5 if quick else 20) if n == 200 else (1 if quick else 4)
        for f in (0.015, 0.05, 0.1, 0.2, 0.5, 1.0):
            k = max(3, min(n - 1, round(f * n)))
            a, b, c = [], [], []
            for s in range(reps):
                g = np.random.default_rng(s)
                x = g.standard_normal(n)
                y = 0.8 * x + 0.6 * g.standard_normal(n)
                a.append(mt.mi(x, y, method="ksg", n_neighbors=k, rng=s))
                b.append(mt.entropy(x, method="kl", n_neighbors=k, rng=s))
                c.append(mt.entropy(x, method="kl_weighted", n_neighbors=k, rng=s))
            m = float(np.mean(a))
            print(
                f"{n:5d} {k:5d} {k / n:6.3f}  {m:6.3f}  {(m - truth) / truth:+6.0%}"
                f"  {np.mean(b) - H_NORMAL:+.3f}   {np.mean(c) - H_NORMAL:+.3f}"
            )


def heavy(quick: bool) -> None:
    r = 0.707
    norm_cdf = stats.norm.cdf
    shapes = {f"exp({a} z)": (lambda z, a=a: np.exp(a * z)) for a in (1, 2, 3, 5)}
    for dof in (1, 2, 3, 5):
        shapes[f"t, {dof} dof"] = lambda z, d=dof: stats.t.ppf(norm_cdf(z), d)
    shapes["laplace"] = lambda z: stats.laplace.ppf(norm_cdf(z))
    shapes["uniform"] = norm_cdf
    shapes["normal"] = lambda z: z
    print("\nshape        n      ksg     error   far-share")
    for name, f in shapes.items():
        for n in (500, 5000) if quick else (500, 2000, 5000):
            reps = max(2, 4000 // n)
            est, ref, share = [], [], []
            for s in range(reps):
                g = np.random.default_rng(s)
                z1 = g.standard_normal(n)
                z2 = r * z1 + np.sqrt(1 - r**2) * g.standard_normal(n)
                x = f(z1)
                est.append(mt.mi(x, z2, method="ksg", rng=s))
                ref.append(mt.mi(z1, z2, method="ksg", rng=s))
                share.append(far_share(x))
            print(
                f"{name:12s} {n:5d}  {np.mean(est):.3f}  "
                f"{np.mean(est) - np.mean(ref):+.3f}   {np.mean(share):.4f}"
            )
    column = np.random.default_rng(0).standard_normal(100_000)
    start = time.perf_counter()
    for _ in range(100):
        far_share(column)
    print(f"\nfar_share at n = 1e5: {(time.perf_counter() - start) * 10:.3f} ms")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        large_k(quick)
        heavy(quick)
