"""Permutation and surrogate tests of zero (conditional) mutual information."""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._auto import make_estimator
from mutinfo._measures import gather
from mutinfo._parallel import Progress, entropy_of, execute, resolve_n_jobs
from mutinfo._params import (
    PERMUTATIONS,
    AnyOf,
    Interval,
    IsNone,
    check_choice,
    check_rng,
    validate_params,
)
from mutinfo._result import TestResult, check_base, unit_name
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    InvalidDataError,
    InvalidParameterError,
    MutinfoWarning,
    ResamplingWarning,
    warn,
)
from mutinfo.stats import _surrogates as sur
from mutinfo.stats._common import Statistic, check_statistic, statistic_of
from mutinfo.stats._fast_null import NullStatistic, null_statistic
from mutinfo.stats._sequential import (
    exceedances,
    sequential_p_value,
    stopping_draw,
)

if TYPE_CHECKING:
    pass

__all__ = ["independence_test"]


#: ``(draw, rng) -> row index of y`` for surrogate number ``draw``.
Index = Callable[[int, np.random.Generator], NDArray[np.intp]]


def _rng_only(
    func: Callable[[np.random.Generator], NDArray[np.intp]],
    _draw: int,
    rng: np.random.Generator,
) -> NDArray[np.intp]:
    """Return an index drawn from the surrogate's own stream alone."""
    return func(rng)


@dataclass(frozen=True)
class _Shifts:
    """Circular surrogates: draw ``i`` is the rotation by ``shifts[i]``.

    The shifts are distinct (:func:`~mutinfo.stats._surrogates.circular_shifts`),
    drawn once per test; ``None`` until :meth:`draw` fixes them.
    """

    n: int
    min_shift: int
    shifts: NDArray[np.intp] | None = None

    def draw(self, count: int, entropy: int) -> _Shifts:
        """Fix the shifts of ``count`` surrogates (fewer when fewer are distinct)."""
        stream = np.random.default_rng(
            np.random.SeedSequence(entropy, spawn_key=(count + 1,))
        )
        shifts = sur.circular_shifts(self.n, self.min_shift, count, stream)
        return _Shifts(self.n, self.min_shift, shifts)

    def __call__(self, draw: int, _rng: np.random.Generator) -> NDArray[np.intp]:
        assert self.shifts is not None
        shift = int(self.shifts[draw])
        return np.roll(np.arange(self.n, dtype=np.intp), -shift)


def _fix_shifts(index: Index | None, n_perm: int, entropy: int) -> tuple[Any, int]:
    """Draw a circular test's distinct shifts; return the index and the draws.

    A circular test has at most ``n - 2 * block_length + 1`` distinct
    surrogates: it makes each once, and no more than that many.
    """
    if not isinstance(index, _Shifts):
        return index, n_perm
    fixed = index.draw(n_perm, entropy)
    assert fixed.shifts is not None
    return fixed, int(fixed.shifts.size)


def _null_item(
    item: int,
    rng: np.random.Generator,
    *,
    stat: Statistic,
    variables: list[Variable],
    make_y: Callable[[np.random.Generator], Variable] | None,
    index: Index | None,
    fast: NullStatistic | None,
) -> float:
    """One draw of the null: a surrogate ``y`` and the statistic on it.

    An index surrogate draws the row index of ``y``; the family's prepared
    null statistic (:mod:`._fast_null`) evaluates it when it can, the
    estimator on the surrogate otherwise.
    """
    if index is None:
        assert make_y is not None
        y = make_y(rng)
    else:
        rows = index(item, rng)
        if fast is not None:
            value = fast(rows)
            if value is not None:
                return value
        y = variables[1].take(rows)
    new = [variables[0], y, *variables[2:]]
    return stat(new, rng)


