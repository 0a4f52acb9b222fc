"""The redundancy lattice of antichains (Williams & Beer 2010), built once per size.

A node is an antichain: a collection of non-empty sets of sources, none a
subset of another. ``alpha <= beta`` when every set of ``beta`` contains a set
of ``alpha``. The lattice of ``n`` sources has 4, 18 and 166 nodes for
``n = 2, 3, 4``. The partial information atoms are the Möbius inversion of a
redundancy function over it: ``I_cap(alpha) = sum_{beta <= alpha} atom(beta)``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidParameterError

__all__ = ["MAX_SOURCES", "Lattice", "Node", "lattice", "node_name"]

#: The largest number of sources whose lattice mutinfo builds (166 nodes).
MAX_SOURCES = 4

#: A node: sorted tuple of sorted tuples of source positions.
Node = tuple[tuple[int, ...], ...]


def node_name(node: Node) -> str:
    """Name a node as in the PID literature: ``{0}{1}``, ``{0:1}``, ``{0:1}{2}``.

    Examples
    --------
    >>> node_name(((0,), (1,)))
    '{0}{1}'
    >>> node_name(((0, 1),))
    '{0:1}'
    """
    return "".join("{" + ":".join(str(i) for i in part) + "}" for part in node)


def _key(node: Node) -> tuple[int, tuple[tuple[int, ...], ...]]:
    # Lower nodes first: fewer, larger sets come later.
    return (sum(len(p) for p in node) - len(node) * 10, node)


@dataclass(frozen=True)
class Lattice:
    """The antichain lattice of ``n_sources`` sources.

    Attributes
    ----------
    n_sources : int
        Number of sources.
    nodes : tuple of Node
        Antichains in a linear extension of the order (bottom first).
    names : tuple of str
        ``node_name`` of each node.
    below : bool ndarray of shape (n_nodes, n_nodes)
        ``below[i, j]`` is True when ``nodes[j] <= nodes[i]``.
    mobius : float ndarray of shape (n_nodes, n_nodes)
        The inverse of ``below`` (integer entries): atoms = ``mobius @ I_cap``.
    """

    n_sources: int
    nodes: tuple[Node, ...]
    names: tuple[str, ...]
    below: NDArray[np.bool_]
    mobius: NDArray[np.float64]

    def index(self, name: str) -> int:
        """Position of the node called ``name``.

        Raises
        ------
        InvalidParameterError
            If no node has that name.
        """
        try:
            return self.names.index(name)
        except ValueError:
            raise InvalidParameterError(
                f"No node {name!r} in the lattice of {self.n_sources} sources; "
                f"nodes are named like {self.names[0]!r} and {self.names[-1]!r}."
            ) from None

    def atoms(self, redundancy: NDArray[np.float64]) -> NDArray[np.float64]:
        """Möbius inversion: the atoms whose sums over down-sets are ``redundancy``."""
        return np.asarray(self.mobius @ redundancy, dtype=np.float64)


def _order(nodes: list[Node], n: int) -> NDArray[np.bool_]:
    """``leq[i, j]``: ``nodes[j] <= nodes[i]`` (every set of i contains one of j).

    Sets are bit masks; ``up[j]`` marks the sets containing a set of node j.
    """
    size = 1 << n
    masks = np.arange(size)
    member = np.zeros((len(nodes), size), dtype=np.int64)
    up = np.zeros((len(nodes), size), dtype=bool)
    for i, node in enumerate(nodes):
        for part in node:
            a = sum(1 << k for k in part)
            member[i, a] = 1
            up[i] |= (masks & a) == a
    return np.asarray((member @ (~up).T.astype(np.int64)) == 0)


def _antichains(n: int) -> list[Node]:
    subsets = [c for r in range(1, n + 1) for c in combinations(range(n), r)]
    out: list[Node] = []

    def grow(chosen: list[tuple[int, ...]], start: int) -> None:
        if chosen:
            out.append(tuple(sorted(chosen, key=lambda s: (len(s), s))))
        for i in range(start, len(subsets)):
            s = set(subsets[i])
            if all(not (s <= set(c) or set(c) <= s) for c in chosen):
                chosen.append(subsets[i])
                grow(chosen, i + 1)
                chosen.pop()

    grow([], 0)
    return out


@functools.cache
def lattice(n_sources: int) -> Lattice:
    """Return the (cached) redundancy lattice of ``n_sources`` sources.

    Parameters
    ----------
    n_sources : int
        From 1 to :data:`MAX_SOURCES` (4).

    Returns
    -------
    Lattice

    Raises
    ------
    InvalidParameterError
        If ``n_sources`` is outside ``[1, 4]``.

    Examples
    --------
    >>> from mutinfo.pid import lattice
    >>> [len(lattice(n).nodes) for n in (2, 3, 4)]
    [4, 18, 166]
    >>> lattice(2).names
    ('{0}{1}', '{0}', '{1}', '{0:1}')
    """
    if (
        isinstance(n_sources, bool)
        or not isinstance(n_sources, int)
        or not 1 <= n_sources <= MAX_SOURCES
    ):
        raise InvalidParameterError(
            f"The redundancy lattice is built for 1 to {MAX_SOURCES} sources (the "
            f"{MAX_SOURCES}-source lattice has 166 nodes; 5 sources would have "
            f"7,579). Got {n_sources!r} sources; group sources into at most "
            f"{MAX_SOURCES} variables."
        )
    nodes = _antichains(n_sources)
    # Sort into a linear extension: a node's rank is the longest chain below it.
    m = len(nodes)
    leq = _order(nodes, n_sources)
    strict = leq & ~np.eye(m, dtype=bool)
    rank = np.zeros(m, dtype=np.int64)
    for _ in range(m):
        new = np.where(strict, rank[None, :] + 1, 0).max(axis=1)
        if np.array_equal(new, rank):
            break
        rank = new
    order = sorted(range(m), key=lambda i: (int(rank[i]), _key(nodes[i])))
    nodes = [nodes[i] for i in order]
    below = leq[np.ix_(order, order)]
    # ``below`` is unit lower triangular in this order: invert by substitution.
    mobius = np.eye(m)
    for i in range(m):
        lower = np.flatnonzero(below[i, :i])
        if lower.size:
            mobius[i] -= mobius[lower].sum(axis=0)
    below.setflags(write=False)
    mobius.setflags(write=False)
    return Lattice(
        n_sources=n_sources,
        nodes=tuple(nodes),
        names=tuple(node_name(v) for v in nodes),
        below=below,
        mobius=mobius,
    )
