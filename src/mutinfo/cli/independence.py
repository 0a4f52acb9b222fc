"""``mutinfo test``: permutation or surrogate test of zero (conditional) MI."""

from __future__ import annotations

from typing import Annotated

import typer

from mutinfo.cli._options import (
    METHOD_PARAMS_CONTEXT,
    BaseOpt,
    DebugOpt,
    DiscreteOpt,
    FileArg,
    FormatOpt,
    MethodOpt,
    NanOpt,
    NaValuesOpt,
    NJobsOpt,
    OutputFormat,
    RngOpt,
    XOpt,
    YOpt,
    estimation_options,
    handle_errors,
    read_variables,
)
from mutinfo.cli._output import emit_records

ZOpt = Annotated[
    str | None,
    typer.Option("--z", help="Conditioning column(s): test I(X; Y | Z) = 0."),
]
NPermOpt = Annotated[
    int,
    typer.Option("--n-permutations", min=1, help="Number of surrogates."),
]
SurrogateOpt = Annotated[
    str,
    typer.Option(
        "--surrogate",
        help="auto, permute, stratified, local, block or circular.",
    ),
]
BlockOpt = Annotated[
    int | None,
    typer.Option(
        "--block-length",
        min=1,
        help="Block length (block) or least shift (circular); default n^(1/3).",
    ),
]
ShuffleOpt = Annotated[
    int,
    typer.Option(
        "--shuffle-neighbors", min=1, help="Candidates of the local permutation."
    ),
]


def register(app: typer.Typer) -> None:
    """Add the ``test`` command to ``app``."""

    @app.command(name="test", context_settings=METHOD_PARAMS_CONTEXT)
    def independence(
        ctx: typer.Context,
        file: FileArg,
        x: XOpt,
        y: YOpt,
        z: ZOpt = None,
        n_permutations: NPermOpt = 1000,
        surrogate: SurrogateOpt = "auto",
        block_length: BlockOpt = None,
        shuffle_neighbors: ShuffleOpt = 5,
        method: MethodOpt = "auto",
        base: BaseOpt = "e",
        discrete: DiscreteOpt = "auto",
        nan_policy: NanOpt = "raise",
        na_values: NaValuesOpt = None,
        rng: RngOpt = None,
        n_jobs: NJobsOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Test I(X; Y) = 0 (or I(X; Y | Z) = 0) by permutations or surrogates.

        p = (1 + #{null >= observed}) / (1 + n_permutations). Method parameters
        are options too, for example --n-neighbors 5.

        Example: mutinfo test data.csv --x a --y b --z c --n-permutations 999
        """
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
        )
        with handle_errors(debug):
            import mutinfo as mt

            data = read_variables(file, {"x": x, "y": y, "z": z}, na_values)
            result = mt.independence_test(
                data["x"],
                data["y"],
                data.get("z"),
                n_permutations=n_permutations,
                surrogate=surrogate,
                block_length=block_length,
                shuffle_neighbors=shuffle_neighbors,
                n_jobs=n_jobs,
                **options,
            )
        payload = result.to_dict()
        emit_records([payload], fmt, payload=payload)
