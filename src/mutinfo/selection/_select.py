"""Greedy forward selection with cached terms.

``forward_selection`` reports every step; ``select_features`` returns the picks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import (
    PERMUTATIONS,
    AnyOf,
    Interval,
    IsNone,
    Options,
    validate_params,
)
from mutinfo._result import check_base, unit_name
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
    warn,
)
from mutinfo.matrix._kernels import is_row_identifier
from mutinfo.selection._criteria import (
    CRITERIA,
    QUOTIENT_FLOOR,
    Terms,
    null_draws,
    order_by_score,
    quotient_floor,
)
from mutinfo.selection._data import (
    check_count,
    check_features,
    check_real,
    refuse_identifier_target,
)
from mutinfo.selection._significance import relevance_p_value
from mutinfo.selection._terms import TermCache

__all__ = ["Selection", "forward_selection", "select_features"]


@dataclass(frozen=True)
class Selection:
    """The outcome of a greedy forward selection.

    Attributes
    ----------
    features : tuple
        Selected features in the order chosen: column names for DataFrames,
        column indices otherwise.
    indices : tuple of int
        Column indices of the selected features, in the order chosen.
    scores : tuple of float
        The criterion's value for each selected feature when it was chosen, in
        ``unit`` (``mrmr_quotient`` scores after the first are ratios without
        unit; the first, with nothing selected yet, is the relevance).
    relevance : tuple of float
        ``I(X_j; Y)`` of every feature, in column order, in ``unit``.
    ranking : tuple of int
        Rank of every feature, in column order: 1 for the first selected
        feature, and so on; unselected features follow, ordered by their score
        at the last step.
    criterion : str
        The criterion that was used.
    unit : str
        ``"nats"``, ``"bits"`` or ``"log<base>"``.
    stopped_by : str
        ``"k"`` (k features chosen), ``"threshold"`` (the best score fell below
        ``threshold``; for ``mrmr_quotient`` only from the second step on),
        ``"significance"`` (the best candidate's conditional relevance was not
        significant at ``alpha``) or ``"exhausted"`` (every
        feature was chosen).
    n_estimates : Mapping of str to int
        Number of estimates made per kind of term (``"relevance"``,
        ``"redundancy"``, ``"conditional_relevance"``).
    methods : Mapping
        Method that estimated each feature's relevance, by feature.
    p_values : tuple of float or None
        With ``alpha``: the p-value of ``I(X_k; Y | X_S) = 0`` of each selected
        feature when it was chosen (S: the features chosen before it).
    quotient_floor : tuple of float or None
        ``mrmr_quotient`` after its first step: the floor of each feature's
        mean redundancy, in column order, in nats (3 noise levels of the
        method, from estimates of ``I(X_j; Y)`` with the target permuted; see
        :func:`forward_selection`).
    not_estimated : Mapping
        The features left out of the candidates, by feature, with the reason:
        label columns with a different value on every row (row identifiers),
        whose information no estimator can tell from the sample. Their
        ``relevance`` (and ``quotient_floor``) is NaN, they are ranked last
        and have no entry in ``methods``.
    """

    features: tuple[Any, ...]
    indices: tuple[int, ...]
    scores: tuple[float, ...]
    relevance: tuple[float, ...]
    ranking: tuple[int, ...]
    criterion: str
    unit: str
    stopped_by: str
    n_estimates: Mapping[str, int] = field(default_factory=dict)
    methods: Mapping[Any, str] = field(default_factory=dict)
    p_values: tuple[float, ...] | None = None
    quotient_floor: tuple[float, ...] | None = None
    not_estimated: Mapping[Any, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Plain dicts (copies), so that a Selection pickles.
        object.__setattr__(self, "n_estimates", dict(self.n_estimates))
        object.__setattr__(self, "methods", dict(self.methods))
        object.__setattr__(self, "not_estimated", dict(self.not_estimated))


def _greedy(
    cache: TermCache,
    criterion: str,
    k: int | None,
    threshold: float | None,
    scale: float,
    test: Callable[[int, list[int]], float] | None = None,
    alpha: float = 0.05,
) -> tuple[
    list[int], list[float], list[int], str, list[float], NDArray[np.float64] | None
]:
    """Run the selection loop.

    Returns the picks, their scores, the full order, the stopping reason,
    the p-values of the picks (with ``test``) and the null relevances behind
    ``mrmr_quotient``'s floors (:meth:`TermCache.null_relevance` of every
    feature; None when they were not needed).
    """
    crit = CRITERIA[criterion]
    d = len(cache.features)
    relevance = cache.relevance(range(d))
    redundancy: list[NDArray[np.float64]] = []
    conditional: list[NDArray[np.float64]] = []
    selected: list[int] = []
    scores: list[float] = []
    remaining = list(range(d))
    order_rest: list[int] = []
    p_values: list[float] = []
    stopped_by = "exhausted"
    floor: NDArray[np.float64] | None = None
    null: NDArray[np.float64] | None = None
    while remaining:
        if k is not None and len(selected) == k:
            stopped_by = "k"
            break
        cand = np.array(remaining)
        if selected and crit.needs:
            last = selected[-1]
            for kind, store in (
                ("redundancy", redundancy),
                ("conditional_relevance", conditional),
            ):
                if kind in crit.needs:
                    col = np.full(d, np.nan)
                    col[cand] = getattr(cache, kind)(cand, last)
                    store.append(col)
        if selected and crit.needs:
            if criterion == "mrmr_quotient" and floor is None:
                null = cache.null_relevance(null_draws(d))
                floor = quotient_floor(null)
            empty = np.full((cand.size, len(selected)), np.nan)
            terms = Terms(
                relevance=relevance[cand],
                redundancy=np.column_stack(redundancy)[cand] if redundancy else empty,
                conditional_relevance=(
                    np.column_stack(conditional)[cand] if conditional else empty
                ),
                selected_relevance=relevance[selected],
                floor=QUOTIENT_FLOOR if floor is None else floor[cand],
            )
            values = crit.score(terms)
            ratio = criterion == "mrmr_quotient"
        else:
            values = relevance[cand]
            ratio = False  # the first step scores the relevance, an MI
        if not np.all(np.isfinite(values)):
            bad = [int(j) for j in cand[~np.isfinite(values)]]
            reasons = {
                r
                for j in bad
                for k in [None, *selected]
                if (r := cache.not_estimated_reason(j, k)) is not None
            }
            if reasons:
                raise InvalidDataError(
                    f"The {criterion!r} criterion of the feature(s) at column "
                    f"indices {bad[:5]} could not be computed: an MI term of "
                    f"theirs is not estimated ({'; '.join(sorted(reasons))}). "
                    "Leave such a column out of 'X' (rank_features() ranks the "
                    "others and lists it in attrs['not_estimated'])."
                )
            raise InvalidDataError(
                f"The {criterion!r} criterion is not finite for feature(s) at column "
                f"indices {bad[:5]}; check those columns (constant or degenerate) or "
                "use another method."
            )
        # Ranked in nats (or as ratios), before the change of unit, so that the
        # base cannot decide a tie; ties (to rounding) go to the lower index.
        ranked = order_by_score(values)
        if not ratio:
            # (mrmr_quotient's first score is the relevance too: it was left in
            # nats, so with base=2 scores[0] disagreed with relevance in bits)
            values = values * scale
        best = int(ranked[0])
        # Unselected features are ranked by their latest scores.
        order_rest = [int(cand[i]) for i in ranked]
        # mrmr_quotient's threshold is a ratio, so it does not apply to the
        # first pick, scored by its relevance (a number in the unit of base):
        # 1.5 read as nats stopped the search before anything was selected.
        gated = threshold is not None and (ratio or criterion != "mrmr_quotient")
        if gated and values[best] < threshold:
            stopped_by = "threshold"
            break
        if test is not None:
            p_values.append(test(int(cand[best]), list(selected)))
            if p_values[-1] > alpha:
                p_values.pop()
                stopped_by = "significance"
                break
        selected.append(int(cand[best]))
        scores.append(float(values[best]))
        remaining.remove(int(cand[best]))
    rest = [j for j in order_rest if j not in set(selected)]
    return selected, scores, selected + rest, stopped_by, p_values, null


#: Why a row-identifier feature is left out (Selection.not_estimated).
IDENTIFIER_LEFT_OUT = (
    "a different label on every row (like a row identifier): no estimator can "
    "tell its information about the target from this sample"
)


def _leave_out_identifiers(features: list[Variable], names: list[Any]) -> list[int]:
    """Return the row-identifier features, warning once if there are any.

    Such a column (a row ID) is no candidate: its plug-in MI with any target
    is the target's entropy, the maximum, so it won the first pick, and then
    its test (p = 1: a permutation of the target leaves its table as it is)
    stopped a selection with ``alpha`` before any real feature; under
    ``"auto"`` its near-0 relevance still won the first pick over features at
    about -0.02, and its redundancy with a numeric column is not estimated.
    The same test as the matrix's (:func:`is_row_identifier`).
    """
    ids = [j for j, f in enumerate(features) if is_row_identifier(f)]
    if ids:
        listed = ", ".join(repr(names[j]) for j in ids)
        keys = ", ".join(
            f"{names[j] if isinstance(names[j], str) else f'X[{j}]'!r}: False"
            for j in ids
        )
        warn(
            f"Feature(s) {listed} of 'X' have {IDENTIFIER_LEFT_OUT}, so they "
            "are left out of the candidates (Selection.not_estimated): the "
            "plug-in would score them the target's entropy and pick them "
            "first. If such a column is a measurement, read it as numbers "
            f"(discrete={{{keys}}}); otherwise drop it from 'X'.",
            DataWarning,
        )
    return ids


#: The declared constraints of forward_selection and select_features.
_SELECTION_PARAMS = {
    "criterion": Options(tuple(CRITERIA)),
    "alpha": AnyOf((IsNone(), Interval(float, 0.0, 1.0, closed="neither"))),
    "n_permutations": PERMUTATIONS,
}


@validate_params(_SELECTION_PARAMS)
def forward_selection(
    X: Any,
    y: Any,
    *,
    k: int | None,
    criterion: str = "mrmr",
    method: Any = "auto",
    threshold: float | None = None,
    alpha: float | None = None,
    n_permutations: int = 1000,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    n_jobs: int | None = None,
    client: Any = None,
    rng: Any = None,
    **method_params: Any,
) -> Selection:
    """Select features greedily by an MI criterion and report every step.

    Starting from the empty set, each step adds the candidate with the highest
    criterion score (ties, to within 1e-10 so that rounding does not decide,
    go to the lower column index). Each information
    term is estimated once: a step estimates only the terms between the
    candidates and the feature chosen last.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Features; numpy arrays, lists, pandas or polars DataFrames. Columns may
        be of different kinds (discrete and continuous).
    y : array-like of shape (n_samples,)
        Target, discrete (classification) or continuous (regression).
    k : int or None
        Number of features to select; None selects until ``threshold`` stops
        the search (or every feature is chosen).
    criterion : {'mrmr', 'mrmr_quotient', 'jmi', 'cmim', 'jmim', 'mi'}, default='mrmr'
        Selection criterion (see Notes).
    method : str or Estimator, default='auto'
        Estimator of every term: ``"auto"`` picks for each term the estimator
        :func:`mutinfo.estimate` picks for it (for labels, the counting family
        suited to how well that term's own table is sampled), a registry name
        (``"plugin"``: plug-in terms, which obey the chain rule exactly), or an
        estimator object.
    threshold : float or None, default=None
        Stop when the best candidate's score is below this value (in the unit
        of ``base``). For ``mrmr_quotient`` it is a ratio ``r / mean R_j`` and
        applies from the second step on: the first pick (the most relevant
        feature, nothing selected yet) is always made; use ``alpha`` or ``k``
        to stop before it.
    alpha : float in (0, 1) or None, default=None
        Stop when the best candidate adds no significant information: the
        permutation test of ``I(X_k; Y | X_S) = 0`` given every selected
        feature (:func:`mutinfo.independence_test`; the target permuted within
        strata of discrete, or among neighbours of continuous, selected
        features) has a p-value above ``alpha``. Needs a method that estimates
        CMI for the kinds of the data (``"auto"`` has one for every mix).
    n_permutations : int, default=1000
        Permutations of each test for ``alpha``; at least ``1 / alpha - 1``
        (19 for 0.05), as no p-value goes below ``1 / (n_permutations + 1)``
        (fewer are refused: no feature could be selected).
    base : float, default=math.e
        Logarithm base of the reported scores and of ``threshold``.
    discrete : 'auto', bool or tuple, default='auto'
        Which columns are discrete: ``"auto"`` (from the dtypes), one bool for
        everything, or a pair ``(X_entry, y_entry)`` where ``X_entry`` is a bool
        or a list of bools, one per column.
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops every row with a missing value.
    n_jobs : int or None, default=None
        Local threads for the estimates (None: the calling thread; -1: every
        core).
    client : dask.distributed.Client or None, default=None
        Run the estimates on this Dask cluster instead (results are identical).
    rng : None, int or numpy.random.Generator, default=None
        Root of every random draw; each term and test gets its own stream,
        keyed by the content of its columns (not their positions), so for a
        fixed seed a feature's terms, score and p-value do not depend on
        where its column sits in ``X`` (nor a test's on the order of the
        selected set). Duplicated columns draw independent streams, as
        separate variables do.
    **method_params
        Parameters of a named method (``n_neighbors=5``, ...).

    Returns
    -------
    Selection
        The selected features, their scores, every feature's relevance and rank,
        and the number of estimates made.

    Notes
    -----
    With ``r = I(X_k; Y)``, ``R_j = I(X_k; X_j)`` and ``C_j = I(X_k; Y | X_j)`` for
    the already selected ``j`` (Brown et al. 2012's unified view):
    ``mi`` = r; ``mrmr`` = r - mean R_j (Peng et al. 2005, difference form);
    ``mrmr_quotient`` = r / max(mean R_j, f) (quotient form; ``f`` below);
    ``jmi`` = mean C_j (Yang & Moody 1999); ``cmim`` = min C_j
    (Fleuret 2004, in Brown et al.'s form: Fleuret's fast algorithm and FEAST
    score min(r, min C_j), lower where a candidate is synergistic with every
    selected feature); ``jmim`` = min (I(X_j; Y) + C_j) (Bennasar et al. 2015).
    Estimates are not clipped, so a score can be slightly negative.

    The quotient's floor ``f`` is 3 noise levels of the method on the
    candidate, at least 1e-3 nats, reported as ``quotient_floor``. The noise
    levels come from ``I(X_j; Y_perm)``, the relevances with the target's rows
    permuted (3 permutations, or more for fewer than 7 features, so that at
    least 20 such estimates are made; counted as ``"null_relevance"`` in
    ``n_estimates``): a feature's is the larger of its own estimates' root mean
    square and the typical column's (median absolute estimate / 0.674). The
    permutations are keyed by the target's content, so a deterministic method
    stays deterministic. Peng et al. divide by the mean redundancy as is (their
    code adds 0.01 to it), but an estimated redundancy near 0 is noise, and so
    is a noise feature's relevance: over a floor of 1e-3 nats a noise feature
    scored its noise times 1000 (12.6 for 0.0126 nats), more than a feature as
    relevant as it is redundant (1). Over its noise level it scores about 1/3.

    Under ``"auto"``, terms of labels are bias-corrected term by term (each
    by the family the rule picks for its own table), so an undersampled
    many-valued column does not score its plug-in bias: with ``k`` values its
    plug-in relevance against a binary target is about ``(k - 1) / 2n`` nats
    even when it is noise. Miller-Madow and Grassberger terms obey the chain
    rule as the plug-in's do; across families, a score combines terms
    corrected each for its own table. A column with a different value in every
    row (a row ID) remains a case no counting estimator identifies: its MI
    with any target is that target's entropy under every entropy-based family
    (``mutinfo.estimate`` gives the same, with a ``BiasWarning``; under
    ``"auto"``, where every other feature scores about 0, its near-0 score can
    still win), so such columns (labels with a different value on every row)
    are left out of the candidates, with one
    :class:`~mutinfo.exceptions.DataWarning` naming them, and listed in
    ``not_estimated`` (relevance NaN, ranked last). A row ID read as labels
    won the first pick under ``"plugin"``, and with ``alpha`` its test
    (p = 1) then stopped the selection with nothing selected.

    Relevance and redundancy are MI of column pairs and run on the matrix
    planner of :func:`mutinfo.mi_matrix`; ``C_j`` runs there too (as pairs
    given ``X_j``) where the method estimates CMI for the kinds of the columns,
    and otherwise comes from the chain rule ``I(X_k, X_j; Y) - I(X_j; Y)``.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.selection import forward_selection
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(0, 2, size=(500, 4))
    >>> y = X[:, 0] ^ X[:, 1]  # XOR: neither feature alone says anything
    >>> forward_selection(X, y, k=2, criterion="jmi").indices
    (0, 1)
    """
    base = check_base(base)
    threshold = check_real(threshold, "threshold")
    features, target, names = check_features(
        X, y, discrete=discrete, nan_policy=nan_policy
    )
    k = check_count(k, "k", len(features), allow_none=True)
    if k is None and threshold is None and alpha is None:
        raise InvalidParameterError(
            "Give 'k' (the number of features to select), a 'threshold' or an "
            "'alpha' that stops the selection; got k=None, threshold=None and "
            "alpha=None."
        )
    if alpha is not None and 1.0 / (n_permutations + 1) > alpha * (1.0 + 1e-12):
        # No test can reach alpha: the selection stopped at its first step
        # with nothing selected, however informative the features.
        needed = math.ceil((1.0 - 1e-12) / alpha) - 1
        raise InvalidParameterError(
            f"The 'n_permutations' parameter of forward_selection() must be at "
            f"least {needed} for alpha={alpha}: a permutation p-value is never "
            f"below 1 / (n_permutations + 1) = {1.0 / (n_permutations + 1):.3g}, "
            "so no feature could pass the test and none would be selected "
            f"whatever the data. Got n_permutations={n_permutations} instead. "
            f"Pass n_permutations={needed} or more (999 is usual), or a larger "
            "alpha."
        )
    refuse_identifier_target(target, "forward_selection", "selected")
    ids = _leave_out_identifiers(features, names)
    # the candidates, by column index in X
    keep = [j for j in range(len(features)) if j not in set(ids)]
    if not keep:
        raise InvalidDataError(
            f"Every feature of 'X' ({', '.join(repr(n) for n in names)}) has "
            f"{IDENTIFIER_LEFT_OUT}, so none can be selected. Read the columns "
            "that are measurements as numbers (discrete=False), or group their "
            "values."
        )
    cache = TermCache(
        [features[j] for j in keep],
        target,
        method=method,
        method_params=method_params,
        rng=rng,
        n_jobs=n_jobs,
        client=client,
    )
    scale = 1.0 / math.log(base)
    test = (
        None
        if alpha is None
        else functools.partial(relevance_p_value, cache, n_permutations=n_permutations)
    )
    picked, scores, order, stopped_by, p_values, null = _greedy(
        cache, criterion, k, threshold, scale, test, 0.05 if alpha is None else alpha
    )
    selected = [keep[i] for i in picked]
    d = len(features)
    relevance = np.full(d, np.nan)
    relevance[keep] = cache.relevance(range(len(keep))) * scale
    floor = None
    if null is not None:
        floor = np.full(d, np.nan)
        floor[keep] = quotient_floor(null)
    ranking = np.empty(d, dtype=np.int64)
    ranking[[keep[i] for i in order] + ids] = np.arange(1, d + 1)
    return Selection(
        features=tuple(names[j] for j in selected),
        indices=tuple(selected),
        scores=tuple(scores),
        relevance=tuple(float(v) for v in relevance),
        ranking=tuple(int(v) for v in ranking),
        criterion=criterion,
        unit=unit_name(base),
        stopped_by=stopped_by,
        n_estimates=dict(cache.computed),
        methods={
            names[j]: cache.method_of(("relevance", i)) for i, j in enumerate(keep)
        },
        p_values=None if alpha is None else tuple(p_values),
        quotient_floor=None if floor is None else tuple(float(v) for v in floor),
        not_estimated={names[j]: IDENTIFIER_LEFT_OUT for j in ids},
    )


@validate_params(_SELECTION_PARAMS)
def select_features(
    X: Any,
    y: Any,
    *,
    k: int | None,
    criterion: str = "mrmr",
    method: Any = "auto",
    threshold: float | None = None,
    alpha: float | None = None,
    n_permutations: int = 1000,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    n_jobs: int | None = None,
    client: Any = None,
    rng: Any = None,
    **method_params: Any,
) -> list[Any]:
    """Select features by an MI criterion; return their names or indices in order.

    See :func:`forward_selection` for the parameters, the criteria and the
    stopping rules; this returns its ``features`` as a list (column names for
    DataFrames, column indices otherwise).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> import mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> a, b = rng.integers(0, 4, 4000), rng.integers(0, 4, 4000)
    >>> X = pd.DataFrame(
    ...     {"a": a, "a_copy": a, "b": b, "noise": rng.integers(0, 4, 4000)}
    ... )
    >>> mt.select_features(X, a + 4 * b, k=2, criterion="mrmr")
    ['a', 'b']
    """
    return list(
        forward_selection(
            X,
            y,
            k=k,
            criterion=criterion,
            method=method,
            threshold=threshold,
            alpha=alpha,
            n_permutations=n_permutations,
            discrete=discrete,
            nan_policy=nan_policy,
            n_jobs=n_jobs,
            client=client,
            rng=rng,
            **method_params,
        ).features
    )
