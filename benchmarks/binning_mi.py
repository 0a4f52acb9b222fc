"""Binned MI on Sturges' bins: count bias of several columns, bin rules, outliers.

Run: PYTHONPATH=src python benchmarks/binning_mi.py [rule|dims|outlier|loss]
Prints mean errors (estimate - truth, nats) of the plug-in MI on equal-width bins
(as ``Binning().mi`` computes it, without its warnings):

* ``rule``: a bivariate normal, rho in {0, 0.5, 0.9, 0.99}, n in {1e3, 1e4, 1e5}
  (5, 5, 2 seeds), on Sturges' ``log2 n + 1`` bins (the default), on Scott's
  width for d = 2 (``entropy_width_bins(column, 2)``) and on the rho-dependent
  count of Hacine-Gharbi & Ravier (2018), ``round(sqrt(1 + sqrt(1 + 24 n /
  (1 - r^2))) / sqrt(2))`` with the sample correlation r; "mm": Miller-Madow.
* ``dims``: x of dx normal columns, y of dy, y = c x[:, :dy] + noise, c in
  {0, 0.6}: Sturges' bins against ``(log2 n + 1) ** (2 / d)`` per column
  (d = dx + dy), and the count bias ``b1 = (K_xy - K_x - K_y + 1) / (2 n)``.
* ``outlier``: rho^2 = 0.5 (MI 0.347), n = 2000, x mapped or given one far
  value: the error and the share of rows in the largest equal-width bin.
* ``loss``: the discretisation loss of a bivariate normal on Sturges' bins,
  rho in {0, 0.3, ..., 0.99}, n in {1e3, 1e4, 1e5} (5 seeds), against the
  statistic ``Binning`` warns on, ``I_binned / min(H(X_binned), H(Y_binned))``
  (its range over the seeds), and the error on equal-frequency bins.
"""

from __future__ import annotations

import math
import sys

import numpy as np
from scipy.stats import chi2, norm

from mutinfo.estimators.binning import bin_column, entropy_width_bins


def sturges(n: int) -> int:
    return math.ceil(math.log2(n)) + 1


def entropy(cols: list[np.ndarray]) -> tuple[float, int]:
    _, inv = np.unique(np.column_stack(cols), axis=0, return_inverse=True)
    c = np.bincount(inv.ravel())
    n = int(c.sum())
    return math.log(n) - float(np.sum(c * np.log(c))) / n, int(c.size)


def mi(
    xc: list[np.ndarray], yc: list[np.ndarray], mm: bool = False
) -> tuple[float, float]:
    (hx, kx), (hy, ky), (hxy, kxy) = entropy(xc), entropy(yc), entropy(xc + yc)
    n = xc[0].size
    b1 = (kxy - kx - ky + 1) / (2 * n)
    return hx + hy - hxy - (b1 if mm else 0.0), b1


def codes(column: np.ndarray, bins: int) -> np.ndarray:
    return bin_column(column, "equal_width", bins)[0]


def hgr(n: int, r: float) -> int:
    return max(
        2, round(math.sqrt(1 + math.sqrt(1 + 24 * n / (1 - r**2))) / math.sqrt(2))
    )


