"""Neural mutual-information bounds, critics, losses and estimators (PyTorch).

Needs the ``torch`` extra (``pip install "mutinfo[torch]"``); ``import mutinfo``
never imports torch, only ``import mutinfo.neural`` does.

- **Bounds** (:mod:`mutinfo.neural.bounds`): pure functions of a critic score
  matrix ``scores[i, j] = f(x_i, y_j)`` whose diagonal holds the joint pairs;
  they return the bound (higher is better).
- **Critics** (:mod:`mutinfo.neural.critics`): separable, concat and bilinear
  critics and :func:`make_critic`, which picks sizes by dimension.
- **Losses** (:mod:`mutinfo.neural.losses`): ``nn.Module`` objects whose
  ``forward(x, y)`` returns ``-bound``, ready for ``.backward()``.
- **Estimation** (:func:`estimate`): train a critic on one split and report
  the bound on the held-out split, as a :class:`mutinfo.Result`; the same
  estimators are registered as ``mine``, ``dv``, ``nwj``, ``infonce``, ``js``
  and ``smile`` in :func:`mutinfo.mi`.
"""

from __future__ import annotations

from mutinfo.exceptions import MissingDependencyError

try:
    import torch  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised with torch hidden
    raise MissingDependencyError(
        'The neural estimators require PyTorch: pip install "mutinfo[torch]"'
    ) from exc

from mutinfo.neural._estimate import estimate
from mutinfo.neural.bounds import (
    ba_bound,
    club_bound,
    dv_bound,
    infonce_bound,
    js_bound,
    nwj_bound,
    smile_bound,
    tuba_bound,
)
from mutinfo.neural.critics import (
    BilinearCritic,
    ConcatCritic,
    SeparableCritic,
    make_critic,
)
from mutinfo.neural.itl import (
    cauchy_schwarz_divergence,
    cauchy_schwarz_mi,
    information_potential,
    renyi_quadratic_entropy,
)
from mutinfo.neural.losses import (
    BALoss,
    CLUBLoss,
    DVLoss,
    GaussianDecoder,
    InfoNCELoss,
    JSLoss,
    MINELoss,
    NWJLoss,
    SMILELoss,
)

# Further neural tools add their imports and names here.

__all__ = [
    "BALoss",
    "BilinearCritic",
    "CLUBLoss",
    "ConcatCritic",
    "DVLoss",
    "GaussianDecoder",
    "InfoNCELoss",
    "JSLoss",
    "MINELoss",
    "NWJLoss",
    "SMILELoss",
    "SeparableCritic",
    "ba_bound",
    "cauchy_schwarz_divergence",
    "cauchy_schwarz_mi",
    "club_bound",
    "dv_bound",
    "estimate",
    "infonce_bound",
    "information_potential",
    "js_bound",
    "make_critic",
    "nwj_bound",
    "renyi_quadratic_entropy",
    "smile_bound",
    "tuba_bound",
]
