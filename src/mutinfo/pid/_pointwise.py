"""Specificity and ambiguity: the two directed parts of pointwise MI (Finn & Lizier)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from mutinfo._result import check_base, unit_name
from mutinfo.discrete import Distribution, local_entropy, pmi
from mutinfo.discrete._distribution import RVs
from mutinfo.discrete._measures import _check_dist
from mutinfo.exceptions import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PointwiseInformation", "pointwise_information"]


@dataclass(frozen=True, eq=False)
class PointwiseInformation:
    """Per-outcome specificity, ambiguity and pointwise MI of a source about a target.

    Attributes
    ----------
    outcomes : list of tuple
        Joint outcomes ``(source labels..., target labels...)``.
    probability : ndarray
        Their probabilities.
    specificity : ndarray
        ``h(s) = -log p(s)`` (>= 0).
    ambiguity : ndarray
        ``h(s | t) = -log p(s | t)`` (>= 0).
    pmi : ndarray
        ``i(s; t) = h(s) - h(s | t)``.
    unit : str
        Unit of the values.
    """

    outcomes: list[tuple[Hashable, ...]]
    probability: NDArray[np.float64]
    specificity: NDArray[np.float64]
    ambiguity: NDArray[np.float64]
    pmi: NDArray[np.float64]
    unit: str

    @property
    def entropy(self) -> float:
        """Average specificity: the source entropy ``H(S)``."""
        return float(self.probability @ self.specificity)

    @property
    def conditional_entropy(self) -> float:
        """Average ambiguity: ``H(S | T)``."""
        return float(self.probability @ self.ambiguity)

    @property
    def mutual_information(self) -> float:
        """Average pointwise MI: ``I(S; T) = H(S) - H(S | T)``."""
        return float(self.probability @ self.pmi)

    def to_frame(self) -> pd.DataFrame:
        """One row per outcome: ``outcome, p, specificity, ambiguity, pmi``."""
        import pandas as pd

        return pd.DataFrame(
            {
                "outcome": self.outcomes,
                "p": self.probability,
                "specificity": self.specificity,
                "ambiguity": self.ambiguity,
                "pmi": self.pmi,
            }
        )


def pointwise_information(
    dist: Distribution, source: RVs, target: RVs, *, base: float = 2
) -> PointwiseInformation:
    """Split the pointwise MI of every outcome into specificity and ambiguity.

    ``i(s; t) = h(s) - h(s | t)``: the specificity ``h(s) = -log p(s)`` is how
    much the source outcome rules out, the ambiguity ``h(s | t) = -log p(s |
    t)`` how much of that is misinformation about the target (Finn & Lizier
    2018). Both are non-negative; their averages are ``H(S)`` and ``H(S | T)``.

    Parameters
    ----------
    dist : Distribution
        The joint distribution.
    source, target : str, int or sequence
        The variables (names or indices) of the source and of the target.
    base : float, default=2
        Logarithm base (2: bits).

    Returns
    -------
    PointwiseInformation

    References
    ----------
    .. [1] C. Finn and J. T. Lizier, "Pointwise partial information
       decomposition using the specificity and ambiguity lattices", Entropy
       20(4):297 (2018), doi:10.3390/e20040297.

    Examples
    --------
    >>> from mutinfo.discrete import examples
    >>> from mutinfo.pid import pointwise_information
    >>> pw = pointwise_information(examples.and_(), "x0", "y")
    >>> pw.to_frame().round(3)["pmi"].tolist()
    [0.415, -0.585, 1.0]
    >>> pw.ambiguity.round(3).tolist()
    [0.585, 1.585, 0.0]
    >>> round(pw.mutual_information, 6)
    0.311278
    """
    d = _check_dist(dist, "dist")
    b = check_base(base)
    s = d.indices(source, "source")
    t = d.indices(target, "target")
    shared = sorted(set(s) & set(t))
    if shared or len(set(s)) != len(s) or len(set(t)) != len(t):
        names = ", ".join(repr(d.names[i]) for i in shared) or "a variable twice"
        raise InvalidParameterError(
            f"The 'source' and 'target' of pointwise_information() must name "
            f"distinct variables; they repeat {names}. Pass each variable once."
        )
    joint = d.marginal(s + t)
    cols_s = list(range(len(s)))
    cols_t = list(range(len(s), len(s) + len(t)))
    spec = local_entropy(joint, cols_s, base=b)
    amb = local_entropy(joint, cols_s, cols_t, base=b)
    local = pmi(joint, cols_s, cols_t, base=b)
    outcomes = joint.outcomes
    n_s = len(s)
    return PointwiseInformation(
        outcomes=outcomes,
        probability=joint.pmf.copy(),
        specificity=np.array([spec[o[:n_s]] for o in outcomes]) + 0.0,
        ambiguity=np.array([amb[o] for o in outcomes]) + 0.0,
        pmi=np.array([local[o] for o in outcomes]) + 0.0,
        unit=unit_name(b),
    )
