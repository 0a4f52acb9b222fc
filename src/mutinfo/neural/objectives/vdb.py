"""Variational discriminator bottleneck (Peng et al. 2019) and weighted GAN costs."""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn.functional import softplus

from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_number,
    check_tensor,
    record,
)
from mutinfo.neural.objectives.vib import gaussian_kl

__all__ = ["VDBLoss", "WeightedAdversarialLoss"]


def _bce_real(logits: torch.Tensor) -> torch.Tensor:
    """``mean -log sigmoid(logits)``."""
    return softplus(-logits).mean()


def _bce_fake(logits: torch.Tensor) -> torch.Tensor:
    """``mean -log(1 - sigmoid(logits))``."""
    return softplus(logits).mean()


class VDBLoss(nn.Module):
    """VDB discriminator loss ``BCE + beta (E KL - I_c)``, with the dual update of beta.

    The discriminator sees ``z ~ E(z | x) = N(mu(x), diag exp(logvar(x)))``
    instead of ``x``; the information constraint ``E_x KL(E(z|x) || N(0, I))
    <= I_c`` (an upper bound on ``I(X; Z)``, the mean taken over real and
    generated samples together) is enforced by the Lagrange multiplier
    ``beta``, updated by dual gradient ascent
    ``beta <- max(0, beta + beta_step (E KL - I_c))`` (Peng et al. [1]_,
    eq. 9-10). ``forward`` returns the discriminator's loss and its record
    (``kl`` in nats, ``i_c``, ``beta``); :meth:`update_beta` applies the dual
    step with the KL of the batch (call it after the discriminator's step);
    :meth:`generator_loss` is the non-saturating generator loss.

    Defaults (paper, Section 5 and Appendix): ``I_c = 0.5`` and
    ``beta_step = 1e-5``, with ``beta`` starting at 0.

    Parameters
    ----------
    i_c : float, default=0.5
        Information constraint in nats (>= 0).
    beta : float, default=0.0
        Initial multiplier (>= 0).
    beta_step : float, default=1e-5
        Dual step size (> 0).

    References
    ----------
    .. [1] X. B. Peng, A. Kanazawa, S. Toyer, P. Abbeel, S. Levine,
       "Variational discriminator bottleneck: improving imitation learning,
       inverse RL, and GANs by constraining information flow", ICLR 2019.
       arXiv:1810.00821

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import VDBLoss
    >>> vdb = VDBLoss(i_c=0.5, beta=0.1, beta_step=0.1)
    >>> vdb.update_beta(1.5)  # KL above I_c: beta grows by 0.1 * 1.0
    0.2
    """

    beta: torch.Tensor

    def __init__(
        self, i_c: float = 0.5, *, beta: float = 0.0, beta_step: float = 1e-5
    ) -> None:
        super().__init__()
        where = "VDBLoss()"
        self.i_c = check_number(i_c, "i_c", where, low=0.0)
        self.beta_step = check_number(
            beta_step, "beta_step", where, low=0.0, low_open=True
        )
        start = check_number(beta, "beta", where, low=0.0)
        self.register_buffer("beta", torch.tensor(start, dtype=torch.float64))

    def forward(
        self,
        real_logits: torch.Tensor,
        fake_logits: torch.Tensor,
        mu: torch.Tensor,
        logvar: torch.Tensor,
    ) -> ObjectiveOutput:
        """Return the discriminator's loss and the terms.

        Parameters
        ----------
        real_logits, fake_logits : torch.Tensor
            Discriminator logits on the (encoded) real and generated samples.
        mu, logvar : torch.Tensor of shape (B, d)
            The encoder's Gaussian on the real and generated samples together.
        """
        where = "VDBLoss"
        real_logits = check_tensor(real_logits, "real_logits", where, ndim=(1, 2))
        fake_logits = check_tensor(fake_logits, "fake_logits", where, ndim=(1, 2))
        kl = gaussian_kl(mu, logvar)
        bce = _bce_real(real_logits) + _bce_fake(fake_logits)
        beta = float(self.beta)
        loss = bce + beta * (kl - self.i_c)
        return ObjectiveOutput(
            loss, record(kl=kl, i_c=self.i_c, beta=beta, discriminator=bce)
        )

    def update_beta(self, kl: float | torch.Tensor) -> float:
        """Apply ``beta <- max(0, beta + beta_step (kl - I_c))``; return it."""
        value = float(kl.detach()) if isinstance(kl, torch.Tensor) else float(kl)
        check_number(value, "kl", "VDBLoss.update_beta()")
        new = max(0.0, float(self.beta) + self.beta_step * (value - self.i_c))
        self.beta.fill_(new)
        return new

    @staticmethod
    def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
        """Non-saturating generator loss ``mean -log D(G(z))``."""
        return _bce_real(fake_logits)