def _call_user(
    y: Variable, func: Callable[..., Any], rng: np.random.Generator
) -> Variable:
    values = y.values[:, 0] if y.n_features == 1 else y.values
    out = np.asarray(func(values.copy(), rng), dtype=np.float64)
    if out.ndim == 1:
        out = out[:, None]
    if out.shape != y.values.shape:
        raise InvalidDataError(
            f"The surrogate {getattr(func, '__name__', repr(func))!r} must return an "
            f"array of the shape of 'y' ({values.shape}); got shape {out.shape}."
        )
    return Variable(y.name, out, y.discrete, y.labels, y.coded)


def _surrogate_maker(
    surrogate: Any,
    variables: list[Variable],
    *,
    block_length: int | None,
    shuffle_neighbors: int,
) -> tuple[str, Callable[[np.random.Generator], Variable] | None, Index | None]:
    """Resolve ``surrogate`` to its name and ``rng -> y_surrogate`` or ``rng -> index``.

    A callable surrogate gives the first (the third is None); the built-in
    surrogates give a row index of ``y`` (the second is None).
    """
    y = variables[1]
    z = variables[2] if len(variables) > 2 else None
    n = y.n_samples
    if callable(surrogate):
        name = getattr(surrogate, "__name__", type(surrogate).__name__)
        return name, functools.partial(_call_user, y, surrogate), None
    name = check_choice(surrogate, "surrogate", sur.SURROGATES, "independence_test()")
    if name == "auto":
        name = "permute" if z is None else ("stratified" if z.is_discrete else "local")
    index: Index
    if name == "permute":
        if z is not None:
            raise InvalidParameterError(
                "surrogate='permute' breaks the dependence of 'y' on 'z' too, so it "
                "does not test conditional independence. Use surrogate='auto', "
                "'stratified' (discrete z) or 'local' (continuous z)."
            )
        index = functools.partial(_rng_only, functools.partial(_permutation, n))
    elif name in ("stratified", "local"):
        if z is None:
            raise InvalidParameterError(
                f"surrogate={name!r} permutes 'y' given 'z' and needs 'z'; got z=None. "
                "Use surrogate='permute' (or 'auto') for an unconditional test."
            )
        if name == "stratified":
            from mutinfo._counting import encode

            if not z.is_discrete:
                raise InvalidParameterError(
                    "surrogate='stratified' permutes 'y' within each value of 'z' "
                    f"and needs a discrete 'z'; got a {z.kind} 'z'. Use "
                    "surrogate='local' (or 'auto'), or pass discrete=... to mark "
                    "'z' as discrete."
                )

            codes, _ = encode(z.as_discrete().values)
            _check_strata(codes)
            index = functools.partial(
                _rng_only, functools.partial(sur.stratified_indices, codes)
            )
        else:
            if shuffle_neighbors < 2:
                raise InvalidParameterError(
                    "The 'shuffle_neighbors' parameter of independence_test() must "
                    "be at least 2 for surrogate='local': with 1, every row keeps "
                    "its own y, so each surrogate is the data and the p-value is 1 "
                    f"whatever the dependence. Got {shuffle_neighbors} instead. Pass "
                    "shuffle_neighbors=5 (the default)."
                )
            if shuffle_neighbors >= n:
                raise InvalidParameterError(
                    f"The 'shuffle_neighbors' parameter of independence_test() must "
                    f"be smaller than n_samples={n}. Got {shuffle_neighbors} instead."
                )
            candidates = sur.shuffle_candidates(z.values, shuffle_neighbors)
            index = functools.partial(
                _rng_only, functools.partial(sur.local_indices, candidates)
            )
    else:
        length = sur.default_block_length(n) if block_length is None else block_length
        if name == "block":
            index = functools.partial(
                _rng_only, functools.partial(sur.block_indices, n, length)
            )
        else:
            sur.check_length(n, length, "circular")
            index = _Shifts(n, length)
    return name, None, index


#: Least attainable p-value of a stratified test above which it warns: at
#: 0.05 the test cannot reject at the usual level whatever the data.
STRATA_MIN_P = 0.05
#: Share of rows alone in their stratum from which a stratified test warns.
STRATA_SINGLETON_SHARE = 0.5


