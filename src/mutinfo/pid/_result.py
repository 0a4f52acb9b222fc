"""``PID``: the atoms of a partial information decomposition, named by node."""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PID", "PointwisePID"]


@dataclass(frozen=True, eq=False)
class PointwisePID:
    """Pointwise atoms at every joint outcome (Finn & Lizier's I_pm).

    Attributes
    ----------
    outcomes : list of tuple
        Joint outcomes ``(source labels..., target labels...)``.
    probability : ndarray of shape (n_outcomes,)
        Their probabilities.
    specificity, ambiguity : dict of str to ndarray
        The atoms of the specificity lattice (``pi+``) and of the ambiguity
        lattice (``pi-``) per node, at each outcome, in ``unit``.
    unit : str
        ``"bits"``, ``"nats"`` or ``"log<base>"``.
    """

    outcomes: list[tuple[Hashable, ...]]
    probability: NDArray[np.float64]
    specificity: Mapping[str, NDArray[np.float64]]
    ambiguity: Mapping[str, NDArray[np.float64]]
    unit: str

    @property
    def atoms(self) -> dict[str, NDArray[np.float64]]:
        """The pointwise atoms ``pi = pi+ - pi-`` per node."""
        return {k: self.specificity[k] - self.ambiguity[k] for k in self.specificity}

    def average(self) -> dict[str, float]:
        """Average every pointwise atom over the outcomes: the scalar atoms."""
        return {k: float(self.probability @ v) for k, v in self.atoms.items()}

    def to_frame(self) -> pd.DataFrame:
        """One row per (outcome, node): ``outcome, p, node, plus, minus, atom``."""
        import pandas as pd

        rows = [
            {
                "outcome": outcome,
                "p": float(self.probability[i]),
                "node": node,
                "plus": float(self.specificity[node][i]),
                "minus": float(self.ambiguity[node][i]),
                "atom": float(self.specificity[node][i] - self.ambiguity[node][i]),
            }
            for i, outcome in enumerate(self.outcomes)
            for node in self.specificity
        ]
        return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class PID:
    """A partial information decomposition of ``I(sources; target)``.

    Atoms are named by their lattice node: sources are numbered by their
    position in ``sources``; ``{0}{1}`` is the information both give
    (redundancy), ``{0}`` what only source 0 gives, ``{0:1}`` what only the
    two together give (synergy), ``{0}{1:2}`` the information source 0 shares
    with the pair (1, 2), and so on.

    Attributes
    ----------
    atoms : mapping of str to float
        Partial information of each node, in ``unit``; they sum to
        ``mutual_information``.
    redundancies : mapping of str to float
        The measure's redundancy ``I_cap`` of each node (the sum of the atoms
        at and below it), in ``unit``.
    measure : str
        ``"imin"``, ``"mmi"``, ``"ccs"``, ``"broja"``, ``"dep"`` or ``"pm"``.
    unit : str
        ``"bits"``, ``"nats"`` or ``"log<base>"``.
    sources : tuple of str
        Source labels (variable names, comma-joined for a grouped source).
    target : str
        Target label.
    mutual_information : float
        ``I(sources; target)`` in ``unit``.
    info : mapping
        Solver diagnostics: ``gap`` (nats) of ``broja``; ``iterations`` and
        ``marginal_error`` of the ``ccs`` maximum-entropy fit.
    pointwise : PointwisePID or None
        Pointwise atoms (``measure="pm"`` only).
    """

    atoms: Mapping[str, float]
    redundancies: Mapping[str, float]
    measure: str
    unit: str
    sources: tuple[str, ...]
    target: str
    mutual_information: float
    info: Mapping[str, Any] = field(default_factory=dict)
    pointwise: PointwisePID | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "atoms", MappingProxyType(dict(self.atoms)))
        object.__setattr__(
            self, "redundancies", MappingProxyType(dict(self.redundancies))
        )
        object.__setattr__(self, "info", MappingProxyType(dict(self.info)))

    @property
    def n_sources(self) -> int:
        """Number of sources."""
        return len(self.sources)

    def __getitem__(self, node: str) -> float:
        """Return the atom of ``node`` (for example ``pid["{0:1}"]``)."""
        try:
            return self.atoms[node]
        except KeyError:
            raise InvalidParameterError(
                f"No atom {node!r}; this {self.n_sources}-source decomposition has "
                f"{len(self.atoms)} atoms, from {next(iter(self.atoms))!r} to "
                f"{list(self.atoms)[-1]!r}."
            ) from None

    def _two(self, what: str) -> None:
        if self.n_sources != 2:
            raise InvalidParameterError(
                f"PID.{what} is defined for two sources; this decomposition has "
                f"{self.n_sources}. Read the atoms by node instead, for example "
                "pid.atoms['{0}{1}{2}']."
            )

    @property
    def redundancy(self) -> float:
        """Redundant information ``{0}{1}`` (two sources)."""
        self._two("redundancy")
        return self.atoms["{0}{1}"]

    @property
    def unique(self) -> tuple[float, float]:
        """Unique information of source 0 and of source 1 (two sources)."""
        self._two("unique")
        return self.atoms["{0}"], self.atoms["{1}"]

    @property
    def synergy(self) -> float:
        """Synergistic information ``{0:1}`` (two sources)."""
        self._two("synergy")
        return self.atoms["{0:1}"]

    def to_frame(self) -> pd.DataFrame:
        """One row per node: ``node``, ``atom``, ``redundancy``, in ``unit``.

        Returns
        -------
        pandas.DataFrame
            Indexed by node, with ``attrs`` holding measure, unit, sources
            and target.
        """
        import pandas as pd

        frame = pd.DataFrame(
            {
                "atom": list(self.atoms.values()),
                "redundancy": [self.redundancies[k] for k in self.atoms],
            },
            index=pd.Index(list(self.atoms), name="node"),
        )
        frame.attrs.update(
            measure=self.measure,
            unit=self.unit,
            sources=list(self.sources),
            target=self.target,
        )
        return frame

    def plot(
        self,
        path: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Draw the redundancy lattice with the atoms (plot extra).

        The same as :func:`mutinfo.plot.pid_lattice` with this result; the
        keyword arguments (``values``, ``ax``, ``cmap``, ``annotate``) are
        passed on.

        Returns
        -------
        matplotlib.figure.Figure
        """
        from mutinfo.plot import pid_lattice

        return pid_lattice(self, path, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (what ``mutinfo pid --format json`` prints)."""
        return {
            "measure": self.measure,
            "unit": self.unit,
            "sources": list(self.sources),
            "target": self.target,
            "mutual_information": self.mutual_information,
            "atoms": dict(self.atoms),
            "redundancies": dict(self.redundancies),
            "info": dict(self.info.items()),
        }

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}: {v:.6g}" for k, v in self.atoms.items())
        return (
            f"PID(measure={self.measure!r}, sources={self.sources!r}, "
            f"target={self.target!r}, unit={self.unit!r}, atoms={{{parts}}})"
        )
