"""``mutinfo methods``: the registry, the CLI twin of ``mutinfo.methods()``."""

from __future__ import annotations

import typer

from mutinfo.cli._options import FormatOpt, OutputFormat
from mutinfo.cli._output import emit_records


def register(app: typer.Typer) -> None:
    """Add the methods command to ``app``."""

    @app.command()
    def methods(fmt: FormatOpt = OutputFormat.table) -> None:
        """List the estimators: name, measures, data kinds, parameters.

        Example: mutinfo methods --format json
        """
        import mutinfo as mt

        infos = [m.to_dict() for m in mt.methods()]
        records = [
            {
                "name": m["name"],
                "measures": ",".join(m["measures"]),
                "kinds": ",".join(m["kinds"]),
                "parameters": m["parameters"],
            }
            for m in infos
        ]
        emit_records(records, fmt, payload=infos)
