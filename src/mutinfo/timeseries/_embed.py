"""Embedding of time series: histories of the target, the source and conditions.

A series is 1-D ``(n_steps,)``, 2-D ``(n_steps, n_features)`` or a list of such
arrays (realisations of the same process). Realisations are embedded one by
one and their rows pooled, so no history ever spans the join of two
realisations (as JIDT pools observations).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._validation import (
    _check_aligned,
    label_array,
    missing_label_mask,
    unmasked,
)
from mutinfo.exceptions import (
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
)

__all__ = [
    "Embedding",
    "as_realisations",
    "check_lag",
    "check_nested_rows",
    "check_time_order",
    "embed",
    "join",
    "window",
]

NAN_POLICIES = ("raise", "omit")


def check_lag(value: Any, name: str, where: str, *, low: int = 1) -> int:
    """Return ``value`` as an int >= ``low`` or raise naming the parameter."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | np.integer)
        or value < low
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be an int in the range "
            f"[{low}, inf). Got {value!r} instead."
        )
    return int(value)


def _is_realisation_list(data: Any) -> bool:
    if not isinstance(data, list | tuple) or len(data) == 0:
        return False
    return all(
        isinstance(item, np.ndarray | list | tuple) or hasattr(item, "to_numpy")
        for item in data
    )


def check_nested_rows(data: Any, name: str) -> None:
    """Refuse a 2-D series written as nested lists, which reads as realisations.

    ``X.tolist()`` of an ``(n_steps, n_features)`` array is a list of
    ``n_steps`` lists of ``n_features`` values: the form of a list of
    realisations, so it was read as ``n_steps`` realisations of
    ``n_features`` steps each (the AIS of two independent-in-time binary
    features came out as the MI between the features, 0.47 nats, where the
    array gives 0). Plain lists (or tuples) of equal length, more of them than
    the values each holds, are refused as ambiguous; realisations as numpy
    arrays, or fewer realisations than steps, pass.
    """
    if not isinstance(data, list | tuple) or len(data) < 2:
        return
    if not all(type(item) in (list, tuple) for item in data):
        return
    lengths = {len(item) for item in data}
    if len(lengths) != 1:
        return
    width = lengths.pop()
    if len(data) <= width or not all(np.ndim(v) == 0 for v in data[0]):
        return
    raise InvalidDataError(
        f"The series {name!r} is a list of {len(data)} lists of {width} values "
        f"each: as a list of realisations that is {len(data)} realisations of "
        f"{width} steps, but it looks like one series of shape ({len(data)}, "
        f"{width}) written as nested lists. Pass np.asarray({name}) for one series "
        f"of {width} features, or a list of numpy arrays for realisations."
    )


def _as_array(item: Any) -> NDArray[Any]:
    if _module_of(item) == "pyarrow" and hasattr(item, "null_count"):
        # an Array's to_numpy() refuses nulls unless asked to copy (NaN)
        item = item.to_numpy(**({} if hasattr(item, "chunks") else _ARROW_COPY))
    elif hasattr(item, "to_numpy"):
        item = item.to_numpy()
    if isinstance(item, str):
        item = list(item)
    if isinstance(item, np.ma.MaskedArray):
        item = unmasked(item)
    arr = label_array(item)
    if arr.ndim == 0:
        raise InvalidDataError(
            "A time series must be 1-D or 2-D (n_steps, n_features); got a "
            f"scalar {item!r}."
        )
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise InvalidDataError(
            "A time series must be 1-D or 2-D (n_steps, n_features); got an array "
            f"of shape {arr.shape}."
        )
    return arr


_ARROW_COPY = {"zero_copy_only": False}


def _module_of(item: Any) -> str:
    return type(item).__module__.split(".")[0]


