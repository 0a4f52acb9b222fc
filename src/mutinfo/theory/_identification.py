"""Zheng & Benjamini: MI from the identification error of a K-class classifier."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mutinfo._params import Interval, check_rng, validate_params
from mutinfo.exceptions import (
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
    MutinfoWarning,
    warn,
)

__all__ = [
    "IdentificationResult",
    "fano_lower_bound",
    "identification_accuracy",
    "identification_error",
    "identification_mi",
    "mi_from_identification_error",
]


class HighDimensionalAssumptionWarning(MutinfoWarning):
    """The Zheng-Benjamini inversion assumes many weakly informative components."""


_K = Interval(int, 2, None)
_NONNEG = Interval(float, 0, None)


def identification_accuracy(mu: float, k: int) -> float:
    """Return pi_K(mu) = int phi(z - mu) Phi(z)^(K - 1) dz, the K-class accuracy.

    The probability that ``mu + Z_0`` exceeds ``K - 1`` independent standard
    normals; ``pi_K(0) = 1 / K`` and ``pi_K`` increases to 1.

    Examples
    --------
    >>> round(identification_accuracy(0.0, 4), 12)
    0.25
    """
    from scipy import integrate
    from scipy.special import log_ndtr

    if mu == math.inf:
        return 1.0
    # Where Phi(z)^(K - 1) rises from 0 to 1: around the 1 - 1/K quantile.
    from scipy.stats import norm

    centre = float(norm.ppf(0.5 ** (1.0 / (k - 1))))
    lo = min(mu, centre) - 12.0
    hi = max(mu, centre) + 12.0

    def integrand(z: float) -> float:
        return math.exp(-0.5 * (z - mu) ** 2 + (k - 1) * float(log_ndtr(z))) / (
            math.sqrt(2.0 * math.pi)
        )

    points = sorted({mu, centre})
    value, _ = integrate.quad(
        integrand, lo, hi, points=points, limit=400, epsabs=1e-14, epsrel=1e-13
    )
    return float(min(max(value, 1.0 / k), 1.0))


def _error(mu: float, k: int) -> float:
    """Return 1 - pi_K(mu) as its own integral, accurate where it is tiny.

    ``1 - pi_K(mu) = int phi(z - mu) (1 - Phi(z)^(K - 1)) dz``; the complement
    of :func:`identification_accuracy` lost everything below about 1e-13 (an
    MI of 100 nats at K = 10 read error 0.0, and an error of 1e-20 inverted to
    128 nats for about 90). For large ``mu`` the integrand peaks near
    ``mu / 2``, where both factors are tails.
    """
    from scipy import integrate
    from scipy.special import log_ndtr
    from scipy.stats import norm

    if mu == math.inf:
        return 0.0
    centre = float(norm.ppf(0.5 ** (1.0 / (k - 1))))
    lo = min(0.5 * mu, centre) - 12.0
    hi = max(mu, centre) + 12.0

    def integrand(z: float) -> float:
        tail = -math.expm1((k - 1) * float(log_ndtr(z)))
        if tail <= 0.0:
            return 0.0
        return math.exp(-0.5 * (z - mu) ** 2 + math.log(tail)) / math.sqrt(
            2.0 * math.pi
        )

    points = sorted({0.5 * mu, mu, centre})
    value, _ = integrate.quad(
        integrand, lo, hi, points=points, limit=400, epsabs=0.0, epsrel=1e-12
    )
    return float(min(max(value, 0.0), 1.0 - 1.0 / k))


@validate_params({"mi": _NONNEG, "k": _K})
def identification_error(mi: float, k: int) -> float:
    """Return the K-class identification error 1 - pi_K(sqrt(2 I)) (Zheng & Benjamini).

    In the high-dimensional limit of Zheng & Benjamini, the average Bayes
    accuracy of identifying which of ``K`` stimuli produced a response is
    ``pi_K(mu)`` with ``I = mu^2 / 2`` (I in nats), where
    ``pi_K(mu) = int phi(z - mu) Phi(z)^(K - 1) dz``. The inverse is
    :func:`mi_from_identification_error`.

    Parameters
    ----------
    mi : float
        Mutual information in nats, ``>= 0``.
    k : int
        Number of classes, ``>= 2``.

    Returns
    -------
    float
        Error probability in ``[0, 1 - 1/K]``.

    References
    ----------
    .. [1] C. Zheng, Y. Benjamini, Estimating mutual information in high
       dimensions via classification error, 2016. arXiv:1606.05229

    Examples
    --------
    >>> round(identification_error(0.0, 10), 12)
    0.9
    >>> round(identification_error(2.0, 10), 4)
    0.3264
    """
    return _error(math.sqrt(2.0 * mi), k)


@validate_params({"error": Interval(float, 0, 1), "k": _K})
def mi_from_identification_error(error: float, k: int) -> float:
    """Return I = mu^2 / 2 (nats) where 1 - pi_K(mu) = error (Zheng & Benjamini).

    Inverts :func:`identification_error` by bracketing and Brent's method
    (relative tolerance 1e-14 on mu). An error of 0 gives ``inf``; an error of
    ``1 - 1/K`` (chance) gives 0.

    Parameters
    ----------
    error : float
        Identification error in ``[0, 1 - 1/K]``.
    k : int
        Number of classes, ``>= 2``.

    Returns
    -------
    float
        Mutual information in nats.

    Raises
    ------
    InvalidParameterError
        If ``error`` exceeds the chance level ``1 - 1/K``.

    Examples
    --------
    >>> round(mi_from_identification_error(identification_error(1.5, 8), 8), 10)
    1.5
    """
    chance = 1.0 - 1.0 / k
    if error > chance + 1e-12:
        raise InvalidParameterError(
            f"The 'error' parameter of mi_from_identification_error() must be in "
            f"[0, 1 - 1/K] = [0, {chance:.6g}] for k={k}; got {error!r}. An error "
            "above chance means the classifier is worse than guessing: check "
            "'k' and how the error was measured."
        )
    if error >= chance:
        return 0.0
    if error == 0.0:
        return math.inf
    from scipy.optimize import brentq

    # On the log scale of the error itself: 1 - pi_K(mu) compared with
    # 1 - error rounded every error below 1e-16 to 0.
    log_error = math.log(error)

    def gap(mu: float) -> float:
        value = _error(mu, k)
        return log_error - (math.log(value) if value > 0.0 else -math.inf)

    hi = 1.0
    while gap(hi) < 0:
        hi *= 2.0
        if hi > 1e4:
            return math.inf
    mu = brentq(gap, 0.0, hi, xtol=1e-15, rtol=1e-14, maxiter=500)
    return 0.5 * float(mu) ** 2


@validate_params({"error": Interval(float, 0, 1), "k": _K})
def fano_lower_bound(error: float, k: int) -> float:
    """Return Fano's lower bound on I(W; X) from a K-class error probability, nats.

    For ``W`` uniform on ``K`` classes and any classifier of ``W`` from ``X``
    with error ``e``, Fano's inequality ``H(W | X) <= h(e) + e log(K - 1)``
    gives ``I(W; X) >= log K - h(e) - e log(K - 1)`` (``h`` the binary
    entropy), clipped below at 0 (the bound is vacuous there, not negative).

    Examples
    --------
    >>> round(fano_lower_bound(0.0, 2), 6)  # a perfect binary classifier
    0.693147
    >>> fano_lower_bound(0.5, 2)
    0.0
    """
    e = float(error)
    h = 0.0 if e in (0.0, 1.0) else -(e * math.log(e) + (1 - e) * math.log1p(-e))
    bound = math.log(k) - h - (e * math.log(k - 1) if e > 0 else 0.0)
    return max(bound, 0.0)


class IdentificationResult:
    """Outcome of :func:`identification_mi` (nats)."""

    def __init__(
        self, mi: float, error: float, fano: float, k: int, n_trials: int
    ) -> None:
        self.mi = mi
        self.error = error
        self.fano = fano
        self.k = k
        self.n_trials = n_trials

    def __float__(self) -> float:
        return self.mi

    def __repr__(self) -> str:
        return (
            f"IdentificationResult(mi={self.mi:.4g}, error={self.error:.4g}, "
            f"fano={self.fano:.4g}, k={self.k}, n_trials={self.n_trials})"
        )


@validate_params(
    {
        "k": _K,
        "n_trials": Interval(int, 1, None),
        "test_fraction": Interval(float, 0, 1, "neither"),
    }
)
def identification_mi(
    x: ArrayLike,
    y: ArrayLike,
    *,
    k: int = 10,
    n_trials: int = 200,
    test_fraction: float = 0.5,
    rng: Any = None,
) -> IdentificationResult:
    """Estimate I(X; Y) by the identification experiment of Zheng & Benjamini.

    A linear model of ``E[y | x]`` is fitted on a training split, and the
    residuals' covariance whitens the responses. Each trial draws ``k``
    held-out pairs; every response ``y_j`` is assigned to the stimulus ``x_i``
    whose predicted centroid is nearest (Mahalanobis). The mean error over
    trials is inverted with :func:`mi_from_identification_error`; the Fano
    bound :func:`fano_lower_bound` of the same error is reported too.

    The inversion assumes the high-dimensional regime of the paper: the
    information is spread over many weakly informative components so that the
    log-likelihood ratios are nearly Gaussian. A
    ``HighDimensionalAssumptionWarning`` is emitted when ``y`` has fewer than
    10 columns, or when no trial made an error (the estimate is then only a
    lower bound); a :class:`~mutinfo.DataWarning` when the error is above
    chance, ``1 - 1/k`` (``mi`` is then 0, a floor: the decoder did worse
    than guessing).

    Parameters
    ----------
    x : array-like of shape (n_samples, n_features_x)
        Stimuli.
    y : array-like of shape (n_samples, n_features_y)
        Responses.
    k : int, default=10
        Classes per identification trial.
    n_trials : int, default=200
        Identification trials.
    test_fraction : float, default=0.5
        Fraction of rows held out for the trials.
    rng : None, int or numpy.random.Generator
        Randomness of the split and the trials.

    Returns
    -------
    IdentificationResult
        ``mi`` (nats), ``error``, ``fano`` (nats), ``k``, ``n_trials``.

    Examples
    --------
    >>> import numpy as np
    >>> g = np.random.default_rng(0)
    >>> x = g.normal(size=(6000, 20))
    >>> y = 0.3 * x + g.normal(size=(6000, 20))  # I = 10 log(1.09) = 0.862
    >>> res = identification_mi(x, y, k=10, rng=0)
    >>> abs(res.mi - 0.862) < 0.15
    True
    """
    g = check_rng(rng)
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    a = a.reshape(len(a), -1)
    b = b.reshape(len(b), -1)
    if a.shape[0] != b.shape[0]:
        raise InvalidDataError(
            "x and y must have the same number of samples; got "
            f"x.shape={a.shape} and y.shape={b.shape}."
        )
    for name, values in (("x", a), ("y", b)):
        if values.size and not np.all(np.isfinite(values)):
            bad = int(np.sum(~np.isfinite(values)))
            raise InvalidDataError(
                f"The {name!r} parameter of identification_mi() contains {bad} NaN "
                "or infinite value(s); they were fitted and matched silently (a "
                "NaN response is never the nearest). Drop or impute those rows "
                "first."
            )
    n = a.shape[0]
    n_test = round(test_fraction * n)
    n_train = n - n_test
    need = a.shape[1] + b.shape[1] + 2
    if n_test < k or n_train < need:
        raise InsufficientSamplesError(
            f"identification_mi() needs at least k={k} held-out rows and "
            f"{need} training rows; got n_samples={n}, i.e. {n_train} training "
            f"and {n_test} held-out rows with test_fraction={test_fraction}."
        )
    if b.shape[1] < 10:
        warn(
            f"y has {b.shape[1]} column(s): the Zheng-Benjamini inversion assumes "
            "many weakly informative components and may be far off here. Use a "
            "direct estimator (method='ksg' or 'classifier') for low dimension.",
            HighDimensionalAssumptionWarning,
        )
    perm = g.permutation(n)
    train, test = perm[:n_train], perm[n_train:]
    design = np.hstack([np.ones((n_train, 1)), a[train]])
    coef, *_ = np.linalg.lstsq(design, b[train], rcond=None)
    resid = b[train] - design @ coef
    cov = np.atleast_2d(np.cov(resid, rowvar=False))
    chol = np.linalg.cholesky(cov + 1e-12 * np.trace(cov) / len(cov) * np.eye(len(cov)))
    centroids = np.hstack([np.ones((n_test, 1)), a[test]]) @ coef
    white_c = np.linalg.solve(chol, centroids.T).T
    white_y = np.linalg.solve(chol, b[test].T).T
    errors = 0
    for _ in range(n_trials):
        rows = g.choice(n_test, size=k, replace=False)
        c, r = white_c[rows], white_y[rows]
        d2 = ((r[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
        errors += int(np.count_nonzero(d2.argmin(axis=1) != np.arange(k)))
    error = errors / (n_trials * k)
    if errors == 0:
        warn(
            f"No identification error in {n_trials} trials of k={k}: the MI "
            "estimate is infinite (only a lower bound is known). Use a larger 'k'.",
            HighDimensionalAssumptionWarning,
        )
    chance = 1.0 - 1.0 / k
    if error > chance:
        # The inversion is undefined above chance; 0 was returned silently.
        se = math.sqrt(chance * (1.0 - chance) / (n_trials * k))
        warn(
            f"The identification error {error:.4g} is above chance, 1 - 1/k = "
            f"{chance:.4g} for k={k} ({(error - chance) / se:.1f} binomial standard "
            "errors): the linear decoder identified the held-out stimuli worse "
            "than guessing, so the experiment shows no information and "
            "identification_mi() reports mi = 0 (the inversion is undefined above "
            "chance; 0 is a floor, not an estimate). Within about 2 standard errors "
            "this is sampling noise around independence; far above, the model "
            "fitted on the training rows does not carry over to the held-out rows "
            "(too few training rows, a nonlinear relation, or a shift between the "
            "splits). Raise 'n_trials', or use a direct estimator (method='ksg' "
            "or 'classifier').",
            DataWarning,
        )
    mi = mi_from_identification_error(min(error, chance), k)
    return IdentificationResult(mi, error, fano_lower_bound(error, k), k, n_trials)
