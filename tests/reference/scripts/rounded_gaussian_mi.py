"""Exact MI of a bivariate Gaussian quantised to 9 levels per axis.

X, Y standard normal with correlation rho; Q(t) = clip(round(2 t), -4, 4). The
cell probabilities are rectangle probabilities of the bivariate normal, from
scipy's CDF; the MI of the quantised pair is the plug-in MI of that table.
Used by tests/estimators/test_mixed.py; run it to write
tests/reference/values/rounded_gaussian_mi.json (and print the values).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

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


SOURCE = (
    "plug-in MI of the exact 9x9 cell probabilities of a bivariate normal "
    "quantised by clip(round(2 t), -4, 4) (rectangle masses from scipy's CDF)"
)


def compute() -> dict[str, dict[str, object]]:
    """Every entry of values/rounded_gaussian_mi.json."""
    return {
        f"rho={r}": {"value": rounded_gaussian_mi(r), "source": SOURCE}
        for r in (0.5, 0.9)
    }


if __name__ == "__main__":
    values = compute()
    for key, entry in values.items():
        r = float(key.split("=")[1])
        print(
            f"rho={r}: I(Q(X); Q(Y)) = {entry['value']:.6f} nats "
            f"(unquantised {-0.5 * math.log(1 - r * r):.6f})"
        )
    out = Path(__file__).parents[1] / "values" / "rounded_gaussian_mi.json"
    out.write_text(json.dumps(values, indent=2, sort_keys=True) + "\n")
