"""Summaries of a bench table: the overall ranking and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ranking", "to_markdown"]


def ranking(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank methods over the (task, n) cells of a bench table.

    In every (task, n) cell the methods that ran are ranked by ``error``
    (mean absolute error; 1 is best, ties share the mean rank). A method's
    ``mean_rank`` averages its ranks over the cells where it ran, so a
    method that applies to few tasks is compared only where it applies;
    ``cells`` says how many that is. A cell where the method ran but every
    seed raised (``frame.attrs["failed"]``) counts as its last place there
    (one below the methods that gave an estimate), not as a cell it skipped,
    and a method that lost some of a cell's seeds ranks below every method
    that ran them all (its error averages only the seeds it survived):
    failing on the hard cases must not improve a rank.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`mutinfo.bench.run` returns.

    Returns
    -------
    pandas.DataFrame
        Columns ``rank``, ``method``, ``mean_rank``, ``mean_error`` (nats),
        ``median_seconds`` and ``cells``, best first.

    Examples
    --------
    >>> import pandas as pd
    >>> from mutinfo.bench import ranking
    >>> frame = pd.DataFrame(
    ...     {
    ...         "task": ["a", "a"],
    ...         "method": ["p", "q"],
    ...         "n": [9, 9],
    ...         "error": [0.2, 0.1],
    ...         "seconds": [1.0, 2.0],
    ...     }
    ... )
    >>> ranking(frame)[["rank", "method", "mean_rank"]].values.tolist()
    [[1, 'q', 1.0], [2, 'p', 2.0]]
    """
    import numpy as np
    import pandas as pd

    columns = ["rank", "method", "mean_rank", "mean_error", "median_seconds", "cells"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    # A method that lost some seeds of a cell (fewer ``seeds`` than the most
    # any method ran there) ranks below every method that ran them all: its
    # error averages only the seeds it survived, which may be the easy ones.
    cell = ["task", "n"]
    if "seeds" in frame.columns:
        short = frame["seeds"] < frame.groupby(cell)["seeds"].transform("max")
    else:
        short = pd.Series(False, index=frame.index)
    ahead = frame.assign(_short=short)
    ahead["_ahead"] = (~short).groupby([frame[c] for c in cell]).transform("sum")
    ahead["_rank"] = ahead.groupby([*cell, "_short"])["error"].rank(method="average")
    ranked = frame.assign(_rank=ahead["_rank"] + np.where(short, ahead["_ahead"], 0))
    lost = _failed_cells(frame)
    if lost:
        present = {(t, m, int(n)) for t, m, n in frame[["task", "method", "n"]].values}
        size = frame.groupby(["task", "n"]).size()
        extra = [
            {
                "task": t,
                "method": m,
                "n": n,
                "error": np.nan,
                "seconds": np.nan,
                "_rank": float(size.get((t, n), 0) + 1),
            }
            for t, m, n in lost
            if (t, m, n) not in present
        ]
        if extra:
            ranked = pd.concat([ranked, pd.DataFrame(extra)], ignore_index=True)
    out = (
        ranked.groupby("method")
        .agg(
            mean_rank=("_rank", "mean"),
            mean_error=("error", "mean"),
            median_seconds=("seconds", "median"),
            cells=("_rank", "size"),
        )
        .reset_index()
        .sort_values(["mean_rank", "mean_error"], kind="stable")
        .reset_index(drop=True)
    )
    out.insert(0, "rank", range(1, len(out) + 1))
    return out[columns]


def _failed_cells(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(task, method, n) of the cells in ``frame.attrs["failed"]``.

    A cell where some seed succeeded also has a row in ``frame``; the caller
    keeps those without one (every seed failed).
    """
    out = []
    for key in frame.attrs.get("failed", {}):
        task, method, size = key.rsplit(" / ", 2)
        out.append((task, method, int(size.removeprefix("n="))))
    return out


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
    return str(value)


def _table(frame: pd.DataFrame) -> list[str]:
    cols = list(frame.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for rec in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_fmt(v) for v in rec) + " |")
    return lines


def to_markdown(frame: pd.DataFrame) -> str:
    """Render a bench table and its ranking as Markdown (nats, seconds).

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`mutinfo.bench.run` returns.

    Returns
    -------
    str
    """
    lines = ["## Estimates against ground truth (nats)", ""]
    lines += _table(frame) if not frame.empty else ["(no results)"]
    lines += ["", "## Ranking (mean rank of the error over (task, n) cells)", ""]
    lines += _table(ranking(frame)) if not frame.empty else ["(no results)"]
    return "\n".join(lines) + "\n"
