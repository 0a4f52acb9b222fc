"""Kolchinsky-Tracey pairwise-distance bounds on I(X; T) for T = h(X) + noise."""

from __future__ import annotations

import math
import sys
from typing import Any, Literal

import torch

from mutinfo._params import Interval, Options, validate_params
from mutinfo.neural.analysis._arrays import as_tensor

__all__ = ["kde_mi"]

#: Side of the square tiles of the pairwise sums: memory is tile x tile (512 KiB
#: in float64, cache-resident), never n x n x d.
_TILE = 256
#: Exponent error bound above which a kernel value is recomputed exactly.
_EXACT_ABOVE = 1e-9
#: Exponents below this give exp() = 0 in float64 whatever their error.
_NEGLIGIBLE = -750.0


def _mean_log_kernel(t: torch.Tensor, scale: float) -> float:
    """``mean_i log mean_j exp(-|t_i - t_j|^2 / scale)`` over square tiles.

    The kernel is symmetric, so only tiles on and above the diagonal are
    computed: each tile's exponent -(|a|^2 + |b|^2 - 2 a.b) / scale is one
    matrix product, its exponentials are added to the row sums of its rows
    and (off the diagonal) to those of its columns, halving the ``exp`` work.
    The exponent is clamped to <= 0 and set to exactly 0 on the diagonal, so
    the row sums lie in [1, n] and need no max-shift. Float64 throughout.
    """
    n, d = t.shape
    centred = t - t.mean(dim=0, keepdim=True)
    # One power of two 2^-e brings the largest |coordinate| into [0.5, 1) (the
    # scale by 2^-2e), so |t|^2 / scale neither under- nor overflows
    # (activations of 1e-160 with noise_variance 1e-321 gave NaN).
    top = float(centred.abs().max()) if centred.numel() else 0.0
    e = math.frexp(top)[1] if top > 0 else 0
    centred = torch.ldexp(
        centred, torch.tensor(-e, dtype=torch.int32, device=centred.device)
    )
    scale = max(math.ldexp(scale, -2 * e), sys.float_info.min)
    sq = (centred * centred).sum(dim=1) / scale
    doubled = centred * (2.0 / scale)
    # |a|^2 + |b|^2 - 2 a.b carries a rounding error of about
    # (d + 4) eps (|a|^2 + |b|^2) (in units of the exponent): negligible unless
    # points lie close together far from the mean (two tight clusters at
    # +-1e5 with noise_variance 1e-6 read 2.60 for 2.50). Exponents whose
    # error bound passes _EXACT_ABOVE are recomputed from the differences.
    slack = (d + 4) * sys.float_info.epsilon * sq
    checked = 2.0 * float(slack.max()) > _EXACT_ABOVE
    sums = torch.zeros(n, dtype=t.dtype, device=t.device)
    for i in range(0, n, _TILE):
        left = doubled[i : i + _TILE]
        m = left.shape[0]
        sq_rows = sq[i : i + m, None]
        for j in range(i, n, _TILE):
            right = centred[j : j + _TILE]
            k = right.shape[0]
            tile = left @ right.T
            tile.sub_(sq_rows).sub_(sq[None, j : j + k]).clamp_(max=0.0)
            if checked:
                error = slack[i : i + m, None] + slack[None, j : j + k]
                _redo_exact(tile, error, centred[i : i + m], right, scale)
            if j == i:
                idx = torch.arange(m, device=t.device)
                tile[idx, idx] = 0.0
            tile.exp_()
            sums[i : i + m] += tile.sum(dim=1)
            if j != i:
                sums[j : j + k] += tile.sum(dim=0)
    return float(sums.log_().sum()) / n - math.log(n)


