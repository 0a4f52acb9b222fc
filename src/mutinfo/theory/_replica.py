"""Replica MI, MMSE and AMP for random linear estimation (Barbier et al. 2016).

Model: ``y = Phi s + sqrt(delta) z`` with ``s`` of N i.i.d. components drawn
from the prior, ``Phi`` of shape (M, N), ``M = alpha N``, entries N(0, 1/N),
``z`` standard normal. Every prior is handled as a finite mixture of Gaussians
(a point mass is a component of variance 0), which makes the scalar channel
``Y = sqrt(snr) S + Z`` a Gaussian mixture whose entropy and posterior mean are
integrated with a composite rule whose panels follow every component's scale
(a fixed Gauss-Hermite rule on the mixture's scale misses the narrow component
at high snr by several hundredths of a nat).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import Interval, check_rng, validate_params
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "AMPRun",
    "ReplicaSolution",
    "amp",
    "phase_diagram",
    "replica_mi",
    "replica_potential",
    "replica_solution",
    "scalar_channel",
    "state_evolution",
]

_POSITIVE = Interval(float, 0, None, "neither")
_HALF_LOG_2PIE = 0.5 * math.log(2.0 * math.pi * math.e)


@dataclass(frozen=True)
class _Mixture:
    """S = sum_k w_k N(m_k, v_k) (v_k = 0: a point mass)."""

    w: NDArray[np.float64]
    m: NDArray[np.float64]
    v: NDArray[np.float64]

    @property
    def second_moment(self) -> float:
        return float(np.sum(self.w * (self.m**2 + self.v)))

    @property
    def mean(self) -> float:
        return float(np.sum(self.w * self.m))

    @property
    def variance(self) -> float:
        """Var S, from the centred means (E[S^2] - E[S]^2 cancels at offsets)."""
        return float(np.sum(self.w * ((self.m - self.mean) ** 2 + self.v)))

    def sample(self, n: int, rng: np.random.Generator) -> NDArray[np.float64]:
        comp = rng.choice(self.w.size, size=n, p=self.w)
        return self.m[comp] + np.sqrt(self.v[comp]) * rng.standard_normal(n)


def _prior(prior: Any) -> _Mixture:
    """Convert the public prior conventions to a mixture (see replica_mi)."""
    if isinstance(prior, str) and prior == "gaussian":
        return _Mixture(np.ones(1), np.zeros(1), np.ones(1))
    if isinstance(prior, tuple) and prior and prior[0] == "rademacher":
        return _Mixture(np.full(2, 0.5), np.array([-1.0, 1.0]), np.zeros(2))
    if (
        isinstance(prior, tuple)
        and len(prior) == 2
        and prior[0] == "bernoulli_gaussian"
    ):
        rho = prior[1]
        if not isinstance(rho, (int, float)) or not 0.0 < rho <= 1.0:
            raise InvalidParameterError(
                "The density of ('bernoulli_gaussian', rho) must be in (0, 1]; "
                f"got {rho!r}."
            )
        if rho == 1.0:  # no point mass (a weight of 0 made log 0 warnings)
            return _Mixture(np.ones(1), np.zeros(1), np.ones(1))
        return _Mixture(np.array([1.0 - rho, rho]), np.zeros(2), np.array([0.0, 1.0]))
    if isinstance(prior, tuple) and len(prior) == 2 and not isinstance(prior[0], str):
        values = np.asarray(prior[0], dtype=np.float64).ravel()
        probs = np.asarray(prior[1], dtype=np.float64).ravel()
        if (
            values.size == 0
            or values.shape != probs.shape
            or not np.all(np.isfinite(values))
            or not np.all(np.isfinite(probs))
            or np.any(probs < 0)
            or abs(probs.sum() - 1.0) > 1e-9
        ):
            raise InvalidParameterError(
                "A grid prior (values, probabilities) needs finite values and "
                "non-negative probabilities of the same length summing to 1; got "
                f"{values.size} value(s) and probabilities summing to "
                f"{probs.sum() if probs.size else 0.0!r}."
            )
        keep = probs > 0
        return _Mixture(probs[keep] / probs.sum(), values[keep], np.zeros(keep.sum()))
    raise InvalidParameterError(
        "The 'prior' parameter must be 'gaussian', ('bernoulli_gaussian', rho), "
        f"('rademacher',) or a grid (values, probabilities); got {prior!r}."
    )


_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(24)
#: Panel edges, in widths of each mixture component around its mean.
_EDGES = np.array(
    [
        -40,
        -25,
        -16,
        -11,
        -8,
        -6,
        -4.5,
        -3,
        -2,
        -1,
        0,
        1,
        2,
        3,
        4.5,
        6,
        8,
        11,
        16,
        25,
        40,
    ],
    dtype=np.float64,
)


def _channel(
    mix: _Mixture, snr: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """I(S; sqrt(snr) S + Z) and mmse(snr), vectorised over snr (nats).

    Integrates ``-p log p`` and ``p E[S | y]^2`` over ``y`` with a composite
    24-point Gauss-Legendre rule on panels whose edges sit at every component's
    mean plus multiples of its width (the union over components): the mixture
    has features on the scale of its narrowest component, which a fixed rule on
    the scale of the widest misses.

    Both are invariant to a shift of ``S``, so the mixture is centred first,
    and the mmse is integrated as the posterior variance (a sum of
    non-negative terms): ``E[S^2] - E[E[S | Y]^2]`` cancelled catastrophically
    for a prior away from 0 (a grid ``{1e6, 1e6 + 1}`` gave 0.170 for 0.112).
    """
    mix = _Mixture(mix.w, mix.m - mix.mean, mix.v)
    shape = np.shape(snr)
    snr = np.atleast_1d(np.asarray(snr, dtype=np.float64)).ravel()
    root = np.sqrt(snr)[:, None]  # (S, 1)
    mean = root * mix.m[None, :]  # (S, K)
    var = 1.0 + snr[:, None] * mix.v[None, :]
    sd = np.sqrt(var)
    edges = np.sort((mean[:, :, None] + sd[:, :, None] * _EDGES).reshape(len(snr), -1))
    lo, hi = edges[:, :-1], edges[:, 1:]  # (S, P)
    half = 0.5 * (hi - lo)
    y = (0.5 * (hi + lo))[:, :, None] + half[:, :, None] * _GL_NODES  # (S, P, G)
    wts = (half[:, :, None] * _GL_WEIGHTS).reshape(len(snr), -1)  # (S, P*G)
    y = y.reshape(len(snr), -1)[:, None, :]  # (S, 1, Y)
    mu, vv = mean[:, :, None], var[:, :, None]
    logc = (
        np.log(mix.w)[None, :, None]
        - 0.5 * (y - mu) ** 2 / vv
        - 0.5 * np.log(2.0 * math.pi * vv)
    )  # (S, K, Y)
    top = logc.max(axis=1, keepdims=True)
    c = np.exp(logc - top)
    total = c.sum(axis=1)
    logp = top[:, 0, :] + np.log(total)
    p = np.exp(logp)
    cond = (
        mix.m[None, :, None] + root[:, :, None] * mix.v[None, :, None] * (y - mu) / vv
    )
    post = (c * cond).sum(axis=1) / total
    spread = (c * (mix.v[None, :, None] / vv + (cond - post[:, None, :]) ** 2)).sum(
        axis=1
    ) / total  # Var[S | y]
    info = np.sum(wts * -p * logp, axis=1) - _HALF_LOG_2PIE
    mmse = np.sum(wts * p * spread, axis=1)
    return info.reshape(shape), np.maximum(mmse, 0.0).reshape(shape)


def scalar_channel(prior: Any, snr: float) -> tuple[float, float]:
    """Return (I(S; sqrt(snr) S + Z) in nats, mmse(snr)) for a prior.

    ``Z`` is standard normal; the I-MMSE relation ``dI/dsnr = mmse / 2`` holds.

    Examples
    --------
    >>> info, mmse = scalar_channel("gaussian", 3.0)
    >>> round(info, 10), round(mmse, 10)  # log(4) / 2 and 1 / 4
    (0.6931471806, 0.25)
    """
    info, mmse = _channel(_prior(prior), np.asarray(float(snr)))
    return float(info), float(mmse)


def _potential(
    mix: _Mixture, e: NDArray[np.float64], alpha: float, delta: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    snr = alpha / (delta + e)
    info, mmse = _channel(mix, snr)
    psi = 0.5 * alpha * (np.log1p(e / delta) - e / (e + delta))
    return psi + info, mmse


@validate_params({"alpha": _POSITIVE, "delta": _POSITIVE})
def replica_potential(prior: Any, e: ArrayLike, *, alpha: float, delta: float) -> Any:
    """Return the replica-symmetric potential i_RS(E) (nats per component).

    ``i_RS(E) = alpha/2 [log(1 + E/delta) - E/(E + delta)] + I(S; sqrt(snr) S + Z)``
    with ``snr = alpha / (delta + E)``; ``lim I(s; y) / N = min_E i_RS(E)``
    over ``E`` in ``[0, Var S]`` (Barbier, Dia, Macris & Krzakala 2016).

    Examples
    --------
    >>> round(float(replica_potential("gaussian", 0.5, alpha=1.0, delta=1.0)), 6)
    0.291479
    """
    out, _ = _potential(_prior(prior), np.asarray(e, dtype=np.float64), alpha, delta)
    return out


@dataclass(frozen=True)
class ReplicaSolution:
    """Global minimum of the replica potential and AMP's fixed point.

    ``mi``: lim I(s; y)/N in nats; ``mmse``: the minimiser E (the MMSE per
    component); ``amp_mse``: the fixed point of state evolution from
    ``E = Var S``; ``hard``: whether AMP's fixed point is not the global
    minimum (a computationally hard phase); ``amp_mi``: i_RS at AMP's fixed point.
    """

    mi: float
    mmse: float
    amp_mse: float
    amp_mi: float
    hard: bool


def _solve(mix: _Mixture, alpha: float, delta: float) -> ReplicaSolution:
    from scipy.optimize import brentq, minimize_scalar

    # E ranges over [0, Var S], not [0, E[S^2]]: the MI and the MMSE do not
    # change with a shift of the prior, and a grid up to E[S^2] = 1e12 (values
    # near 1e6) started above the MMSE (MI 1.54 nats for log 2 at most).
    top = mix.variance
    if top == 0.0:  # a point mass: nothing to learn
        return ReplicaSolution(0.0, 0.0, 0.0, 0.0, False)
    # The potential's slope is alpha (E - mmse(snr(E))) / (2 (delta + E)^2), so
    # its local minima on [0, Var S] are where g(E) = mmse(snr(E)) - E turns
    # from positive to non-positive, or E = 0 when g(0) = 0. Those sign changes
    # are read on a grid of E that includes 0 (a grid from 1e-12 Var S missed
    # E < delta: +-1 at alpha=1, delta=1e-12 read 0.790 nats, above log 2) and
    # refined by Brent's method on g, which stays on the scale of Var S where
    # the potential itself is too flat to locate its minimum (delta=1e12 gave
    # mmse 1e-12 for about 1).
    grid = np.concatenate([[0.0], top * np.logspace(-16, 0, 321)])
    values, mmses = _potential(mix, grid, alpha, delta)
    g = mmses - grid

    def slope(e: float) -> float:
        return float(_channel(mix, np.asarray(alpha / (delta + e)))[1]) - e

    def f(e: float) -> float:
        return float(_potential(mix, np.asarray(e), alpha, delta)[0])

    minima = [0.0] if g[0] <= 0.0 else []
    for i in np.flatnonzero((g[:-1] > 0.0) & (g[1:] <= 0.0)):
        if g[i + 1] == 0.0:
            minima.append(float(grid[i + 1]))
            continue
        root = brentq(slope, grid[i], grid[i + 1], xtol=1e-300, rtol=1e-13, maxiter=500)
        minima.append(float(root))
    if g[-1] > 0.0:  # rounding: the MMSE never exceeds Var S
        minima.append(top)
    at = {e: f(e) for e in minima}
    e_star = min(at, key=lambda e: (at[e], e))
    mi = at[e_star]
    best = int(np.argmin(values))
    if values[best] < mi - 1e-12 * max(1.0, abs(mi)):
        # A minimum between two grid points with no sign change of g on the
        # grid (two close stationary points): minimise the potential there.
        lo, hi = grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)]
        res = minimize_scalar(
            f, bounds=(lo, hi), method="bounded", options={"xatol": 1e-12 * top}
        )
        e_star, mi = (float(res.x), float(res.fun))
        if values[best] < mi:
            e_star, mi = float(grid[best]), float(values[best])
    # State evolution from Var S decreases to the largest fixed point, the
    # largest local minimum (500 iterations stopped short of it at alpha=1,
    # delta=1e-12, where it converges like 1 / t, and flagged a hard phase).
    e_amp = max(minima) if minima else e_star
    amp_mi = at.get(e_amp, f(e_amp))
    hard = amp_mi - mi > 1e-9 and e_amp - e_star > 1e-6 * top
    return ReplicaSolution(mi, e_star, e_amp, amp_mi, bool(hard))


@validate_params({"alpha": _POSITIVE, "delta": _POSITIVE})
def replica_mi(prior: Any, *, alpha: float, delta: float) -> float:
    """Return the replica MI lim I(s; y)/N of random linear estimation, nats.

    ``y = Phi s + sqrt(delta) z`` with ``Phi_ij ~ N(0, 1/N)`` and ``M = alpha N``
    measurements; ``s`` has i.i.d. components from ``prior``. The limit is
    ``min_E i_RS(E)`` (:func:`replica_potential`), proved by Barbier et al.
    (2016). The minimum is found globally: the potential on a log-spaced grid
    of 241 values of ``E`` in ``[1e-12, 1] Var S``, then Brent's bounded method
    on the bracket around the best grid point.

    Parameters
    ----------
    prior : str, tuple
        ``"gaussian"`` (N(0, 1)); ``("bernoulli_gaussian", rho)`` =
        ``(1 - rho) delta_0 + rho N(0, 1)``; ``("rademacher",)`` (+-1);
        or a grid ``(values, probabilities)``.
    alpha : float
        Measurement ratio ``M / N``, ``> 0``.
    delta : float
        Noise variance, ``> 0``.

    Returns
    -------
    float
        Mutual information per signal component, nats.

    References
    ----------
    .. [1] J. Barbier, M. Dia, N. Macris, F. Krzakala, The mutual information
       in random linear estimation, Allerton 2016. arXiv:1607.02335

    Examples
    --------
    >>> round(replica_mi(("bernoulli_gaussian", 0.1), alpha=0.5, delta=0.01), 4)
    0.3708
    """
    return _solve(_prior(prior), alpha, delta).mi


@validate_params({"alpha": _POSITIVE, "delta": _POSITIVE})
def replica_solution(prior: Any, *, alpha: float, delta: float) -> ReplicaSolution:
    """Return MI, MMSE, AMP's fixed point and whether the phase is hard.

    See :func:`replica_mi` for the model and the minimisation.

    Examples
    --------
    >>> sol = replica_solution("gaussian", alpha=2.0, delta=0.5)
    >>> sol.hard, bool(abs(sol.mmse - sol.amp_mse) < 1e-6)
    (False, True)
    """
    return _solve(_prior(prior), alpha, delta)


def _state_evolution(
    mix: _Mixture, alpha: float, delta: float, n_iter: int, tol: float
) -> NDArray[np.float64]:
    # E_0 is the MSE of AMP's start, the prior mean (E[S^2] was that of 0,
    # one step behind AMP's measured MSE for a prior of non-zero mean).
    e = mix.variance
    trace = [e]
    for _ in range(n_iter):
        _, nxt = _channel(mix, np.asarray(alpha / (delta + e)))
        e_new = float(nxt)
        trace.append(e_new)
        if abs(e_new - e) <= tol * max(mix.variance, 1e-300):
            break
        e = e_new
    return np.asarray(trace)


@validate_params(
    {"alpha": _POSITIVE, "delta": _POSITIVE, "n_iter": Interval(int, 1, None)}
)
def state_evolution(
    prior: Any, *, alpha: float, delta: float, n_iter: int = 100
) -> NDArray[np.float64]:
    """Return AMP's state evolution E_0, E_1, ... (MSE per component).

    ``E_0 = Var S`` (the MSE of AMP's start, the prior mean),
    ``E_{t+1} = mmse(alpha / (delta + E_t))``; its fixed points are the
    stationary points of :func:`replica_potential`. Stops early once
    successive values agree to 1e-13 (relative to ``Var S``).

    Examples
    --------
    >>> round(float(state_evolution("gaussian", alpha=2.0, delta=0.5)[1]), 6)
    0.428571
    """
    return _state_evolution(_prior(prior), alpha, delta, n_iter, 1e-13)


@dataclass(frozen=True)
class AMPRun:
    """An AMP run: the estimate and the empirical and predicted MSE per step."""

    estimate: NDArray[np.float64]
    mse: NDArray[np.float64]
    state_evolution: NDArray[np.float64]


def _denoise(
    mix: _Mixture, r: NDArray[np.float64], tau2: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Posterior mean and variance of S given r = S + sqrt(tau2) Z."""
    var = mix.v[:, None] + tau2
    diff = r[None, :] - mix.m[:, None]
    logc = np.log(mix.w)[:, None] - 0.5 * diff**2 / var - 0.5 * np.log(var)
    logc -= logc.max(axis=0, keepdims=True)
    resp = np.exp(logc)
    resp /= resp.sum(axis=0, keepdims=True)
    mean_k = mix.m[:, None] + mix.v[:, None] / var * diff
    var_k = (mix.v * tau2 / (mix.v + tau2))[:, None]
    mean = np.sum(resp * mean_k, axis=0)
    second = np.sum(resp * (var_k + mean_k**2), axis=0)
    return mean, np.maximum(second - mean**2, 0.0)


@validate_params(
    {
        "alpha": _POSITIVE,
        "delta": _POSITIVE,
        "n": Interval(int, 2, None),
        "n_iter": Interval(int, 1, None),
    }
)
def amp(
    prior: Any,
    *,
    alpha: float,
    delta: float,
    n: int = 2000,
    n_iter: int = 30,
    rng: Any = None,
) -> AMPRun:
    """Sample an instance of y = Phi s + noise and run Bayes-optimal AMP on it.

    ``Phi`` has ``M = round(alpha n)`` rows and N(0, 1/n) entries. AMP runs on
    ``A = Phi / sqrt(alpha)`` (unit-norm columns) and ``y / sqrt(alpha)`` (noise
    variance ``delta / alpha``) with the posterior-mean denoiser ``eta`` of the
    prior and the Onsager term::

        z_t = y - A x_t + z_{t-1} <eta'_{t-1}> / alpha
        x_{t+1} = eta(x_t + A^T z_t; tau_t^2),  tau_t^2 = |z_t|^2 / M

        ``mse[t]`` is ``|x_t - s|^2 / n``, ``state_evolution[t]`` the prediction
    ``E_t`` of :func:`state_evolution`.

    Examples
    --------
    >>> run = amp(("bernoulli_gaussian", 0.2), alpha=0.6, delta=1e-3, n=500, rng=0)
    >>> bool(abs(run.mse[-1] - run.state_evolution[-1]) < 0.02)
    True
    """
    mix = _prior(prior)
    g = check_rng(rng)
    m = max(round(alpha * n), 1)
    s = mix.sample(n, g)
    a = g.standard_normal((m, n)) / math.sqrt(m)  # unit-norm columns
    # y / sqrt(alpha) = A s + noise of variance delta / alpha.
    y = (math.sqrt(alpha) * (a @ s) + math.sqrt(delta) * g.standard_normal(m)) / (
        math.sqrt(alpha)
    )
    ratio = m / n
    x = np.full(n, float(np.sum(mix.w * mix.m)))
    z = np.zeros(m)
    onsager = 0.0
    mse = [float(np.mean((x - s) ** 2))]
    for _ in range(n_iter):
        z = y - a @ x + onsager * z / ratio
        tau2 = float(z @ z) / m
        x, post_var = _denoise(mix, x + a.T @ z, tau2)
        onsager = float(np.mean(post_var)) / tau2
        mse.append(float(np.mean((x - s) ** 2)))
    se = _state_evolution(mix, alpha, delta, n_iter, 0.0)
    return AMPRun(x, np.asarray(mse), se)


def phase_diagram(prior: Any, alphas: ArrayLike, deltas: ArrayLike) -> Any:
    """Return a DataFrame of the replica solution over a grid of (alpha, delta).

    Columns: ``alpha``, ``delta``, ``mi`` (nats), ``mmse``, ``amp_mse``,
    ``hard`` (AMP's fixed point is not the global minimum of the potential).

    Examples
    --------
    >>> frame = phase_diagram(("bernoulli_gaussian", 0.1), [0.2, 0.5], [1e-4])
    >>> list(frame.hard)
    [True, False]
    """
    import pandas as pd

    mix = _prior(prior)
    rows = []
    for alpha in np.asarray(alphas, dtype=np.float64).ravel():
        for delta in np.asarray(deltas, dtype=np.float64).ravel():
            if not (alpha > 0 and delta > 0):
                raise InvalidParameterError(
                    "phase_diagram() needs alphas > 0 and deltas > 0; got "
                    f"alpha={alpha!r}, delta={delta!r}."
                )
            sol = _solve(mix, float(alpha), float(delta))
            rows.append((alpha, delta, sol.mi, sol.mmse, sol.amp_mse, sol.hard))
    return pd.DataFrame(
        rows, columns=["alpha", "delta", "mi", "mmse", "amp_mse", "hard"]
    )
