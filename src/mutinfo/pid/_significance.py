"""PID atoms as statistics: shuffle-null p-values and intervals (``mutinfo.stats``)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import (
    PERMUTATIONS,
    Interval,
    Options,
    check_rng,
    validate_params,
)
from mutinfo._result import check_base, unit_name
from mutinfo._validation import label_array
from mutinfo.discrete._distribution import label_codes
from mutinfo.exceptions import BiasWarning, InvalidDataError, InvalidParameterError
from mutinfo.pid._decompose import MEASURES
from mutinfo.pid._lattice import MAX_SOURCES, lattice
from mutinfo.pid._samples import (
    check_rows_aligned,
    decompose_samples,
    source_columns,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["atom_significance", "atom_statistic"]


def _one_column(values: ArrayLike) -> NDArray[Any]:
    """Return a 1-D column; an (n, 1) array is read as its column."""
    arr = label_array(values)
    return arr[:, 0] if arr.ndim == 2 and arr.shape[1] == 1 else arr


def _sources(x: NDArray[Any]) -> list[NDArray[Any]]:
    return [x[:, j] for j in range(x.shape[1])] if x.ndim == 2 else [x]


@validate_params({"measure": Options(tuple(MEASURES))})
def atom_statistic(node: str, *, measure: str = "ccs") -> Callable[..., float]:
    """Return ``f(x, y) -> float``: one PID atom of discrete samples, in nats.

    Each column of ``x`` is one source and ``y`` the target; ``f`` returns
    the atom ``node`` of :func:`decompose_samples` with ``measure``. Pass it as
    ``statistic=`` to :func:`mutinfo.independence_test` (the surrogates
    shuffle the target: the null of no information about it, under which
    every atom is 0) or to :func:`mutinfo.confidence_interval` (rows
    resampled jointly).

    Parameters
    ----------
    node : str
        A lattice node, for example ``"{0:1}"`` (synergy of two sources),
        ``"{0}"`` (unique information of source 0) or ``"{0}{1}"``.
    measure : {"ccs", "imin", "mmi", "broja", "dep", "pm"}, default="ccs"
        The redundancy measure.

    Returns
    -------
    callable
        ``f(x, y)`` in nats, named ``pid_<measure>_<node>``.

    Raises
    ------
    InvalidParameterError
        For an unknown measure, or (when called) a node that the lattice of
        ``x``'s sources does not have.

    Notes
    -----
    The plug-in atoms are biased in small samples (mostly synergy upward);
    the test's ``effective_value`` (statistic minus the shuffled mean)
    corrects the estimate by the null's bias. BiasWarnings of the surrogate
    decompositions are silenced by the test; the statistic itself silences
    them too, so call :func:`decompose_samples` once to see them.

    Examples
    --------
    >>> import numpy as np
    >>> import mutinfo as mt
    >>> from mutinfo import pid
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, (400, 2))
    >>> y = x[:, 0] ^ x[:, 1]
    >>> syn = pid.atom_statistic("{0:1}", measure="imin")
    >>> res = mt.independence_test(x, y, statistic=syn, n_permutations=99, rng=0)
    >>> round(float(res.statistic / np.log(2)), 2), res.p_value
    (0.99, 0.01)
    """

    def statistic(x: NDArray[Any], y: NDArray[Any]) -> float:
        srcs = _sources(np.asarray(x))
        if not 2 <= len(srcs) <= MAX_SOURCES:
            raise InvalidParameterError(
                f"A PID atom statistic needs 2 to {MAX_SOURCES} sources (columns "
                f"of x); got {len(srcs)}."
            )
        names = lattice(len(srcs)).names
        if node not in names:
            raise InvalidParameterError(
                f"No atom {node!r} in the {len(srcs)}-source lattice; its nodes are "
                f"{list(names)[:6]}{' ...' if len(names) > 6 else ''}."
            )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BiasWarning)
            r = decompose_samples(srcs, y, measure=measure, base=math.e)  # type: ignore[arg-type]
        return float(r.atoms[node])

    statistic.__name__ = f"pid_{measure}_{node}"
    statistic.__qualname__ = statistic.__name__
    if measure == "mmi" and "}{" in node:
        # Measured (benchmarks/calibration.py --part measures): on a noisy AND
        # gate, whose sources carry equal MI, the plug-in I_mmi redundancy is
        # the smaller of two noisy MIs, biased down, and its subsampling
        # interval covered the atom 0.80 of the time.
        statistic.interval_target = f"the plug-in I_mmi atom {node} (biased)"  # type: ignore[attr-defined]
        statistic.interval_caveat = (  # type: ignore[attr-defined]
            "a minimum of estimated MIs is biased down where the sources' MIs are "
            "close, and resampling does not see it: read it as an interval for the "
            "plug-in atom, beside independence_test's effective_value."
        )
    return statistic


@validate_params(
    {
        "measure": Options(tuple(MEASURES)),
        "n_permutations": PERMUTATIONS,
        "n_resamples": Interval(int, 0, None),
        "level": Interval(float, 0, 1, closed="neither"),
        "base": Interval(float, 0, None, closed="neither"),
    }
)
def atom_significance(
    sources: Sequence[ArrayLike],
    target: ArrayLike,
    *,
    measure: str = "ccs",
    n_permutations: int = 199,
    n_resamples: int = 200,
    level: float = 0.95,
    base: float = 2,
    rng: Any = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Every atom of a discrete-sample PID with its p-value and bootstrap interval.

    For each lattice node, :func:`mutinfo.independence_test` with
    :func:`atom_statistic` (target shuffled ``n_permutations`` times) gives
    ``p_value``, ``null_mean`` and ``effective_value`` (atom minus the
    shuffled mean), and :func:`mutinfo.confidence_interval` with
    ``scheme="bootstrap"`` (rows resampled with replacement) gives ``low``
    and ``high``.

    Parameters
    ----------
    sources : sequence of array-like of shape (n_samples,), or DataFrame
        2 to 4 discrete sources (one column each; a DataFrame gives one source
        per column).
    target : array-like of shape (n_samples,)
        The discrete target.
    measure : {"ccs", "imin", "mmi", "broja", "dep", "pm"}, default="ccs"
        The redundancy measure.
    n_permutations : int, default=199
        Shuffled targets per atom.
    n_resamples : int, default=200
        Bootstrap resamples per atom (0: no interval).
    level : float, default=0.95
        Confidence level of the intervals.
    base : float, default=2
        Logarithm base of the reported values (2: bits).
    rng : None, int or numpy.random.Generator, default=None
        Seeds every test and interval (each surrogate has its own stream).
    n_jobs : int, optional
        Local threads for the surrogates and resamples.

    Returns
    -------
    pandas.DataFrame
        Indexed by node: ``atom``, ``p_value``, ``null_mean``,
        ``effective_value``, ``low``, ``high`` in the unit of ``base``;
        ``attrs`` holds ``measure``, ``unit``, ``n_permutations`` and ``level``.

    Notes
    -----
    The p-value of each atom is one-sided (``null >= atom``): small when the
    atom exceeds what a target independent of the sources gives. That null is
    "no information at all", so when the sources do inform the target a
    small p-value does not certify a particular atom: in the example, AND has
    no unique information, yet the sample's tiny asymmetry between
    ``I(X0; Y)`` and ``I(X1; Y)`` (a unique atom of 0.028 bits) beats the
    shuffled targets, whose atoms are smaller still. Read atoms with their
    size and bootstrap interval, not the p-value alone. It is a per-atom test;
    correct for multiple atoms with :func:`mutinfo.stats.fdr`
    if several are read. A bootstrap resample repeats rows, which inflates
    plug-in synergy a little; the interval is around the plug-in atoms, not
    a bias-corrected value (compare ``effective_value``).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import pid
    >>> rng = np.random.default_rng(0)
    >>> x0, x1 = rng.integers(0, 2, (2, 500))
    >>> table = pid.atom_significance(
    ...     [x0, x1], x0 & x1, measure="imin", n_permutations=49, n_resamples=100, rng=0
    ... )
    >>> table["p_value"].round(2).to_dict()
    {'{0}{1}': 0.02, '{0}': 1.0, '{1}': 0.02, '{0:1}': 0.02}
    >>> table.loc["{1}", ["atom", "low", "high"]].round(3).tolist()  # AND: U1 = 0
    [0.028, 0.0, 0.086]
    """
    import pandas as pd

    from mutinfo.stats import confidence_interval, independence_test

    # Integer codes per variable: stacking the raw labels would promote them to
    # one dtype, and float64 merges integer labels above 2**53 (2**60 + {0, 1}
    # beside a float source read as one value: synergy 0 instead of 1 bit).
    where = "of atom_significance()"
    check_rows_aligned(sources, target)
    codes = [
        label_codes(_one_column(s), f"Source {i} {where}")[0]
        for i, s in enumerate(source_columns(sources))
    ]
    y = label_codes(_one_column(target), f"The target {where}")[0]
    sizes = [c.size for c in codes]
    if len(set(sizes)) > 1 or (codes and sizes[0] != y.size):
        raise InvalidDataError(
            f"The sources and the target {where} must have the same number of "
            f"samples; got sources of {sizes} and a target of {y.size}."
        )
    x = np.column_stack(codes) if codes else np.empty((y.size, 0), dtype=np.int64)
    if not 2 <= x.shape[1] <= MAX_SOURCES:
        raise InvalidParameterError(
            f"atom_significance() decomposes 2 to {MAX_SOURCES} sources; got "
            f"{x.shape[1]}."
        )
    base = check_base(base)
    scale = 1.0 / math.log(base)
    root = check_rng(rng)
    rows = []
    for node in lattice(x.shape[1]).names:
        stat = atom_statistic(node, measure=measure)
        seed = int(root.integers(2**63))
        test = independence_test(
            x, y, statistic=stat, n_permutations=n_permutations, rng=seed, n_jobs=n_jobs
        )
        row = {
            "node": node,
            "atom": test.statistic * scale,
            "p_value": test.p_value,
            "null_mean": test.null_mean * scale,
            "effective_value": test.effective_value * scale,
            "low": np.nan,
            "high": np.nan,
        }
        if n_resamples:
            ci = confidence_interval(
                x,
                y,
                statistic=stat,
                scheme="bootstrap",
                n_resamples=n_resamples,
                level=level,
                rng=seed,
                n_jobs=n_jobs,
            )
            row.update(low=ci.low * scale, high=ci.high * scale)
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("node")
    frame.attrs.update(
        measure=measure,
        unit=unit_name(base),
        n_permutations=n_permutations,
        level=level,
    )
    return frame
