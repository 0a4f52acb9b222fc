"""Review regressions (h4-rev-text): text, divergence, theory, neural.analysis.

Every expected value is computed here by brute force or in closed form.
"""

import math
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.special import logsumexp

from mutinfo import divergence as dv
from mutinfo import text, theory
from mutinfo.exceptions import DataWarning, InvalidDataError, InvalidParameterError


def _duplicated_csr() -> tuple[sp.csr_matrix, np.ndarray]:
    """A CSR matrix storing cell (0, 0) = 5 + 5 and (1, 0) = 1 + 1 twice each."""
    data = np.array([5.0, 5.0, 1.0, 1.0, 1.0, 3.0, 4.0, 6.0])
    indices = np.array([0, 0, 1, 0, 0, 2, 1, 2])
    indptr = np.array([0, 3, 6, 8])
    matrix = sp.csr_matrix((data, indices, indptr), shape=(3, 3))
    return matrix, matrix.toarray()


def _brute_pmi(dense: np.ndarray) -> np.ndarray:
    n = dense.sum()
    with np.errstate(divide="ignore"):
        return np.log(dense * n / np.outer(dense.sum(1), dense.sum(0)))


# --- text -----------------------------------------------------------------


def test_pmi_of_a_csr_matrix_with_duplicate_entries():
    # The PMI of each stored entry alone: cell (0, 0) = 10 read log(5 N / ...)
    # = 0.405 for log(10 N / ...) = 1.099; normalized_pmi raised a broadcast
    # ValueError.
    matrix, dense = _duplicated_csr()
    expected = _brute_pmi(dense)
    got = text.pmi(matrix)
    assert got.nnz == np.count_nonzero(dense)
    observed = dense > 0
    assert np.allclose(got.toarray()[observed], expected[observed], atol=1e-12)
    npmi = text.normalized_pmi(matrix).toarray()
    joint = dense[observed] / dense.sum()
    assert np.allclose(npmi[observed], expected[observed] / -np.log(joint))
    # The caller's matrix is not rewritten.
    assert matrix.nnz == 8


def test_local_pmi_rejects_missing_labels():
    # NaN was one more symbol (local PMI log 2 for every sample) while the
    # plugin estimator, whose .local these values are documented to be, raises.
    with pytest.raises(InvalidDataError, match=r"'x'.*missing"):
        text.local_pmi([1.0, np.nan, 1.0, 2.0], [1, 2, 1, 2])
    with pytest.raises(InvalidDataError, match=r"'y'.*missing"):
        text.local_pmi(["a", "b", "a", "b"], np.array([1, None, 1, 2], dtype=object))
    x, y = ["a", "b", "a", "c", "b", "a"], [1, 2, 1, 1, 2, 2]
    table = np.array([[2.0, 1.0], [0.0, 2.0], [1.0, 0.0]])  # rows a, b, c
    rows, cols = [0, 1, 0, 2, 1, 0], [0, 1, 0, 0, 1, 1]
    assert np.allclose(text.local_pmi(x, y), _brute_pmi(table)[rows, cols])


def test_label_indicator_with_duplicate_entries_is_rejected():
    # Two stored 1s of one cell are a 2: it passed the 0/1 check and counted 4
    # co-occurrences in Y^T Y.
    y = sp.csr_matrix(
        (np.ones(3), np.array([0, 0, 1]), np.array([0, 2, 3])), shape=(2, 2)
    )
    with pytest.raises(InvalidDataError, match="only 0 and 1"):
        text.label_cooccurrence(y)


def test_pmi_vectorizer_reads_an_array_of_document_strings():
    # A Pipeline passes documents as an ndarray: each whole document became
    # one "word" (vocabulary ['the cat sat on the mat', ...]).
    pytest.importorskip("sklearn")
    from mutinfo.text import PMIVectorizer

    docs = ["the cat sat on the mat", "the dog sat on the log"]
    listed = PMIVectorizer(dim=2, rng=0).fit(docs)
    array = PMIVectorizer(dim=2, rng=0).fit(np.array(docs))
    assert array.vocabulary_ == listed.vocabulary_
    assert array.vocabulary_[0] == "the"
    np.testing.assert_allclose(
        array.transform(["cat", "dog"]), listed.transform(["cat", "dog"])
    )


def test_cooccurrence_of_a_pandas_series_of_documents():
    # "The truth value of a Series is ambiguous" (raw ValueError).
    pd = pytest.importorskip("pandas")
    docs = [["a", "b", "a"], ["b", "c"]]
    counts, vocab = text.cooccurrence(pd.Series(docs), window=1)
    expected, vocab2 = text.cooccurrence(docs, window=1)
    assert vocab == vocab2 == ["a", "b", "c"]
    assert (counts != expected).nnz == 0
    assert counts.toarray().tolist() == [[0, 2, 0], [2, 0, 1], [0, 1, 0]]


