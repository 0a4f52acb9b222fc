"""Guardrails shared by the continuous families: constant columns, too few samples.

Every check warns or raises; none changes an estimate silently.
"""

from __future__ import annotations

import warnings

import numpy as np

from mutinfo._validation import Variable
from mutinfo.exceptions import DataWarning, InsufficientSamplesError

__all__ = ["column_label", "drop_constant", "need_samples"]


def column_label(v: Variable, j: int) -> str:
    """Return a column's label for messages."""
    return str(v.labels[j]) if v.labels else f"{v.name}[{j}]"


def drop_constant(v: Variable, method: str, *, stacklevel: int = 6) -> Variable:
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
    warnings.warn(
        f"Column(s) {names} of {v.name!r} are constant, so they carry no "
        f"information; method {method!r} leaves them out (an MI with a constant "
        "variable is 0).",
        DataWarning,
        stacklevel=stacklevel,
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


#: Fraction of repeated values in a continuous column above which we warn.
TIE_FRACTION = 0.1


def warn_ties(v: Variable, method: str, better: str, *, stacklevel: int = 6) -> None:
    """Warn when a continuous column of ``v`` has many repeated values.

    ``better`` names the method to use instead, for the message.
    """
    for j in range(v.n_features):
        if v.discrete[j]:
            continue
        repeated = 1.0 - np.unique(v.values[:, j]).size / v.n_samples
        if repeated > TIE_FRACTION:
            warnings.warn(
                f"Column {column_label(v, j)!r} of {v.name!r} has {repeated:.0%} "
                f"repeated values, which method {method!r} assumes away (it is for "
                f"continuous densities). Use {better} for data with ties.",
                DataWarning,
                stacklevel=stacklevel,
            )
            return
