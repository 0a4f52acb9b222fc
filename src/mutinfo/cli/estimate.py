"""``mutinfo mi``, ``cmi`` and ``entropy``: one estimate from columns of a table."""

from __future__ import annotations

from collections.abc import Mapping
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
    OutputFormat,
    RngOpt,
    XOpt,
    YOpt,
    estimation_options,
    handle_errors,
    read_variables,
)
from mutinfo.cli._output import emit_records

ZOpt = Annotated[
    str,
    typer.Option(
        "--z", help="Column(s) of Z, comma-separated (a comma in a name: \\,)."
    ),
]
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


def run_estimate(measure: str, args: Mapping[str, Any]) -> None:
    """Read the table, estimate ``measure`` and print the Result (and interval).

    Parameters
    ----------
    measure : {"mi", "cmi", "entropy"}
        What to estimate.
    args : Mapping
        The command's parameters by name (its ``locals()``): ``ctx``, ``file``,
        the variables ``x`` (``y``, ``z``) it takes and the shared options.
    """
    options = estimation_options(
        args["ctx"],
        method=args["method"],
        base=args["base"],
        discrete=args["discrete"],
        nan_policy=args["nan_policy"],
        rng=args["rng"],
    )
    ci = args["ci"]
    with handle_errors(args["debug"]):
        import mutinfo as mt
        from mutinfo._neighbors import _jit

        data = read_variables(
            args["file"],
            {name: args[name] for name in ("x", "y", "z") if name in args},
            args["na_values"],
            arrow=ci is None,  # intervals resample a pandas frame as before
        )
        variables = (data["x"], data.get("y"), data.get("z"))
        # One estimate is one search of each kind: loading numba in the
        # background would cost more than it saves (a 10^5-row 1-D KSG: about
        # 0.5 s of CPU against a 0.3 s tree search), so the estimate keeps to
        # the tree unless the search alone repays the load
        # (mutinfo._neighbors.choose_algorithm). An interval's resamples do
        # repay it, so --ci keeps the background loader.
        previous = _jit.background_loading(False) if ci is None else None
        try:
            result = mt.estimate(measure, *variables, **options)
        finally:
            if previous is not None:
                _jit.background_loading(previous)
        interval = None
        if ci is not None:
            interval = mt.confidence_interval(
                *variables,
                measure=measure,
                level=ci,
                scheme=args["ci_scheme"],
                n_resamples=args["n_resamples"],
                **options,
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
    emit_records([record], args["fmt"], payload=payload)


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
        na_values: NaValuesOpt = None,
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
        run_estimate("mi", locals())

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
        na_values: NaValuesOpt = None,
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
        run_estimate("cmi", locals())

    @app.command(context_settings=METHOD_PARAMS_CONTEXT)
    def entropy(
        ctx: typer.Context,
        file: FileArg,
        x: XOpt,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        na_values: NaValuesOpt = None,
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
        run_estimate("entropy", locals())
