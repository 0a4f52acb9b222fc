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
from numpy.typing import NDArray

from mutinfo._result import Result

if TYPE_CHECKING:
    from mutinfo._validation import Variable
    from mutinfo.estimators._base import Estimator

__all__ = ["ANALYTIC", "AnalyticRule", "register_analytic", "rule_for"]

AnalyticRule = Callable[
    ["Estimator", str, "list[Variable]", Result, float], "tuple[float, float] | None"
]

#: Rule name -> analytic rule. A family names its rule in its
#: ``analytic_rule`` class attribute; a rule registered under a family's
#: registry name applies to that family directly.
ANALYTIC: dict[str, AnalyticRule] = {}


def register_analytic(name: str, rule: AnalyticRule) -> AnalyticRule:
    """Register an analytic interval rule under a rule or family name.

    Families declare which rule applies to them (``analytic_rule =
    "plugin_jackknife"``); registering under a family's registry name (for
    example ``"ksg"``) gives that family a rule without editing it.
    """
    ANALYTIC[name] = rule
    return rule


def rule_for(estimator: Estimator) -> AnalyticRule | None:
    """Return the analytic rule that applies to ``estimator``, if any."""
    rule = ANALYTIC.get(estimator.name)
    declared = type(estimator).analytic_rule
    if rule is None and declared is not None:
        rule = ANALYTIC.get(declared)
    return rule


def _z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 2.0)


def _normal(centre: float, se: float, level: float) -> tuple[float, float]:
    """Normal-approximation interval ``centre +/- z * se`` at ``level``."""
    return centre - _z(level) * se, centre + _z(level) * se


# --------------------------------------------------------------------------- #
# Plug-in family: Miller-Madow-corrected value +/- z * jackknife standard error
# --------------------------------------------------------------------------- #
def _clogc(c: NDArray[np.float64]) -> NDArray[np.float64]:
    """``c log c`` with ``0 log 0 = 0``, for counts ``c >= 0``."""
    return c * np.log(np.maximum(c, 1.0))


def _plugin_bias_and_se(
    measure: str, variables: list[Variable]
) -> tuple[float, float] | None:
    """Miller's bias and the jackknife SE of a plug-in measure (see _plugin_terms)."""
    terms = _plugin_terms(measure, variables)
    return None if terms is None else terms[:2]


def _plugin_terms(
    measure: str, variables: list[Variable]
) -> tuple[float, float, float] | None:
    """Miller's first-order bias and the jackknife SE of a plug-in measure, nats.

    The measure is a signed sum of plug-in joint entropies
    (:data:`~mutinfo.estimators._counts_base._IDENTITIES`). Each entropy of
    ``K`` occupied cells is biased by ``-(K - 1) / (2 n)`` (Miller 1955), which
    sums to the bias of the measure, e.g. ``(K_xy - K_x - K_y + 1) / (2 n)``
    for MI. Deleting row ``i`` lowers the count ``c`` of its cell by one, so
    every delete-one entropy follows from the full table in closed form,
    ``log(n - 1) - (S - c log c + (c - 1) log(c - 1)) / (n - 1)`` with
    ``S = sum c log c``, and the delete-one jackknife variance
    ``(n - 1) / n * sum_i (I_(i) - mean I_(.))^2`` costs O(n). The third
    term is the jackknife's bias, ``(n - 1) (mean I_(.) - I)`` (Quenouille).
    """
    from mutinfo._counting import encode
    from mutinfo.estimators._counts_base import _IDENTITIES

    terms = _IDENTITIES.get(measure)
    n = variables[0].n_samples
    if terms is None or n < 3:
        return None
    bias, full = 0.0, 0.0
    left_out = np.zeros(n)
    for sign, joined in terms:
        codes, k = encode(*(variables[i].as_discrete().values for i in joined))
        bias -= sign * (k - 1) / (2 * n)
        c = np.bincount(codes, minlength=k).astype(np.float64)
        own = c[codes]
        full += sign * (math.log(n) - float(_clogc(c).sum()) / n)
        s_minus = float(_clogc(c).sum()) - _clogc(own) + _clogc(own - 1.0)
        left_out += sign * (math.log(n - 1) - s_minus / (n - 1))
    spread = left_out - left_out.mean()
    se = math.sqrt((n - 1) / n * float(spread @ spread))
    return bias, se, (n - 1) * (float(left_out.mean()) - full)


