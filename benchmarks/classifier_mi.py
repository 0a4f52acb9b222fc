"""Classifier MI on bivariate Gaussians beside KSG, and the n = 1e5, d = 20 timing.

Prints, per rho, the error of our DV and plug-in estimates and of KSG (mutinfo's
and, as the peer, scikit-learn's mutual_info_regression) at n = 20,000 over seeds,
then one run at n = 100,000 with 10 + 10 and 20 + 20 dimensions (y = 0.3 x + noise,
860 degree-2 features at 20 + 20): the default classifier beside KSG and the neural
bounds on the same data, error, wall time and CPU time (the CPU time of a
single-threaded run is what an idle machine's wall time would be).

Run: ``python benchmarks/classifier_mi.py [--n 20000] [--seeds 3] [--skip-large]
[--dims 10 20] [--skip-ksg] [--bounds mine nwj infonce] [--neural-steps 2000]``
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from typing import Any

import numpy as np

import mutinfo as mt


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument("--large-n", type=int, default=100_000)
    parser.add_argument("--dims", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--skip-ksg", action="store_true")
    parser.add_argument("--bounds", nargs="*", default=["mine", "nwj", "infonce"])
    parser.add_argument("--neural-steps", type=int, default=2000)
    args = parser.parse_args()
    from sklearn.feature_selection import mutual_info_regression

    warnings.simplefilter("ignore", mt.MutinfoWarning)
    if args.skip_small:
        large(args)
        return
    print(
        "rho  truth   dv_err  plugin_err  ksg_err  sklearn_err  (max |err| over seeds)"
    )
    for rho in (0.0, 0.5, 0.8, 0.95):
        truth = -0.5 * math.log(1 - rho * rho)
        errs: dict[str, list[float]] = {"dv": [], "plugin": [], "ksg": [], "sk": []}
        for seed in range(args.seeds):
            g = np.random.default_rng(seed)
            x = g.normal(size=args.n)
            y = rho * x + math.sqrt(1 - rho * rho) * g.normal(size=args.n)
            res = mt.estimate("mi", x, y, method="classifier", rng=seed)
            errs["dv"].append(res.value - truth)
            errs["plugin"].append(res.extras["plugin"] - truth)
            errs["ksg"].append(mt.mi(x, y, method="ksg", rng=seed) - truth)
            sk = mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=seed)
            errs["sk"].append(float(sk[0]) - truth)
        row = "  ".join(f"{max(abs(e) for e in v):.4f}" for v in errs.values())
        print(f"{rho:<4} {truth:.4f}  {row}")
    if args.skip_large:
        return
    large(args)


def _timed(fn: Any) -> tuple[float, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    value = float(fn())
    return value, time.perf_counter() - start, time.process_time() - cpu


def large(args: argparse.Namespace) -> None:
    """One run at n = 1e5: classifier beside KSG and the neural bounds, same data."""
    for d in args.dims:
        g = np.random.default_rng(0)
        x = g.normal(size=(args.large_n, d))
        y = 0.3 * x + g.normal(size=(args.large_n, d))
        truth = d * 0.5 * math.log(1 + 0.09)
        print(f"\nn={args.large_n}, {d} + {d} dimensions, truth {truth:.4f} nats")
        print("method         estimate   error    wall s   cpu s")
        _compare(x, y, truth, args)


def _compare(
    x: np.ndarray, y: np.ndarray, truth: float, args: argparse.Namespace
) -> None:
    from mutinfo import neural

    rows: list[tuple[str, Any]] = [
        ("classifier", lambda: mt.mi(x, y, method="classifier", rng=0)),
    ]
    if not args.skip_ksg:
        rows.append(("ksg k=3", lambda: mt.mi(x, y, method="ksg", rng=0)))
    for bound in args.bounds:
        rows.append(
            (
                bound,
                lambda b=bound: (
                    neural.estimate(
                        x, y, bound=b, max_steps=args.neural_steps, rng=0
                    ).value
                ),
            )
        )
    for label, fn in rows:
        value, wall, cpu = _timed(fn)
        err = value - truth
        line = f"{label:12s} {value:9.4f} {err:+8.4f} {wall:8.1f} {cpu:7.1f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
