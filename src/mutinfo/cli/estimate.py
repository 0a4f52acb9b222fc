"""``mutinfo mi``, ``cmi`` and ``entropy``: one estimate from columns of a table."""

from __future__ import annotations

from typing import Annotated

import typer

from mutinfo.cli._common import run_estimate
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
)

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