def _plugin_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Plug-in: ``value - bias +/- z * se_jackknife`` (bias-aware).

    Centred on the Miller-Madow-corrected value. The standard error is the
    delete-one jackknife's of the plug-in: to first order it equals the delta
    method's ``sd(local) / sqrt(n)``, but it also carries the second-order
    variance (the randomness of the quadratic term whose mean is the
    Miller-Madow bias, and of the occupied cells), which the delta method
    misses when the joint table holds few samples per cell, and by the
    Efron-Stein inequality it does not underestimate the variance on average.
    On an 8-symbol channel at n = 300 (64 cells, about 5 samples per cell) the
    delta-method SE was 10% short of the estimate's spread and covered 0.92;
    the jackknife SE covers 0.96 (docs/uncertainty.md).
    """
    terms = _plugin_bias_and_se(measure, variables)
    if terms is None:
        return None
    bias, se = terms
    return _normal(result.value - bias, se, level)


def _corrected_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Bias-corrected counting families: ``value +/- z * se_jackknife(plug-in)``.

    Miller-Madow, Grassberger, James-Stein and Chao-Shen remove (most of) the
    plug-in's bias but keep its spread to first order, so the interval is the
    plug-in's delete-one jackknife standard error (O(n) from counts) around
    the family's own value. The jackknife of the family itself is not used:
    Grassberger's ``G`` alternates with the parity of a count, so delete-one
    values jump and the jackknife SE is several times the true spread
    (coverage 1.0 on the channel below). Measured on the 8-symbol channel
    (docs/uncertainty.md, 500 replicates): 0.944-0.958 for Grassberger and
    James-Stein at n = 300 / 1,000 / 3,000, where subsampling gave
    0.920-0.978; so ``auto`` uses this rule for them. Chao-Shen's own bias (it
    equals the plug-in once no cell is a singleton) holds it at 0.81 / 0.93 /
    0.92 (subsampling: 0.85 / 0.90 / 0.91), so ``auto`` keeps subsampling
    for ``chao_shen``, whose use is small samples.
    """
    terms = _plugin_bias_and_se(measure, variables)
    if terms is None:
        return None
    return _normal(result.value, terms[1], level)


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
    monotone ``log cosh``. ``rho_hat`` is the sample (partial) correlation:
    the estimate with the family's bias correction added back. A Gaussian
    entropy ``1/2 log det(2 pi e S)`` has standard error ``1/2 sqrt(sum_i
    trigamma((n - i) / 2))`` (``i = 1..d``; about ``sqrt(d / (2 n))``), around
    the unbiased value.

    When the interval of ``atanh |rho|`` reaches 0, the MI interval starts at
    0 (the MI of ``rho = 0``). The bias-corrected estimate is negative for
    about 7 in 10 independent pairs (283 of 400 at n = 100); its interval
    then starts at the estimate, which the interval would otherwise exclude.
    """
    n = variables[0].n_samples
    c = _z(level)
    if measure == "entropy":
        if estimator.name != "gaussian":
            return None  # a copula entropy is not a Gaussian entropy
        from scipy.special import polygamma

        from mutinfo.estimators.gaussian import entropy_bias

        d = variables[0].n_features
        if n - d < 1:
            return None
        # The exact spread of 1/2 log det of a Gaussian sample covariance:
        # var = 1/4 sum_i trigamma((n - i) / 2), i = 1..d (the digamma sum of
        # the bias correction, differentiated); d / (2 n) is its large-n
        # limit, 10-30% short at small n (0.89 coverage at d = 3, n = 10).
        i = np.arange(1, d + 1, dtype=np.float64)
        se = 0.5 * math.sqrt(float(polygamma(1, (n - i) / 2.0).sum()))
        centre = result.value
        if not estimator.get_params().get("bias_correction", True):
            centre -= entropy_bias(d, n)  # centred on the unbiased value
        return _normal(centre, se, level)
    if measure not in ("mi", "cmi") or any(v.n_features != 1 for v in variables[:2]):
        return None
    if not all(v.is_continuous for v in variables):
        return None  # the discrete models of gaussian_copula are not correlations
    d_z = variables[2].n_features if measure == "cmi" else 0
    dof = n - 3 - d_z
    if dof < 1:
        return None
    # Fisher's z is of the sample (partial) correlation itself: the estimate
    # with the family's bias correction added back. From the corrected value,
    # |rho| is shrunk, and 0 wherever the corrected estimate is negative, so
    # the interval sat too low (rho = 0.3, n = 50: coverage 0.83 of 0.95).
    raw = result.value + _gaussian_bias(estimator, variables, measure, n)
    rho2 = -math.expm1(-2.0 * max(raw, 0.0))
    z_hat = math.atanh(min(math.sqrt(rho2), 1.0 - 1e-15))
    half = c / math.sqrt(dof)
    lo, hi = z_hat - half, z_hat + half
    # An interval of rho that straddles zero maps to MI = 0 at its lower end
    # (the image of rho = 0, not a clip). A bias-corrected estimate below 0 (a
    # raw value, not clipped) lowers the lower end to itself, so that the
    # interval holds its own estimate; the values added are below every
    # possible MI, so coverage is unchanged.
    low = 0.0 if lo <= 0.0 else math.log(math.cosh(lo))
    return min(low, result.value), math.log(math.cosh(hi))


def _gaussian_bias(
    estimator: Estimator, variables: list[Variable], measure: str, n: int
) -> float:
    """Return the bias correction a Gaussian family subtracted from one (C)MI.

    In nats: ``pair_bias(d_z, n)`` with ``d_z`` the non-constant columns of ``z`` (the
    estimators leave constant columns out); 0 without the correction, or when
    ``x`` or ``y`` is constant (the estimate is then exactly 0).
    """
    from mutinfo.estimators.gaussian import pair_bias

    if not estimator.get_params().get("bias_correction", False):
        return 0.0

    def varying(v: Variable) -> int:
        return int(np.count_nonzero(~np.all(v.values == v.values[:1], axis=0)))

    if varying(variables[0]) == 0 or varying(variables[1]) == 0:
        return 0.0
    d_z = varying(variables[2]) if measure == "cmi" else 0
    return pair_bias(d_z, n)


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


# --------------------------------------------------------------------------- #
# Discretising families: the rule of the discrete family on the discretised data
# --------------------------------------------------------------------------- #
def _discretised_rule(
    estimator: Estimator,
    measure: str,
    variables: list[Variable],
    result: Result,
    level: float,
) -> tuple[float, float] | None:
    """Families that discretise, then count: the counting family's own rule.

    The family's ``interval_delegate(measure, variables)`` returns the discrete
    family it applies and the discretised variables. The interval treats the
    bins as fixed: it covers the measure of the binned variables, not of the
    continuous ones (the family declares so in ``interval_target``). For the
    plug-in: ``value - b_jack +/- z * se_jack``, the delete-one jackknife's
    bias and standard error (both O(n) from the counts). Binning leaves many
    sparse cells in the tails, where Miller-Madow's ``(K - 1) / (2n)``
    under-corrects: on Gaussians at n = 500 (Sturges bins, 100 cells) the
    Miller-Madow centre covered the binned MI 0.80 at rho = 0.3, the
    jackknife centre 0.95 (0.95-0.98 at rho = 0.3, 0.6, 0.9 and n = 2000;
    docs/uncertainty.md). Other discrete families use their own rule.
    """
    delegate = getattr(estimator, "interval_delegate", None)
    found = None if delegate is None else delegate(measure, variables)
    if found is None:
        return None
    inner, discretised = found
    if type(inner).analytic_rule == "plugin_jackknife":
        terms = _plugin_terms(measure, discretised)
        if terms is None:
            return None
        _, se, jack_bias = terms
        return _normal(result.value - jack_bias, se, level)
    rule = rule_for(inner)
    if rule is None:
        return None
    return rule(inner, measure, discretised, result, level)


# The rules, by the names families declare in their ``analytic_rule`` attribute.
register_analytic("plugin_jackknife", _plugin_rule)
register_analytic("corrected_jackknife", _corrected_rule)
register_analytic("fisher_z", _gaussian_rule)
register_analytic("posterior_sd", _posterior_rule)
register_analytic("discretised", _discretised_rule)
