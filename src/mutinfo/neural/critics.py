"""Critics ``f(x, y)``: modules that map a batch to a (B, B) score matrix.

Every critic's ``forward(x, y)`` takes ``x`` of shape (B, x_dim) and ``y`` of
shape (B, y_dim) and returns ``scores[i, j] = f(x_i, y_j)``, the input of the
bounds in :mod:`mutinfo.neural.bounds`. Parameters are initialised from
``rng`` through a private ``torch.Generator``, never from torch's global
random state, so the same ``rng`` gives the same critic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import torch
from torch import nn

from mutinfo._params import check_choice, check_rng
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = [
    "ACTIVATIONS",
    "CRITICS",
    "BilinearCritic",
    "ConcatCritic",
    "SeparableCritic",
    "default_sizes",
    "make_critic",
    "torch_generator",
]

#: Activation names accepted by the critics.
ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "elu": nn.ELU,
    "gelu": nn.GELU,
    "tanh": nn.Tanh,
    "softplus": nn.Softplus,
}

#: Critic names accepted by :func:`make_critic`.
CRITICS: tuple[str, ...] = ("separable", "concat", "bilinear")


def torch_generator(rng: Any = None) -> torch.Generator:
    """Return a CPU ``torch.Generator`` seeded from ``rng`` (None, int or Generator).

    Examples
    --------
    >>> from mutinfo.neural.critics import torch_generator
    >>> a = torch_generator(0).initial_seed()
    >>> a == torch_generator(0).initial_seed()
    True
    """
    seed = int(check_rng(rng).integers(2**63 - 1))
    return torch.Generator().manual_seed(seed)


def _check_dim(value: Any, name: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be an int >= 1. "
            f"Got {value!r} instead."
        )
    return value


def _check_hidden(hidden: Any, where: str) -> tuple[int, ...]:
    if isinstance(hidden, int) and not isinstance(hidden, bool):
        hidden = (hidden,)
    if not isinstance(hidden, Sequence) or isinstance(hidden, str):
        raise InvalidParameterError(
            f"The 'hidden' parameter of {where} must be a sequence of layer widths "
            f"such as (256,) or (64, 64). Got {hidden!r} instead."
        )
    return tuple(_check_dim(h, "hidden", where) for h in hidden)


def _check_args(
    where: str,
    x_dim: Any,
    y_dim: Any,
    hidden: Any,
    activation: str,
    embed_dim: Any = 1,
) -> tuple[int, int, tuple[int, ...], int]:
    """Check a critic's constructor arguments, in the order of its signature.

    Returns ``(x_dim, y_dim, hidden, embed_dim)``; a critic without
    embeddings leaves ``embed_dim`` at its default and ignores it.
    """
    x_dim = _check_dim(x_dim, "x_dim", where)
    y_dim = _check_dim(y_dim, "y_dim", where)
    sizes = _check_hidden(hidden, where)
    embed = _check_dim(embed_dim, "embed_dim", where)
    check_choice(activation, "activation", list(ACTIVATIONS), where)
    return x_dim, y_dim, sizes, embed


def _linear(n_in: int, n_out: int, generator: torch.Generator) -> nn.Linear:
    """Return a linear layer initialised like PyTorch's default, from ``generator``."""
    layer: nn.Linear = nn.utils.skip_init(  # type: ignore[no-untyped-call]
        nn.Linear, n_in, n_out
    )
    bound = 1.0 / math.sqrt(n_in)
    with torch.no_grad():
        layer.weight.uniform_(-bound, bound, generator=generator)
        layer.bias.uniform_(-bound, bound, generator=generator)
    return layer


def _mlp(
    n_in: int,
    hidden: tuple[int, ...],
    n_out: int,
    activation: str,
    generator: torch.Generator,
) -> nn.Sequential:
    layers: list[nn.Module] = []
    width = n_in
    for h in hidden:
        layers += [_linear(width, h, generator), ACTIVATIONS[activation]()]
        width = h
    layers.append(_linear(width, n_out, generator))
    return nn.Sequential(*layers)