def rule() -> None:
    print(
        "| rho (truth) | n | Sturges | Sturges mm | Scott d=2 | Scott mm "
        "| HGR | HGR mm |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for rho in (0.0, 0.5, 0.9, 0.99):
        truth = -0.5 * math.log(1 - rho**2)
        for n in (1000, 10_000, 100_000):
            errs: dict[str, list[float]] = {}
            for s in range(5 if n < 100_000 else 2):
                g = np.random.default_rng(s)
                x = g.standard_normal(n)
                y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
                r = float(np.corrcoef(x, y)[0, 1])
                for name, bx, by in (
                    ("sturges", sturges(n), sturges(n)),
                    ("scott", entropy_width_bins(x, 2), entropy_width_bins(y, 2)),
                    ("hgr", hgr(n, r), hgr(n, r)),
                ):
                    for mm in (False, True):
                        v, _ = mi([codes(x, bx)], [codes(y, by)], mm)
                        errs.setdefault(f"{name}{mm}", []).append(v - truth)
            row = " | ".join(f"{np.mean(e):+.3f}" for e in errs.values())
            print(f"| {rho} ({truth:.3f}) | {n:,} | {row} |", flush=True)


def dims() -> None:
    print("| dx+dy | c | n | Sturges | Sturges mm | b1 | (log2 n+1)^(2/d) |")
    print("|---|---|---|---|---|---|---|")
    for dx, dy in ((1, 1), (2, 1), (3, 1), (2, 2)):
        for c in (0.0, 0.6):
            truth = -dy * 0.5 * math.log(1 - c**2)
            for n in (500, 2000, 5000, 20_000, 100_000):
                errs: dict[str, list[float]] = {}
                for s in range(3 if n <= 20_000 else 1):
                    g = np.random.default_rng(s)
                    x = g.standard_normal((n, dx))
                    noise = g.standard_normal((n, dy))
                    y = c * x[:, :dy] + math.sqrt(1 - c**2) * noise
                    sb = sturges(n)
                    for name, b in (
                        ("st", sb),
                        ("d", max(2, round(sb ** (2 / (dx + dy))))),
                    ):
                        xc = [codes(x[:, j], b) for j in range(dx)]
                        yc = [codes(y[:, j], b) for j in range(dy)]
                        v, b1 = mi(xc, yc)
                        errs.setdefault(name, []).append(v - truth)
                        if name == "st":
                            errs.setdefault("mm", []).append(v - b1 - truth)
                            errs.setdefault("b1", []).append(b1)
                e = {k: f"{np.mean(v):+.3f}" for k, v in errs.items()}
                print(
                    f"| {dx}+{dy} | {c} | {n:,} | {e['st']} | {e['mm']} | "
                    f"{e['b1']} | {e['d']} |",
                    flush=True,
                )


def outlier() -> None:
    rho = math.sqrt(0.5)
    truth = -0.5 * math.log(1 - rho**2)
    maps = {
        "x": lambda x: x,
        "chi2_1 of x": lambda x: chi2.ppf(norm.cdf(x), 1),
        "exp(x)": np.exp,
        "x^3": lambda x: x**3,
        "one x = 1e6": lambda x: np.r_[1e6, x[1:]],
        "one x = 1e308": lambda x: np.r_[1e308, x[1:]],
    }
    print("| x | error | largest bin's share of rows |")
    print("|---|---|---|")
    n = 2000
    for name, f in maps.items():
        errs, shares = [], []
        for s in range(5):
            g = np.random.default_rng(s)
            x = g.standard_normal(n)
            y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
            xx = f(x)
            cx = codes(xx, sturges(n))
            errs.append(mi([cx], [codes(y, sturges(n))])[0] - truth)
            shares.append(np.bincount(cx).max() / n)
        print(
            f"| {name} | {np.mean(errs):+.3f} | {min(shares):.2f}-{max(shares):.2f} |"
        )


def loss() -> None:
    print("| rho (truth) | n | Sturges | ratio I / min H | equal-frequency |")
    print("|---|---|---|---|---|")
    for rho in (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
        truth = -0.5 * math.log(1 - rho**2)
        for n in (1000, 10_000, 100_000):
            errs, ratios, eqf = [], [], []
            for s in range(5):
                g = np.random.default_rng(s)
                x = g.standard_normal(n)
                y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
                cx, cy = codes(x, sturges(n)), codes(y, sturges(n))
                v, _ = mi([cx], [cy])
                hmin = min(entropy([cx])[0], entropy([cy])[0])
                errs.append(v - truth)
                ratios.append(v / hmin)
                fx = bin_column(x, "equal_frequency", sturges(n))[0]
                fy = bin_column(y, "equal_frequency", sturges(n))[0]
                eqf.append(mi([fx], [fy])[0] - truth)
            print(
                f"| {rho} ({truth:.3f}) | {n:,} | {np.mean(errs):+.3f} | "
                f"{min(ratios):.3f}-{max(ratios):.3f} | {np.mean(eqf):+.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    {"rule": rule, "dims": dims, "outlier": outlier, "loss": loss}[
        sys.argv[1] if len(sys.argv) > 1 else "rule"
    ]()
