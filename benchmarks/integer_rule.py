"""The evidence for ``discrete="auto"``'s integer rule and for the atom/tie test.

Run:

    PYTHONPATH=src python benchmarks/integer_rule.py          # integer columns
    PYTHONPATH=src python benchmarks/integer_rule.py --ties   # + atoms vs ties

The first table lists integer columns that must read as labels or as
measurements (issue 21), with the numbers the rule looks at (rows, distinct
values, range, the distinct values an even spread of the rows over the range
would give) and the reading :func:`mutinfo._validation.integer_column_is_discrete`
takes. The second lists tied float columns with the share of rows on atoms
(:func:`mutinfo._ties.atom_fraction`), whether :func:`mutinfo._ties.has_atoms`
calls them atoms, and ``ksg`` beside ``mixed_ksg`` (mean over ``--reps`` seeds)
against the truth, to show which estimator each kind of tie wants.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np

import mutinfo as mt
from mutinfo._ties import atom_fraction, has_atoms
from mutinfo._validation import _integers_are_labels, summarize_integers
from mutinfo.datasets import gao_mixture, load_wine

RHO = 0.8
GAUSS_MI = -0.5 * np.log(1 - RHO**2)


def _gauss(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out: np.ndarray = rng.multivariate_normal([0, 0], [[1, RHO], [RHO, 1]], size=n)
    return out


def _zipf(k: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, k + 1)
    x = rng.choice(k, size=n, p=p / p.sum())
    y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
    return np.column_stack([x, y])


def integer_cases() -> list[tuple[str, str, np.ndarray]]:
    """(name, wanted reading, column) for the cases the rule must separate."""
    wine = load_wine()
    rng = np.random.default_rng(0)
    cases = [
        ("gaussian x100 rounded, n=5000", "continuous", _gauss(5000, 0)[:, 0] * 100),
        ("gaussian x100 rounded, n=50000", "continuous", _gauss(50000, 1)[:, 0] * 100),
        ("gaussian x100 rounded, n=300", "continuous", _gauss(300, 2)[:, 0] * 100),
        ("wine proline (178 rows)", "continuous", wine["proline"].to_numpy()),
        (
            "lognormal income in dollars, n=200",
            "continuous",
            np.exp(10 + 0.5 * rng.normal(size=200)),
        ),
        ("wine magnesium (178 rows)", "either", wine["magnesium"].to_numpy()),
        ("zipf 40 symbols, N=100 (x)", "labels", _zipf(40, 100, 0)[:, 0]),
        ("zipf 40 symbols, N=100 (y)", "labels", _zipf(40, 100, 0)[:, 1]),
        (
            "zipf 40 symbols, N=100 (densest of 20 seeds)",
            "labels",
            max(
                (_zipf(40, 100, s)[:, 1] for s in range(20)),
                key=lambda c: np.unique(c).size,
            ),
        ),
        ("NSB alphabet 100, uniform, n=100", "labels", rng.integers(0, 100, 100)),
        ("NSB alphabet 100, uniform, n=10000", "labels", rng.integers(0, 100, 10000)),
        ("NSB alphabet 100, zipf, n=1000", "labels", _zipf(100, 1000, 1)[:, 0]),
        ("1000 symbols, 200 draws", "labels", rng.integers(0, 1000, 200)),
        ("100000 symbols, 1000 draws", "labels", rng.integers(0, 100000, 1000)),
        ("400 symbols, n=2000", "labels", rng.integers(0, 400, 2000)),
        ("Likert 1..5, n=1000", "labels", rng.integers(1, 6, 1000)),
        ("Poisson(50) counts, n=1000", "either", rng.poisson(50, 1000)),
        (
            "ids near 2**60, n=1000",
            "labels",
            (2**60 + rng.integers(0, 10**9, 1000, dtype=np.int64) * 997),
        ),
        ("uniform integer noise 0..999, n=5000", "either", rng.integers(0, 1000, 5000)),
    ]
    return [(name, want, np.round(col).astype(np.int64)) for name, want, col in cases]


def print_integers() -> int:
    """Print the integer table; return the number of cases read against ``want``."""
    header = (
        f"{'case':<46} {'n':>6} {'distinct':>8} {'range':>19} {'even':>8} "
        f"{'iqr/rng':>7} {'want':>10} {'rule':>10}"
    )
    print(header)
    print("-" * len(header))
    wrong = 0
    for name, want, col in integer_cases():
        s = summarize_integers(col)
        got = "labels" if _integers_are_labels(s) else "continuous"
        bad = want not in ("either", got)
        wrong += bad
        span = f"{s.low}..{s.high}"
        if len(span) > 19:
            span = f"span {s.span:.2e}"
        print(
            f"{name:<46} {s.n_samples:>6} {s.n_distinct:>8} {span:>19} "
            f"{s.even_distinct:>8.0f} {s.middle_half / max(s.span - 1, 1):>7.2f} "
            f"{want:>10} {got:>10}{'  <- WRONG' if bad else ''}"
        )
    return wrong


def tie_cases(n_rep: int) -> None:
    """Print atoms vs quantisation ties, with ksg and mixed_ksg beside the truth."""
    cases = []
    for label, n, f in [
        ("gaussian rounded to 1 decimal", 300, lambda z: np.round(z, 1)),
        ("gaussian rounded to 2 decimals", 300, lambda z: np.round(z, 2)),
        ("gaussian x100 rounded (integers)", 5000, lambda z: np.round(100 * z)),
        ("gaussian x3 rounded (19 values)", 300, lambda z: np.round(3 * z)),
    ]:
        cases.append((f"{label}, n={n}", n, f, GAUSS_MI, "<= " + f"{GAUSS_MI:.3f}"))

    def gao(n: int, seed: int) -> np.ndarray:
        x, y = gao_mixture().sample(n, rng=seed)
        return np.column_stack([x, y]).astype(float)

    def zero_inflated(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed + 1000)
        z = _gauss(n, seed)
        return np.where(rng.random((n, 2)) < 0.3, 0.0, z)

    def discrete5(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        x = rng.integers(0, 5, n)
        y = np.where(rng.random(n) < 0.6, x, rng.integers(0, 5, n))
        return np.column_stack([x, y]).astype(float)

    header = (
        f"{'case':<44} {'atom rows':>9} {'atoms?':>6} {'ksg':>7} {'mixed_ksg':>9} "
        f"{'truth':>8}"
    )
    print(header)
    print("-" * len(header))
    rows = [
        (name, n, lambda n, s, f=f: f(_gauss(n, s)), truth)
        for name, n, f, _, truth in cases
    ]
    rows += [
        ("gao mixture, n=2000", 2000, gao, f"{gao_mixture().mutual_information:.3f}"),
        ("zero-inflated gaussian (0.3), n=2000", 2000, zero_inflated, "see atoms"),
        ("5 float values, 60 % copy, n=300", 300, discrete5, "0.539"),
    ]
    for name, n, sample, truth in rows:
        ks, mk = [], []
        for seed in range(n_rep):
            data = sample(n, seed)
            ks.append(mt.mi(data[:, 0], data[:, 1], method="ksg", rng=seed))
            mk.append(mt.mi(data[:, 0], data[:, 1], method="mixed_ksg", rng=seed))
        data = sample(n, 0)
        frac = max(atom_fraction(data[:, 0]), atom_fraction(data[:, 1]))
        print(
            f"{name:<44} {frac:>9.3f} {has_atoms(data)!s:>6} {np.mean(ks):>7.3f} "
            f"{np.mean(mk):>9.3f} {truth:>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", action="store_true", help="also atoms vs ties")
    parser.add_argument("--reps", type=int, default=5, help="seeds per tie case")
    args = parser.parse_args()
    warnings.simplefilter("ignore", mt.MutinfoWarning)
    wrong = print_integers()
    print(f"\ncases read against their wanted reading: {wrong}")
    if args.ties:
        print()
        tie_cases(args.reps)


if __name__ == "__main__":
    main()
