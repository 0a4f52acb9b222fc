"""Estimator families: settings-only objects with ``entropy``, ``mi``, ``cmi`` methods.

Each family registers under a method name (see :func:`mutinfo.methods`). The
family classes are imported on first access, so importing the base class (as
the resolver does) loads no family.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mutinfo.estimators._base import Estimator

if TYPE_CHECKING:
    from mutinfo.estimators.atoms import MixedAtoms
    from mutinfo.estimators.binning import Binning
    from mutinfo.estimators.classifier import Classifier
    from mutinfo.estimators.copula import GaussianCopula
    from mutinfo.estimators.dirichlet import DirichletProduct
    from mutinfo.estimators.discrete import (
        ChaoShen,
        Grassberger,
        JamesStein,
        MillerMadow,
        Plugin,
    )
    from mutinfo.estimators.gaussian import Gaussian
    from mutinfo.estimators.kernel import KDE, CauchySchwarz
    from mutinfo.estimators.kl_weighted import WeightedKL
    from mutinfo.estimators.knn import KL, KSG
    from mutinfo.estimators.mixed import MixedKSG
    from mutinfo.estimators.nsb import NSB
    from mutinfo.estimators.spacing import Ebrahimi, Vasicek
    from mutinfo.neural.families import DV, JS, MINE, NWJ, SMILE, InfoNCE

#: Public family class -> the module that defines (and registers) it (a name
#: in this package, or a full module path).
_CLASSES: dict[str, str] = {
    "Binning": "binning",
    "CauchySchwarz": "kernel",
    "ChaoShen": "discrete",
    "Classifier": "classifier",
    "DV": "mutinfo.neural.families",
    "DirichletProduct": "dirichlet",
    "Ebrahimi": "spacing",
    "Gaussian": "gaussian",
    "GaussianCopula": "copula",
    "Grassberger": "discrete",
    "InfoNCE": "mutinfo.neural.families",
    "JS": "mutinfo.neural.families",
    "JamesStein": "discrete",
    "KDE": "kernel",
    "KL": "knn",
    "KSG": "knn",
    "MINE": "mutinfo.neural.families",
    "MillerMadow": "discrete",
    "MixedAtoms": "atoms",
    "MixedKSG": "mixed",
    "NSB": "nsb",
    "NWJ": "mutinfo.neural.families",
    "Plugin": "discrete",
    "SMILE": "mutinfo.neural.families",
    "Vasicek": "spacing",
    "WeightedKL": "kl_weighted",
}

__all__ = [
    "DV",
    "JS",
    "KDE",
    "KL",
    "KSG",
    "MINE",
    "NSB",
    "NWJ",
    "SMILE",
    "Binning",
    "CauchySchwarz",
    "ChaoShen",
    "Classifier",
    "DirichletProduct",
    "Ebrahimi",
    "Estimator",
    "Gaussian",
    "GaussianCopula",
    "Grassberger",
    "InfoNCE",
    "JamesStein",
    "MillerMadow",
    "MixedAtoms",
    "MixedKSG",
    "Plugin",
    "Vasicek",
    "WeightedKL",
]


def __getattr__(name: str) -> Any:
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'mutinfo.estimators' has no attribute {name!r}")
    path = module if "." in module else f"mutinfo.estimators.{module}"
    return getattr(importlib.import_module(path), name)


def __dir__() -> list[str]:
    return sorted(__all__)
