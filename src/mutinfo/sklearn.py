"""scikit-learn integration: :class:`MutualInfoSelector` (needs the ``sklearn`` extra).

Importing this module imports scikit-learn; ``import mutinfo`` never does.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import (
    DataWarning,
    InvalidParameterError,
    MissingDependencyError,
)

try:
    from sklearn.base import BaseEstimator
    from sklearn.feature_selection import SelectorMixin
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    raise MissingDependencyError(
        "mutinfo.sklearn needs scikit-learn: pip install 'mutinfo[sklearn]'"
    ) from None

from mutinfo.selection import Selection, forward_selection

__all__ = ["MutualInfoSelector"]


def _discrete_spec(discrete: Any, n_features: int) -> Any:
    """Map the selector's ``discrete`` (scikit-learn's sense: about X) to mutinfo's.

    A bool or a 1-D array or list (mask or indices) marks columns of ``X``, leaving the
    target "auto"; mutinfo's own ``discrete=True`` would also read a continuous
    regression target as labels, which makes every feature score about 0.
    """
    if isinstance(discrete, bool | np.bool_):
        return (bool(discrete), "auto")
    if (
        isinstance(discrete, tuple)
        and len(discrete) == 2
        and n_features == 2
        and all(isinstance(e, bool | np.bool_) for e in discrete)
    ):
        # scikit-learn reads a tuple as a mask of X's columns, mutinfo as an
        # (X_entry, y_entry) pair: with two features both readings fit.
        raise InvalidParameterError(
            "The 'discrete' parameter of MutualInfoSelector is ambiguous: "
            f"{discrete!r} with 2 features of X is either a mask of X's columns "
            "(scikit-learn's reading) or an (X_entry, y_entry) pair (mutinfo's). "
            f"Pass a list or array such as {list(discrete)!r} for a mask of X, or a "
            f"pair with a list for X such as ({[discrete[0]] * 2!r}, {discrete[1]!r})."
        )
    if (
        isinstance(discrete, list)
        and discrete
        and all(isinstance(e, bool | int | np.bool_ | np.integer) for e in discrete)
    ):
        # scikit-learn's array-like: a list mask or list of indices is about X
        # (as a (X_entry, y_entry) pair, [False, True] read y as labels).
        discrete = np.asarray(discrete)
    if not isinstance(discrete, np.ndarray):
        return discrete
    flags = np.zeros(n_features, dtype=bool)
    if discrete.ndim == 1 and discrete.dtype == bool and discrete.size == n_features:
        flags = discrete.copy()
    elif (
        discrete.ndim == 1
        and np.issubdtype(discrete.dtype, np.integer)
        and np.all((discrete >= 0) & (discrete < n_features))
    ):
        flags[discrete] = True
    else:
        raise InvalidParameterError(
            "The 'discrete' parameter of MutualInfoSelector, given as an array, must "
            f"be a boolean mask of the {n_features} columns of X or an array of "
            f"column indices in [0, {n_features - 1}]. Got an array of dtype "
            f"{discrete.dtype} and shape {discrete.shape} instead."
        )
    return ([bool(f) for f in flags], "auto")


class MutualInfoSelector(SelectorMixin, BaseEstimator):  # type: ignore[misc]
    """Select features by a mutual-information criterion, in scikit-learn pipelines.

    A scikit-learn transformer around :func:`mutinfo.selection.forward_selection`:
    ``fit`` runs the greedy forward selection, ``transform`` keeps the selected
    columns. Works in ``Pipeline`` and ``GridSearchCV`` like ``SelectKBest``.

    Parameters
    ----------
    k : int or 'all', default=10
        Number of features to select; ``"all"`` ranks every feature. A ``k``
        larger than the number of features selects them all, with a warning.
        With ``threshold`` or ``alpha`` set, the selection may stop earlier.
    criterion : {'mrmr', 'mrmr_quotient', 'jmi', 'cmim', 'jmim', 'mi'}, default='mrmr'
        Selection criterion (see :func:`mutinfo.selection.forward_selection`).
    method : str or mutinfo Estimator, default='auto'
        Estimator of every term; ``"auto"`` picks one from the kinds of the
        columns of each term.
    threshold : float or None, default=None
        Stop when the best candidate's score (in nats) falls below this value.
    alpha : float or None, default=None
        Stop when the best candidate's conditional relevance given the selected
        features is not significant at this level (a permutation test).
    n_permutations : int, default=1000
        Permutations of each test for ``alpha``.
    discrete : 'auto', bool, list, ndarray or tuple, default='auto'
        Which columns of ``X`` are discrete (``"auto"``: integer, boolean,
        string and categorical columns). As scikit-learn's
        ``discrete_features``, a bool or a 1-D array or list (a boolean mask
        of the columns, or their indices) is about ``X`` only; the target's kind
        stays ``"auto"`` (labels for classification, continuous for
        regression). A pair ``(X_entry, y_entry)`` sets both, as in
        :func:`mutinfo.selection.forward_selection`.
    method_params : dict or None, default=None
        Parameters of a named method, for example ``{"n_neighbors": 5}``.
    n_jobs : int or None, default=None
        Local threads for the estimates.
    rng : None, int or numpy.random.Generator, default=None
        Seed of every random draw (kNN tie-breaking noise).

    Attributes
    ----------
    scores_ : ndarray of shape (n_features_in_,)
        Relevance ``I(X_j; y)`` of every feature, in nats (not clipped); NaN
        for a label column with a different value on every row (a row
        identifier), which is left out of the candidates and ranked last
        (``selection_.not_estimated``).
    ranking_ : ndarray of shape (n_features_in_,)
        1 for the first selected feature, 2 for the second, ...; unselected
        features follow in the order of their score at the last step.
    selected_ : ndarray of shape (n_selected,)
        Column indices of the selected features, in the order chosen.
    selection_ : mutinfo.selection.Selection
        The full record: scores when chosen, stopping reason, number of estimates.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Defined when ``X`` has string column names.

    Notes
    -----
    ``fit`` passes DataFrames to mutinfo unchanged, so the kinds of their
    columns (integers and strings discrete, floats continuous unless they hold
    at most 9 distinct whole numbers that repeat) are kept; other
    inputs are validated by scikit-learn as numeric arrays first.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from mutinfo.sklearn import MutualInfoSelector
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(0, 2, size=(600, 6))
    >>> y = X[:, 0] ^ X[:, 3]
    >>> selector = MutualInfoSelector(k=2, criterion="jmi").fit(X, y)
    >>> selector.get_support(indices=True).tolist()
    [0, 3]
    >>> selector = MutualInfoSelector(k=2, criterion="jmi")
    >>> model = make_pipeline(selector, DecisionTreeClassifier(random_state=0))
    >>> float(model.fit(X, y).score(X, y))
    1.0
    """

    def __init__(
        self,
        k: int | str = 10,
        *,
        criterion: str = "mrmr",
        method: Any = "auto",
        threshold: float | None = None,
        alpha: float | None = None,
        n_permutations: int = 1000,
        discrete: Any = "auto",
        method_params: dict[str, Any] | None = None,
        n_jobs: int | None = None,
        rng: Any = None,
    ) -> None:
        self.k = k
        self.criterion = criterion
        self.method = method
        self.threshold = threshold
        self.alpha = alpha
        self.n_permutations = n_permutations
        self.discrete = discrete
        self.method_params = method_params
        self.n_jobs = n_jobs
        self.rng = rng

    def fit(self, X: Any, y: Any) -> MutualInfoSelector:
        """Run the greedy selection on ``X`` and ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        MutualInfoSelector
            The fitted selector.
        """
        frame = hasattr(X, "columns")
        if frame:
            # scikit-learn's check_array casts a frame of bools and categoricals
            # to float64, which fails on the category names; mutinfo validates
            # the columns, with their kinds, itself.
            validate_data(self, X, y, skip_check_array=True)
            # scikit-learn pairs X and y by position, whatever their indexes
            # (mutinfo's functions refuse pandas inputs whose indexes differ).
            X_checked = X
            y_checked = y.to_numpy() if hasattr(y, "to_numpy") else y
        else:
            X_checked, y_checked = validate_data(self, X, y, dtype="numeric")
        if _module(y) == "pandas" and hasattr(y, "set_axis"):
            # The target's dtype decides its kind, as in forward_selection: a
            # categorical of numbers (or of more than 100 integers) is labels,
            # which its numpy values (floats, ints) would not say. Paired with
            # X by position, as scikit-learn pairs them.
            index = X.index if _module(X) == "pandas" else range(len(y))
            y_checked = y.set_axis(index)
        n_features = int(X_checked.shape[1])
        k: int | None
        if isinstance(self.k, str) and self.k == "all":
            k = n_features
        elif (
            not isinstance(self.k, bool)
            and isinstance(self.k, int | np.integer)
            and self.k > n_features
        ):
            warnings.warn(
                f"k={self.k} is greater than n_features={n_features}; all the "
                "features are selected.",
                DataWarning,
                stacklevel=2,
            )
            k = n_features
        else:
            k = self.k  # type: ignore[assignment]  # validated by forward_selection
        selection: Selection = forward_selection(
            X if frame else X_checked,
            y_checked,
            k=k,
            criterion=self.criterion,
            method=self.method,
            threshold=self.threshold,
            alpha=self.alpha,
            n_permutations=self.n_permutations,
            base=math.e,
            discrete=_discrete_spec(self.discrete, n_features),
            n_jobs=self.n_jobs,
            rng=self.rng,
            **(self.method_params or {}),
        )
        self.selection_ = selection
        self.scores_ = np.asarray(selection.relevance, dtype=np.float64)
        self.ranking_ = np.asarray(selection.ranking, dtype=np.int64)
        self.selected_ = np.asarray(selection.indices, dtype=np.intp)
        return self

    def transform(self, X: Any) -> Any:
        """Keep the selected columns of ``X``.

        Numeric input gives what scikit-learn's selectors give (an array, or a
        DataFrame under ``set_output(transform="pandas")``). A pandas or polars
        DataFrame with non-numeric columns (strings, categories), which
        scikit-learn cannot turn into a numeric array, gives the same kind of
        frame with the selected columns, their kinds kept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        array or DataFrame of shape (n_samples, n_selected)
        """
        if hasattr(X, "columns") and not _all_numeric(X):
            check_is_fitted(self)
            validate_data(self, X, skip_check_array=True, reset=False)
            keep = self.get_support(indices=True).tolist()
            if hasattr(X, "iloc"):  # pandas
                return X.iloc[:, keep]
            return X.select([X.columns[j] for j in keep])  # polars
        return super().transform(X)

    def _get_support_mask(self) -> NDArray[np.bool_]:
        check_is_fitted(self)
        mask = np.zeros(self.n_features_in_, dtype=bool)
        mask[self.selected_] = True
        return mask

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        return tags


def _module(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


def _all_numeric(frame: Any) -> bool:
    """Whether every column of a pandas or polars DataFrame is numeric or boolean."""
    if hasattr(frame, "dtypes") and hasattr(frame, "iloc"):  # pandas
        from pandas.api.types import is_bool_dtype, is_numeric_dtype

        return all(is_numeric_dtype(d) or is_bool_dtype(d) for d in frame.dtypes)
    schema = getattr(frame, "schema", None)
    if schema is not None and hasattr(schema, "values"):  # polars
        return all(d.is_numeric() or str(d) == "Boolean" for d in schema.values())
    return True
