"""Entropies seen through at most 4 values: Miller-Madow against the rule before.

Run: ``PYTHONPATH=src python benchmarks/discrete_small_entropy.py [--draws 200]``.
``auto`` gives an entropy with at most ``SMALL_ALPHABET`` (4) observed values
Miller-Madow (``mutinfo._rules``), where the coverage rule gave Chao-Shen
(``n / occupied < 1.3``), NSB (``< 5``) or Grassberger. The rule sees only the
sample, so this covers true alphabets of 2-4 values (Bernoulli 0.05 and 0.2,
uniform and skewed on 4) and large or infinite supports of which at most 4
values were seen (geometric 1/2, Zipf exponent 2 over 1,000 values, uniform
over 1,000). Each line: bias/RMSE (nats) of each family, of the rule before
(``old``) and of ``auto`` (``new``) over the draws with at most 4 observed
values (``draws``; rows with fewer than 20 are skipped); the last line gives the
worst and mean RMSE of both rules.
"""

from __future__ import annotations

import argparse
import math
import warnings

import numpy as np

import mutinfo as mt
from mutinfo._rules import ENTROPY_COVERAGE, SMALL_ALPHABET

FAMILIES = ["miller_madow", "grassberger", "nsb", "chao_shen"]


def old_rule(n: int, occupied: int) -> str:
    """The entropy rule before ``SMALL_ALPHABET``: by samples per occupied cell."""
    c = n / occupied
    low, high = ENTROPY_COVERAGE
    return "chao_shen" if c < low else ("nsb" if c < high else "grassberger")


def pmfs() -> dict[str, np.ndarray]:
    out = {
        "bernoulli 0.05": np.array([0.95, 0.05]),
        "bernoulli 0.2": np.array([0.8, 0.2]),
        "uniform 4": np.ones(4),
        "skewed 4": np.array([0.7, 0.2, 0.07, 0.03]),
        "geometric 1/2": 0.5 ** np.arange(1, 60),
        "zipf^2 1000": 1.0 / np.arange(1, 1001) ** 2,
        "uniform 1000": np.ones(1000),
    }
    return {k: v / v.sum() for k, v in out.items()}


def _entropy(x: np.ndarray, method: str) -> float:
    try:
        return float(mt.entropy(x, method=method))
    except mt.MutinfoError:  # NSB without a repeated value
        return math.nan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    rmse: dict[str, list[float]] = {"old": [], "new": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for name, p in pmfs().items():
            truth = float(-(p * np.log(p)).sum())
            for n in (3, 5, 10, 20, 50, 200, 1000):
                errs: dict[str, list[float]] = {
                    m: [] for m in [*FAMILIES, "old", "new"]
                }
                for _ in range(args.draws):
                    x = rng.choice(p.size, size=n, p=p)
                    occupied = len(np.unique(x))
                    if occupied > SMALL_ALPHABET:
                        continue
                    values = {m: _entropy(x, m) for m in FAMILIES}
                    for m, v in values.items():
                        errs[m].append(v - truth)
                    errs["old"].append(values[old_rule(n, occupied)] - truth)
                    errs["new"].append(float(mt.entropy(x)) - truth)
                if len(errs["new"]) < 20:
                    continue
                cells = []
                for m, e in errs.items():
                    r = math.sqrt(float(np.mean(np.square(e))))
                    cells.append(f"{m} {np.mean(e):+.3f}/{r:.3f}")
                    if m in rmse:
                        rmse[m].append(r)
                print(
                    f"{name:15s} H={truth:.3f} n={n:<4d} draws={len(errs['new']):3d} "
                    + " ".join(cells),
                    flush=True,
                )
    print(
        "worst/mean RMSE: "
        + "  ".join(f"{m} {max(v):.3f}/{np.mean(v):.3f}" for m, v in rmse.items())
    )


if __name__ == "__main__":
    main()
