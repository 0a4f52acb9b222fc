"""Word-context co-occurrence counts from a corpus, as a scipy.sparse matrix."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from itertools import chain, repeat
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import check_choice, check_rng
from mutinfo.exceptions import DataWarning, InvalidDataError, InvalidParameterError
from mutinfo.text._checks import check_int, check_positive
from mutinfo.text._corpus import Corpus, Tokenizer

__all__ = ["cooccurrence"]

_WHERE = "cooccurrence()"
Direction = Literal["both", "left", "right"]
Weighting = Literal["none", "linear", "harmonic"]


def _window_weights(window: int, weighting: str) -> list[float]:
    if weighting == "linear":
        # word2vec draws the window size uniformly from 1..w: distance d is
        # inside it with probability (w - d + 1) / w.
        return [(window - d + 1) / window for d in range(1, window + 1)]
    if weighting == "harmonic":
        return [1.0 / d for d in range(1, window + 1)]
    return [1.0] * window


class _Encoder:
    """Token -> integer id, growing or fixed; ``-1`` marks a gap or a dropped token."""

    def __init__(self, vocabulary: Sequence[str] | None = None) -> None:
        self.fixed = vocabulary is not None
        self.index: dict[str, int] = (
            {w: i for i, w in enumerate(vocabulary)} if vocabulary is not None else {}
        )

    def encode(self, chunk: list[Sequence[Any]], gap: int) -> NDArray[np.int64]:
        """Ids of the chunk's tokens, each document followed by ``gap`` ``-1``s.

        One dict look-up per token (``dict.fromkeys`` finds the new words in
        first-seen order at C speed); about 3x faster than hashing an object
        array with ``pandas.factorize``.
        """
        flat: list[Any] = list(chain.from_iterable(chunk))
        index = self.index
        if self.fixed:
            codes = np.fromiter(map(index.get, flat, repeat(-1)), np.int64, len(flat))
        else:
            try:
                seen = dict.fromkeys(flat)
            except TypeError as exc:
                raise InvalidDataError(
                    f"{_WHERE} could not read the tokens ({exc}). Tokens must be "
                    "strings."
                ) from None
            bad = [u for u in seen if not isinstance(u, str)]
            if bad:
                example = bad[0]
                raise InvalidDataError(
                    f"{_WHERE} needs every token to be a str; found "
                    f"{example!r} of type {type(example).__name__}. Convert tokens "
                    "with str() or drop the missing ones."
                )
            new = [u for u in seen if u not in index]
            start = len(index)
            index.update(zip(new, range(start, start + len(new)), strict=True))
            codes = np.fromiter(map(index.__getitem__, flat), np.int64, len(flat))
        if gap == 0:
            return codes
        lengths = np.fromiter((len(doc) for doc in chunk), np.int64, len(chunk))
        out = np.full(codes.shape[0] + gap * len(chunk), -1, dtype=np.int64)
        shift = np.repeat(np.arange(len(chunk), dtype=np.int64) * gap, lengths)
        out[np.arange(codes.shape[0], dtype=np.int64) + shift] = codes
        return out


def _pair_keys(
    ids: NDArray[np.int64], n: int, weights: list[float], integral: bool
) -> tuple[NDArray[Any], NDArray[np.float64] | None]:
    """Keys ``a * n + b`` of every (row a, context b at distance d to its right).

    uint32 keys when ``n * n`` fits (half the bytes to sort), else int64; the
    weight of each key only when the counts are weighted.
    """
    dtype: type[np.unsignedinteger[Any]] | type[np.signedinteger[Any]] = (
        np.uint32 if n * n <= np.iinfo(np.uint32).max else np.int64
    )
    parts: list[NDArray[Any]] = []
    for d in range(1, len(weights) + 1):
        a, b = ids[:-d], ids[d:]
        ok = (a >= 0) & (b >= 0)
        key: NDArray[Any] = a[ok].astype(dtype)
        np.multiply(key, n, out=key, casting="unsafe")
        np.add(key, b[ok].astype(dtype), out=key)
        parts.append(key)
    keys = np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
    if integral:
        return keys, None
    return keys, np.repeat(np.asarray(weights), [p.size for p in parts])


def _right_counts(
    ids: NDArray[np.int64], n: int, weights: list[float], integral: bool
) -> Any:
    """``R[a, b]`` = weighted count of ``b`` at distance 1..w to the right of ``a``.

    One in-place sort of all pair keys (every distance at once) and a run-length
    count; the result is canonical CSR (sorted indices, no duplicates).
    """
    import scipy.sparse as sp

    keys, pair_weights = _pair_keys(ids, n, weights, integral)
    if pair_weights is None:
        keys.sort()
    else:
        order = np.argsort(keys, kind="stable")
        keys, pair_weights = keys[order], pair_weights[order]
    start = np.empty(keys.size, dtype=bool)
    start[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=start[1:])
    first = np.flatnonzero(start)
    uniq = keys[first].astype(np.int64)
    data: NDArray[Any]
    if pair_weights is None:
        data = np.diff(first, append=keys.size).astype(np.int64)
    elif first.size:
        data = np.add.reduceat(pair_weights, first).astype(np.float64)
    else:
        data = np.zeros(0, dtype=np.float64)
    rows, cols = np.divmod(uniq, n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    out = sp.csr_matrix((data, cols, indptr), shape=(n, n))
    out.has_sorted_indices = True
    return out


def _grow(matrix: Any, n: int) -> Any:
    if matrix.shape[0] == n:
        return matrix
    matrix = matrix.tocsr(copy=True)
    matrix.resize((n, n))
    return matrix


def cooccurrence(
    tokens: Any,
    *,
    window: int = 2,
    min_count: int = 1,
    max_size: int | None = None,
    direction: Direction = "both",
    weighting: Weighting = "none",
    subsample: float | None = None,
    tokenizer: Tokenizer | None = None,
    chunk_size: int = 10_000,
    rng: Any = None,
) -> tuple[Any, list[str]]:
    """Count word-context co-occurrences within a window, as a sparse matrix.

    ``counts[i, j]`` is the number of times word ``vocabulary[j]`` occurs within
    ``window`` tokens of an occurrence of ``vocabulary[i]`` (the context of the
    row word). Windows never cross a document boundary. The default is the plain
    symmetric, unweighted window without subsampling (Levy & Goldberg's setting
    before hyper-parameter tweaks), so ``counts`` is symmetric.

    Parameters
    ----------
    tokens : sequence of str, sequence of documents, iterable, str or path
        One token stream (a flat sequence of str); documents (a sequence or
        iterable of token sequences); a path to a UTF-8 text file read as one
        document per line; or, with ``tokenizer``, a sequence of document
        strings. A file is read once, ``chunk_size`` lines at a time, so it may
        be larger than memory (with ``subsample``, twice). A plain ``str`` is
        a path, never a text: pass ``text.split()`` to count a string.
    window : int, default=2
        Largest distance counted; every pair at distance 1..window counts.
    min_count : int, default=1
        Words occurring fewer times are left out of the vocabulary.
    max_size : int or None, default=None
        Keep only the ``max_size`` most frequent words (ties: first seen first).
    direction : {'both', 'left', 'right'}, default='both'
        Which side of the row word its contexts come from.
    weighting : {'none', 'linear', 'harmonic'}, default='none'
        Weight of a pair at distance ``d``: 1; ``(window - d + 1) / window``
        (word2vec's dynamic window, in expectation); or ``1 / d`` (GloVe).
    subsample : float or None, default=None
        Threshold ``t`` of word2vec's subsampling: each occurrence of a word with
        relative frequency ``f`` is dropped with probability
        ``max(0, 1 - sqrt(t / f))`` (typical ``t = 1e-5``), using ``rng``.
    tokenizer : callable or None, default=None
        ``str -> list of str`` for file lines or document strings; ``None``
        splits on whitespace. :func:`simple_tokenize` lowercases and keeps words.
    chunk_size : int, default=10000
        Documents (lines) per chunk read and counted at a time.
    rng : None, int or numpy.random.Generator, default=None
        Randomness of ``subsample`` (unused without it).

    Returns
    -------
    counts : scipy.sparse.csr_matrix of shape (n_words, n_words)
        Co-occurrence counts; int64 with ``weighting='none'``, float64 otherwise.
    vocabulary : list of str
        The word of each row and column, most frequent first (ties: first seen
        first).

    Raises
    ------
    InvalidDataError
        Empty corpus, non-string tokens, a missing file, or a ``min_count``
        that removes every word.
    InvalidParameterError
        A window, min_count, max_size or chunk_size below 1, an unknown
        direction or weighting, or a subsample threshold that is not > 0.

    Notes
    -----
    Words removed by ``min_count``, ``max_size`` or ``subsample`` leave a gap:
    distances are measured in the original text, and pairs involving a removed
    word are not counted. Because of that the vocabulary can be cut after one
    counting pass, which is what makes one-pass streaming exact. Counting is
    vectorised: each distance is one ``numpy.unique`` over integer pair keys.

    References
    ----------
    .. [1] O. Levy, Y. Goldberg and I. Dagan, "Improving distributional
       similarity with lessons learned from word embeddings", TACL 3 (2015),
       doi:10.1162/tacl_a_00134.

    Examples
    --------
    >>> from mutinfo import text
    >>> counts, vocab = text.cooccurrence("a b a c".split(), window=1)
    >>> vocab
    ['a', 'b', 'c']
    >>> counts.toarray().tolist()
    [[0, 2, 1], [2, 0, 0], [1, 0, 0]]
    """
    window = check_int(window, "window", _WHERE)
    min_count = check_int(min_count, "min_count", _WHERE)
    if max_size is not None:
        max_size = check_int(max_size, "max_size", _WHERE)
    chunk_size = check_int(chunk_size, "chunk_size", _WHERE)
    direction = check_choice(  # type: ignore[assignment]
        direction, "direction", ("both", "left", "right"), _WHERE
    )
    weighting = check_choice(  # type: ignore[assignment]
        weighting, "weighting", ("none", "linear", "harmonic"), _WHERE
    )
    if subsample is not None:
        subsample = check_positive(subsample, "subsample", _WHERE)
    if tokenizer is not None and not callable(tokenizer):
        raise InvalidParameterError(
            f"The 'tokenizer' parameter of {_WHERE} must be a callable "
            f"str -> list of str or None. Got {tokenizer!r} instead."
        )
    generator = check_rng(rng)
    corpus = Corpus(tokens, tokenizer=tokenizer, chunk_size=chunk_size, where=_WHERE)
    weights = _window_weights(window, weighting)
    integral = weighting == "none"

    # Pass 1 (the only one without subsampling): ids in first-seen order, counts
    # of words and of pairs over the growing id space.
    encoder = _Encoder()
    chunks = corpus.chunks()
    first = next(chunks, None)
    second = next(chunks, None) if first is not None else None
    if first is not None and second is None:
        # One chunk (a token stream, or few documents): the vocabulary is known
        # before any pair is counted, so ids become frequency ranks first and
        # the pairs are counted once, in the final order (no re-indexing).
        ids = encoder.encode(first, window)
        word_counts = np.bincount(ids[ids >= 0], minlength=len(encoder.index))
        _check_nonempty(word_counts)
        vocab_ids = _select_vocabulary(word_counts, min_count, max_size)
        words = list(encoder.index)
        vocabulary = [words[i] for i in vocab_ids]
        rank = np.full(len(words) + 1, -1, dtype=np.int64)  # rank[-1] = -1: gaps
        rank[vocab_ids] = np.arange(vocab_ids.size, dtype=np.int64)
        ids = rank[ids]
        if subsample is not None:
            _drop_frequent(ids, word_counts[vocab_ids], subsample, generator)
        matrix = _right_counts(ids, vocab_ids.size, weights, integral)
    else:
        word_counts = np.zeros(0, dtype=np.int64)
        right: Any = None
        parts = chain([first, second], chunks) if first is not None else iter(())
        for chunk in parts:
            assert chunk is not None
            ids = encoder.encode(chunk, window)
            n = len(encoder.index)
            word_counts = np.bincount(ids[ids >= 0], minlength=n) + np.pad(
                word_counts, (0, n - word_counts.size)
            )
            if subsample is None:
                part = _right_counts(ids, n, weights, integral)
                right = part if right is None else _grow(right, n) + part
        _check_nonempty(word_counts)
        vocab_ids = _select_vocabulary(word_counts, min_count, max_size)
        words = list(encoder.index)
        vocabulary = [words[i] for i in vocab_ids]
        if subsample is None:
            right = _grow(right, len(words))
            matrix = right[vocab_ids][:, vocab_ids]
        else:
            corpus.check_replayable("subsample")
            matrix = _subsampled_counts(
                corpus,
                vocabulary,
                word_counts[vocab_ids],
                subsample,
                window,
                weights,
                integral,
                generator,
            )
    if corpus.flat:
        _warn_document_strings(vocabulary)
    if direction == "left":
        matrix = matrix.T
    elif direction == "both":
        matrix = matrix + matrix.T
    matrix = matrix.tocsr()
    matrix.sort_indices()
    return matrix, vocabulary


_SPACE = re.compile(r"\s")


def _warn_document_strings(vocabulary: list[str]) -> None:
    """Warn when a flat token stream holds tokens with whitespace in them.

    A list of document strings without ``tokenizer`` is read as one token
    stream: each whole document became one "word" and windows crossed the
    documents, a plausible matrix of the wrong thing.
    """
    spaced = next((w for w in vocabulary if _SPACE.search(w)), None)
    if spaced is not None:
        n = sum(1 for w in vocabulary if _SPACE.search(w))
        warnings.warn(
            f"{_WHERE} read a flat list of str as one token stream, but {n} of its "
            f"{len(vocabulary)} words hold whitespace (such as {spaced[:40]!r}): "
            "were these document strings? Pass tokenizer=str.split (or "
            "simple_tokenize) to split them, or lists of tokens, one per document.",
            DataWarning,
            stacklevel=3,
        )


def _check_nonempty(word_counts: NDArray[np.int64]) -> None:
    if word_counts.sum() == 0:
        raise InvalidDataError(
            f"The corpus passed to {_WHERE} has no tokens. Pass a non-empty list "
            "of tokens, documents, or a file with some text."
        )


def _drop_frequent(
    ids: NDArray[np.int64],
    counts: NDArray[np.int64],
    threshold: float,
    generator: np.random.Generator,
) -> None:
    """word2vec subsampling in place: drop each occurrence with its probability."""
    frequency = counts / counts.sum()
    discard = np.maximum(0.0, 1.0 - np.sqrt(threshold / frequency))
    known = ids >= 0
    draws = generator.random(int(known.sum()))
    dropped = np.flatnonzero(known)[draws < discard[ids[known]]]
    ids[dropped] = -1


def _select_vocabulary(
    word_counts: NDArray[np.int64], min_count: int, max_size: int | None
) -> NDArray[np.int64]:
    order = np.argsort(-word_counts, kind="stable")
    keep = order[word_counts[order] >= min_count]
    if keep.size == 0:
        raise InvalidDataError(
            f"The 'min_count' parameter of {_WHERE} removes every word: "
            f"min_count={min_count} but the most frequent word occurs "
            f"{int(word_counts.max())} times. Lower 'min_count'."
        )
    if max_size is not None:
        keep = keep[:max_size]
    return keep.astype(np.int64)


def _subsampled_counts(
    corpus: Corpus,
    vocabulary: list[str],
    counts: NDArray[np.int64],
    threshold: float,
    window: int,
    weights: list[float],
    integral: bool,
    generator: np.random.Generator,
) -> Any:
    """Pass 2: count pairs with frequent words dropped at random."""
    encoder = _Encoder(vocabulary)
    n = len(vocabulary)
    total: Any = None
    for chunk in corpus.chunks():
        ids = encoder.encode(chunk, window)
        _drop_frequent(ids, counts, threshold, generator)
        part = _right_counts(ids, n, weights, integral)
        total = part if total is None else total + part
    return total
