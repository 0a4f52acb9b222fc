"""Discrete estimators over any number of discrete columns with any hashable labels.

Every family here is an entropy functional of counts (see
:class:`~mutinfo.estimators._counts_base.CountingEstimator`); MI and CMI follow
from the entropy identities. NSB lives in :mod:`mutinfo.estimators.nsb`.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from mutinfo._counting import entropy_from_counts
from mutinfo._params import AnyOf, Interval, IsNone, Param
from mutinfo._registry import register
from mutinfo.estimators._counts_base import (
    _MEASURE_WORDS,
    _SPARSE_RATIO,
    Cells,
    CountingEstimator,
    Term,
    unseen_mass_note,
)
from mutinfo.estimators._functionals import (
    chao_shen_entropy,
    grassberger_entropy,
    james_stein_entropy,
)
from mutinfo.exceptions import BiasWarning, InvalidDataError, warn

__all__ = [
    "MIN_PER_CELL",
    "ChaoShen",
    "Grassberger",
    "JamesStein",
    "MillerMadow",
    "Plugin",
]

_MAX_CELLS = 10**300  # James-Stein needs 1/K as a float
MIN_PER_CELL = 5  # the chi-square rule of thumb: at least 5 samples per cell
#: Samples a bias-corrected family needs: a correction for one sample has
#: nothing to correct against (Grassberger's gives 1.27 nats for one sample).
_MIN_CORRECTED = 2

#: Occupied joint cells per sample above which the Miller-Madow-centred
#: intervals (``plugin`` and ``miller_madow``) under-cover: on the 8-symbol
#: channel (eps = 0.5) the analytic 95% interval covered 0.61 at 0.42 cells per
#: sample (n = 80) and 0.77 at 0.35 (n = 120), 0.94 at 0.26 (n = 200); on 16
#: symbols 0.23 at 0.41 (n = 300). The other counting families hold to 0.5.
_MM_SPARSE_RATIO = 0.3

#: Direction of the plug-in bias: entropies low, MI and CMI high.
_DIRECTION = {"entropy": 1, "conditional_entropy": 1, "mi": -1, "cmi": -1}

ALPHABET_SIZE = Param(
    None,
    AnyOf((Interval(int, 1, None), IsNone())),
    "Number of possible values of each column (None: unknown).",
)


def _sparse(cells: Cells) -> bool:
    """Whether a table has more occupied cells than ``_SPARSE_RATIO * n``."""
    return cells.occupied > _SPARSE_RATIO * cells.n


@register
class Plugin(CountingEstimator):
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
    thread_safe = True
    interval_scheme = "analytic"
    analytic_rule = "plugin_jackknife"
    interval_sparse_ratio = _MM_SPARSE_RATIO
    pair_kernel = ("count", frozenset())
    summary = "Plug-in (maximum-likelihood) entropies of empirical frequencies."
    reference = "Shannon (1948); bias: Miller (1955)."
    parameters: ClassVar[dict[str, Param]] = {}

    def _term(self, cells: Cells) -> Term:
        c = cells.counts
        local = None
        if cells.codes is not None:
            local = -np.log(c[cells.codes] / cells.n)
        return Term(entropy_from_counts(c), local)

    def _warn(
        self, measure: str, tables: list[tuple[int, Cells]], value: float
    ) -> None:
        """Warn when there are fewer than 5 samples per occupied joint cell."""
        largest = max((c for _, c in tables), key=lambda c: c.occupied)
        n, cells = largest.n, largest.occupied
        bias = (
            _DIRECTION[measure]
            * sum(sign * (c.occupied - 1) for sign, c in tables)
            / (2 * n)
        )
        if n < MIN_PER_CELL * cells:
            warn(
                f"The {self.name!r} {_MEASURE_WORDS[measure]} estimate uses "
                f"n_samples={n} for {cells} occupied joint cells (fewer than "
                f"{MIN_PER_CELL} per cell), so it is biased; the first-order "
                f"(Miller-Madow) bias alone is {bias:.3g} nats. Use a bias-corrected "
                "method (for example 'miller_madow', 'grassberger' or 'nsb') or "
                "more samples." + unseen_mass_note(largest),
                BiasWarning,
            )


@register
class MillerMadow(CountingEstimator):
    """Miller-Madow estimator: plug-in entropy plus ``(K - 1) / (2 n)``.

    ``K`` is the number of occupied cells of each table, so MI gains
    ``(K_x + K_y - K_xy - 1) / (2 n)`` over the plug-in value. Local values are
    the plug-in ones shifted by each term's correction, so their mean is the
    estimate.

    Notes
    -----
    Units are nats before ``base`` conversion. The correction removes the
    first-order term of the plug-in bias (Miller 1955); it under-corrects when
    many cells are unseen. A :class:`~mutinfo.exceptions.BiasWarning` is raised
    when the largest joint table has more than ``n / 2`` occupied cells.

    Examples
    --------
    >>> from mutinfo.estimators import MillerMadow
    >>> round(MillerMadow().entropy([0] * 6 + [1] * 3).value, 6)  # 0.636514 + 1/18
    0.69207
    """

    name = "miller_madow"
    thread_safe = True
    interval_scheme = "analytic"
    analytic_rule = "corrected_jackknife"
    interval_sparse_ratio = _MM_SPARSE_RATIO
    summary = "Plug-in entropies plus the first-order bias correction (K - 1) / 2n."
    reference = "Miller (1955); Madow (1948)."
    parameters: ClassVar[dict[str, Param]] = {}

    def min_samples(self) -> int:  # noqa: D102
        return _MIN_CORRECTED

    def _term(self, cells: Cells) -> Term:
        c = cells.counts
        shift = (cells.occupied - 1) / (2.0 * cells.n)
        local = None
        if cells.codes is not None:
            local = -np.log(c[cells.codes] / cells.n) + shift
        return Term(entropy_from_counts(c) + shift, local)


@register
class Grassberger(CountingEstimator):
    """Grassberger (2003) estimator: ``H = log n - (1/n) sum n_i G(n_i)``.

    ``G(n) = psi(n) + (-1)^n / 2 (psi((n + 1) / 2) - psi(n / 2))`` (his eq. 35)
    replaces ``log n_i`` of the plug-in formula and removes most of its bias for
    small counts.

    Notes
    -----
    Units are nats before ``base`` conversion. No local values. A
    :class:`~mutinfo.exceptions.BiasWarning` is raised when the largest joint
    table has more than ``n / 2`` occupied cells. There the correction of
    the cells seen once or twice dominates MI and CMI: ``G(1) = -1.27`` and
    ``G(2) = 0.73`` replace ``log 1 = 0`` and ``log 2 = 0.69``, so a value
    seen twice whose two rows fall in different cells of the joint table adds
    about ``4 / n`` nats to ``H(X, Y)``. Independent labels, X with every
    value seen twice against a fair binary Y, give about -0.3 nats (truth 0;
    Miller-Madow +0.3); the warning says so when the estimate is negative.
    Its MI also warns that it may read high when
    :func:`~mutinfo.estimators._counts_base.copy_tail_entropy` exceeds 0.25
    nats: a near copy over many values with a thin, mostly unseen spread of
    exceptions (Y = X w.p. 0.9 over a Zipf code of 3000 values, n = 10,000:
    +0.56 nats on 5.06).

    References
    ----------
    .. [1] P. Grassberger, "Entropy estimates from insufficient samplings",
       arXiv:physics/0307138 (2003).

    Examples
    --------
    >>> from mutinfo.estimators import Grassberger
    >>> round(Grassberger().entropy([0, 0, 1, 1, 1, 2, 2, 2, 2, 2]).value, 6)
    1.239615
    """

    name = "grassberger"
    thread_safe = True
    interval_scheme = "analytic"
    analytic_rule = "corrected_jackknife"
    summary = "Grassberger (2003) bias-corrected entropies, G function of eq. 35."
    reference = "Grassberger, arXiv:physics/0307138 (2003), eq. 35."
    parameters: ClassVar[dict[str, Param]] = {}
    #: On ``benchmarks/discrete_strong_dependence.py --zipf 1 1.5 --q 1 0.9
    #: 0.7`` and its uniform codes (10 draws a cell), 84 % of the silent draws
    #: of cells reading more than 0.1 nats high exceed 0.25, and 1 of 380
    #: draws of cells within 0.1 nats (uniform K = 10, n = 20).
    tail_warn_nats = 0.25

    def min_samples(self) -> int:  # noqa: D102
        return _MIN_CORRECTED

    def _term(self, cells: Cells) -> Term:
        return Term(grassberger_entropy(cells.counts))

    def _warn(
        self, measure: str, tables: list[tuple[int, Cells]], value: float
    ) -> None:
        """Warn as the other families do, and name the sign of a sparse MI."""
        largest = max((c for _, c in tables), key=lambda c: c.occupied)
        if measure in ("mi", "cmi") and value < 0 and _sparse(largest):
            warn(
                f"The {self.name!r} {measure} estimate is {value:.3g} nats from "
                f"the table {largest.name} with {largest.occupied} occupied cells "
                f"for n_samples={largest.n}: fewer than two rows per cell, where "
                "Grassberger's correction dominates (G(1) = -1.27 "
                "and G(2) = 0.73 for log 1 and log 2): independent labels whose "
                "values are each seen twice give about -0.3 nats. The sign is "
                "the correction's, not the data's; 'miller_madow' errs upwards "
                "by as much. Collect more samples or coarsen the variables.",
                BiasWarning,
            )
            return
        super()._warn(measure, tables, value)


@register
class JamesStein(CountingEstimator):
    """James-Stein shrinkage estimator (Hausser & Strimmer 2009).

    Cell frequencies shrink towards the uniform distribution over all cells of
    the table with the analytic intensity
    ``lambda = (1 - sum p^2) / ((n - 1) sum (1/K - p)^2)`` (clipped to [0, 1]);
    the entropy is the plug-in entropy of the shrunk frequencies. ``K`` is
    ``alphabet_size ** d`` for a table of ``d`` columns, or, when
    ``alphabet_size`` is None, the product of the observed numbers of values
    of its columns (the full contingency table, empty cells included).
    ``Result.extras["shrinkage"]`` holds the intensity ``lambda`` (for MI and
    CMI, a dict with one per entropy term).

    Parameters
    ----------
    alphabet_size : int or None, default=None
        Number of possible values of every column.
    rng : None, int or Generator, default=None
        Unused (the estimator is deterministic).

    Notes
    -----
    Units are nats before ``base`` conversion. No local values. A
    :class:`~mutinfo.exceptions.BiasWarning` is raised when the largest joint
    table has more than ``n / 2`` occupied cells.

    Examples
    --------
    >>> from mutinfo.estimators import JamesStein
    >>> round(JamesStein().entropy([0] * 8 + [1] * 2).value, 5)
    0.57228
    """

    name = "james_stein"
    thread_safe = True
    interval_scheme = "analytic"
    analytic_rule = "corrected_jackknife"
    summary = "James-Stein shrinkage of frequencies towards uniform (Hausser-Strimmer)."
    reference = "Hausser & Strimmer, J. Mach. Learn. Res. 10:1469 (2009)."
    parameters: ClassVar[dict[str, Param]] = {"alphabet_size": ALPHABET_SIZE}

    def min_samples(self) -> int:  # noqa: D102
        return _MIN_CORRECTED

    def _term(self, cells: Cells) -> Term:
        k = cells.alphabet(self.alphabet_size)
        if k > _MAX_CELLS:
            raise InvalidDataError(
                f"The table {cells.name} has about 10^{len(str(k)) - 1} possible "
                "cells, too many to shrink towards uniform. Pass a smaller "
                "'alphabet_size', use fewer columns, or use another method such "
                "as 'grassberger'."
            )
        h, shrinkage = james_stein_entropy(cells.counts, k)
        return Term(h, info={"shrinkage": shrinkage})


@register
class ChaoShen(CountingEstimator):
    """Chao-Shen (2003) coverage-adjusted estimator.

    Frequencies are scaled by the Good-Turing sample coverage
    ``C = 1 - f1 / n`` and each term is divided by its Horvitz-Thompson
    inclusion probability ``1 - (1 - C p_i)^n``.

    Notes
    -----
    Units are nats before ``base`` conversion. No local values. Designed for
    species-rich samples with many singletons; a
    :class:`~mutinfo.exceptions.BiasWarning` is raised when the largest joint
    table has more than ``n / 2`` occupied cells. Its MI also warns (may read high)
    when :func:`~mutinfo.estimators._counts_base.copy_tail_entropy` exceeds
    0.6 nats, as Grassberger's does above 0.25.

    Examples
    --------
    >>> from mutinfo.estimators import ChaoShen
    >>> round(ChaoShen().entropy([0, 0, 0, 1, 1, 1]).value, 6)
    0.70415
    """

    name = "chao_shen"
    thread_safe = True
    analytic_rule = "corrected_jackknife"
    summary = "Chao-Shen coverage-adjusted Horvitz-Thompson entropies."
    reference = "Chao & Shen, Environ. Ecol. Stat. 10:429 (2003)."
    parameters: ClassVar[dict[str, Param]] = {}
    #: Higher than Grassberger's 0.25: the coverage adjustment restores part
    #: of the tail where the marginals are well sampled (Zipf 1.5, K = 300,
    #: n = 10,000, Y = X w.p. 0.7: statistic 0.50, error -0.005). Measured as
    #: for Grassberger: 40 % of the silent high draws, none of 450 good ones.
    tail_warn_nats = 0.6

    def min_samples(self) -> int:  # noqa: D102
        return _MIN_CORRECTED

    def _term(self, cells: Cells) -> Term:
        return Term(chao_shen_entropy(cells.counts))
