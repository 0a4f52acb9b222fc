"""Small and conditional discrete tables: bias and RMSE of each family and of auto.

Run: ``PYTHONPATH=src python benchmarks/discrete_small_tables.py``. The evidence
for the two refinements of ``mutinfo._rules.choose_discrete_family`` (Miller-Madow
on small well-sampled tables; no James-Stein for CMI): independent 2 x 2 tables
and XOR's CMI at n = 20-100, a uniform 8 x 8 channel, and a chain CMI on 8 x 8 x 8.
Each line: ``family bias/RMSE`` in nats over the draws, then ``auto``'s choice.
"""

import warnings
from itertools import product

import numpy as np

import mutinfo as mt

warnings.simplefilter("ignore")
M = ["plugin", "miller_madow", "grassberger", "james_stein", "nsb"]


def run(name, gen, truth, measure, draws=60):
    errs = {m: [] for m in M}
    auto = []
    rng = np.random.default_rng(0)
    for _ in range(draws):
        args = gen(rng)
        for m in M:
            f = mt.mi if measure == "mi" else mt.cmi
            errs[m].append(f(*args, method=m, discrete=True) - truth)
        r = mt.estimate(measure, *args, discrete=True)
        auto.append((r.value - truth, r.method))
    row = "  ".join(
        f"{m} {np.mean(e):+.3f}/{np.sqrt(np.mean(np.square(e))):.3f}"
        for m, e in errs.items()
    )
    a = np.array([v for v, _ in auto])
    meth = sorted({mm for _, mm in auto})
    print(
        f"{name}: {row}  | auto {meth} {a.mean():+.3f}/{np.sqrt(np.mean(a**2)):.3f}",
        flush=True,
    )


for n in (20, 40, 100):
    run(
        f"indep 2x2 n={n}",
        lambda r, n=n: (r.integers(0, 2, n), r.integers(0, 2, n)),
        0.0,
        "mi",
    )
for n in (20, 40, 100):

    def g(r, n=n):
        a, b = r.integers(0, 2, n), r.integers(0, 2, n)
        return (a, a ^ b, b)

    run(f"xor cmi n={n}", g, np.log(2), "cmi")
for n in (50, 100, 300):

    def g(r, n=n):
        x = r.integers(0, 8, n)
        y = np.where(r.random(n) < 0.6, x, r.integers(0, 8, n))
        return (x, y)

    px = np.full(8, 1 / 8)
    pxy = np.diag(np.full(8, 0.6 / 8)) + 0.4 / 64
    t = float(np.sum(pxy * np.log(pxy / (px[:, None] * px[None, :]))))
    run(f"8x8 uniform channel n={n}", g, t, "mi")


def g(r, n=500):
    z = r.integers(0, 8, n)
    x = (z + r.integers(0, 3, n)) % 8
    y = (x + r.integers(0, 3, n)) % 8
    return (x, y, z)


# truth by exact computation
p = np.zeros((8, 8, 8))
for z, a, b in product(range(8), range(3), range(3)):
    x = (z + a) % 8
    y = (x + b) % 8
    p[x, y, z] += 1 / 8 / 9
pz = p.sum((0, 1))
pxz = p.sum(1)
pyz = p.sum(0)
m = p > 0
t = float(
    np.sum(
        p[m]
        * np.log((p * pz[None, None, :])[m] / (pxz[:, None, :] * pyz[None, :, :])[m])
    )
)
run("8x8x8 cmi chain n=500", g, t, "cmi", draws=30)
