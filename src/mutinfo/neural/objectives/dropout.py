"""Information dropout (Achille & Soatto 2018): log-normal multiplicative noise."""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import torch
from torch import nn

from mutinfo._params import check_choice
from mutinfo.exceptions import InvalidDataError
from mutinfo.neural.critics import _linear, torch_generator
from mutinfo.neural.objectives._common import (
    check_int,
    check_number,
    check_tensor,
    record,
)

__all__ = ["InformationDropout", "InformationDropoutOutput", "information_dropout_kl"]

#: Floor added to alpha, as in the authors' reference code.
_ALPHA_FLOOR = 0.001


def information_dropout_kl(
    alpha: torch.Tensor,
    activations: torch.Tensor | None = None,
    *,
    activation: str = "relu",
    max_alpha: float = 0.7,
    prior_mean: float = 0.0,
    prior_std: float = 1.0,
) -> torch.Tensor:
    """Return information dropout's KL term, summed over units, mean over rows, in nats.

    With ``z = f(x) * eps`` and ``log eps ~ N(0, alpha(x)^2)``,
    ``log z | x ~ N(log f(x), alpha^2)`` (Achille & Soatto [1]_, Section 5):

    - ``activation='relu'``: against the (improper) log-uniform prior the KL
      is ``-log alpha`` up to a constant; we fix the constant so that the
      term is ``log(alpha_cap / alpha) >= 0`` with ``alpha_cap = max_alpha +
      0.001``, the largest alpha the layer outputs.
    - ``activation='softplus'``: against the log-normal prior
      ``log z ~ N(prior_mean, prior_std^2)`` the KL is the Gaussian one,
      ``log(prior_std / alpha) + (alpha^2 + (log f - prior_mean)^2) /
      (2 prior_std^2) - 1/2``.

    Parameters
    ----------
    alpha : torch.Tensor of shape (B, d)
        Noise scales, > 0.
    activations : torch.Tensor of shape (B, d), optional
        ``f(x)`` (> 0), needed for softplus.
    activation : {'relu', 'softplus'}, default='relu'
    max_alpha : float, default=0.7
    prior_mean, prior_std : float, default=0.0, 1.0

    Returns
    -------
    torch.Tensor
        A scalar, in nats.

    References
    ----------
    .. [1] A. Achille, S. Soatto, "Information dropout: learning optimal
       representations through noisy computation", IEEE TPAMI 40(12), 2018.
       arXiv:1611.01353

    Examples
    --------
    >>> import math, torch
    >>> from mutinfo.neural.objectives import information_dropout_kl
    >>> a = torch.full((2, 3), 0.701)
    >>> abs(information_dropout_kl(a).item()) < 1e-6  # alpha at its cap
    True
    """
    where = "information_dropout_kl()"
    activation = check_choice(activation, "activation", ("relu", "softplus"), where)
    max_alpha = check_number(max_alpha, "max_alpha", where, low=0.0, low_open=True)
    alpha = check_tensor(alpha, "alpha", where, ndim=2)
    if bool((alpha <= 0).any()):
        raise InvalidDataError(
            f"The 'alpha' input of {where} must be > 0. Got a minimum of "
            f"{float(alpha.min())}."
        )
    if activation == "relu":
        cap = max_alpha + _ALPHA_FLOOR
        return torch.log(cap / alpha).sum(dim=1).mean()
    std = check_number(prior_std, "prior_std", where, low=0.0, low_open=True)
    mean = check_number(prior_mean, "prior_mean", where)
    if activations is None:
        raise InvalidDataError(
            f"{where} with activation='softplus' needs the 'activations' f(x)."
        )
    activations = check_tensor(activations, "activations", where, ndim=2)
    if activations.shape != alpha.shape or bool((activations <= 0).any()):
        raise InvalidDataError(
            f"The 'activations' input of {where} must be > 0 with the shape of "
            f"alpha {tuple(alpha.shape)}. Got shape {tuple(activations.shape)}."
        )
    log_f = torch.log(activations)
    kl = (
        math.log(std)
        - torch.log(alpha)
        + (alpha**2 + (log_f - mean) ** 2) / (2 * std**2)
        - 0.5
    )
    return kl.sum(dim=1).mean()