def _nullable_integers(item: Any) -> bool:
    """Whether ``item`` is integer data that may hold nulls.

    pandas nullable integers (``Int64``, ...), polars integer Series and
    DataFrames, pyarrow integer Arrays, ChunkedArrays and Tables: all of them
    give their values as float64 with NaN once a null is among them.
    """
    module = _module_of(item)
    if module == "polars":
        found = list(getattr(item, "dtypes", [getattr(item, "dtype", None)]))
        return bool(found) and all(d is not None and d.is_integer() for d in found)
    if module == "pyarrow":
        import pyarrow as pa

        types = item.schema.types if hasattr(item, "schema") else [item.type]
        return bool(types) and all(pa.types.is_integer(t) for t in types)
    dtypes = getattr(item, "dtypes", None)
    if dtypes is None or not hasattr(item, "to_numpy"):
        return False
    found = list(dtypes) if hasattr(dtypes, "__iter__") else [dtypes]
    return bool(found) and all(
        getattr(d, "kind", "") in "iu"
        and getattr(d, "na_value", None) is not None
        and not isinstance(d, np.dtype)
        for d in found
    )


def integer_gaps(data: Any) -> bool:
    """Whether ``data`` (a series or a list of realisations) is nullable integers.

    pandas gives a column of integers with a blank cell the dtype ``Int64``
    (mutinfo's table reader keeps it so), and ``to_numpy`` turns it into
    float64 with NaN: after ``nan_policy='omit'`` drops those steps the rest
    are whole numbers, which must stay labels as they were (read as floats,
    ``method='auto'`` took them for a continuous series). polars and pyarrow
    integer columns with a null do the same.
    """
    items = list(data) if _is_realisation_list(data) else [data]
    return bool(items) and all(_nullable_integers(item) for item in items)


def _exact_integers(item: Any) -> NDArray[Any]:
    """Nullable integer data as exact int64/uint64, missing cells as 0.

    ``to_numpy`` goes through float64, which rounds integers beyond 2**53 (a
    code 2**53 + 1 became 2**53, the symbol of another); the missing cells are
    found from the float64 values and dropped, these values replace them.
    """
    module = _module_of(item)
    if module == "polars":
        columns = [item] if not hasattr(item, "columns") else item.get_columns()
        arrays = [np.asarray(c.fill_null(0).to_numpy())[:, None] for c in columns]
        return join(arrays, axis=1)
    if module == "pyarrow":
        columns = item.columns if hasattr(item, "schema") else [item]
        arrays = [np.asarray(c.fill_null(0))[:, None] for c in columns]
        return join(arrays, axis=1)
    filled = item.fillna(0)
    columns = [filled] if filled.ndim == 1 else [filled[c] for c in filled.columns]
    arrays = [np.asarray(c.to_numpy())[:, None] for c in columns]
    return join(arrays, axis=1)


def exact_realisations(data: Any) -> list[NDArray[Any]] | None:
    """Return the realisations of nullable integer ``data``, exact, or None.

    None unless :func:`integer_gaps`; else :func:`as_realisations`' arrays
    with each value exact (missing cells 0, to be dropped by the float64
    realisations' NaN).
    """
    if data is None or not integer_gaps(data):
        return None
    items = list(data) if _is_realisation_list(data) else [data]
    return [_exact_integers(item) for item in items]


def as_realisations(data: Any, name: str) -> list[NDArray[Any]]:
    """Return ``data`` as a list of 2-D arrays (one per realisation).

    Symbols (strings, objects) become integer codes shared by all
    realisations; numbers keep their type (integers: discrete, floats:
    continuous, as :func:`mutinfo.estimate` decides).
    """
    if isinstance(data, str):
        data = list(data)
    check_nested_rows(data, name)
    items = list(data) if _is_realisation_list(data) else [data]
    for item in items:
        check_time_order(item, name)
    arrays = [_as_array(item) for item in items]
    widths = {a.shape[1] for a in arrays}
    if len(widths) > 1:
        raise InvalidDataError(
            f"The realisations of {name!r} must have the same number of features; "
            f"got widths {[a.shape[1] for a in arrays]}. Pass arrays of one width "
            "(n_steps_i, n_features)."
        )
    if any(a.dtype.kind in "OUSb" for a in arrays):
        if all(a.dtype.kind in "biu" for a in arrays):
            # booleans are the integers 0 and 1 (as text, True and 1 were
            # two symbols when realisations mixed bool and int arrays)
            return [a.astype(np.int64) if a.dtype.kind == "b" else a for a in arrays]
        _check_missing_symbols(arrays, name)
        joined = np.concatenate([a.astype(str) for a in arrays])
        _, codes = np.unique(joined, return_inverse=True)
        codes = codes.reshape(joined.shape).astype(np.int64)
        bounds = np.cumsum([0] + [len(a) for a in arrays])
        return [codes[bounds[i] : bounds[i + 1]] for i in range(len(arrays))]
    return arrays


