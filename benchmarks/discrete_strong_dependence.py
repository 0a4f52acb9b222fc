"""Bias of the counting families on strongly dependent many-valued codes.

X uniform on K values; Y = X with probability q, else uniform on K values, so
``p(x, y) = q [y = x] / K + (1 - q) / K^2`` and the truth is exact. The grid:
K in {10, 30, 100, 300}, n in {20, 100, 1000, 5000}, q in {0, 0.5, 0.9}.
With ``--zipf s [s ...]`` X follows a Zipf law on K values instead
(``p_i ~ i^-s``; Y = X w.p. q, else uniform on K values, truth
``H(Y) - H(Y | X)`` summed exactly) over K in {100, 300, 1000, 3000}, n in
{500, 2000, 10000} and q in {1, 0.9}. Each line gives the mean of the
occupied joint cells per row (``occ``), of the joint singletons per row
(``f1``, Good-Turing's unseen mass of the joint) and of the larger
marginal's singletons per row (``f1m``, Good-Turing's unseen mass of the
marginals), the mean error (bias, nats) of every counting family over the
draws with the share of draws on which it raised a
:class:`~mutinfo.exceptions.BiasWarning` (``bias/warn``), and ``auto``'s
choice, error and warning share. A warning rule is judged by those shares:
they should be high where the bias is large and low where it is small (false
alarms). ``--dump FILE.json`` writes every draw's numbers.

Run: ``PYTHONPATH=src python benchmarks/discrete_strong_dependence.py
[--draws 20] [--k 100 300] [--n 1000 5000] [--q 0.9] [--zipf 1 1.5]``.
"""

from __future__ import annotations

import argparse
import json
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
ZIPF_SIZES = (100, 300, 1000, 3000)
ZIPF_ROWS = (500, 2000, 10000)
ZIPF_STRENGTHS = (1.0, 0.9)
ZIPF_FAMILIES = [
    "plugin",
    "grassberger",
    "chao_shen",
    "nsb",
    "dirichlet_product",
]


def truth(k: int, q: float) -> float:
    """Exact I(X; Y) of the copy channel (uniform marginals)."""
    on = q / k + (1 - q) / k**2  # p(x, x)
    off = (1 - q) / k**2
    total = k * on * math.log(on * k * k)
    if off > 0:
        total += k * (k - 1) * off * math.log(off * k * k)
    return total


def zipf_law(k: int, s: float) -> np.ndarray:
    """``p_i ~ i^-s`` on K values."""
    p = np.arange(1, k + 1, dtype=float) ** -s
    return p / p.sum()


def zipf_truth(k: int, q: float, s: float) -> float:
    """Exact I(X; Y) of the copy channel over a Zipf code (uniform noise)."""
    p = zipf_law(k, s)
    py = q * p + (1 - q) / k
    h_y = -float((py * np.log(py)).sum())
    on = q + (1 - q) / k  # p(y = x | x)
    h_y_x = -on * math.log(on)
    if q < 1:
        off = (1 - q) / k
        h_y_x -= (k - 1) * off * math.log(off)
    return h_y - h_y_x


