"""Reference values (bits) of conditional O-information and generalised DTC.

Brute force from dense pmf arrays with numpy only (no mutinfo code): every
entropy is a marginal of the array, every information-diagram atom of a subset
``S`` of the parts is ``-sum_{U subset S, U nonempty} (-1)^|U| [H(U, R, C) -
H(R, C)]`` with ``R`` the other parts (Yeung's I-measure), and the generalised
dual total correlation of order ``k`` sums the atoms with ``|S| >= k`` (dit's
definition, ``dit.multivariate.generalized_dual_total_correlation``; dit is not
installed here). The conditional O-information is ``TC(X | C) - DTC(X | C)``
(dit's ``o_information(d, rvs, crvs)``). Run from the repository root::

    python tests/reference/scripts/discrete_hoi.py

to rewrite tests/reference/values/discrete_hoi.json.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "values" / "discrete_hoi.json"


def parity(n: int) -> np.ndarray:
    p = np.zeros((2,) * n)
    for bits in itertools.product((0, 1), repeat=n):
        if sum(bits) % 2 == 0:
            p[bits] = 1.0
    return p / p.sum()


def xor() -> np.ndarray:
    return parity(3)


def random_pmf(shape: tuple[int, ...], seed: int) -> np.ndarray:
    p = np.random.default_rng(seed).random(shape) ** 3  # uneven, full support
    return p / p.sum()


def h(p: np.ndarray, idx: set[int]) -> float:
    """Entropy in bits of the marginal of axes ``idx``."""
    drop = tuple(i for i in range(p.ndim) if i not in idx)
    m = p.sum(axis=drop).ravel() if drop else p.ravel()
    m = m[m > 0]
    return float(-(m * np.log2(m)).sum())


def gdtc(p: np.ndarray, order: int, parts: list[list[int]], c: list[int]) -> float:
    n = len(parts)
    total = 0.0
    for size in range(order, n + 1):
        for s in itertools.combinations(range(n), size):
            rest = {i for m in range(n) if m not in s for i in parts[m]} | set(c)
            atom = 0.0
            for k in range(1, size + 1):
                for u in itertools.combinations(s, k):
                    members = rest | {i for m in u for i in parts[m]}
                    atom -= (-1) ** k * (h(p, members) - h(p, rest))
            total += atom
    return total


def o_info(p: np.ndarray, parts: list[list[int]], c: list[int]) -> float:
    hc = h(p, set(c))
    whole = {i for g in parts for i in g} | set(c)
    tc = sum(h(p, set(g) | set(c)) - hc for g in parts) - (h(p, whole) - hc)
    dtc = h(p, whole) - hc
    for k in range(len(parts)):
        others = {i for m, g in enumerate(parts) if m != k for i in g} | set(c)
        dtc -= h(p, whole) - h(p, others)
    return tc - dtc


def compute() -> dict[str, object]:
    """The document written to values/discrete_hoi.json."""
    dists = {
        "parity4": parity(4),
        "parity5": parity(5),
        "xor": xor(),
        "random3x2x3x2": random_pmf((3, 2, 3, 2), 7),
    }
    specs = [
        ("gdtc", "parity4", [[0], [1], [2], [3]], [], [1, 2, 3, 4, 5]),
        ("gdtc", "xor", [[0], [1], [2]], [], [1, 2, 3]),
        ("gdtc", "random3x2x3x2", [[0], [1], [2], [3]], [], [1, 2, 3, 4]),
        ("gdtc", "random3x2x3x2", [[0], [1], [2]], [3], [1, 2, 3]),
        ("gdtc", "random3x2x3x2", [[0, 1], [2]], [3], [1, 2]),
        ("o_information", "parity5", [[0], [1], [3], [4]], [2], []),
        ("o_information", "random3x2x3x2", [[0], [1], [2]], [3], []),
        ("o_information", "random3x2x3x2", [[0], [2], [3]], [1], []),
    ]
    cases = []
    for measure, name, parts, c, orders in specs:
        p = dists[name]
        if measure == "gdtc":
            values = {str(k): gdtc(p, k, parts, c) for k in orders}
        else:
            values = {"value": o_info(p, parts, c)}
        cases.append(
            {
                "measure": measure,
                "distribution": name,
                "shape": list(p.shape),
                "pmf": p.ravel().tolist(),
                "rvs": parts,
                "crvs": c,
                "values": values,
            }
        )
    return {
        "source": "brute force from the pmf with numpy: Yeung's I-measure atoms "
        "(dit's generalized_dual_total_correlation definition) and TC - DTC given C",
        "unit": "bits",
        "script": "tests/reference/scripts/discrete_hoi.py",
        "cases": cases,
    }


def main() -> None:
    OUT.write_text(json.dumps(compute(), indent=1) + "\n")
    print(OUT.read_text()[:2000])


if __name__ == "__main__":
    main()
