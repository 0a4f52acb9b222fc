"""Bias, spread and time of the discrete estimators on known distributions.

Prints, per estimator: mean error (bias), standard deviation and RMSE against the
exact value, and the mean time per call, for

- entropy of the uniform distribution over 1,000 symbols at n = 200, 1,000, 10,000;
- entropy of a Zipf distribution (p(x) ~ 1/x over 1,000 symbols);
- the MI figure of issue 5: X ~ Zipf over 40 symbols, Y = X with probability 0.5
  and otherwise uniform over the 40 symbols (true MI 1.0163 nats), N = 100 and
  10,000 (the peers' figure to beat at N = 100: plug-in +1.22 nats, pyitlib's
  James-Stein +0.08 with RMSE 0.28);
- adjusted MI against scikit-learn's adjusted_mutual_info_score (time ratio).

infomeasure's estimators run beside ours when it is installed.

Run: ``PYTHONPATH=src python benchmarks/discrete.py [--draws 20]``; with
``--auto`` only ``auto`` beside plug-in on the issue-21 channels; with
``--rule`` only the evidence table of ``mutinfo._rules.choose_discrete_family``
(bias/RMSE per family and of the rule's choice against coverage).
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from collections.abc import Callable

import numpy as np

import mutinfo as mt

METHODS: list[tuple[str, dict[str, object]]] = [
    ("plugin", {}),
    ("miller_madow", {}),
    ("grassberger", {}),
    ("chao_shen", {}),
    ("james_stein", {}),
    ("nsb", {}),
    ("nsb", {"alphabet_size": 1000}),
]


def _row(name: str, values: np.ndarray, truth: float, seconds: float) -> None:
    err = values - truth
    print(
        f"  {name:32s} bias {err.mean():+8.4f}  sd {values.std():7.4f}  "
        f"rmse {math.sqrt(float((err**2).mean())):7.4f}  "
        f"time {1e3 * seconds:8.2f} ms  nan {int(np.isnan(values).sum())}"
    )


def _run(
    label: str,
    fn: Callable[[np.ndarray], float],
    samples: list[np.ndarray],
    truth: float,
) -> None:
    start = time.perf_counter()
    values = np.array([fn(s) for s in samples])
    _row(label, values, truth, (time.perf_counter() - start) / len(samples))


def _peer_entropy() -> dict[str, Callable[[np.ndarray], float]]:
    try:
        import infomeasure as im
    except ImportError:
        return {}
    out: dict[str, Callable[[np.ndarray], float]] = {}
    for approach in ("discrete", "miller_madow", "grassberger", "chao_shen", "nsb"):
        out[f"infomeasure {approach}"] = lambda x, a=approach: float(
            im.entropy(x, approach=a, base="e")
        )
    return out


def entropy_tables(draws: int, rng: np.random.Generator) -> None:
    k = 1000
    zipf = 1.0 / np.arange(1, k + 1)
    zipf /= zipf.sum()
    cases = [
        ("uniform over 1000", np.full(k, 1.0 / k)),
        ("Zipf over 1000", zipf),
    ]
    peers = _peer_entropy()
    for label, p in cases:
        truth = float(-(p * np.log(p)).sum())
        for n in (200, 1000, 10_000):
            print(f"\nentropy, {label}, n = {n} (truth {truth:.4f} nats)")
            samples = [rng.choice(k, size=n, p=p) for _ in range(draws)]
            for method, params in METHODS:
                name = method + "".join(f" {k}={v}" for k, v in params.items())
                _run(
                    name,
                    lambda s, m=method, kw=params: mt.entropy(s, method=m, **kw),
                    samples,
                    truth,
                )
            for name, fn in peers.items():
                _run(name, fn, samples, truth)


def zipf_mi(draws: int, rng: np.random.Generator) -> None:
    k = 40
    p = 1.0 / np.arange(1, k + 1)
    p /= p.sum()
    joint = 0.5 * np.diag(p) + 0.5 * p[:, None] / k
    py = joint.sum(axis=0)
    truth = float((joint * np.log(joint / (p[:, None] * py[None, :]))).sum())
    for n in (100, 10_000):
        print(f"\nMI, Zipf-40 with Y = X w.p. 0.5, N = {n} (truth {truth:.4f} nats)")
        pairs = []
        for _ in range(draws):
            x = rng.choice(k, size=n, p=p)
            y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
            pairs.append(np.column_stack([x, y]))
        methods = [*METHODS[:-1], ("james_stein", {"alphabet_size": 40})]
        methods.append(("nsb", {"alphabet_size": 40}))
        for method, params in methods:
            name = method + "".join(f" {k}={v}" for k, v in params.items())
            _run(
                name,
                lambda s, m=method, kw=params: mt.mi(s[:, 0], s[:, 1], method=m, **kw),
                pairs,
                truth,
            )


def ami_timing(rng: np.random.Generator) -> None:
    try:
        from sklearn.metrics import adjusted_mutual_info_score
    except ImportError:
        print("\nadjusted MI: scikit-learn not installed, no peer timing")
        return
    from mutinfo.clustering import adjusted_mi

    print("\nadjusted MI vs scikit-learn (50 x 50 clusters)")
    for n in (10_000, 100_000, 1_000_000):
        a = rng.integers(0, 50, n)
        b = np.where(rng.random(n) < 0.3, a, rng.integers(0, 50, n))
        start = time.perf_counter()
        ours = adjusted_mi(a, b)
        t_ours = time.perf_counter() - start
        start = time.perf_counter()
        peer = adjusted_mutual_info_score(a, b)
        t_peer = time.perf_counter() - start
        print(
            f"  n={n:>9,d}  mutinfo {t_ours:7.3f} s  sklearn {t_peer:7.3f} s  "
            f"ratio {t_peer / t_ours:5.2f}x  |diff| {abs(ours - peer):.1e}"
        )


def large_counts(rng: np.random.Generator) -> None:
    n, k = 10_000_000, 100_000
    x = rng.integers(0, k, n)
    print(f"\n{n:,d} samples over {k:,d} symbols (truth {math.log(k):.4f} nats)")
    for method, params in [("plugin", {}), ("grassberger", {}), ("nsb", {})]:
        start = time.perf_counter()
        value = mt.entropy(x, method=method, **params)
        print(f"  {method:12s} {value:.4f}  time {time.perf_counter() - start:6.2f} s")


RULE_METHODS = [
    "plugin",
    "miller_madow",
    "grassberger",
    "james_stein",
    "nsb",
    "dirichlet_product",
]


def _rule_row(label: str, ratio: float, errors: dict[str, list[float]]) -> None:
    cells = " ".join(
        f"{m[:9]} {np.mean(e):+.3f}/{math.sqrt(float(np.mean(np.square(e)))):.3f}"
        for m, e in errors.items()
    )
    print(f"  {label:22s} c={ratio:7.2f} | {cells}", flush=True)


def rule_mi(draws: int, rng: np.random.Generator) -> None:
    """Bias/RMSE per family against coverage c = n / (|X| |Y| observed).

    The evidence for ``mutinfo._rules.choose_discrete_family`` (MI): 8 x 8
    channel, 40 x 40 Zipf channel, 20 x 20 uniform channel, N = 100 ... 10^4.
    """
    from mutinfo._rules import choose_discrete_family

    zipf = 1.0 / np.arange(1, 41)
    cases = {
        "8x8 channel": (np.arange(8, 0, -1) / 36.0, 0.6),
        "zipf 40x40": (zipf / zipf.sum(), 0.5),
        "uniform 20x20": (np.full(20, 1 / 20), 0.3),
    }
    print("\nMI rule: bias/RMSE per family against coverage c = n / joint cells")
    for label, (p, keep) in cases.items():
        k = p.size
        joint = keep * np.diag(p) + (1 - keep) * p[:, None] / k
        truth = float((joint * np.log(joint / np.outer(p, joint.sum(axis=0)))).sum())
        for n in (100, 300, 1000, 3000, 10_000):
            errors: dict[str, list[float]] = {m: [] for m in RULE_METHODS}
            errors["rule"] = []
            cells = []
            for _ in range(draws):
                x = rng.choice(k, size=n, p=p)
                y = np.where(rng.random(n) < keep, x, rng.integers(0, k, n))
                kx, ky = len(np.unique(x)), len(np.unique(y))
                kc = kx * ky
                cells.append(kc)
                for m in RULE_METHODS:
                    errors[m].append(mt.mi(x, y, method=m) - truth)
                functional = len(np.unique(x * k + y)) == max(kx, ky)
                chosen = choose_discrete_family("mi", n, kc, functional=functional)
                errors["rule"].append(mt.mi(x, y, method=chosen) - truth)
            _rule_row(f"{label} N={n}", n / float(np.mean(cells)), errors)


def auto_table(draws: int, rng: np.random.Generator) -> None:
    """Bias/RMSE of ``auto`` beside plug-in on the issue-21 channels."""
    zipf = 1.0 / np.arange(1, 41)
    cases = {
        "8x8 channel": (np.arange(8, 0, -1) / 36.0, 0.6),
        "zipf 40x40": (zipf / zipf.sum(), 0.5),
    }
    print("\nauto vs plug-in: bias/RMSE (nats), families auto chose")
    for label, (p, keep) in cases.items():
        k = p.size
        joint = keep * np.diag(p) + (1 - keep) * p[:, None] / k
        truth = float((joint * np.log(joint / np.outer(p, joint.sum(axis=0)))).sum())
        for n in (100, 10_000):
            auto, plug, chosen = [], [], set()
            for _ in range(draws):
                x = rng.choice(k, size=n, p=p)
                y = np.where(rng.random(n) < keep, x, rng.integers(0, k, n))
                res = mt.estimate("mi", x, y)
                chosen.add(res.method)
                auto.append(res.value - truth)
                plug.append(mt.mi(x, y, method="plugin") - truth)
            a, b = np.array(auto), np.array(plug)
            print(
                f"  {label} N={n:<6d} truth {truth:.3f} | plug-in {b.mean():+.3f}/"
                f"{math.sqrt(float((b**2).mean())):.3f} | auto {a.mean():+.3f}/"
                f"{math.sqrt(float((a**2).mean())):.3f} ({', '.join(sorted(chosen))})",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument(
        "--rule", action="store_true", help="only the MI rule's evidence table"
    )
    parser.add_argument(
        "--auto", action="store_true", help="only auto vs plug-in on the channels"
    )
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        if args.rule:
            rule_mi(args.draws, rng)
            return
        if args.auto:
            auto_table(args.draws, rng)
            return
        zipf_mi(args.draws, rng)
        entropy_tables(args.draws, rng)
        ami_timing(rng)
        if not args.skip_large:
            large_counts(rng)


if __name__ == "__main__":
    main()
