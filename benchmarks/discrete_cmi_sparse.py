"""Conditional MI of labels with few rows per state of the condition.

Run: ``PYTHONPATH=src python benchmarks/discrete_cmi_sparse.py``. X and Y take
``k`` values, Z takes ``kz`` values with ``r`` rows per state on average
(``n = r kz``). Within each state of Z, Y copies X with probability ``q``
(else uniform), so the truth is the MI of that channel for every state; ``q =
0`` is conditional independence (truth 0). Each line: the table, the truth,
then ``family bias/RMSE`` in nats over the draws and ``auto``'s choices; the
last lines give each family's worst RMSE over all cases.
"""

import warnings

import numpy as np

import mutinfo as mt

warnings.simplefilter("ignore")
M = ["plugin", "miller_madow", "grassberger", "chao_shen", "james_stein", "nsb"]
DRAWS = 30


def channel_mi(k, q):
    """MI (nats) of Y = X w.p. q, else uniform, X uniform on k values."""
    same = q + (1 - q) / k
    other = (1 - q) / k
    return float(same * np.log(k * same) + (k - 1) * other * np.log(k * other + 1e-300))


def sample(rng, k, kz, n, q):
    z = rng.integers(0, kz, n)
    x = rng.integers(0, k, n)
    copy = rng.random(n) < q
    y = np.where(copy, x, rng.integers(0, k, n))
    return x, y, z


worst = dict.fromkeys([*M, "auto"], 0.0)
worst_null = dict(worst)
for k, kz, r, q in [
    (k, kz, r, q)
    for q in (0.0, 0.5, 0.9)
    for k in (2, 3, 5)
    for kz in (10, 50)
    for r in (2, 4, 8, 16)
]:
    n = r * kz
    truth = channel_mi(k, q)
    rng = np.random.default_rng(0)
    errs = {m: [] for m in M}
    auto, chosen = [], set()
    for _ in range(DRAWS):
        x, y, z = sample(rng, k, kz, n, q)
        for m in M:
            try:
                v = mt.cmi(x, y, z, method=m, discrete=True)
            except mt.exceptions.InsufficientSamplesError:
                v = np.nan
            errs[m].append(v - truth)
        res = mt.estimate("cmi", x, y, z, discrete=True)
        auto.append(res.value - truth)
        chosen.add(res.method)
    errs["auto"] = auto
    cells = []
    for m, e in errs.items():
        e = np.asarray(e)
        rmse = float(np.sqrt(np.nanmean(e**2)))
        worst[m] = max(worst[m], rmse)
        if q == 0.0:
            worst_null[m] = max(worst_null[m], rmse)
        cells.append(f"{m} {np.nanmean(e):+.3f}/{rmse:.3f}")
    print(
        f"k={k} kz={kz} r={r} n={n} q={q} truth={truth:.3f}: "
        + "  ".join(cells)
        + f"  | auto={sorted(chosen)}",
        flush=True,
    )
print("worst RMSE: " + "  ".join(f"{m} {v:.3f}" for m, v in worst.items()))
print("worst RMSE, q = 0: " + "  ".join(f"{m} {v:.3f}" for m, v in worst_null.items()))
