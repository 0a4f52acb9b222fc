"""Evidence for ``auto``'s MI family on labels: asymmetric and smooth tables (issue 21).

Bias +- its standard error and RMSE (nats) per counting family, and of the rule
:func:`mutinfo._rules.choose_discrete_family`, on tables that the square copy
channels of ``benchmarks/discrete.py --rule`` do not cover:

- ordinal features against a few classes: Y uniform on m = 2, 3, 5 classes,
  X the k = 20, 50, 100-valued discretisation of N(shift * (Y - (m - 1) / 2), 1)
  (k / 6.25 bins per standard deviation, centred, end bins open), shift 0.6
  and 2.0 (and 1.0 for k = 50, m = 3: Wine's magnesium against cultivar);
- a 2-D correlated Gaussian on 20 x 20 bins (width 0.25 sd), rho 0.3, 0.6, 0.9;
- asymmetric copy-like channels: X uniform on 40 values, Y = X mod 4 w.p. q,
  else uniform on 4 (q = 0.5, 0.9);
- the square channels (8 x 8, Zipf 40 x 40, uniform 20 x 20), the Zipf-40
  copy Y = X (a functional table) and independent tables.

Every table is drawn cell by cell from its exact joint pmf, so the truth is
exact. Ordinal, Gaussian, mod and independent tables run at n = c * (cells of
the support) for c = 0.1 ... 4 (at least 20 rows); the square channels at
N = 100 ... 10^4. ``rule`` is ``auto``'s choice
(:func:`mutinfo._auto.discrete_family_of`) on each draw's observed numbers;
the last lines give each family's and the rule's worst RMSE.

Run: ``PYTHONPATH=src python benchmarks/discrete_mi_rule.py [--draws 60]
[--only ordinal gauss] [--save draws.npz] [--shard 0 4]``.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np
from scipy.stats import multivariate_normal, norm

import mutinfo as mt
from mutinfo._auto import discrete_family_of

FAMILIES = [
    "plugin",
    "miller_madow",
    "grassberger",
    "james_stein",
    "nsb",
    "dirichlet_product",
]
COVERAGES = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)
SQUARE_N = (100, 300, 1000, 3000, 10_000)
SINGLETON_N = (50, 100, 300, 1000)


def _mi(joint: np.ndarray) -> float:
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    nz = joint > 0
    return float((joint[nz] * np.log(joint[nz] / np.outer(px, py)[nz])).sum())


def ordinal(k: int, m: int, shift: float) -> np.ndarray:
    """p(x, y): Y uniform on m classes, X = round(k/6.25 * N(shift*(Y-c), 1) + k/2)."""
    edges = (np.arange(k + 1) - 0.5 - k / 2) / (k / 6.25)
    edges[0], edges[-1] = -np.inf, np.inf
    centre = (m - 1) / 2
    cols = [np.diff(norm.cdf(edges, loc=shift * (y - centre))) / m for y in range(m)]
    return np.column_stack(cols)


def gauss(rho: float, bins: int = 20) -> np.ndarray:
    """A bivariate normal (unit variances, correlation rho) on bins x bins cells."""
    edges = (np.arange(bins + 1) - bins / 2) * 0.25
    edges[0], edges[-1] = -10.0, 10.0
    grid = np.stack(np.meshgrid(edges, edges, indexing="ij"), axis=-1)
    cdf = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf(grid)
    joint = np.diff(np.diff(cdf, axis=0), axis=1)
    joint = np.clip(joint, 0, None)
    return np.asarray(joint / joint.sum())


def channel(p: np.ndarray, keep: float) -> np.ndarray:
    return np.asarray(keep * np.diag(p) + (1 - keep) * p[:, None] / p.size)


def mod_channel(k: int, m: int, keep: float) -> np.ndarray:
    joint = np.full((k, m), (1 - keep) / (k * m))
    joint[np.arange(k), np.arange(k) % m] += keep / k
    return joint


def _zipf(k: int) -> np.ndarray:
    p = 1.0 / np.arange(1, k + 1)
    return np.asarray(p / p.sum())


def cases() -> dict[str, tuple[str, np.ndarray]]:
    """Name -> (group, exact joint pmf)."""
    out: dict[str, tuple[str, np.ndarray]] = {}
    for k in (20, 50, 100):
        for m in (2, 3, 5):
            shifts = (0.6, 1.0, 2.0) if (k, m) == (50, 3) else (0.6, 2.0)
            for s in shifts:
                out[f"ord k={k} m={m} s={s}"] = ("ordinal", ordinal(k, m, s))
    for rho in (0.3, 0.6, 0.9):
        out[f"gauss20 rho={rho}"] = ("gauss", gauss(rho))
    for q in (0.5, 0.9):
        out[f"mod4 40x4 q={q}"] = ("mod", mod_channel(40, 4, q))
    out["8x8 channel"] = ("square", channel(np.arange(8, 0, -1) / 36.0, 0.6))
    out["zipf 40x40"] = ("square", channel(_zipf(40), 0.5))
    out["uniform 20x20"] = ("square", channel(np.full(20, 1 / 20), 0.3))
    out["zipf40 copy"] = ("square", channel(_zipf(40), 1.0))
    out["indep zipf 40x40"] = ("independent", np.outer(_zipf(40), _zipf(40)))
    out["indep ord 50x3"] = ("independent", ordinal(50, 3, 0.0))
    out["indep unif 20x20"] = ("independent", np.full((20, 20), 1 / 400))
    # Nearly every value of X seen once (row IDs, codes unique to their row).
    out["indep unif 1000x2"] = ("singletons", np.full((1000, 2), 1 / 2000))
    out["indep unif 1000x5"] = ("singletons", np.full((1000, 5), 1 / 5000))
    out["ord k=500 m=2 s=2"] = ("singletons", ordinal(500, 2, 2.0))
    out["ord k=500 m=3 s=1"] = ("singletons", ordinal(500, 3, 1.0))
    out["ord k=200 m=3 s=0.6"] = ("singletons", ordinal(200, 3, 0.6))
    return out


def sizes_for(group: str, joint: np.ndarray) -> list[int]:
    if group == "square":
        return list(SQUARE_N)
    if group == "singletons":
        return list(SINGLETON_N)
    return sorted({max(20, round(c * joint.size)) for c in COVERAGES})


def draw(
    joint: np.ndarray, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    cell = rng.choice(joint.size, size=n, p=joint.ravel())
    return cell // joint.shape[1], cell % joint.shape[1]


def features(x: np.ndarray, y: np.ndarray) -> tuple[int, int, int, int, bool]:
    """What the rule sees: n, |X|, |Y| observed, occupied cells, functional."""
    kx, ky = len(np.unique(x)), len(np.unique(y))
    occupied = len(np.unique(x * (int(y.max()) + 1) + y))
    return x.size, kx, ky, occupied, occupied == max(kx, ky)


def rule(n: int, kx: int, ky: int, occupied: int, functional: bool) -> str:
    return discrete_family_of(
        "mi", n, kx * ky, occupied, functional=functional, sizes=(kx, ky)
    )


def _estimate(x: np.ndarray, y: np.ndarray, method: str) -> float:
    try:
        return float(mt.mi(x, y, method=method))
    except mt.MutinfoError:  # NSB without a repeated row
        return math.nan


def _cell(errors: np.ndarray) -> str:
    if np.isnan(errors).any():
        return f"fails {int(np.isnan(errors).sum()):d}x".ljust(19)
    bias = float(errors.mean())
    se = float(errors.std(ddof=1) / math.sqrt(errors.size))
    rmse = math.sqrt(float((errors**2).mean()))
    return f"{bias:+.3f}({se:.3f})/{rmse:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=60)
    parser.add_argument(
        "--only", nargs="*", default=None, help="groups: ordinal gauss mod square ..."
    )
    parser.add_argument("--save", default=None, help="write every draw to this .npz")
    parser.add_argument(
        "--shard", nargs=2, type=int, default=(0, 1), help="i s: every s-th case from i"
    )
    args = parser.parse_args()
    first, step = args.shard
    rows: list[tuple[object, ...]] = []
    worst: dict[str, tuple[float, str]] = dict.fromkeys([*FAMILIES, "rule"], (0.0, ""))
    print("MI per family: bias(SE)/RMSE in nats; c = n / observed cells (mean)")
    print("family order: " + ", ".join([*FAMILIES, "rule"]))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for index, (name, (group, joint)) in enumerate(cases().items()):
            if (args.only and group not in args.only) or index % step != first:
                continue
            rng = np.random.default_rng([0, index])
            truth = _mi(joint)
            for n in sizes_for(group, joint):
                errs: dict[str, list[float]] = {m: [] for m in [*FAMILIES, "rule"]}
                cells, chosen = [], set()
                for d in range(args.draws):
                    x, y = draw(joint, n, rng)
                    feat = features(x, y)
                    cells.append(feat[1] * feat[2])
                    values = [_estimate(x, y, m) for m in FAMILIES]
                    for m, v in zip(FAMILIES, values, strict=True):
                        errs[m].append(v - truth)
                    pick = rule(*feat)
                    chosen.add(pick)
                    errs["rule"].append(values[FAMILIES.index(pick)] - truth)
                    rows.append((name, truth, d, *feat, *values))
                line = " ".join(_cell(np.array(e)) for e in errs.values())
                print(
                    f"{name:22s} truth {truth:.3f} n={n:<5d} "
                    f"c={n / np.mean(cells):5.2f} | {line} | rule: "
                    + ",".join(sorted(chosen)),
                    flush=True,
                )
                for m, e in errs.items():
                    rmse = math.sqrt(float(np.mean(np.square(e))))
                    if math.isnan(worst[m][0]):
                        continue  # a failure (nan) stays the worst
                    if not rmse <= worst[m][0]:
                        worst[m] = (rmse, f"{name} n={n}")
    seconds = time.perf_counter() - start
    print(f"\nworst RMSE over these cases ({seconds:.0f} s; nan: a failed draw):")
    for m, (rmse, where) in worst.items():
        print(f"  {m:18s} {rmse:.3f}  ({where})")
    if args.save:
        np.savez(args.save, rows=np.array(rows, dtype=object), families=FAMILIES)


if __name__ == "__main__":
    main()
