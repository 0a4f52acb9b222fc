"""``mutinfo rank``: rank or select the columns of a table by MI with a target."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    DiscreteOpt,
    FormatOpt,
    MethodOpt,
    NanOpt,
    OutputFormat,
    RngOpt,
    handle_errors,
    parse_base,
    parse_discrete,
    parse_method_params,
)
from mutinfo.cli._output import emit_records

FileArg = Annotated[
    str, typer.Argument(help="CSV or Parquet file; - reads CSV from stdin.")
]
TargetOpt = Annotated[str, typer.Option("--target", help="The target column.")]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns", help="Feature columns, comma-separated (default: all others)."
    ),
]
KOpt = Annotated[
    int | None,
    typer.Option("--k", help="Number of features to select (default: rank all)."),
]
CriterionOpt = Annotated[
    str,
    typer.Option(
        "--criterion",
        help="mi (univariate), mrmr, mrmr_quotient, jmi, cmim or jmim.",
    ),
]
ThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--threshold", help="Stop when the best score falls below this value."
    ),
]
NJobsOpt = Annotated[
    int | None, typer.Option("--n-jobs", help="Local threads (-1: every core).")
]


def _records(
    frame: Any,
    target: str,
    columns: str | None,
    *,
    k: int | None,
    criterion: str,
    threshold: float | None,
    options: dict[str, Any],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run the ranking or the selection; return table records and the JSON payload."""
    from mutinfo.io import select_columns, split_columns
    from mutinfo.selection import forward_selection, rank_features

    y = select_columns(frame, [target], "--target")[target]
    names = split_columns(columns) or [c for c in frame.columns if c != target]
    X = select_columns(frame, names, "--columns")
    if criterion == "mi" and k is None and threshold is None:
        ranked = rank_features(X, y, **options)
        records = [
            {"rank": int(r), "feature": str(f), "mi": float(v), "method": m}
            for r, f, v, m in zip(
                ranked["rank"],
                ranked["feature"],
                ranked["mi"],
                ranked["method"],
                strict=True,
            )
        ]
        return records, {"criterion": "mi", "target": target, "features": records}
    if k is None and threshold is None:
        k = len(names)
    sel = forward_selection(
        X, y, k=k, criterion=criterion, threshold=threshold, **options
    )
    relevance = dict(zip(names, sel.relevance, strict=True))
    records = [
        {
            "rank": i + 1,
            "feature": str(f),
            "score": s,
            "mi": relevance[f],
            "method": sel.methods[f],
        }
        for i, (f, s) in enumerate(zip(sel.features, sel.scores, strict=True))
    ]
    payload = {
        "criterion": criterion,
        "target": target,
        "unit": sel.unit,
        "stopped_by": sel.stopped_by,
        "n_estimates": dict(sel.n_estimates),
        "features": records,
    }
    return records, payload


def register(app: typer.Typer) -> None:
    """Add the ``rank`` command to ``app``."""

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def rank(
        ctx: typer.Context,
        file: FileArg,
        target: TargetOpt,
        columns: ColumnsOpt = None,
        k: KOpt = None,
        criterion: CriterionOpt = "mi",
        threshold: ThresholdOpt = None,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        n_jobs: NJobsOpt = None,
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Rank features by MI with a target, or select k of them by a criterion.

        Without --k, --criterion mi lists every feature by I(feature; target);
        other criteria order every feature by greedy forward selection. With
        --k (or --threshold), the selection stops there. Method parameters are
        options too, for example --n-neighbors 5. Discreteness per variable is
        given as features,target (for example --discrete false,true).

        Example: mutinfo rank wine.csv --target cultivar --k 5 --criterion jmi
        """
        base_value = parse_base(base)
        discrete_value = parse_discrete(discrete)
        params = parse_method_params(list(ctx.args), method)
        with handle_errors(debug):
            from mutinfo.io import read_table

            frame = read_table(file)
            options = {
                "method": method,
                "base": base_value,
                "discrete": discrete_value,
                "nan_policy": nan_policy,
                "n_jobs": n_jobs,
                "rng": rng,
                **params,
            }
            records, payload = _records(
                frame,
                target,
                columns,
                k=k,
                criterion=criterion,
                threshold=threshold,
                options=options,
            )
        emit_records(records, fmt, payload=payload)
