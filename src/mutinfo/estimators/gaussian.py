"""Gaussian estimators: entropy, MI and CMI in closed form from the sample covariance.

Exact (and, with the bias correction, unbiased) when the data are Gaussian; the
fast baseline otherwise, since it sees only linear (second-order) dependence.
The helpers here are shared with the Gaussian-copula family.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Bool, Param
from mutinfo._registry import register
from mutinfo._scaling import ldexp_columns, pow2_exponents
from mutinfo._special import digamma
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate, join
from mutinfo.estimators._guards import (
    continuous_only,
    drop_constant,
    need_samples,
    warn_entropy_atoms,
)
from mutinfo.estimators._total import total_correlation
from mutinfo.exceptions import InvalidDataError

__all__ = [
    "COLLINEAR",
    "Gaussian",
    "correlation_mi",
    "gaussian_entropy",
    "pair_bias",
    "unit_scores",
]

_LOG_2PI = math.log(2.0 * math.pi)
#: Smallest eigenvalue of the correlation matrix accepted as full rank.
_RANK_TOL = 1e-12
#: Below this, ``1 - |r|`` means linearly dependent columns (infinite MI); the
#: same scale as :data:`_RANK_TOL` on the smallest eigenvalue.
COLLINEAR = 2e-12


def entropy_bias(d: int, n: int) -> float:
    """Return E[plug-in entropy] - H for a d-dim Gaussian fitted to n samples.

    The plug-in entropy uses the unbiased (``n - 1``) covariance ``S``. Since
    ``(n - 1) S`` is Wishart with ``n - 1`` degrees of freedom,
    ``E[ln det S] = ln det Sigma + d ln(2 / (n - 1)) + sum_i psi((n - i) / 2)``
    (i = 1..d); half of the excess is the bias of the entropy, as in the
    correction of Ince et al. (2017).
    """
    i = np.arange(1, d + 1, dtype=np.float64)
    return float(
        0.5 * d * (math.log(2.0) - math.log(n - 1.0))
        + 0.5 * digamma((n - i) / 2.0).sum()
    )


def pair_bias(dz: int, n: int) -> float:
    """Bias correction of a 1-D x 1-D Gaussian (C)MI given ``dz`` Z columns (nats).

    ``I(X;Y|Z) = H(XZ) + H(YZ) - H(Z) - H(XYZ)``, so the correction is
    ``2 b(1 + dz) - b(dz) - b(2 + dz)`` with ``b`` the entropy bias of
    :func:`entropy_bias`.
    """

    def b(d: int) -> float:
        return 0.0 if d == 0 else entropy_bias(d, n)

    return 2.0 * b(1 + dz) - b(dz) - b(2 + dz)


def unit_scores(
    values: NDArray[np.float64], z: NDArray[np.float64] | None
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Return unit-norm residuals of each column (on Z and a constant), as rows.

    Row ``j`` of the result is column ``j`` centred (or residualised on ``z``)
    and scaled to unit norm, so the dot product of two rows is their (partial)
    correlation; constant columns get zeros and ``True`` in the flags.
    """
    # powers of two per column (exact) keep the squares of the norm finite
    values = ldexp_columns(values, pow2_exponents(values))
    if z is not None and z.shape[1]:
        z = ldexp_columns(z, pow2_exponents(z))
    if z is None or z.shape[1] == 0:
        resid = values - values.mean(axis=0)
    else:
        design = np.column_stack([np.ones(z.shape[0]), z])
        coef, *_ = np.linalg.lstsq(design, values, rcond=None)
        resid = values - design @ coef
    constant = np.all(values == values[:1], axis=0)
    norm = np.sqrt((resid**2).sum(axis=0))
    norm[constant | (norm == 0)] = 1.0
    scores = resid / norm
    scores[:, constant] = 0.0
    return np.ascontiguousarray(scores.T), constant


def correlation_mi(r: NDArray[np.float64], bias: float) -> NDArray[np.float64]:
    """Return ``-1/2 ln(1 - r^2) - bias`` per (partial) correlation, in nats.

    Correlations within :data:`COLLINEAR` of +-1 (linearly dependent columns)
    give ``inf``.
    """
    a = np.abs(r)
    gap = 1.0 - a
    with np.errstate(divide="ignore", invalid="ignore"):
        value = -0.5 * np.log(gap * (1.0 + a)) - bias
    value[gap <= COLLINEAR] = np.inf
    return np.asarray(value, dtype=np.float64)


