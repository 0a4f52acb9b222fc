"""MI of a label with itself (or a relabelling): ``auto``'s MI against its entropy.

Run: ``PYTHONPATH=src python benchmarks/discrete_self_mi.py``. For a one-to-one
table every counting family's MI is its entropy of X (the three tables have the
same counts), so ``I(X; X) = H(X)`` is an entropy estimate, and the question is
only which family ``auto`` uses. X is uniform or Zipf (exponent 1) over ``k``
values, ``n`` rows, Y a relabelling of X; truth ``H(X)``. Each line: the
case, then bias/RMSE (nats, 30 draws) of ``auto``'s MI and of ``auto``'s entropy,
with the families they chose; the last line gives the worst and mean RMSE.
"""

import warnings

import numpy as np

import mutinfo as mt

warnings.simplefilter("ignore")
DRAWS = 30


def pmf(kind, k):
    p = np.ones(k) if kind == "uniform" else 1.0 / np.arange(1, k + 1)
    return p / p.sum()


rmse = {"mi": [], "entropy": []}
for kind in ("uniform", "zipf"):
    for k in (2, 3, 4, 8, 20, 100, 1000):
        for n in (10, 20, 50, 100, 300, 1000):
            p = pmf(kind, k)
            truth = float(-(p * np.log(p)).sum())
            rng = np.random.default_rng(0)
            err = {"mi": [], "entropy": []}
            chosen = {"mi": set(), "entropy": set()}
            for _ in range(DRAWS):
                x = rng.choice(k, size=n, p=p)
                y = 3 * x + 1  # a relabelling
                for measure, args in (("mi", (x, y)), ("entropy", (x,))):
                    res = mt.estimate(measure, *args, discrete=True)
                    err[measure].append(res.value - truth)
                    chosen[measure].add(res.method)
            cells = []
            for measure, e in err.items():
                e = np.asarray(e)
                r = float(np.sqrt(np.mean(e**2)))
                rmse[measure].append(r)
                cells.append(
                    f"{measure} {e.mean():+.3f}/{r:.3f} {sorted(chosen[measure])}"
                )
            print(f"{kind} k={k} n={n} H={truth:.3f}: " + "  ".join(cells), flush=True)
print(
    "worst/mean RMSE: "
    + "  ".join(f"{m} {max(v):.3f}/{np.mean(v):.3f}" for m, v in rmse.items())
)
