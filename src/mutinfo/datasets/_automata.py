"""Elementary cellular automata (Wolfram's 256 rules), seeded, periodic boundary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._task import check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = ["ElementaryCA", "elementary_ca"]


@dataclass(frozen=True)
class ElementaryCA:
    """An elementary cellular automaton: bits updated from their neighbourhoods.

    Cell ``i`` becomes bit ``4 x_{i-1} + 2 x_i + x_{i+1}`` of ``rule``
    (Wolfram's numbering), all cells at once, on a ring (periodic boundary).
    Lizier et al. computed local transfer entropy and storage on such
    space-time patterns (rules 54 and 110: gliders carry transfer, domains
    storage); rule 90 is linear (``x_{i-1} xor x_{i+1}``) and keeps the
    uniform i.i.d. measure, so its information dynamics are exact: each
    neighbour alone transfers nothing, and given the other it transfers
    ``ln 2``.

    Attributes
    ----------
    rule : int
        Wolfram rule number, 0..255.
    """

    rule: int

    @property
    def table(self) -> NDArray[np.int8]:
        """Outputs for the neighbourhoods ``0..7`` (``4 left + 2 centre + right``)."""
        return np.array([(self.rule >> i) & 1 for i in range(8)], dtype=np.int8)

    def step(self, state: ArrayLike) -> NDArray[np.int8]:
        """Update one row ``(width,)`` or a batch ``(m, width)``."""
        s = np.asarray(state, dtype=np.int8)
        idx = 4 * np.roll(s, 1, axis=-1) + 2 * s + np.roll(s, -1, axis=-1)
        return np.asarray(self.table[idx], dtype=np.int8)

    def run(
        self,
        n_steps: int,
        width: int | None = None,
        *,
        rng: Any = None,
        initial: ArrayLike | None = None,
        transient: int = 0,
    ) -> NDArray[np.int8]:
        """Run from a uniformly random (or given) row; return the space-time pattern.

        Parameters
        ----------
        n_steps : int
            Rows returned (>= 1).
        width : int, optional
            Cells (>= 3); required without ``initial``.
        rng : None, int or numpy.random.Generator, default=None
            Seeds the random initial row.
        initial : array-like of 0/1, optional
            The initial row (its length is the width).
        transient : int, default=0
            Steps run and discarded first.

        Returns
        -------
        numpy.ndarray of shape (n_steps, width), int8
            Row ``t`` is the state at time ``t``; a column is one cell's series.

        Examples
        --------
        >>> from mutinfo import datasets
        >>> ca = datasets.elementary_ca(90)
        >>> ca.run(3, initial=[0, 0, 0, 1, 0, 0, 0]).tolist()
        [[0, 0, 0, 1, 0, 0, 0], [0, 0, 1, 0, 1, 0, 0], [0, 1, 0, 0, 0, 1, 0]]
        """
        where = "ElementaryCA.run()"
        n = int(check_number(n_steps, "n_steps", where, low=1, integer=True))
        burn = int(check_number(transient, "transient", where, low=0, integer=True))
        if initial is not None:
            row = np.asarray(initial)
            if row.ndim != 1 or row.size < 3 or not np.isin(row, (0, 1)).all():
                raise InvalidParameterError(
                    f"The 'initial' parameter of {where} must be a 1-D row of at "
                    f"least 3 zeros and ones; got shape {row.shape}."
                )
            state = row.astype(np.int8)
        else:
            if width is None:
                raise InvalidParameterError(
                    f"{where} needs the 'width' parameter (number of cells) or an "
                    "'initial' row."
                )
            w = int(check_number(width, "width", where, low=3, integer=True))
            state = check_rng(rng).integers(0, 2, w).astype(np.int8)
        for _ in range(burn):
            state = self.step(state)
        out = np.empty((n, state.size), dtype=np.int8)
        out[0] = state
        for t in range(1, n):
            out[t] = self.step(out[t - 1])
        return out


def elementary_ca(rule: int) -> ElementaryCA:
    """Build the elementary cellular automaton with Wolfram rule number ``rule``.

    Parameters
    ----------
    rule : int
        0..255 (for example 30, 54, 90, 110).

    Returns
    -------
    ElementaryCA

    References
    ----------
    .. [1] S. Wolfram, "Statistical mechanics of cellular automata", Rev.
       Mod. Phys. 55, 601 (1983).
    .. [2] J. T. Lizier, M. Prokopenko and A. Y. Zomaya, "Local information
       transfer as a spatiotemporal filter for complex systems", Phys. Rev. E
       77, 026110 (2008).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> datasets.elementary_ca(110).table.tolist()
    [0, 1, 1, 1, 0, 1, 1, 0]
    """
    r = check_number(rule, "rule", "elementary_ca()", low=0, high=255, integer=True)
    r = int(r)
    return ElementaryCA(r)
