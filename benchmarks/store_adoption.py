"""Issue 23 item 5: what a store without manifest.json did with another matrix's tiles.

Writes the tiles of matrix B to a store, deletes manifest.json, then runs
matrix A (same shape and settings) on that folder and prints the largest
difference from a fresh run of A. Before the fix the tiles were adopted
(a nonzero difference); after it the run stops with an error naming a tile.

    PYTHONPATH=src python benchmarks/store_adoption.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import mutinfo as mt


def frame(seed: int, scale: float) -> pd.DataFrame:
    g = np.random.default_rng(seed)
    a = g.standard_normal(200)
    return pd.DataFrame(
        {f"c{k}": scale * k * a / 2 + g.standard_normal(200) for k in range(5)}
    )


def main() -> None:
    opts = {"method": "gaussian", "tile_size": 2, "rng": 3}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "run"
        mt.mi_matrix(frame(1, 3.0), store=store, **opts)
        (store / "manifest.json").unlink()
        fresh = mt.mi_matrix(frame(0, 1.0), **opts).mi.to_numpy()
        try:
            got = mt.mi_matrix(frame(0, 1.0), store=store, **opts).mi.to_numpy()
        except mt.InvalidDataError as exc:
            print(f"refused: {exc}")
            return
        print(f"adopted; max |difference| = {np.nanmax(np.abs(got - fresh)):.3f} nats")


if __name__ == "__main__":
    main()
