"""The redundancy lattice of a PID (Hasse diagram) with its atoms."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid._lattice import Lattice, lattice
from mutinfo.plot._common import pyplot

__all__ = ["lattice_layout", "pid_lattice"]


class _Decomposition(Protocol):
    """What the figure reads of a :class:`mutinfo.pid.PID` (no import cycle)."""

    @property
    def atoms(self) -> Mapping[str, float]: ...
    @property
    def redundancies(self) -> Mapping[str, float]: ...
    @property
    def measure(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def sources(self) -> tuple[str, ...]: ...
    @property
    def target(self) -> str: ...
    @property
    def mutual_information(self) -> float: ...
    @property
    def n_sources(self) -> int: ...


def _covers(below: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Pairs ``(lower, upper)`` where ``upper`` covers ``lower`` (Hasse edges)."""
    m = below.shape[0]
    strict = below & ~np.eye(m, dtype=bool)
    # j < i is a cover unless some k has j < k < i.
    through = (strict.astype(np.int64) @ strict.astype(np.int64)) > 0
    cover = strict & ~through
    return [(int(j), int(i)) for i, j in zip(*np.nonzero(cover), strict=True)]


def _value_text(value: float) -> str:
    """Return a node's value, 3 decimals (``0.000`` not ``-0.000``; NaN ``nan``)."""
    if not np.isfinite(value):
        return str(value)  # nan, inf, -inf: not rounded to 0.000
    return f"{value if abs(value) >= 5e-4 else 0.0:.3f}"


def lattice_layout(
    lat: Lattice,
) -> tuple[NDArray[np.float64], list[tuple[int, int]]]:
    """Positions of the lattice's nodes for drawing, and its cover edges.

    A node's height is its rank (the longest chain below it, bottom ``{0}{1}..``
    at 0); within a rank nodes are ordered by the mean position of the nodes
    they cover (the barycentre rule, which keeps edges from crossing where it
    can) one unit apart, centred on 0.

    Parameters
    ----------
    lat : Lattice
        From :func:`mutinfo.pid.lattice`.

    Returns
    -------
    positions : ndarray of shape (n_nodes, 2)
        ``(x, y)`` of each node, in the lattice's node order.
    edges : list of (int, int)
        ``(lower, upper)`` node indices of each cover relation.

    Examples
    --------
    >>> from mutinfo.pid import lattice
    >>> from mutinfo.plot import lattice_layout
    >>> pos, edges = lattice_layout(lattice(2))
    >>> pos[:, 1].tolist(), sorted(edges)
    ([0.0, 1.0, 1.0, 2.0], [(0, 1), (0, 2), (1, 3), (2, 3)])
    """
    below = np.asarray(lat.below, dtype=bool)
    m = below.shape[0]
    edges = _covers(below)
    rank = np.zeros(m, dtype=np.int64)
    # Nodes come in a linear extension, so a cover's lower end is always
    # earlier: one pass in node order settles every rank.
    for i in range(m):
        lows = [lo for lo, up in edges if up == i]
        if lows:
            rank[i] = max(rank[lo] for lo in lows) + 1
    pos = np.zeros((m, 2))
    pos[:, 1] = rank
    for r in range(int(rank.max()) + 1):
        level = np.flatnonzero(rank == r)
        if r == 0:
            keys = [float(i) for i in level]
        else:
            keys = [
                float(np.mean([pos[lo, 0] for lo, up in edges if up == i]))
                for i in level
            ]
        ordered = [i for _, i in sorted(zip(keys, level, strict=True))]
        pos[ordered, 0] = np.arange(len(ordered)) - (len(ordered) - 1) / 2.0
    return pos, edges


