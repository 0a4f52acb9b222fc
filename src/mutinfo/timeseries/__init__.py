"""Information dynamics of time series: transfer, storage, MI vs separation.

Every measure is composed from the front door (:func:`mutinfo.estimate`) on
embedded histories, so every registered family works: plug-in and
bias-corrected discrete estimators, KSG, Gaussian, Gaussian copula, binning.
Values are in nats unless ``base=``; :func:`estimate` returns a Result with
per-time-step ``local`` values. Series are 1-D or 2-D arrays, or lists of
them (realisations, pooled and never embedded across their joins).
"""

from __future__ import annotations

from mutinfo.timeseries._embed import Embedding, embed
from mutinfo.timeseries._history import HistoryChoice, ragwitz
from mutinfo.timeseries._intervals import confidence_interval
from mutinfo.timeseries._matrix import TEMatrix, te_matrix
from mutinfo.timeseries._measures import (
    active_information_storage,
    block_entropy,
    entropy_rate,
    estimate,
    excess_entropy,
    lagged_mi,
    predictive_information,
    transfer_entropy,
)
from mutinfo.timeseries._ordinal import ordinal_patterns
from mutinfo.timeseries._rbn import rbn_information_dynamics, rbn_pairwise_mi
from mutinfo.timeseries._separation import (
    SeparationFit,
    fit_separation,
    mi_vs_separation,
)
from mutinfo.timeseries._significance import transfer_entropy_test

__all__ = [
    "Embedding",
    "HistoryChoice",
    "SeparationFit",
    "TEMatrix",
    "active_information_storage",
    "block_entropy",
    "confidence_interval",
    "embed",
    "entropy_rate",
    "estimate",
    "excess_entropy",
    "fit_separation",
    "lagged_mi",
    "mi_vs_separation",
    "ordinal_patterns",
    "predictive_information",
    "ragwitz",
    "rbn_information_dynamics",
    "rbn_pairwise_mi",
    "te_matrix",
    "transfer_entropy",
    "transfer_entropy_test",
]
