"""Labels against a many-dimensional continuous variable: Ross (``auto``) vs the copula.

Run:

    PYTHONPATH=src python benchmarks/mixed_high_dim.py [--draws 3]

``method="auto"`` gives one label variable against continuous columns to
``mixed_ksg`` (Ross's estimator) at any dimension, while all-continuous data
get ``gaussian_copula`` from joint dimension 10 on
(:data:`mutinfo._rules.CONTINUOUS_HIGH_DIM`). Labels L uniform on K values,
Y | L ~ N(mu_L, diag(s_L^2)) in d dimensions; the truth
``E[log p(y | l) - log sum_l' p(l') p(y | l')]`` is a Monte Carlo mean over
4 * 10^5 draws (standard error about 0.002 nats). Shapes: ``mean`` (class
means 1.5 apart along the first coordinate, the rest noise), ``mean_spread``
(class means random, norm 1.5, spread over every coordinate), ``scale``
(class j has standard deviation 1 + j / K in every coordinate: no mean
difference), ``bimodal`` (class 1 a +-1.5 mixture along the first
coordinate, class 0 standard normal; the truth is then taken from that
mixture), ``moments`` (odd classes +-0.9 plus N(0, 0.19) along the first
coordinate: the same mean and variance as the even classes' N(0, 1), which
the copula cannot see). Bias over ``--draws`` draws per row, nats; ``nan``
where a class has too few rows for the copula's per-class covariance.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from scipy.special import logsumexp

import mutinfo as mt


def _sample(shape: str, k: int, d: int, n: int, rng: np.random.Generator):
    labels = rng.integers(0, k, n)
    mu = np.zeros((k, d))
    sd = np.ones((k, d))
    if shape == "mean":
        mu[:, 0] = 1.5 * np.arange(k)
    elif shape == "mean_spread":
        g = np.random.default_rng(12345 + d + k)
        m = g.normal(size=(k, d))
        mu = 1.5 * m / np.linalg.norm(m, axis=1, keepdims=True)
    elif shape == "scale":
        sd = np.repeat((1 + np.arange(k) / k)[:, None], d, axis=1)
    if shape == "moments":  # odd classes: +-0.9 + N(0, 0.19) in coordinate 0
        sd[1::2, 0] = np.sqrt(1 - 0.9**2)
    y = mu[labels] + sd[labels] * rng.normal(size=(n, d))
    if shape == "moments":
        sign = rng.choice([-1.0, 1.0], n)
        y[:, 0] += np.where(labels % 2 == 1, 0.9 * sign, 0.0)
    if shape == "bimodal":
        sign = rng.choice([-1.0, 1.0], n)
        y[:, 0] += np.where(labels % 2 == 1, 1.5 * sign, 0.0)
    return labels, y, mu, sd


def _logpdf(shape: str, y: np.ndarray, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """log p(y | l) for every class l, shape (n, K)."""
    z = (y[:, None, :] - mu[None]) / sd[None]
    base = (
        -0.5 * (z**2).sum(-1)
        - np.log(sd).sum(-1)[None]
        - 0.5 * y.shape[1] * np.log(2 * np.pi)
    )
    if shape not in ("bimodal", "moments"):
        return base
    out = base.copy()
    for j in range(mu.shape[0]):
        if j % 2 == 1 and shape == "moments":
            s2 = sd[j, 0] ** 2
            a = base[:, j] + 0.5 * y[:, 0] ** 2 / s2 - 0.5 * (y[:, 0] - 0.9) ** 2 / s2
            b = base[:, j] + 0.5 * y[:, 0] ** 2 / s2 - 0.5 * (y[:, 0] + 0.9) ** 2 / s2
            out[:, j] = np.logaddexp(a, b) - np.log(2)
        elif j % 2 == 1:
            a = base[:, j] + 0.5 * (y[:, 0] ** 2) - 0.5 * (y[:, 0] - 1.5) ** 2
            b = base[:, j] + 0.5 * (y[:, 0] ** 2) - 0.5 * (y[:, 0] + 1.5) ** 2
            out[:, j] = np.logaddexp(a, b) - np.log(2)
    return out


def truth(shape: str, k: int, d: int) -> float:
    rng = np.random.default_rng(999)
    labels, y, mu, sd = _sample(shape, k, d, 400_000, rng)
    lp = _logpdf(shape, y, mu, sd)
    own = lp[np.arange(y.shape[0]), labels]
    return float(np.mean(own - (logsumexp(lp, axis=1) - np.log(k))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=3)
    args = parser.parse_args()
    print("shape        K   d     n  truth   ross(auto)  copula")
    for shape in ("mean", "mean_spread", "scale", "bimodal", "moments"):
        for k in (2, 5):
            for d in (2, 5, 8, 9, 10, 20, 40):
                t = truth(shape, k, d)
                for n in (200, 1000):
                    errs = []
                    for draw in range(args.draws):
                        rng = np.random.default_rng(draw)
                        labels, y, _, _ = _sample(shape, k, d, n, rng)
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            ross = mt.mi(labels, y, rng=0)
                            try:
                                cop = mt.mi(labels, y, method="gaussian_copula")
                            except mt.InsufficientSamplesError:
                                cop = np.nan  # a class has fewer rows than d + 2
                        errs.append((ross - t, cop - t))
                    e = np.mean(errs, axis=0)
                    print(
                        f"{shape:11s} {k:2d} {d:3d} {n:5d}  {t:.3f}  {e[0]:+9.3f}"
                        f"  {e[1]:+7.3f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
