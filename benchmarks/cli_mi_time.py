"""Whole-process time of a one-shot ``mutinfo mi`` call on a 10^5-row CSV.

Writes a CSV with two correlated continuous columns, then times
``python -m mutinfo mi FILE --x a --y b`` end to end (interpreter start,
imports, CSV read, numba import and cached kernels, estimate, output), with the
default ``algorithm="auto"`` (which stays on the tree and does not import
numba for a one-shot search of this size: the command turns the background
loader off for its one estimate) and with ``--algorithm grid``, first
with an empty numba cache (a fresh ``NUMBA_CACHE_DIR``: the kernels compile)
and then with the cached kernels. For comparison it times the same one-shot job
done with pandas + scikit-learn's ``mutual_info_regression``, and a bare
``python -c "import mutinfo"``. The command runs without Typer, Click or
Pydantic (``mutinfo.cli._fast``) and reads an all-numeric CSV with pyarrow (no
pandas import) when pyarrow is installed
(``mutinfo.io._tables.read_numeric_csv``); what remains is mostly numpy and
scipy (``scipy.special`` and ``scipy.spatial`` for the tree: about 0.35 s of
CPU on the project's machine, which the scikit-learn script pays too).

Run: python benchmarks/cli_mi_time.py [--rows 100000] [--repeat 5] [--no-grid]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out.stdout.strip()


def summary(runs: list[tuple[float, float, str]]) -> str:
    wall = min(r[0] for r in runs)
    cpu = min(r[1] for r in runs)
    return f"best wall {wall:.2f} s, best CPU {cpu:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--no-grid", action="store_true", help="skip the --algorithm grid runs"
    )
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
        peer_cmd = [sys.executable, "-c", SKLEARN_ONE_SHOT, str(csv)]
        cold = timed(mi_cmd, env)
        warm, peer = [], []
        for _ in range(args.repeat):  # alternating: a change of load hits both
            warm.append(timed(mi_cmd, env))
            peer.append(timed(peer_cmd, env))
        grid_cmd = [*mi_cmd, "--method", "ksg", "--algorithm", "grid"]
        compile_run, grid = None, []
        if not args.no_grid:
            compile_run = timed(grid_cmd, env)  # empty numba cache: compiles
            grid = [timed(grid_cmd, env) for _ in range(args.repeat)]
        bare = [
            timed([sys.executable, "-c", "import mutinfo"], env)
            for _ in range(args.repeat)
        ]
    print(f"rows: {args.rows}")
    print(
        f"mutinfo mi (auto), first run ever: wall {cold[0]:.2f} s, CPU {cold[1]:.2f} s"
    )
    print(f"mutinfo mi (auto: tree, numba not loaded): {summary(warm)}")
    if compile_run is not None:
        print(
            "mutinfo mi --algorithm grid, empty numba cache (compiles): "
            f"wall {compile_run[0]:.2f} s, CPU {compile_run[1]:.2f} s"
        )
        print(f"mutinfo mi --algorithm grid (numba, cached kernels): {summary(grid)}")
    print(f"pandas + scikit-learn one-shot script: {summary(peer)}")
    print(f"python -c 'import mutinfo': {summary(bare)}")
    ratio = min(r[1] for r in peer) / min(r[1] for r in warm)
    wall_ratio = min(r[0] for r in peer) / min(r[0] for r in warm)
    print(
        f"ratio scikit-learn / mutinfo (auto), best of each: wall {wall_ratio:.1f}x, "
        f"CPU {ratio:.1f}x (target: 3x as a whole process); load average "
        + ", ".join(f"{v:.1f}" for v in os.getloadavg())
    )
    value = json.loads(warm[0][2])["value"]
    print(f"estimates: mutinfo {value:.6f}, scikit-learn {float(peer[0][2]):.6f}")


if __name__ == "__main__":
    main()
