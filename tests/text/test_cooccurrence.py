"""Co-occurrence counting: brute-force equality for every window mode, streaming, errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.text import cooccurrence, simple_tokenize

WORDS = st.sampled_from(["a", "b", "c", "d", "e", "f"])
DOCS = st.lists(st.lists(WORDS, min_size=0, max_size=12), min_size=1, max_size=4)


def _weight(d: int, window: int, weighting: str) -> float:
    if weighting == "linear":
        return (window - d + 1) / window
    if weighting == "harmonic":
        return 1.0 / d
    return 1.0


def brute_force(docs, window, direction, weighting, min_count, max_size):
    """The definition, as a plain double loop over positions."""
    freq: Counter[str] = Counter()
    first: dict[str, int] = {}
    for doc in docs:
        for t in doc:
            freq[t] += 1
            first.setdefault(t, len(first))
    vocab = sorted(
        (w for w in freq if freq[w] >= min_count), key=lambda w: (-freq[w], first[w])
    )
    if max_size is not None:
        vocab = vocab[:max_size]
    index = {w: i for i, w in enumerate(vocab)}
    m = np.zeros((len(vocab), len(vocab)))
    for doc in docs:
        for i, a in enumerate(doc):
            for j, b in enumerate(doc):
                d = j - i
                if d == 0 or abs(d) > window:
                    continue
                if (direction == "right" and d < 0) or (direction == "left" and d > 0):
                    continue
                if a in index and b in index:
                    m[index[a], index[b]] += _weight(abs(d), window, weighting)
    return m, vocab


@settings(max_examples=40, deadline=None)
@given(
    docs=DOCS,
    window=st.integers(1, 4),
    direction=st.sampled_from(["both", "left", "right"]),
    weighting=st.sampled_from(["none", "linear", "harmonic"]),
    min_count=st.integers(1, 3),
    max_size=st.one_of(st.none(), st.integers(1, 6)),
    chunk_size=st.integers(1, 3),
)
def test_matches_brute_force(
    docs, window, direction, weighting, min_count, max_size, chunk_size
):
    if sum(map(len, docs)) == 0:
        return
    expected, vocab = brute_force(
        docs, window, direction, weighting, min_count, max_size
    )
    if not vocab:
        with pytest.raises(InvalidDataError, match="removes every word"):
            cooccurrence(docs, window=window, min_count=min_count)
        return
    counts, got_vocab = cooccurrence(
        docs,
        window=window,
        direction=direction,
        weighting=weighting,
        min_count=min_count,
        max_size=max_size,
        chunk_size=chunk_size,
    )
    assert got_vocab == vocab
    np.testing.assert_allclose(counts.toarray(), expected, rtol=1e-12, atol=0)
    assert counts.dtype == (np.int64 if weighting == "none" else np.float64)


def test_flat_stream_is_one_document_and_symmetric():
    tokens = ["a", "b", "a", "c", "b", "a"]
    counts, vocab = cooccurrence(tokens, window=2)
    expected, ev = brute_force([tokens], 2, "both", "none", 1, None)
    assert vocab == ev
    np.testing.assert_array_equal(counts.toarray(), expected)
    assert (counts != counts.T).nnz == 0


def test_windows_do_not_cross_documents():
    counts, vocab = cooccurrence([["a", "b"], ["c", "d"]], window=5)
    dense = counts.toarray()
    assert dense[vocab.index("b"), vocab.index("c")] == 0
    assert dense[vocab.index("a"), vocab.index("b")] == 1


def test_file_streams_in_chunks_like_memory(tmp_path: Path):
    rng = np.random.default_rng(0)
    words = np.array(["x", "y", "z", "w", "v"])
    lines = [" ".join(rng.choice(words, size=rng.integers(1, 9))) for _ in range(40)]
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(lines) + "\n")
    docs = [line.split() for line in lines]
    ref, ref_vocab = cooccurrence(docs, window=3, min_count=2)
    for chunk in (1, 7, 1000):
        got, vocab = cooccurrence(path, window=3, min_count=2, chunk_size=chunk)
        assert vocab == ref_vocab
        assert (got != ref).nnz == 0
    via_str, _ = cooccurrence(str(path), window=3, min_count=2)
    assert (via_str != ref).nnz == 0


def test_tokenizer_splits_document_strings():
    counts, vocab = cooccurrence(["The cat, the DOG."], tokenizer=simple_tokenize)
    assert vocab == ["the", "cat", "dog"]
    # the cat the dog: right pairs (the,cat) (cat,the) (the,dog) (the,the) (cat,dog)
    assert counts.sum() == 10
    assert counts[0, 0] == 2


def test_subsample_drops_frequent_words_reproducibly(tmp_path: Path):
    tokens = ["the"] * 500 + [f"w{i}" for i in range(100)]
    rng = np.random.default_rng(1)
    rng.shuffle(tokens)
    full, vocab = cooccurrence(tokens, window=2)
    a, _ = cooccurrence(tokens, window=2, subsample=1e-2, rng=7)
    b, _ = cooccurrence(tokens, window=2, subsample=1e-2, rng=7)
    assert (a != b).nnz == 0
    the = vocab.index("the")
    # 'the' has frequency 5/6: most of its occurrences go, rare words stay.
    assert a[the].sum() < 0.5 * full[the].sum()
    rare = vocab.index("w0")
    kept_pairs = a[rare].sum()
    assert kept_pairs >= full[rare, [i for i in range(len(vocab)) if i != the]].sum()
    path = tmp_path / "c.txt"
    path.write_text(" ".join(tokens) + "\n")
    from_file, _ = cooccurrence(path, window=2, subsample=1e-2, rng=7)
    assert (from_file != a).nnz == 0


def test_subsample_needs_a_replayable_corpus():
    docs = iter([["a", "b"], ["a", "c"]])
    with pytest.raises(InvalidParameterError, match="two passes"):
        cooccurrence(docs, subsample=0.1, chunk_size=1)  # two chunks: two passes


def test_subsample_of_a_one_chunk_iterator_is_one_pass():
    docs = [["a", "b", "a", "c"] * 5, ["a", "c", "b"]]
    one_shot, v1 = cooccurrence(iter(docs), window=2, subsample=0.05, rng=3)
    # two chunks take the two-pass route; the same draws give the same counts
    replayed, v2 = cooccurrence(docs, window=2, subsample=0.05, rng=3, chunk_size=1)
    assert v1 == v2
    assert (one_shot != replayed).nnz == 0
    assert one_shot.sum() < cooccurrence(docs, window=2)[0].sum()


def test_one_shot_iterator_without_subsample():
    counts, vocab = cooccurrence(iter([["a", "b"], ["a", "c"]]), window=1)
    assert vocab == ["a", "b", "c"]
    assert counts.sum() == 4


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"window": 0},
            "'window' parameter of cooccurrence\\(\\) must be an int >= 1. Got 0",
        ),
        ({"window": -2}, "'window'"),
        ({"min_count": 0}, "'min_count'"),
        ({"max_size": 0}, "'max_size'"),
        ({"direction": "rigth"}, "Did you mean 'right'"),
        ({"weighting": "dyn"}, "'weighting'"),
        ({"subsample": 0.0}, "'subsample'"),
        ({"tokenizer": 3}, "'tokenizer'"),
        ({"rng": -1}, "'rng'"),
    ],
)
def test_bad_parameters(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        cooccurrence(["a", "b"], **kwargs)


@pytest.mark.parametrize(
    ("tokens", "match"),
    [
        ([], "corpus passed to cooccurrence\\(\\) is empty"),
        ([[], []], "has no tokens"),
        (["a", 3, "b"], "every token to be a str; found 3 of type int"),
        (["a", None], "every token to be a str"),
        ([["a"], "b c"], "Document 1 .* is a string"),
        ([["a"], 5], "Document 1 .* is a int"),
        (b"a b", "not bytes"),
        ("no/such/file.txt", "does not exist.*list of tokens"),
        (42, "expects a file path"),
    ],
)
def test_bad_corpora(tokens, match):
    with pytest.raises(InvalidDataError, match=match):
        cooccurrence(tokens)


def test_min_count_removing_every_word():
    with pytest.raises(
        InvalidDataError, match="min_count=5 but the most frequent word occurs 2 times"
    ):
        cooccurrence(["a", "b", "a"], min_count=5)


def test_numpy_token_array():
    counts, vocab = cooccurrence(np.array(["a", "b", "a"]), window=1)
    assert vocab == ["a", "b"]
    assert counts.toarray().tolist() == [[0, 2], [2, 0]]
