"""InfoGAN's mutual-information term L_I with its Q head (Chen et al. 2016)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import torch
from torch import nn

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.bounds import ba_bound
from mutinfo.neural.critics import _check_hidden, _mlp, torch_generator
from mutinfo.neural.objectives._common import (
    ObjectiveOutput,
    check_finite,
    check_int,
    check_number,
    check_tensor,
    record,
)

__all__ = ["InfoGANLoss", "QHead"]

_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _check_categories(n_categories: Any, where: str) -> tuple[int, ...]:
    if isinstance(n_categories, int) and not isinstance(n_categories, bool):
        n_categories = (n_categories,)
    if not isinstance(n_categories, Sequence) or any(
        isinstance(k, bool) or not isinstance(k, int) or k < 2 for k in n_categories
    ):
        raise InvalidParameterError(
            f"The 'n_categories' parameter of {where} must be a sequence of ints "
            f">= 2 (one per categorical code), such as (10,). Got {n_categories!r} "
            "instead."
        )
    return tuple(n_categories)


class QHead(nn.Module):
    """InfoGAN's Q head: an MLP from discriminator features to code parameters.

    The output has ``sum(n_categories)`` logits, then ``n_continuous`` means,
    then (unless ``fixed_std``) ``n_continuous`` log standard deviations: the
    layout :class:`InfoGANLoss` reads.

    Parameters
    ----------
    in_features : int
        Width of the (shared) discriminator features.
    n_categories : sequence of int, default=(10,)
        Number of values of each categorical code.
    n_continuous : int, default=0
        Number of continuous codes.
    fixed_std : bool, default=True
        Gaussian codes with unit standard deviation (the paper's choice);
        False adds a learned log-std per code.
    hidden : sequence of int, default=(64,)
        Hidden widths.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import QHead
    >>> QHead(16, (10,), 2, rng=0)(torch.zeros(4, 16)).shape
    torch.Size([4, 12])
    """

    def __init__(
        self,
        in_features: int,
        n_categories: Sequence[int] = (10,),
        n_continuous: int = 0,
        *,
        fixed_std: bool = True,
        hidden: Sequence[int] = (64,),
        rng: Any = None,
    ) -> None:
        super().__init__()
        where = "QHead()"
        check_int(in_features, "in_features", where)
        cats = _check_categories(n_categories, where) if n_categories else ()
        check_int(n_continuous, "n_continuous", where, low=0)
        out = sum(cats) + n_continuous * (1 if fixed_std else 2)
        if out == 0:
            raise InvalidParameterError(
                "QHead() needs at least one code: pass n_categories or "
                "n_continuous >= 1. Got neither."
            )
        self.net = _mlp(
            in_features, _check_hidden(hidden, where), out, "relu", torch_generator(rng)
        )

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """Return the code parameters, shape (B, n_outputs)."""
        out: torch.Tensor = self.net(features)
        return out


class InfoGANLoss(nn.Module):
    """InfoGAN's information loss ``-lambda L_I``: returns ``-bound`` (weighted).

    ``L_I = H(c) + E log Q(c | x)`` is the Barber-Agakov lower bound on
    ``I(c; G(z, c))`` (Chen et al. [1]_, eq. 4); the generator and the Q head
    both minimise ``-(lambda_cat L_I^cat + lambda_cont L_I^cont)``. Categorical
    codes are uniform (``H = sum ln K``); continuous codes are uniform on
    ``[-1, 1]`` (differential entropy ``ln 2`` each) and Q is a factored
    Gaussian. The record holds the two bounds, ``H(c)`` and the multipliers,
    in nats; the categorical bound never exceeds ``H(c_cat)`` and reaches it
    for a Q head that recovers the code.

    Defaults (paper, Section 5 and Appendix C): ``lambda = 1`` for categorical
    codes; continuous codes in ``Unif(-1, 1)`` with a fixed unit standard
    deviation for Q ("we simply treat Q as a factored Gaussian"); the paper
    lowers lambda for continuous codes when needed (we keep 1, as its
    reference code does).

    Parameters
    ----------
    n_categories : sequence of int, default=(10,)
        Number of values of each categorical code (empty: none).
    n_continuous : int, default=0
        Number of continuous codes.
    lambda_cat, lambda_cont : float, default=1.0
        Weights (>= 0) of the categorical and continuous terms.
    fixed_std : bool, default=True
        Whether the Q head outputs only means for the continuous codes.

    References
    ----------
    .. [1] X. Chen et al., "InfoGAN: interpretable representation learning by
       information maximizing generative adversarial nets", NeurIPS 2016.
       arXiv:1606.03657

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.objectives import InfoGANLoss
    >>> loss = InfoGANLoss((4,))
    >>> c_cat, c_cont, z_code = loss.sample_codes(8, rng=0)
    >>> perfect = 50.0 * torch.nn.functional.one_hot(c_cat[:, 0], 4).float()
    >>> out = loss(perfect, c_cat)
    >>> round(out.terms["bound_cat"], 6), round(out.terms["entropy_cat"], 6)
    (1.386294, 1.386294)
    """

    def __init__(
        self,
        n_categories: Sequence[int] = (10,),
        n_continuous: int = 0,
        *,
        lambda_cat: float = 1.0,
        lambda_cont: float = 1.0,
        fixed_std: bool = True,
    ) -> None:
        super().__init__()
        where = "InfoGANLoss()"
        self.n_categories = (
            _check_categories(n_categories, where) if n_categories else ()
        )
        self.n_continuous = check_int(n_continuous, "n_continuous", where, low=0)
        if not self.n_categories and not self.n_continuous:
            raise InvalidParameterError(
                "InfoGANLoss() needs at least one code: pass n_categories or "
                "n_continuous >= 1. Got neither."
            )
        self.lambda_cat = check_number(lambda_cat, "lambda_cat", where, low=0.0)
        self.lambda_cont = check_number(lambda_cont, "lambda_cont", where, low=0.0)
        self.fixed_std = bool(fixed_std)
        self.entropy_cat = float(sum(math.log(k) for k in self.n_categories))
        self.entropy_cont = self.n_continuous * math.log(2.0)

    @property
    def n_outputs(self) -> int:
        """Width of the Q head output this loss reads."""
        per = 1 if self.fixed_std else 2
        return sum(self.n_categories) + per * self.n_continuous

    def sample_codes(
        self, batch: int, *, rng: Any = None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Draw codes from the prior: ``(c_cat, c_cont, generator_input)``.

        ``c_cat`` is (B, n_cat) int64, ``c_cont`` (B, n_continuous) uniform on
        [-1, 1], and ``generator_input`` the one-hot codes and ``c_cont``
        concatenated, ready to append to the noise ``z``. ``rng`` is an int, a
        numpy Generator, None or a ``torch.Generator`` (advanced in place).
        """
        check_int(batch, "batch", "InfoGANLoss.sample_codes()")
        gen = rng if isinstance(rng, torch.Generator) else torch_generator(rng)
        cats = [torch.randint(0, k, (batch,), generator=gen) for k in self.n_categories]
        c_cat = (
            torch.stack(cats, dim=1)
            if cats
            else torch.zeros((batch, 0), dtype=torch.long)
        )
        c_cont = 2 * torch.rand((batch, self.n_continuous), generator=gen) - 1
        onehots = [
            nn.functional.one_hot(c, k).to(c_cont.dtype)
            for c, k in zip(cats, self.n_categories, strict=True)
        ]
        return c_cat, c_cont, torch.cat([*onehots, c_cont], dim=1)

    def log_q(
        self,
        q_output: torch.Tensor,
        c_cat: torch.Tensor | None = None,
        c_cont: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Return ``log Q(c_cat | x)`` and ``log Q(c_cont | x)`` per row, shape (B,)."""
        where = "InfoGANLoss"
        q_output = check_tensor(q_output, "q_output", where, ndim=2)
        if q_output.shape[1] != self.n_outputs:
            raise InvalidDataError(
                f"The 'q_output' input of {where} must have {self.n_outputs} "
                f"columns (sum(n_categories)={sum(self.n_categories)} logits, then "
                f"{self.n_continuous} means{'' if self.fixed_std else ' and log-stds'})"
                "."
                f" Got shape {tuple(q_output.shape)} instead."
            )
        b = q_output.shape[0]
        log_cat = q_output.new_zeros(b)
        if self.n_categories:
            if not isinstance(c_cat, torch.Tensor) or c_cat.is_floating_point():
                raise InvalidDataError(
                    f"The 'c_cat' input of {where} must be an integer tensor of "
                    f"shape (B, {len(self.n_categories)}) holding code indices. Got "
                    f"{c_cat if c_cat is None else c_cat.dtype} instead."
                )
            if c_cat.ndim == 1 and len(self.n_categories) == 1:
                c_cat = c_cat[:, None]
            if c_cat.shape != (b, len(self.n_categories)):
                raise InvalidDataError(
                    f"The 'c_cat' input of {where} must have shape (B, n_cat) = "
                    f"({b}, {len(self.n_categories)}). Got {tuple(c_cat.shape)}."
                )
            start = 0
            for j, k in enumerate(self.n_categories):
                codes = c_cat[:, j]
                if bool((codes < 0).any() or (codes >= k).any()):
                    raise InvalidDataError(
                        f"Categorical code {j} of {where} takes values in [0, {k - 1}]."
                        f" Got values in [{int(codes.min())}, {int(codes.max())}]."
                    )
                logp = torch.log_softmax(q_output[:, start : start + k], dim=1)
                log_cat = log_cat + logp.gather(1, codes[:, None].long())[:, 0]
                start += k
        log_cont = q_output.new_zeros(b)
        if self.n_continuous:
            c_cont = check_tensor(c_cont, "c_cont", where, ndim=2)
            if c_cont.shape != (b, self.n_continuous):
                raise InvalidDataError(
                    f"The 'c_cont' input of {where} must have shape (B, "
                    f"n_continuous) = ({b}, {self.n_continuous}). Got "
                    f"{tuple(c_cont.shape)}."
                )
            start = sum(self.n_categories)
            mean = q_output[:, start : start + self.n_continuous]
            if self.fixed_std:
                log_std = torch.zeros_like(mean)
            else:
                log_std = q_output[:, start + self.n_continuous :]
            z = (c_cont - mean) * torch.exp(-log_std)
            log_cont = (-0.5 * z**2 - log_std - _HALF_LOG_2PI).sum(dim=1)
        return log_cat, log_cont

    def forward(
        self,
        q_output: torch.Tensor,
        c_cat: torch.Tensor | None = None,
        c_cont: torch.Tensor | None = None,
    ) -> ObjectiveOutput:
        """Return ``-(lambda_cat L_I^cat + lambda_cont L_I^cont)`` and the terms."""
        log_cat, log_cont = self.log_q(q_output, c_cat, c_cont)
        bound_cat = ba_bound(log_cat, self.entropy_cat)
        bound_cont = ba_bound(log_cont, self.entropy_cont)
        loss = -(self.lambda_cat * bound_cat + self.lambda_cont * bound_cont)
        check_finite(loss, "L_I", "InfoGANLoss")
        return ObjectiveOutput(
            loss,
            record(
                bound_cat=bound_cat,
                bound_cont=bound_cont,
                entropy_cat=self.entropy_cat,
                entropy_cont=self.entropy_cont,
                lambda_cat=self.lambda_cat,
                lambda_cont=self.lambda_cont,
            ),
        )
