"""The Typer application; each command lives in its own module."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer

from mutinfo.cli._common import _quiet_warnings, cli_warnings
from mutinfo.cli._common import _show_warning as _show_warning

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


#: The root options that come before a command name (``mutinfo -q mi ...``).
QUIET_OPTIONS: tuple[str, ...] = ("-q", "--quiet")


def _root(
    ctx: typer.Context,
    quiet: Annotated[
        bool,
        typer.Option(
            *QUIET_OPTIONS,
            help="Do not show mutinfo's warnings (other libraries' still show).",
        ),
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = None,
) -> None:
    """Mutual information you can trust: estimates, tests and tools."""
    if quiet:  # left in place until the command has run
        ctx.with_resource(_quiet_warnings())


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
    while argv and argv[0] in QUIET_OPTIONS:
        argv = argv[1:]
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


def main() -> None:
    """Run the Typer application on ``sys.argv`` (every command, help, errors).

    The ``mutinfo`` console script and ``python -m mutinfo`` enter through
    :func:`mutinfo.cli.main`, which serves the common one-shot estimates
    without Typer (:mod:`mutinfo.cli._fast`) and calls this for the rest.
    """
    with cli_warnings():
        _app_for(sys.argv[1:])()
