"""Small real datasets shipped inside the package (no download)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Literal, overload

from mutinfo.exceptions import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_text", "load_wine"]

#: Text corpora shipped in ``data/``: name -> (file, description).
TEXTS = {"kjv": ("data/kjv.tsv.xz", "King James Bible (1611/1769), 31,102 verses")}


def load_wine() -> pd.DataFrame:
    """Load the UCI Wine data: 178 wines, 13 chemical measurements, 3 cultivars.

    Returns
    -------
    pandas.DataFrame
        13 float columns and the string column ``cultivar``.

    Notes
    -----
    S. Aeberhard and M. Forina, "Wine", UCI Machine Learning Repository (1991),
    doi:10.24432/C5PC7J. Licence: CC BY 4.0.

    Examples
    --------
    >>> from mutinfo.datasets import load_wine
    >>> load_wine().shape
    (178, 14)
    """
    import pandas as pd

    with resources.files("mutinfo.datasets").joinpath("data/wine.csv").open() as f:
        return pd.read_csv(f)


@overload
def load_text(name: str = ..., *, as_frame: Literal[False] = ...) -> list[str]: ...
@overload
def load_text(name: str = ..., *, as_frame: Literal[True]) -> pd.DataFrame: ...


def load_text(name: str = "kjv", *, as_frame: bool = False) -> list[str] | pd.DataFrame:
    """Load a public-domain text corpus shipped inside the package (no download).

    Parameters
    ----------
    name
        ``"kjv"``: the King James Bible, Authorized Version, 31,102 verses,
        66 books, about 790,000 words and 4.3 million characters, plain ASCII
        with its original capitalisation and punctuation.
    as_frame
        ``False`` (default): a list of strings, one verse per item, in canonical
        order (Genesis 1:1 .. Revelation 22:21), ready to be treated as documents
        by :func:`mutinfo.text.cooccurrence` after tokenising. ``True``: a
        DataFrame with columns ``book`` (abbreviation, e.g. ``"Ge"``),
        ``chapter``, ``verse`` (int) and ``text``.

    Notes
    -----
    Text of the Authorized (King James) Version as distributed in Debian's
    ``bible-kjv-text`` 4.38 (Chip Chapin's Bible Retrieval System, 1989; data
    file "provided for unrestricted use"), dumped verse by verse with the
    ``bible`` program of ``bible-kjv`` 4.38. The translation (1611) is in the
    public domain worldwide except the United Kingdom, where the Crown's
    perpetual rights (letters patent) restrict printing; see
    ``mutinfo/datasets/data/README.md``.

    Examples
    --------
    >>> from mutinfo.datasets import load_text
    >>> verses = load_text("kjv")
    >>> len(verses), verses[0]
    (31102, 'In the beginning God created the heaven and the earth.')
    """
    import lzma

    if name not in TEXTS:
        msg = (
            f"load_text: name must be one of {sorted(TEXTS)}; received {name!r}. "
            "Fix: pass a shipped corpus name, or read your own file with "
            "mutinfo.text.cooccurrence(path)."
        )
        raise InvalidParameterError(msg)
    path = resources.files("mutinfo.datasets").joinpath(TEXTS[name][0])
    with path.open("rb") as raw:
        lines = lzma.decompress(raw.read()).decode("ascii").splitlines()
    header = lines[0].split("\t")
    rows = [line.split("\t", 3) for line in lines[1:]]
    if not as_frame:
        return [r[3] for r in rows]
    import pandas as pd

    frame = pd.DataFrame(rows, columns=header)
    for col in ("chapter", "verse"):
        frame[col] = frame[col].astype("int64")
    return frame
