"""Exact MI of a bivariate Gaussian quantised to 9 levels per axis.

X, Y standard normal with correlation rho; Q(t) = clip(round(2 t), -4, 4). The
cell probabilities are rectangle probabilities of the bivariate normal, from
scipy's CDF; the MI of the quantised pair is the plug-in MI of that table.
Used by tests/estimators/test_mixed.py (and printed when run as a script).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import multivariate_normal, norm


def rounded_gaussian_mi(rho: float, levels: int = 9, scale: float = 2.0) -> float:
    half = levels // 2
    inner = (np.arange(-half, half) + 0.5) / scale
    edges = np.concatenate([[-np.inf], inner, [np.inf]])
    grid = np.clip(edges, -12.0, 12.0)
    mvn = multivariate_normal(mean=[0.0, 0.0], cov=[[1.0, rho], [rho, 1.0]])
    xx, yy = np.meshgrid(grid, grid, indexing="ij")
    cdf = mvn.cdf(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    p = cdf[1:, 1:] - cdf[:-1, 1:] - cdf[1:, :-1] + cdf[:-1, :-1]
    p = np.clip(p, 0.0, None)
    p /= p.sum()
    px = np.diff(norm.cdf(grid))
    px /= px.sum()
    nz = p > 0
    return float((p[nz] * np.log(p[nz] / np.outer(px, px)[nz])).sum())


if __name__ == "__main__":
    for r in (0.5, 0.9):
        print(
            f"rho={r}: I(Q(X); Q(Y)) = {rounded_gaussian_mi(r):.6f} nats "
            f"(unquantised {-0.5 * math.log(1 - r * r):.6f})"
        )
