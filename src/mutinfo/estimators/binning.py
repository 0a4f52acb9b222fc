"""Binning: discretise continuous columns, then run any discrete estimator."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo import _registry
from mutinfo._params import AnyOf, Constraint, Interval, IsNone, Options, Param
from mutinfo._scaling import robust_spread
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._guards import (
    column_label,
    column_where,
    drop_constant,
    warn_entropy_atoms,
)
from mutinfo.estimators._total import total_correlation
from mutinfo.exceptions import (
    BiasWarning,
    InvalidDataError,
    InvalidParameterError,
    warn,
)

__all__ = [
    "COARSE_RATIO",
    "Binning",
    "DiscreteFamily",
    "bin_column",
    "check_coarse_bins",
    "check_mi_count_bias",
    "coarse_bins_applies",
    "coarse_bins_message",
    "crowded_note",
    "discrete_families",
    "entropy_bins",
    "entropy_width_bins",
    "mi_count_bias_floor",
]

Array = NDArray[np.float64]

#: numpy's data-driven rules for the number of equal-width bins.
DATA_RULES: tuple[str, ...] = (
    "auto",
    "fd",
    "doane",
    "scott",
    "stone",
    "rice",
    "sturges",
    "sqrt",
)
RULES: tuple[str, ...] = ("equal_width", "equal_frequency", *DATA_RULES)

#: Most bins per column: the bin edges of one column fit in 80 MB.
MAX_BINS = 10**7

#: The default bins' entropy (equal width, Sturges) warns when it exceeds the
#: plug-in on equal-frequency bins (:func:`entropy_bins`) by more than
#: ``max(_WIDE_BINS_NATS, 1 / sqrt(n))`` nats. Over 30-100 seeds the excess
#: stayed below 0.06 nats (n >= 200) and below 1 / sqrt(n) (n = 50) for
#: Normal, Uniform and Exp(1) data (0.004-0.015 on average at n >= 1000); it
#: averaged 0.11 / 0.30 nats for Student-t(3) at n = 1000 / 10,000 and 0.07-0.08
#: for H(X|Y) of a three-component Gaussian mixture (sd 0.5, 1, 2; n = 1000-4000).
_WIDE_BINS_NATS = 0.05

#: A binned differential entropy with ``estimator='plugin'`` warns when the
#: plug-in's first-order bias ``-(K - 1) / (2 n)`` on its ``K`` occupied cells
#: (Miller 1955) exceeds ``max(_COUNT_BIAS_NATS, 1 / sqrt(n))`` nats in size.
_COUNT_BIAS_NATS = 0.02

#: Scott's normal-reference constant: the histogram width that minimises the
#: integrated squared error of a normal density is ``3.49 sigma n^(-1/3)`` in
#: one dimension and ``3.49 sigma n^(-1/(d+2))`` per column in ``d``.
_SCOTT = 3.49

#: Binned MI warns when the first-order plug-in bias of its counts,
#: ``(K_xy - K_x - K_y + 1) / (2 n)`` (for CMI ``(K_xyz - K_xz - K_yz + K_z) /
#: (2 n)``), exceeds ``max(_MI_COUNT_BIAS_NATS, _MI_COUNT_BIAS_SQRT / sqrt(n))``.
#: For two single normal columns on Sturges' bins it stayed within 0.5-1.2
#: times ``1 / sqrt(n)`` (n = 200 to 100,000; likewise a column against 10
#: labels); with 3 or 4 continuous columns it is 2.8-9 times that, and the
#: estimate of independent variables reads about twice it (2-D x, 1-D y,
#: n = 5000: +0.12 nats; ``python benchmarks/binning_mi.py``).
_MI_COUNT_BIAS_NATS = 0.02
_MI_COUNT_BIAS_SQRT = 2.0

#: Binned MI warns when one equal-width bin of a column holds more than this
#: share of the rows (not one repeated value): a far outlier or heavy tail
#: has stretched the range. The bivariate normal pair (rho^2 = 0.5, MI 0.347)
#: lost 0.12-0.18 nats when x was mapped to chi^2_1 (largest bin 0.68-0.69 of
#: the rows), 0.2 for exp(x) (0.81-0.89), 0.33 for one value of 1e6 (0.9995);
#: the largest bin held at most 0.55 of the rows for Exp(1), 0.34 for normal.
_CROWDED_SHARE = 2.0 / 3.0

#: Binned MI of one continuous column against one, on the default bins
#: (equal width, Sturges), warns when ``I_binned / min(H(X_binned),
#: H(Y_binned))`` (plug-ins on the same counts) exceeds this: the bins are too
#: coarse for the dependence. Bivariate normal, 5 seeds, n = 1000 / 10,000 /
#: 100,000 (``python benchmarks/binning_mi.py loss``): rho = 0.7 ratio
#: 0.15-0.19, loss up to 0.02 nats; rho = 0.8 0.22-0.28, loss up to 0.034;
#: rho = 0.9 0.35-0.41, loss 0.074-0.078; rho = 0.95 0.47-0.51, loss
#: 0.15-0.20; rho = 0.99 0.66-0.73, loss 0.54-0.62.
COARSE_RATIO = 0.31

#: Below this many rows the plug-in's upward count bias outweighs the loss
#: and inflates the ratio (rho = 0.7, n = 50: ratio up to 0.40, MI +0.2 high).
_COARSE_MIN_N = 500


def _sturges(n: int) -> int:
    return math.ceil(math.log2(n)) + 1


def bin_column(
    column: Array, rule: str, bins: int | None
) -> tuple[NDArray[np.int64], Array]:
    """Bin one column; return each sample's bin and the width of its bin.

    Parameters
    ----------
    column : ndarray of shape (n,)
        A non-constant column.
    rule : str
        ``"equal_width"`` (``bins`` equal intervals over the range),
        ``"equal_frequency"`` (``bins`` groups of equal count by rank; ties stay
        together), or a numpy rule (``"fd"``, ``"scott"``, ...) for the number
        of equal-width bins.
    bins : int or None
        Number of bins for the first two rules; None uses Sturges'
        ``ceil(log2 n) + 1``.

    Returns
    -------
    codes : ndarray of int64, shape (n,)
    widths : ndarray of shape (n,)
        Width of each sample's bin (for differential entropy).

    Examples
    --------
    >>> import numpy as np
    >>> codes, widths = bin_column(np.array([0.0, 0.1, 0.5, 1.0]), "equal_width", 2)
    >>> codes.tolist(), widths.tolist()
    ([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5])
    """
    n = column.size
    count = _sturges(n) if bins is None else int(bins)
    if rule == "equal_frequency":
        from scipy.stats import rankdata  # lazy: scipy.stats costs ~1 s to import

        ranks = rankdata(column, method="min") - 1  # ties share a bin
        codes = (ranks * count // n).astype(np.int64)
        _, codes = np.unique(codes, return_inverse=True)
        n_bins = int(codes.max()) + 1
        lower = np.full(n_bins, np.inf)
        np.minimum.at(lower, codes, column)
        edges = np.append(lower, column.max())
    else:
        spec: int | str = count if rule == "equal_width" else rule
        # Edges relative to the minimum: far from 0 (a column near 1e16) float64
        # cannot hold ``bins`` distinct edges across a narrow range, but the
        # offsets from the minimum can (numpy refused: "Too many bins").
        shifted = column - column.min()
        if rule != "equal_width":
            _check_rule_size(shifted, rule)
        try:
            edges = np.histogram_bin_edges(shifted, bins=spec)
        except ValueError as exc:  # a range below float64's resolution
            raise InvalidDataError(
                f"Cannot cut a column of range {float(np.ptp(shifted)):.3g} into "
                f"{spec!r} equal-width bins (parameter 'bins'/'rule'): float64 "
                "cannot hold that many distinct edges. Expected a range wider "
                "than the bins' count times float64's resolution; use fewer "
                "'bins', rule='equal_frequency' (bins by rank), or rescale the "
                f"column. numpy said: {exc}"
            ) from None
        codes = np.searchsorted(edges[1:-1], shifted, side="right").astype(np.int64)
    widths = np.diff(edges)[codes]
    return codes, widths


def entropy_bins(n: int, d: int) -> int:
    """Equal-frequency bins per column for a differential entropy of ``d`` columns.

    ``round(n ** (1 / (d + 1)))``, at least 1: for one column, bins of about
    ``sqrt(n)`` rows, the m-spacing estimate of Vasicek (1976) with its usual
    ``m ~ sqrt(n)``; in ``d`` columns ``n ** (d / (d + 1))`` cells of
    ``n ** (1 / (d + 1))`` rows each on average. For one column the estimate
    converges; for ``d >= 2`` it converges too slowly to use (N(0, I_2):
    +0.07 nats at n = 100,000; N(0, I_4): +0.68), and the entropies warn
    (``BiasWarning``). Sturges' ``log2 n + 1`` bins (the default elsewhere)
    leave each outer bin ``1 / log2 n`` of the mass, stretched to the sample
    minimum or maximum, where the density is far from flat: the entropy of
    N(0, 1) (1.4189 nats) read 1.497 at n = 5000, 1.532 at n = 50,000, and
    was still 0.10 too high at n = 500,000. With this count: 1.4246 at
    n = 10,000 and 1.4208 at n = 100,000 (3 seeds); Exp(1) (1.0) 0.9974 and
    0.9998; Uniform(0, 1) (0.0) -0.0060 and -0.0016.

    Examples
    --------
    >>> entropy_bins(10_000, 1), entropy_bins(1000, 2)
    (100, 10)
    """
    return max(1, round(math.pow(n, 1.0 / (d + 1))))


def entropy_width_bins(column: Array, d: int) -> int:
    """Equal-width bins of one column for a differential entropy of ``d`` columns.

    The bins are ``3.49 s n ** (-1 / (d + 2))`` wide, Scott's normal-reference
    histogram width (Scott 1979 for ``d = 1``; Scott, *Multivariate Density
    Estimation*, 1992, section 3.4 for ``d`` columns), with the robust scale
    ``s = min(sd, IQR / 1.349)`` (the IQR alone is 0 on atoms: then the sd);
    the count is the column's range over that width, from 1 to ``MAX_BINS``.

    A histogram's entropy exceeds the density's by about
    ``sum_j w_j ** 2 E[(d log f / d x_j) ** 2] / 24`` (for N(0, 1) with width
    ``w``: ``w ** 2 / 24``), and the plug-in on ``K`` occupied cells reads
    about ``(K - 1) / (2 n)`` low (Miller 1955). With this width both vanish,
    at the rate ``n ** (-2 / (d + 2))``. Sturges' ``log2 n + 1`` bins over the
    range (the default for MI) shrink only like ``sqrt(log n) / log n``: the
    entropy of N(0, 1) stayed 0.009 nats high from n = 10,000 to 1,000,000,
    and that of a 2-D standard normal 0.017-0.019 high (n = 100,000 to
    1,000,000); with this width +0.000 and -0.003 at n = 1,000,000
    (``python benchmarks/binning_bias.py``).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.random.default_rng(0).standard_normal(1000)
    >>> entropy_width_bins(x, 1), entropy_width_bins(x, 2)
    (21, 12)
    """
    n = column.size
    lo, hi = float(column.min()), float(column.max())
    # Silverman's min(sd, IQR / 1.349); the sd where the IQR is 0
    scale = float(robust_spread(column[:, None], np.array([column.std()]), 1.0)[0])
    width = _SCOTT * scale * math.pow(n, -1.0 / (d + 2))
    if not width > 0:
        return 1
    return int(min(MAX_BINS, max(1, math.ceil((hi - lo) / width))))


def _check_rule_size(column: Array, rule: str) -> None:
    """Raise before numpy allocates the edges of a data rule's huge bin count.

    A width rule (``'fd'``, ``'scott'``, ...) divides the range by a width from
    the spread of the bulk, so a few far outliers ask for billions of bins.
    """
    import importlib

    try:  # numpy's own width selectors (private; skip the check without them)
        impl = importlib.import_module("numpy.lib._histograms_impl")
        selectors: dict[str, Any] = impl._hist_bin_selectors
    except (ImportError, AttributeError):  # pragma: no cover - other numpy layouts
        return
    lo, hi = float(column.min()), float(column.max())
    width = float(selectors[rule](column, (lo, hi)))
    if width > 0 and (hi - lo) / width > MAX_BINS:
        raise InvalidDataError(
            f"The 'rule' {rule!r} asks for about {(hi - lo) / width:.3g} bins for a "
            f"column with range {hi - lo:.3g} (bin width {width:.3g}), more than "
            f"{MAX_BINS:g}: far outliers or heavy tails. Use "
            "rule='equal_frequency', or pass 'bins' with rule='equal_width'."
        )


def _continuous_columns(v: list[Variable]) -> int:
    """Return the number of continuous columns of the variables ``v``."""
    return sum(var.n_features - sum(var.discrete) for var in v)


def _occupied(*variables: Variable) -> int:
    """Return the number of occupied cells of the binned ``variables`` jointly."""
    from mutinfo._counting import encode

    codes, _ = encode(*(var.values for var in variables))
    return int(np.count_nonzero(np.bincount(codes)))


def _check_count_bias(measure: str, binned: list[tuple[Variable, Array]]) -> None:
    """Warn when the plug-in's count bias on the cells is large (BiasWarning).

    The plug-in entropy of ``n`` rows in ``K`` occupied cells is biased by
    about ``-(K - 1) / (2 n)`` (Miller 1955; Paninski 2003, section 3.2): for
    ``H(X | Y) = H(X, Y) - H(Y)`` by ``-(K_xy - K_y) / (2 n)``. Fine bins in
    ``d >= 2`` columns make ``K`` a large share of ``n``: a 2-D standard
    normal read 0.04 nats low at n = 1000, a 4-D one 0.22 (Scott's widths).
    """
    from mutinfo.estimators.discrete import MIN_PER_CELL

    variables = [b for b, _ in binned]
    n = variables[0].n_samples
    cells = _occupied(*variables)
    if n < MIN_PER_CELL * cells:
        return  # the plug-in itself warns (fewer than 5 rows per cell)
    if measure == "conditional_entropy":
        bias = (cells - _occupied(*variables[1:])) / (2 * n)
    else:
        bias = (cells - 1) / (2 * n)
    if bias > max(_COUNT_BIAS_NATS, 1.0 / math.sqrt(n)):
        warn(
            f"The binned {measure} spreads n = {n} rows over {cells} occupied "
            f"cells, so the plug-in reads about {bias:.3g} nats low (its bias "
            "-(K - 1) / (2 n), Miller 1955; larger still in 4 or more columns, "
            "where many cells hold one row). Pass estimator='miller_madow', "
            "which adds that term back, or use method='kl' (k-nearest "
            "neighbours) for the differential entropy of several columns.",
            BiasWarning,
        )


def crowded_note(column: Array, codes: NDArray[np.int64], label: str) -> str | None:
    """Return a warning when one equal-width bin holds most rows of ``column``.

    Equal-width bins divide the sample's range, so one far value (1e12, or a
    heavy tail) puts the bulk of the rows in one bin and the binned column
    carries almost nothing: a normal pair with MI 0.347 nats read 0.0008
    with one x of 1e6 (n = 2000). None when the column has at most 2 bins or
    the crowded bin is mostly one repeated value (an atom, which finer bins
    would not split).
    """
    n = column.size
    counts = np.bincount(codes)
    if counts.size < 3:
        return None
    top = int(np.argmax(counts))
    share = counts[top] / n
    if share <= _CROWDED_SHARE:
        return None
    _, tied = np.unique(column[codes == top], return_counts=True)
    if tied.max() > counts[top] / 2:
        return None  # an atom: equal-frequency bins keep it together too
    lo, hi = float(column.min()), float(column.max())
    return (
        f"Column {label} has {counts[top]} of its {n} rows in one of {counts.size} "
        f"equal-width bins: its range [{lo:.4g}, {hi:.4g}] is stretched by far "
        "outliers or a heavy tail, so the binned column carries little of its "
        "information and the MI reads low (a normal pair with MI 0.35 nats "
        "read 0.001 with one value of 1e6). Pass rule='equal_frequency' "
        "(bins by rank, unaffected by outliers), remove the outliers, or use "
        "method='ksg'."
    )


def _mi_count_bias(measure: str, binned: list[Variable]) -> float:
    """First-order plug-in bias of binned MI or CMI: ``sum +-(K - 1) / (2 n)``.

    ``I(X; Y) = H(X) + H(Y) - H(X, Y)`` and each plug-in ``H`` of ``K``
    occupied cells reads ``(K - 1) / (2 n)`` low (Miller 1955), so MI reads
    ``(K_xy - K_x - K_y + 1) / (2 n)`` high; CMI
    ``(K_xyz - K_xz - K_yz + K_z) / (2 n)``.
    """
    n = binned[0].n_samples
    if measure == "mi":
        x, y = binned
        k = _occupied(x, y) - _occupied(x) - _occupied(y) + 1
    else:
        x, y, z = binned
        k = _occupied(x, y, z) - _occupied(x, z) - _occupied(y, z) + _occupied(z)
    return k / (2 * n)


def mi_count_bias_floor(estimator: str, n: int) -> float:
    """Return the count bias above which :func:`check_mi_count_bias` warns.

    That is ``(K_xy - K_x - K_y + 1) / (2 n)`` (:func:`_mi_count_bias`) above
    ``max(_MI_COUNT_BIAS_NATS, _MI_COUNT_BIAS_SQRT / sqrt(n))`` for 'plugin'
    (which reads about twice the bias), twice that for 'miller_madow'.
    """
    limit = max(_MI_COUNT_BIAS_NATS, _MI_COUNT_BIAS_SQRT / math.sqrt(n))
    return 2 * limit / (2 if estimator == "plugin" else 1)


def check_mi_count_bias(measure: str, estimator: str, binned: list[Variable]) -> None:
    """Warn when binned MI/CMI's count bias is large (BiasWarning).

    Per-column bins multiply: Sturges' ``log2 n + 1`` bins for each of ``d``
    columns make up to ``(log2 n + 1) ** d`` joint cells, and an independent
    2-D x and 1-D y read +0.12 nats at n = 5000 (+0.05 at 20,000), 3-D x
    +0.54, with no sparse-table warning (over 5 rows per occupied cell).
    Adapting the bins to ``d`` (``(log2 n + 1) ** (2 / d)`` per column)
    bounds this bias but loses 0.06-0.23 nats of a dependent pair at every n,
    so the bins stay and this warns. Only for 'plugin' (which reads about
    twice this) and 'miller_madow' (about once: it removes the first-order
    term, not the rest), and not where their own sparse-table warning fires;
    the threshold is on that expected excess, so 'miller_madow' warns at
    twice the plug-in's count bias.
    """
    from mutinfo.estimators._counts_base import _SPARSE_RATIO
    from mutinfo.estimators.discrete import MIN_PER_CELL

    n = binned[0].n_samples
    joint = _occupied(*binned)
    if estimator == "plugin" and n < MIN_PER_CELL * joint:
        return
    if estimator == "miller_madow" and joint > _SPARSE_RATIO * n:
        return
    if estimator not in ("plugin", "miller_madow"):
        return
    bias = _mi_count_bias(measure, binned)
    # The expected excess: about 2 * bias for the plug-in, 1 * bias for
    # Miller-Madow (measured, sparse multi-column tables); warn above 2 * limit.
    if bias > mi_count_bias_floor(estimator, n):
        reads = "about twice that" if estimator == "plugin" else "about that"
        warn(
            f"The binned {measure} spreads n = {n} rows over {joint} occupied "
            "joint cells (bins per column multiply across columns), so the "
            f"counts' first-order bias (Miller 1955) is {bias:.3g} "
            f"nats and the {estimator!r} estimate reads {reads} too high "
            "(independent 2-D x and 1-D y: +0.12 nats at n = 5000). Use "
            "method='ksg' for several continuous columns, fewer 'bins', or more "
            "samples.",
            BiasWarning,
        )


def check_coarse_bins(binned: list[Variable]) -> None:
    """Warn when the default bins are too coarse for a strong dependence.

    Binning loses the dependence within each cell, and on Sturges' bins the
    loss does not shrink with ``n`` (bivariate normal rho = 0.9, MI 0.830:
    -0.075 nats at n = 1000 to 100,000; rho = 0.99, MI 1.959: -0.54 to
    -0.62). The statistic is the binned MI's share of the smaller binned
    entropy, ``I / min(H(X), H(Y))`` on the plug-in counts, warned on above
    ``COARSE_RATIO`` for ``n >= _COARSE_MIN_N``. ``binned`` holds one binned
    continuous column for each of x and y.
    """
    from mutinfo._counting import encode

    x, y = binned
    n = x.n_samples
    if n < _COARSE_MIN_N:
        return

    def h(*variables: Variable) -> float:
        codes, _ = encode(*(var.values for var in variables))
        c = np.bincount(codes).astype(np.float64)
        c = c[c > 0]
        return math.log(n) - float(np.sum(c * np.log(c))) / n

    hx, hy = h(x), h(y)
    lower = min(hx, hy)
    if not lower > 0:
        return
    ratio = (hx + hy - h(x, y)) / lower
    if ratio > COARSE_RATIO:
        warn(coarse_bins_message(ratio, n), BiasWarning)


def coarse_bins_message(ratio: float, n: int) -> str:
    """Return :func:`check_coarse_bins`' message for a pair at ``ratio``.

    Shared with :func:`mutinfo.mi_matrix`, which reads the same ratio off
    its plug-in tables for each binned pair of continuous columns.
    """
    return (
        f"The binned MI is {ratio:.2f} of the smaller binned entropy: the "
        "default bins (equal width, Sturges' ceil(log2 n) + 1 = "
        f"{_sturges(n)} per column) are too coarse for this strong "
        "dependence, and binning loses the dependence within each cell, "
        "so the MI reads low at every n (bivariate normal with rho = 0.9, "
        "where this ratio is about 0.35-0.41: 0.075 nats low of 0.830; "
        "rho = 0.95: 0.15-0.20 low of 1.164; rho = 0.99: 0.54-0.62 low of "
        "1.959). Use method='ksg' (within 0.02 nats of these), or pass "
        "more 'bins' with estimator='miller_madow' (bins=40: rho = 0.95 "
        "read +0.00 at n = 2000 and -0.04 at n = 100,000); "
        "rule='equal_frequency' loses about half as much (rho = 0.9: "
        "0.04-0.05 low; rho = 0.99: 0.25-0.39)."
    )


def coarse_bins_applies(params: dict[str, object], n: int) -> bool:
    """Return whether :func:`check_coarse_bins` runs for binning with ``params``.

    The default bins only (equal width, Sturges), on ``n >= _COARSE_MIN_N``
    rows; the ratio is compared with ``COARSE_RATIO``.
    """
    return (
        params.get("rule") == "equal_width"
        and params.get("bins") is None
        and n >= _COARSE_MIN_N
    )


def _warn_equal_frequency_columns(measure: str, d: int) -> None:
    """Warn that equal-frequency cells of several columns bias the entropy up.

    Each column's outer bins reach to its sample minimum and maximum, and the
    products of marginal bins are far from flat cells of the joint density:
    N(0, I_d) read +0.11 / +0.07 / +0.04 nats (d = 2; n = 1000, 100,000,
    1,000,000), +0.36 / +0.27 (d = 3) and +0.82 / +0.68 (d = 4; n = 1000,
    100,000) with :func:`entropy_bins`, and no fixed count was close for
    every n (5-80 bins per column: -2.0 to +0.7 nats at d = 2).
    """
    warn(
        f"The binned {measure} of {d} continuous columns on equal-frequency bins "
        "is biased: the cells, products of each column's quantile bins with "
        "outer bins reaching to the sample extremes, are far from flat pieces of "
        "the joint density (N(0, I_d) with the default count: +0.1 nats for "
        "d = 2, +0.4 for d = 3, +0.8 for d = 4 at n = 1000, still +0.04, +0.3, "
        "+0.7 at n = 100,000-1,000,000). Use rule='equal_width' (the default, "
        "with Scott's bin width) and estimator='miller_madow', or method='kl'.",
        BiasWarning,
    )


class DiscreteFamily(Constraint):
    """The name of a registered discrete estimator family (checked lazily)."""

    def is_satisfied_by(self, value: Any) -> bool:  # noqa: D102
        return isinstance(value, str) and value in discrete_families()

    def describe(self) -> str:  # noqa: D102
        return "one of the discrete methods " + ", ".join(
            repr(n) for n in discrete_families()
        )


def discrete_families() -> list[str]:
    """Return the registered families that take discrete data only."""
    return [n for n in _registry.names() if _registry.get(n).kinds == ("discrete",)]


@_registry.register
class Binning(Estimator):
    """Discretise continuous columns into bins, then apply a discrete estimator.

    Each continuous column is binned on its own (``rule``, ``bins``); discrete
    columns pass through as labels. The binned variables go to the discrete
    family named by ``estimator`` (``"plugin"``, ``"miller_madow"``, ``"nsb"``,
    ...), whose value, local values and extras are returned. For entropies the
    log-widths of the cells of the continuous columns are added, so that the
    result estimates the differential entropy
    ``H = -sum_cells p log(p / volume)``.

    Parameters
    ----------
    rule : str, default='equal_width'
        ``'equal_width'``, ``'equal_frequency'`` (equal counts by rank), or a
        numpy rule choosing the number of equal-width bins from the data:
        ``'fd'``, ``'scott'``, ``'sturges'``, ``'doane'``, ``'sqrt'``, ``'rice'``,
        ``'stone'``, ``'auto'``.
    bins : int or None, default=None
        Bins per column for the first two rules (None: Sturges,
        ``ceil(log2 n) + 1``, except for the entropies, with ``d`` continuous
        columns: with ``'equal_width'`` bins of Scott's width
        ``3.49 s n ** (-1 / (d + 2))``, see :func:`entropy_width_bins`, and
        with ``'equal_frequency'`` ``n ** (1 / (d + 1))`` bins, see
        :func:`entropy_bins`, so that the estimate converges),
        at most ``10**7`` (the edges of a column are held in memory). Must be
        None for the data-driven rules, which raise when the data would ask for
        more.
    estimator : str, default='plugin'
        A registered discrete family.

    Notes
    -----
    Units are nats before ``base`` conversion. Binned MI depends on the bins:
    coarse bins lose information (biased down), fine bins inflate the plug-in
    bias (biased up); a bias-corrected ``estimator`` helps with the latter.
    Equal-frequency binning makes MI exactly invariant under strictly
    increasing maps of each column. Constant columns are dropped from MI/CMI
    with a warning. Cost O(n log n) per column plus the discrete estimator's.

    The entropies' default equal-width bins (Scott's width) can still be too
    wide where a few far outliers stretch the range past ``10**7`` bins: the
    entropies then warn (``BiasWarning``) when they exceed the plug-in on the
    equal-frequency bins of :func:`entropy_bins` by more than
    ``max(0.05, 1 / sqrt(n))`` nats; use ``rule='equal_frequency'``. With the
    plug-in (the default ``estimator``), a binned differential entropy reads
    about ``(K - 1) / (2 n)`` low on ``K`` occupied cells, which is large for
    ``d >= 2`` columns at small ``n`` (2-D normal, n = 1000: -0.04 nats; 4-D:
    -0.22): it warns (``BiasWarning``) when that exceeds
    ``max(0.02, 1 / sqrt(n))``; ``estimator='miller_madow'`` adds it back
    (docs/estimators.md compares the rules; for ``d >= 4`` use ``'kl'``).
    Binned MI keeps Sturges' bins; its discretisation loss does not vanish
    as ``n`` grows (bivariate normal, rho = 0.9, truth 0.830: -0.077, -0.074,
    -0.075 nats at n = 1000, 10,000, 100,000; rho = 0.99: -0.62 to -0.53);
    pass ``bins`` or use ``'ksg'`` for strong dependence (docs/estimators.md
    has the table and the rules compared). MI of one continuous column
    against one on the default bins warns (``BiasWarning``) when the binned
    MI exceeds 0.31 of the smaller binned entropy (n >= 500; rho = 0.9 reads
    0.35-0.41, rho = 0.8 at most 0.28). Binned MI and CMI warn
    (``BiasWarning``) when the bins of several columns make the counts' bias
    ``(K_xy - K_x - K_y + 1) / (2 n)`` exceed ``max(0.02, 2 / sqrt(n))``
    (2-D x, 1-D y independent, n = 5000: +0.12 nats), and when one equal-width
    bin holds over 2/3 of a column's rows (one x of 1e6 put 1999 of 2000 rows
    in one bin: MI 0.347 read 0.0008); ``rule='equal_frequency'`` is immune
    to the latter.

    References
    ----------
    .. [1] L. Paninski, "Estimation of entropy and mutual information",
       Neural Comput. 15, 1191-1253 (2003). doi:10.1162/089976603321780272

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo.estimators import Binning
    >>> x = np.random.default_rng(0).uniform(0, 2, size=10000)
    >>> round(Binning(bins=20).entropy(x).value, 2)  # truth ln 2 = 0.693
    0.69
    """

    name = "binning"
    pair_kernel = ("count", frozenset({"rule", "bins"}))
    summary = "Bin continuous columns, then apply any discrete estimator."
    reference = "Paninski (2003) doi:10.1162/089976603321780272"
    measures = ("entropy", "conditional_entropy", "mi", "cmi", "total_correlation")
    kinds = ("discrete", "continuous")
    # Intervals: the discrete family's analytic rule on the binned variables
    # (measured in docs/uncertainty.md); entropies subsample.
    interval_scheme = "analytic"
    analytic_rule = "discretised"
    interval_target = "{measure} of the binned variables"
    interval_caveat = (
        "binning loses the information within each bin (a downward bias that "
        "resampling cannot see, large for coarse bins or strong dependence); the "
        "interval removes only the finite-sample bias of the counts. For the MI "
        "of the continuous variables use 'ksg', or 'gaussian_copula' for "
        "Gaussian dependence."
    )
    parameters = {
        "rule": Param("equal_width", Options(RULES), "How bin edges are chosen."),
        "bins": Param(
            None,
            AnyOf((Interval(int, 1, MAX_BINS), IsNone())),
            "Bins per column (at most 10**7).",
        ),
        "estimator": Param(
            "plugin", DiscreteFamily(), "Discrete family applied to the bins."
        ),
    }

    def __init__(self, *, rng: Any = None, **params: Any) -> None:
        super().__init__(rng=rng, **params)
        self._check_bins()

    def set_params(self, **params: Any) -> Binning:  # noqa: D102
        super().set_params(**params)
        self._check_bins()
        return self

    def _check_bins(self) -> None:
        if self.bins is not None and self.rule in DATA_RULES:
            raise InvalidParameterError(
                f"The 'bins' parameter of Binning() applies to rule='equal_width' "
                f"or 'equal_frequency'; rule={self.rule!r} chooses the number of "
                f"bins from the data. Got bins={self.bins!r}. Pass bins=None, or "
                "rule='equal_width'."
            )

    def min_samples(self) -> int:  # noqa: D102
        return 2

    def interval_cover(  # noqa: D102
        self, measure: str, variables: list[Variable]
    ) -> tuple[str, str]:
        if all(v.is_discrete for v in variables):
            return measure, ""  # nothing is binned
        return super().interval_cover(measure, variables)

    def interval_delegate(
        self, measure: str, variables: list[Variable]
    ) -> tuple[Estimator, list[Variable]] | None:
        """Return the discrete family and the binned variables it estimates on.

        For the ``"discretised"`` analytic interval rule: MI and CMI with no
        constant column (entropies add log bin widths; None otherwise).
        """
        if measure not in ("mi", "cmi"):
            return None
        for v in variables:
            cont = ~np.asarray(v.discrete)
            if cont.any() and (np.ptp(v.values[:, cont], axis=0) == 0).any():
                return None
        inner = _registry.get(self.estimator)(rng=self.rng)
        assert isinstance(inner, Estimator)  # every registered family is one
        return inner, [self._bin(v)[0] for v in variables]

    def _entropy_bins(self, v: list[Variable]) -> int | None:
        """Bins per column for a differential entropy, where ``bins`` is None.

        With ``rule='equal_frequency'``: :func:`entropy_bins` of the continuous
        columns binned together; otherwise None (the rule's own count).
        """
        if self.bins is not None or self.rule != "equal_frequency":
            return None
        d = _continuous_columns(v)
        return entropy_bins(v[0].n_samples, d) if d else None

    # ------------------------------------------------------------------ #
    def _bin(
        self,
        v: Variable,
        bins: int | None = None,
        rule: str | None = None,
        width_d: int | None = None,
    ) -> tuple[Variable, Array]:
        """Return ``v`` with continuous columns binned, and ``sum log width``.

        ``bins`` replaces ``self.bins`` where given (the entropies' default
        for ``'equal_frequency'``, :func:`entropy_bins`), ``rule`` ``self.rule``.
        ``width_d`` (the entropies' default for ``'equal_width'``): each
        column's count is :func:`entropy_width_bins` for that many columns.
        """
        bins = self.bins if bins is None else bins
        rule = self.rule if rule is None else rule
        cols, log_volume = [], np.zeros(v.n_samples)
        for j in range(v.n_features):
            column = v.values[:, j]
            if v.discrete[j]:
                cols.append(column)
                continue
            if column.min() == column.max():
                raise InvalidDataError(
                    f"Column {column_label(v, j)!r} of {v.name!r} is constant, so "
                    "its differential entropy is -inf. Remove it first."
                )
            count = bins if width_d is None else entropy_width_bins(column, width_d)
            codes, widths = bin_column(column, rule, count)
            cols.append(codes.astype(np.float64))
            with np.errstate(divide="ignore"):
                log_volume += np.log(widths)
        binned = Variable(
            v.name,
            np.column_stack(cols),
            (True,) * v.n_features,
            v.labels,
            v.coded,
        )
        return binned, log_volume

    def _check_crowded(self, v: Variable, binned: Variable) -> None:
        """Warn when one equal-width bin of a column of ``v`` holds most rows."""
        if self.rule == "equal_frequency":
            return
        for j in np.flatnonzero(~np.asarray(v.discrete)):
            note = crowded_note(
                v.values[:, j],
                binned.values[:, j].astype(np.int64),
                column_where(v, int(j)),
            )
            if note is not None:
                warn(note, BiasWarning)

    def _check_default_bins(
        self,
        measure: str,
        v: list[Variable],
        binned: list[tuple[Variable, Array]],
    ) -> None:
        """Warn when the default bins are too wide for a differential entropy.

        The default equal-width bins span the sample's range. Before they took
        Scott's width (:func:`entropy_width_bins`) they were Sturges'
        ``log2 n + 1``, which heavy tails stretched over the bulk
        (Student-t(3): +0.16 nats at n = 1000, +0.38 at 10,000; the plug-in on
        equal-frequency bins of :func:`entropy_bins`, which converges: +0.04
        and +0.02). Scott's width follows the bulk, but far outliers can still
        push the count past ``MAX_BINS`` and so widen the bins. Both plug-ins
        are computed here and the excess of the default's is compared with
        ``_WIDE_BINS_NATS``.
        """
        from mutinfo._counting import encode
        from mutinfo._ties import atom_fraction

        for var in v:
            for j in np.flatnonzero(~np.asarray(var.discrete)):
                if atom_fraction(var.values[:, j]) > 0:
                    return  # point masses: warned about, and -inf on fine bins
        n = v[0].n_samples
        d = _continuous_columns(v)
        fine = [self._bin(var, entropy_bins(n, d), "equal_frequency") for var in v]
        if not np.isfinite(fine[0][1]).all():
            return  # a bin of tied values: the atoms were warned about

        def plugin(parts: list[tuple[Variable, Array]]) -> float:
            def h(*blocks: Array) -> float:
                codes, _ = encode(*blocks)
                c = np.bincount(codes).astype(np.float64)
                c = c[c > 0]
                return math.log(n) - float(np.sum(c * np.log(c))) / n

            value = h(*(b.values for b, _ in parts)) + float(parts[0][1].mean())
            if measure == "conditional_entropy":
                value -= h(parts[1][0].values)
            return value

        excess = plugin(binned) - plugin(fine)
        tolerance = max(_WIDE_BINS_NATS, 1.0 / math.sqrt(n))
        if excess > tolerance:
            warn(
                f"The binned {measure} with the default bins (equal width, of "
                f"Scott's width) reads {excess:.3g} "
                "nats above the same plug-in on equal-frequency bins of about "
                f"n^(1/(d+1)) = {entropy_bins(n, d)} per column: the default bins "
                "are too wide for this density (far outliers stretch the range "
                f"past {MAX_BINS:g} bins, or its parts have very different "
                "widths), which biases the "
                "entropy upward. Pass rule='equal_frequency' (bins=None: a count "
                "that converges), or use method='kl'.",
                BiasWarning,
            )

    def _dispatch(
        self, measure: str, v: list[Variable], rng: np.random.Generator
    ) -> RawEstimate:
        if measure in ("mi", "cmi"):
            v = [drop_constant(var, self.name) for var in v]
            if v[0].n_features == 0 or v[1].n_features == 0:
                return RawEstimate(0.0, np.zeros(v[0].n_samples))
            if measure == "cmi" and v[2].n_features == 0:
                measure, v = "mi", v[:2]
        inner = _registry.get(self.estimator)(rng=rng)
        if measure == "total_correlation":
            varying = drop_constant(v[0], self.name)
            if varying.n_features < 2:
                return RawEstimate(0.0, np.zeros(varying.n_samples))
            x, _ = self._bin(varying)
            self._check_crowded(varying, x)

            def entropy(c: Variable) -> tuple[float, Array | None]:
                res = inner.compute("entropy", [c])
                return res.value, res.local

            est = total_correlation(x, self.name, entropy)
            est.extras["estimator"] = self.estimator
            return est
        bins, width_d = None, None
        if measure in ("entropy", "conditional_entropy"):
            bins = self._entropy_bins(v)
            if self.rule == "equal_width" and self.bins is None:
                width_d = _continuous_columns(v) or None
        binned = [self._bin(var, bins, width_d=width_d) for var in v]
        if measure in ("mi", "cmi"):
            for var, (b, _) in zip(v, binned, strict=True):
                self._check_crowded(var, b)
        res = inner.compute(measure, [b for b, _ in binned])
        if measure in ("mi", "cmi"):
            check_mi_count_bias(measure, self.estimator, [b for b, _ in binned])
        if (
            measure == "mi"
            and self.rule == "equal_width"
            and self.bins is None
            and all(var.discrete == (False,) for var in v)
        ):
            check_coarse_bins([b for b, _ in binned])
        value, local = res.value, res.local
        if measure in ("entropy", "conditional_entropy"):
            log_volume = binned[0][1]
            if not np.isfinite(log_volume).all():
                raise InvalidDataError(
                    f"A bin of {v[0].name!r} holds a single repeated value (width "
                    "0), so the differential entropy would be -inf. Use "
                    "rule='equal_width', or a discrete method for tied data."
                )
            warn_entropy_atoms(v[0], self.name)
            if width_d is not None:
                self._check_default_bins(measure, v, binned)
            d = _continuous_columns(v)
            if self.rule == "equal_frequency" and d >= 2:
                _warn_equal_frequency_columns(measure, d)  # biased up, not down
            elif self.estimator == "plugin" and d:
                _check_count_bias(measure, binned)
            value += float(log_volume.mean())
            local = None if local is None else local + log_volume
        extras = {**res.extras, "estimator": self.estimator}
        return RawEstimate(value, local, extras)
