"""``neural.estimate``: train a critic and report a held-out MI bound as a Result."""

from __future__ import annotations

import math
from typing import Any

from mutinfo._auto import family
from mutinfo._params import check_choice
from mutinfo._result import Result
from mutinfo.neural._train import BOUNDS

__all__ = ["estimate"]


def estimate(
    x: Any,
    y: Any,
    *,
    bound: str = "smile",
    critic: Any = "separable",
    batch_size: int = 64,
    max_steps: int = 2000,
    lr: float = 1e-3,
    val_fraction: float = 0.2,
    patience: int = 10,
    device: Any = "cpu",
    rng: Any = None,
    progress: Any = False,
    base: float = math.e,
    **params: Any,
) -> Result:
    """Estimate I(X; Y) by training a neural critic and evaluating a bound held out.

    The samples are split once (``val_fraction`` held out, drawn from
    ``rng``); the critic is trained on the rest and the bound is evaluated on
    the held-out rows in blocks of ``batch_size``, with early stopping. The
    same estimators are registered in the front door:
    ``mt.mi(x, y, method="smile")`` equals ``neural.estimate(x, y,
    bound="smile").value``.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,) or (n_samples, n_features)
        Continuous samples: numpy arrays, lists, DataFrames or torch tensors
        (on any device; they are copied to the CPU for validation).
    bound : {'smile', 'mine', 'dv', 'nwj', 'infonce', 'js'}, default='smile'
        The estimator. Every one reports nats of MI: ``js`` and ``smile`` train
        with the Jensen-Shannon objective and report the NWJ bound of ``f + 1``
        and the clipped DV estimate of ``f``; ``mine`` reports DV.
    critic : {'separable', 'concat', 'bilinear'} or torch.nn.Module, default='separable'
        The critic; a module is copied, never trained in place.
    batch_size : int, default=64
        Rows per batch and per held-out block (InfoNCE cannot exceed
        ``log(batch_size)``).
    max_steps : int, default=2000
        Most optimiser steps. A
        :class:`~mutinfo.exceptions.ConvergenceWarning` says when training
        used them all without stopping early and its best held-out evaluation
        came in the last 10% of the steps: the estimate was still improving,
        so it is likely too low (raise ``max_steps`` or ``lr``).
    lr : float, default=1e-3
        Adam learning rate.
    val_fraction : float, default=0.2
        Fraction of the samples held out for evaluation and early stopping.
    patience : int, default=10
        Evaluations (every ``eval_every=50`` steps) without improvement before
        stopping.
    device : str or torch.device, default='cpu'
        ``'cpu'``, ``'cuda'``, ``'cuda:<index>'`` or ``'auto'``.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the split, the critic's initialisation and the batches; torch's
        global random state is never used.
    progress : bool or callable, default=False
        True prints each evaluation to stderr; a callable receives
        ``(step, train_value, held_out_value)``.
    base : float, default=math.e
        Logarithm base of the result.
    **params
        Further parameters of the method: ``hidden``, ``embed_dim``,
        ``eval_every``, ``clip`` (smile), ``ema`` (mine).

    Returns
    -------
    Result
        ``value`` is the held-out estimate; ``extras["stderr"]`` its standard
        error over the held-out blocks and ``extras["curve"]`` the training
        curve (``step``, and ``train`` and ``val`` in the result's unit).

    Notes
    -----
    The held-out value averages the bound over blocks of ``batch_size`` rows.
    For the bounds with a log-mean-exp term (``dv``, ``mine``, ``smile``) the
    average of per-block log-means exceeds the log-mean over all held-out
    rows (Jensen's inequality), so small blocks bias the estimate upwards
    slightly; a larger ``batch_size`` shrinks that bias.

    Warns
    -----
    ConvergenceWarning
        When training reached ``max_steps`` while still improving (see
        ``max_steps``), or diverged.
    BiasWarning
        For ``bound='infonce'`` above 60% of ``log(batch_size)``.

    Raises
    ------
    InvalidParameterError
        For an unknown ``bound`` or a bad parameter value.
    InsufficientSamplesError
        When the held-out split has fewer than two blocks of ``batch_size``.
    MissingDependencyError
        When torch is not installed.

    See Also
    --------
    mutinfo.estimators.SMILE : the estimator object, which keeps the trained
        critic as ``critic_``.

    Examples
    --------
    >>> import numpy as np, torch
    >>> from mutinfo import neural
    >>> torch.set_num_threads(1)  # small critics train fastest on one CPU thread
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=2000)
    >>> y = 0.9 * x + np.sqrt(1 - 0.81) * rng.normal(size=2000)
    >>> # patience=2 stops once the held-out value has plateaued (at step 450)
    >>> res = neural.estimate(x, y, bound="smile", patience=2, hidden=32, rng=0)
    >>> res.method, abs(res.value - 0.8304) < 0.2  # truth -log(1 - 0.81) / 2
    ('smile', True)
    >>> res.extras["stopped_early"]
    True
    """
    check_choice(bound, "bound", sorted(BOUNDS), "neural.estimate()")
    cls = family(bound)
    estimator = cls(
        rng=rng,
        critic=critic,
        batch_size=batch_size,
        max_steps=max_steps,
        lr=lr,
        val_fraction=val_fraction,
        patience=patience,
        device=device,
        progress=progress,
        **params,
    )
    return estimator.mi(x, y, base=base)