def _all_pairs(x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``x_i`` and ``y_j`` for every pair ``(i, j)``, row-major, (B * B, d)."""
    b = x.shape[0]
    xs = x[:, None, :].expand(b, b, x.shape[1]).reshape(b * b, -1)
    ys = y[None, :, :].expand(b, b, y.shape[1]).reshape(b * b, -1)
    return xs, ys


def _check_batch(x: torch.Tensor, y: torch.Tensor, x_dim: int, y_dim: int) -> None:
    if x.ndim != 2 or y.ndim != 2 or x.shape[0] != y.shape[0]:
        raise InvalidDataError(
            "A critic takes x of shape (B, x_dim) and y of shape (B, y_dim) with "
            f"the same B. Got x.shape={tuple(x.shape)} and y.shape={tuple(y.shape)}."
        )
    if x.shape[1] != x_dim or y.shape[1] != y_dim:
        raise InvalidDataError(
            f"This critic was built for x_dim={x_dim} and y_dim={y_dim}. Got "
            f"x.shape={tuple(x.shape)} and y.shape={tuple(y.shape)}."
        )


class SeparableCritic(nn.Module):
    """Separable critic ``f(x, y) = g(x) . h(y)``: two MLP encoders and a dot product.

    ``B`` forward passes per encoder give all ``B^2`` scores, so it is the
    cheapest critic for large batches (the usual choice for InfoNCE).

    Parameters
    ----------
    x_dim, y_dim : int
        Feature dimensions of x and y.
    hidden : sequence of int, default=(256,)
        Widths of the hidden layers of each encoder.
    embed_dim : int, default=32
        Dimension of the embeddings ``g(x)`` and ``h(y)``.
    activation : {'relu', 'elu', 'gelu', 'tanh', 'softplus'}, default='relu'
        Nonlinearity between layers.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the parameter initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import SeparableCritic
    >>> critic = SeparableCritic(3, 2, hidden=(16,), embed_dim=4, rng=0)
    >>> critic(torch.zeros(5, 3), torch.zeros(5, 2)).shape
    torch.Size([5, 5])
    """

    def __init__(
        self,
        x_dim: int,
        y_dim: int,
        *,
        hidden: Sequence[int] = (256,),
        embed_dim: int = 32,
        activation: str = "relu",
        rng: Any = None,
    ) -> None:
        super().__init__()
        self.x_dim, self.y_dim, sizes, embed = _check_args(
            "SeparableCritic()", x_dim, y_dim, hidden, activation, embed_dim
        )
        gen = torch_generator(rng)
        self.g = _mlp(self.x_dim, sizes, embed, activation, gen)
        self.h = _mlp(self.y_dim, sizes, embed, activation, gen)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``scores[i, j] = g(x_i) . h(y_j)`` of shape (B, B)."""
        _check_batch(x, y, self.x_dim, self.y_dim)
        scores: torch.Tensor = self.g(x) @ self.h(y).T
        return scores


class ConcatCritic(nn.Module):
    """Concat (joint) critic ``f(x, y) = MLP([x, y])`` evaluated on every pair.

    The most flexible critic: it sees x and y together, at the cost of ``B^2``
    forward passes per batch.

    Parameters
    ----------
    x_dim, y_dim : int
        Feature dimensions of x and y.
    hidden : sequence of int, default=(256, 256)
        Widths of the hidden layers.
    activation : {'relu', 'elu', 'gelu', 'tanh', 'softplus'}, default='relu'
        Nonlinearity between layers.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the parameter initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import ConcatCritic
    >>> critic = ConcatCritic(1, 1, hidden=(8,), rng=0)
    >>> critic(torch.zeros(4, 1), torch.zeros(4, 1)).shape
    torch.Size([4, 4])
    """

    def __init__(
        self,
        x_dim: int,
        y_dim: int,
        *,
        hidden: Sequence[int] = (256, 256),
        activation: str = "relu",
        rng: Any = None,
    ) -> None:
        super().__init__()
        self.x_dim, self.y_dim, sizes, _ = _check_args(
            "ConcatCritic()", x_dim, y_dim, hidden, activation
        )
        self.net = _mlp(
            self.x_dim + self.y_dim, sizes, 1, activation, torch_generator(rng)
        )

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``scores[i, j] = MLP([x_i, y_j])`` of shape (B, B)."""
        _check_batch(x, y, self.x_dim, self.y_dim)
        b = x.shape[0]
        xs, ys = _all_pairs(x, y)
        scores: torch.Tensor = self.net(torch.cat([xs, ys], dim=1)).reshape(b, b)
        return scores


class BilinearCritic(nn.Module):
    """Bilinear critic ``f(x, y) = g(x)^T W h(y)``.

    With ``hidden=()`` the encoders are the identity and the critic is the
    bilinear form ``x^T W y``; with hidden layers, ``g`` and ``h`` are MLPs.

    Parameters
    ----------
    x_dim, y_dim : int
        Feature dimensions of x and y.
    hidden : sequence of int, default=()
        Widths of the encoders' hidden layers; empty for identity encoders.
    embed_dim : int, default=32
        Dimension of the embeddings when ``hidden`` is not empty.
    activation : {'relu', 'elu', 'gelu', 'tanh', 'softplus'}, default='relu'
        Nonlinearity between layers.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the parameter initialisation.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural import BilinearCritic
    >>> critic = BilinearCritic(2, 3, rng=0)
    >>> critic(torch.zeros(4, 2), torch.zeros(4, 3)).shape
    torch.Size([4, 4])
    """

    def __init__(
        self,
        x_dim: int,
        y_dim: int,
        *,
        hidden: Sequence[int] = (),
        embed_dim: int = 32,
        activation: str = "relu",
        rng: Any = None,
    ) -> None:
        super().__init__()
        self.x_dim, self.y_dim, sizes, embed = _check_args(
            "BilinearCritic()", x_dim, y_dim, hidden, activation, embed_dim
        )
        gen = torch_generator(rng)
        self.g: nn.Module
        self.h: nn.Module
        if sizes:
            self.g = _mlp(self.x_dim, sizes, embed, activation, gen)
            self.h = _mlp(self.y_dim, sizes, embed, activation, gen)
            ex, ey = embed, embed
        else:
            self.g, self.h = nn.Identity(), nn.Identity()
            ex, ey = self.x_dim, self.y_dim
        bound = 1.0 / math.sqrt(ex)
        self.weight = nn.Parameter(
            torch.empty(ex, ey).uniform_(-bound, bound, generator=gen)
        )

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Return ``scores[i, j] = g(x_i)^T W h(y_j)`` of shape (B, B)."""
        _check_batch(x, y, self.x_dim, self.y_dim)
        scores: torch.Tensor = self.g(x) @ self.weight @ self.h(y).T
        return scores


def default_sizes(x_dim: int, y_dim: int) -> tuple[tuple[int, ...], int]:
    """Return the default ``(hidden, embed_dim)`` for the given dimensions.

    Two hidden layers of width ``clip(16 (x_dim + y_dim), 64, 256)``, and an
    embedding of 16 (32 from 8 features on): enough for the Gaussian and
    staircase benchmarks, small enough to train in seconds on a CPU.

    Examples
    --------
    >>> from mutinfo.neural.critics import default_sizes
    >>> default_sizes(1, 1), default_sizes(20, 20)
    (((64, 64), 16), ((256, 256), 32))
    """
    width = min(256, max(64, 16 * (x_dim + y_dim)))
    embed = 32 if max(x_dim, y_dim) >= 8 else 16
    return (width, width), embed


def make_critic(
    kind: str,
    x_dim: int,
    y_dim: int,
    *,
    hidden: Sequence[int] | None = None,
    embed_dim: int | None = None,
    activation: str = "relu",
    rng: Any = None,
) -> nn.Module:
    """Build a critic with sane sizes for the data's dimensions.

    Parameters
    ----------
    kind : {'separable', 'concat', 'bilinear'}
        The critic family.
    x_dim, y_dim : int
        Feature dimensions of x and y.
    hidden : sequence of int or None, default=None
        Hidden widths; None picks :func:`default_sizes`.
    embed_dim : int or None, default=None
        Embedding size (separable and bilinear); None picks by dimension.
    activation : str, default='relu'
        Nonlinearity between layers.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the parameter initialisation.

    Returns
    -------
    torch.nn.Module
        A critic whose ``forward(x, y)`` returns the (B, B) score matrix.

    Examples
    --------
    >>> from mutinfo.neural import make_critic
    >>> make_critic("concat", 1, 1, rng=0).net[0]
    Linear(in_features=2, out_features=64, bias=True)
    """
    check_choice(kind, "kind", CRITICS, "make_critic()")
    where = "make_critic()"
    default_hidden, default_embed = default_sizes(
        _check_dim(x_dim, "x_dim", where), _check_dim(y_dim, "y_dim", where)
    )
    sizes = default_hidden if hidden is None else tuple(hidden)
    embed = default_embed if embed_dim is None else embed_dim
    if kind == "separable":
        return SeparableCritic(
            x_dim, y_dim, hidden=sizes, embed_dim=embed, activation=activation, rng=rng
        )
    if kind == "concat":
        return ConcatCritic(x_dim, y_dim, hidden=sizes, activation=activation, rng=rng)
    return BilinearCritic(
        x_dim, y_dim, hidden=sizes, embed_dim=embed, activation=activation, rng=rng
    )
