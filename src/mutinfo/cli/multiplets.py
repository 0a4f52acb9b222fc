"""``mutinfo multiplets``: higher-order information of every multiplet of columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    FileArg,
    FormatOpt,
    NaValuesOpt,
    NJobsOpt,
    OutputFormat,
    RngOpt,
    handle_errors,
    parse_base,
    parse_method_params,
    read_frame,
)
from mutinfo.cli._output import emit_records

OrderOpt = Annotated[
    int, typer.Option("--order", min=2, help="Columns per multiplet (3: triplets).")
]
MeasureOpt = Annotated[
    str,
    typer.Option(
        "--measure",
        help="What ranks the multiplets (and what the p-values are of): "
        "o_information, total_correlation, dual_total_correlation or s_information.",
    ),
]
HoiMethodOpt = Annotated[
    str,
    typer.Option(
        "--method",
        help="A family that estimates total_correlation (gaussian_copula, "
        "gaussian, ksg, kl, ...).",
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="Columns, comma-separated (default: all; a comma in a name: \\,).",
    ),
]
TopOpt = Annotated[
    int | None,
    typer.Option("--top", min=1, help="Print only the N highest-ranked multiplets."),
]
PvaluesOpt = Annotated[
    bool,
    typer.Option(
        "--pvalues",
        help="Permutation p-values (each column permuted independently), per "
        "multiplet and family-wise.",
    ),
]
PermOpt = Annotated[
    int,
    typer.Option("--n-permutations", min=1, help="Surrogate tables for --pvalues."),
]


def _record(row: Mapping[Any, Any]) -> dict[str, Any]:
    """One printed row: the multiplet comma-joined, numbers as Python scalars."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "multiplet":
            out[str(key)] = ",".join(str(c) for c in value)
        else:
            out[str(key)] = value.item() if hasattr(value, "item") else value
    return out


def register(app: typer.Typer) -> None:
    """Add the ``multiplets`` command to ``app``."""

    @app.command(name="multiplets", context_settings=METHOD_PARAMS_CONTEXT)
    def multiplets(
        ctx: typer.Context,
        file: FileArg,
        order: OrderOpt = 3,
        measure: MeasureOpt = "o_information",
        method: HoiMethodOpt = "gaussian_copula",
        columns: ColumnsOpt = None,
        top: TopOpt = None,
        pvalues: PvaluesOpt = False,
        n_permutations: PermOpt = 99,
        n_jobs: NJobsOpt = None,
        base: BaseOpt = "e",
        na_values: NaValuesOpt = None,
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Rank every multiplet of a table's columns by its higher-order information.

        Each set of --order columns gets its total correlation, dual total
        correlation, O-information (> 0 redundancy, < 0 synergy dominates) and
        S-information; rows are sorted by |--measure|. --pvalues adds
        permutation p-values against independent columns (p_value per
        multiplet, p_value_fwer family-wise). Method parameters are options
        too, for example --n-neighbors 5 with --method ksg.

        Example: mutinfo multiplets eeg.csv --order 3 --top 10 --pvalues --rng 0
        """
        base_value = parse_base(base)
        params = parse_method_params(list(ctx.args), method)
        with handle_errors(debug):
            from mutinfo.io import select_columns, split_columns
            from mutinfo.pid import multiplets as run

            frame = read_frame(file, na_values)
            if columns is not None:
                frame = select_columns(frame, split_columns(columns), "--columns")
            table = run(
                frame,
                order,
                measure=measure,
                method=method,
                n_permutations=n_permutations if pvalues else 0,
                base=base_value,
                rng=rng,
                n_jobs=n_jobs,
                **params,
            )
        shown = table if top is None else table.head(top)
        records = [_record(row) for row in shown.to_dict(orient="records")]
        attrs = {
            k: (v.item() if hasattr(v, "item") else v) for k, v in table.attrs.items()
        }
        payload = {
            **attrs,
            "n_multiplets": len(table),
            "multiplets": [
                {**rec, "multiplet": [str(c) for c in row["multiplet"]]}
                for rec, row in zip(
                    records, shown.to_dict(orient="records"), strict=True
                )
            ],
        }
        emit_records(records, fmt, payload=payload, unit=payload.get("unit"))
