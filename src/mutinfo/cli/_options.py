"""Options shared by every command, defined once, and helpers to apply them."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any

import typer

from mutinfo._params import Bool


def _click_class(name: str) -> type[Exception]:
    # Recent Typer releases vendor Click; take Click's classes from Typer itself.
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise ImportError(f"Typer does not provide Click's {name}.")  # pragma: no cover


UsageError: Any = _click_class("UsageError")
ClickException: Any = _click_class("ClickException")


class OutputFormat(StrEnum):
    """What ``--format`` accepts."""

    table = "table"
    json = "json"
    csv = "csv"


FileArg = Annotated[
    str, typer.Argument(help="CSV or Parquet file (UTF-8); - reads CSV from stdin.")
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
        help="Write through a symbolic link at an output path (refused otherwise).",
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


def parse_base(text: str) -> float:
    """Parse ``--base``: ``e`` or a number."""
    if text.strip().lower() in ("e", "nats"):
        return math.e
    if text.strip().lower() == "bits":
        return 2.0
    try:
        return float(text)
    except ValueError:
        raise typer.BadParameter(
            f"expected e, bits or a number, got {text!r}", param_hint="'--base'"
        ) from None


def parse_discrete(text: str) -> Any:
    """Parse ``--discrete``: auto, a bool, or comma-separated bools per variable."""
    conv = Bool()

    def one(t: str) -> Any:
        if t.strip().lower() == "auto":
            return "auto"
        value = conv.convert(t.strip())
        if not isinstance(value, bool):
            raise typer.BadParameter(
                f"expected auto, true or false, got {t!r}", param_hint="'--discrete'"
            )
        return value

    parts = text.split(",")
    return one(parts[0]) if len(parts) == 1 else tuple(one(p) for p in parts)


def parse_method_params(args: list[str], method: str) -> dict[str, Any]:
    """Turn extra ``--kebab-name value`` arguments into method parameters.

    The parameter names and types come from the registry, so a new family's
    parameters work on the command line without touching the CLI.
    """
    if not args:  # nothing to parse: leave loading the registry to the estimate
        return {}
    from mutinfo import _registry

    known: dict[str, Any] = {}
    for family_name in _registry.names():
        for key, param in _registry.get(family_name).parameters.items():
            known.setdefault(key, param)
    explicit = method != "auto" and method in _registry.names()
    spec = dict(_registry.get(method).parameters) if explicit else known
    params: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--"):
            raise UsageError(f"Unexpected argument {arg!r}.")
        key = arg[2:]
        value_text: str | None = None
        if "=" in key:
            key, value_text = key.split("=", 1)
        negated = key.startswith("no-") and key[3:].replace("-", "_") in spec
        name = (key[3:] if negated else key).replace("-", "_")
        if explicit and name not in spec and name in known:
            # Another family's parameter: passed on, so the estimate raises the
            # resolver's error (the same text as from Python, exit 1).
            spec[name] = known[name]
        if name not in spec:
            raise UsageError(
                f"No such option: --{key} (method {method!r} takes: "
                + (", ".join("--" + k.replace("_", "-") for k in spec) or "nothing")
                + ")."
            )
        constraint = spec[name].constraint
        if isinstance(constraint, Bool) and value_text is None:
            params[name] = not negated
            i += 1
            continue
        if value_text is None:
            if i + 1 >= len(args):
                raise UsageError(f"Option --{key} requires a value.")
            value_text = args[i + 1]
            i += 1
        params[name] = constraint.convert(value_text)
        i += 1
    return params


def estimation_options(
    ctx: typer.Context,
    *,
    method: str,
    base: str,
    discrete: str,
    nan_policy: str,
    rng: int | None,
) -> dict[str, Any]:
    """Parse the shared estimation options into keyword arguments of the API.

    Parameters
    ----------
    ctx : typer.Context
        The command's context; its extra arguments are the method parameters.
    method, base, discrete, nan_policy : str
        The texts of ``--method``, ``--base``, ``--discrete`` and ``--nan-policy``.
    rng : int or None
        The seed of ``--rng``.

    Returns
    -------
    dict
        ``method``, ``base``, ``discrete``, ``nan_policy``, ``rng`` and the
        method parameters, ready to pass to ``mt.estimate`` and its kin.

    Raises
    ------
    typer.BadParameter, UsageError
        When an option or a method parameter cannot be parsed (exit 2).
    """
    base_value = parse_base(base)
    discrete_value = parse_discrete(discrete)
    params = parse_method_params(list(ctx.args), method)
    return {
        "method": method,
        "base": base_value,
        "discrete": discrete_value,
        "nan_policy": nan_policy,
        "rng": rng,
        **params,
    }


def read_frame(file: str, na_values: str | None = None) -> Any:
    """Read the command's table, with ``--na-values`` (comma-separated) as missing.

    Parameters
    ----------
    file : str
        CSV or Parquet path; ``-`` reads CSV from stdin.
    na_values : str, optional
        The text of ``--na-values``.

    Returns
    -------
    pandas.DataFrame
    """
    from mutinfo.io import read_table, split_columns

    return read_table(file, na_values=split_columns(na_values) or None)


def read_variables(
    file: str,
    specs: Mapping[str, str | None],
    na_values: str | None = None,
    *,
    arrow: bool = False,
) -> dict[str, Any]:
    """Read a table and select each variable's comma-separated columns.

    Parameters
    ----------
    file : str
        CSV or Parquet path; ``-`` reads CSV from stdin.
    specs : Mapping of str to str or None
        Variable name (``x``, ``y``, ``z``) to its columns; None skips it.
    na_values : str, optional
        The text of ``--na-values``: cell values read as missing.

    arrow : bool
        Read an all-numeric CSV with pyarrow instead of pandas where that gives
        the same numbers (:func:`mutinfo.io._tables.read_numeric_csv`): the
        variables are then pyarrow Tables, which every estimator accepts; for
        one-shot estimates, where importing pandas costs more than the file.

    Returns
    -------
    dict
        Variable name to its selected columns (errors name ``--<variable>``).
    """
    from mutinfo.io import select_columns, split_columns

    frame = None
    if arrow:
        from mutinfo.io._tables import read_numeric_csv

        frame = read_numeric_csv(file, na_values=split_columns(na_values) or None)
    if frame is None:
        frame = read_frame(file, na_values)
    return {
        name: select_columns(frame, split_columns(spec), f"--{name}")
        for name, spec in specs.items()
        if spec is not None
    }


@contextlib.contextmanager
def handle_errors(debug: bool) -> Iterator[None]:
    """Print one line on stderr and exit 1 for data and runtime errors."""
    from mutinfo.exceptions import MutinfoError

    try:
        yield
    except (ClickException, typer.Exit):
        raise
    except (MutinfoError, OSError, ValueError, KeyError) as exc:
        if debug:
            raise
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        typer.echo(f"mutinfo: {message}", err=True)
        raise typer.Exit(1) from None
