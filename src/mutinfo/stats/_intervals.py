"""Confidence intervals: bootstrap, BCa, subsampling, bias extrapolation, analytic."""

from __future__ import annotations

import functools
import math
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._auto import make_estimator
from mutinfo._measures import MEASURES, gather
from mutinfo._parallel import Progress, entropy_of, execute
from mutinfo._params import (
    AnyOf,
    Interval,
    IsNone,
    Options,
    check_rng,
    validate_params,
)
from mutinfo._result import ConfidenceInterval, check_base, unit_name
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    BiasWarning,
    InsufficientSamplesError,
    InvalidParameterError,
    MutinfoWarning,
    ResamplingWarning,
    warn,
)
from mutinfo.stats._analytic import ANALYTIC, rule_for
from mutinfo.stats._blocks import (
    MIN_BLOCKS,
    block_count,
    block_half_rows,
    politis_white,
)
from mutinfo.stats._common import Statistic, check_statistic, statistic_of

if TYPE_CHECKING:
    from mutinfo.estimators._base import Estimator

__all__ = ["SCHEMES", "auto_scheme", "confidence_interval"]

SCHEMES: tuple[str, ...] = (
    "auto",
    "bootstrap",
    "bca",
    "subsample",
    "extrapolate",
    "analytic",
    "block",
)

#: ``scheme="block"`` warns that it is likely too narrow when the series is
#: shorter than this many Politis-White lengths.
FEW_BLOCKS = 50
#: Blocks of ``scheme="block"`` are this many Politis-White lengths long: the
#: Politis-White rule minimises the error of a variance estimate, while an
#: interval needs its downward bias (shrinking like 1 / length) small and
#: pays for fewer blocks through Student's t; on Gaussian AR(1) AIS at n = 500
#: three lengths covered 0.89 against 0.86 for one (a = 0.9), and 0.94 against
#: 0.93 (a = 0.5), 300 replicates each (benchmarks/block_length.py).
BLOCK_SCALE = 3.0

#: Groups of the delete-a-group jackknife that estimates the BCa acceleration.
_JACKKNIFE_GROUPS = 100


def auto_scheme(estimator: Estimator) -> str:
    """Return the scheme ``scheme="auto"`` picks for ``estimator``.

    Each family declares it (``interval_scheme``) as the calibration benchmark
    measured it to cover (benchmarks/calibration.py, docs/uncertainty.md):
    analytic where a rule covers (``binning`` through its discrete family);
    ``"extrapolate"`` (subsampling with the bias extrapolated away) where it
    measured closer to nominal (``vasicek``); plain subsampling otherwise
    (it never duplicates rows, and measured closer to nominal than the
    bootstrap and BCa on the biased plug-in).

    Examples
    --------
    >>> from mutinfo.estimators import KSG, Plugin
    >>> auto_scheme(KSG()), auto_scheme(Plugin())
    ('subsample', 'analytic')
    """
    return type(estimator).interval_scheme


def extrapolated_bias(
    estimate: float, subsample_mean: float, n: int, m: int, rate: float = 1.0
) -> float:
    """Bias of an estimate on ``n`` rows, extrapolated from subsamples of ``m``.

    Under ``E[est_k] = I + c / k**rate``, the mean of estimates on ``m < n``
    rows exceeds the estimate by ``c (m**-rate - n**-rate)``, so the bias at
    ``n`` is ``c / n**rate = (mean_m - est_n) / ((n / m)**rate - 1)`` (Strong
    et al. 1998 extrapolate ``1 / k`` the same way, over several fractions of
    the data). Returned in the units of the estimates.

    Examples
    --------
    >>> round(extrapolated_bias(0.30, 0.35, 1000, 500), 6)  # half-samples, 1/n bias
    0.05
    >>> round(extrapolated_bias(0.30, 0.35, 1000, 500, rate=0.5), 6)
    0.120711
    """
    return float((subsample_mean - estimate) / ((n / m) ** rate - 1.0))


def _guarded(
    stat: Statistic, variables: list[Variable], rng: np.random.Generator
) -> float | str:
    """Return the statistic on a resample, or the message of a refusal.

    A method may refuse a resample that the full data passed (NSB without an
    alphabet size on a half-sample whose values are all distinct); the
    refusal is returned as its message so that :func:`_accepted` can report
    every refused resample at once.
    """
    try:
        return stat(variables, rng)
    except InsufficientSamplesError as exc:
        return str(exc)


def _accepted(
    results: list[float | str],
    *,
    kind: str,
    rows: str,
    name: str,
    scheme: str,
    advice: str,
) -> NDArray[np.float64]:
    """Return the resampled estimates; raise if the method refused any.

    Refused resamples are not skipped: those the method accepts are a biased
    selection (NSB accepts the half-samples with a repeated value, the less
    diverse ones), so the interval of the rest would be shifted silently.
    """
    refused = [r for r in results if isinstance(r, str)]
    if refused:
        raise InsufficientSamplesError(
            f"Method {name!r} refused {len(refused)} of the {len(results)} {kind} "
            f"({rows}), so scheme={scheme!r} cannot give an interval for it on "
            "this data: the resamples it accepts are a biased selection, and an "
            f"interval of them alone would not cover. The first refusal: "
            f"{refused[0]} {advice}"
        )
    return np.asarray(results, dtype=np.float64)


