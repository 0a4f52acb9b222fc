"""``mutinfo pid``: partial information decomposition of discrete columns."""

from __future__ import annotations

from typing import Annotated

import typer

from mutinfo.cli._options import (
    DebugOpt,
    FileArg,
    FormatOpt,
    OutputFormat,
    handle_errors,
    parse_base,
    read_frame,
)
from mutinfo.cli._output import emit_records

SourcesOpt = Annotated[
    str,
    typer.Option("--sources", help="Source columns (2 to 4), comma-separated."),
]
TargetOpt = Annotated[str, typer.Option("--target", help="The target column.")]
MeasureOpt = Annotated[
    str,
    typer.Option(
        "--measure", help="Redundancy measure: ccs, imin, mmi, broja, dep or pm."
    ),
]
PidBaseOpt = Annotated[
    str,
    typer.Option("--base", help="Logarithm base: 2 (bits, default), e (nats), ..."),
]


def register(app: typer.Typer) -> None:
    """Add the ``pid`` command to ``app``."""

    @app.command(name="pid")
    def pid(
        file: FileArg,
        sources: SourcesOpt,
        target: TargetOpt,
        measure: MeasureOpt = "ccs",
        base: PidBaseOpt = "2",
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Split I(sources; target) into redundant, unique and synergistic atoms.

        The columns are read as discrete labels; their empirical distribution
        is decomposed (a BiasWarning says when the samples per joint cell are
        few). Atoms are named by lattice node: {0}{1} redundancy, {0} unique
        to the first source, {0:1} synergy.

        Example: mutinfo pid data.csv --sources a,b --target y --measure imin
        """
        base_value = parse_base(base)
        with handle_errors(debug):
            from mutinfo.exceptions import InvalidDataError, InvalidParameterError
            from mutinfo.io import select_columns, split_columns
            from mutinfo.pid import decompose_samples

            frame = read_frame(file)
            names = split_columns(sources)
            shared = [c for c in split_columns(target) if c in names]
            if shared:
                raise InvalidParameterError(
                    f"The target shares {', '.join(map(repr, shared))} with the "
                    "sources; pass a --target column that is not in --sources."
                )
            src = select_columns(frame, names, "--sources")
            tgt = select_columns(frame, split_columns(target), "--target")
            for column in (*names, *tgt.columns):
                missing = int(frame[column].isna().sum())
                if missing:
                    raise InvalidDataError(
                        f"Column {column!r} holds {missing} missing value(s); a "
                        "missing value is not a label. Drop those rows first."
                    )
            result = decompose_samples(
                [src[c].to_numpy() for c in names],
                tgt.iloc[:, 0].to_numpy() if tgt.shape[1] == 1 else tgt.to_numpy(),
                measure=measure,  # type: ignore[arg-type]
                base=base_value,
            )
        payload = result.to_dict()
        # The API names the sources s0, s1, ... and the target t (t_0, ... for
        # several columns); here they are the columns the user gave.
        payload["sources"] = [str(c) for c in names]
        target_names = [str(c) for c in tgt.columns]
        payload["target"] = target_names[0] if len(target_names) == 1 else target_names
        records = [
            {"node": node, "atom": value, "redundancy": result.redundancies[node]}
            for node, value in result.atoms.items()
        ]
        emit_records(records, fmt, payload=payload, unit=payload["unit"])
