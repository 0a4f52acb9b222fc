"""Uncertainty and significance for every estimator.

- :func:`independence_test`: permutation and surrogate tests of zero MI or CMI;
- :func:`confidence_interval`: bootstrap, BCa, subsampling and analytic
  intervals;
- :func:`politis_white`: the data-driven block length of ``scheme="block"``
  (intervals on rows in time order);
- :func:`fdr`: Benjamini-Hochberg (and -Yekutieli) and Bonferroni adjustments;
- surrogate functions ``(y, rng) -> y_surrogate``: :func:`permute`,
  :func:`block_permute`, :func:`circular_shift`;
- :func:`register_analytic`: add the analytic interval of a new family.

Resampling runs through the shared executor (:mod:`mutinfo._parallel`), one
random stream per permutation or resample.
"""

from __future__ import annotations

import warnings
from typing import Any

from mutinfo.stats._analytic import ANALYTIC, register_analytic
from mutinfo.stats._blocks import politis_white
from mutinfo.stats._fdr import FDR_METHODS, fdr
from mutinfo.stats._intervals import (
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
    "politis_white",
    "register_analytic",
]


def __getattr__(name: str) -> Any:
    if name == "AUTO_SCHEMES":
        warnings.warn(
            "mutinfo.stats.AUTO_SCHEMES is deprecated and will be removed in the "
            "next release: each family declares its scheme (interval_scheme), "
            "and auto_scheme(estimator) returns it.",
            DeprecationWarning,
            stacklevel=2,
        )
        from mutinfo import _registry

        return {n: _registry.get(n).interval_scheme for n in _registry.names()}
    raise AttributeError(f"module 'mutinfo.stats' has no attribute {name!r}")
