"""Information dynamics measures composed from CMI / MI / entropy on embeddings.

Every measure here is one call of :func:`mutinfo.estimate` on embedded
histories, so every registered family that estimates the underlying measure
works, with its own ``local`` values (one per embedded time step).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np

from mutinfo import _api
from mutinfo._neighbors._exclude import check_theiler, realisation_times, row_times
from mutinfo._params import AnyOf, Interval, Options, validate_params
from mutinfo._result import Result
from mutinfo._validation import MAX_LABEL_VALUES
from mutinfo.exceptions import BiasWarning, InvalidParameterError, warn
from mutinfo.timeseries._embed import as_realisations, blocks, embed

__all__ = [
    "MEASURES",
    "active_information_storage",
    "block_entropy",
    "entropy_rate",
    "estimate",
    "excess_entropy",
    "lagged_mi",
    "predictive_information",
    "transfer_entropy",
]

#: Measures of :func:`estimate`, with the front-door measure each composes.
MEASURES: dict[str, str] = {
    "te": "cmi",
    "ais": "mi",
    "entropy_rate": "conditional_entropy",
    "lagged_mi": "mi",
    "predictive_information": "mi",
    "block_entropy": "entropy",
    "excess_entropy": "entropy",
}

#: ``k='auto'``: the longest history and (``k_tau='auto'``) delay tried.
AUTO_MAX_K = 6
AUTO_MAX_TAU = 4

_AUTO = AnyOf((Interval(int, 1, None), Options(("auto",))))

_LAGS = {
    "k": _AUTO,
    "k_tau": _AUTO,
    "l": Interval(int, 1, None),
    "l_tau": Interval(int, 1, None),
    "delay": Interval(int, 1, None),
}


def _times(e: Any, params: dict[str, Any], where: str) -> Any:
    """Row times for a Theiler window (``theiler=`` of the kNN families).

    Each row's step within its realisation, realisations set apart by more
    than the window, so the window never reaches across a join.
    """
    w = params.get("theiler")
    if w is None or isinstance(w, bool) or not isinstance(w, int) or w < 0:
        return row_times(None)  # the estimator reports a bad value itself
    times = realisation_times(e.time, e.realisation, w)
    k = params.get("n_neighbors", 3)
    if isinstance(k, int) and not isinstance(k, bool) and k >= 1:
        check_theiler(w, times, k, where)  # names the caller, not the search
    return row_times(times)


def _history(
    x: Any, k: Any, k_tau: Any, params: dict[str, Any], nan_policy: str, where: str
) -> tuple[int, int, dict[str, Any] | None]:
    """Resolve ``k='auto'`` (and ``k_tau='auto'``) by Ragwitz's criterion."""
    if k != "auto":
        if k_tau == "auto":
            raise InvalidParameterError(
                f"k_tau='auto' of {where} is searched together with the history "
                f"length; got k={k!r}. Pass k='auto' too, or an integer k_tau."
            )
        return k, k_tau, None
    from mutinfo.timeseries._history import ragwitz

    choice = ragwitz(
        x,
        max_k=AUTO_MAX_K,
        max_tau=AUTO_MAX_TAU,
        k_tau=None if k_tau == "auto" else k_tau,
        theiler=params.get("theiler"),
        nan_policy=nan_policy,
    )
    return choice.k, choice.k_tau, choice.to_dict()


def _auto_finish(res: Result, chosen: dict[str, Any] | None) -> Result:
    """Report an automatic history choice in ``params`` and ``extras``."""
    if chosen is None:
        return res
    return replace(
        res,
        params={**dict(res.params), "history": "ragwitz"},
        extras={**dict(res.extras), "history": chosen},
    )


def _finish(res: Result, measure: str, params: dict[str, Any], n_rows: int) -> Result:
    """Relabel a front-door Result as the time-series measure it composes."""
    return replace(
        res,
        measure=measure,
        params={**dict(res.params), **params},
        extras={**dict(res.extras), "composed": res.measure, "n_steps": n_rows},
    )


def _te(
    source: Any,
    target: Any,
    *,
    k: Any,
    k_tau: Any,
    l: int,  # noqa: E741
    l_tau: int,
    delay: int,
    cond: Any,
    cond_l: int,
    cond_delay: int,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    where: str,
    params: dict[str, Any],
    names: tuple[Any, Any] | None = None,
) -> Result:
    k, k_tau, chosen = _history(target, k, k_tau, params, nan_policy, where)
    e = embed(
        target,
        source,
        k=k,
        k_tau=k_tau,
        l=l,
        l_tau=l_tau,
        delay=delay,
        cond=cond,
        cond_l=cond_l,
        cond_delay=cond_delay,
        nan_policy=nan_policy,
        where=where,
        min_k=1,
    )
    future, source_past, past = e.future, e.source_past, e.conditioning
    self_note = _source_in_past(source_past, past)
    own_note = None if self_note is not None else _own_memory(source, target, e.params)
    ranges = _column_ranges(method, discrete, (future, source_past, past))
    if ranges is not None:
        # One integer code per row of each block: the same joint counts (a
        # bijection of each block's rows), so the same estimate and local
        # values, counted without per-column validation and factorizing.
        codes = [
            _row_codes(b, r)
            for b, r in zip((future, source_past, past), ranges, strict=True)
        ]
        counted = _counted(
            "cmi", codes, method, base, rng, params, (future, source_past, past), ranges
        )
        if counted is not None:
            counted = _with_note(_exact_zero(counted, self_note), own_note)
            return _auto_finish(_finish(counted, "te", e.params, e.n_rows), chosen)
        future, source_past, past = codes
        discrete = True
    if names is not None and cond is None:
        future, source_past, past = _named_blocks(
            (future, source_past, past), names, e.params
        )
    with _times(e, params, where):
        res = _api.estimate(
            "cmi",
            future,
            source_past,
            past,
            method=method,
            base=base,
            discrete=discrete,
            rng=rng,
            **params,
        )
    res = _with_note(_exact_zero(res, self_note), own_note)
    return _auto_finish(_finish(res, "te", e.params, e.n_rows), chosen)


