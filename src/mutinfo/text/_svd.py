"""Truncated SVD of a (sparse) PMI matrix and eigenvalue-weighted embeddings."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Interval, Options, check_rng, validate_params
from mutinfo.exceptions import (
    ConvergenceWarning,
    InvalidDataError,
    InvalidParameterError,
    warn,
)
from mutinfo.text._checks import check_int

__all__ = ["svd_embeddings", "svd_factors"]

#: Below this size (smaller side) a dense LAPACK SVD is used.
_DENSE_LIMIT = 600


def _as_matrix(matrix: Any, where: str) -> Any:
    import scipy.sparse as sp

    if sp.issparse(matrix):
        out = sp.csr_matrix(matrix, dtype=np.float64)
        values = out.data
    else:
        out = np.asarray(matrix, dtype=np.float64)
        values = out
    if out.ndim != 2 or min(out.shape) == 0:
        raise InvalidDataError(
            f"The 'matrix' parameter of {where} must be a non-empty 2-D matrix. "
            f"Got shape {out.shape}."
        )
    if not np.all(np.isfinite(values)):
        raise InvalidDataError(
            f"The 'matrix' parameter of {where} has NaN or infinite entries (a "
            "dense PMI matrix holds -inf for unobserved pairs). Factorise PPMI "
            "(pmi(..., positive=True)) or a sparse PMI matrix, whose absent "
            "entries count as 0."
        )
    return out


#: Largest relative residual ``||A v_j - s_j u_j|| / s_j`` of the randomized
#: solver's triplets accepted without a warning. Measured on a 700 x 650 Gaussian
#: matrix (flat spectrum), rank 50: n_iter 4 / 10 / 30 / 100 give residual 0.12 /
#: 0.055 / 0.015 / 3e-4 and worst relative singular-value error 4.4e-2 / 1.3e-2 /
#: 2.2e-3 / 9e-7; a spectrum decaying as exp(-j/5) gives 5e-9 at n_iter 4.
RESIDUAL_TOL = 1e-2


def _check_residual(
    matrix: Any,
    u: NDArray[np.float64],
    s: NDArray[np.float64],
    vt: NDArray[np.float64],
    n_iter: int,
    where: str,
) -> None:
    """Warn when the randomized triplets are far from singular triplets.

    The range finder makes ``A^T u_j = s_j v_j`` exact, so ``r_j = A v_j - s_j
    u_j`` is the whole residual; some singular value lies within ``||r_j||`` of
    ``s_j`` and the vectors are off by about ``||r_j|| / gap``. One product
    ``A V`` (``dim`` columns) costs less than one power iteration.
    """
    if s.size == 0 or s[0] <= 0:
        return
    residual = np.linalg.norm(np.asarray(matrix @ vt.T) - u * s, axis=0)
    live = s > 1e-8 * s[0]  # numerically zero singular values have no direction
    if not np.any(live):
        return
    relative = residual[live] / s[live]
    worst = float(np.max(relative))
    if worst > RESIDUAL_TOL:
        j = int(np.flatnonzero(live)[np.argmax(relative)])
        warn(
            f"{where}: the randomized SVD did not converge: the residual "
            f"||A v - s u|| / s of singular triplet {j + 1} is {worst:.2g} "
            f"(tolerance {RESIDUAL_TOL:g}) after n_iter={n_iter} power "
            "iterations, so its singular values and vectors are off by up to "
            "that much (a flat spectrum converges slowly). Raise 'n_iter' "
            "(the error shrinks geometrically with it) or use solver='arpack' "
            "(exact).",
            ConvergenceWarning,
        )


#: Declared constraints of the sparse-solver parameters (shared by both functions).
_SOLVER_PARAMS = {
    "solver": Options(("arpack", "randomized")),
    "n_oversamples": Interval(int, 0, None),
    "n_iter": Interval(int, 0, None),
}


def _randomized_svd(
    matrix: Any,
    dim: int,
    n_oversamples: int,
    n_iter: int,
    generator: np.random.Generator,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Halko-Martinsson-Tropp randomized SVD with ``n_iter`` power iterations.

    Only products ``matrix @ X`` and ``matrix.T @ X`` with thin dense blocks
    are formed, so a sparse matrix is never densified; each power iteration is
    re-orthonormalised (QR) so that small singular values are not lost to
    rounding (Halko et al. 2011, Algorithm 4.4).
    """
    import scipy.sparse as sp

    size = min(dim + n_oversamples, *matrix.shape)
    transposed = matrix.T.tocsr() if sp.issparse(matrix) else matrix.T
    omega = generator.standard_normal((matrix.shape[1], size))
    q, _ = np.linalg.qr(np.asarray(matrix @ omega))
    for _ in range(n_iter):
        q, _ = np.linalg.qr(np.asarray(transposed @ q))
        q, _ = np.linalg.qr(np.asarray(matrix @ q))
    small = np.asarray(transposed @ q).T  # Q^T A, shape (size, n_cols)
    ub, s, vt = np.linalg.svd(small, full_matrices=False)
    return q @ ub[:, :dim], s[:dim], vt[:dim]


