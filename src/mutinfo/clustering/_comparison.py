"""Comparing two flat clusterings: NMI, AMI and variation of information."""

from __future__ import annotations

import itertools
import math
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln

from mutinfo._params import check_choice
from mutinfo._result import check_base
from mutinfo.clustering._labels import contingency_of, entropies

__all__ = [
    "AVERAGES",
    "adjusted_mi",
    "expected_mi",
    "normalized_mi",
    "variation_of_information",
]

Average = Literal["arithmetic", "geometric", "min", "max", "joint"]
AVERAGES: tuple[str, ...] = ("arithmetic", "geometric", "min", "max", "joint")
_EPS = float(np.finfo(np.float64).eps)
_CHUNK = 1 << 22
_TAIL = 800.0  # exp(-800) is far below the smallest double


def _normalizer(ha: float, hb: float, hab: float, average: str) -> float:
    if average == "arithmetic":
        return (ha + hb) / 2.0
    if average == "geometric":
        return math.sqrt(ha * hb)
    if average == "min":
        return min(ha, hb)
    if average == "max":
        return max(ha, hb)
    return hab


def _checked_table(
    labels_a: Any, labels_b: Any, average: str, where: str
) -> tuple[NDArray[np.int64], int, int]:
    """Check ``average``; return the contingency table and both cluster counts."""
    check_choice(average, "average", AVERAGES, where)
    table = contingency_of(labels_a, labels_b)
    rows, cols = (table.sum(axis=1) > 0).sum(), (table.sum(axis=0) > 0).sum()
    return table, int(rows), int(cols)


def normalized_mi(
    labels_a: Any, labels_b: Any, *, average: Average = "arithmetic"
) -> float:
    """Normalised mutual information ``I(A; B) / mean(H(A), H(B))`` of two clusterings.

    Parameters
    ----------
    labels_a, labels_b : array-like of shape (n_samples,)
        Cluster labels (numbers or strings) of the same samples.
    average : {'arithmetic', 'geometric', 'min', 'max', 'joint'}, default='arithmetic'
        The normaliser: a mean of the two entropies, or the joint entropy
        ``H(A, B)`` for ``'joint'``.

    Returns
    -------
    float
        In [0, 1]; 1 for identical partitions up to relabelling. Two
        single-cluster labelings count as identical (1.0), and a zero MI gives
        0.0, as in scikit-learn.

    Raises
    ------
    InvalidDataError
        If the labelings are not 1-D, empty, or of different lengths.
    InvalidParameterError
        If ``average`` is not one of the options.

    Examples
    --------
    >>> from mutinfo.clustering import normalized_mi
    >>> normalized_mi([0, 0, 1, 1], ["b", "b", "a", "a"])
    1.0
    """
    table, rows, cols = _checked_table(labels_a, labels_b, average, "normalized_mi()")
    if rows == cols == 1:
        return 1.0
    ha, hb, mi = entropies(table)
    if mi <= 0:
        return 0.0
    hab = ha + hb - mi
    return mi / max(_normalizer(ha, hb, hab, average), _EPS)


def expected_mi(table: NDArray[np.int64]) -> float:
    """Return the expected MI (nats) of labelings with these cluster sizes.

    The expectation is under random permutation of the labels.

    The exact expectation under the hypergeometric model of Vinh, Epps & Bailey
    (2010): ``sum_ij sum_n (n / N) log(N n / (a_i b_j)) P(n | a_i, b_j, N)``,
    computed in log space with ``gammaln`` so large ``N`` cannot overflow.

    Examples
    --------
    >>> import numpy as np
    >>> round(expected_mi(np.array([[1, 1], [1, 1]])), 6)
    0.231049
    """
    a = table.sum(axis=1)
    b = table.sum(axis=0)
    a, b = a[a > 0].astype(np.float64), b[b > 0].astype(np.float64)
    n = float(a.sum())
    # Every (i, j) pair of clusters and every feasible cell count n_ij.
    ai = np.repeat(a, b.size)
    bj = np.tile(b, a.size)
    lo = np.maximum(1.0, ai + bj - n)
    hi = np.minimum(ai, bj)
    # Bernstein's inequality (valid for sampling without replacement, Hoeffding
    # 1963) bounds P(|n_ij - mean| >= t) by exp(-t^2 / (2 (var + t / 3))); cell
    # counts beyond exp(-_TAIL) have probabilities that underflow to 0.0 anyway,
    # so skipping them leaves the sum unchanged while saving most of the work.
    mean = ai * bj / n
    var = np.minimum(ai * (bj / n) * (1 - bj / n), bj * (ai / n) * (1 - ai / n))
    reach = _TAIL / 3 + np.sqrt(_TAIL**2 / 9 + 2 * _TAIL * var)
    lo = np.maximum(lo, np.floor(mean - reach))
    hi = np.minimum(hi, np.ceil(mean + reach))
    length = np.maximum(hi - lo + 1.0, 0.0).astype(np.int64)
    fixed = (
        gammaln(ai + 1)
        + gammaln(bj + 1)
        + gammaln(n - ai + 1)
        + gammaln(n - bj + 1)
        - gammaln(n + 1)
    )
    # Pairs are processed in chunks of about _CHUNK terms to bound memory.
    cum = np.cumsum(length)
    cuts = np.searchsorted(cum, np.arange(_CHUNK, int(cum[-1]), _CHUNK), side="right")
    edges = [0, *sorted(set(cuts.tolist())), ai.size]
    total = 0.0
    for start, stop in itertools.pairwise(edges):
        if stop <= start:
            continue
        reps = length[start:stop]
        pair = np.repeat(np.arange(start, stop), reps)
        offset = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
        nij = lo[pair] + offset
        x, y = ai[pair], bj[pair]
        log_p = (
            fixed[pair]
            - gammaln(nij + 1)
            - gammaln(x - nij + 1)
            - gammaln(y - nij + 1)
            - gammaln(n - x - y + nij + 1)
        )
        term = (nij / n) * (np.log(n * nij) - np.log(x) - np.log(y))
        total += float((term * np.exp(log_p)).sum())
    return total


