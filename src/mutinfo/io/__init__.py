"""Reading tables (CSV, Parquet), selecting columns, and writing outputs safely."""

from mutinfo.io._tables import read_table, select_columns, split_columns
from mutinfo.io._write import atomic_path, check_output

__all__ = [
    "atomic_path",
    "check_output",
    "read_table",
    "select_columns",
    "split_columns",
]
