"""Bias of the kNN entropy families (``kl``, ``kl_weighted``) on heavy tails.

Run: python benchmarks/kl_heavy_tails.py [--quick]
The differential entropy of x = g(z), z standard normal: exp(a z) (truth
0.5 log(2 pi e) + log a, since E[a z] = 0) and Student-t with 1-5 degrees of
freedom by its quantile map (truth scipy.stats.t(dof).entropy(); 1 dof is
Cauchy, log(4 pi)), and N(0, 1), at n = 500 and 5000, by ``mt.entropy``
(auto: 'kl') and 'kl_weighted'. Columns: the mean error against the truth
(and its standard error over the seeds; 'kl_weighted' beside it), and the
"paired" error against the
same rows before the map, ``H(x) - H(z) - mean log g'(z)`` (the
change-of-variables identity H(g(Z)) = H(Z) + E log g'(Z) on each sample:
much less noisy, it isolates what the tails add), beside the share of rows
beyond 5 robust spreads of the median
(:func:`mutinfo.estimators._guards.far_share`), the statistic of
``warn_heavy_tails``.
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable

import numpy as np
from scipy import stats

import mutinfo as mt
from mutinfo.estimators._guards import far_share

H_NORMAL = 0.5 * math.log(2 * math.pi * math.e)

#: name -> (g, log g', truth)
Map = Callable[[np.ndarray], np.ndarray]
Shape = tuple[Map, Map, float]


def shapes() -> dict[str, Shape]:
    out: dict[str, Shape] = {"normal": (lambda z: z, np.zeros_like, H_NORMAL)}
    for a in (1, 2, 3, 5):
        out[f"exp({a} z)"] = (
            lambda z, a=a: np.exp(a * z),
            lambda z, a=a: math.log(a) + a * z,
            H_NORMAL + math.log(a),
        )
    for dof in (1, 2, 3, 5):
        t = stats.t(dof)
        out[f"t, {dof} dof"] = (
            lambda z, t=t: t.ppf(stats.norm.cdf(z)),
            lambda z, t=t: stats.norm.logpdf(z) - t.logpdf(t.ppf(stats.norm.cdf(z))),
            float(t.entropy()),
        )
    return out


def main(quick: bool) -> None:
    print(
        "shape        n     truth   auto-err (se)   klw-err   paired: kl"
        "     kl_weighted  far-share"
    )
    for name, (g, log_dg, truth) in shapes().items():
        for n in (500, 5000):
            reps = (20 if quick else 200) if n == 500 else (4 if quick else 40)
            err, kl, werr, klw, share = [], [], [], [], []
            for s in range(reps):
                z = np.random.default_rng(s).standard_normal(n)
                x, jac = g(z), float(np.mean(log_dg(z)))
                h = mt.entropy(x, rng=s)
                err.append(h - truth)
                kl.append(h - mt.entropy(z, method="kl", rng=s) - jac)
                hw = mt.entropy(x, method="kl_weighted", rng=s)
                werr.append(hw - truth)
                klw.append(hw - mt.entropy(z, method="kl_weighted", rng=s) - jac)
                share.append(far_share(x))
            se = float(np.std(err, ddof=1)) / math.sqrt(reps)
            pse = float(np.std(kl, ddof=1)) / math.sqrt(reps)
            print(
                f"{name:12s} {n:5d}  {truth:6.3f}  {np.mean(err):+.3f} ({se:.3f})"
                f"   {np.mean(werr):+.3f}   {np.mean(kl):+.4f} ({pse:.4f})"
                f"  {np.mean(klw):+.4f}      {np.mean(share):.4f}"
            )


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        main("--quick" in sys.argv)