def _redo_exact(
    tile: torch.Tensor,
    error: torch.Tensor,
    left: torch.Tensor,
    right: torch.Tensor,
    scale: float,
) -> None:
    """Recompute, from the differences, the exponents whose error may matter."""
    redo = (error > _EXACT_ABOVE) & (tile > _NEGLIGIBLE - error)
    rows, cols = torch.nonzero(redo, as_tuple=True)
    step = max(1, _TILE * _TILE // max(left.shape[1], 1))
    for start in range(0, rows.shape[0], step):
        r, c = rows[start : start + step], cols[start : start + step]
        diff = left[r] - right[c]
        tile[r, c] = -(diff * diff).sum(dim=1) / scale


@validate_params(
    {
        "noise_variance": Interval(float, 0.0, None, closed="neither"),
        "bound": Options(("upper", "lower")),
        "base": Interval(float, 1.0, None, closed="neither"),
    }
)
def kde_mi(
    activations: Any,
    *,
    noise_variance: float,
    bound: Literal["upper", "lower"] = "upper",
    base: float = math.e,
    device: Any = None,
) -> float:
    """Kolchinsky-Tracey bound on I(X; T) of a layer, T = h(X) + N(0, s^2 I), nats.

    Each of the n inputs (taken as equally likely and distinct) is mapped to a
    Gaussian of variance ``noise_variance`` = s^2 centred on its activation
    h(x_i), so T is a mixture of n Gaussians and H(T | X) is known. The mixture
    entropy is bounded with pairwise distances [1]_: the upper bound uses the
    Kullback-Leibler divergence d_ij^2 / (2 s^2), the lower bound the
    Bhattacharyya distance d_ij^2 / (8 s^2), which give

    ``I_upper = -mean_i log mean_j exp(-|h_i - h_j|^2 / (2 s^2))``,
    ``I_lower = -mean_i log mean_j exp(-|h_i - h_j|^2 / (8 s^2))``.

    Both lie in [0, log n]: 0 for a constant layer, log n when all points are
    far apart relative to s. Saxe et al. [2]_ used them for information planes.

    Parameters
    ----------
    activations : array-like or torch.Tensor of shape (n_samples, n_units)
        One row per input; a tensor stays on its device (no copy to the host).
    noise_variance : float
        The variance s^2 > 0 of the added noise: the bound depends on it, so it
        is a required, visible choice (0.1 is common for tanh layers).
    bound : {'upper', 'lower'}, default='upper'
        Which bound.
    base : float, default=e
        Logarithm base of the result (2 for bits).
    device : str or torch.device, optional
        Where to compute; default: the tensor's device (CPU for arrays).

    Returns
    -------
    float
        The bound in nats (or in ``base``).

    Raises
    ------
    InvalidParameterError
        ``noise_variance <= 0`` or an unknown ``bound``.
    InvalidDataError
        NaN or infinite activations.

    Notes
    -----
    Distances are summed over 256 x 256 tiles on and above the diagonal (the
    kernel is symmetric; memory is one tile, never a ``n x n x d`` tensor), in
    float64; the row sums lie in [1, n], so their logarithm needs no shift.

    References
    ----------
    .. [1] A. Kolchinsky and B. D. Tracey, "Estimating mixture entropy with
       pairwise distances", Entropy 19(7), 361 (2017), doi:10.3390/e19070361.
    .. [2] A. M. Saxe et al., "On the information bottleneck theory of deep
       learning", ICLR (2018); J. Stat. Mech. (2019) 124020,
       doi:10.1088/1742-5468/ab3985.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import kde_mi
    >>> far = np.arange(4.0)[:, None] * 100.0  # 4 points far apart
    >>> round(kde_mi(far, noise_variance=0.1, base=2), 6)  # log2(4)
    2.0
    >>> kde_mi(np.zeros((5, 3)), noise_variance=0.1)  # a constant layer
    0.0
    """
    t = as_tensor(activations, device, "activations")
    scale = (2.0 if bound == "upper" else 8.0) * float(noise_variance)
    with torch.no_grad():
        value = -_mean_log_kernel(t, scale)
    if abs(value) < 1e-12:  # a constant layer: log n - log n up to rounding
        value = 0.0
    return value / math.log(base) if base != math.e else value
