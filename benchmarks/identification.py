"""Zheng & Benjamini (2016): MI from the K-class identification error.

Gaussian stimuli and responses, ``y = a x + noise`` in ``p`` dimensions with
the total MI ``p/2 log(1 + a^2)`` held fixed, so the information is spread over
more and weaker components as ``p`` grows. Per ``p`` (mean over seeds, nats):
the high-dimensional inversion of the identification error
(``theory.identification_mi``), the Fano bound of the same error, the
classifier estimator (``method="classifier"``) and KSG on the same data.

Run: ``python benchmarks/identification.py [--mi 1 2] [--dims 1 2 5 10 20 50]
[--n 4000] [--seeds 3] [--k 10]``
"""

from __future__ import annotations

import argparse
import math
import warnings

import numpy as np

import mutinfo as mt
from mutinfo import theory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mi", type=float, nargs="+", default=[1.0, 2.0])
    parser.add_argument("--dims", type=int, nargs="+", default=[1, 2, 5, 10, 20, 50])
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--skip-ksg", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore", mt.MutinfoWarning)
    print("truth  p   error   ZB_HD   Fano    classifier  ksg   (means over seeds)")
    for truth in args.mi:
        for p in args.dims:
            a = math.sqrt(math.expm1(2 * truth / p))
            rows = []
            for seed in range(args.seeds):
                g = np.random.default_rng(seed)
                x = g.standard_normal((args.n, p))
                y = a * x + g.standard_normal((args.n, p))
                res = theory.identification_mi(x, y, k=args.k, n_trials=400, rng=seed)
                clf = mt.mi(x, y, method="classifier", rng=seed)
                ksg = math.nan if args.skip_ksg else mt.mi(x, y, method="ksg", rng=seed)
                rows.append((res.error, res.mi, res.fano, clf, ksg))
            m = np.mean(rows, axis=0)
            print(
                f"{truth:4g} {p:4d}  {m[0]:.3f}  {m[1]:6.3f}  {m[2]:6.3f}  "
                f"{m[3]:9.3f}  {m[4]:6.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
