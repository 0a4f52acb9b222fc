"""Linear classifier probes (Alain & Bengio) and the MI lower bound they imply."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

from mutinfo._counting import entropy_from_counts
from mutinfo._params import Interval, check_rng, validate_params
from mutinfo._result import unit_name
from mutinfo.exceptions import InvalidDataError
from mutinfo.neural.analysis._arrays import as_numpy, check_labels

__all__ = ["ProbeResult", "linear_probe", "probe_bound"]

#: How far a row of probabilities may sum from 1 (float32 softmax rounding).
_SUM_TOL = 1e-4


@dataclass(frozen=True)
class ProbeResult:
    """A linear probe's held-out scores and the MI lower bound they imply.

    Attributes
    ----------
    accuracy : float
        Held-out accuracy in [0, 1].
    cross_entropy : float
        Held-out cross-entropy -mean log q(y | t) (in ``unit``).
    entropy : float
        Plug-in H(Y) of the held-out labels (in ``unit``).
    value : float
        The lower bound H(Y) - cross-entropy on I(T; Y) (in ``unit``).
    unit : str
        ``'nats'`` unless ``base`` was given.
    n_train, n_test : int
        Sizes of the split.
    """

    accuracy: float
    cross_entropy: float
    entropy: float
    value: float
    unit: str
    n_train: int
    n_test: int

    def __float__(self) -> float:
        return float(self.value)


def _unit(base: float) -> str:
    return unit_name(base)


@validate_params({"base": Interval(float, 1.0, None, closed="neither")})
def probe_bound(probabilities: Any, labels: Any, *, base: float = math.e) -> float:
    """Return the MI lower bound H(Y) - cross-entropy of a probe's predictions.

    For any classifier q(y | t), I(T; Y) >= H(Y) - E[-log q(Y | T)] (the
    Barber-Agakov bound); H(Y) is the plug-in entropy of ``labels``. A perfect
    probe (probability 1 on the true label) gives H(Y); a constant probe gives
    at most 0 (exactly 0 when it predicts the label frequencies).

    Parameters
    ----------
    probabilities : array-like of shape (n_samples, n_classes)
        Predicted class probabilities; column ``k`` is class ``k``.
    labels : array-like of int, shape (n_samples,)
        True classes in ``range(n_classes)``.
    base : float, default=e
        Logarithm base.

    Returns
    -------
    float
        H(Y) - cross-entropy, in nats (or ``base``); not clipped.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import probe_bound
    >>> y = np.array([0, 1, 1, 0])
    >>> probe_bound(np.eye(2)[y], y, base=2)  # perfect probe: H(Y) = 1 bit
    1.0
    >>> probe_bound(np.full((4, 2), 0.5), y, base=2)  # constant probe
    0.0
    """
    p = as_numpy(probabilities, "probabilities")
    # Rows must be distributions: logits or unnormalised scores read as
    # probabilities gave bounds above H(Y) (2 bits for a 1-bit label), rows
    # summing to 0.5 a bound of 0 for a perfect probe.
    sums = p.sum(axis=1)
    worst = int(np.argmax(np.abs(sums - 1.0)))
    if p.min() < 0.0 or abs(sums[worst] - 1.0) > _SUM_TOL:
        raise InvalidDataError(
            "probabilities must be rows of class probabilities (non-negative, "
            f"each row summing to 1); got values in [{p.min():g}, {p.max():g}] "
            f"and a row (row {worst}) summing to {sums[worst]:g}. Pass "
            "softmax(logits), not the logits or unnormalised scores."
        )
    raw = check_labels(labels, p.shape[0])
    try:
        y = raw.astype(np.int64)
        whole = bool(np.array_equal(y, raw.astype(np.float64)))
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole:  # 1.7 was truncated to class 1, silently
        raise InvalidDataError(
            f"labels must be integer classes in range({p.shape[1]}) (one per "
            f"column of probabilities); got {raw.dtype} values that are not all "
            "whole numbers. Map the labels to column indices first."
        )
    if y.min() < 0 or y.max() >= p.shape[1]:
        raise InvalidDataError(
            f"labels must be classes in range({p.shape[1]}) (one per column of "
            f"probabilities); got values from {y.min()} to {y.max()}."
        )
    picked = p[np.arange(p.shape[0]), y]
    with np.errstate(divide="ignore"):
        ce = float(-np.mean(np.log(picked)))
    h = entropy_from_counts(np.bincount(y))
    return (h - ce) / math.log(base)


def _fit_softmax(
    x: NDArray[np.float64],
    y: NDArray[np.int64],
    k: int,
    weight_decay: float,
    max_iter: int,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Multinomial logistic regression by L-BFGS (zero init: deterministic)."""
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros(x.shape[1], k, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(k, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(xt @ w + b, yt)
        loss = loss + weight_decay * (w * w).sum()
        loss.backward()  # type: ignore[no-untyped-call]
        return loss

    opt.step(closure)  # type: ignore[no-untyped-call]
    return w.detach(), b.detach()


@validate_params(
    {
        "test_size": Interval(float, 0.0, 1.0, closed="neither"),
        "weight_decay": Interval(float, 0.0, None),
        "max_iter": Interval(int, 1, None),
        "base": Interval(float, 1.0, None, closed="neither"),
    }
)
def linear_probe(
    activations: Any,
    labels: Any,
    *,
    test_size: float = 0.3,
    weight_decay: float = 1e-4,
    max_iter: int = 100,
    base: float = math.e,
    rng: Any = None,
) -> ProbeResult:
    """Fit a linear softmax probe on a layer; held-out accuracy, CE and MI bound.

    Alain & Bengio [1]_ read each layer with a linear classifier. A probe
    q(y | t) also bounds the information the layer holds about the labels:
    I(T; Y) >= H(Y) - CE, with CE the held-out cross-entropy (nats). The probe
    is multinomial logistic regression on standardised units (train-split
    statistics), fit by L-BFGS with an L2 penalty ``weight_decay``.

    Parameters
    ----------
    activations : array-like or torch.Tensor of shape (n_samples, n_units)
        The layer's activations.
    labels : array-like of shape (n_samples,)
        Class labels (any hashable values).
    test_size : float, default=0.3
        Share of samples held out (random split from ``rng``).
    weight_decay : float, default=1e-4
        L2 penalty on the probe weights.
    max_iter : int, default=100
        L-BFGS iterations.
    base : float, default=e
        Logarithm base of CE, H(Y) and the bound.
    rng : None, int or numpy.random.Generator
        Seed of the split (the fit itself is deterministic).

    Returns
    -------
    ProbeResult
        ``accuracy``, ``cross_entropy``, ``entropy`` (H(Y)), ``value`` (the bound).

    References
    ----------
    .. [1] G. Alain and Y. Bengio, "Understanding intermediate layers using
       linear classifier probes", arXiv:1610.01644 (2016).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.neural.analysis import linear_probe
    >>> t = np.r_[np.zeros((50, 1)), np.ones((50, 1))]
    >>> res = linear_probe(t, [0] * 50 + [1] * 50, rng=0)
    >>> res.accuracy
    1.0
    """
    a = as_numpy(activations)
    raw = check_labels(labels, a.shape[0])
    classes, y = np.unique(raw, return_inverse=True)
    y = y.astype(np.int64).reshape(-1)
    n = a.shape[0]
    n_test = round(test_size * n)
    if n_test < 1 or n - n_test < 2:
        raise InvalidDataError(
            f"linear_probe() needs at least 2 training and 1 test sample; got "
            f"n_samples={n} with test_size={test_size}."
        )
    order = check_rng(rng).permutation(n)
    test, train = order[:n_test], order[n_test:]
    mean, std = a[train].mean(0), a[train].std(0)
    scale = np.where(std > 0, std, 1.0)
    z = (a - mean) / scale
    w, b = _fit_softmax(z[train], y[train], len(classes), weight_decay, max_iter)
    logits = torch.from_numpy(z[test]) @ w + b
    logp = torch.log_softmax(logits, dim=1).numpy()
    ce = float(-np.mean(logp[np.arange(n_test), y[test]]))
    acc = float(np.mean(np.argmax(logp, 1) == y[test]))
    h = entropy_from_counts(np.bincount(y[test]))
    lb = math.log(base)
    return ProbeResult(
        acc, ce / lb, h / lb, (h - ce) / lb, _unit(base), n - n_test, n_test
    )
