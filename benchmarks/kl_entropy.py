"""Kozachenko-Leonenko entropy: plain KL (Euclidean and Manhattan norms) beside
the weighted estimator of Berrett, Samworth & Yuan (2019), known use 8.

Run: PYTHONPATH=src python benchmarks/kl_entropy.py [--reps 5] [--n 1000 4000 16000]
Prints, per distribution, dimension and n, the mean error (estimate - truth) and
its standard deviation over seeds, in nats; in 1-D also scipy's
``differential_entropy`` (Vasicek spacings, its default) as a peer.
Truths: Gaussian N(0, I_d): d/2 log(2 pi e); uniform on [0, 1]^d: 0.
"""

from __future__ import annotations

import argparse
import math
import warnings

import numpy as np
from scipy.stats import differential_entropy

import mutinfo as mt
from mutinfo.estimators import KL, WeightedKL

ESTIMATORS = {
    "kl k=3 L2": lambda x: KL(rng=0).entropy(x).value,
    "kl k=3 L1": lambda x: KL(metric="minkowski", p=1, rng=0).entropy(x).value,
    "kl k=10": lambda x: KL(n_neighbors=10, rng=0).entropy(x).value,
    "kl_weighted k=10": lambda x: WeightedKL(rng=0).entropy(x).value,
}


def sample(dist: str, n: int, d: int, seed: int) -> tuple[np.ndarray, float]:
    g = np.random.default_rng(seed)
    if dist == "gaussian":
        return g.standard_normal((n, d)), 0.5 * d * math.log(2 * math.pi * math.e)
    return g.uniform(size=(n, d)), 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 4000, 16000])
    ap.add_argument("--dims", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6, 8])
    args = ap.parse_args()
    names = [*ESTIMATORS, "scipy (1-D)"]
    print("dist      d  n      " + "".join(f"{k:>20s}" for k in names))
    for dist in ("gaussian", "uniform"):
        for d in args.dims:
            for n in args.n:
                errs: dict[str, list[float]] = {k: [] for k in names}
                for r in range(args.reps):
                    x, truth = sample(dist, n, d, r)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", mt.MutinfoWarning)
                        for k, f in ESTIMATORS.items():
                            errs[k].append(f(x) - truth)
                    if d == 1:
                        errs["scipy (1-D)"].append(
                            float(differential_entropy(x[:, 0])) - truth
                        )
                cells = [
                    f"{np.mean(v):+8.3f} ({np.std(v):.3f})" if v else f"{'-':>18s}"
                    for v in errs.values()
                ]
                print(
                    f"{dist:8s} {d:2d}  {n:6d} " + "".join(f"{c:>20s}" for c in cells)
                )


if __name__ == "__main__":
    main()
