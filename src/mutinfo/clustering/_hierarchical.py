"""Hierarchical mutual information of two hierarchies (Perotti et al. 2015).

A hierarchy is a nested list: a list is a cluster, anything else an element.
A cluster holding only elements is a leaf cluster (not split further); an
element placed beside sub-lists is its own singleton cluster. The root is the
outer list, and every element appears exactly once.

With ``A_l`` the cluster at depth ``l`` containing an element (a leaf cluster
deeper down keeps its label), the hierarchical MI is
``I(T; T') = sum_l I(A_l; B_l | A_{l-1}, B_{l-1})`` with elements weighted
equally: at every depth, the MI between the splits of each pair of parent
clusters, weighted by their overlap (Perotti, Tessone & Caldarelli 2015,
recursion of their eq. 6). Flat partitions are one-level hierarchies, and
their HMI is their MI.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import counts, encode, entropy_from_counts
from mutinfo._params import check_choice
from mutinfo._result import check_base
from mutinfo.clustering._comparison import AVERAGES, Average, _normalizer
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["hierarchical_mi", "normalized_hierarchical_mi"]


def _paths(tree: Any, name: str) -> tuple[list[Hashable], list[list[int]]]:
    """Return the elements and, for each, the cluster ids from depth 1 down."""
    if not isinstance(tree, list | tuple):
        raise InvalidParameterError(
            f"The {name!r} parameter must be a nested list (the root cluster). Got "
            f"{type(tree).__name__} instead."
        )
    elements: list[Hashable] = []
    paths: list[list[int]] = []
    next_id = 1
    stack: list[tuple[Any, list[int]]] = [(tree, [])]
    while stack:
        node, path = stack.pop()
        if len(node) == 0:
            raise InvalidDataError(
                f"The {name!r} hierarchy has an empty cluster; every cluster needs "
                "an element."
            )
        has_sub = any(isinstance(c, list | tuple) for c in node)
        for child in reversed(node):
            if isinstance(child, list | tuple):
                stack.append((child, [*path, next_id]))
                next_id += 1
                continue
            try:
                hash(child)
            except TypeError:
                raise InvalidDataError(
                    f"The {name!r} hierarchy holds {child!r}, which is neither a "
                    "list (a cluster) nor a hashable element."
                ) from None
            elements.append(child)
            if has_sub:  # an element beside sub-clusters is its own cluster
                paths.append([*path, next_id])
                next_id += 1
            else:
                paths.append(path)
    if len(set(elements)) != len(elements):
        seen: set[Hashable] = set()
        dup = next(e for e in elements if e in seen or seen.add(e))  # type: ignore[func-returns-value]
        raise InvalidDataError(
            f"The {name!r} hierarchy holds the element {dup!r} more than once; "
            "each element must be in exactly one cluster per level."
        )
    return elements, paths


def _label_matrix(paths: list[list[int]], depth: int) -> NDArray[np.float64]:
    """Labels per depth (columns 1..depth); leaf clusters keep their label."""
    out = np.zeros((len(paths), depth), dtype=np.float64)
    for i, p in enumerate(paths):
        if p:
            out[i, : len(p)] = p
            out[i, len(p) :] = p[-1]
    return out


def _entropy(*columns: NDArray[np.float64]) -> float:
    codes, k = encode(np.column_stack(columns))
    return entropy_from_counts(counts(codes, k))


def _aligned(
    tree_a: Any, tree_b: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    el_a, paths_a = _paths(tree_a, "tree_a")
    el_b, paths_b = _paths(tree_b, "tree_b")
    if set(el_a) != set(el_b):
        only = next(iter(set(el_a) ^ set(el_b)))
        where = "tree_a" if only in set(el_a) else "tree_b"
        raise InvalidDataError(
            "The hierarchies 'tree_a' and 'tree_b' must hold the same elements; "
            f"{only!r} is only in {where!r}."
        )
    order = {e: i for i, e in enumerate(el_b)}
    paths_b = [paths_b[order[e]] for e in el_a]
    depth = max(1, *(len(p) for p in paths_a), *(len(p) for p in paths_b))
    return _label_matrix(paths_a, depth), _label_matrix(paths_b, depth)


def hierarchical_mi(tree_a: Any, tree_b: Any, *, base: float = math.e) -> float:
    """Hierarchical mutual information of two hierarchies over the same elements.

    Parameters
    ----------
    tree_a, tree_b : nested list
        Hierarchies as nested lists (see the module notes): ``[[0, 1], [2, 3]]``
        is a flat partition, ``[[[0, 1], [2, 3]], [[4, 5], [6, 7]]]`` a
        two-level binary hierarchy.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float
        ``sum_l I(A_l; B_l | A_{l-1}, B_{l-1})``; for flat partitions, their MI;
        for a hierarchy with itself, its hierarchical entropy.

    Raises
    ------
    InvalidParameterError
        If a tree is not a list.
    InvalidDataError
        If a cluster is empty, an element repeats, or the trees hold different
        elements.

    Examples
    --------
    >>> from mutinfo.clustering import hierarchical_mi
    >>> tree = [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]
    >>> round(hierarchical_mi(tree, tree, base=2), 12)  # log2(4)
    2.0
    """
    scale = 1.0 / math.log(check_base(base))
    la, lb = _aligned(tree_a, tree_b)
    prev_a = np.zeros(la.shape[0])
    prev_b = np.zeros(lb.shape[0])
    total = 0.0
    for level in range(la.shape[1]):
        a, b = la[:, level], lb[:, level]
        total += (
            _entropy(a, prev_a, prev_b)
            + _entropy(b, prev_a, prev_b)
            - _entropy(a, b, prev_a, prev_b)
            - _entropy(prev_a, prev_b)
        )
        prev_a, prev_b = a, b
    return total * scale + 0.0


def normalized_hierarchical_mi(
    tree_a: Any, tree_b: Any, *, average: Average = "arithmetic"
) -> float:
    """Normalised hierarchical MI: ``I(T; T') / mean(I(T; T), I(T'; T'))``.

    Parameters
    ----------
    tree_a, tree_b : nested list
        Hierarchies over the same elements.
    average : {'arithmetic', 'geometric', 'min', 'max', 'joint'}, default='arithmetic'
        Mean of the two self-informations (``'joint'``: the hierarchical joint
        entropy ``I(T;T) + I(T';T') - I(T;T')``).

    Returns
    -------
    float
        1 for identical hierarchies; 0 when the normaliser is 0 (two
        unsplit roots count as identical, 1.0). For flat partitions it equals
        :func:`normalized_mi` with the same ``average``.

    Raises
    ------
    InvalidParameterError
        If ``average`` is not one of the options.

    Examples
    --------
    >>> from mutinfo.clustering import normalized_hierarchical_mi
    >>> x = [["a", [["b"], ["c"]]], ["d", "e", "f"]]
    >>> y = [["a", "b", "c"], ["f", [["d"], ["e"]]]]
    >>> round(normalized_hierarchical_mi(x, y), 6)
    0.557886
    """
    check_choice(average, "average", AVERAGES, "normalized_hierarchical_mi()")
    ab = hierarchical_mi(tree_a, tree_b)
    aa = hierarchical_mi(tree_a, tree_a)
    bb = hierarchical_mi(tree_b, tree_b)
    if aa == bb == 0.0:
        return 1.0
    norm = _normalizer(aa, bb, aa + bb - ab, average)
    return ab / norm if norm > 0 else 0.0
