"""mutinfo: mutual information you can trust.

Estimate entropy, mutual information (MI) and conditional MI from samples of
any kind with one front door, in nats unless ``base`` says otherwise::

    import mutinfo as mt

    mt.mi(x, y)  # float; method="auto"
    mt.estimate("mi", x, y)  # Result: value, unit, method, local values

Heavy and optional dependencies are imported lazily, so ``import mutinfo`` is
fast and needs none of the extras.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mutinfo._api import (
    cmi,
    conditional_entropy,
    entropy,
    estimate,
    estimator_for,
    mi,
)
from mutinfo._registry import MethodInfo, methods
from mutinfo._result import ConfidenceInterval, Result, TestResult
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
    MutinfoError,
    MutinfoWarning,
)

if TYPE_CHECKING:
    from mutinfo import (
        bench,
        clustering,
        datasets,
        discrete,
        divergence,
        estimators,
        extend,
        itl,
        matrix,
        neural,  # noqa: F401 - lazy, and kept out of __all__ (needs torch)
        pid,
        reporting,
        selection,
        stats,
        text,
        theory,
        timeseries,
    )
    from mutinfo.io import column_kinds
    from mutinfo.matrix import MIMatrix, mi_matrix
    from mutinfo.reporting import report
    from mutinfo.selection import rank_features, select_features
    from mutinfo.stats import confidence_interval, independence_test

__version__ = "0.1.0"

__all__ = [
    "BiasWarning",
    "ConfidenceInterval",
    "DataWarning",
    "InsufficientSamplesError",
    "InvalidDataError",
    "InvalidParameterError",
    "MIMatrix",
    "MethodInfo",
    "MutinfoError",
    "MutinfoWarning",
    "Result",
    "TestResult",
    "__version__",
    "bench",
    "clustering",
    "cmi",
    "column_kinds",
    "conditional_entropy",
    "confidence_interval",
    "datasets",
    "discrete",
    "divergence",
    "entropy",
    "estimate",
    "estimator_for",
    "estimators",
    "extend",
    "independence_test",
    "itl",
    "matrix",
    "methods",
    "mi",
    "mi_matrix",
    "pid",
    "rank_features",
    "report",
    "reporting",
    "select_features",
    "selection",
    "stats",
    "text",
    "theory",
    "timeseries",
]

# "neural" needs torch; it stays out of __all__ so `from mutinfo import *` never
# imports it.
_LAZY_SUBMODULES = {
    "bench",
    "clustering",
    "datasets",
    "discrete",
    "divergence",
    "estimators",
    "extend",
    "itl",
    "matrix",
    "neural",
    "pid",
    "selection",
    "reporting",
    "stats",
    "text",
    "theory",
    "timeseries",
}

#: Public functions that live in lazily imported subpackages.
_LAZY_FUNCTIONS = {
    "column_kinds": "mutinfo.io",
    "MIMatrix": "mutinfo.matrix",
    "confidence_interval": "mutinfo.stats",
    "independence_test": "mutinfo.stats",
    "mi_matrix": "mutinfo.matrix",
    "rank_features": "mutinfo.selection",
    "report": "mutinfo.reporting",
    "select_features": "mutinfo.selection",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"mutinfo.{name}")
    if name in _LAZY_FUNCTIONS:
        return getattr(importlib.import_module(_LAZY_FUNCTIONS[name]), name)
    raise AttributeError(f"module 'mutinfo' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
