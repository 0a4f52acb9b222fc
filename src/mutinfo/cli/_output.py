"""Formatting of results: one place, so ``--format`` means the same everywhere."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any


class OutputFormat(StrEnum):
    """What ``--format`` accepts."""

    table = "table"
    json = "json"
    csv = "csv"


#: Click's pattern of the ANSI style codes ``echo`` strips off a non-terminal.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def echo(text: str, *, nl: bool = True) -> None:
    """Print ``text`` to standard output as ``typer.echo`` does.

    Through Typer when it is loaded (every command it runs); the one-shot path
    (:mod:`mutinfo.cli._fast`) runs without Typer and writes what Click's
    ``echo`` writes for text: the line, style codes stripped unless standard
    output is a terminal, then a flush.
    """
    typer = sys.modules.get("typer")
    if typer is not None:
        typer.echo(text, nl=nl)
        return
    out = text + "\n" if nl else text
    stream = sys.stdout
    if out:
        if not stream.isatty():
            out = _ANSI.sub("", out)
        stream.write(out)
    stream.flush()


def emit_records(
    records: Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    *,
    payload: Any = None,
    unit: str | None = None,
) -> None:
    """Print records as an aligned table, JSON (``payload`` if given) or CSV.

    ``unit`` (the payload says it once) is added to every table and CSV row
    as a last ``unit`` column, so a value printed in bits says so.
    """
    if fmt is OutputFormat.json:
        echo(json.dumps(payload if payload is not None else list(records), indent=2))
        return
    if unit is not None:
        records = [{**rec, "unit": rec.get("unit", unit)} for rec in records]
    if not records:
        return
    columns = list(records[0])
    if fmt is OutputFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow({k: _cell(rec.get(k)) for k in columns})
        echo(buf.getvalue(), nl=False)
        return
    cells = [[_cell(rec.get(k)) for k in columns] for rec in records]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def plain_records(frame: Any) -> list[dict[str, Any]]:
    """Rows of a DataFrame as records with string keys and Python scalars.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to print; numpy scalars become Python ones (JSON output).

    Returns
    -------
    list of dict
        One record per row.
    """
    return [
        {str(k): (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, Mapping):
        return " ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return "" if value is None else str(value)
