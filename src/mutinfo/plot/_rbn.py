"""Random Boolean network sweeps: measures against sensitivity, critical line marked."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from mutinfo.exceptions import InvalidParameterError
from mutinfo.plot._common import pyplot

__all__ = ["rbn_sweep"]

#: The measure columns of the two studies, in drawing order, with their labels.
_MEASURES = {
    "n_mean_mi": "N <I> (Ribeiro et al.)",
    "ais": "mean AIS (Lizier et al.)",
    "te": "mean TE (Lizier et al.)",
}


def rbn_sweep(
    frame: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    columns: list[str] | None = None,
    x: str = "sensitivity",
    ax: Any = None,
) -> Any:
    """Draw an RBN sweep: each measure's mean over networks against ``x`` (plot extra).

    Each network is a faint point; the line joins the means per in-degree,
    with error bars of one standard error over networks. A dashed vertical
    line marks the critical line ``2 p (1 - p) K = 1`` when ``x`` is the
    sensitivity.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`mutinfo.timeseries.rbn_pairwise_mi` or
        :func:`mutinfo.timeseries.rbn_information_dynamics`.
    path : str or Path, optional
        Save the figure there (PNG, SVG, PDF: from the suffix) with the
        headless Agg backend.
    columns : list of str, optional
        The measure columns drawn (default: every one of ``n_mean_mi``,
        ``ais`` and ``te`` present).
    x : {'sensitivity', 'k'}, default='sensitivity'
        The horizontal axis: the annealed sensitivity ``2 p (1 - p) K`` or
        the in-degree ``K``.
    ax : matplotlib Axes, optional
        Draw into these axes.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from mutinfo.plot import rbn_sweep
    >>> frame = pd.DataFrame(
    ...     {
    ...         "k": [1, 1, 2, 2],
    ...         "network": [0, 1, 0, 1],
    ...         "ais": [0.5, 0.7, 0.3, 0.2],
    ...         "te": [0.1, 0.1, 0.3, 0.2],
    ...         "sensitivity": [0.5, 0.5, 1.0, 1.0],
    ...     }
    ... )
    >>> fig = rbn_sweep(frame)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['mean AIS (Lizier et al.)', 'mean TE (Lizier et al.)']
    """
    names = set(getattr(frame, "columns", ()))
    if x not in ("sensitivity", "k"):
        raise InvalidParameterError(
            "The 'x' parameter of rbn_sweep() must be 'sensitivity' or 'k'. "
            f"Got {x!r} instead."
        )
    wanted = columns if columns is not None else [c for c in _MEASURES if c in names]
    missing = ({x, "k"} | set(wanted)) - names
    if missing or not wanted:
        raise InvalidParameterError(
            "The 'frame' parameter of rbn_sweep() must be the DataFrame of "
            "mutinfo.timeseries.rbn_pairwise_mi() or rbn_information_dynamics() "
            f"(columns 'k', 'sensitivity' and measures {sorted(_MEASURES)}); "
            f"it lacks {sorted(missing) or 'every measure column'}."
        )
    plt = pyplot(headless=path is not None)
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.5, 4.0))
    else:
        fig = ax.figure
    groups = frame.groupby("k", sort=True)
    xs = np.asarray(groups[x].first(), dtype=np.float64)
    for col in wanted:
        means = np.asarray(groups[col].mean(), dtype=np.float64)
        counts = np.asarray(groups[col].count(), dtype=np.float64)
        spread = np.asarray(groups[col].std(ddof=1), dtype=np.float64)
        sem = np.where(counts > 1, spread / np.sqrt(np.maximum(counts, 1)), 0.0)
        (line,) = ax.plot(xs, means, "-o", label=_MEASURES.get(col, col))
        ax.errorbar(xs, means, yerr=sem, fmt="none", color=line.get_color())
        ax.plot(
            np.asarray(frame[x], dtype=np.float64),
            np.asarray(frame[col], dtype=np.float64),
            ".",
            color=line.get_color(),
            alpha=0.3,
            label="_nolegend_",
        )
    if x == "sensitivity":
        ax.axvline(1.0, linestyle="--", color="0.4", label="_nolegend_")
        ax.set_xlabel("sensitivity 2p(1-p)K (critical at 1)")
    else:
        ax.set_xlabel("in-degree K")
    ax.set_ylabel(str(frame.attrs.get("unit", "")))
    ax.legend(frameon=False)
    ax.set_title("Random Boolean networks across the order-chaos transition")
    if path is not None:
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return fig
