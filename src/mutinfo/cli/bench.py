"""``mutinfo bench``: estimators against ground-truth tasks."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from mutinfo.cli._options import DebugOpt, ForceOpt, OutputFormat, handle_errors
from mutinfo.cli._output import emit_records


class BenchFormat(StrEnum):
    """What ``mutinfo bench --format`` accepts (``--format`` plus Markdown)."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


#: The unit of every information value bench prints: the tasks' ground truths
#: and the estimates are in nats (``mutinfo.bench.run`` uses base e).
UNIT = "nats"


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return parts or None


def _sizes(text: str | None) -> list[int] | None:
    parts = _split(text)
    if parts is None:
        return None
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise typer.BadParameter(
            f"expected comma-separated integers, got {text!r}", param_hint="'--n'"
        ) from None


def _records(frame: Any) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = frame.to_dict("records")
    for rec in records:
        for key, value in rec.items():
            if hasattr(value, "item"):  # numpy scalars -> Python numbers for JSON
                value = rec[key] = value.item()
            if isinstance(value, float) and not math.isfinite(value):
                rec[key] = None
    return records


def _list_tasks(fmt: BenchFormat) -> None:
    from mutinfo import datasets

    rows = []
    for name in datasets.tasks():
        task = datasets.get(name)
        rows.append(
            {
                "name": name,
                "family": task.family,
                "mi": task.mutual_information,
                "dim_x": task.dim_x,
                "dim_y": task.dim_y,
                "kind_x": task.kind_x,
                "kind_y": task.kind_y,
                "description": task.description,
            }
        )
    if fmt is BenchFormat.md:
        typer.echo("| " + " | ".join(rows[0]) + " |")
        typer.echo("|" + "---|" * len(rows[0]))
        for row in rows:
            typer.echo("| " + " | ".join(_cell(v) for v in row.values()) + " |")
        return
    if fmt is BenchFormat.json:
        emit_records([{**r, "unit": UNIT} for r in rows], OutputFormat.json)
        return
    emit_records(rows, OutputFormat(fmt.value), unit=UNIT)


def _cell(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def register(app: typer.Typer) -> None:
    """Add the bench command to ``app``."""

    @app.command()
    def bench(
        quick: Annotated[
            bool,
            typer.Option(
                "--quick",
                help="Small configuration (about a minute): 15 tasks, 3 seeds, "
                "sample sizes chosen to fit the time budget.",
            ),
        ] = False,
        tasks: Annotated[
            str | None,
            typer.Option(
                "--tasks",
                help="Task names or glob patterns, comma-separated "
                "(see --list-tasks), e.g. 'gaussian*,ross-p0.5'.",
            ),
        ] = None,
        methods: Annotated[
            str | None,
            typer.Option(
                "--methods",
                "-m",
                help="Methods, comma-separated: registry names (mutinfo methods), "
                "with parameters as name:key=value (ksg:n_neighbors=5), and "
                "installed peers (sklearn). Default: every classical MI "
                "method; neural ones run only when named.",
            ),
        ] = None,
        n: Annotated[
            str | None,
            typer.Option("--n", help="Sample sizes, comma-separated (default 1000)."),
        ] = None,
        seeds: Annotated[
            int | None,
            typer.Option(
                "--seeds", min=1, help="Repetitions per (task, n) (default 5; 3 quick)."
            ),
        ] = None,
        fmt: Annotated[
            BenchFormat,
            typer.Option("--format", "-f", help="Output: table, json, csv or md."),
        ] = BenchFormat.table,
        plot: Annotated[
            Path | None,
            typer.Option("--plot", help="Also save estimate vs truth to this image."),
        ] = None,
        rng: Annotated[int, typer.Option("--rng", min=0, help="Seed.")] = 0,
        budget: Annotated[
            float | None,
            typer.Option(
                "--budget", min=0.1, help="Seconds of estimation --quick may spend."
            ),
        ] = None,
        list_tasks: Annotated[
            bool, typer.Option("--list-tasks", help="List the tasks and exit.")
        ] = False,
        force: ForceOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Run estimators over ground-truth tasks: bias, spread, error and time.

        Per (task, method, n): estimate (mean over seeds), bias (signed), std,
        error (mean absolute error) and seconds (median per estimate), all in
        nats, followed by an overall ranking (table and md formats).

        Example: mutinfo bench --tasks 'gaussian-d1*' --methods ksg --n 500 --seeds 2
        """
        sizes = _sizes(n)
        with handle_errors(debug):
            if list_tasks:
                _list_tasks(fmt)
                return
            from mutinfo import bench as bench_api
            from mutinfo.io import atomic_path, check_output

            if plot is not None:
                plot = check_output(plot, option="--plot", force=force, exist_ok=force)
            frame = bench_api.run(
                _split(tasks),
                _split(methods),
                n=sizes,
                seeds=seeds,
                rng=rng,
                quick=quick,
                budget=budget,
                progress=lambda line: typer.echo(f"mutinfo bench: {line}", err=True),
            )
            failed = frame.attrs.get("failed", {})
            if failed:
                typer.echo(
                    f"mutinfo bench: runs failed in {len(failed)} (task, method, n) "
                    "cells (a cell where every seed failed ranks last): "
                    + "; ".join(f"{k}: {v}" for k, v in list(failed.items())[:5])
                    + (" ..." if len(failed) > 5 else ""),
                    err=True,
                )
            skipped = frame.attrs.get("skipped", {})
            if skipped:
                typer.echo(
                    f"mutinfo bench: {len(skipped)} (task, method) pairs skipped: "
                    "the method refused the task's data kinds.",
                    err=True,
                )
            if plot is not None:
                with atomic_path(plot) as tmp:
                    bench_api.plot(frame, tmp)
        records = _records(frame)
        if fmt is BenchFormat.json:
            # Each record names the unit of its truth, estimate, bias, std and
            # error, as the table and CSV's last column do.
            typer.echo(json.dumps([{**r, "unit": UNIT} for r in records], indent=2))
        elif fmt is BenchFormat.md:
            typer.echo(bench_api.to_markdown(frame), nl=False)
        elif fmt is BenchFormat.csv:
            emit_records(records, OutputFormat.csv, unit=UNIT)
        else:
            emit_records(records, OutputFormat.table, unit=UNIT)
            if records:
                typer.echo("")
                typer.echo("ranking (mean rank of the error over (task, n) cells):")
                emit_records(
                    _records(bench_api.ranking(frame)), OutputFormat.table, unit=UNIT
                )
        if plot is not None:
            typer.echo(f"mutinfo bench: plot written to {plot}.", err=True)
