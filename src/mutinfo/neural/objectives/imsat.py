"""IMSAT (Hu et al. 2017): information-maximising clustering with self-augmentation."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from mutinfo._neighbors import kth_neighbors
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.critics import torch_generator
from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_finite,
    check_int,
    check_number,
    check_probabilities,
    check_tensor,
    record,
)

__all__ = ["IMSATLoss", "imsat_mi", "neighbour_radii"]


def _entropies(probs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``H(mean_i p_i)`` and ``mean_i H(p_i)`` in nats (0 log 0 = 0)."""
    marginal = probs.mean(dim=0)
    h_marginal = -torch.special.xlogy(marginal, marginal).sum()
    h_conditional = -torch.special.xlogy(probs, probs).sum(dim=1).mean()
    return h_marginal, h_conditional


def imsat_mi(probs: torch.Tensor) -> torch.Tensor:
    """Return ``I(X; Y) = H(mean_i p_i) - mean_i H(p_i)`` of soft assignments, in nats.

    The mutual information between the data index and the cluster drawn from
    ``p(y | x_i) = probs[i]`` (Hu et al. [1]_, eq. 6): the entropy of the
    mean assignment minus the mean entropy of the assignments. It lies in
    ``[0, ln K]``; ``ln K`` is reached exactly by confident (one-hot),
    balanced assignments.

    Parameters
    ----------
    probs : torch.Tensor of shape (n, K)
        Rows summing to 1 (a softmax output), differentiable.

    Returns
    -------
    torch.Tensor
        A scalar in nats.

    References
    ----------
    .. [1] W. Hu et al., "Learning discrete representations via information
       maximizing self-augmented training", ICML 2017. arXiv:1702.08720

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import imsat_mi
    >>> round(imsat_mi(torch.eye(4)).item(), 6)  # ln 4
    1.386294
    """
    probs = check_probabilities(probs, "probs", "imsat_mi()")
    h_marginal, h_conditional = _entropies(probs)
    return h_marginal - h_conditional


