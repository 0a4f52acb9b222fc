"""The Typer application; each command lives in its own module."""

from __future__ import annotations

import importlib
from typing import Annotated

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


def main() -> None:
    """Entry point of the ``mutinfo`` console script."""
    app()
