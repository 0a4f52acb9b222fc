"""mi_matrix: every fast path equals the registered estimator pair by pair."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo import _auto, _registry
from mutinfo._parallel import content_key, entropy_of
from mutinfo.estimators import KSG, Gaussian, GaussianCopula, Plugin
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
)
from mutinfo.matrix import MIMatrix
from mutinfo.matrix._kernels import STREAM_PAIR, STREAM_TEST, keyed_pair_rng

# Floating-point rounding only: the batched algebra sums in another order than
# the per-pair covariance/eigenvalue route, at ~1e-15 relative per operation.
ROUNDING = 1e-10


def _correlated(n: int, p: int, seed: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    base = g.standard_normal((n, p))
    mix = np.eye(p) + 0.6 * np.tril(g.standard_normal((p, p)), -1)
    return base @ mix.T


def _pairs(p: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(p) for j in range(i + 1, p)]


# --------------------------------------------------------------------------- #
# Fast paths against the registered estimators
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("cls", [Gaussian, GaussianCopula])
@pytest.mark.parametrize("bias_correction", [True, False])
def test_gauss_paths_equal_estimator_per_pair(cls, bias_correction):
    x = _correlated(400, 6, 0)
    x[:, 3] = np.exp(x[:, 3])  # copula must see only ranks
    m = mt.mi_matrix(x, method=cls.name, bias_correction=bias_correction)
    est = cls(bias_correction=bias_correction)
    for i, j in _pairs(6):
        expected = est.mi(x[:, i], x[:, j]).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, rel=ROUNDING, abs=ROUNDING)
        assert m.mi.iloc[j, i] == m.mi.iloc[i, j]
    assert (m.methods.to_numpy()[np.triu_indices(6, 1)] == cls.name).all()


@pytest.mark.parametrize("cls", [Gaussian, GaussianCopula])
def test_gauss_paths_cmi_equal_estimator(cls):
    x = _correlated(300, 5, 1)
    z = _correlated(300, 2, 2) + x[:, :2]
    m = mt.mi_matrix(x, z=z, method=cls.name)
    assert m.measure == "cmi"
    for i, j in _pairs(5):
        expected = cls().cmi(x[:, i], x[:, j], z).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, rel=ROUNDING, abs=ROUNDING)


def test_gaussian_matrix_matches_closed_form():
    # Truth -0.5 ln(1 - rho^2) for rho = 0.9; the bias-corrected estimate has
    # standard error about rho^... ~ sqrt(1/n) * 2 rho^2/(1-rho^2)... < 0.02 at n=20000.
    g = np.random.default_rng(3)
    n = 20000
    a = g.standard_normal(n)
    b = 0.9 * a + math.sqrt(1 - 0.81) * g.standard_normal(n)
    c = g.standard_normal(n)
    m = mt.mi_matrix(np.column_stack([a, b, c]), method="gaussian", base=2)
    assert m.unit == "bits"
    assert m.mi.iloc[0, 1] == pytest.approx(0.830366 / math.log(2), abs=0.03)
    assert abs(m.mi.iloc[0, 2]) < 0.005  # independent: sd ~ 1/(2n) * ... tiny


def test_gauss_constant_and_duplicate_columns_warn():
    x = _correlated(200, 3, 4)
    x = np.column_stack([x, np.ones(200), x[:, 0]])
    with pytest.warns(DataWarning) as record:
        m = mt.mi_matrix(x, method="gaussian")
    messages = " ".join(str(w.message) for w in record)
    assert "constant" in messages
    assert "linearly dependent" in messages
    assert (m.mi.iloc[3, [0, 1, 2, 4]] == 0).all()
    assert m.mi.iloc[0, 4] == np.inf
    with pytest.warns(DataWarning, match="constant"):
        assert Gaussian().mi(x[:, 0], x[:, 3]).value == 0.0


def test_plugin_counting_equals_estimator_with_labels_and_large_alphabets():
    g = np.random.default_rng(5)
    n = 3000
    a = g.integers(0, 4, n)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": (a + g.integers(0, 2, n)) % 4,
            "s": np.array(["x", "y", "z"])[g.integers(0, 3, n)],
            "c": g.integers(0, 7, n),
            "wide": g.integers(0, 400, n),  # beyond the one-hot limit: generic path
        }
    )
    with pytest.warns(BiasWarning):
        m = mt.mi_matrix(frame, method="plugin")
    for i, j in _pairs(5):
        x, y = frame.iloc[:, i], frame.iloc[:, j]
        if "wide" in (frame.columns[i], frame.columns[j]):
            with pytest.warns(BiasWarning):
                expected = Plugin().mi(x, y).value
        else:
            expected = Plugin().mi(x, y).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, rel=ROUNDING, abs=ROUNDING)


@pytest.mark.parametrize("conditional", [False, True])
def test_auto_gives_each_label_pair_the_family_of_estimate(conditional):
    """Under auto, a pair of label columns gets what mt.estimate gives it alone.

    Alphabets from 2 to 300 values at n = 60 span the rule's regions:
    Miller-Madow (small well-sampled tables), Grassberger, NSB, James-Stein
    (and, for CMI, plug-in where no joint row repeats); the 300-value column
    is beyond the one-hot limit (generic path).
    """
    g = np.random.default_rng(12)
    n = 60
    frame = pd.DataFrame({f"c{a}": g.integers(0, a, n) for a in (2, 3, 4, 8, 40, 300)})
    frame["y"] = (frame["c4"] + g.integers(0, 2, n)) % 4
    z = g.integers(0, 3, n) if conditional else None
    measure = "cmi" if conditional else "mi"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        m = mt.mi_matrix(frame, z=z, discrete=True)
        seen = set()
        for a, b in itertools.permutations(frame.columns, 2):
            args = (frame[a], frame[b]) if z is None else (frame[a], frame[b], z)
            r = mt.estimate(measure, *args, discrete=True)
            assert m.methods.loc[a, b] == r.method, (a, b)
            assert m.mi.loc[a, b] == pytest.approx(r.value, rel=1e-12, abs=1e-12)
            seen.add(r.method)
    # the alphabets span at least three of the rule's regions (whatever they are)
    assert len(seen) >= 3, seen
    assert m.methods_used == sorted(seen)


def test_plugin_cmi_by_strata_equals_estimator():
    g = np.random.default_rng(6)
    n = 2000
    z = g.integers(0, 3, n)
    x = np.column_stack([(z + g.integers(0, 2, n)) % 3 for _ in range(4)])
    m = mt.mi_matrix(x, z=z, method="plugin")
    for i, j in _pairs(4):
        expected = Plugin().cmi(x[:, i], x[:, j], z).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, rel=ROUNDING, abs=ROUNDING)


@pytest.mark.parametrize(
    "params",
    [{"bins": 8}, {"rule": "equal_frequency", "bins": 5}, {"rule": "sturges"}],
)
def test_binning_counts_binned_columns_like_the_estimator(params):
    from mutinfo.estimators import Binning

    x = _correlated(1000, 5, 18)
    x[:, 3] = 2.0
    with pytest.warns(DataWarning, match="constant"):
        m = mt.mi_matrix(x, method="binning", **params)
    for i, j in _pairs(5):
        if 3 in (i, j):
            with pytest.warns(DataWarning, match="constant"):
                expected = Binning(**params).mi(x[:, i], x[:, j]).value
        else:
            expected = Binning(**params).mi(x[:, i], x[:, j]).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, rel=ROUNDING, abs=ROUNDING)
    z = np.round(x[:, :1])
    given = mt.mi_matrix(x[:, [0, 1, 2]], z=z, method="binning", bins=6)
    for i, j in _pairs(3):
        expected = Binning(bins=6).cmi(x[:, i], x[:, j], z).value
        assert given.mi.iloc[i, j] == pytest.approx(
            expected, rel=ROUNDING, abs=ROUNDING
        )


def test_plugin_sub_blocks_equal_whole(monkeypatch):
    from mutinfo.matrix import _kernels

    x = np.random.default_rng(7).integers(0, 6, size=(500, 12))
    whole = mt.mi_matrix(x).mi.to_numpy()
    monkeypatch.setattr(_kernels, "_BLOCK_CELLS", 49)  # a few columns per block
    blocked = mt.mi_matrix(x).mi.to_numpy()
    np.testing.assert_array_equal(whole, blocked)


def test_ksg_matrix_equals_registered_ksg():
    # Noise is drawn once per column instead of once per pair; at 1e-10 of the
    # scale it changes no neighbour count on this tie-free data (near-ties in
    # large heavy-tailed samples can differ by a count), and the estimate
    # depends on the counts only, so the values are bit-identical.
    x = _correlated(800, 5, 8)
    m = mt.mi_matrix(x, method="ksg", n_neighbors=4, rng=0)
    for i, j in _pairs(5):
        expected = KSG(n_neighbors=4, rng=1).mi(x[:, i], x[:, j]).value
        assert m.mi.iloc[i, j] == expected


def test_ksg_constant_column_gives_zero_like_registered_ksg():
    x = _correlated(300, 3, 13)
    x[:, 1] = 2.5
    with pytest.warns(DataWarning, match="constant"):
        m = mt.mi_matrix(x, method="ksg", rng=0)
    with pytest.warns(DataWarning, match="constant"):
        expected = KSG(rng=0).mi(x[:, 0], x[:, 1]).value
    assert m.mi.iloc[0, 1] == expected == 0.0
    assert m.mi.iloc[0, 2] == pytest.approx(KSG(rng=0).mi(x[:, 0], x[:, 2]).value)


def test_ksg_cmi_matrix_equals_registered_ksg():
    x = _correlated(500, 4, 9)
    z = x[:, :1] + np.random.default_rng(1).standard_normal((500, 1))
    m = mt.mi_matrix(x, z=z, method="ksg", rng=0)
    for i, j in _pairs(4):
        expected = KSG(rng=1).cmi(x[:, i], x[:, j], z).value
        assert m.mi.iloc[i, j] == pytest.approx(expected, abs=1e-12)


def test_mixed_table_auto_records_method_per_pair():
    g = np.random.default_rng(10)
    n = 600
    d = g.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "c1": d + g.standard_normal(n),
            "d1": d,
            "c2": g.standard_normal(n),
            "d2": (d + g.integers(0, 2, n)) % 3,
            # continuous, heavy ties (half units: whole numbers would be labels)
            "tied": np.round(2 * (d + g.standard_normal(n))) / 2,
        }
    )
    m = mt.mi_matrix(frame, rng=3)
    entropy = entropy_of(3)
    names = list(frame.columns)
    used = {"ksg", "mixed_atoms", "mixed_ksg", "miller_madow"}
    assert set(m.methods.to_numpy().ravel()) == {"", *used}
    assert m.methods.loc["c1", "tied"] == "mixed_atoms"  # the auto rule for ties
    assert m.methods.loc["d1", "c1"] == "mixed_ksg"  # labels x continuous: Ross
    # labels x heavily tied: atoms counted (Ross's noise moves such estimates)
    assert m.methods.loc["d1", "tied"] == "mixed_atoms"
    assert m.methods_used == sorted(used)
    # One byte a pair (categorical codes), not an object pointer.
    assert all(isinstance(t, pd.CategoricalDtype) for t in m.methods.dtypes)
    assert m.methods.memory_usage(index=False).sum() < 5 * 5 + 5 * 200
    for i, j in _pairs(5):
        x, y = frame.iloc[:, [i]], frame.iloc[:, [j]]
        variables = mt._api.gather("mi", x, y)
        expected_method = _auto.auto_method("mi", variables, sampling=True)
        assert m.methods.iloc[i, j] == expected_method
        if expected_method in ("mixed_ksg", "mixed_atoms"):
            # the pair's stream is keyed by the two columns' values
            keys = [content_key(v.values) for v in variables]
            est = _registry.get(expected_method)(
                rng=keyed_pair_rng(entropy, STREAM_PAIR, *keys)
            )
            expected = est.mi(x, y).value
        elif expected_method == "miller_madow":  # d1, d2: 3 x 3 cells, n = 600
            expected = _registry.get("miller_madow")().mi(x, y).value
        else:
            expected = KSG(rng=0).mi(x, y).value
        assert m.mi.loc[names[i], names[j]] == pytest.approx(expected, abs=1e-12)


# --------------------------------------------------------------------------- #
# Execution: tiles, workers, Dask, streaming and resumption
# --------------------------------------------------------------------------- #
def _table() -> pd.DataFrame:
    g = np.random.default_rng(11)
    n = 300
    d = g.integers(0, 3, n)
    cols = {f"c{k}": d * (k % 2) + g.standard_normal(n) for k in range(5)}
    cols.update({f"d{k}": (d + g.integers(0, 2, n)) % 3 for k in range(3)})
    return pd.DataFrame(cols)


def test_any_tiling_and_n_jobs_gives_the_same_matrix():
    frame = _table()
    ref = mt.mi_matrix(frame, rng=1).mi.to_numpy()
    for kwargs in ({"n_jobs": 2}, {"tile_size": 1}, {"tile_size": 3, "n_jobs": 2}):
        got = mt.mi_matrix(frame, rng=1, **kwargs).mi.to_numpy()
        np.testing.assert_allclose(got, ref, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(mt.mi_matrix(frame, rng=1, n_jobs=2).mi, ref)


def test_dask_local_cluster_equals_local_result():
    distributed = pytest.importorskip("distributed")
    frame = _table()
    local = mt.mi_matrix(frame, rng=2)
    gauss_local = mt.mi_matrix(frame.iloc[:, :5], method="gaussian_copula")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = mt.mi_matrix(frame, rng=2, client=client)
        gauss_remote = mt.mi_matrix(
            frame.iloc[:, :5], method="gaussian_copula", client=client
        )
    np.testing.assert_array_equal(remote.mi.to_numpy(), local.mi.to_numpy())
    # The fused Gaussian kernel's per-tile BLAS product: the documented bound.
    np.testing.assert_allclose(
        gauss_remote.mi.to_numpy(), gauss_local.mi.to_numpy(), rtol=0, atol=1e-13
    )
    assert remote.methods.equals(local.methods)


def test_store_streams_tiles_and_resumes(tmp_path):
    pytest.importorskip("pyarrow")
    frame = _table()
    store = tmp_path / "run"
    seen: list[tuple[int, int]] = []
    first = mt.mi_matrix(
        frame,
        rng=4,
        store=store,
        tile_size=3,
        progress=lambda d, t: seen.append((d, t)),
    )
    files = sorted(store.glob("tile-*.parquet"))
    assert len(files) == 6
    assert seen[-1] == (6, 6)
    for f in files[:4]:  # an interrupted run: only two tiles were finished
        f.unlink()
    calls: list[int] = []
    again = mt.mi_matrix(
        frame, store=store, tile_size=3, progress=lambda d, t: calls.append(d)
    )  # rng=None reuses the stored seed
    assert calls[0] >= 3
    assert calls[-1] == 6
    np.testing.assert_array_equal(again.mi.to_numpy(), first.mi.to_numpy())
    with pytest.raises(InvalidParameterError, match="holds tiles of a different run"):
        mt.mi_matrix(frame.iloc[:, :4], store=store, tile_size=3)
    with pytest.raises(InvalidParameterError, match="another 'rng' seed"):
        mt.mi_matrix(frame, rng=5, store=store, tile_size=3)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidParameterError, match="must be a folder"):
        mt.mi_matrix(frame, store=tmp_path / "file")


def test_progress_reports_every_tile_and_the_bar_shows_it(capsys):
    frame = _table().iloc[:, 5:]  # 3 columns
    seen: list[tuple[int, int]] = []
    plain = mt.mi_matrix(frame, tile_size=1, progress=lambda d, t: seen.append((d, t)))
    # Tiles of one column: the 6 blocks of the upper triangle, diagonal included.
    assert {t for _, t in seen} == {6}
    done = [d for d, _ in seen]
    assert done == sorted(set(done))
    assert done[-1] == 6
    capsys.readouterr()
    shown = mt.mi_matrix(frame, tile_size=1, progress=True)
    out, err = capsys.readouterr()
    assert out == ""  # the bar goes to stderr only
    assert "mi_matrix" in err
    assert "6/6" in err  # the text bar and tqdm both end on done/total
    np.testing.assert_array_equal(shown.mi.to_numpy(), plain.mi.to_numpy())


# --------------------------------------------------------------------------- #
# p-values and q-values
# --------------------------------------------------------------------------- #
def test_pvalues_equal_independence_test_per_pair_and_fdr():
    g = np.random.default_rng(12)
    n = 200
    a = g.standard_normal(n)
    x = np.column_stack([a, a + g.standard_normal(n), g.standard_normal(n)])
    m = mt.mi_matrix(
        x, method="gaussian", pvalues=True, n_permutations=49, fdr="bh", rng=7
    )
    entropy = entropy_of(7)
    for i, j in _pairs(3):
        ki, kj = (content_key(x[:, [c]]) for c in (i, j))
        first, second = (i, j) if ki <= kj else (j, i)  # the larger key is permuted
        res = mt.stats.independence_test(
            x[:, first],
            x[:, second],
            method="gaussian",
            n_permutations=49,
            rng=keyed_pair_rng(entropy, STREAM_TEST, ki, kj),
        )
        assert m.p_values.iloc[i, j] == res.p_value
    assert m.p_values.iloc[0, 1] == pytest.approx(1 / 50)
    upper = np.triu_indices(3, 1)
    q = m.q_values.to_numpy()[upper]
    np.testing.assert_allclose(q, mt.stats.fdr(m.p_values.to_numpy()[upper]))
    assert (q >= m.p_values.to_numpy()[upper]).all()
    long = m.to_long()
    assert list(long.columns) == ["x", "y", "mi", "method", "p_value", "q_value"]
    assert len(long) == 3


# --------------------------------------------------------------------------- #
# Shape of the result, properties, and errors
# --------------------------------------------------------------------------- #
def test_result_shape_and_long_form():
    frame = _table()
    m = mt.mi_matrix(frame, columns=["c0", "d0", "d1"], rng=0)
    assert isinstance(m, MIMatrix)
    assert m.columns == ["c0", "d0", "d1"]
    assert np.isnan(np.diag(m.mi.to_numpy())).all()
    assert m.p_values is None
    assert m.q_values is None
    long = m.to_long()
    assert long[["x", "y"]].values.tolist() == [
        ["c0", "d0"],
        ["c0", "d1"],
        ["d0", "d1"],
    ]
    assert long["mi"].tolist() == [
        m.mi.loc["c0", "d0"],
        m.mi.loc["c0", "d1"],
        m.mi.loc["d0", "d1"],
    ]
    assert "MIMatrix(3 x 3 mi in nats" in repr(m)


def test_z_given_as_column_names_and_nan_policy():
    frame = _table()
    m = mt.mi_matrix(frame[["d0", "d1", "d2"]], z=["d2"], method="plugin")
    assert m.columns == ["d0", "d1"]
    assert m.measure == "cmi"
    expected = Plugin().cmi(frame.d0, frame.d1, frame.d2).value
    assert m.mi.iloc[0, 1] == pytest.approx(expected, abs=ROUNDING)
    holey = frame[["c0", "c1", "c2"]].copy()
    holey.iloc[3, 1] = np.nan
    with pytest.raises(InvalidDataError, match="NaN"):
        mt.mi_matrix(holey)
    kept = mt.mi_matrix(holey, nan_policy="omit", method="gaussian")
    assert kept.n_samples == len(frame) - 1


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    order=st.permutations(range(4)),
)
def test_plugin_matrix_is_symmetric_and_equivariant(seed, order):
    x = np.random.default_rng(seed).integers(0, 3, size=(200, 4))
    m = mt.mi_matrix(x, method="plugin").mi.to_numpy()
    np.testing.assert_array_equal(m, m.T)
    shuffled = mt.mi_matrix(x[:, list(order)], method="plugin").mi.to_numpy()
    np.testing.assert_allclose(shuffled, m[np.ix_(order, order)], atol=1e-12)
    upper = m[np.triu_indices(4, 1)]
    assert (upper >= -1e-12).all()
    assert (upper <= math.log(3) + 1e-12).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"columns": ["c0", "nope"]}, InvalidParameterError, "'nope'.*not in the data"),
        ({"columns": ["c0"]}, InvalidParameterError, "at least 2 columns"),
        ({"columns": ["c0", "c0"]}, InvalidParameterError, "lists a column twice"),
        ({"fdr": "bh"}, InvalidParameterError, "needs pvalues=True"),
        ({"pvalues": True, "fdr": "holm"}, InvalidParameterError, "'fdr' parameter"),
        ({"pvalues": "yes"}, InvalidParameterError, "'pvalues' parameter"),
        (
            {"pvalues": True, "n_permutations": 0},
            InvalidParameterError,
            "n_permutations",
        ),
        ({"tile_size": 0}, InvalidParameterError, "'tile_size'"),
        ({"progress": "yes"}, InvalidParameterError, "'progress' parameter"),
        ({"method": "kgs"}, InvalidParameterError, "Did you mean 'ksg'"),
        (
            {"n_neighbors": 4, "columns": ["d0", "d1"]},
            InvalidParameterError,
            "method='auto' chose 'plugin' for this data, which takes no parameter",
        ),
        ({"discrete": [True]}, InvalidParameterError, "1 entries but 8 columns"),
        ({"discrete": 3}, InvalidParameterError, "'discrete' parameter"),
        (
            {"method": KSG(), "n_neighbors": 3},
            InvalidParameterError,
            "estimator object",
        ),
        (
            {"method": "gaussian", "bias": True},
            InvalidParameterError,
            "takes no parameter 'bias'",
        ),
        ({"n_jobs": 0}, InvalidParameterError, "'n_jobs'"),
        # Issue 23: I(d0; c0 | d0) = 0 by definition (was -0.06 nats of noise).
        (
            {"columns": ["c0", "c1", "d0"], "z": ["d0", "c4"]},
            InvalidParameterError,
            r"'d0' \(Z column 'd0'\) of the matrix are also in 'z'",
        ),
        ({"store": 5}, InvalidParameterError, "'store' parameter .* folder path"),
    ],
)
def test_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        mt.mi_matrix(_table(), **kwargs)


def test_array_errors():
    with pytest.raises(InvalidParameterError, match="column indices"):
        mt.mi_matrix(np.zeros((10, 3)), columns=[0, 5])
    with pytest.raises(InvalidDataError, match="shape \\(n_samples, n_columns\\)"):
        mt.mi_matrix(np.zeros(10))
    with pytest.raises(InvalidParameterError, match="list of column names"):
        mt.mi_matrix(np.zeros((10, 3)), columns=3.5)
    with pytest.raises(mt.InsufficientSamplesError):
        mt.mi_matrix(np.random.default_rng(0).normal(size=(3, 3)), method="ksg")
    x = np.random.default_rng(1).normal(size=(50, 3))
    z = np.column_stack([np.ones(50), x[:, 2]])  # column 2 given again as Z
    with pytest.raises(InvalidParameterError, match=r"2 \(Z column 'z\[1\]'\)"):
        mt.mi_matrix(x, z=z, method="gaussian")
    labels = np.where(x[:, 0] > 0, "up", "down")  # a relabelling of Z's column
    with pytest.raises(InvalidParameterError, match="also in 'z'"):
        mt.mi_matrix(
            pd.DataFrame({"s": labels, "t": x[:, 1]}), z=(x[:, 0] > 0).astype(int)
        )


@pytest.mark.parametrize("algorithm", ["grid", "tree", "brute"])
def test_ksg_fast_path_equals_estimator_for_every_neighbour_algorithm(algorithm):
    x = _correlated(300, 4, 14)
    m = mt.mi_matrix(x, method="ksg", algorithm=algorithm, n_neighbors=2, rng=0)
    for i, j in _pairs(4):
        est = KSG(algorithm=algorithm, n_neighbors=2, rng=0)
        assert m.mi.iloc[i, j] == est.mi(x[:, i], x[:, j]).value


def test_sorted_count_with_given_order_equals_without():
    from mutinfo._neighbors._sorted import sorted_count

    g = np.random.default_rng(15)
    values = g.integers(0, 20, 500).astype(float)  # ties included
    radius = g.uniform(0, 3, 500)
    order = np.argsort(values, kind="stable")
    for strict in (True, False):
        np.testing.assert_array_equal(
            sorted_count(values, radius, strict=strict, order=order),
            sorted_count(values, radius, strict=strict),
        )


def test_many_warned_pairs_are_summarised():
    x = _correlated(100, 12, 17)
    x[:, 0] = 1.0  # constant: 11 pairs, all in one tile
    with pytest.warns(DataWarning) as record:
        m = mt.mi_matrix(x, method="gaussian")
    messages = [str(w.message) for w in record]
    assert any("6 more pairs of one tile" in msg for msg in messages)
    assert (m.mi.iloc[0, 1:] == 0).all()


def test_ksg_noise_does_not_depend_on_the_column_order() -> None:
    # Noise streams keyed by position made a tied pair's value depend on the
    # other columns and their order (a cell moved by up to 0.035 nats).
    g = np.random.default_rng(7)
    n = 300
    a = np.round(g.standard_normal(n), 1)
    b = np.round(a + g.standard_normal(n), 1)
    c = np.round(g.standard_normal(n) + 0.5 * b, 1)
    df = pd.DataFrame({"a": a, "b": b, "c": c})
    whole = mt.mi_matrix(df, method="ksg", rng=0).mi
    turned = mt.mi_matrix(df[["c", "b", "a"]], method="ksg", rng=0).mi
    part = mt.mi_matrix(df[["a", "b"]], method="ksg", rng=0).mi
    for i, j in (("a", "b"), ("a", "c"), ("b", "c")):
        assert whole.loc[i, j] == pytest.approx(turned.loc[i, j], abs=1e-15)
    assert whole.loc["a", "b"] == part.loc["a", "b"]


def test_auto_matrix_values_and_pvalues_do_not_depend_on_the_column_order() -> None:
    # Pairs on the generic route (mixed_atoms on tied columns, mixed_ksg on
    # labels) and the permutation tests drew from streams keyed by position.
    import warnings

    g = np.random.default_rng(0)
    n = 300
    a = np.round(g.standard_normal(n), 0)
    b = np.round(a + g.standard_normal(n), 0)
    c = g.integers(0, 3, n)
    d = g.standard_normal(n) + c
    df = pd.DataFrame({"a": a, "b": b, "c": c, "d": d})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tie and small-sample warnings
        one = mt.mi_matrix(df, rng=0, pvalues=True, n_permutations=19)
        two = mt.mi_matrix(
            df[["d", "c", "b", "a"]], rng=0, pvalues=True, n_permutations=19
        )
    cols = list(df.columns)
    pd.testing.assert_frame_equal(one.mi, two.mi.loc[cols, cols])
    pd.testing.assert_frame_equal(one.p_values, two.p_values.loc[cols, cols])


def test_duplicated_tied_columns_draw_independent_noise() -> None:
    # One content key gave two copies of a tied column the same KSG noise, so
    # after the noise they were one column: 4.78 nats (KSG of a column with
    # itself), against 1.43 from mt.estimate on the pair (about the entropy of
    # the rounded values). Other columns keep their content's stream.
    g = np.random.default_rng(0)
    n = 300
    a = np.round(g.standard_normal(n))
    b = np.round(a + g.standard_normal(n))
    df = pd.DataFrame({"a": a, "a2": a.copy(), "b": b})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tie warnings
        # numbers (whole numbers with a few values read as labels, whose
        # pairs draw from the pair's stream: the same for either copy)
        m = mt.mi_matrix(df, method="ksg", rng=0, discrete=False).mi
        reference = mt.estimate("mi", a, a.copy(), method="ksg", rng=0).value
        alone = mt.mi_matrix(df[["a", "b"]], method="ksg", rng=0, discrete=False).mi
    assert m.loc["a", "a2"] == pytest.approx(reference, abs=0.15)
    assert m.loc["a", "b"] == alone.loc["a", "b"]  # the first copy's stream
    assert m.loc["a2", "b"] != m.loc["a", "b"]  # the second copy's own draw


def test_methods_are_blank_for_pairs_not_estimated() -> None:
    # A row identifier's pairs are NaN; .methods named the method their column
    # classes route to ('mixed_ksg', 'dirichlet_product') and methods_used
    # listed one that never ran.
    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(0)
    n = 200
    a = g.normal(size=n)
    X = pd.DataFrame(
        {
            "id": np.arange(n).astype(str),
            "a": a,
            "b": g.integers(0, 3, n),
            "y": a + g.normal(size=n),
        }
    )
    with pytest.warns(DataWarning, match="like a row identifier"):
        m = mt.mi_matrix(X, rng=0)
    assert len(m.not_estimated) == 3
    assert set(m.methods["id"].astype(str)) == {""}
    assert set(m.methods.loc["id"].astype(str)) == {""}
    assert m.methods.loc["a", "y"] == "ksg"
    assert m.methods_used == ["ksg", "mixed_ksg"]
    assert set(m.to_long().query("x == 'id'")["method"]) == {""}