def test_mmi_bidirectional_ignores_the_model_of_weight_zero():
    # 0 * -inf is NaN, which was ranked last: at lam=1 (backward model only)
    # the candidate with log p(T|S) = -inf but the best log p(S|T) came last.
    forward, backward = [-np.inf, -1.0], [0.0, -5.0]
    assert text.mmi_bidirectional_rerank(forward, backward, lam=1.0).tolist() == [
        0,
        1,
    ]
    assert text.mmi_bidirectional_rerank(backward, forward, lam=0.0).tolist() == [
        0,
        1,
    ]


def test_mmi_rerank_frame_bidirectional_with_minus_inf_and_nan():
    # An IntCastingNaNError from pandas; NaN scores were not rejected.
    pd = pytest.importorskip("pandas")
    nbest = pd.DataFrame({"f": [0.0, -5.0], "b": [-np.inf, -1.0]})
    out = text.mmi_rerank_frame(nbest, forward="f", backward="b", lam=0.0)
    assert out["mmi"].tolist() == [0.0, -5.0]
    assert out["mmi_rank"].tolist() == [1, 2]
    nbest.loc[1, "b"] = np.nan
    with pytest.raises(InvalidDataError, match="NaN"):
        text.mmi_rerank_frame(nbest, forward="f", backward="b", lam=0.5)


def test_mmi_scores_rejects_a_non_finite_gamma():
    # gamma=nan made every score NaN (and the ranking arbitrary).
    with pytest.raises(InvalidParameterError, match="'gamma'"):
        text.mmi_scores([0.0, -1.0], [0.0, -1.0], gamma=float("nan"), lengths=[1, 2])
    with pytest.raises(InvalidDataError, match="'lengths'"):
        text.mmi_scores([0.0, -1.0], [0.0, -1.0], gamma=0.5, lengths=[1, np.nan])


@pytest.mark.parametrize("scale", [1e160, 1e-170])
def test_embeddings_cosine_does_not_depend_on_the_vectors_scale(scale):
    # The norm of a row overflowed (inf) or underflowed (0): every cosine 0.
    vectors = np.array([[1.0, 0.0], [2.0, 1e-10], [0.0, 1.0]])
    emb = text.Embeddings(vectors * scale, ["a", "b", "c"])
    expected = 2.0 / math.hypot(2.0, 1e-10)
    assert emb.similarity("a", "b") == pytest.approx(expected, abs=1e-15)
    assert emb.nearest("a", k=1)[0][0] == "b"
    assert emb.nearest(vectors[1] * scale, k=1)[0][1] == pytest.approx(1.0)


# --- divergence -----------------------------------------------------------


def _two_gaussians() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    p = rng.normal(size=(1500, 2))
    q = rng.normal(size=(1500, 2)) * 1.5 + [1.0, 0.0]
    return p, q


@pytest.mark.parametrize("scale", [1e-200, 1e200])
def test_kl_divergence_at_extreme_magnitudes(scale):
    # The squared distances underflowed ("exact duplicates" error) or
    # overflowed (IndexError); scaling both samples leaves KL unchanged.
    p, q = _two_gaussians()
    exact = dv.gaussian_kl([0, 0], np.eye(2), [1, 0], np.eye(2) * 2.25)  # 0.478
    base = dv.kl_divergence(p, q, n_neighbors=3)
    assert base == pytest.approx(exact, abs=0.05)
    assert dv.kl_divergence(p * scale, q * scale, n_neighbors=3) == pytest.approx(
        base, rel=1e-12
    )


def test_kl_divergence_drops_a_column_constant_in_both_samples():
    # A zero column beside N(0,1) vs N(1, 1.5^2) read 0.78, twice the 1-D
    # estimate (exact 0.350): d = 2 multiplied the log ratio.
    p, q = _two_gaussians()
    zero = np.zeros((1500, 1))
    one_d = dv.kl_divergence(p[:, :1], q[:, :1], n_neighbors=3)
    assert one_d == pytest.approx(dv.gaussian_kl(0.0, 1.0, 1.0, 2.25), abs=0.06)
    padded = dv.kl_divergence(
        np.hstack([p[:, :1], zero]), np.hstack([q[:, :1], zero]), n_neighbors=3
    )
    assert padded == pytest.approx(one_d, rel=1e-12)


def test_kl_divergence_warns_of_rows_repeated_fewer_than_k_times():
    # Every row of p twice, N(0,1) against N(0,1): 0.84 nats (exact 0) with
    # n_neighbors=3, silently.
    rng = np.random.default_rng(3)
    p = np.repeat(rng.normal(size=(500, 1)), 2, axis=0)
    q = rng.normal(size=(1000, 1))
    with pytest.warns(DataWarning, match="repeat another row"):
        value = dv.kl_divergence(p, q, n_neighbors=3)
    assert value > 0.5  # the bias it warns of
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        dv.kl_divergence(rng.normal(size=(1000, 1)), q, n_neighbors=3)