def gaussian_entropy(
    values: NDArray[np.float64],
    *,
    bias_correction: bool = True,
    name: str = "x",
) -> tuple[float, NDArray[np.float64]]:
    """Differential entropy (nats) of the Gaussian fitted to the rows of ``values``.

    Parameters
    ----------
    values : ndarray of shape (n, d)
        Samples; ``d = 0`` gives entropy 0.
    bias_correction : bool, default=True
        Subtract the exact finite-sample bias of the plug-in log-determinant
        (:func:`entropy_bias`), which makes the estimate unbiased for Gaussian data.
    name : str, default='x'
        The variable's name, for error messages.

    Returns
    -------
    value : float
        ``0.5 ln det(2 pi e S)`` minus the bias correction.
    local : ndarray of shape (n,)
        ``-ln N(x_i; mean, S)``, shifted by one constant so the values average to
        ``value``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.random.default_rng(0).normal(size=(20000, 1))
    >>> round(gaussian_entropy(x)[0], 2)  # truth 0.5 * ln(2 pi e) = 1.419
    1.42
    """
    n, d = values.shape
    if d == 0:
        return 0.0, np.zeros(n)
    # A power of two per column (exact) first, so the squares of the std
    # neither underflow nor overflow at any magnitude float64 holds.
    # (In place on our own copy where the result is the same: fresh n x d
    # temporaries cost more than the arithmetic at n = 10^5.)
    exp = _column_exponents(values)
    narrow = _narrow_rows(values, exp)
    if narrow is not None:
        unit_std, centered = narrow
    else:
        centered = _scale_columns(values, exp)
        centered -= _column_sums(centered) / n  # = centered.mean(axis=0)
        unit_std = np.sqrt(_column_sums(np.square(centered)) / (n - 1.0))
    # A constant column whose mean rounds (3.7 at n = 50) leaves residuals of
    # one ulp, not zeros: its "std" of 1e-16 gave an entropy of -33 nats.
    tiny = np.flatnonzero(unit_std < 1e-6)  # (only these can be constant)
    if tiny.size and np.any(np.all(values[:, tiny] == values[:1, tiny], axis=0)):
        raise InvalidDataError(
            f"{name!r} has a constant column, so its differential entropy is -inf. "
            "Remove the constant column first."
        )
    if narrow is not None:
        # back to rows x columns, C order: the gram below and the whitening
        # see the layout (and so the BLAS call) they always did
        centered /= unit_std[:, None]
        back = np.empty((n, d))
        for j in range(d):
            back[:, j] = centered[j]
        centered = back
    else:
        centered /= unit_std
    z = centered
    corr = (z.T @ z) / (n - 1.0)
    eig = np.linalg.eigvalsh(corr)
    if eig[0] <= _RANK_TOL * d:
        raise InvalidDataError(
            f"The columns of {name!r} are linearly dependent (smallest eigenvalue of "
            f"their correlation matrix {eig[0]:.2g}), so the Gaussian entropy is "
            "-inf and any MI involving them infinite. Remove duplicated or collinear "
            "columns."
        )
    log_std = np.log(unit_std) + exp * math.log(2.0)
    logdet = float(np.log(eig).sum() + 2.0 * log_std.sum())
    value = 0.5 * d * (_LOG_2PI + 1.0) + 0.5 * logdet
    if bias_correction:
        value -= entropy_bias(d, n)
    chol = np.linalg.cholesky(corr)
    local = _whitened_squares(chol, z)  # then 0.5 (d ln 2 pi + logdet + it)
    local += d * _LOG_2PI + logdet
    local *= 0.5
    local += value - local.mean()
    return value, local


