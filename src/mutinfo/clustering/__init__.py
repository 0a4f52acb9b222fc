"""Comparing clusterings and hierarchies with information theory.

Flat clusterings: :func:`normalized_mi`, :func:`adjusted_mi` (exact expected
MI under the permutation model) and :func:`variation_of_information`;
hierarchies given as nested lists: :func:`hierarchical_mi` and
:func:`normalized_hierarchical_mi`. Values are plug-in (exact for the
given labelings), in nats unless ``base`` says otherwise.

Examples
--------
>>> from mutinfo.clustering import normalized_mi
>>> normalized_mi([0, 0, 1, 1], [1, 1, 0, 0])
1.0
"""

from mutinfo.clustering._comparison import (
    adjusted_mi,
    expected_mi,
    normalized_mi,
    variation_of_information,
)
from mutinfo.clustering._hierarchical import (
    hierarchical_mi,
    normalized_hierarchical_mi,
)

__all__ = [
    "adjusted_mi",
    "expected_mi",
    "hierarchical_mi",
    "normalized_hierarchical_mi",
    "normalized_mi",
    "variation_of_information",
]
