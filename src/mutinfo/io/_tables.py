"""Table input: CSV (or ``-`` for stdin) and Parquet, and column selection."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mutinfo.exceptions import (
    DataWarning,
    InvalidDataError,
    InvalidParameterError,
    MissingDependencyError,
    warn,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "formatted_numbers",
    "numeric_like_labels",
    "read_numeric_csv",
    "read_table",
    "select_columns",
    "split_columns",
]

#: Offending values quoted in a warning before "and N more".
_QUOTED = 5

#: File name endings read as tab-separated values (anything else but Parquet:
#: comma-separated).
_TSV_SUFFIXES = (".tsv", ".tab")
_SEP_NAMES = {",": "comma", "\t": "tab"}


def _check_na_values(na_values: Any) -> list[str]:
    if na_values is None:
        return []
    if isinstance(na_values, str):
        return [na_values]
    if isinstance(na_values, Sequence) and all(isinstance(v, str) for v in na_values):
        return list(na_values)
    raise InvalidParameterError(
        "The 'na_values' parameter of read_table() must be a string or a list of "
        f"strings (cell values read as missing, e.g. ['?', 'NA']). Got {na_values!r} "
        "instead."
    )


def _not_utf8(
    source: str, exc: UnicodeDecodeError, *, where: bool = False
) -> InvalidDataError:
    byte = exc.object[exc.start : exc.start + 1].hex()
    at = f" at byte offset {exc.start}" if where else ""
    return InvalidDataError(
        f"{source} is not UTF-8 text: byte 0x{byte}{at} cannot be decoded. "
        "Convert it to UTF-8 first, for example with 'iconv -f latin1 -t utf-8'."
    )


def _is_text(col: Any) -> bool:
    import pandas as pd

    return bool(col.dtype == object or isinstance(col.dtype, pd.StringDtype))


def numeric_like_labels(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Text columns that are mostly numbers, with their values that are not.

    One stray token (``?``, ``n/a``, ``-``) makes CSV readers keep a whole
    numeric column as text, which mutinfo would then treat as discrete labels.
    A text column is reported when at least half of its non-missing cells
    parse as numbers and some do not.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.

    Returns
    -------
    dict
        Column name (as text) to its distinct non-numeric values, most frequent
        first.

    Examples
    --------
    >>> import pandas as pd
    >>> numeric_like_labels(
    ...     pd.DataFrame({"a": ["1.5", "?", "2"], "b": ["x", "y", "1"]})
    ... )
    {'a': ['?']}
    """
    import pandas as pd

    out: dict[str, list[str]] = {}
    dtypes = list(frame.dtypes)
    for k, name in enumerate(frame.columns):
        dtype = dtypes[k]
        if not (dtype.kind == "O" or isinstance(dtype, pd.StringDtype)):
            continue  # numbers, bools, categoricals, dates: read as such
        col = frame.iloc[:, k]
        if str(name) in out:
            continue
        present = col.notna()
        if not present.any():
            continue
        text = col[present].astype(str)
        parsed = pd.to_numeric(text.str.strip(), errors="coerce")
        bad = parsed.isna()
        if bad.any() and int((~bad).sum()) >= int(bad.sum()):
            out[str(name)] = text[bad].value_counts().index.astype(str).tolist()
    return out


#: A number written with thousands separators, a currency or a percent sign.
_FORMATTED = re.compile(
    r"^\s*[-+]?\s*[$\u20ac\u00a3\u00a5]?\s*[-+]?"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?\s*%?\s*$"
)


