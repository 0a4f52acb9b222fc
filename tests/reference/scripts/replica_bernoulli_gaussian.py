"""Replica MI of random linear estimation with a Bernoulli-Gaussian prior.

An independent computation of ``mutinfo.theory.replica_mi``: the scalar channel
``Y = sqrt(snr) S + Z`` with ``S ~ (1 - rho) delta_0 + rho N(0, 1)`` has density
``p(y) = (1 - rho) phi(y) + rho phi(y / s) / s``, ``s = sqrt(1 + snr)``, and
``I(S; Y) = h(Y) - log(2 pi e) / 2``; ``h(Y)`` is integrated with scipy's
adaptive ``quad`` on [-40 s, 40 s] split at +-10 (not a fixed Gauss-Hermite
rule, which misses the narrow component at high snr). The potential
``i_RS(E) = alpha/2 [log(1 + E/delta) - E/(E + delta)] + I(snr = alpha/(delta + E))``
is minimised over a dense log grid of E in [1e-10 rho, rho] (2001 points), then
by golden-section search on the bracket of the best point. The values go to
tests/reference/values/replica_bernoulli_gaussian.json (used by
tests/theory/test_replica.py).

Run: ``python tests/reference/scripts/replica_bernoulli_gaussian.py``
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
from scipy import integrate
from scipy.optimize import minimize_scalar

CASES = [(0.1, 0.5, 0.01), (0.1, 0.2, 1e-4), (0.3, 0.6, 1e-3), (0.5, 1.0, 0.1)]


def channel_mi(rho: float, snr: float) -> float:
    s = math.sqrt(1.0 + snr)

    def minus_p_log_p(y: float) -> float:
        p = (1 - rho) * math.exp(-0.5 * y * y) / math.sqrt(
            2 * math.pi
        ) + rho * math.exp(-0.5 * y * y / (s * s)) / (s * math.sqrt(2 * math.pi))
        return -p * math.log(p) if p > 0 else 0.0

    edges = [-40 * s, -10.0, 0.0, 10.0, 40 * s]
    h = sum(
        integrate.quad(minus_p_log_p, a, b, limit=500, epsabs=1e-14, epsrel=1e-12)[0]
        for a, b in itertools.pairwise(edges)
    )
    return h - 0.5 * math.log(2 * math.pi * math.e)


def potential(rho: float, alpha: float, delta: float, e: float) -> float:
    psi = 0.5 * alpha * (math.log1p(e / delta) - e / (e + delta))
    return psi + channel_mi(rho, alpha / (delta + e))


def replica(rho: float, alpha: float, delta: float) -> float:
    grid = rho * np.logspace(-10, 0, 2001)
    values = [potential(rho, alpha, delta, float(e)) for e in grid]
    best = int(np.argmin(values))
    lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)]
    res = minimize_scalar(
        lambda e: potential(rho, alpha, delta, e),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-14},
    )
    return float(min(res.fun, min(values)))


def compute() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for rho, alpha, delta in CASES:
        value = replica(rho, alpha, delta)
        # Sanity: I/N <= I(S; sqrt(alpha/delta) S + Z) (a genie giving each
        # component its own noiseless-interference channel).
        assert value <= channel_mi(rho, alpha / delta) + 1e-9
        out[f"rho={rho}/alpha={alpha}/delta={delta}"] = {
            "value": value,
            "source": "min_E i_RS(E) by adaptive quad + dense grid "
            "(tests/reference/scripts/replica_bernoulli_gaussian.py)",
        }
    return out


if __name__ == "__main__":
    path = (
        Path(__file__).resolve().parents[1]
        / "values"
        / "replica_bernoulli_gaussian.json"
    )
    table = compute()
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n")
    for key, entry in table.items():
        print(key, entry["value"])
