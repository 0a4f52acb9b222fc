"""The PMI family on count matrices: PMI, PPMI, shifted PPMI, cds, normalised PMI."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._counting import contingency
from mutinfo._validation import _check_aligned, label_array, missing_label_mask
from mutinfo.exceptions import InvalidDataError
from mutinfo.text._checks import check_counts, check_positive

__all__ = ["local_pmi", "normalized_pmi", "pmi"]


def _wrap(values: Any, like: Any) -> Any:
    """Return ``values`` in the container type of ``like`` (sparse, frame, array)."""
    import scipy.sparse as sp

    if sp.issparse(like):
        return sp.csr_array(values) if isinstance(like, sp.sparray) else values
    if type(like).__module__.startswith("pandas"):
        import pandas as pd

        return pd.DataFrame(values, index=like.index, columns=like.columns)
    return values


def _log_marginals(
    matrix: Any, cds: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """``log p(row)`` counts-wise (log row sums) and ``log P_cds(col)``."""
    rows = np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()
    cols = np.asarray(matrix.sum(axis=0), dtype=np.float64).ravel()
    with np.errstate(divide="ignore"):
        log_rows = np.log(rows)
        if cds == 1.0:
            log_cols = np.log(cols) - np.log(cols.sum())
        else:
            # In logs: n(c)**cds over- or underflows for column sums far from 1
            # (weighted counts scaled by 1e200 or 1e-200 with cds = 2 gave NaN).
            from scipy.special import logsumexp

            scaled = cds * np.log(cols)
            log_cols = scaled - logsumexp(scaled)
    return log_rows, log_cols


def pmi(
    counts: Any,
    *,
    positive: bool = False,
    shift: float = 1.0,
    cds: float = 1.0,
) -> Any:
    """Pointwise mutual information of every cell of a count matrix, in nats.

    ``PMI(w, c) = log[ p(w, c) / (p(w) P_cds(c)) ] - log(shift)`` with
    ``p(w, c) = n(w, c) / N``, ``p(w) = n(w) / N`` (row sums) and the
    context distribution raised to ``cds`` and renormalised,
    ``P_cds(c) = n(c)^cds / sum_c' n(c')^cds`` (column sums). ``positive=True``
    gives PPMI ``max(PMI, 0)``; with ``shift=k`` it is Levy & Goldberg's shifted
    PPMI (SPPMI), the matrix that word2vec's SGNS with ``k`` negative samples
    factorises.

    Parameters
    ----------
    counts : scipy.sparse matrix, ndarray or pandas.DataFrame of shape (n_rows, n_cols)
        Non-negative counts (words x contexts, labels x labels, any two discrete
        variables); weighted counts are allowed.
    positive : bool, default=False
        Clip at zero (PPMI / SPPMI).
    shift : float, default=1.0
        ``k`` of the shifted PMI: ``log k`` is subtracted. Must be > 0.
    cds : float, default=1.0
        Context-distribution smoothing exponent (0.75 in Levy et al. 2015);
        1 is no smoothing. Must be > 0.

    Returns
    -------
    scipy.sparse matrix, ndarray or pandas.DataFrame
        Same container type as ``counts``, float64. **Sparse input stores the
        observed pairs only**: with ``positive=False`` a stored entry is the
        PMI of an observed pair (zero and negative values are stored
        explicitly) and an absent entry means "never observed" (PMI is
        ``-inf`` there); with ``positive=True`` only positive values are stored
        and absent entries are exactly 0. Dense input holds ``-inf`` (or 0 with
        ``positive``) in unobserved cells. A sparse matrix is never densified.

    Raises
    ------
    InvalidDataError
        Negative, NaN or infinite counts, or no positive count.
    InvalidParameterError
        ``shift`` or ``cds`` not a finite number > 0.

    Notes
    -----
    The mean of the PMI under the joint distribution ``p(w, c)`` is the plug-in
    mutual information of the two variables (with ``shift=1``, ``cds=1``);
    :func:`local_pmi` gives the PMI of each sample, the same values as
    ``Result.local`` of the ``plugin`` MI estimator.

    References
    ----------
    .. [1] O. Levy and Y. Goldberg, "Neural word embedding as implicit matrix
       factorization", NeurIPS 27 (2014).
    .. [2] O. Levy, Y. Goldberg and I. Dagan, "Improving distributional
       similarity with lessons learned from word embeddings", TACL 3 (2015),
       doi:10.1162/tacl_a_00134.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> m = text.pmi(np.array([[10, 0], [0, 10]]))
    >>> bool(np.isclose(m[0, 0], np.log(2))), bool(np.isneginf(m[0, 1]))
    (True, True)
    >>> text.pmi(np.array([[10, 0], [0, 10]]), positive=True, shift=2)[0, 0]
    np.float64(0.0)
    """
    where = "pmi()"
    shift = check_positive(shift, "shift", where)
    cds = check_positive(cds, "cds", where)
    matrix = check_counts(counts, where)
    log_rows, log_cols = _log_marginals(matrix, cds)
    log_shift = np.log(shift)
    import scipy.sparse as sp

    if sp.issparse(matrix):
        out = matrix.copy()
        out.eliminate_zeros()
        rows = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
        out.data = np.log(out.data) - log_rows[rows] - log_cols[out.indices] - log_shift
        if positive:
            out.data[out.data <= 0] = 0.0
            out.eliminate_zeros()
        return _wrap(out, counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        dense = np.log(matrix) - log_rows[:, None] - log_cols[None, :] - log_shift
    dense[matrix == 0] = -np.inf
    if positive:
        dense = np.maximum(dense, 0.0)
    return _wrap(dense, counts)


def normalized_pmi(counts: Any) -> Any:
    """Normalised PMI of every observed cell: ``PMI(w, c) / -log p(w, c)``.

    Bouma's normalisation maps PMI into [-1, 1]: 1 for pairs that only occur
    together, 0 for independence, -1 in the limit of pairs never seen together.

    Parameters
    ----------
    counts : scipy.sparse matrix, ndarray or pandas.DataFrame
        Non-negative counts, as for :func:`pmi`.

    Returns
    -------
    scipy.sparse matrix, ndarray or pandas.DataFrame
        Same container as ``counts``. Sparse: observed pairs only (absent means
        never observed, NPMI -1). Dense: -1 in unobserved cells. A cell holding
        every count (``p(w, c) = 1``) gets 1.

    References
    ----------
    .. [1] G. Bouma, "Normalized (pointwise) mutual information in collocation
       extraction", Proceedings of GSCL (2009).

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import text
    >>> text.normalized_pmi(np.array([[10, 0], [0, 10]])).tolist()
    [[1.0, -1.0], [-1.0, 1.0]]
    """
    import scipy.sparse as sp

    matrix = check_counts(counts, "normalized_pmi()")
    values = pmi(matrix)
    total = float(matrix.sum())
    if sp.issparse(values):
        joint = matrix.copy()
        joint.eliminate_zeros()
        denominator = np.log(total) - np.log(joint.data)
        with np.errstate(divide="ignore", invalid="ignore"):
            values.data = np.where(denominator > 0, values.data / denominator, 1.0)
        return _wrap(values, counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        denominator = np.log(total) - np.log(matrix)
        out = np.where(denominator > 0, values / denominator, 1.0)
    out[matrix == 0] = -1.0
    return _wrap(out, counts)


def local_pmi(x: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """PMI of each sample pair ``(x_i, y_i)`` of two discrete variables, in nats.

    ``i(x_i; y_i) = log p(x_i, y_i) / (p(x_i) p(y_i))`` with plug-in
    probabilities; the mean over the samples is the plug-in MI. These are the
    values of ``mt.estimate("mi", x, y, method="plugin").local``.

    Parameters
    ----------
    x, y : array-like of shape (n_samples,)
        Labels of any hashable kind (strings, integers).

    Returns
    -------
    ndarray of shape (n_samples,)
        Local (pointwise) MI of each sample, nats.

    Examples
    --------
    >>> from mutinfo import text
    >>> text.local_pmi(["a", "a", "b", "b"], ["u", "u", "v", "v"]).round(4).tolist()
    [0.6931, 0.6931, 0.6931, 0.6931]
    """
    import pandas as pd

    _check_aligned({"x": x, "y": y})  # as the plugin estimator whose .local these are
    xs, ys = label_array(x), label_array(y)
    if xs.ndim != 1 or ys.ndim != 1 or xs.shape != ys.shape or xs.size == 0:
        raise InvalidDataError(
            "local_pmi() needs two non-empty 1-D label sequences of the same "
            f"length; got shapes {xs.shape} and {ys.shape}."
        )
    for name, labels in (("x", xs), ("y", ys)):
        missing = missing_label_mask(labels)
        if missing.any():
            # A NaN label was one more symbol here, where the plugin estimator
            # whose .local these values are documented to be raises.
            raise InvalidDataError(
                f"The {name!r} parameter of local_pmi() contains "
                f"{int(missing.sum())} NaN or missing label(s) (first at index "
                f"{int(np.argmax(missing))}). Drop or impute them first."
            )
    cx, ux = pd.factorize(xs, use_na_sentinel=False)
    cy, uy = pd.factorize(ys, use_na_sentinel=False)
    table = contingency(cx.astype(np.int64), cy.astype(np.int64), len(ux), len(uy))
    values: NDArray[np.float64] = np.asarray(pmi(table))[cx, cy]
    return values
