"""Gao et al.'s bias from ties at the kNN radius, against the statistic it warns on.

``mixed_ksg`` (Gao variant) reads exact ties as point masses; values of a
continuous quantity that repeat (a reading grid, duplicated records) bias it
only where the row's kNN radius lands on the grid of the values: the rows tied
at exactly the radius drop out of the strict marginal counts. The statistic
(:func:`mutinfo.estimators.mixed._tie_bias`) is the upward bias that the
estimator's own kNN search predicts: rows with exact copies among their k
neighbours, and rows whose radius a continuous column sets at a value (or its
mirror) that other rows hold too; it warns from ``mixed.TIE_BIAS``. The bias
is the estimate less that of the same draw before rounding / duplication (3
draws, mean), so the information lost by a coarse grid does not count as bias.

Run: ``PYTHONPATH=src python benchmarks/gao_radius_ties.py`` (about a minute).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

import numpy as np

from mutinfo._validation import Variable
from mutinfo.estimators import mixed

SETTINGS = {"k": 3, "standardize": True, "algorithm": "auto"}
Case = Callable[[int, np.random.Generator], tuple[list[np.ndarray], list[np.ndarray]]]


def _pair(n: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = g.normal(size=n)
    return x, np.sqrt(0.5) * x + np.sqrt(0.5) * g.normal(size=n)


def _grid(v: np.ndarray, step: float) -> np.ndarray:
    spread = float(np.std(v))
    return np.round(v / (step * spread)) * (step * spread)


def rounded(step: float, both: bool = True) -> Case:
    def make(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
        x, y = _pair(n, g)
        return [x, y], [_grid(x, step), _grid(y, step) if both else y]

    return make


def duplicated(share: float) -> Case:
    def make(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
        x, y = _pair(n, g)
        m = round(share * n)
        return [x, y], [np.r_[x, x[:m]], np.r_[y, y[:m]]]

    return make


def zeros(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
    x, y = _pair(n, g)
    return [x, y], [np.where(g.random(n) < 0.3, 0.0, x), y]


def gao_mixture(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
    x, y = _pair(n, g)
    on = g.random(n) < 0.5
    d = g.choice([-1.0, 1.0], size=n)
    return [x, y], [np.where(on, d, x), np.where(on, d, y)]


def cmi_labels(step: float) -> Case:
    def make(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
        u = g.normal(size=n)
        x = u + g.normal(size=n)
        y = u + g.normal(size=n)
        z = np.digitize(u + g.normal(size=n), [-1.0, 0.0, 1.0])
        return [x, y, z], [_grid(x, step), y, z]

    return make


def cmi_continuous(step: float) -> Case:
    def make(n: int, g: np.random.Generator):  # type: ignore[no-untyped-def]
        u = g.normal(size=n)
        x = u + g.normal(size=n)
        y = u + g.normal(size=n)
        z = u + g.normal(size=n)
        return [x, y, z], [_grid(x, step), _grid(y, step), _grid(z, step)]

    return make


CASES: list[tuple[str, Case, tuple[int, ...]]] = [
    ("pair to 0.001", rounded(0.001), (500, 5000)),
    ("pair to 0.01", rounded(0.01), (200, 500, 2000, 5000)),
    ("pair to 0.1", rounded(0.1), (200, 500, 2000, 5000)),
    ("pair to 1/3", rounded(1 / 3), (200, 500, 2000, 5000)),
    ("x to 1/3, y continuous", rounded(1 / 3, both=False), (500, 4000)),
    ("x to 0.1, y continuous", rounded(0.1, both=False), (500, 4000)),
    ("10% of rows twice", duplicated(0.1), (200, 500, 2000)),
    ("5% of rows twice", duplicated(0.05), (500, 2000)),
    ("every row twice", duplicated(1.0), (200, 500, 2000)),
    ("30% zeros in x", zeros, (500, 2000)),
    ("Gao's mixture", gao_mixture, (500, 2000)),
    ("cmi | labels, x to 0.001", cmi_labels(0.001), (2000,)),
    ("cmi | labels, x to 0.01", cmi_labels(0.01), (2000,)),
    ("cmi | labels, x to 0.1", cmi_labels(0.1), (2000,)),
    ("cmi, xyz to 0.01", cmi_continuous(0.01), (2000,)),
    ("cmi, xyz to 0.1", cmi_continuous(0.1), (2000,)),
]


def _gao(data: list[np.ndarray]) -> tuple[float, float]:
    """Return Gao's estimate (nats) and the bias that its kNN search predicts."""
    vs = [
        Variable(f"v{i}", d.astype(np.float64).reshape(-1, 1), (d.dtype.kind in "iu",))
        for i, d in enumerate(data)
    ]
    ties: list[tuple[float, float]] = []
    if len(vs) == 2:
        est = mixed.gao_mi(vs[0], vs[1], ties=ties, **SETTINGS)
    else:
        est = mixed.gao_cmi(vs[0], vs[1], vs[2], ties=ties, **SETTINGS)
    return est.value, sum(ties[0])


def table(draws: int = 3) -> None:
    """Print, per case, the mean estimate, bias and predicted bias over draws."""
    print(f"{'case':28s} {'n':>5s} {'value':>6s} {'bias':>7s} {'predicted':>9s} warns")
    for name, make, sizes in CASES:
        for n in sizes:
            bias, predicted, value = [], [], []
            for seed in range(draws):
                clean, tied = make(n, np.random.default_rng(seed))
                v, p = _gao(tied)
                bias.append(v - _gao(clean)[0])
                predicted.append(p)
                value.append(v)
            p = float(np.mean(predicted))
            print(
                f"{name:28s} {n:5d} {np.mean(value):6.3f} {np.mean(bias):+7.3f} "
                f"{p:9.3f} {'yes' if p >= mixed.TIE_BIAS else 'no'}",
                flush=True,
            )


def _best(f: Callable[[], object], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def timing() -> None:
    """Print Gao's time without and with the tie check (best of 15)."""
    g = np.random.default_rng(0)
    for n in (10_000, 100_000):
        x, y = _pair(n, g)
        for label, (a, b) in {
            "continuous": (x, y),
            "read to 0.01": (_grid(x, 0.01), _grid(y, 0.01)),
        }.items():
            vx = Variable("x", a.reshape(-1, 1), (False,))
            vy = Variable("y", b.reshape(-1, 1), (False,))
            plain = _best(lambda vx=vx, vy=vy: mixed.gao_mi(vx, vy, **SETTINGS))
            checked = _best(
                lambda vx=vx, vy=vy: mixed.gao_mi(vx, vy, ties=[], **SETTINGS)
            )
            print(
                f"n = {n:6d} {label:12s}: Gao {plain:.3f} s, with the tie check "
                f"{checked:.3f} s (+{checked / plain - 1:.0%})"
            )


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    table()
    timing()
