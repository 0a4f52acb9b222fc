"""Additive uniform noise: ``Y = X + U(-eps, eps)`` with ``X ~ U(0, 1)``."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._task import Task, check_number

__all__ = ["additive_uniform", "additive_uniform_mi"]


def additive_uniform_mi(eps: float) -> float:
    """Return I(X; X + U(-eps, eps)) in nats for ``X ~ U(0, 1)``.

    ``Y`` has a trapezoidal density, so ``h(Y) = eps`` for ``eps <= 1/2`` and
    ``ln(2 eps) + 1 / (4 eps)`` above; ``h(Y | X) = ln(2 eps)``. Hence
    ``I = eps - ln(2 eps)`` for ``eps <= 1/2`` and ``I = 1 / (4 eps)`` otherwise.

    Examples
    --------
    >>> round(additive_uniform_mi(0.1), 6), additive_uniform_mi(1.0)
    (1.709438, 0.25)
    """
    if eps <= 0.5:
        return eps - math.log(2 * eps)
    return 1 / (4 * eps)


@dataclass(frozen=True)
class _AdditiveUniformSampler:
    eps: float

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        x = rng.uniform(0.0, 1.0, (n, 1))
        return x, x + rng.uniform(-self.eps, self.eps, (n, 1))


def additive_uniform(eps: float = 0.1) -> Task:
    """Uniform signal plus uniform noise: ``X ~ U(0, 1)``, ``Y = X + U(-eps, eps)``.

    Parameters
    ----------
    eps : float, default=0.1
        Half-width of the noise, > 0. Small ``eps`` means high MI on a
        bounded support with sharp edges (hard for kNN estimators).

    Returns
    -------
    Task
        The MI of :func:`additive_uniform_mi`.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.additive_uniform(eps=0.75).mutual_information, 6)
    0.333333
    """
    eps = check_number(eps, "eps", "additive_uniform()", low=0, low_open=True)
    return Task(
        name=f"additive_uniform-eps{eps:g}",
        mutual_information=additive_uniform_mi(eps),
        dim_x=1,
        dim_y=1,
        kind_x="continuous",
        kind_y="continuous",
        sampler=_AdditiveUniformSampler(eps),
        family="additive_uniform",
        params={"eps": eps},
        description=f"x ~ U(0, 1), y = x + U(-{eps:g}, {eps:g})",
    )