def _narrow_rows(
    values: NDArray[np.float64], exponents: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Scaled, centred columns of a narrow row-major array, as rows; None otherwise.

    For a C-contiguous array of 2-4 columns numpy runs every broadcast
    operation one row (2-4 values) at a time and sums each column one value
    after the other: scaling, centring and the column sums took 3.7 of the
    4.9 ms of a 2-column entropy at n = 10^5. On a transposed copy each
    column is one contiguous row, so each operation is one fast loop and the
    sums are numpy's pairwise ones (as for a column-major array; the result
    differs from the row-by-row sums in the last bits only, and is the more
    accurate). Returns the columns' standard deviations (of the scaled
    values) and the centred rows, shape ``(d, n)``.
    """
    n, d = values.shape
    if not (2 <= d <= 4 and values.flags.c_contiguous):
        return None
    if exponents.size and int(np.max(np.abs(exponents))) > 1000:
        return None  # ldexp_columns' path
    rows = np.ascontiguousarray(values.T)
    rows *= np.ldexp(1.0, -exponents)[:, None]
    rows -= (rows.sum(axis=1) / n)[:, None]
    unit_std = np.sqrt(np.square(rows).sum(axis=1) / (n - 1.0))
    return unit_std, rows


def _column_exponents(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """:func:`~mutinfo._scaling.pow2_exponents` without an ``abs`` copy.

    ``max |x| = max(max x, -min x)`` exactly (NaN and inf as before), from
    one-dimensional reductions per column, which numpy runs far faster than a
    reduction along the rows of a narrow row-major array.
    """
    if values.shape[0] == 0:
        return pow2_exponents(values)
    top = np.array(
        [
            np.maximum(values[:, j].max(), -values[:, j].min())
            for j in range(values.shape[1])
        ]
    )
    top = np.where(np.isfinite(top), top, 0.0)
    _, exp = np.frexp(top)
    return np.asarray(exp, dtype=np.int64)


def _column_sums(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``values.sum(axis=0)``, bit for bit, without numpy's slow narrow case.

    For a row-major array of 2-4 columns numpy sums each column one row after
    the other (its inner loop runs along a row), one short loop call per row;
    a cumulative sum per column adds in the same order in one call, several
    times faster (tests/estimators/test_copula_fast.py checks the bits). Other
    layouts (one column, column-major), whose columns numpy sums pairwise,
    go to ``sum`` itself.
    """
    n, d = values.shape
    if n and 2 <= d <= 4 and values.flags.c_contiguous:
        return np.array([np.cumsum(values[:, j])[-1] for j in range(d)])
    return np.asarray(values.sum(axis=0), dtype=np.float64)


def _scale_columns(
    values: NDArray[np.float64], exponents: NDArray[np.int64]
) -> NDArray[np.float64]:
    """:func:`~mutinfo._scaling.ldexp_columns` by a multiplication where exact.

    ``x * 2**-e`` and ``ldexp(x, -e)`` are both the correctly rounded value of
    ``x 2^-e``, so they agree bit for bit whenever ``2**-e`` is itself a normal
    float64 (``|e| <= 1000`` here); numpy multiplies ten times faster than it
    runs ``ldexp``. Beyond that, ``ldexp_columns``.
    """
    if exponents.size and int(np.max(np.abs(exponents))) > 1000:
        return ldexp_columns(values, exponents)
    return np.asarray(values * np.ldexp(1.0, -exponents), dtype=np.float64)