def _named_blocks(
    blocks: tuple[Any, Any, Any], names: tuple[Any, Any], params: dict[str, int]
) -> tuple[Any, Any, Any]:
    """Label the embedded columns of one-column series by series name and lag.

    ``names``: the source's and the target's (te_matrix's series). The CMI's
    own warnings then name ``'const[t-1]'``, not an internal ``'x[0]'`` of
    ``'x'``. Blocks of other shapes or dtypes (several features, conditions,
    labels as objects) are returned as they are.
    """
    import pandas as pd

    future, source_past, past = blocks
    source, target = names
    k, l = params["k"], params["l"]  # noqa: E741
    if (
        future.shape[1] != 1
        or source_past is None
        or source_past.shape[1] != l
        or past.shape[1] != k
        or any(b.dtype.kind not in "fiub" for b in blocks)
    ):
        return blocks
    lags = {
        "future": ["t"],
        "source": [f"t-{params['delay'] + i * params['l_tau']}" for i in range(l)],
        "past": [f"t-{1 + i * params['k_tau']}" for i in range(k)],
    }
    return (
        pd.DataFrame(future, columns=[f"{target}[t]"], copy=False),
        pd.DataFrame(
            source_past, columns=[f"{source}[{u}]" for u in lags["source"]], copy=False
        ),
        pd.DataFrame(
            past, columns=[f"{target}[{u}]" for u in lags["past"]], copy=False
        ),
    )


def _own_memory(source: Any, target: Any, params: dict[str, int]) -> str | None:
    """Say what a series' TE to itself measures when it is not exactly 0.

    With the source equal to the target and its history reaching lags the
    target's own past does not (``l > k``, ``delay > 1``, other delays), TE is
    ``I(Y_t ; Y_{t-u}^{(l)} | Y_{t-1}^{(k)})``: the information the target's
    own older values add to its ``k``-step past, a longer memory of one
    process, not a transfer between two.
    """
    if source is None or target is None:
        return None
    if source is not target:
        try:
            xs = as_realisations(source, "source")
            ys = as_realisations(target, "target")
        except (TypeError, ValueError):
            return None
        if len(xs) != len(ys) or not all(
            a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
            for a, b in zip(xs, ys, strict=True)
        ):
            return None
    p = params
    return (
        "the source is the target itself, and its history reaches lags its own "
        f"past does not (k={p.get('k')}, k_tau={p.get('k_tau')}; l={p.get('l')}, "
        f"l_tau={p.get('l_tau')}, delay={p.get('delay')}): this is not transfer "
        "but the information the target's own older values add to its k-step "
        "past (its memory beyond k steps). Increase k to absorb it, or use "
        "ts.active_information_storage for the series' memory."
    )


def _with_note(res: Result, note: str | None) -> Result:
    """Return ``res`` with ``note`` added to its extras (value unchanged)."""
    if note is None:
        return res
    return replace(res, extras={**dict(res.extras), "note": note})


def _source_in_past(source_past: Any, past: Any) -> str | None:
    """Say why TE is 0 by definition when every source column is conditioned on.

    TE is ``I(Y_t ; S | P)``: when each column of the source history ``S``
    equals a column of the conditioning ``P`` (the target's past, and the
    conditions' histories), ``S`` is a function of ``P`` and the CMI is exactly
    0, whatever an estimator returns (KSG gives a biased number such as
    -0.07). The case of a series' TE to itself with ``l <= k`` and ``delay =
    1``, or of a source that is also a condition.
    """
    if source_past is None or past is None or past.shape[1] == 0:
        return None
    columns = [past[:, j] for j in range(past.shape[1])]
    for i in range(source_past.shape[1]):
        s = source_past[:, i]
        if not any(np.array_equal(s, c) for c in columns):
            return None
    return (
        "every column of the source history is also in the conditioning histories "
        "(the source is the target, or a condition, with its history inside theirs): "
        "TE is 0 by definition, so the value is exactly 0 (the estimator's number, "
        "noise around 0, is in extras['estimate'])"
    )


def _exact_zero(res: Result, note: str | None) -> Result:
    """Return ``res`` with its value and local values set to exactly 0, and a note."""
    if note is None:
        return res
    local = None if res.local is None else np.zeros_like(res.local)
    return replace(
        res,
        value=0.0,
        local=local,
        extras={**dict(res.extras), "estimate": res.value, "note": note},
    )


