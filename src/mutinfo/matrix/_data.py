"""Input of an all-pairs matrix: select the columns, validate once, split per column."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._validation import Variable, check_samples, table_names, unmasked
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["Table", "build_table"]


@dataclass(frozen=True)
class Table:
    """Validated columns of a matrix run: one :class:`Variable` per column, and Z."""

    names: list[Any]
    columns: list[Variable]
    z: Variable | None
    #: All columns as one (n, p) block (``columns[j].values`` are views of it
    #: when :func:`build_table` made the table); built from ``columns`` if omitted.
    block: NDArray[np.float64] = field(default=None, repr=False)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if self.block is None:
            block = np.column_stack([c.values[:, 0] for c in self.columns])
            object.__setattr__(self, "block", block)

    @property
    def n_samples(self) -> int:
        """Rows left after the NaN policy."""
        return self.columns[0].n_samples


def _module_of(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


def _pick(data: Any, names: list[Any], wanted: list[Any], what: str) -> Any:
    missing = [c for c in wanted if c not in names]
    if missing:
        raise InvalidParameterError(
            f"Column(s) {', '.join(map(repr, missing))} given to {what!r} are not in "
            f"the data. Available columns: {', '.join(map(str, names))}."
        )
    if _module_of(data) in ("polars", "pyarrow"):
        return data.select(wanted)
    return data[wanted]


def _as_2d(data: Any) -> np.ndarray:
    if _module_of(data) == "torch":
        data = data.detach().cpu().numpy()
    try:
        arr = (
            unmasked(data) if isinstance(data, np.ma.MaskedArray) else np.asarray(data)
        )
    except (ValueError, TypeError) as exc:
        raise InvalidDataError(
            f"The 'data' parameter could not be read as a table ({exc}). Pass a "
            "2-D array, a list of rows or a DataFrame."
        ) from None
    if arr.ndim != 2:
        raise InvalidDataError(
            "The 'data' parameter must be a table of shape (n_samples, n_columns). "
            f"Got an array of shape {arr.shape} instead."
        )
    return arr


def _as_list(spec: Any, name: str) -> list[Any]:
    if isinstance(spec, str | int | np.integer):
        return [spec]
    if isinstance(spec, Sequence) or hasattr(spec, "__iter__"):
        return list(spec)
    raise InvalidParameterError(
        f"The {name!r} parameter must be a list of column names or indices. "
        f"Got {spec!r} instead."
    )


def _refuse_columns_in_z(
    block: NDArray[np.float64], names: list[Any], z: Variable
) -> None:
    """Raise if a column is also a column of Z (the same values after validation).

    ``I(X_i; X_j | Z) = 0`` for every ``j`` when ``X_i`` is a column of ``Z``
    (or a relabelling of one: labels are coded by sorted value), so its row
    of the matrix carries no information, and estimators return noise around 0
    (-0.06 nats was seen). Cheap: rows are compared a few at a time and only
    the columns still equal are compared further.
    """
    found: list[tuple[Any, str]] = []
    for k in range(z.values.shape[1]):
        zc = z.values[:, k]
        cand = np.arange(block.shape[1])
        for start in range(0, block.shape[0], 64):
            rows = slice(start, start + 64)
            same = (block[rows, cand] == zc[rows, None]).all(axis=0)
            cand = cand[same]
            if cand.size == 0:
                break
        found.extend((names[int(c)], z.labels[k]) for c in cand)
    if found:
        pairs = ", ".join(f"{name!r} (Z column {label!r})" for name, label in found)
        raise InvalidParameterError(
            f"Column(s) {pairs} of the matrix are also in 'z': I(X; Y | Z) = 0 by "
            "definition when X is a column of Z, so their rows would hold only "
            "estimation noise. Leave them out of 'columns', or out of 'z'."
        )


def build_table(
    data: Any,
    *,
    columns: Any = None,
    z: Any = None,
    discrete: Any = "auto",
    nan_policy: str = "raise",
) -> Table:
    """Select, validate and split the columns of ``data`` (and ``z``).

    ``z`` is either array-like of shape (n,) or (n, d_z), or column names of a
    DataFrame ``data`` (those columns are then left out of the matrix unless
    ``columns`` names them). A matrix column equal to a column of Z (or a
    relabelling of one) is refused: its conditional MI with anything is 0.
    ``discrete`` is ``"auto"``, one bool, one bool per selected column, or a
    mapping of column name to bool (other columns ``"auto"``); Z is detected
    automatically unless ``discrete`` is a bool or the mapping names its columns.
    """
    names_all = table_names(data)
    z_data: Any = z
    z_names: list[Any] = []
    if names_all is not None:
        if (
            z is not None
            and not hasattr(z, "shape")
            and (isinstance(z, str) or all(c in names_all for c in _as_list(z, "z")))
        ):
            z_names = _as_list(z, "z")
            z_data = _pick(data, names_all, z_names, "z")
        wanted = (
            [c for c in names_all if c not in z_names]
            if columns is None
            else _as_list(columns, "columns")
        )
        selected = _pick(data, names_all, wanted, "columns")
        names = wanted
        if _module_of(data) == "pandas":
            from mutinfo.io._tables import NA_FIX, warn_numeric_like_labels

            used = list(dict.fromkeys([*wanted, *z_names]))
            warn_numeric_like_labels(data[used], NA_FIX)
    else:
        arr = _as_2d(data)
        if columns is None:
            idx = list(range(arr.shape[1]))
        else:
            idx = _as_list(columns, "columns")
            bad = [
                c
                for c in idx
                if not isinstance(c, int | np.integer) or not 0 <= c < arr.shape[1]
            ]
            if bad:
                raise InvalidParameterError(
                    f"The 'columns' parameter must hold column indices in "
                    f"[0, {arr.shape[1] - 1}] for array data. Got {bad!r} instead."
                )
        selected = arr[:, idx]
        names = [int(c) for c in idx]
    if len(names) < 2:
        raise InvalidParameterError(
            "An MI matrix needs at least 2 columns; "
            f"got {len(names)} ({names!r}). Select more columns."
        )
    if len(set(names)) != len(names):
        raise InvalidParameterError(
            f"The 'columns' parameter lists a column twice: {names!r}."
        )
    spec: Any
    if isinstance(discrete, Mapping):
        # Column name -> bool (the form column_kinds prints), others "auto".
        unknown = [k for k in discrete if k not in names and k not in z_names]
        if unknown:
            raise InvalidParameterError(
                f"The 'discrete' parameter names column(s) {unknown!r} that are not "
                f"in the matrix's columns {names[:20]!r}"
                f"{' or z' if z_names else ''}. Name selected columns, or give one "
                "bool per column."
            )
        wrong = {
            k: v for k, v in discrete.items() if not isinstance(v, bool | np.bool_)
        }
        if wrong:
            raise InvalidParameterError(
                f"The 'discrete' parameter maps columns to {wrong!r}; each value must "
                "be True (labels) or False (numbers)."
            )
        flags = [discrete.get(name, "auto") for name in names]
        if z_names:
            z_flags = [discrete.get(name, "auto") for name in z_names]
            spec = (flags, z_flags)
        else:
            spec = (flags,) if z_data is None else (flags, "auto")
    elif isinstance(discrete, str | bool | np.bool_):
        spec = discrete if z_data is None else (discrete, discrete)
    elif isinstance(discrete, Sequence):
        flags = list(discrete)
        if len(flags) != len(names):
            raise InvalidParameterError(
                f"The 'discrete' parameter has {len(flags)} entries but {len(names)} "
                "columns are selected; give 'auto', one bool, or one bool per column."
            )
        spec = (flags,) if z_data is None else (flags, "auto")
    else:
        raise InvalidParameterError(
            "The 'discrete' parameter must be 'auto', a bool, a list of bools (one "
            "per column) or a mapping of column name to bool. Got "
            f"{discrete!r} instead."
        )
    given: dict[str, Any] = {"data": selected}
    if z_data is not None:
        given["z"] = z_data
    checked = check_samples(given, discrete=spec, nan_policy=nan_policy)
    block = checked[0]
    cols = [
        Variable(
            name=str(name),
            values=block.values[:, j : j + 1],
            discrete=(block.discrete[j],),
            labels=(str(name),),
            coded=(block.coded[j],) if block.coded else (False,),
        )
        for j, name in enumerate(names)
    ]
    z_var = None
    if z_data is not None:
        zv = checked[1]
        z_var = Variable("z", zv.values, zv.discrete, zv.labels, zv.coded)
        _refuse_columns_in_z(block.values, names, zv)
    return Table(names=names, columns=cols, z=z_var, block=block.values)
