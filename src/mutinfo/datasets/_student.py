"""Multivariate Student-t with identity dispersion (closed-form MI)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._task import Task, check_number
from mutinfo.exceptions import DataWarning, warn

__all__ = ["student_t", "student_t_mi"]


def _entropy_excess(dof: float, d: int) -> float:
    # Differential entropy of a d-dim t with identity dispersion, minus the
    # d/2 ln(dof pi) term that cancels in the MI.
    a, b = dof / 2, (dof + d) / 2
    return math.lgamma(a) - math.lgamma(b) + b * (_digamma(b) - _digamma(a))


def _digamma(v: float) -> float:
    from scipy.special import digamma

    return float(digamma(v))


#: Below this dof the scale chi2(dof) is drawn through its log (it underflows).
_LOG_DRAW_BELOW = 1.0

#: Above this ``dof / 2`` the difference of entropies cancels: at dof = 1e5 it
#: returned -8.9e-11 (truth 5.0e-11), at dof = 1e15 3.55 nats (truth 5e-31).
_DIRECT_MAX_HALF_DOF = 8.0

#: ``c_k = -2 k B_2k`` for k = 1..9: ``phi''(z) = -1/(2 z^2) + sum_k c_k z^-(2k+1)``
#: asymptotically, ``phi(z) = z psi(z) - ln G(z)`` (B the Bernoulli numbers).
_PHI2_SERIES = (
    -1 / 3,
    2 / 15,
    -1 / 7,
    4 / 15,
    -50 / 66,
    12 * 691 / 2730,
    -14 * 7 / 6,
    16 * 3617 / 510,
    -18 * 43867 / 798,
)


def _minus_phi2(z: float) -> float:
    # -phi''(z) = -(psi'(z) + z psi''(z)) for z > 8 by its asymptotic series
    # (next term below 2e-13 relative), free of the cancellation of the sum.
    out = 0.5 / z**2
    for k, c in enumerate(_PHI2_SERIES, start=1):
        out -= c * z ** -(2 * k + 1)
    return out


def _student_t_mi_large_dof(a: float, sx: float, sy: float) -> float:
    # I = -[phi(a + sx + sy) - phi(a + sx) - phi(a + sy) + phi(a)] (the terms
    # linear in psi(a) cancel): a mixed second difference, so
    # I = int_0^(sx + sy) -phi''(a + t) K(t) dt with the trapezoid kernel
    # K(t) = min(t, sx, sy, sx + sy - t) and no cancellation left. Scaled by
    # a**2 so that quad's tolerances see numbers of order one.
    from scipy.integrate import quad

    lo, hi = min(sx, sy), max(sx, sy)
    total = 0.0
    for left, right in ((0.0, lo), (lo, hi), (hi, sx + sy)):
        if right > left:
            total += quad(
                lambda t: a * a * _minus_phi2(a + t) * min(t, lo, sx + sy - t),
                left,
                right,
                epsabs=0.0,
                epsrel=1e-13,
                limit=200,
            )[0]
    return total / (a * a)


def student_t_mi(dof: float, dim_x: int, dim_y: int) -> float:
    """Return I(X; Y) in nats of a multivariate t with identity dispersion.

    With ``h(d) = ln G(v/2) - ln G((v+d)/2) + (v+d)/2 [psi((v+d)/2) - psi(v/2)]``
    (``G`` the gamma function, ``psi`` the digamma), ``I = h(dx) + h(dy) - h(dx+dy)``
    (Arellano-Valle, Contreras-Reyes and Genton 2013).

    Examples
    --------
    >>> round(student_t_mi(1, 1, 1), 6)
    0.224171
    """
    if dof / 2 > _DIRECT_MAX_HALF_DOF:
        return _student_t_mi_large_dof(dof / 2, dim_x / 2, dim_y / 2)
    return (
        _entropy_excess(dof, dim_x)
        + _entropy_excess(dof, dim_y)
        - _entropy_excess(dof, dim_x + dim_y)
    )


@dataclass(frozen=True)
class _StudentSampler:
    dof: float
    dim: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        g = rng.standard_normal((n, 2 * self.dim))
        if self.dof >= _LOG_DRAW_BELOW:
            w = rng.chisquare(self.dof, n)
            t = g / np.sqrt(w / self.dof)[:, None]
        else:
            # chi2(dof) = 2 Gamma(dof / 2) underflows to exactly 0 for small dof
            # (2.4 % of the draws at dof = 0.01, each an infinite t where the law
            # has 0.08 % beyond float64): draw its log instead, by Gamma(a) =
            # Gamma(a + 1) U^(1/a).
            a = self.dof / 2
            log_w = (
                math.log(2.0)
                + np.log(rng.standard_gamma(a + 1, n))
                + np.log1p(-rng.random(n)) / a
            )
            with np.errstate(over="ignore", invalid="ignore"):
                t = g * np.exp(0.5 * (math.log(self.dof) - log_w))[:, None]
            overflow = int(np.count_nonzero(~np.isfinite(t)))
            if overflow:
                warn(
                    f"student_t(dof={self.dof:g}) drew {overflow} of {t.size} values "
                    "beyond the float64 range (|t| > 1.8e308), returned as +-inf: "
                    "the task's MI is that of the untruncated law, which float64 "
                    "cannot hold. Use dof >= 0.05 (there P(|t| > 1.8e308) < 1e-15).",
                    DataWarning,
                )
        return t[:, : self.dim].copy(), t[:, self.dim :].copy()


def student_t(dof: float = 1.0, dim: int = 1) -> Task:
    """Multivariate Student-t with identity dispersion: uncorrelated yet dependent.

    ``(x, y) = g / sqrt(w / dof)`` with ``g`` standard normal in ``2 * dim``
    dimensions and ``w ~ chi2(dof)`` shared by all coordinates. ``X`` and ``Y``
    are uncorrelated, so linear (Gaussian) estimators see no dependence; the
    MI comes from the shared scale and decreases to 0 as ``dof`` grows.

    Parameters
    ----------
    dof : float, default=1.0
        Degrees of freedom, > 0 (1 is the Cauchy case).
    dim : int, default=1
        ``dim_x = dim_y = dim``.

    Returns
    -------
    Task
        The closed-form MI of :func:`student_t_mi`.

    References
    ----------
    .. [1] R. B. Arellano-Valle, J. E. Contreras-Reyes and M. G. Genton,
       "Shannon entropy and mutual information for multivariate skew-elliptical
       distributions", Scand. J. Stat. 40(1), 42-62 (2013).
       doi:10.1111/j.1467-9469.2011.00774.x

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.student_t(dof=1, dim=1).mutual_information, 4)
    0.2242
    """
    where = "student_t()"
    dof = check_number(dof, "dof", where, low=0, low_open=True)
    dim = check_number(dim, "dim", where, low=1, integer=True)
    return Task(
        name=f"student_t-d{dim}-dof{dof:g}",
        mutual_information=student_t_mi(dof, dim, dim),
        dim_x=dim,
        dim_y=dim,
        kind_x="continuous",
        kind_y="continuous",
        sampler=_StudentSampler(dof, dim),
        family="student_t",
        params={"dof": dof, "dim": dim},
        description=f"multivariate t, dof {dof:g}, identity dispersion, {dim} x {dim}",
    )
