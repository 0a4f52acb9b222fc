"""Accuracy of every family on every registered task, beside scikit-learn.

For each task of ``mutinfo.datasets`` (and the extra cases of issue 21: the
zero-inflated Gaussian pair, the rotated 25 x 25 sparse Gaussian, the 8 x 8
channel and the 40 x 40 Zipf channel at N = 100) this prints the mean error
(estimate - truth, nats) over ``--reps`` draws of ``auto`` and of each family
that applies, scikit-learn's ``mutual_info_regression`` / ``_classif`` where it
applies (1-D x 1-D), and whether ``auto`` is within noise of the best family
(its |mean error| at most the best one's plus two standard errors).

``--rule`` then prints, per joint dimension, the worst |error| of KSG and the
Gaussian copula over the continuous tasks of that dimension: the evidence for
:func:`mutinfo._rules.choose_continuous_family`.

Run:
    PYTHONPATH=src python benchmarks/accuracy.py                 # n = 1000, 3 reps
    PYTHONPATH=src python benchmarks/accuracy.py --large         # also n = 10^4
    PYTHONPATH=src python benchmarks/accuracy.py --tasks gao zero --reps 5
    PYTHONPATH=src python benchmarks/accuracy.py --rule
    PYTHONPATH=src python benchmarks/accuracy.py --reps 2 --table  # README table
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import mutinfo as mt
from mutinfo import datasets
from mutinfo.exceptions import MutinfoWarning

CONTINUOUS = ["ksg", "gaussian_copula", "mixed_ksg", "mixed_atoms", "kernel"]
DISCRETE = [
    "plugin",
    "miller_madow",
    "grassberger",
    "james_stein",
    "nsb",
    "dirichlet_product",
]
MIXED = ["mixed_ksg", "mixed_atoms", "ksg"]


@dataclass
class Case:
    name: str
    truth: float
    kind: str  # continuous, discrete, mixed
    dim: int  # joint dimension
    sample: Callable[[int, np.random.Generator], tuple[np.ndarray, np.ndarray]]
    fixed_n: int | None = None


def _zero_inflated(rho: float, q: float) -> Case:
    def sample(n: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        gx = g.standard_normal(n)
        gy = rho * gx + math.sqrt(1 - rho**2) * g.standard_normal(n)
        x = np.where(g.random(n) < q, 0.0, gx)
        return x, np.where(g.random(n) < q, 0.0, gy)

    # truth: tests/reference/scripts/zero_inflated_mi.py (quadrature)
    truth = (1 - q) ** 2 * (-0.5 * math.log(1 - rho**2))
    return Case(f"zero_inflated-rho{rho}-q{q}", truth, "mixed", 2, sample)


def _rotated_sparse() -> Case:
    task = datasets.gaussian_sparse(rho=0.8, dim_x=25, dim_y=25, n_interacting=2)
    g0 = np.random.default_rng(12345)
    qx, _ = np.linalg.qr(g0.standard_normal((25, 25)))
    qy, _ = np.linalg.qr(g0.standard_normal((25, 25)))

    def sample(n: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        x, y = task.sample(n, rng=g)
        return x @ qx, y @ qy

    return Case(
        "rotated_sparse-25x25", task.mutual_information, "continuous", 50, sample
    )


def _channel(name: str, p: np.ndarray, keep: float, n: int) -> Case:
    k = p.size
    joint = keep * np.diag(p) + (1 - keep) * p[:, None] / k
    py = joint.sum(axis=0)
    nz = joint > 0
    truth = float((joint[nz] * np.log(joint[nz] / np.outer(p, py)[nz])).sum())

    def sample(m: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        x = g.choice(k, size=m, p=p)
        return x, np.where(g.random(m) < keep, x, g.integers(0, k, m))

    return Case(name, truth, "discrete", 2, sample, fixed_n=n)


def extra_cases() -> list[Case]:
    zipf = 1.0 / np.arange(1, 41)
    return [
        _zero_inflated(0.6, 0.3),
        _zero_inflated(0.9, 0.3),
        _rotated_sparse(),
        _channel("channel-8x8-N100", np.arange(8, 0, -1) / 36.0, 0.6, 100),
        _channel("zipf-40x40-N100", zipf / zipf.sum(), 0.5, 100),
    ]


def registered_cases() -> list[Case]:
    out = []
    for name in datasets.tasks():
        task = datasets.get(name)
        kinds = {task.kind_x, task.kind_y}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        if kind == "mixed" or "mixed" in (task.kind_x, task.kind_y):
            kind = "mixed"

        def sample(
            n: int, g: np.random.Generator, t: datasets.Task = task
        ) -> tuple[np.ndarray, np.ndarray]:
            x, y = t.sample(n, rng=g)
            return x, y

        out.append(
            Case(name, task.mutual_information, kind, task.dim_x + task.dim_y, sample)
        )
    return out


def _sklearn(case: Case) -> Callable[[np.ndarray, np.ndarray], float] | None:
    try:
        from sklearn.feature_selection import (
            mutual_info_classif,
            mutual_info_regression,
        )
    except ImportError:
        return None
    if case.dim != 2:
        return None

    def run(x: np.ndarray, y: np.ndarray) -> float:
        x2 = np.asarray(x).reshape(-1, 1)
        y1 = np.asarray(y).reshape(-1)
        discrete_x = case.kind == "discrete"
        if case.kind == "discrete":
            return float(
                mutual_info_classif(x2, y1, discrete_features=True, random_state=0)[0]
            )
        return float(
            mutual_info_regression(
                x2, y1, discrete_features=discrete_x, random_state=0
            )[0]
        )

    return run


def methods_for(case: Case) -> list[str]:
    if case.kind == "discrete":
        return ["auto", *DISCRETE]
    if case.kind == "mixed":
        return ["auto", *MIXED]
    out = ["auto", *CONTINUOUS]
    if case.dim > 10:
        out.remove("kernel")
    return out


#: Case name -> the families ``auto`` chose on its draws (filled by run_case).
AUTO_CHOICE: dict[str, set[str]] = {}


def _auto(case: Case) -> Callable[[np.ndarray, np.ndarray], float]:
    def run(x: np.ndarray, y: np.ndarray) -> float:
        res = mt.estimate("mi", x, y, rng=0)
        AUTO_CHOICE.setdefault(case.name, set()).add(res.method)
        return res.value

    return run


def run_case(case: Case, n: int, reps: int) -> dict[str, tuple[float, float, float]]:
    """Return method -> (mean error, standard error, seconds per call)."""
    n = case.fixed_n or n
    draws = [case.sample(n, np.random.default_rng(seed)) for seed in range(reps)]
    out: dict[str, tuple[float, float, float]] = {}
    calls: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
        m: (lambda x, y, m=m: mt.mi(x, y, method=m, rng=0)) for m in methods_for(case)
    }
    calls["auto"] = _auto(case)
    peer = _sklearn(case)
    if peer is not None:
        calls["sklearn"] = peer
    for name, fn in calls.items():
        errors = []
        start = time.perf_counter()
        try:
            for x, y in draws:
                errors.append(fn(x, y) - case.truth)
        except Exception as exc:  # report, keep going
            print(f"    {name}: {type(exc).__name__}: {exc}"[:160])
            continue
        e = np.array(errors)
        se = float(e.std(ddof=1) / math.sqrt(e.size)) if e.size > 1 else 0.0
        out[name] = (float(e.mean()), se, (time.perf_counter() - start) / reps)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--large", action="store_true", help="also n = 10^4")
    parser.add_argument("--tasks", nargs="*", help="substrings of task names")
    parser.add_argument("--n", type=int, nargs="*", help="sample sizes to run")
    parser.add_argument("--rule", action="store_true", help="KSG vs copula by dim")
    parser.add_argument(
        "--table",
        action="store_true",
        help="also print the README's 'which estimator when' table (markdown)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore", MutinfoWarning)
    cases = registered_cases() + extra_cases()
    if args.tasks:
        cases = [c for c in cases if any(s in c.name for s in args.tasks)]
    sizes = args.n or ([1000, 10_000] if args.large else [1000])
    worst: dict[tuple[int, int, str], float] = {}
    rows: list[str] = []
    for n in sizes:
        print(f"\nn = {n} ({args.reps} draws; mean error in nats, +- standard error)")
        for case in cases:
            res = run_case(case, n, args.reps)
            shown = case.fixed_n or n
            print(f"  {case.name} (truth {case.truth:.4f}, n = {shown})")
            families = {k: v for k, v in res.items() if k not in ("auto", "sklearn")}
            best = min(families.items(), key=lambda kv: abs(kv[1][0]), default=None)
            for name, (err, se, sec) in res.items():
                mark = " <- best" if best is not None and name == best[0] else ""
                print(
                    f"    {name:16s} {err:+8.4f} +- {se:.4f}  {1e3 * sec:8.1f} ms{mark}"
                )
            if best is not None and "auto" in res:
                ok = abs(res["auto"][0]) <= abs(best[1][0]) + 2 * (
                    res["auto"][1] + best[1][1]
                )
                print(f"    auto within noise of the best: {'yes' if ok else 'NO'}")
                chosen = ", ".join(sorted(AUTO_CHOICE.get(case.name, ()))) or "?"
                peer = res.get("sklearn")
                rows.append(
                    f"| {case.name} | {case.kind} | {shown} | {case.truth:.3f} | "
                    f"`{chosen}` {res['auto'][0]:+.3f} | `{best[0]}` "
                    f"{best[1][0]:+.3f} | "
                    + (f"{peer[0]:+.3f}" if peer else "-")
                    + f" | {'yes' if ok else 'no'} |"
                )
            if case.kind == "continuous":
                for fam in ("ksg", "gaussian_copula"):
                    if fam in res:
                        key = (case.dim, shown, fam)
                        worst[key] = max(worst.get(key, 0.0), abs(res[fam][0]))
    if args.table:
        print(
            "\n| task | data | n | truth | `auto` (family) error | best family error"
            " | scikit-learn error | auto within noise |"
        )
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(rows))
    if args.rule:
        print("\nworst |error| over the continuous tasks, per joint dimension and n")
        for dim, n in sorted({(d, m) for d, m, _ in worst}):
            ksg = worst.get((dim, n, "ksg"), math.nan)
            cop = worst.get((dim, n, "gaussian_copula"), math.nan)
            better = "ksg" if ksg <= cop else "gaussian_copula"
            print(
                f"  dim {dim:3d} n {n:6d}  ksg {ksg:.3f}  gaussian_copula {cop:.3f}"
                f"  -> {better}"
            )


if __name__ == "__main__":
    main()
