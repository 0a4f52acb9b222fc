"""Labels against a continuous Y given a continuous Z: scaling within the labels.

Run:

    PYTHONPATH=src python benchmarks/mixed_cmi_labels.py [--draws 3] [--quick]

``method="auto"`` gives ``cmi(labels, y, z)`` to ``mixed_ksg`` (Gao et al.'s
estimator with Mesner and Shalizi's CMI), which standardises each continuous
column before its max-norm neighbour search. It used to divide by the overall
standard deviation; differences between the label means inflate that of Y, so
Y shrank against Z and the kNN balls, square in (Y, Z), grew long in Y
relative to Y's within-label noise: the estimate smoothed the label mixture
away (50 Zipf labels, means spread by 10, n = 2000: 1.74 for a truth of
1.92). Now the scale is each column's spread about its label means, pooled
over the labels (:func:`mutinfo.estimators._guards.within_label_std`), so the
within-label geometry is the same whatever the means.

Data: labels L with P(L = j) proportional to ``1 / (j + 1) ** skew`` on K
values, class means ``mu_L ~ N(0, sep^2)`` (fixed per K), Y = mu_L + a Z + e,
Z and e independent N(0, 1). Then I(L; Y | Z) = I(L; mu_L + e), whose truth is
``h(sum_j p_j N(mu_j, 1)) - h(N(0, 1))`` by 1-D numerical integration; for
``mi`` (Y alone), the same with the noise variance ``1 + a^2``. The row
``z=labels`` is ``cmi(X, Y | L)`` with X = mu_L + e, Y = X + e': truth
``log(2) / 2`` (Gaussian within each label).

Columns (nats, mean over ``--draws`` draws): ``truth``; ``overall`` is the
former scaling (each continuous column divided by its overall std, then
``standardize=False``: the same numbers the estimator gave before);
``auto`` is ``mt.cmi(labels, y, z)`` now; ``raw`` is ``standardize=False`` on
the data as drawn (unit noise in Y and Z: the scale the truth prefers);
``mi`` is ``mt.mi(labels, y)`` (Ross's estimator, one column: invariant to the
scale, so unchanged) against its own truth ``mi_truth``; ``mi2`` is
``mt.mi(labels, [y, z])`` now and ``mi2_overall`` before (Ross's estimator
with two columns is not scale-invariant: the same bias, same fix), against
the truth of the ``mi`` column's I(L; Y) at a = 0 (Z independent).
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np

import mutinfo as mt


def mixture_mi(p: np.ndarray, mu: np.ndarray, s: float = 1.0) -> float:
    """I(L; mu_L + s e) = h(mixture) - h(N(0, s^2)), by numerical integration."""
    grid = np.linspace(mu.min() - 12 * s, mu.max() + 12 * s, 400_001)
    dx = grid[1] - grid[0]
    dens = np.zeros_like(grid)
    for pj, mj in zip(p, mu, strict=True):
        dens += pj * np.exp(-0.5 * ((grid - mj) / s) ** 2) / (s * np.sqrt(2 * np.pi))
    pos = dens > 0
    h = -float(np.sum(dens[pos] * np.log(dens[pos])) * dx)
    return h - 0.5 * float(np.log(2 * np.pi * np.e * s * s))


def _probs(k: int, skew: float) -> np.ndarray:
    p = 1.0 / np.arange(1, k + 1) ** skew
    return p / p.sum()


def _scaled(*cols: np.ndarray) -> list[np.ndarray]:
    return [c / c.std() for c in cols]


def _row(k: int, n: int, skew: float, sep: float, a: float, draws: int) -> None:
    p = _probs(k, skew)
    mu = np.random.default_rng(100 + k).normal(0.0, sep, k)
    truth = mixture_mi(p, mu)
    mi_truth = mixture_mi(p, mu, float(np.sqrt(1 + a * a)))
    got = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        lab = rng.choice(k, n, p=p)
        z = rng.normal(size=n)
        y = mu[lab] + a * z + rng.normal(size=n)
        ys, zs = _scaled(y, z)
        yz = np.column_stack([y, z])
        got.append(
            (
                mt.cmi(lab, ys, zs, standardize=False),
                mt.cmi(lab, y, z),
                mt.cmi(lab, y, z, standardize=False),
                mt.mi(lab, y),
                mt.mi(lab, yz),
                mt.mi(lab, np.column_stack([ys, zs]), standardize=False),
            )
        )
    m = np.mean(got, axis=0)
    print(
        f"{k:>3} {n:>5} {skew:>4} {sep:>4} {a:>3} | {truth:6.3f} {m[0]:8.3f} "
        f"{m[1]:6.3f} {m[2]:6.3f} | {mi_truth:8.3f} {m[3]:6.3f} | "
        f"{m[4]:6.3f} {m[5]:11.3f}"
    )


def _labels_in_z(k: int, n: int, skew: float, sep: float, draws: int) -> None:
    p = _probs(k, skew)
    mu = np.random.default_rng(100 + k).normal(0.0, sep, k)
    got = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        lab = rng.choice(k, n, p=p)
        x = mu[lab] + rng.normal(size=n)
        y = x + rng.normal(size=n)
        xs, ys = _scaled(x, y)
        got.append(
            (
                mt.cmi(xs, ys, lab, standardize=False),
                mt.cmi(x, y, lab),
                mt.cmi(x, y, lab, standardize=False),
            )
        )
    m = np.mean(got, axis=0)
    print(
        f"{k:>3} {n:>5} {skew:>4} {sep:>4} z=labels | {np.log(2) / 2:6.3f} "
        f"{m[0]:8.3f} {m[1]:6.3f} {m[2]:6.3f}"
    )


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer rows")
    args = parser.parse_args()
    warnings.simplefilter("ignore", mt.exceptions.MutinfoWarning)
    print(
        "  K     n skew  sep   a |  truth  overall   auto    raw | "
        "mi_truth     mi |    mi2 mi2_overall"
    )
    ks = (2, 10, 50)
    ns = (500, 2000)
    skews = (0.0, 1.0) if args.quick else (0.0, 1.0, 1.5)
    seps = (10.0,) if args.quick else (3.0, 10.0)
    for k in ks:
        for n in ns:
            for skew in skews:
                for sep in seps:
                    _row(k, n, skew, sep, 0.0, args.draws)
    for a in (1.0, 3.0):  # Y and Z dependent
        _row(50, 2000, 1.0, 10.0, a, args.draws)
    _row(50, 2000, 1.0, 20.0, 0.0, args.draws)
    for k, n in ((10, 2000), (50, 2000)):
        _labels_in_z(k, n, 1.0, 10.0, args.draws)


if __name__ == "__main__":
    main()