def _check_strata(codes: NDArray[np.int64]) -> None:
    """Refuse strata that are all singletons; warn when they leave little power.

    Each surrogate of a stratified test keeps a row that is alone in its
    stratum in place: with every stratum of one row, every surrogate is the
    data and the p-value is 1 (null_std 0) whatever the dependence.
    """
    singleton, least_p = sur.strata_resolution(codes)
    n = int(codes.size)
    if least_p >= 1.0:
        raise InvalidDataError(
            "surrogate='stratified' permutes 'y' within each value of 'z', but "
            f"each of the {n} rows has its own value of 'z' (no value occurs "
            "twice), so every surrogate is the data and the p-value is 1 "
            "whatever the dependence. Merge values of 'z' into coarser strata, "
            "pass discrete=... to read 'z' as continuous (surrogate='local'), or "
            "leave out a 'z' that identifies the rows."
        )
    if least_p > STRATA_MIN_P or singleton >= STRATA_SINGLETON_SHARE:
        floor = (
            f", and the p-value cannot go much below {least_p:.2g} (1 / the number "
            "of distinct permutations within strata), so the test cannot reject "
            f"at {STRATA_MIN_P}"
            if least_p > STRATA_MIN_P
            else ""
        )
        warn(
            f"surrogate='stratified': {singleton:.0%} of the {n} rows are alone "
            "in their value of 'z'; a permutation within strata never moves them, "
            f"so the test has no power on those rows{floor}. Merge rare values of "
            "'z', read 'z' as continuous (discrete=..., surrogate='local'), or "
            "collect more rows per value.",
            ResamplingWarning,
        )


def _permutation(n: int, rng: np.random.Generator) -> NDArray[np.intp]:
    return rng.permutation(n).astype(np.intp, copy=False)


