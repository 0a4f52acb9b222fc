"""Entropy functionals of a count vector: the core of every discrete family.

Each function takes the counts of the *occupied* cells of a histogram
(positive integers) and returns an entropy estimate in nats. The families in
:mod:`mutinfo.estimators.discrete` and :mod:`mutinfo.estimators.nsb` combine
them into conditional entropy, MI and CMI through the entropy identities.
Counts never loop in Python: estimators that depend on each cell only through
its count work on the *count profile* (distinct counts and how many cells have
each, :func:`mutinfo._counting.count_profile`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import count_profile
from mutinfo._special import digamma

__all__ = [
    "chao_shen_entropy",
    "grassberger_entropy",
    "james_stein_entropy",
    "miller_madow_entropy",
    "plugin_entropy",
]


def plugin_entropy(c: NDArray[np.int64]) -> float:
    """Plug-in entropy ``-sum p log p`` of the empirical frequencies, in nats.

    Examples
    --------
    >>> import numpy as np
    >>> round(plugin_entropy(np.array([2, 1])), 6)
    0.636514
    """
    values, mult = count_profile(c)
    n = float((values * mult).sum())
    p = values / n
    return float(-(mult * p * np.log(p)).sum())


def miller_madow_entropy(c: NDArray[np.int64]) -> float:
    """Miller-Madow entropy: plug-in plus ``(K - 1) / (2 n)``, ``K`` occupied cells.

    Examples
    --------
    >>> import numpy as np
    >>> round(miller_madow_entropy(np.array([2, 1])), 6)  # 0.636514 + 1/6
    0.803181
    """
    c = np.asarray(c)
    n = float(c.sum())
    return plugin_entropy(c) + (c.size - 1) / (2.0 * n)


def grassberger_g(values: NDArray[np.int64]) -> NDArray[np.float64]:
    """Grassberger's ``G(n) = psi(n) + (-1)^n / 2 (psi((n+1)/2) - psi(n/2))``.

    Equation 35 of Grassberger (2003), the estimator of ``log n`` per cell
    that makes the entropy estimate nearly unbiased.

    Examples
    --------
    >>> import numpy as np
    >>> np.round(grassberger_g(np.array([1, 2])), 6).tolist()
    [-1.270363, 0.729637]
    """
    v = np.asarray(values, dtype=np.float64)
    sign = np.where(np.asarray(values) % 2 == 0, 1.0, -1.0)
    out: NDArray[np.float64] = digamma(v) + 0.5 * sign * (
        digamma((v + 1.0) / 2.0) - digamma(v / 2.0)
    )
    return out


def grassberger_entropy(c: NDArray[np.int64]) -> float:
    """Grassberger (2003) entropy ``log n - (1/n) sum_i n_i G(n_i)``, in nats.

    One occupied cell gives 0: ``log n - G(n)`` there is the correction's
    error, not an entropy (0.213 at n = 5, -0.036 at n = 2, negative at every
    even n), and a constant must add nothing to the identities
    ``I(X; Y) = H(X) + H(Y) - H(X, Y)``.

    Examples
    --------
    >>> import numpy as np
    >>> round(grassberger_entropy(np.array([1, 1])), 6)  # log 2 - G(1)
    1.96351
    """
    if np.count_nonzero(c) == 1:
        return 0.0
    values, mult = count_profile(c)
    n = float((values * mult).sum())
    return math.log(n) - float((mult * values * grassberger_g(values)).sum()) / n


def chao_shen_entropy(c: NDArray[np.int64]) -> float:
    """Chao-Shen (2003) coverage-adjusted entropy, in nats.

    The sample coverage ``C = 1 - f1 / n`` (``f1`` singletons; ``f1 = n - 1``
    when every count is one, as Chao and Shen do) scales the frequencies to
    ``p_a = C p``; each term is weighted by the Horvitz-Thompson inclusion
    probability ``1 - (1 - p_a)^n``.

    Examples
    --------
    >>> import numpy as np
    >>> round(chao_shen_entropy(np.array([3, 3])), 6)  # C = 1: log 2 / (1 - 2**-6)
    0.70415
    """
    values, mult = count_profile(c)
    n = float((values * mult).sum())
    f1 = float(mult[values == 1].sum())
    if f1 == n:
        f1 = n - 1.0
    coverage = 1.0 - f1 / n
    pa = coverage * values / n
    with np.errstate(divide="ignore"):  # pa = 1 (one cell): log1p(-1) = -inf
        inclusion = -np.expm1(n * np.log1p(-pa))
    return float(-(mult * pa * np.log(pa) / inclusion).sum())


def james_stein_entropy(c: NDArray[np.int64], n_cells: int) -> tuple[float, float]:
    """James-Stein shrinkage entropy (Hausser & Strimmer 2009), in nats.

    The frequencies shrink towards the uniform target ``1 / K`` over
    ``K = n_cells`` cells (occupied or not) with the data-driven intensity
    ``lambda = (1 - sum p^2) / ((n - 1) sum (1/K - p)^2)``, clipped to [0, 1].
    Empty cells are handled in closed form, so ``K`` may be huge.

    Returns
    -------
    entropy : float
        The plug-in entropy of the shrunk frequencies.
    shrinkage : float
        The intensity ``lambda``.

    Examples
    --------
    >>> import numpy as np
    >>> h, lam = james_stein_entropy(np.array([8, 2]), n_cells=2)
    >>> round(h, 5), round(lam, 5)  # lambda = 0.32 / (9 * 0.18)
    (0.57228, 0.19753)
    """
    values, mult = count_profile(c)
    n = float((values * mult).sum())
    k = float(n_cells)
    n_empty = k - float(mult.sum())
    p = values / n
    target = 1.0 / k
    if n <= 1:
        lam = 1.0
    else:
        spread = float((mult * (target - p) ** 2).sum()) + n_empty * target**2
        if spread == 0.0:
            lam = 1.0
        else:
            lam = (1.0 - float((mult * p**2).sum())) / ((n - 1.0) * spread)
            lam = min(1.0, max(0.0, lam))
    shrunk = lam * target + (1.0 - lam) * p
    h = -float((mult * shrunk * np.log(shrunk)).sum())
    if n_empty > 0 and lam > 0:
        h -= lam * (n_empty / k) * math.log(lam * target)
    return h, lam