#: The variables of each measure counted by :func:`_counted` (the front door's
#: names, which label the tables in warnings).
_VARIABLES = {
    "cmi": ("x", "y", "z"),
    "mi": ("x", "y"),
    "conditional_entropy": ("x", "z"),
}

#: Families whose estimate (and local values) depend only on the joint counts
#: of each table, so relabelling the rows of a block by codes changes nothing.
_COUNT_ONLY = frozenset({"plugin", "miller_madow", "grassberger"})


def _column_ranges(
    method: Any, discrete: Any, arrays: tuple[Any, ...]
) -> list[list[tuple[int, int]]] | None:
    """Each column's (min, max) when TE's blocks can be counted by row codes.

    Needs a count-only family named explicitly, integer blocks, and every
    column read as labels anyway: ``discrete=True``, or ``"auto"`` with at
    most :data:`~mutinfo._validation.MAX_LABEL_VALUES` integers spanned per
    column (so at most that many distinct values: labels by the integer rule).
    ``None`` otherwise (the generic path).
    """
    if not isinstance(method, str) or method not in (*_COUNT_ONLY, "auto"):
        return None
    if discrete is not True and not (isinstance(discrete, str) and discrete == "auto"):
        return None
    ranges = []
    for a in arrays:
        if a is None or a.ndim != 2 or a.dtype.kind not in "iu" or 0 in a.shape:
            return None
        cols = [a[:, j] for j in range(a.shape[1])]  # a column reduces fast
        r = [(int(c.min()), int(c.max())) for c in cols]
        if discrete == "auto" and any(hi - lo >= MAX_LABEL_VALUES for lo, hi in r):
            return None
        ranges.append(r)
    return ranges


def _row_codes(block: Any, ranges: list[tuple[int, int]]) -> Any:
    """One int64 code per row of an integer block, equal exactly for equal rows."""
    if block.shape[1] == 1:
        # int64: the joint codes multiply these (uint8 products wrapped silently)
        return block[:, 0].astype(np.int64, copy=False)
    if math.prod(hi - lo + 1 for lo, hi in ranges) >= 2**62:
        return block  # too many combinations for one int64 code: leave as is
    codes = np.zeros(block.shape[0], dtype=np.int64)
    for j, (lo, hi) in enumerate(ranges):
        codes *= hi - lo + 1
        codes += _shifted(block[:, j], lo)
    return codes


def _shifted(column: Any, lo: int) -> Any:
    """``column - lo`` as int64, exact for every integer dtype (uint64 included).

    The difference is taken in the column's own dtype, where it cannot wrap
    (``lo`` is the column's minimum): a uint64 column's ``lo`` above the int64
    range raised an OverflowError when subtracted from an int64 copy.
    """
    if column.dtype.kind == "u":  # uint64 + int64 has no integer result
        return (column - column.dtype.type(lo)).astype(np.int64)
    return column.astype(np.int64, copy=False) - lo


def _distinct(column: Any, lo: int, hi: int) -> int:
    """Count the distinct values of an integer column spanning ``lo..hi``.

    A bincount where the span is not much wider than the column, a sort
    otherwise (a bincount over codes 10^12 apart asked for terabytes).
    """
    if hi - lo > 4 * column.shape[0] + 16:
        return int(np.unique(column).size)
    return int(np.count_nonzero(np.bincount(_shifted(column, lo))))


def _dense(codes: Any) -> tuple[Any, int]:
    """Order-preserving codes ``0..m-1`` of non-negative int64 codes, and ``m``.

    A bincount where the codes' range is not much wider than their number,
    a sort (``np.unique``) otherwise.
    """
    # (negative codes: int64 codes of a column spanning more than 2**63)
    if int(codes.max()) > 4 * codes.shape[0] + 16 or int(codes.min()) < 0:
        uniques, inverse = np.unique(codes, return_inverse=True)
        return inverse.reshape(-1).astype(np.int64), int(uniques.size)
    used = np.bincount(codes) > 0
    m = int(np.count_nonzero(used))
    if m == used.size:
        return codes, m
    return (np.cumsum(used) - 1)[codes], m


