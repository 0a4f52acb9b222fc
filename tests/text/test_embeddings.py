"""SVD embeddings, vector queries, similarity evaluation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.text import (
    Embeddings,
    UnknownWordError,
    evaluate_similarity,
    read_similarity,
    svd_embeddings,
    svd_factors,
)


def test_sparse_solver_matches_dense_svd(monkeypatch):
    import mutinfo.text._svd as svd_module

    monkeypatch.setattr(
        svd_module, "_DENSE_LIMIT", 20
    )  # force ARPACK on a small matrix
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 100, size=(2, 1500))
    m = sp.csr_matrix((rng.random(1500), (rows, cols)), shape=(120, 100))
    u, s, vt = svd_factors(m, 5, rng=0)
    ref = np.linalg.svd(m.toarray(), compute_uv=False)[:5]
    np.testing.assert_allclose(s, ref, rtol=1e-8)
    recon = (u * s) @ vt
    du, ds, dvt = np.linalg.svd(m.toarray(), full_matrices=False)
    np.testing.assert_allclose(recon, (du[:, :5] * ds[:5]) @ dvt[:5], atol=1e-8)
    again = svd_factors(m, 5, rng=0)
    np.testing.assert_array_equal(u, again[0])


@pytest.mark.parametrize("eig", [0.0, 0.5, 1.0])
def test_eigenvalue_weighting(eig):
    m = np.diag([9.0, 4.0, 1.0])
    e = svd_embeddings(m, 2, eig=eig)
    np.testing.assert_allclose(
        np.abs(e[:2, :2]), np.diag([9.0**eig, 4.0**eig]), atol=1e-12
    )
    c = svd_embeddings(m, 2, eig=eig, contexts=True)
    np.testing.assert_allclose(
        e @ c.T, np.diag([9.0 ** (2 * eig), 4.0 ** (2 * eig), 0]), atol=1e-12
    )


@pytest.mark.parametrize(
    ("dim", "kwargs", "error", "match"),
    [
        (4, {}, InvalidParameterError, "at most the vocabulary size min\\(3, 3\\) = 3"),
        (0, {}, InvalidParameterError, "'dim'"),
        (2, {"eig": -1}, InvalidParameterError, "'eig'"),
    ],
)
def test_svd_bad_parameters(dim, kwargs, error, match):
    with pytest.raises(error, match=match):
        svd_embeddings(np.eye(3), dim, **kwargs)


def test_svd_rejects_infinite_pmi():
    with pytest.raises(InvalidDataError, match="positive=True"):
        svd_embeddings(np.array([[1.0, -np.inf], [0.0, 1.0]]), 1)


WORDS = ["man", "king", "woman", "queen", "apple"]
VECTORS = [[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [1, -1, 0]]


def test_queries():
    emb = Embeddings(VECTORS, WORDS)
    assert emb.similarity("man", "king") == pytest.approx(1 / np.sqrt(2))
    assert [w for w, _ in emb.nearest("king", k=2)] == ["man", "queen"]
    assert emb.nearest([1.0, 1.0, 0.0], k=1)[0][0] == "king"
    assert emb.analogy("man", "king", "woman")[0][0] == "queen"
    assert emb.analogy("man", "king", "woman", method="3cosmul")[0][0] == "queen"
    assert len(emb.nearest("king", k=50)) == 4
    np.testing.assert_array_equal(emb["queen"], [0, 1, 1])
    back = Embeddings.from_frame(emb.to_frame())
    assert back.vocabulary == WORDS
    np.testing.assert_array_equal(back.vectors, emb.vectors)


def test_unknown_word_is_a_key_error_naming_it():
    emb = Embeddings(VECTORS, WORDS)
    with pytest.raises(KeyError, match="'banana' is not in the vocabulary of 5 words"):
        emb.nearest("banana")
    with pytest.raises(UnknownWordError, match="'kinq'"):
        emb.analogy("man", "kinq", "woman")


def test_bad_embeddings():
    with pytest.raises(InvalidDataError, match="one row per vocabulary word"):
        Embeddings([[1.0, 2.0]], ["a", "b"])
    with pytest.raises(InvalidDataError, match="repeated"):
        Embeddings([[1.0], [2.0]], ["a", "a"])
    with pytest.raises(InvalidParameterError, match="'method'"):
        Embeddings(VECTORS, WORDS).analogy("man", "king", "woman", method="add")


def test_read_and_evaluate(tmp_path: Path):
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "# comment\nMan\tking\t8\nman\tapple\t1\nwoman\tqueen\t9\nfoo\tman\t2\n"
    )
    pairs = read_similarity(path)
    assert pairs[0] == ("Man", "king", 8.0)
    result = evaluate_similarity(Embeddings(VECTORS, WORDS), path)
    assert result.n_pairs == 4
    assert result.n_covered == 3
    assert result.coverage == 0.75
    assert result.n_covered == 3
    emb = Embeddings([[1, 0], [1, 0.5], [0, 1]], ["a", "b", "c"])
    r = evaluate_similarity(emb, [("a", "b", 3.0), ("a", "c", 1.0), ("b", "c", 2.0)])
    assert r.spearman == pytest.approx(1.0)
    assert r.to_dict()["n_covered"] == 3


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("a\tb\n", "line 1 has 2 field\\(s\\); expected 3"),
        ("# x\na\tb\tseven\n", "line 2, column 3: the score 'seven' is not a number"),
        ("a\tb\tnan\n", "line 1, column 3: the score must be finite"),
        ("# only comments\n", "no word pairs"),
    ],
)
def test_bad_similarity_files(tmp_path: Path, content, match):
    path = tmp_path / "bad.tsv"
    path.write_text(content)
    with pytest.raises(InvalidDataError, match=match):
        read_similarity(path)


def _random_sparse(shape=(300, 250), nnz=4000, seed=0):
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, shape[0], nnz)
    cols = rng.integers(0, shape[1], nnz)
    return sp.csr_matrix((rng.random(nnz), (rows, cols)), shape=shape)


def test_randomized_solver_matches_svds(monkeypatch):
    from scipy.sparse.linalg import svds

    import mutinfo.text._svd as svd_module

    monkeypatch.setattr(svd_module, "_DENSE_LIMIT", 20)  # force the sparse path
    m = _random_sparse()
    ref = np.sort(svds(m, k=10, v0=np.ones(250), tol=0)[1])[::-1]
    u, s, vt = svd_factors(m, 10, solver="randomized", n_iter=30, rng=1)
    np.testing.assert_allclose(s, ref, rtol=1e-6)
    # orthonormal factors that reproduce the top-10 part of the matrix
    np.testing.assert_allclose(u.T @ u, np.eye(10), atol=1e-10)
    np.testing.assert_allclose(vt @ vt.T, np.eye(10), atol=1e-10)
    np.testing.assert_allclose(u.T @ (m @ vt.T), np.diag(s), atol=1e-6)
    # without power iterations the trailing values are visibly worse (not exact)
    from mutinfo.exceptions import ConvergenceWarning

    with pytest.warns(ConvergenceWarning, match="n_iter=0"):
        _, rough, _ = svd_factors(m, 10, solver="randomized", n_iter=0, rng=1)
    assert np.max(np.abs(rough - ref) / ref) > 1e-3


def test_randomized_solver_is_deterministic_under_rng(monkeypatch):
    import mutinfo.text._svd as svd_module

    monkeypatch.setattr(svd_module, "_DENSE_LIMIT", 20)
    m = _random_sparse(seed=3)
    from mutinfo.exceptions import ConvergenceWarning

    # one power iteration is far from converged here (and says so)
    with pytest.warns(ConvergenceWarning, match="n_iter=1"):
        a = svd_embeddings(m, 5, solver="randomized", n_iter=1, rng=7)
    with pytest.warns(ConvergenceWarning, match="n_iter=1"):
        b = svd_embeddings(m, 5, solver="randomized", n_iter=1, rng=7)
    with pytest.warns(ConvergenceWarning, match="n_iter=1"):
        c = svd_embeddings(m, 5, solver="randomized", n_iter=1, rng=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"solver": "randomised"}, "'solver'.*Did you mean 'randomized'"),
        ({"n_oversamples": -1}, "'n_oversamples' .*\\[0, inf\\)"),
        ({"n_iter": 2.5}, "'n_iter' .*an int"),
    ],
)
def test_solver_parameters_are_checked(kwargs, match):
    m = np.diag([3.0, 2.0, 1.0])
    with pytest.raises(InvalidParameterError, match=match):
        svd_factors(m, 2, **kwargs)
    with pytest.raises(InvalidParameterError, match=match):
        svd_embeddings(m, 2, **kwargs)


def _spectrum_matrix(values, shape=(200, 180), seed=0):
    rng = np.random.default_rng(seed)
    u, _ = np.linalg.qr(rng.standard_normal((shape[0], len(values))))
    v, _ = np.linalg.qr(rng.standard_normal((shape[1], len(values))))
    return (u * values) @ v.T


def test_randomized_solver_warns_when_not_converged(monkeypatch):
    # A flat spectrum (singular values 2 ... 1) converges slowly: with the
    # default 4 power iterations the 20th singular value was 1.5% off with no
    # warning. The warning names the residual and the remedies.
    import mutinfo.text._svd as svd_module
    from mutinfo.exceptions import ConvergenceWarning

    monkeypatch.setattr(svd_module, "_DENSE_LIMIT", 20)
    values = np.linspace(2.0, 1.0, 180)
    m = _spectrum_matrix(values)
    with pytest.warns(ConvergenceWarning, match=r"n_iter=4.*'n_iter'.*arpack"):
        _, s, _ = svd_factors(m, 20, solver="randomized", rng=0)
    assert np.max(np.abs(s - values[:20]) / values[:20]) > 1e-3  # really off
    with pytest.warns(ConvergenceWarning, match="randomized SVD"):
        svd_embeddings(m, 20, solver="randomized", rng=0)


def test_randomized_solver_silent_when_converged(monkeypatch):
    import mutinfo.text._svd as svd_module

    monkeypatch.setattr(svd_module, "_DENSE_LIMIT", 20)
    values = np.exp(-np.arange(180) / 5.0)  # fast decay: 4 iterations suffice
    m = _spectrum_matrix(values)
    _, s, _ = svd_factors(m, 20, solver="randomized", rng=0)  # no warning
    np.testing.assert_allclose(s, values[:20], rtol=1e-8)
    # rank-deficient: numerically zero singular values carry no direction
    low = _spectrum_matrix(np.r_[np.linspace(3.0, 1.0, 5), np.zeros(175)])
    _, s, _ = svd_factors(low, 10, solver="randomized", rng=0)
    np.testing.assert_allclose(s[:5], np.linspace(3.0, 1.0, 5), rtol=1e-10)
