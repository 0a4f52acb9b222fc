"""Options shared by every command, defined once, and helpers to apply them.

The helpers that apply them (parsing, reading, errors) live in
:mod:`mutinfo.cli._common`, which imports no Typer, and are re-exported here.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from mutinfo.cli._common import (
    estimation_options as estimation_options,
)
from mutinfo.cli._common import (
    handle_errors as handle_errors,
)
from mutinfo.cli._common import (
    parse_base as parse_base,
)
from mutinfo.cli._common import (
    parse_discrete as parse_discrete,
)
from mutinfo.cli._common import (
    parse_method_params as parse_method_params,
)
from mutinfo.cli._common import (
    read_frame as read_frame,
)
from mutinfo.cli._common import (
    read_variables as read_variables,
)
from mutinfo.cli._output import OutputFormat as OutputFormat


def _click_class(name: str) -> type[Exception]:
    # Recent Typer releases vendor Click; take Click's classes from Typer itself.
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise ImportError(f"Typer does not provide Click's {name}.")  # pragma: no cover


UsageError: Any = _click_class("UsageError")
ClickException: Any = _click_class("ClickException")


FileArg = Annotated[
    str,
    typer.Argument(
        help="CSV (TSV if named *.tsv) or Parquet file (UTF-8); - reads CSV from stdin."
    ),
]
XOpt = Annotated[
    str,
    typer.Option(
        "--x", help="Column(s) of X, comma-separated (a comma in a name: \\,)."
    ),
]
YOpt = Annotated[
    str,
    typer.Option(
        "--y", help="Column(s) of Y, comma-separated (a comma in a name: \\,)."
    ),
]
NaValuesOpt = Annotated[
    str | None,
    typer.Option(
        "--na-values",
        help="Cell values read as missing, comma-separated, e.g. '?,n/a' "
        "(with --nan-policy omit to drop those rows).",
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an existing output file, or write through a symbolic link "
        "at an output path (both refused otherwise).",
    ),
]
NJobsOpt = Annotated[
    int | None, typer.Option("--n-jobs", help="Local threads (-1: every core).")
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format: table, json or csv."),
]
MethodOpt = Annotated[
    str,
    typer.Option(
        "--method", "-m", help="Estimator name (see `mutinfo methods`) or auto."
    ),
]
BaseOpt = Annotated[
    str,
    typer.Option("--base", help="Logarithm base: e (nats), 2 (bits), 10, ..."),
]
NanOpt = Annotated[
    str,
    typer.Option("--nan-policy", help="What to do with missing values: raise or omit."),
]
DiscreteOpt = Annotated[
    str,
    typer.Option(
        "--discrete",
        help="auto (from column types), true, false, or one per variable: true,false",
    ),
]
RngOpt = Annotated[int | None, typer.Option("--rng", help="Seed of every random draw.")]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Show the full traceback on errors.")
]

#: Let a command receive method parameters (``--n-neighbors 5``) as extra args.
METHOD_PARAMS_CONTEXT = {"allow_extra_args": True, "ignore_unknown_options": True}
