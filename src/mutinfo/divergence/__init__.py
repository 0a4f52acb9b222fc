"""Divergences between a data distribution and a model, from samples.

The evaluation of generative models (Theis et al. 2016; Creswell & Bharath
2016): both directions of the Kullback-Leibler divergence estimated by k-nearest
neighbours (Wang-Kulkarni-Verdú / Pérez-Cruz), the Jensen-Shannon divergence
(kNN or classifier), the Gaussian closed form, and the Parzen-window
log-likelihood with its caveats. Nats unless ``base=``.

- :func:`kl_divergence` ``(p, q)``: KL[P || Q]; swap the arguments for KL[Q || P].
- :func:`jensen_shannon`: JS(P, Q) in ``[0, log 2]``.
- :func:`gaussian_kl`: the exact KL of two normals.
- :func:`parzen_log_likelihood`: the Parzen-window protocol, bandwidth chosen on
  validation data.
- :func:`mixture_argument`: Theis et al.'s mixture argument with exact densities.

Examples
--------
>>> from mutinfo import divergence
>>> round(divergence.gaussian_kl([0.0], [[1.0]], [0.0], [[4.0]]), 6)
0.318147
"""

from __future__ import annotations

from mutinfo.divergence._knn import gaussian_kl, jensen_shannon, kl_divergence
from mutinfo.divergence._parzen import (
    BandwidthWarning,
    ParzenResult,
    parzen_log_likelihood,
)
from mutinfo.divergence._theis import mixture_argument

__all__ = [
    "BandwidthWarning",
    "ParzenResult",
    "gaussian_kl",
    "jensen_shannon",
    "kl_divergence",
    "mixture_argument",
    "parzen_log_likelihood",
]
