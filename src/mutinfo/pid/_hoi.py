"""Higher-order information of continuous samples: TC, DTC, O- and S-information.

All four come from total correlations of subsets of the variables (``k`` of
them): with ``TC`` of all and ``TC_-i`` of all but ``X_i``,

- ``DTC = (k - 1) TC - sum_i TC_-i``,
- ``Omega = TC - DTC = sum_i TC_-i - (k - 2) TC``,
- ``Sigma = TC + DTC = k TC - sum_i TC_-i``,

so any family that estimates ``total_correlation`` (``gaussian``,
``gaussian_copula``, ``ksg``, ``binning``, the discrete ones) estimates them,
through :func:`mutinfo.estimate` with the measures ``dual_total_correlation``,
``o_information`` and ``s_information``. :func:`multiplets` evaluates them on
every multiplet of a table's columns; for ``gaussian`` and ``gaussian_copula``
it computes the (copula) correlation matrix once and the log-determinants of
all sub-matrices in batches.
"""

from __future__ import annotations

import contextlib
import functools
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo import _api
from mutinfo._parallel import execute, resolve_n_jobs
from mutinfo._params import (
    MAX_PERMUTATIONS,
    Interval,
    Options,
    check_rng,
    validate_params,
)
from mutinfo._result import check_base, unit_name
from mutinfo._ties import atom_fraction
from mutinfo._validation import float_column_is_discrete
from mutinfo.exceptions import (
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
    MutinfoWarning,
    warn,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["HOI_MEASURES", "HigherOrder", "higher_order", "multiplets"]

#: The measures :func:`multiplets` reports, in its column order.
HOI_MEASURES = (
    "total_correlation",
    "dual_total_correlation",
    "o_information",
    "s_information",
)
#: Methods with the vectorised closed-form path in :func:`multiplets`.
_FAST = ("gaussian", "gaussian_copula")
#: Multiplets per batch of the vectorised path (bounds memory).
_CHUNK = 100_000


@dataclass(frozen=True)
class HigherOrder:
    """The four higher-order measures of one set of variables.

    Attributes
    ----------
    total_correlation, dual_total_correlation, o_information, s_information : float
        In ``unit``. ``o_information > 0``: redundancy dominates; ``< 0``:
        synergy dominates.
    unit : str
        ``"nats"``, ``"bits"`` or ``"log<base>"``.
    method : str
        The resolved estimator family.
    n_samples, n_variables : int
        Rows and variables (columns) used.
    """

    total_correlation: float
    dual_total_correlation: float
    o_information: float
    s_information: float
    unit: str
    method: str
    n_samples: int
    n_variables: int

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as a JSON-ready dict."""
        return dict(self.__dict__)


def _combine(
    tc: NDArray[np.float64], loo: NDArray[np.float64], k: int
) -> dict[str, NDArray[np.float64]]:
    """Return the four measures from TC (shape (m,)) and leave-one-out TCs (m, k)."""
    s = loo.sum(axis=1)
    return {
        "total_correlation": tc,
        "dual_total_correlation": (k - 1) * tc - s,
        "o_information": s - (k - 2) * tc,
        "s_information": k * tc - s,
    }


@validate_params({"base": Interval(float, 0, None, closed="neither")})
def higher_order(
    x: ArrayLike,
    *,
    method: Any = "gaussian_copula",
    base: float = math.e,
    rng: Any = None,
    **method_params: Any,
) -> HigherOrder:
    """Total correlation, dual total correlation, O- and S-information of samples.

    Each of the ``k`` columns of ``x`` is one variable. The method is resolved
    once (:func:`mutinfo.estimator_for`) and estimates ``k + 1`` total
    correlations: of all columns and of each leave-one-out set, from which

    ``TC = sum_i H(X_i) - H(X)``, ``DTC = H(X) - sum_i H(X_i | X_-i) =
    (k - 1) TC - sum_i TC_-i``, ``Omega = TC - DTC``, ``Sigma = TC + DTC``.

    Parameters
    ----------
    x : array-like of shape (n_samples, k)
        The samples, one variable per column (``k >= 2``).
    method : str or Estimator, default="gaussian_copula"
        Any family that estimates ``total_correlation`` (``"gaussian"``,
        ``"gaussian_copula"``, ``"ksg"``, ``"binning"``, a discrete family) or
        ``"auto"``.
    base : float, default=math.e
        Logarithm base (``math.e``: nats).
    rng : None, int or numpy.random.Generator, default=None
        Seeds the estimator (kNN tie-breaking noise).
    **method_params
        Parameters of the method (``n_neighbors=5``, ``bias_correction=False``).

    Returns
    -------
    HigherOrder
        The four values in the unit of ``base``.

    Raises
    ------
    InvalidDataError
        If ``x`` is not 2-D with at least 2 columns.

    See Also
    --------
    multiplets : the same measures over every multiplet of a table's columns.
    mutinfo.discrete.o_information : exact values of an explicit distribution.

    Notes
    -----
    Values are raw estimates (never clipped). ``gaussian`` is exact for
    Gaussian data (with the analytic bias correction of Ince et al. 2017 on
    every entropy); ``gaussian_copula`` is the same after a rank-normal
    transform of each column (a lower bound on dependence that is not
    monotone); ``ksg`` is the multivariate kNN total correlation.

    References
    ----------
    .. [1] F. E. Rosas, P. A. M. Mediano, M. Gastpar, H. J. Jensen,
       "Quantifying high-order interdependencies via multivariate extensions of
       the mutual information", Phys. Rev. E 100:032305 (2019),
       doi:10.1103/PhysRevE.100.032305.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import pid
    >>> rng = np.random.default_rng(0)
    >>> s = rng.normal(size=(5000, 1))
    >>> x = s + rng.normal(size=(5000, 3))  # three noisy copies: redundancy
    >>> h = pid.higher_order(x, method="gaussian")
    >>> round(h.o_information, 2), h.unit  # truth 3 ln(2 / 3**0.5) - ln(2) / 2
    (0.08, 'nats')
    """
    b = check_base(base)
    arr = np.asarray(x)
    if arr.ndim != 2 or arr.shape[1] < 2:
        raise InvalidDataError(
            "The 'x' parameter of higher_order() must be 2-D with one variable per "
            f"column and at least 2 columns; got shape {arr.shape}. Stack the "
            "variables with numpy.column_stack."
        )
    k = arr.shape[1]
    est = _api.estimator_for(
        "total_correlation", arr, method=method, rng=rng, **method_params
    )
    said = _warn_atoms(arr, [str(j) for j in range(k)], est.name)
    with _atoms_said(said):
        tc = est.estimate("total_correlation", arr).value
        loo = [
            est.estimate("total_correlation", np.delete(arr, i, axis=1)).value
            if k > 2
            else 0.0
            for i in range(k)
        ]
    values = _combine(np.array([tc]), np.array([loo]), k)
    scale = 1.0 / math.log(b)
    return HigherOrder(
        **{m: float(v[0]) * scale + 0.0 for m, v in values.items()},
        unit=unit_name(b),
        method=est.name,
        n_samples=int(arr.shape[0]),
        n_variables=k,
    )


def _warn_atoms(arr: NDArray[Any], names: Sequence[str], method: str) -> bool:
    """Warn where a float column has atoms under a Gaussian or copula method.

    Both see only the correlations of the (rank-normalised) columns. A column
    with a few well-sampled values that are not whole numbers (0/0.5, say) is
    continuous to the validation, so nothing refused it, but its average ranks
    make a few normal scores and the Gaussian model misses what is not
    correlation: three such columns with C = A xor B read total correlation 0.0
    and O-information 0.0 (exactly 0.693 and -0.693 nats), silently. Whole-number
    floats with a few values (0/1) are labels to the validation, as the same
    integers are, and these methods refuse them, naming the fix. Returns
    whether it warned.
    """
    if method not in _FAST or arr.dtype.kind != "f" or arr.shape[0] == 0:
        return False
    atoms = []
    for j in range(arr.shape[1]):
        col = arr[:, j]
        if not np.all(np.isfinite(col)) or float_column_is_discrete(col):
            continue  # whole-number labels: the method refuses them instead
        if col.min() < col.max() and atom_fraction(col):
            atoms.append(names[j])
    if atoms:
        shown = ", ".join(repr(a) for a in atoms[:5])
        shown += ", ..." if len(atoms) > 5 else ""
        warn(
            f"Column(s) {shown} hold atoms (values shared by at least 10% of the "
            f"rows), which method {method!r} reduces to their correlations: "
            "dependence between such variables that is not correlation (XOR) "
            "reads 0. If they are labels, pass them as integers with "
            "method='plugin' (or another discrete method), or use method='binning'.",
            DataWarning,
        )
    return bool(atoms)


@contextlib.contextmanager
def _atoms_said(said: bool) -> Iterator[None]:
    """Leave out the copula family's per-column atoms warning (main thread only).

    Where ``said``, :func:`_warn_atoms` has said it of the whole table, on the
    same test (:func:`mutinfo._ties.atom_fraction`), in this module's words.
    """
    from mutinfo.estimators._guards import COPULA_ATOMS_MESSAGE

    if not said:
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=COPULA_ATOMS_MESSAGE, category=DataWarning
        )
        yield


def _table(data: Any, columns: Sequence[Any] | None) -> tuple[NDArray[Any], list[str]]:
    if hasattr(data, "columns") and hasattr(data, "to_numpy"):
        names = [str(c) for c in data.columns]
        if columns is not None:
            missing = [c for c in columns if c not in list(data.columns)]
            if missing:
                raise InvalidParameterError(
                    f"The 'columns' parameter of multiplets() names {missing}, "
                    f"which are not columns of the table; it has {names}."
                )
            data = data[list(columns)]
            names = [str(c) for c in columns]
        return np.asarray(data.to_numpy()), names
    arr = np.asarray(data)
    if arr.ndim != 2:
        raise InvalidDataError(
            "The 'data' parameter of multiplets() must be a table (DataFrame) or a "
            f"2-D array of shape (n_samples, n_columns); got shape {arr.shape}."
        )
    p = arr.shape[1]
    names = [str(j) for j in range(p)]
    if columns is not None:
        bad = [
            c
            for c in columns
            if isinstance(c, bool | np.bool_)
            or not isinstance(c, int | np.integer)
            or not -p <= int(c) < p
        ]
        if bad:
            raise InvalidParameterError(
                "The 'columns' parameter of multiplets() must hold integer column "
                f"indices from 0 to {p - 1} for an array of {p} columns; got "
                f"{bad!r}. Pass a DataFrame to select columns by name."
            )
        idx = [int(c) % p for c in columns]
        arr, names = arr[:, idx], [names[i] for i in idx]
    return arr, names


def _fast_tc_offset(
    method: str, arr: NDArray[Any], m: int, params: dict[str, Any]
) -> float:
    """Return the family's bias-correction offset of a TC of ``m`` columns (nats).

    It depends on ``m`` and ``n`` only; asked of the family itself (with and
    without its correction) so the batched path reproduces it exactly.
    """
    if m < 2 or not params.get("bias_correction", True):
        return 0.0
    sub = arr[:, :m]
    on = _api.estimate("total_correlation", sub, method=method, bias_correction=True)
    off = _api.estimate("total_correlation", sub, method=method, bias_correction=False)
    return on.value - off.value


def _scores(method: str, arr: NDArray[Any], names: list[str]) -> NDArray[np.float64]:
    try:
        values = np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError):
        text = []
        for j in range(arr.shape[1]):
            try:
                np.asarray(arr[:, j], dtype=np.float64)
            except (TypeError, ValueError):
                text.append(names[j])
        raise InvalidDataError(
            f"Method {method!r} of multiplets() needs numeric columns; column(s) "
            f"{text} hold labels that are not numbers. Encode them as integers "
            "with a discrete method (method='plugin'), or drop them with "
            "'columns'."
        ) from None
    if not np.all(np.isfinite(values)):
        raise InvalidDataError(
            "multiplets() needs finite values; the table has NaN or infinite "
            "entries. Drop or impute them first."
        )
    if method == "gaussian_copula":
        from mutinfo.estimators.copula import copnorm  # the family's own transform

        values = copnorm(values)
    std = values.std(axis=0)
    flat = [names[j] for j in np.flatnonzero(std == 0)]
    if flat:
        raise InvalidDataError(
            f"Column(s) {flat} are constant, so their Gaussian entropy is -inf. "
            "Remove them (their higher-order information with any set is 0)."
        )
    return np.asarray((values - values.mean(axis=0)) / std, dtype=np.float64)


def _logdets(corr: NDArray[np.float64], idx: NDArray[np.intp]) -> NDArray[np.float64]:
    sub = corr[idx[:, :, None], idx[:, None, :]]
    sign, ld = np.linalg.slogdet(sub)
    if np.any(sign <= 0):
        raise InvalidDataError(
            "Some columns are linearly dependent (a correlation sub-matrix is "
            "singular), so their total correlation is infinite. Remove duplicated "
            "or collinear columns."
        )
    return np.asarray(ld, dtype=np.float64)


def _fast_values(
    scores: NDArray[np.float64],
    combos: NDArray[np.intp],
    offsets: tuple[float, float],
) -> dict[str, NDArray[np.float64]]:
    n, k = scores.shape[0], combos.shape[1]
    corr = (scores.T @ scores) / n
    tc_parts, loo_parts = [], []
    for start in range(0, len(combos), _CHUNK):
        idx = combos[start : start + _CHUNK]
        tc_parts.append(-0.5 * _logdets(corr, idx) + offsets[0])
        if k > 2:
            loo = np.stack(
                [
                    -0.5 * _logdets(corr, np.delete(idx, i, axis=1)) + offsets[1]
                    for i in range(k)
                ],
                axis=1,
            )
        else:
            loo = np.zeros((len(idx), k))
        loo_parts.append(loo)
    return _combine(np.concatenate(tc_parts), np.concatenate(loo_parts), k)


def _subset_tc(
    cols: tuple[int, ...], rng: np.random.Generator, *, est: Any, arr: NDArray[Any]
) -> float:
    """Return the TC (nats) of columns ``cols`` by a clone of ``est`` seeded by rng."""
    params = est.get_params()
    params["rng"] = rng
    clone = type(est)(**params)
    return float(clone.estimate("total_correlation", arr[:, list(cols)]).value)


def _generic_values(
    est: Any,
    arr: NDArray[Any],
    combos: NDArray[np.intp],
    entropy: int,
    n_jobs: int | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Return the four measures of each multiplet, every subset's TC estimated once.

    Subset ``j`` (in sorted order) is estimated by a clone of ``est`` seeded by
    ``item_rng(entropy, j)``, so the values do not depend on ``n_jobs``.
    """
    k = combos.shape[1]
    rows = [tuple(c) for c in combos.tolist()]
    wanted = set(rows)
    if k > 2:
        wanted |= {c[:i] + c[i + 1 :] for c in rows for i in range(k)}
    subsets = sorted(wanted)
    backend: Literal["threads", "processes"] = (
        "threads" if type(est).thread_safe else "processes"
    )
    tcs = execute(
        functools.partial(_subset_tc, est=est, arr=arr),
        subsets,
        entropy=entropy,
        n_jobs=n_jobs,
        backend=backend,
    )
    cache = dict(zip(subsets, tcs, strict=True))
    whole = np.array([cache[c] for c in rows])
    if k > 2:
        loo = np.array([[cache[c[:i] + c[i + 1 :]] for i in range(k)] for c in rows])
    else:
        loo = np.zeros((len(rows), k))
    return _combine(whole, loo.reshape(len(rows), k), k)


def _null_item(
    _item: int,
    rng: np.random.Generator,
    *,
    evaluate: Any,
    table: NDArray[Any],
    measure: str,
) -> NDArray[np.float64]:
    """``|measure|`` of every multiplet on one surrogate: each column permuted."""
    values: dict[str, NDArray[np.float64]] = evaluate(rng.permuted(table, axis=0), rng)
    return np.abs(values[measure])


def _fast_evaluate(
    table: NDArray[Any],
    _rng: np.random.Generator,
    *,
    combos: NDArray[np.intp],
    offsets: tuple[float, float],
) -> dict[str, NDArray[np.float64]]:
    return _fast_values(table, combos, offsets)


def _generic_evaluate(
    table: NDArray[Any],
    rng: np.random.Generator,
    *,
    est: Any,
    combos: NDArray[np.intp],
) -> dict[str, NDArray[np.float64]]:
    return _generic_values(est, table, combos, int(rng.integers(2**63)))


@validate_params(
    {
        "order": Interval(int, 2, None),
        "measure": Options(HOI_MEASURES),
        "n_permutations": Interval(int, 0, MAX_PERMUTATIONS),
        "base": Interval(float, 0, None, closed="neither"),
    }
)
def multiplets(
    data: Any,
    order: int = 3,
    *,
    measure: str = "o_information",
    method: Any = "gaussian_copula",
    columns: Sequence[Any] | None = None,
    n_permutations: int = 0,
    base: float = math.e,
    rng: Any = None,
    n_jobs: int | None = None,
    **method_params: Any,
) -> pd.DataFrame:
    """Higher-order information of every multiplet of ``order`` columns, ranked.

    For each set of ``order`` columns of ``data`` (``C(p, order)`` of them) it
    reports the total correlation, dual total correlation, O-information and
    S-information (see :func:`higher_order`), ranks the multiplets by
    ``|measure|`` and, with ``n_permutations > 0``, gives permutation
    p-values.

    Parameters
    ----------
    data : DataFrame or array-like of shape (n_samples, p)
        The table; every column is one continuous variable.
    order : int, default=3
        Variables per multiplet (``>= 2``; ``order=3``: triplets).
    measure : {"o_information", "total_correlation", "dual_total_correlation", \
"s_information"}, default="o_information"
        What the ranking and the p-values are of.
    method : str or Estimator, default="gaussian_copula"
        A family that estimates ``total_correlation``. ``"gaussian"`` and
        ``"gaussian_copula"`` (with only ``bias_correction`` as parameter) take
        the batched path: the correlation matrix of the (copula-normalised)
        columns is computed once and the log-determinants of its sub-matrices
        in vectorised batches; the values equal :func:`mutinfo.estimate`'s to
        rounding. Other families estimate each distinct subset's total
        correlation once (cached across multiplets).
    columns : list of column names (or indices for an array), optional
        Restrict to these columns.
    n_permutations : int, default=0
        Surrogate tables for the p-values: each column permuted independently
        (all dependence destroyed), every multiplet re-evaluated. ``p_value``
        is ``(1 + #{|null| >= |observed|}) / (1 + n_permutations)`` per
        multiplet; ``p_value_fwer`` compares ``|observed|`` with the maximum of
        ``|null|`` over all multiplets of each surrogate (Westfall-Young
        single-step max-statistic, family-wise error control).
    base : float, default=math.e
        Logarithm base.
    rng : None, int or numpy.random.Generator, default=None
        Seeds the estimator and the surrogates; surrogate ``i`` draws from
        ``SeedSequence(seed, spawn_key=(i,))``. With a family other than the
        batched two, subset ``j`` of the observed table gets its own seeded
        clone of the estimator the same way.
    n_jobs : int or None, default=None
        Local workers for the surrogates and, with the per-subset families,
        the observed subsets (threads for thread-safe families, processes
        otherwise; -1: every core). Results are identical for any ``n_jobs``.
    **method_params
        Parameters of the method.

    Returns
    -------
    pandas.DataFrame
        One row per multiplet, sorted by ``|measure|`` (largest first):
        ``multiplet`` (tuple of column names), the four measures in the unit
        of ``base``, and ``p_value``, ``p_value_fwer`` with permutations.
        ``attrs`` holds ``measure``, ``method``, ``unit``, ``order``,
        ``n_samples`` and ``n_permutations``.

    Raises
    ------
    InvalidParameterError
        For a bad ``order`` (more than the number of columns), ``measure``,
        ``columns`` or ``n_permutations``.
    InvalidDataError
        For non-finite values, constant or collinear columns (batched path).

    Notes
    -----
    The permutation null is mutual independence of all columns, under which
    every measure is 0; it is exact (exchangeable) for i.i.d. rows. A small
    p-value says the multiplet's ``|measure|`` exceeds what independent
    columns give; it does not separate higher-order from pairwise structure
    (a triplet with one correlated pair has TC > 0 but ``Omega = 0`` only in
    expectation). Values are in nats unless ``base`` is given, never clipped.

    References
    ----------
    .. [1] F. E. Rosas, P. A. M. Mediano, M. Gastpar, H. J. Jensen, Phys. Rev.
       E 100:032305 (2019), doi:10.1103/PhysRevE.100.032305.
    .. [2] R. A. A. Ince et al., Hum. Brain Mapp. 38:1541 (2017),
       doi:10.1002/hbm.23471 (Gaussian copula).
    .. [3] P. H. Westfall and S. S. Young, Resampling-Based Multiple Testing,
       Wiley (1993).

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from mutinfo import pid
    >>> rng = np.random.default_rng(0)
    >>> s = rng.normal(size=2000)
    >>> frame = pd.DataFrame(
    ...     {"a": s + rng.normal(size=2000), "b": s + rng.normal(size=2000),
    ...      "c": s + rng.normal(size=2000), "d": rng.normal(size=2000)}
    ... )
    >>> top = pid.multiplets(frame, 3, n_permutations=19, rng=0)
    >>> top.iloc[0]["multiplet"], round(float(top.iloc[0]["o_information"]), 2)
    (('a', 'b', 'c'), 0.08)
    >>> float(top.iloc[0]["p_value"])
    0.05
    """
    import pandas as pd

    b = check_base(base)
    arr, names = _table(data, columns)
    p = arr.shape[1]
    if order > p:
        raise InvalidParameterError(
            f"The 'order' parameter of multiplets() must be at most the number of "
            f"columns ({p}); got {order}. Pass a smaller order or more columns."
        )
    combos = np.array(list(combinations(range(p), order)), dtype=np.intp)
    root = check_rng(rng)
    resolve_n_jobs(n_jobs)  # a bad n_jobs fails before any work
    fast = (
        isinstance(method, str)
        and method in _FAST
        and set(method_params) <= {"bias_correction"}
    )
    if fast:
        # Validate the method's parameters as the front door does.
        est = _api.estimator_for(
            "total_correlation", arr[:, :2], method=method, **method_params
        )
        params = est.get_params()
        said = _warn_atoms(arr, names, method)
        with _atoms_said(said):
            offsets = (
                _fast_tc_offset(method, arr, order, params),
                _fast_tc_offset(method, arr, order - 1, params),
            )
        scores = _scores(method, arr, names)
        evaluate: Any = functools.partial(
            _fast_evaluate, combos=combos, offsets=offsets
        )
        base_table: NDArray[Any] = scores
        method_name = method
        values = _fast_values(scores, combos, offsets)
        backend: Literal["threads", "processes"] = "threads"
    else:
        est = _api.estimator_for(
            "total_correlation", arr[:, :order], method=method, rng=rng, **method_params
        )
        evaluate = functools.partial(_generic_evaluate, est=est, combos=combos)
        base_table = arr
        method_name = est.name
        values = _generic_values(
            est, arr, combos, int(root.integers(2**63)), n_jobs=n_jobs
        )
        backend = "threads" if type(est).thread_safe else "processes"
    scale = 1.0 / math.log(b)
    frame = pd.DataFrame(
        {"multiplet": [tuple(names[j] for j in c) for c in combos.tolist()]}
    )
    for m in HOI_MEASURES:
        frame[m] = values[m] * scale + 0.0
    if n_permutations:
        seed = int(root.integers(2**63))
        observed = np.abs(values[measure])
        # Surrogate i draws from SeedSequence(seed, spawn_key=(i,)), whoever runs it.
        nulls = execute(
            functools.partial(
                _null_item, evaluate=evaluate, table=base_table, measure=measure
            ),
            range(n_permutations),
            entropy=seed,
            n_jobs=n_jobs,
            backend=backend,
            quiet=(MutinfoWarning,),
        )
        # A relative tolerance so that ties in exact arithmetic count.
        tol = 1e-12 * max(1.0, float(observed.max(initial=0.0)))
        exceed = np.zeros(len(combos))
        exceed_max = np.zeros(len(combos))
        for null in nulls:
            exceed += null >= observed - tol
            exceed_max += null.max() >= observed - tol
        frame["p_value"] = (1.0 + exceed) / (1.0 + n_permutations)
        frame["p_value_fwer"] = (1.0 + exceed_max) / (1.0 + n_permutations)
    order_idx = np.argsort(-np.abs(frame[measure].to_numpy()), kind="stable")
    frame = frame.iloc[order_idx].reset_index(drop=True)
    frame.attrs.update(
        measure=measure,
        method=method_name,
        unit=unit_name(b),
        order=order,
        n_samples=int(arr.shape[0]),
        n_permutations=n_permutations,
    )
    return frame
