"""Render a ``mutinfo report`` page in headless Chromium and save a screenshot.

Run: ``python benchmarks/report_screenshot.py [-o report.png] [--html page.html]``.

Without ``--html`` it writes the report of the shipped Wine data (target
``cultivar``, ``rng=0``) to a temporary page first. It looks for
``/usr/bin/chromium`` (Debian's ``chromium`` package), then for ``chromium``,
``chromium-browser`` or ``google-chrome`` on the ``PATH``; without one it says
so and exits with status 0 (a developer check, not needed by CI). The browser
runs with ``--headless`` and no network use beyond the ``file://`` page, which
references nothing outside itself.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import mutinfo as mt

#: Where Debian's ``chromium`` package puts the browser, then names on PATH.
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_browser() -> str | None:
    """Return the first headless-capable Chromium found, or None."""
    for name in CANDIDATES:
        found = name if Path(name).is_file() else shutil.which(name)
        if found:
            return found
    return None


def wine_page(path: Path) -> None:
    """Write the Wine report (the ``make demo`` page) to ``path``."""
    report = mt.report(mt.datasets.load_wine(), target="cultivar", rng=0)
    report.to_html(path, timestamp=False)


def screenshot(browser: str, page: Path, out: Path, *, height: int) -> None:
    """Save a PNG of ``page`` as ``browser`` renders it, 1280 pixels wide.

    The browser gets a fresh, empty profile and no background networking (no
    update checks, sync or QUIC), so it touches nothing beyond the page.
    """
    with tempfile.TemporaryDirectory() as profile:
        _run_browser(browser, page, out, height=height, profile=profile)


def _run_browser(
    browser: str, page: Path, out: Path, *, height: int, profile: str
) -> None:
    subprocess.run(
        [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--screenshot={out.resolve()}",
            f"--window-size=1280,{height}",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("report.png"))
    parser.add_argument("--html", type=Path, help="an existing report page")
    parser.add_argument("--height", type=int, default=4000)
    args = parser.parse_args()
    browser = find_browser()
    if browser is None:
        print(
            "No headless Chromium found (looked for "
            + ", ".join(CANDIDATES)
            + "): screenshot skipped. On Debian: apt-get install chromium."
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        page = args.html
        if page is None:
            page = Path(tmp) / "wine-report.html"
            wine_page(page)
        screenshot(browser, page, args.output, height=args.height)
    print(f"Screenshot of {page.name} by {browser} written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
