"""Reading tables (CSV, Parquet), selecting columns, and writing outputs safely."""

from mutinfo.io._kinds import KINDS, column_kinds
from mutinfo.io._tables import read_table, select_columns, split_columns
from mutinfo.io._write import atomic_path, check_output

__all__ = [
    "KINDS",
    "atomic_path",
    "check_output",
    "column_kinds",
    "read_table",
    "select_columns",
    "split_columns",
]
