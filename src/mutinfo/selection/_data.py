"""Validation of a feature table ``X`` and a target ``y`` for selection."""

from __future__ import annotations

import math
import numbers
from collections import Counter
from typing import Any

from mutinfo._validation import Variable, check_samples, table_names
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.selection._terms import column

__all__ = ["check_count", "check_features", "feature_names"]


def feature_names(X: Any, n_features: int) -> list[Any]:
    """Column names of a DataFrame, pyarrow Table or Series; else indices."""
    names = table_names(X)
    if names is not None and len(names) == n_features:
        return names
    columns = getattr(X, "columns", None)
    if columns is not None and len(columns) == n_features:
        return list(columns)
    name = getattr(X, "name", None)
    if n_features == 1 and name is not None and hasattr(X, "to_numpy"):
        return [name]
    return list(range(n_features))


def check_features(
    X: Any,
    y: Any,
    *,
    discrete: Any = "auto",
    nan_policy: str = "raise",
) -> tuple[list[Variable], Variable, list[Any]]:
    """Validate ``X`` and ``y`` once.

    Returns one Variable per feature, the target, and the feature names (column
    names, or indices for arrays).
    """
    if X is None:
        raise InvalidParameterError(
            "The 'X' parameter must be array-like of shape (n_samples, n_features). "
            "Got None instead."
        )
    data, target = check_samples(
        {"X": X, "y": y}, discrete=discrete, nan_policy=nan_policy
    )
    if data.n_samples < 2:
        raise InvalidDataError(
            "Feature selection needs at least 2 samples; "
            f"got n_samples={data.n_samples}."
        )
    names = feature_names(X, data.n_features)
    twice = [name for name, count in Counter(names).items() if count > 1]
    if twice:
        # A name would stand for several columns: the selected 'a' could be
        # either, and X[selected] would return both.
        raise InvalidDataError(
            f"The 'X' parameter has duplicated column names {twice}; a selected "
            "name would not say which column it is. Rename the columns, or pass "
            "X.to_numpy() to select by column index."
        )
    features = [column(data, j) for j in range(data.n_features)]
    return features, target, names


def refuse_identifier_target(target: Variable, function: str, verb: str) -> None:
    """Raise when the target is a row identifier (labels unique to each row).

    ``function`` names the caller for the message and ``verb`` what it could
    not do ("selected", "ranked"). :func:`mutinfo.selection.forward_selection`
    and :func:`mutinfo.rank_features` refuse it alike: every feature's MI with
    it is unidentified (the plug-in would read every feature's own entropy).
    """
    from mutinfo.matrix._kernels import is_row_identifier

    if not is_row_identifier(target):
        return
    label = target.labels[0] if target.labels else "y[0]"
    n = target.values.shape[0]
    raise InvalidDataError(
        f"The target 'y' of {function}() has a different label on every row "
        f"(like a row identifier; got {n} distinct labels in {n} rows): no "
        "estimator can tell a feature's information about it from this sample "
        "(the plug-in would score every feature its own entropy), so none can be "
        f"{verb}. If it is a measurement, read it as numbers "
        f"(discrete={{{label!r}: False}}); if it is a row ID, it is no target."
    )


def check_count(
    value: Any, name: str, n_features: int, *, allow_none: bool
) -> int | None:
    """Validate a feature count such as ``k`` against ``n_features``."""
    if value is None and allow_none:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or not 1 <= int(value) <= n_features
    ):
        what = "None or an int" if allow_none else "an int"
        raise InvalidParameterError(
            f"The {name!r} parameter must be {what} in the range [1, {n_features}] "
            f"(the number of features). Got {value!r} instead."
        )
    return int(value)


def check_real(value: Any, name: str, *, allow_none: bool = True) -> float | None:
    """Validate an optional finite real number."""
    if value is None and allow_none:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(float(value))
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter must be None or a finite number. "
            f"Got {value!r} instead."
        )
    return float(value)
