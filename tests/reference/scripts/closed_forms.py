"""Derive the closed-form reference values used by the tests.

Each number is computed from its formula with numpy, so it can be audited and
regenerated; tests recompute the same formulas inline.
"""

import json
import math
from pathlib import Path

import numpy as np


def gaussian_mi(rho: float) -> float:
    return -0.5 * math.log(1 - rho**2)


def gaussian_mi_cov(cov: np.ndarray, ix: list[int], iy: list[int]) -> float:
    c = np.asarray(cov, dtype=float)
    sub = lambda idx: np.linalg.det(c[np.ix_(idx, idx)])  # noqa: E731
    return 0.5 * math.log(sub(ix) * sub(iy) / sub(ix + iy))


def gaussian_cmi_cov(
    cov: np.ndarray, ix: list[int], iy: list[int], iz: list[int]
) -> float:
    c = np.asarray(cov, dtype=float)
    sub = lambda idx: np.linalg.det(c[np.ix_(idx, idx)])  # noqa: E731
    return 0.5 * math.log(sub(ix + iz) * sub(iy + iz) / (sub(iz) * sub(ix + iy + iz)))


def main() -> None:
    npeet = [[4, 3, 1], [3, 4, 1], [1, 1, 2]]
    values = {
        "gaussian_mi": {str(r): gaussian_mi(r) for r in (0.0, 0.5, 0.75, 0.9, 0.99)},
        "sklearn_cc_sigma_1_10_rho_0.5": gaussian_mi_cov(
            [[1, 0.5 * 10], [0.5 * 10, 100]], [0], [1]
        ),
        "npeet_mi_xy": gaussian_mi_cov(npeet, [0], [1]),
        "npeet_cmi_xy_given_z": gaussian_cmi_cov(npeet, [0], [1], [2]),
        "gaussian_entropy_1d": 0.5 * math.log(2 * math.pi * math.e),
    }
    out = Path(__file__).parents[1] / "values" / "closed_forms.json"
    out.write_text(json.dumps(values, indent=2) + "\n")
    print(json.dumps(values, indent=2))


if __name__ == "__main__":
    main()
