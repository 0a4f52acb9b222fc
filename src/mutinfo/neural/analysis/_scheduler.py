"""A learning-rate scheduler driven by I(output; label) (Vasudevan 2018)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from mutinfo._api import estimate
from mutinfo._params import Interval, Options, validate_params
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.neural.analysis._arrays import check_labels

__all__ = ["MICallback", "MIScheduler", "output_label_mi"]


def _model_float(model: torch.nn.Module) -> tuple[torch.dtype, torch.device]:
    """Dtype and device of the model's first floating parameter (or buffer)."""
    for tensor in (*model.parameters(), *model.buffers()):
        if tensor.is_floating_point():
            return tensor.dtype, tensor.device
    return torch.float64, torch.device("cpu")


def output_label_mi(
    model: torch.nn.Module, x: Any, y: Any, *, base: float = math.e
) -> float:
    """I(predicted class; label) of a classifier on a probe set, plug-in, nats.

    The model's arg-max prediction on ``x`` (in eval mode, without gradients,
    the torch random state forked; the mode is restored) against the labels
    ``y``, both discrete, by ``mt.estimate("mi", ..., method="plugin")``. This
    is the "MI between the output layer and true outcomes" of Vasudevan.
    A ``x`` that is not a tensor is converted to the dtype and device of the
    model's first floating-point parameter (float64 on the CPU for a model
    without one); a tensor is passed as it is.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.analysis import output_label_mi
    >>> net = torch.nn.Linear(1, 2)
    >>> with torch.no_grad():
    ...     _ = net.weight.copy_(torch.tensor([[-1.0], [1.0]])), net.bias.zero_()
    >>> x = torch.linspace(-1, 1, 40)[:, None]
    >>> round(output_label_mi(net, x, (x[:, 0] > 0).long(), base=2), 6)
    1.0
    """
    if isinstance(x, torch.Tensor):
        xt = x
    else:
        # The model's own floating dtype (and device): float32 would fail on a
        # float64 model and round probe values far from zero before the model
        # sees them (1e8 + 1 reads as 1e8).
        dtype, device = _model_float(model)
        xt = torch.as_tensor(np.asarray(x), dtype=dtype, device=device)
    labels = check_labels(y, xt.shape[0], "y")
    was_training = model.training
    try:
        with torch.random.fork_rng(devices=[]), torch.no_grad():
            model.eval()
            pred = model(xt).argmax(dim=1).cpu().numpy()
    finally:
        model.train(was_training)
    return float(
        estimate("mi", pred, labels, method="plugin", discrete=True, base=base).value
    )


