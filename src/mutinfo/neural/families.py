"""Neural MI estimator families (torch extra): mine, dv, nwj, infonce, js and smile.

Each family trains a critic on one split of the samples and reports a
variational bound on the held-out split (see :func:`mutinfo.neural.estimate`).
This module registers the families without importing torch: torch is imported
when an estimate is computed, so :func:`mutinfo.methods` lists them on any
installation and a missing torch raises
:class:`~mutinfo.exceptions.MissingDependencyError` only on use.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import AnyOf, Bool, Constraint, Interval, IsNone, Options, Param
from mutinfo._registry import register
from mutinfo._scaling import centre_exact, ldexp_columns, pow2_exponents
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.neural._torch import require_torch

__all__ = ["DV", "JS", "MINE", "NWJ", "SMILE", "InfoNCE", "NeuralEstimator"]


def _unit_magnitude(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Shift columns exactly towards zero, then scale each by a power of two."""
    shifted, _ = centre_exact(values)
    return ldexp_columns(shifted, pow2_exponents(shifted))


@dataclass(frozen=True)
class _TorchModule(Constraint):
    """A ``torch.nn.Module`` instance (recognised without importing torch)."""

    def is_satisfied_by(self, value: Any) -> bool:
        return any(
            c.__module__ == "torch.nn.modules.module" and c.__name__ == "Module"
            for c in type(value).__mro__
        )

    def describe(self) -> str:
        return "a torch.nn.Module critic"


@dataclass(frozen=True)
class _Device(Constraint):
    """A device: 'auto', 'cpu', 'cuda', 'cuda:<index>', 'mps' or a torch.device."""

    def is_satisfied_by(self, value: Any) -> bool:
        if type(value).__module__ == "torch" and type(value).__name__ == "device":
            return True
        if not isinstance(value, str):
            return False
        head, _, index = value.partition(":")
        if head in ("auto", "cpu", "mps"):
            return not index
        return head == "cuda" and (not index or index.isdigit())

    def describe(self) -> str:
        return "'auto', 'cpu', 'cuda', 'cuda:<index>', 'mps' or a torch.device"


@dataclass(frozen=True)
class _Callable(Constraint):
    """A callable ``progress(step, train_value, held_out_value)``."""

    def is_satisfied_by(self, value: Any) -> bool:
        return callable(value) and not isinstance(value, type)

    def describe(self) -> str:
        return "a callable progress(step, train, held_out)"


_POSITIVE_INT = Interval(int, 1, None)
_COMMON: dict[str, Param] = {
    "critic": Param(
        "separable",
        AnyOf((Options(("separable", "concat", "bilinear")), _TorchModule())),
        "Critic: 'separable' (two encoders, dot product), 'concat' (MLP on each "
        "pair), 'bilinear', or a torch.nn.Module returning (B, B) scores.",
    ),
    "hidden": Param(
        None,
        AnyOf((_POSITIVE_INT, IsNone())),
        "Width of the critic's two hidden layers; None picks by dimension.",
    ),
    "embed_dim": Param(
        None,
        AnyOf((_POSITIVE_INT, IsNone())),
        "Embedding size of separable/bilinear critics; None picks by dimension.",
    ),
    "batch_size": Param(64, Interval(int, 2, None), "Rows per training batch."),
    "max_steps": Param(2000, _POSITIVE_INT, "Most optimiser steps."),
    "lr": Param(1e-3, Interval(float, 0, None, "neither"), "Adam learning rate."),
    "val_fraction": Param(
        0.2,
        Interval(float, 0, 1, "neither"),
        "Fraction of samples held out to evaluate the bound and stop early.",
    ),
    "patience": Param(
        10, _POSITIVE_INT, "Evaluations without improvement before stopping."
    ),
    "eval_every": Param(50, _POSITIVE_INT, "Steps between held-out evaluations."),
    "device": Param(
        "cpu", _Device(), "'cpu', 'cuda', 'cuda:<index>' or 'auto' (GPU if present)."
    ),
    "progress": Param(
        False,
        AnyOf((Bool(), _Callable())),
        "True prints each evaluation to stderr; a callable receives "
        "(step, train, held_out).",
    ),
}


