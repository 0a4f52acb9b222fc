"""Partial information decomposition (PID) and pointwise information.

:func:`decompose` splits the information that 2 to 4 sources carry about a
target into the atoms of the redundancy lattice (Williams & Beer), under the
redundancy measures I_min, I_mmi, I_ccs, I_broja, I_dep and I_pm, on an explicit
:class:`mutinfo.discrete.Distribution`; :func:`decompose_samples` does it for
discrete samples. :func:`pointwise_information` splits pointwise MI into
specificity and ambiguity (Finn & Lizier), and :func:`kay_phillips` compares
modulatory with arithmetic interactions. :func:`gaussian_mmi` is the exact
MMI PID of Gaussian variables (Barrett 2015) and :func:`decompose_gaussian` its
estimate from continuous samples; :func:`atom_statistic` and
:func:`atom_significance` give atoms shuffle-null p-values and bootstrap
intervals through ``mutinfo.stats``. :func:`higher_order` and
:func:`multiplets` give total correlation, dual total correlation, O- and
S-information of continuous samples, the latter over every multiplet of a
table's columns, ranked, with permutation p-values.

Examples
--------
>>> from mutinfo import pid
>>> from mutinfo.discrete import examples
>>> r = pid.decompose(examples.and_(), ["x0", "x1"], "y", measure="ccs")
>>> round(r.redundancy, 4), [round(u, 4) for u in r.unique], round(r.synergy, 4)
(0.1038, [0.2075, 0.2075], 0.2925)
"""

from mutinfo.pid._decompose import MEASURES, decompose
from mutinfo.pid._gaussian import decompose_gaussian, gaussian_mmi
from mutinfo.pid._hoi import HOI_MEASURES, HigherOrder, higher_order, multiplets
from mutinfo.pid._kay_phillips import (
    TRANSFER_FUNCTIONS,
    kay_phillips,
    kay_phillips_distribution,
)
from mutinfo.pid._lattice import MAX_SOURCES, Lattice, lattice
from mutinfo.pid._pointwise import PointwiseInformation, pointwise_information
from mutinfo.pid._result import PID, PointwisePID
from mutinfo.pid._samples import decompose_samples
from mutinfo.pid._significance import atom_significance, atom_statistic

__all__ = [
    "HOI_MEASURES",
    "MAX_SOURCES",
    "MEASURES",
    "PID",
    "TRANSFER_FUNCTIONS",
    "HigherOrder",
    "Lattice",
    "PointwiseInformation",
    "PointwisePID",
    "atom_significance",
    "atom_statistic",
    "decompose",
    "decompose_gaussian",
    "decompose_samples",
    "gaussian_mmi",
    "higher_order",
    "kay_phillips",
    "kay_phillips_distribution",
    "lattice",
    "multiplets",
    "pointwise_information",
]
