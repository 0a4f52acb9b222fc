"""The ``mutinfo`` command-line interface (Typer): thin shells over the API."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the ``mutinfo`` console script and ``python -m mutinfo``.

    A one-shot ``mutinfo mi`` (``cmi``, ``entropy``) runs without building the
    Typer application (:mod:`mutinfo.cli._fast`: the same parameters, the same
    output); every other command line goes to :func:`mutinfo.cli.app.main`.
    """
    from mutinfo.cli._fast import run_one_shot

    code = run_one_shot(sys.argv[1:])
    if code is None:
        from mutinfo.cli.app import main as typer_main

        typer_main()
    else:
        sys.exit(code)
