"""``mutinfo te-matrix``: transfer entropy between every ordered pair of columns."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    DiscreteOpt,
    FileArg,
    FormatOpt,
    MethodOpt,
    NanOpt,
    NaValuesOpt,
    NJobsOpt,
    OutputFormat,
    RngOpt,
    estimation_options,
    handle_errors,
    read_frame,
)
from mutinfo.cli._output import emit_records, plain_records
from mutinfo.cli.te import (
    DelayOpt,
    KOpt,
    KTauOpt,
    LOpt,
    LTauOpt,
    NPermOpt,
)

ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="Series, comma-separated (default: all; a comma in a name: \\,).",
    ),
]
PvaluesOpt = Annotated[
    bool,
    typer.Option("--pvalues", help="p-values per pair (surrogates or the F-test)."),
]
SurrogateOpt = Annotated[
    str,
    typer.Option(
        "--surrogate",
        help="permute, block, circular, or analytic (F-test; --method gaussian).",
    ),
]
FdrOpt = Annotated[
    str,
    typer.Option("--fdr", help="q-values from the p-values: bh, by, bonferroni, none."),
]


def register(app: typer.Typer) -> None:
    """Add the ``te-matrix`` command to ``app``."""

    @app.command(name="te-matrix", context_settings=METHOD_PARAMS_CONTEXT)
    def te_matrix(
        ctx: typer.Context,
        file: FileArg,
        columns: ColumnsOpt = None,
        k: KOpt = 1,
        l: LOpt = 1,  # noqa: E741
        delay: DelayOpt = 1,
        k_tau: KTauOpt = 1,
        l_tau: LTauOpt = 1,
        method: MethodOpt = "auto",
        pvalues: PvaluesOpt = False,
        n_permutations: NPermOpt = 199,
        surrogate: SurrogateOpt = "permute",
        fdr: FdrOpt = "bh",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        na_values: NaValuesOpt = None,
        rng: RngOpt = None,
        n_jobs: NJobsOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Directed all-pairs transfer entropy TE(X -> Y) of the table's columns.

        Rows are time steps in order; one row per ordered pair (source,
        target), strongest first. With --pvalues, a p-value per pair and
        FDR q-values over all pairs (timeseries.te_matrix); --method gaussian
        runs every pair from one covariance matrix, and --surrogate analytic
        gives its F-test p-values without surrogates.

        Example: mutinfo te-matrix prices.csv --method gaussian --k 2 --pvalues
        --surrogate analytic
        """
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
        )
        embedding: dict[str, Any] = {
            "k": k,
            "l": l,
            "delay": delay,
            "k_tau": k_tau,
            "l_tau": l_tau,
        }
        with handle_errors(debug):
            from mutinfo import timeseries as ts
            from mutinfo.io import select_columns, split_columns

            frame = read_frame(file, na_values)
            names = split_columns(columns) or list(frame.columns)
            data = select_columns(frame, names, "--columns")
            result = ts.te_matrix(
                data,
                pvalues=pvalues,
                n_permutations=n_permutations,
                surrogate=surrogate,
                fdr=None if fdr == "none" else fdr,
                n_jobs=n_jobs,
                **embedding,
                **options,
            )
        pairs = result.to_long().sort_values("te", ascending=False, kind="stable")
        records = plain_records(pairs.reset_index(drop=True))
        for rec in records:
            rec["source"], rec["target"] = str(rec["source"]), str(rec["target"])
        payload = {
            "measure": "te",
            "unit": result.unit,
            "n_steps": result.n_steps,
            "columns": [str(c) for c in result.columns],
            "params": result.params,
            "pairs": records,
        }
        emit_records(records, fmt, payload=payload, unit=result.unit)
