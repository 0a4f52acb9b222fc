"""Posterior-mean MI under a Dirichlet prior centred on independence.

The joint distribution of two discrete variables gets a Dirichlet prior whose
mean is the product of the (Jeffreys-smoothed) marginal frequencies and whose
concentration maximises the evidence (empirical Bayes); the estimate is the
posterior mean of the mutual information, in closed form (Wolpert & Wolf 1995;
Hutter 2002). An undersampled table is pulled towards independence by as much
as the data allow, so independent tables give about zero and strongly dependent
ones keep their dependence.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Param
from mutinfo._registry import register
from mutinfo._special import digamma, gammaln
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._counts_base import (
    _SPARSE_RATIO,
    Cells,
    unseen_mass_note,
    warn_copy_tail,
)
from mutinfo.estimators._functionals import grassberger_entropy
from mutinfo.estimators.discrete import _MAX_CELLS, ALPHABET_SIZE
from mutinfo.exceptions import BiasWarning, InvalidDataError, warn

__all__ = [
    "DirichletProduct",
    "dirichlet_product_mi",
    "missed_tail_entropy",
    "prior_shortfall",
]

#: Pseudo-count per value of the marginals that centre the prior (Jeffreys).
_MARGINAL_PSEUDOCOUNT = 0.5
#: Range of ``ln a`` searched for the evidence maximum, and the grid step.
_LOG_CONCENTRATION = (math.log(1e-3), math.log(1e10))
_GRID_STEP = 0.5
#: Occupied cells per sample above which the estimate warns. Below the shared
#: 0.5 of the counting families: on uniform codes of K = 30-300 values related
#: by a permutation (``benchmarks/discrete_codes.py``, 5 draws per cell), 0.45
#: to 0.5 occupied cells per row still read +0.26 to +0.36 nats high (K = 100,
#: n = 3000, Y = perm(X) w.p. 0.5, truth 1.637) with no warning; the silent
#: errors left below 0.45 are at most 0.32 nats on truths of 2.8-4.8 nats.
_WARN_RATIO = 0.45
#: Nats of joint entropy the posterior may miss (:func:`missed_tail_entropy`)
#: above which the estimate warns that it may read high. On the copy channel
#: of ``benchmarks/discrete_strong_dependence.py`` (Y = X w.p. q, else
#: uniform; 20 draws per cell) the statistic tracks the bias where the tail is
#: thin (K = 100 / 300, q = 0.9, n = 1000-5000: 0.13-0.26 against a bias of
#: +0.16 to +0.29) and stays below 0.1 on every draw of the cells whose bias
#: is small (K = 30, q = 0.5, n = 1000: 0.07-0.09, bias +0.013; K = 10 and 30
#: at n = 5000: at most 0.03).
_WARN_MISSED = 0.1
#: Nats the estimate may read low (:func:`prior_shortfall`) above which it
#: warns, where one variable determines the other in the sample, and where
#: fewer than :data:`_NEAR_SHARE` of the rows break that (higher: the
#: statistic is rougher there). On ``benchmarks/discrete_strong_dependence.py
#: --zipf 1 1.5 2`` with q in {1, 0.95, 0.9, 0.7, 0.5, 0} and n in
#: {500, 1000, 2000, 5000, 10000}, plus its uniform codes (4 draws a cell),
#: 99 cells read more than 0.1 nats low without another warning: 71 now
#: warn on at least half their draws; of the 131 cells within 0.1 nats one
#: does (Zipf 2, K = 100, n = 500, Y = X: -0.084), 1.7 % of their draws.
_WARN_LOW = 0.1
_WARN_NEAR = 0.15
#: Nats of :func:`~mutinfo.estimators._counts_base.copy_tail_entropy` above
#: which the estimate warns that it may read high, where neither rule above
#: fires. Its posterior keeps some of the tail, so the bar is four times
#: Grassberger's: on ``benchmarks/discrete_strong_dependence.py --zipf 1 1.5
#: --q 1 0.9 0.7`` and its uniform codes (10 draws a cell), 21 of the 33
#: silent draws of cells reading more than 0.1 nats high (Zipf 1, K = 3000,
#: n = 10,000, Y = X w.p. 0.7: +0.77) exceed it, none of 560 draws of cells
#: within 0.1 nats (at 0.8, 3.4 %).
_WARN_TAIL = 1.0
#: Share of rows off the most frequent value given the other variable
#: (either way round) below which a table counts as a near copy.
_NEAR_SHARE = 0.1


def _g(alpha: NDArray[np.float64]) -> NDArray[np.float64]:
    """``alpha * psi(alpha + 1)``: the summand of a Dirichlet's mean entropy."""
    out: NDArray[np.float64] = alpha * digamma(alpha + 1.0)
    return out