def check_time_order(item: Any, name: str) -> None:
    """Refuse a pandas series or table whose time-stamp index is out of order.

    Steps are taken in row order, so rows indexed by time stamps
    (``DatetimeIndex``, ``TimedeltaIndex``, ``PeriodIndex``) that are not
    sorted, or that repeat a stamp, are histories of another order than
    time's: the TE of a coupled AR pair read 3.0e-05 nats instead of 0.142
    after a shuffle of its dated rows, and a series with every stamp twice
    read an AIS of 0.42 nats instead of 0.155, without a word.
    """
    if _module_of(item) != "pandas" or not hasattr(item, "index"):
        return
    import pandas as pd

    index = item.index
    if not isinstance(index, pd.DatetimeIndex | pd.TimedeltaIndex | pd.PeriodIndex):
        return
    if index.is_monotonic_increasing and index.is_unique:
        return
    if not index.is_unique:
        first = index[index.duplicated()][0]
        what = f"repeats time stamps (first repeated: {first})"
        fix = (
            "Aggregate the repeated stamps first (e.g. "
            f"{name}.groupby(level=0).mean()), or split them into realisations"
        )
    else:
        at = int(np.argmax(np.diff(index.asi8) < 0)) + 1
        what = (
            f"is not in time order (row {at}, {index[at]}, comes after {index[at - 1]})"
        )
        fix = f"Sort it first ({name}.sort_index())"
    raise InvalidDataError(
        f"The index of the series {name!r} {what}; time-series measures take the "
        "steps in row order, so their histories would not be the past. "
        f"{fix}, or pass .to_numpy() to use the row order on purpose."
    )


def _check_missing_symbols(arrays: list[NDArray[Any]], name: str) -> None:
    """Refuse missing values (None, NaN, NA) among the symbols of ``name``.

    Symbols become codes through their text, so a missing value read as the
    symbol ``"None"`` or ``"nan"``: an extra state, with no error under
    ``nan_policy='raise'`` (a fair coin with 30% None had an entropy rate of
    1.096 nats instead of 0.693, where :func:`mutinfo.estimate` refuses the
    column).
    """
    missing = sum(
        int(np.count_nonzero(missing_label_mask(a)))
        for a in arrays
        if a.dtype.kind == "O"
    )
    if missing:
        raise InvalidDataError(
            f"The series {name!r} holds {missing} missing value(s) (None, NaN or NA) "
            "among its symbols; a missing value is not a symbol, and "
            "nan_policy='omit' drops NaN from numeric series only. Drop or impute "
            "them first, or give them a symbol of their own (e.g. 'missing')."
        )


def join(parts: Sequence[NDArray[Any]], axis: int = 0) -> NDArray[Any]:
    """``np.concatenate`` that keeps signed and unsigned integer blocks integer.

    NumPy promotes int64 with uint64 to float64, which turned label blocks
    (a uint64 condition beside an int64 target history, or realisations of
    the two dtypes) into continuous columns (``method='auto'`` then took
    ``mixed_ksg``) and rounded codes above 2**53. Such blocks become int64
    when every unsigned value fits, as they do for any practical code.
    """
    kinds = {p.dtype.kind for p in parts}
    if kinds == {"i", "u"} and np.result_type(*parts).kind == "f":
        fits = all(p.dtype.kind == "i" or p.size == 0 or p.max() < 2**63 for p in parts)
        if fits:
            parts = [p.astype(np.int64, copy=False) for p in parts]
    return np.concatenate(parts, axis=axis)


