"""Gaussian tasks: componentwise, dense, sparse, any covariance, and the staircase."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo.datasets._task import Task, check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "gaussian",
    "gaussian_covariance",
    "gaussian_dense",
    "gaussian_mi",
    "gaussian_sparse",
    "staircase",
]


def gaussian_mi(cov: ArrayLike, dim_x: int) -> float:
    """Return I(X; Y) in nats of a Gaussian with joint covariance ``cov``.

    ``I = (ln det S_xx + ln det S_yy - ln det S) / 2``, where ``X`` is the
    first ``dim_x`` coordinates.

    Examples
    --------
    >>> round(gaussian_mi([[1.0, 0.9], [0.9, 1.0]], 1), 6)
    0.830366
    """
    s = np.asarray(cov, dtype=np.float64)
    logdet = [
        np.linalg.slogdet(m)[1] for m in (s[:dim_x, :dim_x], s[dim_x:, dim_x:], s)
    ]
    return float(0.5 * (logdet[0] + logdet[1] - logdet[2]))


@dataclass(frozen=True)
class _GaussianSampler:
    factor: NDArray[np.float64]  # lower Cholesky factor of the joint covariance
    dim_x: int

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        z = rng.standard_normal((n, self.factor.shape[0])) @ self.factor.T
        return z[:, : self.dim_x].copy(), z[:, self.dim_x :].copy()


def gaussian_covariance(
    cov: ArrayLike,
    dim_x: int,
    *,
    name: str | None = None,
    family: str = "gaussian_covariance",
    params: dict[str, Any] | None = None,
    tags: tuple[str, ...] = (),
) -> Task:
    """Task of a zero-mean Gaussian with joint covariance ``cov``.

    Parameters
    ----------
    cov : array-like of shape (dim_x + dim_y, dim_x + dim_y)
        Symmetric positive-definite joint covariance; ``X`` is the first
        ``dim_x`` coordinates.
    dim_x : int
        Number of coordinates of ``X``.
    name : str, optional
        Task name; default ``"gaussian_covariance-<dim_x>x<dim_y>"``.
    family, params, tags
        Recorded on the task (used by the other Gaussian constructors).

    Returns
    -------
    Task
        ``mutual_information = (ln det S_xx + ln det S_yy - ln det S) / 2``.

    Raises
    ------
    InvalidParameterError
        If ``cov`` is not square, symmetric and positive definite, or ``dim_x``
        does not leave at least one coordinate to each side.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> task = datasets.gaussian_covariance([[4, 3], [3, 4]], dim_x=1)
    >>> round(task.mutual_information, 6)  # rho = 0.75
    0.413339
    """
    where = "gaussian_covariance()"
    s = np.array(cov, dtype=np.float64)
    if s.ndim != 2 or s.shape[0] != s.shape[1] or s.shape[0] < 2:
        raise InvalidParameterError(
            f"The 'cov' parameter of {where} must be a square matrix of size >= 2. "
            f"Got shape {s.shape} instead."
        )
    d = s.shape[0]
    dim_x = check_number(dim_x, "dim_x", where, low=1, high=d - 1, integer=True)
    if not np.all(np.isfinite(s)) or not np.allclose(s, s.T, rtol=0, atol=1e-12):
        raise InvalidParameterError(
            f"The 'cov' parameter of {where} must be a finite symmetric matrix."
        )
    try:
        factor = np.asarray(np.linalg.cholesky(s), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise InvalidParameterError(
            f"The 'cov' parameter of {where} must be positive definite; its "
            f"smallest eigenvalue is {np.linalg.eigvalsh(s).min():.3g}."
        ) from None
    dim_y = d - dim_x
    return Task(
        name=name or f"gaussian_covariance-{dim_x}x{dim_y}",
        mutual_information=gaussian_mi(s, dim_x),
        dim_x=dim_x,
        dim_y=dim_y,
        kind_x="continuous",
        kind_y="continuous",
        sampler=_GaussianSampler(factor, dim_x),
        family=family,
        params=params if params is not None else {"cov": s.tolist(), "dim_x": dim_x},
        tags=tags,
        description=f"zero-mean Gaussian, {dim_x} x {dim_y} dims, given covariance",
    )


def _cross(dim_x: int, dim_y: int, cross: NDArray[np.float64]) -> NDArray[np.float64]:
    s = np.eye(dim_x + dim_y)
    s[:dim_x, dim_x:] = cross
    s[dim_x:, :dim_x] = cross.T
    return s


def gaussian(rho: float = 0.9, dim: int = 1) -> Task:
    """Componentwise-correlated Gaussians: ``corr(x_i, y_i) = rho``, ``dim`` pairs.

    Parameters
    ----------
    rho : float, default=0.9
        Correlation of each pair, in (-1, 1).
    dim : int, default=1
        Number of pairs (``dim_x = dim_y = dim``).

    Returns
    -------
    Task
        ``mutual_information = -dim / 2 * ln(1 - rho**2)``.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.gaussian(rho=0.5, dim=20).mutual_information, 6)
    2.876821
    """
    where = "gaussian()"
    rho = check_number(rho, "rho", where, low=-1, high=1, low_open=True, high_open=True)
    dim = check_number(dim, "dim", where, low=1, integer=True)
    task = gaussian_covariance(
        _cross(dim, dim, rho * np.eye(dim)),
        dim,
        name=f"gaussian-d{dim}-rho{rho:g}",
        family="gaussian",
        params={"rho": rho, "dim": dim},
    )
    return _with(
        task,
        -0.5 * dim * math.log1p(-(rho**2)),
        f"x, y standard normal in {dim} dims, corr(x_i, y_i) = {rho:g}",
    )


def gaussian_dense(rho: float = 0.2, dim_x: int = 2, dim_y: int = 2) -> Task:
    """Dense interactions: every ``x_i`` has correlation ``rho`` with every ``y_j``.

    Within ``X`` and within ``Y`` the coordinates are independent standard
    normals. The joint covariance is positive definite when
    ``|rho| * sqrt(dim_x * dim_y) < 1``.

    Parameters
    ----------
    rho : float, default=0.2
        Cross-correlation of every pair ``(x_i, y_j)``.
    dim_x, dim_y : int, default=2

    Returns
    -------
    Task
        ``mutual_information = -ln(1 - rho**2 * dim_x * dim_y) / 2`` (the cross
        block has one non-zero singular value, ``rho * sqrt(dim_x * dim_y)``).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.gaussian_dense(rho=0.2, dim_x=2, dim_y=2).mutual_information, 6)
    0.087177
    """
    where = "gaussian_dense()"
    dim_x = check_number(dim_x, "dim_x", where, low=1, integer=True)
    dim_y = check_number(dim_y, "dim_y", where, low=1, integer=True)
    bound = 1 / math.sqrt(dim_x * dim_y)
    rho = check_number(
        rho, "rho", where, low=-bound, high=bound, low_open=True, high_open=True
    )
    task = gaussian_covariance(
        _cross(dim_x, dim_y, np.full((dim_x, dim_y), rho)),
        dim_x,
        name=f"gaussian_dense-{dim_x}x{dim_y}-rho{rho:g}",
        family="gaussian_dense",
        params={"rho": rho, "dim_x": dim_x, "dim_y": dim_y},
    )
    return _with(
        task,
        -0.5 * math.log1p(-(rho**2) * dim_x * dim_y),
        f"standard normals, corr(x_i, y_j) = {rho:g} for every i, j",
    )


def gaussian_sparse(
    rho: float = 0.8, dim_x: int = 5, dim_y: int = 5, n_interacting: int = 2
) -> Task:
    """Sparse interactions: only the first ``n_interacting`` pairs are correlated.

    The other coordinates are independent nuisance dimensions, which make
    kNN estimators work in a larger space for the same MI.

    Parameters
    ----------
    rho : float, default=0.8
        Correlation of ``(x_i, y_i)`` for ``i < n_interacting``.
    dim_x, dim_y : int, default=5
    n_interacting : int, default=2
        At most ``min(dim_x, dim_y)``.

    Returns
    -------
    Task
        ``mutual_information = -n_interacting / 2 * ln(1 - rho**2)``.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.gaussian_sparse().mutual_information, 6)
    1.021651
    """
    where = "gaussian_sparse()"
    rho = check_number(rho, "rho", where, low=-1, high=1, low_open=True, high_open=True)
    dim_x = check_number(dim_x, "dim_x", where, low=1, integer=True)
    dim_y = check_number(dim_y, "dim_y", where, low=1, integer=True)
    k = check_number(
        n_interacting,
        "n_interacting",
        where,
        low=1,
        high=min(dim_x, dim_y),
        integer=True,
    )
    cross = np.zeros((dim_x, dim_y))
    cross[np.arange(k), np.arange(k)] = rho
    task = gaussian_covariance(
        _cross(dim_x, dim_y, cross),
        dim_x,
        name=f"gaussian_sparse-{dim_x}x{dim_y}-k{k}-rho{rho:g}",
        family="gaussian_sparse",
        params={"rho": rho, "dim_x": dim_x, "dim_y": dim_y, "n_interacting": k},
    )
    return _with(
        task,
        -0.5 * k * math.log1p(-(rho**2)),
        f"standard normals, corr(x_i, y_i) = {rho:g} for i < {k}, else 0",
    )


def staircase(mi: float = 2.0, dim: int = 20) -> Task:
    """High-MI task for neural estimators (Song & Ermon's staircase).

    Componentwise Gaussians with ``rho = sqrt(1 - exp(-2 * mi / dim))``, so the
    true MI is ``mi``; the SMILE paper steps ``mi`` through 2, 4, 6, 8, 10 nats
    at ``dim = 20``.

    Parameters
    ----------
    mi : float, default=2.0
        The target MI in nats, > 0, at most 14 nats per pair (``mi / dim``):
        beyond that float64 cannot hold the correlation and a clear error is
        raised.
    dim : int, default=20

    Returns
    -------
    Task

    References
    ----------
    .. [1] J. Song and S. Ermon, "Understanding the limitations of variational
       mutual information estimators", ICLR 2020. arXiv:1910.06222

    Examples
    --------
    >>> from mutinfo import datasets
    >>> datasets.staircase(mi=6).mutual_information
    6.0
    """
    where = "staircase()"
    mi = check_number(mi, "mi", where, low=0, low_open=True)
    dim = check_number(dim, "dim", where, low=1, integer=True)
    rho = math.sqrt(-math.expm1(-2 * mi / dim))
    # 1 - rho**2 = exp(-2 mi / dim) is rounded through rho: above about 14 nats
    # per pair the sampled pairs no longer carry ``mi`` (15 -> 14.9993, 18.5 ->
    # 18.0218), and above about 18.7 rho rounds to 1.
    sampled = -0.5 * dim * (math.log1p(-rho) + math.log1p(rho)) if rho < 1 else math.inf
    if abs(sampled - mi) > 1e-6 * mi:
        raise InvalidParameterError(
            f"The 'mi' parameter of {where} is too large for dim={dim}: "
            f"mi / dim = {mi / dim:.4g} nats per pair needs a correlation that "
            f"float64 rounds (the sampled pairs would carry {sampled:.6g} nats, "
            f"not {mi:g}). Use at most 14 nats per pair: dim >= "
            f"{math.ceil(mi / 14)} for mi={mi:g}."
        )
    task = gaussian_covariance(
        _cross(dim, dim, rho * np.eye(dim)),
        dim,
        name=f"staircase-d{dim}-mi{mi:g}",
        family="staircase",
        params={"mi": mi, "dim": dim},
        tags=("high_mi",),
    )
    return _with(task, mi, f"componentwise Gaussians, {dim} dims, rho = {rho:.4f}")


def _with(task: Task, mi: float, description: str) -> Task:
    from dataclasses import replace

    return replace(task, mutual_information=mi, description=description)
