"""``mutinfo te``: transfer entropy between two columns of a time-series table."""

from __future__ import annotations

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
    NanOpt,
    NaValuesOpt,
    NJobsOpt,
    OutputFormat,
    RngOpt,
    estimation_options,
    handle_errors,
    read_variables,
)
from mutinfo.cli._output import emit_records

SourceOpt = Annotated[
    str,
    typer.Option("--source", help="Column(s) of the source X, comma-separated."),
]
TargetOpt = Annotated[
    str,
    typer.Option("--target", help="Column(s) of the target Y, comma-separated."),
]
CondOpt = Annotated[
    str | None,
    typer.Option(
        "--cond", help="Condition on these columns' histories (conditional TE)."
    ),
]


def _lag(name: str, text: str) -> Any:
    return typer.Option(f"--{name}", min=1, help=text)


KOpt = Annotated[int, _lag("k", "Target history length k.")]


def _is_lag(value: str) -> bool:
    try:
        _auto_lag(value)
    except typer.BadParameter:
        return False
    return True


def _auto_lag(value: str) -> int | str:
    """``--k`` / ``--k-tau`` of ``te``: an integer >= 1, or ``auto`` (Ragwitz)."""
    if value == "auto":
        return value
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise typer.BadParameter(
            f"{value!r} is neither an integer >= 1 nor 'auto' (Ragwitz's criterion)."
        )
    return number


KAutoOpt = Annotated[
    str,
    typer.Option(
        "--k",
        help="Target history length k, or auto (Ragwitz's criterion).",
    ),
]
KTauAutoOpt = Annotated[
    str,
    typer.Option(
        "--k-tau",
        help="Embedding delay of the target history, or auto (with --k auto).",
    ),
]
LOpt = Annotated[int, _lag("l", "Source history length l.")]
DelayOpt = Annotated[int, _lag("delay", "Source-target delay u (X_{t-u}).")]
KTauOpt = Annotated[int, _lag("k-tau", "Embedding delay of the target history.")]
LTauOpt = Annotated[int, _lag("l-tau", "Embedding delay of the source history.")]
PvaluesOpt = Annotated[
    bool,
    typer.Option("--pvalues", help="p-value from surrogates of the source history."),
]
NPermOpt = Annotated[
    int, typer.Option("--n-permutations", min=1, help="Number of surrogates.")
]
SurrogateOpt = Annotated[
    str, typer.Option("--surrogate", help="permute, block or circular.")
]


def register(app: typer.Typer) -> None:
    """Add the ``te`` command to ``app``."""

    @app.command(name="te", context_settings=METHOD_PARAMS_CONTEXT)
    def te(
        ctx: typer.Context,
        file: FileArg,
        source: SourceOpt,
        target: TargetOpt,
        k: KAutoOpt = "1",
        l: LOpt = 1,  # noqa: E741
        delay: DelayOpt = 1,
        k_tau: KTauAutoOpt = "1",
        l_tau: LTauOpt = 1,
        cond: CondOpt = None,
        pvalues: PvaluesOpt = False,
        n_permutations: NPermOpt = 199,
        surrogate: SurrogateOpt = "permute",
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
        """Transfer entropy TE(X -> Y) = I(Y_t ; X_{t-u}^(l) | Y_{t-1}^(k)).

        Rows are time steps in order. With --pvalues, a p-value from
        surrogates of the source history that keep the target's own
        history (timeseries.transfer_entropy_test). Method parameters are
        options too, for example --n-neighbors 4.

        Example: mutinfo te prices.csv --source oil --target gas --k 2 --pvalues
        """
        options = estimation_options(
            ctx,
            method=method,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
        )
        try:
            k_value, k_tau_value = _auto_lag(k), _auto_lag(k_tau)
        except typer.BadParameter as err:
            name = "--k" if not _is_lag(k) else "--k-tau"
            raise typer.BadParameter(str(err), param_hint=f"'{name}'") from None
        embedding: dict[str, Any] = {
            "k": k_value,
            "l": l,
            "delay": delay,
            "k_tau": k_tau_value,
            "l_tau": l_tau,
        }
        with handle_errors(debug):
            from mutinfo import timeseries as ts

            specs = {"source": source, "target": target, "cond": cond}
            data = read_variables(file, specs, na_values)
            x, y, z = data["source"], data["target"], data.get("cond")
            res = ts.estimate("te", x, y, cond=z, **embedding, **options)
            # k='auto': the test (and the record) use the history chosen.
            embedding |= {"k": res.params["k"], "k_tau": res.params["k_tau"]}
            test = None
            if pvalues:
                options.pop("nan_policy")
                test = ts.transfer_entropy_test(
                    x,
                    y,
                    cond=z,
                    nan_policy=nan_policy,
                    surrogate=surrogate,
                    n_permutations=n_permutations,
                    n_jobs=n_jobs,
                    **embedding,
                    **options,
                )
        record: dict[str, Any] = {
            "te": res.value,
            "unit": res.unit,
            "method": res.method,
            "n_steps": res.extras["n_steps"],
            **embedding,
        }
        payload = res.to_dict()
        if test is not None:
            record |= {
                "p_value": test.p_value,
                "null_mean": test.null_mean,
                "effective_value": test.effective_value,
                "n_permutations": test.n_permutations,
                "surrogate": test.surrogate,
            }
            payload["test"] = test.to_dict()
        if "note" in res.extras:  # TE 0 by definition (source in the conditioning)
            typer.echo(f"mutinfo te: note: {res.extras['note']}.", err=True)
        emit_records([record], fmt, payload=payload)
