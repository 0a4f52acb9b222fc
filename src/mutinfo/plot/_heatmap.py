"""Heatmap of an all-pairs MI matrix, with variables ordered by clustering."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidParameterError
from mutinfo.plot._common import pyplot

if TYPE_CHECKING:
    from mutinfo.matrix import MIMatrix

__all__ = ["cluster_order", "heatmap"]


def cluster_order(values: NDArray[np.float64]) -> NDArray[np.intp]:
    """Order variables so that strongly dependent ones sit together.

    Average-linkage hierarchical clustering on the dissimilarity
    ``max(MI) - MI`` (diagonal 0), leaves in optimal order (Bar-Joseph et al.
    2001), so that neighbours in the order have high MI.

    Parameters
    ----------
    values : ndarray of shape (p, p)
        A symmetric MI matrix; the diagonal and non-finite entries are ignored.

    Returns
    -------
    ndarray of shape (p,)
        A permutation of ``range(p)``.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.array([[0, 0.1, 1.0], [0.1, 0, 0.1], [1.0, 0.1, 0]])
    >>> cluster_order(m).tolist() in ([0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1])
    True
    """
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    p = values.shape[0]
    if p < 3:
        return np.arange(p)
    v = np.array(values, dtype=np.float64)
    finite = np.isfinite(v)
    top = float(v[finite].max()) if finite.any() else 0.0
    v[~finite] = top  # unknown or infinite: treat as the strongest observed
    v = (v + v.T) / 2.0
    dist = top - v
    np.fill_diagonal(dist, 0.0)
    dist = np.maximum(dist, 0.0)
    tree = linkage(
        squareform(dist, checks=False), method="average", optimal_ordering=True
    )
    return np.asarray(leaves_list(tree), dtype=np.intp)


def heatmap(
    matrix: MIMatrix,
    path: str | os.PathLike[str] | None = None,
    *,
    order: str = "cluster",
    ax: Any = None,
    cmap: str = "viridis",
    annotate: bool | None = None,
) -> Any:
    """Draw an MI matrix as a heatmap (plot extra), variables ordered by clustering.

    Parameters
    ----------
    matrix : MIMatrix
        The result of :func:`mutinfo.mi_matrix`.
    path : str or Path, optional
        Save the figure there (PNG, SVG, PDF: from the suffix) with the
        headless Agg backend.
    order : {'cluster', 'given'}, default='cluster'
        ``"cluster"``: :func:`cluster_order`; ``"given"``: the matrix's order.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    cmap : str, default='viridis'
    annotate : bool, optional
        Write the values in the cells; default when there are at most 15
        variables. Missing and infinite values are grey (the diagonal too);
        an infinite one is written ``inf`` or ``-inf``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> from mutinfo.plot import heatmap
    >>> x = np.random.default_rng(0).normal(size=(300, 4))
    >>> fig = heatmap(mt.mi_matrix(x, method="gaussian"), order="given")
    >>> fig.axes[0].get_title()
    'mi (nats), gaussian'
    """
    if order not in ("cluster", "given"):
        raise InvalidParameterError(
            f"The 'order' parameter of heatmap() must be 'cluster' or 'given'. "
            f"Got {order!r} instead."
        )
    plt = pyplot(headless=path is not None)
    values = matrix.mi.to_numpy(dtype=np.float64)
    names = [str(c) for c in matrix.columns]
    idx = cluster_order(values) if order == "cluster" else np.arange(len(names))
    shown = values[np.ix_(idx, idx)]
    labels = [names[i] for i in idx]
    p = len(labels)
    if ax is None:
        side = min(3.0 + 0.35 * p, 20.0)
        fig, ax = plt.subplots(figsize=(side + 1.5, side))
    else:
        fig = ax.figure
    masked = np.ma.masked_invalid(shown)
    colours = plt.get_cmap(cmap).with_extremes(bad="0.85")  # non-finite: grey
    image = ax.imshow(masked, cmap=colours, interpolation="nearest")
    fig.colorbar(image, ax=ax, label=f"{matrix.measure} ({matrix.unit})")
    if p <= 60:
        ax.set_xticks(range(p), labels, rotation=90)
        ax.set_yticks(range(p), labels)
    if annotate if annotate is not None else p <= 15:
        finite = shown[np.isfinite(shown)]
        low, high = (
            (float(finite.min()), float(finite.max())) if finite.size else (0, 1)
        )
        for r in range(p):
            for c in range(p):
                if np.isinf(shown[r, c]):
                    # grey like a missing value: the text tells them apart
                    ax.text(
                        c,
                        r,
                        "inf" if shown[r, c] > 0 else "-inf",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="k",
                    )
                elif np.isfinite(shown[r, c]):
                    bright = (shown[r, c] - low) > 0.6 * (high - low)
                    ax.text(
                        c,
                        r,
                        f"{shown[r, c]:.2f}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="k" if bright else "w",
                    )
    used = matrix.methods_used
    ax.set_title(f"{matrix.measure} ({matrix.unit}), {', '.join(used)}")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=150)
        plt.close(fig)
    return fig