def formatted_numbers(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Text columns of numbers written with thousands separators, currency or ``%``.

    ``"1,234"``, ``"$5"`` or ``"12.5%"`` are text to a CSV reader, so such a
    column would be read as discrete labels. A text column is reported when
    at least half of its non-missing cells are numbers, some of them written
    that way.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.

    Returns
    -------
    dict
        Column name (as text) to its formatted values, most frequent first.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"a": ["1,234", "56", "7,890"], "b": ["x", "y", "1"]})
    >>> formatted_numbers(table)
    {'a': ['1,234', '7,890']}
    """
    import pandas as pd

    out: dict[str, list[str]] = {}
    dtypes = list(frame.dtypes)
    for k, name in enumerate(frame.columns):
        dtype = dtypes[k]
        if not (dtype.kind == "O" or isinstance(dtype, pd.StringDtype)):
            continue
        col = frame.iloc[:, k]
        present = col.notna()
        if str(name) in out or not present.any():
            continue
        text = col[present].astype(str)
        plain = pd.to_numeric(text.str.strip(), errors="coerce").notna()
        formatted = ~plain & text.str.match(_FORMATTED)
        if formatted.any() and int((plain | formatted).sum()) * 2 >= text.size:
            out[str(name)] = text[formatted].value_counts().index.astype(str).tolist()
    return out


#: Remedy of the warning on formatted numbers.
FORMAT_FIX = (
    "Write them as plain numbers (pandas.read_csv(..., thousands=',') reads '1,234' "
    "as 1234), or drop the currency and percent signs, to read them as numbers."
)


def _quote(tokens: list[str]) -> str:
    """Quote the first :data:`_QUOTED` tokens and say how many more there are."""
    shown = ", ".join(repr(t) for t in tokens[:_QUOTED])
    more = f" and {len(tokens) - _QUOTED} more" if len(tokens) > _QUOTED else ""
    return shown + more


def warn_numeric_like_labels(frame: pd.DataFrame, fix: str) -> None:
    """Warn (DataWarning) once per mostly-numeric text column, quoting its tokens.

    A column of numbers written with thousands separators, currency or percent
    signs (:func:`formatted_numbers`) gets its own warning.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    fix : str
        The remedy sentence; ``{tokens}`` is replaced by the tokens as a list.
    """
    formatted = formatted_numbers(frame)
    for name, tokens in formatted.items():
        warn(
            f"Column {name!r} holds numbers written with thousands separators, "
            f"currency or percent signs ({_quote(tokens)}), so it is read as text: "
            f"discrete labels, not numbers. {FORMAT_FIX}",
            DataWarning,
        )
    for name, tokens in numeric_like_labels(frame).items():
        if name in formatted:
            continue
        warn(
            f"Column {name!r} holds numbers and {len(tokens)} non-numeric value(s) "
            f"({_quote(tokens)}), so it is read as text: discrete labels, not numbers. "
            + fix.format(tokens=tokens[:_QUOTED]),
            DataWarning,
        )


#: Remedy of the warning, the same wherever a table is read (so a CLI run that
#: reads a file and then builds a matrix from it prints it once).
NA_FIX = (
    "If they mark missing values, read the file with na_values={tokens!r} "
    "(mutinfo.io.read_table or pandas.read_csv; CLI: --na-values) and choose a "
    "nan_policy; otherwise fix those cells."
)


def _whole_with_gaps(frame: pd.DataFrame) -> list[int]:
    """Positions of float columns with missing cells whose other values are whole.

    A reader turns an integer column with one empty cell (or Parquet null) into
    float64: its labels would then be read as numbers, and integers beyond
    2**53 are rounded (2**60 + 1 becomes 2**60).
    """
    import numpy as np

    out: list[int] = []
    for k, dtype in enumerate(frame.dtypes):
        if dtype != np.float64:
            continue
        values = frame.iloc[:, k].to_numpy()
        present = values[~np.isnan(values)]
        if 0 < present.size < values.size and bool(
            np.all(np.isfinite(present) & (present == np.floor(present)))
        ):
            out.append(k)
    return out


def _restore_integers(frame: pd.DataFrame, nullable: Any) -> pd.DataFrame:
    """Give integer columns with missing cells back their exact integer values.

    ``nullable`` reads the same table with pandas' nullable dtypes (called only
    when a float column with missing cells holds whole numbers); a column it
    reads as integers replaces the float one (``Int64`` or ``UInt64``, missing
    cells as ``pandas.NA``), so mutinfo reads the column as integers, as it
    would without the missing cells.
    """
    import pandas as pd

    positions = _whole_with_gaps(frame)
    if not positions:
        return frame
    exact = nullable()
    if exact.shape != frame.shape or list(exact.columns) != list(frame.columns):
        return frame  # pragma: no cover - the same reader on the same bytes
    frame = frame.copy()
    for k in positions:
        column = exact.iloc[:, k]
        if pd.api.types.is_integer_dtype(column.dtype):
            frame.isetitem(k, column)
    return frame


#: An integer literal as a CSV cell holds it.
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")


def _blank_unsigned_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Read text columns of integers with empty cells as nullable integers.

    pandas' CSV parser keeps a column of integers between 2**63 and 2**64 (the
    uint64 range) with an empty cell as text, the empty cell as the label
    ``""`` (also with ``na_values=[""]``): the missing cell counted as a value
    of its own, which ``nan_policy='omit'`` did not drop. Such a column becomes
    ``UInt64`` (``Int64``, or Python ints for wider ones) with the empty cells
    missing, as a column of smaller integers with empty cells is read.
    """
    import pandas as pd

    out = frame
    for k, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_numeric_dtype(dtype) or isinstance(
            dtype, pd.CategoricalDtype
        ):
            continue
        column = frame.iloc[:, k]
        values = column.to_numpy(dtype=object)
        blank = column.isna().to_numpy(dtype=bool) | (values == "")
        present = values[~blank]
        if not (blank.any() and present.size) or not all(
            isinstance(v, str) and _INTEGER_TEXT.fullmatch(v) for v in present
        ):
            continue
        ints = [int(v) for v in present]
        lo, hi = min(ints), max(ints)
        cells: list[Any] = [None] * values.size
        for i, v in zip(map(int, (~blank).nonzero()[0]), ints, strict=True):
            cells[i] = v
        if lo >= 0 and hi < 2**64:
            exact: Any = pd.array(cells, dtype="UInt64")
        elif lo >= -(2**63) and hi < 2**63:
            exact = pd.array(cells, dtype="Int64")
        else:
            exact = pd.array(cells, dtype=object)
        if out is frame:
            out = frame.copy()
        out.isetitem(k, exact)
    return out


