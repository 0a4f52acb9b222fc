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
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._result import Result, check_base
from mutinfo._validation import (
    Param,
    Variable,
    check_params,
    check_rng,
)
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    UnsupportedMeasureError,
    warn,
)

__all__ = ["MEASURES", "Estimate", "Estimator", "join"]

#: Measures of the front door, with the variables each one takes.
MEASURES: dict[str, tuple[str, ...]] = {
    "entropy": ("x",),
    "conditional_entropy": ("x", "z"),
    "mi": ("x", "y"),
    "cmi": ("x", "y", "z"),
    "total_correlation": ("x",),  # among the columns of x
}


@dataclass
class Estimate:
    """What a family's private method returns: nats, local values, extras."""

    value: float
    local: NDArray[np.float64] | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def join(*variables: Variable) -> Variable:
    """Concatenate variables column-wise into one joint variable."""
    return Variable(
        name="".join(v.name for v in variables),
        values=np.hstack([v.values for v in variables]),
        discrete=tuple(d for v in variables for d in v.discrete),
        labels=tuple(lab for v in variables for lab in v.labels),
        coded=tuple(c for v in variables for c in v.coded),
    )


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
        from mutinfo._api import gather

        variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
        return self.compute(measure, variables, base=base)

    # ------------------------------------------------------------------ #
    # Validated path (used by the front door, stats, matrices)
    # ------------------------------------------------------------------ #
    def supports(self, measure: str) -> bool:
        """Return whether the family implements ``measure``."""
        return measure in self.measures

    def min_samples(self) -> int:
        """Return the fewest samples the estimator accepts with these settings."""
        return 1

    def compute(
        self, measure: str, variables: list[Variable], *, base: float = math.e
    ) -> Result:
        """Estimate ``measure`` on validated variables and wrap it in a Result."""
        base = check_base(base)
        if not self.supports(measure):
            from mutinfo._registry import families_supporting

            others = ", ".join(repr(n) for n in families_supporting(measure))
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
        est = self._dispatch(measure, variables, rng)
        return self._wrap(measure, est, n, base)

    def _wrap(self, measure: str, est: Estimate, n: int, base: float) -> Result:
        """Wrap nats in a Result; ``Result.to`` converts value, local and extras."""
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
    ) -> Estimate:
        if measure == "entropy":
            return self._entropy(v[0], rng)
        if measure == "conditional_entropy":
            return self._conditional_entropy(v[0], v[1], rng)
        if measure == "mi":
            return self._mi(v[0], v[1], rng)
        if measure == "cmi":
            return self._cmi(v[0], v[1], v[2], rng)
        return self._other(measure, v, rng)

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
        warn(
            f"Method {self.name!r} treats the discrete columns of {v.name!r} as "
            "continuous numbers; repeated values make kNN estimates unreliable. "
            "Use 'plugin' for discrete data, or pass discrete=False to silence this.",
            DataWarning,
        )
        return v.as_continuous()

    # Hooks ---------------------------------------------------------------
    def _entropy(self, x: Variable, rng: np.random.Generator) -> Estimate:
        raise NotImplementedError

    def _conditional_entropy(
        self, x: Variable, z: Variable, rng: np.random.Generator
    ) -> Estimate:
        joint = self._entropy(join(x, z), rng)
        marginal = self._entropy(z, rng)
        local = (
            None
            if joint.local is None or marginal.local is None
            else joint.local - marginal.local
        )
        return Estimate(joint.value - marginal.value, local)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> Estimate:
        raise NotImplementedError

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> Estimate:
        raise NotImplementedError

    def _other(
        self, measure: str, v: list[Variable], rng: np.random.Generator
    ) -> Estimate:
        raise NotImplementedError
