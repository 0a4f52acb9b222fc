"""Sources and target of a distribution, prepared once for every measure.

:func:`prepare` validates the variables and reduces the distribution to the
joint outcomes of the sources and the target. Every measure then asks for the
joint code of a union of sources (:meth:`Prepared.codes`) and the marginal
probabilities it needs; each union is encoded once, by the distribution's own
counting (:meth:`mutinfo.discrete.Distribution.marginal_codes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mutinfo.discrete import Distribution
from mutinfo.discrete._distribution import RVs
from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid._lattice import MAX_SOURCES

__all__ = ["Prepared", "prepare"]


@dataclass
class Prepared:
    """A distribution reduced to its sources and target, with cached marginals.

    Attributes
    ----------
    dist : Distribution
        The marginal over the source variables then the target variables.
    source_columns : list of list of int
        The columns of ``dist`` of each source.
    target_columns : list of int
        The columns of ``dist`` of the target.
    source_names, target_name : tuple of str, str
        Labels for results (``"x0"``, or ``"x0,x1"`` for a grouped source).
    """

    dist: Distribution
    source_columns: list[list[int]]
    target_columns: list[int]
    source_names: tuple[str, ...]
    target_name: str
    _cache: dict[tuple[int, ...], tuple[NDArray[np.int64], int]] = field(
        default_factory=dict, repr=False
    )
    _local: dict[tuple[object, ...], NDArray[np.float64]] = field(
        default_factory=dict, repr=False
    )

    @property
    def n_sources(self) -> int:
        """Number of sources."""
        return len(self.source_columns)

    @property
    def p(self) -> NDArray[np.float64]:
        """Probability of each joint outcome (row) of ``dist``."""
        return self.dist.pmf

    def codes(self, sources: Sequence[int]) -> tuple[NDArray[np.int64], int]:
        """Code of each row's outcome of the union of ``sources`` (positions).

        An empty union has one outcome. The codes are cached per union.
        """
        key = tuple(sorted(set(sources)))
        if key not in self._cache:
            cols = sorted({c for s in key for c in self.source_columns[s]})
            self._cache[key] = self.dist.marginal_codes(cols)
        return self._cache[key]

    def target_codes(self) -> tuple[NDArray[np.int64], int]:
        """Code of each row's target outcome and the number of target outcomes."""
        key = (-1,)
        if key not in self._cache:
            self._cache[key] = self.dist.marginal_codes(self.target_columns)
        return self._cache[key]

    def pair(
        self, sources: Sequence[int]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Per row: the union's code ``a``, the target code ``t`` and ``p(a, t)``.

        Also usable as marginal lookups: ``p(a)`` and ``p(t)`` come from
        :meth:`marginal`.
        """
        a, ka = self.codes(sources)
        t, kt = self.target_codes()
        joint = a * kt + t
        p_at = np.bincount(joint, weights=self.p, minlength=ka * kt)
        return a, t, p_at[joint]

    def marginal(self, codes: NDArray[np.int64], k: int) -> NDArray[np.float64]:
        """Per row: the probability of the row's value of ``codes``."""
        p = np.bincount(codes, weights=self.p, minlength=k).astype(np.float64)
        return p[codes]

    def local_mi(self, sources: Sequence[int]) -> NDArray[np.float64]:
        """Per row: the pointwise MI ``log p(a, t) / (p(a) p(t))`` in nats."""
        key = ("mi", *sorted(set(sources)))
        if key not in self._local:
            a, t, p_at = self.pair(sources)
            ka = self.codes(sources)[1]
            kt = self.target_codes()[1]
            p_a = self.marginal(a, ka)
            p_t = self.marginal(t, kt)
            self._local[key] = np.log(p_at) - np.log(p_a) - np.log(p_t)
        return self._local[key]

    def specific_information(self, sources: Sequence[int]) -> NDArray[np.float64]:
        """Return ``I(T = t; A)`` for every target outcome ``t`` (by code), in nats.

        Williams & Beer's specific information
        ``sum_a p(a | t) log p(t | a) / p(t)``.
        """
        t, kt = self.target_codes()
        p_t = np.bincount(t, weights=self.p, minlength=kt)
        weighted = np.bincount(t, weights=self.p * self.local_mi(sources), minlength=kt)
        return np.divide(weighted, p_t, out=np.zeros(kt), where=p_t > 0)


def _label(dist: Distribution, idx: list[int]) -> str:
    return ",".join(dist.names[i] for i in idx)


def prepare(dist: object, sources: object, target: RVs) -> Prepared:
    """Validate ``sources`` and ``target`` of ``dist`` and reduce it to them.

    Parameters
    ----------
    dist : Distribution
        The joint distribution.
    sources : sequence
        Two to four sources; each a variable (name or index) or a list of
        variables that together form one source.
    target : str, int or sequence
        The target variable(s).

    Returns
    -------
    Prepared

    Raises
    ------
    InvalidParameterError
        If ``dist`` is not a Distribution, a name is unknown, there are fewer
        than 2 or more than 4 sources, or the target shares a variable with a
        source.
    """
    from mutinfo.discrete._measures import _check_dist

    d = _check_dist(dist, "dist")
    if isinstance(sources, str | int) or not isinstance(sources, Sequence):
        raise InvalidParameterError(
            "The 'sources' parameter must be a list of variables (names or "
            f"indices), one per source. Got {sources!r} instead; for example "
            "sources=['x0', 'x1']."
        )
    if not 2 <= len(sources) <= MAX_SOURCES:
        raise InvalidParameterError(
            f"The 'sources' parameter must list 2 to {MAX_SOURCES} sources (the "
            f"largest redundancy lattice mutinfo builds has {MAX_SOURCES} sources, "
            f"166 nodes). Got {len(sources)} sources; group variables into at "
            f"most {MAX_SOURCES} sources, for example [['a', 'b'], 'c']."
        )
    source_idx = [d.indices(s, "sources") for s in sources]
    for s, idx in zip(sources, source_idx, strict=True):
        if not idx:
            raise InvalidParameterError(
                f"The 'sources' parameter holds an empty source ({s!r}); every "
                "source needs a variable."
            )
    target_idx = d.indices(target, "target")
    if not target_idx:
        raise InvalidParameterError("The 'target' parameter names no variable.")
    shared = sorted({i for idx in source_idx for i in idx} & set(target_idx))
    if shared:
        names = ", ".join(repr(d.names[i]) for i in shared)
        raise InvalidParameterError(
            f"The target shares {names} with the sources; the target must be a "
            "variable that is not among the sources."
        )
    used = list(dict.fromkeys([i for idx in source_idx for i in idx] + target_idx))
    reduced = d.marginal(used)
    position = {v: j for j, v in enumerate(used)}
    return Prepared(
        dist=reduced,
        source_columns=[[position[i] for i in idx] for idx in source_idx],
        target_columns=[position[i] for i in target_idx],
        source_names=tuple(_label(d, idx) for idx in source_idx),
        target_name=_label(d, target_idx),
    )
