"""Label embeddings from the PMI of label co-occurrence (Chollet 2016)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidDataError
from mutinfo.text._checks import check_counts, check_int
from mutinfo.text._svd import svd_embeddings

__all__ = ["label_cooccurrence", "label_embeddings", "label_pmi", "label_targets"]


def _indicator(labels: Any, where: str) -> Any:
    import scipy.sparse as sp

    if sp.issparse(labels):
        matrix = sp.csr_matrix(labels, dtype=np.float64, copy=True)
        matrix.sum_duplicates()  # one stored entry per cell before the 0/1 check
        values = matrix.data
    else:
        matrix = np.asarray(labels, dtype=np.float64)
        values = matrix
    if matrix.ndim != 2 or matrix.shape[0] == 0 or matrix.shape[1] == 0:
        raise InvalidDataError(
            f"The 'labels' parameter of {where} must be a non-empty 0/1 indicator "
            f"matrix of shape (n_samples, n_labels). Got shape {matrix.shape}."
        )
    if not np.all((values == 0) | (values == 1)):
        raise InvalidDataError(
            f"The 'labels' parameter of {where} must hold only 0 and 1 (label "
            "absent / present)."
        )
    return sp.csr_matrix(matrix)


def label_cooccurrence(labels: Any) -> Any:
    """Label co-occurrence counts ``C = Y^T Y`` of a multi-label indicator matrix.

    ``C[i, j]`` is the number of samples carrying both labels ``i`` and ``j``;
    the diagonal holds each label's count.

    Parameters
    ----------
    labels : array-like or scipy.sparse matrix of shape (n_samples, n_labels)
        0/1 indicators (``sklearn.preprocessing.MultiLabelBinarizer`` output).

    Returns
    -------
    scipy.sparse.csr_matrix of shape (n_labels, n_labels)
        Integer-valued counts (float64).

    Examples
    --------
    >>> from mutinfo import text
    >>> text.label_cooccurrence([[1, 1, 0], [1, 0, 0]]).toarray().tolist()
    [[2.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    """
    y = _indicator(labels, "label_cooccurrence()")
    out = (y.T @ y).tocsr()
    out.sort_indices()
    return out


def label_pmi(cooccurrence: Any, n_samples: int, *, positive: bool = False) -> Any:
    """PMI of label pairs from their co-occurrence counts, in nats (Chollet 2016).

    ``PMI(i, j) = log[ p(i, j) / (p(i) p(j)) ]`` with ``p(i, j) = C[i, j] / n``
    and ``p(i) = C[i, i] / n``: probabilities that a sample carries the labels,
    so the diagonal is each label's self-information ``log(n / C[i, i])``.

    Parameters
    ----------
    cooccurrence : scipy.sparse matrix or array-like of shape (n_labels, n_labels)
        Symmetric counts with label counts on the diagonal
        (:func:`label_cooccurrence`).
    n_samples : int
        Number of samples the counts come from.
    positive : bool, default=False
        Keep positive values only.

    Returns
    -------
    scipy.sparse.csr_matrix
        PMI of co-occurring pairs only; an absent entry means the labels never
        co-occur (PMI -inf), which the SVD treats as 0.

    Raises
    ------
    InvalidDataError
        Negative counts, counts that are not symmetric, a pair counted more
        often than one of its labels, or a label count above ``n_samples``.

    Examples
    --------
    >>> from mutinfo import text
    >>> c = text.label_cooccurrence([[1, 1], [1, 0], [0, 0], [0, 1]])
    >>> text.label_pmi(c, 4).toarray().round(4).tolist()
    [[0.6931, 0.0], [0.0, 0.6931]]
    """
    import scipy.sparse as sp

    where = "label_pmi()"
    matrix = sp.csr_matrix(check_counts(cooccurrence, where))
    n = check_int(n_samples, "n_samples", where)
    if matrix.shape[0] != matrix.shape[1]:
        raise InvalidDataError(
            f"The 'cooccurrence' parameter of {where} must be square "
            f"(labels x labels). Got shape {matrix.shape}."
        )
    diag = matrix.diagonal()
    matrix.eliminate_zeros()
    _check_symmetric(matrix, where)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols = matrix.indices
    bound = np.minimum(diag[rows], diag[cols])
    if np.any(matrix.data > bound) or diag.max() > n:
        raise InvalidDataError(
            f"The 'cooccurrence' parameter of {where} is not a label co-occurrence "
            "matrix: a pair is counted more often than one of its labels (the "
            f"diagonal), or a label more than n_samples={n} times. Build it with "
            "label_cooccurrence()."
        )
    out = matrix.copy()
    out.data = np.log(matrix.data) + np.log(n) - np.log(diag[rows]) - np.log(diag[cols])
    if positive:
        out.data[out.data <= 0] = 0.0
        out.eliminate_zeros()
    return out


def _check_symmetric(matrix: Any, where: str) -> None:
    """Refuse a co-occurrence matrix whose pair counts differ across the diagonal.

    ``C[i, j]`` and ``C[j, i]`` count the same samples; a triangle
    (``sp.triu(label_cooccurrence(Y))``) gave a PMI matrix asymmetric by 0.196
    nats that :func:`label_embeddings`' SVD took silently.
    """
    gap = abs(matrix - matrix.T).tocoo()
    if gap.nnz == 0:
        return
    worst = int(np.argmax(gap.data))
    if gap.data[worst] <= 1e-9 * max(1.0, float(abs(matrix).max())):
        return
    i, j = int(gap.row[worst]), int(gap.col[worst])
    raise InvalidDataError(
        f"The 'cooccurrence' parameter of {where} must be symmetric (C[i, j] and "
        "C[j, i] both count the samples carrying labels i and j); got "
        f"C[{i}, {j}] = {matrix[i, j]:g} but C[{j}, {i}] = {matrix[j, i]:g} "
        f"({gap.nnz} entries differ from their transpose). Pass the full matrix "
        "of label_cooccurrence(), or complete a triangle T with "
        "T + T.T - scipy.sparse.diags(T.diagonal())."
    )


def label_embeddings(
    labels: Any,
    dim: int,
    *,
    eig: float = 0.5,
    positive: bool = False,
    rng: Any = None,
) -> NDArray[np.float64]:
    """Embed labels by the SVD of their co-occurrence PMI (Chollet 2016).

    The rank-``dim`` SVD ``PMI ~ U diag(s) V^T`` of the symmetric label PMI
    matrix (absent pairs 0) gives label ``i`` the vector ``U[i] s^eig``. With
    ``eig=0.5`` and ``dim = n_labels`` the dot products are ``U diag(s) U^T =
    Q |Lambda| Q^T`` for the eigendecomposition ``PMI = Q Lambda Q^T``: the
    *matrix* absolute value ``(PMI^2)^(1/2)``. That is the PMI matrix itself
    only when it is positive semidefinite; with negative eigenvalues it
    differs from both the PMI and its entrywise absolute value (a label pair
    with PMI -0.588 gets the dot product -0.481). Labels in separate
    co-occurrence components (no chain of co-occurring pairs joins them) get
    orthogonal vectors; labels that merely never co-occur need not.

    Parameters
    ----------
    labels : array-like or scipy.sparse matrix of shape (n_samples, n_labels)
        0/1 indicators.
    dim : int
        Embedding dimension, at most ``n_labels``.
    eig : float, default=0.5
        Eigenvalue weighting exponent.
    positive : bool, default=False
        Factorise PPMI instead of PMI (absent pairs are 0 either way).
    rng : None, int or numpy.random.Generator, default=None
        Starting vector of the sparse SVD.

    Returns
    -------
    ndarray of shape (n_labels, dim)

    References
    ----------
    .. [1] F. Chollet, "Information-theoretical label embeddings for large-scale
       image classification", arXiv:1607.05691 (2016).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> y = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0]])
    >>> e = text.label_embeddings(y, 3)
    >>> bool(abs(e[0] @ e[2]) < 1e-12)
    True
    """
    y = _indicator(labels, "label_embeddings()")
    matrix = label_pmi(label_cooccurrence(y), y.shape[0], positive=positive)
    return svd_embeddings(matrix, dim, eig=eig, rng=rng)


def label_targets(labels: Any, embeddings: Any) -> NDArray[np.float64]:
    """Soft targets: each sample's label embeddings summed and unit-normed.

    The regression targets of Chollet's method (trained with a cosine-proximity
    loss); a sample without labels gets a zero row.

    Parameters
    ----------
    labels : array-like or scipy.sparse matrix of shape (n_samples, n_labels)
        0/1 indicators.
    embeddings : array-like of shape (n_labels, dim)
        From :func:`label_embeddings`.

    Returns
    -------
    ndarray of shape (n_samples, dim)
        Rows of unit Euclidean norm (or zero).

    Examples
    --------
    >>> from mutinfo import text
    >>> text.label_targets([[1, 1], [0, 0]], [[3.0, 0.0], [0.0, 4.0]]).tolist()
    [[0.6, 0.8], [0.0, 0.0]]
    """
    y = _indicator(labels, "label_targets()")
    e = np.asarray(embeddings, dtype=np.float64)
    if e.ndim != 2 or e.shape[0] != y.shape[1]:
        raise InvalidDataError(
            "label_targets() needs one embedding row per label: labels have "
            f"{y.shape[1]} columns, embeddings have shape {e.shape}."
        )
    summed = np.asarray(y @ e)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    out: NDArray[np.float64] = np.divide(
        summed, norms, out=np.zeros_like(summed), where=norms > 0
    )
    return out