@validate_params(
    {
        "n_permutations": PERMUTATIONS,
        "shuffle_neighbors": Interval(int, 1, None),
        "block_length": AnyOf((IsNone(), Interval(int, 1, None))),
        "stop_after": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def independence_test(
    x: Any,
    y: Any,
    z: Any = None,
    *,
    method: Any = "auto",
    statistic: Any = None,
    n_permutations: int = 1000,
    surrogate: Any = "auto",
    block_length: int | None = None,
    shuffle_neighbors: int = 5,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    progress: Progress | None = None,
    stop_after: int | None = None,
    **method_params: Any,
) -> TestResult:
    """Test I(X; Y) = 0, or I(X; Y | Z) = 0, by permutations or surrogates.

    The statistic is the estimate of any registered method (or estimator
    object). Its null distribution comes from ``n_permutations`` surrogate
    copies of ``y`` that keep what the null allows and break the rest; the
    p-value is ``(1 + #{null >= statistic}) / (1 + n_permutations)``, exact
    (never below its nominal level) under exchangeability.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,) or (n_samples, n_features)
        The variables whose dependence is tested.
    z : array-like of shape (n_samples,) or (n_samples, n_features), optional
        Conditioning variable: with ``z`` the statistic is the CMI and the null
        is conditional independence.
    method : str or Estimator, default='auto'
        A registry name, ``"auto"`` (see :func:`mutinfo.estimate`) or an
        estimator object.
    statistic : None, str or callable, default=None
        What is tested. ``None``: the MI (the CMI with ``z``) estimated by
        ``method``. A measure name that takes ``x``, ``y`` (and ``z``), such
        as ``"mi"`` or a measure declared with
        :func:`mutinfo.extend.declare_measure`. Or any callable
        ``statistic(x, y[, z][, rng=...]) -> float | Result`` in nats on the
        validated values (1-D for one column; label codes for labels), for
        example a transfer entropy or a PID atom: the surrogates of ``y`` and
        the p-value are the same as for the built-in statistic. ``method``
        and method parameters are then not taken.
    n_permutations : int, default=1000
        Number of surrogates. The smallest attainable p-value is
        ``1 / (1 + n_permutations)``; 999 or 99 give exact levels at 0.05.
    surrogate : str or callable, default='auto'
        How ``y`` is resampled under the null:

        - ``"permute"``: rows in a random order (i.i.d. data, no ``z``);
        - ``"stratified"``: rows permuted within each value of a discrete ``z``;
        - ``"local"``: local permutation for a continuous ``z`` (Runge 2018):
          each row takes ``y`` from one of its ``shuffle_neighbors`` nearest
          rows in ``z`` (max norm on standardised ``z``), drawn without
          replacement where possible;
        - ``"block"``: consecutive blocks of ``block_length`` rows in a random
          order (time series);
        - ``"circular"``: ``y`` rotated by a random shift of at least
          ``block_length`` rows from either end (time series); the shifts are
          distinct, so a series with fewer than ``n_permutations`` such shifts
          (``n_samples - 2 * block_length + 1``) is tested against each once,
          and ``n_permutations`` of the result is that number;
        - ``"auto"``: ``"permute"`` without ``z``, ``"stratified"`` for a
          discrete ``z``, ``"local"`` otherwise;
        - a callable ``(y, rng) -> y_surrogate`` on the values of ``y``
          (shape ``(n_samples,)`` for one column, else ``(n_samples, d)``).
    block_length : int, optional
        Block length of ``"block"`` and least shift of ``"circular"``; default
        ``ceil(n_samples ** (1/3))``.
    shuffle_neighbors : int, default=5
        Candidate rows (the row itself included) of the local permutation; at
        least 2 (with 1 every surrogate is the data).
    base : float, default=math.e
        Logarithm base of the reported statistic and null moments.
    discrete, nan_policy
        As in :func:`mutinfo.estimate`.
    rng : None, int or numpy.random.Generator, default=None
        Seeds the observed estimate (as ``mt.estimate(..., rng=rng)`` would) and
        every surrogate; each surrogate draws from its own stream
        ``SeedSequence(entropy, spawn_key=(i,))``, so the result does not
        depend on ``n_jobs`` or ``client``.
    n_jobs : int, optional
        Local threads for the surrogates (-1: every core).
    client : dask.distributed.Client, optional
        Run the surrogates on this Dask cluster.
    progress : callable ``(done, total) -> None``, optional
        Called as the surrogates finish.
    stop_after : int, optional
        Sequential test (Besag and Clifford 1991): stop drawing once
        ``stop_after`` surrogates have reached the statistic, with p-value
        ``stop_after / draws``; a test that never stops gives the full test's
        p-value, from the same draws. Still exact (valid at every level);
        independent pairs cost about ``stop_after * (1 + ln(n_permutations /
        stop_after))`` draws. ``n_permutations`` and ``null_distribution`` of
        the result are the draws made. See :mod:`mutinfo.stats._sequential`.
    **method_params
        Parameters of the method (``n_neighbors=5``, ...).

    Returns
    -------
    TestResult
        ``statistic`` (the estimate), ``p_value``, ``null_mean`` and
        ``null_std`` of the surrogate estimates, ``effective_value =
        statistic - null_mean`` (the estimate corrected by the null's bias),
        the resolved ``method`` and ``surrogate``, and ``null_distribution``.

    Raises
    ------
    InvalidParameterError
        For a bad ``n_permutations``, ``surrogate``, ``block_length`` or
        ``shuffle_neighbors``, or a surrogate that does not fit the test.

    Notes
    -----
    Warnings of the surrogate estimates (for example the plug-in's
    BiasWarning) are silenced: the observed estimate raises them once.

    References
    ----------
    .. [1] J. Runge, "Conditional independence testing based on a
       nearest-neighbor estimator of conditional mutual information",
       AISTATS (2018).
    .. [2] B. Phipson and G. K. Smyth, "Permutation p-values should never be
       zero", Stat. Appl. Genet. Mol. Biol. 9 (2010), doi:10.2202/1544-6115.1585.
    .. [3] J. Besag and P. Clifford, "Sequential Monte Carlo p-values",
       Biometrika 78 (1991) 301-304, doi:10.1093/biomet/78.2.301.

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 3, 300)
    >>> y = (x + rng.integers(0, 2, 300)) % 3
    >>> res = mt.independence_test(x, y, n_permutations=99, rng=0)
    >>> res.p_value, res.method, res.surrogate
    (0.01, 'miller_madow', 'permute')
    """
    where = "independence_test()"
    base = check_base(base)
    n_perm, shuffle = int(n_permutations), int(shuffle_neighbors)
    if block_length is not None:
        block_length = int(block_length)
    stop = None if stop_after is None else int(stop_after)
    if not callable(surrogate):
        check_choice(surrogate, "surrogate", sur.SURROGATES, where)
    measure = "mi" if z is None else "cmi"
    if isinstance(statistic, str):
        measure, statistic = statistic, None
    variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
    check_rng(rng)
    name, make_y, index = _surrogate_maker(
        surrogate, variables, block_length=block_length, shuffle_neighbors=shuffle
    )
    if statistic is not None:
        stat, label = check_statistic(statistic, method, method_params, where)
        return _generic_test(
            stat,
            label,
            variables,
            name,
            make_y,
            index,
            n_perm,
            base,
            rng,
            n_jobs=n_jobs,
            client=client,
            progress=progress,
            stop_after=stop,
        )
    estimator = make_estimator(method, measure, method_params, variables, rng)
    # What the estimator's compute draws, replayed for a prepared null (KSG):
    # a Generator's state is copied before compute advances it.
    own = estimator.rng
    replay = copy.deepcopy(own) if isinstance(own, np.random.Generator) else own
    observed = estimator.compute(measure, variables).value
    _check_statistic(observed, estimator.name, measure)
    entropy = entropy_of(rng)
    index, n_perm = _fix_shifts(index, n_perm, entropy)
    fast = None
    if index is not None:
        # An unseeded estimator's preparation comes from the test's stream, at
        # the key after the last surrogate's.
        stream = (
            replay
            if replay is not None
            else np.random.SeedSequence(entropy, spawn_key=(n_perm,))
        )
        fast = null_statistic(estimator, measure, variables, check_rng(stream))
    if fast is not None and replay is None and getattr(fast, "defines_observed", False):
        # Observed and null values from the same prepared columns (KSG). A
        # seeded estimator's preparation replays its own draws, so its estimate
        # is this value at the identity already, bit for bit
        # (tests/stats/test_fast_null.py): only an unseeded one needs the call.
        identity = fast(np.arange(variables[1].n_samples, dtype=np.intp))
        observed = observed if identity is None else identity
    null = _null(
        functools.partial(statistic_of, estimator, measure),
        variables,
        make_y,
        index,
        fast,
        n_perm,
        entropy,
        n_jobs=n_jobs,
        client=client,
        progress=progress,
        observed=observed,
        stop_after=stop,
    )
    return _result(observed, null, n_perm, base, estimator.name, name, stop)


def _null(
    stat: Statistic,
    variables: list[Variable],
    make_y: Callable[[np.random.Generator], Variable] | None,
    index: Index | None,
    fast: NullStatistic | None,
    n_perm: int,
    entropy: int,
    *,
    n_jobs: int | None,
    client: Any,
    progress: Progress | None,
    observed: float = 0.0,
    stop_after: int | None = None,
) -> NDArray[np.float64]:
    """Return the statistic on ``n_perm`` surrogates, one stream per surrogate.

    With ``stop_after`` the surrogates are drawn in rounds and the draws end
    at the ``stop_after``-th value that reaches ``observed`` (the rest of its
    round is dropped): draw ``i`` uses stream ``i`` whatever the rounds, so
    the result does not depend on ``n_jobs`` or ``client``.
    """
    func = functools.partial(
        _null_item,
        stat=stat,
        variables=variables,
        make_y=make_y,
        index=index,
        fast=fast,
    )

    def draw(start: int, stop: int) -> NDArray[np.float64]:
        return np.asarray(
            execute(
                func,
                range(start, stop),
                entropy=entropy,
                n_jobs=n_jobs,
                client=client,
                quiet=(MutinfoWarning,),
                offset=start,
            ),
            dtype=np.float64,
        )

    if stop_after is None:
        return np.asarray(
            execute(
                func,
                range(n_perm),
                entropy=entropy,
                n_jobs=n_jobs,
                client=client,
                progress=progress,
                quiet=(MutinfoWarning,),
            ),
            dtype=np.float64,
        )
    # Rounds: the least number of draws that can stop, then growing rounds
    # (at least one per worker) so that a long run costs few rounds.
    workers = 1 if client is not None else resolve_n_jobs(n_jobs)
    parts: list[NDArray[np.float64]] = []
    done, size = 0, min(n_perm, max(stop_after, workers))
    while done < n_perm:
        parts.append(draw(done, min(n_perm, done + size)))
        done += parts[-1].size
        if progress is not None:
            progress(done, n_perm)
        null = np.concatenate(parts)
        end = stopping_draw(null, observed, stop_after)
        if end is not None:
            return null[:end]
        size = max(size, workers, done // 2)
    return np.concatenate(parts) if parts else np.empty(0)


def _check_statistic(value: float, method: str, measure: str) -> None:
    """Refuse a NaN estimate: compared with a null it would read as significant.

    ``NaN >= x`` is False, so a NaN observed value (or NaN null values) would
    count no exceedances and give the smallest p-value the permutations allow.
    """
    if math.isnan(value):
        raise InvalidDataError(
            f"Method {method!r} returned NaN for {measure!r} on these data, so a "
            "permutation test has no statistic to compare with its null (its "
            "p-value would read as the smallest possible). Check the estimator "
            "(a plug-in family must return a number), or use another method."
        )


def _result(
    observed: float,
    null: NDArray[np.float64],
    n_perm: int,
    base: float,
    method: str,
    surrogate: str,
    stop_after: int | None = None,
) -> TestResult:
    """Return the p-value ``(1 + #{null >= observed}) / (1 + n_perm)`` and moments.

    With ``stop_after``, Besag and Clifford's sequential p-value of the draws
    made (``null`` may be shorter than ``n_perm``).
    """
    bad = int(np.count_nonzero(np.isnan(null)))
    if bad:
        raise InvalidDataError(
            f"Method {method!r} returned NaN on {bad} of {null.size} surrogates "
            f"({surrogate}), so the permutation test cannot count how many reach "
            "the observed value. Check the estimator (a plug-in family must return "
            "a number), or use another method."
        )
    if stop_after is None:
        exceed = int(np.count_nonzero(exceedances(null, observed)))
        p_value = (1 + exceed) / (1 + n_perm)
    else:
        p_value = sequential_p_value(null, observed, n_perm, stop_after)
    drawn = int(null.size)
    scale = 1.0 / math.log(base)
    null_mean = float(null.mean())
    null_std = float(null.std(ddof=1)) if drawn > 1 else 0.0
    return TestResult(
        statistic=observed * scale,
        p_value=p_value,
        n_permutations=drawn,
        null_mean=null_mean * scale,
        null_std=null_std * scale,
        effective_value=(observed - null_mean) * scale,
        method=method,
        surrogate=surrogate,
        unit=unit_name(base),
        null_distribution=null * scale,
    )


def _generic_test(
    stat: Statistic,
    label: str,
    variables: list[Variable],
    surrogate: str,
    make_y: Callable[[np.random.Generator], Variable] | None,
    index: Index | None,
    n_perm: int,
    base: float,
    rng: Any,
    *,
    n_jobs: int | None,
    client: Any,
    progress: Progress | None,
    stop_after: int | None = None,
) -> TestResult:
    """Test with a user statistic: observed on the data, null on the surrogates."""
    entropy = entropy_of(rng)
    index, n_perm = _fix_shifts(index, n_perm, entropy)
    observed = stat(
        variables, check_rng(np.random.SeedSequence(entropy, spawn_key=(n_perm,)))
    )
    null = _null(
        stat,
        variables,
        make_y,
        index,
        None,
        n_perm,
        entropy,
        n_jobs=n_jobs,
        client=client,
        progress=progress,
        observed=observed,
        stop_after=stop_after,
    )
    return _result(observed, null, n_perm, base, label, surrogate, stop_after)
