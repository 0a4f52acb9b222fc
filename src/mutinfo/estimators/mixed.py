"""Gao-Kannan-Oh-Viswanath kNN MI for discrete-continuous mixtures and tied data.

The ``mixed_ksg`` family (:class:`mutinfo.estimators.MixedKSG`) runs these
functions for ``variant="gao"`` (and for ``variant="auto"`` on anything but one
discrete and one continuous variable). They use the neighbour search of
:mod:`mutinfo._neighbors` and nothing else: memory O(n d).

For sample i, ``rho_i`` is the distance (max norm) to its k-th neighbour in the
joint space. Where ``rho_i > 0``, ``k_i = k`` and the marginal counts are the
samples strictly closer than ``rho_i``; where ``rho_i = 0`` (i has at least k
exact duplicates, an atom of the distribution), ``k_i`` is the number of
samples at distance 0 (i included, as in the authors' code) and the marginal
counts are the samples at distance 0. With counts that include i itself,

- MI (Gao et al. 2017): ``xi_i = psi(k_i) + log n - psi(n_x,i) - psi(n_y,i)``;
- CMI (Mesner & Shalizi 2021):
  ``xi_i = psi(k_i) - psi(n_xz,i) - psi(n_yz,i) + psi(n_z,i)``;

and the estimate is the mean of ``xi_i``. On continuous data these reduce to
KSG algorithm 1 and Frenzel-Pompe; on discrete data to plug-in estimates.

Discrete columns are treated as labels: their codes are spread so far apart
that samples with different labels are never within a kNN radius of each other
(unless a label has k samples or fewer), so no order or spacing of the labels
matters. Continuous columns far from zero are shifted exactly (no difference
between samples changes), scaled to unit variance when ``standardize=True``
(the std computed safely at any magnitude), and get **no** tie-breaking
noise: ties are information.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.special import digamma

from mutinfo._counting import encode
from mutinfo._neighbors import count_within, kth_neighbors
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimate
from mutinfo.estimators._guards import centred, drop_constant

__all__ = ["gao_cmi", "gao_mi"]

Array = NDArray[np.float64]


def _embed(vs: list[Variable], standardize: bool) -> list[Array]:
    """Map each variable to numeric coordinates: labels far apart, scaled numbers."""
    blocks: list[list[Array]] = []
    spread = 1.0
    for v in vs:
        cols: list[Array] = []
        # exact shift of far-off columns, std safe at any magnitude
        shifted, stds = centred(v, "mixed_ksg")
        for j in range(v.n_features):
            if v.discrete[j]:
                codes, _ = encode(v.values[:, [j]])
                cols.append(codes.astype(np.float64))
                continue
            col = shifted[:, j]
            if standardize and stds[j] > 0:
                col = col / stds[j]
            spread = max(spread, float(col.max() - col.min()))
            cols.append(col)
        blocks.append(cols)
    gap = 2.0 * spread + 1.0
    return [
        np.column_stack([c * gap if v.discrete[j] else c for j, c in enumerate(cols)])
        for v, cols in zip(vs, blocks, strict=True)
    ]


def _radius_counts(
    joint: Array, blocks: list[Array], k: int, algorithm: str
) -> tuple[NDArray[np.int64] | NDArray[np.float64], list[NDArray[np.int64]]]:
    """Return ``psi`` argument ``k_i`` and the self-inclusive counts per block."""
    dist, _ = kth_neighbors(joint, k, algorithm=algorithm)
    rho = dist[:, -1]
    atom = rho == 0
    # ``<= prevfloat(rho)`` is ``< rho``; at an atom the radius is 0 (duplicates).
    radius = np.where(atom, 0.0, np.nextafter(rho, 0.0))
    k_i: NDArray[np.int64] = np.full(joint.shape[0], k, dtype=np.int64)
    if atom.any():
        dup = count_within(
            joint, np.zeros(joint.shape[0]), strict=False, algorithm=algorithm
        )
        k_i = np.where(atom, dup + 1, k_i)
    counts = [
        count_within(b, radius, strict=False, algorithm=algorithm) + 1 for b in blocks
    ]
    return k_i, counts


def _usable(vs: list[Variable], method: str) -> list[Variable] | None:
    kept = [drop_constant(v, method) for v in vs]
    if any(v.n_features == 0 for v in kept[:2]):
        return None
    return kept


def gao_mi(
    x: Variable, y: Variable, *, k: int, standardize: bool, algorithm: str
) -> Estimate:
    """Gao et al.'s MI estimate (nats) with local values; see the module docstring."""
    n = x.n_samples
    kept = _usable([x, y], "mixed_ksg")
    if kept is None:
        return Estimate(0.0, np.zeros(n))
    bx, by = _embed(kept, standardize)
    k_i, (nx, ny) = _radius_counts(np.hstack([bx, by]), [bx, by], k, algorithm)
    local = digamma(k_i) + math.log(n) - digamma(nx) - digamma(ny)
    return Estimate(float(local.mean()), local, {"atoms": int((k_i != k).sum())})


def gao_cmi(
    x: Variable,
    y: Variable,
    z: Variable,
    *,
    k: int,
    standardize: bool,
    algorithm: str,
) -> Estimate:
    """Mesner and Shalizi's mixed-data CMI estimate (nats) with local values."""
    n = x.n_samples
    kept = _usable([x, y, z], "mixed_ksg")
    if kept is None:
        return Estimate(0.0, np.zeros(n))
    if kept[2].n_features == 0:
        return gao_mi(
            kept[0], kept[1], k=k, standardize=standardize, algorithm=algorithm
        )
    bx, by, bz = _embed(kept, standardize)
    k_i, (nxz, nyz, nz) = _radius_counts(
        np.hstack([bx, by, bz]),
        [np.hstack([bx, bz]), np.hstack([by, bz]), bz],
        k,
        algorithm,
    )
    local = digamma(k_i) - digamma(nxz) - digamma(nyz) + digamma(nz)
    return Estimate(float(local.mean()), local, {"atoms": int((k_i != k).sum())})
