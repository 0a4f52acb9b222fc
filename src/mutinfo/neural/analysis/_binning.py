"""Binned information of a layer: I(X; T) = H(bin(T)) and I(bin(T); Y)."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._api import estimate
from mutinfo._counting import encode
from mutinfo._params import Interval, Options, validate_params
from mutinfo.exceptions import (
    BiasWarning,
    InvalidDataError,
    InvalidParameterError,
    warn,
)
from mutinfo.neural.analysis._arrays import as_numpy, check_labels

__all__ = ["bin_activations", "binned_mi"]

EdgesSpec = Any  # "observed" | "per_unit" | (low, high)

#: Discrete families that estimate entropy and MI of symbols.
_DISCRETE = ("plugin", "miller_madow", "grassberger", "nsb", "chao_shen", "james_stein")


def _edges_range(
    a: NDArray[np.float64], edges: EdgesSpec
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-unit low and high ends of the binned range."""
    d = a.shape[1]
    if isinstance(edges, str):
        if edges == "observed":
            lo, hi = np.full(d, a.min()), np.full(d, a.max())
        elif edges == "per_unit":
            lo, hi = a.min(axis=0), a.max(axis=0)
        else:
            hint = (
                " 'all_epochs' is an option of information_plane(), which sees "
                "every epoch."
                if edges == "all_epochs"
                else ""
            )
            raise InvalidParameterError(
                "The 'edges' parameter must be 'observed', 'per_unit' or a "
                f"(low, high) pair. Got {edges!r} instead.{hint}"
            )
        return lo, hi
    try:
        low, high = (float(v) for v in edges)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(
            "The 'edges' parameter must be 'observed', 'per_unit' or a "
            f"(low, high) pair. Got {edges!r} instead."
        ) from exc
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise InvalidParameterError(
            "The 'edges' parameter must be a (low, high) pair of finite floats "
            f"with low < high. Got {edges!r} instead."
        )
    outside = (a < low) | (a > high)
    if outside.any():
        raise InvalidDataError(
            f"{int(outside.sum())} activations lie outside edges=({low:g}, "
            f"{high:g}) (observed range [{a.min():g}, {a.max():g}]). A fixed "
            "range must be the activation's range (tanh: (-1, 1)); for ReLU or "
            "other unbounded activations use edges='observed'."
        )
    return np.full(d, low), np.full(d, high)


@validate_params({"bins": Interval(int, 1, None)})
def bin_activations(
    activations: Any, *, bins: int = 30, edges: EdgesSpec = "observed"
) -> NDArray[np.int64]:
    """Bin each unit of a layer into ``bins`` equal-width bins; integer codes.

    Parameters
    ----------
    activations : array-like or torch.Tensor of shape (n_samples, n_units)
        The layer's activations on the probe set.
    bins : int, default=30
        Number of equal-width bins per unit.
    edges : 'observed', 'per_unit' or (low, high), default='observed'
        The binned range: ``'observed'`` the layer's observed [min, max] (one
        range for all units, as Shwartz-Ziv & Tishby did for tanh, and valid
        for ReLU), ``'per_unit'`` each unit's own observed range, or a fixed
        (low, high) pair, the activation's range (``(-1, 1)`` for tanh); a
        fixed pair that activations leave raises instead of clipping them.

    Returns
    -------
    ndarray of int64, shape (n_samples, n_units)
        Bin index in ``range(bins)`` per unit; the maximum falls in the last bin.

    Examples
    --------
    >>> from mutinfo.neural.analysis import bin_activations
    >>> bin_activations([[0.0], [0.5], [1.0]], bins=2).ravel().tolist()
    [0, 1, 1]
    """
    a = as_numpy(activations)
    lo, hi = _edges_range(a, edges)
    # One power of two brings the values to magnitude < 1, exactly, so the
    # width hi - lo cannot overflow (a range of [-1e308, 1e308] had width inf
    # and put every sample in bin 0).
    top = max(
        float(np.max(np.abs(a))), float(np.max(np.abs(lo))), float(np.max(np.abs(hi)))
    )
    e = int(np.frexp(top)[1]) if top > 0 else 0
    a, lo, hi = np.ldexp(a, -e), np.ldexp(lo, -e), np.ldexp(hi, -e)
    width = np.where(hi > lo, hi - lo, 1.0)
    codes = np.floor((a - lo) / width * bins).astype(np.int64)
    return np.clip(codes, 0, bins - 1)


