"""Reference values of the discrete entropy estimators, from first principles.

Every number is computed here from the estimator's published formula with mpmath
(30 digits), using no mutinfo code:

- plug-in: H = -sum p ln p with p = n_i / N;
- Miller-Madow: plug-in + (K_occupied - 1) / (2N) (Miller 1955);
- Grassberger: H = ln N - (1/N) sum n_i G(n_i), with
  G(n) = psi(n) + (-1)^n / 2 (psi((n+1)/2) - psi(n/2)) (Grassberger 2003, eq. 35);
- Chao-Shen: coverage C = 1 - f1/N (f1 = N - 1 when every count is 1),
  H = -sum C p ln(C p) / (1 - (1 - C p)^N) (Chao & Shen 2003);
- James-Stein: shrinkage towards uniform over K cells with
  lambda = (1 - sum p^2) / ((N - 1) sum (1/K - p)^2) clipped to [0, 1]
  (Hausser & Strimmer 2009, eq. 8);
- NSB: posterior mean and sd of H under the Nemenman-Shafee-Bialek prior
  (a Dirichlet(beta) mixture with dxi/dbeta weights, xi(beta) the prior mean
  entropy), by numerical integration over beta of the Dirichlet posterior
  moments of H (Wolpert & Wolf 1995); for an unknown alphabet the
  Dirichlet-process limit (xi(alpha) = psi(alpha + 1) - psi(1)).

Run ``python tests/reference/scripts/discrete_entropy.py`` to write
tests/reference/values/discrete_entropy.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import mpmath as mp

mp.mp.dps = 30


def plugin(c: list[int]) -> mp.mpf:
    n = mp.mpf(sum(c))
    return -mp.fsum(v / n * mp.log(v / n) for v in c if v)


def miller_madow(c: list[int]) -> mp.mpf:
    occupied = sum(1 for v in c if v)
    return plugin(c) + mp.mpf(occupied - 1) / (2 * sum(c))


def grassberger_g(n: int) -> mp.mpf:
    sign = 1 if n % 2 == 0 else -1
    return mp.digamma(n) + mp.mpf(sign) / 2 * (
        mp.digamma(mp.mpf(n + 1) / 2) - mp.digamma(mp.mpf(n) / 2)
    )


def grassberger(c: list[int]) -> mp.mpf:
    n = sum(c)
    return mp.log(n) - mp.fsum(v * grassberger_g(v) for v in c if v) / n


def chao_shen(c: list[int]) -> mp.mpf:
    n = sum(c)
    f1 = sum(1 for v in c if v == 1)
    if f1 == n:
        f1 = n - 1
    cov = 1 - mp.mpf(f1) / n
    pa = [cov * v / n for v in c if v]
    return -mp.fsum(p * mp.log(p) / (1 - (1 - p) ** n) for p in pa)


def james_stein(c: list[int], k: int) -> tuple[mp.mpf, mp.mpf]:
    n = sum(c)
    full = [mp.mpf(v) / n for v in c] + [mp.mpf(0)] * (k - len(c))
    t = mp.mpf(1) / k
    lam = (1 - mp.fsum(p**2 for p in full)) / (
        (n - 1) * mp.fsum((t - p) ** 2 for p in full)
    )
    lam = min(max(lam, mp.mpf(0)), mp.mpf(1))
    shrunk = [lam * t + (1 - lam) * p for p in full]
    return -mp.fsum(q * mp.log(q) for q in shrunk if q), lam


def dirichlet_moments(a: list[mp.mpf]) -> tuple[mp.mpf, mp.mpf]:
    """E[H] and E[H^2] under Dirichlet(a) (Wolpert & Wolf 1995)."""
    big = mp.fsum(a)
    d0, t0 = mp.digamma(big + 2), mp.psi(1, big + 2)
    mean = mp.digamma(big + 1) - mp.fsum(ai / big * mp.digamma(ai + 1) for ai in a)
    u = [mp.digamma(ai + 1) - d0 for ai in a]
    s = mp.fsum(ai * ui for ai, ui in zip(a, u, strict=True))
    s2 = mp.fsum((ai * ui) ** 2 for ai, ui in zip(a, u, strict=True))
    cross = s**2 - s2 - t0 * (big**2 - mp.fsum(ai**2 for ai in a))
    diag = mp.fsum(
        ai * (ai + 1) * ((mp.digamma(ai + 2) - d0) ** 2 + mp.psi(1, ai + 2) - t0)
        for ai in a
    )
    return mean, (cross + diag) / (big * (big + 1))


def nsb(c: list[int], k: int) -> tuple[mp.mpf, mp.mpf]:
    """NSB posterior mean and sd of H for counts ``c`` over ``k`` cells."""
    n = sum(c)
    full = list(c) + [0] * (k - len(c))

    def log_weight(b: mp.mpf) -> mp.mpf:
        prior = mp.log(k * mp.psi(1, k * b + 1) - mp.psi(1, b + 1))
        like = mp.loggamma(k * b) - mp.loggamma(n + k * b)
        like += mp.fsum(mp.loggamma(v + b) - mp.loggamma(b) for v in full)
        return prior + like

    return _integrate(log_weight, lambda b: dirichlet_moments([v + b for v in full]))


def nsb_unknown_alphabet(c: list[int]) -> tuple[mp.mpf, mp.mpf]:
    """NSB in the Dirichlet-process limit (K -> infinity, mass alpha)."""
    n, occupied = sum(c), len(c)

    def log_weight(alpha: mp.mpf) -> mp.mpf:
        prior = mp.log(mp.psi(1, alpha + 1))
        like = mp.loggamma(alpha) - mp.loggamma(n + alpha) + occupied * mp.log(alpha)
        return prior + like

    def moments(alpha: mp.mpf) -> tuple[mp.mpf, mp.mpf]:
        # K empty cells of mass alpha / K each, K -> infinity: their terms in the
        # Dirichlet moments are evaluated at a huge K (the limit is reached to
        # far below the stored precision).
        return _dp_moments([mp.mpf(v) for v in c], alpha)

    return _integrate(log_weight, moments)


def _dp_moments(a: list[mp.mpf], alpha: mp.mpf) -> tuple[mp.mpf, mp.mpf]:
    big = mp.fsum(a) + alpha
    d0, t0 = mp.digamma(big + 2), mp.psi(1, big + 2)
    mean = (
        mp.digamma(big + 1)
        - mp.fsum(ai / big * mp.digamma(ai + 1) for ai in a)
        - alpha / big * mp.digamma(1)
    )
    # Limit of the Wolpert-Wolf second moment with the mass alpha spread over
    # infinitely many cells: the empty cells act as one group of mass alpha with
    # u = psi(1) - psi(A+2) in the cross terms, and their diagonal terms vanish
    # except the a_i * 1 part: a_i (a_i + 1) -> a_i, giving
    # alpha * ((psi(2) - d0)^2 + psi1(2) - t0).
    u = [mp.digamma(ai + 1) - d0 for ai in a]
    u_new = mp.digamma(1) - d0
    s = mp.fsum(ai * ui for ai, ui in zip(a, u, strict=True)) + alpha * u_new
    s2 = mp.fsum((ai * ui) ** 2 for ai, ui in zip(a, u, strict=True))
    cross = s**2 - s2 - t0 * (big**2 - mp.fsum(ai**2 for ai in a))
    diag = mp.fsum(
        ai * (ai + 1) * ((mp.digamma(ai + 2) - d0) ** 2 + mp.psi(1, ai + 2) - t0)
        for ai in a
    )
    diag += alpha * ((mp.digamma(2) - d0) ** 2 + mp.psi(1, 2) - t0)
    return mean, (cross + diag) / (big * (big + 1))


def _integrate(log_weight, moments) -> tuple[mp.mpf, mp.mpf]:  # type: ignore[no-untyped-def]
    # Integrate over t = ln(beta); find the peak first so the weights stay finite.
    grid = [mp.mpf(x) / 4 for x in range(-80, 80)]
    peak = max(log_weight(mp.exp(t)) + t for t in grid)

    def w(t: mp.mpf) -> mp.mpf:
        b = mp.exp(t)
        return mp.exp(log_weight(b) + t - peak)

    pieces = [-40, -20, -10, -5, -2, 0, 2, 5, 10, 20, 40]
    z = mp.quad(w, pieces)
    m1 = mp.quad(lambda t: w(t) * moments(mp.exp(t))[0], pieces) / z
    m2 = mp.quad(lambda t: w(t) * moments(mp.exp(t))[1], pieces) / z
    return m1, mp.sqrt(m2 - m1**2)


def entry(v: mp.mpf, source: str) -> dict[str, object]:
    return {"value": float(v), "source": source}


def compute(nsb_cases: bool = True) -> dict[str, dict[str, object]]:
    """Every entry of values/discrete_entropy.json.

    The NSB integrals take minutes at 30 digits; ``nsb_cases=False`` leaves them
    out (the closed-form entries take well under a second).
    """
    out: dict[str, dict[str, object]] = {}
    out["plugin/7,3/bits"] = entry(
        plugin([7, 3]) / mp.log(2), "-sum p log2 p; also REFERENCES.md (0.8812909)"
    )
    out["plugin/2,1"] = entry(
        plugin([2, 1]), "-sum p ln p of labels [0, 0, 42]; REFERENCES.md (0.6365141)"
    )
    out["miller_madow/6,3,3"] = entry(
        miller_madow([6, 3, 3]), "plug-in + (K - 1) / (2N), Miller (1955)"
    )
    for c in ([2, 3, 5], [1, 1, 2], [7, 1, 1, 1]):
        key = ",".join(map(str, c))
        out[f"grassberger/{key}"] = entry(
            grassberger(c), "ln N - sum n_i G(n_i) / N, Grassberger (2003) eq. 35"
        )
    for c in ([1, 1, 2], [1, 1, 1], [5, 3, 1, 1]):
        key = ",".join(map(str, c))
        out[f"chao_shen/{key}"] = entry(
            chao_shen(c), "Horvitz-Thompson with coverage 1 - f1/N, Chao & Shen (2003)"
        )
    for c, k in (([8, 2], 2), ([8, 2], 4), ([5, 3, 1, 1], 50)):
        key = ",".join(map(str, c))
        h, lam = james_stein(c, k)
        src = f"shrinkage to uniform over K={k}, Hausser & Strimmer (2009) eq. 8"
        out[f"james_stein/{key}/K={k}"] = entry(h, src)
        out[f"james_stein/{key}/K={k}/lambda"] = entry(lam, src)
    if not nsb_cases:
        return out
    src = (
        "NSB posterior over beta integrated with mpmath.quad; Dirichlet moments of "
        "H from Wolpert & Wolf (1995); Nemenman, Shafee & Bialek (2002)"
    )
    for c, k in (([4, 2, 1, 1], 10), ([30, 20, 10], 3), ([5, 5], 2), ([3, 1], 100)):
        key = ",".join(map(str, c))
        mean, sd = nsb(c, k)
        out[f"nsb/{key}/K={k}"] = entry(mean, src)
        out[f"nsb/{key}/K={k}/std"] = entry(sd, src)
    for c in ([4, 2, 1, 1], [10, 3, 2, 1, 1]):
        key = ",".join(map(str, c))
        mean, sd = nsb_unknown_alphabet(c)
        out[f"nsb/{key}/K=inf"] = entry(mean, src + "; Dirichlet-process limit")
        out[f"nsb/{key}/K=inf/std"] = entry(sd, src + "; Dirichlet-process limit")
    return out


def main() -> None:
    out = compute()
    path = Path(__file__).parents[1] / "values" / "discrete_entropy.json"
    path.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    for key, e in out.items():
        print(f"{key:32s} {e['value']:.12f}")


if __name__ == "__main__":
    main()
