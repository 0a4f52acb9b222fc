"""Regressions: Unicode words, byte-order marks, document strings, zero vectors."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from mutinfo import text
from mutinfo.exceptions import DataWarning
from mutinfo.text._corpus import _MARK_PLANES


def test_simple_tokenize_keeps_combining_marks_in_their_word() -> None:
    # Was ['ह', 'न', 'द', 'भ', 'ष']: every vowel sign and virama cut the word.
    assert text.simple_tokenize("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    # Was ['cafe'] for the decomposed form (the accent dropped, another word).
    decomposed = unicodedata.normalize("NFD", "Café CAFÉ")
    assert text.simple_tokenize(decomposed) == ["café", "café"]


def test_simple_tokenize_reads_a_typographic_apostrophe_as_one() -> None:
    # Was ['don', 't'] for "don’t" but ["don't"] for "don't".
    assert text.simple_tokenize("Don’t don't") == ["don't", "don't"]
    assert text.simple_tokenize("x_y 3rd") == ["x", "y", "rd"]


def test_mark_planes_hold_every_combining_mark() -> None:
    others = (
        code
        for code in range(sys.maxunicode + 1)
        if not any(code in plane for plane in _MARK_PLANES)
    )
    assert not any(unicodedata.category(chr(c))[0] == "M" for c in others)


def test_a_byte_order_mark_is_not_part_of_the_first_word(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_bytes("the cat sat\nthe dog sat\n".encode("utf-8-sig"))
    # Was ['sat', '\ufeffthe', 'cat', 'the', 'dog']: two words "the".
    _, vocabulary = text.cooccurrence(corpus)
    assert vocabulary == ["the", "sat", "cat", "dog"]
    pairs = tmp_path / "pairs.tsv"
    pairs.write_bytes("# w1\tw2\tscore\ncat\tdog\t7.0\n".encode("utf-8-sig"))
    assert text.read_similarity(pairs) == [("cat", "dog", 7.0)]


def test_document_strings_read_as_one_token_stream_warn() -> None:
    documents = ["the cat sat", "the dog sat", "the cat sat"]
    # Each document was one "word" and windows crossed documents, silently.
    with pytest.warns(DataWarning, match="tokenizer=str.split"):
        _, vocabulary = text.cooccurrence(documents)
    assert vocabulary == ["the cat sat", "the dog sat"]
    _, vocabulary = text.cooccurrence(documents, tokenizer=str.split)
    assert vocabulary == ["the", "sat", "cat", "dog"]


def test_evaluate_similarity_warns_about_zero_vectors() -> None:
    emb = text.Embeddings([[1.0, 0.0], [1.0, 0.2], [0.0, 0.0]], ["cat", "tiger", "x"])
    pairs = [("cat", "tiger", 9.0), ("cat", "x", 8.0), ("tiger", "x", 1.0)]
    # The pairs with 'x' were scored with cosine 0, as "unrelated", unnoticed.
    with pytest.warns(DataWarning, match="zero vector"):
        result = text.evaluate_similarity(emb, pairs)
    assert result.n_covered == 3
    assert np.isclose(result.spearman, np.sqrt(3) / 2)


def test_pmi_vectorizer_names_a_flat_token_list() -> None:
    pytest.importorskip("sklearn")
    from mutinfo.exceptions import InvalidDataError

    tokens = ["the", "cat", "sat", "on", "the", "mat"]
    # Was "pmi() has no positive count": each token read as one document.
    with pytest.raises(InvalidDataError, match=r"\[tokens\]"):
        text.PMIVectorizer(dim=2).fit(tokens)
    vectors = text.PMIVectorizer(dim=2, rng=0).fit([tokens])
    assert vectors.vocabulary_[0] == "the"
