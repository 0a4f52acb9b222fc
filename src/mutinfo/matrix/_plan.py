"""Planning a matrix run: methods per pair, kernel routes, columns prepared once.

The method of each pair is resolved from the kinds of its columns, pairs are
routed to kernels, and each column is prepared once for the kernels that read it.
"""

from __future__ import annotations

import copy
import functools
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._auto import (
    auto_method,
    check_method,
    discrete_family_of,
    family,
    heavily_tied,
    route_params,
)
from mutinfo._counting import counts, encode, entropy_from_counts
from mutinfo._parallel import content_key, execute
from mutinfo._rules import SMALL_TABLE
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
)
from mutinfo.matrix._data import Table
from mutinfo.matrix._kernels import (
    MAX_ONEHOT,
    N_CLASSES,
    PairFamilies,
    Prepared,
    Warned,
    column_rng,
    given_rng,
    pair_error,
)

__all__ = ["prepare", "refine_families"]

#: Kinds of column: continuous, discrete, continuous with heavy ties (the
#: ``auto`` rule sends pairs with a heavily tied column to ``mixed_atoms``).
CONTINUOUS, DISCRETE, TIED = 0, 1, 2


def column_kinds(table: Table) -> NDArray[np.int64]:
    """Return the kind of every column: CONTINUOUS, DISCRETE or TIED."""
    kinds = np.empty(len(table.columns), dtype=np.int64)
    for j, c in enumerate(table.columns):
        if c.discrete[0]:
            kinds[j] = DISCRETE
        else:
            kinds[j] = TIED if heavily_tied([c]) else CONTINUOUS
    return kinds


def _estimators_for(
    method: Any,
    measure: str,
    params: dict[str, Any],
    table: Table,
    kinds: NDArray[np.int64],
) -> tuple[dict[tuple[int, int], str], dict[str, Estimator]]:
    """Return the method per pair of column kinds and an estimator per method."""
    present = sorted({int(k) for k in kinds})
    combos = [(a, b) for a in present for b in present]
    if isinstance(method, Estimator):
        if params:
            raise InvalidParameterError(
                f"Method parameters {sorted(params)} were given with an estimator "
                f"object {method!r}; set them on the object instead."
            )
        if not method.supports(measure):
            method.compute(measure, [table.columns[0], table.columns[1]])
        return dict.fromkeys(combos, method.name), {method.name: method}
    check_method(method)
    if method != "auto":
        routed = route_params([method], params, auto=False)
        return dict.fromkeys(combos, method), {method: family(method)(**routed[method])}
    example = {k: table.columns[int(np.flatnonzero(kinds == k)[0])] for k in present}
    names: dict[tuple[int, int], str] = {}
    for a, b in combos:
        variables = [example[a], example[b]]
        if table.z is not None:
            variables.append(table.z)
        names[(a, b)] = auto_method(measure, variables)
    routed = route_params(list(names.values()), params, auto=True)
    return names, {name: family(name)(**mine) for name, mine in routed.items()}


@contextmanager
def _noting(notes: list[Warned], prefix: str = "") -> Iterator[list[Warned]]:
    """Record the warnings raised inside into ``notes`` (shown with the pairs').

    Each message gets ``prefix`` (the columns it is about); the list yielded
    receives the block's own entries once it ends (empty: nothing warned).
    """
    added: list[Warned] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield added
    added.extend((w.category, prefix + str(w.message)) for w in caught)
    notes.extend(added)


def _binned(v: Variable, binner: Estimator | None, notes: list[Warned]) -> Variable:
    """Bin ``v``'s continuous columns as the binning family does (None: as is)."""
    if binner is None:
        return v
    from mutinfo.estimators._guards import warn_lost_resolution
    from mutinfo.estimators.binning import bin_column, crowded_note

    params = binner.get_params()
    # The count kernels bypass Estimator.compute's check: a column near 1e16
    # (float64 steps of 2) gave 0.219 for 0.334 without a word.
    with _noting(notes):
        warn_lost_resolution(v, "binning")
    cols = []
    for j in range(v.n_features):
        column = v.values[:, j]
        if column.min() == column.max():
            notes.append(
                (
                    DataWarning,
                    f"Column {v.labels[j] if v.labels else j!r} is constant, so it "
                    "carries no information; method 'binning' gives MI 0 for its "
                    "pairs.",
                )
            )
            cols.append(np.zeros_like(column))
        elif v.discrete[j]:
            cols.append(column)
        else:
            codes, _ = bin_column(column, params["rule"], params["bins"])
            cols.append(codes.astype(np.float64))
            label = repr(v.labels[j] if v.labels else j)
            note = None
            if params["rule"] != "equal_frequency":
                note = crowded_note(column, codes, label)
            if note is not None:
                notes.append((BiasWarning, note))
    return Variable(v.name, np.column_stack(cols), (True,) * len(cols), v.labels, ())


