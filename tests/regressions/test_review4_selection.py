"""Review regressions (h4-rev-sel): feature selection and the scikit-learn selector.

- A per-column mask ``discrete=[False, True, False, True]`` (scikit-learn's
  ``discrete_features`` shape) was read as one entry per variable, X=False and
  y=True, the rest ignored: the two label columns were scored as continuous.
- ``MutualInfoSelector(discrete=True)`` (scikit-learn's "every feature is
  discrete") also made a continuous regression target discrete: every feature
  scored about 4e-8 nats and the informative one was not told apart.
- A DataFrame with duplicated column names gave selected names that do not say
  which column was picked (``X[selected]`` returned the noise column too).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.sklearn import MutualInfoSelector


def _labels_and_noise() -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(0)
    n = 300
    X = np.column_stack(
        [
            g.normal(size=n),
            g.integers(0, 3, n).astype(float),
            g.normal(size=n),
            g.integers(0, 4, n).astype(float),
        ]
    )
    y = (X[:, 1] + (X[:, 2] > 0)).astype(int)
    return X, y


def test_per_column_discrete_mask_is_refused_not_misread() -> None:
    X, y = _labels_and_noise()
    mask = [False, True, False, True]
    with pytest.raises(InvalidParameterError, match="'discrete' parameter has 4"):
        mt.rank_features(X, y, discrete=mask)
    with pytest.raises(InvalidParameterError, match=r"discrete=\(\[False, True"):
        mt.select_features(X, y, k=2, discrete=mask)
    with pytest.raises(InvalidParameterError, match="one entry per variable"):
        mt.mi(X[:, 1], y, discrete=(True, True, True))
    # The spelling the message gives reads the mask.
    ranked = mt.rank_features(X, y, discrete=(mask, "auto"), rng=0)
    methods = dict(zip(ranked["feature"], ranked["method"], strict=True))
    assert methods[1] == methods[3] == "miller_madow"


def test_selector_mask_array_marks_columns_of_x() -> None:
    X, y = _labels_and_noise()
    mask = np.array([False, True, False, True])
    by_mask = MutualInfoSelector(k=2, discrete=mask, rng=0).fit(X, y)
    by_index = MutualInfoSelector(k=2, discrete=np.array([1, 3]), rng=0).fit(X, y)
    assert by_mask.selection_.methods[1] == "miller_madow"
    np.testing.assert_array_equal(by_mask.scores_, by_index.scores_)
    with pytest.raises(InvalidParameterError, match="boolean mask of the 4 columns"):
        MutualInfoSelector(k=2, discrete=np.array([0, 7])).fit(X, y)


def test_selector_discrete_true_keeps_a_regression_target_continuous() -> None:
    g = np.random.default_rng(0)
    n = 300
    X = g.integers(0, 4, size=(n, 4))
    y = X[:, 2] + g.normal(size=n)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mt.MutinfoWarning)
        fitted = MutualInfoSelector(k=1, discrete=True, rng=0).fit(X, y)
    assert fitted.get_support(indices=True).tolist() == [2]
    assert fitted.scores_[2] > 0.3  # was 1.1e-7, below a noise column's 1.1e-7
    auto = MutualInfoSelector(k=1, rng=0).fit(X, y)
    np.testing.assert_array_equal(fitted.scores_, auto.scores_)


def test_duplicated_column_names_are_refused() -> None:
    g = np.random.default_rng(0)
    X = pd.DataFrame(g.integers(0, 3, size=(200, 3)), columns=["a", "a", "c"])
    y = X.iloc[:, 1] * 2 + X.iloc[:, 2]
    with pytest.raises(InvalidDataError, match=r"duplicated column names \['a'\]"):
        mt.select_features(X, y, k=2)
    with pytest.raises(InvalidDataError, match=r"X\.to_numpy"):
        mt.rank_features(X, y)
    assert mt.select_features(X.to_numpy(), y, k=2) == [1, 2]
