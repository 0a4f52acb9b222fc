"""The chain rule of conditional MI on the Wine data, for every CMI family.

``I(Y; A, B | Z) = I(Y; A | Z) + I(Y; B | A, Z)``. Discrete families on the
cultivar and three quartile-coded columns; continuous families on four raw
columns (flavanoids; proline, colour intensity; alcohol). Prints both sides and
their gap. Families that compute CMI from joint-entropy estimates satisfy the
identity exactly (the entropies telescope); kNN, kernel and classifier
estimates do not, and the gap shows how far their pieces disagree.

Run: ``python benchmarks/chain_rule.py``
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd

import mutinfo as mt
from mutinfo import datasets

DISCRETE = ["plugin", "miller_madow", "grassberger", "james_stein", "nsb", "chao_shen"]
CONTINUOUS = [
    "gaussian",
    "gaussian_copula",
    "binning",
    "ksg",
    "mixed_ksg",
    "kernel",
    "classifier",
]


def _row(method: str, y: object, a: object, b: object, z: object, **kw: object) -> None:
    start = time.perf_counter()
    lhs = mt.cmi(y, np.column_stack([a, b]), z, method=method, **kw)
    first = mt.cmi(y, a, z, method=method, **kw)
    second = mt.cmi(y, b, np.column_stack([a, z]), method=method, **kw)
    wall = time.perf_counter() - start
    print(
        f"{method:16s} {lhs:9.6f} {first:9.6f} {second:9.6f} "
        f"{lhs - first - second:+10.2e} {wall:6.1f}",
        flush=True,
    )


def main() -> None:
    warnings.simplefilter("ignore", mt.MutinfoWarning)
    wine = datasets.load_wine()

    def quartiles(col: str) -> np.ndarray:
        return pd.qcut(wine[col], 4, labels=False).to_numpy()

    print("method           I(Y;A,B|Z)  I(Y;A|Z) I(Y;B|A,Z)      gap    s")
    print("discrete: Y = cultivar, A, B, Z = quartiles of proline, colour, alcohol")
    y = wine["cultivar"].to_numpy()
    a, b, z = quartiles("proline"), quartiles("color_intensity"), quartiles("alcohol")
    for method in DISCRETE:
        _row(method, y, a, b, z, discrete=True)
    print("continuous: Y = flavanoids, A = proline, B = colour, Z = alcohol")
    cols = ["flavanoids", "proline", "color_intensity", "alcohol"]
    y, a, b, z = (wine[c].to_numpy() for c in cols)
    for method in CONTINUOUS:
        _row(method, y, a, b, z, rng=0, discrete=False)


if __name__ == "__main__":
    main()
