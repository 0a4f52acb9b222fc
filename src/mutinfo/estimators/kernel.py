"""Kernel estimators: leave-one-out Gaussian KDE and Cauchy-Schwarz quadratic MI.

The KDE family estimates Shannon quantities; the Cauchy-Schwarz family the
quadratic MI of information-theoretic learning. Both are O(n^2), in row blocks.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from mutinfo._kernels import bandwidth_rule, loo_log_density
from mutinfo._params import Options, Param
from mutinfo._registry import register
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate, join
from mutinfo.estimators._guards import (
    HEAVY_TAIL_RATIO,
    continuous_only,
    drop_constant,
    heavy_tailed,
    need_samples,
    standardized,
    warn_atoms,
    warn_entropy_atoms,
)
from mutinfo.estimators._total import total_correlation
from mutinfo.estimators.copula import copnorm
from mutinfo.exceptions import BiasWarning, InvalidParameterError, warn
from mutinfo.itl import BANDWIDTH, cs_qmi

__all__ = ["KDE", "CauchySchwarz"]

_ADVICE = "'mixed_ksg', 'gaussian_copula' or a discrete method"
#: Joint dimension from which the KDE warns about its smoothing bias.
_HIGH_DIM = 6
#: Joint dimension from which the KDE MI is not even roughly right.
_VERY_HIGH_DIM = 20
#: A fixed width below this fraction of Scott's rule warns (undersmoothed).
_NARROW = 0.1

_MARGINALS = Param(
    "auto",
    Options(("auto", "scale", "rank")),
    "Column transform: 'scale' (unit variance), 'rank' (normal scores of the "
    "ranks; MI, CMI and total correlation), 'auto' (rank for heavy tails).",
)


def _rank_normal(v: Variable) -> Variable:
    """``v`` with every column replaced by the normal scores of its ranks."""
    return replace(v, values=copnorm(v.values))


def _width(bandwidth: float | str, n: int, d: int) -> float:
    if isinstance(bandwidth, str):
        return bandwidth_rule(bandwidth, n, d)
    return float(bandwidth)


#: Memo key of a variable whose discrete columns ``_adapt`` read as numbers.
_READ_AS_NUMBERS = "kernel_read_as_numbers"

#: Share of a column's rows on atoms from which the kernel's MI, CMI and total
#: correlation warn (:func:`~mutinfo.estimators._guards.warn_atoms`). The
#: kernel smooths a point mass into a bump one width wide, so the MI reads low
#: by more than its smoothing bias elsewhere, increasingly with the atoms'
#: share. ``x = max(x0, q)`` of a Gaussian pair with rho 0.8, q the
#: quantile holding the given share at q, n = 4000, 3 seeds, against
#: ``mixed_atoms``: 10 % -0.017, 20 % -0.026, 30 % -0.023, 40 % -0.032,
#: 50 % (``x = max(x0, 0)``, truth 0.389) -0.046 nats; the same pair without
#: atoms (truth 0.511) -0.019. Half the rows of x at 0 (y = x + 0.3 noise,
#: truth 0.845): -0.136 at n = 2000, -0.085 at 4000, against -0.078 / -0.052 for
#: a Gaussian pair with the same MI. Below 30 % the deficit is the kernel's
#: usual one, and no warning.
_ATOM_SHARE = 0.3

_ATOMS_WHY = (
    "smooths each point mass into a bump one kernel width wide, so the MI "
    "reads low by more than the kernel's usual smoothing bias, and converges "
    "slowly (x = max(x0, 0) of a Gaussian "
    "pair with MI 0.389 nats read 0.34 at n = 2000; half the rows of x at 0, "
    "MI 0.845: 0.71)."
)


@register
class KDE(Estimator):
    """Leave-one-out Gaussian kernel density estimates of entropy, MI and CMI.

    Each column is scaled to unit variance; the density of a (joint) block at
    sample i is the Gaussian KDE of the other samples,
    ``f_i = 1/(n-1) sum_{j != i} N(x_i; x_j, h^2 I)``, and
    ``H = -<log f_i> + sum_j log std_j`` (resubstitution with leave-one-out).
    ``I(X;Y) = H(X) + H(Y) - H(X,Y)``, and CMI from four entropies; all terms of
    one measure share the width ``h`` chosen for the joint dimension.

    Parameters
    ----------
    bandwidth : {'scott', 'silverman'} or float, default='scott'
        Kernel std ``h`` in units of each column's standard deviation, or a rule:
        ``'scott'`` ``n^(-1/(d+4))``, ``'silverman'``
        ``(4/(d+2))^(1/(d+4)) n^(-1/(d+4))``, with d the joint dimension.
    marginals : {'auto', 'scale', 'rank'}, default='auto'
        How columns are put on a common scale before smoothing. ``'scale'``:
        divide by the standard deviation. ``'rank'``: replace each column by
        the standard-normal quantiles of its ranks (as ``gaussian_copula``
        does), which leaves MI, CMI and total correlation unchanged (they are
        invariant under strictly increasing maps of each column) but gives the
        kernel a bounded, bell-shaped marginal; not for entropies. ``'auto'``:
        ``'rank'`` for MI, CMI and total correlation when a column is
        heavy-tailed (std more than 2 interquartile spreads ``IQR / 1.349``),
        else ``'scale'``. ``Result.extras["marginals"]`` records the choice.

    Notes
    -----
    Units are nats before ``base`` conversion. With a Gaussian kernel the
    leave-one-out density of an outlying sample is tiny (its log grows with
    the squared distance in kernel widths), so on heavy-tailed data (Student-t
    with 1 degree of freedom: -2.3 nats for the true 0.224 at n = 2000 with
    ``'scale'``) the MI from scaled columns is far off; ranks give 0.21 there,
    hence ``marginals='auto'``. The entropy cannot use ranks: on heavy-tailed
    columns it warns (:class:`~mutinfo.exceptions.BiasWarning`) and ``'kl'`` is
    the better choice. As n grows at fixed ``h`` the
    entropy estimate converges to the cross-entropy ``-E_p log(p * K_h)`` of
    the data against the kernel-smoothed density, not to ``H(p)``: entropy is
    biased upwards by O(h^2) and MI downwards (for a Gaussian with correlation
    matrix R, the MI limit follows from the Gaussian cross-entropies with
    ``R + h^2 I``); the bias shrinks with the rule's ``h`` as n grows, and
    grows quickly with dimension. MI and CMI are invariant to the
    scale of each column; the entropy is scale-equivariant. Work is O(n^2 d) in
    row blocks of bounded memory (measured 2.5 s per entropy at n = 10^4 in 1-D
    on the loaded 2-core build machine); beyond a
    few 10^4 samples, use ``ksg``. Local values are the pointwise terms
    ``-log f_i`` (combined per the entropy identity). Constant columns are
    dropped from MI/CMI with a warning. A continuous column with atoms (values
    holding 30 % of its rows or more in all) warns
    (:class:`~mutinfo.exceptions.DataWarning`): the kernel smooths a point mass
    into a bump, and the MI reads low (``max(x0, 0)`` of a Gaussian pair with MI
    0.389: 0.34 at n = 2000); use ``mixed_atoms``.

    References
    ----------
    .. [1] Y.-I. Moon, B. Rajagopalan, U. Lall, "Estimation of mutual
       information using kernel density estimators", Phys. Rev. E 52, 2318
       (1995). doi:10.1103/PhysRevE.52.2318
    .. [2] B. W. Silverman, Density Estimation for Statistics and Data
       Analysis, Chapman & Hall (1986).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.estimators import KDE
    >>> x = np.random.default_rng(0).normal(size=2000)
    >>> round(KDE().entropy(x).value, 2)  # truth 0.5 * ln(2 pi e) = 1.419
    1.42
    """

    name = "kernel"
    duplicate_sensitive = True
    summary = "Leave-one-out Gaussian KDE entropy, MI and CMI (O(n^2))."
    reference = "Moon, Rajagopalan & Lall (1995) doi:10.1103/PhysRevE.52.2318"
    measures = ("entropy", "conditional_entropy", "mi", "cmi", "total_correlation")
    kinds = ("continuous",)
    parameters = {
        "bandwidth": replace(BANDWIDTH, default="scott"),
        "marginals": _MARGINALS,
    }

    def min_samples(self) -> int:  # noqa: D102
        return 3

    def interval_cover(  # noqa: D102
        self, measure: str, variables: list[Variable]
    ) -> tuple[str, str]:
        target = f"{measure} of the kernel-smoothed densities"
        if not isinstance(self.bandwidth, str):
            return target, (
                f"with a fixed bandwidth={self.bandwidth!r} the estimate converges "
                "to the measure of the smoothed densities, not of the data's (MI "
                "biased down by O(h^2)). Use 'ksg' for an interval of the measure "
                "itself."
            )
        return target, (
            f"the {self.bandwidth!r} width h ~ n**(-1/(d+4)) smooths the densities, "
            "which lowers MI (raises entropy) by O(h^2), a bias no resampling "
            "scheme removed: on Gaussians at n = 500 the intervals covered the MI "
            "itself 0.83-0.86 of the time at rho = 0.6 and 0.11 at rho = 0.9 "
            "(docs/uncertainty.md). Use 'ksg' for an interval of the measure "
            "itself."
        )

    def _ranked(self, vs: list[Variable]) -> tuple[list[Variable], str]:
        """Apply the ``marginals`` rule to the variables of an invariant measure."""
        mode = str(self.marginals)
        if mode == "auto":
            heavy = any(heavy_tailed(v.values).any() for v in vs if v.n_features)
            mode = "rank" if heavy else "scale"
        if mode == "rank":
            return [_rank_normal(v) if v.n_features else v for v in vs], mode
        return vs, mode

    def _check_entropy(self, vs: list[Variable]) -> None:
        """Refuse ranks for entropies; warn about heavy tails."""
        if self.marginals == "rank":
            raise InvalidParameterError(
                f"The 'marginals' parameter of method {self.name!r} is 'rank', which "
                "changes entropies (they are not invariant under the rank "
                "transform); it applies to 'mi', 'cmi' and 'total_correlation'. "
                "Pass marginals='scale' or 'auto' for an entropy."
            )
        warn_entropy_atoms(vs[0], self.name)
        for v in vs:
            if heavy_tailed(v.values).any():
                warn(
                    f"{v.name!r} has a heavy-tailed column (standard deviation more "
                    f"than {HEAVY_TAIL_RATIO:g} interquartile spreads), where the "
                    f"leave-one-out kernel density of outlying samples is tiny and "
                    f"method {self.name!r}'s entropy is unreliable. Use 'kl'.",
                    BiasWarning,
                )
                return

    def _adapt(self, v: Variable) -> Variable:
        adapted = continuous_only(v, self.name, _ADVICE)
        if adapted is not v:
            adapted.memo[_READ_AS_NUMBERS] = True
        return adapted

    def _h(self, vs: list[Variable], h: float) -> tuple[float, NDArray[np.float64]]:
        joint = join(*vs) if len(vs) > 1 else vs[0]
        values, log_scale = standardized(joint, self.name)
        local = log_scale - loo_log_density(values, h)
        if not np.isfinite(local).all():
            # (x_i - x_j) / h overflows: every other sample is "infinitely" many
            # widths away, the density 0 and the entropy +inf (MI inf - inf).
            raise InvalidParameterError(
                f"The 'bandwidth' parameter of method {self.name!r} is {h:g} "
                "standard deviations, so narrow that the leave-one-out kernel "
                f"density of {joint.name!r} underflows to 0 (entropy +inf, MI "
                "nan). Pass a wider bandwidth, or 'scott' or 'silverman'."
            )
        return float(local.mean()), local

    def _width_for(self, *vs: Variable) -> float:
        n, d = vs[0].n_samples, sum(v.n_features for v in vs)
        need_samples(n, 3, self.name, "a leave-one-out density needs 2 others")
        if d >= _VERY_HIGH_DIM:
            warn(
                f"Method {self.name!r} estimates a {d}-dimensional density by "
                "kernel smoothing; there its MI is not even roughly right and can "
                "be negative (measured: -3.3 nats for the true 1.02 of a rotated "
                "25 + 25 sparse Gaussian at n = 2000). Use 'ksg', or "
                "'gaussian_copula' for monotone dependence.",
                BiasWarning,
            )
        elif d >= _HIGH_DIM:
            warn(
                f"Method {self.name!r} estimates a {d}-dimensional density by "
                "kernel smoothing, whose bias grows quickly with dimension "
                "(measured: MI of 5 + 5 correlated Gaussian columns 28 % low at "
                "n = 1e4). Use 'ksg', or 'gaussian_copula' for monotone dependence.",
                BiasWarning,
            )
        width = _width(self.bandwidth, n, d)
        rule = bandwidth_rule("scott", n, d)
        if width < _NARROW * rule:
            warn(
                f"The 'bandwidth' parameter of method {self.name!r} is {width:g} "
                f"standard deviations, less than {_NARROW:g} of Scott's width "
                f"{rule:.3g} for n={n} in {d} dimension(s): each leave-one-out "
                "density is then carried by the nearest sample alone and the "
                "estimate is dominated by sample spacings (measured on a "
                "Gaussian pair with MI 0.51 at n = 500: -5.2 nats at bandwidth "
                "0.03, -6585 at 0.001). Pass a wider bandwidth, or 'scott'.",
                BiasWarning,
            )
        return width

    def _entropy(self, x: Variable, rng: np.random.Generator) -> RawEstimate:
        self._check_entropy([x])
        h = self._width_for(x)
        value, local = self._h([x], h)
        return RawEstimate(value, local, {"bandwidth": h, "marginals": "scale"})

    def _conditional_entropy(
        self, x: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        self._check_entropy([x, z])
        h = self._width_for(x, z)
        hxz, lxz = self._h([x, z], h)
        hz, lz = self._h([z], h)
        return RawEstimate(hxz - hz, lxz - lz, {"bandwidth": h, "marginals": "scale"})

    def _warn_atoms(self, *vs: Variable) -> None:
        """Warn once when a variable's columns have atoms (:data:`_ATOM_SHARE`).

        Variables whose discrete columns :meth:`_adapt` read as numbers have
        had their warning (labels are all atoms) and are skipped.
        """
        for v in vs:
            if v.memo.get(_READ_AS_NUMBERS):
                continue
            if warn_atoms(v, self.name, _ATOMS_WHY, _ATOM_SHARE):
                return

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        self._warn_atoms(x, y)  # before drop_constant, which keeps no memo
        return self._mi_of(x, y)

    def _mi_of(self, x: Variable, y: Variable) -> RawEstimate:
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return RawEstimate(0.0, np.zeros(x.n_samples))
        (x, y), mode = self._ranked([x, y])
        h = self._width_for(x, y)
        hx, lx = self._h([x], h)
        hy, ly = self._h([y], h)
        hxy, lxy = self._h([x, y], h)
        extras = {"bandwidth": h, "marginals": mode}
        return RawEstimate(hx + hy - hxy, lx + ly - lxy, extras)

    def _total_correlation(self, x: Variable, rng: np.random.Generator) -> RawEstimate:
        self._warn_atoms(x)
        (x,), mode = self._ranked([drop_constant(x, self.name)])
        h = self._width_for(x)
        est = total_correlation(x, self.name, lambda c: self._h([c], h))
        est.extras["bandwidth"] = h
        est.extras["marginals"] = mode
        return est

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        self._warn_atoms(x, y, z)
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        z = drop_constant(z, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return RawEstimate(0.0, np.zeros(x.n_samples))
        if z.n_features == 0:
            return self._mi_of(x, y)
        (x, y, z), mode = self._ranked([x, y, z])
        h = self._width_for(x, y, z)
        hxz, lxz = self._h([x, z], h)
        hyz, lyz = self._h([y, z], h)
        hz, lz = self._h([z], h)
        hxyz, lxyz = self._h([x, y, z], h)
        local = lxz + lyz - lz - lxyz
        extras = {"bandwidth": h, "marginals": mode}
        return RawEstimate(hxz + hyz - hz - hxyz, local, extras)


@register
class CauchySchwarz(Estimator):
    """Cauchy-Schwarz quadratic mutual information (information-theoretic learning).

    ``I_CS = log V_J + log V_X + log V_Y - 2 log V_C``: the Cauchy-Schwarz
    divergence between the joint Parzen density and the product of the
    marginal ones, from pairwise Gaussian-kernel sums (Principe 2010; see
    :mod:`mutinfo.itl`). Each column is scaled to unit variance first.

    Parameters
    ----------
    bandwidth : {'silverman', 'scott'} or float, default='silverman'
        Parzen kernel std ``sigma`` in units of each column's standard
        deviation, or a rule for the joint dimension.

    Notes
    -----
    Units are nats of **quadratic** (Rényi-2 type) mutual information, not
    Shannon MI: use it to detect and rank dependence, or as a training signal,
    not to compare with Shannon estimates. It is >= 0 for every sample, 0 in the
    population iff X and Y are independent, and estimates the CS-QMI of the
    kernel-smoothed densities. Invariant to the scale of each column. Work
    O(n^2 d) in row blocks of bounded memory (practical up to a few 10^4
    samples). ``Result.extras`` holds the width and the three potentials.

    References
    ----------
    .. [1] J. C. Principe, Information Theoretic Learning, Springer (2010), ch. 2.
    .. [2] E. Santana, M. Emigh, J. C. Principe, "Information theoretic-learning
       auto-encoder", IJCNN 2016. arXiv:1603.06653

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.estimators import CauchySchwarz
    >>> g = np.random.default_rng(0)
    >>> x = g.normal(size=2000)
    >>> dep = CauchySchwarz().mi(x, x + g.normal(size=2000)).value
    >>> ind = CauchySchwarz().mi(x, g.normal(size=2000)).value
    >>> dep > 0.05 > ind >= 0
    True
    """

    name = "cauchy_schwarz"
    shannon = False  # quadratic (Renyi-2 type) MI: not comparable to Shannon truth
    summary = "Cauchy-Schwarz quadratic MI (ITL, Parzen windows, O(n^2))."
    reference = "Principe (2010), Information Theoretic Learning, Springer"
    measures = ("mi",)
    kinds = ("continuous",)
    parameters = {"bandwidth": BANDWIDTH}

    def min_samples(self) -> int:  # noqa: D102
        return 2

    def _adapt(self, v: Variable) -> Variable:
        return continuous_only(v, self.name, _ADVICE)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return RawEstimate(0.0)
        a, _ = standardized(x, self.name)
        b, _ = standardized(y, self.name)
        sigma = _width(self.bandwidth, x.n_samples, x.n_features + y.n_features)
        value, potentials = cs_qmi(a, b, sigma, sigma)
        return RawEstimate(value, None, {"bandwidth": sigma, **potentials})
