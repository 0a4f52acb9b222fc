"""The King James Bible shipped in mutinfo.datasets (load_text)."""

from __future__ import annotations

import pytest

from mutinfo.datasets import load_text
from mutinfo.exceptions import InvalidParameterError


def test_kjv_verses_and_frame() -> None:
    verses = load_text("kjv")
    assert len(verses) == 31102  # the canonical KJV verse count
    assert verses[0] == "In the beginning God created the heaven and the earth."
    assert verses[-1] == "The grace of our Lord Jesus Christ be with you all. Amen."
    # John 11:35, the shortest verse
    frame = load_text("kjv", as_frame=True)
    row = frame[(frame.book == "John") & (frame.chapter == 11) & (frame.verse == 35)]
    assert row.text.tolist() == ["Jesus wept."]
    assert frame.book.nunique() == 66
    assert frame.groupby("book", sort=False).size().iloc[0] == 1533  # Genesis
    assert sum(len(v.split()) for v in verses) == 789634
    assert frame.text.tolist() == verses


def test_unknown_corpus_names_the_choices() -> None:
    with pytest.raises(InvalidParameterError, match="kjv"):
        load_text("shakespeare")
