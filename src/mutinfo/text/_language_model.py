"""A language model from a PMI matrix: p(w | c) ∝ p(w) exp(PMI(w, c))."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.text._checks import check_counts, check_int
from mutinfo.text._corpus import Corpus, Tokenizer
from mutinfo.text._pmi import pmi
from mutinfo.text._svd import svd_factors
from mutinfo.text._vectors import UnknownWordError

__all__ = ["PMILanguageModel", "PerplexityResult"]


@dataclass(frozen=True)
class PerplexityResult:
    """Held-out evaluation of a :class:`PMILanguageModel`.

    Attributes
    ----------
    perplexity : float
        ``exp(-mean log p(w_t | w_{t-1}))`` over the scored pairs (inf when a
        pair has probability 0).
    mean_log_prob : float
        Mean log-probability per scored word, nats.
    n_scored : int
        Pairs (previous word, word) with both words in the vocabulary.
    coverage : float
        Scored pairs / all adjacent pairs of the held-out text.
    """

    perplexity: float
    mean_log_prob: float
    n_scored: int
    coverage: float


class PMILanguageModel:
    """Bigram language model built from a (low-rank) PMI matrix.

    ``log p(w | c) = log p(w) + PMI(w, c) - log Z(c)`` where the context ``c``
    is the previous word and ``Z(c)`` normalises over the vocabulary. With the
    exact PMI matrix the model is the empirical bigram model ``n(c, w) / n(c)``
    (``Z = 1``); with a rank-``dim`` SVD approximation ``PMI ~ W C^T`` it is a
    smoothed model that gives every word seen after some context a non-zero
    probability (a word that is never preceded by a vocabulary word, such as
    one that only starts documents, has prior ``p(w) = 0`` and keeps
    probability 0).

    Parameters
    ----------
    dim : int or None, default=None
        ``None``: the exact sparse PMI (unseen pairs have probability 0).
        An int: factorise PMI (absent entries 0) to this rank.
    positive : bool, default=False
        Factorise PPMI instead of PMI (only with ``dim``).
    min_count : int, default=1
        Vocabulary cut-off when fitting on text.
    rng : None, int or numpy.random.Generator, default=None
        Starting vector of the sparse SVD.

    References
    ----------
    .. [1] O. Melamud, I. Dagan and J. Goldberger, "A simple language model
       based on PMI matrix approximations", EMNLP (2017),
       doi:10.18653/v1/D17-1198.

    Examples
    --------
    >>> from mutinfo import text
    >>> lm = text.PMILanguageModel().fit("a b a c a b".split())
    >>> dict(zip(lm.vocabulary, lm.proba("a").round(4).tolist()))
    {'a': 0.0, 'b': 0.6667, 'c': 0.3333}
    >>> round(lm.perplexity("a b a b".split()), 4)
    1.3104
    """

    def __init__(
        self,
        *,
        dim: int | None = None,
        positive: bool = False,
        min_count: int = 1,
        rng: Any = None,
    ) -> None:
        self.dim = dim
        self.positive = positive
        self.min_count = min_count
        self.rng = rng
        self.vocabulary: list[str] = []

    def __repr__(self) -> str:
        return (
            f"PMILanguageModel(dim={self.dim!r}, positive={self.positive!r}, "
            f"min_count={self.min_count!r})"
        )

    def fit(
        self, tokens: Any, *, tokenizer: Tokenizer | None = None
    ) -> PMILanguageModel:
        """Count (previous word, word) pairs of a corpus and build the model.

        ``tokens`` is anything :func:`cooccurrence` reads. Returns ``self``.
        """
        from mutinfo.text._cooccurrence import cooccurrence

        counts, vocabulary = cooccurrence(
            tokens,
            window=1,
            direction="left",
            min_count=self.min_count,
            tokenizer=tokenizer,
        )
        return self.fit_counts(counts, vocabulary)

    def fit_counts(self, counts: Any, vocabulary: list[str]) -> PMILanguageModel:
        """Build the model from counts ``counts[w, c]`` = #(``c`` then ``w``).

        Rows and columns share ``vocabulary``. Returns ``self``.
        """
        import scipy.sparse as sp

        where = "PMILanguageModel.fit_counts()"
        matrix = sp.csr_matrix(check_counts(counts, where))
        if matrix.shape != (len(vocabulary), len(vocabulary)):
            raise InvalidDataError(
                f"{where} needs a square count matrix with one row per vocabulary "
                f"word; got shape {matrix.shape} and {len(vocabulary)} words."
            )
        if self.dim is not None:
            check_int(self.dim, "dim", "PMILanguageModel()")
        if self.positive and self.dim is None:
            raise InvalidParameterError(
                "PMILanguageModel(positive=True) needs 'dim': the exact model uses "
                "the full PMI. Pass dim=... or positive=False."
            )
        rows = np.asarray(matrix.sum(axis=1)).ravel()
        with np.errstate(divide="ignore"):
            self.log_prior_: NDArray[np.float64] = np.log(rows) - np.log(rows.sum())
        self.vocabulary = list(vocabulary)
        self.index_ = {w: i for i, w in enumerate(self.vocabulary)}
        values = pmi(matrix, positive=self.positive)
        if self.dim is None:
            self.pmi_ = values
            self.pattern_ = values.copy()
            self.pattern_.data = np.ones_like(self.pattern_.data)
            weighted = values.copy()
            entry_rows = np.repeat(np.arange(values.shape[0]), np.diff(values.indptr))
            weighted.data = np.exp(values.data + self.log_prior_[entry_rows])
            with np.errstate(divide="ignore"):
                self.log_z_ = np.log(np.asarray(weighted.sum(axis=0)).ravel())
        else:
            u, s, vt = svd_factors(values, self.dim, rng=self.rng)
            root = np.sqrt(s)
            self.word_vectors_ = u * root
            self.context_vectors_ = vt.T * root
            # Z(c) over the whole vocabulary, a block of contexts at a time.
            n = len(self.vocabulary)
            self.log_z_ = np.empty(n)
            for start in range(0, n, 1024):
                block = self.context_vectors_[start : start + 1024]
                logits = self.log_prior_[:, None] + self.word_vectors_ @ block.T
                self.log_z_[start : start + 1024] = _logsumexp(logits, axis=0)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "log_z_"):
            raise InvalidParameterError(
                "This PMILanguageModel is not fitted yet; call fit() or "
                "fit_counts() first."
            )

    def _log_proba_pairs(
        self, words: NDArray[np.int64], contexts: NDArray[np.int64]
    ) -> NDArray[np.float64]:
        if self.dim is None:
            value = np.asarray(self.pmi_[words, contexts]).ravel()
            seen = np.asarray(self.pattern_[words, contexts]).ravel() > 0
            # Unseen pairs are set to -inf below; for a context never followed
            # (log Z = -inf) and a word of zero prior, -inf + inf is NaN first.
            with np.errstate(invalid="ignore"):
                out: NDArray[np.float64] = (
                    self.log_prior_[words] + value - self.log_z_[contexts]
                )
            out[~seen] = -np.inf
            return out
        dots = np.einsum(
            "ij,ij->i", self.word_vectors_[words], self.context_vectors_[contexts]
        )
        result: NDArray[np.float64] = (
            self.log_prior_[words] + dots - self.log_z_[contexts]
        )
        return result

    def log_proba(self, context: str) -> NDArray[np.float64]:
        """``log p(w | context)`` for every vocabulary word ``w``, nats.

        The exact model (``dim=None``) raises :class:`InvalidDataError` for a
        context never followed by a vocabulary word in the training text
        (``p(w | context)`` is 0 / 0 there).
        """
        self._check_fitted()
        if context not in self.index_:
            raise UnknownWordError(
                f"The context word {context!r} is not in the model's vocabulary of "
                f"{len(self.vocabulary)} words."
            )
        c = self.index_[context]
        if self.dim is None and not np.isfinite(self.log_z_[c]):
            # No pair (context, w) was counted, so p(w | context) = 0 / 0: the
            # exact model returned all zeros for a "distribution" documented to
            # sum to 1 (the last word of every document, or one followed only
            # by words below min_count).
            raise InvalidDataError(
                f"The context word {context!r} is never followed by a vocabulary "
                "word in the training text, so the exact PMI model has no "
                "distribution p(w | context) for it (every count is 0). Fit with "
                "dim=... for a smoothed low-rank model, or on more text."
            )
        words = np.arange(len(self.vocabulary))
        return self._log_proba_pairs(words, np.full_like(words, c))

    def proba(self, context: str) -> NDArray[np.float64]:
        """``p(w | context)`` for every vocabulary word ``w`` (sums to 1).

        The exact model (``dim=None``) raises :class:`InvalidDataError` for a
        context never followed by a vocabulary word in the training text.
        """
        return np.exp(self.log_proba(context))

    def score(
        self, tokens: Any, *, tokenizer: Tokenizer | None = None
    ) -> PerplexityResult:
        """Perplexity of held-out text, predicting each word from the previous.

        Pairs with a word outside the vocabulary are skipped and counted in
        ``coverage``; windows never cross a document boundary.
        """
        self._check_fitted()
        corpus = Corpus(tokens, tokenizer=tokenizer, chunk_size=10_000, where="score()")
        words: list[int] = []
        contexts: list[int] = []
        n_pairs = 0
        for chunk in corpus.chunks():
            for doc in chunk:
                ids = [self.index_.get(t, -1) for t in doc]
                n_pairs += max(len(ids) - 1, 0)
                for prev, word in itertools.pairwise(ids):
                    if prev >= 0 and word >= 0:
                        contexts.append(prev)
                        words.append(word)
        if not words:
            raise InvalidDataError(
                "score() found no adjacent pair of in-vocabulary words in the "
                f"held-out text ({n_pairs} pairs in all)."
            )
        logp = self._log_proba_pairs(
            np.asarray(words, dtype=np.int64), np.asarray(contexts, dtype=np.int64)
        )
        mean = float(np.mean(logp))
        return PerplexityResult(
            perplexity=float(np.exp(-mean)),
            mean_log_prob=mean,
            n_scored=len(words),
            coverage=len(words) / n_pairs,
        )

    def perplexity(self, tokens: Any, *, tokenizer: Tokenizer | None = None) -> float:
        """Perplexity of held-out text (see :meth:`score`)."""
        return self.score(tokens, tokenizer=tokenizer).perplexity


def _logsumexp(a: NDArray[np.float64], axis: int) -> NDArray[np.float64]:
    top = np.max(a, axis=axis, keepdims=True)
    out: NDArray[np.float64] = np.log(np.sum(np.exp(a - top), axis=axis)) + np.squeeze(
        top, axis=axis
    )
    return out
