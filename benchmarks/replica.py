"""Barbier, Dia, Macris & Krzakala (2016): MI in random linear estimation.

``y = Phi s + sqrt(delta) z``, ``Phi`` of shape (alpha N, N) with N(0, 1/N)
entries. Prints (1) the replica MI of a Gaussian prior beside the finite-N
value ``E log det(I + Phi Phi^T / delta) / 2N`` by Monte Carlo; (2) the I-MMSE
relation of the vector problem, ``d i / d(1/delta) = (alpha/2) E/(1 + E/delta)``
with E the replica MMSE, by a central difference of ``theory.replica_mi``; (3)
the Bernoulli-Gaussian phase diagram at low noise: the MMSE (information-
theoretic) and AMP's fixed point (state evolution) against alpha, and where
each drops, also by bisection for delta down to 1e-10; (4) AMP on sampled
instances against state evolution.

Run: ``python benchmarks/replica.py [--rho 0.1] [--delta 1e-4] [--n 2000]``
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from mutinfo import theory


def _threshold(prior: object, delta: float, key: str) -> float:
    """Smallest alpha in [0.05, 0.6] where ``key`` falls below 100 delta."""
    lo, hi = 0.05, 0.6
    for _ in range(18):
        mid = (lo + hi) / 2
        value = getattr(theory.replica_solution(prior, alpha=mid, delta=delta), key)
        lo, hi = (lo, mid) if value < 100 * delta else (mid, hi)
    return hi


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rho", type=float, default=0.1)
    parser.add_argument("--delta", type=float, default=1e-4)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    g = np.random.default_rng(0)
    print("(1) Gaussian prior: replica MI vs Monte Carlo log det (N = 400)")
    for alpha, delta in [(0.5, 0.5), (1.0, 0.1), (2.0, 1.0)]:
        n = 400
        m = round(alpha * n)
        draws = []
        for _ in range(args.draws):
            phi = g.standard_normal((m, n)) / math.sqrt(n)
            logdet = np.linalg.slogdet(np.eye(m) + phi @ phi.T / delta)[1]
            draws.append(0.5 * logdet / n)
        limit = theory.replica_mi("gaussian", alpha=alpha, delta=delta)
        se = float(np.std(draws, ddof=1)) / math.sqrt(args.draws)
        print(
            f"  alpha={alpha} delta={delta}: replica {limit:.5f}  "
            f"MC {np.mean(draws):.5f} +- {se:.5f}"
        )
    bg = ("bernoulli_gaussian", args.rho)
    print(f"(2) I-MMSE, prior {bg}, delta = 0.01")
    for alpha in (0.2, 0.3, 0.5, 1.0):
        delta, h = 0.01, 1e-4
        up = theory.replica_mi(bg, alpha=alpha, delta=1 / (1 / delta + h))
        down = theory.replica_mi(bg, alpha=alpha, delta=1 / (1 / delta - h))
        e = theory.replica_solution(bg, alpha=alpha, delta=delta).mmse
        print(
            f"  alpha={alpha}: d i/d(1/delta) {(up - down) / (2 * h):.6e}  "
            f"(alpha/2) E/(1+E/delta) {alpha / 2 * e / (1 + e / delta):.6e}"
        )
    print(f"(3) phase diagram, prior {bg}, delta = {args.delta}")
    alphas = np.round(np.arange(0.05, 0.41, 0.01), 3)
    frame = theory.phase_diagram(bg, alphas, [args.delta])
    print(frame.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
    floor = 100 * args.delta
    it = frame.alpha[frame.mmse < floor].min()
    alg = frame.alpha[frame.amp_mse < floor].min()
    print(f"  MMSE below {floor:g} from alpha = {it}; AMP from alpha = {alg}")
    print("  thresholds by bisection (MMSE, resp. AMP's fixed point, < 100 delta):")
    for delta in (1e-4, 1e-6, 1e-8, 1e-10):
        it, alg = (_threshold(bg, delta, key) for key in ("mmse", "amp_mse"))
        print(f"  delta={delta:g}: MMSE drops at {it:.3f}, AMP succeeds at {alg:.3f}")
    print(f"(4) AMP on instances, N = {args.n}: final MSE vs state evolution")
    for alpha in (0.15, 0.3, 0.4):
        run = theory.amp(bg, alpha=alpha, delta=args.delta, n=args.n, n_iter=60, rng=0)
        print(
            f"  alpha={alpha}: AMP {run.mse[-1]:.3e}  SE {run.state_evolution[-1]:.3e}"
        )


if __name__ == "__main__":
    main()
