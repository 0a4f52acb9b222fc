"""Training objectives built on mutual information, as PyTorch modules.

Each objective is an ``nn.Module`` whose ``forward`` returns the loss to
minimise and a small record of its terms in nats (:class:`ObjectiveOutput`);
the pure terms are functions of tensors (:func:`imsat_mi`,
:func:`gaussian_kl`, :func:`information_dropout_kl`). They reuse the bounds of
:mod:`mutinfo.neural.bounds` and the losses of :mod:`mutinfo.neural.losses`.
All randomness comes from ``rng`` through private ``torch.Generator`` objects.
Guide: docs/objectives.md.
"""

from __future__ import annotations

# First: raises MissingDependencyError (with the install command) without torch.
import mutinfo.neural._requires_torch  # noqa: F401
from mutinfo.neural.objectives._common import ObjectiveOutput
from mutinfo.neural.objectives.dim import DeepInfoMaxLoss
from mutinfo.neural.objectives.dropout import (
    InformationDropout,
    InformationDropoutOutput,
    information_dropout_kl,
)
from mutinfo.neural.objectives.exploration import BonusOutput, MIExplorationBonus
from mutinfo.neural.objectives.im import CategoricalDecoder, CLUBPenalty, IMLoss
from mutinfo.neural.objectives.imsat import IMSATLoss, imsat_mi, neighbour_radii
from mutinfo.neural.objectives.infogan import InfoGANLoss, QHead
from mutinfo.neural.objectives.vdb import VDBLoss, WeightedAdversarialLoss
from mutinfo.neural.objectives.vib import VIBLoss, gaussian_kl

__all__ = [
    "BonusOutput",
    "CLUBPenalty",
    "CategoricalDecoder",
    "DeepInfoMaxLoss",
    "IMLoss",
    "IMSATLoss",
    "InfoGANLoss",
    "InformationDropout",
    "InformationDropoutOutput",
    "MIExplorationBonus",
    "ObjectiveOutput",
    "QHead",
    "VDBLoss",
    "VIBLoss",
    "WeightedAdversarialLoss",
    "gaussian_kl",
    "imsat_mi",
    "information_dropout_kl",
    "neighbour_radii",
]
