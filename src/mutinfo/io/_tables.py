"""Table input: CSV (or ``-`` for stdin) and Parquet, and column selection."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mutinfo.exceptions import InvalidDataError, MissingDependencyError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_table", "select_columns", "split_columns"]


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or Parquet file into a DataFrame; ``"-"`` reads CSV from stdin.

    Parameters
    ----------
    path : str or Path
        ``*.parquet`` / ``*.pq`` files need the ``parquet`` extra (pyarrow);
        anything else is read as CSV.

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd

    if str(path) == "-":
        return pd.read_csv(sys.stdin)
    p = Path(path)
    if not p.exists():
        raise InvalidDataError(f"File {str(p)!r} does not exist.")
    if p.suffix.lower() in (".parquet", ".pq"):
        if importlib.util.find_spec("pyarrow") is None:
            raise MissingDependencyError(
                "Reading Parquet files requires pyarrow: pip install 'mutinfo[parquet]'"
            )
        return pd.read_parquet(p)
    try:
        return pd.read_csv(p)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise InvalidDataError(f"File {str(p)!r} is not a readable CSV: {e}") from None


def split_columns(spec: str | None) -> list[str]:
    """Split a comma-separated column list (``"a,b"``) into names."""
    if not spec:
        return []
    return [c.strip() for c in spec.split(",") if c.strip()]


def select_columns(
    frame: pd.DataFrame, columns: list[str], option: str
) -> pd.DataFrame:
    """Return ``frame[columns]``, or raise naming the missing columns and the option."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        available = ", ".join(map(str, frame.columns))
        raise InvalidDataError(
            f"Column(s) {', '.join(map(repr, missing))} given to {option} not found. "
            f"Available columns: {available}."
        )
    return frame[columns]
