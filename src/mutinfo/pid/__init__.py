"""Partial information decomposition (PID) and pointwise information.

:func:`decompose` splits the information that 2 to 4 sources carry about a
target into the atoms of the redundancy lattice (Williams & Beer), under the
redundancy measures I_min, I_mmi, I_ccs, I_broja and I_pm, on an explicit
:class:`mutinfo.discrete.Distribution`; :func:`decompose_samples` does it for
discrete samples. :func:`pointwise_information` splits pointwise MI into
specificity and ambiguity (Finn & Lizier), and :func:`kay_phillips` compares
modulatory with arithmetic interactions.

Examples
--------
>>> from mutinfo import pid
>>> from mutinfo.discrete import examples
>>> r = pid.decompose(examples.and_(), ["x0", "x1"], "y", measure="ccs")
>>> round(r.redundancy, 4), [round(u, 4) for u in r.unique], round(r.synergy, 4)
(0.1038, [0.2075, 0.2075], 0.2925)
"""

from mutinfo.pid._decompose import MEASURES, decompose
from mutinfo.pid._kay_phillips import (
    TRANSFER_FUNCTIONS,
    kay_phillips,
    kay_phillips_distribution,
)
from mutinfo.pid._lattice import MAX_SOURCES, Lattice, lattice
from mutinfo.pid._pointwise import PointwiseInformation, pointwise_information
from mutinfo.pid._result import PID, PointwisePID
from mutinfo.pid._samples import decompose_samples

__all__ = [
    "MAX_SOURCES",
    "MEASURES",
    "PID",
    "TRANSFER_FUNCTIONS",
    "Lattice",
    "PointwiseInformation",
    "PointwisePID",
    "decompose",
    "decompose_samples",
    "kay_phillips",
    "kay_phillips_distribution",
    "lattice",
    "pointwise_information",
]
