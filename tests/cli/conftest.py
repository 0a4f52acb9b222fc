"""Shared helpers of the CLI tests: run a command, write a table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from mutinfo.cli.app import app

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``mutinfo ARGS`` (with ``stdin``); return exit code, stdout, stderr."""
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write_csv(frame: pd.DataFrame, tmp_path: Path, name: str = "data.csv") -> Path:
    """Write ``frame`` without its index to ``tmp_path / name``; return the path."""
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path