def _brute_parzen(model: np.ndarray, test: np.ndarray, sigma: float) -> float:
    d = model.shape[1]
    sq = ((test[:, None, :] - model[None, :, :]) ** 2).sum(-1)
    return float(
        np.mean(
            logsumexp(-sq / (2 * sigma**2), axis=1)
            - math.log(len(model))
            - 0.5 * d * math.log(2 * math.pi * sigma**2)
        )
    )


@pytest.mark.parametrize("offset", [1e8, 1e9])
def test_parzen_log_likelihood_is_translation_invariant(offset):
    # |x|^2 + |s|^2 - 2 x.s cancelled: -0.08 (offset 1e8) and 0.42 (1e9) nats
    # for -2.89.
    rng = np.random.default_rng(0)
    model, data = rng.normal(size=(300, 2)), rng.normal(size=(200, 2))
    expected = _brute_parzen(model, data, 0.3)
    assert dv.parzen_log_likelihood(model, data, bandwidth=0.3).value == (
        pytest.approx(expected, abs=1e-12)
    )
    shifted = dv.parzen_log_likelihood(model + offset, data + offset, bandwidth=0.3)
    assert shifted.value == pytest.approx(expected, abs=1e-4)


def test_parzen_log_likelihood_at_extreme_magnitudes():
    # NaN at 1e-170 and 1e170 (squared distances under/overflowed).
    rng = np.random.default_rng(1)
    model, data = rng.normal(size=(200, 2)), rng.normal(size=(100, 2))
    expected = _brute_parzen(model, data, 0.5)
    for s in (1e-170, 1e170):
        value = dv.parzen_log_likelihood(model * s, data * s, bandwidth=0.5 * s).value
        assert value + 2 * math.log(s) == pytest.approx(expected, rel=1e-10)


# --- theory ---------------------------------------------------------------


def test_identification_mi_rejects_nan():
    # A NaN response was fitted and matched silently (a finite MI came out).
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 12))
    y = x + rng.normal(size=(400, 12))
    y[3, 2] = np.nan
    with pytest.raises(InvalidDataError, match=r"'y'.*NaN"):
        theory.identification_mi(x, y, rng=0)


# --- neural.analysis ------------------------------------------------------


def _brute_kde(a: np.ndarray, noise_variance: float) -> float:
    d2 = ((a[:, None, :] - a[None, :, :]) ** 2).sum(-1)
    return float(
        -np.mean(logsumexp(-d2 / (2 * noise_variance), axis=1) - math.log(len(a)))
    )


def test_kde_mi_of_tight_clusters_far_from_the_mean():
    # Two clusters of spread 1e-3 at +-1e5, noise_variance 1e-6: the expanded
    # squared distances cancelled, 2.60 for 2.50.
    pytest.importorskip("torch")
    from mutinfo.neural.analysis import kde_mi

    rng = np.random.default_rng(0)
    c = rng.normal(size=(300, 3)) * 1e-3
    c[:150] += 1e5
    c[150:] -= 1e5
    expected = _brute_kde(c, 1e-6)
    assert kde_mi(c, noise_variance=1e-6) == pytest.approx(expected, abs=1e-9)
    plain = rng.normal(size=(200, 4))
    assert kde_mi(plain, noise_variance=0.5) == pytest.approx(
        _brute_kde(plain, 0.5), abs=1e-12
    )


def test_bin_activations_over_the_whole_float_range():
    # hi - lo overflowed to inf: every sample in bin 0, binned I(X;T) = 0 for
    # 1.04 nats.
    pytest.importorskip("torch")
    from mutinfo.neural.analysis import bin_activations, binned_mi

    t = np.array([[0.0], [1e308], [-1e308], [1e300]])
    assert bin_activations(t, bins=4).ravel().tolist() == [2, 3, 0, 2]
    p = np.array([2, 1, 1]) / 4
    # Four samples, two alone in their bin: the saturation warning is right.
    from mutinfo import BiasWarning

    with pytest.warns(BiasWarning, match="sit alone in their bin"):
        value = binned_mi(t, bins=4)
    assert value == pytest.approx(float(-(p * np.log(p)).sum()))


def test_binned_mi_rejects_missing_labels():
    # A NaN label was one more class for the plug-in (0.144 nats) where the
    # other families raised; None raised a raw TypeError from np.unique.
    pytest.importorskip("torch")
    from mutinfo.neural.analysis import binned_mi

    t = np.arange(6.0)[:, None]
    with pytest.raises(InvalidDataError, match="missing label"):
        binned_mi(t, [0, 1, np.nan, 1, 0, 1.0], bins=2)
    with pytest.raises(InvalidDataError, match="missing label"):
        binned_mi(t, np.array(["a", 1, "a", 1, None, 1], dtype=object), bins=2)
    with pytest.raises(InvalidDataError, match="mixes label types"):
        binned_mi(t, np.array(["a", 1, "a", 1, "b", 1], dtype=object), bins=2)