def adjusted_mi(
    labels_a: Any, labels_b: Any, *, average: Average = "arithmetic"
) -> float:
    """Return the adjusted MI ``(I - E[I]) / (mean(H(A), H(B)) - E[I])``.

    ``E[I]`` is the exact expected MI under random permutation of the labels
    with the cluster sizes fixed (:func:`expected_mi`); agrees with
    scikit-learn's ``adjusted_mutual_info_score`` (Vinh, Epps & Bailey 2010)
    for the four averages it has. ``'joint'`` (not in scikit-learn) is
    ``(I - E[I]) / (H(A, B) - E[I])`` with the observed joint entropy, as
    ELKI's ``adjustedJointMI``. It is approximate: ``H(A, B) = H(A) + H(B) - I``
    changes under the permutations while the marginal entropies do not, so
    its mean over permutations is slightly above 0 (0.0011 +- 0.0003 for 5
    clusters of 6 against 6 of 5, 20,000 permutations; the other averages
    are 0 there to within their 0.0005 error). Vinh et al. advocate ``'max'``
    (their NID), whose adjustment is exact.
    Like scikit-learn, two single-cluster labelings or two all-singleton
    labelings give 1.0, and a single cluster on one side only gives 0.0. One
    side all singletons (the other not) gives 0.0: every permutation then has
    ``I = E[I]`` (scikit-learn returns rounding noise there, up to 1.33 with
    ``average='min'``).

    Parameters
    ----------
    labels_a, labels_b : array-like of shape (n_samples,)
        Cluster labels of the same samples.
    average : {'arithmetic', 'geometric', 'min', 'max', 'joint'}, default='arithmetic'
        The normaliser, as in :func:`normalized_mi` (``'joint'`` uses
        ``H(A, B)``).

    Returns
    -------
    float
        1 for identical partitions, about 0 for independent ones; may be
        negative. Never clipped.

    Raises
    ------
    InvalidDataError
        If the labelings are not 1-D, empty, or of different lengths.
    InvalidParameterError
        If ``average`` is not one of the options.

    Examples
    --------
    >>> from mutinfo.clustering import adjusted_mi
    >>> a = [1] * 6 + [2] * 6 + [3] * 5
    >>> b = [1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2]
    >>> round(adjusted_mi(a, b), 5)
    0.27821
    """
    table, rows, cols = _checked_table(labels_a, labels_b, average, "adjusted_mi()")
    n = int(table.sum())
    if rows == cols == 1 or rows == cols == n:
        return 1.0
    if rows == 1 or cols == 1:
        return 0.0  # one side has a single cluster: I = E[I] = 0 exactly
    if rows == n or cols == n:
        # One side puts every sample in its own cluster, so every permutation
        # gives I = H(other side): I = E[I] exactly, and with average='min' the
        # normaliser is E[I] too (0 / 0, which rounding made 0.5 or 1.33).
        return 0.0
    ha, hb, mi = entropies(table)
    emi = expected_mi(table)
    normalizer = _normalizer(ha, hb, ha + hb - mi, average)
    denominator = normalizer - emi
    # Rounding can put E[I] a hair above the normaliser; keep the sign.
    denominator = min(denominator, -_EPS) if denominator < 0 else max(denominator, _EPS)
    return float((mi - emi) / denominator)


def variation_of_information(
    labels_a: Any, labels_b: Any, *, base: float = math.e
) -> float:
    """Variation of information ``H(A|B) + H(B|A) = H(A) + H(B) - 2 I(A; B)``.

    A metric on partitions (Meilă 2007): 0 exactly for identical partitions.

    Parameters
    ----------
    labels_a, labels_b : array-like of shape (n_samples,)
        Cluster labels of the same samples.
    base : float, default=math.e
        Logarithm base.

    Returns
    -------
    float

    Examples
    --------
    >>> from mutinfo.clustering import variation_of_information
    >>> variation_of_information([0, 0, 1, 1], [0, 1, 0, 1], base=2)
    2.0
    """
    scale = 1.0 / math.log(check_base(base))
    table = contingency_of(labels_a, labels_b)
    # H(A | B) + H(B | A) cell by cell: every term is >= 0, and exactly 0 for
    # identical partitions (n_ij = a_i = b_j). H(A) + H(B) - 2 I(A; B) summed
    # the same counts in different orders: a relabelled copy read +-8.9e-16
    # (negative in half of the cases), where VI is a metric.
    rows, cols = np.nonzero(table)
    nij = table[rows, cols].astype(np.float64)
    a = table.sum(axis=1)[rows].astype(np.float64)
    b = table.sum(axis=0)[cols].astype(np.float64)
    n = float(nij.sum())
    vi = -float(np.sum(nij * (np.log(nij / a) + np.log(nij / b)))) / n
    return vi * scale + 0.0