def _whitened_squares(
    chol: NDArray[np.float64], z: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return ``|L^-1 z_i|^2`` per row ``z_i`` of ``z`` (``L`` lower-triangular).

    One or two columns are solved by forward substitution in numpy, the way
    OpenBLAS's triangular solve does it (times the reciprocal of the diagonal;
    the same bits on the project's build, checked in tests/estimators), which
    at n = 10^5 is ten times faster than LAPACK's call with its copies; more
    columns go to ``scipy.linalg.solve_triangular``.
    """
    d = chol.shape[0]
    if d <= 2:  # in place: w0 = z0 / L00, w1 = (z1 - L10 w0) / L11, w0^2 + w1^2
        w0: NDArray[np.float64] = z[:, 0] * (1.0 / chol[0, 0])
        if d == 2:
            w1 = chol[1, 0] * w0
            np.subtract(z[:, 1], w1, out=w1)
            w1 *= 1.0 / chol[1, 1]
            w1 *= w1
        w0 *= w0
        if d == 2:
            w0 += w1
        return w0
    from scipy.linalg import solve_triangular

    w = solve_triangular(chol, z.T, lower=True, check_finite=False)
    return np.asarray((w**2).sum(axis=0), dtype=np.float64)


def _block(*vs: Variable) -> NDArray[np.float64]:
    return np.hstack([v.values for v in vs])


@register
class Gaussian(Estimator):
    """Gaussian entropy, MI and CMI from the sample covariance (closed form).

    ``H(X) = 0.5 ln det(2 pi e S_X)``, ``I(X;Y) = H(X) + H(Y) - H(X,Y)`` and
    ``I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(Z) - H(X,Y,Z)`` (and the total correlation
    of the columns of X, ``sum_j H(X_j) - H(X)``), with ``S`` the unbiased
    sample covariance and, by default, the exact finite-sample bias correction of
    each log-determinant (Ince et al. 2017), which makes every term unbiased for
    Gaussian data. X, Y and Z may be multivariate.

    Parameters
    ----------
    bias_correction : bool, default=True
        Apply the analytic bias correction.

    Notes
    -----
    Units are nats before ``base`` conversion. Exact in expectation for Gaussian
    data; for other data the MI is that of the Gaussian with the same
    covariance, blind to nonlinear dependence and no bound on the true MI
    either way: where X and Y are each Gaussian it is a lower bound (the
    joint entropy is at most the Gaussian's, the marginal ones equal), which
    is why ``gaussian_copula`` is one for 1-D variables, but other marginals
    break that (half of x at
    0, y = x0 + 0.3 noise: 0.946 against a true 0.845).
    MI and CMI are invariant to invertible affine maps of each variable; the
    entropy shifts by ``ln |det A|``. Constant columns carry no information:
    they are dropped from MI/CMI with a :class:`~mutinfo.exceptions.DataWarning`;
    their entropy is ``-inf`` and raises. Linearly dependent columns (infinite
    MI) raise :class:`~mutinfo.exceptions.InvalidDataError`. Cost O(n d^2).
    Local values are the pointwise log-density terms of the fitted Gaussians,
    shifted by the bias correction so that they average to the estimate.

    References
    ----------
    .. [1] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.,
       Wiley (2006), ch. 8.
    .. [2] R. A. A. Ince et al., "A statistical framework for neuroimaging data
       analysis based on mutual information estimated via a Gaussian copula",
       Hum. Brain Mapp. 38, 1541-1573 (2017). doi:10.1002/hbm.23471

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.estimators import Gaussian
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=5000)
    >>> y = 0.9 * x + np.sqrt(1 - 0.81) * rng.normal(size=5000)
    >>> round(Gaussian().mi(x, y).value, 2)  # truth -0.5 ln(1 - 0.81) = 0.830
    0.83
    """

    name = "gaussian"
    null_kernel = "correlation"
    thread_safe = True
    interval_scheme = "analytic"
    analytic_rule = "fisher_z"
    pair_kernel = ("gauss", frozenset({"bias_correction"}))
    summary = "Gaussian closed-form entropy, MI and CMI from the covariance."
    reference = "Ince et al. (2017) doi:10.1002/hbm.23471 (bias correction)"
    measures = ("entropy", "conditional_entropy", "mi", "cmi", "total_correlation")
    kinds = ("continuous",)
    parameters = {
        "bias_correction": Param(True, Bool(), "Analytic finite-sample correction."),
    }

    def min_samples(self) -> int:  # noqa: D102
        return 3

    def _adapt(self, v: Variable) -> Variable:
        return continuous_only(
            v,
            self.name,
            "'gaussian_copula' or 'mixed_ksg' (it sees only linear "
            "dependence of numbers)",
        )

    def _h(self, *vs: Variable) -> tuple[float, NDArray[np.float64]]:
        joint = join(*vs) if len(vs) > 1 else vs[0]
        need_samples(
            joint.n_samples,
            joint.n_features + 1,  # full-rank covariance from d + 1 rows (GCMI)
            self.name,
            f"{joint.n_features} columns in {joint.name!r}",
        )
        return gaussian_entropy(
            joint.values, bias_correction=self.bias_correction, name=joint.name
        )

    def _entropy(self, x: Variable, rng: np.random.Generator) -> RawEstimate:
        # Atoms make the differential entropy -inf; the covariance does not
        # see them (30 % zeros in exponential data read 1.30 nats silently).
        warn_entropy_atoms(x, self.name)
        value, local = self._h(x)
        return RawEstimate(value, local)

    def _conditional_entropy(
        self, x: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        warn_entropy_atoms(x, self.name)
        hxz, lxz = self._h(x, z)
        hz, lz = self._h(z)
        return RawEstimate(hxz - hz, lxz - lz)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return RawEstimate(0.0, np.zeros(x.n_samples))
        hx, lx = self._h(x)
        hy, ly = self._h(y)
        hxy, lxy = self._h(x, y)
        return RawEstimate(hx + hy - hxy, lx + ly - lxy)

    def _total_correlation(self, x: Variable, rng: np.random.Generator) -> RawEstimate:
        return total_correlation(x, self.name, self._h)

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        x, y = drop_constant(x, self.name), drop_constant(y, self.name)
        z = drop_constant(z, self.name)
        if x.n_features == 0 or y.n_features == 0:
            return RawEstimate(0.0, np.zeros(x.n_samples))
        if z.n_features == 0:
            return self._mi(x, y, rng)
        hxz, lxz = self._h(x, z)
        hyz, lyz = self._h(y, z)
        hz, lz = self._h(z)
        hxyz, lxyz = self._h(x, y, z)
        return RawEstimate(hxz + hyz - hz - hxyz, lxz + lyz - lz - lxyz)
