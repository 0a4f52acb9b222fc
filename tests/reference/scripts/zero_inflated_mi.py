"""MI of a zero-inflated Gaussian pair, by numerical integration of its density.

(G_x, G_y) is bivariate normal with correlation rho; X = 0 with probability q,
else G_x, and independently Y = 0 with probability q, else G_y. The joint law
has four parts with respect to (Lebesgue + point mass at 0) on each axis:

- p(0, 0) = q^2,
- p(0, y) = q (1 - q) phi(y),  p(x, 0) = (1 - q) q phi(x),
- p(x, y) = (1 - q)^2 phi_rho(x, y),

with marginals p_X(0) = q, p_X(x) = (1 - q) phi(x). The MI is the sum over the
four parts of the integral of p log(p / (p_X p_Y)), each computed here by
quadrature on a fine grid (no closed form or chain rule is used), and printed
beside the closed form (1 - q)^2 (-log(1 - rho^2) / 2) as a check. The values
go to tests/reference/values/zero_inflated_mi.json (used by
tests/estimators/test_atoms.py).

Run: ``python tests/reference/scripts/zero_inflated_mi.py``
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np


def _phi(t: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * t * t) / math.sqrt(2 * math.pi)


def zero_inflated_mi(rho: float, q: float, half_width: float = 12.0) -> float:
    t = np.linspace(-half_width, half_width, 4001)
    h = t[1] - t[0]
    w = np.full(t.size, h)  # trapezoid weights
    w[0] = w[-1] = h / 2
    px0, px_c = q, (1 - q) * _phi(t)
    xx, yy = np.meshgrid(t, t, indexing="ij")
    det = 1 - rho * rho
    log_phi = -0.5 * t * t - 0.5 * math.log(2 * math.pi)
    log_phi2 = -(xx**2 - 2 * rho * xx * yy + yy**2) / (2 * det) - math.log(
        2 * math.pi * math.sqrt(det)
    )
    total = 0.0
    # atom x atom
    p00 = q * q
    total += p00 * math.log(p00 / (px0 * px0))
    # atom x continuum and continuum x atom (equal by symmetry; both summed)
    p0y = q * (1 - q) * _phi(t)
    total += 2 * float((w * p0y * np.log(p0y / (px0 * px_c))).sum())
    # continuum x continuum, logs kept apart so that the tails do not underflow
    log_pxy = 2 * math.log(1 - q) + log_phi2
    log_marg = math.log(1 - q) + log_phi
    log_ratio = log_pxy - log_marg[:, None] - log_marg[None, :]
    total += float((np.outer(w, w) * np.exp(log_pxy) * log_ratio).sum())
    return total


SOURCE = (
    "Numerical quadrature of the zero-inflated Gaussian pair's density "
    "(tests/reference/scripts/zero_inflated_mi.py); agrees with the closed form "
    "(1 - q)^2 * (-1/2 ln(1 - rho^2))"
)


def main() -> None:
    out = {}
    for rho in (0.6, 0.9):
        for q in (0.3,):
            value = zero_inflated_mi(rho, q)
            closed = (1 - q) ** 2 * (-0.5 * math.log(1 - rho * rho))
            print(f"rho={rho} q={q}: quadrature {value:.8f}  closed form {closed:.8f}")
            out[f"rho={rho},q={q}"] = {"source": SOURCE, "value": value}
    path = Path(__file__).parents[1] / "values" / "zero_inflated_mi.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
