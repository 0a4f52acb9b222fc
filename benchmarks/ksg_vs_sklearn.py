"""KSG speed: mutinfo against scikit-learn and a plain cKDTree KSG, same data.

Prints, for two 1-D variables at N = 1e4, 1e5, 1e6, the time and estimate of
``mutinfo.mi(method="ksg")`` and of scikit-learn's ``mutual_info_regression``
(default ``n_jobs``; both standardise and use k = 3), with their ratio; then the
same for a 5-D x 5-D pair against a plain cKDTree KSG (joint kNN query plus
``query_ball_point`` counts). Times are the best of ``--repeat`` runs (one run
for scikit-learn at N > 1e5) in a warm process: a first call of
``GRID_BREAK_EVEN`` points makes ``algorithm="auto"`` load numba and its cached
kernels, as any process does once it has searched that many points (see
``mutinfo._neighbors``); a one-shot process is timed by ``cli_mi_time.py``.

Run: python benchmarks/ksg_vs_sklearn.py [--sizes 1e4,1e5,1e6] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma

import mutinfo as mt
from mutinfo._neighbors import GRID_BREAK_EVEN, choose_algorithm


def best_time(fn: Callable[[], float], repeat: int) -> tuple[float, float, float]:
    """Best wall-clock and CPU seconds over ``repeat`` calls, and the value.

    CPU time is printed too: on a shared machine it is far less noisy than
    wall-clock time (every code path timed here runs on one thread).
    """
    wall, cpu, value = np.inf, np.inf, np.nan
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        value = fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, value


def pair(n: int, dim: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, dim))
    y = 0.6 * x + 0.8 * g.standard_normal((n, dim))
    return (x[:, 0], y[:, 0]) if dim == 1 else (x, y)


def plain_ckdtree_ksg(x: np.ndarray, y: np.ndarray, k: int = 3) -> float:
    """KSG algorithm 1 with cKDTree only (the usual straightforward code)."""
    x = x / x.std(axis=0)
    y = y / y.std(axis=0)
    n = len(x)
    joint = np.hstack([x, y])
    eps = cKDTree(joint).query(joint, k=k + 1, p=np.inf)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    return float(digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1)))


def ours_mi(x: np.ndarray, y: np.ndarray) -> float:
    return mt.mi(x, y, method="ksg", rng=0)


def sklearn_mi(x: np.ndarray, y: np.ndarray) -> float:
    from sklearn.feature_selection import mutual_info_regression

    return float(
        mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e4,1e5,1e6")
    parser.add_argument("--sizes-5d", default="1e4,1e5")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    mt.mi(*pair(GRID_BREAK_EVEN, 1), method="ksg", rng=0)
    print(
        f"warm-up call, N={GRID_BREAK_EVEN} (loads numba and cached kernels): "
        f"{time.perf_counter() - t0:.2f} s; path for 2-D kNN now: "
        f"{choose_algorithm(10**5, 2, task='knn')!r}"
    )
    sklearn_mi(*pair(1000, 1))  # import scikit-learn outside the timings

    print("\n1-D x 1-D, k=3: mutinfo (ksg) vs scikit-learn mutual_info_regression")
    print(
        f"{'N':>9} {'mutinfo s':>10} {'(cpu)':>7} {'estimate':>9} {'sklearn s':>10} "
        f"{'(cpu)':>7} {'estimate':>9} {'ratio':>6} {'(cpu)':>6} {'|diff|':>8}"
    )
    for n in (int(float(s)) for s in args.sizes.split(",")):
        x, y = pair(n, 1)
        ours_t, ours_c, ours = best_time(partial(ours_mi, x, y), args.repeat)
        reps = args.repeat if n <= 100_000 else 1
        sk_t, sk_c, sk = best_time(partial(sklearn_mi, x, y), reps)
        print(
            f"{n:>9} {ours_t:>10.3f} {ours_c:>7.3f} {ours:>9.4f} {sk_t:>10.3f} "
            f"{sk_c:>7.3f} {sk:>9.4f} {sk_t / ours_t:>5.1f}x {sk_c / ours_c:>5.1f}x "
            f"{abs(ours - sk):>8.1e}"
        )

    print("\n5-D x 5-D, k=3: mutinfo (ksg) vs plain cKDTree KSG")
    print(
        f"{'N':>9} {'mutinfo s':>10} {'(cpu)':>7} {'estimate':>9} {'cKDTree s':>10} "
        f"{'(cpu)':>7} {'estimate':>9} {'ratio':>6}"
    )
    for n in (int(float(s)) for s in args.sizes_5d.split(",")):
        x, y = pair(n, 5)
        ours_t, ours_c, ours = best_time(partial(ours_mi, x, y), args.repeat)
        kd_t, kd_c, kd = best_time(partial(plain_ckdtree_ksg, x, y), 1)
        print(
            f"{n:>9} {ours_t:>10.3f} {ours_c:>7.3f} {ours:>9.4f} {kd_t:>10.3f} "
            f"{kd_c:>7.3f} {kd:>9.4f} {kd_t / ours_t:>5.1f}x"
        )


if __name__ == "__main__":
    main()