@validate_params(_SOLVER_PARAMS)
def svd_factors(
    matrix: Any,
    dim: int,
    *,
    solver: str = "arpack",
    n_oversamples: int = 10,
    n_iter: int = 4,
    rng: Any = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Rank-``dim`` truncated SVD ``matrix ~ U diag(s) Vt``, largest first.

    Parameters
    ----------
    matrix : scipy.sparse matrix or array-like of shape (n_rows, n_cols)
        Finite values; absent sparse entries are 0. Never densified when sparse
        and large (ARPACK via ``scipy.sparse.linalg.svds``); a small matrix
        (smaller side <= 600, or ``dim`` close to it) uses dense LAPACK.
    dim : int
        Rank, ``1 <= dim <= min(n_rows, n_cols)``.
    solver : {"arpack", "randomized"}, default="arpack"
        Solver of a large matrix. ``"arpack"`` (``scipy.sparse.linalg.svds``)
        converges to machine precision; ``"randomized"`` is the randomized
        range finder of Halko, Martinsson and Tropp [1]_ with ``n_iter`` power
        iterations, much faster on a large sparse matrix and accurate to a
        relative error that shrinks geometrically with ``n_iter``; a
        :class:`~mutinfo.exceptions.ConvergenceWarning` is raised when a
        triplet's relative residual ``||A v - s u|| / s`` exceeds 1e-2 (a flat
        spectrum). Ignored for a small matrix (dense LAPACK, exact).
    n_oversamples : int, default=10
        Extra random directions of the randomized solver (>= 0); the sketch
        has ``dim + n_oversamples`` columns.
    n_iter : int, default=4
        Power iterations of the randomized solver (>= 0); more iterations
        sharpen the trailing singular values when the spectrum decays slowly.
    rng : None, int or numpy.random.Generator, default=None
        Starting vector of ARPACK or the random test matrix of the randomized
        solver (the result is unique up to signs, fixed here so that the
        largest-magnitude entry of each column of ``U`` is positive).

    Returns
    -------
    u : ndarray of shape (n_rows, dim)
    s : ndarray of shape (dim,)
        Singular values, descending.
    vt : ndarray of shape (dim, n_cols)

    References
    ----------
    .. [1] N. Halko, P.-G. Martinsson and J. A. Tropp, "Finding structure with
       randomness: probabilistic algorithms for constructing approximate matrix
       decompositions", SIAM Review 53(2) (2011), doi:10.1137/090771806.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> u, s, vt = text.svd_factors(np.diag([3.0, 1.0, 2.0]), 2)
    >>> s.tolist()
    [3.0, 2.0]
    """
    where = "svd_factors()"
    matrix = _as_matrix(matrix, where)
    dim = check_int(dim, "dim", where)
    limit = min(matrix.shape)
    if dim > limit:
        raise InvalidParameterError(
            f"The 'dim' parameter of {where} must be at most the vocabulary size "
            f"min{matrix.shape} = {limit} (the rank of the matrix cannot exceed "
            f"it). Got {dim}. Lower 'dim'."
        )
    import scipy.sparse as sp

    if limit <= _DENSE_LIMIT or dim >= limit - 1:
        dense = matrix.toarray() if sp.issparse(matrix) else matrix
        u, s, vt = np.linalg.svd(dense, full_matrices=False)
        u, s, vt = u[:, :dim], s[:dim], vt[:dim]
    elif solver == "randomized":
        u, s, vt = _randomized_svd(matrix, dim, n_oversamples, n_iter, check_rng(rng))
        _check_residual(matrix, u, s, vt, n_iter, where)
    else:
        from scipy.sparse.linalg import svds

        generator = check_rng(rng)
        v0 = generator.standard_normal(limit)
        u, s, vt = svds(matrix, k=dim, v0=v0)
        order = np.argsort(-s, kind="stable")
        u, s, vt = u[:, order], s[order], vt[order]
    pivot = np.argmax(np.abs(u), axis=0)
    signs = np.sign(u[pivot, np.arange(u.shape[1])])
    signs[signs == 0] = 1.0
    return (
        np.ascontiguousarray(u * signs),
        np.asarray(s, dtype=np.float64),
        np.ascontiguousarray(vt * signs[:, None]),
    )


@validate_params(_SOLVER_PARAMS)
def svd_embeddings(
    matrix: Any,
    dim: int,
    *,
    eig: float = 0.5,
    contexts: bool = False,
    solver: str = "arpack",
    n_oversamples: int = 10,
    n_iter: int = 4,
    rng: Any = None,
) -> NDArray[np.float64]:
    """Row embeddings ``U_d diag(s_d)^eig`` from a rank-``dim`` SVD.

    Levy, Goldberg and Dagan's SVD embeddings of a (shifted) PPMI matrix:
    ``eig=1`` is the classic ``U S``, ``eig=0.5`` the symmetric split
    (their best setting), ``eig=0`` the bare singular vectors.

    Parameters
    ----------
    matrix : scipy.sparse matrix or array-like of shape (n_rows, n_cols)
        Usually ``pmi(counts, positive=True, ...)``.
    dim : int
        Embedding dimension, at most the vocabulary size.
    eig : float, default=0.5
        Eigenvalue weighting exponent ``p`` (>= 0).
    contexts : bool, default=False
        Return the context (column) embeddings ``V_d diag(s_d)^eig`` instead.
    solver : {"arpack", "randomized"}, default="arpack"
        Solver of a large matrix (see :func:`svd_factors`).
    n_oversamples : int, default=10
        Extra random directions of the randomized solver.
    n_iter : int, default=4
        Power iterations of the randomized solver.
    rng : None, int or numpy.random.Generator, default=None
        Random start of the sparse solver (see :func:`svd_factors`).

    Returns
    -------
    ndarray of shape (n_rows, dim), or (n_cols, dim) with ``contexts=True``
        Float64 vectors (unitless).

    Raises
    ------
    InvalidParameterError
        ``dim`` below 1 or above the vocabulary size, ``eig`` < 0.
    InvalidDataError
        NaN or infinite entries (for example a dense PMI matrix with -inf).

    References
    ----------
    .. [1] O. Levy, Y. Goldberg and I. Dagan, "Improving distributional
       similarity with lessons learned from word embeddings", TACL 3 (2015),
       doi:10.1162/tacl_a_00134.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> e = text.svd_embeddings(np.diag([4.0, 1.0]), 1, eig=0.5)
    >>> e.round(6).tolist()
    [[2.0], [0.0]]
    """
    if (
        isinstance(eig, bool)
        or not isinstance(eig, numbers.Real)
        or not np.isfinite(eig)
        or eig < 0
    ):
        raise InvalidParameterError(
            "The 'eig' parameter of svd_embeddings() must be a finite number >= 0 "
            f"(0, 0.5 and 1 are the usual choices). Got {eig!r} instead."
        )
    u, s, vt = svd_factors(
        matrix,
        dim,
        solver=solver,
        n_oversamples=n_oversamples,
        n_iter=n_iter,
        rng=rng,
    )
    weight = s ** float(eig)
    vectors = vt.T * weight if contexts else u * weight
    return np.ascontiguousarray(vectors)
