"""Bias of KSG at its default k = 3 on small samples: the rule behind
``estimators/_guards.warn_small_n``.

Run: python benchmarks/ksg_small_n.py [--quick]
KSG (algorithm 1, k = 3) on Gaussian pairs with correlation rho per pair:
joint dimension 2 (x, y scalars; truth -log(1 - rho^2) / 2), 3 (x 2-D, of
which one column is y's pair; the same truth) and 4 (x, y 2-D, two
independent pairs; truth -log(1 - rho^2)), by n. Pass dimensions to run only
those (``python benchmarks/ksg_small_n.py 3``). For each cell:
the mean bias over the draws in nats and relative to the truth, the standard
error of that mean and the spread (sd) of one estimate.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

import mutinfo as mt

NS = (10, 20, 30, 50, 100, 200, 500, 1000)
RHOS = (0.0, 0.5, 0.8, 0.95, 0.99)


def draws(n: int, quick: bool) -> int:
    full = 200 if n <= 100 else (100 if n <= 500 else 40)
    return max(10, full // 8) if quick else full


def sample(
    g: np.random.Generator, n: int, rho: float, dim: int
) -> tuple[np.ndarray, np.ndarray]:
    half = dim // 2
    x = g.standard_normal((n, dim - half))
    y = rho * x[:, :half] + np.sqrt(1 - rho**2) * g.standard_normal((n, half))
    return x, y


def main(quick: bool) -> None:
    print("dim  rho    truth   n      draws  mean     bias     rel      se      sd")
    dims = [int(a) for a in sys.argv[1:] if a.isdigit()] or [2, 3, 4]
    for dim in dims:
        for rho in RHOS:
            truth = -0.5 * (dim // 2) * np.log(1 - rho**2)
            for n in NS:
                reps = draws(n, quick)
                est = []
                for s in range(reps):
                    g = np.random.default_rng(1000 * n + s)
                    x, y = sample(g, n, rho, dim)
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        est.append(float(mt.mi(x, y, method="ksg", rng=s)))
                e = np.asarray(est)
                bias = e.mean() - truth
                rel = f"{bias / truth:+7.1%}" if truth > 0 else "     - "
                print(
                    f"{dim:<4} {rho:<6} {truth:<7.3f} {n:<6} {reps:<6} "
                    f"{e.mean():<8.3f} {bias:+.3f}   {rel}  "
                    f"{e.std(ddof=1) / np.sqrt(reps):.3f}   {e.std(ddof=1):.3f}",
                    flush=True,
                )


if __name__ == "__main__":
    main("--quick" in sys.argv)
