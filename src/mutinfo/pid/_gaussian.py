"""The MMI PID of Gaussian variables (Barrett 2015): closed form and from samples."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mutinfo import _api
from mutinfo._params import Interval, validate_params
from mutinfo._result import check_base, unit_name
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.pid._lattice import MAX_SOURCES, lattice
from mutinfo.pid._result import PID
from mutinfo.pid._samples import check_rows_aligned, source_columns

__all__ = ["decompose_gaussian", "gaussian_mmi"]

Group = tuple[int, ...]


def _mmi_pid(
    mi_of: Callable[[Group], float],
    n_sources: int,
    base: float,
    *,
    sources: tuple[str, ...],
    target: str,
    info: dict[str, Any],
) -> PID:
    """I_mmi over the lattice from ``mi_of(set of source positions)`` (nats)."""
    lat = lattice(n_sources)
    cache: dict[Group, float] = {}

    def mi(group: Group) -> float:
        if group not in cache:
            cache[group] = mi_of(group)
        return cache[group]

    reds = np.array([min(mi(part) for part in node) for node in lat.nodes])
    scale = 1.0 / math.log(base)
    atoms = lat.atoms(reds) * scale + 0.0
    values = reds * scale + 0.0
    return PID(
        atoms={n: float(v) for n, v in zip(lat.names, atoms, strict=True)},
        redundancies={n: float(v) for n, v in zip(lat.names, values, strict=True)},
        measure="mmi",
        unit=unit_name(base),
        sources=sources,
        target=target,
        mutual_information=mi(tuple(range(n_sources))) * scale + 0.0,
        info=info,
    )


def _groups(spec: Sequence[Any], what: str, size: int) -> list[list[int]]:
    groups: list[list[int]] = []
    for item in spec:
        group = [int(item)] if np.ndim(item) == 0 else [int(i) for i in item]
        bad = [i for i in group if not 0 <= i < size]
        if len(set(group)) != len(group):
            # A repeated target row made its covariance singular: every atom NaN.
            raise InvalidParameterError(
                f"The {what!r} parameter of gaussian_mmi() repeats a row index in "
                f"{item!r}; list each variable once."
            )
        if not group or bad:
            raise InvalidParameterError(
                f"The {what!r} parameter of gaussian_mmi() must hold indices of the "
                f"covariance's rows (0 to {size - 1}) or non-empty lists of them; "
                f"got {item!r}."
            )
        groups.append(group)
    return groups


def _check_count(n: int, where: str) -> None:
    if not 2 <= n <= MAX_SOURCES:
        raise InvalidParameterError(
            f"{where} decomposes 2 to {MAX_SOURCES} sources (the lattice of "
            f"{MAX_SOURCES} sources has 166 nodes); got {n}. Group sources into "
            "lists to use fewer."
        )


@validate_params({"base": Interval(float, 0, None, closed="neither")})
def gaussian_mmi(
    cov: ArrayLike,
    sources: Sequence[int | Sequence[int]],
    target: int | Sequence[int],
    *,
    base: float = 2,
) -> PID:
    """Exact MMI PID of jointly Gaussian variables with covariance ``cov``.

    Every source set ``A`` (a union of the given sources) carries
    ``I(A; T) = (ln det S_A + ln det S_T - ln det S_{A,T}) / 2`` nats about
    the target; the minimum-mutual-information redundancy of a lattice node
    is the smallest ``I(A; T)`` over its sets, and the atoms follow by Möbius
    inversion. Barrett (2015) showed that for Gaussian sources and a
    univariate target every PID whose unique information depends only on
    the pairwise marginals ``p(s_i, t)`` (BROJA among them) equals this one.

    Parameters
    ----------
    cov : array-like of shape (d, d)
        Symmetric positive definite covariance of all variables.
    sources : sequence of int or of sequences of int
        2 to 4 sources, each a row index of ``cov`` or a list of them.
    target : int or sequence of int
        The target's row index (or indices).
    base : float, default=2
        Logarithm base (2: bits).

    Returns
    -------
    PID
        ``measure="mmi"``; for two sources ``redundancy = min(I(S0;T),
        I(S1;T))``, the source with less information has no unique
        information, and ``synergy = I(S0,S1;T) - max(I(S0;T), I(S1;T))``.

    Raises
    ------
    InvalidParameterError
        For indices out of range, a target among the sources, or a number
        of sources other than 2 to 4.
    InvalidDataError
        If ``cov`` is not square, symmetric and positive definite.

    References
    ----------
    .. [1] A. B. Barrett, "Exploration of synergistic and redundant
       information sharing in static and dynamical Gaussian systems",
       Phys. Rev. E 91:052802 (2015), doi:10.1103/PhysRevE.91.052802.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import pid
    >>> cov = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.6], [0.6, 0.6, 1.0]])
    >>> r = pid.gaussian_mmi(cov, [0, 1], 2)
    >>> round(r.redundancy, 4), r.unique, round(r.synergy, 4)
    (0.3219, (0.0, 0.0), 0.5963)
    """
    b = check_base(base)
    s = np.asarray(cov, dtype=np.float64)
    if s.ndim != 2 or s.shape[0] != s.shape[1]:
        raise InvalidDataError(
            f"The 'cov' parameter of gaussian_mmi() must be a square matrix; got "
            f"shape {s.shape}."
        )
    if not np.allclose(s, s.T, rtol=1e-10, atol=1e-12):
        raise InvalidDataError(
            "The 'cov' parameter of gaussian_mmi() must be symmetric; it differs "
            f"from its transpose by up to {np.abs(s - s.T).max():.3g}."
        )
    d = s.shape[0]
    groups = _groups(sources, "sources", d)
    _check_count(len(groups), "gaussian_mmi()")
    t = _groups([target], "target", d)[0]
    clash = sorted(set(t) & {i for g in groups for i in g})
    if clash:
        raise InvalidParameterError(
            f"The target of gaussian_mmi() shares rows {clash} with the sources; "
            "a target among the sources has no meaningful decomposition."
        )
    var = np.diag(s)
    if not np.all(np.isfinite(s)) or not np.all(var > 0):
        raise InvalidDataError(
            "The 'cov' parameter of gaussian_mmi() must be finite with positive "
            f"variances on its diagonal; got diagonal {var.tolist()}."
        )
    # Every MI is invariant to the scale of each variable: test and use the
    # correlation matrix, so that units (1e-13, or 1e7 beside 1) do not matter.
    sd = np.sqrt(var)
    s = s / np.outer(sd, sd)
    eig = np.linalg.eigvalsh(s)
    if eig[0] <= 1e-12 * eig[-1]:
        raise InvalidDataError(
            "The 'cov' parameter of gaussian_mmi() must be positive definite; the "
            f"smallest eigenvalue of its correlation matrix is {eig[0]:.3g}. Remove "
            "collinear variables."
        )

    def logdet(rows: list[int]) -> float:
        return float(np.linalg.slogdet(s[np.ix_(rows, rows)])[1])

    ld_t = logdet(t)

    def mi_of(group: Group) -> float:
        rows = sorted({i for j in group for i in groups[j]})
        return 0.5 * (logdet(rows) + ld_t - logdet(rows + t))

    return _mmi_pid(
        mi_of,
        len(groups),
        b,
        sources=tuple(",".join(map(str, g)) for g in groups),
        target=",".join(map(str, t)),
        info={},
    )


@validate_params({"base": Interval(float, 0, None, closed="neither")})
def decompose_gaussian(
    sources: Sequence[ArrayLike],
    target: ArrayLike,
    *,
    method: Any = "gaussian",
    base: float = 2,
    rng: Any = None,
    **method_params: Any,
) -> PID:
    """MMI PID of continuous samples: ``I(A; T)`` of every source set, estimated.

    The method is resolved once (:func:`mutinfo.estimator_for`) and estimates
    the mutual information of the target with every union of sources; the
    redundancy of a node is the smallest of its sets' and the atoms follow
    by Möbius inversion, as in :func:`gaussian_mmi` (which this converges to
    for Gaussian data with ``method="gaussian"``).

    Parameters
    ----------
    sources : sequence of array-like, or DataFrame
        2 to 4 sources, each of shape (n_samples,) or (n_samples, d_i); a
        DataFrame gives one source per column.
    target : array-like of shape (n_samples,) or (n_samples, d_t)
        The target.
    method : str or Estimator, default="gaussian"
        Any MI family: ``"gaussian"`` (Barrett's setting, with the analytic
        bias correction), ``"gaussian_copula"`` (rank-normal marginals),
        ``"ksg"``, ...
    base : float, default=2
        Logarithm base (2: bits).
    rng : None, int or numpy.random.Generator, default=None
        Seeds the estimator.
    **method_params
        Parameters of the method.

    Returns
    -------
    PID
        ``measure="mmi"``, with ``info["method"]`` and ``info["n_samples"]``.

    Raises
    ------
    InvalidParameterError
        If the number of sources is not 2 to 4.

    Notes
    -----
    The estimates are raw (never clipped); with few samples an atom can be
    slightly negative, and every atom is biased like the MIs it is made of.
    Significance and intervals: :func:`atom_statistic` with
    :func:`mutinfo.independence_test` / :func:`mutinfo.confidence_interval`.

    References
    ----------
    .. [1] A. B. Barrett, Phys. Rev. E 91:052802 (2015),
       doi:10.1103/PhysRevE.91.052802.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo import pid
    >>> rng = np.random.default_rng(0)
    >>> x0, x1 = rng.normal(size=(2, 20000))
    >>> t = 0.6 * x0 + 0.6 * x1 + np.sqrt(0.28) * rng.normal(size=20000)
    >>> r = pid.decompose_gaussian([x0, x1], t)
    >>> round(r.redundancy, 2), round(r.synergy, 2)  # exact 0.3219, 0.5963 bits
    (0.32, 0.59)
    """
    b = check_base(base)
    check_rows_aligned(sources, target)
    blocks = [np.asarray(s) for s in source_columns(sources)]
    _check_count(len(blocks), "decompose_gaussian()")
    if any(s.size == 0 for s in blocks) or np.asarray(target).size == 0:
        raise InvalidDataError(
            "The sources and the target of decompose_gaussian() must hold samples; "
            "got an empty array."
        )
    blocks = [s.reshape(len(s), -1) if s.ndim == 1 else s for s in blocks]
    tt = np.asarray(target)
    rows = {len(s) for s in blocks} | {len(tt)}
    if len(rows) != 1:
        raise InvalidDataError(
            "The sources and the target of decompose_gaussian() must have the same "
            f"number of rows; got {[len(s) for s in blocks]} and {len(tt)}."
        )
    est = _api.estimator_for(
        "mi", blocks[0], tt, method=method, rng=rng, **method_params
    )

    def mi_of(group: Group) -> float:
        x = np.hstack([blocks[j] for j in group])
        return float(est.estimate("mi", x, tt).value)

    return _mmi_pid(
        mi_of,
        len(blocks),
        b,
        sources=tuple(f"s{i}" for i in range(len(blocks))),
        target="t",
        info={"method": est.name, "n_samples": len(tt)},
    )
