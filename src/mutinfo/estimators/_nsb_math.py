"""The NSB posterior mean and standard deviation of entropy from counts.

Nemenman, Shafee & Bialek (2002) put a Dirichlet(beta) prior on the cell
probabilities and a prior on ``beta`` that makes the prior on the entropy
nearly flat, ``p(beta) ~ d xi / d beta`` with
``xi(beta) = E[H | beta] = psi(K beta + 1) - psi(beta + 1)``. With the
alphabet size ``K`` unknown, the ``K -> infinity`` limit at fixed total
concentration ``alpha = K beta`` is the Dirichlet process with
``xi(alpha) = psi(alpha + 1) - psi(1)`` (Archer, Park & Pillow 2014, PYM with
discount 0). The posterior over the concentration is integrated numerically
on a log grid, refined around its mass; the moments of ``H`` given the
concentration are closed forms (Wolpert & Wolf 1995), evaluated on the count
profile so that the cost grows with the number of distinct counts, not cells.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import count_profile
from mutinfo._special import digamma, gammaln, polygamma
from mutinfo.exceptions import InsufficientSamplesError

__all__ = ["dirichlet_entropy_moments", "log_rising", "nsb_entropy"]

_GRID = 400
_SPAN = 40.0  # keep grid points within e^-40 of the posterior's maximum
#: From this argument on, ``ln G(a + m) - ln G(a)`` comes from Stirling's series:
#: the difference of two ``gammaln`` values cancels there (``gammaln(1e18)`` is
#: 4e19, so the difference loses about 10^4 nats), while the series' first
#: omitted term is below ``1 / (360 a^3)``.
_STIRLING_FROM = 1e6


def log_rising(
    a: NDArray[np.float64], m: NDArray[np.float64] | float
) -> NDArray[np.float64]:
    """Return the log rising factorial ``ln G(a + m) - ln G(a)`` without cancellation.

    ``gammaln(a + m) - gammaln(a)`` subtracts two numbers of size ``a ln a``
    and loses every digit of a difference of size ``m ln a`` once ``a`` is
    large (at ``a = 1e18``, ``m = 50``: +900 where the truth is -2,070 with
    the NSB evidence's sign); from :data:`_STIRLING_FROM` on the difference
    is taken inside Stirling's series,
    ``(a - 1/2) ln(1 + m / a) + m ln(a + m) - m + (1 / (a + m) - 1 / a) / 12``.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.special import gammaln
    >>> a = np.array([3.0, 2e6])
    >>> bool(np.allclose(log_rising(a, 5.0), gammaln(a + 5.0) - gammaln(a)))
    True
    """
    a = np.asarray(a, dtype=np.float64)
    m_arr = np.broadcast_to(np.asarray(m, dtype=np.float64), np.broadcast(a, m).shape)
    a = np.broadcast_to(a, m_arr.shape)
    big = a >= _STIRLING_FROM
    out = np.empty(a.shape)
    small = ~big
    out[small] = gammaln(a[small] + m_arr[small]) - gammaln(a[small])
    ab, mb = a[big], m_arr[big]
    out[big] = (
        (ab - 0.5) * np.log1p(mb / ab)
        + mb * np.log(ab + mb)
        - mb
        + (1.0 / (ab + mb) - 1.0 / ab) / 12.0
    )
    return out


def _trigamma(x: NDArray[np.float64]) -> NDArray[np.float64]:
    out: NDArray[np.float64] = polygamma(1, x)
    return out


def dirichlet_entropy_moments(
    a: NDArray[np.float64], mass: NDArray[np.float64], total: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``E[H]`` and ``E[H^2]`` (nats) under a Dirichlet posterior.

    Cells are grouped: group ``g`` has parameter ``a[..., g]`` and total
    parameter mass ``mass[..., g]`` (its number of cells times ``a``), so a
    group of infinitely many cells with vanishing parameters is ``a = 0`` with
    finite mass. ``total`` is the sum of all parameters. Leading axes broadcast
    (one row per value of the concentration).

    Examples
    --------
    >>> import numpy as np
    >>> a, mass = np.array([[1.0]]), np.array([[2.0]])  # two cells, a = 1 each
    >>> m1, m2 = dirichlet_entropy_moments(a, mass, np.array([2.0]))
    >>> round(float(m1[0]), 6)  # psi(3) - psi(2) = 1/2
    0.5
    """
    big = total[..., None]
    u = digamma(a + 1.0) - digamma(big + 2.0)
    mean = digamma(total + 1.0) - (mass * digamma(a + 1.0)).sum(axis=-1) / total
    t1 = _trigamma(big + 2.0)
    diag = (
        mass
        * (a + 1.0)
        * ((digamma(a + 2.0) - digamma(big + 2.0)) ** 2 + _trigamma(a + 2.0) - t1)
    ).sum(axis=-1)
    s1 = (mass * u).sum(axis=-1)
    s2 = (mass * a * u**2).sum(axis=-1)
    q = (mass * a).sum(axis=-1)
    second = (diag + s1**2 - s2 - t1[..., 0] * (total**2 - q)) / (total * (total + 1.0))
    return mean, second


def _groups(
    values: NDArray[np.float64],
    mult: NDArray[np.float64],
    conc: NDArray[np.float64],
    k: int | None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Dirichlet parameters per group for each concentration ``alpha = K beta``."""
    n = float((values * mult).sum())
    c = conc[:, None]
    if k is None:
        a = np.concatenate(
            [
                np.broadcast_to(values, (conc.size, values.size)),
                np.zeros((conc.size, 1)),
            ],
            axis=1,
        )
        mass = np.concatenate(
            [np.broadcast_to(values * mult, a[:, :-1].shape), c], axis=1
        )
    else:
        beta = c / k
        empty = k - float(mult.sum())
        a = np.concatenate([values + beta, beta], axis=1)
        mass = np.concatenate([mult * (values + beta), empty * beta], axis=1)
    return a, mass, n + conc


def _log_weight(
    log_conc: NDArray[np.float64],
    values: NDArray[np.float64],
    mult: NDArray[np.float64],
    k: int | None,
) -> NDArray[np.float64]:
    """Log posterior density of ``log alpha`` (evidence x NSB prior x Jacobian)."""
    conc = np.exp(log_conc)
    n = float((values * mult).sum())
    k_obs = float(mult.sum())
    if k is None:
        log_ev = k_obs * log_conc - log_rising(conc, n)
        prior = _trigamma(conc + 1.0)
        # d xi / d log alpha = alpha psi1(alpha + 1)
        return np.asarray(log_ev + np.log(prior) + log_conc, dtype=np.float64)
    beta = conc / k
    log_ev = -log_rising(conc, n) + (
        mult * log_rising(beta[:, None], values[None, :])
    ).sum(axis=1)
    # xi(beta) = psi(K beta + 1) - psi(beta + 1); d xi / d log beta
    dxi = beta * (k * _trigamma(conc + 1.0) - _trigamma(beta + 1.0))
    return np.asarray(log_ev + np.log(np.maximum(dxi, 1e-300)), dtype=np.float64)


def nsb_entropy(c: NDArray[np.int64], alphabet_size: int | None) -> tuple[float, float]:
    """NSB posterior mean and standard deviation of the entropy, in nats.

    Parameters
    ----------
    c : ndarray of int
        Counts of the occupied cells.
    alphabet_size : int or None
        Number of cells ``K`` (at least the number occupied); ``None`` for an
        unknown, possibly infinite alphabet (the Dirichlet-process limit).

    Returns
    -------
    mean, std : float
        Posterior mean and standard deviation.

    Raises
    ------
    InsufficientSamplesError
        With an unknown alphabet and no repeated value: the posterior is then
        improper (any entropy above ``log n`` fits the data).

    Examples
    --------
    >>> import numpy as np
    >>> mean, std = nsb_entropy(np.array([5, 5]), alphabet_size=2)
    >>> bool(0.6 < mean < np.log(2)), std < 0.1
    (True, True)
    """
    values_i, mult_i = count_profile(c)
    values = values_i.astype(np.float64)
    mult = mult_i.astype(np.float64)
    n = float((values * mult).sum())
    k_obs = int(mult.sum())
    if alphabet_size is not None and alphabet_size == 1:
        return 0.0, 0.0
    if alphabet_size is None and k_obs == n:
        raise InsufficientSamplesError(
            f"NSB with an unknown alphabet needs at least one repeated value, but all "
            f"{int(n)} samples are distinct, so the entropy is not identified. Pass "
            "'alphabet_size' (the number of possible values of each column) or "
            "collect more samples."
        )
    lo, hi = math.log(1e-8), math.log(1e8 * (n + (alphabet_size or 0) + 1.0))
    grid = np.linspace(lo, hi, _GRID)
    for _ in range(2):
        logw = _log_weight(grid, values, mult, alphabet_size)
        keep = np.flatnonzero(logw > logw.max() - _SPAN)
        step = grid[1] - grid[0]
        lo = float(grid[keep[0]] - step)
        hi = float(grid[keep[-1]] + step)
        grid = np.linspace(lo, hi, _GRID)
    logw = _log_weight(grid, values, mult, alphabet_size)
    w = np.exp(logw - logw.max())
    w /= np.trapezoid(w, grid)
    a, mass, total = _groups(values, mult, np.exp(grid), alphabet_size)
    m1, m2 = dirichlet_entropy_moments(a, mass, total)
    mean = float(np.trapezoid(w * m1, grid))
    second = float(np.trapezoid(w * m2, grid))
    # Rounding can leave a tiny negative variance when the posterior is sharp.
    return mean, math.sqrt(max(second - mean**2, 0.0))
