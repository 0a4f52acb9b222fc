"""Exact MI of the dataset tasks checked in tests/datasets/test_truths.py.

Each value is derived here from the task's definition with mpmath (30 digits),
not from mutinfo.datasets; REFERENCES.md quotes the same numbers to 6 digits.
Run ``python tests/reference/scripts/dataset_truths.py`` to write
tests/reference/values/dataset_truths.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import mpmath as mp

mp.mp.dps = 30
LN2 = mp.log(2)


def hb(q: mp.mpf) -> mp.mpf:
    """Binary entropy in nats."""
    return -mp.fsum(v * mp.log(v) for v in (q, 1 - q) if v > 0)


def gaussian(rho: str, dim: int = 1) -> mp.mpf:
    return -dim * mp.log(1 - mp.mpf(rho) ** 2) / 2


def markov_bits(flip: str, lag: int) -> mp.mpf:
    # Symmetric two-state chain: P(X_t != X_{t+lag}) = (1 - (1 - 2 f)^lag) / 2,
    # and I = ln 2 - H_b(that) with the stationary (1/2, 1/2) marginals.
    q = (1 - (1 - 2 * mp.mpf(flip)) ** lag) / 2
    return (LN2 - hb(q)) / LN2


def ross(p: str) -> mp.mpf:
    # Y | X=0 ~ U(-1, 1), Y | X=1 ~ U(0, 2): p_Y = (1-p)/2 on [-1, 0), 1/2 on
    # [0, 1], p/2 on (1, 2]; I = h(Y) - h(Y | X) = h(Y) - ln 2.
    pp = mp.mpf(p)
    dens = [((1 - pp) / 2, 1), (mp.mpf(1) / 2, 1), (pp / 2, 1)]
    h_y = -mp.fsum(d * w * mp.log(d) for d, w in dens if d > 0)
    return h_y - LN2


def gao_mixture(rho: str, flip: str, weight: str) -> mp.mpf:
    # With weight w a bivariate Gaussian, else a BSC on {-1, 1}; the component is
    # a function of X (and of Y), so I = H_b(w) + w I_gauss + (1 - w) I_bsc.
    w = mp.mpf(weight)
    return hb(w) + w * gaussian(rho) + (1 - w) * (LN2 - hb(mp.mpf(flip)))


def _f(v: mp.mpf) -> mp.mpf:
    return mp.loggamma(v / 2) - v / 2 * mp.digamma(v / 2)


def student_t(dof: str, dim: int) -> mp.mpf:
    # Czyz et al. 2023 ("Beyond normal", the bmi benchmark), identity dispersion:
    # I = f(v) + f(v + dx + dy) - f(v + dx) - f(v + dy), f(x) = ln G(x/2) - x/2
    # psi(x/2); evaluated at 60 digits, so the cancellation at large dof is harmless.
    with mp.workdps(60):
        v = mp.mpf(dof)
        return +(_f(v) + _f(v + 2 * dim) - 2 * _f(v + dim))


def t_tail(dof: str, level: str) -> mp.mpf:
    # P(|T| > s) = I_{v / (v + s^2)}(v/2, 1/2) (regularised incomplete beta).
    with mp.workdps(40):
        v, s = mp.mpf(dof), mp.mpf(level)
        return +mp.betainc(v / 2, mp.mpf(1) / 2, 0, v / (v + s * s), regularized=True)


def entry(v: mp.mpf, source: str) -> dict[str, object]:
    return {"value": float(v), "source": source}


def compute() -> dict[str, dict[str, object]]:
    """Every entry of values/dataset_truths.json."""
    out: dict[str, dict[str, object]] = {}
    for rho in ("0.5", "0.75", "0.9", "0.99"):
        out[f"gaussian/rho={rho}"] = entry(gaussian(rho), "-1/2 ln(1 - rho^2)")
    out["gaussian/rho=0.5/dim=20"] = entry(
        gaussian("0.5", 20), "-d/2 ln(1 - rho^2), d = 20 independent pairs"
    )
    out["binary_symmetric/flip=0.1/bits"] = entry(
        1 - hb(mp.mpf("0.1")) / LN2, "1 - H_b(q) bits, uniform input"
    )
    for lag in (1, 2, 5, 10):
        out[f"markov_chain/flip=0.1/lag={lag}/bits"] = entry(
            markov_bits("0.1", lag),
            "1 - H_b((1 - (1 - 2f)^d) / 2) bits, symmetric two-state chain",
        )
    for p in ("0.5", "0.3", "0.7"):
        out[f"ross/p={p}"] = entry(
            ross(p), "h(Y) - ln 2 with the piecewise-constant density of Y"
        )
    out["gao_mixture/rho=0.9/flip=0.1/weight=0.5"] = entry(
        gao_mixture("0.9", "0.1", "0.5"),
        "H_b(w) + w (-1/2 ln(1 - rho^2)) + (1 - w)(ln 2 - H_b(flip))",
    )
    for dof, dim in [
        ("0.05", 1),
        ("0.5", 2),
        ("1", 1),
        ("2", 5),
        ("16", 1),
        ("30", 3),
        ("1000", 2),
        ("100000", 1),
    ]:
        out[f"student_t/dof={dof}/dim={dim}"] = entry(
            student_t(dof, dim),
            "f(v) + f(v + 2d) - 2 f(v + d), f(x) = ln G(x/2) - x/2 psi(x/2) "
            "(Czyz et al. 2023), 60 digits",
        )
    for level in ("1e100", "1.7976931348623157e308"):
        out[f"student_t_tail/dof=0.01/P(|t|>{level})"] = entry(
            t_tail("0.01", level),
            "I_{v/(v+s^2)}(v/2, 1/2), regularised incomplete beta",
        )
    return out


def main() -> None:
    out = compute()
    path = Path(__file__).parents[1] / "values" / "dataset_truths.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    for key, e in out.items():
        print(f"{key:42s} {e['value']:.9f}")


if __name__ == "__main__":
    main()
