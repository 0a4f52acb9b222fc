"""Discrete estimators over any number of discrete columns with any hashable labels."""

from __future__ import annotations

import warnings

import numpy as np

from mutinfo._counting import counts, encode, entropy_from_counts
from mutinfo._registry import register
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimate, Estimator
from mutinfo.exceptions import BiasWarning

__all__ = ["Plugin"]

_MIN_PER_CELL = 5  # the chi-square rule of thumb: at least 5 samples per cell


def _warn_bias(name: str, measure: str, cells: int, bias: float, n: int) -> None:
    """Warn when occupied cells are many relative to n (fewer than 5 per cell)."""
    if n < _MIN_PER_CELL * cells:
        warnings.warn(
            f"The {name!r} {measure} estimate uses n_samples={n} for {cells} occupied "
            f"joint cells (fewer than {_MIN_PER_CELL} per cell), so it is biased; the "
            f"first-order (Miller-Madow) bias alone is {bias:.3g} nats. Use a "
            "bias-corrected method (for example 'miller_madow') or more samples.",
            BiasWarning,
            stacklevel=5,
        )


@register
class Plugin(Estimator):
    """Plug-in (maximum-likelihood) estimator: entropies of empirical frequencies.

    ``H = -sum p log p`` over the occupied cells of the empirical distribution;
    MI and CMI follow from entropy identities
    (``I(X;Y) = H(X) + H(Y) - H(X,Y)``). Local values are the surprisal
    ``-log p(x_i)`` (entropy) and the pointwise MI ``log p(x,y) / (p(x) p(y))``.

    Notes
    -----
    Units are nats before ``base`` conversion. The plug-in entropy is biased
    downwards by about ``(K - 1) / (2 n)`` for ``K`` occupied cells (Miller 1955),
    so MI is biased upwards by about ``(K_xy - K_x - K_y + 1) / (2 n)``, and by
    much more when the joint alphabet is undersampled; a
    :class:`~mutinfo.exceptions.BiasWarning` is raised when there are fewer than
    5 samples per occupied joint cell. Continuous columns passed here are
    treated as labels.

    Examples
    --------
    >>> from mutinfo.estimators import Plugin
    >>> Plugin().mi([0, 1, 1, 0] * 5, [0, 1, 1, 0] * 5, base=2).value
    1.0
    """

    name = "plugin"
    summary = "Plug-in (maximum-likelihood) entropies of empirical frequencies."
    reference = "Shannon (1948); bias: Miller (1955)."
    measures = ("entropy", "conditional_entropy", "mi", "cmi")
    kinds = ("discrete",)
    parameters = {}

    def _joint(self, *vs: Variable) -> tuple[float, np.ndarray, int]:
        codes, k = encode(*(v.values for v in vs))
        c = counts(codes, k)
        n = codes.shape[0]
        local = -np.log(c[codes] / n)
        return entropy_from_counts(c), local, k

    def _entropy(self, x: Variable, rng: np.random.Generator) -> Estimate:
        h, local, k = self._joint(x)
        _warn_bias(self.name, "entropy", k, (k - 1) / (2 * x.n_samples), x.n_samples)
        return Estimate(h, local)

    def _conditional_entropy(
        self, x: Variable, z: Variable, rng: np.random.Generator
    ) -> Estimate:
        hxz, lxz, kxz = self._joint(x, z)
        hz, lz, kz = self._joint(z)
        value = hxz - hz
        _warn_bias(
            self.name,
            "conditional entropy",
            kxz,
            (kxz - kz) / (2 * x.n_samples),
            x.n_samples,
        )
        return Estimate(value, lxz - lz)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> Estimate:
        hx, lx, kx = self._joint(x)
        hy, ly, ky = self._joint(y)
        hxy, lxy, kxy = self._joint(x, y)
        value = hx + hy - hxy
        _warn_bias(
            self.name, "mi", kxy, (kxy - kx - ky + 1) / (2 * x.n_samples), x.n_samples
        )
        return Estimate(value, lx + ly - lxy)

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> Estimate:
        hxz, lxz, kxz = self._joint(x, z)
        hyz, lyz, kyz = self._joint(y, z)
        hxyz, lxyz, kxyz = self._joint(x, y, z)
        hz, lz, kz = self._joint(z)
        value = hxz + hyz - hxyz - hz
        _warn_bias(
            self.name,
            "cmi",
            kxyz,
            (kxyz - kxz - kyz + kz) / (2 * x.n_samples),
            x.n_samples,
        )
        return Estimate(value, lxz + lyz - lxyz - lz)
