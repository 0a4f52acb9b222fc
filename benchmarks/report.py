"""Time ``mt.report``: the Wine data and a 10,000 x 50 mixed table, per section.

Run: ``python benchmarks/report.py [--big] [--no-pvalues] [--n-jobs N]
[--stop-after H] [--test-rows M] [--skip-wine] [--target COLUMN]``.
Prints the wall-clock seconds of each part of the report (columns, entropy,
matrix, intervals, ranking, selection) and of the HTML, and the process's CPU
seconds beside the wall time: on a loaded machine the CPU time of a run with
``--n-jobs 1`` is close to what a quiet machine's wall clock would show. The
first report of a process includes loading the compiled kernels, as a
``mutinfo report`` call does. The rendering check is
``benchmarks/report_screenshot.py``.

The report's default p-values are sequential (Besag and Clifford 1991,
``stop_after=10``); ``--stop-after 0`` runs all ``n_permutations`` for every
pair, the full test, for comparison. ``--target label0`` adds the ranking and
selections to the big table's report (49 features against a label column).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import mutinfo as mt


def mixed_table(n: int = 10_000, p: int = 50, seed: int = 0) -> pd.DataFrame:
    """Half continuous (pairs linked by a latent factor), a quarter integer
    codes, a quarter text labels derived from the continuous columns."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 5))
    cols: dict[str, np.ndarray] = {}
    for j in range(p // 2):
        cols[f"x{j}"] = latent[:, j % 5] + rng.normal(size=n)
    for j in range(p // 4):
        cols[f"code{j}"] = np.digitize(latent[:, j % 5], [-1, 0, 1]) + (
            rng.random(n) < 0.2
        )
    for j in range(p - len(cols)):
        cols[f"label{j}"] = np.where(
            latent[:, j % 5] + rng.normal(size=n) > 0, "hi", "lo"
        )
    return pd.DataFrame(cols)


def timed(name: str, frame: pd.DataFrame, **kwargs: object) -> mt.report.Report:
    wall, cpu = time.perf_counter(), time.process_time()
    r = mt.report(frame, rng=0, **kwargs)
    total, total_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    r.to_html(timestamp=False)
    html, html_cpu = time.perf_counter() - wall, time.process_time() - cpu
    parts = ", ".join(f"{k} {v:.2f}" for k, v in r.timings.items())
    pv, q = r.matrix.p_values, r.matrix.q_values
    if pv is not None and q is not None:
        upper = np.triu_indices(q.shape[0], k=1)
        hits = int(np.count_nonzero(pv.to_numpy()[upper] < 0.05))
        qs = q.to_numpy()[upper]
        parts += (
            f"; {hits} of {upper[0].size} pairs with p < 0.05, "
            f"{int(np.count_nonzero(qs < 0.1))} with q < 0.1 (least q {qs.min():.3f})"
        )
    print(
        f"{name}: report {total:.2f} s wall, {total_cpu:.2f} s CPU ({parts}); "
        f"html {html:.2f} s wall, {html_cpu:.2f} s CPU",
        flush=True,
    )
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true", help="also 10,000 x 50 mixed")
    parser.add_argument("--no-pvalues", action="store_true")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument(
        "--stop-after", type=int, default=10, help="0: full permutation tests"
    )
    parser.add_argument(
        "--test-rows", type=int, default=2000, help="p-values on M rows (0: all)"
    )
    parser.add_argument("--skip-wine", action="store_true")
    parser.add_argument("--target", default=None, help="target of the big table")
    args = parser.parse_args()
    pvalues = not args.no_pvalues
    stop = args.stop_after or None
    rows = args.test_rows or None
    if not args.skip_wine:
        wine = mt.datasets.load_wine()
        timed(
            f"wine (178 x 14, target cultivar, stop_after={stop})",
            wine,
            target="cultivar",
            pvalues=pvalues,
            n_jobs=args.n_jobs,
            stop_after=stop,
        )
    if args.big:
        timed(
            f"mixed 10,000 x 50 (stop_after={stop}, test_rows={rows}, "
            f"target={args.target})",
            mixed_table(),
            target=args.target,
            pvalues=pvalues,
            n_jobs=args.n_jobs,
            stop_after=stop,
            test_rows=rows,
        )


if __name__ == "__main__":
    main()
