"""The information terms of feature selection, each estimated once and cached.

Every criterion of :mod:`mutinfo.selection` is a function of three kinds of
terms (Brown, Pocock, Zhao & Luján 2012):

- relevance ``I(X_j; Y)``,
- redundancy ``I(X_j; X_k)`` (symmetric: stored once per unordered pair),
- conditional relevance ``I(X_j; Y | X_k)``.

:class:`TermCache` estimates a batch of missing terms at once and never
estimates a term twice. Relevance and redundancy are MI of column pairs of the
table ``[X, y]`` and run on the matrix planner (:mod:`mutinfo.selection._pairs`);
conditional relevance runs there as pairs given ``X_k`` where the method
estimates CMI for the kinds, and otherwise term by term through the estimator
protocol (a registry name, ``"auto"`` resolved per term as
:func:`mutinfo.estimate` resolves it, so terms of labels get the counting
family suited to how well their own table is sampled, or an estimator object),
directly or by the chain rule. Randomness is
per column, pair or term, from the root entropy, and batches run on the shared
executor (:func:`mutinfo._parallel.execute`: local threads or a Dask client),
so results do not depend on how the work is run. Every stream is keyed by the
content of the columns it concerns (:meth:`TermCache.key`), never by their
positions or by the order in which terms are asked for, so a feature's terms
do not depend on where it sits among the columns.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._auto import (
    auto_method,
    family,
    make_estimator,
    route_params,
    supports,
)
from mutinfo._parallel import (
    content_key,
    entropy_of,
    execute,
    resolve_n_jobs,
)
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, join
from mutinfo.exceptions import (
    MutinfoError,
    MutinfoWarning,
    UnsupportedMeasureError,
)
from mutinfo.matrix._kernels import identifier_reason
from mutinfo.selection._pairs import PairPlan

__all__ = ["TermCache", "column", "resolve_method"]

#: Streams under a cache's root entropy, apart from the pair plans' (which use
#: the root with tags 0-3, :mod:`mutinfo.matrix._kernels`):
#: SeedSequence(entropy, spawn_key=(tag, ...content keys)).
STREAM_TEST, STREAM_GIVEN_PLAN, STREAM_TERM, STREAM_NULL = 4, 5, 6, 7
#: Kinds of term, as numbers in a term's stream.
_KIND = {"relevance": 0, "redundancy": 1, "conditional_relevance": 2}


def column(data: Variable, j: int) -> Variable:
    """Return column ``j`` of a validated variable as a one-column Variable."""
    label = data.labels[j] if data.labels else f"{data.name}[{j}]"
    return Variable(
        name=data.name,
        values=data.values[:, j : j + 1],
        discrete=(data.discrete[j],),
        labels=(label,),
        coded=(data.coded[j],) if data.coded else (False,),
    )


@dataclass(frozen=True)
class _Job:
    """One estimate: ``measure`` on ``variables`` with the configured method."""

    measure: str
    variables: tuple[Variable, ...]
    method: Any
    params: tuple[tuple[str, Any], ...]
    #: The term's stream: SeedSequence(entropy, spawn_key=stream).
    entropy: int = 0
    stream: tuple[int, ...] = ()


def check_auto_params(
    params: dict[str, Any], features: list[Variable], target: Variable
) -> None:
    """Check ``method="auto"`` parameters as the one resolver does.

    The families ``auto`` picks for the relevance terms ``I(X_j; Y)`` must take
    every parameter (between them); the error is the front door's.
    """
    if params:
        names = {auto_method("mi", [f, target]) for f in features}
        route_params(sorted(names), params, auto=True)


def resolve_method(
    method: Any,
    measure: str,
    params: dict[str, Any],
    vs: list[Variable],
    *,
    sampling: bool = False,
) -> tuple[Any, dict[str, Any]]:
    """Resolve ``"auto"`` for one term; keep the parameters its family declares.

    ``sampling=True`` gives labels the counting family :func:`mutinfo.estimate`
    gives the term (by how well its table is sampled); the default keeps
    ``plugin`` on labels (the permutation tests' statistic).
    Returns the estimator object or registry name, and its parameters (checked
    up front by :func:`check_auto_params`).
    """
    if isinstance(method, Estimator) or method != "auto":
        return method, params
    name = auto_method(measure, vs, sampling=sampling)
    declared = family(name).parameters
    return name, {k: v for k, v in params.items() if k in declared}


def _make(
    method: Any,
    measure: str,
    params: dict[str, Any],
    vs: list[Variable],
    rng: np.random.Generator,
) -> Estimator:
    """Build the estimator of one term, seeded with the term's own stream."""
    method, params = resolve_method(method, measure, params, vs, sampling=True)
    if isinstance(method, Estimator):
        settings = method.get_params()
        settings["rng"] = rng
        return type(method)(**settings)
    return make_estimator(method, measure, params, vs, rng)


def _estimate(job: _Job, _rng: np.random.Generator) -> tuple[float, str]:
    """Estimate one term in nats; return the value and the method that ran.

    The term draws from its own content-keyed stream (``job.stream``), not
    the executor's per-item stream, which follows the term's position in its
    batch.
    """
    vs = list(job.variables)
    rng = np.random.default_rng(
        np.random.SeedSequence(job.entropy, spawn_key=job.stream)
    )
    est = _make(job.method, job.measure, dict(job.params), vs, rng)
    res = est.compute(job.measure, vs)
    return res.value, res.method


class TermCache:
    """Relevance, redundancy and conditional-relevance terms, estimated once each.

    Parameters
    ----------
    features : list of Variable
        One validated single-column variable per feature.
    target : Variable
        The validated target.
    method : str or Estimator
        ``"auto"`` (resolved per term as :func:`mutinfo.estimate` resolves
        it), a registry name, or an estimator object.
    method_params : dict
        Parameters of a named method.
    rng : None, int or numpy.random.Generator
        Root of every term's random stream.
    n_jobs : int or None
        Local threads for each batch of terms (None: the calling thread).
    client : dask.distributed.Client or None
        Run the batches on this Dask cluster instead.

    Notes
    -----
    ``I(X_j; Y | X_k)`` is estimated directly when the method estimates CMI on
    the kinds of the three columns. Otherwise (for example a discrete target
    with continuous features under ``"auto"``, where only the mixed MI estimator
    applies) it comes from the chain rule
    ``I(X_j; Y | X_k) = I(X_j, X_k; Y) - I(X_k; Y)``, whose second term is the
    cached relevance of ``X_k``.
    """

    def __init__(
        self,
        features: list[Variable],
        target: Variable,
        *,
        method: Any = "auto",
        method_params: dict[str, Any] | None = None,
        rng: Any = None,
        n_jobs: int | None = None,
        client: Any = None,
    ) -> None:
        self.features = features
        self.target = target
        self.method = method
        if not isinstance(method, Estimator) and method == "auto":
            check_auto_params(method_params or {}, features, target)
        self.params = tuple(sorted((method_params or {}).items()))
        self.entropy = entropy_of(rng)
        resolve_n_jobs(n_jobs)
        self.n_jobs = n_jobs
        self.client = client
        self._values: dict[tuple[Any, ...], float] = {}
        self._methods: dict[tuple[Any, ...], str] = {}
        self._keys: list[int] | None = None
        self._plan: PairPlan | None = None
        self._plan_failed = target.n_features != 1
        #: Number of estimates made, per kind of term.
        self.computed: Counter[str] = Counter()
        #: Number of terms served from the cache, per kind of term.
        self.reused: Counter[str] = Counter()

    # ------------------------------------------------------------------ #
    def relevance(self, js: Sequence[int]) -> NDArray[np.float64]:
        """Return ``I(X_j; Y)`` in nats for each ``j`` in ``js``."""
        return self._get([("relevance", j) for j in js])

    def redundancy(self, js: Sequence[int], k: int) -> NDArray[np.float64]:
        """Return ``I(X_j; X_k)`` in nats for each ``j`` in ``js``."""
        return self._get([("redundancy", min(j, k), max(j, k)) for j in js])

    def conditional_relevance(self, js: Sequence[int], k: int) -> NDArray[np.float64]:
        """Return ``I(X_j; Y | X_k)`` in nats for each ``j`` in ``js``."""
        keys = [("conditional_relevance", j, k) for j in js]
        missing = [key for key in dict.fromkeys(keys) if key not in self._values]
        if missing and not self._direct_cmi(missing[0][1], k):
            # Chain rule: the conditioning feature's relevance is needed first.
            self.relevance([k])
        return self._get(keys)

    def null_relevance(self, draws: int) -> NDArray[np.float64]:
        """Return ``I(X_j; Y_perm)`` in nats, shape ``(draws, n_features)``.

        ``Y_perm`` is the target with its rows permuted, so every value is an
        estimate of a zero MI by this cache's method on these columns: their
        spread is the method's noise level. The permutations are keyed by the
        target's content (not by ``rng``), so a deterministic method gives a
        deterministic result; the estimators' own randomness comes from this
        cache's root entropy. Counted as ``"null_relevance"`` in
        :attr:`computed`. The estimates' warnings are not repeated: they concern
        permuted copies of columns whose own terms already warn.
        """
        d = len(self.features)
        values = []
        for t in range(draws):
            seed = np.random.SeedSequence(self.key(d), spawn_key=(STREAM_NULL, t))
            order = np.random.default_rng(seed).permutation(self.target.n_samples)
            target = dataclasses.replace(self.target, values=self.target.values[order])
            sub = np.random.SeedSequence(self.entropy, spawn_key=(STREAM_NULL, t))
            null = TermCache(
                self.features,
                target,
                method=self.method,
                method_params=dict(self.params),
                rng=int(sub.generate_state(1, np.uint64)[0] >> 1),
                n_jobs=self.n_jobs,
                client=self.client,
            )
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MutinfoWarning)
                values.append(null.relevance(range(d)))
            self.computed["null_relevance"] += d
        return np.vstack(values)

    def key(self, j: int) -> int:
        """Return the content key of feature ``j`` (``len(features)``: the target).

        A digest of the column's values (:func:`mutinfo._parallel.content_key`).
        Every random stream of selection is keyed by these, so a feature's
        terms and p-values do not depend on its position among the columns.
        Copies of a column share the key: each stream feeds one estimator or
        test, which draws each of its variables' noise in turn, so copies in
        one term still get independent noise, and a term reads the same
        whichever copy it holds (as :func:`mutinfo.estimate` does, and as the
        matrix's pair streams, :meth:`mutinfo.matrix._kernels.Prepared.pair_key`;
        numbered copies made the terms depend on which copy came first).
        """
        if self._keys is None:
            self._keys = [content_key(v.values) for v in [*self.features, self.target]]
        return self._keys[j]

    def method_of(self, key: tuple[Any, ...]) -> str:
        """Return the method that estimated a cached term."""
        return self._methods[key]

    def not_estimated_reason(self, j: int, k: int | None = None) -> str | None:
        """Return why a term of feature ``j`` is NaN (not estimated), else None.

        The relevance ``I(X_j; Y)``, or with ``k`` the redundancy
        ``I(X_j; X_k)``: the pair holds a row identifier (a label column with
        a different value on every row), which the matrix kernels leave NaN.
        """
        plan = self._plan
        if plan is None:
            return None
        other = plan.target if k is None else k
        c = plan.prep.identifier_of(j, other)
        if c is None:
            return None
        return identifier_reason(plan.prep, c)

    # ------------------------------------------------------------------ #
    def _direct_cmi(self, j: int, k: int) -> bool:
        """Whether ``I(X_j; Y | X_k)`` has an estimator of CMI for these kinds."""
        vs = [self.features[j], self.target, self.features[k]]
        if isinstance(self.method, Estimator):
            return self.method.supports("cmi")
        name = self.method
        if name == "auto":
            try:
                name = auto_method("cmi", vs)
            except UnsupportedMeasureError:
                return False
        return supports(name, "cmi")

    def _job(self, key: tuple[Any, ...]) -> _Job:
        kind = key[0]
        f, y = self.features, self.target
        vs: tuple[Variable, ...]
        if kind == "relevance":
            measure, vs = "mi", (f[key[1]], y)
        elif kind == "redundancy":
            measure, vs = "mi", (f[key[1]], f[key[2]])
        elif self._direct_cmi(key[1], key[2]):
            measure, vs = "cmi", (f[key[1]], y, f[key[2]])
        else:
            measure, vs = "mi", (join(f[key[1]], f[key[2]]), y)
        columns = [self.key(j) for j in key[1:]]
        if kind == "redundancy":
            columns.sort()  # the same stream for either order of the pair
        stream = (STREAM_TERM, _KIND[kind], *columns)
        return _Job(measure, vs, self.method, self.params, self.entropy, stream)

    def pair_plan(self) -> PairPlan | None:
        """Return the matrix plan of the MI pairs, or None where it does not apply."""
        if self._plan is None and not self._plan_failed:
            try:
                self._plan = PairPlan(
                    self.features,
                    self.target,
                    method=self.method,
                    params=dict(self.params),
                    entropy=self.entropy,
                    n_jobs=self.n_jobs,
                    client=self.client,
                )
            except MutinfoError:
                # The per-term path raises the estimator's own error, if any.
                self._plan_failed = True
        return self._plan

    def _get_pairs(self, missing: list[tuple[Any, ...]]) -> bool:
        """Estimate relevance and redundancy terms as matrix pairs, if possible."""
        plan = self.pair_plan()
        if plan is None:
            return False
        d = len(self.features)
        pairs = [(k[1], d) if k[0] == "relevance" else (k[1], k[2]) for k in missing]
        values = plan.mi(pairs)
        for key, (i, j), value in zip(missing, pairs, values, strict=True):
            self._values[key] = float(value)
            self._methods[key] = plan.method(i, j)
            self.computed[key[0]] += 1
        return True

    def _get_conditional_pairs(self, missing: list[tuple[Any, ...]]) -> bool:
        """Estimate ``I(X_j; Y | X_k)`` for one ``k`` as matrix pairs given X_k."""
        k = missing[0][2]
        if self.target.n_features != 1 or not self._direct_cmi(missing[0][1], k):
            return False
        # The plan's root is keyed by X_k's content, not its position.
        seed = np.random.SeedSequence(
            self.entropy, spawn_key=(STREAM_GIVEN_PLAN, self.key(k))
        )
        try:
            plan = PairPlan(
                self.features,
                self.target,
                given=self.features[k],
                method=self.method,
                params=dict(self.params),
                entropy=int(seed.generate_state(1, np.uint64)[0] >> 1),
                n_jobs=self.n_jobs,
                client=self.client,
            )
        except MutinfoError:
            return False
        d = len(self.features)
        pairs = [(key[1], d) for key in missing]
        values = plan.mi(pairs)
        for key, (i, j), value in zip(missing, pairs, values, strict=True):
            self._values[key] = float(value)
            self._methods[key] = plan.method(i, j)
            self.computed[key[0]] += 1
        return True

    def _get(self, keys: list[tuple[Any, ...]]) -> NDArray[np.float64]:
        missing = [key for key in dict.fromkeys(keys) if key not in self._values]
        self.reused.update(key[0] for key in keys if key in self._values)
        if missing:
            done = (
                self._get_conditional_pairs(missing)
                if missing[0][0] == "conditional_relevance"
                else self._get_pairs(missing)
            )
            if done:
                missing = []
        if missing:
            jobs = [self._job(key) for key in missing]
            # Each term draws from its own content-keyed stream (job.stream).
            results = execute(
                _estimate, jobs, entropy=0, n_jobs=self.n_jobs, client=self.client
            )
            for key, job, (value, name) in zip(missing, jobs, results, strict=True):
                if key[0] == "conditional_relevance" and job.measure == "mi":
                    value -= self._values[("relevance", key[2])]
                    name = f"{name} (chain rule)"
                self._values[key] = value
                self._methods[key] = name
                self.computed[key[0]] += 1
        return np.array([self._values[key] for key in keys], dtype=np.float64)
