"""Evaluation of word vectors on word-similarity sets (Spearman and coverage)."""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mutinfo.exceptions import DataWarning, InvalidDataError, MissingDependencyError
from mutinfo.text._vectors import Embeddings

__all__ = [
    "SimilarityResult",
    "evaluate_similarity",
    "read_similarity",
    "similarity_dataset",
]

#: Similarity sets shipped inside gensim's wheel (its test data).
_GENSIM_SETS = {"wordsim353": "wordsim353.tsv", "simlex999": "simlex999.txt"}


def similarity_dataset(name: str) -> Path:
    """Path of a similarity set bundled with gensim (offline).

    Parameters
    ----------
    name : {'wordsim353', 'simlex999'}
        WordSim-353 (Finkelstein et al. 2002) or SimLex-999 (Hill et al. 2015),
        as shipped in gensim's test data (``gensim.test.utils.datapath``).

    Returns
    -------
    pathlib.Path
        The tab-separated file ``word1 word2 score`` with ``#`` comments.

    Raises
    ------
    MissingDependencyError
        gensim is not installed (``pip install "mutinfo[text]"``).

    Examples
    --------
    >>> from mutinfo import text
    >>> text.similarity_dataset("wordsim353").name  # doctest: +SKIP
    'wordsim353.tsv'
    """
    if name not in _GENSIM_SETS:
        from mutinfo._params import check_choice

        check_choice(name, "name", tuple(_GENSIM_SETS), "similarity_dataset()")
    try:
        from gensim.test.utils import datapath
    except ImportError:
        raise MissingDependencyError(
            'The bundled similarity sets come with gensim: pip install "mutinfo[text]"'
        ) from None
    return Path(datapath(_GENSIM_SETS[name]))


def read_similarity(path: str | os.PathLike[str]) -> list[tuple[str, str, float]]:
    r"""Read a word-similarity file: ``word1 word2 score`` per line.

    Fields are separated by a tab (or, without tabs, by whitespace); blank lines
    and lines starting with ``#`` are skipped. A name of a bundled set
    (``"wordsim353"``, ``"simlex999"``) is accepted too.

    Parameters
    ----------
    path : str or path
        The file, or the name of a bundled set.

    Returns
    -------
    list of (str, str, float)
        The pairs with their human scores, in file order.

    Raises
    ------
    InvalidDataError
        A line without exactly three fields or a score that is not a number
        (the message names the line and column).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from mutinfo import text
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pairs.tsv"
    >>> _ = p.write_text("# w1\tw2\tscore\ntiger\tcat\t7.35\n")
    >>> text.read_similarity(p)
    [('tiger', 'cat', 7.35)]
    """
    if isinstance(path, str) and path in _GENSIM_SETS and not Path(path).exists():
        path = similarity_dataset(path)
    path = Path(path)
    if not path.is_file():
        raise InvalidDataError(f"The similarity file {str(path)!r} does not exist.")
    pairs: list[tuple[str, str, float]] = []
    with path.open(encoding="utf-8-sig") as handle:  # a leading BOM is skipped
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            fields = stripped.split("\t") if "\t" in stripped else stripped.split()
            if len(fields) != 3:
                raise InvalidDataError(
                    f"{path}: line {number} has {len(fields)} field(s); expected 3 "
                    "(word1, word2, score) separated by a tab."
                )
            try:
                score = float(fields[2])
            except ValueError:
                raise InvalidDataError(
                    f"{path}: line {number}, column 3: the score {fields[2]!r} is "
                    "not a number."
                ) from None
            if not math.isfinite(score):
                raise InvalidDataError(
                    f"{path}: line {number}, column 3: the score must be finite."
                )
            pairs.append((fields[0].strip(), fields[1].strip(), score))
    if not pairs:
        raise InvalidDataError(f"{path}: no word pairs found.")
    return pairs


@dataclass(frozen=True)
class SimilarityResult:
    """Spearman correlation of cosine similarities with human scores.

    Attributes
    ----------
    spearman : float
        Spearman's rho over the covered pairs (NaN when fewer than 2 pairs).
    coverage : float
        Covered pairs / all pairs.
    n_pairs, n_covered : int
        Pairs in the set; pairs with both words in the vocabulary.
    """

    spearman: float
    coverage: float
    n_pairs: int
    n_covered: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return {
            "spearman": self.spearman,
            "coverage": self.coverage,
            "n_pairs": self.n_pairs,
            "n_covered": self.n_covered,
        }


def evaluate_similarity(
    embeddings: Embeddings,
    pairs: Any,
    *,
    lowercase: bool = True,
) -> SimilarityResult:
    """Spearman correlation between cosine similarity and human scores.

    Only pairs with both words in the vocabulary are scored ("covered"); the
    coverage is reported beside the correlation, since a small vocabulary can
    look good on the few pairs it covers. A covered pair with a zero vector
    (cosine 0 with every word) is scored, with a
    :class:`~mutinfo.exceptions.DataWarning`.

    Parameters
    ----------
    embeddings : Embeddings
        Word vectors.
    pairs : path, set name, or sequence of (str, str, float)
        A similarity file (see :func:`read_similarity`), ``"wordsim353"`` or
        ``"simlex999"``, or the pairs themselves.
    lowercase : bool, default=True
        Lowercase the set's words before lookup.

    Returns
    -------
    SimilarityResult
        ``spearman``, ``coverage``, ``n_pairs``, ``n_covered``.

    Examples
    --------
    >>> from mutinfo import text
    >>> emb = text.Embeddings([[1, 0], [1, 0.2], [0, 1]], ["cat", "tiger", "car"])
    >>> pairs = [
    ...     ("cat", "tiger", 9.0),
    ...     ("cat", "car", 1.0),
    ...     ("tiger", "car", 2.0),
    ...     ("cat", "zebra", 5.0),
    ... ]
    >>> r = text.evaluate_similarity(emb, pairs)
    >>> r.spearman, r.coverage
    (1.0, 0.75)
    """
    from scipy.stats import spearmanr

    if isinstance(pairs, str | os.PathLike):
        pairs = read_similarity(pairs)
    total = len(pairs)
    model: list[float] = []
    human: list[float] = []
    blank: set[str] = set()
    n_blank = 0
    for a, b, score in pairs:
        if lowercase:
            a, b = a.lower(), b.lower()
        if a in embeddings and b in embeddings:
            model.append(embeddings.similarity(a, b))
            human.append(float(score))
            zero = [w for w in (a, b) if not np.any(embeddings[w])]
            blank.update(zero)
            n_blank += bool(zero)
    covered = len(model)
    if n_blank:
        # A zero vector (a word whose PPMI row is all 0, common with a large
        # shift) has cosine 0 with every word: such pairs were scored as
        # "unrelated" without a word of notice.
        example = sorted(blank)[0]
        warnings.warn(
            f"{n_blank} of the {covered} covered pairs involve a word with a zero "
            f"vector ({len(blank)} such words, for example {example!r}); its "
            "cosine is 0 with every word, so those pairs are scored as unrelated "
            "whatever the human score. A zero vector means the word has no "
            "positive PMI with any context: lower 'shift' or 'min_count', or "
            "count more text.",
            DataWarning,
            stacklevel=2,
        )
    rho = float("nan")
    if covered >= 2 and np.ptp(model) > 0 and np.ptp(human) > 0:
        # Spearman's rho is undefined when either side is constant (NaN then).
        rho = float(spearmanr(np.asarray(model), np.asarray(human)).statistic)
    return SimilarityResult(
        spearman=rho,
        coverage=covered / total if total else 0.0,
        n_pairs=total,
        n_covered=covered,
    )
