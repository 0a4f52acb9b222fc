"""``mutinfo report``: the dependence structure of a table as one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mutinfo.cli._options import (
    DebugOpt,
    MethodOpt,
    NJobsOpt,
    RngOpt,
    handle_errors,
    read_frame,
)

#: Output formats by file suffix.
FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".json": "json"}


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""

    @app.command()
    def report(
        file: Annotated[str, typer.Argument(help="CSV or Parquet file (UTF-8).")],
        output: Annotated[
            Path,
            typer.Option("--output", "-o", help="Where to write: .html, .md or .json."),
        ] = Path("report.html"),
        target: Annotated[
            str | None, typer.Option("--target", help="Rank the others against it.")
        ] = None,
        columns: Annotated[
            str | None,
            typer.Option(
                "--columns",
                help="Columns to describe, comma-separated (default: all; a comma "
                "in a name: \\,).",
            ),
        ] = None,
        method: MethodOpt = "auto",
        pvalues: Annotated[
            bool,
            typer.Option("--pvalues/--no-pvalues", help="Permutation p-values."),
        ] = True,
        fdr: Annotated[
            str, typer.Option("--fdr", help="q-values: bh, by, bonferroni or none.")
        ] = "bh",
        n_permutations: Annotated[
            int, typer.Option("--n-permutations", help="Permutations per p-value.")
        ] = 100,
        stop_after: Annotated[
            int,
            typer.Option(
                "--stop-after",
                help="Sequential p-values (Besag-Clifford): stop a pair's "
                "permutations at this many null values reaching its estimate "
                "(0: run them all).",
            ),
        ] = 10,
        test_rows: Annotated[
            int,
            typer.Option(
                "--test-rows",
                help="Matrix p-values on a random subsample of this many rows "
                "(0: all rows; the MI values use every row).",
            ),
        ] = 2000,
        rng: RngOpt = None,
        n_jobs: NJobsOpt = None,
        na_values: Annotated[
            str | None,
            typer.Option(
                "--na-values",
                help="Cell values read as missing, comma-separated, e.g. '?,n/a' "
                "(the report leaves out the rows missing a column wherever that "
                "column is used, and says how many).",
            ),
        ] = None,
        timestamp: Annotated[
            bool,
            typer.Option(
                "--timestamp/--no-timestamp",
                help="Include the creation time and timings (off: the same bytes "
                "for the same data and --rng).",
            ),
        ] = True,
        progress: Annotated[
            bool, typer.Option("--progress", help="Show the matrix's progress.")
        ] = False,
        force: Annotated[
            bool,
            typer.Option(
                "--force", help="Overwrite an existing output (never the input)."
            ),
        ] = False,
        debug: DebugOpt = False,
    ) -> None:
        """Write the dependence structure of a table as one self-contained page.

        Columns and their kinds, entropies, the MI matrix as a clustered
        heatmap with q-values, the strongest pairs with intervals, with
        --target the ranked features and mRMR/JMI selections, warnings by
        column, timings and the settings to reproduce it. The page embeds its
        figure and needs no network or JavaScript. An existing output is
        refused unless --force; the input never is overwritten.

        Example: mutinfo report wine.csv --target cultivar -o wine.html --rng 0
        """
        with handle_errors(debug):
            import json

            from mutinfo.exceptions import InvalidParameterError
            from mutinfo.io import atomic_path, check_output, split_columns
            from mutinfo.reporting import report as build

            path = check_output(output, option="--output", inputs=[file], force=force)
            kind = FORMATS.get(output.suffix.lower())
            if kind is None:
                raise InvalidParameterError(
                    f"The '--output' path {str(output)!r} must end in .html, .md or "
                    f".json (got {output.suffix or 'no suffix'!r})."
                )
            if path.exists() and not force:
                raise InvalidParameterError(
                    f"The '--output' path {str(output)!r} exists; pass --force to "
                    "overwrite it, or choose another path."
                )
            frame = read_frame(file, na_values)
            result = build(
                frame,
                target=target,
                columns=split_columns(columns) or None,
                method=method,
                pvalues=pvalues,
                fdr=None if fdr.lower() == "none" or not pvalues else fdr,
                n_permutations=n_permutations,
                stop_after=stop_after or None,
                test_rows=test_rows or None,
                rng=rng,
                n_jobs=n_jobs,
                progress=progress,
            )
            if kind == "html":
                text = result.to_html(timestamp=timestamp)
            elif kind == "md":
                text = result.to_markdown(timestamp=timestamp)
            else:
                text = json.dumps(result.to_dict(timestamp=timestamp), indent=2) + "\n"
            with atomic_path(path) as tmp:
                tmp.write_text(text, encoding="utf-8")
        typer.echo(f"Report written to {output}.")
