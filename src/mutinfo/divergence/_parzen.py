"""Parzen-window log-likelihood of a model's samples, with Theis et al.'s caveats."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._kernels import exact_sq_dist
from mutinfo._params import AnyOf, Interval, IsNone, check_rng, validate_params
from mutinfo._scaling import robust_spread
from mutinfo._validation import check_same_columns, check_samples
from mutinfo.divergence._knn import _check_base
from mutinfo.exceptions import (
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
    MutinfoWarning,
    warn,
)

__all__ = ["BandwidthWarning", "ParzenResult", "parzen_log_likelihood"]

_CHUNK_ELEMENTS = 2**22
_EPS = float(np.finfo(np.float64).eps)
#: Exponent error bound above which a squared distance is recomputed exactly.
_EXACT_ABOVE = 1e-9
#: Terms this far (in the exponent) below a row's largest do not matter.
_REACH = 60.0
#: Scaled widths stay at or above 2^-_WIDTH_EXPONENT (their squares normal).
_WIDTH_EXPONENT = 500


def _robust_scale(model: NDArray[np.float64]) -> float:
    """Return the default grid's centre: the root mean of robust column variances.

    Each column's spread is ``min(std, IQR / 1.349)`` (Silverman's robust
    scale; both are the standard deviation for Gaussian data), so that one
    outlier among the samples cannot move the whole grid: with the plain
    variance, one sample at 1e4 among 2000 N(0, 1) put the grid at
    [2.2, 2236] and the estimate at -1.90 nats for -1.41. A column whose IQR
    is 0 (more than half its values tied) keeps its std; 1.0 if every spread
    is 0.
    """
    spread = robust_spread(model, model.std(axis=0), ratio=1.0)
    return math.sqrt(float(np.mean(spread**2))) or 1.0


class BandwidthWarning(MutinfoWarning):
    """The bandwidth chosen on the validation data sits at the edge of the grid."""


@dataclass(frozen=True)
class ParzenResult:
    """A Parzen-window log-likelihood: mean log density of test points under the model.

    ``value`` is the mean over test points of ``log p_sigma(x)``, in ``unit``
    (nats unless ``base=``); ``stderr`` its standard error over test points;
    ``local`` the per-point values (same unit). ``bandwidths`` and
    ``validation_scores`` give the grid searched on the validation data
    (empty when ``bandwidth`` was given).
    """

    value: float
    stderr: float
    unit: str
    bandwidth: float
    n_model: int
    n_test: int
    n_validation: int
    dim: int
    bandwidths: tuple[float, ...] = ()
    validation_scores: tuple[float, ...] = ()
    local: NDArray[np.float64] | None = field(default=None, repr=False, compare=False)

    def __float__(self) -> float:
        return self.value


def _log_parzen(
    model: NDArray[np.float64], points: NDArray[np.float64], sigmas: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Log p_sigma(points) for each sigma: shape (len(sigmas), n_points), nats."""
    from scipy.special import logsumexp

    # The squared distances below come from |x|^2 + |s|^2 - 2 x.s, which loses
    # every digit to cancellation when the data sit far from the origin (an
    # offset of 1e8 read -0.08 nats for -2.89); and their squares under- or
    # overflow at magnitudes beyond 1e+-160 (NaN). Both sets are shifted by one
    # centre and scaled by one power of two 2^-e; the density of the scaled
    # points is the original's times 2^(d e), removed at the end.
    #
    # The power is capped so that the smallest width keeps its square a normal
    # number (>= 2^-1000): one wild point (a diverged model sample at 1e160)
    # otherwise pushed every width's square into the subnormals or to 0, and
    # the log densities of all the other points read 9e-4 nats off at 1e160
    # and NaN from about 1e170. Past the cap, squares of the far points may
    # overflow; those entries are recomputed from the differences (an
    # infinite distance, a zero kernel term: right to float precision).
    centre = np.median(model, axis=0)
    model, points = model - centre, points - centre
    top = max(float(np.max(np.abs(model))), float(np.max(np.abs(points), initial=0.0)))
    e = int(np.frexp(top)[1]) if top > 0 else 0
    e = min(e, int(np.frexp(float(np.min(sigmas)))[1]) + _WIDTH_EXPONENT)
    model, points = np.ldexp(model, -e), np.ldexp(points, -e)
    sigmas = np.ldexp(np.asarray(sigmas, dtype=np.float64), -e)
    # Overflows (inf squares of far points) are expected past the cap; the
    # non-finite entries are recomputed below.
    with np.errstate(over="ignore", invalid="ignore"):
        n_model, d = model.shape
        out = np.empty((sigmas.shape[0], points.shape[0]))
        sq_model = np.einsum("ij,ij->i", model, model)
        # The expansion's rounding error is about (d + 4) eps (|x|^2 + |s|^2), in
        # units of the exponent divided by 2 sigma^2: negligible unless sigma is
        # tiny against the data's spread, where near-copies of a sample decide the
        # density (a memoriser's samples at 1e-7 from the data read 0.019 nats
        # high per point, at 1e-8 85 nats in mixture_argument). The exponents whose
        # error bound exceeds _EXACT_ABOVE and that can reach the row's top are
        # recomputed from the differences (few: the near neighbours).
        slack_model = (d + 4) * _EPS * sq_model
        rows = max(1, _CHUNK_ELEMENTS // max(n_model, 1))
        for start in range(0, points.shape[0], rows):
            block = points[start : start + rows]
            sq_block = np.einsum("ij,ij->i", block, block)
            sq = sq_block[:, None] + sq_model[None, :] - 2.0 * block @ model.T
            slack = (d + 4) * _EPS * sq_block[:, None] + slack_model[None, :]
            wild = ~(np.isfinite(sq) & np.isfinite(slack))
            if wild.any():
                # Squares that overflowed (inf, or inf - inf = NaN): from the
                # differences, whose squares may be inf too (a zero kernel term).
                rows_w, cols_w = np.nonzero(wild)
                exact_sq_dist(sq, block, model, rows_w, cols_w)
                slack[rows_w, cols_w] = 0.0
            np.maximum(sq, 0.0, out=sq)
            for s, sigma in enumerate(sigmas):
                two_var = 2.0 * sigma * sigma
                _redo_exact(sq, slack, block, model, two_var)
                out[s, start : start + rows] = logsumexp(-sq / two_var, axis=1)
    norm = (
        math.log(n_model)
        + 0.5 * d * np.log(2.0 * math.pi * sigmas * sigmas)
        + d * e * math.log(2.0)
    )
    result: NDArray[np.float64] = out - norm[:, None]
    return result


def _redo_exact(
    sq: NDArray[np.float64],
    slack: NDArray[np.float64],
    block: NDArray[np.float64],
    model: NDArray[np.float64],
    two_var: float,
) -> None:
    """Recompute from the differences the squared distances whose error matters.

    An entry is recomputed when its error bound ``slack / two_var`` (in units
    of the exponent) exceeds ``_EXACT_ABOVE`` and its exponent, widened by that
    bound, comes within ``_REACH`` of the row's largest: the other terms of the
    row's sum are below ``exp(-_REACH)`` of it. Recomputed entries get a zero
    slack, so a later (smaller) width skips them.
    """
    if float(slack.max(initial=0.0)) / two_var <= _EXACT_ABOVE:
        return
    top = np.max(-(sq + slack), axis=1, keepdims=True)  # below the true top
    redo = (slack > _EXACT_ABOVE * two_var) & (-(sq - slack) > top - _REACH * two_var)
    rows, cols = np.nonzero(redo)
    exact_sq_dist(sq, block, model, rows, cols)
    slack[rows, cols] = 0.0


def _matrix(values: ArrayLike, name: str) -> NDArray[np.float64]:
    (var,) = check_samples(
        {name: values},
        discrete=False,
        min_samples=1,
        takes_nan_policy=False,
        takes_discrete=False,
    )
    return np.asarray(var.values, dtype=np.float64)


@validate_params(
    {
        "bandwidth": AnyOf((IsNone(), Interval(float, 0.0, None, closed="neither"))),
        "validation_fraction": Interval(float, 0.0, 1.0, closed="neither"),
        "base": Interval(float, 0.0, None, closed="neither"),
    }
)
def parzen_log_likelihood(
    samples: ArrayLike,
    test: ArrayLike,
    *,
    validation: ArrayLike | None = None,
    bandwidth: float | None = None,
    bandwidths: Sequence[float] | None = None,
    validation_fraction: float = 0.25,
    base: float = math.e,
    rng: Any = None,
) -> ParzenResult:
    """Parzen-window estimate of a model's log-likelihood on test data.

    The protocol of the GAN and GSN papers, as examined by Theis et al. [1]_:
    the model's ``samples`` ``s_1..s_N`` define the isotropic Gaussian mixture
    ``p_sigma(x) = (1/N) sum_j N(x; s_j, sigma^2 I)``; ``sigma`` maximises the
    mean log-likelihood of ``validation`` data over a grid; the result is the
    mean of ``log p_sigma(x)`` over ``test`` points, in nats (``base=``
    converts), with its standard error over test points.

    **Caveats (Theis, van den Oord & Bethge [1]_).** Read this number with
    care; the paper recommends against it:

    1. *It is a poor estimate of the log-likelihood.* Even for simple
       distributions in a few dozen dimensions, Parzen estimates stay far from
       the true log-likelihood after millions of samples, and the gap shrinks
       very slowly with N (docs/reproductions/theis_generative.md measures it
       on a Gaussian whose log-likelihood is known).
    2. *It ranks models wrongly.* A model that returns k-means centroids of the
       training data, or the training data itself, can score higher than exact
       samples of the true distribution.
    3. *Log-likelihood and sample quality are largely independent* in high
       dimension: the mixture ``0.01 q + 0.99 noise`` loses at most
       ``log 100 = 4.61`` nats per example against ``q`` while 99 % of its
       samples are noise; a model with excellent samples can have a very poor
       log-likelihood. Judge a model on the application it is meant for.

    Parameters
    ----------
    samples : array-like of shape (N, d)
        Samples of the model (the mixture centres).
    test : array-like of shape (n, d)
        Held-out data on which the log-likelihood is reported.
    validation : array-like of shape (n_val, d), optional
        Data on which ``sigma`` is chosen. When None (and no ``bandwidth``), a
        random ``validation_fraction`` of ``test`` (drawn with ``rng``) is held
        out for it and the rest is the test set.
    bandwidth : float, optional
        A fixed ``sigma`` (no validation search). Cannot be combined with
        ``validation`` or ``bandwidths``, which only serve the search.
    bandwidths : sequence of float, optional
        The grid searched; default 41 values log-spaced over
        ``[0.01, 10]`` times the samples' robust scale: the root mean square
        over columns of ``min(std, IQR / 1.349)`` (an outlier among the samples
        does not move the grid).
    validation_fraction : float, default=0.25
        Share of ``test`` held out when ``validation`` is None.
    base : float, default=e
        Logarithm base of the result.
    rng : None, int or numpy.random.Generator
        Only for the validation split.

    Returns
    -------
    ParzenResult
        ``value`` (mean log-likelihood per test point), ``stderr``,
        ``bandwidth``, the grid and its validation scores, ``local`` values.

    Raises
    ------
    InvalidParameterError
        If ``bandwidth`` is given together with ``validation`` or
        ``bandwidths``.
    InvalidDataError
        If the dimensions differ.
    InsufficientSamplesError
        If fewer than 2 test or validation points remain.

    Warns
    -----
    BandwidthWarning
        If the chosen ``sigma`` is the smallest or largest of the grid.

    References
    ----------
    .. [1] L. Theis, A. van den Oord, M. Bethge, "A note on the evaluation of
       generative models", ICLR 2016. arXiv:1511.01844
    .. [2] O. Breuleux, Y. Bengio, P. Vincent, "Quickly generating
       representative samples from an RBM-derived process", Neural Computation
       23(8), 2011. doi:10.1162/NECO_a_00158

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> model, data = rng.normal(size=(2000, 1)), rng.normal(size=(1000, 1))
    >>> res = parzen_log_likelihood(model, data, rng=0)
    >>> round(res.value, 2), round(float(-0.5 * np.log(2 * np.pi * np.e)), 2)  # truth
    (-1.41, -1.42)
    """
    log_base = _check_base(base)
    check_same_columns(
        {"samples": samples, "test": test, "validation": validation},
        "parzen_log_likelihood()",
    )
    model = _matrix(samples, "samples")
    data = _matrix(test, "test")
    d = model.shape[1]
    if data.shape[1] != d:
        raise InvalidDataError(
            "samples and test of parzen_log_likelihood() must have the same number "
            f"of columns; got samples.shape={model.shape} and test.shape={data.shape}."
        )
    if bandwidth is not None:
        # A fixed bandwidth means no search: validation data or a grid passed
        # with it would be silently ignored, so the combination is refused.
        for name, given in (("validation", validation), ("bandwidths", bandwidths)):
            if given is not None:
                raise InvalidParameterError(
                    f"The 'bandwidth' and '{name}' parameters of "
                    "parzen_log_likelihood() cannot be used together: a fixed "
                    f"'bandwidth' skips the search, so '{name}' would be ignored. "
                    f"Got bandwidth={bandwidth!r} and {name} given. Pass "
                    f"'bandwidth' alone to fix sigma, or '{name}' alone to choose "
                    "it on the validation data."
                )
    grid: NDArray[np.float64] = np.empty(0)
    scores: NDArray[np.float64] = np.empty(0)
    n_val = 0
    if bandwidth is not None:
        sigma = float(bandwidth)
    else:
        if validation is None:
            generator = check_rng(rng)
            order = generator.permutation(data.shape[0])
            cut = round(validation_fraction * data.shape[0])
            val, data = data[np.sort(order[:cut])], data[np.sort(order[cut:])]
        else:
            val = _matrix(validation, "validation")
            if val.shape[1] != d:
                raise InvalidDataError(
                    "validation must have the same number of columns as samples; "
                    f"got validation.shape={val.shape} and samples.shape={model.shape}."
                )
        n_val = val.shape[0]
        if n_val < 2:
            raise InsufficientSamplesError(
                "parzen_log_likelihood() needs at least 2 validation points to "
                f"choose the bandwidth; got {n_val} (of {n_val + data.shape[0]} "
                "test points). Pass 'validation', raise 'validation_fraction' or "
                "give 'bandwidth'."
            )
        if bandwidths is None:
            grid = _robust_scale(model) * np.logspace(-2.0, 1.0, 41)
        else:
            grid = np.asarray(bandwidths, dtype=np.float64).ravel()
            if grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid <= 0):
                raise InvalidParameterError(
                    "The 'bandwidths' parameter of parzen_log_likelihood() must be "
                    f"a non-empty sequence of positive floats. Got {bandwidths!r} "
                    "instead."
                )
            grid = np.sort(grid)
        scores = _log_parzen(model, val, grid).mean(axis=1)
        best = int(np.argmax(scores))
        sigma = float(grid[best])
        if grid.size > 1 and best in (0, grid.size - 1):
            edge = "smallest" if best == 0 else "largest"
            warn(
                f"The bandwidth chosen on the validation data ({sigma:.4g}) is the "
                f"{edge} of the grid [{grid[0]:.4g}, {grid[-1]:.4g}]; widen "
                "'bandwidths'.",
                BandwidthWarning,
            )
    if data.shape[0] < 2:
        raise InsufficientSamplesError(
            "parzen_log_likelihood() needs at least 2 test points; got "
            f"{data.shape[0]}. Pass more test data."
        )
    local = _log_parzen(model, data, np.array([sigma]))[0] / log_base
    unit = "nats" if log_base == 1.0 else ("bits" if base == 2 else f"log{base:g}")
    return ParzenResult(
        value=float(local.mean()),
        stderr=float(local.std(ddof=1) / math.sqrt(local.shape[0])),
        unit=unit,
        bandwidth=sigma,
        n_model=model.shape[0],
        n_test=data.shape[0],
        n_validation=n_val,
        dim=d,
        bandwidths=tuple(float(g) for g in grid),
        validation_scores=tuple(float(s) / log_base for s in scores),
        local=local,
    )
