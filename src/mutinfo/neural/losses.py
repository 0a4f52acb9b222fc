"""Loss modules: ``forward(x, y)`` returns ``-bound``, ready for ``.backward()``.

Each critic loss wraps a critic (see :mod:`mutinfo.neural.critics`) and one
bound of :mod:`mutinfo.neural.bounds`. The loss value is always minus a
number of nats (the bound that the estimator reports), so ``-loss`` can be
logged as the current MI estimate; where training uses another objective
(MINE's bias-corrected gradient, the Jensen-Shannon signal of ``js`` and
SMILE), only the gradient differs from that of ``-bound``.
:meth:`CriticLoss.bound` returns the reported bound without a graph.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import torch
from torch import nn

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.bounds import (
    _check_clip,
    _check_scores,
    _offdiag_logmeanexp,
    ba_bound,
    club_bound,
    dv_bound,
    infonce_bound,
    js_bound,
    nwj_bound,
    smile_bound,
)
from mutinfo.neural.critics import _all_pairs, _check_hidden, _mlp, torch_generator

__all__ = [
    "BALoss",
    "CLUBLoss",
    "CriticLoss",
    "DVLoss",
    "GaussianDecoder",
    "InfoNCELoss",
    "JSLoss",
    "MINELoss",
    "NWJLoss",
    "SMILELoss",
]


def _swap_gradient(value: torch.Tensor, gradient: torch.Tensor) -> torch.Tensor:
    """Return a tensor with the value of ``value`` and the gradient of ``gradient``."""
    return gradient - gradient.detach() + value.detach()


class CriticLoss(nn.Module):
    """Base class of the critic losses: ``forward(x, y)`` returns ``-bound``.

    Subclasses implement :meth:`objective`, which maps a score matrix to the
    (differentiable) quantity to maximise, and :meth:`reported`, which maps
    it to the bound in nats.

    Parameters
    ----------
    critic : torch.nn.Module
        Maps ``x`` (B, x_dim) and ``y`` (B, y_dim) to scores (B, B).
    """

    def __init__(self, critic: nn.Module) -> None:
        super().__init__()
        if not isinstance(critic, nn.Module):
            raise InvalidParameterError(
                f"The 'critic' parameter of {type(self).__name__}() must be a "
                "torch.nn.Module whose forward(x, y) returns a (B, B) score matrix, "
                f"such as mutinfo.neural.SeparableCritic. Got {critic!r} instead."
            )
        self.critic = critic

    def scores(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return the critic's score matrix ``f(x_i, y_j)``, checked."""
        scores: torch.Tensor = self.critic(x, y)
        return _check_scores(scores)

    def objective(self, scores: torch.Tensor) -> torch.Tensor:
        """Return the quantity to maximise: the reported bound by default."""
        return self.reported(scores)

    def reported(self, scores: torch.Tensor) -> torch.Tensor:
        """Return the bound in nats that this loss reports."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``-bound`` on the batch (value of the reported bound)."""
        return -self.objective(self.scores(x, y))

    def bound(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return the reported bound in nats, without a graph."""
        with torch.no_grad():
            return self.reported(self.scores(x, y))


class DVLoss(CriticLoss):
    """Donsker-Varadhan loss: returns ``-dv_bound(scores)``.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import DVLoss, SeparableCritic
    >>> loss = DVLoss(SeparableCritic(1, 1, hidden=(8,), embed_dim=4, rng=0))
    >>> loss(torch.randn(16, 1), torch.randn(16, 1)).shape
    torch.Size([])
    """

    def reported(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        return dv_bound(scores)


class MINELoss(DVLoss):
    """MINE loss: returns ``-dv_bound(scores)`` with a bias-corrected gradient.

    The gradient of ``log mean exp f`` over the off-diagonal pairs is
    ``grad(mean exp f) / mean exp f``; a minibatch denominator biases it.
    MINE (Belghazi et al. [1]_) divides by an exponential moving average of
    ``mean exp f`` instead. The returned value equals the DV bound exactly;
    only the gradient differs. The average is updated in training mode only.

    Parameters
    ----------
    critic : torch.nn.Module
        Maps ``x`` (B, x_dim) and ``y`` (B, y_dim) to scores (B, B).
    ema : float, default=0.99
        Weight of the past in the moving average, in [0, 1); 0 gives the
        plain minibatch DV gradient.

    References
    ----------
    .. [1] M. I. Belghazi et al., "Mutual information neural estimation",
       ICML 2018. arXiv:1801.04062

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import MINELoss, SeparableCritic
    >>> loss = MINELoss(SeparableCritic(1, 1, hidden=(8,), rng=0), ema=0.9)
    >>> loss(torch.randn(16, 1), torch.randn(16, 1)).backward()
    """

    running_mean: torch.Tensor

    def __init__(self, critic: nn.Module, ema: float = 0.99) -> None:
        super().__init__(critic)
        if (
            isinstance(ema, bool)
            or not isinstance(ema, int | float)
            or not 0.0 <= ema < 1.0
        ):
            raise InvalidParameterError(
                "The 'ema' parameter of MINELoss() must be a float in the range "
                f"[0, 1). Got {ema!r} instead."
            )
        self.ema = float(ema)
        self.register_buffer("running_mean", torch.tensor(math.nan))

    def _update(self, current: torch.Tensor) -> None:
        """Fold ``log mean exp f`` of this batch into the (log) moving average."""
        if self.ema == 0.0 or bool(torch.isnan(self.running_mean)):
            self.running_mean = current.clone()
        else:
            self.running_mean = torch.logaddexp(
                self.running_mean + math.log(self.ema),
                current + math.log1p(-self.ema),
            )

    def objective(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        log_mean_exp = _offdiag_logmeanexp(scores)
        # With M = mean exp f (off-diagonal) and A its moving average, kept as
        # logs: exp(log M - stop(log M)) has value 1 and gradient grad(M) / M;
        # times M / A it has gradient grad(M) / A, MINE's corrected gradient.
        shift = log_mean_exp.detach()
        mean_exp = torch.exp(log_mean_exp - shift)
        if self.training and torch.is_grad_enabled():
            self._update(log_mean_exp.detach())
        if bool(torch.isnan(self.running_mean)):
            ratio = torch.ones((), device=scores.device)
        else:
            ratio = torch.exp(shift - self.running_mean)
        corrected = _swap_gradient(log_mean_exp, mean_exp * ratio)
        return scores.diagonal().mean() - corrected


class NWJLoss(CriticLoss):
    """NWJ loss: returns ``-nwj_bound(scores)``.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import NWJLoss, SeparableCritic
    >>> loss = NWJLoss(SeparableCritic(1, 1, hidden=(8,), rng=0))
    >>> loss(torch.randn(8, 1), torch.randn(8, 1)).backward()
    """

    def reported(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        return nwj_bound(scores)


class InfoNCELoss(CriticLoss):
    """InfoNCE loss: returns ``-infonce_bound(scores)`` (never below ``-log B``).

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import InfoNCELoss, SeparableCritic
    >>> loss = InfoNCELoss(SeparableCritic(1, 1, hidden=(8,), rng=0))
    >>> loss(torch.randn(8, 1), torch.randn(8, 1)).backward()
    """

    def reported(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        return infonce_bound(scores)


class _JSTrainedLoss(CriticLoss):
    """Base of the losses that train with ``js_bound`` and report another bound."""

    def objective(self, scores: torch.Tensor) -> torch.Tensor:
        return _swap_gradient(self.reported(scores), js_bound(scores))


class JSLoss(_JSTrainedLoss):
    """Jensen-Shannon loss: trains with ``js_bound``, returns ``-nwj_bound(f + 1)``.

    The Jensen-Shannon objective is not a number of nats, so the value of the
    loss is minus the NWJ bound of the shifted critic ``f + 1`` (a valid MI
    lower bound for any critic, tight when ``f`` is the log density ratio that
    the JS objective learns); the gradient is that of ``-js_bound(scores)``.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import JSLoss, SeparableCritic
    >>> loss = JSLoss(SeparableCritic(1, 1, hidden=(8,), rng=0))
    >>> loss(torch.randn(8, 1), torch.randn(8, 1)).backward()
    """

    def reported(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        return nwj_bound(scores + 1.0)


class SMILELoss(_JSTrainedLoss):
    """SMILE loss: trains with ``js_bound``, returns ``-smile_bound(scores, clip)``.

    Song and Ermon's estimator: the critic is trained with the Jensen-Shannon
    objective (stable gradients) and the MI is read off with the clipped DV
    estimate. The loss value is ``-smile_bound``; its gradient is that of
    ``-js_bound``.

    Parameters
    ----------
    critic : torch.nn.Module
        Maps ``x`` (B, x_dim) and ``y`` (B, y_dim) to scores (B, B).
    clip : float or None, default=5.0
        ``tau`` of :func:`~mutinfo.neural.smile_bound`; None reports plain DV.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import SMILELoss, SeparableCritic
    >>> loss = SMILELoss(SeparableCritic(1, 1, hidden=(8,), rng=0), clip=5.0)
    >>> loss(torch.randn(8, 1), torch.randn(8, 1)).backward()
    """

    def __init__(self, critic: nn.Module, clip: float | None = 5.0) -> None:
        super().__init__(critic)
        self.clip = _check_clip(clip, "SMILELoss()")

    def reported(self, scores: torch.Tensor) -> torch.Tensor:  # noqa: D102
        return smile_bound(scores, clip=self.clip)


def _gaussian_log_pdf(
    y: torch.Tensor, mean: torch.Tensor, log_scale: torch.Tensor
) -> torch.Tensor:
    """Elementwise ``log N(y; mean, exp(log_scale)^2)``, broadcasting the inputs."""
    z = (y - mean) * torch.exp(-log_scale)
    return -0.5 * z**2 - log_scale - 0.5 * math.log(2 * math.pi)


class GaussianDecoder(nn.Module):
    """Gaussian decoder ``q(y | x) = N(y; mu(x), diag sigma(x)^2)`` for BA and CLUB.

    ``forward(x, y)`` returns ``log q(y_i | x_i)`` (shape (B,)), and
    :meth:`pairwise` returns the matrix ``log q(y_j | x_i)`` (shape (B, B)).

    Parameters
    ----------
    x_dim, y_dim : int
        Feature dimensions of x and y.
    hidden : sequence of int, default=(64,)
        Hidden widths of the MLP that outputs the mean and log-scale.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the parameter initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import GaussianDecoder
    >>> dec = GaussianDecoder(2, 1, hidden=(8,), rng=0)
    >>> dec(torch.zeros(3, 2), torch.zeros(3, 1)).shape
    torch.Size([3])
    """

    def __init__(
        self,
        x_dim: int,
        y_dim: int,
        *,
        hidden: Sequence[int] = (64,),
        rng: Any = None,
    ) -> None:
        super().__init__()
        sizes = _check_hidden(hidden, "GaussianDecoder()")
        self.x_dim, self.y_dim = x_dim, y_dim
        self.net = _mlp(x_dim, sizes, 2 * y_dim, "relu", torch_generator(rng))

    def _params(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out = self.net(x)
        return out[:, : self.y_dim], out[:, self.y_dim :]

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``log q(y_i | x_i)`` for each row, shape (B,)."""
        mean, log_scale = self._params(x)
        return _gaussian_log_pdf(y, mean, log_scale).sum(dim=1)

    def pairwise(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``log q(y_j | x_i)`` for every pair, shape (B, B)."""
        mean, log_scale = self._params(x)
        log_q = _gaussian_log_pdf(
            y[None, :, :], mean[:, None, :], log_scale[:, None, :]
        )
        return log_q.sum(dim=2)


def _check_decoder(decoder: Any, where: str) -> nn.Module:
    if not isinstance(decoder, nn.Module):
        raise InvalidParameterError(
            f"The 'decoder' parameter of {where} must be a torch.nn.Module whose "
            "forward(x, y) returns log q(y_i | x_i) of shape (B,), such as "
            f"mutinfo.neural.GaussianDecoder. Got {decoder!r} instead."
        )
    return decoder


def _log_likelihood(
    decoder: nn.Module, x: torch.Tensor, y: torch.Tensor
) -> torch.Tensor:
    out: torch.Tensor = decoder(x, y)
    if out.ndim != 1 or out.shape[0] != x.shape[0]:
        raise InvalidDataError(
            "The decoder's forward(x, y) must return log q(y_i | x_i) of shape "
            f"(B,) = ({x.shape[0]},). Got shape {tuple(out.shape)} instead."
        )
    return out


class BALoss(nn.Module):
    """Barber-Agakov loss: returns ``-ba_bound(decoder(x, y), entropy)``.

    Parameters
    ----------
    decoder : torch.nn.Module
        ``forward(x, y)`` returns ``log q(y_i | x_i)`` of shape (B,), for
        example :class:`GaussianDecoder`.
    entropy : float
        The entropy ``H(Y)`` in nats (known, or estimated separately).

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import BALoss, GaussianDecoder
    >>> loss = BALoss(GaussianDecoder(1, 1, hidden=(8,), rng=0), entropy=1.42)
    >>> loss(torch.randn(8, 1), torch.randn(8, 1)).backward()
    """

    def __init__(self, decoder: nn.Module, entropy: float) -> None:
        super().__init__()
        self.decoder = _check_decoder(decoder, "BALoss()")
        if (
            isinstance(entropy, bool)
            or not isinstance(entropy, int | float)
            or not math.isfinite(entropy)
        ):
            raise InvalidParameterError(
                "The 'entropy' parameter of BALoss() must be a finite float, H(Y) "
                f"in nats. Got {entropy!r} instead."
            )
        self.entropy = float(entropy)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``-(H(Y) + mean log q(y_i | x_i))``."""
        return -ba_bound(_log_likelihood(self.decoder, x, y), self.entropy)


class CLUBLoss(nn.Module):
    """CLUB: fit a decoder by likelihood, and read off the MI upper bound.

    CLUB is an upper bound, so there is no ``-bound`` to minimise for the
    decoder: ``forward(x, y)`` returns the decoder's negative log-likelihood
    ``-mean log q(y_i | x_i)`` (what CLUB fits ``q`` with), and
    :meth:`upper_bound` returns :func:`~mutinfo.neural.club_bound` on the
    pairwise log-likelihoods, differentiable in ``x`` and ``y`` so that an
    encoder can minimise it.

    Parameters
    ----------
    decoder : torch.nn.Module
        ``forward(x, y)`` returns ``log q(y_i | x_i)`` of shape (B,); a
        ``pairwise(x, y)`` method returning ``log q(y_j | x_i)`` (B, B) is used
        when present (as in :class:`GaussianDecoder`).

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import CLUBLoss, GaussianDecoder
    >>> club = CLUBLoss(GaussianDecoder(1, 1, hidden=(8,), rng=0))
    >>> x, y = torch.randn(8, 1), torch.randn(8, 1)
    >>> club(x, y).backward()
    >>> club.upper_bound(x, y).shape
    torch.Size([])
    """

    def __init__(self, decoder: nn.Module) -> None:
        super().__init__()
        self.decoder = _check_decoder(decoder, "CLUBLoss()")

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return the decoder's negative log-likelihood on the joint pairs."""
        return -_log_likelihood(self.decoder, x, y).mean()

    def pairwise(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``log q(y_j | x_i)`` of shape (B, B)."""
        pairwise = getattr(self.decoder, "pairwise", None)
        if callable(pairwise):
            out: torch.Tensor = pairwise(x, y)
            return out
        b = x.shape[0]
        xs, ys = _all_pairs(x, y)
        return _log_likelihood(self.decoder, xs, ys).reshape(b, b)

    def upper_bound(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return the CLUB upper bound in nats (differentiable)."""
        return club_bound(self.pairwise(x, y))
