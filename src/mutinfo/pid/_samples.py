"""PID of discrete samples: the plug-in decomposition with an honest warning."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mutinfo._validation import _check_aligned, label_array
from mutinfo.discrete import Distribution
from mutinfo.exceptions import BiasWarning, InvalidDataError, warn
from mutinfo.pid._decompose import Measure, decompose
from mutinfo.pid._result import PID

__all__ = ["MIN_PER_CELL", "check_rows_aligned", "decompose_samples"]

#: Fewer samples than this per occupied joint cell triggers a BiasWarning.
MIN_PER_CELL = 5


def _columns(x: ArrayLike, name: str) -> list[np.ndarray]:
    arr = label_array(x)
    if arr.ndim == 1:
        return [arr]
    if arr.ndim == 2:
        return [arr[:, j] for j in range(arr.shape[1])]
    raise InvalidDataError(
        f"The {name!r} variable must be 1-D (one label per sample) or 2-D "
        f"(n_samples, n_columns); got shape {arr.shape}."
    )


def check_rows_aligned(sources: Any, target: Any) -> None:
    """Refuse pandas sources and target whose row indexes disagree.

    Samples are paired by position; a target taken from a sorted or filtered
    copy of the table paired unrelated rows, and the PID read independence
    (the XOR of two bits, 1 bit of synergy, read 0.0005 bits against its own
    sorted target), where :func:`mutinfo.mi` refuses such inputs.
    """
    given: dict[str, Any] = {}
    if hasattr(sources, "columns") and hasattr(sources, "iloc"):
        given["sources"] = sources
    elif isinstance(sources, Sequence) and not isinstance(sources, str):
        given |= {f"sources[{i}]": s for i, s in enumerate(sources)}
    given["target"] = target
    _check_aligned(given)


def source_columns(sources: Any) -> list[Any]:
    """Return the sources as a list: a DataFrame gives one source per column.

    Iterating a DataFrame yields its column names, which were then read as
    0-d "sources".
    """
    if hasattr(sources, "columns") and hasattr(sources, "iloc"):
        return [sources.iloc[:, j].to_numpy() for j in range(sources.shape[1])]
    return list(sources)


def decompose_samples(
    sources: Sequence[ArrayLike],
    target: ArrayLike,
    *,
    measure: Measure = "ccs",
    base: float = 2,
) -> PID:
    """PID of discrete samples: :func:`decompose` of their empirical distribution.

    Parameters
    ----------
    sources : sequence of array-like, 2-D array or DataFrame
        2 to 4 sources, each of shape (n_samples,) or (n_samples, n_columns)
        (several columns form one source); labels may be numbers or strings.
        A 2-D array or a DataFrame gives one source per column.
    target : array-like of shape (n_samples,) or (n_samples, n_columns)
        The target.
    measure : {"ccs", "imin", "mmi", "broja", "dep", "pm"}, default="ccs"
        The redundancy measure (see :func:`decompose`).
    base : float, default=2
        Logarithm base (2: bits).

    Returns
    -------
    PID
        With ``info["n_samples"]``, ``info["occupied_cells"]`` and
        ``info["samples_per_cell"]``.

    Raises
    ------
    InvalidDataError
        If the arrays have different numbers of rows or more than 2
        dimensions.

    Warns
    -----
    BiasWarning
        When there are fewer than 5 samples per occupied joint cell of the
        sources and the target: plug-in atoms are then biased (every mutual
        information is overestimated, by about ``(cells - 1) / (2 n)`` nats
        for the joint one), which shows up mostly as spurious synergy.

    Notes
    -----
    The atoms are those of the empirical (plug-in) distribution; no bias
    correction is applied, because a corrected atom is not defined for most
    measures. Check significance with a shuffled target, as in the example of
    ``docs/pid.md``.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.pid import decompose_samples
    >>> rng = np.random.default_rng(0)
    >>> x0, x1 = rng.integers(0, 2, 1000), rng.integers(0, 2, 1000)
    >>> r = decompose_samples([x0, x1], x0 ^ x1, measure="imin")
    >>> round(r.synergy, 2), r.info["samples_per_cell"]
    (1.0, 250.0)
    """
    check_rows_aligned(sources, target)
    if isinstance(sources, np.ndarray) and sources.ndim == 2:
        groups = [[sources[:, j]] for j in range(sources.shape[1])]
    else:
        groups = [
            _columns(s, f"sources[{i}]") for i, s in enumerate(source_columns(sources))
        ]
    target_cols = _columns(target, "target")
    names: list[str] = []
    columns: list[np.ndarray] = []
    source_names: list[list[str]] = []
    for i, group in enumerate(groups):
        own = [f"s{i}" if len(group) == 1 else f"s{i}_{j}" for j in range(len(group))]
        source_names.append(own)
        names += own
        columns += group
    target_names = [
        "t" if len(target_cols) == 1 else f"t_{j}" for j in range(len(target_cols))
    ]
    names += target_names
    columns += target_cols
    dist = Distribution.from_samples(*columns, names=names)
    n = int(columns[0].shape[0])
    cells = len(dist)
    per_cell = n / cells
    if per_cell < MIN_PER_CELL:
        warn(
            f"The PID uses n_samples={n} for {cells} occupied joint cells of the "
            f"sources and target ({per_cell:.3g} samples per cell, fewer than "
            f"{MIN_PER_CELL}), so its plug-in atoms are biased (synergy upward "
            "most). Use more samples, coarser variables or fewer sources.",
            BiasWarning,
        )
    result = decompose(
        dist,
        [own if len(own) > 1 else own[0] for own in source_names],
        target_names if len(target_names) > 1 else target_names[0],
        measure=measure,
        base=base,
    )
    info = dict(result.info)
    info.update(n_samples=n, occupied_cells=cells, samples_per_cell=per_cell)
    return PID(
        atoms=result.atoms,
        redundancies=result.redundancies,
        measure=result.measure,
        unit=result.unit,
        sources=result.sources,
        target=result.target,
        mutual_information=result.mutual_information,
        info=info,
        pointwise=result.pointwise,
    )
