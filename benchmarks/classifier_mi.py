"""Classifier MI on bivariate Gaussians beside KSG, and the n = 1e5, d = 20 timing.

Prints, per rho, the error of our DV and plug-in estimates and of KSG (mutinfo's
and, as the peer, scikit-learn's mutual_info_regression) at n = 20,000 over seeds,
then the time of the default classifier at n = 100,000 with 10 + 10 dimensions.

Run: ``python benchmarks/classifier_mi.py [--n 20000] [--seeds 3] [--skip-large]``
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np

import mutinfo as mt


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    from sklearn.feature_selection import mutual_info_regression

    warnings.simplefilter("ignore", mt.MutinfoWarning)
    print(
        "rho  truth   dv_err  plugin_err  ksg_err  sklearn_err  (max |err| over seeds)"
    )
    for rho in (0.0, 0.5, 0.8, 0.95):
        truth = -0.5 * math.log(1 - rho * rho)
        errs: dict[str, list[float]] = {"dv": [], "plugin": [], "ksg": [], "sk": []}
        for seed in range(args.seeds):
            g = np.random.default_rng(seed)
            x = g.normal(size=args.n)
            y = rho * x + math.sqrt(1 - rho * rho) * g.normal(size=args.n)
            res = mt.estimate("mi", x, y, method="classifier", rng=seed)
            errs["dv"].append(res.value - truth)
            errs["plugin"].append(res.extras["plugin"] - truth)
            errs["ksg"].append(mt.mi(x, y, method="ksg", rng=seed) - truth)
            sk = mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=seed)
            errs["sk"].append(float(sk[0]) - truth)
        row = "  ".join(f"{max(abs(e) for e in v):.4f}" for v in errs.values())
        print(f"{rho:<4} {truth:.4f}  {row}")
    if args.skip_large:
        return
    g = np.random.default_rng(0)
    n, d = 100_000, 10
    x = g.normal(size=(n, d))
    y = 0.3 * x + g.normal(size=(n, d))
    truth = d * 0.5 * math.log(1 + 0.09)
    start = time.perf_counter()
    value = mt.mi(x, y, method="classifier", rng=0)
    took = time.perf_counter() - start
    print(f"n=1e5, d=10+10: classifier {value:.4f} (truth {truth:.4f}) in {took:.1f} s")


if __name__ == "__main__":
    main()
