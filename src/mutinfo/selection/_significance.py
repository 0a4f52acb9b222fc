"""Permutation tests of a feature's (conditional) relevance (:mod:`mutinfo.stats`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from mutinfo._validation import Variable
from mutinfo.exceptions import ResamplingWarning, warn
from mutinfo.selection._terms import STREAM_TEST, TermCache, resolve_method

__all__ = ["relevance_p_value"]


def _no_strata(z: Variable) -> bool:
    """Whether a discrete ``z`` has a different value on every row.

    :func:`mutinfo.independence_test` refuses a stratified test on such a
    ``z`` (every surrogate would be the data); a selection step reports it.
    """
    if not z.is_discrete:
        return False
    from mutinfo._counting import encode
    from mutinfo.stats._surrogates import strata_resolution

    codes, _ = encode(z.as_discrete().values)
    return strata_resolution(codes)[1] >= 1.0


def relevance_p_value(
    cache: TermCache,
    j: int,
    given: list[int],
    *,
    n_permutations: int,
    stop_after: int | None = None,
) -> float:
    """p-value of ``I(X_j; Y) = 0``, or of ``I(X_j; Y | X_given) = 0``.

    A permutation test (:func:`mutinfo.independence_test`): the target is
    permuted, or, given features, permuted within strata of discrete ones or
    locally among neighbours of continuous ones (Runge 2018). Feature ``j``'s
    test draws from its own stream, keyed by the content of ``X_j`` and of the
    set ``X_given`` (:meth:`TermCache.key`; the given features joined in the
    order of their keys), so p-values do not depend on ``n_jobs``, on where
    the features sit among the columns, or on the order of ``given``.
    ``stop_after``: Besag and Clifford's sequential test (see
    :func:`mutinfo.independence_test`).
    """
    from mutinfo.estimators._base import join
    from mutinfo.stats import independence_test

    plan = None if given else cache.pair_plan()
    if plan is not None:
        # The test of the reported relevance: the plan's pair (j, target), with
        # its prepared columns and streams (matrix p-values run the same test).
        from mutinfo.matrix._tiles import pair_p_value

        plan.method(j, plan.target)  # settles the pair's family, if pending
        return pair_p_value(
            plan.prep,
            j,
            plan.target,
            n_permutations,
            stop_after,
            n_jobs=cache.n_jobs,
            client=cache.client,
        )
    x, y = cache.features[j], cache.target
    # A set: the same Z (column order) and stream for any order of `given`.
    given = sorted(given, key=cache.key)
    z = join(*(cache.features[k] for k in given)) if given else None
    variables = [x, y] if z is None else [x, y, z]
    measure = "mi" if z is None else "cmi"
    method, params = resolve_method(
        cache.method, measure, dict(cache.params), variables
    )
    discrete: tuple[Any, ...] = (list(x.discrete), list(y.discrete))
    if z is not None:
        discrete = (*discrete, list(z.discrete))
    if z is not None and _no_strata(z):
        warn(
            f"The test of feature {j} given the selected feature(s) at column "
            f"indices {given} has no power: together they take a different value "
            "on every row (like a row identifier), so a permutation of the target "
            "within their values leaves it in place and the p-value is 1 whatever "
            "the dependence. Reported as 1, which stops the selection. Leave such "
            "columns out of 'X', or group their values.",
            ResamplingWarning,
        )
        return 1.0
    keys = (cache.key(j), *(cache.key(k) for k in given))
    seed = np.random.SeedSequence(cache.entropy, spawn_key=(STREAM_TEST, *keys))
    result = independence_test(
        x.values,
        y.values,
        None if z is None else z.values,
        method=method,
        n_permutations=n_permutations,
        stop_after=stop_after,
        discrete=discrete,
        rng=np.random.default_rng(seed),
        n_jobs=cache.n_jobs,
        client=cache.client,
        **params,
    )
    return float(result.p_value)
