"""mutinfo.sklearn.MutualInfoSelector: scikit-learn's estimator checks and pipelines."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")

from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import mutinfo as mt
from mutinfo.exceptions import DataWarning, InvalidParameterError
from mutinfo.sklearn import MutualInfoSelector


@parametrize_with_checks([MutualInfoSelector(k=2, rng=0)])
@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.DataWarning")
@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")
def test_sklearn_estimator_checks(estimator: object, check: object) -> None:
    # The checks feed tiny tables of tied values (so kNN estimates warn about
    # ties, and plug-in ones about bias); the warnings are right and not the
    # subject of these checks.
    check(estimator)  # type: ignore[operator]


def classification_data(n: int = 600, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Class from x0 + 0.5 x1; x2 is a noisy copy of x0; x3..x7 noise."""
    rng = np.random.default_rng(seed)
    x0, x1 = rng.normal(size=n), rng.normal(size=n)
    y = (x0 + 0.5 * x1 > 0).astype(np.int64)
    X = np.column_stack(
        [x0, x1, x0 + 0.5 * rng.normal(size=n), rng.normal(size=(n, 5))]
    )
    return X, y


def test_attributes_match_the_functional_api() -> None:
    X, y = classification_data()
    sel = MutualInfoSelector(k=3, criterion="jmi", rng=0).fit(X, y)
    direct = mt.selection.forward_selection(X, y, k=3, criterion="jmi", rng=0)
    assert sel.selected_.tolist() == list(direct.indices)
    np.testing.assert_array_equal(sel.scores_, direct.relevance)
    np.testing.assert_array_equal(sel.ranking_, direct.ranking)
    assert sel.get_support(indices=True).tolist() == sorted(direct.indices)
    assert sel.transform(X).shape == (600, 3)
    assert sel.selected_.tolist()[:2] in ([0, 1], [1, 0])


def test_mi_criterion_selects_what_select_k_best_selects() -> None:
    # Discrete features: both rank by the same plug-in MI.
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, 500)
    X = np.column_stack([(y + rng.integers(0, s + 1, 500)) % 4 for s in range(6)])
    ours = MutualInfoSelector(k=3, criterion="mi").fit(X, y)
    peer = SelectKBest(
        lambda X, y: mutual_info_classif(X, y, discrete_features=True), k=3
    ).fit(X, y)
    np.testing.assert_array_equal(ours.get_support(), peer.get_support())


def test_pipeline_and_grid_search_round_trip() -> None:
    X, y = classification_data(n=400)
    pipe = make_pipeline(
        StandardScaler(), MutualInfoSelector(rng=0), LogisticRegression()
    )
    grid = GridSearchCV(
        pipe,
        {
            "mutualinfoselector__k": [1, 2],
            "mutualinfoselector__criterion": ["mi", "mrmr"],
        },
        cv=3,
    )
    grid.fit(X, y)
    # Only mRMR with k=2 finds both causes (mi picks x0 and its copy).
    assert grid.best_params_ == {
        "mutualinfoselector__k": 2,
        "mutualinfoselector__criterion": "mrmr",
    }
    best = grid.best_estimator_.named_steps["mutualinfoselector"]
    assert sorted(best.selected_.tolist()) == [0, 1]
    assert grid.score(X, y) > 0.95
    clone = pickle.loads(pickle.dumps(grid.best_estimator_))
    np.testing.assert_array_equal(clone.predict(X), grid.predict(X))


def test_dataframe_keeps_kinds_and_names() -> None:
    rng = np.random.default_rng(2)
    n = 500
    label = rng.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "colour": np.array(["red", "green", "blue"])[label],
            "size": label + rng.normal(size=n),
            "noise": rng.normal(size=n),
        }
    )
    sel = MutualInfoSelector(k=1, criterion="mrmr", rng=0).fit(frame, label)
    assert sel.get_feature_names_out().tolist() == ["colour"]
    assert (
        sel.selection_.methods["colour"]
        == mt.estimate("mi", frame["colour"], label).method
    )
    assert list(sel.feature_names_in_) == ["colour", "size", "noise"]


def test_k_all_and_k_too_large() -> None:
    X, y = classification_data(n=200)
    assert MutualInfoSelector(k="all", rng=0).fit(X, y).get_support().all()
    with pytest.warns(DataWarning, match="k=20 is greater than n_features=8"):
        sel = MutualInfoSelector(k=20, rng=0).fit(X, y)
    assert sel.get_support().sum() == 8


def test_bad_parameters_raise_at_fit() -> None:
    X, y = classification_data(n=100)
    with pytest.raises(InvalidParameterError, match="'criterion'"):
        MutualInfoSelector(k=2, criterion="mrnr").fit(X, y)
    with pytest.raises(InvalidParameterError, match="'k' parameter"):
        MutualInfoSelector(k=0).fit(X, y)
    with pytest.raises(
        InvalidParameterError, match="takes no parameter 'n_neighbours'"
    ):
        MutualInfoSelector(k=2, method="ksg", method_params={"n_neighbours": 5}).fit(
            X, y
        )


