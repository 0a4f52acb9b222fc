"""Univariate ranking: ``rank_features``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo._params import (
    AnyOf,
    Bool,
    Interval,
    IsNone,
    Options,
    validate_params,
)
from mutinfo._result import check_base, unit_name
from mutinfo.exceptions import InvalidParameterError
from mutinfo.selection._criteria import order_by_score
from mutinfo.selection._data import check_features, refuse_identifier_target
from mutinfo.selection._significance import relevance_p_value
from mutinfo.selection._terms import TermCache
from mutinfo.stats._fdr import FDR_METHODS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["rank_features"]


@validate_params(
    {
        "pvalues": Bool(),
        "n_permutations": Interval(int, 1, None),
        "fdr": AnyOf((IsNone(), Options(FDR_METHODS))),
        "stop_after": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def rank_features(
    X: Any,
    y: Any,
    *,
    method: Any = "auto",
    pvalues: bool = False,
    n_permutations: int = 1000,
    fdr: str | None = None,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    n_jobs: int | None = None,
    client: Any = None,
    rng: Any = None,
    stop_after: int | None = None,
    **method_params: Any,
) -> pd.DataFrame:
    """Rank features by their mutual information with a target, I(X_j; Y).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features, of any mix of kinds (numpy arrays, lists, pandas or polars
        DataFrames).
    y : array-like of shape (n_samples,)
        Target, discrete or continuous. A label target with a different value
        on every row (a row ID) raises :class:`~mutinfo.exceptions.InvalidDataError`,
        as in :func:`mutinfo.selection.forward_selection`.
    method : str or Estimator, default='auto'
        ``"auto"`` picks, per feature, the estimator :func:`mutinfo.estimate`
        picks for ``I(X_j; Y)`` (recorded in the ``method`` column): for
        labels, the counting family suited to how well the pair's table is
        sampled; a registry name (``"plugin"``: the plug-in MI of labels, as
        scikit-learn's ``mutual_info_classif``), or an estimator object.
    pvalues : bool, default=False
        Add a permutation p-value of ``I(X_j; Y) = 0`` per feature
        (:func:`mutinfo.independence_test`, the target permuted).
    n_permutations : int, default=1000
        Permutations per feature for ``pvalues``; the smallest p-value is
        ``1 / (1 + n_permutations)``.
    fdr : {'bh', 'by', 'bonferroni'} or None, default=None
        Adjust the p-values for multiple testing (:func:`mutinfo.stats.fdr`)
        into a ``q_value`` column; needs ``pvalues=True``.
    base : float, default=math.e
        Logarithm base of the ``mi`` column.
    discrete : 'auto', bool or tuple, default='auto'
        Which columns are discrete; a pair ``(X_entry, y_entry)`` sets them per
        column (see :func:`mutinfo.selection.forward_selection`).
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops every row with a missing value in any column of ``X``
        or in ``y`` (as :func:`mutinfo.mi_matrix`), so every feature is scored
        on the same rows: a feature's ``mi`` is then
        ``mutinfo.estimate("mi", X_j, y)`` on those complete rows, not on the
        rows where ``X_j`` alone is present (each column's kind, labels or
        numbers for integers, is still decided on the rows where it is present,
        as in :func:`mutinfo.mi_matrix`; pass ``discrete=`` to reproduce a
        value on the complete rows alone).
    n_jobs : int or None, default=None
        Local threads for the estimates (None: the calling thread; -1: every
        core).
    client : dask.distributed.Client or None, default=None
        Run the estimates on this Dask cluster instead (results are identical).
    rng : None, int or numpy.random.Generator, default=None
        Root of every random draw; each feature gets its own stream, keyed by
        the content of its column (not its position), so for a fixed seed a
        feature's ``mi`` and ``p_value`` do not depend on the column order.
    stop_after : int, optional
        Sequential p-values (Besag and Clifford 1991; needs ``pvalues=True``):
        a feature's permutations stop once ``stop_after`` null values have
        reached its estimate, with p-value ``stop_after / draws``. Exact like
        the full test; p-values of at most ``stop_after / (n_permutations +
        1)`` equal the full test's, from the same draws, and an irrelevant
        feature costs about ``stop_after * (1 + ln(n_permutations /
        stop_after))`` permutations. See :func:`mutinfo.independence_test`.
    **method_params
        Parameters of a named method.

    Returns
    -------
    pandas.DataFrame
        One row per feature, highest MI first, with columns ``feature`` (name
        or column index), ``mi`` (in the unit of ``base``, not clipped),
        ``method`` (the estimator that ran) and ``rank`` (1 = most informative;
        ties share the order of the columns); with ``pvalues``, ``p_value``, and
        with ``fdr``, ``q_value``. ``attrs["unit"]`` names the unit of ``mi``
        (``"nats"``, ``"bits"``, ...). ``attrs["not_estimated"]`` maps each
        feature whose ``mi`` is NaN to the reason (empty when none is): a
        label column with a different value on every row (a row ID), under
        every method (its plug-in MI with any target is the target's entropy,
        the maximum, and Ross's ``mixed_ksg`` has no repeated label to count
        neighbours in); it is ranked last, without a p-value, and one
        :class:`~mutinfo.exceptions.DataWarning` names it and the fix
        (``discrete={name: False}`` for a measurement; otherwise drop it). An
        explicit ``discrete={name: True}`` still reads it as labels, as
        :func:`mutinfo.selection.forward_selection` does. The other features'
        values are those without it.

    Notes
    -----
    Under ``"auto"`` each value equals ``mutinfo.estimate("mi", X_j, y)``
    (value and method; on tied continuous columns the value differs by the
    tie-breaking noise, drawn from the column's own stream here: about 0.03
    nats on values rounded to 0.1, more on coarse ties in small samples, 0.13
    at n = 78 for whole numbers against labels), so a many-valued label column is not
    ranked above an informative one by the plug-in's bias (about
    ``(k - 1) / 2n`` nats for ``k`` values against a binary target). The
    values are MI of column pairs
    ``(X_j, y)``, computed by the matrix
    planner of :func:`mutinfo.mi_matrix` (each column prepared once, fast
    kernels where they apply, the registered estimator otherwise) on the shared
    executor, with per-column and per-pair random streams. Estimates are not
    clipped: an irrelevant feature can score slightly below zero.

    Examples
    --------
    >>> import numpy as np
    >>> import mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(0, 2, size=(1000, 3))
    >>> ranked = mt.rank_features(X, X[:, 2], base=2)
    >>> ranked["feature"].tolist()[0], round(float(ranked["mi"].iloc[0]), 3)
    (2, 1.001)
    >>> ranked.attrs["unit"]
    'bits'
    >>> ranked["method"].tolist()
    ['miller_madow', 'miller_madow', 'miller_madow']
    >>> plug_in = mt.rank_features(X, X[:, 2], base=2, method="plugin")
    >>> round(float(plug_in["mi"].iloc[0]), 3)
    1.0
    >>> tested = mt.rank_features(X, X[:, 2], pvalues=True, n_permutations=99, fdr="bh")
    >>> tested["p_value"].tolist()[0], tested["q_value"].tolist()[0]
    (0.01, 0.03)
    """
    import pandas as pd

    from mutinfo.stats import fdr as adjust

    base = check_base(base)
    if stop_after is not None and not pvalues:
        raise InvalidParameterError(
            "The 'stop_after' parameter of rank_features() stops the permutations "
            f"of the p-values, so it needs pvalues=True. Got stop_after={stop_after} "
            "with pvalues=False."
        )
    if fdr is not None and not pvalues:
        raise InvalidParameterError(
            "The 'fdr' parameter of rank_features() adjusts p-values, so it "
            f"needs pvalues=True. Got fdr={fdr!r} with pvalues=False."
        )
    features, target, names = check_features(
        X, y, discrete=discrete, nan_policy=nan_policy
    )
    refuse_identifier_target(target, "rank_features", "ranked")
    cache = TermCache(
        features,
        target,
        method=method,
        method_params=method_params,
        rng=rng,
        n_jobs=n_jobs,
        client=client,
    )
    d = len(features)
    nats = cache.relevance(range(d))
    mi = nats / math.log(base)
    order = order_by_score(nats)
    frame = pd.DataFrame(
        {
            "feature": [names[j] for j in order],
            "mi": mi[order],
            "method": [cache.method_of(("relevance", int(j))) for j in order],
            "rank": np.arange(1, d + 1),
        }
    )
    if pvalues:
        p = np.array(
            [
                math.nan
                if math.isnan(nats[j])
                else relevance_p_value(
                    cache,
                    int(j),
                    [],
                    n_permutations=n_permutations,
                    stop_after=None if stop_after is None else int(stop_after),
                )
                for j in order
            ]
        )
        frame["p_value"] = p
        if fdr is not None:
            # over the features tested (a feature not estimated has no test)
            q = np.full(p.shape, math.nan)
            tested = ~np.isnan(p)
            q[tested] = adjust(p[tested], method=fdr)
            frame["q_value"] = q
    frame.attrs["unit"] = unit_name(base)
    frame.attrs["not_estimated"] = {
        names[j]: cache.not_estimated_reason(int(j)) or "the estimate is NaN"
        for j in order
        if math.isnan(nats[j])
    }
    return frame
