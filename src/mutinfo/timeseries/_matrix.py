"""All-pairs transfer entropy of a multivariate series: a directed matrix.

Each ordered pair (source, target) is one work item of
:func:`mutinfo._parallel.execute`, with its own random stream, so the matrix
does not depend on ``n_jobs``, the backend or a Dask ``client``.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._parallel import content_key, entropy_of, execute
from mutinfo._params import (
    PERMUTATIONS,
    AnyOf,
    Bool,
    Interval,
    IsNone,
    Options,
    validate_params,
)
from mutinfo._result import unit_name
from mutinfo._validation import table_names
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.extend import recorded_warnings
from mutinfo.timeseries._embed import (
    as_realisations,
    check_time_order,
    integer_gaps,
)
from mutinfo.timeseries._measures import _AUTO, _history, _te
from mutinfo.timeseries._significance import TE_SURROGATES, transfer_entropy_test

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MATRIX_TESTS", "TEMatrix", "te_matrix"]

#: p-values of :func:`te_matrix`: the surrogates of :func:`transfer_entropy_test`,
#: or Granger's F-test of the nested linear regressions (``method='gaussian'``).
MATRIX_TESTS = (*TE_SURROGATES, "analytic")


def _fast_gaussian(
    method: Any, method_params: dict[str, Any], discrete: Any
) -> bool | None:
    """Return the ``bias_correction`` of a plain Gaussian method (None: another)."""
    from mutinfo.estimators.gaussian import Gaussian

    if discrete is True or set(method_params) - {"bias_correction"}:
        return None
    if isinstance(method, str) and method == "gaussian":
        return bool(method_params.get("bias_correction", True))
    if type(method) is Gaussian and not method_params:
        return bool(method.get_params()["bias_correction"])
    return None


@dataclass(frozen=True)
class TEMatrix:
    """Directed all-pairs transfer entropy, ``te.loc[source, target]``.

    Attributes
    ----------
    te : pandas.DataFrame
        ``TE(source -> target)`` in ``unit``, rows the sources and columns the
        targets (not symmetric). The diagonal is NaN (not estimated: a
        series' TE to itself is 0 by definition, as :func:`transfer_entropy`
        returns).
    p_values : pandas.DataFrame or None
        Surrogate p-values of ``TE = 0`` (see
        :func:`transfer_entropy_test`), or None when ``pvalues=False``.
    q_values : pandas.DataFrame or None
        False-discovery-rate adjusted p-values over every ordered pair
        (:func:`mutinfo.stats.fdr`), or None without p-values or ``fdr``.
    methods : pandas.DataFrame
        The resolved estimator of each pair (the diagonal holds ``""``).
    unit : str
        ``"nats"``, ``"bits"`` or ``"log<base>"``.
    n_steps : int
        Embedded time steps per pair (pooled over realisations); with
        ``k='auto'``, the fewest over the pairs (longer histories embed fewer).
    params : dict
        The embedding (``k``, ``l``, ``delay``, ``k_tau``, ``l_tau``) and, with
        p-values, ``n_permutations``, ``surrogate`` and ``fdr``.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> a = rng.integers(0, 2, 2000)
    >>> m = ts.te_matrix({"a": a, "b": np.roll(a, 1), "c": rng.integers(0, 2, 2000)})
    >>> (
    ...     m.te.round(2).loc["a", "b"],
    ...     m.strongest(1)[["source", "target"]].values.tolist(),
    ... )
    (np.float64(0.69), [['a', 'b']])
    """

    te: pd.DataFrame
    p_values: pd.DataFrame | None
    q_values: pd.DataFrame | None
    methods: pd.DataFrame
    unit: str
    n_steps: int
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[Any]:
        """The series names, in matrix order."""
        return list(self.te.columns)

    def to_long(self) -> pd.DataFrame:
        """One row per ordered pair: ``source``, ``target``, ``te`` (and p/q, method).

        Returns
        -------
        pandas.DataFrame
            Columns ``source``, ``target``, ``te``, then ``p_value`` and
            ``q_value`` where computed, and ``method``.
        """
        import pandas as pd

        names = self.columns
        te, pv, qv = (
            None if f is None else f.to_numpy(dtype=np.float64)
            for f in (self.te, self.p_values, self.q_values)
        )
        assert te is not None
        rows = [(i, j) for i in range(len(names)) for j in range(len(names)) if i != j]
        out: dict[str, Any] = {
            "source": [names[i] for i, _ in rows],
            "target": [names[j] for _, j in rows],
            "te": [float(te[i, j]) for i, j in rows],
        }
        if pv is not None:
            out["p_value"] = [float(pv[i, j]) for i, j in rows]
        if qv is not None:
            out["q_value"] = [float(qv[i, j]) for i, j in rows]
        out["method"] = [str(self.methods.iat[i, j]) for i, j in rows]
        return pd.DataFrame(out)

    def strongest(self, n: int = 10) -> pd.DataFrame:
        """Return the ``n`` ordered pairs with the largest TE (:meth:`to_long` rows).

        Parameters
        ----------
        n : int, default=10
            How many pairs.
        """
        frame = self.to_long().sort_values("te", ascending=False, kind="stable")
        return frame.head(n).reset_index(drop=True)


def _table_column(table: Any, name: Any) -> Any:
    """One column of a named table (pandas: with a fresh index)."""
    if hasattr(table, "column_names"):  # pyarrow
        return table.column(name)
    column = table[name]
    return column.reset_index(drop=True) if hasattr(column, "reset_index") else column


def _check_dict_lengths(data: dict[Any, Any]) -> None:
    """Refuse a dict of arrays of different lengths (pandas' raw ValueError).

    pandas Series are left to pandas, which aligns them by their index.
    """
    import pandas as pd

    lengths = {
        name: len(value)
        for name, value in data.items()
        if not isinstance(value, pd.Series | str | bytes) and hasattr(value, "__len__")
    }
    if len(set(lengths.values())) > 1:
        raise InvalidDataError(
            "The series in the dict 'data' of te_matrix() must have one value per "
            f"time step, all the same length; got lengths {lengths}. Trim them to "
            "a common time span (or pass a pandas DataFrame with a shared index)."
        )


def _columns(data: Any) -> tuple[list[Any], list[list[NDArray[Any]]]]:
    """Names and, per series, its realisations as 1-D arrays."""
    import pandas as pd

    if isinstance(data, dict):
        _check_dict_lengths(data)
        data = pd.DataFrame(data)
    parts = data if isinstance(data, list | tuple) else [data]
    if not parts:
        raise InvalidDataError("te_matrix() got no data; pass a (n_steps, p) table.")
    # polars DataFrames and pyarrow Tables by their columns, as pandas ones
    # (as one array, an integer column with a null turned every column into
    # float64: labels read as continuous, codes beyond 2**53 rounded together)
    frames = [p for p in parts if table_names(p) is not None]
    if frames and len(frames) != len(parts):
        raise InvalidDataError(
            "The realisations given to te_matrix() must all be DataFrames or all "
            "arrays."
        )
    if frames:
        for frame in frames:
            check_time_order(frame, "data")
        names: list[Any] = table_names(frames[0]) or []
        for f in frames[1:]:
            if table_names(f) != names:
                raise InvalidDataError(
                    "The realisations given to te_matrix() must have the same "
                    f"columns; got {table_names(f)} and {names}."
                )
        raw = [[_table_column(f, c).to_numpy() for f in frames] for c in names]
    else:
        arrays = [np.asarray(p) for p in parts]
        if any(a.ndim != 2 for a in arrays) or len({a.shape[1] for a in arrays}) > 1:
            raise InvalidDataError(
                "te_matrix() needs a 2-D (n_steps, n_series) array, a DataFrame, or "
                "a list of them with the same columns (realisations); got shapes "
                f"{[a.shape for a in arrays]}."
            )
        names = list(range(arrays[0].shape[1]))
        raw = [[a[:, c] for a in arrays] for c in range(len(names))]
    if len(names) < 2:
        raise InvalidDataError(
            f"te_matrix() needs at least 2 series (columns); got {len(names)}."
        )
    repeated = [name for name, count in Counter(names).items() if count > 1]
    if repeated:
        raise InvalidDataError(
            f"te_matrix() needs one column per series name, but 'data' has the "
            f"column name(s) {repeated!r} more than once (columns {list(names)!r}), "
            "so the matrix could not tell those series apart. Rename or drop the "
            "duplicated columns (pandas: df.loc[:, ~df.columns.duplicated()])."
        )
    series: list[list[Any]] = [
        [r[:, 0] for r in as_realisations(cols, f"data[{name!r}]")]
        for name, cols in zip(names, raw, strict=True)
    ]
    if frames:  # nullable integers keep their dtype: labels once NaN steps go
        for index, c in enumerate(names):
            columns = [_table_column(f, c) for f in frames]
            if integer_gaps(columns):
                series[index] = columns
    return names, series


def _series_flags(discrete: Any, names: Sequence[Any]) -> list[Any] | None:
    """Return te_matrix's ``discrete`` as one flag per series, or None (one for all).

    A mapping of series name to bool, or a sequence of one bool or ``'auto'``
    per series; series a mapping leaves out are ``'auto'``. Each pair then
    reads its target's flag on the target's present and past and the source's
    on the source's past (:func:`_pair_flags`): passed through as it was, a
    mapping named the series where the pair's CMI has lagged columns
    (``'tied[t-1]'``), and ``discrete={'tied': True}`` was refused as naming
    no column.
    """
    if isinstance(discrete, bool | np.bool_ | str):
        return None
    p = len(names)
    if isinstance(discrete, Mapping):
        index: dict[Any, int] = {}
        for i, name in enumerate(names):
            index.setdefault(str(name), i)
        unknown = [key for key in discrete if str(key) not in index]
        if unknown:
            raise InvalidParameterError(
                f"The 'discrete' parameter of te_matrix() names {unknown!r}, which "
                f"are not among the series {list(names)!r}. Map series (column) "
                "names of 'data' to True (labels) or False (numbers)."
            )
        flags: list[Any] = ["auto"] * p
        for key, value in discrete.items():
            if not isinstance(value, bool | np.bool_):
                raise InvalidParameterError(
                    f"The 'discrete' parameter of te_matrix() maps series {key!r} "
                    f"to {value!r}; each value must be True (labels) or False "
                    "(numbers)."
                )
            flags[index[str(key)]] = bool(value)
        return flags
    if isinstance(discrete, Sequence) and not isinstance(discrete, bytes):
        entries = list(discrete)
        valid = all(
            isinstance(e, bool | np.bool_) or (isinstance(e, str) and e == "auto")
            for e in entries
        )
        if len(entries) != p or not valid:
            raise InvalidParameterError(
                "The 'discrete' parameter of te_matrix() takes 'auto', a bool, one "
                f"bool or 'auto' per series ({p} here: {list(names)!r}), or a "
                f"mapping of series name to bool; got {discrete!r}."
            )
        return [e if isinstance(e, str) else bool(e) for e in entries]
    raise InvalidParameterError(
        "The 'discrete' parameter of te_matrix() takes 'auto', a bool, one bool or "
        "'auto' per series, or a mapping of series name to bool; got "
        f"{discrete!r}."
    )


def _pair_flags(flags: Sequence[Any], source: int, target: int) -> Any:
    """Return one pair's ``discrete`` (target: future and past; source: past)."""
    if flags[source] == flags[target]:
        return flags[source]
    return (flags[target], flags[source], flags[target])


def _pair(
    item: tuple[int, int],
    rng: np.random.Generator,
    *,
    series: Sequence[list[NDArray[Any]]],
    embedding: dict[str, Any],
    histories: Sequence[dict[str, int]],
    options: dict[str, Any],
    test: dict[str, Any] | None,
    entropy: int,
    keys: Sequence[int],
    names: Sequence[Any],
    flags: Sequence[Any] | None = None,
) -> tuple[float, str, str, int, float]:
    """TE of one ordered pair (and its p-value), seeded by the pair's own stream.

    ``histories[j]``: the target's ``k`` and ``k_tau`` (chosen once per target).
    The stream is keyed by the two series' values (``keys``), not by the
    pair's position, so reordering or subsetting the series leaves each
    pair's estimate unchanged (on tied data the kNN noise decides some
    neighbours). The executor's ``rng`` is unused.
    """
    i, j = item
    stream = np.random.SeedSequence(entropy, spawn_key=(keys[i], keys[j]))
    seed = int(np.random.default_rng(stream).integers(2**63))
    embedding = {**embedding, **histories[j]}
    if flags is not None:
        options = {**options, "discrete": _pair_flags(flags, i, j)}
    opts = dict(options)
    common = {
        key: opts.pop(key) for key in ("method", "base", "discrete", "nan_policy")
    }
    # as estimate("te", ...), with the series' names on the embedded columns
    # (warnings named 'x[0]' of 'x' for a constant series 'const')
    res = _te(
        series[i],
        series[j],
        **embedding,
        cond=None,
        cond_l=1,
        cond_delay=1,
        rng=seed,
        where="estimate('te')",
        params=opts,
        names=(names[i], names[j]),
        **common,
    )
    p = math.nan
    if test is not None:
        p = transfer_entropy_test(
            series[i], series[j], rng=seed, **embedding, **options, **test
        ).p_value
    return res.value, res.method, res.unit, int(res.extras["n_steps"]), p


@validate_params(
    {
        "k": _AUTO,
        "l": Interval(int, 1, None),
        "delay": Interval(int, 1, None),
        "k_tau": _AUTO,
        "l_tau": Interval(int, 1, None),
        "pvalues": Bool(),
        "n_permutations": PERMUTATIONS,
        "surrogate": Options(MATRIX_TESTS),
        "fdr": AnyOf((IsNone(), Options(("bh", "by", "bonferroni")))),
        "nan_policy": Options(("raise", "omit")),
    }
)
def te_matrix(
    data: Any,
    *,
    k: int | str = 1,
    l: int = 1,  # noqa: E741
    delay: int = 1,
    k_tau: int | str = 1,
    l_tau: int = 1,
    method: Any = "auto",
    pvalues: bool = False,
    n_permutations: int = 199,
    surrogate: str = "permute",
    fdr: str | None = "bh",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    **method_params: Any,
) -> TEMatrix:
    """Transfer entropy between every ordered pair of series: a directed matrix.

    ``te.loc[X, Y] = TE(X -> Y) = I(Y_t ; X_{t-u}^{(l)} | Y_{t-1}^{(k)})``
    (Schreiber 2000) for every pair of columns, each estimated by
    :func:`transfer_entropy` with the same embedding and method; with
    ``pvalues=True`` each pair also gets the surrogate p-value of
    :func:`transfer_entropy_test` and the matrix the FDR q-values over all
    ``p (p - 1)`` ordered pairs (:func:`mutinfo.stats.fdr`). This is pairwise
    (bivariate) TE: a common driver or a chain ``X -> Z -> Y`` also gives
    ``TE(X -> Y) > 0``; condition on the others with
    ``transfer_entropy(cond=...)`` to separate them.

    With ``method='gaussian'`` on float series without NaN, every pair comes
    from one covariance matrix of all the series' embedded blocks (a batch of
    small log-determinants, the same values as the per-pair path to rounding,
    about 1e-13): 50 series of 10,000 steps take well under a second instead of
    minutes. ``surrogate='analytic'`` then gives Granger's F-test p-values of
    the nested linear regressions, which need no surrogates (exact for
    Gaussian regression errors; asymptotically for autoregressive series);
    surrogate p-values take one matrix product per surrogate, each surrogate
    order shared by all pairs (drawn from ``rng``; the per-pair path, taken
    with a Dask ``client``, draws its own per pair, so the p-values differ
    by sampling, not in distribution).

    Parameters
    ----------
    data : pandas.DataFrame, dict of 1-D arrays, array of shape (n_steps, p), or list
        The series, one per column (rows are time steps); a list of tables
        with the same columns holds realisations (pooled, never embedded
        across their joins). String columns are symbols.
    k, l, delay, k_tau, l_tau : int, default=1
        Embedding, as in :func:`transfer_entropy`. ``k='auto'`` (and
        ``k_tau='auto'``) chooses each target's history once by Ragwitz's
        criterion (:func:`ragwitz`), as :func:`transfer_entropy` would for that
        target, and uses it for every pair into that target; the choices are
        in ``params['history']`` (``{target: {'k': ..., 'k_tau': ...}}``).
    method : str or Estimator, default='auto'
        A CMI method, resolved per pair as in :func:`transfer_entropy`.
    pvalues : bool, default=False
        Compute surrogate p-values (``n_permutations`` surrogates per pair).
    n_permutations : int, default=199
        Surrogates per pair.
    surrogate : {'permute', 'block', 'circular', 'analytic'}, default='permute'
        Surrogates of the source history (see :func:`transfer_entropy_test`),
        or ``'analytic'``: the F-test of the Gaussian family (``method='gaussian'``
        only; no surrogates, ``n_permutations`` ignored).
    fdr : {'bh', 'by', 'bonferroni'} or None, default='bh'
        Multiple-testing adjustment of the p-values into ``q_values``.
    base, nan_policy
        As in :func:`transfer_entropy`.
    discrete : 'auto', bool, sequence or mapping, default='auto'
        As in :func:`transfer_entropy` for every series, or per series: one
        bool or ``'auto'`` per column, or a mapping of series name to bool
        (``{'regime': True}``; series left out are ``'auto'``). Each pair
        reads its target's flag on the target's present and past and the
        source's on the source's past.
    rng : None, int or numpy.random.Generator, default=None
        Root seed; every pair draws from its own stream, so the matrix does
        not depend on ``n_jobs`` or ``client``.
    n_jobs : int, optional
        Local threads over the pairs (-1: every core).
    client : dask.distributed.Client, optional
        Run the pairs on a Dask cluster.
    **method_params
        Parameters of the method (``n_neighbors=4``, ...).

    Returns
    -------
    TEMatrix
        ``te``, ``p_values``, ``q_values``, ``methods`` (DataFrames indexed
        by source rows and target columns), ``unit``, ``n_steps``, ``params``.

    References
    ----------
    .. [1] T. Schreiber, "Measuring information transfer", Phys. Rev. Lett. 85,
       461 (2000).
    .. [2] Y. Benjamini and Y. Hochberg, J. R. Stat. Soc. B 57, 289-300 (1995).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import datasets, timeseries as ts
    >>> x, y = datasets.coupled_ar(0.5, 0.5, 0.5).sample(1000, rng=0)
    >>> m = ts.te_matrix(
    ...     {"x": x, "y": y}, method="gaussian", pvalues=True, n_permutations=19, rng=0
    ... )
    >>> m.p_values.loc["x", "y"], bool(m.te.loc["x", "y"] > m.te.loc["y", "x"])
    (np.float64(0.05), True)
    """
    import pandas as pd

    from mutinfo.stats import fdr as adjust

    if client is not None and n_jobs is not None:
        raise InvalidParameterError(
            "Pass either 'n_jobs' (local threads) or 'client' (Dask) to "
            "te_matrix(), not both."
        )
    names, series = _columns(data)
    p = len(names)
    flags = _series_flags(discrete, names)
    pairs = [(i, j) for i in range(p) for j in range(p) if i != j]
    embedding: dict[str, Any] = {
        "k": k,
        "l": l,
        "delay": delay,
        "k_tau": k_tau,
        "l_tau": l_tau,
    }
    # Each target's history (k, k_tau), chosen once for all its sources.
    histories = [
        _history(s, k, k_tau, method_params, nan_policy, "te_matrix()") for s in series
    ]
    chosen = {
        name: {"k": h[0], "k_tau": h[1]}
        for name, h in zip(names, histories, strict=True)
        if h[2] is not None
    }
    index = pd.Index(names)

    def frame(values: NDArray[Any]) -> pd.DataFrame:
        return pd.DataFrame(values, index=index.copy(), columns=index.copy())

    def finish(
        te: NDArray[Any],
        pv: NDArray[Any],
        methods: NDArray[Any],
        unit: str,
        n_steps: int,
    ) -> TEMatrix:
        q = None
        if pvalues and fdr is not None:
            off = ~np.eye(p, dtype=bool)
            qv = np.full((p, p), np.nan)
            qv[off] = adjust(pv[off], method=fdr)
            q = frame(qv)
        params: dict[str, Any] = dict(embedding)
        if chosen:
            params["history"] = chosen
        if pvalues:
            params |= {
                "n_permutations": n_permutations,
                "surrogate": surrogate,
                "fdr": fdr,
            }
        return TEMatrix(
            te=frame(te),
            p_values=frame(pv) if pvalues else None,
            q_values=q,
            methods=frame(methods),
            unit=unit,
            n_steps=n_steps,
            params=params,
        )

    bias = _fast_gaussian(
        method,
        method_params,
        True if flags is not None and True in flags else discrete,
    )
    if surrogate == "analytic" and pvalues and bias is None:
        raise InvalidParameterError(
            "surrogate='analytic' of te_matrix() is the F-test of the Gaussian "
            f"family and needs method='gaussian'; got method={method!r}. Use "
            "surrogate='permute' (or 'block', 'circular') for other methods."
        )
    # nullable integer columns stay pandas/polars/pyarrow columns (never floats)
    floats = all(
        isinstance(a, np.ndarray) and a.dtype.kind == "f" for s in series for a in s
    )
    if bias is not None and floats and client is None:
        from mutinfo._params import check_rng
        from mutinfo.timeseries._linear import gaussian_te_matrix, surrogate_orders

        orders = (
            None
            if not pvalues or surrogate == "analytic"
            else surrogate_orders(surrogate, n_permutations, check_rng(rng))
        )
        # One batch per distinct target history (one batch when k is given),
        # each giving the columns of the targets with that history.
        fast: tuple[NDArray[Any], NDArray[Any], int] | None = None
        for hk, htau in sorted({(h[0], h[1]) for h in histories}):
            part = gaussian_te_matrix(
                series,
                k=hk,
                k_tau=htau,
                l=l,
                l_tau=l_tau,
                delay=delay,
                bias_correction=bias,
                surrogates=orders,
            )
            if part is None:
                fast = None
                break
            cols = [j for j, h in enumerate(histories) if (h[0], h[1]) == (hk, htau)]
            if fast is None:
                fast = part
            te_all, pv_all, rows_all = fast
            te_all[:, cols] = part[0][:, cols]
            pv_all[:, cols] = part[1][:, cols]
            fast = (te_all, pv_all, min(rows_all, part[2]))
        if fast is not None:
            te_nats, pv_fast, n_rows = fast
            methods = np.full((p, p), "gaussian", dtype=object)
            np.fill_diagonal(methods, "")
            return finish(
                te_nats / math.log(base), pv_fast, methods, unit_name(base), n_rows
            )
    if pvalues and surrogate == "analytic":
        raise InvalidDataError(
            "surrogate='analytic' of te_matrix() needs float series without NaN, "
            "constant or linearly dependent columns (the F-test's regressions); "
            "clean the data, or use surrogate='permute'."
        )
    options = {
        "method": method,
        "base": base,
        "discrete": discrete,
        "nan_policy": nan_policy,
        **method_params,
    }
    test = (
        {"n_permutations": n_permutations, "surrogate": surrogate} if pvalues else None
    )
    entropy = entropy_of(rng)
    func = functools.partial(
        _pair,
        series=series,
        embedding=embedding,
        histories=[{"k": h[0], "k_tau": h[1]} for h in histories],
        options=options,
        test=test,
        entropy=entropy,
        keys=[content_key(*realisations) for realisations in series],
        names=names,
        flags=flags,
    )
    # Warnings raised in worker threads would be lost or repeated per pair:
    # run, collect them, and re-issue each distinct one once.
    with recorded_warnings() as caught:
        out = execute(func, pairs, entropy=entropy, n_jobs=n_jobs, client=client)
    seen: set[tuple[type[Warning], str]] = set()
    for w in caught:
        key = (w.category, str(w.message))
        if key not in seen:
            seen.add(key)
            warnings.warn(w.message, w.category, stacklevel=2)
    te = np.full((p, p), np.nan)
    pv = np.full((p, p), np.nan)
    methods = np.full((p, p), "", dtype=object)
    for (i, j), (value, name, _, _, pval) in zip(pairs, out, strict=True):
        te[i, j], methods[i, j], pv[i, j] = value, name, pval
    return finish(te, pv, methods, out[0][2], min(o[3] for o in out))
