"""Derive the closed-form reference values used by the tests.

Each number is computed from its formula with mpmath at 30 digits (no mutinfo
code), so it can be audited and regenerated:

    python tests/reference/scripts/closed_forms.py

writes tests/reference/values/closed_forms.json, one ``{"value", "source"}``
entry per key.
"""

from __future__ import annotations

import json
from pathlib import Path

import mpmath as mp

mp.mp.dps = 30

GAUSS = "I = -1/2 ln(1 - rho^2) for a bivariate Gaussian (Cover & Thomas, Elements of Information Theory, ch. 8)"
LOGDET = (
    "Gaussian MI from covariance determinants, I = 1/2 ln(|S_x| |S_y| / |S_xy|) "
    "(CMI: 1/2 ln(|S_xz| |S_yz| / (|S_z| |S_xyz|)))"
)


def det(cov: list[list[float]], idx: list[int]) -> mp.mpf:
    return mp.det(mp.matrix([[cov[i][j] for j in idx] for i in idx]))


def gaussian_mi(rho: float) -> mp.mpf:
    return -mp.log(1 - mp.mpf(rho) ** 2) / 2


def gaussian_mi_cov(cov: list[list[float]], ix: list[int], iy: list[int]) -> mp.mpf:
    return mp.log(det(cov, ix) * det(cov, iy) / det(cov, ix + iy)) / 2


def gaussian_cmi_cov(
    cov: list[list[float]], ix: list[int], iy: list[int], iz: list[int]
) -> mp.mpf:
    num = det(cov, ix + iz) * det(cov, iy + iz)
    return mp.log(num / (det(cov, iz) * det(cov, ix + iy + iz))) / 2


def entry(v: mp.mpf, source: str) -> dict[str, object]:
    return {"value": float(v), "source": source}


def compute() -> dict[str, dict[str, object]]:
    """Every entry of values/closed_forms.json."""
    npeet = [[4.0, 3.0, 1.0], [3.0, 4.0, 1.0], [1.0, 1.0, 2.0]]
    values = {
        f"gaussian_mi/{r}": entry(gaussian_mi(r), GAUSS)
        for r in ("0.0", "0.5", "0.75", "0.9", "0.99")
    }
    values["sklearn_cc_sigma_1_10_rho_0.5"] = entry(
        gaussian_mi_cov([[1.0, 5.0], [5.0, 100.0]], [0], [1]),
        LOGDET + "; scikit-learn test_compute_mi_cc setting (sigma 1, 10, rho 0.5)",
    )
    values["npeet_mi_xy"] = entry(
        gaussian_mi_cov(npeet, [0], [1]),
        LOGDET + "; covariance of NPEET's test.py Gaussian example",
    )
    values["npeet_cmi_xy_given_z"] = entry(
        gaussian_cmi_cov(npeet, [0], [1], [2]),
        LOGDET + "; covariance of NPEET's test.py Gaussian example",
    )
    values["gaussian_entropy_1d"] = entry(
        mp.log(2 * mp.pi * mp.e) / 2, "h(N(0, 1)) = 1/2 ln(2 pi e) nats"
    )
    return values


def main() -> None:
    out = Path(__file__).parents[1] / "values" / "closed_forms.json"
    out.write_text(json.dumps(compute(), indent=2, sort_keys=True) + "\n")
    print(out.read_text())


if __name__ == "__main__":
    main()