class MIScheduler:
    """Set the learning rate of an optimizer from I(output; label) each epoch.

    Vasudevan [1]_ sets the learning rate from the MI between the network's
    output and the true labels, "tracking relative change in mutual
    information and, additionally, tracking its value relative to a
    reference measure". The paper leaves the policy open; the two rules
    implemented here are stated exactly (our reading, not the paper's
    constants):

    - ``rule='relative'``: with r_e = (I_e - I_{e-1}) / max(|I_{e-1}|, 1e-12),
      when r_e < ``threshold`` (MI gained less than that share, or fell) every
      group's rate is multiplied by ``factor`` (never below ``min_lr``);
      otherwise it is kept. The first call only stores I_0.
    - ``rule='reference'``: lr_e = max(min_lr, min(lr_{e-1}, lr_0 (1 - I_e / H)))
      with H = ``reference`` (H(Y) for the MI between output and label, its
      ceiling): the rate shrinks as the output's MI approaches its maximum
      and never grows.

    Parameters
    ----------
    optimizer : torch.optim.Optimizer
        Its ``param_groups[i]['lr']`` are set; their starting values are lr_0.
    rule : {'relative', 'reference'}, default='relative'
    factor : float, default=0.5
        Decay factor of the ``'relative'`` rule, in (0, 1).
    threshold : float, default=0.01
        Relative MI gain below which the ``'relative'`` rule decays.
    reference : float, optional
        H for the ``'reference'`` rule (in the unit of the MI passed to
        :meth:`step`); required there.
    min_lr : float, default=0.0
        Floor of every rate.

    References
    ----------
    .. [1] S. Vasudevan, "Dynamic learning rate using Mutual Information",
       arXiv:1805.07249 (2018).

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.analysis import MIScheduler
    >>> opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    >>> sched = MIScheduler(opt, factor=0.5, threshold=0.01)
    >>> [sched.step(mi) for mi in (0.2, 0.4, 0.401, 0.5)]
    [0.1, 0.1, 0.05, 0.05]
    """

    @validate_params(
        {
            "rule": Options(("relative", "reference")),
            "factor": Interval(float, 0.0, 1.0, closed="neither"),
            "threshold": Interval(float, None, None),
            "min_lr": Interval(float, 0.0, None),
        }
    )
    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        *,
        rule: str = "relative",
        factor: float = 0.5,
        threshold: float = 0.01,
        reference: float | None = None,
        min_lr: float = 0.0,
    ) -> None:
        if rule == "reference" and (
            reference is None
            or not isinstance(reference, int | float)
            or not reference > 0
        ):
            raise InvalidParameterError(
                "The 'reference' parameter of MIScheduler(rule='reference') must "
                f"be a float > 0 (H(Y), the MI ceiling). Got {reference!r} instead."
            )
        self.optimizer = optimizer
        self.rule = rule
        self.factor = float(factor)
        self.threshold = float(threshold)
        self.reference = None if reference is None else float(reference)
        self.min_lr = float(min_lr)
        self.base_lrs = [float(g["lr"]) for g in optimizer.param_groups]
        self.history: list[float] = []

    def step(self, mi: float) -> float:
        """Take this epoch's MI, update the rates, return the first group's rate."""
        value = float(mi)
        if not math.isfinite(value):
            raise InvalidDataError(
                f"MIScheduler.step() needs a finite MI; got {mi!r} at call "
                f"{len(self.history)}."
            )
        previous = self.history[-1] if self.history else None
        self.history.append(value)
        for group, lr0 in zip(self.optimizer.param_groups, self.base_lrs, strict=True):
            lr = float(group["lr"])
            if self.rule == "relative":
                if previous is not None:
                    change = (value - previous) / max(abs(previous), 1e-12)
                    if change < self.threshold:
                        lr = lr * self.factor
            else:
                assert self.reference is not None
                lr = min(lr, lr0 * (1.0 - value / self.reference))
            group["lr"] = max(lr, self.min_lr)
        return float(self.optimizer.param_groups[0]["lr"])

    def get_last_lr(self) -> list[float]:
        """Return the current rate of each parameter group."""
        return [float(g["lr"]) for g in self.optimizer.param_groups]

    def state_dict(self) -> dict[str, Any]:
        """Picklable state (the MI history and the starting rates)."""
        return {"history": list(self.history), "base_lrs": list(self.base_lrs)}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore :meth:`state_dict`."""
        self.history = list(state["history"])
        self.base_lrs = list(state["base_lrs"])


class MICallback:
    """The scheduler as an end-of-epoch callback for any training loop.

    ``callback(model, epoch)`` measures I(output; label) on a fixed probe set
    (:func:`output_label_mi`, or ``measure(model)``) and steps the
    :class:`MIScheduler`; it returns the new learning rate. ``history`` keeps
    ``(epoch, mi, lr)``.

    Examples
    --------
    >>> import torch
    >>> from mutinfo.neural.analysis import MICallback, MIScheduler
    >>> net = torch.nn.Linear(1, 2)
    >>> opt = torch.optim.SGD(net.parameters(), lr=0.1)
    >>> x = torch.linspace(-1, 1, 40)[:, None]
    >>> cb = MICallback(MIScheduler(opt), x, (x[:, 0] > 0).long())
    >>> lr = cb(net, 0)
    >>> len(cb.history)
    1
    """

    def __init__(
        self,
        scheduler: MIScheduler,
        x: Any = None,
        y: Any = None,
        *,
        measure: Callable[[torch.nn.Module], float] | None = None,
    ) -> None:
        if measure is None and (x is None or y is None):
            raise InvalidParameterError(
                "MICallback() needs the probe set x and labels y, or a 'measure' "
                "callable model -> MI."
            )
        self.scheduler = scheduler
        self.x, self.y = x, y
        self.measure = measure
        self.history: list[tuple[int, float, float]] = []

    def __call__(self, model: torch.nn.Module, epoch: int) -> float:
        mi = (
            self.measure(model)
            if self.measure
            else output_label_mi(model, self.x, self.y)
        )
        lr = self.scheduler.step(mi)
        self.history.append((int(epoch), float(mi), lr))
        return lr
