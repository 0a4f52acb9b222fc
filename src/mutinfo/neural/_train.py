"""The training loop behind the neural estimators: fit a critic, report held-out.

:func:`fit` splits the samples once (from ``rng``), trains a critic on the
training split with Adam and evaluates the reported bound on the held-out
split every ``eval_every`` steps, in blocks of ``batch_size`` rows. Training
stops after ``patience`` evaluations without improvement (or at
``max_steps``); the critic of the best evaluation is kept, and its held-out
value, with the standard error over the blocks, is the estimate.
"""

from __future__ import annotations

import copy
import logging
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray
from torch import nn

from mutinfo.exceptions import (
    BiasWarning,
    ConvergenceError,
    ConvergenceWarning,
    InsufficientSamplesError,
    InvalidParameterError,
    warn,
)
from mutinfo.neural.critics import CRITICS, make_critic, torch_generator
from mutinfo.neural.losses import (
    CriticLoss,
    DVLoss,
    InfoNCELoss,
    JSLoss,
    MINELoss,
    NWJLoss,
    SMILELoss,
)

__all__ = [
    "BOUNDS",
    "Fit",
    "fit",
    "make_loss",
    "resolve_device",
    "split_sizes",
    "still_improving",
]

logger = logging.getLogger(__name__)

#: Registered neural method names, which are also the bound names of ``fit``.
BOUNDS: tuple[str, ...] = ("dv", "infonce", "js", "mine", "nwj", "smile")

#: InfoNCE estimates above this fraction of log(batch_size) are near its cap.
#: Measured with the exact critic (the true log density ratio) on a Gaussian
#: pair at batch_size=64 (cap log 64 = 4.159 nats; mean of 2000 batches), the
#: InfoNCE value understates the true MI even with a perfect critic:
#:   true 2.0 reads 1.91 (46% of the cap, 5% low); 2.5 reads 2.35 (56%, 6%);
#:   2.75 reads 2.55 (61%, 7%); 3.0 reads 2.76 (66%, 8%); 3.5 reads 3.12
#:   (75%, 11%); 4.0 reads 3.43 (82%, 14%); 5.0 reads 3.84 (92%, 23%).
#: The former threshold 0.8 let the 11-15% underestimates at 75-80% of the cap
#: pass silently; at 0.6 a silent underestimate stays near 7% or less.
_INFONCE_CAP_FRACTION = 0.6

#: Training that runs all ``max_steps`` without stopping early, and whose best
#: held-out evaluation falls after this fraction of ``max_steps`` (in the last
#: 10% of the run), was still improving: a ConvergenceWarning says so.
_STILL_IMPROVING_FRACTION = 0.9

Progress = bool | Callable[[int, float, float], Any]


@dataclass
class Fit:
    """What :func:`fit` returns: the held-out estimate and how it was reached."""

    value: float
    stderr: float
    best_step: int
    steps: int
    stopped_early: bool
    n_train: int
    n_val: int
    n_blocks: int
    device: str
    critic: nn.Module
    curve: dict[str, list[float]] = field(default_factory=dict)


def make_loss(
    bound: str, critic: nn.Module, *, clip: float | None = 5.0, ema: float = 0.99
) -> CriticLoss:
    """Return the loss module that trains ``critic`` for the registered ``bound``."""
    if bound == "mine":
        return MINELoss(critic, ema=ema)
    if bound == "dv":
        return DVLoss(critic)
    if bound == "nwj":
        return NWJLoss(critic)
    if bound == "infonce":
        return InfoNCELoss(critic)
    if bound == "js":
        return JSLoss(critic)
    if bound == "smile":
        return SMILELoss(critic, clip=clip)
    raise InvalidParameterError(
        f"The 'bound' parameter must be one of {', '.join(map(repr, BOUNDS))}. "
        f"Got {bound!r} instead."
    )


def resolve_device(spec: Any) -> torch.device:
    """Turn 'auto', 'cpu', 'cuda', 'cuda:1' or a torch.device into a device."""
    if isinstance(spec, str) and spec == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(spec)
    except (RuntimeError, TypeError):
        raise InvalidParameterError(
            "The 'device' parameter must be 'auto', 'cpu', 'cuda', 'cuda:<index>' "
            f"or a torch.device. Got {spec!r} instead."
        ) from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise InvalidParameterError(
            f"The 'device' parameter is {spec!r} but CUDA is not available here. "
            "Pass device='cpu', or device='auto' to use a GPU only when present."
        )
    return device


