"""``mutinfo matrix``: all-pairs MI (or CMI given Z) of the columns of a table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    DiscreteOpt,
    FileArg,
    ForceOpt,
    FormatOpt,
    MethodOpt,
    NanOpt,
    NaValuesOpt,
    OutputFormat,
    RngOpt,
    estimation_options,
    handle_errors,
    read_frame,
)
from mutinfo.cli._output import emit_records, plain_records

ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="Columns, comma-separated (default: all; a comma in a name: \\,).",
    ),
]
ZOpt = Annotated[
    str | None,
    typer.Option("--z", help="Condition every pair on these columns (CMI)."),
]
PvaluesOpt = Annotated[
    bool, typer.Option("--pvalues", help="Permutation p-values per pair.")
]
PermOpt = Annotated[
    int, typer.Option("--n-permutations", min=1, help="Permutations per pair.")
]
FdrOpt = Annotated[
    str | None,
    typer.Option("--fdr", help="q-values from the p-values: bh, by or bonferroni."),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the pairs to FILE.parquet or FILE.csv."),
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="With -o: write the square matrix, not pairs.")
]
PlotOpt = Annotated[
    Path | None,
    typer.Option("--plot", help="Save a clustered heatmap (PNG, SVG, PDF)."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786) to run on."
    ),
]
NJobsOpt = Annotated[
    int | None, typer.Option("--n-jobs", help="Local workers (-1: every core).")
]
StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store", help="Folder to stream finished tiles to; rerun to resume."
    ),
]
ProgressOpt = Annotated[
    bool, typer.Option("--progress", help="Show a progress bar on stderr.")
]

_SUFFIXES = (".parquet", ".pq", ".csv")


def _client(address: str | None) -> Any:
    if address is None:
        return None
    try:
        from distributed import Client
    except ImportError:
        from mutinfo.exceptions import MissingDependencyError

        raise MissingDependencyError(
            "Running on a Dask scheduler needs dask.distributed: "
            'pip install "mutinfo[dask]"'
        ) from None
    return Client(address)  # type: ignore[no-untyped-call]


def _write(matrix: Any, path: Path, *, wide: bool) -> None:
    """Write the pairs (or the square matrix) to ``path`` atomically."""
    from mutinfo.io import atomic_path

    frame = matrix.mi if wide else matrix.to_long()
    if path.suffix.lower() == ".csv":
        with atomic_path(path) as tmp:
            frame.to_csv(tmp, index=wide)
        return
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        from mutinfo.exceptions import MissingDependencyError

        raise MissingDependencyError(
            'Writing Parquet files requires pyarrow: pip install "mutinfo[parquet]"'
        )
    if wide:
        frame = frame.copy()
        frame.columns = [str(c) for c in frame.columns]
        frame.index = [str(c) for c in frame.index]
    with atomic_path(path) as tmp:
        frame.to_parquet(tmp, index=wide)


def _outputs(
    file: str, output: Path | None, plot: Path | None, *, force: bool
) -> tuple[Path | None, Path | None]:
    """Check -o and --plot first: not an input; no link or file unless --force."""
    from mutinfo.exceptions import InvalidParameterError
    from mutinfo.io import check_output

    out = (
        None
        if output is None
        else check_output(
            output, option="--output", inputs=[file], force=force, exist_ok=force
        )
    )
    fig = (
        None
        if plot is None
        else check_output(
            plot, option="--plot", inputs=[file], force=force, exist_ok=force
        )
    )
    if out is not None and fig is not None and out.resolve() == fig.resolve():
        raise InvalidParameterError(
            f"'--output' and '--plot' name the same file {str(output)!r}; give two "
            "paths."
        )
    return out, fig


def register(app: typer.Typer) -> None:
    """Add the ``matrix`` command to ``app``."""

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def matrix(
        ctx: typer.Context,
        file: FileArg,
        columns: ColumnsOpt = None,
        z: ZOpt = None,
        method: MethodOpt = "auto",
        pvalues: PvaluesOpt = False,
        n_permutations: PermOpt = 1000,
        fdr: FdrOpt = None,
        output: OutOpt = None,
        wide: WideOpt = False,
        plot: PlotOpt = None,
        scheduler: SchedulerOpt = None,
        n_jobs: NJobsOpt = None,
        store: StoreOpt = None,
        progress: ProgressOpt = False,
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        na_values: NaValuesOpt = None,
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        force: ForceOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """All-pairs mutual information of the columns of a table.

        Each pair gets the estimator for its kinds (recorded per pair). Prints one
        row per pair, or writes them with -o; --plot saves a clustered heatmap.
        Method parameters are options too, for example --n-neighbors 5.
        Outputs are written atomically; an input file is never overwritten, and
        an existing output file, or a symbolic link at an output path, is
        refused unless --force.

        Example: mutinfo matrix genes.csv --method gaussian_copula --pvalues
        --fdr bh -o pairs.parquet --plot heatmap.png --n-jobs -1
        """
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
        )
        if output is not None and output.suffix.lower() not in _SUFFIXES:
            raise typer.BadParameter(
                f"expected a .parquet or .csv file, got {str(output)!r}",
                param_hint="'--output'",
            )
        if wide and output is None:
            raise typer.BadParameter(
                "--wide shapes the file written with -o (the square matrix instead "
                "of one row per pair); without -o the pairs are printed. Add "
                "-o FILE.csv (or FILE.parquet), or drop --wide",
                param_hint="'--wide'",
            )
        with handle_errors(debug):
            import mutinfo as mt
            from mutinfo.io import select_columns, split_columns

            output, plot = _outputs(file, output, plot, force=force)
            frame = read_frame(file, na_values)
            z_names = split_columns(z)
            names = split_columns(columns) or [
                c for c in frame.columns if c not in z_names
            ]
            data = select_columns(frame, names, "--columns")
            z_data = select_columns(frame, z_names, "--z") if z_names else None
            client = _client(scheduler)
            try:
                result = mt.mi_matrix(
                    data,
                    z=z_data,
                    pvalues=pvalues,
                    n_permutations=n_permutations,
                    fdr=fdr,
                    n_jobs=n_jobs,
                    client=client,
                    progress=progress,
                    store=store,
                    **options,
                )
            finally:
                if client is not None:
                    client.close()
            if plot is not None:
                from mutinfo.io import atomic_path
                from mutinfo.plot import heatmap

                with atomic_path(plot) as tmp:
                    heatmap(result, tmp)
            if output is not None:
                _write(result, output, wide=wide)
        if output is not None:
            typer.echo(
                f"Wrote {result.mi.shape[0]} x {result.mi.shape[0]} "
                f"{result.measure} matrix to {output}.",
                err=True,
            )
            return
        records = plain_records(result.to_long())
        payload = {
            "measure": result.measure,
            "unit": result.unit,
            "n_samples": result.n_samples,
            "columns": [str(c) for c in result.columns],
            "pairs": records,
        }
        emit_records(records, fmt, payload=payload, unit=result.unit)
