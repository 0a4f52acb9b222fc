"""Error and time of the continuous MI families, beside scikit-learn.

Run:
    python benchmarks/continuous.py            # Gaussian task, dims x N grid
    python benchmarks/continuous.py --quick    # small grid (about a minute)
    python benchmarks/continuous.py --ties     # quantised Gaussians: Gao vs KSG
    python benchmarks/continuous.py --gao-speed  # Gao vs KSG time at N = 1e5
    python benchmarks/continuous.py --entropy  # 1-D entropy: spacings vs KL

Task: X, Y in R^d with componentwise correlation rho = 0.6 (d pairs), truth
-d/2 ln(1 - rho^2) nats. Each cell prints the estimate's error (estimate - truth)
and the wall time; scikit-learn's mutual_info_regression (KSG with k = 3,
1-D features only) runs beside ours where it applies, and the ratio of times is
printed. O(n^2) families (kernel, cauchy_schwarz) are skipped above N = 10^4.
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from collections.abc import Callable

import numpy as np

import mutinfo as mt
from mutinfo.exceptions import MutinfoWarning

RHO = 0.6


def gaussian_task(
    n: int, d: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, float]:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, d))
    y = RHO * x + math.sqrt(1 - RHO**2) * g.standard_normal((n, d))
    return x, y, -0.5 * d * math.log(1 - RHO**2)


def timed(
    fn: Callable[..., object], *args: object, **kw: object
) -> tuple[float, float]:
    """Return ``float(fn(*args, **kw))`` and its wall time (mutinfo warnings muted)."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        out = fn(*args, **kw)
    value = float(np.ravel(out)[0]) if isinstance(out, np.ndarray) else float(out)
    return value, time.perf_counter() - start


FAMILIES: dict[str, dict[str, object]] = {
    "ksg": {},
    "mixed_ksg": {"variant": "gao"},
    "gaussian": {},
    "gaussian_copula": {},
    "kernel": {},
    "binning": {},
}
QUADRATIC = {"kernel", "cauchy_schwarz"}


def grid(dims: list[int], sizes: list[int]) -> None:
    try:
        from sklearn.feature_selection import mutual_info_regression
    except ImportError:  # pragma: no cover - sklearn extra
        mutual_info_regression = None
    registered = {m.name for m in mt.methods()}
    head = ("d", "N", "method", "error", "time s", "vs sklearn")
    print("{:>3} {:>7} {:>16} {:>9} {:>9} {:>10}".format(*head))
    for d in dims:
        for n in sizes:
            x, y, truth = gaussian_task(n, d)
            sk_time = None
            if d == 1 and mutual_info_regression is not None:
                sk, sk_time = timed(
                    mutual_info_regression, x, y[:, 0], n_neighbors=3, random_state=0
                )
                print(
                    f"{d:>3} {n:>7} {'sklearn':>16} {sk - truth:>9.4f} {sk_time:>9.3f}"
                )
            for name, params in FAMILIES.items():
                if name not in registered or (name in QUADRATIC and n > 10_000):
                    continue
                if name == "binning" and d > 3:
                    continue  # bins^(2d) cells: not meaningful beyond a few dims
                value, t = timed(mt.mi, x, y, method=name, rng=0, **params)
                ratio = f"{t / sk_time:>9.2f}x" if sk_time else ""
                print(
                    f"{d:>3} {n:>7} {name:>16} {value - truth:>9.4f} {t:>9.3f} {ratio}"
                )


def ties() -> None:
    from mutinfo.estimators import KSG, MixedKSG

    print(f"{'levels':>6} {'rho':>4} {'plugin':>8} {'gao err':>8} {'ksg err':>8}")
    n = 5000
    for levels, scale in ((3, 1.0), (5, 1.0), (9, 2.0)):
        for rho in (0.5, 0.9):
            g = np.random.default_rng(1)
            x = g.standard_normal(n)
            y = rho * x + math.sqrt(1 - rho**2) * g.standard_normal(n)
            h = levels // 2
            x, y = (
                np.clip(np.round(scale * x), -h, h),
                np.clip(np.round(scale * y), -h, h),
            )
            plug = mt.mi(x, y, method="plugin", discrete=True)
            gao, _ = timed(MixedKSG(variant="gao").mi, x, y)
            ksg, _ = timed(KSG(rng=0).mi, x, y)
            errs = f"{gao - plug:>8.4f} {ksg - plug:>8.4f}"
            print(f"{levels:>6} {rho:>4} {plug:>8.4f} {errs}")


def gao_speed(n: int = 100_000) -> None:
    from mutinfo.estimators import KSG, MixedKSG

    for d in (1, 3):
        x, y, truth = gaussian_task(n, d)
        ksg, t_ksg = timed(KSG(rng=0).mi, x, y)
        gao, t_gao = timed(MixedKSG(variant="gao").mi, x, y)
        print(
            f"d={d} N={n}: ksg {t_ksg:.2f} s (err {ksg - truth:+.4f}), "
            f"gao {t_gao:.2f} s (err {gao - truth:+.4f}), ratio {t_gao / t_ksg:.2f}"
        )


def entropy_1d() -> None:
    from scipy.stats import differential_entropy

    laws = {
        "uniform(0,1)": (lambda g, n: g.uniform(size=n), 0.0),
        "normal": (
            lambda g, n: g.standard_normal(n),
            0.5 * math.log(2 * math.pi * math.e),
        ),
        "exponential": (lambda g, n: g.exponential(size=n), 1.0),
    }
    print(
        f"{'law':>13} {'N':>6} "
        + " ".join(f"{m:>9}" for m in ("kl", "vasicek", "ebrahimi", "scipy-v"))
    )
    for law, (draw, truth) in laws.items():
        for n in (100, 1000, 10_000):
            errs = {m: [] for m in ("kl", "vasicek", "ebrahimi", "scipy-v")}
            for seed in range(20):
                x = draw(np.random.default_rng(seed), n)
                for m in ("kl", "vasicek", "ebrahimi"):
                    errs[m].append(mt.entropy(x, method=m, rng=0) - truth)
                errs["scipy-v"].append(
                    differential_entropy(x, method="vasicek") - truth
                )
            rmse = {m: math.sqrt(float(np.mean(np.square(e)))) for m, e in errs.items()}
            print(f"{law:>13} {n:>6} " + " ".join(f"{rmse[m]:>9.4f}" for m in rmse))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--ties", action="store_true")
    parser.add_argument("--gao-speed", action="store_true")
    parser.add_argument("--entropy", action="store_true")
    args = parser.parse_args()
    if args.ties:
        ties()
    elif args.gao_speed:
        gao_speed()
    elif args.entropy:
        entropy_1d()
    elif args.quick:
        grid([1, 5], [1000, 10_000])
    else:
        grid([1, 2, 5, 10, 20], [1000, 10_000, 100_000])


if __name__ == "__main__":
    main()
