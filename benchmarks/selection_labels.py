"""Which features selection picks on label tables with many-valued columns.

Data (labels only, n rows, binary target y): three informative features (noisy
copies of y with 15%, 25% and 35% of the labels flipped, 2 or 3 values), five
small noise columns (2-4 values), a many-valued noise column (``many``: 100
values), a code with each value on two rows (``pair_id``: n / 2 values) and a
row ID (``row_id``: a different value in every row). Every criterion selects
k = 3 features with ``method="plugin"`` and with ``method="auto"`` over
``--draws`` data sets; printed per (n, method, criterion), on the table without
``row_id``: how often the picks are exactly the three informative features and
how often ``many`` and ``pair_id`` are picked (first); and on the full table how
often ``row_id`` is picked (first).
A last table prints the relevance of each column under both methods (one data
set), beside ``mt.estimate("mi", column, y)``.

Run: PYTHONPATH=src python benchmarks/selection_labels.py [--n 500 2000] [--draws 20]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
import pandas as pd

import mutinfo as mt
from mutinfo.selection import forward_selection

CRITERIA = ("mi", "mrmr", "mrmr_quotient", "jmi", "cmim", "jmim")
INFORMATIVE = {"inf_15", "inf_25", "inf_35"}
TRAPS = ("many", "pair_id", "row_id")


def make_data(n: int, rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """The table and target described in the module docstring."""
    y = rng.integers(0, 2, n)
    cols: dict[str, np.ndarray] = {}
    for flip, k in ((0.15, 2), (0.25, 3), (0.35, 2)):
        noisy = np.where(rng.uniform(size=n) < flip, rng.integers(0, k, n), y)
        cols[f"inf_{round(flip * 100)}"] = noisy
    for j, k in enumerate((2, 3, 4, 2, 3)):
        cols[f"noise_{j}"] = rng.integers(0, k, n)
    cols["many"] = rng.integers(0, 100, n)
    cols["pair_id"] = rng.permutation(np.repeat(np.arange(n // 2), 2))
    cols["row_id"] = np.arange(n)
    return pd.DataFrame(cols), y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"k = 3, {args.draws} draws; exact = picks are the 3 informative")
    print(f"{'n':>5} {'method':>6} {'criterion':>13} {'exact':>6}", end="")
    for trap in TRAPS:
        print(f" {trap + ' (1st)':>16}", end="")
    print("   (exact, many, pair_id: table without row_id)")
    for n in args.n:
        for method in ("plugin", "auto"):
            for criterion in CRITERIA:
                exact = 0
                picked = dict.fromkeys(TRAPS, 0)
                first = dict.fromkeys(TRAPS, 0)
                for draw in range(args.draws):
                    X, y = make_data(n, np.random.default_rng(draw))
                    for table in (X.drop(columns="row_id"), X):
                        sel = forward_selection(
                            table, y, k=3, criterion=criterion, method=method, rng=draw
                        )
                        if "row_id" not in table:
                            exact += set(sel.features) == INFORMATIVE
                        for trap in TRAPS[:2] if "row_id" not in table else TRAPS[2:]:
                            picked[trap] += trap in sel.features
                            first[trap] += sel.features[0] == trap
                print(f"{n:>5} {method:>6} {criterion:>13} {exact:>6}", end="")
                for trap in TRAPS:
                    print(f" {f'{picked[trap]} ({first[trap]})':>16}", end="")
                print()
    for n in args.n:
        X, y = make_data(n, np.random.default_rng(0))
        plug = mt.rank_features(X, y, method="plugin").set_index("feature")
        auto = mt.rank_features(X, y).set_index("feature")
        print(f"\nrelevance in nats, n = {n} (draw 0)")
        print(
            f"{'column':>8} {'plugin':>9} {'auto':>9} {'auto method':>18} "
            f"{'estimate':>9}"
        )
        for col in X.columns:
            est = mt.estimate("mi", X[col].to_numpy(), y)
            print(
                f"{col:>8} {plug.loc[col, 'mi']:>9.4f} {auto.loc[col, 'mi']:>9.4f} "
                f"{auto.loc[col, 'method']:>18} {est.value:>9.4f}"
            )


if __name__ == "__main__":
    main()
