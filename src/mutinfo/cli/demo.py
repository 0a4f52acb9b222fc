"""``mutinfo demo``: an offline tour on built-in data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutinfo.cli._options import DebugOpt, handle_errors


def register(app: typer.Typer) -> None:
    """Add the demo command to ``app``."""

    @app.command()
    def demo(
        out: Annotated[
            Path, typer.Option("--out", help="Folder for report.md and report.json.")
        ] = Path("mutinfo-demo"),
        n_samples: Annotated[
            int, typer.Option("--n-samples", min=50, help="Samples per task.")
        ] = 2000,
        rng: Annotated[int, typer.Option("--rng", help="Seed.")] = 0,
        debug: DebugOpt = False,
    ) -> None:
        """Run estimators on ground-truth tasks and rank real-data features by MI.

        Example: mutinfo demo --out /tmp/report
        """
        with handle_errors(debug):
            from mutinfo._demo import run_demo

            report = run_demo(n_samples=n_samples, rng=rng)
            md, js = report.save(out)
        typer.echo(report.to_markdown())
        typer.echo(f"Report written to {md} and {js}.")
