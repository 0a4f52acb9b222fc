"""Estimator families: settings-only objects with ``entropy``, ``mi``, ``cmi`` methods.

Each family registers under a method name (see :func:`mutinfo.methods`).
"""

from mutinfo.estimators._base import Estimator
from mutinfo.estimators.atoms import MixedAtoms
from mutinfo.estimators.binning import Binning
from mutinfo.estimators.copula import GaussianCopula
from mutinfo.estimators.discrete import (
    ChaoShen,
    Grassberger,
    JamesStein,
    MillerMadow,
    Plugin,
)
from mutinfo.estimators.gaussian import Gaussian
from mutinfo.estimators.kernel import KDE, CauchySchwarz
from mutinfo.estimators.knn import KL, KSG, MixedKSG
from mutinfo.estimators.neural import DV, JS, MINE, NWJ, SMILE, InfoNCE
from mutinfo.estimators.nsb import NSB
from mutinfo.estimators.spacing import Ebrahimi, Vasicek

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
]