def _repeated(names: Sequence[Any], name: str) -> None:
    """Raise for header names that occur more than once (empty ones aside)."""
    counts = Counter(str(n) for n in names if n is not None and str(n) != "")
    twice = [n for n, k in counts.items() if k > 1]
    if twice:
        raise InvalidDataError(
            f"{name} has repeated column names: {_quote(twice)}. A column cannot be "
            "chosen by a name two columns share (pandas would rename the repeats "
            "'a.1', ...); rename them so each column has its own name."
        )


def _read_csv(
    source: Path | str, na_values: list[str], name: str, sep: str = ","
) -> pd.DataFrame:
    """Read a CSV file (a Path) or CSV text (a str, from stdin); ``sep`` separates.

    ``index_col=False``: pandas alone makes the first column the index of a
    file whose rows have one field more than its header (a trailing value,
    or a separator other than the comma), which shifts every column's
    values one name to the left; here such rows are an error, as are
    repeated header names.
    """
    import warnings

    import pandas as pd

    def read(**options: Any) -> pd.DataFrame:
        text = io.StringIO(source) if isinstance(source, str) else source
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame: pd.DataFrame = pd.read_csv(
                text,
                na_values=na_values or None,
                encoding="utf-8",
                index_col=False,
                sep=sep,
                **options,
            )
        return frame

    try:
        header = read(header=None, nrows=1, dtype=str, keep_default_na=False)
        frame = read()
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, exc) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else repr(e)
        raise InvalidDataError(f"{name} is not a readable CSV: {first}") from None
    except pd.errors.ParserWarning:
        raise InvalidDataError(
            f"{name} is not a readable CSV: some rows have more fields than the "
            f"header has names ({header.shape[1]}), so their values cannot be "
            f"matched to columns. Check that the file is {_SEP_NAMES[sep]}-separated "
            "and give "
            "every column a name in the header."
        ) from None
    _repeated(header.iloc[0].tolist() if len(header) else [], name)
    frame = _restore_integers(frame, lambda: read(dtype_backend="numpy_nullable"))
    return _blank_unsigned_integers(frame)


