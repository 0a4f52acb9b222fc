"""The dependence structure of a table as one report (HTML, Markdown, JSON).

:func:`report` composes the public calls (:func:`mutinfo.mi_matrix`,
:func:`mutinfo.rank_features`, :func:`mutinfo.selection.forward_selection`,
:func:`mutinfo.confidence_interval`, :func:`mutinfo.estimate`) into a
:class:`Report`; ``mutinfo report FILE -o report.html`` is its command line.

``mt.report`` is both this subpackage and the function: the module object is
callable, so ``mt.report(data)`` works whichever was imported first.

>>> import mutinfo as mt
>>> wine = mt.datasets.load_wine().iloc[:, :3]
>>> r = mt.report(wine, pvalues=False, max_intervals=0, rng=0)
>>> r.columns["kind"].tolist()
['continuous', 'continuous', 'continuous']
"""

from __future__ import annotations

import sys
import types
from typing import Any

from mutinfo.report._build import report
from mutinfo.report._result import Report

__all__ = ["Report", "report"]


class _CallableModule(types.ModuleType):
    """Make this package callable as :func:`report`.

    Importing ``mutinfo.report`` binds the package to ``mutinfo.report``,
    hiding the function of the same name that ``mt.report`` names; calling the
    package forwards to the function, so both spellings stay one API.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Report:
        return report(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
