"""Special functions, with scipy imported on first use rather than with mutinfo.

``import scipy.special`` costs about 0.3 s of a fresh process (its own
modules and scipy's array-API layer, which clones numpy's namespace and so
imports ``numpy.f2py`` and ``numpy.testing``), more than a 10^5-row KSG
estimate. The estimator families import their special functions from here, so
a process that never calls one of them (a one-shot ``mutinfo mi`` on
continuous columns) never imports scipy. The wrappers call scipy's functions
unchanged: the same numbers.

:func:`digamma_of` (and :func:`digamma_int`) is the exception: the digamma
function at non-negative integers, which KSG's local values look up,
computed with numpy alone
(scipy's values up to 10, the asymptotic series above: the same bits as
scipy's ``digamma`` over ``0..10**7``, checked by the tests).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "digamma",
    "digamma_int",
    "digamma_of",
    "gammaln",
    "logsumexp",
    "ndtri",
    "polygamma",
]

#: scipy's ``digamma(0..10)`` (psi(0) = -inf; psi(n) = -gamma + sum_{i<n} 1/i),
#: written out so that :func:`digamma_int` returns the same bits as scipy.
_SMALL = (
    -math.inf,
    -0.5772156649015329,
    0.42278433509846713,
    0.9227843350984671,
    1.2561176684318003,
    1.5061176684318003,
    1.7061176684318005,
    1.872784335098467,
    2.0156414779556098,
    2.1406414779556098,
    2.251752589066721,
)
#: From this integer on :func:`digamma_int` sums the asymptotic series (its
#: first omitted term, 3617 / (8160 n^16), is below 5e-17 there).
_SERIES_FROM = len(_SMALL)


def digamma(x: Any, *args: Any, **kwargs: Any) -> Any:
    """scipy.special.digamma, imported on first call."""
    from scipy.special import digamma as f

    return f(x, *args, **kwargs)


def gammaln(x: Any, *args: Any, **kwargs: Any) -> Any:
    """scipy.special.gammaln, imported on first call."""
    from scipy.special import gammaln as f

    return f(x, *args, **kwargs)


def polygamma(n: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
    """scipy.special.polygamma, imported on first call."""
    from scipy.special import polygamma as f

    return f(n, x, *args, **kwargs)


def ndtri(x: Any, *args: Any, **kwargs: Any) -> Any:
    """scipy.special.ndtri, imported on first call."""
    from scipy.special import ndtri as f

    return f(x, *args, **kwargs)


def logsumexp(a: Any, *args: Any, **kwargs: Any) -> Any:
    """scipy.special.logsumexp, imported on first call."""
    from scipy.special import logsumexp as f

    return f(a, *args, **kwargs)


def digamma_of(values: Any) -> NDArray[np.float64]:
    """Return the digamma function at non-negative integers (``psi(0) = -inf``).

    scipy's values up to ``psi(10)``; above, the asymptotic series
    ``log n - 1 / (2n) - sum_j B_2j / (2j n^2j)`` to ``j = 7``, whose error
    there is below 5e-17 (the same bits as scipy over ``0..10**7`` where
    numpy's ``log`` is the C library's; numpy's AVX-512 ``log`` moves about one
    value in 20,000 by one ulp). Every KSG path takes its digamma values from
    here, so the paths agree with each other bit for bit on any machine.
    Negative integers give nan, and values that are not integers scipy's
    ``digamma`` itself, as scipy does.

    Examples
    --------
    >>> digamma_of([1, 2, 100]).round(6).tolist()
    [-0.577216, 0.422784, 4.600162]
    """
    v = np.asarray(values)
    if v.dtype.kind not in "biu":
        # Not integers (2.5 read as 2 before): scipy's digamma, imported now.
        return np.asarray(digamma(np.asarray(v, dtype=np.float64)), dtype=np.float64)
    # Negative integers are poles: nan, as scipy (np.take wrapped -1 round
    # to psi(10), and a uint64 above 2**63 cast to int64 did too).
    out = np.full(v.shape, np.nan)
    small = (v >= 0) & (v < _SERIES_FROM)
    out[small] = np.take(np.asarray(_SMALL), v[small].astype(np.intp))
    large = v >= _SERIES_FROM
    x = v[large].astype(np.float64)
    t = 1.0 / (x * x)
    tail = t * (
        1.0 / 12
        - t
        * (
            1.0 / 120
            - t
            * (
                1.0 / 252
                - t * (1.0 / 240 - t * (1.0 / 132 - t * (691.0 / 32760 - t / 12)))
            )
        )
    )
    out[large] = np.log(x) - 0.5 / x - tail
    return out


def digamma_int(top: int) -> NDArray[np.float64]:
    """Return ``psi(0), psi(1), ..., psi(top - 1)``: :func:`digamma_of` of a range.

    Examples
    --------
    >>> digamma_int(4).round(6).tolist()
    [-inf, -0.577216, 0.422784, 0.922784]
    """
    return digamma_of(np.arange(max(int(top), 0)))