def _counted(
    measure: str,
    codes: list[Any],
    method: str,
    base: float,
    rng: Any,
    params: dict[str, Any],
    blocks: tuple[Any, ...],
    ranges: list[list[tuple[int, int]]],
) -> Result | None:
    """Estimate a count-only family's ``measure`` of row codes, by bincounts.

    ``measure`` is ``"cmi"`` (TE), ``"mi"`` (AIS) or ``"conditional_entropy"``
    (entropy rate), ``codes`` one row code per block in the measure's order.
    The tables of :class:`~mutinfo.estimators._counts_base.CountingEstimator`
    (the same cells in the same order as its encoding: row codes and
    ``encode`` both order rows lexicographically by column), combined and
    wrapped by the estimator itself, so the Result is the front door's. ``None``
    when the generic path must run (a 2-D block left uncoded, too few samples
    for the family: the front door raises its own error, or a family that is
    not count-only). ``method="auto"`` (without method parameters) resolves
    as the front door does, from the rows, every column's number of distinct
    values and the number of distinct rows (:func:`mutinfo._auto.discrete_family`).
    """
    from mutinfo._auto import discrete_family_of, make_estimator
    from mutinfo.estimators._counts_base import _IDENTITIES, Cells

    if any(c.ndim != 1 for c in codes):
        return None
    n = codes[0].shape[0]
    dense = []
    for c in codes:
        low = int(c.min())
        dense.append(_dense(c - low if low else c))
    tables = []
    for sign, idx in _IDENTITIES[measure]:
        joint, m = dense[idx[0]]
        for i in idx[1:]:
            if m * dense[i][1] >= 2**62:  # compact before the product overflows
                joint, m = _dense(joint)
            joint = joint * dense[i][1] + dense[i][0]
            m *= dense[i][1]
        joint, m = _dense(joint) if len(idx) > 1 else (joint, m)
        tables.append((sign, idx, joint, m))
    if method == "auto":
        if params or n < 2:
            return None
        cells = 1
        for block, cols in zip(blocks, ranges, strict=True):
            for j, (lo, hi) in enumerate(cols):
                cells *= _distinct(block[:, j], lo, hi)
        occupied = next(m for _, idx, _, m in tables if len(idx) == len(codes))
        functional, sizes = False, None
        if measure == "mi":  # the rule also reads the two variables' sizes
            sizes = (dense[0][1], dense[1][1])
            functional = occupied == max(sizes)
        method = discrete_family_of(
            measure, n, cells, occupied, functional=functional, sizes=sizes
        )
        if method not in _COUNT_ONLY:
            return None
    names = _VARIABLES[measure]
    # A named family: make_estimator reads no data (only "auto" would).
    estimator = make_estimator(method, measure, params, (), rng)
    if n < estimator.min_samples():
        return None
    cells_of = [
        (
            sign,
            Cells(
                np.bincount(joint, minlength=m),
                codes=joint,
                name="H(" + ",".join(names[i] for i in idx) + ")",
            ),
        )
        for sign, idx, joint, m in tables
    ]
    raw = estimator._combine(measure, cells_of)
    return estimator._wrap(measure, raw, n, base)


