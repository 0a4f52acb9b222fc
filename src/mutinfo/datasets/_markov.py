"""Markov chains with I(x_t; x_{t+lag}) in closed form."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._entropy import binary_entropy
from mutinfo.datasets._task import Task, check_number

__all__ = ["ar1", "markov_chain"]


@dataclass(frozen=True)
class _BinaryChainSampler:
    flip: float
    lag: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        # Stationary start, then `lag` independent flips: the chain is simulated
        # step by step, not drawn from the closed-form lag-d flip probability.
        x = rng.integers(0, 2, n).astype(np.int64)
        state = x.copy()
        for _ in range(self.lag):
            state ^= (rng.random(n) < self.flip).astype(np.int64)
        return x[:, None], state[:, None]


def markov_chain(flip: float = 0.1, lag: int = 1) -> Task:
    """Symmetric binary Markov chain: pairs ``(x_t, x_{t+lag})``.

    Each step keeps the bit or flips it with probability ``flip``; the chain
    starts in its stationary (uniform) distribution.

    Parameters
    ----------
    flip : float, default=0.1
        Per-step flip probability, in [0, 1].
    lag : int, default=1
        Separation ``d`` between the two observations, >= 1.

    Returns
    -------
    Task
        ``I = ln 2 - H_b((1 - (1 - 2 flip)**lag) / 2)``: the MI decays
        exponentially with the lag.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.markov_chain(flip=0.1, lag=2).mutual_information / 0.693147, 4)
    0.3199
    """
    where = "markov_chain()"
    flip = check_number(flip, "flip", where, low=0, high=1)
    lag = check_number(lag, "lag", where, low=1, integer=True)
    q = (1 - (1 - 2 * flip) ** lag) / 2
    return Task(
        name=f"markov-flip{flip:g}-lag{lag}",
        mutual_information=math.log(2) - binary_entropy(q),
        dim_x=1,
        dim_y=1,
        kind_x="discrete",
        kind_y="discrete",
        sampler=_BinaryChainSampler(flip, lag),
        family="markov_chain",
        params={"flip": flip, "lag": lag},
        description=f"binary chain, flip {flip:g} per step, (x_t, x_t+{lag})",
    )


@dataclass(frozen=True)
class _AR1Sampler:
    coefficient: float
    lag: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        a = self.coefficient
        x = rng.standard_normal(n)
        state = x.copy()
        for _ in range(self.lag):
            state = a * state + math.sqrt(1 - a * a) * rng.standard_normal(n)
        return x[:, None], state[:, None]


def ar1(coefficient: float = 0.9, lag: int = 1) -> Task:
    """Stationary Gaussian AR(1) chain: pairs ``(x_t, x_{t+lag})``.

    ``x_{t+1} = a x_t + sqrt(1 - a**2) e_t`` with standard normal ``e_t``, so
    every ``x_t`` is standard normal and ``corr(x_t, x_{t+d}) = a**d``.

    Parameters
    ----------
    coefficient : float, default=0.9
        ``a``, in (-1, 1).
    lag : int, default=1
        Separation ``d``, >= 1.

    Returns
    -------
    Task
        ``I = -ln(1 - a**(2 d)) / 2``.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.ar1(coefficient=0.9, lag=1).mutual_information, 6)
    0.830366
    """
    where = "ar1()"
    a = check_number(
        coefficient,
        "coefficient",
        where,
        low=-1,
        high=1,
        low_open=True,
        high_open=True,
    )
    lag = check_number(lag, "lag", where, low=1, integer=True)
    return Task(
        name=f"ar1-a{a:g}-lag{lag}",
        mutual_information=-0.5 * math.log1p(-(a ** (2 * lag))),
        dim_x=1,
        dim_y=1,
        kind_x="continuous",
        kind_y="continuous",
        sampler=_AR1Sampler(a, lag),
        family="ar1",
        params={"coefficient": a, "lag": lag},
        description=f"Gaussian AR(1), a = {a:g}, (x_t, x_t+{lag})",
    )