def _resample_item(
    _item: int,
    rng: np.random.Generator,
    *,
    stat: Statistic,
    variables: list[Variable],
    size: int,
    replace: bool,
) -> float | str:
    n = variables[0].n_samples
    rows = rng.integers(0, n, size) if replace else rng.choice(n, size, replace=False)
    return _guarded(stat, [v.take(rows) for v in variables], rng)


def _block_item(
    _item: int,
    rng: np.random.Generator,
    *,
    stat: Statistic,
    variables: list[Variable],
    blocks: int,
) -> tuple[float | str, int]:
    rows = block_half_rows(variables[0].n_samples, blocks, rng)
    return _guarded(stat, [v.take(rows) for v in variables], rng), rows.size


def _jackknife_item(
    group: int,
    rng: np.random.Generator,
    *,
    stat: Statistic,
    variables: list[Variable],
    labels: NDArray[np.intp],
) -> float | str:
    keep = labels != group
    return _guarded(stat, [v.take(keep) for v in variables], rng)


def resamples_needed(level: float) -> int:
    """Fewest resamples whose range resolves the tails of a ``level`` interval.

    An interval's ends are the ``(1 - level) / 2`` and ``(1 + level) / 2``
    quantiles; below ``1 / n_resamples`` they fall beyond the most extreme of
    ``n_resamples`` estimates (the condition BCa warns on), and the interval
    shrinks to about their range.

    Examples
    --------
    >>> resamples_needed(0.95), resamples_needed(0.9), resamples_needed(0.99)
    (40, 20, 200)
    """
    # (1 - 1e-9: level=0.9 gives a tail of 0.04999999999999999, not 1 / 20.)
    return max(1, math.ceil((1.0 - 1e-9) * 2.0 / (1.0 - level)))


def _few_resamples(n_res: int, level: float, scheme: str) -> str:
    """Say why ``n_res`` resamples are too few for a ``level`` interval, or ``""``.

    Same condition as the BCa check: a tail probability ``(1 - level) / 2``
    below ``1 / n_res``. A percentile interval (``"bootstrap"``,
    ``"subsample"``, ``"extrapolate"``) then interpolates between the most
    extreme resamples, about their range, so a "95%" interval of 5 resamples
    is far too narrow; ``"block"`` takes a standard deviation of that many
    resamples, whose noise its Student quantile does not count (a 95% interval
    of 5 resamples covers about 88% of the resampling spread).
    """
    needed = resamples_needed(level)
    if n_res >= needed:
        return ""
    tail = (1.0 - level) / 2.0
    if scheme == "block":
        why = (
            f"its width is Student's quantile times the standard deviation of "
            f"only {n_res} resampled estimates, a noise the quantile does not "
            "count, so the interval is too narrow on average"
        )
    else:
        why = (
            f"its ends are the {tail:.3g} and {1.0 - tail:.3g} quantiles of "
            f"{n_res} resampled estimates, beyond their range (1/{n_res} = "
            f"{1.0 / n_res:.3g}), so they are interpolated between the most "
            "extreme resamples and the interval is too narrow"
        )
    return (
        f"A {level:.4g} interval (scheme={scheme!r}) needs n_resamples >= "
        f"{needed}; got n_resamples={n_res}: {why}. Pass n_resamples={needed} or "
        "more."
    )


def _percentile(
    values: NDArray[np.float64], alpha_low: float, alpha_high: float
) -> tuple[float, float]:
    lo, hi = np.quantile(values, [alpha_low, alpha_high])
    return float(lo), float(hi)


def _excluded(
    low: float,
    high: float,
    estimate: float,
    values: NDArray[np.float64],
    scheme: str,
    name: str,
) -> str:
    """Say why an interval of ``scheme`` misses its own estimate, or ``""``.

    A percentile interval of bootstrap estimates holds the estimate unless the
    resampled estimates are shifted against it by more than their spread:
    rows drawn with replacement repeat, and on a sparse table (cells seen once)
    or for estimators that read ties, the repeats are structure the data did
    not have, so the resampled statistic estimates something else (on 40 x 40
    uniform independent symbols at n = 100, ``dirichlet_product`` reads about
    0 nats and its bootstrap estimates 1.4-1.8). A subsampling interval misses
    its estimate only when the subsample estimates are degenerate or strongly
    skewed around their mean. Schemes that move the centre on purpose (the
    plug-in's analytic rule, ``"extrapolate"``) are not checked.
    """
    slack = 1e-12 * max(1.0, abs(estimate))
    if low - slack <= estimate <= high + slack:
        return ""
    where = "above" if low > estimate else "below"
    median = float(np.median(values))
    head = (
        f"The {scheme} interval [{low:.4g}, {high:.4g}] nats does not contain its "
        f"own estimate {estimate:.4g} nats of method {name!r}: "
    )
    if scheme == "subsample":
        distinct = np.unique(values).size
        return head + (
            f"the {values.size} subsample estimates ({distinct} distinct values, "
            f"median {median:.4g}) are degenerate or strongly skewed, so the "
            "estimate does not vary smoothly with the rows here and the interval "
            "is not reliable. Check the estimate with another method or more "
            "samples."
        )
    return head + (
        f"the interval lies {where} it (median of the {values.size} bootstrap "
        f"estimates {median:.4g}). Rows drawn with replacement repeat, which "
        "adds the estimator's small-sample bias a second time and, on a sparse "
        "table (cells seen once become pairs) or for kNN and spacing estimators "
        "(ties), dependence the data did not have: the bootstrap estimates "
        "something else and the interval does not cover. Use "
        "scheme='subsample' (rows without replacement) or scheme='auto'."
    )


