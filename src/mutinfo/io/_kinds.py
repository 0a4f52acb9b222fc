"""``column_kinds``: how mutinfo reads each column of a table, and why."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from mutinfo._params import Interval, validate_params
from mutinfo._rules import MI_SINGLETONS
from mutinfo._ties import TIE_MULTIPLICITY, atom_fraction, multiplicity
from mutinfo._validation import (
    FLOAT_LABEL_VALUES,
    MAX_LABEL_VALUES,
    check_samples,
    summarize_integers,
)
from mutinfo.exceptions import (
    InvalidDataError,
    InvalidParameterError,
    MutinfoWarning,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KINDS", "column_kinds"]

#: The kinds :func:`column_kinds` assigns, ``unusable`` for a skipped column.
KINDS: tuple[str, ...] = (
    "labels",
    "continuous",
    "integer measurement",
    "atoms/ties",
    "unusable",
)

#: Columns of the frame :func:`column_kinds` returns.
FIELDS: tuple[str, ...] = (
    "column",
    "kind",
    "discrete",
    "reason",
    "override",
    "missing",
)


def _as_frame(data: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    if type(data).__module__.split(".")[0] == "polars":
        converted: pd.DataFrame = data.to_pandas()
        return converted
    if isinstance(data, Mapping):
        return pd.DataFrame(dict(data))
    array = np.asarray(data, dtype=object)
    if array.ndim != 2:
        raise InvalidDataError(
            "The 'data' parameter of column_kinds() must be a table (a DataFrame, "
            f"a dict of columns or a 2-D array); got an array of shape "
            f"{array.shape}. Pass data[:, None] or a DataFrame with named columns."
        )
    return pd.DataFrame(data)


def _flags(discrete: Any, names: list[Any]) -> dict[Any, bool | str]:
    if isinstance(discrete, str) and discrete == "auto":
        return dict.fromkeys(names, "auto")
    if isinstance(discrete, bool | np.bool_):
        return dict.fromkeys(names, bool(discrete))
    if isinstance(discrete, Mapping):
        unknown = [k for k in discrete if k not in set(names)]
        if unknown:
            raise InvalidParameterError(
                f"The 'discrete' parameter of column_kinds() names columns that are "
                f"not in the table: {unknown}. Columns: "
                f"{[str(n) for n in names][:20]}."
            )
        out: dict[Any, bool | str] = dict.fromkeys(names, "auto")
        for key, value in discrete.items():
            if not isinstance(value, bool | np.bool_):
                raise InvalidParameterError(
                    f"The 'discrete' parameter of column_kinds() maps column {key!r} "
                    f"to {value!r}; each value must be True or False."
                )
            out[key] = bool(value)
        return out
    raise InvalidParameterError(
        "The 'discrete' parameter of column_kinds() must be 'auto', a bool, or a "
        f"mapping from column name to bool. Got {discrete!r} instead."
    )


#: Reason of a label column with nearly every value its own (``MI_SINGLETONS``).
_IDENTIFIER = (
    "{distinct} distinct labels in {n} rows: nearly every value is its own (like "
    "a row identifier), so its MI with another column cannot be estimated from "
    "this sample; group its values to include it"
)


def _override(name: Any, kind: str) -> str:
    if kind == "unusable":
        return ""
    flag = "True" if kind != "labels" else "False"
    what = "labels" if kind != "labels" else "numbers"
    return f"discrete={{{name!r}: {flag}}} reads it as {what}"


def _classify(name: Any, column: pd.Series, given: bool | str) -> tuple[str, str, bool]:
    """Return the kind, the reason and the discrete flag of a column with no NaN."""
    import pandas as pd

    with warnings.catch_warnings():
        # the reason says what validation's DataWarning would say
        warnings.simplefilter("ignore", MutinfoWarning)
        (var,) = check_samples({str(name): column}, discrete=given)
    is_discrete = bool(var.discrete[0])
    values = var.values[:, 0]
    dtype = column.dtype
    integer = pd.api.types.is_integer_dtype(dtype)
    prefix = "" if isinstance(given, str) else f"given as discrete={given}; "
    if is_discrete:
        distinct = int(np.unique(values).size)
        if prefix:
            why = f"{prefix}{distinct} distinct values"
        elif integer:
            why = (
                f"integers with {distinct} distinct values (at most "
                f"{MAX_LABEL_VALUES}, or spread like codes): read as labels"
            )
        elif pd.api.types.is_bool_dtype(dtype):
            why = "true/false values"
        elif isinstance(dtype, pd.CategoricalDtype):
            why = f"a categorical column with {distinct} categories"
        elif pd.api.types.is_float_dtype(dtype):
            why = (
                f"floats holding {distinct} distinct whole numbers (at most "
                f"{FLOAT_LABEL_VALUES}, each repeated): labels stored as floats"
            )
        else:
            why = f"text or other labels, {distinct} distinct values"
        return "labels", why, True
    if integer and not prefix:
        summary = summarize_integers(column.to_numpy())
        why = (
            f"{summary.n_distinct} distinct integers from {summary.low} to "
            f"{summary.high}, concentrated like a measurement (more than "
            f"{MAX_LABEL_VALUES} values): read as numbers"
        )
        return "integer measurement", why, False
    mult = multiplicity(values)
    if mult > TIE_MULTIPLICITY:
        why = (
            f"{prefix}numbers whose values repeat heavily (a row shares its value "
            f"with {mult:.0f} rows on average, above {TIE_MULTIPLICITY:.0f}): "
            "method='auto' takes a tie-aware estimator"
        )
        return "atoms/ties", why, False
    atoms = atom_fraction(values)
    if atoms > 0.0:
        why = (
            f"{prefix}numbers with point masses ({atoms:.0%} of the rows sit on "
            "values that each hold at least 10% of them)"
        )
        return "atoms/ties", why, False
    distinct = int(np.unique(values).size)
    kind_text = "integers" if integer else "floating-point numbers"
    return "continuous", f"{prefix}{kind_text}, {distinct} distinct values", False


@validate_params({"max_missing": Interval(float, 0.0, 1.0)})
def column_kinds(
    data: Any, *, discrete: Any = "auto", max_missing: float = 0.5
) -> pd.DataFrame:
    """Return how mutinfo reads each column of a table, why, and how to override it.

    Each column gets the kind ``discrete="auto"`` (the rule of
    :func:`mutinfo.estimate` and every other function) reads it as:

    - ``labels``: bools, text, categoricals, integers with at most 100
      distinct values or spread like codes, and floats holding at most 9
      distinct whole numbers that repeat (labels stored as floats, as a CSV or
      a pandas column with NaN gives them): counted, never measured;
    - ``integer measurement``: integers with more than 100 distinct values
      concentrated like a density's: read as numbers;
    - ``atoms/ties``: numbers whose values repeat heavily (a row shares its
      value with more than 20 others on average) or with point masses (values
      that each hold at least 10% of the rows): ``method="auto"`` then takes a
      tie-aware estimator;
    - ``continuous``: other numbers;
    - ``unusable``: every value missing, more than ``max_missing`` of them
      missing, or constant: such a column carries no information; or labels
      with nearly every value its own (fewer than
      :data:`mutinfo._rules.MI_SINGLETONS`, 1.2, rows per distinct value: a
      row identifier, a free-text field), whose MI with another column
      cannot be estimated from the sample. :func:`mutinfo.report` skips such
      a column with this reason.

    The kind is decided on the rows where the column is present. The
    validation warnings a column would raise (an integer column read as
    numbers) are not raised here: the reason says the same.

    Parameters
    ----------
    data : DataFrame or array-like of shape (n_samples, n_columns)
        The table (pandas or polars DataFrame, dict of columns, 2-D array).
    discrete : 'auto', bool or mapping of column name to bool, default='auto'
        Override the reading of every column (a bool) or of some
        (``{"zip": True}`` reads ``zip`` as labels); the reason then says so.
    max_missing : float in [0, 1], default=0.5
        A column with a larger share of missing values is ``unusable``.

    Returns
    -------
    pandas.DataFrame
        One row per column, in the table's order: ``column`` (the name as
        given), ``kind`` (one of :data:`KINDS`), ``discrete`` (the flag to pass
        as ``discrete=``; None where unusable), ``reason`` (in words),
        ``override`` (the ``discrete=`` setting that reads it the other way)
        and ``missing`` (the number of missing values).

    Raises
    ------
    InvalidDataError
        For a table with no column, or input that is not a table.
    InvalidParameterError
        For a ``discrete`` mapping that names an absent column or maps to
        something other than a bool.

    Examples
    --------
    >>> import mutinfo as mt
    >>> wine = mt.datasets.load_wine()
    >>> kinds = mt.column_kinds(wine[["alcohol", "magnesium", "cultivar"]])
    >>> kinds[["column", "kind"]].values.tolist()
    [['alcohol', 'continuous'], ['magnesium', 'labels'], ['cultivar', 'labels']]
    >>> kinds.loc[1, "override"]
    "discrete={'magnesium': False} reads it as numbers"
    """
    import pandas as pd

    frame = _as_frame(data)
    if frame.shape[1] == 0:
        raise InvalidDataError(
            f"The 'data' parameter of column_kinds() has no column (shape "
            f"{frame.shape}); pass a table with at least one column."
        )
    names = list(frame.columns)
    flags = _flags(discrete, names)
    rows: list[dict[str, Any]] = []
    n = frame.shape[0]
    for position, name in enumerate(names):
        column = frame.iloc[:, position]
        missing = column.isna().to_numpy(dtype=bool)
        n_missing = int(missing.sum())
        present = column[~missing]
        reason = ""
        if n_missing == n:
            reason = "every value is missing"
        elif n_missing > max_missing * n:
            reason = (
                f"{n_missing} of {n} values are missing (more than "
                f"{max_missing:.0%}); impute them to include it"
            )
        elif present.nunique() < 2:
            value = present.iloc[0]
            value = value.item() if isinstance(value, np.generic) else value
            reason = f"constant (every value is {value!r}): it carries no information"
        override = ""
        if reason:
            kind, flag = "unusable", None
        else:
            kind, reason, flag = _classify(name, present, flags[name])
            override = _override(name, kind)
            distinct = int(present.nunique()) if kind == "labels" else 0
            if kind == "labels" and present.size < MI_SINGLETONS * distinct:
                kind, flag = "unusable", None
                reason = _IDENTIFIER.format(distinct=distinct, n=present.size)
                numeric = pd.api.types.is_numeric_dtype(present.dtype)
                override = _override(name, "labels") if numeric else ""
        rows.append(
            {
                "column": name,
                "kind": kind,
                "discrete": flag,
                "reason": reason,
                "override": override,
                "missing": n_missing,
            }
        )
    out = pd.DataFrame(rows, columns=list(FIELDS))
    out["discrete"] = out["discrete"].astype(object)
    return out