class NeuralEstimator(Estimator):
    """Base of the neural families: train a critic, report the bound held out.

    The samples are split once with ``rng`` (``val_fraction`` held out) and
    standardised with the training split's mean and scale (MI is invariant to
    this). The critic is trained with Adam on batches of ``batch_size`` rows
    (a fresh permutation each epoch, so no row appears twice in a batch) and
    evaluated on the held-out rows every ``eval_every`` steps, in blocks of
    ``batch_size``; training stops after ``patience`` evaluations without
    improvement. The estimate is the held-out bound of the best critic, and
    ``Result.extras`` holds its ``stderr`` (over the blocks) and the training
    ``curve`` (``step``, ``train`` and held-out ``val`` values, in the result's
    unit).
    After :meth:`mi`, the trained critic is ``estimator.critic_``.

    A :class:`~mutinfo.exceptions.ConvergenceWarning` is raised when training
    takes all ``max_steps`` without stopping early and its best evaluation
    falls in the last 10% of the steps: the estimate was still improving and
    is likely too low.

    Choosing the best of several evaluations on the same held-out rows makes
    the estimate slightly optimistic, by about one standard error at most.
    """

    measures: ClassVar[tuple[str, ...]] = ("mi",)
    kinds: ClassVar[tuple[str, ...]] = ("continuous",)
    parameters: ClassVar[Mapping[str, Param]] = _COMMON
    #: Trains a model: the registry contract tests leave it to tests/neural.
    slow: ClassVar[bool] = True
    repeated_values: ClassVar[str] = (
        "the critic's variational bound is trained for a continuous density "
        "ratio, which repeated values (point masses) do not have, so the neural "
        "estimate is unreliable"
    )
    interval_target: ClassVar[str] = "a lower bound on {measure}"
    interval_caveat: ClassVar[str] = (
        "the held-out variational bound of a trained critic lies below the MI by "
        "the critic's gap, which resampling does not measure. Use 'ksg' for an "
        "interval of the MI itself on low-dimensional data."
    )

    def min_samples(self) -> int:
        """Smallest n with ``batch_size`` training rows and two held-out blocks."""
        b: int = self._params["batch_size"]
        frac: float = self._params["val_fraction"]
        n = max(math.ceil(2 * b / frac), math.ceil(b / (1 - frac))) - 2
        while True:
            n_val = round(frac * n)
            if n_val >= 2 * b and n - n_val >= b:
                return n
            n += 1

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        require_torch()  # a clear MissingDependencyError, not torch's ImportError
        from mutinfo.neural._train import fit

        # MI is invariant to shifts and scalings of each column: an exact shift
        # and a power of two per column keep the training's standardisation
        # finite at any magnitude (its std underflows below about 1e-162).
        a, b = (_unit_magnitude(v.values) for v in (x, y))
        result = fit(a, b, bound=self.name, rng=rng, **self._params)
        self.__dict__["critic_"] = result.critic
        extras: dict[str, Any] = {
            "stderr": result.stderr,
            "curve": result.curve,
            "best_step": result.best_step,
            "steps": result.steps,
            "stopped_early": result.stopped_early,
            "n_train": result.n_train,
            "n_val": result.n_val,
            "device": result.device,
        }
        return RawEstimate(result.value, None, extras)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("critic_", None)  # settings only: the trained critic stays behind
        return state


_REFERENCE_POOLE = (
    "B. Poole et al., On variational bounds of mutual information, ICML 2019. "
    "arXiv:1905.06922"
)


@register
class MINE(NeuralEstimator):
    """MINE: the Donsker-Varadhan bound with a moving-average gradient correction.

    Reports :func:`mutinfo.neural.dv_bound` held out; trains with
    :class:`mutinfo.neural.MINELoss` (the gradient's denominator is an
    exponential moving average with weight ``ema``). High variance when the
    MI is large.

    Examples
    --------
    >>> import numpy as np, torch
    >>> from mutinfo.estimators import MINE
    >>> torch.set_num_threads(1)  # small critics train fastest on one CPU thread
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=1000)
    >>> y = 0.9 * x + np.sqrt(1 - 0.81) * rng.normal(size=1000)
    >>> res = MINE(patience=2, hidden=32, rng=0).mi(x, y)  # truth 0.83 nats
    >>> res.method, res.unit, 0.4 < res.value < 1.2
    ('mine', 'nats', True)
    """

    name = "mine"
    summary = "MINE: Donsker-Varadhan bound, moving-average gradient (torch)."
    reference = (
        "M. I. Belghazi et al., Mutual information neural estimation, ICML 2018. "
        "arXiv:1801.04062"
    )
    parameters: ClassVar[Mapping[str, Param]] = {
        **_COMMON,
        "ema": Param(
            0.99,
            Interval(float, 0, 1, "left"),
            "Weight of the past in the moving average of mean exp(critic).",
        ),
    }


