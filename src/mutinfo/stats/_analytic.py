"""Analytic confidence intervals, one rule per estimator family, in an open table.

A rule is ``rule(estimator, measure, variables, result, level) -> (low, high)``
in nats, or ``None`` where it does not apply (a measure or shape it does not
cover, a missing posterior). Families added later register their rule with
:func:`register_analytic`; :func:`mutinfo.confidence_interval` falls back to a
resampling scheme when a rule is missing or returns ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np

from mutinfo._result import Result

if TYPE_CHECKING:
    from mutinfo._validation import Variable
    from mutinfo.estimators._base import Estimator

__all__ = ["ANALYTIC", "AnalyticRule", "register_analytic"]

AnalyticRule = Callable[
    ["Estimator", str, "list[Variable]", Result, float], "tuple[float, float] | None"
]

#: Registry name -> analytic rule.
ANALYTIC: dict[str, AnalyticRule] = {}


def register_analytic(name: str, rule: AnalyticRule) -> AnalyticRule:
    """Register the analytic interval rule of the family called ``name``."""
    ANALYTIC[name] = rule
    return rule


def _z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 2.0)


def _normal(centre: float, se: float, level: float) -> tuple[float, float]:
    """Normal-approximation interval ``centre +/- z * se`` at ``level``."""
    return centre - _z(level) * se, centre + _z(level) * se


# --------------------------------------------------------------------------- #
# Plug-in family: delta method around the Miller-Madow-corrected value
# --------------------------------------------------------------------------- #
def _states(*variables: Variable) -> int:
    from mutinfo._counting import encode

    return encode(*(v.as_discrete().values for v in variables))[1]


def _first_order_bias(measure: str, v: list[Variable]) -> float | None:
    """Miller's first-order bias (plug-in minus truth) of a plug-in measure, nats."""
    n = v[0].n_samples
    if measure == "entropy":
        return -(_states(v[0]) - 1) / (2 * n)
    if measure == "conditional_entropy":
        return -(_states(v[0], v[1]) - _states(v[1])) / (2 * n)
    if measure == "mi":
        return (_states(v[0], v[1]) - _states(v[0]) - _states(v[1]) + 1) / (2 * n)
    if measure == "cmi":
        return (
            _states(*v) - _states(v[0], v[2]) - _states(v[1], v[2]) + _states(v[2])
        ) / (2 * n)
    return None


def _plugin_se(measure: str, variables: list[Variable], result: Result) -> float | None:
    """Delta-method standard error: std of the plug-in local values / sqrt(n)."""
    local = result.local
    if local is None or result.method != "plugin":
        from mutinfo.estimators.discrete import Plugin

        if measure not in Plugin.measures:
            return None
        local = Plugin().compute(measure, variables).local
    if local is None or local.size < 2:
        return None
    return float(np.std(local, ddof=1) / math.sqrt(local.size))


def _plugin_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Plug-in: ``value - bias +/- z sd(local) / sqrt(n)`` (bias-aware delta)."""
    bias = _first_order_bias(measure, variables)
    se = _plugin_se(measure, variables, result)
    if bias is None or se is None:
        return None
    return _normal(result.value - bias, se, level)


def _corrected_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Corrected plug-in families: ``value +/- z sd(plug-in local) / sqrt(n)``."""
    se = _plugin_se(measure, variables, result)
    if se is None:
        return None
    return _normal(result.value, se, level)


# --------------------------------------------------------------------------- #
# Gaussian: Fisher's z for one (partial) correlation; log-det for entropies
# --------------------------------------------------------------------------- #
def _gaussian_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Gaussian MI/CMI of one (partial) correlation via Fisher's z; entropy via log-det.

    ``I = -1/2 log(1 - rho^2) = log cosh(atanh |rho|)``; ``atanh(rho_hat)`` has
    standard error ``1 / sqrt(n - 3 - d_z)``, and the interval maps through the
    monotone ``log cosh``. A Gaussian entropy ``1/2 log det(2 pi e S)`` has
    standard error ``sqrt(d / (2 n))``.
    """
    n = variables[0].n_samples
    c = _z(level)
    if measure == "entropy":
        if estimator.name != "gaussian":
            return None  # a copula entropy is not a Gaussian entropy
        d = variables[0].n_features
        return _normal(result.value, math.sqrt(d / (2.0 * n)), level)
    if measure not in ("mi", "cmi") or any(v.n_features != 1 for v in variables[:2]):
        return None
    if not all(v.is_continuous for v in variables):
        return None  # the discrete models of gaussian_copula are not correlations
    d_z = variables[2].n_features if measure == "cmi" else 0
    dof = n - 3 - d_z
    if dof < 1:
        return None
    rho2 = -math.expm1(-2.0 * max(result.value, 0.0))
    z_hat = math.atanh(min(math.sqrt(rho2), 1.0 - 1e-15))
    half = c / math.sqrt(dof)
    lo, hi = z_hat - half, z_hat + half
    low = 0.0 if lo <= 0.0 else math.log(math.cosh(lo))
    return low, math.log(math.cosh(hi))


# --------------------------------------------------------------------------- #
# NSB: the posterior standard deviation
# --------------------------------------------------------------------------- #
def _posterior_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Posterior families: ``value +/- z * extras['std']`` (normal approximation)."""
    std = result.extras.get("std")
    if not isinstance(std, int | float) or not math.isfinite(std):
        return None
    return _normal(result.value, std, level)


register_analytic("plugin", _plugin_rule)
register_analytic("miller_madow", _corrected_rule)
register_analytic("gaussian", _gaussian_rule)
register_analytic("gaussian_copula", _gaussian_rule)
register_analytic("nsb", _posterior_rule)
