"""The evidence for ``discrete="auto"``'s integer rule and for the atom/tie test.

Run:

    PYTHONPATH=src python benchmarks/integer_rule.py          # integer columns
    PYTHONPATH=src python benchmarks/integer_rule.py --ties   # + atoms vs ties

The first table lists integer columns that must read as labels or as
measurements (issue 21), with the numbers the rule looks at (rows, distinct
values, range, the distinct values an even spread of the rows over the range
would give) and the reading :func:`mutinfo._validation.integer_column_is_discrete`
takes. The second lists tied float columns with the share of rows on atoms
(:func:`mutinfo._ties.atom_fraction`), whether :func:`mutinfo._ties.has_atoms`
calls them atoms, and ``ksg`` beside ``mixed_ksg`` (mean over ``--reps`` seeds)
against the truth, to show which estimator each kind of tie wants.
"""

from __future__ import annotations

import argparse
import warnings
from typing import Any

import numpy as np

import mutinfo as mt
from mutinfo._ties import atom_fraction, has_atoms
from mutinfo._validation import _integers_are_labels, summarize_integers
from mutinfo.datasets import gao_mixture, load_wine

RHO = 0.8
GAUSS_MI = -0.5 * np.log(1 - RHO**2)


def _gauss(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out: np.ndarray = rng.multivariate_normal([0, 0], [[1, RHO], [RHO, 1]], size=n)
    return out


def _zipf(k: int, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, k + 1)
    x = rng.choice(k, size=n, p=p / p.sum())
    y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
    return np.column_stack([x, y])


def integer_cases() -> list[tuple[str, str, np.ndarray]]:
    """(name, wanted reading, column) for the cases the rule must separate."""
    wine = load_wine()
    rng = np.random.default_rng(0)
    cases = [
        ("gaussian x100 rounded, n=5000", "continuous", _gauss(5000, 0)[:, 0] * 100),
        ("gaussian x100 rounded, n=50000", "continuous", _gauss(50000, 1)[:, 0] * 100),
        ("gaussian x100 rounded, n=300", "continuous", _gauss(300, 2)[:, 0] * 100),
        ("wine proline (178 rows)", "continuous", wine["proline"].to_numpy()),
        (
            "lognormal income in dollars, n=200",
            "continuous",
            np.exp(10 + 0.5 * rng.normal(size=200)),
        ),
        ("wine magnesium (178 rows)", "either", wine["magnesium"].to_numpy()),
        ("zipf 40 symbols, N=100 (x)", "labels", _zipf(40, 100, 0)[:, 0]),
        ("zipf 40 symbols, N=100 (y)", "labels", _zipf(40, 100, 0)[:, 1]),
        (
            "zipf 40 symbols, N=100 (densest of 20 seeds)",
            "labels",
            max(
                (_zipf(40, 100, s)[:, 1] for s in range(20)),
                key=lambda c: np.unique(c).size,
            ),
        ),
        ("NSB alphabet 100, uniform, n=100", "labels", rng.integers(0, 100, 100)),
        ("NSB alphabet 100, uniform, n=10000", "labels", rng.integers(0, 100, 10000)),
        ("NSB alphabet 100, zipf, n=1000", "labels", _zipf(100, 1000, 1)[:, 0]),
        ("1000 symbols, 200 draws", "labels", rng.integers(0, 1000, 200)),
        ("100000 symbols, 1000 draws", "labels", rng.integers(0, 100000, 1000)),
        ("400 symbols, n=2000", "labels", rng.integers(0, 400, 2000)),
        ("Likert 1..5, n=1000", "labels", rng.integers(1, 6, 1000)),
        ("Poisson(50) counts, n=1000", "either", rng.poisson(50, 1000)),
        (
            "ids near 2**60, n=1000",
            "labels",
            (2**60 + rng.integers(0, 10**9, 1000, dtype=np.int64) * 997),
        ),
        ("uniform integer noise 0..999, n=5000", "either", rng.integers(0, 1000, 5000)),
    ]
    return [(name, want, np.round(col).astype(np.int64)) for name, want, col in cases]


def print_integers() -> int:
    """Print the integer table; return the number of cases read against ``want``."""
    header = (
        f"{'case':<46} {'n':>6} {'distinct':>8} {'range':>19} {'even':>8} "
        f"{'iqr/rng':>7} {'want':>10} {'rule':>10}"
    )
    print(header)
    print("-" * len(header))
    wrong = 0
    for name, want, col in integer_cases():
        s = summarize_integers(col)
        got = "labels" if _integers_are_labels(s) else "continuous"
        bad = want not in ("either", got)
        wrong += bad
        span = f"{s.low}..{s.high}"
        if len(span) > 19:
            span = f"span {s.span:.2e}"
        print(
            f"{name:<46} {s.n_samples:>6} {s.n_distinct:>8} {span:>19} "
            f"{s.even_distinct:>8.0f} {s.middle_half / max(s.span - 1, 1):>7.2f} "
            f"{want:>10} {got:>10}{'  <- WRONG' if bad else ''}"
        )
    return wrong


def tie_cases(n_rep: int) -> None:
    """Print atoms vs quantisation ties, with ksg and mixed_ksg beside the truth."""
    cases = []
    for label, n, f in [
        ("gaussian rounded to 1 decimal", 300, lambda z: np.round(z, 1)),
        ("gaussian rounded to 2 decimals", 300, lambda z: np.round(z, 2)),
        ("gaussian x100 rounded (integers)", 5000, lambda z: np.round(100 * z)),
        ("gaussian x3 rounded (19 values)", 300, lambda z: np.round(3 * z)),
    ]:
        cases.append((f"{label}, n={n}", n, f, GAUSS_MI, "<= " + f"{GAUSS_MI:.3f}"))

    def gao(n: int, seed: int) -> np.ndarray:
        x, y = gao_mixture().sample(n, rng=seed)
        return np.column_stack([x, y]).astype(float)

    def zero_inflated(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed + 1000)
        z = _gauss(n, seed)
        return np.where(rng.random((n, 2)) < 0.3, 0.0, z)

    def discrete5(n: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        x = rng.integers(0, 5, n)
        y = np.where(rng.random(n) < 0.6, x, rng.integers(0, 5, n))
        return np.column_stack([x, y]).astype(float)

    header = (
        f"{'case':<44} {'atom rows':>9} {'atoms?':>6} {'ksg':>7} {'mixed_ksg':>9} "
        f"{'truth':>8}"
    )
    print(header)
    print("-" * len(header))
    rows = [
        (name, n, lambda n, s, f=f: f(_gauss(n, s)), truth)
        for name, n, f, _, truth in cases
    ]
    rows += [
        ("gao mixture, n=2000", 2000, gao, f"{gao_mixture().mutual_information:.3f}"),
        ("zero-inflated gaussian (0.3), n=2000", 2000, zero_inflated, "see atoms"),
        ("5 float values, 60 % copy, n=300", 300, discrete5, "0.539"),
    ]
    for name, n, sample, truth in rows:
        ks, mk = [], []
        for seed in range(n_rep):
            data = sample(n, seed)
            ks.append(mt.mi(data[:, 0], data[:, 1], method="ksg", rng=seed))
            mk.append(mt.mi(data[:, 0], data[:, 1], method="mixed_ksg", rng=seed))
        data = sample(n, 0)
        frac = max(atom_fraction(data[:, 0]), atom_fraction(data[:, 1]))
        print(
            f"{name:<44} {frac:>9.3f} {has_atoms(data)!s:>6} {np.mean(ks):>7.3f} "
            f"{np.mean(mk):>9.3f} {truth:>8}"
        )


# --------------------------------------------------------------------------- #
# Readings: what labels and numbers give on integer columns of 10-100 values
# --------------------------------------------------------------------------- #
def _plugin_mi(joint: np.ndarray) -> float:
    """Exact MI (nats) of a joint pmf table."""
    p = joint / joint.sum()
    px, py = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    i, j = np.nonzero(p)
    ratio = np.log(p[i, j]) - np.log(px[i, 0]) - np.log(py[0, j])
    return float(np.sum(p[i, j] * ratio))


def _gauss_cells(edges_x: np.ndarray, edges_y: np.ndarray, rho: float) -> float:
    """Exact MI of a Gaussian pair cut at edges given in z-space (quadrature)."""
    from scipy.stats import norm

    z = np.linspace(-9, 9, 36001)
    w = norm.pdf(z) * (z[1] - z[0])
    s = np.sqrt(1 - rho**2)
    cy = norm.cdf((edges_y[None, :] - rho * z[:, None]) / s)
    py_given = np.diff(cy, axis=1)  # (z, y-cell)
    cell = np.searchsorted(edges_x, z) - 1
    cell = np.clip(cell, 0, edges_x.size - 2)
    joint = np.zeros((edges_x.size - 1, edges_y.size - 1))
    np.add.at(joint, cell, w[:, None] * py_given)
    return _plugin_mi(joint)


def _rounded_edges(scale: float, to_z: Any) -> np.ndarray:
    """z-space edges of the cells of round(scale * v) where v = to_v(z)."""
    k = np.arange(-400, 401)
    edges = to_z((k + 0.5) / scale)
    return np.concatenate([[-np.inf], edges[np.isfinite(edges)], [np.inf]])


def rounded_gauss(scale: float) -> tuple[Any, float]:
    def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        z = _gauss(n, seed)
        return np.round(scale * z[:, 0]), np.round(scale * z[:, 1])

    edges = _rounded_edges(scale, lambda v: v)
    return sample, _gauss_cells(edges, edges, RHO)


def rounded_exponential(scale: float) -> tuple[Any, float]:
    """Exp(1) marginals joined by a Gaussian copula (rho 0.8), round(scale * v)."""
    from scipy.stats import norm

    def to_v(z: np.ndarray) -> np.ndarray:
        return -np.log(norm.sf(z))

    def to_z(v: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(v > 0, norm.isf(np.exp(-np.maximum(v, 0))), -np.inf)

    def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        z = _gauss(n, seed)
        return np.round(scale * to_v(z[:, 0])), np.round(scale * to_v(z[:, 1]))

    edges = np.unique(_rounded_edges(scale, to_z))
    return sample, _gauss_cells(edges, edges, RHO)


def poisson_pair(lam: float, share: float = 0.6) -> tuple[Any, float]:
    """X = A + C, Y = B + C with Poisson A, B (lam (1-share)) and C (lam share)."""
    from scipy.stats import poisson

    top = int(lam + 12 * np.sqrt(lam) + 20)
    pa = poisson.pmf(np.arange(top), lam * (1 - share))
    pc = poisson.pmf(np.arange(top), lam * share)
    joint = np.zeros((top, top))
    for c in range(top):
        if pc[c] < 1e-16:
            continue
        joint[c:, c:] += pc[c] * np.outer(pa[: top - c], pa[: top - c])

    def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        c = rng.poisson(lam * share, n)
        a = rng.poisson(lam * (1 - share), n)
        b = rng.poisson(lam * (1 - share), n)
        return a + c, b + c

    return sample, _plugin_mi(joint)


def categorical_pair(k: int, q: float, zipf: bool, ranked: bool) -> tuple[Any, float]:
    """Codes 0..k-1; Y = perm(X) w.p. q, else uniform; X uniform or Zipf.

    ``ranked`` keeps the Zipf codes in frequency order and Y = X (the
    discrete benchmarks' channel); otherwise both are shuffled codes.
    """
    p = 1.0 / np.arange(1, k + 1) if zipf else np.ones(k)
    p = p / p.sum()
    perm = np.arange(k) if ranked else np.random.default_rng(123).permutation(k)
    order = np.arange(k) if ranked else np.random.default_rng(7).permutation(k)
    px = np.empty(k)
    px[order] = p
    joint = (1 - q) * np.outer(px, np.full(k, 1.0 / k))
    joint[np.arange(k), perm] += q * px

    def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(seed)
        x = rng.choice(k, size=n, p=px)
        y = np.where(rng.random(n) < q, perm[x], rng.integers(0, k, n))
        return x, y

    return sample, _plugin_mi(joint)


def _population(x: np.ndarray, y: np.ndarray) -> tuple[Any, float]:
    """Subsample rows of a real table; truth: Grassberger on all its rows."""
    x = np.asarray(x, dtype=np.int64)
    y = np.asarray(y, dtype=np.int64)
    ref = mt.mi(x, y, method="grassberger", discrete=True)

    def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
        if 2 * n > x.size:  # a subsample of most rows is not a fresh draw
            raise ValueError(n)
        rows = np.random.default_rng(seed).choice(x.size, n, replace=False)
        return x[rows], y[rows]

    return sample, ref


def real_cases() -> list[tuple[str, str, Any, float, str]]:
    out: list[tuple[str, str, Any, float, str]] = []
    try:
        import statsmodels.api as sm

        anes = sm.datasets.anes96.load_pandas().data
        age, income = anes["age"].to_numpy(), anes["income"].to_numpy()
        sample, ref = _population(age, income)
        out.append(("anes96 age (71) x income (24)", "numbers", sample, ref, "full"))
    except ImportError:
        pass
    try:
        from sklearn.datasets import load_digits

        pix = load_digits().data.astype(np.int64)
        for a, b in [(20, 21), (36, 44)]:
            sample, ref = _population(pix[:, a], pix[:, b])
            name = f"digits pixels {a} x {b} (0..16)"
            out.append((name, "numbers", sample, ref, "full"))
    except ImportError:
        pass
    return out


def reading_cases() -> list[tuple[str, str, Any, float, str]]:
    """(name, kind, sampler, truth, truth source) for the readings table."""
    cases: list[tuple[str, str, Any, float, str]] = []
    for scale in (2.5, 5.0, 15.0):
        sample, truth = rounded_gauss(scale)
        cases.append(
            (f"gauss rho .8 round({scale:g}x)", "numbers", sample, truth, "exact")
        )
    for scale in (3.0, 10.0):
        sample, truth = rounded_exponential(scale)
        cases.append(
            (f"exp copula .8 round({scale:g}x)", "numbers", sample, truth, "exact")
        )
    for lam in (5.0, 20.0, 50.0):
        sample, truth = poisson_pair(lam)
        cases.append(
            (f"poisson lam {lam:g} shared .6", "numbers", sample, truth, "exact")
        )
    for k, q, zipf in [
        (20, 0.5, False),
        (50, 0.5, False),
        (100, 0.5, False),
        (40, 0.5, True),
    ]:
        sample, truth = categorical_pair(k, q, zipf, ranked=False)
        kind = "zipf" if zipf else "unif"
        name = f"codes {kind} K={k} perm q={q:g}"
        cases.append((name, "labels", sample, truth, "exact"))
    sample, truth = categorical_pair(40, 0.5, True, ranked=True)
    cases.append(("codes zipf K=40 ranked, Y=X q=.5", "labels", sample, truth, "exact"))
    return cases + real_cases()


def _reading(
    x: np.ndarray, y: np.ndarray, discrete: bool, seed: int
) -> tuple[float, str]:
    res = mt.estimate("mi", x, y, discrete=discrete, rng=seed)
    return res.value, res.method


def print_readings(sizes: list[int], draws: int) -> None:
    """RMSE of each reading against the truth, with what the rule reads now."""
    header = (
        f"{'case':<36} {'n':>5} {'K':>7} {'n/K':>5} {'truth':>6} {'rule':>7} "
        f"{'labels bias/rmse':>17} {'method':<17} {'numbers bias/rmse':>17} "
        f"{'method':<17} {'is':>7} {'best':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, kind, sample, truth, _ in reading_cases():
        for n in sizes:
            try:
                sample(n, 0)
            except ValueError:
                continue
            lab, num, ks, m_lab, m_num = [], [], [], set(), set()
            rule = set()
            for seed in range(draws):
                x, y = sample(n, seed)
                x, y = np.asarray(x, np.int64), np.asarray(y, np.int64)
                ks.append(max(np.unique(x).size, np.unique(y).size))
                rule.add(
                    "labels"
                    if _integers_are_labels(summarize_integers(x))
                    and _integers_are_labels(summarize_integers(y))
                    else "numbers"
                )
                v, m = _reading(x, y, True, seed)
                lab.append(v)
                m_lab.add(m)
                v, m = _reading(x, y, False, seed)
                num.append(v)
                m_num.add(m)
            rl = float(np.sqrt(np.mean((np.array(lab) - truth) ** 2)))
            rn = float(np.sqrt(np.mean((np.array(num) - truth) ** 2)))
            bl = float(np.mean(lab) - truth)
            bn = float(np.mean(num) - truth)
            best = "labels" if rl < rn else "numbers"
            kmin, kmax = min(ks), max(ks)
            kk = f"{kmin}-{kmax}" if kmin != kmax else f"{kmin}"
            print(
                f"{name:<36} {n:>5} {kk:>7} {n / kmax:>5.1f} {truth:>6.3f} "
                f"{'/'.join(sorted(rule)):>7} "
                f"{bl:>+7.3f}/{rl:<5.3f} {'/'.join(sorted(m_lab))[:17]:<17} "
                f"{bn:>+7.3f}/{rn:<5.3f} {'/'.join(sorted(m_num))[:17]:<17} "
                f"{kind:>7} {best:>7}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ties", action="store_true", help="also atoms vs ties")
    parser.add_argument("--reps", type=int, default=5, help="seeds per tie case")
    parser.add_argument(
        "--readings", action="store_true", help="also labels vs numbers, 10-100 values"
    )
    parser.add_argument("--draws", type=int, default=8, help="draws per readings row")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 200, 1000], help="readings n"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore", mt.MutinfoWarning)
    wrong = print_integers()
    print(f"\ncases read against their wanted reading: {wrong}")
    if args.ties:
        print()
        tie_cases(args.reps)
    if args.readings:
        print()
        print_readings(args.sizes, args.draws)


if __name__ == "__main__":
    main()
