"""Differentiable information-theoretic-learning (ITL) measures in PyTorch.

The torch counterparts of :mod:`mutinfo.itl`, for use as training objectives
(for example the ITL autoencoder of Santana et al. 2016, or a Cauchy-Schwarz
independence penalty): information potential, Rényi quadratic entropy,
Cauchy-Schwarz divergence and Cauchy-Schwarz quadratic MI. With Parzen width
``sigma`` the pairwise kernel is the Gaussian of variance ``2 sigma^2``; every
sum is taken in the log domain (``logsumexp``), so values and gradients stay
finite for any width. They hold the n x n kernel matrix of a batch in memory:
meant for minibatches (up to a few thousand samples), unlike the blocked numpy
versions. ``sigma`` may be a float or a one-element tensor (learnable).
Squared distances are taken after shifting the samples to their mean, so
float32 data far from the origin keep their precision.

Values equal those of :mod:`mutinfo.itl` for the same width, in nats.

References
----------
.. [1] J. C. Principe, Information Theoretic Learning, Springer (2010).
.. [2] E. Santana, M. Emigh, J. C. Principe, "Information theoretic-learning
   auto-encoder", IJCNN 2016. arXiv:1603.06653
"""

from __future__ import annotations

import math

import torch

from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = [
    "cauchy_schwarz_divergence",
    "cauchy_schwarz_mi",
    "information_potential",
    "renyi_quadratic_entropy",
]

Width = float | torch.Tensor

#: Exponent error bound above which a squared distance is recomputed (float64).
_EXACT_ABOVE = 1e-9


def _as_2d(t: torch.Tensor, name: str) -> torch.Tensor:
    if not isinstance(t, torch.Tensor):
        raise InvalidParameterError(
            f"The {name!r} parameter must be a torch.Tensor; got {type(t).__name__}. "
            "Use mutinfo.itl for numpy arrays."
        )
    if t.ndim == 1:
        t = t[:, None]
    if t.ndim != 2 or t.shape[0] < 1:
        raise InvalidDataError(
            f"The {name!r} parameter must have shape (n,) or (n, d) with n >= 1; "
            f"got {tuple(t.shape)}."
        )
    return t


def _check_width(sigma: Width) -> torch.Tensor | float:
    """Check that ``sigma`` is one positive width: a float or a one-element tensor."""
    if isinstance(sigma, torch.Tensor):
        if sigma.numel() != 1:
            raise InvalidParameterError(
                "The 'sigma' parameter (Parzen kernel width) must be a float or a "
                f"one-element tensor; got a tensor of shape {tuple(sigma.shape)}. "
                "For a width per column, divide each column by its width and pass "
                "sigma=1."
            )
        sigma = sigma.reshape(())
        value = float(sigma.detach())
    else:
        value = sigma
    if not value > 0 or not math.isfinite(value):
        raise InvalidParameterError(
            "The 'sigma' parameter (Parzen kernel width) must be a finite float > 0; "
            f"got {sigma!r}."
        )
    return sigma


def _log_kernel(a: torch.Tensor, b: torch.Tensor, sigma: Width) -> torch.Tensor:
    """``log G(a_i - b_j)`` for the Gaussian of variance ``2 sigma^2`` per axis.

    The squared distances are taken after a (detached) shift of both samples
    to their joint mean, so that an offset of the data does not cancel
    catastrophically in ``|a|^2 + |b|^2 - 2 a.b`` (float32 data at 1e4 lost
    every digit); they are divided by the kernel std twice, never by its
    square (which under- or overflows in float32 for widths beyond about
    1e+-19), and a sample's distance to itself is exactly 0.
    """
    same = a is b
    d = a.shape[1]
    centre = (a if same else torch.cat([a, b])).detach().mean(dim=0)
    a0 = a - centre
    b0 = a0 if same else b - centre
    sq = (
        (a0 * a0).sum(dim=1)[:, None]
        + (b0 * b0).sum(dim=1)[None, :]
        - 2.0 * (a0 @ b0.T)
    ).clamp_min(0.0)
    s = sigma * math.sqrt(2.0)
    quad = sq / s / s
    quad = _redo_near(quad, a0, b0, s)
    if same:
        eye = torch.eye(a.shape[0], dtype=torch.bool, device=a.device)
        quad = quad.masked_fill(eye, 0.0)
    log_s = torch.log(s) if isinstance(s, torch.Tensor) else math.log(s)
    norm = -0.5 * d * math.log(2.0 * math.pi) - d * log_s
    return -0.5 * quad + norm


def _redo_near(
    quad: torch.Tensor, a0: torch.Tensor, b0: torch.Tensor, s: Width
) -> torch.Tensor:
    """Recompute from the differences the ``|a_i - b_j|^2 / s^2`` rounding spoils.

    The expansion ``|a|^2 + |b|^2 - 2 a.b`` carries an error of about ``(d + 4)
    eps (|a|^2 + |b|^2)``: at widths tiny against the spread it swamps the
    distance of near-copies (float64 near-copies at 3e-6, width 1e-6: a
    Cauchy-Schwarz divergence of 111.203 for 111.185). Entries whose error
    bound passes 1e-9 in the exponent (1e-4 below float64) and whose kernel
    value does not underflow are replaced by the differences' squared norms
    (differentiably; few entries: the near neighbours).
    """
    with torch.no_grad():
        width = float(s.detach()) if isinstance(s, torch.Tensor) else float(s)
        grain = (a0.shape[1] + 4) * torch.finfo(quad.dtype).eps
        na = (a0 * a0).sum(dim=1)
        nb = (b0 * b0).sum(dim=1)
        if grain * float(na.max() + nb.max()) / width / width <= _EXACT_ABOVE:
            return quad
        slack = grain * (na[:, None] + nb[None, :]) / width / width
        limit = _EXACT_ABOVE if quad.dtype == torch.float64 else 1e-4
        redo = (slack > 2.0 * limit) & (quad - slack < 1500.0)
        rows, cols = torch.nonzero(redo, as_tuple=True)
    if rows.numel() == 0:
        return quad
    diff = a0[rows] - b0[cols]
    exact = (diff * diff).sum(dim=1) / s / s
    return quad.index_put((rows, cols), exact)


