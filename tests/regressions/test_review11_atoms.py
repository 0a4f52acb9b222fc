"""Review 11: mixed_atoms no longer passes on the warnings of its inner pieces."""

from __future__ import annotations

import warnings

import numpy as np

import mutinfo as mt


def test_rounded_pair_does_not_warn_of_duplicated_records() -> None:
    # The rounded Gaussian pair of docs/estimators.md warned "75% of the 8 rows
    # repeat another row exactly ... method 'ksg'": a KSG piece on the rows of
    # one atom pattern, not the caller's 2000 rows or method.
    rng = np.random.default_rng(0)
    x = rng.normal(size=2000)
    y = x + rng.normal(size=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mt.estimate("mi", np.round(x), np.round(y), rng=0)
    assert res.method == "mixed_atoms"
    assert 0.25 < res.value < 0.4  # truth before rounding 0.347
