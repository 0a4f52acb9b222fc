"""KL and Jensen-Shannon divergences from two samples, and Gaussian closed forms."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._api import estimate
from mutinfo._neighbors import cross_kth_neighbors, kth_neighbors
from mutinfo._params import Interval, Options, check_rng, validate_params
from mutinfo._result import check_base
from mutinfo._scaling import centre_exact, ldexp_columns, safe_std
from mutinfo._ties import atom_values, repeated_share_of, row_counts
from mutinfo._validation import check_same_columns, check_samples
from mutinfo.estimators._guards import DUPLICATE_ROWS
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    warn,
)

__all__ = ["gaussian_kl", "jensen_shannon", "kl_divergence", "two_samples"]

_BASE = Interval(float, 0.0, None, closed="neither")
_K = Interval(int, 1, None)


def _check_base(base: float) -> float:
    return math.log(check_base(base))


def two_samples(
    p: ArrayLike, q: ArrayLike, *, min_p: int, min_q: int, where: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate two continuous samples of the same dimension (rows need not match)."""
    check_same_columns({"p": p, "q": q}, where)
    # one sample at a time: their rows need not match
    a, b = (
        check_samples(
            {name: sample},
            discrete=False,
            min_samples=1,
            takes_nan_policy=False,
            takes_discrete=False,
        )[0].values.astype(np.float64)
        for name, sample in (("p", p), ("q", q))
    )
    if a.shape[1] != b.shape[1]:
        raise InvalidDataError(
            f"p and q of {where} must have the same number of columns; got "
            f"p.shape={a.shape} and q.shape={b.shape}."
        )
    if a.shape[0] < min_p or b.shape[0] < min_q:
        raise InsufficientSamplesError(
            f"{where} needs at least {min_p} samples of p and {min_q} of q for "
            f"these settings; got {a.shape[0]} and {b.shape[0]}. Draw more samples "
            "or lower 'n_neighbors'."
        )
    return a, b


