"""``mutinfo rank``: rank or select the columns of a table by MI with a target."""

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
from mutinfo.exceptions import InvalidParameterError

TargetOpt = Annotated[str, typer.Option("--target", help="The target column.")]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        help="Feature columns, comma-separated (default: all others; a comma in "
        "a name: \\,).",
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
AlphaOpt = Annotated[
    float | None,
    typer.Option(
        "--alpha",
        help="Stop when the next feature's conditional relevance is not "
        "significant at this level (permutation test).",
    ),
]
PvaluesOpt = Annotated[
    bool,
    typer.Option("--pvalues", help="Add permutation p-values to the ranking."),
]
NPermOpt = Annotated[
    int,
    typer.Option("--n-permutations", help="Permutations per test."),
]
FdrOpt = Annotated[
    str | None,
    typer.Option("--fdr", help="Adjust --pvalues into q-values: bh, by, bonferroni."),
]


def _records(
    frame: Any,
    target: str,
    columns: str | None,
    *,
    k: int | None,
    criterion: str,
    threshold: float | None,
    alpha: float | None,
    tests: dict[str, Any],
    options: dict[str, Any],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run the ranking or the selection; return table records and the JSON payload."""
    from mutinfo.io import select_columns, split_columns
    from mutinfo.selection import forward_selection, rank_features

    y = select_columns(frame, [target], "--target")[target]
    names = split_columns(columns) or [c for c in frame.columns if c != target]
    if target in names:
        raise InvalidParameterError(
            f"--columns lists the target column {target!r}: it would be ranked as "
            "its own feature. Leave it out (without --columns every other column "
            "is a feature)."
        )
    X = select_columns(frame, names, "--columns")
    if criterion == "mi" and k is None and threshold is None and alpha is None:
        ranked = rank_features(X, y, **tests, **options)
        ranked["feature"] = ranked["feature"].astype(str)
        records = plain_records(ranked)
        payload: dict[str, Any] = {
            "criterion": "mi",
            "target": target,
            "unit": ranked.attrs["unit"],
            "features": records,
        }
        return records, payload
    if tests["pvalues"]:
        raise InvalidParameterError(
            "--pvalues adds p-values to the univariate ranking (--criterion mi "
            "without --k); for a selection, stop by significance with --alpha."
        )
    if k is None and threshold is None and alpha is None:
        k = len(names)
    sel = forward_selection(
        X,
        y,
        k=k,
        criterion=criterion,
        threshold=threshold,
        alpha=alpha,
        n_permutations=tests["n_permutations"],
        **options,
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
    if sel.p_values is not None:
        for record, p in zip(records, sel.p_values, strict=True):
            record["p_value"] = p
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
        alpha: AlphaOpt = None,
        pvalues: PvaluesOpt = False,
        n_permutations: NPermOpt = 1000,
        fdr: FdrOpt = None,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        na_values: NaValuesOpt = None,
        n_jobs: NJobsOpt = None,
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Rank features by MI with a target, or select k of them by a criterion.

        Without --k, --criterion mi lists every feature by I(feature; target);
        other criteria order every feature by greedy forward selection. With
        --k (or --threshold, or --alpha), the selection stops there. --pvalues
        (and --fdr bh) add permutation p-values (and q-values) to the ranking.
        Method parameters are options too, for example --n-neighbors 5.
        Discreteness per variable is given as features,target (for example
        --discrete false,true).

        Example: mutinfo rank wine.csv --target cultivar --k 5 --criterion jmi
        """
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
        )
        with handle_errors(debug):
            frame = read_frame(file, na_values)
            records, payload = _records(
                frame,
                target,
                columns,
                k=k,
                criterion=criterion,
                threshold=threshold,
                alpha=alpha,
                tests={
                    "pvalues": pvalues,
                    "n_permutations": n_permutations,
                    "fdr": fdr,
                },
                options={**options, "n_jobs": n_jobs},
            )
        emit_records(records, fmt, payload=payload, unit=payload["unit"])