def _stdin_text() -> str:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes (some embedders)
        return sys.stdin.read()
    data = buffer.read()
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _not_utf8("Standard input", exc, where=True) from None


def _parquet_na(frame: pd.DataFrame, na_values: list[str]) -> pd.DataFrame:
    """Read ``na_values`` cells of Parquet text columns as missing (then numbers)."""
    import numpy as np
    import pandas as pd

    for name in frame.columns:
        col = frame[name]
        if not _is_text(col):
            continue
        col = col.astype(object).where(~col.isin(na_values), np.nan)
        parsed = pd.to_numeric(col, errors="coerce")
        frame[name] = parsed if parsed.notna().sum() == col.notna().sum() else col
    return frame


def read_table(path: str | Path, *, na_values: Any = None) -> pd.DataFrame:
    r"""Read a CSV or Parquet file into a DataFrame; ``"-"`` reads CSV from stdin.

    Text must be UTF-8. A text column whose cells are mostly numbers is
    reported with a :class:`~mutinfo.exceptions.DataWarning` that quotes the
    values that are not (one ``?`` keeps the whole column as text, which
    mutinfo would treat as discrete labels): list them in ``na_values`` if they
    mark missing values. An integer column with missing cells stays integers
    (``Int64``, missing as ``pandas.NA``), where pandas alone would make it
    float64: its values keep their kind (labels stay labels) and integers
    beyond 2**53 keep their exact values.

    Parameters
    ----------
    path : str or Path
        ``*.parquet`` / ``*.pq`` files need the ``parquet`` extra (pyarrow);
        ``*.tsv`` / ``*.tab`` files are read as tab-separated values; anything
        else is read as comma-separated CSV.
    na_values : str or list of str, optional
        Cell values read as missing, besides pandas' defaults (empty, ``NA``,
        ``NaN``, ...); for Parquet, in text columns (which become numbers when
        every other value is one).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InvalidDataError
        A missing file, text that is not UTF-8, or an unreadable CSV.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("a,b\n1.5,x\n?,y\n2.5,z\n")
    >>> read_table(path, na_values=["?"])["a"].tolist()
    [1.5, nan, 2.5]
    """
    import pandas as pd

    tokens = _check_na_values(na_values)
    if str(path) == "-":
        frame = _read_csv(_stdin_text(), tokens, "Standard input")
    else:
        p = check_input_file(path, "The 'path' parameter of read_table()")
        if p.suffix.lower() in (".parquet", ".pq"):
            if importlib.util.find_spec("pyarrow") is None:
                raise MissingDependencyError(
                    "Reading Parquet files requires pyarrow: "
                    "pip install 'mutinfo[parquet]'"
                )
            import pyarrow.parquet as pq

            _repeated(pq.read_schema(p).names, f"File {str(p)!r}")
            frame = _restore_integers(
                pd.read_parquet(p),
                lambda: pd.read_parquet(p, dtype_backend="numpy_nullable"),
            )
            if tokens:
                frame = _parquet_na(frame, tokens)
        else:
            sep = "\t" if p.suffix.lower() in _TSV_SUFFIXES else ","
            frame = _read_csv(p, tokens, f"File {str(p)!r}", sep)
    warn_numeric_like_labels(frame, NA_FIX)
    return frame