def split_sizes(n: int, val_fraction: float) -> tuple[int, int]:
    """Return ``(n_train, n_val)`` for ``n`` samples."""
    n_val = round(val_fraction * n)
    return n - n_val, n_val


def _standardize(
    values: NDArray[np.float64], train: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Centre and scale each column with the training split's mean and std."""
    mean = values[train].mean(axis=0)
    std = values[train].std(axis=0)
    std[std == 0] = 1.0
    out: NDArray[np.float64] = (values - mean) / std
    return out


def _report(progress: Progress, step: int, train: float, val: float) -> None:
    logger.debug("step %d: train %.4f, held-out %.4f nats", step, train, val)
    if callable(progress):
        progress(step, train, val)
    elif progress:
        sys.stderr.write(f"step {step}: train {train:.4f}, held-out {val:.4f} nats\n")


def _evaluate(
    loss: CriticLoss, xv: torch.Tensor, yv: torch.Tensor
) -> tuple[float, float]:
    """Mean and standard error of the reported bound over the held-out blocks."""
    loss.eval()
    with torch.no_grad():
        values = torch.stack(
            [loss.reported(loss.scores(xb, yb)) for xb, yb in zip(xv, yv, strict=True)]
        ).double()
    loss.train()
    mean = float(values.mean())
    stderr = float(values.std(unbiased=True) / math.sqrt(values.numel()))
    return mean, stderr


def still_improving(
    best_step: int, steps: int, max_steps: int, stopped_early: bool
) -> bool:
    """Whether training ended at ``max_steps`` while the estimate still improved.

    True when the run took all ``max_steps`` steps without stopping early (by
    patience or divergence) and its best held-out evaluation came after
    ``_STILL_IMPROVING_FRACTION * max_steps`` steps, i.e. in the last 10% of
    the run. A run that plateaued either stops early or has its best
    evaluation earlier; one whose only evaluations fall in that window (fewer
    steps than ``eval_every`` / 0.1) shows no plateau either and counts as
    still improving.
    """
    return (
        not stopped_early
        and steps >= max_steps
        and best_step > _STILL_IMPROVING_FRACTION * max_steps
    )


def fit(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    *,
    bound: str,
    rng: np.random.Generator,
    critic: str | nn.Module = "separable",
    hidden: int | None = None,
    embed_dim: int | None = None,
    batch_size: int = 64,
    max_steps: int = 2000,
    lr: float = 1e-3,
    val_fraction: float = 0.2,
    patience: int = 10,
    eval_every: int = 50,
    device: Any = "cpu",
    progress: Progress = False,
    clip: float | None = 5.0,
    ema: float = 0.99,
) -> Fit:
    """Train a critic for ``bound`` on a split of (x, y) and evaluate it held-out.

    Parameters are those of :func:`mutinfo.neural.estimate`; ``x`` and ``y``
    are validated float arrays of shape (n, d). Returns a :class:`Fit`.
    """
    n = x.shape[0]
    n_train, n_val = split_sizes(n, val_fraction)
    n_blocks = n_val // batch_size
    if n_blocks < 2 or n_train < batch_size:
        raise InsufficientSamplesError(
            f"Neural estimation with batch_size={batch_size} and "
            f"val_fraction={val_fraction} needs at least {batch_size} training "
            f"samples and 2 held-out blocks of {batch_size}; got n_samples={n} "
            f"(n_train={n_train}, n_val={n_val}). Lower 'batch_size' or pass more "
            "samples."
        )
    dev = resolve_device(device)
    order = rng.permutation(n)
    train_idx, val_idx = order[:n_train], order[n_train:]
    xs = _standardize(x, train_idx)
    ys = _standardize(y, train_idx)

    if isinstance(critic, str):
        if critic not in CRITICS:
            raise InvalidParameterError(
                f"The 'critic' parameter must be one of {', '.join(map(repr, CRITICS))}"
                f" or a torch.nn.Module. Got {critic!r} instead."
            )
        net = make_critic(
            critic,
            x.shape[1],
            y.shape[1],
            hidden=None if hidden is None else (hidden, hidden),
            embed_dim=embed_dim,
            rng=rng,
        )
    else:
        net = copy.deepcopy(critic)  # never train the caller's module in place
    loss = make_loss(bound, net.to(dev), clip=clip, ema=ema)
    # The critic's own floating dtype (float32 for the built-in critics): a
    # float64 module given as 'critic' failed on float32 batches.
    dtype = next(
        (p.dtype for p in net.parameters() if p.is_floating_point()), torch.float32
    )

    def tensor(a: NDArray[np.float64]) -> torch.Tensor:
        return torch.as_tensor(a, dtype=dtype).to(dev)

    xt, yt = tensor(xs[train_idx]), tensor(ys[train_idx])
    used = n_blocks * batch_size
    xv = tensor(xs[val_idx[:used]]).reshape(n_blocks, batch_size, -1)
    yv = tensor(ys[val_idx[:used]]).reshape(n_blocks, batch_size, -1)
    loss.train()
    optimizer = torch.optim.Adam(loss.parameters(), lr=lr)
    gen = torch_generator(rng)

    curve: dict[str, list[float]] = {"step": [], "train": [], "val": []}
    best_value, best_stderr, best_step = -math.inf, math.nan, 0
    best_state = copy.deepcopy(loss.state_dict())
    bad = 0
    stopped_early = False
    perm = torch.randperm(n_train, generator=gen)
    pos = 0
    train_sum = torch.zeros((), device=dev)
    train_count = 0
    step = 0
    for step in range(1, max_steps + 1):
        if pos + batch_size > n_train:  # a new epoch: no row twice in a batch
            perm = torch.randperm(n_train, generator=gen)
            pos = 0
        idx = perm[pos : pos + batch_size].to(dev)
        pos += batch_size
        value = loss(xt[idx], yt[idx])
        optimizer.zero_grad(set_to_none=True)
        value.backward()
        optimizer.step()
        train_sum -= value.detach()
        train_count += 1
        if step % eval_every and step != max_steps:
            continue
        val, stderr = _evaluate(loss, xv, yv)
        train = float(train_sum) / train_count
        train_sum.zero_()
        train_count = 0
        curve["step"].append(float(step))
        curve["train"].append(train)
        curve["val"].append(val)
        _report(progress, step, train, val)
        if not math.isfinite(val):
            warn(
                f"Training of the {bound!r} critic diverged at step {step} (held-out "
                "value is not finite); keeping the best earlier critic. Lower 'lr', "
                "or use 'smile' or 'infonce', whose objectives are bounded.",
                ConvergenceWarning,
            )
            stopped_early = True
            break
        if val > best_value:
            best_value, best_stderr, best_step = val, stderr, step
            best_state = copy.deepcopy(loss.state_dict())
            bad = 0
        else:
            bad += 1
            if bad >= patience:
                stopped_early = True
                break
    if not math.isfinite(best_value):
        raise ConvergenceError(
            f"Training of the {bound!r} critic produced no finite held-out "
            "estimate. Lower 'lr', standardise extreme values, or use 'smile' or "
            "'infonce'."
        )
    loss.load_state_dict(best_state)
    if still_improving(best_step, step, max_steps, stopped_early):
        warn(
            f"Training of the {bound!r} critic reached max_steps={max_steps} while "
            f"the held-out estimate was still improving: its best evaluation was at "
            f"step {best_step}, within the last "
            f"{1 - _STILL_IMPROVING_FRACTION:.0%} of the run, and training never "
            "stopped early. The estimate is likely too low. Raise 'max_steps' (or "
            "'lr'), and check extras['curve'] for a plateau.",
            ConvergenceWarning,
        )
    if bound == "infonce" and best_value > _INFONCE_CAP_FRACTION * math.log(batch_size):
        warn(
            f"The InfoNCE estimate {best_value:.3f} nats is close to its cap "
            f"log(batch_size) = {math.log(batch_size):.3f}; the true MI may be much "
            "larger. Raise 'batch_size' or use method='smile'.",
            BiasWarning,
        )
    return Fit(
        value=best_value,
        stderr=best_stderr,
        best_step=best_step,
        steps=step,
        stopped_early=stopped_early,
        n_train=n_train,
        n_val=n_val,
        n_blocks=n_blocks,
        device=str(dev),
        critic=loss.critic.eval(),
        curve=curve,
    )