class WeightedAdversarialLoss(nn.Module):
    """Weighted adversarial costs (Creswell & Bharath): from KL[P||Q] to KL[Q||P].

    The discriminator ``D = sigmoid(logit)`` maximises the weighted game value
    ``V = alpha E_P log D(x) + (1 - alpha) E_Q log(1 - D(G(z)))`` (P the data,
    Q the model); the generator minimises it. The optimal discriminator is
    ``D* = alpha p / (alpha p + (1 - alpha) q)`` and then ``V = JS_alpha(P,
    Q) - h(alpha)`` with ``h`` the binary entropy and ``JS_alpha = alpha
    KL(P || M) + (1 - alpha) KL(Q || M)``, ``M = alpha P + (1 - alpha) Q``:
    the skew Jensen-Shannon divergence. ``alpha = 1/2`` is the standard GAN
    (``2 JS - log 4``); as ``alpha -> 0``, ``JS_alpha / alpha -> KL[P || Q]``
    (mode covering: every data point is captured by the model, suited to
    retrieval and classification); as ``alpha -> 1``, ``JS_alpha / (1 -
    alpha) -> KL[Q || P]`` (mode seeking: samples look like data, suited to
    generation). This is the trade-off Creswell & Bharath [1]_ tune with
    their task-specific weighting; we implement it through the weighted
    value above (a reading of their proposal, not their code).

    ``forward(real_logits, fake_logits)`` returns the discriminator's loss
    ``-V`` and a record with ``divergence`` (the estimate ``V + h(alpha)`` of
    ``JS_alpha`` in nats, exact at the optimal discriminator) and ``alpha``;
    :meth:`generator_loss` is the generator's ``(1 - alpha) E_Q log(1 -
    D(G(z)))``.

    Parameters
    ----------
    alpha : float, default=0.5
        Weight in (0, 1) of the data term; 0.5 is the standard GAN.

    References
    ----------
    .. [1] A. Creswell, A. A. Bharath, "Task specific adversarial cost
       function", 2016. arXiv:1609.08661

    Examples
    --------
    >>> import math, torch
    >>> from mutinfo.neural.objectives import WeightedAdversarialLoss
    >>> loss = WeightedAdversarialLoss(alpha=0.5)
    >>> out = loss(torch.zeros(4), torch.zeros(4))  # D = 1/2: P and Q confused
    >>> abs(out.terms["divergence"]) < 1e-7
    True
    """

    def __init__(self, alpha: float = 0.5) -> None:
        super().__init__()
        self.alpha = check_number(
            alpha,
            "alpha",
            "WeightedAdversarialLoss()",
            low=0.0,
            high=1.0,
            low_open=True,
            high_open=True,
        )
        a = self.alpha
        self.binary_entropy = -(a * math.log(a) + (1 - a) * math.log(1 - a))

    def value(
        self, real_logits: torch.Tensor, fake_logits: torch.Tensor
    ) -> torch.Tensor:
        """Return the game value ``V`` in nats (the discriminator maximises it)."""
        where = "WeightedAdversarialLoss"
        real_logits = check_tensor(real_logits, "real_logits", where)
        fake_logits = check_tensor(fake_logits, "fake_logits", where)
        return -self.alpha * _bce_real(real_logits) - (1 - self.alpha) * _bce_fake(
            fake_logits
        )

    def forward(
        self, real_logits: torch.Tensor, fake_logits: torch.Tensor
    ) -> ObjectiveOutput:
        """Return the discriminator's loss ``-V`` and the terms."""
        v = self.value(real_logits, fake_logits)
        return ObjectiveOutput(
            -v, record(divergence=v + self.binary_entropy, alpha=self.alpha)
        )

    def generator_loss(self, fake_logits: torch.Tensor) -> torch.Tensor:
        """Return the generator's loss ``(1 - alpha) E_Q log(1 - D(G(z)))``."""
        fake_logits = check_tensor(
            fake_logits, "fake_logits", "WeightedAdversarialLoss"
        )
        return -(1 - self.alpha) * _bce_fake(fake_logits)
