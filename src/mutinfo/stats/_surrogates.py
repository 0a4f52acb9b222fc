"""Surrogates: ways to destroy the dependence under test and keep the rest.

Each built-in surrogate is a function ``(n, rng) -> indices`` applied to the
rows of ``y`` (so the kinds and labels of ``y`` survive); a user surrogate is a
callable ``(y, rng) -> y_surrogate`` on the values of ``y``. The public
array-level versions (:func:`permute`, :func:`block_permute`,
:func:`circular_shift`) follow the same ``(y, rng) -> y_surrogate`` shape.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._params import AnyOf, Interval, IsNone, check_rng, validate_params
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "SURROGATES",
    "block_indices",
    "block_permute",
    "check_length",
    "circular_indices",
    "circular_shift",
    "circular_shifts",
    "default_block_length",
    "local_indices",
    "permute",
    "shuffle_candidates",
    "strata_resolution",
    "stratified_indices",
]

#: Names accepted by ``surrogate=``; ``"auto"`` picks by the conditioning data.
SURROGATES: tuple[str, ...] = (
    "auto",
    "permute",
    "stratified",
    "local",
    "block",
    "circular",
)

Surrogate = Callable[[Any, np.random.Generator], Any]


def default_block_length(n: int) -> int:
    """Default block length ``ceil(n ** (1/3))`` (the usual block-bootstrap rate).

    Examples
    --------
    >>> default_block_length(1000)
    10
    """
    root: float = round(math.pow(n, 1.0 / 3.0), 9)
    return max(1, math.ceil(root))


def check_length(n: int, length: int, scheme: str, name: str = "block_length") -> None:
    """Raise unless ``scheme`` can make at least 2 surrogates other than the data.

    A block permutation of ``ceil(n / length)`` blocks has ``blocks! - 1``
    orders other than the data's own, a circular shift in ``[length, n -
    length]`` has ``n - 2 * length + 1`` shifts: both need ``n >= 2 * length +
    1``, that is ``length <= (n - 1) // 2``. With fewer surrogates the null
    is one value (or the observed value itself) and every p-value is near 1
    whatever the dependence.

    Examples
    --------
    >>> check_length(100, 49, "block")
    >>> check_length(100, 50, "block")
    Traceback (most recent call last):
    ...
    mutinfo.exceptions.InvalidParameterError: surrogate='block' with block_length=50 ...
    """
    if n >= 2 * length + 1:
        return
    if scheme == "block":
        blocks = -(-n // length)
        others = math.factorial(blocks) - 1
        made = (
            f"cuts the rows into {blocks} block(s) ({others} order(s) other than "
            "the data's own)"
        )
    else:
        shifts = max(0, n - 2 * length + 1)
        made = f"allows {shifts} shift(s) (from {length} to {n - length} rows)"
    fix = (
        f"Pass {name} <= {(n - 1) // 2}"
        if n >= 3
        else "At least 3 samples are needed; collect more data"
    )
    raise InvalidParameterError(
        f"surrogate={scheme!r} with {name}={length} and n_samples={n} {made}, so it "
        "cannot produce distinct surrogates (the p-value would be near 1 whatever "
        f"the dependence); it needs n_samples >= 2 * {name} + 1. {fix}."
    )


def block_indices(
    n: int, block_length: int, rng: np.random.Generator
) -> NDArray[np.intp]:
    """Row order of a block permutation: consecutive blocks in a random order.

    The last block may be shorter; every row appears exactly once. Raises
    :class:`~mutinfo.exceptions.InvalidParameterError` when fewer than 3 blocks
    fit (:func:`check_length`).
    """
    check_length(n, block_length, "block")
    starts = np.arange(0, n, block_length)
    order = rng.permutation(starts.size)
    return np.concatenate(
        [np.arange(s, min(s + block_length, n)) for s in starts[order]]
    ).astype(np.intp)


def circular_indices(
    n: int, min_shift: int, rng: np.random.Generator
) -> NDArray[np.intp]:
    """Row order of a circular shift, uniform in ``[min_shift, n - min_shift]``.

    Raises :class:`~mutinfo.exceptions.InvalidParameterError` when fewer than 2
    shifts fit (:func:`check_length`).
    """
    check_length(n, min_shift, "circular")
    shift = int(rng.integers(min_shift, n - min_shift + 1))
    return ((np.arange(n) + shift) % n).astype(np.intp)


def circular_shifts(
    n: int, min_shift: int, count: int, rng: np.random.Generator
) -> NDArray[np.intp]:
    """Shifts of ``count`` circular surrogates, distinct, in a random order.

    Drawn without replacement from the ``n - 2 * min_shift + 1`` shifts in
    ``[min_shift, n - min_shift]``; all of them when ``count`` is at least that
    many. Drawn with replacement, a shift repeats, and a test of ``B`` draws
    from ``S < B`` shifts reaches ``p = 1 / (1 + B)`` whenever the data beat
    the ``S`` shifts, which independent data do with probability about
    ``1 / (1 + S)`` (0.24 for ``p <= 0.01`` at ``S = 3``): the p-value of a
    rank among distinct shifts is ``(1 + #exceed) / (1 + #shifts)``.

    Examples
    --------
    >>> import numpy as np
    >>> sorted(circular_shifts(10, 4, 99, np.random.default_rng(0)).tolist())
    [4, 5, 6]
    """
    check_length(n, min_shift, "circular")
    allowed = n - 2 * min_shift + 1
    picks = rng.choice(allowed, min(count, allowed), replace=False)
    return (min_shift + picks).astype(np.intp)


def stratified_indices(
    codes: NDArray[np.int64], rng: np.random.Generator
) -> NDArray[np.intp]:
    """Row order of a permutation within strata: row ``i`` takes a row of its stratum.

    ``codes`` labels the stratum (the value of a discrete ``z``) of every row.
    """
    grouped = np.argsort(codes, kind="stable")
    shuffled = np.lexsort((rng.random(codes.size), codes))
    out = np.empty(codes.size, dtype=np.intp)
    out[grouped] = shuffled
    return out


def strata_resolution(codes: NDArray[np.int64]) -> tuple[float, float]:
    """Share of rows alone in their stratum, and the least p a stratified test reaches.

    A permutation within strata leaves a row that is alone in its stratum in
    place, so the test has no power on those rows; with strata of sizes
    ``n_s`` there are ``M = prod(n_s!)`` distinct surrogates, one of them the
    data, so about ``1 / M`` of the surrogates equal the data and the p-value
    cannot go much below ``1 / M`` (it is 1 when every stratum has one row).

    Examples
    --------
    >>> strata_resolution(np.array([0, 0, 1, 2]))
    (0.5, 0.5)
    """
    sizes = np.bincount(codes)
    sizes = sizes[sizes > 0]
    singleton = float(np.count_nonzero(sizes == 1)) / max(int(codes.size), 1)
    moved = [int(s) for s in sizes[sizes > 1]]
    log_m = float(sum(math.lgamma(s + 1) for s in moved))
    if log_m > 100.0:
        return singleton, math.exp(-log_m)
    return singleton, 1.0 / math.prod(math.factorial(s) for s in moved)


def shuffle_candidates(
    z: NDArray[np.float64], shuffle_neighbors: int
) -> NDArray[np.intp]:
    """Each row and its ``shuffle_neighbors - 1`` nearest rows in ``z`` (max norm).

    The candidates of the local permutation (Runge 2018), computed once per test
    with :func:`mutinfo._neighbors.kth_neighbors`. Of rows tied at the last
    distance, the smaller indices are taken whatever the search path, so a
    seeded test gives the same null in every process.
    """
    from mutinfo._neighbors import kth_neighbors

    n = z.shape[0]
    own = np.arange(n, dtype=np.intp)[:, None]
    if shuffle_neighbors == 1:
        return own
    std = z.std(axis=0)
    std[std == 0] = 1.0
    _, idx = kth_neighbors(z / std, shuffle_neighbors - 1)
    return np.hstack([own, idx.astype(np.intp)])


def local_indices(
    candidates: NDArray[np.intp], rng: np.random.Generator
) -> NDArray[np.intp]:
    """Row order of a local permutation (Runge 2018, algorithm 1).

    Rows are visited in a random order; row ``i`` takes a random candidate (a
    near neighbour in ``z``, itself included) not yet taken, or a random
    candidate when all are taken. The result keeps the ``y``-``z`` dependence
    and breaks the ``x``-``y`` dependence given ``z``.
    """
    n = candidates.shape[0]
    rows = rng.permuted(candidates, axis=1).tolist()
    used = bytearray(n)
    out = [0] * n
    for i in rng.permutation(n).tolist():
        row = rows[i]
        pick = row[0]
        for j in row:
            if not used[j]:
                pick = j
                break
        out[i] = pick
        used[pick] = 1
    return np.asarray(out, dtype=np.intp)


def _as_array(y: ArrayLike) -> NDArray[Any]:
    arr = np.asarray(y)
    if arr.ndim == 0:
        raise InvalidParameterError(
            f"The 'y' parameter must be array-like of shape (n_samples,) or "
            f"(n_samples, n_features). Got a scalar {y!r} instead."
        )
    return arr


def permute(y: ArrayLike, rng: Any = None) -> NDArray[Any]:
    """Return the rows of ``y`` in a uniformly random order.

    Examples
    --------
    >>> sorted(permute([1, 2, 3], rng=0).tolist())
    [1, 2, 3]
    """
    arr = _as_array(y)
    return arr[check_rng(rng).permutation(arr.shape[0])]


@validate_params({"block_length": AnyOf((IsNone(), Interval(int, 1, None)))})
def block_permute(
    y: ArrayLike, rng: Any = None, *, block_length: int | None = None
) -> NDArray[Any]:
    """Return ``y`` cut into consecutive blocks, the blocks in a random order.

    Keeps the dependence within blocks (autocorrelation of a time series) and
    breaks it between ``y`` and any other series. ``block_length`` defaults to
    :func:`default_block_length`.

    Examples
    --------
    >>> out = block_permute(list(range(6)), rng=1, block_length=2)
    >>> bool(sorted(out.tolist()) == list(range(6)) and out[0] % 2 == 0)
    True
    """
    arr = _as_array(y)
    n = arr.shape[0]
    length = default_block_length(n) if block_length is None else block_length
    check_length(n, length, "block")
    return arr[block_indices(n, length, check_rng(rng))]


@validate_params({"min_shift": Interval(int, 1, None)})
def circular_shift(
    y: ArrayLike, rng: Any = None, *, min_shift: int = 1
) -> NDArray[Any]:
    """Return ``y`` rotated by a random shift in ``[min_shift, n - min_shift]``.

    The surrogate of choice for a series whose autocorrelation is long: it
    keeps the whole series intact except at one seam.

    Examples
    --------
    >>> out = circular_shift([0, 1, 2, 3, 4], rng=0)
    >>> sorted(out.tolist())
    [0, 1, 2, 3, 4]
    """
    arr = _as_array(y)
    check_length(arr.shape[0], min_shift, "circular", "min_shift")
    return arr[circular_indices(arr.shape[0], min_shift, check_rng(rng))]
