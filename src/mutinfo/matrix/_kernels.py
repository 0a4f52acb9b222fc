"""Pair kernels: how a tile computes the values of its pairs, one kernel per route.

- ``gauss``: Gaussian MI/CMI of all pairs as matrix algebra. Columns are
  prepared once (copula-normalised for ``gaussian_copula``, residualised on Z
  for CMI, scaled to unit norm); a tile is one matrix product giving every
  (partial) correlation ``r``, and ``I = -0.5 ln(1 - r^2)`` minus the analytic
  bias correction of :mod:`mutinfo.estimators.gaussian`.
- ``count``: MI/CMI of discrete pairs by joint counting: one-hot blocks
  multiplied give every contingency table of the tile at once (per stratum of
  Z for CMI), and ``sum c ln c`` is summed per pair (plug-in). Under
  ``method="auto"`` each pair gets the counting family that ``auto`` gives
  the same pair in :func:`mutinfo.estimate` (:class:`PairFamilies`):
  Miller-Madow and Grassberger from the same tables (a second table of
  ``c G(c)`` for Grassberger), NSB and James-Stein through the registered
  estimator, pair by pair.
- ``ksg``: the registered KSG estimator per pair, on columns standardised and
  given their tie-breaking noise once per column.
- ``generic``: the registered estimator per pair, through the estimator
  protocol, with the pair's own random stream.

Each kernel equals the registered estimator of its method on the same pair
(to floating-point rounding); the tests check it pair by pair.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._neighbors import ksg_counts, ksg_tile
from mutinfo._parallel import content_key, distinct_keys
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator
from mutinfo.estimators.gaussian import correlation_mi
from mutinfo.estimators.knn import ksg1_local
from mutinfo.exceptions import BiasWarning, DataWarning, InvalidDataError

__all__ = [
    "KERNELS",
    "N_CLASSES",
    "PairFamilies",
    "Prepared",
    "Warned",
    "column_rng",
    "given_rng",
    "identifier_pairs",
    "identifier_reason",
    "is_row_identifier",
    "keyed_pair_rng",
    "not_estimated_warning",
    "pair_rng",
]


def is_row_identifier(col: Variable) -> bool:
    """Return whether ``col`` is labels with a different value on every row.

    A row ID, or a code unique to its row: no estimator identifies its
    information from the sample (the plug-in reads the other variable's
    entropy, the neighbour counts within a label have nothing to count). The
    matrix and :func:`mutinfo.rank_features` leave its pairs NaN under every
    method (:func:`identifier_pairs`);
    :func:`mutinfo.selection.forward_selection` leaves it out of the
    candidates. Read as numbers (``discrete=False``), a column is no row
    identifier.
    """
    n = col.values.shape[0]
    return bool(col.discrete[0] and n >= 2 and np.unique(col.values[:, 0]).size == n)


#: ``(warning class, message)`` collected in a tile, emitted once by the caller.
Warned = tuple[type[Warning], str]

#: Column classes: 2 * kind (continuous, discrete, tied) + one-hot countable;
#: a pair's route is looked up by ``class_i * N_CLASSES + class_j``.
N_CLASSES = 6

#: Random streams of a run: SeedSequence(entropy, spawn_key=(stream, index)).
STREAM_COLUMN, STREAM_PAIR, STREAM_TEST = 0, 1, 2
#: The stream of the conditioning variable's tie-breaking noise:
#: SeedSequence(entropy, spawn_key=(STREAM_GIVEN, key)), apart from every column's.
STREAM_GIVEN = 3


#: Pairs of one kernel call whose warnings are spelled out; the rest are counted.
_SPELLED = 5


def _first(
    flagged: NDArray[np.intp],
    warned: list[Warned],
    category: type[Warning],
    method: str,
) -> NDArray[np.intp]:
    """Return the first few flagged pairs, and count the others in one warning."""
    if flagged.size > _SPELLED:
        warned.append(
            (
                category,
                f"{flagged.size - _SPELLED} more pairs of one tile had "
                f"{category.__name__}s like the ones shown (method {method!r}).",
            )
        )
    return flagged[:_SPELLED]


def pair_rng(entropy: int, stream: int, index: int) -> np.random.Generator:
    """Return the generator of item ``index`` of ``stream`` (per item, not tile)."""
    return np.random.default_rng(
        np.random.SeedSequence(entropy, spawn_key=(stream, index))
    )


def keyed_pair_rng(
    entropy: int, stream: int, key_a: int, key_b: int
) -> np.random.Generator:
    """Return the generator of a pair of columns with content keys ``key_a``, ``key_b``.

    ``SeedSequence(entropy, spawn_key=(stream, min, max))``: the same for the
    pair in either order (:meth:`Prepared.pair_stream`).
    """
    low, high = sorted((key_a, key_b))
    return np.random.default_rng(
        np.random.SeedSequence(entropy, spawn_key=(stream, low, high))
    )


def column_rng(entropy: int, key: int) -> np.random.Generator:
    """Return the generator of a column's tie-breaking noise, keyed by its values.

    The stream is ``(STREAM_COLUMN, key)`` with ``key`` the column's content
    key (:meth:`Prepared.column_key`, a 64-bit digest of its values), so a
    column gets the same noise wherever it sits in the table: reordering or
    subsetting the columns leaves every pair's value unchanged (keyed by
    position, swapping two tied columns moved a KSG cell by up to 0.035 nats
    and a rank_features score from 0.099 to 0.050).
    """
    return pair_rng(entropy, STREAM_COLUMN, key)


def given_rng(entropy: int, key: int) -> np.random.Generator:
    """Return the generator of the conditioning variable Z's tie-breaking noise.

    Keyed by Z's content key in a stream of its own (``STREAM_GIVEN``), so a
    column of the table with Z's values (a duplicate of a conditioning
    feature) draws noise independent of Z's, as in :func:`mutinfo.estimate`
    (with the column stream, such a column equalled Z after the noise).
    """
    return pair_rng(entropy, STREAM_GIVEN, key)


@dataclass
class PairFamilies:
    """The counting family ``auto`` gives each pair of discrete columns.

    ``names[codes[position[i], position[j]]]`` is the family of columns ``i``
    and ``j`` (both discrete, ``position`` -1 for the others): the one
    :func:`mutinfo._auto.discrete_family` picks for the pair on its own, from
    the rows, the product of the columns' (and Z's) numbers of distinct values
    and, where NSB is picked, whether any joint row repeats.
    """

    names: list[str]
    position: NDArray[np.intp]
    codes: NDArray[np.int8]
    #: Pairs (upper triangle of ``codes``) whose family still depends on their
    #: own joint table, left for :func:`mutinfo.matrix._plan.refine_families`
    #: (plans that ask for a few pairs, such as feature selection); None: none.
    pending: NDArray[np.bool_] | None = None
    #: Distinct values of each discrete column, by ``position`` (with pending).
    sizes: NDArray[np.int64] | None = None

    def of(self, i: int, j: int) -> str:
        """Family of the pair ``(i, j)`` of discrete columns."""
        return self.names[int(self.codes[self.position[i], self.position[j]])]

    def codes_of(self, ii: NDArray[np.intp], jj: NDArray[np.intp]) -> NDArray[np.int8]:
        """Family codes (indices into ``names``) of the pairs ``(ii, jj)``."""
        out: NDArray[np.int8] = self.codes[self.position[ii], self.position[jj]]
        return out


@dataclass
class Prepared:
    """Everything a tile reads: columns prepared once, shared read-only."""

    measure: str
    n_samples: int
    n_columns: int
    columns: list[Variable]
    z: Variable | None
    entropy: int
    estimators: dict[str, Estimator]
    #: kernel name per (column class, column class), and the method name.
    route: dict[tuple[int, int], tuple[str, str]]
    column_class: NDArray[np.int64]
    #: Warnings found while preparing the columns, shown with the pairs' ones.
    notes: list[Warned] = field(default_factory=list)
    gauss: dict[str, Any] = field(default_factory=dict)
    count: dict[str, Any] = field(default_factory=dict)
    ksg: dict[str, Any] = field(default_factory=dict)
    #: Per-pair counting families of ``auto`` (None: the route's method).
    families: PairFamilies | None = None
    #: Content keys of the columns (:meth:`column_key`), computed on first use.
    keys: list[int] | None = None
    #: Plain content digests of the columns (:meth:`pair_key`), on first use.
    digests: list[int] | None = None
    #: Whether each column is a row identifier (:meth:`row_identifier`), cached.
    identifiers: dict[int, bool] = field(default_factory=dict)

    def row_identifier(self, j: int) -> bool:
        """Return whether column ``j`` is labels with a different value on every row.

        Such a column (a row ID, a code unique to its row) has no repeated
        label, so no estimator can tell its information from the sample: the
        plug-in (and every entropy-based family) reads the other column's
        entropy, the maximum, and an estimator that counts neighbours within a
        label (Ross's ``mixed_ksg``) has nothing to count. Its pairs are left
        NaN under every method and reported (:func:`identifier_pairs`)
        instead of ranking it first or stopping the whole matrix or ranking.
        """
        if j not in self.identifiers:
            self.identifiers[j] = is_row_identifier(self.columns[j])
        return self.identifiers[j]

    def identifier_of(self, i: int, j: int) -> int | None:
        """Return the row-identifier column of the pair ``(i, j)``, else None."""
        for c in (i, j):
            if self.row_identifier(c):
                return c
        return None

    def column_key(self, j: int) -> int:
        """Return column ``j``'s content key (a digest of its values), cached.

        Columns of identical content get distinct keys
        (:func:`mutinfo._parallel.distinct_keys`: the first copy keeps the
        digest, later copies, in column order, get keys of their own), so
        duplicated columns draw independent tie-breaking noise, as two
        separate variables do in :func:`mutinfo.estimate` (with one stream,
        two copies of a tied column were the same column after the noise: KSG
        MI 4.78 nats at n = 300, against 1.43 for the pair on its own). Pair
        streams are keyed by :meth:`pair_key` instead.
        """
        if self.keys is None:
            self.keys = distinct_keys([self.pair_key(c) for c in range(self.n_columns)])
        return self.keys[j]

    def pair_key(self, j: int) -> int:
        """Return the digest of column ``j``'s values (the key of its pairs), cached.

        Unlike :meth:`column_key`, copies of a column share it: a pair's stream
        feeds one estimator, which draws each column's noise in turn from it,
        so two copies in one pair still get independent noise, and the pair
        ``(a, b)`` draws the same numbers whichever copy of ``b`` it holds and
        whatever else the table holds. With the copies' distinct keys, which
        copy came first decided the stream: with a copy of the target among the
        features, a KSG pair of labels read 0.6586 nats in the matrix and
        0.7846 in feature selection (target last), for one estimator and seed.
        """
        if self.digests is None:
            self.digests = [content_key(c.values) for c in self.columns]
        return self.digests[j]

    def pair_stream(self, stream: int, i: int, j: int) -> np.random.Generator:
        """Return the generator of pair ``(i, j)`` in ``stream``, keyed by content.

        ``SeedSequence(entropy, spawn_key=(stream, a, b))`` with ``a <= b`` the
        two columns' digests (:meth:`pair_key`): a pair draws the same numbers
        wherever its columns sit in the table and in either order, so
        reordering or subsetting the columns leaves its value unchanged (keyed
        by position, pairs on the generic route, such as ``mixed_atoms`` on
        tied columns, moved with the column order), and so does the table's
        holding a copy of either column.
        """
        return keyed_pair_rng(self.entropy, stream, self.pair_key(i), self.pair_key(j))

    def pair_method(self, i: int, j: int, method: str) -> str:
        """Return the method of pair ``(i, j)``, whose route gives ``method``."""
        if (
            self.families is not None
            and method == "plugin"
            and self.columns[i].discrete[0]
            and self.columns[j].discrete[0]
        ):
            return self.families.of(i, j)
        return method


# --------------------------------------------------------------------------- #
# gauss
# --------------------------------------------------------------------------- #
def _constant_warning(name: str, method: str) -> Warned:
    """Return the DataWarning of the pairs of a constant column (their MI is 0)."""
    return (
        DataWarning,
        f"Column {name!r} is constant, so it carries no information; "
        f"method {method!r} gives MI 0 for its pairs.",
    )


def _gauss(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.float64]:
    g = prep.gauss[method]
    scores, constant, bias = g["scores"], g["constant"], g["bias"]
    # One matrix product per tile (BLAS): its blocking follows the tile's shape,
    # so the last bits of r (about 1e-16; up to 6e-15 nats of MI measured) can
    # differ between tilings and n_jobs. An order-fixed dot per pair made every
    # tiling identical but the 5000 x 100 copula matrix 2.8x slower (0.51 ->
    # 1.45 ms a pair): the bound is documented and tested instead.
    rows, ri = np.unique(ii, return_inverse=True)
    cols, cj = np.unique(jj, return_inverse=True)
    r = (scores[rows] @ scores[cols].T)[ri, cj]
    value = correlation_mi(r, bias)
    dead = constant[ii] | constant[jj]
    infinite = np.isinf(value) & ~dead
    value[dead] = 0.0
    names = [c.name for c in prep.columns]
    for k in _first(np.flatnonzero(dead), warned, DataWarning, method):
        which = ii[k] if constant[ii[k]] else jj[k]
        warned.append(_constant_warning(names[which], method))
    for k in _first(np.flatnonzero(infinite), warned, DataWarning, method):
        warned.append(
            (
                DataWarning,
                f"Columns {names[ii[k]]!r} and {names[jj[k]]!r} are linearly "
                "dependent, "
                f"so their {method!r} MI is infinite (reported as inf). Remove "
                "duplicated or collinear columns.",
            )
        )
    return np.asarray(value, dtype=np.float64)


# --------------------------------------------------------------------------- #
# count
# --------------------------------------------------------------------------- #
#: Largest alphabet a column may have to be counted through one-hot products.
MAX_ONEHOT = 256
#: Cells of one contingency block computed at once (memory bound of a tile).
_BLOCK_CELLS = 4_000_000


def _onehot(
    codes: NDArray[np.int64], offsets: NDArray[np.int64], width: int, dtype: type
) -> NDArray[Any]:
    n = codes.shape[0]
    out: NDArray[Any] = np.zeros((n, width), dtype=dtype)
    rows = np.repeat(np.arange(n), codes.shape[1])
    out[rows, (codes + offsets).ravel()] = 1
    return out


def _sub_blocks(sizes: NDArray[np.int64]) -> list[tuple[int, int]]:
    """Split columns into runs whose one-hot width keeps blocks near _BLOCK_CELLS."""
    limit = max(int(math.sqrt(_BLOCK_CELLS)), int(sizes.max()))
    out: list[tuple[int, int]] = []
    start, width = 0, 0
    for k, s in enumerate(sizes.tolist()):
        if width + s > limit and k > start:
            out.append((start, k))
            start, width = k, 0
        width += s
    out.append((start, len(sizes)))
    return out


def _joint_terms(
    prep: Prepared,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    table_name: str = "clogc",
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Return ``sum f(c)`` and occupied cells of every (row, col) joint table.

    ``f`` is tabulated in ``prep.count[table_name]``: ``c ln c`` (plug-in) or
    ``c G(c)`` (Grassberger), indexed by the count ``c``.
    """
    c = prep.count
    codes, sizes, table = c["codes"], c["sizes"], c[table_name]
    strata: list[NDArray[np.intp]] = c["strata"]
    dtype = np.float32 if prep.n_samples < 2**24 else np.float64
    s_out = np.zeros((rows.size, cols.size))
    k_out = np.zeros((rows.size, cols.size), dtype=np.int64)
    for a0, a1 in _sub_blocks(sizes[rows]):
        ra = rows[a0:a1]
        off_a = np.concatenate([[0], np.cumsum(sizes[ra])[:-1]])
        for b0, b1 in _sub_blocks(sizes[cols]):
            cb = cols[b0:b1]
            off_b = np.concatenate([[0], np.cumsum(sizes[cb])[:-1]])
            for members in strata:
                sub = codes[members]
                oa = _onehot(sub[:, ra], off_a, int(sizes[ra].sum()), dtype)
                ob = _onehot(sub[:, cb], off_b, int(sizes[cb].sum()), dtype)
                joint = (oa.T @ ob).astype(np.int64)
                terms = np.add.reduceat(
                    np.add.reduceat(table[joint], off_a, axis=0), off_b, axis=1
                )
                occupied = np.add.reduceat(
                    np.add.reduceat((joint > 0).astype(np.int64), off_a, axis=0),
                    off_b,
                    axis=1,
                )
                s_out[a0:a1, b0:b1] += terms
                k_out[a0:a1, b0:b1] += occupied
    return s_out, k_out


def _count(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.float64]:
    c = prep.count
    n = prep.n_samples
    rows, ri = np.unique(ii, return_inverse=True)
    cols, cj = np.unique(jj, return_inverse=True)
    s, k = _joint_terms(prep, rows, cols)
    s, k = s[ri, cj], k[ri, cj]
    value = _from_joint(prep, "entropy", s, ii, jj)
    if prep.measure == "mi":
        kk = c["sizes"]
        bias = (k - kk[ii] - kk[jj] + 1) / (2.0 * n)
    else:
        kz, kxz = c["states_z"], c["states_xz"]
        bias = (k - kxz[ii] - kxz[jj] + kz) / (2.0 * n)
    if prep.families is None or method != "plugin":
        _warn_plugin(prep, method, ii, jj, k, bias, warned)
        return np.asarray(value, dtype=np.float64)
    fam = prep.families.codes_of(ii, jj)
    for code in np.unique(fam).tolist():
        name = prep.families.names[code]
        sel = np.flatnonzero(fam == code)
        if name == "plugin":
            _warn_plugin(prep, name, ii[sel], jj[sel], k[sel], bias[sel], warned)
        elif name == "miller_madow":
            value[sel] -= bias[sel]  # each table's (K - 1) / 2n, K occupied
            _warn_sparse(prep, name, ii[sel], jj[sel], k[sel], warned)
        elif name == "grassberger":
            value[sel] = _grassberger(prep, ii[sel], jj[sel])
            _warn_sparse(prep, name, ii[sel], jj[sel], k[sel], warned)
        else:  # nsb, james_stein: the registered estimator, pair by pair
            estimator = prep.estimators[name]
            value[sel] = _registered(prep, estimator, ii[sel], jj[sel], warned)
    return np.asarray(value, dtype=np.float64)


def _from_joint(
    prep: Prepared,
    prefix: str,
    s: NDArray[np.float64],
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
) -> NDArray[np.float64]:
    """MI/CMI from the joint sums ``s`` and the marginal entropies ``prefix*``."""
    c = prep.count
    h_joint = math.log(prep.n_samples) - s / prep.n_samples
    if prep.measure == "mi":
        h = c[prefix]
        out: NDArray[np.float64] = h[ii] + h[jj] - h_joint
        return out
    hxz = c[prefix + "_xz"]
    out = hxz[ii] + hxz[jj] - h_joint - c[prefix + "_z"]
    return out


def _grassberger(
    prep: Prepared, ii: NDArray[np.intp], jj: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Grassberger MI/CMI of the pairs: ``c G(c)`` summed over the joint tables."""
    rows, ri = np.unique(ii, return_inverse=True)
    cols, cj = np.unique(jj, return_inverse=True)
    s, _ = _joint_terms(prep, rows, cols, "cgc")
    return _from_joint(prep, "grassberger", s[ri, cj], ii, jj)


def _warn_tables(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    k: NDArray[np.int64],
    flagged: NDArray[np.bool_],
    why: Callable[[int], str],
    warned: list[Warned],
) -> None:
    """BiasWarnings of the flagged pairs (the first few spelled out, ``why(q)``)."""
    names = [col.name for col in prep.columns]
    for q in _first(np.flatnonzero(flagged), warned, BiasWarning, method):
        warned.append(
            (
                BiasWarning,
                f"The {method!r} {prep.measure} estimate of {names[ii[q]]!r} and "
                f"{names[jj[q]]!r} uses n_samples={prep.n_samples} for {k[q]} "
                f"occupied joint cells{why(q)}",
            )
        )


def _warn_plugin(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    k: NDArray[np.int64],
    bias: NDArray[np.float64],
    warned: list[Warned],
) -> None:
    """Warn as plug-in does: fewer than 5 samples per occupied joint cell."""
    from mutinfo.estimators.discrete import MIN_PER_CELL

    def why(q: int) -> str:
        return (
            f" (fewer than {MIN_PER_CELL} per cell), so it is biased; the "
            f"first-order (Miller-Madow) bias alone is {bias[q]:.3g} nats. Use a "
            "bias-corrected method (for example 'miller_madow') or more samples."
        )

    flagged = prep.n_samples < MIN_PER_CELL * k
    _warn_tables(prep, method, ii, jj, k, flagged, why, warned)


def _warn_sparse(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    k: NDArray[np.int64],
    warned: list[Warned],
) -> None:
    """Warn as corrected families do: more occupied joint cells than n / 2."""
    from mutinfo.estimators._counts_base import _SPARSE_RATIO

    def why(_q: int) -> str:
        return (
            f"; with more than {_SPARSE_RATIO:g} occupied cells per sample even "
            "bias-corrected estimates can be far off. Collect more samples or "
            "coarsen the variables."
        )

    flagged = k > _SPARSE_RATIO * prep.n_samples
    _warn_tables(prep, method, ii, jj, k, flagged, why, warned)


# --------------------------------------------------------------------------- #
# ksg and generic: the registered estimator, pair by pair
# --------------------------------------------------------------------------- #
def _pair_variables(
    prep: Prepared,
    i: int,
    j: int,
    block: NDArray[np.float64] | None = None,
    z: Variable | None = None,
) -> list[Variable]:
    if block is None:
        out = [prep.columns[i], prep.columns[j]]
    else:
        out = [
            Variable(
                prep.columns[c].name,
                block[:, [c]],
                (False,),
                prep.columns[c].labels,
                (False,),
            )
            for c in (i, j)
        ]
    zz = z if z is not None else prep.z
    if prep.measure == "cmi" and zz is not None:
        out.append(zz)
    return out


def _ksg(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.float64]:
    est: Estimator = prep.ksg["estimator"]
    block, z, constant = prep.ksg["block"], prep.ksg["z"], prep.ksg["constant"]
    names = [c.name for c in prep.columns]
    out = np.empty(ii.size)
    live = ~(constant[ii] | constant[jj])
    for q in np.flatnonzero(~live).tolist():
        i, j = int(ii[q]), int(jj[q])
        warned.append(_constant_warning(names[i] if constant[i] else names[j], method))
        out[q] = 0.0
    if "order" in prep.ksg and prep.ksg["fused"]:
        # one compiled call for the tile's pairs (no Python between pairs)
        k = int(est.get_params()["n_neighbors"])
        out[live] = ksg_tile(
            block, prep.ksg["order"], prep.ksg["digamma"], k, ii[live], jj[live]
        )
        return out
    for q in np.flatnonzero(live).tolist():
        i, j = int(ii[q]), int(jj[q])
        if "order" in prep.ksg:
            out[q] = _ksg1(prep, est, i, j)
        else:
            variables = _pair_variables(prep, i, j, block, z)
            out[q] = est.compute(prep.measure, variables).value
    return out


def _ksg1(prep: Prepared, est: Estimator, i: int, j: int) -> float:
    """KSG algorithm 1 for one pair, with the columns' sorts computed once.

    The same numbers as :class:`mutinfo.estimators.KSG` (joint k-th neighbour
    radius under the maximum norm, strict 1-D counts, the digamma sum in row
    order), except that the argsort of each column is reused across its
    pairs (:func:`mutinfo._neighbors.ksg_counts`); with ``prep.ksg["fused"]``
    :func:`_ksg` runs a tile's pairs in one compiled call instead
    (:func:`mutinfo._neighbors.ksg_tile`, the same numbers). The tests check
    the values are bit-identical to the registered estimator's.
    """
    block, order, psi = prep.ksg["block"], prep.ksg["order"], prep.ksg["digamma"]
    params = est.get_params()
    k, n = int(params["n_neighbors"]), prep.n_samples
    nx, ny = ksg_counts(
        block[:, i],
        block[:, j],
        k,
        algorithm=str(params["algorithm"]),
        orders=(order[:, i], order[:, j]),
    )
    return float(ksg1_local(nx, ny, k, n, psi).mean())


def _registered(
    prep: Prepared,
    template: Estimator,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.float64]:
    """``template`` on each pair, with the pair's own random stream."""
    out = np.empty(ii.size)
    for q, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        est = copy.copy(template)
        est.rng = prep.pair_stream(STREAM_PAIR, i, j)
        try:
            out[q] = est.compute(prep.measure, _pair_variables(prep, i, j)).value
        except InvalidDataError as exc:
            raise pair_error(prep, i, j, exc) from exc
    return out


#: Why a pair of a row-identifier column is left NaN (``MIMatrix.not_estimated``).
IDENTIFIER_REASON = (
    "{name!r} has a different label on every row (like a row identifier), so no "
    "estimator can tell its information from this sample (the plug-in would "
    "read the other column's entropy)"
)


def identifier_reason(prep: Prepared, c: int) -> str:
    """Return why the pairs of the row-identifier column ``c`` are NaN."""
    return IDENTIFIER_REASON.format(name=prep.columns[c].name)


def not_estimated_warning(prep: Prepared, c: int) -> Warned:
    """Return the DataWarning of the NaN pairs of the row-identifier column ``c``."""
    return (
        DataWarning,
        f"Column {identifier_reason(prep, c)}: its MI with every other column is "
        "left NaN (not estimated), whatever the method. If it is a measurement, "
        f"read it as numbers (discrete={{{prep.columns[c].name!r}: False}}); "
        "otherwise leave it out (or group its values).",
    )


def identifier_pairs(
    prep: Prepared,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.bool_]:
    """Return which pairs ``(ii, jj)`` hold a row-identifier column, warning once.

    Those pairs are not estimated (NaN) under any method: a counting
    estimator would score them the other column's entropy, the largest MI it
    can give, and rank a row ID first; a neighbour estimator has no repeated
    label to count in. One :func:`not_estimated_warning` per such column.
    """
    if prep.n_samples < 2:
        return np.zeros(ii.size, dtype=bool)
    flags = np.zeros(len(prep.columns), dtype=bool)
    for c in np.unique(np.concatenate([ii, jj])).tolist():
        flags[c] = prep.row_identifier(int(c))
    hit = flags[ii] | flags[jj]
    if hit.any():
        for c in np.unique(np.concatenate([ii[hit], jj[hit]])).tolist():
            if flags[c]:
                warned.append(not_estimated_warning(prep, int(c)))
    return hit


def pair_error(prep: Prepared, i: int, j: int, exc: InvalidDataError) -> Exception:
    """``exc`` of the pair of columns ``i`` and ``j``, its message naming them.

    One pair of many: the estimator's own message names only ``x`` and ``y``.
    """
    pair = f"{prep.columns[i].name!r} and {prep.columns[j].name!r}"
    return type(exc)(f"Columns {pair}: {exc}")


def _generic(
    prep: Prepared,
    method: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
    warned: list[Warned],
) -> NDArray[np.float64]:
    if prep.families is None or method != "plugin":
        return _registered(prep, prep.estimators[method], ii, jj, warned)
    # discrete pairs too wide to count by one-hot blocks, under auto
    out = np.empty(ii.size)
    pairs = zip(ii.tolist(), jj.tolist(), strict=True)
    methods = np.array([prep.pair_method(i, j, method) for i, j in pairs])
    for name in np.unique(methods).tolist():
        sel = np.flatnonzero(methods == name)
        out[sel] = _registered(prep, prep.estimators[name], ii[sel], jj[sel], warned)
    return out


Kernel = Callable[
    [Prepared, str, NDArray[np.intp], NDArray[np.intp], list[Warned]],
    NDArray[np.float64],
]

KERNELS: dict[str, Kernel] = {
    "gauss": _gauss,
    "count": _count,
    "ksg": _ksg,
    "generic": _generic,
}
