"""Information-theoretic learning (ITL) quantities from Parzen windows, in numpy.

Principe's ITL measures estimate quadratic (Rényi order-2) information from
pairwise Gaussian-kernel sums. With Parzen kernel width ``sigma``, the pairwise
kernel is ``G_{sigma sqrt 2}`` (two Parzen kernels convolved):

- information potential ``V(X) = (1/n^2) sum_ij G(x_i - x_j)``, an estimate of
  ``integral p_sigma^2``;
- Rényi quadratic entropy ``H2(X) = -log V(X)``;
- Cauchy-Schwarz divergence
  ``D_CS(p, q) = log V(p) + log V(q) - 2 log V(p, q)`` (0 iff p = q, else > 0);
- Cauchy-Schwarz quadratic MI
  ``I_CS = log V_J + log V_X + log V_Y - 2 log V_C``, the CS divergence between
  the joint and the product of the marginals.

These estimate the quantities of the **kernel-smoothed** densities ``p * G_sigma``,
which tend to those of ``p`` only as ``sigma -> 0``. Every sum is O(n^2) work in
row blocks of bounded memory (practical up to n of a few 10^4). Differentiable
torch versions are in :mod:`mutinfo.neural.itl` (torch extra).

References
----------
.. [1] J. C. Principe, Information Theoretic Learning: Renyi's Entropy and
   Kernel Perspectives, Springer (2010).
.. [2] E. Santana, M. Emigh, J. C. Principe, "Information theoretic-learning
   auto-encoder", IJCNN 2016. arXiv:1603.06653
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._kernels import (
    RULES,
    bandwidth_rule,
    joint_sums,
    log_cross_sum,
    unit_row_sums,
)
from mutinfo._params import AnyOf, Interval, Options, Param, check_params
from mutinfo._result import check_base
from mutinfo._scaling import safe_std
from mutinfo._validation import check_same_columns, check_samples
from mutinfo.exceptions import InsufficientSamplesError, InvalidDataError

__all__ = [
    "BANDWIDTH",
    "cauchy_schwarz_divergence",
    "cauchy_schwarz_mi",
    "information_potential",
    "renyi_quadratic_entropy",
]

Array = NDArray[np.float64]

#: The ``bandwidth`` parameter: a rule name or a positive kernel std.
BANDWIDTH = Param(
    "silverman",
    AnyOf((Options(RULES), Interval(float, 0, math.inf, closed="neither"))),
    "Parzen kernel std, or a rule ('scott', 'silverman') for unit-variance data.",
)


def kernel_width(bandwidth: Any, values: Array, d_rule: int | None = None) -> float:
    """Return the Parzen kernel std: ``bandwidth`` itself or its rule.

    A rule gives the width for unit-variance columns, scaled by the root mean
    variance of the columns of ``values``; ``d_rule`` overrides the dimension
    the rule uses.
    """
    if not isinstance(bandwidth, str):
        return float(bandwidth)
    n, d = values.shape
    std = safe_std(values)
    top = float(std.max())
    # the root mean variance, computed relative to the largest (no overflow)
    scale = top * math.sqrt(float(((std / top) ** 2).mean())) if top > 0 else 0.0
    if scale == 0:
        raise InvalidDataError(
            "The data are constant, so a bandwidth rule gives width 0. Pass a "
            "positive bandwidth, or non-constant data."
        )
    return scale * bandwidth_rule(bandwidth, n, d if d_rule is None else d_rule)


def _arrays(where: str, bandwidth: Any, **data: Any) -> list[Array]:
    check_params({"bandwidth": bandwidth}, {"bandwidth": BANDWIDTH}, where)
    out = [
        v.values
        for v in check_samples(
            data, discrete=False, takes_nan_policy=False, takes_discrete=False
        )
    ]
    if out[0].shape[0] < 2:
        # one sample's "potential" is the kernel's own peak: a number about
        # the bandwidth, not the data
        raise InsufficientSamplesError(
            f"{where} needs at least 2 samples (the information potential of "
            f"one is the kernel's own value); got n_samples={out[0].shape[0]}."
        )
    return out


def _exp(v: float) -> float:
    """``exp(v)``, ``inf`` instead of an OverflowError."""
    return math.exp(v) if v < 709.0 else math.inf


def _log_gauss_norm(d: int, s: float) -> float:
    """Log of the normalising constant of an isotropic Gaussian with std ``s``."""
    return -0.5 * d * (math.log(2.0 * math.pi) + 2.0 * math.log(s))


def _log_potential(values: Array, sigma: float) -> float:
    """``log V(X)``, computed in the log domain (any width is finite)."""
    n, d = values.shape
    s = sigma * math.sqrt(2.0)
    total = float(unit_row_sums(values, s).sum())  # >= n: the diagonal terms
    return math.log(total) + _log_gauss_norm(d, s) - 2.0 * math.log(n)


def information_potential(x: Any, *, bandwidth: Any = "silverman") -> float:
    """Return the information potential ``V(X) = (1/n^2) sum_ij G(x_i - x_j)``.

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, n_features)
    bandwidth : float or {'silverman', 'scott'}, default='silverman'
        Parzen kernel standard deviation ``sigma`` in the units of ``x``; a rule
        scales the unit-variance rule by the root mean variance of the columns.
        The pairwise kernel has std ``sigma * sqrt(2)``.

    Returns
    -------
    float
        An estimate of ``integral (p * G_sigma)^2``; the diagonal terms are
        included, as in Principe (2010).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.itl import information_potential
    >>> x = np.random.default_rng(0).normal(size=4000)
    >>> # N(0, 1) with sigma = 0.5: 1 / sqrt(2 pi (2 + 2 * 0.25)) = 0.2523
    >>> round(information_potential(x, bandwidth=0.5), 2)
    0.25
    """
    (a,) = _arrays("information_potential()", bandwidth, x=x)
    return _exp(_log_potential(a, kernel_width(bandwidth, a)))


def renyi_quadratic_entropy(
    x: Any, *, bandwidth: Any = "silverman", base: float = math.e
) -> float:
    """Return Rényi's quadratic entropy ``H2(X) = -log V(X)`` (Parzen estimate).

    Parameters
    ----------
    x : array-like of shape (n_samples,) or (n_samples, n_features)
    bandwidth : float or {'silverman', 'scott'}, default='silverman'
        See :func:`information_potential`.
    base : float, default=math.e
        Logarithm base.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.itl import renyi_quadratic_entropy
    >>> x = np.random.default_rng(0).normal(size=4000)
    >>> # N(0, 1) with sigma = 0.5: 0.5 * ln(2 pi * 2.5) = 1.377
    >>> round(renyi_quadratic_entropy(x, bandwidth=0.5), 2)
    1.38
    """
    base = check_base(base)
    (a,) = _arrays("renyi_quadratic_entropy()", bandwidth, x=x)
    return -_log_potential(a, kernel_width(bandwidth, a)) / math.log(base)


def cauchy_schwarz_divergence(
    x: Any, y: Any, *, bandwidth: Any = "silverman", base: float = math.e
) -> float:
    """Return the Cauchy-Schwarz divergence between the laws of two samples.

    ``D_CS = log V(x) + log V(y) - 2 log V(x, y)`` with the cross potential
    ``V(x, y) = (1 / (n m)) sum_ij G(x_i - y_j)``; it is >= 0, and 0 when the
    two samples are equal.

    Parameters
    ----------
    x : array-like of shape (n, d)
        Samples of p.
    y : array-like of shape (m, d)
        Samples of q (the sample sizes may differ; the columns must match).
    bandwidth : float or {'silverman', 'scott'}, default='silverman'
        See :func:`information_potential`; a rule uses the pooled samples.
    base : float, default=math.e

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.itl import cauchy_schwarz_divergence
    >>> g = np.random.default_rng(1)
    >>> p, q = g.normal(size=3000), g.normal(1.0, size=3000)
    >>> # smoothed truth for sigma = 0.5: 1 / (2 (1 + 0.25)) = 0.4
    >>> round(cauchy_schwarz_divergence(p, q, bandwidth=0.5), 1)
    0.4
    """
    base = check_base(base)
    check_params(
        {"bandwidth": bandwidth},
        {"bandwidth": BANDWIDTH},
        "cauchy_schwarz_divergence()",
    )
    check_same_columns({"x": x, "y": y}, "cauchy_schwarz_divergence()")
    (a,) = [
        v.values
        for v in check_samples(
            {"x": x}, discrete=False, takes_nan_policy=False, takes_discrete=False
        )
    ]
    (b,) = [
        v.values
        for v in check_samples(
            {"y": y}, discrete=False, takes_nan_policy=False, takes_discrete=False
        )
    ]
    if a.shape[1] != b.shape[1]:
        raise InvalidDataError(
            f"x and y must have the same number of columns; got {a.shape[1]} and "
            f"{b.shape[1]}."
        )
    sigma = kernel_width(bandwidth, np.vstack([a, b]))
    s = sigma * math.sqrt(2.0)
    log_vxy = log_cross_sum(a, b, s) - math.log(a.shape[0] * b.shape[0])
    if log_vxy == -math.inf:
        raise InvalidDataError(
            f"The samples x and y are more than about 38 kernel widths apart "
            f"everywhere (bandwidth {sigma:.3g}), so their cross potential "
            "underflows and the Cauchy-Schwarz divergence is +inf in floating "
            "point. Pass a larger 'bandwidth'."
        )
    value = _log_potential(a, sigma) + _log_potential(b, sigma) - 2.0 * log_vxy
    return value / math.log(base)


def cs_qmi(
    a: Array, b: Array, sigma_a: float, sigma_b: float
) -> tuple[float, dict[str, float]]:
    """Cauchy-Schwarz quadratic MI (nats) of two blocks, and its potentials.

    The kernels' normalising constants and the powers of n cancel in
    ``log V_J + log V_X + log V_Y - 2 log V_C``, so the value is computed from
    unnormalised sums, each at least n (the diagonal terms): it is finite for
    any width, ``log n`` in the limit of tiny widths and 0 in that of huge ones.
    """
    n = a.shape[0]
    sa, sb = sigma_a * math.sqrt(2.0), sigma_b * math.sqrt(2.0)
    joint, ra, rb = joint_sums(a, b, sa, sb)
    log_j, log_x, log_y = math.log(joint), math.log(ra.sum()), math.log(rb.sum())
    log_c = math.log(float((ra * rb).sum()))
    value = log_j + log_x + log_y - 2.0 * log_c
    norm = _log_gauss_norm(a.shape[1], sa) + _log_gauss_norm(b.shape[1], sb)
    log_n = math.log(n)
    potentials = {
        "v_joint": _exp(log_j + norm - 2.0 * log_n),
        "v_marginals": _exp(log_x + log_y + norm - 4.0 * log_n),
        "v_cross": _exp(log_c + norm - 3.0 * log_n),
    }
    return value, potentials


def cauchy_schwarz_mi(
    x: Any, y: Any, *, bandwidth: Any = "silverman", base: float = math.e
) -> float:
    """Return the Cauchy-Schwarz quadratic MI of paired samples (raw units).

    ``I_CS = log V_J + log V_X + log V_Y - 2 log V_C`` with
    ``V_J = (1/n^2) sum_ij G(x_i - x_j) G(y_i - y_j)``,
    ``V_C = (1/n) sum_i [(1/n) sum_j G(x_i - x_j)] [(1/n) sum_j G(y_i - y_j)]``.
    It is >= 0 for any sample (Cauchy-Schwarz inequality), and 0 in the
    population iff X and Y are independent. It is not Shannon MI.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,) or (n_samples, n_features)
    bandwidth : float or {'silverman', 'scott'}, default='silverman'
        Kernel std in data units for both variables; a rule is applied to each
        variable separately (with the joint dimension).
    base : float, default=math.e

    See Also
    --------
    mutinfo.estimators.CauchySchwarz : the registered ``cauchy_schwarz`` method,
        which standardises each column first.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.itl import cauchy_schwarz_mi
    >>> g = np.random.default_rng(0)
    >>> x = g.normal(size=2000)
    >>> round(cauchy_schwarz_mi(x, g.normal(size=2000)), 2)
    0.0
    """
    base = check_base(base)
    a, b = _arrays("cauchy_schwarz_mi()", bandwidth, x=x, y=y)
    d = a.shape[1] + b.shape[1]
    value, _ = cs_qmi(
        a, b, kernel_width(bandwidth, a, d), kernel_width(bandwidth, b, d)
    )
    return value / math.log(base)
