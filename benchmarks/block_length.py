"""Block length of ``scheme="block"``: multiples of the Politis-White length.

Coverage of 95% block intervals (half-samples of B blocks, Student-t with
B - 1 degrees of freedom, as in ``mutinfo.confidence_interval``) of the
Gaussian AIS (k = 1) of an AR(1) series, ``-ln(1 - a^2) / 2``, with blocks of
1, 1.5, 2 and 3 Politis-White lengths of the local values (at most n / 6
rows), each on the same series; "/" gives the share of intervals wholly below
the truth. The estimator is the Gaussian MI of one pair (the correlation in
closed form, as ``method="gaussian"`` computes it), so a run takes seconds:

    PYTHONPATH=src python benchmarks/block_length.py --a 0.9 --n 500 --reps 300
"""

from __future__ import annotations

import argparse
import math

import numpy as np
from scipy.signal import lfilter
from scipy.stats import t as student

from mutinfo.stats._blocks import block_count, block_half_rows, politis_white

SCALES = (1.0, 1.5, 2.0, 3.0)


def _mi(x: np.ndarray, y: np.ndarray) -> float:
    r = float(np.corrcoef(x, y)[0, 1])
    return -0.5 * math.log(1 - r * r)


def _local(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Local Gaussian MI of standardised x, y (what the family's local holds)."""
    x, y = (x - x.mean()) / x.std(), (y - y.mean()) / y.std()
    r = float(np.mean(x * y))
    quad = (r * r * (x * x + y * y) - 2 * r * x * y) / (2 * (1 - r * r))
    return -0.5 * math.log(1 - r * r) - quad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", type=float, default=0.9)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--reps", type=int, default=300)
    parser.add_argument("--n-resamples", type=int, default=100)
    args = parser.parse_args()
    a, n = args.a, args.n
    truth = -0.5 * math.log(1 - a * a)
    rng = np.random.default_rng(5)
    hits = dict.fromkeys(SCALES, 0)
    below = dict.fromkeys(SCALES, 0)
    for _ in range(args.reps):
        noise = rng.normal(size=n + 1)
        noise[0] /= math.sqrt(1 - a * a)
        s = lfilter([1.0], [1.0, -a], noise)
        f, p = s[1:], s[:-1]
        est, memory = _mi(f, p), politis_white(_local(f, p))
        for scale in SCALES:
            blocks = block_count(n, min(scale * memory, n / 6))
            rows = [block_half_rows(n, blocks, rng) for _ in range(args.n_resamples)]
            v = np.array([_mi(f[r], p[r]) for r in rows])
            m = float(np.mean([r.size for r in rows]))
            half = (
                float(student.ppf(0.975, blocks - 1))
                * math.sqrt(m / (n - m))
                * float(v.std(ddof=1))
            )
            hits[scale] += est - half <= truth <= est + half
            below[scale] += est + half < truth
    print(f"AR(1) a={a}, n={n}, {args.reps} replicates, truth {truth:.3f}")
    for scale in SCALES:
        print(
            f"  {scale:g} x Politis-White: coverage {hits[scale] / args.reps:.3f}, "
            f"wholly below {below[scale] / args.reps:.2f}"
        )


if __name__ == "__main__":
    main()
