"""Reference values of the ``dirichlet_product`` MI estimator, from first principles.

For a contingency table ``n_xy`` over ``K_x x K_y`` values (empty rows and
columns included when the alphabet is larger than what was seen), computed
with mpmath (30 digits) and no mutinfo code:

- prior mean ``q_xy = q_x q_y`` with ``q_x = (n_x + 1/2) / (n + K_x / 2)``;
- the concentration ``a`` where the derivative of the Dirichlet-multinomial
  log evidence ``ln G(a) - ln G(a + n) + sum ln G(a q + n_xy) - ln G(a q)``,
  ``psi(a) - psi(a + n) + sum q (psi(a q + n_xy) - psi(a q))`` (occupied cells),
  changes sign (bracketed on a grid of ``ln a``, then ``mp.findroot``);
- the posterior mean ``E[I] = E[H(X)] + E[H(Y)] - E[H(X, Y)]`` under
  ``Dirichlet(a q + n_xy)``, with ``E[H] = psi(A + 1) - sum alpha / A
  psi(alpha + 1)`` over every cell (Wolpert & Wolf 1995) applied to the joint
  and to its marginals (which are Dirichlet with the summed parameters).

Run ``python tests/reference/scripts/dirichlet_product_mi.py`` to write
tests/reference/values/dirichlet_product_mi.json.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import mpmath as mp

mp.mp.dps = 30

SOURCE = (
    "posterior mean of MI under Dirichlet(a q_x q_y + n), Jeffreys-smoothed "
    "marginals, evidence-maximising a (mpmath findroot); Wolpert & Wolf (1995), "
    "Hutter (2002)"
)

TABLES: dict[str, list[list[int]]] = {
    "diag2": [[5, 0], [0, 5]],
    "3x3": [[6, 1, 0], [1, 4, 2], [0, 1, 5]],
    "4x5": [[3, 0, 1, 0, 0], [0, 2, 0, 1, 0], [1, 0, 4, 0, 1], [0, 0, 0, 2, 3]],
}


def pad(table: list[list[int]], k: int) -> list[list[int]]:
    """The table over ``k x k`` values: unseen values as empty rows and columns."""
    rows = [row + [0] * (k - len(row)) for row in table]
    return rows + [[0] * k for _ in range(k - len(table))]


def mean_entropy(alpha: list[mp.mpf]) -> mp.mpf:
    total = mp.fsum(alpha)
    return mp.digamma(total + 1) - mp.fsum(a * mp.digamma(a + 1) for a in alpha) / total


def estimate(table: list[list[int]]) -> tuple[mp.mpf, mp.mpf]:
    kx, ky = len(table), len(table[0])
    n = sum(map(sum, table))
    rx = [sum(row) for row in table]
    ry = [sum(table[i][j] for i in range(kx)) for j in range(ky)]
    qx = [(mp.mpf(v) + mp.mpf(1) / 2) / (n + mp.mpf(kx) / 2) for v in rx]
    qy = [(mp.mpf(v) + mp.mpf(1) / 2) / (n + mp.mpf(ky) / 2) for v in ry]
    cells = [(qx[i] * qy[j], table[i][j]) for i in range(kx) for j in range(ky)]

    def slope(log_a: mp.mpf) -> mp.mpf:
        a = mp.exp(log_a)
        occupied = mp.fsum(
            q * (mp.digamma(a * q + t) - mp.digamma(a * q)) for q, t in cells if t
        )
        return mp.digamma(a) - mp.digamma(a + n) + occupied

    grid = [mp.mpf(s) / 2 for s in range(-14, 47)]
    bracket = next(
        (lo, hi) for lo, hi in itertools.pairwise(grid) if slope(lo) > 0 > slope(hi)
    )
    a = mp.exp(mp.findroot(slope, bracket, solver="anderson"))
    alpha = [[a * qx[i] * qy[j] + table[i][j] for j in range(ky)] for i in range(kx)]
    joint = mean_entropy([v for row in alpha for v in row])
    hx = mean_entropy([mp.fsum(row) for row in alpha])
    hy = mean_entropy([mp.fsum(alpha[i][j] for i in range(kx)) for j in range(ky)])
    return hx + hy - joint, a


def compute() -> dict[str, dict[str, object]]:
    """Every entry of values/dirichlet_product_mi.json."""
    out: dict[str, dict[str, object]] = {}
    cases = [(name, t, None) for name, t in TABLES.items()]
    cases.append(("4x5", pad(TABLES["4x5"], 7), 7))
    for name, table, k in cases:
        key = name if k is None else f"{name}/K={k}"
        mi, a = estimate(table)
        out[key] = {"value": float(mi), "source": SOURCE}
        out[f"{key}/concentration"] = {"value": float(a), "source": SOURCE}
    return out


def main() -> None:
    out = compute()
    path = Path(__file__).parents[1] / "values" / "dirichlet_product_mi.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    for key, e in out.items():
        print(f"{key:28s} {e['value']:.12f}")


if __name__ == "__main__":
    main()
