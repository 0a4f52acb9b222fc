"""Word vectors with their vocabulary: lookups, similarity, neighbours, analogies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import check_choice
from mutinfo.exceptions import InvalidDataError, InvalidParameterError, MutinfoError
from mutinfo.text._checks import check_int

__all__ = ["Embeddings", "UnknownWordError"]


class UnknownWordError(MutinfoError, KeyError):
    """A queried word is not in the vocabulary (a ``KeyError``)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _unit_rows(array: NDArray[np.float64]) -> NDArray[np.float64]:
    """Rows scaled to unit Euclidean norm (zero rows stay zero).

    Each row is first divided by its largest absolute entry, so the squares
    neither overflow (entries above about 1e154 made the norm inf and every
    cosine 0) nor underflow (entries below about 1e-162 made it 0).
    """
    if array.size == 0:
        return array.copy()
    top = np.max(np.abs(array), axis=1, keepdims=True)
    scaled = np.divide(array, top, out=np.zeros_like(array), where=top > 0)
    norms = np.linalg.norm(scaled, axis=1, keepdims=True)
    out: NDArray[np.float64] = np.divide(
        scaled, norms, out=np.zeros_like(scaled), where=norms > 0
    )
    return out


class Embeddings:
    """Word vectors and their vocabulary, with cosine queries.

    Parameters
    ----------
    vectors : array-like of shape (n_words, dim)
        One row per word.
    vocabulary : sequence of str
        The word of each row (distinct).

    Examples
    --------
    >>> from mutinfo import text
    >>> words = ["man", "king", "woman", "queen", "apple"]
    >>> vectors = [[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1], [1, -1, 0]]
    >>> emb = text.Embeddings(vectors, words)
    >>> emb.nearest("king", k=2)
    [('man', 0.7071067811865475), ('queen', 0.4999999999999999)]
    >>> emb.analogy("man", "king", "woman")[0][0]
    'queen'
    """

    def __init__(self, vectors: ArrayLike, vocabulary: Sequence[str]) -> None:
        array = np.asarray(vectors, dtype=np.float64)
        words = [str(w) for w in vocabulary]
        if array.ndim != 2 or array.shape[0] != len(words):
            raise InvalidDataError(
                "Embeddings need a 2-D vectors array with one row per vocabulary "
                f"word; got vectors of shape {array.shape} and {len(words)} words."
            )
        if not np.all(np.isfinite(array)):
            raise InvalidDataError("Embeddings vectors contain NaN or inf values.")
        self.vectors: NDArray[np.float64] = array
        self.vocabulary: list[str] = words
        self.index: dict[str, int] = {w: i for i, w in enumerate(words)}
        if len(self.index) != len(words):
            raise InvalidDataError("Embeddings vocabulary has repeated words.")
        self._unit = _unit_rows(array)

    def __repr__(self) -> str:
        return f"Embeddings(n_words={len(self.vocabulary)}, dim={self.dim})"

    def __len__(self) -> int:
        return len(self.vocabulary)

    def __contains__(self, word: object) -> bool:
        return word in self.index

    @property
    def dim(self) -> int:
        """Dimension of the vectors."""
        return int(self.vectors.shape[1])

    def row(self, word: str) -> int:
        """Row of ``word``; raises :class:`UnknownWordError` when absent."""
        try:
            return self.index[word]
        except (KeyError, TypeError):
            raise UnknownWordError(
                f"The word {word!r} is not in the vocabulary of "
                f"{len(self.vocabulary)} words. Check its spelling and case, or "
                "lower 'min_count' when counting."
            ) from None

    def __getitem__(self, word: str) -> NDArray[np.float64]:
        vector: NDArray[np.float64] = self.vectors[self.row(word)]
        return vector

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two words' vectors (0 for a zero vector)."""
        return float(self._unit[self.row(a)] @ self._unit[self.row(b)])

    def _query(self, query: str | ArrayLike) -> tuple[NDArray[np.float64], list[int]]:
        if isinstance(query, str):
            i = self.row(query)
            return self._unit[i], [i]
        vector = np.asarray(query, dtype=np.float64).ravel()
        if vector.shape != (self.dim,):
            raise InvalidParameterError(
                f"A query vector must have shape ({self.dim},); got {vector.shape}."
            )
        return _unit_rows(vector[None, :])[0], []

    def _top(
        self, scores: NDArray[np.float64], exclude: list[int], k: int
    ) -> list[tuple[str, float]]:
        scores = scores.copy()
        scores[exclude] = -np.inf
        k = min(k, int(np.isfinite(scores).sum()))
        best = np.argpartition(-scores, k - 1)[:k] if k > 0 else np.array([], int)
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.vocabulary[i], float(scores[i])) for i in best]

    def nearest(
        self, query: str | ArrayLike, *, k: int = 10
    ) -> list[tuple[str, float]]:
        """Return the ``k`` words of highest cosine similarity to a word or vector.

        A query word is excluded from its own neighbours. Returns
        ``[(word, cosine), ...]``, best first.
        """
        k = check_int(k, "k", "Embeddings.nearest()")
        vector, exclude = self._query(query)
        return self._top(self._unit @ vector, exclude, k)

    def analogy(
        self,
        a: str,
        b: str,
        c: str,
        *,
        k: int = 1,
        method: Literal["3cosadd", "3cosmul"] = "3cosadd",
    ) -> list[tuple[str, float]]:
        """Answer ``a : b :: c : ?`` (``man : king :: woman : queen``).

        ``3cosadd`` ranks ``cos(x, b) - cos(x, a) + cos(x, c)`` (Mikolov et al.);
        ``3cosmul`` ranks ``cos'(x, b) cos'(x, c) / (cos'(x, a) + 1e-3)`` with
        ``cos' = (cos + 1) / 2`` (Levy & Goldberg 2014). ``a``, ``b``, ``c``
        are excluded from the answers.
        """
        k = check_int(k, "k", "Embeddings.analogy()")
        method = check_choice(  # type: ignore[assignment]
            method, "method", ("3cosadd", "3cosmul"), "Embeddings.analogy()"
        )
        ia, ib, ic = self.row(a), self.row(b), self.row(c)
        sims = self._unit @ self._unit[[ia, ib, ic]].T
        if method == "3cosadd":
            scores = sims[:, 1] - sims[:, 0] + sims[:, 2]
        else:
            shifted = (sims + 1.0) / 2.0
            scores = shifted[:, 1] * shifted[:, 2] / (shifted[:, 0] + 1e-3)
        return self._top(scores, [ia, ib, ic], k)

    def to_frame(self) -> Any:
        """Return the vectors as a DataFrame: column ``word``, then ``dim_0``..."""
        import pandas as pd

        frame = pd.DataFrame(
            self.vectors, columns=[f"dim_{j}" for j in range(self.dim)]
        )
        frame.insert(0, "word", self.vocabulary)
        return frame

    @classmethod
    def from_frame(cls, frame: Any) -> Embeddings:
        """Build from :meth:`to_frame`'s layout (a ``word`` column, then numbers)."""
        if "word" not in frame.columns:
            raise InvalidDataError(
                "An embeddings table needs a 'word' column and one numeric column "
                f"per dimension; got columns {list(frame.columns)[:5]}."
            )
        numbers = frame.drop(columns="word")
        try:
            values = numbers.to_numpy(dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidDataError(
                "Every column but 'word' of an embeddings table must be numeric."
            ) from None
        return cls(values, frame["word"].astype(str).tolist())