def _alphabet(v: Variable) -> tuple[np.ndarray, int]:
    codes, k = encode(v.values)
    return codes, k


def prepare(
    table: Table,
    *,
    method: Any,
    params: dict[str, Any],
    entropy: int,
    workers: int = 1,
    draws: int = 1,
    sampling: bool = False,
    lazy_families: bool = False,
) -> Prepared:
    """Resolve methods, route pairs and prepare the columns of ``table``.

    ``draws`` is how many times each pair is estimated (1 + the permutations
    of its p-value): it weighs whether compiled kernels repay their loading.
    ``sampling=True`` with ``method="auto"`` gives each pair of discrete
    columns the counting family ``auto`` gives it in :func:`mutinfo.estimate`
    (by how well its table is sampled); otherwise such pairs get ``plugin``
    (feature selection, whose scores combine plug-in terms).
    ``lazy_families=True`` leaves the families that read a pair's own table
    to :func:`refine_families`, for the pairs a caller asks for (feature
    selection asks for a few of the table's pairs).
    """
    measure = "mi" if table.z is None else "cmi"
    kinds = column_kinds(table)
    names, estimators = _estimators_for(method, measure, params, table, kinds)
    p, n = len(table.columns), table.n_samples
    z = table.z
    z_continuous = z is None or z.is_continuous
    z_constant = z is not None and bool(
        np.all(z.values.min(axis=0) == z.values.max(axis=0))
    )

    # Column classes: discrete flag, and whether a one-hot count fits its alphabet.
    discrete = np.array([c.discrete[0] for c in table.columns], dtype=bool)
    counted = [m for m in set(names.values()) if estimators[m].fast_kernel() == "count"]
    plugin_used = bool(counted)
    binner = estimators["binning"] if "binning" in counted else None
    codes = np.zeros((n, p), dtype=np.int64)
    sizes = np.ones(p, dtype=np.int64)
    small = np.zeros(p, dtype=bool)
    strata: list[np.ndarray] = [np.arange(n)]
    z_codes: np.ndarray | None = None
    z_states: int = 1
    notes: list[Warned] = []
    families = (
        sampling and method == "auto" and names.get((DISCRETE, DISCRETE)) == "plugin"
    )
    alphabet = np.ones(p, dtype=np.int64)
    if plugin_used or families:
        for j, col in enumerate(table.columns):
            col_codes, kj = _alphabet(_binned(col, binner, notes))
            alphabet[j] = kj
            if plugin_used and kj <= MAX_ONEHOT:
                codes[:, j], sizes[j], small[j] = col_codes, kj, True
        if z is not None:
            z_codes, z_states = encode(_binned(z, binner, notes).values)
            strata = [np.flatnonzero(z_codes == s) for s in range(z_states)]
    column_class = 2 * kinds + small.astype(np.int64)

    route: dict[tuple[int, int], tuple[str, str]] = {}
    for ci in range(N_CLASSES):
        for cj in range(N_CLASSES):
            key = (ci // 2, cj // 2)
            if key not in names:
                continue
            di, dj = key[0] == DISCRETE, key[1] == DISCRETE
            name = names[key]
            kernel = estimators[name].fast_kernel() or "generic"
            if kernel == "gauss" and (di or dj or not z_continuous):
                kernel = "generic"
            if kernel == "ksg" and (di or dj or not z_continuous or z_constant):
                kernel = "generic"
            if kernel == "count" and not (ci % 2 and cj % 2 and z_states <= MAX_ONEHOT):
                kernel = "generic"
            route[(ci, cj)] = (kernel, name)

    prep = Prepared(
        notes=notes,
        measure=measure,
        n_samples=n,
        n_columns=p,
        columns=table.columns,
        z=z,
        entropy=entropy,
        estimators=estimators,
        route=route,
        column_class=column_class,
    )
    if families:
        prep.families = _pair_families(
            table, measure, discrete, alphabet, lazy=lazy_families
        )
        for name in prep.families.names:
            if name not in estimators:
                estimators[name] = family(name)()
    _note_lost_resolution(prep, table.block)
    kernels_used = {k for k, _ in route.values()}
    if "gauss" in kernels_used:
        _prepare_gauss(prep, table, names, estimators, workers)
    if "count" in kernels_used:
        table_clogc = np.zeros(n + 1)
        c_range = np.arange(1, n + 1, dtype=np.float64)
        table_clogc[1:] = c_range * np.log(c_range)
        entropies = np.array(
            [entropy_from_counts(counts(codes[:, j], int(sizes[j]))) for j in range(p)]
        )
        prep.count = {
            "codes": codes,
            "sizes": sizes,
            "clogc": table_clogc,
            "strata": strata,
            "entropy": entropies,
        }
        if prep.families is not None and "grassberger" in prep.families.names:
            _prepare_grassberger(prep, p, z_codes, z_states)
        if z_codes is not None:
            xz = [
                encode(
                    codes[:, [j]].astype(np.float64),
                    z_codes[:, None].astype(np.float64),
                )
                for j in range(p)
            ]
            prep.count.update(
                entropy_z=entropy_from_counts(counts(z_codes, z_states)),
                states_z=z_states,
                entropy_xz=np.array([entropy_from_counts(counts(c, k)) for c, k in xz]),
                states_xz=np.array([k for _, k in xz], dtype=np.int64),
            )
        if binner is not None:
            _note_count_bias(prep, z_codes, z_states)
    if "ksg" in kernels_used:
        _prepare_ksg(prep, table, names, estimators, discrete, draws)
    return prep


def _note_lost_resolution(prep: Prepared, block: NDArray[np.float64]) -> None:
    """Check the columns of fast-kernel pairs for float64 resolution lost to an offset.

    A pair on the registered estimator checks its variables in
    :meth:`Estimator.compute` (:func:`mutinfo.estimators._guards.resolution_checked`);
    the ``gauss``, ``count`` and ``ksg`` kernels skip ``compute``, so each
    column of their pairs (and the conditioning variable) is checked here,
    once, with the helper and message of the estimator, under the method of
    the column's first fast route.
    """
    from mutinfo.estimators._guards import offset_suspects, warn_lost_resolution

    classes = prep.column_class
    members = {int(c): int(np.count_nonzero(classes == c)) for c in np.unique(classes)}
    method_of: dict[int, str] = {}
    for (ci, cj), (kernel, name) in sorted(prep.route.items()):
        if kernel == "generic" or ci not in members or cj not in members:
            continue
        if ci == cj and members[ci] < 2:
            continue  # no pair of this route
        method_of.setdefault(ci, name)
        method_of.setdefault(cj, name)
    if not method_of:
        return
    # the helper's own first screen, on all columns at once
    suspects = offset_suspects(block) if prep.n_samples else np.zeros(0, dtype=bool)
    with _noting(prep.notes):
        for j in np.flatnonzero(suspects).tolist():
            fast = method_of.get(int(classes[j]))
            if fast is not None:
                warn_lost_resolution(prep.columns[j], fast)
        if prep.z is not None:
            warn_lost_resolution(prep.z, next(iter(method_of.values())))


def _note_count_bias(
    prep: Prepared, z_codes: NDArray[np.int64] | None, z_states: int
) -> None:
    """Binning's count-bias warning for the pairs the ``count`` kernel runs.

    :func:`mutinfo.estimators.binning.check_mi_count_bias` warns when the
    binned pair spreads its rows over so many joint cells that the plug-in
    reads high (a column of many labels against a binned one). It runs here on
    the pairs whose count bias ``(K_xy - K_x - K_y + 1) / (2 n)`` exceeds its
    floor (``K_xy <= K_x K_y`` leaves most pairs out without counting), once
    per column: for the column with more values, on its first such pair.
    """
    from mutinfo.estimators.binning import check_mi_count_bias, mi_count_bias_floor

    c = prep.count
    codes, sizes = c["codes"], c["sizes"]
    n = prep.n_samples
    floor = mi_count_bias_floor("plugin", n)
    classes = prep.column_class
    counted = np.array(
        [
            [prep.route.get((a, b)) == ("count", "binning") for b in range(N_CLASSES)]
            for a in range(N_CLASSES)
        ]
    )
    # an upper bound of the bias: z_states (K_x - 1) (K_y - 1) / (2 n)
    reach = (sizes - 1).astype(np.float64) * z_states / (2.0 * n)
    top = float((sizes - 1).max(initial=0))
    warned = np.zeros(sizes.size, dtype=bool)
    z_block = None if z_codes is None else z_codes[:, None].astype(np.float64)

    def variable(j: int) -> Variable:
        col = prep.columns[j]
        return Variable(col.name, codes[:, [j]].astype(np.float64), (True,), (), ())

    for i in np.flatnonzero(reach * top > floor).tolist():
        partners = np.flatnonzero(
            (reach[i] * (sizes - 1) > floor) & counted[classes[i], classes]
        )
        for j in partners[partners > i].tolist():
            ki, kj = int(sizes[i]), int(sizes[j])
            owner, other = (i, j) if ki >= kj else (j, i)
            if warned[owner]:
                continue
            joint = codes[:, i] * kj + codes[:, j]
            if z_codes is None:
                cells = int(np.count_nonzero(np.bincount(joint, minlength=ki * kj)))
                bias = (cells - ki - kj + 1) / (2.0 * n)
            else:
                cells = int(np.count_nonzero(np.bincount(joint * z_states + z_codes)))
                xz = c["states_xz"]
                bias = (cells - int(xz[i]) - int(xz[j]) + z_states) / (2.0 * n)
            if bias <= floor:
                continue
            binned = [variable(i), variable(j)]
            if z_block is not None:
                binned.append(Variable("z", z_block, (True,), (), ()))
            pair = f"{prep.columns[owner].name!r} and {prep.columns[other].name!r}"
            with _noting(prep.notes, f"Columns {pair}: ") as added:
                check_mi_count_bias(prep.measure, "plugin", binned)
            warned[owner] = bool(added)


def _prepare_grassberger(
    prep: Prepared, p: int, z_codes: NDArray[np.int64] | None, z_states: int
) -> None:
    """Tables of the Grassberger pairs: ``c G(c)`` and the marginal entropies."""
    from mutinfo.estimators._functionals import grassberger_entropy, grassberger_g

    c = prep.count
    n = prep.n_samples
    table = np.zeros(n + 1)
    c_range = np.arange(1, n + 1, dtype=np.int64)
    table[1:] = c_range * grassberger_g(c_range)
    c["cgc"] = table
    codes, sizes = c["codes"], c["sizes"]
    c["grassberger"] = np.array(
        [grassberger_entropy(counts(codes[:, j], int(sizes[j]))) for j in range(p)]
    )
    if z_codes is not None:
        zc = z_codes[:, None].astype(np.float64)
        xz = [encode(codes[:, [j]].astype(np.float64), zc) for j in range(p)]
        c["grassberger_z"] = grassberger_entropy(counts(z_codes, z_states))
        c["grassberger_xz"] = np.array(
            [grassberger_entropy(counts(a, k)) for a, k in xz]
        )


def _pair_families(
    table: Table,
    measure: str,
    discrete: NDArray[np.bool_],
    alphabet: NDArray[np.int64],
    *,
    lazy: bool = False,
) -> PairFamilies:
    """Return the family ``auto`` gives each pair of discrete columns on its own.

    :func:`mutinfo._auto.discrete_family` of the pair (and Z): the rule reads
    the rows and the product of the columns' numbers of distinct values, so it
    is evaluated once per distinct product; only where it picks NSB or
    ``dirichlet_product`` does the pair's own joint table matter (a repeated
    row, a functional table), and there it runs again pair by pair.
    """
    n = table.n_samples
    position = np.full(discrete.size, -1, dtype=np.intp)
    where = np.flatnonzero(discrete)
    position[where] = np.arange(where.size)
    z_cells = 1
    if table.z is not None:
        for j in range(table.z.n_features):
            z_cells *= encode(table.z.values[:, [j]])[1]
    k = alphabet[where]
    sizes, inverse = np.unique(k, return_inverse=True)
    names: list[str] = []
    grid = np.zeros((sizes.size, sizes.size), dtype=np.int8)
    for a, ka in enumerate(sizes.tolist()):
        for b, kb in enumerate(sizes.tolist()):
            cells = ka * kb * z_cells
            name = (
                discrete_family_of(measure, n, cells, 0, sizes=(ka, kb))
                if n >= 2
                else "plugin"
            )
            if name not in names:
                names.append(name)
            grid[a, b] = names.index(name)
    codes = grid[inverse[:, None], inverse[None, :]]
    # Families whose choice also reads the pair's own table: NSB (no repeated
    # row -> plug-in) and, for MI, dirichlet_product (a functional table ->
    # Grassberger or Miller-Madow). The rule runs again with the pair's counts.
    table_dependent = [
        names.index(m) for m in ("nsb", "dirichlet_product") if m in names
    ]
    # So does MI of two columns with as many values, beyond a small table: a
    # one-to-one table gets the entropy's family.
    one_to_one = np.zeros(codes.shape, dtype=bool)
    if measure == "mi" and table.z is None and n >= 2:
        one_to_one = (k[:, None] == k[None, :]) & (k[:, None] ** 2 > SMALL_TABLE)
    fam = PairFamilies(names=names, position=position, codes=codes)
    if table_dependent or one_to_one.any():
        fam.pending = (np.isin(codes, table_dependent) | one_to_one) & np.triu(
            np.ones(codes.shape, dtype=bool), k=1
        )
        fam.sizes = k
        if lazy:
            # Every family the pair's own table can lead to is known now, so
            # the columns are prepared for it (Grassberger's tables).
            outcomes = ["plugin"]
            if "dirichlet_product" in names or one_to_one.any():
                outcomes += ["grassberger", "miller_madow"]
            names.extend(m for m in outcomes if m not in names)
        else:
            rows, cols = np.nonzero(fam.pending)
            _refine(fam, table, measure, where[rows], where[cols])
            fam.pending = fam.sizes = None
    return fam


def _refine(
    fam: PairFamilies,
    table: Table | Prepared,
    measure: str,
    ii: NDArray[np.intp],
    jj: NDArray[np.intp],
) -> None:
    """Run the rule again with the own table of each pending pair ``(ii, jj)``."""
    pending, sizes = fam.pending, fam.sizes
    if pending is None or sizes is None:
        return
    n = table.n_samples
    blocks = [] if table.z is None else [table.z.values]
    z_cells = 1
    if table.z is not None:
        for j in range(table.z.n_features):
            z_cells *= encode(table.z.values[:, [j]])[1]
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        a, b = sorted((int(fam.position[i]), int(fam.position[j])))
        if a < 0 or not pending[a, b]:
            continue
        x, y = table.columns[i], table.columns[j]
        occupied = encode(x.values, y.values, *blocks)[1]
        ka, kb = int(sizes[a]), int(sizes[b])
        functional = measure == "mi" and occupied == max(ka, kb)
        name = discrete_family_of(
            measure,
            n,
            ka * kb * z_cells,
            occupied,
            functional=functional,
            sizes=(ka, kb),
        )
        if name not in fam.names:
            fam.names.append(name)
        fam.codes[a, b] = fam.codes[b, a] = fam.names.index(name)
        pending[a, b] = False


def refine_families(prep: Prepared, ii: NDArray[np.intp], jj: NDArray[np.intp]) -> None:
    """Settle the families of the pairs ``(ii, jj)`` of a ``lazy_families`` plan.

    The rule runs again with each pending pair's own joint table, as
    :func:`prepare` does for every pair without ``lazy_families``; a family
    that ran no pair before gets its estimator.
    """
    fam = prep.families
    if fam is None or fam.pending is None:
        return
    _refine(fam, prep, prep.measure, ii, jj)
    for name in fam.names:
        if name not in prep.estimators:
            prep.estimators[name] = family(name)()


def _copnorm_chunk(
    raw: NDArray[np.float64], chunk: tuple[int, int], _rng: np.random.Generator
) -> NDArray[np.float64]:
    from mutinfo.estimators.copula import copnorm

    return copnorm(raw[:, chunk[0] : chunk[1]])


def _copnorm_columns(raw: NDArray[np.float64], workers: int) -> NDArray[np.float64]:
    """Copula-normalise the columns in chunks on the shared executor (threads)."""
    p = raw.shape[1]
    step = max(1, math.ceil(p / (4 * workers)))
    chunks = [(a, min(a + step, p)) for a in range(0, p, step)]
    parts = execute(
        functools.partial(_copnorm_chunk, raw), chunks, entropy=0, n_jobs=workers
    )
    return np.hstack(parts) if parts else np.empty_like(raw)


def _note_copula_atoms(
    prep: Prepared, table: Table, cont: list[int], name: str
) -> None:
    """Record the copula's warning on columns with atoms, as a single pair warns."""
    from mutinfo.estimators._guards import warn_copula_atoms, without_constant

    with _noting(prep.notes):
        for j in cont:
            column = table.columns[j]
            if column.values.min() != column.values.max():
                warn_copula_atoms(column, name)
        if table.z is not None:
            warn_copula_atoms(without_constant(table.z), name)


def _prepare_gauss(
    prep: Prepared,
    table: Table,
    names: dict[tuple[int, int], str],
    estimators: dict[str, Estimator],
    workers: int,
) -> None:
    from mutinfo.estimators.copula import copnorm
    from mutinfo.estimators.gaussian import pair_bias, unit_scores

    n = table.n_samples
    cont = [j for j, c in enumerate(table.columns) if not c.discrete[0]]
    # Column-major, so that each column's sort reads contiguous memory.
    raw = np.asfortranarray(
        table.block if len(cont) == table.block.shape[1] else table.block[:, cont]
    )
    z = table.z
    zv = None
    if z is not None:
        keep = ~np.all(z.values == z.values[:1], axis=0)
        zv = z.values[:, keep]
    for name in sorted({v for k, v in names.items() if DISCRETE not in k}):
        est = estimators[name]
        if est.fast_kernel() != "gauss":
            continue
        if name == "gaussian_copula":
            _note_copula_atoms(prep, table, cont, name)
        values = _copnorm_columns(raw, workers) if name == "gaussian_copula" else raw
        zz = None if zv is None else (copnorm(zv) if name == "gaussian_copula" else zv)
        scores_c, constant_c = unit_scores(values, zz)
        scores = np.zeros((len(table.columns), n))
        constant = np.zeros(len(table.columns), dtype=bool)
        scores[cont] = scores_c
        constant[cont] = constant_c
        dz = 0 if zz is None else zz.shape[1]
        bias = pair_bias(dz, n) if est.get_params()["bias_correction"] else 0.0
        prep.gauss[name] = {"scores": scores, "constant": constant, "bias": bias}


def _prepare_ksg(
    prep: Prepared,
    table: Table,
    names: dict[tuple[int, int], str],
    estimators: dict[str, Estimator],
    discrete: np.ndarray,
    draws: int = 1,
) -> None:
    from mutinfo.estimators._guards import resolution_checked, warn_heavy_tails
    from mutinfo.estimators.knn import (
        prepare_columns,
        warn_column_ties,
        warn_noiseless_ties,
    )

    est = estimators["ksg"]
    params = est.get_params()
    n, p = table.n_samples, len(table.columns)
    block = np.zeros((n, p), order="F")  # columns contiguous for the kernels
    constant = np.zeros(p, dtype=bool)
    kinds = prep.column_class // 2
    ksg_kinds = {k for pair, name in names.items() if name == est.name for k in pair}
    for j in np.flatnonzero(~discrete):
        raw = table.columns[j].values
        if raw.min() == raw.max():
            constant[j] = True  # KSG leaves constant columns out: MI 0
            continue
        # The noise below breaks the ties, so KSG's own tie check runs here;
        # and its check of heavy tails (KSG._blocks), once per column.
        if int(kinds[j]) in ksg_kinds:
            with _noting(prep.notes):
                warn_column_ties(table.columns[j], est.name)
                if not params["noise"]:
                    warn_noiseless_ties(table.columns[j], est.name)
                warn_heavy_tails(table.columns[j], est.name)
        # Lost resolution was checked with the routes (_note_lost_resolution):
        # the centring in prepare_columns does not say it again.
        with resolution_checked([], est.name):
            block[:, j] = prepare_columns(
                table.columns[j],
                standardize=params["standardize"],
                noise=params["noise"],
                rng=column_rng(prep.entropy, prep.column_key(int(j))),
            )[:, 0]
    z = None
    if table.z is not None:
        zvar = table.z
        varying = zvar.values.min(axis=0) != zvar.values.max(axis=0)
        zvar = Variable(
            "z",
            zvar.values[:, varying],
            tuple(d for d, k in zip(zvar.discrete, varying, strict=True) if k),
            tuple(lab for lab, k in zip(zvar.labels, varying, strict=False) if k),
            (),
        )
        with _noting(prep.notes):
            warn_heavy_tails(zvar, est.name)
        with resolution_checked([], est.name):
            zb = prepare_columns(
                zvar,
                standardize=params["standardize"],
                noise=params["noise"],
                rng=given_rng(prep.entropy, content_key(zvar.values)),
            )
        z = Variable("z", zb, (False,) * zb.shape[1], zvar.labels, ())
    _note_ksg_pairs(prep, table, constant, discrete, zvar if z is not None else None)
    plain = copy.copy(est)
    plain.set_params(standardize=False, noise=0.0, rng=None)
    prep.ksg = {"estimator": plain, "block": block, "z": z, "constant": constant}
    if z is None and params["variant"] == 1:
        from mutinfo._special import digamma_int

        # Each column is sorted once for the neighbour work of all its pairs,
        # into a Fortran array: contiguous columns for the kernels, no copy.
        order = np.empty((n, p), dtype=np.int64, order="F")
        for c in range(p):
            order[:, c] = np.argsort(block[:, c], kind="stable")
        prep.ksg["order"] = order
        # The estimator's table (scipy's numbers; numpy's AVX-512 log moved
        # scipy's own table by an ulp from the estimator's at n >= 9170).
        prep.ksg["digamma"] = digamma_int(n + 2)
        used = int(np.count_nonzero([int(kinds[j]) in ksg_kinds for j in range(p)]))
        # permutation nulls search the same points again (their kernels take
        # the compiled path once the fused kernel has loaded it)
        points = n * used * (used - 1) // 2 * draws
        prep.ksg["fused"] = _fused_pays(str(params["algorithm"]), points)


#: Most pair rows (rows x pairs) the matrix's duplicated-rows check sorts
#: outside a duplicated frame (about 0.25 s). Quantised columns (values
#: repeated, but not densely) pass the helper's per-column screen and make
#: every pair a candidate: all pairs of 10,000 rows x 200 columns of 3
#: decimals took 7.3 s, for no warning. Pairs past it are not checked.
_DUPLICATE_BUDGET = 4_000_000


def _note_ksg_pairs(
    prep: Prepared,
    table: Table,
    constant: NDArray[np.bool_],
    discrete: NDArray[np.bool_],
    z: Variable | None,
) -> None:
    """KSG's large-k and duplicated-rows warnings for the ``ksg`` kernel's pairs.

    ``KSG._blocks`` warns when ``n_neighbors`` is above the default and a large
    share of the rows (:func:`mutinfo.estimators._guards.warn_large_k`), and
    when a pair's joint rows repeat (:func:`~mutinfo.estimators._guards.\
warn_duplicate_rows`: a frame whose every row is there twice read 1.10 for
    0.38 nats, silently). The kernel skips ``_blocks``, so the large-k check
    runs here once per matrix, and the duplicate check on the pairs whose
    columns pass the helper's own screen (both columns' values repeated,
    but not densely tied), once per column: on its first pair that warns,
    found by comparing the columns' integer codes for many partners at once,
    then confirmed, and worded, by the helper on that pair.
    """
    from mutinfo._ties import (
        TIE_MULTIPLICITY,
        column_ties,
        repeated_share_of,
        row_counts,
    )
    from mutinfo.estimators._guards import (
        DUPLICATE_ROWS,
        warn_duplicate_rows,
        warn_large_k,
    )
    from mutinfo.estimators.knn import KNN_PARAMETERS, KSG_LARGE_K_BIAS

    est = prep.estimators["ksg"]
    classes = prep.column_class
    fast = np.array(
        [
            [prep.route.get((a, b), ("", ""))[0] == "ksg" for b in range(N_CLASSES)]
            for a in range(N_CLASSES)
        ]
    )
    live = np.flatnonzero(~discrete & ~constant)
    # the classes of the live columns, and whether two of them make a ksg pair
    members = np.bincount(classes[live], minlength=N_CLASSES)
    paired = fast & (members[:, None] > 0) & (members[None, :] > 0)
    paired &= ~np.eye(N_CLASSES, dtype=bool) | (members[:, None] > 1)
    if not paired.any():
        return
    n = prep.n_samples
    with _noting(prep.notes):
        warn_large_k(
            int(est.get_params()["n_neighbors"]),
            n,
            est.name,
            KSG_LARGE_K_BIAS,
            int(KNN_PARAMETERS["n_neighbors"].default),
        )

    def screened(v: Variable, j: int) -> float | None:
        """Return the column's repeated share if it passes the helper's screen."""
        shared, repeated = column_ties(v, j)
        ok = repeated > DUPLICATE_ROWS and shared <= TIE_MULTIPLICITY
        return repeated if ok else None

    z_share = 1.0
    z_code = None
    if z is not None:
        for j in range(z.n_features):
            share = screened(z, j)
            if share is None:
                return
            z_share = min(z_share, share)
        z_code = np.unique(z.values, axis=0, return_inverse=True)[1].reshape(-1)
    shares = {int(j): screened(table.columns[j], 0) for j in live}
    cand = np.array([j for j, s in shares.items() if s is not None], dtype=np.int64)
    if cand.size < 2:
        return
    share_of = np.array([shares[int(j)] for j in cand], dtype=np.float64)
    pair_ok = fast[classes[cand][:, None], classes[cand][None, :]]
    np.fill_diagonal(pair_ok, False)
    z_states = 0 if z_code is None else int(z_code.max()) + 1
    # per pair: 0 not yet compared, 1 passes the screen, 2 does not warn
    state = np.where(pair_ok, 0, 2).astype(np.int8)
    warned = np.zeros(cand.size, dtype=bool)
    # Whole rows repeated over all these columns repeat in each of their
    # pairs (a pair's share is at least the frame's): one warning for the
    # group, worded by the helper on the frame, for the columns whose pairs
    # then surely warn (the frame's share reaches half their own).
    frame = [table.columns[int(j)] for j in cand] + ([] if z is None else [z])
    whole = repeated_share_of(row_counts(np.hstack([v.values for v in frame])))
    sure = (whole > DUPLICATE_ROWS) & (whole >= 0.5 * np.minimum(share_of, z_share))
    group = sure | pair_ok[:, sure].any(axis=1)
    if group.sum() >= 2:
        names = [repr(prep.columns[int(j)].name) for j in cand[group]]
        if len(names) > 4:
            names = [*names[:3], f"{len(names) - 3} more"]
        label = ", ".join(names[:-1]) + f" and {names[-1]}"
        with _noting(prep.notes, f"Columns {label} (each pair): ") as added:
            warn_duplicate_rows(frame, est.name)
        if added:
            warned |= group
    if warned.all():
        return
    codes = np.empty((n, cand.size), dtype=np.int64)
    sizes = np.empty(cand.size, dtype=np.int64)
    # which pairs can repeat rows at all: both values repeated in the row
    tied = np.zeros((n, cand.size), dtype=np.float32)
    for k, j in enumerate(cand.tolist()):
        _, codes[:, k], many = np.unique(
            table.columns[j].values[:, 0], return_inverse=True, return_counts=True
        )
        sizes[k] = many.size
        tied[:, k] = (many > 1)[codes[:, k]]
    reach = (tied.T @ tied) / n
    floor = np.maximum(DUPLICATE_ROWS, 0.5 * np.minimum.outer(share_of, share_of))
    state[(state == 0) & (reach <= floor)] = 2

    spent = [0]

    def compare(a: int, part: NDArray[np.int64]) -> None:
        """Screen the pairs of column ``a`` and ``part`` at once, on codes."""
        spent[0] += n * part.size
        keys = codes[:, [a]] * sizes[part] + codes[:, part]
        if z_code is not None:
            # dense pair codes first: n^2 z_states may not fit an int64
            for k in range(part.size):
                keys[:, k] = np.unique(keys[:, k], return_inverse=True)[1]
            keys = keys * z_states + z_code[:, None]
        keys = np.sort(keys.T, axis=1)  # each pair's keys contiguous
        same = keys[:, 1:] == keys[:, :-1]
        repeated = np.zeros(keys.shape, dtype=bool)
        repeated[:, 1:] |= same
        repeated[:, :-1] |= same
        share = repeated.mean(axis=1)
        floor = 0.5 * np.minimum(np.minimum(share_of[a], share_of[part]), z_share)
        passes = (share > DUPLICATE_ROWS) & (share >= floor)
        state[a, part] = state[part, a] = np.where(passes, 1, 2)

    for a in range(cand.size):
        if warned[a]:
            continue
        partners = np.flatnonzero(pair_ok[a])
        step = 1  # the first partner warns in a duplicated frame
        for at, b in enumerate(partners.tolist()):
            if state[a, b] == 0:
                if spent[0] >= _DUPLICATE_BUDGET:
                    return  # see _DUPLICATE_BUDGET
                unknown = partners[at:][state[a, partners[at:]] == 0]
                compare(a, unknown[:step])
                step = min(2 * step, 64)
            if state[a, b] == 2:
                continue
            state[a, b] = state[b, a] = 2  # the helper says it once
            i, j = sorted((int(cand[a]), int(cand[b])))
            vs = [table.columns[i], table.columns[j]] + ([] if z is None else [z])
            pair = f"{prep.columns[i].name!r} and {prep.columns[j].name!r}"
            with _noting(prep.notes, f"Columns {pair}: ") as added:
                warn_duplicate_rows(vs, est.name)
            if added:
                warned[a] = warned[b] = True
                break


def _fused_pays(algorithm: str, points: int) -> bool:
    """Return whether KSG pairs run the fused kernel (:mod:`mutinfo._neighbors._pairs`).

    It gives the same counts as every search path, so this is a speed choice:
    always with ``algorithm="grid"``, with ``"auto"`` when numba is loaded
    already or the matrix searches enough points to repay loading it (the rule
    of :func:`mutinfo._neighbors.choose_algorithm`), never with ``"tree"`` or
    ``"brute"`` (the user asked for that search).
    """
    from mutinfo import _neighbors

    if not _neighbors.have_numba() or algorithm not in ("auto", "grid"):
        return False
    return algorithm == "grid" or _neighbors.grid_pays(
        points, _neighbors.GRID_BREAK_EVEN
    )


def probe(prep: Prepared) -> None:
    """Run one pair of each route through the registered estimator, to fail early.

    Errors (too few samples, unsupported measure or kinds) surface before any
    tile runs, with the estimator's own message; warnings are left to the tiles.
    """
    classes = prep.column_class
    present = {int(c): np.flatnonzero(classes == c) for c in np.unique(classes)}
    for a in present:
        for b in present:
            if a > b:
                continue
            # pairs of a row-identifier column are not estimated: not probed
            first = (c for c in present[a].tolist() if not prep.row_identifier(c))
            i = next(first, -1)
            other = (
                c for c in present[b].tolist() if c != i and not prep.row_identifier(c)
            )
            j = next(other, -1)
            if i < 0 or j < 0:
                continue
            i, j = min(i, j), max(i, j)
            _, name = prep.route[(int(classes[i]), int(classes[j]))]
            variables = [prep.columns[i], prep.columns[j]]
            if prep.z is not None:
                variables.append(prep.z)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                est = copy.copy(prep.estimators[name])
                est.rng = 0
                try:
                    est.compute(prep.measure, variables)
                except InvalidDataError as exc:
                    raise pair_error(prep, i, j, exc) from exc


def default_tile_size(p: int, kernels: set[str]) -> int:
    """Columns per tile side, from the number of columns and the kernels only.

    Matrix-algebra kernels (``gauss``, ``count``) get large tiles (up to 1024
    columns a side: few large products are much faster than many small ones);
    pair-by-pair kernels get about 8 blocks a side (8 to 512 columns), so that
    the pairs spread over the workers. The choice never depends on ``n_jobs``
    or a cluster, so a call gives bit-identical numbers wherever it runs.
    """
    if kernels <= {"gauss", "count"}:
        return int(min(1024, max(8, p)))
    return int(min(512, max(8, math.ceil(p / 8))))
