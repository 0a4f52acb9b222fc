"""Whole-process time of a one-shot ``mutinfo mi`` call on a 10^5-row CSV.

Writes a CSV with two correlated continuous columns, then times
``python -m mutinfo mi FILE --x a --y b`` end to end (interpreter start,
imports, CSV read, numba import and cached kernels, estimate, output), with the
numba cache cold (a fresh ``NUMBA_CACHE_DIR``: the first call after install
compiles the kernels) and warm. For comparison it times the same one-shot job
done with pandas + scikit-learn's ``mutual_info_regression``, and a bare
``python -c "import mutinfo"``.

Run: python benchmarks/cli_mi_time.py [--rows 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SKLEARN_ONE_SHOT = (
    "import sys, pandas as pd; "
    "from sklearn.feature_selection import mutual_info_regression; "
    "f = pd.read_csv(sys.argv[1]); "
    "print(mutual_info_regression(f[['a']], f['b'], n_neighbors=3, random_state=0)[0])"
)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return time.perf_counter() - t0, out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    g = np.random.default_rng(0)
    a = g.standard_normal(args.rows)
    b = 0.6 * a + 0.8 * g.standard_normal(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "pair.csv"
        np.savetxt(
            csv,
            np.column_stack([a, b]),
            delimiter=",",
            header="a,b",
            comments="",
            fmt="%.17g",
        )
        env = dict(os.environ)
        env["NUMBA_CACHE_DIR"] = str(Path(tmp) / "numba-cache")
        mi_cmd = [
            sys.executable,
            "-m",
            "mutinfo",
            "mi",
            str(csv),
            "--x",
            "a",
            "--y",
            "b",
            "--rng",
            "0",
            "--format",
            "json",
        ]
        cold, _ = timed(mi_cmd, env)
        warm = [timed(mi_cmd, env) for _ in range(args.repeat)]
        bare = [
            timed([sys.executable, "-c", "import mutinfo"], env)
            for _ in range(args.repeat)
        ]
        peer = [
            timed([sys.executable, "-c", SKLEARN_ONE_SHOT, str(csv)], env)
            for _ in range(args.repeat)
        ]
    best = min(t for t, _ in warm)
    peer_best = min(t for t, _ in peer)
    print(f"rows: {args.rows}")
    print(f"mutinfo mi, cold numba cache (compiles): {cold:.2f} s")
    print(
        f"mutinfo mi, warm cache: best {best:.2f} s, "
        f"median {np.median([t for t, _ in warm]):.2f} s"
    )
    print(
        f"pandas + scikit-learn one-shot script: best {peer_best:.2f} s "
        f"(ratio {peer_best / best:.1f}x)"
    )
    print(f"python -c 'import mutinfo': best {min(t for t, _ in bare):.2f} s")
    print(f"mutinfo output: {warm[0][1][:120]}")
    print(f"scikit-learn estimate: {peer[0][1]}")


if __name__ == "__main__":
    main()
