"""``mutinfo demo``: an offline tour on built-in data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutinfo.cli._options import DebugOpt, ForceOpt, handle_errors


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
        force: ForceOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Run estimators on ground-truth tasks and rank real-data features by MI.

        The report files are written atomically; existing report files, or a
        symbolic link at --out or at a report file, are refused unless --force.

        Example: mutinfo demo --out /tmp/report
        """
        with handle_errors(debug):
            import json

            from mutinfo._demo import run_demo
            from mutinfo.io import atomic_path, check_output

            folder = check_output(out, option="--out", folder=True, force=force)
            files = [
                check_output(folder / name, option="--out", force=force, exist_ok=force)
                for name in ("report.md", "report.json")
            ]
            report = run_demo(n_samples=n_samples, rng=rng)
            folder.mkdir(parents=True, exist_ok=True)
            texts = (report.to_markdown(), json.dumps(report.to_dict(), indent=2))
            for path, text in zip(files, texts, strict=True):
                with atomic_path(path) as tmp:
                    tmp.write_text(text, encoding="utf-8")
            md, js = out / "report.md", out / "report.json"
        typer.echo(report.to_markdown())
        typer.echo(f"Report written to {md} and {js}.")
