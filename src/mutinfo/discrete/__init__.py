"""Exact information measures of explicit discrete distributions.

Build a :class:`Distribution` (a joint pmf over named variables) from a dict of
outcomes, an array or samples, and apply the measures: each is a small function
of a distribution with ``rvs`` / ``crvs`` (variable names or indices) and
``base=``, exact to floating point. :mod:`mutinfo.discrete.examples` holds the
named distributions of the literature (XOR, AND, parity, dyadic, triadic, ...).

Examples
--------
>>> from mutinfo.discrete import examples, mutual_information
>>> round(mutual_information(examples.xor(), ["x0", "x1"], "y", base=2), 10)
1.0
"""

from mutinfo.discrete import examples
from mutinfo.discrete._common import gk_common_information
from mutinfo.discrete._distribution import Distribution
from mutinfo.discrete._divergences import (
    cross_entropy,
    jensen_shannon_divergence,
    kl_divergence,
)
from mutinfo.discrete._generalized import renyi_entropy, tsallis_entropy
from mutinfo.discrete._measures import (
    coinformation,
    conditional_entropy,
    dual_total_correlation,
    entropy,
    generalized_dual_total_correlation,
    interaction_information,
    mutual_information,
    o_information,
    s_information,
    total_correlation,
)
from mutinfo.discrete._pointwise import local_entropy, pmi

__all__ = [
    "Distribution",
    "coinformation",
    "conditional_entropy",
    "cross_entropy",
    "dual_total_correlation",
    "entropy",
    "examples",
    "generalized_dual_total_correlation",
    "gk_common_information",
    "interaction_information",
    "jensen_shannon_divergence",
    "kl_divergence",
    "local_entropy",
    "mutual_information",
    "o_information",
    "pmi",
    "renyi_entropy",
    "s_information",
    "total_correlation",
    "tsallis_entropy",
]
