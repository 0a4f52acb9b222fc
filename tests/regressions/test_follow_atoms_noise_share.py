"""mixed_atoms' share of rows whose neighbours the tie-breaking noise decides.

A row sits in up to three kNN pieces (two Ross pieces and a KSG piece); the
share added the pieces' rows, so a Gaussian pair read to 0.05 of its spread
(n = 2000, ``dequantize=False``: the case before dequantising) warned that
"119% of the rows" had more than n_neighbors exact copies. The CMI, which
splits the rows by Z's patterns, reported 0.0 there whatever its pieces had.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

import mutinfo as mt


def _rounded(n: int, step: float) -> tuple[np.ndarray, ...]:
    g = np.random.default_rng(0)
    x = g.normal(size=n)
    y = np.sqrt(0.5) * x + np.sqrt(0.5) * g.normal(size=n)
    z = np.where(g.random(n) < 0.5, 0.0, g.normal(size=n))
    return tuple(np.round(v / step) * step for v in (x, y, z))


def test_noise_share_counts_each_row_once() -> None:
    x, y, _ = _rounded(2000, 0.05)
    with pytest.warns(mt.DataWarning, match="another noise draw gave") as caught:
        res = mt.estimate("mi", x, y, method="mixed_atoms", dequantize=False, rng=0)
    share = res.extras["noise_decided"]
    assert 0.05 < share <= 1.0  # before: 1.1915
    said = [str(w.message) for w in caught if "another noise draw" in str(w.message)]
    percent = int(re.search(r"(\d+)% of the rows", said[0]).group(1))  # type: ignore[union-attr]
    assert percent == round(100 * share) <= 100  # before: 119


def test_cmi_reports_the_noise_share_of_its_strata() -> None:
    x, y, z = _rounded(2000, 0.05)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mt.estimate("cmi", x, y, z, method="mixed_atoms", dequantize=False, rng=0)
    assert 0.05 < res.extras["noise_decided"] <= 1.0  # before: 0.0
