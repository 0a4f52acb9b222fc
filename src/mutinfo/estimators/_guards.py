"""Guardrails shared by the continuous families: constant columns, too few samples.

Every check warns or raises; none changes an estimate silently.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mutinfo._ties import TIE_FRACTION, TIE_MULTIPLICITY, multiplicity
from mutinfo._validation import Variable
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    warn,
)

__all__ = [
    "column_label",
    "continuous_only",
    "drop_constant",
    "need_samples",
    "standardized",
    "warn_dimension",
    "warn_ties",
]


def column_label(v: Variable, j: int) -> str:
    """Return a column's label for messages."""
    return str(v.labels[j]) if v.labels else f"{v.name}[{j}]"


def drop_constant(v: Variable, method: str) -> Variable:
    """Drop constant columns of ``v`` with a :class:`DataWarning`.

    A constant column carries no information, so it adds nothing to a mutual
    information; the warning says so, because a constant column usually means
    a data problem. The result may have zero columns.
    """
    values = v.values
    constant = np.all(values == values[:1], axis=0)
    if not constant.any():
        return v
    names = ", ".join(repr(column_label(v, int(j))) for j in np.flatnonzero(constant))
    warn(
        f"Column(s) {names} of {v.name!r} are constant, so they carry no "
        f"information; method {method!r} leaves them out (an MI with a constant "
        "variable is 0).",
        DataWarning,
    )
    keep = np.flatnonzero(~constant)
    return Variable(
        v.name,
        values[:, keep],
        tuple(v.discrete[j] for j in keep),
        tuple(v.labels[j] for j in keep) if v.labels else (),
        tuple(v.coded[j] for j in keep) if v.coded else (),
    )


def need_samples(n: int, need: int, method: str, why: str) -> None:
    """Raise :class:`InsufficientSamplesError` when ``n < need``."""
    if n < need:
        raise InsufficientSamplesError(
            f"Method {method!r} needs at least {need} samples here ({why}); "
            f"got n_samples={n}. Use more samples or fewer columns."
        )


def warn_ties(v: Variable, method: str, better: str) -> None:
    """Warn when a continuous column of ``v`` has many repeated values.

    ``better`` names the method to use instead, for the message.
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        distinct = np.unique(v.values[:, j]).size
        repeated = 1.0 - distinct / v.n_samples
        if repeated > TIE_FRACTION:
            label = column_label(v, j)
            where = repr(label) if label == v.name else f"{label!r} of {v.name!r}"
            warn(
                f"Column {where} has {distinct} distinct values in {v.n_samples} "
                f"rows ({repeated:.0%} repeated values), which method {method!r} "
                f"assumes away (it is for continuous densities). Use {better} for "
                "data with ties.",
                DataWarning,
            )
            return


def warn_dense_ties(
    v: Variable, method: str, better: str, limit: float = TIE_MULTIPLICITY
) -> None:
    """Warn when a column's ties defeat a kNN estimator's tie-breaking noise.

    That is when a row shares its value with more than ``limit`` rows on average
    (row-weighted): its nearest neighbours are then exact duplicates, and the
    estimate is biased. For MI the joint space spreads a column's ties, so the
    default is :data:`mutinfo._ties.TIE_MULTIPLICITY` (measured there); for the
    entropy of one column, ``k`` itself. Finer quantisation (many values, few
    rows each) is what the noise handles.
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        column = v.values[:, j]
        shared = multiplicity(column)
        if shared > limit:
            distinct = np.unique(column).size
            repeated = 1.0 - distinct / v.n_samples
            label = column_label(v, j)
            where = repr(label) if label == v.name else f"{label!r} of {v.name!r}"
            warn(
                f"Column {where} has {distinct} distinct values in {v.n_samples} "
                f"rows ({repeated:.0%} repeated values; a row shares its value with "
                f"{shared:.0f} rows on average), so the nearest neighbours of method "
                f"{method!r} are exact duplicates and its tie-breaking noise does not "
                f"help: the estimate is biased. Use {better} for such data.",
                DataWarning,
            )
            return


def continuous_only(v: Variable, method: str, advice: str) -> Variable:
    """Treat the discrete columns of ``v`` as numbers, with a :class:`DataWarning`.

    String labels raise :class:`InvalidDataError`; ``advice`` names better methods.
    """
    if v.is_continuous:
        return v
    if any(v.coded):
        raise InvalidDataError(
            f"Method {method!r} needs numeric data, but {v.name!r} holds string "
            f"labels. Use {advice}."
        )
    cols = ", ".join(
        repr(column_label(v, j)) for j in range(v.n_features) if v.discrete[j]
    )
    warn(
        f"Method {method!r} treats the discrete column(s) {cols} of {v.name!r} as "
        f"numbers of a continuous density. Use {advice} for discrete variables, or "
        "pass discrete=False to silence this.",
        DataWarning,
    )
    return v.as_continuous()


def standardized(v: Variable) -> tuple[NDArray[np.float64], float]:
    """Return ``v``'s columns scaled to unit variance and ``sum_j log std_j``.

    Constant columns must have been removed (or rejected) first.
    """
    std = v.values.std(axis=0)
    if np.any(std == 0):
        raise InvalidDataError(
            f"{v.name!r} has a constant column, so its differential entropy is "
            "-inf. Remove the constant column first."
        )
    return v.values / std, float(np.log(std).sum())


#: Joint dimension from which kNN MI estimates are biased low at moderate n.
KNN_DIMENSION = 6


def warn_dimension(d: int, n: int, method: str) -> None:
    """Warn when a kNN estimate in ``d`` joint dimensions is known to be biased low.

    The rule, from ``benchmarks/ksg_dimension_bias.py``: KSG on Gaussians is more
    than 10 % low at joint dimension 6 with n = 1,000, and 17-19 % low at
    dimension 10 with n = 10,000; the samples needed roughly double with each
    added dimension. So warn when ``d >= 6`` and ``n < 1000 * 2 ** (d - 4)``.
    """
    need = 1000 * 2 ** (d - 4)
    if d >= KNN_DIMENSION and n < need:
        warn(
            f"Method {method!r} runs in {d} joint dimensions with n_samples={n}; kNN "
            f"MI estimates there are biased low (often by 10-30 %) below about "
            f"{need} samples. Use more samples, reduce the dimension, or compare "
            "with 'gaussian' / 'gaussian_copula'.",
            BiasWarning,
        )