def neighbour_radii(x: Any, k: int = 10) -> torch.Tensor:
    """Return each row's Euclidean distance to its ``k``-th nearest neighbour.

    IMSAT's per-example VAT radius is ``eps_scale`` times this distance
    (Hu et al., Section 3.2, with ``k = 10``). Uses the library's neighbour
    search; rows with a zero radius (``k`` or more duplicates) raise, since a
    zero radius means no perturbation.

    Parameters
    ----------
    x : array-like or torch.Tensor of shape (n, d)
    k : int, default=10
        Neighbour rank, ``1 <= k < n``.

    Returns
    -------
    torch.Tensor of shape (n,)
        Float32 distances.

    Examples
    --------
    >>> from mutinfo.neural.objectives import neighbour_radii
    >>> neighbour_radii([[0.0], [1.0], [3.0]], k=1).tolist()
    [1.0, 1.0, 2.0]
    """
    check_int(k, "k", "neighbour_radii()")
    arr = x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)
    arr = np.asarray(arr, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    dist, _ = kth_neighbors(arr, k, metric="euclidean")
    radii = dist[:, -1]
    zero = int((radii == 0).sum())
    if zero:
        raise InvalidDataError(
            f"neighbour_radii(): {zero} row(s) have a zero distance to their k-th "
            f"neighbour (k={k}): they have k or more exact duplicates, and a VAT "
            "radius of zero perturbs nothing. Drop duplicate rows or raise 'k'."
        )
    return torch.as_tensor(radii, dtype=torch.float32)


def _kl_rows(p: torch.Tensor, log_q: torch.Tensor) -> torch.Tensor:
    """``KL(p_i || q_i)`` per row, with ``log q`` given."""
    out: torch.Tensor = (torch.special.xlogy(p, p) - p * log_q).sum(dim=1)
    return out


class IMSATLoss(nn.Module):
    """IMSAT loss ``R_VAT - lam (mu H(Y) - H(Y|X))``, with the MI in nats.

    ``H(Y)`` is the entropy of the mean softmax output and ``H(Y|X)`` the
    mean entropy of the outputs (:func:`imsat_mi` is their difference);
    ``mu`` weighs the marginal entropy, which pushes the clusters to be
    balanced. ``R_VAT`` is virtual adversarial self-augmentation: the mean of
    ``KL(p(y|x_i) || p(y|x_i + r_i))`` with ``r_i`` the most sensitive
    direction (one power iteration from a random unit vector) scaled to
    ``eps_scale * radius_i``, the per-example radius from
    :func:`neighbour_radii`. The record holds ``mi``, ``h_marginal``,
    ``h_conditional`` (nats), ``vat`` and the weights.

    Defaults: ``mu = 4``, ``lam = 0.1`` and ``eps_scale = 0.25`` with the 10th
    neighbour, as in the authors' reference implementation's command line as
    we read it (the paper writes the radius as ``alpha * sigma_t(x)`` with
    ``t = 10`` and ``alpha = 0.4``); one power iteration (Miyato et al.'s
    VAT default).

    Parameters
    ----------
    model : torch.nn.Module
        Maps x (B, d) to logits (B, K).
    mu : float, default=4.0
        Weight (>= 0) of ``H(Y)`` inside the MI term.
    lam : float, default=0.1
        Weight (>= 0) of the MI term against ``R_VAT``.
    eps_scale : float, default=0.25
        VAT radius as a multiple (> 0) of the k-th neighbour distance.
    xi : float, default=1e-2
        Finite-difference step (> 0) of the power iteration, as a multiple of
        the radius (much smaller steps vanish in float32: the two softmax
        outputs become equal and the gradient is zero).
    power_iterations : int, default=1
    rng : None, int or numpy.random.Generator, default=None
        Seed of the random directions (a private torch.Generator).

    Notes
    -----
    The power iteration evaluates ``KL`` at ``x + xi * radius * d``; its
    gradient in ``d`` approximates the dominant eigenvector of the KL's
    Hessian (Miyato et al. 2018).

    References
    ----------
    .. [1] W. Hu et al., "Learning discrete representations via information
       maximizing self-augmented training", ICML 2017. arXiv:1702.08720

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import IMSATLoss
    >>> model = torch.nn.Linear(2, 3)
    >>> loss = IMSATLoss(model, rng=0)
    >>> x = torch.randn(16, 2)
    >>> out = loss(x, torch.full((16,), 0.5))
    >>> out.loss.backward()
    >>> 0.0 <= out.terms["mi"] <= 1.0986123
    True
    """

    def __init__(
        self,
        model: nn.Module,
        *,
        mu: float = 4.0,
        lam: float = 0.1,
        eps_scale: float = 0.25,
        xi: float = 1e-2,
        power_iterations: int = 1,
        rng: Any = None,
    ) -> None:
        super().__init__()
        where = "IMSATLoss()"
        if not isinstance(model, nn.Module):
            raise InvalidParameterError(
                f"The 'model' parameter of {where} must be a torch.nn.Module mapping "
                f"x (B, d) to logits (B, K). Got {model!r} instead."
            )
        self.model = model
        self.mu = check_number(mu, "mu", where, low=0.0)
        self.lam = check_number(lam, "lam", where, low=0.0)
        self.eps_scale = check_number(
            eps_scale, "eps_scale", where, low=0.0, low_open=True
        )
        self.xi = check_number(xi, "xi", where, low=0.0, low_open=True)
        self.power_iterations = check_int(power_iterations, "power_iterations", where)
        self.generator = torch_generator(rng)

    def vat(self, x: torch.Tensor, radius: torch.Tensor) -> torch.Tensor:
        """``R_VAT``: mean KL between outputs at ``x`` and at ``x + r_adv``."""
        with torch.no_grad():
            p = torch.softmax(self.model(x), dim=1)
        shape = (-1,) + (1,) * (x.ndim - 1)
        scale = radius.reshape(shape).to(x.dtype)
        d = torch.randn(x.shape, generator=self.generator).to(x)
        for _ in range(self.power_iterations):
            d = d / d.flatten(1).norm(dim=1).clamp_min(1e-12).reshape(shape)
            d.requires_grad_(True)
            log_q = torch.log_softmax(self.model(x + self.xi * scale * d), dim=1)
            (grad,) = torch.autograd.grad(_kl_rows(p, log_q).sum(), d)
            d = grad.detach()
        d = d / d.flatten(1).norm(dim=1).clamp_min(1e-12).reshape(shape)
        r_adv = self.eps_scale * scale * d
        log_q = torch.log_softmax(self.model(x + r_adv), dim=1)
        return _kl_rows(p, log_q).mean()

    def forward(self, x: torch.Tensor, radius: torch.Tensor) -> ObjectiveOutput:
        """Return the IMSAT loss on a batch and its terms.

        Parameters
        ----------
        x : torch.Tensor of shape (B, d)
        radius : torch.Tensor of shape (B,)
            Each row's k-th neighbour distance (:func:`neighbour_radii`).
        """
        where = "IMSATLoss"
        x = check_tensor(x, "x", where)
        radius = check_tensor(radius, "radius", where, ndim=1)
        if radius.shape[0] != x.shape[0]:
            raise InvalidDataError(
                f"The 'radius' input of {where} needs one value per row of x "
                f"({x.shape[0]}). Got shape {tuple(radius.shape)} instead."
            )
        if bool((radius <= 0).any()):
            raise InvalidDataError(
                f"The 'radius' input of {where} must be > 0 for every row (a VAT "
                f"radius of zero perturbs nothing). Got a minimum of "
                f"{float(radius.min())}; see neighbour_radii()."
            )
        logits = self.model(x)
        check_finite(logits, "logits", where)
        probs = torch.softmax(logits, dim=1)
        h_marginal, h_conditional = _entropies(probs)
        r_vat = self.vat(x, radius)
        loss = r_vat - self.lam * (self.mu * h_marginal - h_conditional)
        return ObjectiveOutput(
            loss,
            record(
                mi=h_marginal - h_conditional,
                h_marginal=h_marginal,
                h_conditional=h_conditional,
                vat=r_vat,
                mu=self.mu,
                lam=self.lam,
            ),
        )
