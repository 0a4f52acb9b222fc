"""Discrete-continuous mixtures: Ross's case, discrete-uniform, Gao et al.'s mixture."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._entropy import binary_entropy, xlogx
from mutinfo.datasets._task import Task, check_number

__all__ = ["discrete_uniform", "gao_mixture", "ross"]


@dataclass(frozen=True)
class _RossSampler:
    p: float

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        x = (rng.random(n) < self.p).astype(np.int64)
        y = rng.uniform(-1.0, 1.0, n) + x
        return x[:, None], y[:, None]


def ross(p: float = 0.5) -> Task:
    """Ross's case: ``X ~ Bernoulli(p)``, ``Y | X=0 ~ U(-1, 1)``, ``Y | X=1 ~ U(0, 2)``.

    Parameters
    ----------
    p : float, default=0.5
        P(X = 1), in (0, 1).

    Returns
    -------
    Task
        ``x`` discrete (int64 0/1), ``y`` continuous;
        ``I = -[(1-p) ln((1-p)/2) + p ln(p/2) + ln(1/2)] / 2 - ln 2``.

    References
    ----------
    .. [1] B. C. Ross, "Mutual information between discrete and continuous data
       sets", PLoS ONE 9(2), e87357 (2014). doi:10.1371/journal.pone.0087357

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.ross(p=0.5).mutual_information, 6)
    0.346574
    """
    p = check_number(p, "p", "ross()", low=0, high=1, low_open=True, high_open=True)
    mi = -0.5 * (
        xlogx(1 - p) - (1 - p) * math.log(2) + xlogx(p) - p * math.log(2) - math.log(2)
    ) - math.log(2)
    return Task(
        name=f"ross-p{p:g}",
        mutual_information=mi,
        dim_x=1,
        dim_y=1,
        kind_x="discrete",
        kind_y="continuous",
        sampler=_RossSampler(p),
        family="ross",
        params={"p": p},
        description=f"x ~ Bernoulli({p:g}), y ~ U(x - 1, x + 1)",
    )


@dataclass(frozen=True)
class _DiscreteUniformSampler:
    m: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        x = rng.integers(0, self.m, n).astype(np.int64)
        y = x + rng.uniform(0.0, 2.0, n)
        return x[:, None], y[:, None]


def discrete_uniform(m: int = 5) -> Task:
    """Gao et al.'s discrete-uniform mixture: ``X ~ U{0..m-1}``, ``Y | X ~ U(X, X+2)``.

    Parameters
    ----------
    m : int, default=5
        Number of labels of ``X``, >= 2.

    Returns
    -------
    Task
        ``I = ln m - (m - 1) / m * ln 2``.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.discrete_uniform(m=5).mutual_information, 6)
    1.05492
    """
    m = check_number(m, "m", "discrete_uniform()", low=2, integer=True)
    return Task(
        name=f"discrete_uniform-m{m}",
        mutual_information=math.log(m) - (m - 1) / m * math.log(2),
        dim_x=1,
        dim_y=1,
        kind_x="discrete",
        kind_y="continuous",
        sampler=_DiscreteUniformSampler(m),
        family="discrete_uniform",
        params={"m": m},
        description=f"x uniform on 0..{m - 1}, y ~ U(x, x + 2)",
    )


@dataclass(frozen=True)
class _GaoSampler:
    rho: float
    flip: float
    weight: float

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        gauss = rng.random(n) < self.weight
        gx = rng.standard_normal(n)
        gy = self.rho * gx + math.sqrt(1 - self.rho**2) * rng.standard_normal(n)
        sx = rng.choice(np.array([-1.0, 1.0]), n)
        sy = np.where(rng.random(n) < self.flip, -sx, sx)
        x = np.where(gauss, gx, sx)
        y = np.where(gauss, gy, sy)
        return x[:, None], y[:, None]


def gao_mixture(rho: float = 0.9, flip: float = 0.1, weight: float = 0.5) -> Task:
    """Gao et al.'s half-discrete, half-Gaussian mixture.

    With probability ``weight``, ``(X, Y)`` is a bivariate normal with
    correlation ``rho``; otherwise ``X`` is -1 or +1 (fair) and ``Y = X``
    with its sign flipped with probability ``flip`` (Gao et al. use
    P(1, 1) = P(-1, -1) = 0.45, P(1, -1) = P(-1, 1) = 0.05, the defaults).
    Both variables are real numbers with atoms at -1 and +1.

    Parameters
    ----------
    rho : float, default=0.9
        Correlation of the Gaussian component, in (-1, 1).
    flip : float, default=0.1
        Sign-flip probability of the discrete component, in [0, 1].
    weight : float, default=0.5
        Probability of the Gaussian component, in (0, 1).

    Returns
    -------
    Task
        The component indicator ``B`` is a function of ``X`` (and of ``Y``),
        so ``I = H_b(weight) + weight * I_gauss + (1 - weight) * I_discrete``
        with ``I_gauss = -ln(1 - rho**2) / 2`` and ``I_discrete = ln 2 - H_b(flip)``.

    References
    ----------
    .. [1] W. Gao, S. Kannan, S. Oh and P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", NeurIPS 2017.
       arXiv:1709.06212

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.gao_mixture().mutual_information, 4)
    1.2924
    """
    where = "gao_mixture()"
    rho = check_number(rho, "rho", where, low=-1, high=1, low_open=True, high_open=True)
    flip = check_number(flip, "flip", where, low=0, high=1)
    weight = check_number(
        weight, "weight", where, low=0, high=1, low_open=True, high_open=True
    )
    mi = (
        binary_entropy(weight)
        + weight * (-0.5 * math.log1p(-(rho**2)))
        + (1 - weight) * (math.log(2) - binary_entropy(flip))
    )
    suffix = (
        ""
        if (rho, flip, weight) == (0.9, 0.1, 0.5)
        else (f"-rho{rho:g}-flip{flip:g}-w{weight:g}")
    )
    return Task(
        name=f"gao_mixture{suffix}",
        mutual_information=mi,
        dim_x=1,
        dim_y=1,
        kind_x="mixed",
        kind_y="mixed",
        sampler=_GaoSampler(rho, flip, weight),
        family="gao_mixture",
        params={"rho": rho, "flip": flip, "weight": weight},
        description=(
            f"w.p. {weight:g} a Gaussian (rho {rho:g}), else signs +-1 "
            f"flipped w.p. {flip:g}"
        ),
    )
