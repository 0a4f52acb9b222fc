"""``mutinfo separation``: mutual information versus separation, I(d), of a column."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    DiscreteOpt,
    FileArg,
    FormatOpt,
    MethodOpt,
    NaValuesOpt,
    OutputFormat,
    RngOpt,
    UsageError,
    estimation_options,
    handle_errors,
    read_variables,
)
from mutinfo.cli._output import emit_records, plain_records

ColumnOpt = Annotated[
    str,
    typer.Option(
        "--column", help="The sequence: one column, rows in order (symbols or numbers)."
    ),
]
MaxDistanceOpt = Annotated[
    int,
    typer.Option(
        "--max-distance", min=1, help="Largest separation d (about 20 log-spaced d)."
    ),
]
DistancesOpt = Annotated[
    str | None,
    typer.Option(
        "--distances", help="Explicit separations, comma-separated (overrides max)."
    ),
]
BaselineOpt = Annotated[
    str,
    typer.Option("--baseline", help="shuffle (shuffled-sequence floor) or none."),
]


def _distances(text: str | None, max_distance: int) -> Any:
    if text is None:
        return max_distance
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"expected comma-separated positive ints, got {text!r}",
            param_hint="'--distances'",
        ) from None


def register(app: typer.Typer) -> None:
    """Add the ``separation`` command to ``app``."""

    @app.command(name="separation", context_settings=METHOD_PARAMS_CONTEXT)
    def separation(
        ctx: typer.Context,
        file: FileArg,
        column: ColumnOpt,
        max_distance: MaxDistanceOpt = 64,
        distances: DistancesOpt = None,
        baseline: BaselineOpt = "shuffle",
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        na_values: NaValuesOpt = None,
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Mutual information between values d rows apart, I(d) = I(X_t ; X_{t+d}).

        Bias-corrected (Grassberger) for symbols by default, beside the same
        estimate on a shuffled copy (--baseline shuffle), and a power-law
        versus exponential fit of I(d) (Lin & Tegmark 2017) when at least 3
        separations have a positive I(d).

        Example: mutinfo separation words.csv --column word --max-distance 100
        """
        if baseline not in ("shuffle", "none"):
            raise UsageError(
                f"Invalid value for '--baseline': expected shuffle or none, "
                f"got {baseline!r}."
            )
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy="raise",
            rng=rng,
        )
        options.pop("nan_policy")
        ds = _distances(distances, max_distance)
        with handle_errors(debug):
            from mutinfo import timeseries as ts
            from mutinfo.exceptions import InsufficientSamplesError, InvalidDataError

            frame = read_variables(file, {"column": column}, na_values)["column"]
            if frame.shape[1] != 1:
                raise InvalidDataError(
                    f"--column takes one column; got {frame.shape[1]} ({column!r})."
                )
            seq = frame.iloc[:, 0].to_numpy()
            result = ts.mi_vs_separation(
                seq,
                ds,
                baseline=None if baseline == "none" else baseline,
                **options,
            )
            try:
                fit: Any = ts.fit_separation(result)
            except InsufficientSamplesError as exc:
                fit = str(exc)
        records = plain_records(result)
        payload: dict[str, Any] = {
            "method": result.attrs["method"],
            "unit": result.attrs["unit"],
            "rows": records,
            "fit": dataclasses.asdict(fit) if not isinstance(fit, str) else None,
        }
        if isinstance(fit, str):
            payload["fit_error"] = fit
        for rec in records:
            rec["unit"] = result.attrs["unit"]
            rec["method"] = result.attrs["method"]
        emit_records(records, fmt, payload=payload)
        if fmt is OutputFormat.table:
            if isinstance(fit, str):
                typer.echo(f"fit: none ({fit})")
            else:
                xi = f"{fit.decay_length:.4g}"  # inf prints as inf
                typer.echo(
                    f"fit: {fit.better} fits better (power law exponent "
                    f"{fit.exponent:.4g}, rss {fit.rss_power:.4g}; exponential "
                    f"decay length {xi}, rss {fit.rss_exponential:.4g}; "
                    f"{fit.n_points} points)"
                )
