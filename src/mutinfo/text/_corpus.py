"""Reading a corpus: a token stream, documents, or a file of one document a line.

The readers yield chunks (lists of documents, each a list of tokens), so a file
larger than memory is read once, a chunk at a time.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["Corpus", "simple_tokenize"]

Tokenizer = Callable[[str], Sequence[str]]
#: Planes that hold combining marks (categories Mn, Mc, Me): the BMP, the SMP
#: and plane 14 (variation selectors); the other planes hold none.
_MARK_PLANES = (range(0x20000), range(0xE0000, 0xF0000))


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    r"""Letters, each possibly followed by combining marks; one inner apostrophe.

    ``[^\W\d_]`` alone matches letters only, so a word was cut at every
    combining mark: Hindi "हिन्दी" gave four one-letter tokens, and a
    decomposed (NFD) "café" gave "cafe". The marks are read from
    :mod:`unicodedata` once, on first use.
    """
    ranges: list[tuple[int, int]] = []
    for plane in _MARK_PLANES:
        for code in plane:
            if unicodedata.category(chr(code))[0] == "M":
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1] = (ranges[-1][0], code)
                else:
                    ranges.append((code, code))
    marks = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    part = rf"[^\W\d_]+(?:[{marks}][^\W\d_]*)*"
    return re.compile(rf"{part}(?:'{part})?")


def simple_tokenize(text: str) -> list[str]:
    """Split text into lowercase words (letters, with inner apostrophes).

    Digits and punctuation are dropped: ``"Hill Top, 4:00pm"`` gives
    ``["hill", "top", "pm"]``. The text is put in Unicode normal form NFC
    first, combining marks (accents, the vowel signs of Indic scripts) belong
    to their word, and a typographic apostrophe (U+2019) counts as ``'``, so
    "don’t" and "don't" give the same token.

    Parameters
    ----------
    text : str
        One document.

    Returns
    -------
    list of str
        The lowercase words in order.

    Examples
    --------
    >>> simple_tokenize("The fire's edge, near Hill Top at 4:00pm.")
    ['the', "fire's", 'edge', 'near', 'hill', 'top', 'at', 'pm']
    """
    text = text.lower().replace("\u2019", "'")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _word_pattern().findall(text)


def _is_path(obj: Any) -> bool:
    return isinstance(obj, str | os.PathLike)


class Corpus:
    """The documents of a corpus, read in chunks (one pass per iteration).

    Parameters
    ----------
    source : str, path, sequence of str, sequence of sequences of str, or iterable
        A path (a text file, one document per line, UTF-8); a flat sequence of
        tokens (one document); a sequence or iterable of documents, each a
        sequence of tokens; or, with ``tokenizer``, a sequence of document
        strings.
    tokenizer : callable or None
        ``str -> list of str`` for the lines of a file or document strings;
        ``None`` splits on whitespace.
    chunk_size : int
        Documents per chunk.
    where : str
        The public caller, for error messages.
    """

    def __init__(
        self,
        source: Any,
        *,
        tokenizer: Tokenizer | None,
        chunk_size: int,
        where: str,
    ) -> None:
        self.where = where
        self.tokenizer = tokenizer
        self.chunk_size = chunk_size
        self.path: Path | None = None
        self.documents: Iterable[Any] | None = None
        self.replayable = True
        #: A flat sequence of str read as one token stream (no tokenizer).
        self.flat = False
        if _is_path(source):
            path = Path(source)
            if not path.is_file():
                hint = (
                    " To count a text held in memory, pass a list of tokens "
                    "(text.split()) instead of a string."
                    if isinstance(source, str)
                    else ""
                )
                raise InvalidDataError(
                    f"The corpus file {str(source)!r} passed to {where} does not "
                    f"exist or is not a file.{hint}"
                )
            self.path = path
            return
        if isinstance(source, bytes):
            raise InvalidDataError(
                f"{where} needs tokens as str, not bytes; decode the text first."
            )
        if isinstance(source, np.ndarray):
            source = source.tolist() if source.ndim == 1 else [list(r) for r in source]
        if isinstance(source, Sequence):
            if len(source) == 0:
                raise InvalidDataError(
                    f"The corpus passed to {where} is empty. Pass a list of "
                    "tokens, a list of documents or a file with some text."
                )
            first = source[0]
            if isinstance(first, str):
                # A flat token stream, or document strings when a tokenizer is given.
                self.documents = source if tokenizer is not None else [source]
                self.flat = tokenizer is None
                return
            self.documents = source
            return
        if isinstance(source, Iterable):
            self.documents = source
            self.replayable = False
            return
        raise InvalidDataError(
            f"{where} expects a file path, a sequence of tokens or a sequence of "
            f"documents. Got {type(source).__name__}."
        )

    def _tokens(self, document: Any, index: int) -> Sequence[Any]:
        if isinstance(document, str):
            if self.tokenizer is None:
                raise InvalidDataError(
                    f"Document {index} passed to {self.where} is a string, but the "
                    "other input is tokens. Pass every document as a list of "
                    "tokens, or pass tokenizer= to split document strings."
                )
            return self.tokenizer(document)
        if isinstance(document, np.ndarray):
            return list(document.ravel())
        if isinstance(document, Sequence):
            return document
        raise InvalidDataError(
            f"Document {index} passed to {self.where} is a "
            f"{type(document).__name__}, not a sequence of tokens. Non-string "
            "tokens are not counted: convert them with str() first."
        )

    def chunks(self) -> Iterator[list[Sequence[Any]]]:
        """Yield lists of tokenised documents, ``chunk_size`` at a time."""
        if self.path is not None:
            split = self.tokenizer or str.split
            chunk: list[Sequence[Any]] = []
            # utf-8-sig: a byte-order mark (Windows editors write one) was part
            # of the first token ("\ufeffthe", a word apart from "the").
            with self.path.open(encoding="utf-8-sig") as handle:
                for line in handle:
                    chunk.append(split(line))
                    if len(chunk) >= self.chunk_size:
                        yield chunk
                        chunk = []
            if chunk:
                yield chunk
            return
        documents: Iterable[Any] = self.documents if self.documents is not None else ()
        chunk = []
        for index, document in enumerate(documents):
            chunk.append(self._tokens(document, index))
            if len(chunk) >= self.chunk_size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def check_replayable(self, reason: str) -> None:
        """Raise when a second pass is needed over a one-shot iterator."""
        if not self.replayable:
            raise InvalidParameterError(
                f"{reason} needs two passes over the corpus, but {self.where} got a "
                "one-shot iterator. Pass a list of documents or a file path."
            )
