"""Time to select 20 of 500 features at n = 10,000, and the accuracy it buys.

Data: scikit-learn's ``make_classification`` (2 classes, 10 informative
features, 10 redundant ones that are linear combinations of them, 480 noise
features, 5% flipped labels), n training rows and n / 2 test rows. Each
selector picks k features on the training rows (timed, same process, same
data); a logistic regression is then fitted on those columns and scored on the
test rows. Printed per selector: the selection time, its ratio to mutinfo's
mRMR with the default estimators, the test accuracy, and how many of the
picks are informative, redundant or noise.

Selectors:

- mutinfo ``select_features(criterion="mrmr")`` with ``method="auto"`` (Ross's
  kNN MI for relevance, KSG for redundancy) and with
  ``method="gaussian_copula"`` (batched copula algebra through the matrix
  planner);
- mutinfo ``criterion="jmi"`` with ``gaussian_copula`` (``--jmi``; its
  conditional terms are per-pair CMI estimates, so it is the slow one);
- mutinfo ``criterion="mi"`` (univariate, ``method="auto"``);
- scikit-learn ``SelectKBest(mutual_info_classif, k)`` (univariate kNN MI);
- ``mrmr_selection``'s ``mrmr_classif`` (F-statistic relevance, Pearson
  redundancy), when that package is importable.

Run: python benchmarks/selection.py [--n 10000] [--d 500] [--k 20] [--n-jobs 1]
     [--jmi] [--skip-knn]
"""

from __future__ import annotations

import os

# One BLAS thread per process: on a shared 2-core machine, BLAS thread pools
# oversubscribe the cores and small solves wait on spinning threads. The
# parallelism of every selector is set by --n-jobs instead.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

import mutinfo as mt  # noqa: E402


def data(n: int, d: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=n + n // 2,
        n_features=d,
        n_informative=10,
        n_redundant=10,
        n_repeated=0,
        n_classes=2,
        flip_y=0.05,
        shuffle=False,
        random_state=seed,
    )
    # shuffle=False: columns 0-9 informative, 10-19 redundant, the rest noise;
    # it also leaves the rows sorted by class, so shuffle the rows here.
    rows = np.random.default_rng(seed).permutation(len(y))
    X, y = X[rows], y[rows]
    return X[:n], y[:n], X[n:], y[n:]


def accuracy(
    chosen: list[int], X: np.ndarray, y: np.ndarray, Xt: np.ndarray, yt: np.ndarray
) -> float:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(max_iter=1000).fit(X[:, chosen], y)
    return float(model.score(Xt[:, chosen], yt))


def kinds(chosen: list[int]) -> str:
    inf = sum(j < 10 for j in chosen)
    red = sum(10 <= j < 20 for j in chosen)
    return f"{inf}/{red}/{len(chosen) - inf - red}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--d", type=int, default=500)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--n-jobs", type=int, default=1)
    parser.add_argument("--jmi", action="store_true", help="Also time copula JMI.")
    parser.add_argument(
        "--skip-knn", action="store_true", help="Skip mRMR with kNN estimators."
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore", mt.MutinfoWarning)
    X, y, Xt, yt = data(args.n, args.d)
    k, jobs = args.k, args.n_jobs

    def ours(criterion: str, method: str) -> Callable[[], list[int]]:
        return lambda: [
            int(j)
            for j in mt.select_features(
                X, y, k=k, criterion=criterion, method=method, n_jobs=jobs, rng=0
            )
        ]

    def sklearn_kbest() -> list[int]:
        from functools import partial

        from sklearn.feature_selection import SelectKBest, mutual_info_classif

        score = partial(mutual_info_classif, random_state=0, n_jobs=jobs)
        sel = SelectKBest(score, k=k).fit(X, y)
        order = np.argsort(-sel.scores_, kind="stable")[:k]
        return [int(j) for j in order]

    selectors: list[tuple[str, Callable[[], list[int]]]] = []
    if not args.skip_knn:
        selectors.append(("mutinfo mrmr (auto: kNN)", ours("mrmr", "auto")))
    selectors.append(
        ("mutinfo mrmr (gaussian_copula)", ours("mrmr", "gaussian_copula"))
    )
    if args.jmi:
        selectors.append(
            ("mutinfo jmi (gaussian_copula)", ours("jmi", "gaussian_copula"))
        )
    selectors.append(("mutinfo mi (auto: kNN)", ours("mi", "auto")))
    selectors.append(("sklearn SelectKBest(mutual_info_classif)", sklearn_kbest))
    try:
        import pandas as pd
        from mrmr import mrmr_classif

        def peer() -> list[int]:
            picked: list[Any] = mrmr_classif(
                pd.DataFrame(X), pd.Series(y), K=k, show_progress=False, n_jobs=jobs
            )
            return [int(j) for j in picked]

        selectors.append(("mrmr_selection mrmr_classif (F-test/Pearson)", peer))
    except ImportError:
        print("mrmr_selection is not installed; its row is left out.")

    print(
        f"Select {k} of {args.d} features, n = {args.n} training rows, "
        f"{len(yt)} test rows, n_jobs = {jobs}"
    )
    rows = []
    for name, run in selectors:
        t0, c0 = time.perf_counter(), time.process_time()
        chosen = run()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        acc = accuracy(chosen, X, y, Xt, yt)
        rows.append((name, seconds, cpu, acc, kinds(chosen)))
        print(f"  done: {name} in {seconds:.1f} s (CPU {cpu:.1f} s)", flush=True)
    ref = rows[0][2]
    print()
    print(
        f"{'selector':<46} {'wall (s)':>9} {'CPU (s)':>9} {'CPU x ref':>9} "
        f"{'accuracy':>9}  inf/red/noise"
    )
    for name, seconds, cpu, acc, kind in rows:
        print(
            f"{name:<46} {seconds:9.2f} {cpu:9.2f} {cpu / ref:9.3f} {acc:9.3f}  {kind}"
        )
    print(
        f"(CPU x ref: CPU time relative to '{rows[0][0]}'; on a loaded machine "
        "CPU seconds are steadier than wall-clock ones)"
    )


if __name__ == "__main__":
    main()
