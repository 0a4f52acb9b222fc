"""O-information over all triplets of 30 continuous columns (issue 17's target).

Prints the time of :func:`mutinfo.pid.multiplets` with ``gaussian_copula`` on
n = 10,000 rows and 30 columns (4,060 triplets; target: under 5 s), beside the
naive loop of one ``mt.estimate("o_information", ...)`` per triplet timed on
the first 100 triplets and extrapolated, and checks that both agree.

    PYTHONPATH=src python benchmarks/hoi.py [--n 10000] [--p 30] [--permutations 0]
"""

from __future__ import annotations

import argparse
import time
from itertools import combinations

import numpy as np

import mutinfo as mt
from mutinfo import pid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--p", type=int, default=30)
    parser.add_argument("--permutations", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    latent = rng.normal(size=(args.n, 3))
    x = latent @ rng.normal(size=(3, args.p)) + rng.normal(size=(args.n, args.p))
    x = np.exp(x / 3)  # non-Gaussian marginals: what the copula is for
    pid.multiplets(x[:200, :4], 3)  # warm the imports (scipy.stats, pandas)
    best = []
    for _ in range(3):
        t0 = time.perf_counter()
        table = pid.multiplets(x, 3, n_permutations=args.permutations, rng=0)
        best.append(time.perf_counter() - t0)
    combos = list(combinations(range(args.p), 3))
    t0 = time.perf_counter()
    loop = [
        mt.estimate("o_information", x[:, list(c)], method="gaussian_copula").value
        for c in combos[:100]
    ]
    per = (time.perf_counter() - t0) / 100
    got = table.set_index("multiplet")["o_information"]
    diff = max(
        abs(got[tuple(str(j) for j in c)] - v)
        for c, v in zip(combos, loop, strict=False)
    )
    print(
        f"multiplets: {len(table)} triplets, n={args.n}, p={args.p}, "
        f"{args.permutations} permutations: best of 3 {min(best):.3f} s"
    )
    print(
        f"loop of mt.estimate: {per * 1e3:.1f} ms per triplet, "
        f"{per * len(combos):.1f} s for all (extrapolated from 100)"
    )
    print(f"largest difference on the first 100 triplets: {diff:.2e} nats")
    print(table.head(5).to_string())


if __name__ == "__main__":
    main()
