"""The ``mutinfo`` command-line interface (Typer): thin shells over the API."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the ``mutinfo`` console script and ``python -m mutinfo``.

    A one-shot ``mutinfo mi`` (``cmi``, ``entropy``) runs without building the
    Typer application (:mod:`mutinfo.cli._fast`: the same parameters, the same
    output); every other command line goes to :func:`mutinfo.cli.app.main`.
    The root option ``-q``/``--quiet`` (mutinfo's warnings not shown) may come
    before either.
    """
    import contextlib

    from mutinfo.cli._fast import run_one_shot

    argv = sys.argv[1:]
    quiet = False
    while argv and argv[0] in ("-q", "--quiet"):  # as app.QUIET_OPTIONS
        argv, quiet = argv[1:], True
    if quiet:
        from mutinfo.cli._common import _quiet_warnings

        context = _quiet_warnings()
    else:
        context = contextlib.nullcontext()
    with context:
        code = run_one_shot(argv)
    if code is None:
        from mutinfo.cli.app import main as typer_main

        typer_main()
    else:
        sys.exit(code)
