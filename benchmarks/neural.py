"""Neural MI estimators on the SMILE staircase and a 20-d Gaussian, beside KSG.

Prints, for every neural method (``mine``, ``dv``, ``nwj``, ``infonce``, ``js``
and ``smile`` with clip tau in {1, 5, inf}):

- the staircase of Song & Ermon (REFERENCES.md): 20 componentwise Gaussian
  pairs with ``rho = sqrt(1 - exp(-2 MI / 20))`` for MI = 2, 4, 6, 8, 10 nats,
  batch 64, separable critic (hidden 256, embedding 32), Adam: the held-out
  estimate, its error, its standard error over the held-out blocks (the
  variance of each bound), the spread over ``--seeds`` runs and the wall time;
- a 20-d Gaussian (rho = 0.5 per pair, MI = 2.8768 nats, ``--gaussian-n``
  samples, 5000 by default: KSG in 40 dimensions is quadratic in n and took over
  6 minutes at n = 20000 on our loaded machine): every neural method and KSG
  (k = 3) from the same run, estimate and wall time.

A row marked "still improving at max_steps" raised a ConvergenceWarning: its
best held-out evaluation came in the last 10% of ``--steps`` and training
never stopped early, so that estimate is likely too low; raise ``--steps``.

What to read in it: InfoNCE saturates near log(batch) = 4.16 nats; DV/MINE and
NWJ have standard errors that grow quickly with the MI; SMILE's tau trades
variance (large tau) for bias (small tau).

Unlike the paper, which draws fresh samples every step, each run trains on one
fixed sample of ``--n`` rows (as a user would) and reports the held-out bound.

Run: ``PYTHONPATH=src python benchmarks/neural.py [--device cuda] [--quick]``
(``--quick``: MI 2 and 6 only and at most 1000 steps). Measured on the project's
shared 2-core machine at load average ~15: 12-48 s per staircase training, 23 minutes
for the staircase and 131 s for the Gaussian part; an idle core is several times faster.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from typing import Any

import numpy as np
import torch

import mutinfo as mt
from mutinfo import datasets, neural
from mutinfo.exceptions import ConvergenceWarning

METHODS: list[tuple[str, str, dict[str, Any]]] = [
    ("mine", "mine", {}),
    ("dv", "dv", {}),
    ("nwj", "nwj", {}),
    ("infonce", "infonce", {}),
    ("js", "js", {}),
    ("smile tau=1", "smile", {"clip": 1.0}),
    ("smile tau=5", "smile", {"clip": 5.0}),
    ("smile tau=inf", "smile", {"clip": None}),
]


def run(
    bound: str,
    params: dict[str, Any],
    x: np.ndarray,
    y: np.ndarray,
    seed: int,
    args: argparse.Namespace,
) -> tuple[float, float, float, bool]:
    """Value, stderr, seconds, and whether training was cut off still improving."""
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", mt.BiasWarning)  # InfoNCE's cap warning
        warnings.simplefilter("always", ConvergenceWarning)
        res = neural.estimate(
            x,
            y,
            bound=bound,
            batch_size=args.batch_size,
            max_steps=args.steps,
            lr=args.lr,
            hidden=256,
            embed_dim=32,
            device=args.device,
            rng=seed,
            **params,
        )
    if args.device.startswith("cuda"):
        torch.cuda.synchronize()
    cut_off = any(
        issubclass(w.category, ConvergenceWarning)
        and "still improving" in str(w.message)
        for w in caught
    )
    return res.value, float(res.extras["stderr"]), time.perf_counter() - start, cut_off


def staircase(args: argparse.Namespace) -> None:
    levels = [2.0, 6.0] if args.quick else [2.0, 4.0, 6.0, 8.0, 10.0]
    print(
        f"SMILE staircase: dim 20, n = {args.n}, batch {args.batch_size}, "
        f"max_steps {args.steps}, lr {args.lr}, device {args.device}, "
        f"{args.seeds} seed(s); log(batch) = {math.log(args.batch_size):.2f}"
    )
    for mi in levels:
        task = datasets.staircase(mi=mi, dim=20)
        x, y = task.sample(args.n, rng=100 + int(mi))
        print(f"\n  true MI {task.mutual_information:.1f} nats")
        for label, bound, params in METHODS:
            runs = [run(bound, params, x, y, s, args) for s in range(args.seeds)]
            values = np.array([r[0] for r in runs])
            spread = f"{values.std(ddof=1):6.3f}" if len(runs) > 1 else "   -  "
            cut = sum(r[3] for r in runs)
            print(
                f"    {label:14s} estimate {values.mean():7.3f}  "
                f"error {values.mean() - mi:+7.3f}  "
                f"stderr {np.mean([r[1] for r in runs]):6.3f}  "
                f"sd(seeds) {spread}  "
                f"time {np.mean([r[2] for r in runs]):6.1f} s"
                + (
                    f"  still improving at max_steps ({cut}/{len(runs)})" if cut else ""
                ),
                flush=True,
            )


def gaussian20(args: argparse.Namespace) -> None:
    task = datasets.gaussian(rho=0.5, dim=20)
    x, y = task.sample(args.gaussian_n, rng=7)
    truth = task.mutual_information
    print(
        f"\n20-d Gaussian, rho 0.5 per pair: true MI {truth:.4f} nats, "
        f"n = {args.gaussian_n}"
    )
    start = time.perf_counter()
    ksg = mt.mi(x, y, method="ksg", rng=0)
    ksg_time = time.perf_counter() - start
    print(
        f"    {'ksg k=3':14s} estimate {ksg:7.3f}  error {ksg - truth:+7.3f}  "
        f"{'':33s}time {ksg_time:6.1f} s",
        flush=True,
    )
    for label, bound, params in METHODS:
        value, stderr, seconds, cut_off = run(bound, params, x, y, 0, args)
        print(
            f"    {label:14s} estimate {value:7.3f}  error {value - truth:+7.3f}  "
            f"stderr {stderr:6.3f}  {'':16s} time {seconds:6.1f} s  "
            f"({seconds / ksg_time:.1f}x KSG)"
            + ("  still improving at max_steps" if cut_off else ""),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--device", default="cpu")
    parser.add_argument(
        "--threads", type=int, default=1, help="torch CPU threads (1 is fastest here)"
    )
    parser.add_argument(
        "--gaussian-n",
        type=int,
        default=5000,
        help="samples of the 20-d Gaussian (KSG in 40 dimensions is O(n^2))",
    )
    parser.add_argument(
        "--part", choices=["all", "staircase", "gaussian"], default="all"
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.steps = min(args.steps, 1000)
    torch.set_num_threads(args.threads)
    total = time.perf_counter()
    if args.part in ("all", "staircase"):
        staircase(args)
    if args.part in ("all", "gaussian"):
        gaussian20(args)
    print(f"\ntotal wall time {time.perf_counter() - total:.0f} s")


if __name__ == "__main__":
    main()