def check_input_file(path: str | Path, argument: str) -> Path:
    """Check that ``path`` names a file this process can read; return it.

    A missing path, a directory or a file without read permission would
    otherwise surface as the operating system's bare message
    (``[Errno 21] Is a directory: '/tmp'``), which names neither the argument
    nor what was expected.

    Parameters
    ----------
    path : str or Path
        The path (not ``-``: standard input is not checked).
    argument : str
        What passed it, to start the message: ``"The FILE argument"``.

    Returns
    -------
    Path

    Raises
    ------
    InvalidDataError
        Naming ``argument``, the path, what is expected and the fix.
    """
    p = Path(path)
    expected = "expected a CSV or Parquet file"
    if not p.exists():
        raise InvalidDataError(
            f"{argument} names {str(p)!r}, which does not exist: {expected}. "
            "Check the spelling and the working directory (a relative path starts "
            "at the current directory)."
        )
    if p.is_dir():
        raise InvalidDataError(
            f"{argument} names {str(p)!r}, which is a directory: {expected}. "
            "Give the path of a data file inside it (for example "
            f"{str(p / 'data.csv')!r})."
        )
    try:
        with p.open("rb"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidDataError(
            f"{argument} names {str(p)!r}, which cannot be read ({reason}): "
            f"{expected} this user may read. Check its permissions "
            "(chmod u+r) or copy it somewhere readable."
        ) from None
    return p


#: CSV files up to this size are parsed on one thread (starting pyarrow's
#: thread pool costs more than it saves on a small file).
_ONE_THREAD_BYTES = 32 * 2**20


def read_numeric_csv(path: str | Path, *, na_values: Any = None) -> Any | None:
    """Read an all-numeric CSV with pyarrow, without importing pandas.

    The one-shot command line pays for what it imports: pandas costs more than
    reading a 10^5-row file. This reads the file with pyarrow's CSV reader when
    the table is one that :func:`read_table` (pandas) would read to exactly
    the same numbers and column types, and returns None otherwise so the
    caller falls back to :func:`read_table`:

    - pyarrow is installed (the ``parquet`` extra), the path is a CSV file
      (not ``-``, not Parquet) and no ``na_values`` are given;
    - every column is int64 or float64 with no missing cell; the header names
      are distinct and not empty (pandas would rename them);
    - no ``x``/``X`` after the header (pyarrow reads ``0x1A`` as an integer,
      pandas as text), and every float64 column has a value that is not a
      whole number (pyarrow reads ``+3`` and integers beyond int64 as floats,
      pandas as integers); no NaN in a float64 column (pyarrow reads ``NAN``
      and ``+NaN`` as NaN, pandas as text).

    Both readers parse decimal text to the nearest float64, so the values are
    the same bits (checked on 200,000 random decimal strings of 1-30 digits).

    Parameters
    ----------
    path : str or Path
        The file.
    na_values : str or list of str, optional
        As in :func:`read_table`; any value makes this return None.

    Returns
    -------
    pyarrow.Table or None
        The table, or None where :func:`read_table` must read the file.
    """
    import numpy as np

    if na_values or str(path) == "-":
        return None
    p = Path(path)
    if p.suffix.lower() in (".parquet", ".pq", *_TSV_SUFFIXES) or not p.is_file():
        return None
    if importlib.util.find_spec("pyarrow") is None:
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from mutinfo._validation import _arrow_values

    data = p.read_bytes()
    header_end = data.find(b"\n")
    if header_end <= 0 or data.find(b"x", header_end) >= 0:
        return None
    if data.find(b"X", header_end) >= 0:
        return None
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=len(data) > _ONE_THREAD_BYTES),
        )
    except (pa.ArrowException, UnicodeDecodeError):
        return None
    names = table.column_names
    if not names or len(set(names)) != len(names) or not all(names):
        return None
    for column in table.columns:
        kind = str(column.type)
        if kind not in ("int64", "double") or column.null_count:
            return None
        if kind == "double":
            values = _arrow_values(column)
            if values.size and bool(np.all(values == np.floor(values))):
                return None
            if bool(np.isnan(values).any()):
                return None  # pyarrow: 'NAN', '+NaN' are NaN; pandas: text
    return table


def split_columns(spec: str | None) -> list[str]:
    r"""Split a comma-separated column list (``"a,b"``) into names.

    A comma inside a name is written ``\,`` and a backslash ``\\``
    (``"a\,b,c"`` is the two columns ``a,b`` and ``c``); spaces around names
    are dropped.

    Examples
    --------
    >>> split_columns("x, y")
    ['x', 'y']
    >>> split_columns(r"price\, EUR,qty")
    ['price, EUR', 'qty']
    """
    if not spec:
        return []
    names: list[str] = []
    current: list[str] = []
    chars = iter(spec)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in (",", "\\") else ch + nxt)
        elif ch == ",":
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    return [c.strip() for c in names if c.strip()]


