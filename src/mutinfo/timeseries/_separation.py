"""Mutual information versus separation, I(d), and its power-law / exponential fit."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo._api import estimator_for
from mutinfo._params import AnyOf, IsNone, Options, check_rng, validate_params
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidParameterError,
    warn,
)
from mutinfo.timeseries._embed import as_realisations, join, log_spaced

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SeparationFit", "fit_separation", "mi_vs_separation"]


def _distances(distances: Any, n: int) -> list[int]:
    if isinstance(distances, int | np.integer) and not isinstance(distances, bool):
        if distances < 1:
            raise InvalidParameterError(
                "The 'distances' parameter of mi_vs_separation() must be a positive "
                "int (the largest distance, log-spaced) or a list of them. Got "
                f"{distances} instead."
            )
        values = log_spaced(int(distances))
    else:
        values = _listed_distances(distances)
    if max(values) >= n:
        raise InsufficientSamplesError(
            "The 'distances' parameter of mi_vs_separation() needs a sequence longer "
            f"than the largest distance; got max distance {max(values)} for a "
            f"realisation of {n} steps. Pass a largest distance below {n}."
        )
    return values


def _listed_distances(distances: Any) -> list[int]:
    values = [int(d) for d in np.asarray(distances).ravel()]
    if (
        not values
        or min(values) < 1
        or any(
            float(a) != float(b)
            for a, b in zip(values, np.asarray(distances).ravel(), strict=True)
        )
    ):
        raise InvalidParameterError(
            "The 'distances' parameter of mi_vs_separation() must hold positive ints. "
            f"Got {distances!r} instead."
        )
    return values


def _pairs(seqs: list[Any], d: int) -> tuple[Any, Any]:
    a = join([s[:-d] for s in seqs])
    b = join([s[d:] for s in seqs])
    return a, b


@validate_params(
    {
        "baseline": AnyOf((IsNone(), Options(("shuffle",)))),
    }
)
def mi_vs_separation(
    seq: Any,
    distances: Any = 64,
    *,
    method: Any = "auto",
    baseline: str | None = "shuffle",
    base: float = math.e,
    discrete: Any = "auto",
    rng: Any = None,
    **method_params: Any,
) -> pd.DataFrame:
    """Mutual information between symbols ``d`` apart, ``I(d) = I(X_t ; X_{t+d})``.

    Lin & Tegmark's diagnostic of long-range dependence: ``I(d)`` decays
    exponentially for a Markov (finite-state) source and as a power law for
    hierarchical (critical) ones such as natural language. Symbols may be
    characters (a string), words (a list of strings), integers or floats (a
    continuous series: ``"auto"`` then resolves as :func:`mutinfo.mi` does).

    Parameters
    ----------
    seq : str, sequence, array-like of shape (n_steps,) or (n_steps, d), or list
        The sequence (a list of arrays: realisations, pooled). A string is a
        sequence of characters; a list of strings a sequence of words.
    distances : int or sequence of int, default=64
        The separations ``d``; an int ``D`` gives about 20 log-spaced values
        in ``[1, D]``.
    method : str or Estimator, default='auto'
        ``"auto"``: ``"grassberger"`` (bias-corrected, as Lin & Tegmark used
        Grassberger's estimator) for symbols, the front door's rule otherwise.
    baseline : {'shuffle'} or None, default='shuffle'
        ``"shuffle"``: the same estimate on a random permutation of the
        sequence (true I(d) = 0): the estimator's floor at this n and
        alphabet. Several realisations are shuffled together (pooled, then
        cut back to their lengths), so symbol counts that differ between
        realisations carry no dependence into the floor. None: no baseline.
    base : float, default=math.e
        Logarithm base.
    discrete : bool or 'auto', default='auto'
        Symbols (strings, integers) are discrete under ``"auto"``.
    rng : None, int or numpy.random.Generator, default=None
        Seeds the shuffle and the estimator.
    **method_params
        Parameters of the method.

    Returns
    -------
    pandas.DataFrame
        Columns ``distance``, ``mi``, ``baseline`` (NaN without one) and
        ``n_pairs``; ``attrs["method"]`` the resolved method and
        ``attrs["unit"]``.

    See Also
    --------
    fit_separation : power law versus exponential decay of ``I(d)``.

    References
    ----------
    .. [1] H. W. Lin and M. Tegmark, "Critical behavior in physics and
       probabilistic formal languages", Entropy 19, 299 (2017),
       doi:10.3390/e19070299.

    Examples
    --------
    >>> from mutinfo import datasets, timeseries as ts
    >>> x = datasets.binary_markov_chain(0.1).sample(20000, rng=0)
    >>> frame = ts.mi_vs_separation(x, [1, 2, 4], rng=0)
    >>> frame.columns.tolist(), frame.attrs["method"]
    (['distance', 'mi', 'baseline', 'n_pairs'], 'grassberger')
    """
    import pandas as pd

    seqs = [s[:, 0] if s.shape[1] == 1 else s for s in as_realisations(seq, "seq")]
    shortest = min(len(s) for s in seqs)
    ds = _distances(distances, shortest)
    gen = check_rng(rng)
    symbols = all(s.dtype.kind in "iub" for s in seqs)
    if method == "auto" and symbols and discrete in ("auto", True):
        method = "grassberger"
    a0, b0 = _pairs(seqs, ds[0])
    est = estimator_for(
        "mi", a0, b0, method=method, discrete=discrete, rng=gen, **method_params
    )
    shuffled = _shuffle_pooled(seqs, gen) if baseline else None
    rows = []
    unit = ""
    for d in ds:
        a, b = _pairs(seqs, d)
        res = est.mi(a, b, base=base, discrete=discrete)
        mi, unit = res.value, res.unit
        floor = math.nan
        if shuffled is not None:
            sa, sb = _pairs(shuffled, d)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", BiasWarning)
                floor = est.mi(sa, sb, base=base, discrete=discrete).value
        rows.append({"distance": d, "mi": mi, "baseline": floor, "n_pairs": len(a)})
    frame = pd.DataFrame(rows)
    frame.attrs["method"] = est.name
    frame.attrs["unit"] = unit
    return frame


def _shuffle_pooled(seqs: list[Any], gen: np.random.Generator) -> list[Any]:
    """Permute the pooled realisations and cut them back to their lengths.

    Shuffling each realisation on its own keeps its symbol counts, so pairs
    drawn from realisations with different compositions stay dependent (true
    I(d) > 0 in the shuffled data); a pooled permutation leaves none.
    """
    pooled = join(seqs)
    pooled = pooled[gen.permutation(len(pooled))]
    cuts = np.cumsum([len(s) for s in seqs])[:-1]
    return list(np.split(pooled, cuts))


@dataclass(frozen=True)
class SeparationFit:
    """Power law ``I = A d^-alpha`` versus exponential ``I = B exp(-d / xi)``.

    Both are least-squares lines in ``log I`` (against ``log d`` and ``d``),
    with two parameters each, so the residual sums of squares compare
    directly (equivalent to comparing AIC or BIC).

    Attributes
    ----------
    exponent : float
        ``alpha`` of the power law.
    amplitude : float
        ``A``.
    decay_length : float
        ``xi`` of the exponential (``inf`` for no decay).
    exp_amplitude : float
        ``B``.
    rss_power, rss_exponential : float
        Residual sums of squares in ``log I``.
    better : str
        ``"power_law"`` or ``"exponential"`` (smaller RSS).
    criterion : str
        ``"rss of log I (equal parameter counts)"``.
    n_points : int
        Distances used (those with ``I(d) > 0`` after the baseline).
    """

    exponent: float
    amplitude: float
    decay_length: float
    exp_amplitude: float
    rss_power: float
    rss_exponential: float
    better: str
    criterion: str
    n_points: int


#: The columns :func:`mi_vs_separation` writes; other columns label stacked runs.
FRAME_COLUMNS: tuple[str, ...] = ("distance", "mi", "baseline", "n_pairs")


def run_columns(frame: Any) -> list[str]:
    """Return the columns that tell stacked ``I(d)`` runs apart.

    Every column besides those :func:`mi_vs_separation` writes that holds
    labels (strings, ints, bools, categories: ``frame.assign(text="A")``,
    ``seed``, ``method``, ``unit``) and a ``base`` column. Float columns are
    left out (per-distance numbers a user added, such as a standard error).
    """
    out = []
    for c in frame.columns:
        if c in FRAME_COLUMNS:
            continue
        if c == "base" or getattr(frame[c].dtype, "kind", "O") != "f":
            out.append(c)
    return out


def stacked_runs(frame: Any, by: list[str] | None, where: str) -> list[str]:
    """Return the columns whose values split ``frame`` into runs, warning if pooled.

    A frame of one :func:`mi_vs_separation` call has each distance once.
    Repeated distances mean stacked runs (``pandas.concat`` of several
    frames): the columns of ``by`` (default :func:`run_columns`) that vary
    split them. Where distances still repeat within a run, rows of one design
    (the same run with other seeds, or frames no column tells apart) are
    pooled into one curve, with a :class:`~mutinfo.exceptions.DataWarning`
    (as :func:`mutinfo.plot.rbn_sweep` pools replicates).
    """
    if not frame["distance"].duplicated().any():
        return []
    keys = run_columns(frame) if by is None else list(by)
    missing = set(keys) - set(frame.columns)
    if missing:
        raise InvalidParameterError(
            f"The 'by' parameter of {where} must name columns of the frame; "
            f"it lacks {sorted(missing)}. Columns: {list(frame.columns)}."
        )
    varying = [c for c in keys if frame[c].nunique(dropna=False) > 1]
    pooled = frame.duplicated([*varying, "distance"], keep=False)
    if pooled.any():
        apart = f" besides the columns {varying} that split runs" if varying else ""
        warn(
            f"{int(pooled.sum())} rows of the frame repeat a distance{apart}: "
            "stacked I(d) runs that no column tells apart (the same sequence "
            f"with other seeds, or frames stacked without a label) are pooled "
            f"into one curve by {where}. If they are different sequences, add a "
            'column naming each run (frame.assign(run="A")) before stacking and '
            "fit or draw each run apart.",
            DataWarning,
        )
    return varying


def fit_separation(frame: Any, *, subtract_baseline: bool = False) -> SeparationFit:
    """Fit a power law and an exponential to ``I(d)`` and say which fits better.

    One curve per call: a frame of several stacked runs (``pandas.concat`` of
    :func:`mi_vs_separation` frames: repeated distances) is fitted as one
    curve through every run's points with a
    :class:`~mutinfo.exceptions.DataWarning` naming the columns that tell the
    runs apart; fit each run instead (``{key: fit_separation(run) for key,
    run in frame.groupby(...)}``), or draw them with
    :func:`mutinfo.plot.separation`, which fits each run.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`mi_vs_separation` (columns ``distance``, ``mi``,
        ``baseline``).
    subtract_baseline : bool, default=False
        Fit ``mi - baseline`` (the estimate above the shuffled floor).

    Returns
    -------
    SeparationFit

    Raises
    ------
    InsufficientSamplesError
        Fewer than 3 distances with a positive value.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from mutinfo import timeseries as ts
    >>> d = np.arange(1, 30)
    >>> fit = ts.fit_separation(pd.DataFrame({"distance": d, "mi": 0.5 * d**-0.7}))
    >>> fit.better, round(fit.exponent, 6)
    ('power_law', 0.7)
    """
    _warn_stacked(frame)
    return fit_curve(frame, subtract_baseline=subtract_baseline)


def _warn_stacked(frame: Any) -> None:
    """Warn that the stacked runs of ``frame`` are fitted as one curve."""
    if not frame["distance"].duplicated().any():
        return
    keys = run_columns(frame)
    varying = [c for c in keys if frame[c].nunique(dropna=False) > 1]
    if not varying:
        stacked_runs(frame, None, "fit_separation()")
        return
    runs = int(frame.groupby(varying, dropna=False).ngroups)
    warn(
        f"The frame holds {runs} stacked I(d) runs (distances repeat; the "
        f"columns {varying} tell them apart), and fit_separation() fits one "
        "curve through all their points: the exponent and decay length mix "
        "the runs. Fit each run: {key: fit_separation(run) for key, run in "
        f"frame.groupby({varying!r})}}, or draw them with plot.separation(), "
        "which fits each run.",
        DataWarning,
    )


def fit_curve(frame: Any, *, subtract_baseline: bool = False) -> SeparationFit:
    """:func:`fit_separation` without the check for stacked runs."""
    d = np.asarray(frame["distance"], dtype=np.float64)
    y = np.asarray(frame["mi"], dtype=np.float64)
    if subtract_baseline:
        y = y - np.asarray(frame["baseline"], dtype=np.float64)
    keep = np.isfinite(y) & (y > 0)
    if keep.sum() < 3:
        raise InsufficientSamplesError(
            "fit_separation() needs at least 3 distances with a positive I(d); got "
            f"{int(keep.sum())}. Use more distances or a longer sequence."
        )
    d, logy = d[keep], np.log(y[keep])
    p_pow, res_pow = np.polyfit(np.log(d), logy, 1, full=True)[:2]
    p_exp, res_exp = np.polyfit(d, logy, 1, full=True)[:2]
    rss_pow = float(res_pow[0]) if len(res_pow) else 0.0
    rss_exp = float(res_exp[0]) if len(res_exp) else 0.0
    return SeparationFit(
        exponent=float(-p_pow[0]),
        amplitude=float(np.exp(p_pow[1])),
        decay_length=float(-1.0 / p_exp[0]) if p_exp[0] != 0 else math.inf,
        exp_amplitude=float(np.exp(p_exp[1])),
        rss_power=rss_pow,
        rss_exponential=rss_exp,
        better="power_law" if rss_pow <= rss_exp else "exponential",
        criterion="rss of log I (equal parameter counts)",
        n_points=int(keep.sum()),
    )
