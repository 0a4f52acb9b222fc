"""The Typer application; each command lives in its own module."""

from __future__ import annotations

import importlib
import sys
import warnings
from typing import Annotated, TextIO

import typer

#: Command modules; each has ``register(app)``.
_COMMANDS: tuple[str, ...] = (
    "mutinfo.cli.estimate",
    "mutinfo.cli.methods",
    "mutinfo.cli.demo",
    "mutinfo.cli.rank",
    "mutinfo.cli.independence",
    "mutinfo.cli.matrix",
    "mutinfo.cli.bench",
    "mutinfo.cli.pmi",
    "mutinfo.cli.pid",
    "mutinfo.cli.multiplets",
    "mutinfo.cli.report",
    "mutinfo.cli.infoplane",
    "mutinfo.cli.te",
    "mutinfo.cli.separation",
    "mutinfo.cli.te_matrix",
)

#: Each command's module, so a one-shot call imports only the module it runs
#: (tests/cli/test_lazy_commands.py checks this against the registered names).
COMMAND_MODULES: dict[str, str] = {
    "mi": "mutinfo.cli.estimate",
    "cmi": "mutinfo.cli.estimate",
    "entropy": "mutinfo.cli.estimate",
    "methods": "mutinfo.cli.methods",
    "demo": "mutinfo.cli.demo",
    "rank": "mutinfo.cli.rank",
    "test": "mutinfo.cli.independence",
    "matrix": "mutinfo.cli.matrix",
    "bench": "mutinfo.cli.bench",
    "pmi": "mutinfo.cli.pmi",
    "pmi-eval": "mutinfo.cli.pmi",
    "pid": "mutinfo.cli.pid",
    "multiplets": "mutinfo.cli.multiplets",
    "report": "mutinfo.cli.report",
    "infoplane": "mutinfo.cli.infoplane",
    "te": "mutinfo.cli.te",
    "separation": "mutinfo.cli.separation",
    "te-matrix": "mutinfo.cli.te_matrix",
}


def _version(value: bool) -> None:
    if value:
        from mutinfo import __version__

        typer.echo(f"mutinfo {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = None,
) -> None:
    """Mutual information you can trust: estimates, tests and tools."""


def build_app(modules: tuple[str, ...] = _COMMANDS) -> typer.Typer:
    """Build the Typer application with the commands of ``modules`` registered.

    Parameters
    ----------
    modules : tuple of str
        Command modules (each has ``register(app)``); every command by default.

    Returns
    -------
    typer.Typer
    """
    built = typer.Typer(
        name="mutinfo",
        help="Mutual information you can trust: estimates, tests and tools.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    built.callback()(_root)
    for module in modules:
        importlib.import_module(module).register(built)
    return built


def _app_for(argv: list[str]) -> typer.Typer:
    """Build the application for one command line: only its command's module.

    Anything else (no command, ``--help``, ``--version``, an unknown name)
    gets every command, so help and errors list them all.
    """
    module = COMMAND_MODULES.get(argv[0]) if argv else None
    return build_app((module,)) if module is not None else build_app()


_full_app: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """``app``: every command, built on first use (tests, documentation)."""
    global _full_app
    if name == "app":
        if _full_app is None:
            _full_app = build_app()
        return _full_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: mutinfo warnings already printed by this ``main()`` call.
_SHOWN: set[str] = set()


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
    shown, each distinct message once. Other libraries' warnings keep the
    standard format.
    """
    from mutinfo.exceptions import MutinfoWarning

    if issubclass(category, MutinfoWarning):
        line = f"warning: {category.__name__}: {message}"
        if line in _SHOWN:  # the same finding from two steps (read, then use)
            return
        _SHOWN.add(line)
        print(line, file=file or sys.stderr)
    else:
        text = warnings.formatwarning(message, category, filename, lineno, line)
        (file or sys.stderr).write(text)


def main() -> None:
    """Entry point of the ``mutinfo`` console script."""
    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    _SHOWN.clear()
    try:
        _app_for(sys.argv[1:])()
    finally:
        warnings.showwarning = previous
