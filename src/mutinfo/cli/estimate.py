"""``mutinfo mi``, ``cmi`` and ``entropy``: one estimate from columns of a table."""

from __future__ import annotations

from typing import Annotated

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
XOpt = Annotated[str, typer.Option("--x", help="Column(s) of X, comma-separated.")]
YOpt = Annotated[str, typer.Option("--y", help="Column(s) of Y, comma-separated.")]
ZOpt = Annotated[str, typer.Option("--z", help="Column(s) of Z, comma-separated.")]
CiOpt = Annotated[
    float | None,
    typer.Option(
        "--ci",
        min=0.0,
        max=1.0,
        help="Also print a confidence interval at this level, for example 0.95.",
    ),
]
CiSchemeOpt = Annotated[
    str,
    typer.Option(
        "--ci-scheme",
        help="Interval scheme: auto, bootstrap, bca, subsample or analytic.",
    ),
]
NResamplesOpt = Annotated[
    int, typer.Option("--n-resamples", min=1, help="Resamples of the interval.")
]


def run_estimate(
    ctx: typer.Context,
    measure: str,
    file: str,
    columns: dict[str, str],
    *,
    method: str,
    base: str,
    discrete: str,
    nan_policy: str,
    rng: int | None,
    fmt: OutputFormat,
    debug: bool,
    ci: float | None = None,
    ci_scheme: str = "auto",
    n_resamples: int = 1000,
) -> None:
    """Read the table, estimate ``measure`` and print the Result (and interval)."""
    base_value = parse_base(base)
    discrete_value = parse_discrete(discrete)
    params = parse_method_params(list(ctx.args), method)
    with handle_errors(debug):
        import mutinfo as mt
        from mutinfo.io import read_table, select_columns, split_columns

        frame = read_table(file)
        data = {
            name: select_columns(frame, split_columns(spec), f"--{name}")
            for name, spec in columns.items()
        }
        result = mt.estimate(
            measure,
            data["x"],
            data.get("y"),
            data.get("z"),
            method=method,
            base=base_value,
            discrete=discrete_value,
            nan_policy=nan_policy,
            rng=rng,
            **params,
        )
        interval = None
        if ci is not None:
            interval = mt.confidence_interval(
                data["x"],
                data.get("y"),
                data.get("z"),
                measure=measure,
                method=method,
                level=ci,
                scheme=ci_scheme,
                n_resamples=n_resamples,
                base=base_value,
                discrete=discrete_value,
                nan_policy=nan_policy,
                rng=rng,
                **params,
            )
    record = {
        "measure": result.measure,
        "value": result.value,
        "unit": result.unit,
        "method": result.method,
        "n_samples": result.n_samples,
        "params": dict(result.params),
    }
    payload = result.to_dict()
    if interval is not None:
        record.update(
            ci_low=interval.low, ci_high=interval.high, ci_scheme=interval.scheme
        )
        payload["ci"] = interval.to_dict()
    emit_records([record], fmt, payload=payload)


def register(app: typer.Typer) -> None:
    """Add the estimate commands to ``app``."""

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def mi(
        ctx: typer.Context,
        file: FileArg,
        x: XOpt,
        y: YOpt,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
        ci: CiOpt = None,
        ci_scheme: CiSchemeOpt = "auto",
        n_resamples: NResamplesOpt = 1000,
    ) -> None:
        """Mutual information I(X; Y) between columns of a table.

        Method parameters are options too, for example --n-neighbors 5.
        --ci 0.95 adds a 95% confidence interval (see docs/uncertainty.md).

        Example: mutinfo mi data.csv --x age --y income --method ksg --base 2
        """
        run_estimate(
            ctx,
            "mi",
            file,
            {"x": x, "y": y},
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
            fmt=fmt,
            debug=debug,
            ci=ci,
            ci_scheme=ci_scheme,
            n_resamples=n_resamples,
        )

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def cmi(
        ctx: typer.Context,
        file: FileArg,
        x: XOpt,
        y: YOpt,
        z: ZOpt,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
        ci: CiOpt = None,
        ci_scheme: CiSchemeOpt = "auto",
        n_resamples: NResamplesOpt = 1000,
    ) -> None:
        """Conditional mutual information I(X; Y | Z) between columns of a table.

        Example: mutinfo cmi data.csv --x a --y b --z c,d --n-neighbors 5
        """
        run_estimate(
            ctx,
            "cmi",
            file,
            {"x": x, "y": y, "z": z},
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
            fmt=fmt,
            debug=debug,
            ci=ci,
            ci_scheme=ci_scheme,
            n_resamples=n_resamples,
        )

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def entropy(
        ctx: typer.Context,
        file: FileArg,
        x: XOpt,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
        ci: CiOpt = None,
        ci_scheme: CiSchemeOpt = "auto",
        n_resamples: NResamplesOpt = 1000,
    ) -> None:
        """Entropy H(X) of one or more columns of a table.

        Example: mutinfo entropy data.csv --x word --base 2
        """
        run_estimate(
            ctx,
            "entropy",
            file,
            {"x": x},
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
            fmt=fmt,
            debug=debug,
            ci=ci,
            ci_scheme=ci_scheme,
            n_resamples=n_resamples,
        )
