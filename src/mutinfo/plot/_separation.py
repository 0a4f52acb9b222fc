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
    from mutinfo.timeseries import SeparationFit, fit_separation

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
    d = np.asarray(frame["distance"], dtype=np.float64)
    y = np.asarray(frame["mi"], dtype=np.float64)
    has_base = "baseline" in frame.columns and np.isfinite(frame["baseline"]).any()
    base = np.asarray(frame["baseline"], dtype=np.float64) if has_base else None
    if subtract_baseline:
        if base is None:
            raise InvalidParameterError(
                "separation(subtract_baseline=True) needs the frame's 'baseline' "
                "column (mi_vs_separation(..., baseline='shuffle'))."
            )
        y = y - base
    if ax is None:
        fig, ax = plt.subplots(figsize=(5.5, 4.0))
    else:
        fig = ax.figure
    pos = np.isfinite(y) & (y > 0)
    # A frame without attrs["unit"] (read back from CSV, or stacked from
    # frames of different units) was labelled "nats" whatever its unit.
    unit = frame.attrs.get("unit") if hasattr(frame, "attrs") else None
    if unit is None and "unit" in getattr(frame, "columns", ()):
        units = frame["unit"].dropna().unique()
        unit = units[0] if len(units) == 1 else None
    text = label or ("I(d) - baseline" if subtract_baseline else "I(d)")
    if (~pos).any():
        text += f" ({int((~pos).sum())} <= 0 not shown)"
    ax.plot(d[pos], y[pos], "o", label=text)
    if base is not None and not subtract_baseline:
        keep = np.isfinite(base) & (base > 0)
        ax.plot(d[keep], base[keep], "x", color="0.5", label="shuffled baseline")
    quantity = "I(d) - baseline" if subtract_baseline else "I(d)"
    title = quantity
    if fit is not False:
        result = (
            fit_separation(frame, subtract_baseline=subtract_baseline)
            if fit is True
            else fit
        )
        grid = np.geomspace(d[pos].min(), d[pos].max(), 100) if pos.any() else d
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
        title = f"{quantity}: {kind} fits better ({detail})"
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
