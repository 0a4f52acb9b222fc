"""Log-log plot of I(d) with its shuffled baseline and the two fitted decays."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo.exceptions import InvalidParameterError
from mutinfo.plot._common import pyplot

if TYPE_CHECKING:
    from mutinfo.timeseries import SeparationFit

__all__ = ["separation"]


def separation(
    frame: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    fit: SeparationFit | bool = True,
    subtract_baseline: bool = False,
    ax: Any = None,
    label: str | None = None,
    by: list[str] | None = None,
) -> Any:
    """Draw ``I(d)`` against ``d`` on log-log axes (plot extra), with the fitted lines.

    A power law is a straight line on these axes and an exponential bends
    down, so the plot shows what :func:`mutinfo.timeseries.fit_separation`
    decides. Non-positive estimates (below the log axis) are left out and
    counted in the legend.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`mutinfo.timeseries.mi_vs_separation` (columns
        ``distance``, ``mi`` and ``baseline``).
    path : str or Path, optional
        Save the figure there (PNG, SVG, PDF: from the suffix) with the
        headless Agg backend.
    fit : SeparationFit or bool, default=True
        ``True``: fit with :func:`~mutinfo.timeseries.fit_separation` and draw
        both lines, the better one solid; a ``SeparationFit``: draw that one;
        ``False``: no lines.
    subtract_baseline : bool, default=False
        Plot (and fit) ``mi - baseline``.
    ax : matplotlib Axes, optional
        Draw into these axes (several sequences on one plot).
    label : str, optional
        Legend label of the points (default ``"I(d)"``).
    by : list of str, optional
        The columns that tell stacked runs apart (default: the label columns
        of the frame:
        every column besides ``distance``, ``mi``, ``baseline`` and
        ``n_pairs`` that is not float, and ``base``). Used where distances
        repeat (``pandas.concat`` of several frames): each run is drawn in
        its colour and, with ``fit=True``, fitted on its own (its better line
        drawn); rows that still repeat a distance within a run are pooled
        into its curve with a :class:`~mutinfo.exceptions.DataWarning`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from mutinfo.plot import separation
    >>> d = np.arange(1, 30)
    >>> fig = separation(pd.DataFrame({"distance": d, "mi": 0.5 * d**-0.7}))
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_title()
    ('log', 'I(d): power law fits better (exponent 0.70)')
    """
    from mutinfo.timeseries import SeparationFit
    from mutinfo.timeseries._separation import fit_curve, stacked_runs

    missing = {"distance", "mi"} - set(getattr(frame, "columns", ()))
    if missing:
        raise InvalidParameterError(
            "The 'frame' parameter of separation() must be the DataFrame of "
            "mutinfo.timeseries.mi_vs_separation() (columns 'distance', 'mi', "
            f"'baseline'); it lacks {sorted(missing)}."
        )
    if not isinstance(fit, bool | SeparationFit):
        raise InvalidParameterError(
            "The 'fit' parameter of separation() must be True, False or a "
            f"SeparationFit. Got {type(fit).__name__} instead."
        )
    plt = pyplot(headless=path is not None)
    if subtract_baseline and not (
        "baseline" in frame.columns and np.isfinite(frame["baseline"]).any()
    ):
        raise InvalidParameterError(
            "separation(subtract_baseline=True) needs the frame's 'baseline' "
            "column (mi_vs_separation(..., baseline='shuffle'))."
        )
    # Stacked runs (repeated distances) were drawn as one cloud and fitted as
    # one curve: a Markov chain and a power-law source stacked read one
    # exponent between theirs.
    varying = stacked_runs(frame, by, "plot.separation()")
    parts = (
        [((), frame)]
        if not varying
        else list(frame.groupby(varying, sort=True, dropna=False))
    )
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.5, 4.0))
    else:
        fig = ax.figure
    # A frame without attrs["unit"] (read back from CSV, or stacked from
    # frames of different units) was labelled "nats" whatever its unit.
    unit = frame.attrs.get("unit") if hasattr(frame, "attrs") else None
    if unit is None and "unit" in getattr(frame, "columns", ()):
        units = frame["unit"].dropna().unique()
        unit = units[0] if len(units) == 1 else None
    quantity = "I(d) - baseline" if subtract_baseline else "I(d)"
    title = quantity
    for value, part in parts:
        values = value if isinstance(value, tuple) else (value,)
        run = ", ".join(f"{c}={v}" for c, v in zip(varying, values, strict=True))
        d, y, base = _curve(part, subtract_baseline)
        pos = np.isfinite(y) & (y > 0)
        text = label or quantity
        if run:
            text = f"{text} ({run})" if label is None else f"{label}, {run}"
        if (~pos).any():
            text += f" ({int((~pos).sum())} <= 0 not shown)"
        (points,) = ax.plot(d[pos], y[pos], "o", label=text)
        color = points.get_color() if run else None
        if base is not None and not subtract_baseline:
            keep = np.isfinite(base) & (base > 0)
            ax.plot(
                d[keep],
                base[keep],
                "x",
                color=color or "0.5",
                alpha=0.5 if run else 1.0,
                label="shuffled baseline" if not run else "_nolegend_",
            )
        if fit is True and run:
            # One run among several: its better line, in the run's colour.
            result = fit_curve(part, subtract_baseline=subtract_baseline)
            grid = np.geomspace(d[pos].min(), d[pos].max(), 100)
            best = result.better == "power_law"
            curve = (
                result.amplitude * grid ** (-result.exponent)
                if best
                else result.exp_amplitude * np.exp(-grid / result.decay_length)
            )
            what = (
                f"power law, exponent {result.exponent:.2f}"
                if best
                else f"exponential, decay length {result.decay_length:.3g}"
            )
            ax.plot(grid, curve, "-", color=color, label=f"{run}: {what}")
            title = f"{quantity} of {len(parts)} runs, each fitted"
    if fit is not False and not (fit is True and varying):
        result = (
            fit_curve(frame, subtract_baseline=subtract_baseline)
            if fit is True
            else fit
        )
        d, y, _ = _curve(frame, subtract_baseline)
        pos = np.isfinite(y) & (y > 0)
        grid = np.geomspace(d[pos].min(), d[pos].max(), 100) if pos.any() else d
        title = _draw_fit(ax, grid, result, quantity)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("separation d")
    method = frame.attrs.get("method") if hasattr(frame, "attrs") else None
    ax.set_ylabel(
        f"{quantity} ({unit if unit is not None else 'unit not recorded'})"
        + (f", {method}" if method else "")
    )
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return fig


def _curve(frame: Any, subtract_baseline: bool) -> tuple[Any, Any, Any]:
    """Return distances, values and the baseline (or None) of one run."""
    d = np.asarray(frame["distance"], dtype=np.float64)
    y = np.asarray(frame["mi"], dtype=np.float64)
    has_base = "baseline" in frame.columns and np.isfinite(frame["baseline"]).any()
    base = np.asarray(frame["baseline"], dtype=np.float64) if has_base else None
    if subtract_baseline and base is not None:
        y = y - base
    return d, y, base


def _draw_fit(ax: Any, grid: Any, result: SeparationFit, quantity: str) -> str:
    """Draw both fitted decays, the better one solid; return the title."""
    power = result.amplitude * grid ** (-result.exponent)
    expo = result.exp_amplitude * np.exp(-grid / result.decay_length)
    best = result.better == "power_law"
    ax.plot(
        grid,
        power,
        "-" if best else "--",
        label=f"power law, exponent {result.exponent:.2f}",
    )
    ax.plot(
        grid,
        expo,
        "--" if best else "-",
        label=f"exponential, decay length {result.decay_length:.3g}",
    )
    kind = "power law" if best else "exponential"
    detail = (
        f"exponent {result.exponent:.2f}"
        if best
        else f"decay length {result.decay_length:.3g}"
    )
    return f"{quantity}: {kind} fits better ({detail})"
