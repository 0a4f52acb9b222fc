"""``report``: run the public calls that describe a table's dependence structure."""

from __future__ import annotations

import dataclasses
import math
import platform
import re
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import PERMUTATIONS, validate_params
from mutinfo.exceptions import InvalidDataError, ResamplingWarning
from mutinfo.extend import AnyOf, Bool, Interval, IsNone, Options, recorded_warnings
from mutinfo.reporting._result import Report
from mutinfo.stats import FDR_METHODS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["report"]

#: Criteria of the greedy selections shown with a target.
CRITERIA: tuple[str, ...] = ("mrmr", "jmi")

#: A column with more than this share of missing values is skipped.
MAX_MISSING = 0.5

#: Where each seed of a report goes (``Report.params["seeds"]``).
SEED_NAMES: tuple[str, ...] = ("entropy", "matrix", "target", "intervals")


def _seeds(rng: Any) -> dict[str, int]:
    """Draw one integer seed per section from ``rng`` (recorded for reruns)."""
    from mutinfo._params import check_rng

    root = check_rng(rng)
    draws = root.integers(0, 2**32, size=len(SEED_NAMES))
    return {name: int(s) for name, s in zip(SEED_NAMES, draws, strict=True)}


def item_rng(seed: int, index: int) -> np.random.Generator:
    """Return the generator of item ``index`` (a column, a pair) of a seeded section."""
    return np.random.default_rng([seed, index])