def test_transform_keeps_non_numeric_frame_columns() -> None:
    # scikit-learn's transform cast the frame to float64 and failed on the
    # category names ("Cannot cast str dtype to float64") after fit worked.
    import pandas as pd

    g = np.random.default_rng(0)
    n = 200
    X = pd.DataFrame(
        {
            "a": g.integers(0, 2, n).astype(bool),
            "b": pd.Categorical(g.choice(["u", "v", "w"], n)),
            "c": g.standard_normal(n),
        }
    )
    y = (X["a"].astype(int) + (X["b"] == "u")).to_numpy()
    selector = MutualInfoSelector(k=2, rng=0).fit(X, y)
    out = selector.transform(X)
    assert list(out.columns) == ["a", "b"]
    assert out["b"].dtype == X["b"].dtype
    with pytest.raises(ValueError, match="feature names"):
        selector.transform(X[["c", "b", "a"]])


def test_selector_pairs_a_frame_and_a_series_by_position_as_scikit_learn() -> None:
    # mutinfo's functions refuse pandas inputs whose indexes differ; in a
    # scikit-learn estimator X and y pair by position, as in SelectKBest.
    import pandas as pd

    g = np.random.default_rng(1)
    X = pd.DataFrame(g.integers(0, 3, (300, 3)), columns=["a", "b", "c"]).iloc[50:]
    y = pd.Series(X["a"].to_numpy())  # RangeIndex 0..249, X's index is 50..299
    selector = MutualInfoSelector(k=1, criterion="mi", rng=0).fit(X, y)
    assert selector.get_support(indices=True).tolist() == [0]


@pytest.mark.parametrize("mask", [[1], np.array([False, True, False])])
@pytest.mark.parametrize("frame", [False, True])
def test_scores_equal_mutual_info_regression_with_its_discrete_features(
    mask: object, frame: bool
) -> None:
    # The same KSG (k=3) as scikit-learn, with its discrete_features semantics
    # (indices or a mask of X's columns, y left continuous): equal scores,
    # except that scikit-learn clips negative estimates to 0 and mutinfo not.
    from sklearn.feature_selection import mutual_info_regression

    rng = np.random.default_rng(0)
    n = 500
    X = np.column_stack(
        [rng.normal(size=n), rng.integers(0, 4, n).astype(float), rng.normal(size=n)]
    )
    y = X[:, 0] + X[:, 1] + 0.5 * rng.normal(size=n)
    data = pd.DataFrame(X, columns=["z", "a", "q"]) if frame else X
    sel = MutualInfoSelector(k="all", criterion="mi", discrete=mask, rng=0)
    ours = sel.fit(data, y).scores_
    theirs = mutual_info_regression(X, y, discrete_features=mask, random_state=0)
    np.testing.assert_allclose(np.maximum(ours, 0.0), theirs, rtol=1e-9, atol=1e-12)
    assert ours[2] < 0  # the raw estimate of the independent column, unclipped
    assert list(sel.selection_.methods.values()) == ["ksg", "mixed_ksg", "ksg"]


def test_selector_refuses_a_two_bool_tuple_with_two_features() -> None:
    # (True, False) with two features is a mask of X for scikit-learn and an
    # (X_entry, y_entry) pair for mutinfo: it was read as the pair, silently.
    from mutinfo.exceptions import InvalidParameterError
    from mutinfo.sklearn import MutualInfoSelector

    g = np.random.default_rng(0)
    x = np.column_stack([g.integers(0, 3, 200), g.normal(size=200)])
    y = x[:, 0] + g.normal(size=200)
    with pytest.raises(InvalidParameterError, match="ambiguous"):
        MutualInfoSelector(k=1, discrete=(True, False), rng=0).fit(x, y)
    # The unambiguous spellings are accepted.
    MutualInfoSelector(k=1, discrete=[True, False], rng=0).fit(x, y)
    MutualInfoSelector(k=1, discrete=([True, False], False), rng=0).fit(x, y)


@pytest.mark.parametrize("frame", [False, True])
def test_categorical_target_is_read_as_labels_as_rank_features_reads_it(
    frame: bool,
) -> None:
    # y.to_numpy() of a categorical of numbers gave floats, so the selector
    # read the target as continuous ('mixed_atoms') where rank_features and
    # forward_selection read it as labels ('mixed_ksg').
    g = np.random.default_rng(2)
    lab = g.integers(0, 3, 300)
    X = pd.DataFrame({"a": lab + g.normal(size=300), "b": g.normal(size=300)})
    y = pd.Series(pd.Categorical(np.array([0.5, 1.5, 2.5])[lab]), index=X.index + 7)
    selector = MutualInfoSelector(k=1, rng=1).fit(X if frame else X.to_numpy(), y)
    ranked = mt.rank_features(X, y.to_numpy(dtype=object), discrete=(False, True))
    assert set(selector.selection_.methods.values()) == {"mixed_ksg"}
    assert set(ranked["method"]) == {"mixed_ksg"}
    scores = dict(zip(ranked["feature"], ranked["mi"], strict=True))
    assert selector.scores_[0] == pytest.approx(scores["a"], abs=1e-12)
