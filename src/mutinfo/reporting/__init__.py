"""The dependence structure of a table as one report (HTML, Markdown, JSON).

:func:`report` composes the public calls (:func:`mutinfo.mi_matrix`,
:func:`mutinfo.rank_features`, :func:`mutinfo.selection.forward_selection`,
:func:`mutinfo.confidence_interval`, :func:`mutinfo.estimate`) into a
:class:`Report`; ``mutinfo report FILE -o report.html`` is its command line.

``mt.report`` is :func:`report` (imported lazily from this subpackage).

>>> import mutinfo as mt
>>> wine = mt.datasets.load_wine().iloc[:, :3]
>>> r = mt.report(wine, pvalues=False, max_intervals=0, rng=0)
>>> r.columns["kind"].tolist()
['continuous', 'continuous', 'continuous']
"""

from __future__ import annotations

from mutinfo.reporting._build import report
from mutinfo.reporting._result import Report

__all__ = ["Report", "report"]
