"""The IM algorithm (Barber & Agakov 2003) and CLUB minimisation as objectives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.bounds import ba_bound
from mutinfo.neural.critics import _check_hidden, _mlp, torch_generator
from mutinfo.neural.losses import CLUBLoss
from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_finite,
    check_int,
    check_number,
    record,
)

__all__ = ["CLUBPenalty", "CategoricalDecoder", "IMLoss"]


class CategoricalDecoder(nn.Module):
    """Categorical decoder ``q(x | y) = softmax(MLP(y))[x]`` for discrete targets.

    ``forward(y, x)`` returns ``log q(x_i | y_i)`` of shape (B,), the layout
    of :class:`~mutinfo.neural.GaussianDecoder`; ``x`` holds int labels in
    ``[0, n_classes)``.

    Parameters
    ----------
    in_features : int
        Width of the code ``y``.
    n_classes : int
        Number of values of ``x``.
    hidden : sequence of int, default=(64,)
        Hidden widths (empty: a linear softmax).
    rng : None, int or numpy.random.Generator, default=None
        Seed of the initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import CategoricalDecoder
    >>> dec = CategoricalDecoder(2, 3, hidden=(), rng=0)
    >>> dec(torch.zeros(4, 2), torch.tensor([0, 1, 2, 0])).shape
    torch.Size([4])
    """

    def __init__(
        self,
        in_features: int,
        n_classes: int,
        *,
        hidden: Sequence[int] = (64,),
        rng: Any = None,
    ) -> None:
        super().__init__()
        where = "CategoricalDecoder()"
        check_int(in_features, "in_features", where)
        self.n_classes = check_int(n_classes, "n_classes", where, low=2)
        sizes = _check_hidden(hidden, where) if hidden else ()
        self.net = _mlp(in_features, sizes, n_classes, "relu", torch_generator(rng))

    def forward(self, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """Return ``log q(x_i | y_i)``, shape (B,)."""
        if x.is_floating_point() or x.ndim != 1:
            raise InvalidDataError(
                "The 'x' input of CategoricalDecoder must be a 1-D integer tensor "
                f"of labels. Got dtype {x.dtype} and shape {tuple(x.shape)}."
            )
        if bool((x < 0).any() or (x >= self.n_classes).any()):
            raise InvalidDataError(
                f"The labels of CategoricalDecoder must lie in "
                f"[0, {self.n_classes - 1}]."
                f" Got values in [{int(x.min())}, {int(x.max())}]."
            )
        logp = torch.log_softmax(self.net(y), dim=1)
        return logp.gather(1, x[:, None].long())[:, 0]


class IMLoss(nn.Module):
    """The IM algorithm: returns ``-(H(X) + mean log q(x_i | y_i))``, with its terms.

    Barber and Agakov [1]_ maximise ``I(X; Y)`` over an encoder ``p(y | x)``
    through the lower bound ``I(X; Y) >= H(X) + E log q(x | y)`` with a
    learned decoder ``q`` (:func:`~mutinfo.neural.ba_bound`; the library's
    :class:`~mutinfo.neural.BALoss` is the same bound for a fixed pair). The
    bound is tight when ``q(x | y) = p(x | y)``. ``H(X)`` does not depend on
    the encoder or the decoder, so it only shifts the reported number: pass
    it when known, or build the loss with :meth:`from_data`, which estimates
    it once with :func:`mutinfo.entropy` (plug-in for discrete ``x``).
    Gradients reach the encoder (through ``y``) and the decoder.

    Parameters
    ----------
    decoder : torch.nn.Module
        ``forward(y, x)`` returns ``log q(x_i | y_i)`` of shape (B,), such as
        :class:`CategoricalDecoder` or :class:`~mutinfo.neural.GaussianDecoder`.
    entropy : float
        ``H(X)`` in nats.

    References
    ----------
    .. [1] D. Barber, F. Agakov, "The IM algorithm: a variational approach to
       information maximization", NeurIPS 2003.

    Examples
    --------
    >>> import math, torch
    >>> from mutinfo.neural.objectives import CategoricalDecoder, IMLoss
    >>> im = IMLoss(CategoricalDecoder(2, 2, hidden=(), rng=0), entropy=math.log(2))
    >>> out = im(torch.randn(8, 2), torch.tensor([0, 1] * 4))
    >>> out.terms["bound"] <= math.log(2)
    True
    """

    def __init__(self, decoder: nn.Module, entropy: float) -> None:
        super().__init__()
        if not isinstance(decoder, nn.Module):
            raise InvalidParameterError(
                "The 'decoder' parameter of IMLoss() must be a torch.nn.Module whose "
                "forward(y, x) returns log q(x_i | y_i) of shape (B,). Got "
                f"{decoder!r} instead."
            )
        self.decoder = decoder
        self.entropy = check_number(entropy, "entropy", "IMLoss()")

    @classmethod
    def from_data(
        cls, decoder: nn.Module, x: Any, *, discrete: bool | str = "auto"
    ) -> IMLoss:
        """Build the loss with ``H(X)`` estimated by :func:`mutinfo.entropy`."""
        import mutinfo as mt

        values = x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else x
        method = "plugin" if discrete is True else "auto"
        if discrete == "auto" and np.issubdtype(np.asarray(values).dtype, np.integer):
            method = "plugin"
        # discrete is passed on: discrete=False on integer codes means a
        # continuous x (it was dropped, and 'auto' took the labels' plug-in)
        entropy = mt.entropy(values, method=method, discrete=discrete)
        return cls(decoder, float(entropy))

    def forward(self, y: torch.Tensor, x: torch.Tensor) -> ObjectiveOutput:
        """Return ``-bound`` for codes ``y`` and inputs ``x``, and the terms."""
        log_q: torch.Tensor = self.decoder(y, x)
        if log_q.ndim != 1 or log_q.shape[0] != y.shape[0]:
            raise InvalidDataError(
                "The decoder's forward(y, x) must return log q(x_i | y_i) of shape "
                f"(B,) = ({y.shape[0]},). Got shape {tuple(log_q.shape)} instead."
            )
        check_finite(log_q, "log q(x|y)", "IMLoss")
        bound = ba_bound(log_q, self.entropy)
        return ObjectiveOutput(
            -bound,
            record(bound=bound, log_likelihood=log_q.mean(), entropy=self.entropy),
        )


class CLUBPenalty(nn.Module):
    """CLUB minimisation: returns ``weight * I_CLUB`` for an encoder to minimise.

    Cheng et al. [1]_ disentangle two representations ``x`` and ``y`` by
    minimising the CLUB upper bound on ``I(X; Y)``, alternating two steps:
    fit the decoder ``q(y | x)`` by likelihood on detached features
    (:meth:`decoder_loss`, the library's :class:`~mutinfo.neural.CLUBLoss`),
    then minimise ``forward(x, y)`` (the bound, computed by
    :func:`~mutinfo.neural.club_bound`) with respect to the encoders only
    (step only their optimiser). The record holds the bound in nats.

    Parameters
    ----------
    decoder : torch.nn.Module
        As in :class:`~mutinfo.neural.CLUBLoss`.
    weight : float, default=1.0
        Multiplier of the penalty (>= 0).

    References
    ----------
    .. [1] P. Cheng et al., "CLUB: a contrastive log-ratio upper bound of
       mutual information", ICML 2020. arXiv:2006.12013

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import GaussianDecoder
    >>> from mutinfo.neural.objectives import CLUBPenalty
    >>> club = CLUBPenalty(GaussianDecoder(1, 1, hidden=(8,), rng=0))
    >>> x, y = torch.randn(8, 1), torch.randn(8, 1)
    >>> club.decoder_loss(x, y).backward()
    >>> sorted(club(x, y).terms)
    ['club', 'weight']
    """

    def __init__(self, decoder: nn.Module, weight: float = 1.0) -> None:
        super().__init__()
        self.club = CLUBLoss(decoder)
        self.weight = check_number(weight, "weight", "CLUBPenalty()", low=0.0)

    def decoder_loss(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the decoder on detached ``x`` and ``y``."""
        loss: torch.Tensor = self.club(x.detach(), y.detach())
        return loss

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> ObjectiveOutput:
        """Return ``weight * I_CLUB(x, y)`` (differentiable) and the terms."""
        bound = self.club.upper_bound(x, y)
        check_finite(bound, "I_CLUB", "CLUBPenalty")
        return ObjectiveOutput(
            self.weight * bound, record(club=bound, weight=self.weight)
        )
