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

app = typer.Typer(
    name="mutinfo",
    help="Mutual information you can trust: estimates, tests and tools.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from mutinfo import __version__

        typer.echo(f"mutinfo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = None,
) -> None:
    """Mutual information you can trust: estimates, tests and tools."""


for _module in _COMMANDS:
    importlib.import_module(_module).register(app)


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
        app()
    finally:
        warnings.showwarning = previous
