"""Benchmark MI estimators on ground-truth tasks (``mutinfo bench``).

::

    from mutinfo import bench

    frame = bench.run(quick=True)  # pandas.DataFrame, one row per (task, method, n)
    bench.ranking(frame)  # overall ranking by mean rank of the error
"""

from mutinfo.bench._peers import available_peers
from mutinfo.bench._plot import plot
from mutinfo.bench._report import ranking, to_markdown
from mutinfo.bench._runner import COLUMNS, default_methods, run

__all__ = [
    "COLUMNS",
    "available_peers",
    "default_methods",
    "plot",
    "ranking",
    "run",
    "to_markdown",
]
