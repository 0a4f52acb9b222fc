"""``mutinfo mi`` (``cmi``, ``entropy``) without building the Typer application.

A one-shot estimate is a whole process: importing Typer, Click and Pydantic
(Typer converts every option through a Pydantic ``TypeAdapter``) and building
the command costs about 0.15 s of CPU, more than reading a 10^5-row CSV. The
common command lines of the three estimate commands are simple, so
:func:`parse` reads them here, with Click's rules, into the same parameters
the Typer command receives, and :func:`run_one_shot` runs the same
:func:`mutinfo.cli._common.run_estimate`. Anything else goes to Typer
unchanged: ``--help``, ``--debug``, ``--ci`` and its options, ``--`` or a value
that starts with ``-``, an option given twice, a short option other than
``-m``/``-f``, a missing argument, a value Typer would convert differently
(``--rng 1_000``), a ``--base`` or ``--discrete`` Typer would reject, and
method parameters it cannot parse; so help texts, errors and exit codes stay
Typer's. tests/cli/test_fast_path.py checks that both paths parse the same.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

#: Value options of each command: option name -> parameter name.
_VALUE_OPTIONS: dict[str, str] = {
    "--x": "x",
    "--y": "y",
    "--z": "z",
    "--method": "method",
    "-m": "method",
    "--base": "base",
    "--discrete": "discrete",
    "--nan-policy": "nan_policy",
    "--na-values": "na_values",
    "--rng": "rng",
    "--format": "fmt",
    "-f": "fmt",
}
#: The variables each command takes (all required).
_VARIABLES: dict[str, tuple[str, ...]] = {
    "mi": ("x", "y"),
    "cmi": ("x", "y", "z"),
    "entropy": ("x",),
}
#: Options left to Typer (help, tracebacks, intervals and their settings).
_TYPER_ONLY = frozenset({"--help", "--debug", "--ci", "--ci-scheme", "--n-resamples"})
_DEFAULTS: dict[str, Any] = {
    "method": "auto",
    "base": "e",
    "discrete": "auto",
    "nan_policy": "raise",
    "na_values": None,
    "rng": None,
    "fmt": "table",
    "debug": False,
    "ci": None,
    "ci_scheme": "auto",
    "n_resamples": 1000,
}
_DIGITS = re.compile(r"[0-9]+")


@dataclass
class _Context:
    """What the estimate commands read of Typer's context: the extra arguments."""

    args: list[str] = field(default_factory=list)


def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """Read an estimate command line as Typer would, or return None.

    Parameters
    ----------
    argv : list of str
        The arguments after the program name (``sys.argv[1:]``).

    Returns
    -------
    (measure, params) or None
        The command name and the parameters its Typer function receives
        (``ctx`` a stand-in with the extra arguments as ``ctx.args``); None
        when the command line is one to leave to Typer.
    """
    if not argv or argv[0] not in _VARIABLES:
        return None
    measure = argv[0]
    allowed = {
        opt: name
        for opt, name in _VALUE_OPTIONS.items()
        if name not in ("x", "y", "z") or name in _VARIABLES[measure]
    }
    given: dict[str, Any] = {}
    rest: list[str] = []  # positionals and unknown long options, in order (Click)
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if not arg.startswith("-"):
            rest.append(arg)
            continue
        opt, eq, value = arg.partition("=")
        if opt in _TYPER_ONLY or arg in ("-", "--"):
            return None
        if opt not in allowed:
            if not arg.startswith("--") or opt in _VALUE_OPTIONS:
                return None  # a short option, or another command's variable
            rest.append(arg)  # a method parameter: Click passes it on as is
            continue
        if not eq:
            if i >= len(argv) or argv[i].startswith("-"):
                return None
            value = argv[i]
            i += 1
        elif not opt.startswith("--"):
            return None  # "-m=ksg": Click reads "=ksg" as the value
        name = allowed[opt]
        if name in given:
            return None
        given[name] = value
    if not rest or rest[0].startswith("-"):
        return None
    if any(name not in given for name in _VARIABLES[measure]):
        return None
    params = dict(_DEFAULTS)
    params.update(given)
    if "rng" in given:
        if not _DIGITS.fullmatch(given["rng"]):
            return None
        params["rng"] = int(given["rng"])
    from mutinfo.cli._output import OutputFormat

    if params["fmt"] not in OutputFormat.__members__:
        return None
    params["fmt"] = OutputFormat(params["fmt"])
    params["ctx"] = _Context(rest[1:])
    params["file"] = rest[0]
    return measure, params


def run_one_shot(argv: list[str]) -> int | None:
    """Run an estimate command line without Typer; None leaves it to Typer.

    Parameters
    ----------
    argv : list of str
        The arguments after the program name.

    Returns
    -------
    int or None
        The exit code, as Typer's standalone mode would exit with it.
    """
    parsed = parse(argv)
    if parsed is None:
        return None
    measure, params = parsed
    from mutinfo.cli._common import cli_warnings, estimation_options, run_estimate

    try:  # options Typer would reject (a usage error, exit 2): Typer reports them
        estimation_options(
            params["ctx"],
            method=params["method"],
            base=params["base"],
            discrete=params["discrete"],
            nan_policy=params["nan_policy"],
            rng=params["rng"],
        )
    except Exception:
        return None
    try:
        with cli_warnings():
            run_estimate(measure, params)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\nAborted!\n")  # as Click's standalone mode
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # A closed pipe (``mutinfo mi ... | head``): Click exits 1 quietly, so
        # the final flush of the interpreter must not fail either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:
        typer = sys.modules.get("typer")  # handle_errors echoed the message
        if typer is not None and isinstance(exc, typer.Exit):
            return int(exc.exit_code)
        raise
    return 0