def _frame(data: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        frame = data
    elif type(data).__module__.split(".")[0] == "polars":
        frame = data.to_pandas()
    else:
        array = np.asarray(data, dtype=object) if not isinstance(data, dict) else None
        if array is not None and array.ndim == 1:
            raise InvalidDataError(
                "The 'data' parameter of report() must be a table (a DataFrame or "
                f"a 2-D array); got a 1-D array of shape {array.shape}. Pass "
                "data[:, None] or a DataFrame with named columns."
            )
        frame = pd.DataFrame(data)
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InvalidDataError(
            f"The 'data' parameter of report() is empty (shape {frame.shape}); a "
            "report needs at least two rows and two columns."
        )
    if not frame.columns.is_unique:
        dup = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise InvalidDataError(
            f"The 'data' parameter of report() has duplicate column names {dup}; "
            "rename them first."
        )
    return frame


class _Clock:
    """Time each section; collect the warnings it raises."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.caught: list[tuple[str, str, str]] = []  # section, category, message

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        with recorded_warnings() as caught:
            try:
                yield
            finally:
                self.timings[name] = self.timings.get(name, 0.0) + (
                    time.perf_counter() - start
                )
        self.caught.extend((name, w.category.__name__, str(w.message)) for w in caught)


#: The FDR level the page marks (the heatmap's stars).
_Q_LEVEL = 0.05


def _warn_q_floor(matrix: Any, n_permutations: int, fdr: str = "bh") -> None:
    """Warn when the permutation count keeps every q-value above the level.

    No permutation p-value falls below ``1 / (n_permutations + 1)``; with many
    pairs the adjustment ``fdr`` then cannot bring any q-value under the level
    even where every pair is dependent, and a page without a marked pair would
    read as "nothing found" (1,225 pairs, 100 permutations, 225 at the floor:
    BH q 0.054). The permutations advised bring the ``a`` pairs at the floor
    to the level: ``q = f / (n_permutations + 1)`` with ``f = m / a`` for
    Benjamini-Hochberg, ``m H_m / a`` for Benjamini-Yekutieli and ``m`` for
    Bonferroni (``m`` pairs tested, ``H_m = sum_{k <= m} 1 / k``).
    """
    p = np.asarray(matrix.p_values, dtype=np.float64)
    q = np.asarray(matrix.q_values, dtype=np.float64)
    upper = np.triu_indices_from(p, k=1)
    p, q = p[upper], q[upper]
    tested = np.isfinite(p)
    if not tested.any() or np.nanmin(q) <= _Q_LEVEL:
        return
    floor = 1.0 / (n_permutations + 1)
    at_floor = int(np.sum(p[tested] <= floor * (1 + 1e-9)))
    if at_floor == 0:
        return
    m = int(tested.sum())
    if fdr == "bonferroni":
        factor = float(m)
    else:
        factor = m / at_floor
        if fdr == "by":
            factor *= float(np.sum(1.0 / np.arange(1, m + 1)))
    # (1 - 1e-12: 15 / (0.05 * 15) is 20.000000000000004 in floats, not 20.)
    needed = math.ceil(factor / _Q_LEVEL * (1.0 - 1e-12)) - 1
    warnings.warn(
        f"No pair reaches q < {_Q_LEVEL} although {at_floor} of {m} pairs have the "
        f"smallest p-value {n_permutations} permutations can give (1/"
        f"{n_permutations + 1}): with {m} pairs the q-values cannot go lower "
        f"(smallest {float(np.nanmin(q)):.3g}). Pass n_permutations={needed} or more "
        "to resolve them.",
        ResamplingWarning,
        stacklevel=2,
    )


def _group_warnings(
    caught: list[tuple[str, str, str]], names: list[str]
) -> dict[str, list[dict[str, str]]]:
    """Group warnings by the column their message names (``table`` otherwise)."""
    grouped: dict[str, list[dict[str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    quoted = {n: re.compile(r"['\"]" + re.escape(n) + r"['\"]") for n in names}
    for section, category, message in caught:
        hits = [n for n in names if quoted[n].search(message)]
        for key in hits or ["table"]:
            if (key, category, message) in seen:
                continue
            seen.add((key, category, message))
            grouped.setdefault(key, []).append(
                {"section": section, "category": category, "message": message}
            )
    return grouped


def _versions() -> dict[str, str]:
    import importlib.metadata
    import sys

    # the package's own version, read without importing the package from below
    version = str(getattr(sys.modules.get("mutinfo"), "__version__", "unknown"))
    out = {"mutinfo": version, "python": platform.python_version()}
    for package in ("numpy", "scipy", "pandas", "matplotlib"):
        try:
            out[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:  # pragma: no cover
            out[package] = "not installed"
    return out


#: Interval schemes whose interval is the full-sample estimate plus a spread
#: that does not depend on it (``confidence_interval``: "subsample" puts the
#: quantiles of the centred subsample estimates around it, "block" a
#: t-multiple of their spread): moving the estimate moves the interval by as much.
_TRANSLATED = ("subsample", "block")


def _on_matrix_value(ci: Any, value: float) -> tuple[float, float, float, str]:
    """Return an interval's (estimate, low, high, centre) placed on the matrix's value.

    The interval runs on the matrix's rows, but draws its own point estimate:
    for a randomised method (``ksg``, ``mixed_ksg``: tie-breaking noise) that
    is another draw than the matrix's (Wine, color_intensity x cultivar:
    0.5614 against 0.5430 in the MI column). For the schemes of
    :data:`_TRANSLATED` the interval built around the matrix's value is the
    same interval moved by the difference, so it is moved. Otherwise the
    estimate equals the matrix's up to rounding for the deterministic methods
    those schemes serve (the analytic rules of the counting and Gaussian
    families, ``extrapolate`` of ``vasicek``); where it does not, the interval
    keeps its own estimate and ``centre`` says so.
    """
    delta = value - ci.estimate
    if ci.scheme in _TRANSLATED or abs(delta) <= 1e-9 * max(1.0, abs(value)):
        return value, ci.low + delta, ci.high + delta, "matrix"
    return ci.estimate, ci.low, ci.high, "own"


def _pair_rows(
    complete: pd.DataFrame,
    matrix: Any,
    *,
    max_pairs: int,
    max_intervals: int,
    n_resamples: int,
    discrete: Mapping[Any, bool],
    seed: int,
    n_jobs: int | None,
    clock: _Clock,
    method: Any = "auto",
) -> tuple[pd.DataFrame, int]:
    """Return the strongest pairs, with an interval for the first ones.

    Each interval runs on the matrix's rows (``complete``, the rows without a
    missing value in any used column) and is placed around the matrix's value
    of the pair (:func:`_on_matrix_value`), so ``ci_estimate`` is the ``mi``
    shown; ``ci_centre`` is ``"matrix"`` then, ``"own"`` where the interval
    keeps its own estimate. An estimator object given as ``method`` runs the
    intervals itself (its settings, not the registry defaults of its name).
    """
    from mutinfo.stats import confidence_interval

    long = matrix.to_long()
    total = len(long)
    strength = long["mi"].to_numpy(dtype=np.float64)
    # strongest first; NaN (a pair that could not be estimated) last
    order = np.argsort(np.where(np.isnan(strength), np.inf, -strength), kind="stable")
    top = long.iloc[order[:max_pairs]].reset_index(drop=True)
    lows, highs, estimates, schemes, centres = [], [], [], [], []
    with clock.section("intervals"):
        for k, row in top.iterrows():
            if int(k) >= max_intervals or not np.isfinite(row["mi"]):  # type: ignore[call-overload]
                lows.append(math.nan)
                highs.append(math.nan)
                estimates.append(math.nan)
                schemes.append("")
                centres.append("")
                continue
            ci = confidence_interval(
                complete[row["x"]],
                complete[row["y"]],
                # The matrix's estimator: the resolved name under a string
                # method, the object itself otherwise (Binning(bins=4) read MI
                # 0.208 and showed the default bins' interval [0.245, 0.393]).
                method=row["method"] if isinstance(method, str) else method,
                n_resamples=n_resamples,
                discrete=(discrete[row["x"]], discrete[row["y"]]),
                rng=item_rng(seed, int(k)),  # type: ignore[call-overload]
                n_jobs=n_jobs,
            )
            estimate, low, high, centre = _on_matrix_value(ci, float(row["mi"]))
            lows.append(low)
            highs.append(high)
            estimates.append(estimate)
            schemes.append(ci.scheme)
            centres.append(centre)
    top["ci_estimate"] = estimates
    top["ci_low"] = lows
    top["ci_high"] = highs
    top["ci_scheme"] = schemes
    top["ci_centre"] = centres
    return top, total


def sample_test_rows(n_rows: int, size: int, seed: int) -> NDArray[np.intp]:
    """Return the sorted rows of the p-value subsample of a report.

    ``size`` of ``n_rows`` rows drawn without replacement by
    ``numpy.random.default_rng([seed, 1])``, ``seed`` being the matrix seed.

    Examples
    --------
    >>> sample_test_rows(10, 3, 0).tolist() == sample_test_rows(10, 3, 0).tolist()
    True
    """
    pick = np.random.default_rng([seed, 1]).choice(n_rows, size, replace=False)
    return np.sort(pick).astype(np.intp)


@validate_params(
    {
        "pvalues": Bool(),
        "fdr": AnyOf((IsNone(), Options(FDR_METHODS))),
        "n_permutations": PERMUTATIONS,
        "n_resamples": Interval(int, 2, None),
        "max_pairs": Interval(int, 1, None),
        "max_intervals": Interval(int, 0, None),
        "max_heatmap": Interval(int, 2, None),
        "k": Interval(int, 1, None),
        "stop_after": AnyOf((IsNone(), Interval(int, 1, None))),
        "test_rows": AnyOf((IsNone(), Interval(int, 10, None))),
    }
)
def report(
    data: Any,
    *,
    target: Any = None,
    columns: Any = None,
    method: Any = "auto",
    pvalues: bool = True,
    fdr: str | None = "bh",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    discrete: Any = "auto",
    n_permutations: int = 100,
    n_resamples: int = 100,
    max_pairs: int = 25,
    max_intervals: int = 5,
    max_heatmap: int = 40,
    k: int = 10,
    progress: bool | Callable[[int, int], None] = False,
    stop_after: int | None = 10,
    test_rows: int | None = 2000,
) -> Report:
    """Describe what depends on what in a table, how strongly, and how surely.

    Runs, on the usable columns of ``data``: the kind mutinfo assigns to each
    column and why (:func:`mutinfo.column_kinds`); the entropy of each column
    (:func:`mutinfo.estimate`); the all-pairs MI matrix with permutation
    p-values and FDR q-values (:func:`mutinfo.mi_matrix`); the strongest pairs
    with confidence intervals (:func:`mutinfo.confidence_interval`); with
    ``target``, the features ranked by ``I(X_j; target)``
    (:func:`mutinfo.rank_features`) and greedy mRMR and JMI selections
    (:func:`mutinfo.selection.forward_selection`). Every warning is kept,
    grouped by column, with the time of each part. Render it with
    :meth:`Report.to_html`, :meth:`Report.to_markdown` or :meth:`Report.to_dict`.

    Parameters
    ----------
    data : DataFrame or array-like of shape (n_samples, n_columns)
        The table (pandas or polars DataFrame, dict of columns, 2-D array).
    target : column name, optional
        A column to rank and select the other columns against.
    columns : list of column names, optional
        The columns to describe (default: all); ``target`` is always included.
    method : str or Estimator, default='auto'
        Estimator of the matrix, intervals, ranking and selections (per pair
        from the column kinds with ``"auto"``; see :func:`mutinfo.mi_matrix`).
    pvalues : bool, default=True
        Permutation p-values of every pair (``n_permutations`` each) and of
        every feature's relevance to ``target``.
    fdr : {'bh', 'by', 'bonferroni'} or None, default='bh'
        Adjust the p-values into q-values (:func:`mutinfo.stats.fdr`).
    rng : None, int or numpy.random.Generator, default=None
        Root of every random draw. Four seeds are drawn from it (entropy,
        matrix, target, intervals; kept in ``Report.params["seeds"]``); item
        ``i`` of a section (column ``i``, listed pair ``i``) draws from
        ``numpy.random.default_rng([seed, i])``. The ranking runs with the
        matrix's seed, so its values and p-values are the matrix's for the same
        pairs. The same ``rng`` gives the same report.
    n_jobs : int or None, default=None
        Local workers of the matrix, the ranking, selections and intervals.
    client : dask.distributed.Client, optional
        Run the matrix and ranking on this Dask cluster.
    discrete : 'auto', bool or mapping of column name to bool, default='auto'
        Override the kind of columns (``{"zip": True}`` reads ``zip`` as labels).
    n_permutations : int, default=100
        Permutations per p-value (the smallest p-value is ``1 / 101``).
    n_resamples : int, default=100
        Resamples per confidence interval.
    max_pairs : int, default=25
        Pairs listed (strongest first); the rest are counted in a note.
    max_intervals : int, default=5
        Listed pairs that get a confidence interval.
    max_heatmap : int, default=40
        Columns drawn in the heatmap; a larger table shows the columns with the
        strongest dependence and says so.
    k : int, default=10
        Features selected by mRMR and JMI (at most the number of features).
    progress : bool or callable, default=False
        Progress of the matrix (:func:`mutinfo.mi_matrix`'s ``progress``).
    stop_after : int or None, default=10
        Sequential p-values of the matrix and the ranking (Besag and Clifford
        1991; the ``stop_after`` of :func:`mutinfo.mi_matrix` and
        :func:`mutinfo.rank_features`): a pair's permutations stop
        at the ``stop_after``-th null value that reaches its estimate, with
        p-value ``stop_after / draws``. An exact test; p-values of at most
        ``stop_after / (n_permutations + 1)`` equal the full test's, larger
        ones are coarser. None runs all ``n_permutations`` for every pair.
    test_rows : int or None, default=2000
        Compute the matrix's p-values and q-values on a random subsample of
        this many complete rows when the table has more
        (drawn by ``numpy.random.default_rng([matrix seed, 1])``); the MI values
        still use every row. A valid test of each pair on the subsample, with
        less power than on all rows; the page says so. None tests on all rows.
        With ``target`` the ranking's p-values and q-values come from the same
        subsample (:func:`mutinfo.rank_features` on those rows, with
        ``stop_after``); its MI values use every row. With ``stop_after`` this
        keeps a 10,000 x 50 table's report within about half a minute of CPU
        (``benchmarks/report.py --big``).

    Returns
    -------
    Report
        Tables (``columns``, ``skipped``, ``pairs``, ``ranking``), the
        ``matrix`` (:class:`mutinfo.MIMatrix`), ``selections``, ``warnings``,
        ``timings``, ``params`` and ``versions``.

    Raises
    ------
    InvalidParameterError
        For a bad option, a ``target`` or ``columns`` entry not in the table.
    InvalidDataError
        For an empty table, or fewer than two usable columns. A column that
        cannot be used (every value missing, more than half missing, constant)
        is listed in ``Report.skipped`` with the reason, not an error; so is
        a label column with nearly every value its own, such as a row ID
        (:func:`mutinfo.column_kinds`).

    Notes
    -----
    Values are in nats and never clipped. Entropies of continuous columns are
    differential entropies (they can be negative and change with the unit of
    the column); of label columns, Shannon entropies. Rows with a missing value
    in any used column are left out of the matrix, the ranking and the
    selections (``nan_policy="omit"``) and out of the intervals, which are
    placed around the matrix's value of their pair (``pairs["ci_estimate"]``
    is the ``mi`` shown); each entropy uses the rows where its column is
    present.

    Examples
    --------
    >>> import mutinfo as mt
    >>> wine = mt.datasets.load_wine()
    >>> table = wine[["flavanoids", "proline", "hue", "cultivar"]]
    >>> r = mt.report(table, target="cultivar", pvalues=False, max_intervals=0, rng=0)
    >>> r.ranking["feature"].tolist()
    ['flavanoids', 'proline', 'hue']
    >>> r.to_markdown().splitlines()[0]
    '# mutinfo report'
    """
    import pandas as pd

    from mutinfo._api import estimate
    from mutinfo.io import column_kinds, select_columns
    from mutinfo.matrix import mi_matrix
    from mutinfo.selection import forward_selection, rank_features

    started = time.time()
    seeds = _seeds(rng)
    if fdr is not None and not pvalues:
        fdr = None
    frame = _frame(data)
    names = list(frame.columns)
    if target is not None:
        select_columns(frame, [target], "target")
    if columns is not None:
        wanted = list(columns) if not isinstance(columns, str) else [columns]
        select_columns(frame, wanted, "columns")
        if target is not None and target not in wanted:
            wanted.append(target)
        chosen = set(wanted)  # once, not per column (p^2 on a wide table)
        names = [n for n in names if n in chosen]
    clock = _Clock()

    with clock.section("columns"):
        kinds = column_kinds(frame[names], discrete=discrete, max_missing=MAX_MISSING)
    usable = kinds["kind"] != "unusable"
    kept: list[Any] = list(kinds.loc[usable, "column"])
    resolved: dict[Any, bool] = dict(
        zip(kept, (bool(f) for f in kinds.loc[usable, "discrete"]), strict=True)
    )
    skipped = [
        {"column": str(name), "reason": str(reason)}
        for name, reason in zip(
            kinds.loc[~usable, "column"], kinds.loc[~usable, "reason"], strict=True
        )
    ]
    rows = [
        {
            "column": str(row["column"]),
            "kind": str(row["kind"]),
            "reason": str(row["reason"]),
            "override": str(row["override"]),
            "missing": int(row["missing"]),
        }
        for row in kinds.loc[usable].to_dict("records")
    ]
    if len(kept) < 2:
        detail = "; ".join(f"{s['column']!r}: {s['reason']}" for s in skipped)
        raise InvalidDataError(
            f"A report needs at least two usable columns; got {len(kept)} "
            f"({[str(n) for n in kept]})"
            + (f", skipped {detail}" if detail else "")
            + ". Pass a table with more columns."
        )
    if target is not None and target not in kept:
        reason = next(s["reason"] for s in skipped if s["column"] == str(target))
        raise InvalidDataError(
            f"The target column {target!r} cannot be used: {reason}. Choose another "
            "target."
        )

    entropies: list[float] = []
    entropy_methods: list[str] = []
    with clock.section("entropy"):
        for j, name in enumerate(kept):
            res = estimate(
                "entropy",
                frame[name].dropna(),
                method=method,
                discrete=resolved[name],
                rng=item_rng(seeds["entropy"], j),
            )
            entropies.append(res.value)
            entropy_methods.append(res.method)
    table = pd.DataFrame(rows)
    table["entropy"] = entropies
    table["entropy_method"] = entropy_methods

    used = frame[kept]
    flag_list = [resolved[n] for n in kept]
    with clock.section("matrix"):
        complete = used.dropna()
        subsample = pvalues and test_rows is not None and len(complete) > test_rows
        common = {
            "method": method,
            "n_permutations": n_permutations,
            "discrete": flag_list,
            "nan_policy": "omit",
            "n_jobs": n_jobs,
            "client": client,
            "progress": progress,
            "rng": seeds["matrix"],
        }
        matrix = mi_matrix(
            used,
            pvalues=pvalues and not subsample,
            stop_after=stop_after if pvalues and not subsample else None,
            fdr=fdr if pvalues and not subsample else None,
            **common,
        )
        picked = np.arange(0)
        if subsample:
            assert test_rows is not None
            # The p-values on a random subsample of the complete rows: a valid
            # test on those rows (less power than on all of them).
            picked = sample_test_rows(len(complete), test_rows, seeds["matrix"])
            tested = mi_matrix(
                complete.iloc[picked],
                pvalues=True,
                stop_after=stop_after,
                fdr=fdr,
                **common,
            )
            matrix = dataclasses.replace(
                matrix, p_values=tested.p_values, q_values=tested.q_values
            )
        if pvalues and fdr is not None:
            _warn_q_floor(matrix, n_permutations, fdr)
    pairs, n_pairs = _pair_rows(
        complete,
        matrix,
        max_pairs=max_pairs,
        max_intervals=max_intervals,
        n_resamples=n_resamples,
        discrete=resolved,
        seed=seeds["intervals"],
        n_jobs=n_jobs,
        clock=clock,
        method=method,
    )

    ranking = None
    selections: dict[str, Any] = {}
    if target is not None:
        features = [n for n in kept if n != target]
        rows_ok = used.dropna()
        X, y = rows_ok[features], rows_ok[target]
        feature_flags = [resolved[n] for n in features]
        with clock.section("ranking"):
            ranked = {
                "method": method,
                "n_permutations": n_permutations,
                "discrete": (feature_flags, resolved[target]),
                "n_jobs": n_jobs,
                "client": client,
                # The matrix's seed: pair streams are keyed by the columns'
                # content, so each feature's value (and p-value) is the one
                # the matrix shows for the pair with the target.
                "rng": seeds["matrix"],
            }
            ranking = rank_features(
                X,
                y,
                pvalues=pvalues and not subsample,
                stop_after=stop_after if pvalues and not subsample else None,
                fdr=fdr if pvalues and not subsample else None,
                **ranked,
            )
            if subsample:
                # The p-values on the matrix's subsample of the complete rows.
                on_rows = rank_features(
                    X.iloc[picked],
                    y.iloc[picked],
                    pvalues=True,
                    stop_after=stop_after,
                    fdr=fdr,
                    **ranked,
                ).set_index("feature")
                for column in ("p_value", "q_value"):
                    if column in on_rows:
                        ranking[column] = on_rows.loc[
                            ranking["feature"], column
                        ].to_numpy()
        with clock.section("selection"):
            for criterion in CRITERIA:
                selections[criterion] = forward_selection(
                    X,
                    y,
                    k=min(k, len(features)),
                    criterion=criterion,
                    method=method,
                    discrete=(feature_flags, resolved[target]),
                    n_jobs=n_jobs,
                    client=client,
                    rng=seeds["target"],
                )

    params = {
        "target": None if target is None else str(target),
        "columns": None if columns is None else [str(c) for c in names],
        "method": method if isinstance(method, str) else repr(method),
        "pvalues": pvalues,
        "fdr": fdr,
        "rng": rng if rng is None or isinstance(rng, int) else repr(rng),
        "discrete": discrete if isinstance(discrete, str | bool) else dict(discrete),
        "n_permutations": n_permutations,
        "stop_after": stop_after,
        "test_rows": test_rows,
        "tested_rows": test_rows if subsample else None,
        "n_resamples": n_resamples,
        "max_pairs": max_pairs,
        "max_intervals": max_intervals,
        "max_heatmap": max_heatmap,
        "k": k,
        "seeds": seeds,
    }
    return Report(
        columns=table,
        skipped=pd.DataFrame(skipped, columns=["column", "reason"]),
        matrix=matrix,
        pairs=pairs,
        n_pairs=n_pairs,
        ranking=ranking,
        selections=selections,
        warnings=_group_warnings(clock.caught, [str(n) for n in names]),
        timings=dict(clock.timings),
        params=params,
        versions=_versions(),
        n_rows=int(frame.shape[0]),
        created=time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
    )