def pid_lattice(
    result: _Decomposition,
    path: str | os.PathLike[str] | None = None,
    *,
    values: str = "atoms",
    ax: Any = None,
    cmap: str = "RdBu_r",
    annotate: bool | None = None,
) -> Any:
    """Draw a PID's redundancy lattice (Hasse diagram) with its atoms (plot extra).

    Each node of the lattice is a disc coloured by its atom (or redundancy),
    on a colour scale centred on 0 so that negative (misinformative) atoms of
    ``ccs`` and ``pm`` stand out; lines join each node to the nodes it covers.
    Redundancy ``{0}{1}`` sits at the bottom, synergy ``{0:1..}`` at the top.

    Parameters
    ----------
    result : PID
        From :func:`mutinfo.pid.decompose` (2, 3 or 4 sources).
    path : str or Path, optional
        Save the figure there (PNG, SVG, PDF: from the suffix) with the
        headless Agg backend.
    values : {'atoms', 'redundancies'}, default='atoms'
        What colours and labels the nodes: the partial information of each
        node, or the measure's redundancy ``I_cap`` (the sum of the atoms at
        and below it).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    cmap : str, default='RdBu_r'
        A diverging colour map (centred on 0).
    annotate : bool, optional
        Write each node's name and value; default when the lattice has at
        most 18 nodes (2 or 3 sources). The 166 nodes of 4 sources are drawn
        unlabelled unless ``annotate=True``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    InvalidParameterError
        If ``result`` is not a PID or ``values`` is unknown.
    MissingDependencyError
        If matplotlib is not installed.

    Examples
    --------
    >>> from mutinfo import pid
    >>> from mutinfo.discrete import examples
    >>> from mutinfo.plot import pid_lattice
    >>> r = pid.decompose(examples.and_(), [0, 1], 2, measure="imin")
    >>> fig = pid_lattice(r)
    >>> fig.axes[0].get_title()
    'PID of I(0, 1; y) = 0.811 bits, imin'
    """
    wanted = ("atoms", "redundancies", "sources", "target", "mutual_information")
    if not all(hasattr(result, name) for name in wanted):
        raise InvalidParameterError(
            "pid_lattice() draws a PID result (from mutinfo.pid.decompose or "
            f"decompose_samples); got {type(result).__name__}."
        )
    if values not in ("atoms", "redundancies"):
        raise InvalidParameterError(
            "The 'values' parameter of pid_lattice() must be 'atoms' or "
            f"'redundancies'. Got {values!r} instead."
        )
    lat = lattice(result.n_sources)
    shown = result.atoms if values == "atoms" else result.redundancies
    vals = np.array([shown[name] for name in lat.names], dtype=np.float64)
    pos, edges = lattice_layout(lat)
    plt = pyplot(headless=path is not None)
    m = len(lat.names)
    labelled = annotate if annotate is not None else m <= 18
    if ax is None:
        width = float(np.ptp(pos[:, 0])) + 1.0
        height = float(np.ptp(pos[:, 1])) + 1.0
        scale = 2.0 if labelled else 0.6
        fig, ax = plt.subplots(
            figsize=(min(max(4.0, scale * width + 1.5), 30.0), max(3.5, 1.2 * height))
        )
    else:
        fig = ax.figure
    for lower, upper in edges:
        ax.plot(
            pos[[lower, upper], 0],
            pos[[lower, upper], 1],
            color="0.6",
            linewidth=0.8,
            zorder=1,
        )
    finite = vals[np.isfinite(vals)]
    top = float(np.abs(finite).max()) if finite.size else 0.0
    top = top if top > 0 else 1.0
    size = (1400 if m <= 4 else 2000) if labelled else 60
    points = ax.scatter(
        pos[:, 0],
        pos[:, 1],
        c=vals,
        cmap=cmap,
        vmin=-top,
        vmax=top,
        s=size,
        edgecolors="0.3",
        linewidths=0.6,
        zorder=2,
    )
    if labelled:
        for i, name in enumerate(lat.names):
            ax.text(
                pos[i, 0],
                pos[i, 1],
                f"{name}\n{_value_text(float(vals[i]))}",
                ha="center",
                va="center",
                fontsize=6 if m > 4 else 9,
                color="w" if abs(vals[i]) > 0.6 * top else "k",
                zorder=3,
            )
    what = "atom" if values == "atoms" else "redundancy"
    fig.colorbar(points, ax=ax, label=f"{what} ({result.unit})", shrink=0.8)
    sources = ", ".join(str(i) for i in range(result.n_sources))
    ax.set_title(
        f"PID of I({sources}; {result.target}) = "
        f"{result.mutual_information:.3g} {result.unit}, {result.measure}"
    )
    legend = "; ".join(f"{i} = {s}" for i, s in enumerate(result.sources))
    ax.set_xlabel(legend, fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    pad = 0.6
    ax.set_xlim(float(pos[:, 0].min()) - pad, float(pos[:, 0].max()) + pad)
    ax.set_ylim(float(pos[:, 1].min()) - pad, float(pos[:, 1].max()) + pad)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return fig