@validate_params(
    {
        "bins": Interval(int, 1, None),
        "base": Interval(float, 1.0, None, closed="neither"),
        "method": Options(_DISCRETE),
    }
)
def binned_mi(
    activations: Any,
    labels: Any = None,
    *,
    bins: int = 30,
    edges: EdgesSpec = "observed",
    method: str = "plugin",
    base: float = math.e,
) -> float:
    """I(X; T) (``labels=None``) or I(T; Y) of a binned layer, nats.

    The layer T = h(X) is binned unit by unit (:func:`bin_activations`) and each
    row of bins is one symbol. With distinct, equally likely inputs X and a
    deterministic network, I(X; T) = H(bin(T)) (Shwartz-Ziv & Tishby [1]_);
    with labels, I(T; Y) = H(Y) - H(Y | bin(T)). Both are estimated by
    ``mt.estimate`` with the discrete family ``method`` on the symbols.

    Parameters
    ----------
    activations : array-like or torch.Tensor of shape (n_samples, n_units)
        The layer's activations, one row per input.
    labels : array-like of shape (n_samples,), optional
        The labels Y; None gives I(X; T).
    bins : int, default=30
        Equal-width bins per unit.
    edges : 'observed', 'per_unit' or (low, high), default='observed'
        The binned range, see :func:`bin_activations`. Never a fixed (-1, 1)
        for ReLU: the default uses the observed range.
    method : str, default='plugin'
        Discrete estimator family applied to the symbols.
    base : float, default=e
        Logarithm base of the result.

    Returns
    -------
    float
        The estimate; at most log n (I(X; T)) and H(Y) (I(T; Y)) with the
        plug-in, 0 for a constant layer.

    Notes
    -----
    X is uniform over the n given inputs: the probe set is the distribution,
    so the plug-in entropy of the symbols is exact for it (no small-sample
    BiasWarning); the estimate still depends on ``bins`` and ``edges``.

    Warns
    -----
    BiasWarning
        When half the samples or more sit alone in their bin: I(X; T) is
        then near log n and I(T; Y) near H(Y), whatever the layer does (use
        fewer bins or :func:`kde_mi`).

    References
    ----------
    .. [1] R. Shwartz-Ziv and N. Tishby, "Opening the black box of deep neural
       networks via information", arXiv:1703.00810 (2017).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import binned_mi
    >>> t = np.repeat([0.0, 1.0], 20)[:, None]  # two equally likely values
    >>> round(binned_mi(t, base=2), 6)  # 1 bit
    1.0
    >>> round(binned_mi(t, np.repeat([0, 1], 20), base=2), 6)
    1.0
    """
    a = as_numpy(activations)
    codes, _ = row_codes(bin_activations(a, bins=bins, edges=edges), bins)
    n = a.shape[0]
    warn_if_saturated(codes, bins, a.shape[1], labels is not None)
    if labels is None:
        if method == "plugin":
            return _plugin_entropy(codes) / math.log(base)
        return exact_discrete("entropy", codes, None, method=method, base=base)
    y = check_labels(labels, n)
    if method == "plugin":
        _, yc = np.unique(y, return_inverse=True)
        yc = yc.reshape(-1).astype(np.int64)
        joint = codes * (int(yc.max()) + 1) + yc
        value = _plugin_entropy(codes) + _plugin_entropy(yc) - _plugin_entropy(joint)
        return value / math.log(base)
    return exact_discrete("mi", codes, y, method=method, base=base)


#: Share of samples alone in their bin above which binned MI is saturated.
_SATURATED_SHARE = 0.5


def warn_if_saturated(
    codes: NDArray[np.int64], bins: int, units: int, labels: bool | str
) -> bool:
    """Warn when most samples sit alone in their bin (Saxe et al.'s artefact).

    A sample alone in its bin adds log n to H(bin(T)) and nothing to
    H(Y | bin(T)), whatever the layer computes: once most samples are
    alone, binned I(X; T) is close to log n and binned I(T; Y) close to H(Y)
    even for labels independent of the layer. Warning only when every
    sample was alone missed a probe set with one repeated input (I(X; T) =
    log n - 2 log 2 / n, no warning) and never covered I(T; Y). ``labels``
    may instead be the caller's description of the artefact. Returns whether
    it warned.
    """
    n = codes.shape[0]
    if n < 2:
        return False
    alone = int(np.count_nonzero(np.bincount(codes) == 1))
    if alone < _SATURATED_SHARE * n:
        return False
    if isinstance(labels, str):  # a caller's own description
        what = labels
    elif labels:
        what = (
            "binned I(T;Y) approaches H(Y) (each lone sample's bin predicts its "
            "label exactly) even for labels independent of the layer"
        )
    else:
        what = "binned I(X;T) approaches log n whatever the layer computes"
    who = f"All {n} samples sit" if alone == n else f"{alone} of the {n} samples sit"
    warn(
        f"{who} alone in their bin ({bins} bins x "
        f"{units} units), so {what}. Use fewer bins or kde_mi().",
        BiasWarning,
    )
    return True


def row_codes(binned: NDArray[np.int64], bins: int) -> tuple[NDArray[np.int64], int]:
    """One integer symbol per row of bin indices and the number of distinct rows.

    Rows are read as numbers in base ``bins`` when that fits in int64 (one
    matrix-vector product), else encoded column by column (:func:`encode`).
    Two rows get the same code exactly when all their bins are equal.
    """
    d = binned.shape[1]
    if d * math.log2(max(bins, 2)) < 62:
        radix = np.int64(bins) ** np.arange(d, dtype=np.int64)
        raw = binned @ radix
        _, inverse = np.unique(raw, return_inverse=True)
        codes = inverse.reshape(-1).astype(np.int64)
        return codes, int(codes.max()) + 1 if codes.size else 0
    return encode(binned.astype(np.float64))


def _plugin_entropy(codes: NDArray[np.int64]) -> float:
    """Plug-in entropy (nats) of integer symbols: exact for the uniform probe set."""
    counts = np.bincount(codes)
    p = counts[counts > 0] / codes.shape[0]
    return float(-(p * np.log(p)).sum()) + 0.0


def exact_discrete(
    measure: str, a: Any, b: Any, *, method: str = "plugin", base: float = math.e
) -> float:
    """``estimate(measure, a, b, discrete=True)`` on the whole probe set.

    The probe set is the distribution (X uniform over the n given inputs), not
    a sample of it, so the plug-in value is exact there and its
    small-sample BiasWarning does not apply; other families keep theirs.
    """
    args = (a,) if b is None else (a, b)
    with warnings.catch_warnings():
        if method == "plugin":
            warnings.simplefilter("ignore", BiasWarning)
        res = estimate(measure, *args, method=method, discrete=True, base=base)
    return float(res.value)
