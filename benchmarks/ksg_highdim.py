"""KSG in high dimension: mutinfo against NPEET on a 25 x 25 rotated Gaussian.

NPEET is not installed in the project's environment, so its ``mi`` is
reimplemented here line for line, in its two published forms:

- ``npeet (cKDTree)``: the older release, scipy's ``cKDTree``: a joint query of
  ``k + 1`` neighbours with ``p=inf``, then per marginal a tree and
  ``query_ball_point(..., r - 1e-15, p=inf)`` counts;
- ``npeet (sklearn)``: the current code, scikit-learn's ``BallTree`` (20 or more
  dimensions) or ``KDTree`` with ``metric="chebyshev"``, ``query`` and
  ``query_radius(count_only=True)``.

Both add noise of size 1e-10 and take the mean of digamma terms (nats here).
mutinfo runs ``mt.estimate("mi", x, y, method="ksg")`` with the default
``algorithm="auto"`` (the every-pair early-exit path of
``mutinfo._neighbors._highdim`` at this dimension) and, with ``--tree``, the
tree path it replaced (same value, bit for bit). CPU seconds (the runs are
single-threaded; wall time on a shared machine is noisier) of one run each,
the same data, the same process.

Run: python benchmarks/ksg_highdim.py [--n 10000] [--dim 25] [--tree]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma

import mutinfo as mt


def rotated_gaussian(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` rows of a (dim + dim)-D Gaussian pair under a random rotation."""
    x = rng.standard_normal((n, dim))
    joint = np.hstack([x, 0.5 * x + rng.standard_normal((n, dim))])
    q, _ = np.linalg.qr(rng.standard_normal((2 * dim, 2 * dim)))
    return np.asarray(joint @ q, dtype=np.float64)


def npeet_ckdtree(
    x: np.ndarray, y: np.ndarray, k: int, rng: np.random.Generator
) -> float:
    """NPEET's ``mi`` (older release, scipy cKDTree), in nats."""
    x = x + 1e-10 * rng.random(x.shape)
    y = y + 1e-10 * rng.random(y.shape)
    points = np.hstack([x, y])
    dvec = cKDTree(points).query(points, k=k + 1, p=np.inf)[0][:, k]

    def avgdigamma(v: np.ndarray) -> float:
        counts = cKDTree(v).query_ball_point(
            v, dvec - 1e-15, p=np.inf, return_length=True
        )
        return float(np.mean(digamma(counts)))

    return -avgdigamma(x) - avgdigamma(y) + float(digamma(k) + digamma(len(x)))


def npeet_sklearn(
    x: np.ndarray, y: np.ndarray, k: int, rng: np.random.Generator
) -> float:
    """NPEET's ``mi`` (current code, scikit-learn trees), in nats."""
    from sklearn.neighbors import BallTree, KDTree

    def build_tree(points: np.ndarray) -> BallTree | KDTree:
        if points.shape[1] >= 20:
            return BallTree(points, metric="chebyshev")
        return KDTree(points, metric="chebyshev")

    x = x + 1e-10 * rng.random(x.shape)
    y = y + 1e-10 * rng.random(y.shape)
    points = np.hstack([x, y])
    dvec = build_tree(points).query(points, k=k + 1)[0][:, k]

    def avgdigamma(v: np.ndarray) -> float:
        counts = build_tree(v).query_radius(v, dvec - 1e-15, count_only=True)
        return float(np.mean(digamma(counts)))

    return -avgdigamma(x) - avgdigamma(y) + float(digamma(k) + digamma(len(x)))


def timed(fn: Callable[[], float]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and value of one call."""
    c0, t0 = time.process_time(), time.perf_counter()
    value = fn()
    return time.process_time() - c0, time.perf_counter() - t0, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dim", type=int, default=25)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--tree", action="store_true", help="also time the tree path")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    joint = rotated_gaussian(args.n, args.dim, rng)
    x, y = joint[:, : args.dim], joint[:, args.dim :]
    # warm-up: numba import and the cached kernels (compiled on a first run ever)
    mt.estimate("mi", x[:6000], y[:6000], method="ksg", rng=0)

    def peer_rng() -> np.random.Generator:
        return np.random.default_rng(1)

    runs: dict[str, Callable[[], float]] = {
        "mutinfo ksg (auto)": lambda: (
            mt.estimate("mi", x, y, method="ksg", n_neighbors=args.k, rng=0).value
        ),
        "npeet (cKDTree)": lambda: npeet_ckdtree(
            x, y, args.k, np.random.default_rng(1)
        ),
        "npeet (sklearn)": lambda: npeet_sklearn(
            x, y, args.k, np.random.default_rng(1)
        ),
    }
    if args.tree:
        runs["mutinfo ksg (tree)"] = lambda: (
            mt.estimate(
                "mi", x, y, method="ksg", n_neighbors=args.k, rng=0, algorithm="tree"
            ).value
        )
    print(f"KSG, {args.dim} x {args.dim} rotated Gaussian, n = {args.n}, k = {args.k}")
    results = {}
    for name, fn in runs.items():
        cpu, wall, value = timed(fn)
        results[name] = cpu
        print(f"  {name:<20} CPU {cpu:7.2f} s  wall {wall:7.2f} s  MI {value:.4f} nats")
    ours = results["mutinfo ksg (auto)"]
    peer = min(v for k, v in results.items() if k.startswith("npeet"))
    print(f"  faster peer / mutinfo (CPU): {peer / ours:.1f}x")


if __name__ == "__main__":
    main()
