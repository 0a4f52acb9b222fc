"""Permutation tests: prepared null statistics against re-estimating each surrogate.

``mt.independence_test`` evaluates an index surrogate with the family's null
kernel (:mod:`mutinfo.stats._fast_null`) when it has one; this script times
the same test with the kernels switched off (every surrogate re-estimated by
the registered estimator), prints ms per permutation for both and the ratio,
and checks that the p-values agree.

Run: ``PYTHONPATH=src python benchmarks/permutation_null.py [--n 10000]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import mutinfo as mt
from mutinfo.stats import _testing


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--permutations", type=int, default=1000)
    args = parser.parse_args(argv)
    n = args.n
    g = np.random.default_rng(0)
    x = g.standard_normal(n)
    y = 0.05 * x + g.standard_normal(n)
    xd = g.integers(0, 8, n)
    yd = (xd + g.integers(0, 8, n)) % 8
    # Load numba's kernels and scipy.stats before timing anything.
    mt.mi(x, y, method="ksg", algorithm="grid")
    mt.mi(x, y, method="gaussian_copula")
    prepared = _testing.null_statistic
    print(f"n = {n}; ms per permutation (prepared null vs re-estimating)")
    cases = [
        ("plugin", xd, yd),
        ("grassberger", xd, yd),
        ("gaussian", x, y),
        ("gaussian_copula", x, y),
        ("ksg", x, y),
    ]
    for method, a, b in cases:
        count = args.permutations if method != "ksg" else args.permutations // 5
        start = time.perf_counter()
        fast = mt.independence_test(a, b, method=method, n_permutations=count, rng=0)
        ours = (time.perf_counter() - start) / count
        _testing.null_statistic = lambda *_: None  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            slow = mt.independence_test(
                a, b, method=method, n_permutations=count, rng=0
            )
            generic = (time.perf_counter() - start) / count
        finally:
            _testing.null_statistic = prepared
        print(
            f"  {method:16s} {1e3 * ours:8.3f}  {1e3 * generic:8.3f}  "
            f"{generic / ours:6.1f}x  p {fast.p_value:.4f} / {slow.p_value:.4f}"
        )


if __name__ == "__main__":
    main()
