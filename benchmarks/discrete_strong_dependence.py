"""Bias of the counting families on strongly dependent many-valued codes.

X uniform on K values; Y = X with probability q, else uniform on K values, so
``p(x, y) = q [y = x] / K + (1 - q) / K^2`` and the truth is exact. The grid:
K in {10, 30, 100, 300}, n in {20, 100, 1000, 5000}, q in {0, 0.5, 0.9}. Each
line gives the mean of the occupied joint cells per row (``occ``) and of the
joint singletons per row (``f1``, Good-Turing's unseen mass), the mean error
(bias, nats) of every counting family over the draws, ``auto``'s choice and
error, and the share of draws on which ``auto``'s estimate raised a
:class:`~mutinfo.exceptions.BiasWarning` (``warn``). A warning rule is judged
by that column: it should fire where ``auto``'s bias is large and not where
it is small (false alarms).

Run: ``PYTHONPATH=src python benchmarks/discrete_strong_dependence.py
[--draws 20] [--k 100 300] [--n 1000 5000] [--q 0.9]``.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np

import mutinfo as mt

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
ROWS = (20, 100, 1000, 5000)
STRENGTHS = (0.0, 0.5, 0.9)


def truth(k: int, q: float) -> float:
    """Exact I(X; Y) of the copy channel (uniform marginals)."""
    on = q / k + (1 - q) / k**2  # p(x, x)
    off = (1 - q) / k**2
    total = k * on * math.log(on * k * k)
    if off > 0:
        total += k * (k - 1) * off * math.log(off * k * k)
    return total


def draw(
    k: int, q: float, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """n rows of the copy channel."""
    x = rng.integers(k, size=n)
    y = np.where(rng.random(n) < q, x, rng.integers(k, size=n))
    return x, y


def _estimate(x: np.ndarray, y: np.ndarray, method: str) -> tuple[float, str, bool]:
    """Value, the family that ran and whether a BiasWarning was raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", mt.MutinfoWarning)
        try:
            res = mt.estimate("mi", x, y, method=method, discrete=True)
        except mt.MutinfoError:  # NSB without a repeated row
            return math.nan, method, False
    biased = any(issubclass(w.category, mt.exceptions.BiasWarning) for w in caught)
    return float(res.value), str(res.method), biased


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--k", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--n", type=int, nargs="*", default=list(ROWS))
    parser.add_argument("--q", type=float, nargs="*", default=list(STRENGTHS))
    parser.add_argument("--families", nargs="*", default=FAMILIES)
    args = parser.parse_args()
    known = {m.name for m in mt.methods()}
    families = [f for f in args.families if f in known]
    short = {f: f[:9] for f in families}
    print(
        "MI bias (nats, mean over draws); occ, f1 = occupied cells, singletons"
        " per row; auto = its choice, bias and BiasWarning rate"
    )
    print(
        "   K     n    q  truth   occ    f1 "
        + " ".join(f"{short[f]:>9}" for f in families)
        + "      auto  warn  choice"
    )
    start = time.perf_counter()
    for k in args.k:
        for n in args.n:
            for q in args.q:
                rng = np.random.default_rng([k, n, int(q * 10)])
                exact = truth(k, q)
                errs: dict[str, list[float]] = {f: [] for f in families}
                auto_errs, warned, occs, f1s = [], [], [], []
                picked: dict[str, int] = {}
                for _ in range(args.draws):
                    x, y = draw(k, q, n, rng)
                    _, counts = np.unique(x * k + y, return_counts=True)
                    occs.append(counts.size / n)
                    f1s.append(float((counts == 1).sum()) / n)
                    for f in families:
                        errs[f].append(_estimate(x, y, f)[0] - exact)
                    value, name, biased = _estimate(x, y, "auto")
                    auto_errs.append(value - exact)
                    warned.append(biased)
                    picked[name] = picked.get(name, 0) + 1
                cells = " ".join(
                    f"{np.nanmean(errs[f]):>+9.3f}"
                    if not np.isnan(errs[f]).all()
                    else f"{'fails':>9}"
                    for f in families
                )
                chosen = ",".join(f"{m}x{c}" for m, c in sorted(picked.items()))
                print(
                    f"{k:>4} {n:>5} {q:>4.1f} {exact:6.3f} {np.mean(occs):5.3f} "
                    f"{np.mean(f1s):5.3f} {cells} {np.mean(auto_errs):>+9.3f} "
                    f"{np.mean(warned):5.2f}  {chosen}",
                    flush=True,
                )
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
