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
Below ``mixed.TIE_BIAS`` it also warns on fine ties where the predicted bias is
``mixed.TIE_BIAS_ERRORS`` standard errors of the estimate (``se`` column: the
predicted bias over the std of the local values / sqrt(n)) and at least
``mixed.TIE_BIAS_FLOOR``; ``warns`` is whether ``mt.estimate`` warned.

``drift()``: the pair read to 0.001 / 0.01 / 0.05 of its spread at n = 2000 to
50000 against the same draw unrounded, ``ksg`` and ``mixed_atoms`` (one draw):
at large n the kNN radius shrinks towards the step, and n = 20000 read to 0.001
gave 0.38 against ``ksg``'s 0.349 before the standard-error rule warned.

Run: ``PYTHONPATH=src python benchmarks/gao_radius_ties.py`` (about a minute).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable

import numpy as np

import mutinfo as mt
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
    ("pair to 0.001", rounded(0.001), (500, 5000, 10000, 20000, 50000)),
    ("pair to 0.01", rounded(0.01), (200, 500, 2000, 5000)),
    ("pair to 0.1", rounded(0.1), (200, 500, 2000, 5000)),
    ("pair to 1/3", rounded(1 / 3), (200, 500, 2000, 5000, 20000)),
    ("x to 1/3, y continuous", rounded(1 / 3, both=False), (500, 4000)),
    ("x to 0.1, y continuous", rounded(0.1, both=False), (500, 4000)),
    ("10% of rows twice", duplicated(0.1), (200, 500, 2000)),
    ("5% of rows twice", duplicated(0.05), (500, 2000)),
    ("every row twice", duplicated(1.0), (200, 500, 2000)),
    ("30% zeros in x", zeros, (500, 2000)),
    ("Gao's mixture", gao_mixture, (500, 2000, 20000)),
    ("cmi | labels, x to 0.001", cmi_labels(0.001), (2000,)),
    ("cmi | labels, x to 0.01", cmi_labels(0.01), (2000,)),
    ("cmi | labels, x to 0.1", cmi_labels(0.1), (2000,)),
    ("cmi, xyz to 0.01", cmi_continuous(0.01), (2000,)),
    ("cmi, xyz to 0.1", cmi_continuous(0.1), (2000,)),
]


def _variables(data: list[np.ndarray]) -> list[Variable]:
    return [
        Variable(f"v{i}", d.astype(np.float64).reshape(-1, 1), (d.dtype.kind in "iu",))
        for i, d in enumerate(data)
    ]


def _gao(data: list[np.ndarray]) -> tuple[float, float, float]:
    """Return Gao's estimate (nats), the bias its kNN search predicts, and its se."""
    vs = _variables(data)
    ties: list[tuple[float, float]] = []
    if len(vs) == 2:
        est = mixed.gao_mi(vs[0], vs[1], ties=ties, **SETTINGS)
    else:
        est = mixed.gao_cmi(vs[0], vs[1], vs[2], ties=ties, **SETTINGS)
    return est.value, sum(ties[0]), mixed._standard_error(est.local)


def _warns(data: list[np.ndarray]) -> bool:
    """Whether ``mixed_ksg`` warns of ties (BiasWarning naming point masses)."""
    measure = "mi" if len(data) == 2 else "cmi"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.estimate(measure, *data, method="mixed_ksg", variant="gao")
    return any("exact ties as point masses" in str(w.message) for w in caught)


def table(draws: int = 3) -> None:
    """Print, per case, the mean estimate, bias and predicted bias over draws."""
    print(
        f"{'case':28s} {'n':>5s} {'value':>6s} {'bias':>7s} {'predicted':>9s} "
        f"{'se':>5s} warns"
    )
    for name, make, sizes in CASES:
        for n in sizes:
            bias, predicted, value, errors, warned = [], [], [], [], []
            for seed in range(draws):
                clean, tied = make(n, np.random.default_rng(seed))
                v, p, se = _gao(tied)
                bias.append(v - _gao(clean)[0])
                predicted.append(p)
                value.append(v)
                errors.append(p / se)
                warned.append(_warns(tied))
            p = float(np.mean(predicted))
            says = "yes" if all(warned) else "some" if any(warned) else "no"
            print(
                f"{name:28s} {n:5d} {np.mean(value):6.3f} {np.mean(bias):+7.3f} "
                f"{p:9.3f} {np.mean(errors):5.1f} {says}",
                flush=True,
            )


def drift(sizes: tuple[int, ...] = (2000, 5000, 20000, 50000)) -> None:
    """Print the pair read to fine grids at large n (one draw, seed 0)."""
    print(
        f"\n{'step':>6s} {'n':>6s} {'unrounded':>9s} {'gao':>6s} {'predicted':>9s} "
        f"{'se':>5s} {'ksg':>6s} {'atoms':>6s} warns"
    )
    for step in (0.001, 0.01, 0.05):
        for n in sizes:
            clean, tied = rounded(step)(n, np.random.default_rng(0))
            v, p, se = _gao(tied)
            ksg = mt.mi(*tied, method="ksg", rng=0)
            atoms = mt.mi(*tied, method="mixed_atoms", rng=0)
            print(
                f"{step:6g} {n:6d} {_gao(clean)[0]:9.3f} {v:6.3f} {p:9.3f} "
                f"{p / se:5.1f} {ksg:6.3f} {atoms:6.3f} "
                f"{'yes' if _warns(tied) else 'no'}",
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
    drift()
    timing()