def _separator_hint(names: Sequence[Any]) -> str:
    """Say so when a one-column header looks separated by tabs or semicolons.

    A tab- or ``;``-separated file read as comma-separated has one column whose
    name is the whole header line (``'a;b;c'``); without this, not finding
    ``a`` in it says nothing about why.
    """
    if len(names) != 1:
        return ""
    only = str(names[0])
    if "\t" in only:
        parts = len(only.split("\t"))
        return (
            f" The header was read as one column {only!r}, which holds {parts} "
            "tab-separated names: the file looks tab-separated, but only files "
            "named *.tsv or *.tab are read as tab-separated (anything else as "
            "comma-separated CSV). Rename the file to end in .tsv, or convert it "
            "to comma-separated CSV."
        )
    if ";" in only:
        parts = len(only.split(";"))
        return (
            f" The header was read as one column {only!r}, which holds {parts} "
            "';'-separated names: the file looks semicolon-separated, but it is "
            "read as comma-separated CSV (there is no separator option). Convert "
            "it first, for example pandas.read_csv(path, sep=';').to_csv("
            "'data.csv', index=False) (add decimal=',' where numbers use a "
            "decimal comma)."
        )
    return ""


def _near_match_hint(names: list[Any], missing: list[str], option: str) -> str:
    """Name the columns that match a missing name but for surrounding spaces or case.

    A header written ``x, y`` (a space after the comma) has a column named
    ``' y'``, which ``--y y`` does not find, and the list of available columns
    shows the space only as a double space. The command line drops spaces
    around the names it is given (:func:`split_columns`), so there the fix is
    the header; a Python caller can pass the exact name. One pass over the
    names (a wide table has 10^4-10^5 columns).
    """
    wanted = {str(c).strip().casefold(): str(c) for c in missing}
    near: dict[str, list[str]] = {}
    for name in names:
        key = str(name).strip().casefold()
        if key in wanted and str(name) != wanted[key]:
            near.setdefault(wanted[key], []).append(str(name))
    if not near:
        return ""
    pairs = "; ".join(
        f"{given!r} may be {' or '.join(map(repr, found))}"
        for given, found in near.items()
    )
    hint = f" Near matches: {pairs}."
    if any(f != f.strip() for found in near.values() for f in found):
        hint += " The header has spaces around its names (written 'x, y', say)"
        if option.startswith("--"):
            return hint + (
                ", which the command line cannot select (it drops spaces around "
                "the names it is given): rewrite the header without them, for "
                "example sed -i '1s/ *, */,/g' file.csv."
            )
        return hint + (
            ": pass the names with their spaces, or strip them first "
            "(frame.columns = frame.columns.str.strip())."
        )
    return hint + " Names are case-sensitive: pass the name as the header has it."


def select_columns(frame: Any, columns: list[str], option: str) -> Any:
    """Return ``frame[columns]``; raise naming missing or repeated columns, the option.

    ``frame`` is a pandas DataFrame or a pyarrow Table (from
    :func:`read_numeric_csv`).
    """
    names = list(getattr(frame, "column_names", None) or frame.columns)
    present = set(names)  # sets: a wide table has 10^4-10^5 columns (no p^2 scans)
    missing = [c for c in columns if c not in present]
    if missing:
        available = ", ".join(map(str, names))
        hint = ""
        if any("," in str(c) for c in names):
            hint = " Write a comma inside a column name as \\, (a\\,b)."
        hint += _separator_hint(names)
        hint += _near_match_hint(names, missing, option)
        raise InvalidDataError(
            f"Column(s) {', '.join(map(repr, missing))} given to {option} not found. "
            f"Available columns: {available}.{hint}"
        )
    twice = sorted({str(c) for c, k in Counter(columns).items() if k > 1})
    if twice:
        raise InvalidDataError(
            f"Column(s) {', '.join(map(repr, twice))} given twice to {option}; "
            "list each column once."
        )
    if hasattr(frame, "column_names"):
        return frame.select(columns)
    return frame[columns]