def expected_occupied(counts: NDArray[np.int64], rows: int) -> float:
    """Return the expected occupied cells of ``rows`` rows drawn without replacement.

    A cell of ``c`` of the ``n`` rows is missed by all ``rows`` draws with the
    hypergeometric probability ``C(n - c, rows) / C(n, rows)``.

    Examples
    --------
    >>> import numpy as np
    >>> (
    ...     expected_occupied(np.array([1, 1, 2]), 4),
    ...     expected_occupied(np.array([1, 1]), 1),
    ... )
    (3.0, 1.0)
    """
    from scipy.special import gammaln

    c = np.asarray(counts, dtype=np.float64)
    n = float(c.sum())
    if rows >= n:
        return float(c.size)
    rest = n - c
    fits = rest >= rows
    log_miss = np.full(c.shape, -np.inf)
    r = rest[fits]
    log_miss[fits] = (
        gammaln(r + 1) - gammaln(r - rows + 1) - gammaln(n + 1) + gammaln(n - rows + 1)
    )
    return float(np.sum(1.0 - np.exp(log_miss)))


def _sparse_table(
    estimator: Estimator | None,
    variables: list[Variable],
    rows: float,
    scheme: str,
    level: float,
) -> str:
    """Say why the joint table is too sparse for a counting family's interval.

    The criterion of the estimators' own sparse-table warning: occupied joint
    cells per sample above the family's ``interval_sparse_ratio``, counted on
    the rows each estimate of the interval sees (``n`` for the analytic rules
    and the bootstrap; the expected occupancy of the subsamples for
    ``"subsample"``, ``"extrapolate"`` and ``"block"``, whose tables are
    sparser than the full one). Measured on the 8-symbol channel (eps = 0.5,
    95%): ``james_stein`` subsampling covered 0.07 / 0.12 / 0.25 at
    n = 12 / 20 / 30, its analytic rule 0.72 / 0.59 / 0.55.
    """
    if estimator is None:
        return ""
    ratio = type(estimator).interval_sparse_ratio
    if ratio is None:
        return ""
    from mutinfo.estimators._counts_base import Cells

    counts = Cells.from_variables(*variables).counts
    n = int(counts.sum())
    m = max(1, round(rows))
    occupied = expected_occupied(counts, m)
    if occupied <= ratio * m:
        return ""
    seen = (
        f"{occupied:.0f} occupied joint cells for n_samples={n}"
        if m >= n
        else f"about {occupied:.0f} occupied joint cells in the subsamples of "
        f"{m} of the n_samples={n} rows each estimate sees ({counts.size} in all)"
    )
    return (
        f"The {scheme} {level:.4g} interval of method {estimator.name!r} rests on "
        f"{seen}: more than {ratio:g} occupied cells per sample, where the "
        "counting estimators' bias and spread are not those the interval assumes, "
        "so it covers far below its level (james_stein on an 8-symbol channel at "
        "n = 20: 0.12 of 95% by subsampling, 0.59 analytic). Collect more "
        "samples or coarsen the variables."
    )


