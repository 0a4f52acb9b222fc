"""The information plane: I(X; T) and I(T; Y) per layer per epoch, as a tidy frame."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._api import estimate, estimator_for
from mutinfo._counting import encode
from mutinfo._params import AnyOf, Bool, Interval, IsNone, validate_params
from mutinfo._result import unit_name
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.analysis._arrays import check_labels
from mutinfo.neural.analysis._binning import (
    bin_activations,
    binned_mi,
    exact_discrete,
    warn_if_saturated,
)
from mutinfo.neural.analysis._kde import kde_mi
from mutinfo.neural.analysis._recorder import Recorder

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["information_plane", "plot_information_plane"]

IXT, ITY, NEXT, TC = "I(X;T)", "I(T;Y)", "I(T;T_next)", "TC(T)"
COLUMNS = [
    "epoch",
    "layer",
    "layer_index",
    "quantity",
    "value",
    "unit",
    "method",
    "params",
]


def _host(value: Any) -> NDArray[np.float64]:
    if hasattr(value, "detach"):
        value = value.detach().cpu().double().numpy()
    array = np.asarray(value, dtype=np.float64)
    return array.reshape(array.shape[0], -1)


def _activation_table(activations: Any) -> dict[int, dict[str, Any]]:
    if isinstance(activations, Recorder):
        table = activations.activations
    elif isinstance(activations, Mapping):
        table = dict(activations)
    else:
        raise InvalidParameterError(
            "The 'activations' parameter of information_plane() must be a "
            "Recorder or a mapping {epoch: {layer: array}}. Got "
            f"{type(activations).__name__} instead."
        )
    if not table:
        raise InvalidDataError(
            "No activations were recorded; call Recorder.record(epoch) (or "
            "maybe_record) during training first."
        )
    return table


def _check_layer(t: Any, epoch: int, layer: str, n: int | None) -> NDArray[np.float64]:
    """Return the layer as a float64 host array, checked for NaN and length."""
    array = _host(t)
    if not np.isfinite(array).all():
        count = int((~np.isfinite(array)).sum())
        raise InvalidDataError(
            f"Layer {layer!r} at epoch {epoch} has {count} NaN or infinite "
            "activations: training diverged. Lower the learning rate or drop "
            "that epoch."
        )
    if n is not None and array.shape[0] != n:
        raise InvalidDataError(
            f"Layer {layer!r} at epoch {epoch} has {array.shape[0]} rows but the "
            f"inputs have {n}; record on the same probe set."
        )
    return array


def _kde_ity(
    t: Any, y: NDArray[Any], noise_variance: float, bound: str, base: float
) -> float:
    """H(T) - sum_c p(c) H(T | Y=c) with the pairwise bound on each (Saxe et al.)."""
    value = kde_mi(t, noise_variance=noise_variance, bound=bound, base=base)  # type: ignore[arg-type]
    classes, counts = np.unique(y, return_counts=True)
    for c, count in zip(classes, counts, strict=True):
        rows = np.flatnonzero(y == c)
        part = kde_mi(t[rows], noise_variance=noise_variance, bound=bound, base=base)  # type: ignore[arg-type]
        value -= count / y.shape[0] * part
    return value


@validate_params(
    {
        "bins": Interval(int, 1, None),
        "noise_variance": AnyOf(
            (IsNone(), Interval(float, 0.0, None, closed="neither"))
        ),
        "successive": Bool(),
        "total_correlation": Bool(),
        "base": Interval(float, 1.0, None, closed="neither"),
    }
)
def information_plane(
    activations: Any,
    x: Any = None,
    y: Any = None,
    *,
    method: Any = "binning",
    bins: int = 30,
    edges: Any = "observed",
    noise_variance: float | None = None,
    label_method: Any = None,
    successive: bool = False,
    total_correlation: bool = False,
    base: float = math.e,
    rng: Any = None,
    **method_params: Any,
) -> pd.DataFrame:
    """I(X; T) and I(T; Y) of each recorded layer at each epoch, as a tidy frame.

    Parameters
    ----------
    activations : Recorder or mapping of int to mapping of str to array
        ``{epoch: {layer: (n_samples, n_units)}}``, e.g. a :class:`Recorder`
        or what :meth:`Recorder.load` read back.
    x : array-like of shape (n_samples, n_features), optional
        The probe inputs; needed by estimator families for I(X; T) (binning
        and KDE take the inputs as distinct and equally likely and do not
        need them).
    y : array-like of shape (n_samples,), optional
        Labels of the probe inputs; None skips I(T; Y).
    method : str or estimator, default='binning'
        ``'binning'``: :func:`binned_mi` with ``bins`` and ``edges`` (layer-wide
        observed range by default) and I(X; T) = H(bin(T)). ``'kde'``: the
        Kolchinsky-Tracey upper and lower bounds (:func:`kde_mi`) with
        ``noise_variance``; I(T; Y) = I(X; T) - sum_c p(c) I(X; T | Y=c) with
        the same bound on each term, as Saxe et al. computed it. Any other
        name (``'ksg'``, ``'gaussian_copula'``, ``'kernel'``, ``'infonce'``,
        ...) or estimator object goes to ``mt.estimate`` with
        ``**method_params`` and ``rng``: I(X; T) = mi(x, T).
    bins, edges : see :func:`binned_mi`
        For ``method='binning'`` (and the binned I(T; T_next) and TC). Here
        ``edges`` may also be ``'all_epochs'``: one range per layer, its
        minimum and maximum over all recorded epochs, so the bins stay fixed
        while training moves the activations (``'observed'`` rescales the
        bins at every epoch, which alone makes growing ReLU layers look
        compressed). The range is in ``params``.
    noise_variance : float, optional
        Required for ``method='kde'``.
    label_method : str or estimator, optional
        Family for I(T; Y) with a family ``method``; default ``method``, but
        ``'mixed_ksg'`` when ``method='ksg'`` (the labels are discrete).
    successive : bool, default=False
        Also I(T_i; T_{i+1}) between each layer and the next recorded one
        (Hodas & Stinis), binned or with ``method``.
    total_correlation : bool, default=False
        Also the total correlation of each layer's units (Achille & Soatto).
    base : float, default=e
        Logarithm base (2 for bits).
    rng : None, int or numpy.random.Generator
        Randomness of the estimator families.
    **method_params
        Parameters of the family ``method`` (e.g. ``n_neighbors=5``).

    Returns
    -------
    pandas.DataFrame
        One row per (epoch, layer, quantity, method): columns ``epoch``,
        ``layer``, ``layer_index``, ``quantity`` (``'I(X;T)'``, ``'I(T;Y)'``,
        ``'I(T;T_next)'``, ``'TC(T)'``), ``value``, ``unit``, ``method``
        (``'kde_upper'`` and ``'kde_lower'`` for KDE) and ``params`` (the
        estimator's parameters as text). A constant layer gives 0.

    Raises
    ------
    InvalidDataError
        NaN activations (naming the layer and epoch), labels of the wrong length.
    InvalidParameterError
        ``method='kde'`` without ``noise_variance``.

    Notes
    -----
    Binned I(X; T) of a deterministic network on n distinct inputs is at most
    log n and saturates there when bins are fine; the value depends on
    ``bins`` and ``edges`` (tanh saturation drives the "compression" seen
    with a fixed range, Saxe et al. 2018). The estimator and its parameters
    are in every row.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import information_plane
    >>> t = np.repeat(np.arange(4.0), 10)[:, None]  # 40 inputs -> 4 values
    >>> y = np.repeat([0, 1], 20)
    >>> frame = information_plane({0: {"h": t}}, y=y, bins=4, base=2)
    >>> frame[["quantity", "value"]].round(6).to_dict("list")
    {'quantity': ['I(X;T)', 'I(T;Y)'], 'value': [2.0, 1.0]}
    """
    import pandas as pd

    table = _activation_table(activations)
    name = method if isinstance(method, str) else type(method).__name__
    if name == "kde" and noise_variance is None:
        raise InvalidParameterError(
            "method='kde' needs the 'noise_variance' parameter (the variance of "
            "the noise added to each activation, e.g. 0.1); the bound depends on it."
        )
    if name == "kde" and (successive or total_correlation):
        raise InvalidParameterError(
            "method='kde' bounds I(X;T) only; for successive=True or "
            "total_correlation=True use method='binning' or an estimator family."
        )
    if name in ("binning", "kde") and method_params:
        raise InvalidParameterError(
            f"method={name!r} takes no estimator parameters; got "
            f"{sorted(method_params)}. Use bins=/edges= or noise_variance=."
        )
    first = next(iter(table.values()))
    n = _host(next(iter(first.values()))).shape[0] if first else None
    labels = None if y is None else check_labels(y, n or 0, "y")
    xs = None if x is None else _host(x)
    if xs is not None and n is not None and xs.shape[0] != n:
        raise InvalidDataError(
            f"x has {xs.shape[0]} rows but the activations have {n}; "
            "pass the probe set."
        )
    if name not in ("binning", "kde") and xs is None:
        raise InvalidParameterError(
            f"method={name!r} estimates I(X;T) from the inputs: pass x (the probe set)."
        )
    unit = unit_name(base)
    rows: list[dict[str, Any]] = []
    family: dict[tuple[str, str], Any] = {}

    def add(
        epoch: int,
        layer: str,
        index: int,
        quantity: str,
        value: float,
        label: str,
        params: str,
    ) -> None:
        rows.append(
            dict(
                zip(
                    COLUMNS,
                    (epoch, layer, index, quantity, float(value), unit, label, params),
                    strict=True,
                )
            )
        )

    def fam(key: str, target: str, a: Any, b: Any, m: Any, discrete: Any) -> Any:
        if (key, target) not in family:
            family[(key, target)] = estimator_for(
                "mi", a, b, method=m, rng=rng, discrete=discrete, **method_params
            )
        return family[(key, target)]

    lm = (
        label_method
        if label_method is not None
        else ("mixed_ksg" if method == "ksg" else method)
    )
    ranges: dict[str, tuple[float, float]] = {}
    if isinstance(edges, str) and edges == "all_epochs":
        for epoch in sorted(table):
            for layer, t in table[epoch].items():
                host = _check_layer(t, epoch, layer, n)
                lo, hi = ranges.get(layer, (math.inf, -math.inf))
                ranges[layer] = (min(lo, float(host.min())), max(hi, float(host.max())))

    def edges_of(layer: str) -> Any:
        """Return the edges binning uses for ``layer`` (one range for all epochs)."""
        if layer not in ranges:
            return edges
        lo, hi = ranges[layer]
        return (lo, hi) if hi > lo else "observed"

    def edges_text(layer: str) -> str:
        if layer not in ranges:
            return f"edges={edges!r}"
        lo, hi = ranges[layer]
        return f"edges='all_epochs' ({lo:.6g}, {hi:.6g})"

    for epoch in sorted(table):
        layers = list(table[epoch].items())
        hosts = [_check_layer(t, epoch, layer, n) for layer, t in layers]
        for index, ((layer, raw), t) in enumerate(zip(layers, hosts, strict=True)):
            constant = bool(np.all(t == t[0]))
            if name == "binning":
                params = f"bins={bins}, {edges_text(layer)}"
                add(
                    epoch,
                    layer,
                    index,
                    IXT,
                    binned_mi(t, bins=bins, edges=edges_of(layer), base=base),
                    "binning",
                    params,
                )
                if labels is not None:
                    add(
                        epoch,
                        layer,
                        index,
                        ITY,
                        binned_mi(
                            t, labels, bins=bins, edges=edges_of(layer), base=base
                        ),
                        "binning",
                        params,
                    )
            elif name == "kde" and noise_variance is not None:
                params = f"noise_variance={noise_variance:g}"
                source = raw if hasattr(raw, "detach") else t  # stays on the device
                for bound in ("upper", "lower"):
                    add(
                        epoch,
                        layer,
                        index,
                        IXT,
                        kde_mi(
                            source,
                            noise_variance=noise_variance,
                            bound=bound,
                            base=base,
                        ),
                        f"kde_{bound}",
                        params,
                    )  # type: ignore[arg-type]
                    if labels is not None:
                        add(
                            epoch,
                            layer,
                            index,
                            ITY,
                            _kde_ity(t, labels, noise_variance, bound, base),
                            f"kde_{bound}",
                            params,
                        )  # type: ignore[arg-type]
            else:
                est = fam(layer, "x", xs, t, method, "auto")
                params = ", ".join(
                    f"{k}={v!r}" for k, v in est.get_params().items() if k != "rng"
                )
                value = 0.0 if constant else est.mi(xs, t).value / math.log(base)
                add(epoch, layer, index, IXT, value, est.name, params)
                if labels is not None:
                    est_y = fam(layer, "y", t, labels, lm, (False, True))
                    value = (
                        0.0 if constant else est_y.mi(t, labels).value / math.log(base)
                    )
                    add(epoch, layer, index, ITY, value, est_y.name, params)
            if total_correlation:
                if name == "binning":
                    codes = bin_activations(t, bins=bins, edges=edges_of(layer)).astype(
                        np.float64
                    )
                    value = exact_discrete("total_correlation", codes, None, base=base)
                    add(
                        epoch,
                        layer,
                        index,
                        TC,
                        value,
                        "binning",
                        f"bins={bins}, {edges_text(layer)}",
                    )
                else:
                    value = (
                        0.0
                        if constant or t.shape[1] < 2
                        else estimate(
                            "total_correlation",
                            t,
                            method=method,
                            rng=rng,
                            base=base,
                            **method_params,
                        ).value
                    )
                    add(epoch, layer, index, TC, value, name, "")
        if successive:
            for index in range(len(layers) - 1):
                a, b = hosts[index], hosts[index + 1]
                layer = layers[index][0]
                if name == "binning":
                    nxt = layers[index + 1][0]
                    ca, _ = encode(
                        bin_activations(a, bins=bins, edges=edges_of(layer)).astype(
                            np.float64
                        )
                    )
                    cb, _ = encode(
                        bin_activations(b, bins=bins, edges=edges_of(nxt)).astype(
                            np.float64
                        )
                    )
                    for symbols, units in ((cb, b.shape[1]), (ca, a.shape[1])):
                        if warn_if_saturated(
                            symbols,
                            bins,
                            units,
                            "binned I(T;T_next) approaches the other layer's "
                            "binned entropy whatever the two layers compute",
                        ):
                            break
                    value = exact_discrete("mi", ca, cb, base=base)
                    add(
                        epoch,
                        layer,
                        index,
                        NEXT,
                        value,
                        "binning",
                        f"bins={bins}, {edges_text(layer)}",
                    )
                else:
                    flat = bool(np.all(a == a[0]) or np.all(b == b[0]))
                    value = (
                        0.0
                        if flat
                        else estimate(
                            "mi",
                            a,
                            b,
                            method=method,
                            rng=rng,
                            base=base,
                            **method_params,
                        ).value
                    )
                    add(epoch, layer, index, NEXT, value, name, "")
    return pd.DataFrame(rows, columns=COLUMNS)


def plot_information_plane(
    frame: pd.DataFrame, *, method: str | None = None, path: Any = None
) -> Figure:
    """Plot I(T;Y) against I(X;T): one curve per layer, epochs as colour.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`information_plane`.
    method : str, optional
        Which ``method`` rows to plot (default: the first in the frame).
    path : str or Path, optional
        Also save the figure there (PNG or SVG by the suffix).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import information_plane, plot_information_plane
    >>> h = np.repeat(np.arange(4.0), 10)[:, None]
    >>> t = {e: {"h": h * (e + 1)} for e in range(3)}
    >>> fig = plot_information_plane(information_plane(t, y=np.repeat([0, 1], 20)))
    >>> fig.axes[0].get_xlabel()
    'I(X;T) [nats]'
    """
    try:
        import matplotlib.colors
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - plot extra missing
        from mutinfo.exceptions import MissingDependencyError

        raise MissingDependencyError(
            'Plotting needs matplotlib: pip install "mutinfo[plot]"'
        ) from exc
    import pandas as pd

    chosen = method if method is not None else str(frame["method"].iloc[0])
    sub = frame[frame["method"] == chosen]
    if not (sub["quantity"] == ITY).any() and (sub["quantity"] == IXT).any():
        # An estimator's I(T;Y) runs on the label estimator (``ksg`` gives
        # ``mixed_ksg`` rows): take the I(T;Y) rows of the same epoch, layer
        # and parameters as the chosen I(X;T) rows.
        keys = ["epoch", "layer", "layer_index", "params"]
        ixt = sub.loc[sub["quantity"] == IXT, keys].drop_duplicates()
        ity = frame[frame["quantity"] == ITY].merge(ixt, on=keys)
        sub = pd.concat([sub, ity], ignore_index=True)
    units = sorted(set(sub["unit"]))
    if len(units) > 1:  # pivot_table averaged bits with nats under one label
        raise InvalidDataError(
            f"The frame mixes units {units} for method {chosen!r}; the plot "
            "would average them under one axis label. Plot one unit: "
            "frame[frame['unit'] == 'bits'], or recompute with one base."
        )
    keys = ["layer_index", "layer", "epoch", "quantity"]
    repeated = sub.duplicated(keys)
    if repeated.any():  # two runs stacked: pivot_table averaged their values
        first = sub.loc[repeated, keys].iloc[0].tolist()
        raise InvalidDataError(
            f"The frame holds several {chosen!r} rows for one (layer_index, "
            f"layer, epoch, quantity), e.g. {first}: stacked runs or parameters "
            "(see the 'params' column). Plot one run at a time."
        )
    label_methods = sorted(set(sub.loc[sub["quantity"] == ITY, "method"]) - {chosen})
    wide = sub.pivot_table(
        index=["layer_index", "layer", "epoch"], columns="quantity", values="value"
    ).reset_index()
    if ITY not in wide:
        raise InvalidDataError(
            "The frame has no I(T;Y) rows: run information_plane with y."
        )
    unit = str(sub["unit"].iloc[0])
    fig, ax = plt.subplots(figsize=(5.5, 4.0))
    norm = matplotlib.colors.Normalize(
        float(wide["epoch"].min()), float(max(wide["epoch"].max(), 1))
    )
    for (_, layer), part in wide.groupby(["layer_index", "layer"], sort=True):
        part = part.sort_values("epoch")
        ax.plot(part[IXT], part[ITY], color="0.7", lw=0.8, zorder=1)
        points = ax.scatter(
            part[IXT],
            part[ITY],
            c=part["epoch"],
            cmap="viridis",
            norm=norm,
            s=14,
            zorder=2,
        )
        ax.annotate(str(layer), (part[IXT].iloc[-1], part[ITY].iloc[-1]), fontsize=7)
    fig.colorbar(points, ax=ax, label="epoch")
    ax.set_xlabel(f"I(X;T) [{unit}]")
    ax.set_ylabel(f"I(T;Y) [{unit}]")
    shown = " / ".join([chosen, *label_methods])
    ax.set_title(f"Information plane ({shown})")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path)
    return fig
