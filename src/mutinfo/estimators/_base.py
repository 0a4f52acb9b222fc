"""The estimator protocol every family implements.

A family declares its registry ``name``, the ``measures`` it supports, the data
``kinds`` it accepts and its ``parameters`` with constraints, and implements
private ``_entropy`` / ``_mi`` / ``_cmi`` on validated :class:`Variable` objects,
returning nats. The base class does the rest: validation, units, ``Result``,
``get_params`` / ``set_params`` / ``repr`` and pickling.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from mutinfo import _registry
from mutinfo._measures import MEASURES, RawEstimate, gather, get_measure, join
from mutinfo._params import Param, check_params, check_rng
from mutinfo._result import Result, check_base
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    UnsupportedMeasureError,
    warn,
)

__all__ = ["MEASURES", "Estimate", "Estimator", "RawEstimate", "join"]

#: Former name of :class:`RawEstimate` (kept for families written against it).
Estimate = RawEstimate


class Estimator:
    """Base class of estimator families: settings only, never data.

    Subclasses set the class attributes and implement the private measure
    methods they support. Parameters are keyword-only; ``rng`` seeds every
    random draw the estimator makes.
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    reference: ClassVar[str] = ""
    measures: ClassVar[tuple[str, ...]] = ()
    kinds: ClassVar[tuple[str, ...]] = ("continuous",)
    parameters: ClassVar[Mapping[str, Param]] = {}
    #: False for families whose value is not Shannon information (for example
    #: quadratic MI); benchmarks against Shannon ground truth skip them.
    shannon: ClassVar[bool] = True

    # What the layers above ask the family (instead of keeping tables of names).
    #: Per-pair work releases the GIL (numpy/scipy/numba nogil), so threads scale.
    thread_safe: ClassVar[bool] = False
    #: Duplicated rows read as (infinitely) close neighbours: no bootstrap.
    duplicate_sensitive: ClassVar[bool] = False
    #: The interval scheme ``scheme="auto"`` uses, as measured to cover
    #: (benchmarks/calibration.py, docs/uncertainty.md).
    interval_scheme: ClassVar[str] = "subsample"
    #: Name of the analytic interval rule in :mod:`mutinfo.stats` that applies
    #: to this family (``None``: no analytic interval).
    analytic_rule: ClassVar[str | None] = None
    #: Name of the prepared permutation-null kernel in :mod:`mutinfo.stats` that
    #: re-evaluates this family's statistic on a permuted index (``None``: the
    #: estimator runs on every surrogate). Read from the class's own namespace,
    #: so subclasses do not inherit it.
    null_kernel: ClassVar[str | None] = None
    #: What the family's confidence intervals cover, a template on the measure
    #: name: ``"{measure}"`` (the measure itself) or what the family estimates
    #: in its place (``"a lower bound on {measure}"``). Any other target makes
    #: ``confidence_interval`` raise a BiasWarning quoting ``interval_caveat``.
    interval_target: ClassVar[str] = "{measure}"
    #: Why the interval does not cover the measure itself (the warning's text).
    interval_caveat: ClassVar[str] = ""
    #: Occupied cells of the joint table per sample (of the rows each estimate
    #: of an interval sees) above which the family's confidence intervals were
    #: measured to cover far below their level; ``confidence_interval`` then
    #: warns (``None``: not a counting family, no check).
    interval_sparse_ratio: ClassVar[float | None] = None
    #: Exponent ``a`` of the leading finite-sample bias ``c / n**a`` that the
    #: ``"extrapolate"`` interval scheme removes (1: the counting and
    #: spacing biases).
    bias_rate: ClassVar[float] = 1.0
    #: Whether measures composed from the family's own (``declare_measure``
    #: with ``compose``) apply to it; False for families limited to one column.
    composable: ClassVar[bool] = True
    #: The matrix's fused pair kernel for this family and the parameters it
    #: honours (``None``: pairs run through :meth:`compute`).
    pair_kernel: ClassVar[tuple[str, frozenset[str]] | None] = None
    #: Why a continuous-only family reads discrete columns badly, for the
    #: warning of :meth:`_adapt` (a clause after "continuous numbers; ").
    repeated_values: ClassVar[str] = (
        "repeated values are point masses, which its continuous-density "
        "estimate does not model, so the estimate is unreliable"
    )

    def __init__(self, *, rng: Any = None, **params: Any) -> None:
        check_rng(rng)
        self._params = check_params(params, self.parameters, f"{type(self).__name__}()")
        self.rng = rng

    # ------------------------------------------------------------------ #
    # Settings
    # ------------------------------------------------------------------ #
    def __getattr__(self, key: str) -> Any:
        params = self.__dict__.get("_params")
        if params is not None and key in params:
            return params[key]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {key!r}")

    def get_params(self) -> dict[str, Any]:
        """Return the estimator's parameters (including ``rng``)."""
        return {**self._params, "rng": self.rng}

    def set_params(self, **params: Any) -> Estimator:
        """Set parameters in place and return the estimator."""
        rng = params.pop("rng", self.rng)
        check_rng(rng)
        merged = {**self._params, **params}
        self._params = check_params(merged, self.parameters, f"{type(self).__name__}()")
        self.rng = rng
        return self

    def __repr__(self) -> str:
        shown = [
            f"{k}={v!r}"
            for k, v in self._params.items()
            if v != self.parameters[k].default
        ]
        if self.rng is not None:
            shown.append(f"rng={self.rng!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.get_params() == (
            other.get_params()  # type: ignore[attr-defined]
        )

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ #
    # Public measures
    # ------------------------------------------------------------------ #
    def entropy(
        self,
        x: Any,
        *,
        base: float = math.e,
        discrete: Any = "auto",
        nan_policy: str = "raise",
    ) -> Result:
        """Estimate the entropy H(X); see the family's docstring for the method."""
        return self.estimate(
            "entropy", x, base=base, discrete=discrete, nan_policy=nan_policy
        )

    def conditional_entropy(
        self,
        x: Any,
        z: Any,
        *,
        base: float = math.e,
        discrete: Any = "auto",
        nan_policy: str = "raise",
    ) -> Result:
        """Estimate the conditional entropy H(X | Z) = H(X, Z) - H(Z)."""
        return self.estimate(
            "conditional_entropy",
            x,
            z=z,
            base=base,
            discrete=discrete,
            nan_policy=nan_policy,
        )

    def mi(
        self,
        x: Any,
        y: Any,
        *,
        base: float = math.e,
        discrete: Any = "auto",
        nan_policy: str = "raise",
    ) -> Result:
        """Estimate the mutual information I(X; Y)."""
        return self.estimate(
            "mi", x, y, base=base, discrete=discrete, nan_policy=nan_policy
        )

    def cmi(
        self,
        x: Any,
        y: Any,
        z: Any,
        *,
        base: float = math.e,
        discrete: Any = "auto",
        nan_policy: str = "raise",
    ) -> Result:
        """Estimate the conditional mutual information I(X; Y | Z)."""
        return self.estimate(
            "cmi", x, y, z, base=base, discrete=discrete, nan_policy=nan_policy
        )

    def estimate(
        self,
        measure: str,
        x: Any,
        y: Any = None,
        z: Any = None,
        *,
        base: float = math.e,
        discrete: Any = "auto",
        nan_policy: str = "raise",
    ) -> Result:
        """Validate the data and estimate ``measure`` (see :data:`MEASURES`)."""
        variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
        return self.compute(measure, variables, base=base)

    # ------------------------------------------------------------------ #
    # Validated path (used by the front door, stats, matrices)
    # ------------------------------------------------------------------ #
    def supports(self, measure: str) -> bool:
        """Return whether the family estimates ``measure`` (natively or composed)."""
        return measure in _registry.supported_measures(self)

    def fast_kernel(self) -> str | None:
        """Return the matrix pair kernel that computes what :meth:`compute` does.

        ``None`` when the family has none, when the object is a subclass (which
        may change the estimate), or when a setting the kernel ignores differs.
        """
        declared = type(self).__dict__.get("pair_kernel")
        if declared is None:
            return None
        kernel, honoured = declared
        return kernel if self.changed_params() <= honoured else None

    def changed_params(self) -> set[str]:
        """Return the names of the parameters set away from their defaults.

        What a fast kernel must honour: a parameter left at its default
        changes nothing, so a family can gain parameters without silently
        turning its kernels off (or on with a setting they would ignore).
        """
        out = set()
        for name, value in self._params.items():
            default = self.parameters[name].default
            try:
                same = bool(value == default) and type(value) is type(default)
            except (TypeError, ValueError):  # arrays and the like
                same = False
            if not same:
                out.add(name)
        return out

    def min_samples(self) -> int:
        """Return the fewest samples the estimator accepts with these settings."""
        return 1

    def interval_cover(
        self, measure: str, variables: list[Variable]
    ) -> tuple[str, str]:
        """Return what an interval of ``measure`` covers here, and why if not it.

        ``(target, caveat)``: ``target`` from :attr:`interval_target`, and
        ``caveat`` ``""`` when the target is the measure itself. Families whose
        target depends on the data (binning: only continuous columns are
        binned) override it.
        """
        target = self.interval_target.format(measure=measure)
        return target, ("" if target == measure else self.interval_caveat)

    def interval_bias_rate(self, measure: str, variables: list[Variable]) -> float:
        """Return the exponent ``a`` of the estimate's leading bias ``c / n**a``."""
        return float(self.bias_rate)

    def compute(
        self, measure: str, variables: list[Variable], *, base: float = math.e
    ) -> Result:
        """Estimate ``measure`` on validated variables and wrap it in a Result."""
        base = check_base(base)
        if not self.supports(measure):
            others = ", ".join(repr(n) for n in _registry.families_supporting(measure))
            raise UnsupportedMeasureError(
                f"Method {self.name!r} does not estimate {measure!r}. "
                f"Methods that do: {others}."
            )
        n = variables[0].n_samples
        need = self.min_samples()
        if n < need:
            raise InsufficientSamplesError(
                f"Method {self.name!r} needs at least {need} samples with "
                f"{self._describe_settings()}; got n_samples={n}."
            )
        variables = [self._adapt(v) for v in variables]
        rng = check_rng(self.rng)
        # Warns, for every family, when float64 had rounded the data's
        # differences (imported here: the registry loads no module with data
        # checks until an estimate runs).
        from mutinfo.estimators._guards import resolution_checked

        with resolution_checked(variables, self.name):
            est = self._dispatch(measure, variables, rng)
        return self._wrap(measure, est, n, base)

    def _wrap(self, measure: str, est: RawEstimate, n: int, base: float) -> Result:
        """Wrap nats in a Result; ``Result.to`` converts value, local and extras."""
        if math.isnan(est.value):
            # Every caller reads a NaN silently: a blank matrix cell, the last
            # place of a ranking, a 'nan' in a table of results.
            raise InvalidDataError(
                f"Method {self.name!r} returned NaN for {measure!r} on these data "
                f"(n_samples={n}), which is not an estimate. Check the method's "
                "settings and the data, or use another method."
            )
        nats = Result(
            value=est.value,
            unit="nats",
            measure=measure,
            method=self.name,
            n_samples=n,
            params=self._params,
            extras=est.extras,
            local=est.local,
        )
        return nats if base == math.e else nats.to(base)

    def _describe_settings(self) -> str:
        return ", ".join(f"{k}={v!r}" for k, v in self._params.items()) or "defaults"

    def _dispatch(
        self, measure: str, v: list[Variable], rng: np.random.Generator
    ) -> RawEstimate:
        """Call the measure's hook, or compose it from the measures it requires."""
        declared = get_measure(measure)
        hook = getattr(self, declared.hook, None)
        if hook is not None and (measure in self.measures or declared.compose is None):
            result: RawEstimate = hook(*v, rng)
            return result
        if declared.compose is None:
            raise NotImplementedError(f"{type(self).__name__}.{declared.hook}")

        def part(name: str, *variables: Variable) -> RawEstimate:
            return self._dispatch(name, list(variables), rng)

        return declared.compose(part, *v)

    def _adapt(self, v: Variable) -> Variable:
        """Reconcile a variable's kinds with what the family accepts."""
        if v.kind in self.kinds:
            return v
        if self.kinds == ("discrete",):
            # A discrete-only family treats every column as labels.
            return v.as_discrete()
        if self.kinds != ("continuous",):
            return v  # the family handles mixed inputs itself
        if any(v.coded):
            raise InvalidDataError(
                f"Method {self.name!r} needs numeric data, but {v.name!r} holds "
                "string labels. Use a discrete method such as 'plugin', or encode "
                "the labels as numbers."
            )
        from mutinfo.estimators._guards import columns_where

        where = columns_where(v, np.flatnonzero(v.discrete))
        if where == repr(v.name):
            where = f"of {where}"
        warn(
            f"Method {self.name!r} treats the discrete columns {where} as "
            f"continuous numbers; {self.repeated_values}. "
            "Use 'plugin' for discrete data, or pass discrete=False to silence this.",
            DataWarning,
        )
        return v.as_continuous()

    # Hooks ---------------------------------------------------------------
    # One per declared measure (``_measures.MEASURES[m].hook``); a family
    # implements those it lists in ``measures``.
    def _entropy(self, x: Variable, rng: np.random.Generator) -> RawEstimate:
        raise NotImplementedError

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        raise NotImplementedError

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        raise NotImplementedError