def _marginal(
    counts: NDArray[np.int64], size: int, n: int
) -> tuple[NDArray[np.float64], float, int]:
    """Smoothed frequencies of the seen values, of each unseen one, and #unseen."""
    norm = n + _MARGINAL_PSEUDOCOUNT * size
    seen = np.asarray((counts + _MARGINAL_PSEUDOCOUNT) / norm, dtype=np.float64)
    return seen, _MARGINAL_PSEUDOCOUNT / norm, size - counts.size


#: A joint table as :func:`dirichlet_product_mi` takes it: counts, rows, cols,
#: x_counts, y_counts, x_size, y_size.
_Table = tuple[
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    NDArray[np.int64],
    int,
    int,
]


def _profile(
    seen: NDArray[np.float64], unseen: float, n_unseen: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Distinct prior frequencies of one marginal and how many values have each."""
    values, mult = np.unique(seen, return_counts=True)
    if n_unseen:
        values = np.append(values, unseen)
        mult = np.append(mult, n_unseen)
    return values, mult.astype(np.float64)


def dirichlet_product_mi(
    table: NDArray[np.int64],
    rows: NDArray[np.int64],
    cols: NDArray[np.int64],
    x_counts: NDArray[np.int64],
    y_counts: NDArray[np.int64],
    x_size: int,
    y_size: int,
) -> tuple[float, float]:
    """Posterior-mean MI (nats) and the evidence-maximising concentration.

    Parameters
    ----------
    table : ndarray of int64
        Counts of the occupied joint cells.
    rows, cols : ndarray of int64
        The X value and Y value (indices into ``x_counts`` and ``y_counts``)
        of every occupied cell.
    x_counts, y_counts : ndarray of int64
        Counts of the observed values of X and of Y.
    x_size, y_size : int
        Number of possible values of X and of Y (at least the observed ones).

    Returns
    -------
    mi : float
        ``E[I(X; Y) | counts]`` under the posterior ``Dirichlet(a q + n_xy)``.
    concentration : float
        The ``a`` that maximises the Dirichlet-multinomial evidence.

    Notes
    -----
    The prior mean is ``q_xy = q_x q_y`` with ``q_x = (n_x + 1/2) / (n + K_x / 2)``
    over the ``K_x`` possible values (likewise ``q_y``). The evidence of ``a`` is
    ``ln G(a) - ln G(a + n) + sum_xy [ln G(a q_xy + n_xy) - ln G(a q_xy)]``
    (empty cells add nothing); it is maximised over ``ln a`` on a grid from
    ``10^-3`` to ``10^10`` (step 0.5), refined by Brent's root of its slope
    ``psi(a) - psi(a + n) + sum_xy q_xy (psi(a q_xy + n_xy) - psi(a q_xy))``.
    With ``alpha = a q + n`` and ``A = a + n``, the mean entropy of a Dirichlet is
    ``psi(A + 1) - sum alpha psi(alpha + 1) / A`` (Wolpert & Wolf 1995), and
    the marginals of a Dirichlet are Dirichlet, so
    ``E[I] = psi(A + 1) - (G_x + G_y - G_xy) / A`` with
    ``G = sum alpha psi(alpha + 1)`` over each table's cells. The empty
    cells of the joint enter ``G_xy`` through the distinct values of ``q_x`` and
    ``q_y`` (at most about ``sqrt(2 n)`` each), so huge alphabets cost nothing.

    Examples
    --------
    >>> import numpy as np
    >>> one = np.array([5, 5], dtype=np.int64)
    >>> mi, a = dirichlet_product_mi(
    ...     np.array([5, 5]), np.array([0, 1]), np.array([0, 1]), one, one, 2, 2
    ... )
    >>> round(mi, 4), round(a, 4)
    (0.5234, 0.9434)
    """
    n = int(table.sum())
    qx, ux, kx_unseen = _marginal(x_counts, x_size, n)
    qy, uy, ky_unseen = _marginal(y_counts, y_size, n)
    q = qx[rows] * qy[cols]
    t = table.astype(np.float64)

    def neg_evidence(log_a: float) -> float:
        a = math.exp(log_a)
        aq = a * q
        occupied = float((gammaln(aq + t) - gammaln(aq)).sum())
        return -(float(gammaln(a) - gammaln(a + n)) + occupied)

    def slope(log_a: float) -> float:
        a = math.exp(log_a)
        aq = a * q
        occupied = float((q * (digamma(aq + t) - digamma(aq))).sum())
        return float(digamma(a) - digamma(a + n)) + occupied

    lo, hi = _LOG_CONCENTRATION
    grid = np.arange(lo, hi + _GRID_STEP / 2, _GRID_STEP)
    scores = np.array([neg_evidence(float(s)) for s in grid])
    best = int(np.argmin(scores))
    log_a = float(grid[best])
    if 0 < best < grid.size - 1:
        # The evidence peaks between the neighbours: its slope changes sign.
        left, right = float(grid[best - 1]), float(grid[best + 1])
        if slope(left) > 0 > slope(right):
            from scipy.optimize import brentq  # lazy: scipy.optimize costs ~0.2 s

            log_a = float(brentq(slope, left, right, xtol=1e-13, rtol=1e-13))
    a = math.exp(log_a)
    big_a = a + n

    gx = float(_g(a * qx + x_counts).sum()) + kx_unseen * float(_g(np.array(a * ux)))
    gy = float(_g(a * qy + y_counts).sum()) + ky_unseen * float(_g(np.array(a * uy)))
    vx, mx = _profile(qx, ux, kx_unseen)
    vy, my = _profile(qy, uy, ky_unseen)
    every_cell = float((mx[:, None] * my[None, :] * _g(a * np.outer(vx, vy))).sum())
    aq = a * q
    gxy = every_cell - float(_g(aq).sum()) + float(_g(aq + t).sum())
    mi = float(digamma(big_a + 1.0)) - (gx + gy - gxy) / big_a
    return mi, a


def missed_tail_entropy(
    table: NDArray[np.int64],
    rows: NDArray[np.int64],
    cols: NDArray[np.int64],
    x_counts: NDArray[np.int64],
    y_counts: NDArray[np.int64],
    x_size: int,
    y_size: int,
    concentration: float,
) -> tuple[float, float, float]:
    """Joint entropy (nats) the posterior may miss in the table's unseen cells.

    Parameters
    ----------
    table, rows, cols, x_counts, y_counts, x_size, y_size
        As for :func:`dirichlet_product_mi`.
    concentration : float
        The prior's ``a`` (its second return value).

    Returns
    -------
    missed : float
        ``(f1 / n - u) * ln(U / f1)``, or 0 when there are no singletons, no
        more unseen cells than singletons, or ``u >= f1 / n``.
    good_turing : float
        ``f1 / n``, Good-Turing's estimate of the mass on unseen cells of
        seen values.
    posterior : float
        ``u``, the mass the posterior mean puts on them.

    Notes
    -----
    ``f1`` cells are seen once in ``n`` rows, on an x value and a y value
    each seen in other rows too, ``U`` cells (of ``x_size * y_size``) never.
    A cell seen once on a value seen once is the marginal's own unseen tail
    (Y = X over a Zipf code of 1000 values, n = 2000: the estimate reads 0.73
    nats low, and counting those cells warned that it read 0.27 high).
    Good-Turing puts ``f1 / n`` of the probability on unseen cells of seen
    values; the posterior mean puts
    ``u = a (1 - sum_seen q_xy) / (a + n)`` there. When the dependence is
    strong the evidence picks a small ``a`` (the prior cannot follow the
    spike without it), ``u`` falls short of ``f1 / n``, and the shortfall
    sits on the singletons at ``1 / n`` each; spread over the unseen cells
    it would add about ``ln(U / f1)`` nats per unit of mass to ``H(X, Y)``
    and take as much from the MI. A heuristic bias estimate, not a
    correction: on the copy channel of
    ``benchmarks/discrete_strong_dependence.py`` it reads 0.13 / 0.19 /
    0.26 where the bias is +0.17 / +0.16 / +0.29 (K = 100 at n = 1000 and
    5000, K = 300 at n = 5000, q = 0.9).

    Examples
    --------
    >>> one = np.array([5, 5], dtype=np.int64)
    >>> missed_tail_entropy(
    ...     np.array([5, 5]), np.array([0, 1]), np.array([0, 1]), one, one, 2, 2, 0.9
    ... )
    (0.0, 0.0, 0.0)
    """
    n = int(table.sum())
    # Singletons whose x and y values were seen in other rows too: a cell
    # seen once on a value seen once is the tail of a marginal (a Zipf code
    # copied, Y = X), whose unseen values raise the MI, not lower it.
    f1 = int(((table == 1) & (x_counts[rows] > 1) & (y_counts[cols] > 1)).sum())
    unseen_cells = x_size * y_size - int(table.size)
    good_turing = f1 / n
    if f1 == 0 or unseen_cells <= f1:
        return 0.0, good_turing, 0.0
    qx = _marginal(x_counts, x_size, n)[0]
    qy = _marginal(y_counts, y_size, n)[0]
    seen = float((qx[rows] * qy[cols]).sum())
    posterior = concentration * max(1.0 - seen, 0.0) / (concentration + n)
    gap = good_turing - posterior
    if gap <= 0:
        return 0.0, good_turing, posterior
    return gap * math.log(unseen_cells / f1), good_turing, posterior


def prior_shortfall(
    table: NDArray[np.int64],
    rows: NDArray[np.int64],
    cols: NDArray[np.int64],
    x_counts: NDArray[np.int64],
    y_counts: NDArray[np.int64],
    mi: float,
) -> tuple[float, bool]:
    """Nats by which the estimate may read low on a near copy, and if it is exact.

    Parameters
    ----------
    table, rows, cols, x_counts, y_counts
        As for :func:`dirichlet_product_mi`.
    mi : float
        Its estimate.

    Returns
    -------
    low : float
        Where one variable's observed values determine the other's (a
        functional table), Grassberger's entropy of the variable with fewer
        values minus ``mi``: the MI of an exact copy is that entropy. Else,
        where a share ``e`` below 0.1 of the rows lies off the most frequent
        value given the other variable (either way round),
        ``min(f1_x, f1_y) / n * mi * (1 - e / 0.1)``; else 0. A heuristic
        bias estimate, not a correction.
    functional : bool
        Whether the table is functional.

    Notes
    -----
    The posterior mean mixes the observed table with the independent prior
    (weight ``a / (a + n)``). On an independent table that pull is right; on
    a copy it is bias, and the marginals' unseen values (Good-Turing:
    ``f1 / n`` of the probability, ``f1`` values seen once) each carry their
    share of the MI, which the prior spreads over independent cells. Y = X
    over a Zipf code of 1000 values, n = 2000 (truth 5.19): 0.69 for a
    bias of -0.71; Y = X w.p. 0.95 (else uniform), n = 1000: 0.67 for
    -0.76; w.p. 0.9, n = 2000: 0.27 for -0.18 (means over 4 draws,
    ``benchmarks/discrete_strong_dependence.py``). The taper in ``e`` keeps
    it quiet where the exceptions justify the pull (uniform K = 300,
    Y = X w.p. 0.9, n = 1000: -0.09).

    Examples
    --------
    >>> one = np.array([5, 5], dtype=np.int64)
    >>> low, functional = prior_shortfall(
    ...     np.array([5, 5]), np.array([0, 1]), np.array([0, 1]), one, one, 0.52
    ... )
    >>> round(low, 3), functional
    (0.386, True)
    """
    n = int(table.sum())
    if table.size == max(x_counts.size, y_counts.size):
        fewer = x_counts if x_counts.size <= y_counts.size else y_counts
        return grassberger_entropy(fewer) - mi, True
    top_x = np.zeros(x_counts.size, dtype=np.int64)
    np.maximum.at(top_x, rows, table)
    top_y = np.zeros(y_counts.size, dtype=np.int64)
    np.maximum.at(top_y, cols, table)
    off = 1.0 - max(int(top_x.sum()), int(top_y.sum())) / n
    if off >= _NEAR_SHARE:
        return 0.0, False
    singles = min(int((x_counts == 1).sum()), int((y_counts == 1).sum()))
    return singles / n * mi * (1.0 - off / _NEAR_SHARE), False


@register
class DirichletProduct(Estimator):
    """Bayesian MI under a Dirichlet prior centred on the product of the marginals.

    The joint table gets the prior ``Dirichlet(a q_x q_y)``, with ``q_x`` and
    ``q_y`` the marginal frequencies smoothed by half a count per value
    (Jeffreys) and the concentration ``a`` chosen by maximising the evidence
    (empirical Bayes); the estimate is the posterior mean of ``I(X; Y)`` in
    closed form (Wolpert & Wolf 1995; Hutter 2002). The data decide how far an
    undersampled table is pulled towards independence: independent tables get
    a large ``a`` and an estimate near zero, strongly dependent ones a small
    ``a``. ``Result.extras["concentration"]`` holds ``a``.

    Parameters
    ----------
    alphabet_size : int or None, default=None
        Number of possible values of every column; a variable of ``d``
        columns then has ``alphabet_size ** d`` values. None: the product of
        the observed numbers of values of its columns (as ``james_stein``).
    rng : None, int or Generator, default=None
        Unused (the estimator is deterministic).

    Notes
    -----
    Units are nats before ``base`` conversion; MI only, no local values.
    Measured (``benchmarks/discrete_mi_bayes.py``, 300 draws, N = 100): bias /
    RMSE -0.068 / 0.147 nats on the 8 x 8 channel (James-Stein -0.006 /
    0.126), +0.062 / 0.176 on the 40 x 40 Zipf channel (James-Stein +0.039 /
    0.227) and about 0 on independent tables, where James-Stein is off by up
    to -0.31. The prior's pull towards independence biases it low on
    near-deterministic tables with many values: the 40-symbol Zipf copy
    channel at N = 100 gives -0.69 nats (Grassberger -0.003), a band channel
    ``Y = X + U{0, 1, 2} mod 100`` at N = 100 gives -1.75 (plug-in +0.17,
    NSB +0.12, James-Stein -3.08); on well-sampled dependent tables, where
    ``auto`` uses Grassberger, it stays a few hundredths of a nat low. A
    :class:`~mutinfo.exceptions.BiasWarning` is raised when the joint table
    has more than ``0.45 n`` occupied cells, and otherwise when
    :func:`missed_tail_entropy` exceeds 0.1 nats: a strong dependence over
    many values with a thin, mostly unseen tail of exceptions reads high
    (Y = X w.p. 0.9, else uniform, K = 100 / 300 at n = 1000-5000: +0.16 to
    +0.29 nats on truths of 3.8 / 4.8; plug-in, Grassberger and NSB +0.19 to
    +0.49; ``benchmarks/discrete_strong_dependence.py``), and otherwise when
    :func:`prior_shortfall` exceeds 0.1 nats (0.15 for a near copy): where
    one variable (nearly) determines the other over many values the prior's
    pull reads low (Y = X over a Zipf code of 1000 values, n = 2000: -0.73
    nats on 5.19; w.p. 0.9, else uniform, where ``auto`` picks it: -0.19,
    while Grassberger, NSB and Chao-Shen read +0.53 to +0.65). Last,
    when :func:`~mutinfo.estimators._counts_base.copy_tail_entropy` exceeds
    1.0 nats it warns that it may read high (Zipf code of 3000 values, Y = X
    w.p. 0.7, n = 10,000: +0.77 nats on 3.73).

    References
    ----------
    .. [1] D. H. Wolpert, D. R. Wolf, "Estimating functions of probability
       distributions from a finite set of samples", Phys. Rev. E 52:6841 (1995).
    .. [2] M. Hutter, "Distribution of mutual information", NIPS 14 (2002).

    Examples
    --------
    >>> from mutinfo.estimators import DirichletProduct
    >>> res = DirichletProduct().mi([0, 0, 1, 1] * 5, [0, 0, 1, 1] * 5)
    >>> round(res.value, 3), round(res.extras["concentration"], 3)
    (0.612, 0.654)
    """

    interval_sparse_ratio = _SPARSE_RATIO
    name = "dirichlet_product"
    kinds: ClassVar[tuple[str, ...]] = ("discrete",)
    measures: ClassVar[tuple[str, ...]] = ("mi",)
    thread_safe = True
    summary = (
        "Posterior-mean MI under an empirical-Bayes Dirichlet prior centred "
        "on the product of the marginals."
    )
    reference = "Wolpert & Wolf, Phys. Rev. E 52:6841 (1995); Hutter, NIPS 14 (2002)."
    parameters: ClassVar[dict[str, Param]] = {"alphabet_size": ALPHABET_SIZE}

    def min_samples(self) -> int:  # noqa: D102
        return 2

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        cx, cy = Cells.from_variables(x), Cells.from_variables(y)
        assert cx.codes is not None  # built from samples
        assert cy.codes is not None
        ky = cy.occupied
        joint, table = np.unique(cx.codes * ky + cy.codes, return_counts=True)
        x_size, y_size = (
            cx.alphabet(self.alphabet_size),
            cy.alphabet(self.alphabet_size),
        )
        if x_size * y_size > _MAX_CELLS:
            # The joint table's cells counted in float64 overflow: 10^320
            # cells (alphabet_size=10**160) gave -inf nats.
            raise InvalidDataError(
                f"The joint table of {x.name!r} and {y.name!r} has about "
                f"10^{len(str(x_size * y_size)) - 1} possible cells, too many for "
                "the prior's float arithmetic. Pass a smaller 'alphabet_size', "
                "use fewer columns, or use another method such as 'grassberger'."
            )
        args = (
            table.astype(np.int64),
            joint // ky,
            joint % ky,
            cx.counts,
            cy.counts,
            x_size,
            y_size,
        )
        mi, a = dirichlet_product_mi(*args)
        joint_cells = Cells(args[0], name=f"H({x.name},{y.name})")
        self._warn_table(args, mi, a, [(1, cx), (1, cy), (-1, joint_cells)])
        return RawEstimate(mi, None, {"concentration": a})

    def _warn_table(
        self,
        args: _Table,
        mi: float,
        a: float,
        tables: list[tuple[int, Cells]],
    ) -> None:
        """Give the first of the table's bias warnings that applies (at most one).

        In order: a sparse table, a missed tail (reads high), a prior
        shortfall (reads low), a copy tail (reads high).
        """
        cells = tables[-1][1]
        n = cells.n
        if cells.occupied > _WARN_RATIO * n:
            warn(
                f"The {self.name!r} mi estimate uses the table {cells.name} with "
                f"{cells.occupied} occupied cells for n_samples={n}; with more "
                f"than {_WARN_RATIO:g} occupied cells per sample it leans on "
                "its prior (independence) and can be off by tenths of a nat, and "
                "by more than a nat when one variable nearly determines the other "
                "over many values (there 'nsb' or 'grassberger' do better). "
                "Collect more samples or coarsen the variables."
                + unseen_mass_note(cells),
                BiasWarning,
            )
            return
        missed, good_turing, posterior = missed_tail_entropy(*args, a)
        if missed > _WARN_MISSED:
            warn(
                f"The {self.name!r} mi estimate may read about {missed:.2f} "
                f"nats high: Good-Turing puts {good_turing:.1%} of the "
                f"probability of {cells.name} on cells never seen, the "
                f"posterior only {posterior:.1%}, and spread over those "
                "cells the rest would raise the joint entropy and lower "
                "the MI by about that much. This happens when one "
                "variable nearly copies the other over many values with "
                "a thin spread of exceptions; plug-in, Grassberger and "
                "NSB read higher still there. Collect more samples or "
                "coarsen the variables.",
                BiasWarning,
            )
            return
        low, functional = prior_shortfall(*args[:5], mi)
        if low > (_WARN_LOW if functional else _WARN_NEAR):
            how = (
                "determines the other in this sample"
                if functional
                else "nearly determines the other (fewer than "
                f"{_NEAR_SHARE:.0%} of the rows break the pattern)"
            )
            warn(
                f"The {self.name!r} mi estimate may read about {low:.2f} "
                f"nats low: one variable {how}, and the prior, centred "
                f"on independence, moves {a / (a + n):.1%} of the "
                "probability, with the values never seen, to "
                "independent cells. Use method='grassberger' or 'nsb' "
                "(bias-corrected entropies) for an exact copy; for a "
                "near copy they read high instead, so collect more "
                "samples or coarsen the variables.",
                BiasWarning,
            )
            return
        warn_copy_tail(
            self.name, tables, _WARN_TAIL, "which the posterior only partly fills"
        )