@register
class DV(NeuralEstimator):
    """Donsker-Varadhan bound, trained and reported as is (MINE without the average).

    Examples
    --------
    >>> from mutinfo.estimators import DV
    >>> DV(batch_size=32).min_samples()
    318
    """

    name = "dv"
    summary = "Donsker-Varadhan lower bound on a trained critic (torch)."
    reference = _REFERENCE_POOLE


@register
class NWJ(NeuralEstimator):
    """NWJ (f-divergence) lower bound: unbiased in the batch, variance grows with MI.

    Examples
    --------
    >>> from mutinfo.estimators import NWJ
    >>> NWJ(lr=5e-4)
    NWJ(lr=0.0005)
    """

    name = "nwj"
    summary = "Nguyen-Wainwright-Jordan lower bound on a trained critic (torch)."
    reference = (
        "X. Nguyen, M. J. Wainwright, M. I. Jordan, IEEE Trans. Inf. Theory 56(11), "
        "2010. doi:10.1109/TIT.2010.2068870"
    )


@register
class InfoNCE(NeuralEstimator):
    """InfoNCE (CPC) lower bound: low variance, never above ``log(batch_size)``.

    A :class:`~mutinfo.exceptions.BiasWarning` is raised when the estimate
    passes 60% of the cap: there even the exact critic reads about 7% below the
    true MI (11% at 75%, 14% at 82%), and a trained one may read far lower.

    Examples
    --------
    >>> from mutinfo.estimators import InfoNCE
    >>> InfoNCE(batch_size=128).get_params()["batch_size"]
    128
    """

    name = "infonce"
    summary = "InfoNCE contrastive lower bound, capped at log(batch_size) (torch)."
    reference = (
        "A. van den Oord, Y. Li, O. Vinyals, Representation learning with "
        "contrastive predictive coding, 2018. arXiv:1807.03748"
    )


@register
class JS(NeuralEstimator):
    """Train with Deep InfoMax's Jensen-Shannon objective; report NWJ of ``f + 1``.

    The JS objective is not MI, but its optimal critic is the log density
    ratio ``log p(x, y) / (p(x) p(y))``; the reported number is the NWJ lower
    bound of the shifted critic ``f + 1`` on held-out data, which is tight at
    that optimum (Poole et al., section 4).

    Examples
    --------
    >>> from mutinfo.estimators import JS
    >>> JS().name
    'js'
    """

    name = "js"
    summary = "Jensen-Shannon-trained critic, reported by the NWJ bound (torch)."
    reference = _REFERENCE_POOLE


@register
class SMILE(NeuralEstimator):
    """SMILE: train with the Jensen-Shannon objective, report the clipped DV estimate.

    ``clip`` (tau) trades variance for bias: smaller tau, lower variance and a
    larger bias; ``clip=None`` reports the plain DV bound.

    Examples
    --------
    >>> from mutinfo.estimators import SMILE
    >>> SMILE(clip=1.0)
    SMILE(clip=1.0)
    """

    name = "smile"
    interval_target: ClassVar[str] = "the clipped Donsker-Varadhan value of {measure}"
    interval_caveat: ClassVar[str] = (
        "the clipped estimate is biased (down for a small clip) and is not a "
        "bound, and the critic's gap is not measured by resampling. Use 'ksg' "
        "for an interval of the MI itself on low-dimensional data."
    )
    summary = "SMILE: JS-trained critic, clipped Donsker-Varadhan estimate (torch)."
    reference = (
        "J. Song, S. Ermon, Understanding the limitations of variational mutual "
        "information estimators, ICLR 2020. arXiv:1910.06222"
    )
    parameters: ClassVar[Mapping[str, Param]] = {
        **_COMMON,
        "clip": Param(
            5.0,
            AnyOf((Interval(float, 0, None, "neither"), IsNone())),
            "tau of the clipped DV estimate; None reports plain DV.",
        ),
    }
