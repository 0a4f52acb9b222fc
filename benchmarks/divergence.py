"""Generative-model evaluation: Parzen gap, kNN KL spread, Creswell's KL directions.

Run: PYTHONPATH=src python benchmarks/divergence.py
"""

from __future__ import annotations

import numpy as np

from mutinfo import divergence as dv


def parzen_gap(d: int = 20) -> None:
    truth = -0.5 * d * np.log(2 * np.pi * np.e)
    print(f"Parzen log-likelihood of N(0, I_{d}) (truth {truth:.3f} nats)")
    rng = np.random.default_rng(0)
    data = rng.normal(size=(2000, d))
    for n in (1000, 4000, 16000):
        res = dv.parzen_log_likelihood(rng.normal(size=(n, d)), data, rng=0)
        gap = truth - res.value
        print(f"  N={n:6d}: {res.value:.3f} +- {res.stderr:.3f}, gap {gap:.3f}")


def kl_spread() -> None:
    print("kNN KL, P = N(0, I), Q = N(e_1, v I), n = 2000, k = 1, 12 seeds")
    for d, var in ((1, 1.25), (5, 1.0), (5, 1.25), (10, 1.0), (10, 1.25)):
        mq = np.zeros(d)
        mq[0] = 1.0
        fw = dv.gaussian_kl(np.zeros(d), np.eye(d), mq, var * np.eye(d))
        bw = dv.gaussian_kl(mq, var * np.eye(d), np.zeros(d), np.eye(d))
        f, b = [], []
        for s in range(12):
            r = np.random.default_rng(s)
            p = r.normal(size=(2000, d))
            q = mq + np.sqrt(var) * r.normal(size=(2000, d))
            f.append(dv.kl_divergence(p, q))
            b.append(dv.kl_divergence(q, p))
        print(
            f"  d={d:2d} v={var}: KL[P||Q] {fw:.3f} est {np.mean(f):.3f} "
            f"sd {np.std(f):.3f}"
            f" | KL[Q||P] {bw:.3f} est {np.mean(b):.3f} sd {np.std(b):.3f}"
        )


def creswell() -> None:
    print(
        "Creswell KL directions, P = N(-4,1)/2 + N(4,1)/2 (exact: cover 0.724/2.098,"
        " seek 15.31/0.693)"
    )
    for s in range(3):
        rng = np.random.default_rng(s)
        p = np.where(rng.random(2000) < 0.5, -4.0, 4.0) + rng.normal(size=2000)
        for name, q in (
            ("cover", np.sqrt(17.0) * rng.normal(size=2000)),
            ("seek", 4.0 + rng.normal(size=2000)),
        ):
            forward = dv.kl_divergence(p, q, n_neighbors=5)
            print(
                f"  seed {s} {name}: KL[P||Q] {forward:.3f}"
                f" KL[Q||P] {dv.kl_divergence(q, p, n_neighbors=5):.3f}"
            )


if __name__ == "__main__":
    print(dv.mixture_argument(dim=100, n=2000, rng=0).round(3).to_string())
    parzen_gap()
    kl_spread()
    creswell()
