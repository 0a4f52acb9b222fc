"""KSG's relative bias on Gaussians by joint dimension and n: the rule behind the
high-dimension BiasWarning (``estimators/_guards.warn_dimension``).

Run: python benchmarks/ksg_dimension_bias.py
Prints, for X, Y in d dims each with componentwise correlation rho, the truth
-d/2 log(1 - rho^2), the KSG estimate (k=3) and the relative error.
"""

from __future__ import annotations

import warnings

import numpy as np

import mutinfo as mt


def main() -> None:
    print("d_x+d_y  rho   n       truth   ksg     rel.err")
    for d in (1, 2, 3, 4, 5):
        for rho in (0.5, 0.9):
            for n in (1000, 10000):
                g = np.random.default_rng(0)
                x = g.standard_normal((n, d))
                y = rho * x + np.sqrt(1 - rho**2) * g.standard_normal((n, d))
                truth = -d / 2 * np.log(1 - rho**2)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", mt.MutinfoWarning)
                    est = mt.mi(x, y, method="ksg", rng=0)
                print(
                    f"{2 * d:7d}  {rho:.1f}  {n:6d}  {truth:6.3f}  {est:6.3f}  "
                    f"{(est - truth) / truth:+.0%}"
                )


if __name__ == "__main__":
    main()
