"""Significance of transfer entropy: surrogates of the source's history.

The test runs :func:`mutinfo.independence_test` with a statistic that
estimates ``I(Y_t ; X_past | Y_past, Z_past)``. The surrogate acts on ``y`` of
the test, so the embedded source history is passed as ``y`` and the target's
future and history (and the conditions) travel together as ``x``: a surrogate
reorders the source's history vectors and keeps the target's own dynamics.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._api import estimator_for
from mutinfo._neighbors._exclude import realisation_times, row_times
from mutinfo._params import (
    PERMUTATIONS,
    AnyOf,
    Interval,
    IsNone,
    Options,
    validate_params,
)
from mutinfo._result import TestResult
from mutinfo.stats import independence_test
from mutinfo.stats._common import clone
from mutinfo.timeseries._embed import embed
from mutinfo.timeseries._measures import _source_in_past

__all__ = ["TE_SURROGATES", "transfer_entropy_test"]

#: Surrogates of the source history: a random order of its history vectors,
#: blocks of consecutive steps in a random order, or a circular shift.
TE_SURROGATES = ("permute", "block", "circular")


class _TEStatistic:
    """``statistic(x, y)`` of the test: TE of the embedded rows ``x`` and ``y`` index.

    ``x`` and ``y`` of the test are row numbers (one float column each): ``x``
    picks the rows of the target's future and past (never reordered), ``y``,
    which the surrogates reorder, the rows of the source's history. The blocks
    themselves stay in their own dtypes: passing their values through the
    test's float64 columns rounded integer codes above 2**53 (codes 2**60 + 0,
    1, 2 all became 2**60, so the test read TE 0.0 with p = 1.0).
    """

    def __init__(
        self,
        estimator: Any,
        blocks: tuple[NDArray[Any], NDArray[Any], NDArray[Any]],
        discrete: Any,
        times: NDArray[np.int64] | None = None,
    ) -> None:
        self.estimator = estimator
        self.future, self.source, self.past = blocks
        self.discrete = discrete
        # Row times of a Theiler window (kNN families), per realisation; set on
        # every call, since surrogates may run in other threads.
        self.times = times
        # The test result's ``method``: the family that estimates the TE (as
        # independence_test reports its estimator), not the statistic's name.
        self.__name__ = str(estimator.name)

    def __call__(
        self, x: NDArray[Any], y: NDArray[Any], rng: np.random.Generator | None = None
    ) -> float:
        rows = np.asarray(x, dtype=np.float64).reshape(-1).astype(np.intp)
        source_rows = np.asarray(y, dtype=np.float64).reshape(-1).astype(np.intp)
        future, past = self.future[rows], self.past[rows]
        source = self.source[source_rows]
        if _source_in_past(source, past) is not None:
            return 0.0  # TE is 0 by definition (as transfer_entropy() returns)
        estimator = self.estimator
        if rng is not None and isinstance(estimator.rng, np.random.Generator):
            # One Generator shared by the surrogates' threads would hand each
            # its noise in the order the threads run: the item's own stream.
            estimator = clone(estimator, rng)
        with row_times(self.times):
            res = estimator.cmi(future, source, past, discrete=self.discrete)
        return float(res.value)


@validate_params(
    {
        "k": Interval(int, 1, None),
        "l": Interval(int, 1, None),
        "delay": Interval(int, 1, None),
        "k_tau": Interval(int, 1, None),
        "l_tau": Interval(int, 1, None),
        "cond_l": Interval(int, 1, None),
        "n_permutations": PERMUTATIONS,
        "surrogate": Options(TE_SURROGATES),
        "block_length": AnyOf((IsNone(), Interval(int, 1, None))),
    }
)
def transfer_entropy_test(
    source: Any,
    target: Any,
    *,
    k: int = 1,
    l: int = 1,  # noqa: E741
    delay: int = 1,
    k_tau: int = 1,
    l_tau: int = 1,
    cond: Any = None,
    cond_l: int = 1,
    cond_delay: int = 1,
    method: Any = "auto",
    surrogate: str = "permute",
    n_permutations: int = 199,
    block_length: int | None = None,
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    n_jobs: int | None = None,
    client: Any = None,
    **method_params: Any,
) -> TestResult:
    """Test TE = 0 against surrogates of the source that keep the target's history.

    The statistic is :func:`transfer_entropy` with the same embedding and
    method. Under the null the source's history is independent of the
    target's next value given the target's own history; each surrogate
    reorders the embedded source-history vectors (``"permute"``, as JIDT
    does), moves blocks of ``block_length`` consecutive steps
    (``"block"``), or shifts them circularly by at least ``block_length``
    steps (``"circular"``), and keeps the target's future and history
    together. The p-value is ``(1 + #{null >= TE}) / (1 + n_permutations)``.

    Parameters
    ----------
    source, target : array-like of shape (n_steps,) or (n_steps, n_features), or list
        ``X`` and ``Y`` (a list: realisations).
    k, l, delay, k_tau, l_tau, cond, cond_l, cond_delay
        Embedding, as in :func:`transfer_entropy`.
    method : str or Estimator, default='auto'
        A CMI method (resolved once, reused on every surrogate).
    surrogate : {'permute', 'block', 'circular'}, default='permute'
        How the source history is resampled.
    n_permutations : int, default=199
        Number of surrogates.
    block_length : int, optional
        Block length / least shift; default ``ceil(n_steps ** (1/3))``.
    base, discrete, nan_policy
        As in :func:`transfer_entropy`.
    rng : None, int or numpy.random.Generator, default=None
        Seeds the estimator and every surrogate (per-surrogate streams: the
        result does not depend on ``n_jobs`` or ``client``).
    n_jobs : int, optional
        Local threads for the surrogates.
    client : dask.distributed.Client, optional
        Run the surrogates on a Dask cluster.
    **method_params
        Parameters of the method.

    Returns
    -------
    TestResult
        ``statistic`` (the TE), ``p_value``, the null's mean and spread,
        ``effective_value`` (TE minus the null mean), ``method`` (the resolved
        CMI family that estimated the TE, e.g. ``"gaussian"`` or ``"ksg"``, as
        :func:`transfer_entropy` records it) and ``surrogate``.

    References
    ----------
    .. [1] J. T. Lizier, "JIDT: an information-theoretic toolkit for studying
       the dynamics of complex systems", Front. Robot. AI 1:11 (2014).
    .. [2] M. Vicente, M. Wibral, M. Lindner and G. Pipa, "Transfer entropy: a
       model-free measure of effective connectivity for the neurosciences",
       J. Comput. Neurosci. 30, 45-67 (2011).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import timeseries as ts
    >>> rng = np.random.default_rng(0)
    >>> x = rng.integers(0, 2, 500)
    >>> y = np.roll(x, 1) ^ (rng.random(500) < 0.2)
    >>> res = ts.transfer_entropy_test(x, y, n_permutations=99, rng=0)
    >>> res.p_value, res.surrogate
    (0.01, 'permute')
    """
    where = "transfer_entropy_test()"
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
    assert e.source_past is not None
    past = e.conditioning
    estimator = estimator_for(
        "cmi",
        e.future,
        e.source_past,
        past,
        method=method,
        discrete=discrete,
        rng=rng,
        **method_params,
    )
    w = method_params.get("theiler")
    statistic = _TEStatistic(
        estimator,
        (e.future, e.source_past, past),
        discrete,
        None
        if not isinstance(w, int) or isinstance(w, bool) or w < 0
        else realisation_times(e.time, e.realisation, w),
    )
    # The test reorders row numbers of the source's history (exact in float64
    # up to 2**53 rows); the statistic reads the blocks by those numbers.
    rows = np.arange(e.n_rows, dtype=np.float64)
    return independence_test(
        rows,
        rows.copy(),
        statistic=statistic,
        surrogate=surrogate,
        n_permutations=n_permutations,
        block_length=block_length,
        base=base,
        discrete=False,
        rng=rng,
        n_jobs=n_jobs,
        client=client,
    )
