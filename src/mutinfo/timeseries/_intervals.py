"""Confidence intervals of time-series measures: blocks of embedded time steps."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from mutinfo._params import AnyOf, Interval, IsNone, Options, validate_params
from mutinfo._result import ConfidenceInterval
from mutinfo.exceptions import InvalidParameterError
from mutinfo.stats import SCHEMES
from mutinfo.stats import confidence_interval as _stats_interval
from mutinfo.timeseries._embed import embed
from mutinfo.timeseries._measures import _LAGS, _history, _source_in_past

__all__ = ["INTERVAL_MEASURES", "confidence_interval"]

#: Measures with an interval, and the front-door measure each composes.
INTERVAL_MEASURES: dict[str, str] = {
    "te": "cmi",
    "ais": "mi",
    "entropy_rate": "conditional_entropy",
    "lagged_mi": "mi",
}


@validate_params(
    {
        "measure": Options(tuple(INTERVAL_MEASURES)),
        "level": Interval(float, 0.0, 1.0, closed="neither"),
        "scheme": Options(SCHEMES),
        "n_resamples": Interval(int, 1, None),
        "block_length": AnyOf((IsNone(), Interval(int, 1, None))),
    }
    | _LAGS
)
def confidence_interval(
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
    method: Any = "auto",
    level: float = 0.95,
    scheme: str = "auto",
    n_resamples: int = 1000,
    block_length: int | None = None,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    **method_params: Any,
) -> ConfidenceInterval:
    """Confidence interval of a time-series measure, resampling blocks of time steps.

    The measure is embedded as in :func:`estimate` and its interval is
    :func:`mutinfo.confidence_interval` on the embedded histories. The rows of
    an embedding are consecutive time steps, not independent draws: an
    interval that resamples them one by one measures the spread on
    independent rows, too small for a series with memory (on a Gaussian
    AR(1) with coefficient 0.9 such intervals covered 0.58-0.74 of 95%).
    ``scheme="auto"`` therefore resamples blocks of consecutive steps
    (``"block"``: half of ``B`` blocks, drawn without replacement, the block
    length from the data by the Politis-White rule applied to the estimate's
    local values; a Student-t interval, as for batch means; see
    :func:`mutinfo.confidence_interval`). The other schemes
    are available as for independent rows.

    Parameters
    ----------
    measure : {'te', 'ais', 'entropy_rate', 'lagged_mi'}
        ``"te"``: ``x`` the source, ``y`` the target; ``"lagged_mi"``: ``x``
        the source, ``y`` the target or None; ``"ais"`` and
        ``"entropy_rate"``: ``x`` only.
    x, y : array-like of shape (n_steps,) or (n_steps, n_features), or a list of them
        The series (a list: realisations, pooled; a block may span a join).
    k, l, delay, k_tau, l_tau, cond, cond_l, cond_delay
        Embedding, as in :func:`transfer_entropy` (``k='auto'``: Ragwitz's
        criterion, for ``'te'``, ``'ais'`` and ``'entropy_rate'``).
    method : str or Estimator, default='auto'
        A registry name, ``"auto"`` or an estimator object.
    level : float, default=0.95
        Confidence level, in (0, 1).
    scheme : str, default='auto'
        ``"auto"`` is ``"block"``; any scheme of
        :func:`mutinfo.confidence_interval`.
    n_resamples : int, default=1000
        Number of resamples.
    block_length : int, optional
        Embedded steps per block; default from the data (three Politis-White
        lengths of the local values, see :func:`mutinfo.confidence_interval`).
    base, discrete, nan_policy, rng, n_jobs, client, **method_params
        As in :func:`mutinfo.confidence_interval`.

    Returns
    -------
    ConfidenceInterval
        ``target`` names the time-series measure (``"te"``, ...) when the
        family covers the composed measure itself, and the family's own
        target otherwise (``"a lower bound on mi"``).

    Raises
    ------
    InvalidParameterError
        For bad parameters, or ``theiler=`` (a Theiler window follows row
        times, which resampling reorders).
    InsufficientSamplesError
        For ``"block"`` when fewer than 6 blocks fit.

    Warns
    -----
    ResamplingWarning
        For ``"block"`` when the series is shorter than 50 Politis-White
        lengths: long memory against the series' length, where the interval
        is measured to be too narrow.
    BiasWarning
        When the family's interval covers something other than the measure
        (as in :func:`mutinfo.confidence_interval`).

    Notes
    -----
    Where :func:`transfer_entropy` is 0 by definition (every column of the
    source history is also conditioned on: a series' TE to itself with
    ``l <= k`` and ``delay=1``, or a source that is also a condition), the
    interval is ``[0, 0]`` around the estimate 0, as that function returns.

    Measured coverage of 95% intervals (``benchmarks/calibration.py --part
    series``, docs/uncertainty.md): AIS of Gaussian AR(1) series and TE of
    coupled Gaussian autoregressions against their closed forms.

    References
    ----------
    .. [1] H. R. Kunsch, "The jackknife and the bootstrap for general stationary
       observations", Ann. Stat. 17, 1217-1241 (1989).
    .. [2] D. N. Politis and H. White, "Automatic block-length selection for the
       dependent bootstrap", Econometric Reviews 23, 53-70 (2004).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.signal import lfilter
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = lfilter([1.0], [1.0, -0.5], rng.normal(size=3000))  # AIS 0.144 nats
    >>> ci = ts.confidence_interval("ais", x, method="gaussian", n_resamples=200, rng=0)
    >>> ci.scheme, ci.target, round(ci.low, 3), round(ci.high, 3)
    ('block', 'ais', 0.121, 0.163)
    """
    where = f"ts.confidence_interval({measure!r})"
    if "theiler" in method_params:
        raise InvalidParameterError(
            f"{where} does not take 'theiler': a Theiler window follows the rows' "
            "times, which resampling reorders. Drop it, or use ts.estimate for the "
            "estimate alone."
        )
    if measure == "te" and y is None:
        raise InvalidParameterError(
            f"{where} needs the source 'x' and the target 'y'; got y=None."
        )
    if measure in ("ais", "entropy_rate") and y is not None:
        raise InvalidParameterError(
            f"measure={measure!r} takes one series 'x'; got a 'y' too. Pass y=None."
        )
    if measure != "te" and cond is not None:
        raise InvalidParameterError(
            f"The 'cond' parameter is taken by measure='te' only; got "
            f"measure={measure!r}."
        )
    if "auto" in (k, k_tau) and measure == "lagged_mi":
        raise InvalidParameterError(
            "k='auto' and k_tau='auto' choose the history of measure='te', 'ais' "
            "and 'entropy_rate'; got measure='lagged_mi'. Pass integers."
        )
    args: tuple[Any, Any, Any]
    zero = False  # TE 0 by definition (the source history is conditioned on)
    if measure == "lagged_mi":
        target = x if y is None else y
        e = embed(target, x, k=0, delay=delay, nan_policy=nan_policy, where=where)
        args = (e.source_past, e.future, None)
    else:
        series = y if measure == "te" else x
        kk, kt, _ = _history(series, k, k_tau, method_params, nan_policy, where)
        if measure == "te":
            e = embed(
                y,
                x,
                k=kk,
                k_tau=kt,
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
            args = (e.future, e.source_past, e.conditioning)
            zero = _source_in_past(e.source_past, e.conditioning) is not None
        else:
            e = embed(x, k=kk, k_tau=kt, nan_policy=nan_policy, where=where, min_k=1)
            if measure == "ais":
                args = (e.future, e.target_past, None)
            else:
                args = (e.future, None, e.target_past)
    composed = INTERVAL_MEASURES[measure]
    ci = _stats_interval(
        *args,
        measure=composed,
        method=method,
        level=level,
        scheme="block" if scheme == "auto" else scheme,
        n_resamples=n_resamples,
        block_length=block_length,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        n_jobs=n_jobs,
        client=client,
        **method_params,
    )
    if zero:
        # As transfer_entropy: every source column is in the conditioning, so
        # TE is exactly 0; the estimator's resampled noise around its bias
        # (KSG: [-0.083, -0.057] for a series' TE to itself) excluded it.
        ci = replace(ci, low=0.0, high=0.0, estimate=0.0)
    return replace(ci, target=measure) if ci.target == composed else ci
