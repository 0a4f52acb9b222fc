"""Label embeddings, the PMI language model, MMI reranking."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.text import (
    PMILanguageModel,
    UnknownWordError,
    cooccurrence,
    label_cooccurrence,
    label_embeddings,
    label_pmi,
    label_targets,
    mmi_bidirectional_rerank,
    mmi_rerank,
    mmi_rerank_frame,
    mmi_scores,
    svd_embeddings,
)


def _block_labels(rng):
    """Samples carry labels from block {0..3} or block {4..6}, never both."""
    rows = []
    for _ in range(300):
        row = np.zeros(7, dtype=int)
        block = [0, 1, 2, 3] if rng.random() < 0.6 else [4, 5, 6]
        chosen = rng.choice(block, size=rng.integers(1, len(block) + 1), replace=False)
        row[chosen] = 1
        rows.append(row)
    return np.array(rows)


def test_label_embeddings_of_block_diagonal_counts_are_orthogonal_across_blocks():
    y = _block_labels(np.random.default_rng(0))
    c = label_cooccurrence(y)
    assert c[:4, 4:].nnz == 0  # block diagonal
    for embed in (
        label_embeddings(y, 7),
        label_embeddings(sp.csr_matrix(y), 7, positive=True),
        svd_embeddings(label_pmi(c, y.shape[0]), 7, eig=0.5),
    ):
        cross = embed[:4] @ embed[4:].T
        assert np.max(np.abs(cross)) < 1e-12
        within = embed[:4] @ embed[:4].T
        assert np.max(np.abs(within)) > 0.1


def test_label_pmi_formula():
    y = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 1, 1]])
    c = label_cooccurrence(y).toarray()
    n = 4
    got = label_pmi(label_cooccurrence(y), n).toarray()
    for i in range(3):
        for j in range(3):
            expected = np.log(c[i, j] * n / (c[i, i] * c[j, j])) if c[i, j] else 0.0
            assert got[i, j] == pytest.approx(expected, abs=1e-14)


def test_label_targets_unit_rows():
    y = _block_labels(np.random.default_rng(1))
    e = label_embeddings(y, 4)
    t = label_targets(y, e)
    np.testing.assert_allclose(np.linalg.norm(t, axis=1), 1.0)
    expected = y[5] @ e
    np.testing.assert_allclose(t[5], expected / np.linalg.norm(expected))


def test_label_errors():
    with pytest.raises(InvalidDataError, match="only 0 and 1"):
        label_cooccurrence([[2, 0]])
    with pytest.raises(InvalidDataError, match="counted more often"):
        label_pmi(np.array([[1, 3], [3, 5]]), 10)
    with pytest.raises(InvalidDataError, match="square"):
        label_pmi(np.ones((2, 3)), 10)
    with pytest.raises(InvalidDataError, match="one embedding row per label"):
        label_targets([[1, 0]], np.ones((3, 2)))
    with pytest.raises(InvalidParameterError, match="at most the vocabulary size"):
        label_embeddings(np.eye(3, dtype=int), 4)


def _empirical_bigrams(tokens):
    pairs = Counter(itertools.pairwise(tokens))
    context = Counter(tokens[:-1])
    return {(prev, w): n / context[prev] for (prev, w), n in pairs.items()}


def test_pmi_language_model_with_exact_pmi_is_the_empirical_bigram_model():
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(12)]
    tokens = list(rng.choice(vocab, size=2000, p=np.arange(1, 13) / 78))
    lm = PMILanguageModel().fit(tokens)
    emp = _empirical_bigrams(tokens)
    worst = 0.0
    for c in lm.vocabulary:
        probs = lm.proba(c)
        assert probs.sum() == pytest.approx(1.0, abs=1e-12)
        for w, p in zip(lm.vocabulary, probs, strict=True):
            worst = max(worst, abs(p - emp.get((c, w), 0.0)))
    assert worst <= 1e-12
    held = tokens[:300]
    expected = np.exp(
        -np.mean([np.log(emp[(a, b)]) for a, b in itertools.pairwise(held)])
    )
    assert lm.perplexity(held) == pytest.approx(expected, rel=1e-12)


def test_low_rank_language_model_normalises_and_smooths():
    rng = np.random.default_rng(4)
    vocab = [f"w{i}" for i in range(30)]
    tokens = list(rng.choice(vocab, size=3000))
    lm = PMILanguageModel(dim=5, rng=0).fit(tokens)
    for c in lm.vocabulary[:5]:
        probs = lm.proba(c)
        assert probs.sum() == pytest.approx(1.0, abs=1e-10)
        assert np.all(probs > 0)
    score = lm.score(["w1", "w2", "unknown", "w3"])
    assert score.n_scored == 1
    assert score.coverage == pytest.approx(1 / 3)
    assert np.isfinite(score.perplexity)


def test_language_model_errors():
    with pytest.raises(InvalidParameterError, match="not fitted"):
        PMILanguageModel().proba("a")
    lm = PMILanguageModel().fit(["a", "b", "a", "c"])
    with pytest.raises(UnknownWordError, match="'zzz'"):
        lm.proba("zzz")
    with pytest.raises(InvalidDataError, match="no adjacent pair"):
        lm.score(["zzz", "yyy"])
    with pytest.raises(InvalidParameterError, match="needs 'dim'"):
        PMILanguageModel(positive=True).fit(["a", "b", "a", "c"])
    counts, vocab = cooccurrence(["a", "b", "a", "c"], window=1, direction="left")
    with pytest.raises(InvalidDataError, match="one row per vocabulary word"):
        PMILanguageModel().fit_counts(counts, vocab[:2])


P_TS = np.log([0.5, 0.3])
P_T = np.log([0.4, 0.05])


def test_mmi_flips_to_the_informative_candidate():
    assert mmi_rerank(P_TS, P_T, lam=0.5).tolist() == [1, 0]
    assert mmi_rerank(P_TS, P_T, lam=0.0).tolist() == [0, 1]
    np.testing.assert_allclose(mmi_scores(P_TS, P_T, lam=1.0), P_TS - P_T)
    # Length bonus: gamma * |T| can restore the longer candidate.
    assert mmi_rerank(P_TS, P_T, lam=0.5, lengths=[10, 1], gamma=0.1).tolist() == [0, 1]


def test_mmi_bidirectional():
    p_st = np.log([0.1, 0.4])
    assert mmi_bidirectional_rerank(P_TS, p_st, lam=0.0).tolist() == [0, 1]
    assert mmi_bidirectional_rerank(P_TS, p_st, lam=0.5).tolist() == [1, 0]
    # MMI-bidi with lam equals the anti-LM ordering up to the constant log p(S).
    # log p(S|T) = log p(T|S) - log p(T) + log p(S), with p(S) = 0.2.
    backward = P_TS - P_T + np.log(0.2)
    assert (
        mmi_bidirectional_rerank(P_TS, backward, lam=0.5).tolist()
        == mmi_rerank(P_TS, P_T, lam=0.5).tolist()
    )


def test_mmi_frame_groups():
    frame = pd.DataFrame(
        {
            "source": [0, 0, 1, 1],
            "candidate": ["a", "b", "c", "d"],
            "log_p_t_given_s": np.log([0.5, 0.3, 0.6, 0.1]),
            "log_p_t": np.log([0.4, 0.05, 0.1, 0.5]),
        }
    )
    out = mmi_rerank_frame(frame, by="source", lam=0.5)
    assert out["candidate"].tolist() == ["b", "a", "c", "d"]
    assert out["mmi_rank"].tolist() == [1, 2, 1, 2]
    bidi = mmi_rerank_frame(
        frame.assign(back=np.log([0.1, 0.4, 0.3, 0.3])), backward="back", by="source"
    )
    assert bidi["candidate"].tolist()[:2] == ["b", "a"]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (
            lambda: mmi_rerank(P_TS, P_T[:1]),
            InvalidDataError,
            "length 2 and log_p_t of length 1",
        ),
        (lambda: mmi_rerank(P_TS, P_T, lam=-1), InvalidParameterError, "'lam'"),
        (
            lambda: mmi_bidirectional_rerank(P_TS, P_T, lam=2),
            InvalidParameterError,
            "\\[0, 1\\]",
        ),
        (lambda: mmi_rerank([np.nan, 0.0], P_T), InvalidDataError, "NaN"),
        (lambda: mmi_rerank([], []), InvalidDataError, "non-empty"),
        (
            lambda: mmi_rerank_frame(pd.DataFrame({"x": [1]})),
            InvalidDataError,
            "'log_p_t_given_s'",
        ),
        (lambda: mmi_rerank_frame([1, 2]), InvalidParameterError, "DataFrame"),
    ],
)
def test_mmi_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()
