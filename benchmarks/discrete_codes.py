"""Evidence for ``auto``'s MI family on two many-valued category codes.

Bias / RMSE (nats) of each registered counting family, and of ``auto``'s choice
(:func:`mutinfo._auto.discrete_family_of` on each draw's observed numbers), on
uniform codes related by a permutation channel: X uniform on K values, Y a
fixed random relabelling of X with probability q, else uniform on K values, so
``p(x, y) = q [y = pi(x)] / K + (1 - q) / K^2`` and the truth is exact. The grid:
K in {10, 30, 100, 300}, n / K in {2, 5, 10, 30} (rows per value), q in {0,
0.2 (weak), 0.5, 0.9 (strong)}. Each line also gives the occupied cells per
row (distinct (x, y) pairs / n), which the rule can see.

Run: ``PYTHONPATH=src python benchmarks/discrete_codes.py [--draws 20]
[--k 100] [--families plugin ...]``.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np

import mutinfo as mt
from mutinfo._auto import discrete_family_of

FAMILIES = [
    "plugin",
    "miller_madow",
    "grassberger",
    "chao_shen",
    "james_stein",
    "nsb",
    "dirichlet_product",
]
SIZES = (10, 30, 100, 300)
ROWS_PER_VALUE = (2, 5, 10, 30)
STRENGTHS = (0.0, 0.2, 0.5, 0.9)


def truth(k: int, q: float) -> float:
    """Exact I(X; Y) of the permutation channel (uniform marginals)."""
    on = q / k + (1 - q) / k**2  # p(x, pi(x))
    off = (1 - q) / k**2
    total = k * on * math.log(on * k * k)
    if off > 0:
        total += k * (k - 1) * off * math.log(off * k * k)
    return total


def draw(
    k: int, q: float, n: int, perm: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    x = rng.integers(k, size=n)
    y = np.where(rng.random(n) < q, perm[x], rng.integers(k, size=n))
    return x, y


def rule(x: np.ndarray, y: np.ndarray) -> tuple[str, float]:
    kx, ky = len(np.unique(x)), len(np.unique(y))
    occupied = len(np.unique(x * (int(y.max()) + 1) + y))
    name = discrete_family_of(
        "mi",
        x.size,
        kx * ky,
        occupied,
        functional=occupied == max(kx, ky),
        sizes=(kx, ky),
    )
    return name, occupied / x.size


def _estimate(x: np.ndarray, y: np.ndarray, method: str) -> float:
    try:
        return float(mt.mi(x, y, method=method, discrete=True))
    except mt.MutinfoError:  # NSB without a repeated row
        return math.nan


def _cell(errors: np.ndarray) -> str:
    if np.isnan(errors).any():
        return f"fails {int(np.isnan(errors).sum())}x".rjust(13)
    return f"{errors.mean():+.3f}/{math.sqrt((errors**2).mean()):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--k", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--families", nargs="*", default=FAMILIES)
    args = parser.parse_args()
    families = [f for f in args.families if f in {m.name for m in mt.methods()}]
    print("MI bias/RMSE (nats); occ = occupied cells / n (mean); rule = auto's choice")
    print(
        "  K  n/K    q  truth   occ  "
        + " ".join(f"{f[:13]:>13}" for f in families)
        + "  rule"
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for k in args.k:
            for per in ROWS_PER_VALUE:
                for q in STRENGTHS:
                    rng = np.random.default_rng([k, per, int(q * 10)])
                    perm = rng.permutation(k)
                    exact = truth(k, q)
                    errs: dict[str, list[float]] = {f: [] for f in families}
                    picked: dict[str, int] = {}
                    rule_errs, occs = [], []
                    for _ in range(args.draws):
                        x, y = draw(k, q, per * k, perm, rng)
                        values = {f: _estimate(x, y, f) - exact for f in families}
                        for f, v in values.items():
                            errs[f].append(v)
                        name, occ = rule(x, y)
                        picked[name] = picked.get(name, 0) + 1
                        occs.append(occ)
                        rule_errs.append(
                            values[name]
                            if name in values
                            else _estimate(x, y, name) - exact
                        )
                    cells = " ".join(
                        f"{_cell(np.array(errs[f])):>13}" for f in families
                    )
                    chosen = ",".join(f"{n}x{c}" for n, c in picked.items())
                    print(
                        f"{k:>3} {per:>4} {q:>4.1f} {exact:6.3f} {np.mean(occs):5.2f}  "
                        f"{cells}  {_cell(np.array(rule_errs))} {chosen}",
                        flush=True,
                    )
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
