"""Random Boolean network sweeps: measures against sensitivity, critical line marked."""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from mutinfo.exceptions import DataWarning, InvalidParameterError, warn
from mutinfo.plot._common import pyplot

__all__ = ["rbn_sweep"]

#: The measure columns of the two studies, in drawing order, with their labels.
_MEASURES = {
    "n_mean_mi": "N <I> (Ribeiro et al.)",
    "ais": "mean AIS (Lizier et al.)",
    "te": "mean TE (Lizier et al.)",
}

#: Columns that tell stacked sweeps apart: the parameters the sweep functions
#: write, and the usual names of labels a user adds before stacking.
SWEEP_PARAMETERS: tuple[str, ...] = (
    "n_nodes",
    "n_steps",
    "transient",
    "p",
    "history",
    "base",
    "unit",
    "method",
    "estimator",
    "seed",
    "sweep",
)


def rbn_sweep(
    frame: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    columns: list[str] | None = None,
    x: str = "sensitivity",
    by: list[str] | None = None,
    ax: Any = None,
) -> Any:
    """Draw an RBN sweep: each measure's mean over networks against ``x`` (plot extra).

    Each network is a faint point; the line joins the means per in-degree,
    with error bars of one standard error over networks. A dashed vertical
    line marks the critical line ``2 p (1 - p) K = 1`` when ``x`` is the
    sensitivity. Stacked sweeps (``pandas.concat`` of several frames) get one
    line each per measure: the rows are grouped by every column of ``by``
    besides ``k`` and the sensitivity, and the legend names the values that
    differ. Rows with the same ``k``, ``by`` values and ``network`` id are
    replicates of one design (the same sweep run with another seed): they are
    pooled into one mean, with a :class:`~mutinfo.exceptions.DataWarning`.

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
    by : list of str, optional
        The columns that tell sweeps apart (default: those of
        :data:`SWEEP_PARAMETERS` in ``frame``: the sweep functions'
        parameters ``n_nodes``, ``n_steps``, ``transient``, ``p``,
        ``history``, and ``base``, ``unit``, ``method``, ``estimator``,
        ``seed``, ``sweep`` where a user added them).
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
    keys = [c for c in SWEEP_PARAMETERS if c in names] if by is None else list(by)
    missing = ({x, "k"} | set(wanted) | set(keys)) - names
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
    # Grouping by k alone merged stacked sweeps: two sweeps with p = 0.5 and
    # 0.1 drew one line at the first sweep's sensitivity per K, through the
    # mean of both (N = 10 and N = 40 networks averaged into one N <I>).
    sweeps = [c for c in keys if c not in ("k", "sensitivity")]
    per_k = ["k", "sensitivity"] if "sensitivity" in names else ["k"]
    _warn_pooled(frame, per_k, sweeps)
    varying = [c for c in sweeps if frame[c].nunique(dropna=False) > 1]
    parts = (
        [(None, frame)]
        if not sweeps
        else list(frame.groupby(sweeps, sort=True, dropna=False))
    )
    for col in wanted:
        color = None
        for value, part in parts:
            values = value if isinstance(value, tuple) else (value,)
            label = _MEASURES.get(col, col)
            if varying:
                chosen = dict(zip(sweeps, values, strict=True))
                label += " (" + ", ".join(f"{c}={chosen[c]}" for c in varying) + ")"
            groups = part.groupby(per_k, sort=True, dropna=False)
            xs = np.asarray(groups[x].first(), dtype=np.float64)
            means = np.asarray(groups[col].mean(), dtype=np.float64)
            counts = np.asarray(groups[col].count(), dtype=np.float64)
            spread = np.asarray(groups[col].std(ddof=1), dtype=np.float64)
            sem = np.where(counts > 1, spread / np.sqrt(np.maximum(counts, 1)), 0.0)
            (line,) = ax.plot(xs, means, "-o", label=label)
            color = line.get_color()
            ax.errorbar(xs, means, yerr=sem, fmt="none", color=color)
            ax.plot(
                np.asarray(part[x], dtype=np.float64),
                np.asarray(part[col], dtype=np.float64),
                ".",
                color=color,
                alpha=0.3,
                label="_nolegend_",
            )
    if x == "sensitivity":
        ax.axvline(1.0, linestyle="--", color="0.4", label="_nolegend_")
        ax.set_xlabel("sensitivity 2p(1-p)K (critical at 1)")
    else:
        ax.set_xlabel("in-degree K")
    ax.set_ylabel(_unit(frame))
    ax.legend(frameon=False)
    ax.set_title("Random Boolean networks across the order-chaos transition")
    if path is not None:
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return fig


def _unit(frame: Any) -> str:
    """Return the frame's unit: ``attrs["unit"]`` or a ``unit`` column's one value."""
    unit = frame.attrs.get("unit")
    if unit is None and "unit" in frame.columns:
        units = frame["unit"].dropna().unique()
        unit = units[0] if len(units) == 1 else None
    return "" if unit is None else str(unit)


def _warn_pooled(frame: Any, per_k: list[str], sweeps: list[str]) -> None:
    """Warn when network ids repeat within one group: replicates are pooled."""
    if "network" not in frame.columns:
        return
    repeated = frame.duplicated([*per_k, *sweeps, "network"], keep=False)
    if repeated.any():
        warn(
            f"{int(repeated.sum())} rows of the frame share their 'k', 'network' "
            f"and sweep columns {sweeps} with another row: stacked sweeps that "
            "no column tells apart (the same design run with other seeds) are "
            "pooled into one mean per K. Add a column that names each sweep "
            "(frame.assign(seed=...)) and pass by=[...] to draw them apart.",
            DataWarning,
        )
