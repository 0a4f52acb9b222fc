"""``MIMatrix``: what :func:`mutinfo.mi_matrix` returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MIMatrix"]


@dataclass(frozen=True)
class MIMatrix:
    """All-pairs mutual information (or CMI given Z) of the columns of a table.

    Attributes
    ----------
    mi : pandas.DataFrame
        Symmetric matrix of estimates in ``unit``, indexed by column name on both
        axes. The diagonal is NaN: it is not estimated (``I(X;X) = H(X)`` is
        infinite for continuous X).
    p_values : pandas.DataFrame or None
        Permutation p-values of independence (conditional independence given Z),
        or None when ``pvalues=False``. Diagonal NaN.
    q_values : pandas.DataFrame or None
        False-discovery-rate adjusted p-values over the upper triangle, or None
        when ``fdr`` was not given.
    methods : pandas.DataFrame
        The resolved registry name of the estimator used for each pair (the
        diagonal holds an empty string); categorical columns, one byte a pair.
    measure : str
        ``"mi"``, or ``"cmi"`` when a conditioning ``z`` was given.
    unit : str
        ``"nats"``, ``"bits"`` or ``"log<base>"``.
    n_samples : int
        Rows used (after the NaN policy).
    not_estimated : pandas.DataFrame
        The pairs left NaN off the diagonal, one row each (``x``, ``y``,
        ``reason``); empty when every pair was estimated. Every pair of a label
        column with a different value on every row (a row ID), whatever the
        method: no estimator can tell its information from the sample, so
        those cells are NaN, listed here, and a
        :class:`~mutinfo.exceptions.DataWarning` names the column.

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(500, 3))
    >>> m = mt.mi_matrix(x, method="ksg", rng=0)
    >>> m.mi.shape, m.measure, m.unit
    ((3, 3), 'mi', 'nats')
    >>> m.to_long().columns.tolist()
    ['x', 'y', 'mi', 'method']
    """

    mi: pd.DataFrame
    p_values: pd.DataFrame | None
    q_values: pd.DataFrame | None
    methods: pd.DataFrame
    measure: str
    unit: str
    n_samples: int
    not_estimated: pd.DataFrame = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.not_estimated is None:
            import pandas as pd

            empty = pd.DataFrame({"x": [], "y": [], "reason": []}, dtype=object)
            object.__setattr__(self, "not_estimated", empty)

    @property
    def methods_used(self) -> list[str]:
        """The registry names of the estimators that ran, sorted."""
        from pandas import CategoricalDtype

        dtypes = set(self.methods.dtypes)
        if len(dtypes) == 1 and isinstance(first := dtypes.pop(), CategoricalDtype):
            # mi_matrix's categories are exactly the methods that ran
            used = set(first.categories)
        else:
            used = set(np.unique(self.methods.to_numpy(dtype=object)))
        return sorted(m for m in used if m)

    @property
    def columns(self) -> list[Any]:
        """The column names, in matrix order."""
        return list(self.mi.columns)

    def to_long(self) -> pd.DataFrame:
        """Return one row per pair (upper triangle, ``x`` before ``y`` in column order).

        Returns
        -------
        pandas.DataFrame
            Columns ``x``, ``y``, ``mi``, ``method`` and, when computed,
            ``p_value`` and ``q_value``.
        """
        import pandas as pd

        p = self.mi.shape[0]
        iu, ju = np.triu_indices(p, k=1)
        names = np.asarray(self.columns, dtype=object)
        frame: dict[str, Any] = {
            "x": names[iu],
            "y": names[ju],
            "mi": self.mi.to_numpy()[iu, ju],
            "method": self.methods.to_numpy(dtype=object)[iu, ju],
        }
        if self.p_values is not None:
            frame["p_value"] = self.p_values.to_numpy()[iu, ju]
        if self.q_values is not None:
            frame["q_value"] = self.q_values.to_numpy()[iu, ju]
        return pd.DataFrame(frame)

    def __repr__(self) -> str:
        p = self.mi.shape[0]
        extra = ""
        if self.p_values is not None:
            extra += ", with p-values"
        if self.q_values is not None:
            extra += " and q-values"
        if len(self.not_estimated):
            extra += f", {len(self.not_estimated)} pairs not estimated"
        used = self.methods_used
        return (
            f"MIMatrix({p} x {p} {self.measure} in {self.unit}, "
            f"n_samples={self.n_samples}, methods={used}{extra})"
        )
