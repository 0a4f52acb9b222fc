"""Variational information bottleneck (Alemi et al. 2017)."""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

from mutinfo.exceptions import InvalidDataError
from mutinfo.neural.critics import torch_generator
from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_int,
    check_number,
    check_tensor,
    record,
)

__all__ = ["VIBLoss", "gaussian_kl"]


def gaussian_kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """Return the mean over rows of ``KL(N(mu, diag exp(logvar)) || N(0, I))``, in nats.

    ``KL = 1/2 sum_k (exp(logvar_k) + mu_k^2 - 1 - logvar_k)`` per row: the
    rate term of the VIB (an upper bound on ``I(Z; X)`` for the standard
    normal prior, Alemi et al. [1]_ eq. 13) and of VAEs.

    Parameters
    ----------
    mu, logvar : torch.Tensor of shape (B, d)
        Means and log-variances of the encoder, differentiable.

    Returns
    -------
    torch.Tensor
        A scalar >= 0, in nats.

    References
    ----------
    .. [1] A. A. Alemi, I. Fischer, J. V. Dillon, K. Murphy, "Deep variational
       information bottleneck", ICLR 2017. arXiv:1612.00410

    Examples
    --------
    >>> import math, torch
    >>> from mutinfo.neural.objectives import gaussian_kl
    >>> gaussian_kl(torch.zeros(3, 2), torch.zeros(3, 2)).item()
    0.0
    >>> round(gaussian_kl(torch.ones(1, 1), torch.zeros(1, 1)).item(), 6)
    0.5
    """
    where = "gaussian_kl()"
    mu = check_tensor(mu, "mu", where, ndim=2)
    logvar = check_tensor(logvar, "logvar", where, ndim=2)
    if mu.shape != logvar.shape:
        raise InvalidDataError(
            f"The 'mu' and 'logvar' inputs of {where} must have the same shape. Got "
            f"{tuple(mu.shape)} and {tuple(logvar.shape)}."
        )
    return 0.5 * (torch.exp(logvar) + mu**2 - 1.0 - logvar).sum(dim=1).mean()


class VIBLoss(nn.Module):
    """VIB loss ``CE + beta KL``: returns the loss and the two MI bounds.

    The deep variational information bottleneck minimises
    ``E[-log q(y | z)] + beta KL(p(z | x) || N(0, I))`` with a Gaussian
    encoder ``z = mu(x) + exp(logvar(x) / 2) * eps`` (:meth:`sample`). The
    record holds ``i_zx`` (the KL: an upper bound on ``I(Z; X)``) and ``i_zy``
    (``H(Y) - CE``: a lower bound on ``I(Z; Y)``, never above ``H(Y) <= ln
    K``) in the unit of ``base``, plus the raw cross-entropy and beta. The
    prior has no parameters: no gradient reaches it.

    Defaults (paper, Section 4.1): ``beta = 1e-3``; one sample of ``z`` per
    example in training (the paper averages 12 at test time: pass
    ``logits`` of shape (S, B, K) to average over S samples).

    Parameters
    ----------
    beta : float, default=1e-3
        Weight (>= 0) of the KL term.
    label_entropy : float or None, default=None
        ``H(Y)`` in nats for the ``i_zy`` bound; None uses the plug-in entropy
        of the batch's labels.
    base : float, default=math.e
        Unit of the reported bounds (2: bits); the loss stays in nats.

    References
    ----------
    .. [1] A. A. Alemi, I. Fischer, J. V. Dillon, K. Murphy, "Deep variational
       information bottleneck", ICLR 2017. arXiv:1612.00410

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import VIBLoss
    >>> vib = VIBLoss(beta=1e-3, base=2)
    >>> mu, logvar = torch.zeros(4, 2), torch.zeros(4, 2)
    >>> out = vib(mu, logvar, torch.zeros(4, 3), torch.tensor([0, 1, 2, 0]))
    >>> out.terms["i_zx"]
    0.0
    """

    def __init__(
        self,
        beta: float = 1e-3,
        *,
        label_entropy: float | None = None,
        base: float = math.e,
    ) -> None:
        super().__init__()
        where = "VIBLoss()"
        self.beta = check_number(beta, "beta", where, low=0.0)
        self.label_entropy = (
            None
            if label_entropy is None
            else check_number(label_entropy, "label_entropy", where, low=0.0)
        )
        self.base = check_number(base, "base", where, low=1.0, low_open=True)

    @staticmethod
    def sample(
        mu: torch.Tensor,
        logvar: torch.Tensor,
        n_samples: int = 1,
        *,
        rng: Any = None,
    ) -> torch.Tensor:
        """Reparameterised samples ``mu + exp(logvar / 2) eps``, shape (S, B, d).

        ``rng`` is None, an int, a numpy Generator or a ``torch.Generator``
        (advanced in place); the global torch state is never used.
        """
        check_int(n_samples, "n_samples", "VIBLoss.sample()")
        gen = rng if isinstance(rng, torch.Generator) else torch_generator(rng)
        eps = torch.randn((n_samples, *mu.shape), generator=gen).to(mu)
        return mu[None] + torch.exp(0.5 * logvar)[None] * eps

    def forward(
        self,
        mu: torch.Tensor,
        logvar: torch.Tensor,
        logits: torch.Tensor,
        target: torch.Tensor,
    ) -> ObjectiveOutput:
        """Return ``CE + beta KL`` and the terms.

        Parameters
        ----------
        mu, logvar : torch.Tensor of shape (B, d)
            The encoder's Gaussian.
        logits : torch.Tensor of shape (B, K) or (S, B, K)
            The decoder's logits on S samples of z.
        target : torch.Tensor of shape (B,)
            Integer labels.
        """
        where = "VIBLoss"
        logits = check_tensor(logits, "logits", where, ndim=(2, 3))
        if logits.ndim == 2:
            logits = logits[None]
        if (
            not isinstance(target, torch.Tensor)
            or target.is_floating_point()
            or target.shape != logits.shape[1:2]
        ):
            got = (
                f"dtype {target.dtype} and shape {tuple(target.shape)}"
                if isinstance(target, torch.Tensor)
                else type(target).__name__
            )
            raise InvalidDataError(
                f"The 'target' input of {where} must be an integer tensor of labels "
                f"of shape (B,) = ({logits.shape[1]},). Got {got}."
            )
        kl = gaussian_kl(mu, logvar)
        s, b, k = logits.shape
        if mu.shape[0] != b:
            raise InvalidDataError(
                f"The 'mu' and 'logvar' inputs of {where} must have one row per "
                f"example of 'logits' (B = {b}). Got shape {tuple(mu.shape)}."
            )
        if bool((target < 0).any() or (target >= k).any()):
            raise InvalidDataError(
                f"The labels in 'target' of {where} must lie in [0, {k - 1}] (the "
                f"{k} logits). Got values in [{int(target.min())}, "
                f"{int(target.max())}]."
            )
        ce = nn.functional.cross_entropy(
            logits.reshape(s * b, k), target.repeat(s).long()
        )
        if self.label_entropy is None:
            freq = torch.bincount(target.long(), minlength=k).double() / b
            h_y = float(-torch.special.xlogy(freq, freq).sum())
        else:
            h_y = self.label_entropy
        unit = math.log(self.base)
        return ObjectiveOutput(
            ce + self.beta * kl,
            record(
                i_zx=kl / unit,
                i_zy=(h_y - ce) / unit,
                cross_entropy=ce,
                kl=kl,
                beta=self.beta,
            ),
        )