def draw(
    k: int, q: float, n: int, rng: np.random.Generator, zipf: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """n rows of the copy channel (X uniform, or Zipf with exponent ``zipf``)."""
    if zipf is None:
        x = rng.integers(k, size=n)
    else:
        x = rng.choice(k, size=n, p=zipf_law(k, zipf))
    y = np.where(rng.random(n) < q, x, rng.integers(k, size=n))
    return x, y


def singletons(v: np.ndarray) -> float:
    """Values seen once, per row (Good-Turing's unseen mass)."""
    return float((np.unique(v, return_counts=True)[1] == 1).sum()) / v.size


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
    parser.add_argument("--k", type=int, nargs="*", default=None)
    parser.add_argument("--n", type=int, nargs="*", default=None)
    parser.add_argument("--q", type=float, nargs="*", default=None)
    parser.add_argument("--zipf", type=float, nargs="*", default=None)
    parser.add_argument("--families", nargs="*", default=None)
    parser.add_argument("--dump", default=None)
    args = parser.parse_args()
    zipf = args.zipf is not None
    sizes = args.k or list(ZIPF_SIZES if zipf else SIZES)
    rows = args.n or list(ZIPF_ROWS if zipf else ROWS)
    strengths = args.q or list(ZIPF_STRENGTHS if zipf else STRENGTHS)
    exponents: list[float | None] = list(args.zipf or [None]) if zipf else [None]
    known = {m.name for m in mt.methods()}
    wanted = args.families or (ZIPF_FAMILIES if zipf else FAMILIES)
    families = [f for f in wanted if f in known]
    short = {f: f[:11] for f in families}
    print(
        "MI bias (nats, mean over draws) / share of draws with a BiasWarning;"
        " occ, f1, f1m = occupied joint cells, joint and marginal singletons"
        " per row; auto = its choice"
    )
    print(
        "   s    K     n    q  truth   occ    f1   f1m "
        + " ".join(f"{short[f]:>11}" for f in families)
        + "        auto  choice"
    )
    dump: list[dict[str, object]] = []
    start = time.perf_counter()
    for s in exponents:
        for k in sizes:
            for n in rows:
                for q in strengths:
                    seed = [k, n, int(q * 10)] + ([int(s * 10)] if s else [])
                    rng = np.random.default_rng(seed)
                    exact = truth(k, q) if s is None else zipf_truth(k, q, s)
                    errs: dict[str, list[float]] = {f: [] for f in families}
                    warns: dict[str, list[bool]] = {f: [] for f in families}
                    auto_errs, warned, occs, f1s, f1ms = [], [], [], [], []
                    picked: dict[str, int] = {}
                    for _ in range(args.draws):
                        x, y = draw(k, q, n, rng, s)
                        _, counts = np.unique(x * k + y, return_counts=True)
                        occs.append(counts.size / n)
                        f1s.append(float((counts == 1).sum()) / n)
                        f1ms.append(max(singletons(x), singletons(y)))
                        row: dict[str, object] = {
                            "s": s, "k": k, "n": n, "q": q, "truth": exact,
                            "occ": occs[-1], "f1": f1s[-1],
                            "f1x": singletons(x), "f1y": singletons(y),
                        }  # fmt: skip
                        for f in families:
                            value, _, biased = _estimate(x, y, f)
                            errs[f].append(value - exact)
                            warns[f].append(biased)
                            row[f] = value
                            row[f + "_warn"] = biased
                        value, name, biased = _estimate(x, y, "auto")
                        auto_errs.append(value - exact)
                        warned.append(biased)
                        picked[name] = picked.get(name, 0) + 1
                        row.update(auto=value, auto_method=name, auto_warn=biased)
                        dump.append(row)
                    cells = " ".join(
                        f"{np.nanmean(errs[f]):>+6.3f}/{np.mean(warns[f]):4.2f}"
                        if not np.isnan(errs[f]).all()
                        else f"{'fails':>11}"
                        for f in families
                    )
                    chosen = ",".join(f"{m}x{c}" for m, c in sorted(picked.items()))
                    print(
                        f"{s or 0:>4} {k:>4} {n:>5} {q:>4.1f} {exact:6.3f} "
                        f"{np.mean(occs):5.3f} {np.mean(f1s):5.3f} "
                        f"{np.mean(f1ms):5.3f} {cells} "
                        f"{np.mean(auto_errs):>+6.3f}/{np.mean(warned):4.2f}  "
                        f"{chosen}",
                        flush=True,
                    )
    print(f"({time.perf_counter() - start:.0f} s)")
    if args.dump:
        with open(args.dump, "w") as fh:
            json.dump(dump, fh)


if __name__ == "__main__":
    main()