def window(
    series: NDArray[Any], offsets: Sequence[int], start: int, stop: int
) -> NDArray[Any]:
    """Columns ``series[t + o]``, ``t`` in ``[start, stop)``, a block per offset."""
    return np.concatenate([series[start + o : stop + o] for o in offsets], axis=1)


def history_offsets(length: int, tau: int, first: int) -> list[int]:
    """Offsets ``-first, -first - tau, ..., -first - (length - 1) tau``."""
    return [-(first + j * tau) for j in range(length)]


@dataclass(frozen=True)
class Embedding:
    """Embedded histories, rows pooled over realisations.

    Attributes
    ----------
    future : numpy.ndarray of shape (n_rows, n_target_features)
        ``Y_t``.
    target_past : numpy.ndarray of shape (n_rows, k * n_target_features)
        ``Y_{t-1}, Y_{t-1-k_tau}, ..., Y_{t-1-(k-1) k_tau}`` (empty when k = 0).
    source_past : numpy.ndarray or None
        ``X_{t-u}, X_{t-u-l_tau}, ...`` (``l`` lags), when a source is given.
    cond_past : numpy.ndarray or None
        The conditions' histories, when ``cond`` is given.
    time : numpy.ndarray of shape (n_rows,)
        ``t`` of each row within its realisation.
    realisation : numpy.ndarray of shape (n_rows,)
        Index of the realisation of each row.
    """

    future: NDArray[Any]
    target_past: NDArray[Any]
    source_past: NDArray[Any] | None
    cond_past: NDArray[Any] | None
    time: NDArray[np.int64]
    realisation: NDArray[np.int64]
    params: dict[str, int] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        """Number of embedded time steps."""
        return int(self.future.shape[0])

    @property
    def conditioning(self) -> NDArray[Any]:
        """The target's past, with the conditions' histories when given (TE's Z)."""
        if self.cond_past is None:
            return self.target_past
        return join([self.target_past, self.cond_past], axis=1)


def _check_indexes(series: dict[str, Any]) -> None:
    """Refuse pandas series (per realisation) whose row indexes disagree.

    Steps are paired by position; a source and a target from two tables
    whose dates are offset (the target's index one day later) read the
    target's lag-1 copy of the source as simultaneous: TE 0.0 bits for a
    copy worth 1 bit (the front door refuses such inputs).
    """
    given = {
        name: list(d) if _is_realisation_list(d) else [d]
        for name, d in series.items()
        if d is not None
    }
    if len(given) < 2:
        return
    for i in range(min(len(v) for v in given.values())):
        _check_aligned({name: v[i] for name, v in given.items()})


def _check_pair(a: list[NDArray[Any]], b: list[NDArray[Any]], name: str) -> None:
    if len(a) != len(b) or any(len(p) != len(q) for p, q in zip(a, b, strict=True)):
        raise InvalidDataError(
            f"{name!r} and 'target' must have the same realisations of the same "
            f"lengths; got lengths {[len(q) for q in b]} and {[len(p) for p in a]}."
        )


