"""Deep InfoMax (Hjelm et al. 2019): local and global MI terms and prior matching."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn
from torch.nn.functional import softplus

from mutinfo._params import check_choice
from mutinfo.exceptions import InvalidDataError
from mutinfo.neural.bounds import dv_bound, infonce_bound, js_bound
from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_number,
    check_tensor,
    record,
)

__all__ = ["DeepInfoMaxLoss"]

_BOUNDS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "js": js_bound,
    "infonce": infonce_bound,
    "dv": dv_bound,
}


class DeepInfoMaxLoss(nn.Module):
    """Deep InfoMax loss ``-alpha I_G - beta I_L + gamma P``: returns ``-bound``.

    ``I_G`` is the chosen bound (:func:`~mutinfo.neural.js_bound`,
    :func:`~mutinfo.neural.infonce_bound` or :func:`~mutinfo.neural.dv_bound`)
    of the global score matrix ``scores[i, j] = T(x_i, E(x_j))``; ``I_L`` is
    the mean over the M locations of the same bound on each local score
    matrix ``local_scores[m, i, j] = T(C^(m)(x_i), E(x_j))``; ``P`` is the
    prior-matching term ``E_V log D(v) + E_x log(1 - D(E(x)))`` from the
    discriminator's logits on prior samples and on codes (the encoder
    minimises it, the discriminator maximises it: :meth:`discriminator_loss`).
    The record holds each term (InfoNCE and DV in nats; the JS objective is a
    training signal, not nats, see :func:`~mutinfo.neural.js_bound`).

    Defaults are the paper's DIM(L) (Section 4): ``alpha = 0``, ``beta = 1``,
    ``gamma = 0.1`` with the JS estimator; DIM(G) is ``alpha = 1``,
    ``beta = 0``, ``gamma = 1``.

    Parameters
    ----------
    estimator : {'js', 'infonce', 'dv'}, default='js'
        Bound applied to the global and local score matrices.
    alpha, beta, gamma : float, default=0.0, 1.0, 0.1
        Weights (>= 0) of the global, local and prior terms.

    References
    ----------
    .. [1] R. D. Hjelm et al., "Learning deep representations by mutual
       information estimation and maximization", ICLR 2019. arXiv:1808.06670

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import DeepInfoMaxLoss
    >>> dim = DeepInfoMaxLoss("infonce", alpha=1.0, beta=0.0, gamma=0.0)
    >>> round(dim(global_scores=torch.zeros(4, 4)).terms["global"], 6)
    0.0
    """

    def __init__(
        self,
        estimator: str = "js",
        *,
        alpha: float = 0.0,
        beta: float = 1.0,
        gamma: float = 0.1,
    ) -> None:
        super().__init__()
        where = "DeepInfoMaxLoss()"
        self.estimator = check_choice(estimator, "estimator", tuple(_BOUNDS), where)
        self.alpha = check_number(alpha, "alpha", where, low=0.0)
        self.beta = check_number(beta, "beta", where, low=0.0)
        self.gamma = check_number(gamma, "gamma", where, low=0.0)

    def _bound(self, scores: torch.Tensor) -> torch.Tensor:
        return _BOUNDS[self.estimator](scores)

    @staticmethod
    def prior_term(
        prior_logits: torch.Tensor, code_logits: torch.Tensor
    ) -> torch.Tensor:
        """``mean log sigmoid(d_prior) + mean log(1 - sigmoid(d_code))``, in nats."""
        return -softplus(-prior_logits).mean() - softplus(code_logits).mean()

    def forward(
        self,
        global_scores: torch.Tensor | None = None,
        local_scores: torch.Tensor | None = None,
        prior_logits: torch.Tensor | None = None,
        code_logits: torch.Tensor | None = None,
    ) -> ObjectiveOutput:
        """Return the encoder's loss and the terms; absent inputs count as 0.

        Parameters
        ----------
        global_scores : torch.Tensor of shape (B, B), optional
        local_scores : torch.Tensor of shape (M, B, B), optional
        prior_logits, code_logits : torch.Tensor of shape (B,) or (B, 1), optional
            The prior discriminator's logits on prior samples and on codes.
        """
        where = "DeepInfoMaxLoss"
        loss = torch.zeros(())
        terms: dict[str, torch.Tensor | float] = {}
        if global_scores is not None:
            global_scores = check_tensor(global_scores, "global_scores", where, ndim=2)
            i_g = self._bound(global_scores)
            loss = loss - self.alpha * i_g
            terms["global"] = i_g
        if local_scores is not None:
            local_scores = check_tensor(local_scores, "local_scores", where, ndim=3)
            if local_scores.shape[1] != local_scores.shape[2]:
                raise InvalidDataError(
                    f"The 'local_scores' input of {where} must have shape (M, B, B)."
                    f" Got {tuple(local_scores.shape)} instead."
                )
            i_l = torch.stack([self._bound(s) for s in local_scores]).mean()
            loss = loss - self.beta * i_l
            terms["local"] = i_l
        if (prior_logits is None) != (code_logits is None):
            raise InvalidDataError(
                f"{where} needs both 'prior_logits' and 'code_logits' for the prior "
                "term, or neither. Got only one."
            )
        if prior_logits is not None and code_logits is not None:
            prior = self.prior_term(
                check_tensor(prior_logits, "prior_logits", where, ndim=(1, 2)),
                check_tensor(code_logits, "code_logits", where, ndim=(1, 2)),
            )
            loss = loss + self.gamma * prior
            terms["prior"] = prior
        terms.update(alpha=self.alpha, beta=self.beta, gamma=self.gamma)
        return ObjectiveOutput(loss, record(**terms))

    def discriminator_loss(
        self, prior_logits: torch.Tensor, code_logits: torch.Tensor
    ) -> torch.Tensor:
        """Return the prior discriminator's loss ``-P`` (detach the codes)."""
        return -self.prior_term(prior_logits, code_logits)
