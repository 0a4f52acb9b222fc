"""Reading tables (CSV, Parquet) and selecting columns for the CLI and users."""

from mutinfo.io._tables import read_table, select_columns, split_columns

__all__ = ["read_table", "select_columns", "split_columns"]
