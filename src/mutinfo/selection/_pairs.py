"""MI of column pairs through the matrix machinery (:mod:`mutinfo.matrix`).

Relevance ``I(X_j; Y)`` and redundancy ``I(X_j; X_k)`` are MI values of pairs
of columns of the table ``[X_0, ..., X_{d-1}, Y]``. The matrix planner prepares
every column once (copula ranks, one-hot codes, KSG scaling, noise and sorts)
and routes each pair to its fast kernel (batched Gaussian algebra, joint
counting, KSG with shared sorts) or to the registered estimator; this module
only asks it for arbitrary batches of pairs instead of square tiles.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._parallel import execute, resolve_n_jobs
from mutinfo._validation import Variable
from mutinfo.exceptions import warn
from mutinfo.matrix._data import Table
from mutinfo.matrix._kernels import (
    KERNELS,
    N_CLASSES,
    Prepared,
    Warned,
    identifier_pairs,
)
from mutinfo.matrix._plan import prepare, refine_families

__all__ = ["PairPlan"]


def _chunk(
    pairs: NDArray[np.intp], _rng: np.random.Generator, *, prep: Prepared
) -> tuple[NDArray[np.float64], list[Warned]]:
    """MI of each pair ``(i, j)``, ``i < j`` (randomness is per column or pair)."""
    ii, jj = pairs[:, 0], pairs[:, 1]
    cls = prep.column_class
    code = cls[ii] * N_CLASSES + cls[jj]
    values = np.full(ii.size, np.nan)
    warned: list[Warned] = []
    # pairs of a row-identifier column stay NaN (not estimated)
    live = ~identifier_pairs(prep, ii, jj, warned)
    for c in np.unique(code[live]).tolist():
        kernel, method = prep.route[divmod(c, N_CLASSES)]
        sel = np.flatnonzero(live & (code == c))
        values[sel] = KERNELS[kernel](prep, method, ii[sel], jj[sel], warned)
    return values, warned


class PairPlan:
    """Columns ``features + [target]`` prepared once for MI of any pairs.

    With ``given``, the plan estimates the CMI of the pairs given that
    variable instead (``I(X_i; X_j | given)``). Under ``method="auto"`` each
    pair of label columns gets the counting family :func:`mutinfo.estimate`
    gives that pair (and ``given``) on its own, chosen by how well its table is
    sampled (:func:`mutinfo._auto.discrete_family`), as in
    :func:`mutinfo.mi_matrix`.
    """

    def __init__(
        self,
        features: list[Variable],
        target: Variable,
        *,
        given: Variable | None = None,
        method: Any,
        params: dict[str, Any],
        entropy: int,
        n_jobs: int | None,
        client: Any,
    ) -> None:
        columns = [
            Variable(
                str(v.labels[0]) if v.labels else v.name,
                v.values,
                v.discrete,
                v.labels,
                v.coded,
            )
            for v in [*features, target]
        ]
        names = [f"{j}" for j in range(len(columns))]
        self.prep = prepare(
            Table(names=names, columns=columns, z=given),
            method=method,
            params=params,
            entropy=entropy,
            sampling=True,
            lazy_families=True,
        )
        self.target = len(features)
        self.n_jobs = n_jobs
        self.client = client

    def method(self, i: int, j: int) -> str:
        """Registry name of the method that estimates the pair ``(i, j)``.

        ``''`` for a pair not estimated (it holds a row identifier, left NaN),
        as in :class:`~mutinfo.matrix.MIMatrix`'s ``methods``: a name there
        claimed a method ran (``rank_features``' row for an id column read
        'mixed_ksg' next to its NaN).
        """
        cls = self.prep.column_class
        name = self.prep.route[(int(cls[i]), int(cls[j]))][1]
        refine_families(self.prep, np.array([i]), np.array([j]))
        if self.prep.identifier_of(i, j) is not None:
            return ""
        return self.prep.pair_method(i, j, name)

    def mi(self, pairs: list[tuple[int, int]]) -> NDArray[np.float64]:
        """MI (or CMI) in nats of each pair of column indices (the target is ``d``)."""
        if not pairs:
            return np.empty(0)
        arr = np.sort(np.asarray(pairs, dtype=np.intp), axis=1)
        refine_families(self.prep, arr[:, 0], arr[:, 1])
        workers = 1 if self.client is not None else resolve_n_jobs(self.n_jobs)
        n_chunks = 1 if workers == 1 and self.client is None else 4 * max(workers, 2)
        chunks = [c for c in np.array_split(arr, n_chunks) if c.size]
        used = {name for _, name in self.prep.route.values()}
        threads = all(type(self.prep.estimators[n]).thread_safe for n in used)
        results = execute(
            functools.partial(_chunk, prep=self.prep),
            chunks,
            entropy=0,  # unused: the prepared columns carry the random streams
            n_jobs=self.n_jobs,
            tile_size=1,
            backend="threads" if threads else "processes",
            client=self.client,
        )
        seen: dict[Warned, None] = {}
        for _, warned in results:
            seen.update(dict.fromkeys(warned))
        for category, message in seen:
            warn(message, category)
        return np.concatenate([values for values, _ in results])