def embed(
    target: Any,
    source: Any = None,
    *,
    k: int = 1,
    k_tau: int = 1,
    l: int = 1,  # noqa: E741
    l_tau: int = 1,
    delay: int = 1,
    cond: Any = None,
    cond_l: int = 1,
    cond_delay: int = 1,
    nan_policy: str = "raise",
    where: str = "embed()",
    min_k: int = 0,
) -> Embedding:
    """Embed the target's future and histories of the target, source and conditions.

    For every ``t`` where all histories exist (in each realisation):
    ``future = Y_t``, ``target_past = (Y_{t-1}, Y_{t-1-k_tau}, ...,
    Y_{t-1-(k-1) k_tau})``, ``source_past = (X_{t-u}, X_{t-u-l_tau}, ...,
    X_{t-u-(l-1) l_tau})`` with ``u = delay``, and ``cond_past = (Z_{t-v}, ...,
    Z_{t-v-(cond_l-1)})`` with ``v = cond_delay``. Transfer entropy is then
    ``I(future; source_past | target_past)``.

    Parameters
    ----------
    target : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The target series ``Y`` (a list: realisations, pooled, never joined).
    source : same as target, optional
        The source series ``X`` (the same realisations and lengths).
    k, k_tau : int, default=1
        Target history length (>= ``min_k``) and its embedding delay (>= 1).
    l, l_tau : int, default=1
        Source history length and its embedding delay (>= 1).
    delay : int, default=1
        Source-target delay ``u`` (>= 1).
    cond : same as target, optional
        Conditioning series (columns: several conditions), for conditional TE.
    cond_l, cond_delay : int, default=1
        History length and delay of the conditions.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``'omit'`` drops every embedded row that touches a NaN (the gap and the
        histories that reach into it); ``'raise'`` raises on any NaN.
    where : str
        Name of the calling function, for error messages.
    min_k : int, default=0
        Least allowed ``k``.

    Returns
    -------
    Embedding

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> e = ts.embed(np.arange(6), np.arange(10, 16), k=2, delay=1)
    >>> e.future[:, 0].tolist(), e.target_past.tolist()[0], e.source_past.tolist()[0]
    ([2, 3, 4, 5], [1, 0], [11])
    """
    k = check_lag(k, "k", where, low=min_k)
    k_tau = check_lag(k_tau, "k_tau", where)
    l = check_lag(l, "l", where)  # noqa: E741
    l_tau = check_lag(l_tau, "l_tau", where)
    delay = check_lag(delay, "delay", where)
    cond_l = check_lag(cond_l, "cond_l", where)
    cond_delay = check_lag(cond_delay, "cond_delay", where)
    if nan_policy not in NAN_POLICIES:
        raise InvalidParameterError(
            f"The 'nan_policy' parameter of {where} must be one of 'raise', 'omit'. "
            f"Got {nan_policy!r} instead."
        )
    _check_indexes({"target": target, "source": source, "cond": cond})
    ys = as_realisations(target, "target")
    xs = None if source is None else as_realisations(source, "source")
    cs = None if cond is None else as_realisations(cond, "cond")
    if xs is not None:
        _check_pair(xs, ys, "source")
    if cs is not None:
        _check_pair(cs, ys, "cond")
    t_off = history_offsets(k, k_tau, 1)
    s_off = history_offsets(l, l_tau, delay)
    c_off = history_offsets(cond_l, 1, cond_delay)
    reach = max([0, *(-o for o in t_off)])
    if xs is not None:
        reach = max(reach, *(-o for o in s_off))
    if cs is not None:
        reach = max(reach, *(-o for o in c_off))
    shortest = min(len(y) for y in ys)
    if shortest <= reach:
        raise InsufficientSamplesError(
            f"{where} needs series longer than the embedding: with k={k}, "
            f"k_tau={k_tau}, l={l}, l_tau={l_tau}, delay={delay} the first usable "
            f"step is t={reach}, but a realisation has only {shortest} steps. Use "
            "shorter histories or longer series."
        )

    def build(
        ys: list[NDArray[Any]],
        xs: list[NDArray[Any]] | None,
        cs: list[NDArray[Any]] | None,
    ) -> dict[str, NDArray[Any] | None]:
        parts: dict[str, list[NDArray[Any]]] = {n: [] for n in "fspctr"}
        for i, y in enumerate(ys):
            n = len(y)
            parts["f"].append(y[reach:n])
            parts["p"].append(window(y, t_off, reach, n) if k else y[reach:n, :0])
            if xs is not None:
                parts["s"].append(window(xs[i], s_off, reach, n))
            if cs is not None:
                parts["c"].append(window(cs[i], c_off, reach, n))
            parts["t"].append(np.arange(reach, n, dtype=np.int64))
            parts["r"].append(np.full(n - reach, i, dtype=np.int64))
        return {  # one realisation: its blocks as they are (no copy)
            key: (v[0] if len(v) == 1 else join(v)) if v else None
            for key, v in parts.items()
        }

    out = build(ys, xs, cs)
    keep: NDArray[np.bool_] | None = None
    blocks = [out[key] for key in "fspc" if out[key] is not None]
    floats = [b for b in blocks if b is not None and b.dtype.kind == "f"]
    if floats:
        bad: NDArray[np.bool_] = np.any(
            np.concatenate([np.isnan(b) for b in floats], axis=1), axis=1
        )
        if bad.any():
            if nan_policy == "raise":
                raise InvalidDataError(
                    f"The series given to {where} contain NaN values ({int(bad.sum())} "
                    "embedded steps touch one). Remove or impute them first, or pass "
                    "nan_policy='omit' to drop the steps whose histories reach a NaN."
                )
            keep = np.logical_not(bad)
            out = {key: None if v is None else v[keep] for key, v in out.items()}
            if not keep.any():
                raise InsufficientSamplesError(
                    f"No step of the series given to {where} has a history free of NaN."
                )
    # Nullable integer series: the same rows from their exact integers (the
    # float64 values found the NaN steps; they round codes beyond 2**53).
    exact = [exact_realisations(d) for d in (target, source, cond)]
    if any(e is not None for e in exact):
        whole = build(
            exact[0] or ys,
            None if xs is None else exact[1] or xs,
            None if cs is None else exact[2] or cs,
        )
        for keys, e in zip(("fp", "s", "c"), exact, strict=True):
            for key in keys if e is not None else ():
                block = whole[key]
                out[key] = block if block is None or keep is None else block[keep]
    params = {
        "k": k,
        "k_tau": k_tau,
        "l": l,
        "l_tau": l_tau,
        "delay": delay,
        "n_realisations": len(ys),
    }
    if cs is not None:
        params |= {"cond_l": cond_l, "cond_delay": cond_delay}
    return Embedding(
        future=out["f"],  # type: ignore[arg-type]
        target_past=out["p"],  # type: ignore[arg-type]
        source_past=out["s"],
        cond_past=out["c"],
        time=out["t"],  # type: ignore[arg-type]
        realisation=out["r"],  # type: ignore[arg-type]
        params=params,
    )


