"""gensim's bundled corpus and similarity sets (skipped without gensim), and the transformer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mutinfo import text


@pytest.fixture(scope="module")
def lee_counts():
    pytest.importorskip("gensim")
    from gensim.test.utils import datapath

    return text.cooccurrence(
        datapath("lee_background.cor"),
        window=2,
        min_count=2,
        tokenizer=text.simple_tokenize,
    )


def test_sppmi_svd_beats_raw_counts_on_wordsim(lee_counts):
    """Levy & Goldberg's claim on the offline corpus (seeded; docs/reproductions/levy_goldberg.md)."""
    counts, vocab = lee_counts
    pairs = text.read_similarity(text.similarity_dataset("wordsim353"))
    # Raw co-occurrence rows (cosine of count vectors), for the words the set uses.
    needed = sorted(
        {
            vocab.index(w.lower())
            for a, b, _ in pairs
            for w in (a, b)
            if w.lower() in vocab
        }
    )
    raw_vectors = text.Embeddings(counts[needed].toarray(), [vocab[i] for i in needed])
    raw = text.evaluate_similarity(raw_vectors, pairs)
    matrix = text.pmi(counts, positive=True, shift=1, cds=0.75)
    vectors = text.svd_embeddings(matrix, 100, eig=0.5, rng=0)
    svd = text.evaluate_similarity(text.Embeddings(vectors, vocab), pairs)
    assert raw.n_covered == svd.n_covered >= 100
    assert svd.spearman > raw.spearman + 0.05
    simlex = text.evaluate_similarity(text.Embeddings(vectors, vocab), "simlex999")
    assert simlex.n_pairs == 999
    assert 0 < simlex.coverage < 1


def test_pmi_language_model_on_lee(lee_counts):
    from gensim.test.utils import datapath

    path = datapath("lee_background.cor")
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    train = [text.simple_tokenize(line) for line in lines[:250]]
    held = [text.simple_tokenize(line) for line in lines[250:]]
    exact = text.PMILanguageModel(min_count=2).fit(train)
    low = text.PMILanguageModel(dim=50, min_count=2, rng=0).fit(train)
    assert exact.score(held).perplexity == np.inf  # unseen bigrams get p = 0
    result = low.score(held)
    assert np.isfinite(result.perplexity)
    assert result.perplexity < len(low.vocabulary)  # better than uniform
    assert 0.5 < result.coverage < 1


def test_transformer_in_a_pipeline():
    pytest.importorskip("sklearn")
    from sklearn.base import clone
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline

    docs = ["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"]
    # Samples are words; the corpus is a setting of the transformer.
    pipe = make_pipeline(
        text.PMIVectorizer(dim=3, window=2, corpus=docs, rng=0), KNeighborsClassifier(1)
    )
    words = ["cat", "dog", "the", "sat"]
    pipe.fit(words, [0, 0, 1, 1])
    assert pipe.predict(words).tolist() == [0, 0, 1, 1]
    vec = text.PMIVectorizer(dim=3, window=2, rng=0).fit(docs)
    np.testing.assert_allclose(vec.transform(words), pipe[0].transform(words))
    assert vec.get_feature_names_out().tolist() == ["pmi_svd0", "pmi_svd1", "pmi_svd2"]
    expected = text.svd_embeddings(
        text.pmi(
            text.cooccurrence([d.split() for d in docs])[0], positive=True, cds=0.75
        ),
        3,
        rng=0,
    )
    np.testing.assert_allclose(vec.transform(["the"])[0], expected[0])
    with pytest.raises(KeyError, match="'zebra'"):
        vec.transform(["zebra"])
    zero = clone(vec).set_params(handle_unknown="zero").fit(docs)
    assert np.all(zero.transform(["zebra"]) == 0)
