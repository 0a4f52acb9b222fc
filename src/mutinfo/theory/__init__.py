"""MI from theory: identification error (Zheng & Benjamini), replica formulas.

- :func:`mi_from_identification_error`, :func:`identification_error`: the
  high-dimensional relation ``accuracy = pi_K(sqrt(2 I))``;
  :func:`fano_lower_bound`; :func:`identification_mi` runs the experiment.
- :func:`replica_mi` and friends: the exact MI, MMSE and AMP state evolution of
  random linear estimation ``y = Phi s + sqrt(delta) z`` (Barbier et al. 2016),
  and :func:`amp` on sampled instances.

Examples
--------
>>> from mutinfo import theory
>>> round(theory.replica_mi("gaussian", alpha=1.0, delta=1.0), 6)
0.290229
"""

from __future__ import annotations

from mutinfo.theory._identification import (
    IdentificationResult,
    fano_lower_bound,
    identification_accuracy,
    identification_error,
    identification_mi,
    mi_from_identification_error,
)
from mutinfo.theory._replica import (
    AMPRun,
    ReplicaSolution,
    amp,
    phase_diagram,
    replica_mi,
    replica_potential,
    replica_solution,
    scalar_channel,
    state_evolution,
)

__all__ = [
    "AMPRun",
    "IdentificationResult",
    "ReplicaSolution",
    "amp",
    "fano_lower_bound",
    "identification_accuracy",
    "identification_error",
    "identification_mi",
    "mi_from_identification_error",
    "phase_diagram",
    "replica_mi",
    "replica_potential",
    "replica_solution",
    "scalar_channel",
    "state_evolution",
]
