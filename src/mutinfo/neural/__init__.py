"""Neural mutual-information bounds, critics, losses and estimators (PyTorch).

Needs the ``torch`` extra (``pip install "mutinfo[torch]"``); ``import mutinfo``
and ``import mutinfo.neural`` never import torch: a name of this package is
imported on first use, and raises
:class:`~mutinfo.exceptions.MissingDependencyError` there without torch. The
estimator families (``mine``, ``dv``, ...) live in :mod:`mutinfo.neural.families`
and are registered without torch.

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

import importlib
from typing import TYPE_CHECKING, Any

from mutinfo.neural._torch import require_torch

if TYPE_CHECKING:
    from mutinfo.neural._estimate import (
        estimate,
    )
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

#: Public name -> the module that defines it (imported on first access, after
#: checking that torch is installed).
_NAMES: dict[str, str] = {
    "BALoss": "mutinfo.neural.losses",
    "BilinearCritic": "mutinfo.neural.critics",
    "CLUBLoss": "mutinfo.neural.losses",
    "ConcatCritic": "mutinfo.neural.critics",
    "DVLoss": "mutinfo.neural.losses",
    "GaussianDecoder": "mutinfo.neural.losses",
    "InfoNCELoss": "mutinfo.neural.losses",
    "JSLoss": "mutinfo.neural.losses",
    "MINELoss": "mutinfo.neural.losses",
    "NWJLoss": "mutinfo.neural.losses",
    "SMILELoss": "mutinfo.neural.losses",
    "SeparableCritic": "mutinfo.neural.critics",
    "ba_bound": "mutinfo.neural.bounds",
    "cauchy_schwarz_divergence": "mutinfo.neural.itl",
    "cauchy_schwarz_mi": "mutinfo.neural.itl",
    "club_bound": "mutinfo.neural.bounds",
    "dv_bound": "mutinfo.neural.bounds",
    "estimate": "mutinfo.neural._estimate",
    "infonce_bound": "mutinfo.neural.bounds",
    "information_potential": "mutinfo.neural.itl",
    "js_bound": "mutinfo.neural.bounds",
    "make_critic": "mutinfo.neural.critics",
    "nwj_bound": "mutinfo.neural.bounds",
    "renyi_quadratic_entropy": "mutinfo.neural.itl",
    "smile_bound": "mutinfo.neural.bounds",
    "tuba_bound": "mutinfo.neural.bounds",
}


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


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'mutinfo.neural' has no attribute {name!r}")
    require_torch()
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
