"""Small networks and a training loop for information-plane experiments."""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from mutinfo._params import Interval, Options, check_rng, validate_params
from mutinfo.exceptions import InvalidParameterError
from mutinfo.neural.analysis._arrays import check_labels
from mutinfo.neural.analysis._recorder import Recorder

__all__ = ["mlp", "tishby_network", "train_classifier"]

_ACTIVATIONS: dict[str, type[nn.Module]] = {"tanh": nn.Tanh, "relu": nn.ReLU}


def _seed(rng: Any) -> int:
    return int(check_rng(rng).integers(0, 2**62))


@validate_params({"activation": Options(("tanh", "relu"))})
def mlp(
    sizes: Sequence[int], *, activation: str = "tanh", rng: Any = None
) -> nn.Sequential:
    """Build a fully connected network ``sizes[0] -> ... -> sizes[-1]`` (logits).

    Hidden layers are ``fc{i}`` followed by ``act{i}`` (``tanh`` or ``relu``);
    the last linear layer ``out`` gives the logits. Weights are drawn from a
    local ``torch.Generator`` seeded from ``rng`` (PyTorch's default uniform
    scheme), never from the global torch state.

    Examples
    --------
    >>> from mutinfo.neural.analysis import mlp
    >>> [name for name, _ in mlp([4, 3, 2], rng=0).named_children()]
    ['fc1', 'act1', 'out']
    """
    gen = torch.Generator().manual_seed(_seed(rng))
    parts: list[tuple[str, nn.Module]] = []
    for i, (a, b) in enumerate(itertools.pairwise(sizes), start=1):
        layer = nn.Linear(a, b)
        bound = 1.0 / np.sqrt(a)
        with torch.no_grad():
            layer.weight.uniform_(-bound, bound, generator=gen)
            layer.bias.uniform_(-bound, bound, generator=gen)
        last = i == len(sizes) - 1
        parts.append(("out" if last else f"fc{i}", layer))
        if not last:
            parts.append((f"act{i}", _ACTIVATIONS[activation]()))
    return nn.Sequential(OrderedDict(parts))


def tishby_network(*, activation: str = "tanh", rng: Any = None) -> nn.Sequential:
    """Build the 12-10-7-5-4-3-2 network of Shwartz-Ziv & Tishby (tanh or ReLU).

    Five hidden layers ``act1 .. act5`` of 10, 7, 5, 4 and 3 units and a
    2-unit logit output ``out`` (their last layer is a sigmoid/softmax: pass
    the logits to a cross-entropy loss).

    Examples
    --------
    >>> from mutinfo.neural.analysis import tishby_network
    >>> net = tishby_network(activation="relu", rng=0)
    >>> [m.out_features for m in net if hasattr(m, "out_features")]
    [10, 7, 5, 4, 3, 2]
    """
    return mlp([12, 10, 7, 5, 4, 3, 2], activation=activation, rng=rng)


@validate_params(
    {
        "epochs": Interval(int, 1, None),
        "lr": Interval(float, 0.0, None, closed="neither"),
        "batch_size": Interval(int, 1, None),
    }
)
def train_classifier(
    model: nn.Module,
    x: Any,
    y: Any,
    *,
    epochs: int,
    lr: float = 0.01,
    batch_size: int = 256,
    optimizer: str | torch.optim.Optimizer = "adam",
    recorder: Recorder | None = None,
    callback: Callable[[nn.Module, int], Any] | None = None,
    rng: Any = None,
) -> list[float]:
    """Train a classifier with cross-entropy; record and call back each epoch.

    Epoch 0 is the untrained network; after training epoch ``e`` (1 to
    ``epochs``) the ``recorder`` records if ``e`` is in its schedule (see
    :func:`log_schedule` with ``epochs + 1``) and ``callback(model, e)`` runs
    (e.g. an :class:`MICallback` acting on the same ``optimizer``).
    Mini-batches are shuffled with a local ``torch.Generator`` seeded from
    ``rng``; the global torch random state is never used.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier returning logits.
    x, y : array-like or tensors
        Inputs and class labels.
    epochs : int
        Passes over the data.
    lr : float, default=0.01
        Learning rate of a built optimizer.
    batch_size : int, default=256
        Mini-batch size.
    optimizer : {'adam', 'sgd'} or torch.optim.Optimizer, default='adam'
        A name builds one over ``model.parameters()`` with ``lr``; an instance
        is used as is (needed when a scheduler acts on it).
    recorder : Recorder, optional
        Records activations at its scheduled epochs.
    callback : callable (model, epoch) -> Any, optional
        Called after each epoch.
    rng : None, int or numpy.random.Generator
        Seed of the batch order.

    Returns
    -------
    list of float
        Mean training loss (nats) per epoch.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.analysis import mlp, train_classifier
    >>> x = torch.linspace(-1, 1, 64)[:, None]
    >>> y = (x[:, 0] > 0).long()
    >>> losses = train_classifier(mlp([1, 4, 2], rng=0), x, y, epochs=3, rng=0)
    >>> len(losses)
    3
    """
    xt = (
        x
        if isinstance(x, torch.Tensor)
        else torch.as_tensor(np.asarray(x), dtype=torch.float32)
    )
    labels = check_labels(y, xt.shape[0], "y")
    yt = torch.as_tensor(
        np.unique(labels, return_inverse=True)[1].reshape(-1), dtype=torch.long
    ).to(xt.device)
    params = list(model.parameters())
    if isinstance(optimizer, torch.optim.Optimizer):
        opt = optimizer
    elif optimizer == "adam":
        opt = torch.optim.Adam(params, lr=lr)
    elif optimizer == "sgd":
        opt = torch.optim.SGD(params, lr=lr)
    else:
        raise InvalidParameterError(
            "The 'optimizer' parameter of train_classifier() must be 'adam', "
            f"'sgd' or a torch.optim.Optimizer. Got {optimizer!r} instead."
        )
    gen = torch.Generator().manual_seed(_seed(rng))
    losses = []
    n = xt.shape[0]
    model.train()
    if recorder is not None:
        recorder.maybe_record(0)
    for epoch in range(1, epochs + 1):
        order = torch.randperm(n, generator=gen).to(xt.device)
        total = torch.zeros((), device=xt.device)
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(xt[idx]), yt[idx])
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
            total += loss.detach() * idx.shape[0]  # no host sync per batch
        losses.append(float(total) / n)
        if recorder is not None:
            recorder.maybe_record(epoch)
        if callback is not None:
            callback(model, epoch)
    return losses