def blocks(
    x: Any, length: int, *, where: str, start: int = 0, nan_policy: str = "raise"
) -> NDArray[Any]:
    """Rows ``(x_t, ..., x_{t+length-1})`` of every realisation, pooled.

    ``start`` skips the first steps of each realisation (so several block
    lengths can share one time range).
    """
    xs = as_realisations(x, "x")
    shortest = min(len(a) for a in xs)
    if shortest < start + length:
        raise InsufficientSamplesError(
            f"{where} needs series of at least {start + length} steps for blocks of "
            f"length {length}; a realisation has only {shortest} steps."
        )
    offsets = list(range(length))
    out = join([window(a, offsets, start, len(a) - length + 1) for a in xs])
    exact = exact_realisations(x)
    keep = None
    if out.dtype.kind == "f":
        bad = np.isnan(out).any(axis=1)
        if bad.any():
            if nan_policy == "raise":
                raise InvalidDataError(
                    f"The series given to {where} contain NaN values. Remove or impute "
                    "them first, or pass nan_policy='omit'."
                )
            keep = ~bad
            out = out[keep]
    if exact is not None:  # nullable integers: the kept rows, exact (as embed)
        out = join([window(a, offsets, start, len(a) - length + 1) for a in exact])
        out = out if keep is None else out[keep]
    return out


def log_spaced(max_distance: int, n: int = 20) -> list[int]:
    """Distinct integers 1..max_distance spaced evenly in log."""
    grid = np.unique(np.round(np.logspace(0, math.log10(max_distance), n)).astype(int))
    return [int(d) for d in grid]
