"""The atom x atom term of ``mixed_atoms``: plug-in against the labels' rule.

Survey scales stored as floats (every value an atom) reach ``mixed_atoms``
under ``method='auto'``, whose first chain-rule term is a discrete MI between
the atom patterns. This prints, per case, the mean error and RMSE in nats of
``mixed_atoms`` with ``discrete_method='plugin'`` (the old default) and
``'auto'`` (the rule ``method='auto'`` applies to labels), beside the same
codes as integers under ``auto``, over ``--draws`` samples; and Gao et al.'s
mixture and zero-inflated Gaussians, where the pattern table is small.

Run: ``PYTHONPATH=src python benchmarks/atoms_discrete_term.py [--draws 20]``
"""

from __future__ import annotations

import argparse
import math
import time
import warnings

import numpy as np

import mutinfo as mt
from mutinfo import datasets


def _scales(k: int, n: int, q: float, rng: np.random.Generator) -> tuple:
    """Two 1..k scales: y copies x with probability q, else uniform."""
    x = rng.integers(1, k + 1, n)
    y = np.where(rng.random(n) < q, x, rng.integers(1, k + 1, n))
    p_same = q + (1 - q) / k
    # I = H(Y) - H(Y | X), Y uniform on k values.
    h_cond = -(
        p_same * math.log(p_same)
        + (k - 1) * ((1 - p_same) / (k - 1)) * math.log((1 - p_same) / (k - 1))
    )
    return x, y, math.log(k) - h_cond


def _zero_inflated(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A Gaussian pair (rho 0.9), each side set to 0 with probability 0.3."""
    g = np.random.default_rng(seed)
    gx = g.standard_normal(n)
    gy = 0.9 * gx + math.sqrt(1 - 0.81) * g.standard_normal(n)
    x = np.where(g.random(n) < 0.3, 0.0, gx)
    return x, np.where(g.random(n) < 0.3, 0.0, gy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    cases = [
        (k, n, q)
        for k, n in ((5, 200), (7, 300), (10, 600), (7, 60))
        for q in (0.0, 0.5)
    ]
    print(
        "case, truth | mixed_atoms plugin | mixed_atoms auto (family) | int codes, auto"
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for k, n, q in cases:
            rng = np.random.default_rng([k, n, int(q * 10)])
            errs: dict[str, list[float]] = {"plugin": [], "auto": [], "int": []}
            fams = set()
            truth = 0.0
            for _ in range(args.draws):
                x, y, truth = _scales(k, n, q, rng)
                xf, yf = x.astype(float), y.astype(float)
                errs["plugin"].append(
                    mt.mi(xf, yf, method="mixed_atoms", discrete_method="plugin", rng=0)
                    - truth
                )
                r = mt.estimate("mi", xf, yf, rng=0)
                errs["auto"].append(r.value - truth)
                fams.add(r.method)
                errs["int"].append(mt.mi(x, y, rng=0) - truth)
            cells = " | ".join(
                f"{np.mean(e):+.3f} / {math.sqrt(np.mean(np.square(e))):.3f}"
                for e in errs.values()
            )
            chosen = ",".join(sorted(fams))
            print(f"{k}x{k} n={n} q={q}, {truth:.3f} | {cells}  (auto: {chosen})")
        gao = datasets.gao_mixture()
        mixed = {
            "gao_mixture": (gao.mutual_information, lambda n, d: gao.sample(n, rng=d)),
            "zero_inflated rho 0.9 q 0.3": (
                0.49 * -0.5 * math.log(1 - 0.81),
                _zero_inflated,
            ),
        }
        for name, (truth, sample) in mixed.items():
            for n in (1000, 5000):
                out: dict[str, list[float]] = {"plugin": [], "auto": []}
                for d in range(max(2, args.draws // 4)):
                    x, y = sample(n, d)
                    for m in out:
                        value = mt.mi(
                            x, y, method="mixed_atoms", discrete_method=m, rng=0
                        )
                        out[m].append(value - truth)
                print(
                    f"{name} n={n}, {truth:.3f} | "
                    + " | ".join(f"{m} {np.mean(e):+.4f}" for m, e in out.items())
                )
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
