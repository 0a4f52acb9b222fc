"""The estimate commands' work without Typer: option parsing, reading, errors.

Everything here runs in a one-shot ``mutinfo mi`` (``cmi``, ``entropy``)
process that :mod:`mutinfo.cli._fast` serves without building the Typer
application, so this module imports neither Typer nor pandas; Typer (for its
exception classes and ``echo``) is imported only on an error path. The Typer
commands use the same functions (re-exported by :mod:`mutinfo.cli._options`),
so both paths parse, read, estimate and print alike.
"""

from __future__ import annotations

import contextlib
import math
import re
import sys
import warnings
from collections.abc import Iterator, Mapping
from typing import Any, Protocol, TextIO

from mutinfo._params import Bool
from mutinfo.cli._output import emit_records


class CommandContext(Protocol):
    """What the helpers read of a command's context: its extra arguments."""

    args: list[str]


#: mutinfo warnings met by this ``main()`` call: their lines, their shapes shown.
_SEEN: set[str] = set()
_SHOWN: set[str] = set()
#: Warnings left out as repeats of a shown one: shape -> (category name, count).
_LEFT_OUT: dict[str, tuple[str, int]] = {}

#: A number outside quotes (quoted text names a column, so it stays).
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?")
_QUOTED = re.compile(r"('[^']*')")


def _shape(line: str) -> str:
    """``line`` with its numbers (outside quotes) replaced by ``#``.

    Two warnings of one shape are the same finding with other numbers (the
    same sparse-table bias at each lag of ``separation``, say), not two
    findings; a quoted name (a column, a method) keeps them apart.
    """
    parts = _QUOTED.split(line)
    return "".join(
        part if i % 2 else _NUMBER.sub("#", part) for i, part in enumerate(parts)
    )


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Print mutinfo's own warnings as one line, without a source location.

    In a script a warning points at the user's calling line; from the command
    line that line would be inside Typer, so only the class and message are
    shown, each finding once: a repeat of a shown message, or the same message
    with other numbers, is counted and summed up at the end
    (:func:`_report_left_out`). Other libraries' warnings keep the standard
    format.
    """
    from mutinfo.exceptions import MutinfoWarning

    if issubclass(category, MutinfoWarning):
        line = f"warning: {category.__name__}: {message}"
        if line in _SEEN:  # the same finding from two steps (read, then use)
            return
        _SEEN.add(line)
        shape = _shape(line)
        if shape in _SHOWN:  # the same finding with other numbers: count it
            name, count = _LEFT_OUT.get(shape, (category.__name__, 0))
            _LEFT_OUT[shape] = (name, count + 1)
            return
        _SHOWN.add(shape)
        print(line, file=file or sys.stderr)
    else:
        text = warnings.formatwarning(message, category, filename, lineno, line)
        (file or sys.stderr).write(text)


def _report_left_out() -> None:
    """Print one line per category for the warnings left out as repeats."""
    totals: dict[str, int] = {}
    for name, count in _LEFT_OUT.values():
        totals[name] = totals.get(name, 0) + count
    for name, count in totals.items():
        plural = "s" if count > 1 else ""
        print(
            f"warning: {name}: {count} more {name} message{plural} like one above "
            "(the same finding with other numbers) left out.",
            file=sys.stderr,
        )
    _LEFT_OUT.clear()


def _quiet_warnings() -> contextlib.AbstractContextManager[None]:
    """Ignore mutinfo's warnings (``--quiet``) inside the returned context."""
    from mutinfo.exceptions import MutinfoWarning

    @contextlib.contextmanager
    def quiet() -> Iterator[None]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=MutinfoWarning)
            yield

    return quiet()


@contextlib.contextmanager
def cli_warnings(quiet: bool = False) -> Iterator[None]:
    """Show warnings as the CLI does (:func:`_show_warning`) while a command runs.

    With ``quiet`` mutinfo's warnings are not shown (other libraries' are). A
    mutinfo warning that the warning filters turn into an error
    (``PYTHONWARNINGS=error``) ends the command like any data error: one line
    ``mutinfo: DataWarning: ...`` on stderr and exit code 1, no traceback.
    """
    from mutinfo.exceptions import MutinfoWarning

    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    _SEEN.clear()
    _SHOWN.clear()
    _LEFT_OUT.clear()
    try:
        with _quiet_warnings() if quiet else contextlib.nullcontext():
            yield
    except MutinfoWarning as exc:  # raised: the filters made it an error
        print(f"mutinfo: {type(exc).__name__}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        warnings.showwarning = previous
        _report_left_out()


def _click_class(name: str) -> type[Exception]:
    # Recent Typer releases vendor Click; take Click's classes from Typer itself.
    import typer

    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise ImportError(f"Typer does not provide Click's {name}.")  # pragma: no cover


def _bad_parameter(message: str, hint: str) -> Exception:
    import typer

    return typer.BadParameter(message, param_hint=hint)


def _usage_error(message: str) -> Exception:
    return _click_class("UsageError")(message)


def parse_base(text: str) -> float:
    """Parse ``--base``: ``e`` or a number."""
    if text.strip().lower() in ("e", "nats"):
        return math.e
    if text.strip().lower() == "bits":
        return 2.0
    try:
        return float(text)
    except ValueError:
        raise _bad_parameter(
            f"expected e, bits or a number, got {text!r}", "'--base'"
        ) from None


def parse_discrete(text: str) -> Any:
    """Parse ``--discrete``: auto, a bool, or comma-separated bools per variable."""
    conv = Bool()

    def one(t: str) -> Any:
        if t.strip().lower() == "auto":
            return "auto"
        value = conv.convert(t.strip())
        if not isinstance(value, bool):
            raise _bad_parameter(
                f"expected auto, true or false, got {t!r}", "'--discrete'"
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
            raise _usage_error(f"Unexpected argument {arg!r}.")
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
            raise _usage_error(
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
                raise _usage_error(f"Option --{key} requires a value.")
            value_text = args[i + 1]
            i += 1
        params[name] = constraint.convert(value_text)
        i += 1
    return params


def estimation_options(
    ctx: CommandContext,
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
    ctx : typer.Context or CommandContext
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


def check_file_argument(file: str) -> None:
    """Raise a clear error unless the FILE argument is ``-`` or a readable file.

    The error names the argument, what it must be and the fix, where the
    operating system's own message would say only ``Is a directory``.
    """
    if file == "-":
        return
    from mutinfo.io._tables import check_input_file

    check_input_file(file, "The FILE argument")


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

    check_file_argument(file)
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

    check_file_argument(file)
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
    except (MutinfoError, OSError, ValueError, KeyError) as exc:
        # (Click's exceptions and typer.Exit subclass none of these: they pass.)
        if debug:
            raise
        import typer  # an error path only: the one-shot path runs without Typer

        message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        typer.echo(f"mutinfo: {message}", err=True)
        raise typer.Exit(1) from None


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