@validate_params(_LAGS | {"cond_l": Interval(int, 1, None)})
def transfer_entropy(
    source: Any,
    target: Any,
    *,
    k: int | str = 1,
    l: int = 1,  # noqa: E741
    delay: int = 1,
    k_tau: int | str = 1,
    l_tau: int = 1,
    cond: Any = None,
    cond_l: int = 1,
    cond_delay: int = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Transfer entropy from ``source`` to ``target`` (Schreiber 2000), in nats.

    ``TE = I(Y_t ; X_{t-u}^{(l)} | Y_{t-1}^{(k)})``: the information the
    source's past adds about the target's next value beyond the target's own
    past. With ``cond``, the conditional (multivariate) TE also conditions on
    the conditions' histories ``Z_{t-v}^{(cond_l)}``. Estimated as one CMI on
    the embedded histories, so every family that estimates CMI works
    (``"plugin"``, ``"miller_madow"``, ``"grassberger"``, ``"ksg"``,
    ``"gaussian"``, ``"gaussian_copula"``, ``"binning"``, ...).

    Parameters
    ----------
    source, target : array-like of shape (n_steps,) or (n_steps, n_features), or list
        ``X`` and ``Y``; a list holds realisations (pooled, never embedded
        across their joins). Strings or objects are symbols (integer codes).
    k, l : int, default=1
        Target and source history lengths; ``k='auto'`` chooses the target's
        history by Ragwitz's criterion (:func:`ragwitz`, ``k = 1..6``;
        continuous series), reported in the Result's ``params["k"]`` and
        ``extras["history"]``.
    delay : int, default=1
        Source-target delay ``u`` (the source's latest value is ``X_{t-u}``).
    k_tau, l_tau : int, default=1
        Embedding delays of the target and source histories; ``k_tau='auto'``
        (with ``k='auto'``) searches delays 1..4 too.
    cond : array-like, optional
        Conditioning series (conditional / multivariate TE).
    cond_l, cond_delay : int, default=1
        History length and delay of the conditions.
    method : str or Estimator, default='auto'
        A CMI method; ``"auto"`` as in :func:`mutinfo.estimate` (``"plugin"``
        for discrete series, ``"ksg"`` for continuous ones; subject to change).
    base : float, default=math.e
        Logarithm base of the result.
    discrete : bool or 'auto', default='auto'
        As in :func:`mutinfo.estimate`.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``'omit'`` drops the steps whose histories touch a NaN.
    rng : None, int or numpy.random.Generator, default=None
        Randomness of the estimator (KSG tie noise).
    **method_params
        Parameters of the method (``n_neighbors=4``, ...).

    Returns
    -------
    float
        The estimate (not clipped at zero).

    See Also
    --------
    estimate : the same with a Result and per-step ``local`` values.
    transfer_entropy_test : p-value from source surrogates.

    References
    ----------
    .. [1] T. Schreiber, "Measuring information transfer", Phys. Rev. Lett. 85,
       461 (2000), doi:10.1103/PhysRevLett.85.461.
    .. [2] J. T. Lizier, "JIDT: an information-theoretic toolkit for studying
       the dynamics of complex systems", Front. Robot. AI 1:11 (2014).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 10000)
    >>> y = np.roll(x, 1)  # y copies x with delay 1
    >>> round(ts.transfer_entropy(x, y, base=2), 3)
    1.0
    """
    return _te(
        source,
        target,
        k=k,
        k_tau=k_tau,
        l=l,
        l_tau=l_tau,
        delay=delay,
        cond=cond,
        cond_l=cond_l,
        cond_delay=cond_delay,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        where="transfer_entropy()",
        params=method_params,
    ).value


def _storage(
    kind: str,
    x: Any,
    *,
    k: Any,
    k_tau: Any,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    where: str,
    params: dict[str, Any],
) -> Result:
    k, k_tau, chosen = _history(x, k, k_tau, params, nan_policy, where)
    e = embed(x, k=k, k_tau=k_tau, nan_policy=nan_policy, where=where, min_k=1)
    keep = {"k": k, "k_tau": k_tau, "n_realisations": e.params["n_realisations"]}
    measure = "mi" if kind == "ais" else "conditional_entropy"
    pair = (e.future, e.target_past)
    ranges = _column_ranges(method, discrete, pair)
    if ranges is not None:
        # As TE: one integer code per row of each block, counted by bincounts.
        codes = [_row_codes(b, r) for b, r in zip(pair, ranges, strict=True)]
        counted = _counted(measure, codes, method, base, rng, params, pair, ranges)
        if counted is not None:
            return _auto_finish(_finish(counted, kind, keep, e.n_rows), chosen)
    with _times(e, params, where):
        if kind == "ais":
            res = _api.estimate(
                "mi",
                e.future,
                e.target_past,
                method=method,
                base=base,
                discrete=discrete,
                rng=rng,
                **params,
            )
        else:
            res = _api.estimate(
                "conditional_entropy",
                e.future,
                z=e.target_past,
                method=method,
                base=base,
                discrete=discrete,
                rng=rng,
                **params,
            )
    return _auto_finish(_finish(res, kind, keep, e.n_rows), chosen)


@validate_params({"k": _AUTO, "k_tau": _AUTO})
def active_information_storage(
    x: Any,
    *,
    k: int | str = 1,
    k_tau: int | str = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Active information storage ``A = I(X_t ; X_{t-1}^{(k)})`` (Lizier 2012), nats.

    The information the past ``k`` values (delay ``k_tau``) hold about the
    next one; with the entropy rate it splits the next value's entropy,
    ``H(X_t) = A + H(X_t | X_{t-1}^{(k)})``.

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series (a list: realisations).
    k, k_tau : int or 'auto', default=1
        History length and embedding delay; ``'auto'`` as in
        :func:`transfer_entropy` (Ragwitz's criterion).
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`transfer_entropy` (an MI method).

    Returns
    -------
    float

    References
    ----------
    .. [1] J. T. Lizier, M. Prokopenko and A. Y. Zomaya, "Local measures of
       information storage in complex distributed computation", Information
       Sciences 208, 39-54 (2012), doi:10.1016/j.ins.2012.04.016.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> x = np.tile([0, 1], 500)  # period 2: the past fixes the next value
    >>> round(ts.active_information_storage(x, k=1, base=2), 3)  # auto: grassberger
    1.001
    """
    return _storage(
        "ais",
        x,
        k=k,
        k_tau=k_tau,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        where="active_information_storage()",
        params=method_params,
    ).value


@validate_params({"k": _AUTO, "k_tau": _AUTO})
def entropy_rate(
    x: Any,
    *,
    k: int | str = 1,
    k_tau: int | str = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Entropy rate estimate ``h(k) = H(X_t | X_{t-1}^{(k)})``, nats per step.

    For a Markov chain of order ``<= k`` this is its entropy rate
    ``h = -sum_i pi_i sum_j P_ij log P_ij``; in general ``h(k)`` decreases to
    the entropy rate as ``k`` grows (Cover & Thomas, Thm 4.2.1). For
    continuous series it is the conditional differential entropy.

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series.
    k, k_tau : int or 'auto', default=1
        History length and embedding delay; ``'auto'`` as in
        :func:`transfer_entropy` (Ragwitz's criterion).
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`transfer_entropy` (a conditional-entropy method).

    Returns
    -------
    float

    References
    ----------
    .. [1] T. M. Cover and J. A. Thomas, Elements of Information Theory, 2nd
       ed., Wiley (2006), ch. 4.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 20000)  # fair coin: 1 bit per step
    >>> round(ts.entropy_rate(x, base=2), 3)
    1.0
    """
    return _storage(
        "entropy_rate",
        x,
        k=k,
        k_tau=k_tau,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        where="entropy_rate()",
        params=method_params,
    ).value


def _block(
    x: Any,
    length: int,
    *,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    params: dict[str, Any],
    where: str,
) -> Result:
    rows = blocks(x, length, where=where, nan_policy=nan_policy)
    res = _api.estimate(
        "entropy", rows, method=method, base=base, discrete=discrete, rng=rng, **params
    )
    return _finish(res, "block_entropy", {"length": length}, len(rows))


@validate_params({"length": Interval(int, 1, None)})
def block_entropy(
    x: Any,
    length: int,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Block entropy ``H(L) = H(X_t, ..., X_{t+L-1})``, in nats.

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series.
    length : int
        Block length ``L`` (>= 1).
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`transfer_entropy` (an entropy method).

    Returns
    -------
    float

    References
    ----------
    .. [1] J. P. Crutchfield and D. P. Feldman, "Regularities unseen,
       randomness observed: levels of entropy convergence", Chaos 13, 25
       (2003), doi:10.1063/1.1530990.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> x = np.tile([0, 1], 500)
    >>> [round(ts.block_entropy(x, L, base=2), 3) for L in (1, 2, 3)]
    [1.001, 1.001, 1.001]
    """
    return _block(
        x,
        length,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        params=method_params,
        where="block_entropy()",
    ).value


#: ``excess_entropy`` warns when ``max_k (K - 1) / (2 N)`` (the Miller-Madow bias
#: of the longest block's plug-in entropy, ``K`` occupied cells of ``N`` blocks,
#: times ``max_k``, the factor by which ``E(L) = L H(L-1) - (L-1) H(L)`` magnifies
#: it) exceeds this many nats. Measured (20 draws; i.i.d. ternary, binary and
#: ternary Markov chains; n = 100 ... 3000, max_k = 3 ... 5): every setting with
#: a statistic above 0.25 had |bias| of ``method="auto"`` above 0.04 nats (i.i.d.
#: ternary n = 300, max_k = 4: statistic 0.53, E = -0.18 for a true 0) or an RMSE
#: above 0.09; below it the |bias| stayed under 0.03 (i.i.d. ternary n = 3000,
#: max_k = 4: statistic 0.053, bias 0.001).
EXCESS_BIAS_LIMIT = 0.25


def _occupied(rows: Any) -> int:
    """Distinct rows (occupied cells of the block table)."""
    try:
        return int(np.unique(rows, axis=0).shape[0])
    except TypeError:  # mixed object labels do not sort
        return len({tuple(r) for r in rows.tolist()})


def _check_excess_bias(
    x: Any, max_k: int, res: Result, nan_policy: str, where: str
) -> None:
    """Warn when the amplified block-entropy bias can dominate ``E(max_k)``."""
    from mutinfo import _registry

    try:
        counting = _registry.get(res.method).kinds == ("discrete",)
    except Exception:  # an unregistered label: nothing known about its bias
        return
    if not counting or max_k < 2:
        return
    rows = blocks(x, max_k, where=where, nan_policy=nan_policy)
    n, cells = len(rows), _occupied(rows)
    scale = max_k * (cells - 1) / (2 * n)
    if scale > EXCESS_BIAS_LIMIT:
        warn(
            f"{where}: the blocks of length max_k={max_k} occupy {cells} cells "
            f"with {n} samples, so the block-entropy bias, which "
            f"E(L) = L H(L-1) - (L-1) H(L) multiplies by about L, can dominate "
            f"the estimate: max_k (K - 1) / (2 N) = {scale:.3g} nats (limit "
            f"{EXCESS_BIAS_LIMIT:g}). Method {res.method!r} corrects part of it; "
            "the value may still be off by tenths of a nat (an i.i.d. series, "
            "true E = 0, reads -0.18 at n = 300, max_k = 4). Lower 'max_k' or "
            "use a longer series.",
            BiasWarning,
        )


def _excess(
    x: Any,
    max_k: int,
    *,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    params: dict[str, Any],
    where: str,
) -> Result:
    h = [0.0]
    last = None

    def block(length: int, family: Any) -> Result:
        return _block(
            x,
            length,
            method=family,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
            rng=rng,
            params=params,
            where=where,
        )

    if isinstance(method, str) and method == "auto":
        # One family for every block length: "auto" resolved per length mixed
        # families (H(3) by grassberger, H(4) by nsb on an i.i.d. ternary
        # series of 300 steps) under the label of the last one, and
        # E(L) = L H(L-1) - (L-1) H(L) combined their different biases. The
        # longest block, the hardest, picks the family.
        method = block(max_k, method).method
    for length in range(1, max_k + 1):
        last = block(length, method)
        h.append(last.value)
    assert last is not None
    rate = h[max_k] - h[max_k - 1]
    value = h[max_k] - max_k * rate
    _check_excess_bias(x, max_k, last, nan_policy, where)
    return Result(
        value=value,
        unit=last.unit,
        measure="excess_entropy",
        method=last.method,
        n_samples=last.n_samples,
        # the last block's params without its "length" (= max_k, reported as such)
        params={
            **{key: v for key, v in last.params.items() if key != "length"},
            "max_k": max_k,
        },
        extras={"block_entropies": tuple(h[1:]), "entropy_rate": rate},
    )


@validate_params({"max_k": Interval(int, 1, None)})
def excess_entropy(
    x: Any,
    *,
    max_k: int = 5,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Excess entropy ``E(L) = H(L) - L h(L)`` at ``L = max_k``, in nats.

    With ``h(L) = H(L) - H(L-1)`` the block-entropy estimate of the entropy
    rate, ``E(L) = sum_{m=1}^{L} (h(m) - h(L))`` increases to Crutchfield's
    excess entropy ``E = sum_m (h(m) - h)`` (equal to the predictive
    information ``I(past; future)``); for a Markov chain of order ``r`` it is
    exact once ``max_k > r`` (order 1: ``E = I(X_t; X_{t+1})``).

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series.
    max_k : int, default=5
        Largest block length ``L``.
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`block_entropy`.

    Returns
    -------
    float

    References
    ----------
    .. [1] J. P. Crutchfield and D. P. Feldman, "Regularities unseen,
       randomness observed: levels of entropy convergence", Chaos 13, 25
       (2003), doi:10.1063/1.1530990.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> x = np.tile([0, 1], 500)  # period 2: E = log 2, h = 0
    >>> round(ts.excess_entropy(x, max_k=3, base=2), 3)
    1.001
    """
    return _excess(
        x,
        max_k,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        params=method_params,
        where="excess_entropy()",
    ).value


def _predictive(
    x: Any,
    k: int,
    *,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    params: dict[str, Any],
    where: str,
) -> Result:
    rows = blocks(x, 2 * k, where=where, nan_policy=nan_policy)
    d = rows.shape[1] // (2 * k)
    past, future = rows[:, : k * d], rows[:, k * d :]
    res = _api.estimate(
        "mi",
        past,
        future,
        method=method,
        base=base,
        discrete=discrete,
        rng=rng,
        **params,
    )
    return _finish(res, "predictive_information", {"k": k}, len(rows))


@validate_params({"k": Interval(int, 1, None)})
def predictive_information(
    x: Any,
    *,
    k: int = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Predictive information ``I(X_{t-k+1..t} ; X_{t+1..t+k})``, in nats.

    The MI between ``k`` past and ``k`` future values (Bialek et al. 2001); it
    increases to the excess entropy as ``k`` grows. Any MI family works.

    Parameters
    ----------
    x : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series.
    k : int, default=1
        Length of the past and future blocks.
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`transfer_entropy` (an MI method).

    Returns
    -------
    float

    References
    ----------
    .. [1] W. Bialek, I. Nemenman and N. Tishby, "Predictability, complexity,
       and learning", Neural Comput. 13, 2409 (2001).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> round(ts.predictive_information(np.tile([0, 1], 500), k=2, base=2), 3)
    1.001
    """
    return _predictive(
        x,
        k,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        params=method_params,
        where="predictive_information()",
    ).value


def _lagged(
    source: Any,
    target: Any,
    delay: int,
    *,
    method: Any,
    base: float,
    discrete: Any,
    nan_policy: str,
    rng: Any,
    params: dict[str, Any],
    where: str,
) -> Result:
    e = embed(
        source if target is None else target,
        source,
        k=0,
        delay=delay,
        nan_policy=nan_policy,
        where=where,
    )
    res = _api.estimate(
        "mi",
        e.source_past,
        e.future,
        method=method,
        base=base,
        discrete=discrete,
        rng=rng,
        **params,
    )
    keep = {"delay": delay, "n_realisations": e.params["n_realisations"]}
    return _finish(res, "lagged_mi", keep, e.n_rows)


@validate_params({"delay": Interval(int, 1, None)})
def lagged_mi(
    source: Any,
    target: Any = None,
    *,
    delay: int = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """MI at a lag, ``I(X_{t-u} ; Y_t)``, in nats (``target=None``: ``Y = X``).

    Parameters
    ----------
    source : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        ``X``.
    target : same as source, optional
        ``Y``; ``None`` gives the auto-information ``I(X_{t-u}; X_t)``.
    delay : int, default=1
        The lag ``u`` (>= 1).
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`transfer_entropy` (an MI method).

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> x = np.tile([0, 0, 1, 1], 250)
    >>> [round(ts.lagged_mi(x, delay=d, base=2), 3) for d in (1, 2)]
    [-0.001, 1.001]
    """
    return _lagged(
        source,
        target,
        delay,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        params=method_params,
        where="lagged_mi()",
    ).value


#: The embedding parameters each measure of :func:`estimate` reads (with
#: their defaults); any other one set to a non-default value is an error.
_TAKES: dict[str, tuple[str, ...]] = {
    "te": ("k", "l", "delay", "k_tau", "l_tau", "cond_l", "cond_delay"),
    "ais": ("k", "k_tau"),
    "entropy_rate": ("k", "k_tau"),
    "lagged_mi": ("delay",),
    "predictive_information": ("k",),
    "block_entropy": ("length",),
    "excess_entropy": ("max_k",),
}
_DEFAULTS: dict[str, Any] = {
    "k": 1,
    "l": 1,
    "delay": 1,
    "k_tau": 1,
    "l_tau": 1,
    "cond_l": 1,
    "cond_delay": 1,
    "max_k": 5,
    "length": 1,
}


def _check_unused(measure: str, given: dict[str, Any]) -> None:
    """Refuse an embedding parameter that ``measure`` does not read.

    ``estimate("block_entropy", x, k=3)`` returned the block entropy of length
    1 (``length`` is its parameter), a plausible slip that gave a wrong number
    without a word.
    """
    takes = _TAKES.get(measure)
    if takes is None:
        return  # an unknown measure gets its own error below
    unused = [
        name
        for name, value in given.items()
        if name not in takes and value != _DEFAULTS[name]
    ]
    if unused:
        shown = ", ".join(f"{name}={given[name]!r}" for name in unused)
        raise InvalidParameterError(
            f"estimate({measure!r}) does not use {shown}: it would be ignored. "
            f"measure={measure!r} takes {', '.join(repr(t) for t in takes)}; "
            "drop the others or pass the parameter the measure reads."
        )


@validate_params(
    {"measure": Options(tuple(MEASURES))}
    | _LAGS
    | {"max_k": Interval(int, 1, None), "length": Interval(int, 1, None)}
)
def estimate(
    measure: str,
    x: Any,
    y: Any = None,
    *,
    k: int | str = 1,
    l: int = 1,  # noqa: E741
    delay: int = 1,
    k_tau: int | str = 1,
    l_tau: int = 1,
    cond: Any = None,
    cond_l: int = 1,
    cond_delay: int = 1,
    max_k: int = 5,
    length: int = 1,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> Result:
    """Estimate a time-series measure and return a Result with per-step values.

    ``Result.local`` holds the local (per-time-step) values where the family
    has them (plug-in, Miller-Madow, KSG, Gaussian, Gaussian copula, binning):
    one per embedded step, realisations in order, the step of each row given by
    :func:`embed` (``Embedding.time``). Their mean is ``Result.value`` for the
    plug-in, KSG and Gaussian families.

    Parameters
    ----------
    measure : str
        One of ``'te'``, ``'ais'``, ``'entropy_rate'``, ``'lagged_mi'``,
        ``'predictive_information'``, ``'block_entropy'``, ``'excess_entropy'``.
        ``"te"``: :func:`transfer_entropy` (``x`` the source, ``y`` the
        target); ``"lagged_mi"``: :func:`lagged_mi` (``x`` the source, ``y`` the
        target or None); the others take ``x`` only: ``"ais"``
        (:func:`active_information_storage`), ``"entropy_rate"``,
        ``"predictive_information"`` (block length ``k``), ``"block_entropy"``
        (block ``length``), ``"excess_entropy"`` (``max_k``).
    x, y : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series.
    k, l, delay, k_tau, l_tau, cond, cond_l, cond_delay
        Embedding, as in :func:`transfer_entropy` (``k='auto'``: Ragwitz's
        criterion, for ``'te'``, ``'ais'`` and ``'entropy_rate'``).
    max_k : int, default=5
        Largest block length of ``"excess_entropy"``.
    length : int, default=1
        Block length of ``"block_entropy"``.
    method, base, discrete, nan_policy, rng, **method_params
        As in :func:`mutinfo.estimate`.

    Returns
    -------
    Result
        ``measure`` the time-series measure, ``method`` the resolved family,
        ``params`` the family's and the embedding's parameters, ``extras``
        the composed front-door measure and the number of embedded steps.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 2000)
    >>> y = np.roll(x, 1)
    >>> res = ts.estimate("te", x, y, base=2, method="plugin")  # local values
    >>> res.method, res.local.shape, bool(np.isclose(res.local.mean(), res.value))
    ('plugin', (1999,), True)
    """
    common: dict[str, Any] = {
        "method": method,
        "base": base,
        "discrete": discrete,
        "nan_policy": nan_policy,
        "rng": rng,
    }
    if measure == "te" and y is None:
        raise InvalidParameterError(
            "ts.estimate('te', x, y) needs the source 'x' and the target 'y'; "
            "got y=None."
        )
    if measure != "te" and cond is not None:
        raise InvalidParameterError(
            "The 'cond' parameter is taken by measure='te' only; got "
            f"measure={measure!r}."
        )
    if (
        measure
        in (
            "ais",
            "entropy_rate",
            "predictive_information",
            "block_entropy",
            "excess_entropy",
        )
        and y is not None
    ):
        raise InvalidParameterError(
            f"measure={measure!r} takes one series 'x'; got a 'y' too. Pass y=None."
        )
    where = f"estimate({measure!r})"
    if "auto" in (k, k_tau) and measure not in ("te", "ais", "entropy_rate"):
        raise InvalidParameterError(
            f"k='auto' and k_tau='auto' choose the history of measure='te', 'ais' "
            f"and 'entropy_rate'; got measure={measure!r}. Pass integers."
        )
    _check_unused(
        measure,
        {
            "k": k,
            "l": l,
            "delay": delay,
            "k_tau": k_tau,
            "l_tau": l_tau,
            "cond_l": cond_l,
            "cond_delay": cond_delay,
            "max_k": max_k,
            "length": length,
        },
    )
    if measure == "te":
        return _te(
            x,
            y,
            k=k,
            k_tau=k_tau,
            l=l,
            l_tau=l_tau,
            delay=delay,
            cond=cond,
            cond_l=cond_l,
            cond_delay=cond_delay,
            where=where,
            params=method_params,
            **common,
        )
    if measure in ("ais", "entropy_rate"):
        return _storage(
            measure, x, k=k, k_tau=k_tau, where=where, params=method_params, **common
        )
    if measure == "lagged_mi":
        return _lagged(x, y, delay, where=where, params=method_params, **common)
    if measure == "predictive_information":
        return _predictive(x, int(k), where=where, params=method_params, **common)
    if measure == "block_entropy":
        return _block(x, length, where=where, params=method_params, **common)
    return _excess(x, max_k, where=where, params=method_params, **common)
