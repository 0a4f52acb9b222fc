"""Closed forms for the time-series tests, written to values/timeseries_closed_forms.json.

Run from the repository root with dit installed::

    PYTHONPATH=src python tests/reference/scripts/timeseries_closed_forms.py

Markov chains: the stationary distribution solves ``pi P = pi`` (a linear
system solved here), the joint law of ``(X_t, X_{t+d})`` is ``pi_i (P^d)_ij``,
and dit (an independent peer) gives its mutual information and the entropy
rate ``H(X_t, X_{t+1}) - H(X_t)``. Coupled AR(1): ``X_t = a X_{t-1} + e``,
``Y_t = b Y_{t-1} + c X_{t-1} + f`` (unit noises); by hand,
``var X = 1/(1-a^2)``, ``cov(X, Y) = a c var X / (1 - a b)``,
``var Y = (c^2 var X + 2 b c cov(X, Y) + 1) / (1 - b^2)``,
``g = cov(Y_t, Y_{t-1}) = b var Y + c cov(X, Y)`` and, since
``var(Y_t | Y_{t-1}, X_{t-1}) = 1``, ``TE = 1/2 ln(var Y - g^2 / var Y)``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import dit
import numpy as np

OUT = Path(__file__).resolve().parents[1] / "values" / "timeseries_closed_forms.json"

CHAINS = {
    "binary_0.1_0.3": [[0.9, 0.1], [0.3, 0.7]],
    "three_state": [[0.5, 0.3, 0.2], [0.1, 0.6, 0.3], [0.4, 0.1, 0.5]],
}
DISTANCES = (1, 2, 3, 5, 10)
AR = {"0.5_0.5_0.5": (0.5, 0.5, 0.5), "0.8_0.3_0.6": (0.8, 0.3, 0.6)}


def stationary(p: np.ndarray) -> np.ndarray:
    m = len(p)
    a = np.vstack([p.T - np.eye(m), np.ones(m)])
    rhs = np.zeros(m + 1)
    rhs[-1] = 1.0
    return np.linalg.lstsq(a, rhs, rcond=None)[0]


def joint(p: np.ndarray, d: int) -> dit.Distribution:
    pi = stationary(p)
    pd = np.linalg.matrix_power(p, d)
    outcomes, probs = [], []
    for i in range(len(p)):
        for j in range(len(p)):
            outcomes.append((i, j))
            probs.append(pi[i] * pd[i, j])
    return dit.Distribution(outcomes, probs)


def compute() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, rows in CHAINS.items():
        p = np.array(rows)
        one = joint(p, 1)
        rate = (dit.shannon.entropy(one) - dit.shannon.entropy(one, [0])) * math.log(2)
        out[f"markov/{name}/entropy_rate"] = {
            "value": float(rate),
            "source": "dit H(X_t, X_t+1) - H(X_t) on pi_i P_ij, converted to nats",
        }
        for d in DISTANCES:
            mi = dit.shannon.mutual_information(joint(p, d), [0], [1]) * math.log(2)
            out[f"markov/{name}/mi/{d}"] = {
                "value": float(mi),
                "source": "dit I(X_t; X_t+d) on pi_i (P^d)_ij, converted to nats",
            }
    for name, (a, b, c) in AR.items():
        vx = 1 / (1 - a * a)
        cxy = a * c * vx / (1 - a * b)
        vy = (c * c * vx + 2 * b * c * cxy + 1) / (1 - b * b)
        g = b * vy + c * cxy
        out[f"coupled_ar/{name}/te"] = {
            "value": 0.5 * math.log(vy - g * g / vy),
            "source": "hand-derived stationary moments of the coupled AR(1) pair "
            "(see the script's docstring), TE = 1/2 ln var(Y_t | Y_t-1)",
        }
    return out


if __name__ == "__main__":
    OUT.write_text(json.dumps(compute(), indent=2, sort_keys=True) + "\n")
    print(f"wrote {OUT}")