def _log_potential(a: torch.Tensor, b: torch.Tensor, sigma: Width) -> torch.Tensor:
    lk = _log_kernel(a, b, sigma)
    return torch.logsumexp(lk.reshape(-1), 0) - math.log(a.shape[0] * b.shape[0])


def information_potential(x: torch.Tensor, sigma: Width) -> torch.Tensor:
    """Return ``V(X) = (1/n^2) sum_ij G(x_i - x_j)``, differentiable.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.itl import information_potential
    >>> x = torch.randn(2000, generator=torch.Generator().manual_seed(0))
    >>> round(float(information_potential(x, 0.5)), 2)  # 1/sqrt(2 pi 2.5) = 0.252
    0.25
    """
    a = _as_2d(x, "x")
    return torch.exp(_log_potential(a, a, _check_width(sigma)))


def renyi_quadratic_entropy(x: torch.Tensor, sigma: Width) -> torch.Tensor:
    """Return Rényi's quadratic entropy ``-log V(X)`` in nats, differentiable.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.itl import renyi_quadratic_entropy
    >>> x = torch.randn(2000, generator=torch.Generator().manual_seed(0))
    >>> round(float(renyi_quadratic_entropy(x, 0.5)), 1)  # 0.5 ln(2 pi 2.5) = 1.38
    1.4
    """
    a = _as_2d(x, "x")
    return -_log_potential(a, a, _check_width(sigma))


def cauchy_schwarz_divergence(
    x: torch.Tensor, y: torch.Tensor, sigma: Width
) -> torch.Tensor:
    """Return ``D_CS = log V(x) + log V(y) - 2 log V(x, y)`` (>= 0), differentiable.

    ``x`` holds samples of p and ``y`` samples of q, with equal column counts.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.itl import cauchy_schwarz_divergence
    >>> x = torch.randn(500, 2, generator=torch.Generator().manual_seed(0))
    >>> float(cauchy_schwarz_divergence(x, x, 1.0)) == 0.0
    True
    """
    a, b = _as_2d(x, "x"), _as_2d(y, "y")
    if a.shape[1] != b.shape[1]:
        raise InvalidDataError(
            f"x and y must have the same number of columns; got {a.shape[1]} and "
            f"{b.shape[1]}."
        )
    s = _check_width(sigma)
    return (
        _log_potential(a, a, s)
        + _log_potential(b, b, s)
        - 2.0 * _log_potential(a, b, s)
    )


def cauchy_schwarz_mi(
    x: torch.Tensor, y: torch.Tensor, sigma: Width, sigma_y: Width | None = None
) -> torch.Tensor:
    """Return the Cauchy-Schwarz quadratic MI of paired samples, differentiable.

    ``I_CS = log V_J + log V_X + log V_Y - 2 log V_C`` (see
    :func:`mutinfo.itl.cauchy_schwarz_mi`); >= 0, and 0 for a sample whose
    kernel matrices factorise. Not Shannon MI.

    Parameters
    ----------
    x, y : torch.Tensor of shape (n,) or (n, d)
    sigma : float or torch.Tensor
        Parzen width for x (and for y unless ``sigma_y`` is given).
    sigma_y : float or torch.Tensor, optional

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.itl import cauchy_schwarz_mi
    >>> g = torch.Generator().manual_seed(0)
    >>> x = torch.randn(1000, generator=g)
    >>> dep = cauchy_schwarz_mi(x, x + 0.5 * torch.randn(1000, generator=g), 0.5)
    >>> ind = cauchy_schwarz_mi(x, torch.randn(1000, generator=g), 0.5)
    >>> bool(dep > 0.1 > ind >= 0)
    True
    """
    a, b = _as_2d(x, "x"), _as_2d(y, "y")
    if a.shape[0] != b.shape[0]:
        raise InvalidDataError(
            f"x and y must have the same number of samples; got {a.shape[0]} and "
            f"{b.shape[0]}."
        )
    sx = _check_width(sigma)
    sy = sx if sigma_y is None else _check_width(sigma_y)
    n = a.shape[0]
    lkx, lky = _log_kernel(a, a, sx), _log_kernel(b, b, sy)
    log_vj = torch.logsumexp((lkx + lky).reshape(-1), 0) - 2.0 * math.log(n)
    row_x = torch.logsumexp(lkx, 1) - math.log(n)
    row_y = torch.logsumexp(lky, 1) - math.log(n)
    log_vx = torch.logsumexp(row_x, 0) - math.log(n)
    log_vy = torch.logsumexp(row_y, 0) - math.log(n)
    log_vc = torch.logsumexp(row_x + row_y, 0) - math.log(n)
    return log_vj + log_vx + log_vy - 2.0 * log_vc