class InformationDropoutOutput(NamedTuple):
    """Output of :class:`InformationDropout`: the noisy units, the KL, the terms."""

    z: torch.Tensor
    kl: torch.Tensor
    terms: dict[str, float]


class InformationDropout(nn.Module):
    """Information dropout layer: ``z = f(Wx) * eps``, ``log eps ~ N(0, alpha(x)^2)``.

    A linear layer with activation ``f`` whose outputs are multiplied by
    log-normal noise with a learned, input-dependent scale
    ``alpha(x) = 0.001 + max_alpha * sigmoid(V x)`` (capped at ``max_alpha``
    as in the authors' reference code, where ``max_alpha = 0.7``). In
    training mode it samples the noise from its own generator; in eval mode
    it returns ``f(Wx)`` (the noise's median). ``forward`` returns ``z``, the
    KL term (:func:`information_dropout_kl`) to add with weight ``beta`` to
    the task loss, and a record with the KL and the mean alpha. The paper's
    loss is ``CE + beta KL``; larger ``beta`` gives larger alpha.

    Parameters
    ----------
    in_features, out_features : int
    activation : {'relu', 'softplus'}, default='relu'
    max_alpha : float, default=0.7
    prior_mean, prior_std : float, default=0.0, 1.0
        Log-normal prior of the softplus variant.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the initialisation and of the noise.

    References
    ----------
    .. [1] A. Achille, S. Soatto, "Information dropout: learning optimal
       representations through noisy computation", IEEE TPAMI 40(12), 2018.
       arXiv:1611.01353

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import InformationDropout
    >>> layer = InformationDropout(4, 3, rng=0)
    >>> out = layer(torch.randn(5, 4))
    >>> out.z.shape, out.kl.shape
    (torch.Size([5, 3]), torch.Size([]))
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        *,
        activation: str = "relu",
        max_alpha: float = 0.7,
        prior_mean: float = 0.0,
        prior_std: float = 1.0,
        rng: Any = None,
    ) -> None:
        super().__init__()
        where = "InformationDropout()"
        check_int(in_features, "in_features", where)
        check_int(out_features, "out_features", where)
        self.activation = check_choice(
            activation, "activation", ("relu", "softplus"), where
        )
        self.max_alpha = check_number(
            max_alpha, "max_alpha", where, low=0.0, low_open=True
        )
        self.prior_mean = check_number(prior_mean, "prior_mean", where)
        self.prior_std = check_number(
            prior_std, "prior_std", where, low=0.0, low_open=True
        )
        self.generator = torch_generator(rng)
        self.linear = _linear(in_features, out_features, self.generator)
        self.alpha_layer = _linear(in_features, out_features, self.generator)

    def alpha(self, x: torch.Tensor) -> torch.Tensor:
        """``alpha(x) = 0.001 + max_alpha * sigmoid(V x)``."""
        return _ALPHA_FLOOR + self.max_alpha * torch.sigmoid(self.alpha_layer(x))

    def forward(self, x: torch.Tensor) -> InformationDropoutOutput:
        """Return the noisy units, the KL term (nats) and the record."""
        pre = self.linear(x)
        f = (
            torch.relu(pre)
            if self.activation == "relu"
            else nn.functional.softplus(pre)
        )
        alpha = self.alpha(x)
        if self.training:
            noise = torch.randn(f.shape, generator=self.generator).to(f)
            z = f * torch.exp(alpha * noise)
        else:
            z = f
        kl = information_dropout_kl(
            alpha,
            f if self.activation == "softplus" else None,
            activation=self.activation,
            max_alpha=self.max_alpha,
            prior_mean=self.prior_mean,
            prior_std=self.prior_std,
        )
        return InformationDropoutOutput(z, kl, record(kl=kl, mean_alpha=alpha.mean()))
