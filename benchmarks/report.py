"""Time ``mt.report``: the Wine data and a 10,000 x 50 mixed table, per section.

Run: ``python benchmarks/report.py [--big] [--no-pvalues] [--screenshot out.png]``.
Prints the seconds of each part of the report (columns, entropy, matrix,
intervals, ranking, selection, HTML). ``--screenshot`` renders the Wine page in
headless Chromium when one is installed (Debian: ``apt-get install chromium``)
and saves a PNG; without Chromium it says so and skips.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

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
    start = time.perf_counter()
    r = mt.report(frame, rng=0, **kwargs)
    total = time.perf_counter() - start
    start = time.perf_counter()
    r.to_html(timestamp=False)
    html = time.perf_counter() - start
    parts = ", ".join(f"{k} {v:.2f}" for k, v in r.timings.items())
    print(f"{name}: report {total:.2f} s ({parts}); html {html:.2f} s", flush=True)
    return r


def screenshot(report: mt.report.Report, out: Path) -> None:
    browser = next(
        (
            shutil.which(b)
            for b in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(b)
        ),
        None,
    )
    if browser is None:
        print("no headless Chromium installed: screenshot skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        report.to_html(page, timestamp=False)
        subprocess.run(
            [
                browser,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                f"--screenshot={out.resolve()}",
                "--window-size=1280,2400",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"screenshot written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big", action="store_true", help="also 10,000 x 50 mixed")
    parser.add_argument("--no-pvalues", action="store_true")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    pvalues = not args.no_pvalues
    wine = mt.datasets.load_wine()
    r = timed(
        "wine (178 x 14, target cultivar)",
        wine,
        target="cultivar",
        pvalues=pvalues,
        n_jobs=args.n_jobs,
    )
    if args.screenshot:
        screenshot(r, args.screenshot)
    if args.big:
        timed("mixed 10,000 x 50", mixed_table(), pvalues=pvalues, n_jobs=args.n_jobs)


if __name__ == "__main__":
    main()