def _common_scale(
    a: NDArray[np.float64], b: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Bring the columns of two samples to comparable spreads, by one exact map.

    KL is invariant under any invertible map applied to both samples, but a kNN
    search is not: with one column in micrometres and another in metres the
    neighbours follow one column only, while the estimator still multiplies the
    log distance ratio by ``d`` (N(0, I) against N(e_1, I), 0.50 nats, read
    1.11 with the second column scaled by 1e-6 and 0.055 with it scaled by
    1e6). Both samples are shifted by the same exact offset (Sterbenz) and
    each column is scaled by the power of two that brings its pooled spread
    within a factor ``sqrt(2)`` of the columns' median spread. The map is the
    same for ``p`` and ``q`` and exact, and leaves columns of comparable
    spread as they are (every estimate on such data is unchanged).

    Also returns, per kept column, the largest absolute value of the input in
    the scaled units: the size of the input's rounding errors there
    (:func:`_flat_support`).
    """
    raw = np.vstack([a, b])
    pooled, _ = centre_exact(raw)
    std = safe_std(pooled)
    spread = std > 0
    scales = np.log2(np.where(spread, std, 1.0))
    e = np.zeros(a.shape[1])
    if np.any(spread):
        # Relative exponents bring the columns within sqrt(2) of their median
        # spread; the common exponent rint(median) then brings that median to
        # about 1, so squared distances neither underflow nor overflow (samples
        # scaled by 1e-200 raised "exact duplicates", by 1e200 an IndexError).
        # Both are powers of two: every distance ratio is kept exactly.
        median = float(np.median(scales[spread]))
        e = np.rint(scales - median) + np.rint(median)
        # A column constant over both samples adds nothing to any distance,
        # but it counted in the dimension d that multiplies the mean log
        # ratio (N(0,1) against N(1,1.5^2) beside a zero column: 0.78, exact
        # 0.35); the two distributions are the same along it, so it is dropped.
        pooled = ldexp_columns(pooled, np.asarray(e, dtype=np.int64))
    pooled = pooled[:, spread]
    largest = np.max(np.abs(raw), axis=0)[None, :]
    magnitude = ldexp_columns(largest, e.astype(np.int64))[0]
    return pooled[: a.shape[0]], pooled[a.shape[0] :], magnitude[spread]


def _covariance(cov: ArrayLike, name: str, d: int) -> NDArray[np.float64]:
    """Return ``cov`` as a symmetric (d, d) matrix, or raise naming it.

    The Cholesky factorisation reads the lower triangle only, so an asymmetric
    matrix was silently replaced by the symmetric one of its lower triangle:
    ``cov_p=[[1, 0.5], [0, 1]]`` against N(0, I) gave 0.0 nats.
    """
    c = np.asarray(cov, dtype=np.float64)
    if c.size != d * d:
        raise InvalidDataError(
            f"The {name!r} parameter of gaussian_kl() must be a ({d}, {d}) "
            f"covariance matrix for means of length {d} (a variance for d = 1); "
            f"got shape {c.shape}."
        )
    c = c.reshape(d, d)
    if not np.all(np.isfinite(c)):
        raise InvalidDataError(
            f"The {name!r} parameter of gaussian_kl() contains NaN or infinite "
            "values; a covariance matrix must be finite."
        )
    scale = float(np.max(np.abs(c), initial=0.0))
    gap = float(np.max(np.abs(c - c.T), initial=0.0))
    if gap > 1e-10 * scale:
        raise InvalidDataError(
            f"The {name!r} parameter of gaussian_kl() must be a symmetric "
            f"covariance matrix; it differs from its transpose by up to {gap:.3g}. "
            f"Pass (C + C.T) / 2 if the asymmetry is rounding, or fix the matrix."
        )
    return c


@validate_params({"base": _BASE})
def gaussian_kl(
    mean_p: ArrayLike,
    cov_p: ArrayLike,
    mean_q: ArrayLike,
    cov_q: ArrayLike,
    *,
    base: float = math.e,
) -> float:
    """Return KL[N(mean_p, cov_p) || N(mean_q, cov_q)], exactly (nats unless ``base``).

    ``KL = (tr(S_q^-1 S_p) + (m_q - m_p)^T S_q^-1 (m_q - m_p) - d
    + ln det S_q - ln det S_p) / 2``. Scalars are 1-D normals with the given
    variance.

    Parameters
    ----------
    mean_p, mean_q : array-like of shape (d,) or scalar
    cov_p, cov_q : array-like of shape (d, d) or scalar (variance)
        Symmetric positive definite.
    base : float, default=e
        Logarithm base of the result.

    Returns
    -------
    float
        The divergence in nats (or in ``log base`` units).

    Raises
    ------
    InvalidDataError
        If the shapes disagree, a mean or covariance is not finite, or a
        covariance is not positive definite.

    Examples
    --------
    >>> round(gaussian_kl(0.0, 1.0, 1.0, 2.0), 6)  # (1/2 + 1/2 - 1 + ln 2) / 2
    0.346574
    """
    log_base = _check_base(base)
    mp = np.atleast_1d(np.asarray(mean_p, dtype=np.float64))
    mq = np.atleast_1d(np.asarray(mean_q, dtype=np.float64))
    d = mp.shape[0]
    if mq.shape != mp.shape or mp.ndim != 1:
        raise InvalidDataError(
            f"mean_p and mean_q must be vectors of the same length; got shapes "
            f"{mp.shape} and {mq.shape}."
        )
    for mean, name in ((mp, "mean_p"), (mq, "mean_q")):
        if not np.all(np.isfinite(mean)):
            # A NaN mean returned nan and an infinite one inf, without a word
            # (the covariances were checked, the means were not).
            raise InvalidDataError(
                f"The {name!r} parameter of gaussian_kl() contains NaN or "
                f"infinite values ({mean.tolist()!r}); a mean must be finite. "
                "Drop or fix the missing estimate before comparing."
            )
    sp, sq = (
        _covariance(c, name, d) for c, name in ((cov_p, "cov_p"), (cov_q, "cov_q"))
    )
    try:
        lp = np.linalg.cholesky(sp)
        lq = np.linalg.cholesky(sq)
    except np.linalg.LinAlgError:
        raise InvalidDataError(
            "cov_p and cov_q must be symmetric positive definite covariance "
            "matrices; one has a non-positive eigenvalue. Regularise it (add a "
            "small multiple of the identity)."
        ) from None
    a = np.linalg.solve(lq, lp)
    delta = np.linalg.solve(lq, mq - mp)
    logdet = 2.0 * (np.log(np.diag(lq)).sum() - np.log(np.diag(lp)).sum())
    kl = 0.5 * (float((a * a).sum()) + float(delta @ delta) - d + logdet)
    return float(kl / log_base)


@validate_params(
    {
        "n_neighbors": _K,
        "metric": Options(("euclidean", "chebyshev")),
        "base": _BASE,
    }
)
def kl_divergence(
    p: ArrayLike,
    q: ArrayLike,
    *,
    n_neighbors: int = 1,
    metric: str = "euclidean",
    base: float = math.e,
) -> float:
    """Estimate KL[P || Q] from samples of P and of Q by k-nearest neighbours.

    The estimator of Wang, Kulkarni & Verdú [1]_ and Pérez-Cruz [2]_: with
    ``rho_k(i)`` the distance from ``p_i`` to its k-th nearest neighbour among
    the other ``n - 1`` points of ``p`` and ``nu_k(i)`` the distance to its k-th
    nearest neighbour in ``q`` (``m`` points), in ``d`` dimensions,

    ``KL = (d / n) sum_i log(nu_k(i) / rho_k(i)) + log(m / (n - 1))``.

    The ball volumes of the two kNN density estimates cancel, so any norm
    works. Both samples are first shifted and rescaled per column by one exact
    map (powers of two, :func:`_common_scale`), so the estimate does not depend
    on the columns' units or offsets. It is consistent (asymptotically
    unbiased) for continuous densities; at finite ``n`` its bias grows with
    the dimension and where ``q`` has little mass under ``p``. The direction
    matters: ``kl_divergence(p, q)`` is large when ``q`` misses mass of ``p``
    (mode covering, what maximum likelihood minimises); ``kl_divergence(q,
    p)`` when ``q`` puts mass where ``p`` has none (what poor samples show).
    Not clipped at zero: small negative values
    are sampling error around 0.

    Parameters
    ----------
    p : array-like of shape (n, d) or (n,)
        Samples of P (the data).
    q : array-like of shape (m, d) or (m,)
        Samples of Q (the model), the same ``d``.
    n_neighbors : int, default=1
        ``k``; needs ``n > k`` and ``m >= k``. Larger ``k`` lowers the variance
        and raises the bias.
    metric : {'euclidean', 'chebyshev'}, default='euclidean'
    base : float, default=e
        Logarithm base of the result.

    Returns
    -------
    float
        The estimate in nats (or ``log base`` units). ``inf``, with a
        :class:`~mutinfo.exceptions.DataWarning`, when a column is constant in
        one sample and varies in the other, or is constant in both at
        different values, or when one sample lies on a lower-dimensional
        affine subspace (a line, a tilted plane: a column that is a linear
        function of others, to rounding) that the other sample does not: P is
        then not absolutely continuous with respect to Q and the divergence is
        infinite. A column constant at the same value in both is left out
        (``0.0`` if every column is); samples on one common subspace are
        estimated in its coordinates (its dimension is the ``d`` of the
        formula).

    Raises
    ------
    InvalidDataError
        If a point of ``p`` has a duplicate in ``p`` or in ``q`` (a zero
        distance makes the logarithm infinite), or the dimensions differ, or
        a column constant in ``p`` is an atom of a varying ``q`` column (or,
        likewise, some but not all rows of ``q`` lie on the subspace of a
        flat ``p``).
    InsufficientSamplesError
        If ``n <= k`` or ``m < k``.

    References
    ----------
    .. [1] Q. Wang, S. R. Kulkarni, S. Verdú, "Divergence estimation for
       multidimensional densities via k-nearest-neighbor distances", IEEE
       Trans. Inf. Theory 55(5), 2009. doi:10.1109/TIT.2009.2016060
    .. [2] F. Pérez-Cruz, "Kullback-Leibler divergence estimation of continuous
       distributions", IEEE ISIT 2008. doi:10.1109/ISIT.2008.4595271

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> p = rng.normal(size=(4000, 2))
    >>> q = rng.normal(size=(4000, 2)) + [1.0, 0.0]
    >>> round(kl_divergence(p, q, n_neighbors=5), 1)  # exact: 0.5
    0.5
    """
    log_base = _check_base(base)
    k = n_neighbors
    a, b = two_samples(p, q, min_p=k + 1, min_q=k, where="kl_divergence()")
    if _singular(a, b):
        return math.inf
    a, b, magnitude = _common_scale(a, b)
    if a.shape[1] == 0:
        # Every column is constant, at the same value in p and q: P = Q.
        return 0.0
    scaled = (a, b)
    support = _flat_support(a, b, magnitude)
    if support is None:
        return math.inf
    a, b = support
    n, d = a.shape
    m = b.shape[0]
    rho = kth_neighbors(a, k, metric=metric)[0][:, -1]
    nu = cross_kth_neighbors(a, b, k, metric=metric)[:, -1]
    if np.any(rho == 0.0) or np.any(nu == 0.0):
        where = "p" if np.any(rho == 0.0) else "q"
        count = int(np.sum(rho == 0.0) if where == "p" else np.sum(nu == 0.0))
        raise InvalidDataError(
            f"{count} point(s) of p have {k} or more exact duplicates in {where}, "
            "so a k-th neighbour distance is 0 and the log-ratio is infinite. "
            "The estimator needs continuous data: raise 'n_neighbors', drop "
            "duplicates or add noise smaller than the data's resolution."
        )
    _warn_unmatched_atoms(*scaled)
    _warn_repeated_rows(a, b)
    value = d * float(np.mean(np.log(nu) - np.log(rho))) + math.log(m / (n - 1))
    return float(value / log_base)


def _point_masses(
    a: NDArray[np.float64], b: NDArray[np.float64], *, atoms_count: bool
) -> tuple[list[str], NDArray[np.bool_]]:
    """Find the columns along which P or Q is a point mass and the other is not.

    Returns the reasons (for messages) of the columns constant in one sample
    and varying in the other, or constant in both at different values; and
    the mask of the columns constant in p where q varies but has rows at p's
    value (an atom of Q where P sits). With ``atoms_count`` a column constant
    in one sample only is left out of the reasons when the other sample has
    rows at that value (the two then overlap there).
    """
    cp = np.all(a == a[:1], axis=0)
    # One row of q (k = 1 allows it) shows no column constant or varying.
    cq = np.all(b == b[:1], axis=0) & (b.shape[0] > 1)
    q_has = cp & ~cq & np.any(b == a[:1], axis=0)
    p_has = cq & ~cp & np.any(a == b[:1], axis=0)
    reasons = []
    for j in range(a.shape[1]):
        if cp[j] and cq[j] and a[0, j] != b[0, j]:
            reasons.append(
                f"column {j} is constant in both at different values "
                f"({a[0, j]:.6g} in p, {b[0, j]:.6g} in q)"
            )
        elif cp[j] and not cq[j] and not q_has[j]:
            reasons.append(
                f"column {j} is constant in p (value {a[0, j]:.6g}) and varies "
                "in q, with no row of q at that value"
            )
        elif cq[j] and not cp[j] and not (atoms_count and p_has[j]):
            reasons.append(
                f"column {j} is constant in q (value {b[0, j]:.6g}) and varies in p"
            )
    return reasons, q_has


def _singular(a: NDArray[np.float64], b: NDArray[np.float64]) -> bool:
    """Return True, with a :class:`DataWarning`, when KL[P || Q] is +inf.

    A column constant in one sample and not in the other, or constant in both
    at different values, means one distribution is a point mass along it: P is
    then not absolutely continuous with respect to Q (P puts mass on a set Q
    gives probability 0), so KL[P || Q] is +inf. The kNN estimate was finite
    with no warning: N(0, I) beside a zero column against N(0, I) in 2-D read
    5.2 nats, the reverse 2.6, zero against one 9.3. A column constant at
    ``c`` in p where q varies but has rows at ``c`` (an atom of Q) gives a
    finite divergence that the kNN estimator, which assumes densities, cannot
    estimate: that raises. A column constant at the same value in both is
    dropped (the distributions agree along it; :func:`_common_scale`).
    """
    # Q constant where P varies: P has mass off Q's value even if it has an
    # atom there too, so such a column counts whatever p's rows.
    reasons, q_has = _point_masses(a, b, atoms_count=False)
    if reasons:
        warn(
            "KL[P || Q] is +inf: "
            + "; ".join(reasons)
            + ", so P puts mass where Q has none (P is not absolutely continuous "
            "with respect to Q). kl_divergence() returns inf (the kNN formula "
            "gives a finite, meaningless number for such samples). If the "
            "constant column is a placeholder or a fill value, drop it from both "
            "samples; jensen_shannon() stays finite for such samples.",
            DataWarning,
        )
        return True
    if q_has.any():
        j = int(np.flatnonzero(q_has)[0])
        count = int(np.sum(b[:, j] == a[0, j]))
        raise InvalidDataError(
            f"Column {j} is constant in p (value {a[0, j]:.6g}) while q varies in "
            f"it with {count} of its {b.shape[0]} rows at that value: P is a point "
            "mass along the column and Q has an atom there, so KL[P || Q] is "
            "finite but not a divergence of densities, which kl_divergence() "
            "estimates. Compare the rows of q at that value with p on the other "
            "columns (KL of the conditionals plus -log of the atom's share), or "
            "drop the column from both samples."
        )
    return False


class _Hull:
    """The affine hull of a sample's rows, to the rounding of its input."""

    def __init__(self, x: NDArray[np.float64], magnitude: NDArray[np.float64]):
        rows, d = x.shape
        self.centre = x.mean(axis=0)
        _, s, vt = np.linalg.svd(x - self.centre, full_matrices=False)
        # Rounding of the input (eps times its largest values, which an offset
        # makes larger than the spread) and of the centring and the SVD; a
        # correlation of 0.999 leaves a singular value 0.02 of the largest.
        noise = max(float(s[0]) / math.sqrt(rows), float(np.linalg.norm(magnitude)))
        self.tol = max(rows, d) * np.finfo(np.float64).eps * noise
        self.rank = int(np.sum(s > self.tol * math.sqrt(rows)))
        self.basis = vt[: self.rank]
        self.ratio = float(s[-1] / s[0]) if s.size and s[0] > 0 else 0.0
        # A sample of n rows spans at most n - 1 dimensions: flat only below.
        self.flat = self.rank < min(rows - 1, d)

    def coordinates(self, y: NDArray[np.float64]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = (y - self.centre) @ self.basis.T
        return out

    def contains(self, y: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Return which rows of ``y`` lie on the hull (to its tolerance)."""
        off = (y - self.centre) - self.coordinates(y) @ self.basis
        within: NDArray[np.bool_] = np.linalg.norm(off, axis=1) <= self.tol
        return within


def _flat_support(
    a: NDArray[np.float64], b: NDArray[np.float64], magnitude: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]] | None:
    """Return the samples in the coordinates of their common support, or None.

    A sample whose rows lie on an affine subspace of lower dimension (a line
    ``y = 2 x`` in the plane: the smallest singular value of the centred
    sample at rounding level) has a singular distribution. Where ``p`` is flat
    and ``q`` has rows off that subspace, or ``q`` is flat and ``p`` has rows
    off its subspace, P puts mass where Q has none: KL[P || Q] is +inf and
    this returns None with a :class:`DataWarning` (the kNN formula read a
    finite number silently: 2-D p on ``y = 2 x`` against N(0, I) gave 7.4
    nats). Where both lie on one subspace, the samples are returned in its
    orthonormal coordinates (distances kept), whose dimension is the ``d`` of
    the formula (in the ambient dimension the estimate was that ``d`` times
    too large a multiple of the log ratio). Rows of ``q`` partly on a flat
    ``p``'s subspace (Q with a singular part there) raise, as an atom of Q
    under a constant column of ``p`` does (:func:`_singular`).
    """
    d = a.shape[1]
    hp, hq = _Hull(a, magnitude), _Hull(b, magnitude)
    if not hp.flat and not hq.flat:
        return a, b
    flat, other, name, other_name = (hp, b, "p", "q") if hp.flat else (hq, a, "q", "p")
    on = flat.contains(other)
    if on.all():
        # One common subspace: its coordinates, and look again within it.
        scale = np.full(flat.rank, np.linalg.norm(magnitude) / math.sqrt(flat.rank))
        return _flat_support(flat.coordinates(a), flat.coordinates(b), scale)
    if name == "p" and on.any():
        raise InvalidDataError(
            f"p's sample lies on a {hp.rank}-dimensional affine subspace of its "
            f"{d} dimensions while {int(on.sum())} of the {b.shape[0]} rows of q "
            "lie on it and the others do not: Q has a singular part where P "
            "sits, so KL[P || Q] is finite but not a divergence of densities, "
            "which kl_divergence() estimates. Compare p with the rows of q on "
            "that subspace in its coordinates, or remove the dependent column."
        )
    warn(
        f"KL[P || Q] is +inf: {name}'s sample lies on a {flat.rank}-dimensional "
        f"affine subspace of its {d} dimensions (the smallest singular value of "
        f"the centred sample is {flat.ratio:.2g} of its largest, rounding level: "
        "some column is a linear function of the others) and "
        f"{int((~on).sum())} rows of {other_name} lie off it, so P puts mass "
        "where Q has none (P is not absolutely continuous with respect to Q). "
        "kl_divergence() returns inf (the kNN formula gives a finite, "
        "meaningless number for such samples). If the dependent column is "
        "derived from the others (a sum, a difference, a unit conversion), "
        "drop it from both samples; jensen_shannon() stays finite for such "
        "samples.",
        DataWarning,
    )
    return None


def _flat_apart(a: NDArray[np.float64], b: NDArray[np.float64]) -> bool:
    """Return True, with a :class:`DataWarning`, when a flat sample misses the other.

    One sample on a line or plane (:class:`_Hull`) that no row of the other
    sample lies on: P and Q are mutually singular, so JS(P, Q) = log 2
    exactly; the kNN estimator read 0.594 nats for p on ``y = 2 x`` against
    N(0, I) in 2-D (n = 1000).
    """
    a, b, magnitude = _common_scale(a, b)
    if a.shape[1] == 0:
        return False
    for flat, other, name in ((a, b, "p"), (b, a, "q")):
        hull = _Hull(flat, magnitude)
        if hull.flat and not hull.contains(other).any():
            warn(
                f"P and Q do not overlap: {name}'s sample lies on a "
                f"{hull.rank}-dimensional affine subspace of its {a.shape[1]} "
                "dimensions (some column is a linear function of the others) and "
                "no row of the other sample lies on it. jensen_shannon() returns "
                "its maximum, log 2, exactly (the estimators read less for such "
                "samples). If the dependent column is derived from the others, "
                "drop it from both samples.",
                DataWarning,
            )
            return True
    return False


def _disjoint(a: NDArray[np.float64], b: NDArray[np.float64]) -> bool:
    """Return True, with a :class:`DataWarning`, when P and Q are mutually singular.

    Along a column constant in one sample only (the other having no rows at
    that value), or constant in both at different values, P and Q live on
    disjoint sets, so JS(P, Q) = log 2 exactly. The estimators read less and
    did not say so: N(0, I) beside a zero column against N(0, I) in 2-D,
    n = 500, read 0.58 nats by kNN and 0.34 by the classifier (log 2 = 0.693).
    """
    reasons, _ = _point_masses(a, b, atoms_count=True)
    if not reasons:
        return False
    warn(
        "P and Q do not overlap: "
        + "; ".join(reasons)
        + ". jensen_shannon() returns its maximum, log 2, exactly (the "
        "estimators read less for such samples). If the constant column is a "
        "placeholder or a fill value, drop it from both samples.",
        DataWarning,
    )
    return True


def _warn_unmatched_atoms(a: NDArray[np.float64], b: NDArray[np.float64]) -> None:
    """Warn (:class:`DataWarning`) when one sample has an atom the other lacks.

    A value holding a tenth of a sample's rows or more in a column that varies
    is a point mass: the sample's law has a singular part on the hyperplane
    ``column = value``, which the kNN density estimates do not see as such.
    Where ``p`` has it and ``q`` does not, KL[P || Q] is +inf (P puts mass
    where Q's density has none) and the estimate a finite, meaningless number
    (2-D p with half its rows at 0 in one column against N(0, I): 2.26 nats);
    where ``q`` has it, the rows on the atom crowd ``q``'s neighbours and the
    estimate reads low (N(0, I) against q with half its first column at 0:
    0.50 for log 2 = 0.693). Columns whose atoms agree (the same values in
    both) stay quiet, as do quantisation ties. One-column samples with an
    atom in ``p`` raise or warn of their duplicates first.
    """
    for j in range(a.shape[1]):
        atoms_p, atoms_q = atom_values(a[:, j]), atom_values(b[:, j])
        only_p = np.setdiff1d(atoms_p, atoms_q)
        only_q = np.setdiff1d(atoms_q, atoms_p)
        if only_p.size:
            name, other, share = "p", "q", np.isin(a[:, j], only_p).mean()
            consequence = (
                "P has a singular part there that Q lacks, so KL[P || Q] is +inf "
                "if Q puts no mass on it, and kl_divergence() returns a finite "
                "number that does not estimate it (2-D p with half its rows at 0 "
                "in one column against N(0, I): 2.26 nats)"
            )
        elif only_q.size:
            name, other, share = "q", "p", np.isin(b[:, j], only_q).mean()
            consequence = (
                "the rows of q on it crowd the neighbours of nearby points of "
                "p, and the estimate is biased (N(0, I) against q with half its "
                "first column at 0: 0.50 nats for log 2 = 0.693)"
            )
        else:
            continue
        warn(
            f"Column {j} of {name} has atoms that {other} does not: values that "
            f"each hold a tenth of its rows or more ({share:.0%} of its rows in "
            f"all), while the column varies. The kNN estimator assumes densities: "
            f"{consequence}. Estimate the atoms' shares and the divergence of the "
            "other rows separately, or, if the repeated value is a fill value, "
            "drop those rows.",
            DataWarning,
        )
        return


def _warn_repeated_rows(a: NDArray[np.float64], b: NDArray[np.float64]) -> None:
    """Warn when rows of p and q repeat exactly but fewer than k times.

    A row of ``p`` with ``j < k`` copies has a shrunken k-th neighbour distance
    in ``p`` (and a copy in ``q`` one in ``q``), so the kNN estimate is biased
    without a zero distance to raise on: N(0, 1) against itself, every row of
    ``p`` twice, read 0.84 nats with ``n_neighbors=3`` (exact 0).
    """
    _warn_pooled_repeats(
        a,
        b,
        "(duplicated records, q copying rows of p, or quantised data), so "
        "kl_divergence() finds copies among the k nearest neighbours and is "
        "biased (0.84 nats for N(0, 1) against itself with every row of p "
        "twice). Drop the duplicated rows or add noise below the data's "
        "resolution.",
    )


def _warn_pooled_repeats(
    a: NDArray[np.float64], b: NDArray[np.float64], consequence: str
) -> None:
    """Warn (DataWarning) when the pooled rows of p and q repeat exactly."""
    share = repeated_share_of(row_counts(np.vstack([a, b])))
    if share > DUPLICATE_ROWS:
        warn(
            f"{share:.0%} of the pooled rows of p and q repeat another row exactly "
            + consequence,
            DataWarning,
        )


def _balanced(
    a: NDArray[np.float64], b: NDArray[np.float64], rng: np.random.Generator
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    size = min(a.shape[0], b.shape[0])
    if a.shape[0] > size:
        a = a[np.sort(rng.choice(a.shape[0], size, replace=False))]
    if b.shape[0] > size:
        b = b[np.sort(rng.choice(b.shape[0], size, replace=False))]
    return a, b


def _classifier_js(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    classifier: Any,
    rng: np.random.Generator,
) -> float:
    try:
        from sklearn.base import clone
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures, StandardScaler
    except ImportError:  # pragma: no cover - scikit-learn missing
        from mutinfo.exceptions import MissingDependencyError

        raise MissingDependencyError(
            "jensen_shannon(method='classifier') needs scikit-learn: "
            'pip install "mutinfo[sklearn]"'
        ) from None
    if classifier is None:
        model = make_pipeline(
            StandardScaler(),
            PolynomialFeatures(2, include_bias=False),
            StandardScaler(),
            LogisticRegression(C=1.0, max_iter=1000),
        )
    else:
        if not hasattr(classifier, "predict_proba"):
            from mutinfo.exceptions import InvalidParameterError

            raise InvalidParameterError(
                "The 'classifier' parameter of jensen_shannon() must be a "
                "scikit-learn classifier with predict_proba. Got "
                f"{type(classifier).__name__} instead."
            )
        model = clone(classifier)
    ia, ib = rng.permutation(a.shape[0]), rng.permutation(b.shape[0])
    ha, hb = a.shape[0] // 2, b.shape[0] // 2
    train = np.r_[a[ia[:ha]], b[ib[:hb]]]
    labels = np.r_[np.ones(ha, dtype=int), np.zeros(hb, dtype=int)]
    model.fit(train, labels)
    # The classifier's prior odds ha / hb are removed: D estimates p / (p + q).
    prior = math.log(ha / hb)

    def log_odds(rows: NDArray[np.float64]) -> NDArray[np.float64]:
        proba = np.asarray(model.predict_proba(rows), dtype=np.float64)[:, 1]
        tiny = np.finfo(np.float64).tiny
        return np.log(np.maximum(proba, tiny)) - np.log(np.maximum(1 - proba, tiny))

    la = log_odds(a[ia[ha:]]) - prior
    lb = log_odds(b[ib[hb:]]) - prior
    # log D = -log(1 + e^-l), log(1 - D) = -log(1 + e^l).
    return float(
        math.log(2.0)
        - 0.5 * np.mean(np.logaddexp(0.0, -la))
        - 0.5 * np.mean(np.logaddexp(0.0, lb))
    )


def _warn_classifier_atoms(a: NDArray[np.float64], b: NDArray[np.float64]) -> None:
    """Warn (:class:`DataWarning`) when a varying column of p or q has atoms.

    A value holding a tenth of a sample's rows or more
    (:func:`mutinfo._ties.atom_fraction`) is a point mass, where the log
    density ratio jumps; the classifier's one smooth function of ``x`` cannot
    follow the jump, and the estimate reads far off without a word: P with
    half its rows at 0 (the others N(0, 1)) against N(0, 1), n = 3000, read
    0.016 to 0.024 nats for 0.216 (kNN: 0.214). A column constant over both
    samples is no atom of either here (the two agree along it).
    """
    from mutinfo._ties import atom_fraction

    pooled = np.vstack([a, b])
    for j in range(a.shape[1]):
        if np.all(pooled[:, j] == pooled[0, j]):
            continue
        for name, sample in (("p", a), ("q", b)):
            share = atom_fraction(sample[:, j])
            if share > 0.0:
                warn(
                    f"Column {j} of {name} has atoms: values that each hold a "
                    f"tenth of its rows or more ({share:.0%} of its rows in all). "
                    "jensen_shannon(method='classifier') fits the log density "
                    "ratio with one smooth function, which cannot follow its jump "
                    "at a point mass, so the estimate can be far off (P with half "
                    "its rows at 0, the others N(0, 1), against N(0, 1): 0.02 nats "
                    "for 0.216). Use method='knn', which counts the tied rows "
                    "(0.214 there).",
                    DataWarning,
                )
                return


def _warn_shared_rows(a: NDArray[np.float64], b: NDArray[np.float64]) -> None:
    """Warn when rows of the pooled sample repeat exactly (copies across p and q).

    A row of ``q`` that copies a row of ``p`` (a model that memorises its
    training data) is its twin's nearest neighbour with the other label, so
    the kNN estimate of ``I(X; L)`` drops below zero: JS of a sample with
    itself read -0.17 nats, with 10 % of ``q`` copied from ``p`` -0.013 (both
    exactly 0 for the distributions), without a warning.
    """
    _warn_pooled_repeats(
        a,
        b,
        "(q copying rows of p, or quantised data), so the kNN estimate of "
        "jensen_shannon() counts the copies as neighbours with the other "
        "label and is biased (below 0 where q copies p: -0.17 nats for a "
        "sample against itself). Drop the duplicated rows, or use "
        "method='classifier'.",
    )


@validate_params(
    {
        "method": Options(("knn", "classifier")),
        "n_neighbors": _K,
        "base": _BASE,
    }
)
def jensen_shannon(
    p: ArrayLike,
    q: ArrayLike,
    *,
    method: str = "knn",
    n_neighbors: int = 3,
    classifier: Any = None,
    base: float = math.e,
    rng: Any = None,
) -> float:
    """Estimate the Jensen-Shannon divergence JS(P, Q) from two samples.

    ``JS = KL[P || M] / 2 + KL[Q || M] / 2`` with ``M = (P + Q) / 2``; it lies in
    ``[0, log 2]`` and is the GAN's divergence at the optimal discriminator.

    - ``method="knn"``: ``JS = I(X; L)``, the MI between a fair label ``L`` and
      ``X ~ P`` if ``L = 1``, ``X ~ Q`` if ``L = 0``. The larger sample is
      subsampled (``rng``) to the size of the smaller, and the MI of the label
      with the pooled rows is estimated by Ross's kNN estimator
      (``mt.estimate("mi", ..., method="mixed_ksg")``, ``n_neighbors``).
    - ``method="classifier"``: half of each sample trains a probabilistic
      classifier ``D`` (default: logistic regression on standardised degree-2
      polynomial features, exact for two Gaussians), the other half evaluates
      ``log 2 + E_P log D / 2 + E_Q log(1 - D) / 2`` (the GAN value plus
      ``log 2``), a lower bound in expectation for any ``D``.

    Parameters
    ----------
    p, q : array-like of shape (n, d) / (m, d), or 1-D
        Samples of P and Q.
    method : {'knn', 'classifier'}, default='knn'
    n_neighbors : int, default=3
        ``k`` of the kNN estimator.
    classifier : scikit-learn classifier with predict_proba, optional
        For ``method="classifier"``; cloned before fitting.
    base : float, default=e
        Logarithm base of the result.
    rng : None, int or numpy.random.Generator
        Subsampling and the train/evaluation split.

    Returns
    -------
    float
        The estimate in nats (or ``log base`` units), not clipped.

    References
    ----------
    .. [1] J. Lin, "Divergence measures based on the Shannon entropy", IEEE
       Trans. Inf. Theory 37(1), 1991. doi:10.1109/18.61115
    .. [2] B. C. Ross, "Mutual information between discrete and continuous
       data sets", PLoS ONE 9(2), 2014. doi:10.1371/journal.pone.0087357

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> p, q = rng.normal(size=(2000, 1)), rng.normal(3.0, 1.0, size=(2000, 1))
    >>> round(jensen_shannon(p, q, rng=0), 2)  # exact 0.5268 (quadrature)
    0.54
    """
    log_base = _check_base(base)
    generator = check_rng(rng)
    a, b = two_samples(
        p,
        q,
        min_p=2 * n_neighbors + 2,
        min_q=2 * n_neighbors + 2,
        where="jensen_shannon()",
    )
    if _disjoint(a, b) or _flat_apart(a, b):
        return math.log(2.0) / log_base
    if method == "classifier":
        _warn_classifier_atoms(a, b)
        return _classifier_js(a, b, classifier, generator) / log_base
    a, b = _balanced(a, b, generator)
    _warn_shared_rows(a, b)
    labels = np.r_[
        np.ones(a.shape[0], dtype=np.int64), np.zeros(b.shape[0], dtype=np.int64)
    ]
    res = estimate(
        "mi",
        labels,
        np.r_[a, b],
        method="mixed_ksg",
        discrete=(True, False),
        n_neighbors=n_neighbors,
        rng=generator,
    )
    value = float(res.value)
    if value > math.log(2.0):
        warn(
            f"The kNN estimate of JS(P, Q), {value:.6g} nats, exceeds the "
            f"divergence's bound log 2 = {math.log(2.0):.6g}: the samples are "
            "(nearly) separated and the estimator's finite-sample bias (of order "
            "1 / n) carries it past the bound. The value is returned as "
            "estimated; read it as 'log 2 within the estimator's error'.",
            BiasWarning,
        )
    return value / log_base
