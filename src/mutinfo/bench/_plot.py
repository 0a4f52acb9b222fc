"""Plot of estimate against truth (the plot extra)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mutinfo.exceptions import MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["plot"]


def plot(frame: pd.DataFrame, path: str | Path) -> Path:
    """Save a scatter of mean estimate against truth, one colour per method.

    Error bars are the standard deviation over seeds; the diagonal is a
    perfect estimator. Each task is shown at its largest ``n`` (the most any
    method ran it at); a method without a row there (every seed failed) is
    left out of that task, and the title says how many such points are
    missing.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`mutinfo.bench.run` returns.
    path : str or Path
        Output file; the suffix picks the format (``.png``, ``.svg``, ``.pdf``).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    MissingDependencyError
        Without matplotlib: ``pip install "mutinfo[plot]"``.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError(
            'The bench plot requires matplotlib: pip install "mutinfo[plot]".'
        ) from None
    out = Path(path)
    last, missing = _shown(frame)
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    try:
        for method, group in last.groupby("method"):
            ax.errorbar(
                group["truth"],
                group["estimate"],
                yerr=group["std"],
                fmt="o",
                markersize=4,
                capsize=2,
                alpha=0.8,
                label=str(method),
            )
        top = float(max(last["truth"].max(), last["estimate"].max(), 0.1)) * 1.05
        low = float(min(last["estimate"].min(), 0.0))
        ax.plot([low, top], [low, top], color="black", linewidth=0.8)
        ax.set_xlabel("true MI (nats)")
        ax.set_ylabel("estimate (nats), mean ± std over seeds")
        title = "mutinfo bench: estimate vs truth at each task's largest n"
        if missing:
            title += f"\n({missing} method x task without that n not shown)"
        ax.set_title(title, fontsize="medium")
        ax.legend(fontsize="small", ncols=2)
        fig.tight_layout()
        fig.savefig(out)
    finally:
        plt.close(fig)
    return out


def _shown(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Return the rows drawn (each task at its largest ``n``), and how many are missing.

    The largest ``n`` of each (task, method) put a method whose largest
    ``n`` failed beside the others at a smaller ``n``, with nothing to say
    so: its point had the bias and spread of fewer samples (a method lost at
    n = 10000 was drawn from n = 100).
    """
    largest = frame.groupby("task")["n"].transform("max")
    shown = frame[frame["n"] == largest]
    pairs = frame[["task", "method"]].drop_duplicates()
    return shown, len(pairs) - len(shown[["task", "method"]].drop_duplicates())
