"""Uncertainty and significance for every estimator.

- :func:`independence_test`: permutation and surrogate tests of zero MI or CMI;
- :func:`confidence_interval`: bootstrap, BCa, subsampling and analytic
  intervals;
- :func:`fdr`: Benjamini-Hochberg (and -Yekutieli) and Bonferroni adjustments;
- surrogate functions ``(y, rng) -> y_surrogate``: :func:`permute`,
  :func:`block_permute`, :func:`circular_shift`;
- :func:`register_analytic`: add the analytic interval of a new family.

Resampling runs through the shared executor (:mod:`mutinfo._parallel`), one
random stream per permutation or resample.
"""

from __future__ import annotations

from mutinfo.stats._analytic import ANALYTIC, register_analytic
from mutinfo.stats._fdr import FDR_METHODS, fdr
from mutinfo.stats._intervals import (
    AUTO_SCHEMES,
    SCHEMES,
    auto_scheme,
    confidence_interval,
)
from mutinfo.stats._surrogates import (
    SURROGATES,
    block_permute,
    circular_shift,
    permute,
)
from mutinfo.stats._testing import independence_test

__all__ = [
    "ANALYTIC",
    "AUTO_SCHEMES",
    "FDR_METHODS",
    "SCHEMES",
    "SURROGATES",
    "auto_scheme",
    "block_permute",
    "circular_shift",
    "confidence_interval",
    "fdr",
    "independence_test",
    "permute",
    "register_analytic",
]
