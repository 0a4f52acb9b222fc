"""scikit-learn transformer: PPMI-SVD word vectors (needs the ``sklearn`` extra)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import InvalidDataError, MissingDependencyError

try:
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.utils.validation import check_is_fitted
except ImportError:  # pragma: no cover - exercised only without scikit-learn
    raise MissingDependencyError(
        "mutinfo.text.PMIVectorizer needs scikit-learn: pip install 'mutinfo[sklearn]'"
    ) from None

from mutinfo._params import check_choice
from mutinfo.text._cooccurrence import cooccurrence
from mutinfo.text._pmi import pmi
from mutinfo.text._svd import svd_embeddings
from mutinfo.text._vectors import Embeddings

__all__ = ["PMIVectorizer"]


class PMIVectorizer(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Word vectors from the SVD of a (shifted, smoothed) PPMI matrix.

    ``fit`` counts co-occurrences in a corpus (:func:`mutinfo.text.cooccurrence`),
    computes ``pmi(counts, positive=True, shift=shift, cds=cds)`` and its
    rank-``dim`` SVD embeddings; ``transform`` maps words to their vectors, so
    it drops into a ``Pipeline`` after a step that yields words.

    Parameters
    ----------
    dim : int, default=100
        Embedding dimension (at most the vocabulary size).
    window : int, default=2
        Co-occurrence window.
    min_count : int, default=1
        Vocabulary cut-off.
    shift : float, default=1.0
        ``k`` of shifted PPMI.
    cds : float, default=0.75
        Context-distribution smoothing.
    eig : float, default=0.5
        Eigenvalue weighting of the SVD.
    tokenizer : callable or None, default=None
        Splits document strings (``None``: documents are token lists, or
        strings split on whitespace).
    handle_unknown : {'error', 'zero'}, default='error'
        An unknown word raises (``UnknownWordError``) or maps to a zero vector.
    corpus : None, path or sequence, default=None
        Where the vectors are learnt from. ``None``: ``fit(X)`` counts ``X``
        itself. Given (a file path or documents), ``fit(X, y)`` ignores ``X``,
        so the transformer can sit in a ``Pipeline`` whose samples are words
        (``make_pipeline(PMIVectorizer(corpus=path), LogisticRegression())``).
    rng : None, int or numpy.random.Generator, default=None
        Starting vector of the sparse SVD.

    Attributes
    ----------
    embeddings_ : Embeddings
        The fitted vectors and vocabulary.
    vocabulary_ : list of str

    Examples
    --------
    >>> from mutinfo.text import PMIVectorizer
    >>> docs = ["the cat sat on the mat", "the dog sat on the log"]
    >>> vec = PMIVectorizer(dim=2, window=2, rng=0).fit(docs)
    >>> vec.transform(["cat", "dog"]).shape
    (2, 2)
    """

    def __init__(
        self,
        dim: int = 100,
        *,
        window: int = 2,
        min_count: int = 1,
        shift: float = 1.0,
        cds: float = 0.75,
        eig: float = 0.5,
        tokenizer: Any = None,
        handle_unknown: str = "error",
        corpus: Any = None,
        rng: Any = None,
    ) -> None:
        self.dim = dim
        self.window = window
        self.min_count = min_count
        self.shift = shift
        self.cds = cds
        self.eig = eig
        self.tokenizer = tokenizer
        self.handle_unknown = handle_unknown
        self.corpus = corpus
        self.rng = rng

    def fit(self, X: Any, y: Any = None) -> PMIVectorizer:
        """Learn the vectors from ``corpus``, or from ``X`` (documents) without it."""
        check_choice(
            self.handle_unknown, "handle_unknown", ("error", "zero"), "PMIVectorizer"
        )
        documents = X if self.corpus is None else self.corpus
        if (
            not isinstance(documents, str)
            and hasattr(documents, "tolist")
            and getattr(documents, "ndim", None) == 1
        ):
            # A column of document strings (ndarray, pandas Series), as a
            # Pipeline passes it: read as one token stream it made each whole
            # document a single "word".
            documents = documents.tolist()
        if (
            self.tokenizer is None
            and isinstance(documents, list | tuple)
            and documents
            and isinstance(documents[0], str)
        ):
            documents = [doc.split() for doc in documents]
            if all(len(doc) <= 1 for doc in documents):
                # A flat token list (one word per "document") counted no pair
                # and failed later with "pmi() has no positive count".
                source = "X" if self.corpus is None else "corpus"
                raise InvalidDataError(
                    f"PMIVectorizer reads a list of str in {source!r} as document "
                    "strings, but every one holds at most one word, so no word "
                    "co-occurs with another. Pass a flat token stream as one "
                    "document, [tokens], or the documents as strings or token lists."
                )
        counts, vocabulary = cooccurrence(
            documents,
            window=self.window,
            min_count=self.min_count,
            tokenizer=self.tokenizer,
        )
        matrix = pmi(counts, positive=True, shift=self.shift, cds=self.cds)
        vectors = svd_embeddings(matrix, self.dim, eig=self.eig, rng=self.rng)
        self.embeddings_ = Embeddings(vectors, vocabulary)
        self.vocabulary_ = vocabulary
        self.n_features_out_ = vectors.shape[1]
        return self

    def transform(self, X: Any) -> NDArray[np.float64]:
        """Vectors of the words in ``X`` (a sequence of str), one row each."""
        check_is_fitted(self, "embeddings_")
        words = np.asarray(X, dtype=object).ravel()
        out = np.zeros((words.size, self.embeddings_.dim))
        for i, word in enumerate(words):
            if self.handle_unknown == "zero" and word not in self.embeddings_:
                continue
            out[i] = self.embeddings_[word]
        return out

    def get_feature_names_out(self, input_features: Any = None) -> NDArray[Any]:
        """Output names ``pmi_svd0``, ``pmi_svd1``, ..."""
        check_is_fitted(self, "embeddings_")
        return np.asarray(
            [f"pmi_svd{j}" for j in range(self.n_features_out_)], dtype=object
        )