@validate_params(
    {
        "level": Interval(float, 0.0, 1.0, closed="neither"),
        "scheme": Options(SCHEMES),
        "n_resamples": Interval(int, 1, None),
        "block_length": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def confidence_interval(
    x: Any,
    y: Any = None,
    z: Any = None,
    *,
    measure: str | None = None,
    method: Any = "auto",
    statistic: Any = None,
    level: float = 0.95,
    scheme: str = "auto",
    n_resamples: int = 1000,
    subsample_size: int | None = None,
    block_length: int | None = None,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    progress: Progress | None = None,
    **method_params: Any,
) -> ConfidenceInterval:
    """Confidence interval of an entropy, MI or CMI estimate.

    Parameters
    ----------
    x, y, z : array-like of shape (n_samples,) or (n_samples, n_features)
        The variables, as in :func:`mutinfo.estimate`.
    measure : str, optional
        ``"entropy"``, ``"conditional_entropy"``, ``"mi"`` or ``"cmi"``; by
        default inferred from the variables given (x: entropy, x and y: MI,
        x, y and z: CMI, x and z: conditional entropy).
    method : str or Estimator, default='auto'
        A registry name, ``"auto"`` or an estimator object.
    statistic : None, str or callable, default=None
        What the interval is for. ``None``: ``measure`` estimated by
        ``method``. A declared measure name (as ``measure``). Or a callable
        ``statistic(x, y[, z][, rng=...]) -> float | Result`` in nats on the
        validated values (1-D for one column), for example a transfer entropy
        or a PID atom: rows are resampled jointly, and ``scheme="auto"`` is
        subsampling (it never repeats rows); ``"analytic"`` is not available.
        ``method`` and method parameters are then not taken. A callable may
        declare its interval as a family does, through attributes:
        ``interval_scheme`` (what ``"auto"`` picks), ``interval_target`` and
        ``interval_caveat`` (what the interval covers, when it is not the
        statistic's population value; a non-empty caveat raises a
        ``BiasWarning``) and ``bias_rate`` (for ``"extrapolate"``).
    level : float, default=0.95
        Confidence level, in (0, 1).
    scheme : {'auto', 'bootstrap', 'bca', 'subsample', 'extrapolate', \
'analytic'}, default='auto'
        - ``"bootstrap"``: percentile interval of ``n_resamples`` estimates on
          rows drawn with replacement;
        - ``"bca"``: bias-corrected and accelerated bootstrap (Efron 1987); the
          acceleration comes from a delete-a-group jackknife over 100 random
          groups of rows;
        - ``"subsample"``: ``n_resamples`` estimates on ``subsample_size`` rows
          drawn without replacement; their spread, rescaled by
          ``sqrt(m / (n - m))`` (the rate correction, with the finite-population
          factor, from size ``m`` to ``n``), is put around the full estimate:
          ``[est - s q_hi, est - s q_lo]`` with ``q`` the quantiles of the
          centred subsample estimates (Politis and Romano 1994);
        - ``"extrapolate"``: the same subsamples, with the interval put around
          the bias-corrected estimate ``est - b``, where the bias ``b`` is
          extrapolated from the subsample mean ``mean_m`` under the model
          ``E[est_n] = I + c / n**a`` (``a``: the family's ``bias_rate``, 1 for
          the counting and spacing biases):
          ``b = (mean_m - est) / ((n / m)**a - 1)`` (Strong et al. 1998, who
          extrapolate entropies from fractions of the data; for ``a = 1`` and
          half-samples this is ``b = mean_m - est``, the half-sample jackknife);
        - ``"analytic"``: a closed form where the family has one: a normal
          interval with the plug-in's delete-one jackknife standard error (to
          first order the delta method) around the Miller-Madow-corrected value
          (``plugin``) or the family's own value (``miller_madow``,
          ``grassberger``, ``james_stein``, ``chao_shen``), Fisher's z for
          ``gaussian`` and ``gaussian_copula`` MI of one pair (or one partial
          correlation; the MI interval starts at 0 where that of the
          correlation reaches 0, and at the estimate when the bias-corrected
          estimate is negative), the posterior standard deviation of ``nsb``
          (entropy; NSB MI and CMI subsample);
        - ``"block"``: for rows in time order (embedded time series, see
          :func:`mutinfo.timeseries.confidence_interval`): the rows, rotated
          by a random offset, are cut into ``B`` blocks of about
          ``block_length`` consecutive rows, and each of ``n_resamples``
          resamples keeps ``B // 2`` blocks drawn without replacement (no row
          repeated); the interval is ``est +- t s sd`` with ``sd`` the
          standard deviation of the resampled estimates, ``s`` the rescaling
          of ``"subsample"`` and ``t`` Student's quantile with ``B - 1``
          degrees of freedom (the spread comes from ``B`` block values, as in
          the method of batch means);
        - ``"auto"``: per method, the scheme the calibration benchmark measured
          to cover (each family's ``interval_scheme``): analytic for the families above
          except ``chao_shen``, and ``binning`` (the rule of its discrete
          family on the binned variables, with the plug-in's jackknife bias:
          an interval for the MI of the binned variables); ``"extrapolate"``
          for ``vasicek``; subsampling for every other family.
    n_resamples : int, default=1000
        Number of resamples (ignored by ``"analytic"``). At least
        ``2 / (1 - level)`` (40 for 95%, 200 for 99%), or the tails of the
        interval fall beyond the resamples' range (``ResamplingWarning``).
    block_length : int, optional
        Rows per block of ``scheme="block"``; default from the data: three
        times the Politis-White length (:func:`mutinfo.stats.politis_white`)
        of the estimate's local values (of the variables' columns where the
        family has none), at most ``n_samples / 6``. Only for
        ``scheme="block"``: with any other scheme, whether named or picked by
        ``"auto"`` (which never picks ``"block"`` for a method; pass
        ``scheme="block"``), it is refused rather than ignored.
    subsample_size : int, optional
        Rows per subsample, ``m``; default ``n_samples // 2`` (half-sampling,
        whose rescaling factor is 1). Only for ``scheme="subsample"`` or
        ``"extrapolate"``: with ``"bootstrap"``, ``"bca"``, ``"block"`` or
        ``"analytic"``, whether named or picked by ``"auto"``, it is refused
        rather than ignored. ``"auto"`` does not switch to subsampling because
        of it (its pick is the scheme measured to cover for the method); where
        ``"auto"`` subsamples (the families without an analytic rule, or
        without one on this data), it sets the subsample.
    base : float, default=math.e
        Logarithm base of the interval.
    discrete, nan_policy
        As in :func:`mutinfo.estimate`.
    rng : None, int or numpy.random.Generator, default=None
        Seeds the point estimate (as ``mt.estimate(..., rng=rng)``) and every
        resample; each resample draws from its own stream, so the interval does
        not depend on ``n_jobs`` or ``client``.
    n_jobs : int, optional
        Local threads for the resamples (-1: every core).
    client : dask.distributed.Client, optional
        Run the resamples on this Dask cluster.
    progress : callable ``(done, total) -> None``, optional
        Called as resamples finish.
    **method_params
        Parameters of the method.

    Returns
    -------
    ConfidenceInterval
        ``low``, ``high``, ``level``, the point ``estimate``, the resolved
        ``method`` and ``scheme``, ``n_resamples`` (0 for analytic), ``unit``
        and ``target``: what the interval is built to cover, the measure itself
        (``"mi"``) or what the family estimates in its place (``"mi of the
        binned variables"``, ``"a lower bound on mi"``); for a callable
        ``statistic``, its name.

    Raises
    ------
    InvalidParameterError
        For a bad ``level``, ``scheme``, ``n_resamples`` (below 2 for a
        resampling scheme) or ``subsample_size`` (or one given with a
        scheme that draws no subsamples), ``block_length`` given with a
        scheme other than ``"block"``, or ``scheme="analytic"`` for a
        method without an analytic rule.
    InsufficientSamplesError
        When the data are too few for the scheme, or when the method refuses
        any of the resamples (``nsb`` without ``alphabet_size`` on a
        half-sample whose values are all distinct). Refused resamples are not
        skipped: the ones the method accepts are a biased selection. The
        message counts them and names the way out (usually ``scheme="auto"``).

    Warns
    -----
    BiasWarning
        For ``"bootstrap"`` or ``"bca"`` with a kNN or kernel family; and when
        the interval does not cover the measure asked for (``target`` differs
        from ``measure``): binning of continuous columns (it covers the MI of
        the binned variables), the neural bounds (a lower bound), ``kernel``
        (the MI of the kernel-smoothed densities, measured to under-cover the
        MI itself).
    ResamplingWarning
        For ``"block"`` when the series is shorter than 50 Politis-White
        lengths (long memory against the series' length: the interval is then
        measured to be too narrow); when
        the BCa correction is undefined (every resample on one side of the
        estimate; the percentile interval is returned instead), or when it needs
        quantiles beyond the range of the resamples; for every other resampling
        scheme when ``n_resamples`` is too few for ``level`` (a tail
        ``(1 - level) / 2`` below ``1 / n_resamples``: at least 40 resamples
        for 95%, 200 for 99%), as the interval is then about the range of the
        resamples and too narrow; and when a ``"bootstrap"``,
        ``"bca"`` or ``"subsample"`` interval does not contain its own
        estimate (repeated rows on a sparse table, or degenerate subsample
        estimates: see Notes).

    Notes
    -----
    Why subsampling for kNN estimators: a bootstrap sample repeats rows, and a
    repeated row is a neighbour at distance zero in every space at once, which
    KSG reads as strong dependence. Bootstrap estimates then sit far above the
    estimate (and above the truth), and percentile or BCa intervals miss it.
    Subsamples without replacement have no duplicates.

    The same holds for the counting families on a sparse table: a repeated
    row turns cells seen once into pairs, which reads as dependence, so the
    bootstrap estimates something else (``dirichlet_product`` on 40 x 40
    independent symbols at n = 100: estimate 2.6e-7 nats, bootstrap interval
    [1.37, 1.80]). A bootstrap, BCa or subsampling interval that does not
    contain its own estimate warns (``ResamplingWarning``); ``"auto"`` never
    picks the bootstrap. The plug-in's analytic rule and ``"extrapolate"``
    move the centre on purpose and are not checked.

    Why a bias-aware scheme for the plug-in: its MI is biased upwards by about
    ``(K_xy - K_x - K_y + 1) / (2 n)`` for ``K`` occupied cells; a bootstrap
    around it reproduces the spread but not the bias, so it under-covers. The
    analytic rule centres the interval on the corrected value.

    An interval for a true MI of zero cannot cover from above: an interval
    that excludes negative values misses zero whenever its lower end is
    positive. The measured coverages are in ``docs/uncertainty.md``.

    References
    ----------
    .. [1] B. Efron, "Better bootstrap confidence intervals", JASA 82 (1987).
    .. [2] D. N. Politis and J. P. Romano, "Large sample confidence regions based
       on subsamples under minimal assumptions", Ann. Stat. 22 (1994).
    .. [3] S. P. Strong, R. Koberle, R. R. de Ruyter van Steveninck, W. Bialek,
       "Entropy and information in neural spike trains", Phys. Rev. Lett. 80,
       197 (1998). doi:10.1103/PhysRevLett.80.197

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 4, 2000)
    >>> y = np.where(rng.random(2000) < 0.8, x, rng.integers(0, 4, 2000))
    >>> ci = mt.confidence_interval(x, y, rng=0)
    >>> ci.scheme, ci.method, round(ci.low, 2), round(ci.high, 2)
    ('analytic', 'miller_madow', 0.74, 0.83)
    """
    where = "confidence_interval()"
    if isinstance(x, str) and x in MEASURES:
        # mt.estimate("mi", x, y) takes the measure first; this function does not.
        raise InvalidParameterError(
            f"The 'x' parameter of confidence_interval() must be array-like. Got "
            f"the measure name {x!r} instead: pass the data first and the measure "
            f"as a keyword, confidence_interval(x, y, z, measure={x!r})."
        )
    base = check_base(base)
    level, n_res = float(level), int(n_resamples)
    if isinstance(statistic, str):
        measure, statistic = statistic, None
    if measure is None:
        measure = {
            (False, False): "entropy",
            (True, False): "mi",
            (True, True): "cmi",
            (False, True): "conditional_entropy",
        }[(y is not None, z is not None)]
    if statistic is not None and measure not in ("mi", "cmi"):
        measure = "cmi" if z is not None else "mi"
    variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
    check_rng(rng)
    estimator: Estimator | None = None
    if statistic is not None:
        stat, name = check_statistic(statistic, method, method_params, where)
        estimate = stat(variables, check_rng(rng))
        # A statistic declares its interval as a family does (attributes of
        # the callable, e.g. pid.atom_statistic); by default subsampling, for
        # the statistic itself.
        declared = getattr(statistic, "interval_scheme", "subsample")
        if declared not in ("subsample", "extrapolate", "bootstrap", "bca", "block"):
            raise InvalidParameterError(
                f"The statistic {name!r} declares interval_scheme={declared!r}; it "
                "must be 'subsample', 'extrapolate', 'bootstrap' or 'bca'. Fix the "
                "attribute or pass scheme= explicitly."
            )
        chosen = declared if scheme == "auto" else scheme
        least, duplicate_sensitive = 2, False
        target = str(getattr(statistic, "interval_target", name))
        caveat = str(getattr(statistic, "interval_caveat", ""))
        rate = float(getattr(statistic, "bias_rate", 1.0))
        if caveat:
            warn(
                f"The interval of the statistic {name!r} covers {target}: {caveat}",
                BiasWarning,
            )
        if chosen == "analytic":
            raise InvalidParameterError(
                f"scheme='analytic' has no rule for the statistic {name!r}. Use "
                "scheme='auto' (subsampling), 'bca' or 'bootstrap'."
            )
    else:
        estimator = make_estimator(method, measure, method_params, variables, rng)
        result = estimator.compute(measure, variables)
        estimate, name = result.value, estimator.name
        stat = functools.partial(statistic_of, estimator, measure)
        chosen = auto_scheme(estimator) if scheme == "auto" else scheme
        least = estimator.min_samples()
        duplicate_sensitive = type(estimator).duplicate_sensitive
        target, caveat = estimator.interval_cover(measure, variables)
        rate = estimator.interval_bias_rate(measure, variables)
        if caveat:
            warn(
                f"The interval of method {name!r} covers {target}, not {measure}: "
                f"{caveat}",
                BiasWarning,
            )
    scale = 1.0 / math.log(base)
    n = variables[0].n_samples

    def done(low: float, high: float, used: str, count: int) -> ConfidenceInterval:
        return ConfidenceInterval(
            low=low * scale,
            high=high * scale,
            level=level,
            estimate=estimate * scale,
            method=name,
            scheme=used,
            n_resamples=count,
            unit=unit_name(base),
            target=target,
        )

    def refusal_advice(used: str) -> str:
        """Say what to do when the method refuses resamples of scheme ``used``."""
        options = []
        if estimator is not None:
            rule = rule_for(estimator)
            if rule is not None and rule(estimator, measure, variables, result, level):
                options.append("scheme='analytic' (this method has a rule here)")
        if used in ("subsample", "extrapolate"):
            options.append("a larger subsample_size")
        options.append("more samples")
        return "Use " + ", ".join(options) + ", or what the method's message says."

    def unused(used: str) -> None:
        """Refuse ``subsample_size`` or ``block_length`` that ``used`` ignores.

        Both were once ignored silently: an interval that looked like the
        one asked for, from resamples of another size. Under ``scheme="auto"``
        they are refused too, rather than switching the scheme: ``"auto"``
        picks what the calibration benchmark measured to cover, and a
        subsample or block interval around, say, the plug-in's biased
        estimate does not.
        """
        given = [
            (param, value, wants, fix)
            for param, value, wants, fix in (
                (
                    "subsample_size",
                    subsample_size,
                    ("subsample", "extrapolate"),
                    "Pass scheme='subsample' to estimate on subsamples of that "
                    "size, or leave subsample_size out.",
                ),
                (
                    "block_length",
                    block_length,
                    ("block",),
                    "Pass scheme='block' for rows in time order (blocks of "
                    "that many consecutive rows), or leave block_length out.",
                ),
            )
            if value is not None and used not in wants
        ]
        if not given:
            return
        param, value, wants, fix = given[0]
        what = " or ".join(repr(w) for w in wants)
        picked = (
            f"scheme='auto' picked {used!r} for method {name!r} (what 'auto' "
            f"picks does not change with {param}), and {used!r}"
            if scheme == "auto"
            else f"scheme={used!r}"
        )
        raise InvalidParameterError(
            f"The {param!r} parameter of {where} applies to scheme={what} only; "
            f"{picked} does not use it and would ignore it. Got "
            f"{param}={value!r}. {fix}"
        )

    if chosen == "analytic" and estimator is not None:
        rule = rule_for(estimator)
        bounds = (
            None if rule is None else rule(estimator, measure, variables, result, level)
        )
        if bounds is not None:
            unused("analytic")
            if why := _sparse_table(estimator, variables, n, "analytic", level):
                warn(why, ResamplingWarning)
            return done(bounds[0], bounds[1], "analytic", 0)
        if scheme == "analytic":
            have = ", ".join(repr(k) for k in sorted(ANALYTIC))
            raise InvalidParameterError(
                f"scheme='analytic' has no rule for method {estimator.name!r} and "
                f"measure {measure!r} on this data (rules exist for {have}; the "
                "Gaussian rule covers one x and one y column). Use scheme='auto', "
                "'bca' or 'subsample'."
            )
        chosen = "subsample"

    unused(chosen)
    if n_res < 2:
        # One resample has no spread: the percentile schemes would return the
        # zero-width interval [v, v] and "block" a NaN one, with no warning.
        raise InvalidParameterError(
            f"The 'n_resamples' parameter of {where} must be at least 2 for "
            f"scheme={chosen!r} (one resample has no spread; the interval would "
            f"have zero width). Got {n_res} instead. Pass n_resamples=1000 (the "
            "default), or scheme='analytic' where the method has a rule."
        )
    if chosen != "bca" and (why := _few_resamples(n_res, level, chosen)):
        # (BCa warns below, on the quantiles its correction moves to.)
        warn(why, ResamplingWarning)
    if chosen in ("bootstrap", "bca") and duplicate_sensitive:
        warn(
            f"Bootstrap resamples repeat rows, which method {name!r} reads "
            "as neighbours at distance zero: the interval is biased upwards and "
            "does not cover. Use scheme='subsample' (what scheme='auto' picks).",
            BiasWarning,
        )

    alpha = 1.0 - level
    entropy = entropy_of(rng)
    run = functools.partial(
        execute, n_jobs=n_jobs, client=client, quiet=(MutinfoWarning,)
    )
    if chosen == "block":
        local = None if estimator is None else result.local
        if local is None or np.shape(local)[0] != n or not np.all(np.isfinite(local)):
            local = np.column_stack([v.values for v in variables])
        # The memory, in rows: the Politis-White length of the local values
        # (or the user's block length). Blocks are BLOCK_SCALE times longer
        # (at most n / MIN_BLOCKS rows), which covered closer to nominal.
        memory = politis_white(local) if block_length is None else int(block_length)
        length = (
            min(BLOCK_SCALE * memory, n / MIN_BLOCKS)
            if block_length is None
            else memory
        )
        blocks = block_count(n, length)
        half = n * (blocks // 2) // max(blocks, 1)
        if blocks < MIN_BLOCKS or half < max(2, least):
            raise InsufficientSamplesError(
                f"scheme='block' cuts n_samples={n} rows into blocks of "
                f"{length:.0f} rows: {blocks} block(s), fewer than the "
                f"{MIN_BLOCKS} it needs (or half-samples of {half} rows, too few "
                f"for method {name!r}). Use a longer series, or pass a smaller "
                f"block_length (at most {n // MIN_BLOCKS})."
            )
        if n < FEW_BLOCKS * memory:
            warn(
                f"scheme='block' found a memory of {memory:.0f} rows "
                f"(Politis-White) in {n} rows, fewer than {FEW_BLOCKS} such "
                "spans: the interval is likely too narrow (it covered 0.88-0.89 "
                "of 95% on a Gaussian AR(1) with coefficient 0.9 at 500 steps, "
                "docs/uncertainty.md). Use a longer series.",
                ResamplingWarning,
            )
        block_func = functools.partial(
            _block_item, stat=stat, variables=variables, blocks=blocks
        )
        pairs = run(block_func, range(n_res), entropy=entropy, progress=progress)
        m_mean = float(np.mean([size for _, size in pairs]))
        values = _accepted(
            [value for value, _ in pairs],
            kind="block half-samples",
            rows=f"about {m_mean:.0f} of the n_samples={n} rows each",
            name=name,
            scheme="block",
            advice=refusal_advice("block"),
        )
        if why := _sparse_table(estimator, variables, m_mean, "block", level):
            warn(why, ResamplingWarning)
        # Half-samples of B blocks estimate the spread from B block values, a
        # batch-means variance with B - 1 degrees of freedom: the interval is
        # the estimate +- Student's t_{B-1} quantile times the rescaled spread.
        # (Symmetric: the quantiles of half-samples would mirror their skew,
        # which is sqrt(2) times the full sample's, and over-correct it.)
        from scipy.stats import t as student

        half_width = (
            float(student.ppf(1 - alpha / 2, blocks - 1))
            * math.sqrt(m_mean / (n - m_mean))
            * float(values.std(ddof=1))
        )
        return done(estimate - half_width, estimate + half_width, "block", n_res)

    if chosen in ("subsample", "extrapolate"):
        m = n // 2 if subsample_size is None else subsample_size
        low_m = max(2, least)
        if (
            isinstance(m, bool)
            or not isinstance(m, int | np.integer)
            or not low_m <= m < n
        ):
            if subsample_size is None:
                raise InsufficientSamplesError(
                    f"Subsampling needs n_samples // 2 >= {low_m} for method "
                    f"{name!r}; got n_samples={n}. Use more samples or "
                    "scheme='bca'."
                )
            raise InvalidParameterError(
                f"The 'subsample_size' parameter of {where} must be an int in the "
                f"range [{low_m}, {n - 1}] for method {name!r} and "
                f"n_samples={n}. Got {subsample_size!r} instead."
            )
        size, replace = int(m), False
    else:
        size, replace = n, True
    if why := _sparse_table(estimator, variables, size, chosen, level):
        warn(why, ResamplingWarning)

    func = functools.partial(
        _resample_item,
        stat=stat,
        variables=variables,
        size=size,
        replace=replace,
    )
    values = _accepted(
        run(func, range(n_res), entropy=entropy, progress=progress),
        kind="subsamples" if not replace else "bootstrap resamples",
        rows=f"{size} of the n_samples={n} rows each"
        + (", drawn with replacement" if replace else ""),
        name=name,
        scheme=chosen,
        advice=refusal_advice(chosen),
    )

    # The kNN and kernel families were warned above; for them the check below
    # would repeat it.
    check = not (chosen in ("bootstrap", "bca") and duplicate_sensitive)
    if chosen in ("subsample", "extrapolate"):
        s = math.sqrt(size / (n - size))
        dev = values - values.mean()
        q_lo, q_hi = _percentile(dev, alpha / 2, 1 - alpha / 2)
        centre = estimate
        if chosen == "extrapolate":
            centre -= extrapolated_bias(estimate, float(values.mean()), n, size, rate)
        low, high = centre - s * q_hi, centre - s * q_lo
        if chosen == "subsample" and (
            why := _excluded(low, high, estimate, values, chosen, name)
        ):
            warn(why, ResamplingWarning)
        return done(low, high, chosen, n_res)

    if chosen == "bootstrap":
        lo, hi = _percentile(values, alpha / 2, 1 - alpha / 2)
        if check and (why := _excluded(lo, hi, estimate, values, chosen, name)):
            warn(why, ResamplingWarning)
        return done(lo, hi, "bootstrap", n_res)

    # BCa
    below = np.count_nonzero(values < estimate)
    ties = np.count_nonzero(values == estimate)
    prop = (below + 0.5 * ties) / n_res
    if not 0.0 < prop < 1.0:
        lo, hi = _percentile(values, alpha / 2, 1 - alpha / 2)
        why = _excluded(lo, hi, estimate, values, "bootstrap", name) if check else ""
        warn(
            f"Every bootstrap estimate lies on one side of the estimate {estimate:.4g}"
            " nats, so the BCa correction is undefined; returning the percentile "
            "interval. " + (why or "Use more samples or scheme='subsample'."),
            ResamplingWarning,
        )
        return done(lo, hi, "bootstrap", n_res)
    normal = NormalDist()
    z0 = normal.inv_cdf(prop)
    groups = min(n, _JACKKNIFE_GROUPS)
    labels = (check_rng(entropy).permutation(n) % groups).astype(np.intp)
    jack_func = functools.partial(
        _jackknife_item,
        stat=stat,
        variables=variables,
        labels=labels,
    )
    jack = _accepted(
        run(jack_func, range(groups), entropy=entropy + 1),
        kind="jackknife samples of the BCa acceleration",
        rows=f"about {n - n // groups} of the n_samples={n} rows each",
        name=name,
        scheme="bca",
        advice=refusal_advice("bca"),
    )
    u = jack.mean() - jack
    denom = 6.0 * float(np.sum(u**2)) ** 1.5
    accel = float(np.sum(u**3)) / denom if denom > 0 else 0.0
    probs = []
    for a in (alpha / 2, 1 - alpha / 2):
        za = normal.inv_cdf(a)
        probs.append(normal.cdf(z0 + (z0 + za) / (1.0 - accel * (z0 + za))))
    lo, hi = _percentile(values, probs[0], probs[1])
    why = _excluded(lo, hi, estimate, values, "bca", name) if check else ""
    if min(probs) < 1.0 / n_res or max(probs) > 1.0 - 1.0 / n_res:
        warn(
            f"The BCa interval needs the {min(probs):.2g} and {max(probs):.2g} "
            f"quantiles of {n_res} bootstrap estimates, beyond their range, so it is "
            "clamped to the extreme resamples and too narrow (the estimator's bias "
            "is large against its spread). "
            + (why or "Use more resamples or scheme='auto'."),
            ResamplingWarning,
        )
    elif why:
        warn(why, ResamplingWarning)
    return done(lo, hi, "bca", n_res)
