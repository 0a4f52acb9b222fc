"""How often KSG's small-sample ``BiasWarning`` fires, on independent and on
dependent data: the rule behind ``estimators/_guards.warn_small_n``.

Run: python benchmarks/ksg_small_n_alarm.py [--null] [--quick]

Default: the share of 200 draws (Gaussian pairs, KSG at k = 3, 1-D x 1-D,
plus 1-D x 2-D and 2-D x 2-D at rho 0) on which ``mt.mi(x, y, method="ksg")``
gives the small-sample warning, by correlation rho and n. On independent
columns (rho 0) the warning is a false alarm: their estimate carries no bias,
only noise around 0.

``--null``: KSG's null distribution by joint dimension and n (1000 draws of
independent Gaussian columns; other seeds than the alarm rates): its 95th and
99th percentiles and sd, from which ``_guards.KSG_NULL_Q99`` is taken.
"""

from __future__ import annotations

import re
import sys
import warnings

import numpy as np

import mutinfo as mt
from mutinfo.estimators._guards import SMALL_N_MESSAGE

NS = (10, 15, 20, 30, 50)
RHOS = (0.0, 0.6, 0.9)
NULL_NS = (10, 20, 30, 50, 100, 200, 500, 1000)


def sample(
    g: np.random.Generator, n: int, rho: float, dim: int
) -> tuple[np.ndarray, np.ndarray]:
    half = dim // 2
    x = g.standard_normal((n, dim - half))
    y = rho * x[:, :half] + np.sqrt(1 - rho**2) * g.standard_normal((n, half))
    return x, y


def alarm_rates(quick: bool) -> None:
    reps = 50 if quick else 200
    cases = [(2, rho) for rho in RHOS] + [(3, 0.0), (4, 0.0)]
    print(
        f"share of {reps} draws that warn (small-sample BiasWarning): "
        "'looks dependent, biased' / 'this sample cannot tell'"
    )
    print("dim  rho   truth  " + "  ".join(f"n={n:<11}" for n in NS))
    pattern = re.compile(SMALL_N_MESSAGE)
    for dim, rho in cases:
        truth = -0.5 * (dim // 2) * np.log(1 - rho**2) + 0.0  # no -0.0
        shares = []
        for n in NS:
            hits = tells = 0
            for s in range(reps):
                g = np.random.default_rng(1000 * n + s)
                x, y = sample(g, n, rho, dim)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    mt.mi(x, y, method="ksg", rng=s)
                said = [str(w.message) for w in caught]
                said = [m for m in said if pattern.match(m)]
                tells += any("cannot tell" in m for m in said)
                hits += any("cannot tell" not in m for m in said)
            shares.append(f"{hits / reps:.1%}/{tells / reps:.0%}")
        print(
            f"{dim:<4} {rho:<5} {truth:<6.3f} " + "  ".join(f"{v:<13}" for v in shares),
            flush=True,
        )


def null_quantiles(quick: bool) -> None:
    reps = 200 if quick else 1000
    print(f"KSG (k = 3) on independent Gaussian columns, {reps} draws")
    print("dim  n      q95     q99     sd")
    for dim in (2, 3, 4):
        for n in NULL_NS:
            est = []
            for s in range(reps):
                g = np.random.default_rng(77_000_000 + 1000 * n + s)
                x, y = sample(g, n, 0.0, dim)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    est.append(float(mt.mi(x, y, method="ksg", rng=s)))
            e = np.asarray(est)
            q95, q99 = np.quantile(e, [0.95, 0.99])
            print(f"{dim:<4} {n:<6} {q95:.3f}   {q99:.3f}   {e.std(ddof=1):.3f}")


if __name__ == "__main__":
    if "--null" in sys.argv:
        null_quantiles("--quick" in sys.argv)
    else:
        alarm_rates("--quick" in sys.argv)
