"""Closed-form higher-order information and MMI PID of Gaussian covariances.

Every number comes from Gaussian differential entropies written out with mpmath
at 30 digits, ``H(S) = 1/2 ln((2 pi e)^d det S)`` (no mutinfo code), then the
definitions: ``TC = sum_i H(X_i) - H(X)``, ``DTC = H(X) - sum_i H(X_i | X_-i)``,
``O = TC - DTC``, ``S = TC + DTC`` (Rosas et al. 2019), and for the MMI PID
(Barrett 2015) ``R = min_i I(X_i; T)``, ``U_i = I(X_i; T) - R``,
``Syn = I(X_0, X_1; T) - I(X_0; T) - I(X_1; T) + R`` with
``I(A; T) = H(A) + H(T) - H(A, T)`` (nats). Regenerate with

    python tests/reference/scripts/hoi_gaussian.py

which writes tests/reference/values/hoi_gaussian.json.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import mpmath as mp

mp.mp.dps = 30

SOURCE = (
    "Gaussian entropies H = 1/2 ln((2 pi e)^d det S) at 30 digits "
    "(tests/reference/scripts/hoi_gaussian.py); {what}"
)

#: Covariances: name -> matrix (positive definite).
COVARIANCES: dict[str, list[list[float]]] = {
    # three noisy copies of one signal: redundancy-dominated (O > 0)
    "copies3": [[2.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 1.0, 2.0]],
    # x2 = x0 + x1 + noise, x0 and x1 independent: synergy-dominated (O < 0)
    "sum3": [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.25]],
    # a generic 4-variable covariance
    "generic4": [
        [1.0, 0.5, 0.3, -0.2],
        [0.5, 2.0, 0.4, 0.1],
        [0.3, 0.4, 1.5, 0.6],
        [-0.2, 0.1, 0.6, 1.0],
    ],
}

#: MMI PID cases: name -> (covariance, [source 0, source 1], target).
PID_CASES: dict[str, tuple[list[list[float]], list[int], int]] = {
    # Barrett's symmetric case: independent sources, equal weights
    "independent_sources": (
        [[1.0, 0.0, 0.6], [0.0, 1.0, 0.6], [0.6, 0.6, 1.0]],
        [0, 1],
        2,
    ),
    # correlated sources, unequal weights
    "correlated_sources": (
        [[1.0, 0.4, 0.5], [0.4, 1.0, 0.3], [0.5, 0.3, 1.0]],
        [0, 1],
        2,
    ),
}


def entropy(cov: list[list[float]], idx: list[int]) -> mp.mpf:
    if not idx:
        return mp.mpf(0)
    sub = mp.matrix([[cov[i][j] for j in idx] for i in idx])
    return (len(idx) * mp.log(2 * mp.pi * mp.e) + mp.log(mp.det(sub))) / 2


def higher_order(cov: list[list[float]], idx: list[int]) -> dict[str, mp.mpf]:
    h_all = entropy(cov, idx)
    tc = sum(entropy(cov, [i]) for i in idx) - h_all
    dtc = h_all - sum(h_all - entropy(cov, [j for j in idx if j != i]) for i in idx)
    return {
        "total_correlation": tc,
        "dual_total_correlation": dtc,
        "o_information": tc - dtc,
        "s_information": tc + dtc,
    }


def mi(cov: list[list[float]], a: list[int], t: list[int]) -> mp.mpf:
    return entropy(cov, a) + entropy(cov, t) - entropy(cov, a + t)


def main() -> None:
    values: dict[str, dict[str, object]] = {}
    for name, cov in COVARIANCES.items():
        d = len(cov)
        for k in range(3, d + 1):
            for idx in combinations(range(d), k):
                for measure, v in higher_order(cov, list(idx)).items():
                    key = f"{name}/{'-'.join(map(str, idx))}/{measure}"
                    values[key] = {
                        "value": float(v),
                        "source": SOURCE.format(what=f"{measure} in nats"),
                    }
    for name, (cov, src, t) in PID_CASES.items():
        i0, i1 = mi(cov, [src[0]], [t]), mi(cov, [src[1]], [t])
        i01 = mi(cov, src, [t])
        r = min(i0, i1)
        atoms = {"{0}{1}": r, "{0}": i0 - r, "{1}": i1 - r, "{0:1}": i01 - i0 - i1 + r}
        for node, v in atoms.items():
            values[f"mmi/{name}/{node}"] = {
                "value": float(v / mp.log(2)),
                "source": SOURCE.format(what="MMI PID atom (Barrett 2015) in bits"),
            }
    out = Path(__file__).parents[1] / "values" / "hoi_gaussian.json"
    out.write_text(json.dumps(values, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
