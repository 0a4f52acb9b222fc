"""Neighbour search with PyTorch: chunked brute force on any device (GPU or CPU).

``algorithm="torch"`` of :mod:`mutinfo._neighbors`. Distances from a block of
rows to every point are computed on the device exactly as the NumPy
brute-force path does (:func:`mutinfo._neighbors._brute.pairwise`: absolute
differences column by column, the maximum or the squares summed in column
order then one square root, all in float64), so k-th distances and counts are
bit-identical to every CPU path, ties and duplicates included; neighbour
indices break ties by the smaller index, as the brute and grid paths do.

Memory: the points, radii and outputs stay on the device; the rows are
processed in chunks sized so that the working set stays within
``memory_budget`` bytes (default :data:`MEMORY_BUDGET`, 2 GiB, read at each
call: reassign it to change the bound of every search), on any device.
A budget too small for one row raises an error giving the minimum.
KSG on two 1-D variables (:func:`torch_ksg_counts`) searches its joint k-th
distance in growing windows of the points sorted by x and its 1-D counts by
bisection; both are exact.

Torch is imported inside the functions only: ``import mutinfo`` never loads it.
``"auto"`` takes this path only when torch is already imported, a CUDA device
is present and the search is large and above the CPU grid's dimensions
(:func:`torch_pays`).
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import Constraint
from mutinfo.exceptions import InvalidParameterError, MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import torch

__all__ = [
    "BYTES_PER_ELEMENT",
    "MEMORY_BUDGET",
    "TORCH_MIN_POINTS",
    "DeviceSpec",
    "below",
    "cuda_available",
    "minimum_budget",
    "neighbor_algorithm",
    "require_torch",
    "resolve_device",
    "split_algorithm",
    "torch_count",
    "torch_knn",
    "torch_ksg_counts",
    "torch_pays",
]

#: Default working-set bound of one search, in bytes (2 GiB), on any device.
MEMORY_BUDGET = 2 * 1024**3
#: Bytes of device memory per (row, point) pair of a chunk: the float64
#: distance block, one float64 temporary, the comparison mask, and the stable
#: re-sort of rows whose k-th distance is tied (a copy, values and indices).
BYTES_PER_ELEMENT = 48
#: Fewest points for which ``"auto"`` searches on a CUDA device (brute force is
#: O(n^2 d): below this a CPU grid or tree search wins).
TORCH_MIN_POINTS = 200_000

MESSAGE = (
    "algorithm='torch' (neighbour search with PyTorch) requires PyTorch: "
    'pip install "mutinfo[torch]"'
)


def require_torch() -> None:
    """Raise MissingDependencyError, naming the extra, when torch is absent."""
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(MESSAGE) from exc


@functools.cache
def _cuda_available() -> bool:
    require_torch()
    import torch

    return bool(torch.cuda.is_available())


def cuda_available() -> bool:
    """Return whether torch is imported already and sees a CUDA device.

    Never imports torch (importing it costs more than most searches).
    """
    return "torch" in sys.modules and _cuda_available()


def torch_pays(n: int, d: int, task: str) -> bool:
    """Return whether ``"auto"`` should search ``n`` points on the CUDA device.

    Only when torch is imported already, a CUDA device is present, the search
    has at least :data:`TORCH_MIN_POINTS` points, and the dimension is above
    the CPU grid's (kNN ``d > 4``, counts ``d > 8``), where the CPU falls back
    to the tree and the tree degrades: the brute force is O(n^2 d), which the
    CPU grid beats in low dimension at any n.
    """
    grid_max = 4 if task == "knn" else 8  # GRID_MAX_DIM, GRID_MAX_DIM_COUNT
    return d > grid_max and n >= TORCH_MIN_POINTS and cuda_available()


@dataclass(frozen=True)
class DeviceSpec(Constraint):
    """A search device: None (CUDA if present, else CPU), 'cpu', 'cuda[:<i>]'."""

    def is_satisfied_by(self, value: Any) -> bool:
        if value is None:
            return True
        if not isinstance(value, str):
            return False
        head, colon, index = value.partition(":")
        if head == "cpu":
            return not colon
        return head == "cuda" and (not colon or index.isdigit())

    def describe(self) -> str:
        return "None, 'cpu', 'cuda' or 'cuda:<index>'"

    def convert(self, text: str) -> Any:
        return None if text.lower() == "none" else text


def neighbor_algorithm(algorithm: str, device: str | None) -> str:
    """Combine an estimator's ``algorithm`` and ``device`` into a search path.

    ``device=None`` leaves ``algorithm`` as is; a device with ``'auto'`` or
    ``'torch'`` gives ``'torch:<device>'`` (the torch path on that device).

    Examples
    --------
    >>> neighbor_algorithm("auto", None), neighbor_algorithm("auto", "cpu")
    ('auto', 'torch:cpu')
    """
    if device is None:
        return str(algorithm)
    if algorithm not in ("auto", "torch"):
        raise InvalidParameterError(
            f"The 'device' parameter applies to algorithm='torch' only. Got "
            f"device={device!r} with algorithm={algorithm!r}; use "
            "algorithm='torch' (or 'auto'), or leave device=None."
        )
    return f"torch:{device}"


def split_algorithm(algorithm: str) -> tuple[bool, str | None]:
    """Return whether ``algorithm`` is the torch path, and its device if named."""
    if algorithm == "torch":
        return True, None
    if algorithm.startswith("torch:") and DeviceSpec().is_satisfied_by(algorithm[6:]):
        return True, algorithm[6:]
    return False, None


def resolve_device(device: str | None) -> torch.device:
    """Return the torch device to search on, checking that it exists.

    ``None``: the CUDA device when one is present, else the CPU.
    """
    require_torch()
    import torch

    if device is None:
        return torch.device("cuda" if _cuda_available() else "cpu")
    if not DeviceSpec().is_satisfied_by(device):
        raise InvalidParameterError(
            f"The 'device' parameter must be {DeviceSpec().describe()}. Got "
            f"{device!r} instead."
        )
    if device.startswith("cuda"):
        count = torch.cuda.device_count() if _cuda_available() else 0
        index = int(device[5:]) if ":" in device else 0
        if index >= count:
            raise InvalidParameterError(
                f"The 'device' parameter is {device!r}, but PyTorch sees "
                f"{count} CUDA device(s) on this machine. Use device='cpu' (or "
                "None to take a GPU only when present), or install a "
                "CUDA-enabled PyTorch build."
            )
    return torch.device(device)


def minimum_budget(n: int, d: int, k: int) -> int:
    """Return the least ``memory_budget`` (bytes) that fits one row of ``n`` points."""
    return _resident(n, d, k) + BYTES_PER_ELEMENT * n


def _resident(n: int, d: int, k: int) -> int:
    # Points, radii, distances and indices of the output, on the device.
    return 8 * n * d + 8 * n + 16 * n * max(k, 1)


def _chunk_rows(n: int, d: int, k: int, memory_budget: int | None) -> int:
    if memory_budget is None:
        memory_budget = MEMORY_BUDGET
    if isinstance(memory_budget, bool) or not isinstance(
        memory_budget, int | np.integer
    ):
        raise InvalidParameterError(
            "The 'memory_budget' parameter must be an int number of bytes. Got "
            f"{memory_budget!r} instead."
        )
    least = minimum_budget(n, d, k)
    if memory_budget < least:
        raise InvalidParameterError(
            f"The 'memory_budget' parameter is {int(memory_budget)} bytes, too "
            f"small for one chunk of {n} points in {d} dimension(s) (k={k}): "
            f"the minimum is {least} bytes. Raise memory_budget (default "
            f"{MEMORY_BUDGET}) or search fewer points."
        )
    spare = int(memory_budget) - _resident(n, d, k)
    return int(min(n, spare // (BYTES_PER_ELEMENT * n)))


def _pairwise(block: torch.Tensor, pts: torch.Tensor, euclid: bool) -> torch.Tensor:
    """Distances (max norm) or squared distances (Euclidean) from ``block`` rows.

    The same operations as ``_brute.pairwise`` up to its final square root,
    which is taken on the host with NumPy (torch's CPU ``sqrt`` is not
    correctly rounded: it differed from NumPy's in the last bit).
    """
    import torch

    out = torch.zeros(
        (block.shape[0], pts.shape[0]), dtype=torch.float64, device=pts.device
    )
    for j in range(pts.shape[1]):
        diff = (pts[None, :, j] - block[:, j, None]).abs_()
        if euclid:
            out.add_(diff.mul_(diff))
        else:
            torch.maximum(out, diff, out=out)
    return out


def below(radius: NDArray[np.float64], *, strict: bool) -> NDArray[np.float64]:
    """Return ``t`` with ``sqrt(s) < r`` (strict) or ``sqrt(s) <= r`` iff ``s < t``.

    ``sqrt`` is NumPy's correctly rounded square root, so a squared distance
    ``s`` compares with ``t`` on the device exactly as its root compares with
    the radius on the host: ``t`` is the least ``s`` whose root is ``>= r``
    (strict) or ``> r``. NaN radii give ``-inf`` (nothing is within).
    """
    r = np.asarray(radius, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        t = np.where(r > 0, r * r, 0.0)

        def out(v: NDArray[np.float64]) -> NDArray[np.bool_]:
            root = np.sqrt(v)
            return root >= r if strict else root > r  # type: ignore[no-any-return]

        # sqrt is monotone and r * r is within an ulp or two of the bound.
        for _ in range(64):
            up = ~out(t) & np.isfinite(t)
            if not up.any():
                break
            t[up] = np.nextafter(t[up], np.inf)
        for _ in range(64):
            prev = np.nextafter(t, -np.inf)
            down = out(prev) & (prev >= 0) & np.isfinite(t)
            if not down.any():
                break
            t[down] = prev[down]
    if not strict:
        t[r == 0] = np.nextafter(0.0, 1.0)  # only s == 0 has root <= 0
    t[r < 0] = 0.0
    t[np.isnan(r)] = -np.inf
    return t


def _bound(
    radius: NDArray[np.float64], strict: bool, euclid: bool
) -> tuple[NDArray[np.float64], bool]:
    """Device-side threshold and whether the comparison is strict."""
    if euclid:
        return below(radius, strict=strict), True
    return radius, strict


def _knn(
    pts: torch.Tensor, k: int, euclid: bool, rows: int
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    import torch

    n = pts.shape[0]
    dist = np.empty((n, k))
    idx = np.empty((n, k), dtype=np.intp)
    for a in range(0, n, rows):
        b = min(a + rows, n)
        d = _pairwise(pts[a:b], pts, euclid)
        own = torch.arange(a, b, device=pts.device)
        d[own - a, own] = torch.inf
        vals, near = torch.topk(d, k, dim=1, largest=False, sorted=True)
        v, j = vals.cpu().numpy(), near.cpu().numpy()
        if euclid:
            v = np.sqrt(v)
        # The k-th distance is unique; which of several tied points are taken,
        # and their order, follow (distance, index) as in the brute path.
        t, strict = _bound(v[:, -1], False, euclid)
        bound = torch.from_numpy(t).to(pts.device)[:, None]
        within = (d < bound) if strict else (d <= bound)
        tied = torch.nonzero(within.sum(dim=1) > k).flatten()
        order = np.lexsort((j, v), axis=1)
        v, j = np.take_along_axis(v, order, 1), np.take_along_axis(j, order, 1)
        if tied.numel():
            rows_tied = tied.cpu().numpy()
            full = d[tied].cpu().numpy()
            if euclid:
                full = np.sqrt(full)
            first = np.argsort(full, axis=1, kind="stable")[:, :k]
            j[rows_tied] = first
            v[rows_tied] = np.take_along_axis(full, first, 1)
        dist[a:b], idx[a:b] = v, j
        del d, within
    return dist, idx


def _count(
    pts: torch.Tensor,
    radius: NDArray[np.float64],
    strict: bool,
    euclid: bool,
    rows: int,
) -> NDArray[np.int64]:
    import torch

    n = pts.shape[0]
    t, strict = _bound(radius, strict, euclid)
    bound = torch.from_numpy(np.ascontiguousarray(t)).to(pts.device)
    if pts.shape[1] == 1 and not euclid:
        return _count_sorted(pts[:, 0], bound, strict)
    out = torch.empty(n, dtype=torch.int64, device=pts.device)
    for a in range(0, n, rows):
        b = min(a + rows, n)
        d = _pairwise(pts[a:b], pts, euclid)
        own = torch.arange(a, b, device=pts.device)
        d[own - a, own] = torch.nan  # never within, even an infinite radius
        r = bound[a:b, None]
        out[a:b] = (d < r).sum(dim=1) if strict else (d <= r).sum(dim=1)
        del d
    return np.asarray(out.cpu().numpy(), dtype=np.int64)


def _first_false(
    values: torch.Tensor, x: torch.Tensor, r: torch.Tensor, strict: bool
) -> torch.Tensor:
    """Per query, how many sorted ``values`` have ``v - x < r`` (``<=``: not strict).

    ``v - x`` is computed as the brute force does and is non-decreasing in
    ``v`` (rounding is monotone), so the holding entries are a prefix: a
    bisection of ``log2(n)`` vectorised steps finds its length exactly.
    """
    import torch

    n = values.shape[0]
    lo = torch.zeros_like(x, dtype=torch.int64)
    hi = torch.full_like(lo, n)
    for _ in range(max(1, int(n).bit_length())):
        active = lo < hi
        mid = torch.div(lo + hi, 2, rounding_mode="floor")
        v = values[mid.clamp(max=n - 1)] - x
        holds = (v < r) if strict else (v <= r)
        lo = torch.where(active & holds, mid + 1, lo)
        hi = torch.where(active & ~holds, mid, hi)
    return lo


def _count_sorted(x: torch.Tensor, r: torch.Tensor, strict: bool) -> NDArray[np.int64]:
    """1-D max-norm counts ``#{j != i : |x_j - x_i| < r_i}`` by bisection, O(n log n).

    ``|x_j - x_i| < r`` is ``-r < x_j - x_i < r`` exactly (negation is
    exact), so the count is a difference of two prefix lengths; the point
    itself is taken off when it satisfies the test (``|0| < r``).
    """
    import torch

    values = torch.sort(x).values
    inside = _first_false(values, x, r, strict)
    below = _first_false(values, x, -r, not strict)
    zero = torch.zeros_like(r)
    own = ((zero < r) if strict else (zero <= r)).to(torch.int64)
    # An empty interval (r <= 0) gives a negative difference: no points.
    counts = (inside - below).clamp_(min=0) - own
    return np.asarray(counts.cpu().numpy(), dtype=np.int64)


def _kth_chebyshev(pts: torch.Tensor, k: int, budget: int) -> torch.Tensor:
    """Each point's k-th max-norm distance to the others, by growing windows.

    Exact, and the brute force's value: with the points sorted by their first
    column, a point's ``2h`` sorted neighbours give an upper bound ``U`` of its
    k-th distance; every point outside the window is at least as far in the
    first column alone as the window's next point on that side (rounding is
    monotone), so when both of those are ``>= U`` away the window's k-th
    distance is the true one. Rows where it is not retry with a window four
    times wider, down to the brute force over all points. Memory per pass is
    bounded by ``budget`` bytes.
    """
    import torch

    n, d = pts.shape
    dev = pts.device
    order = torch.argsort(pts[:, 0], stable=True)
    xs = pts[order].contiguous()
    kth = torch.empty(n, dtype=torch.float64, device=dev)
    todo = torch.arange(n, device=dev)
    half = max(16, k)
    while todo.numel():
        if 2 * half >= n - 1:  # the window would hold every point
            step = max(1, budget // (BYTES_PER_ELEMENT * n))
            for a in range(0, todo.numel(), step):
                at = todo[a : a + step]
                dist = _pairwise(xs[at], xs, False)
                dist[torch.arange(at.numel(), device=dev), at] = torch.inf
                kth[at] = torch.topk(dist, k, dim=1, largest=False).values[:, -1]
            break
        offsets = torch.arange(2 * half + 1, device=dev)
        offsets = offsets[offsets != half]
        # Rows of +inf on both ends: a window past an end finds infinite distances.
        pad = torch.full((half, d), torch.inf, dtype=torch.float64, device=dev)
        padded = torch.cat([pad, xs, pad])
        step = max(1, budget // (BYTES_PER_ELEMENT * 2 * half * (d + 1)))
        retry = []
        for a in range(0, todo.numel(), step):
            at = todo[a : a + step]
            q = at[:, None] + offsets[None, :]  # padded positions, self skipped
            dist = (padded[q, 0] - xs[at, 0, None]).abs_()
            for c in range(1, d):
                torch.maximum(dist, (padded[q, c] - xs[at, c, None]).abs_(), out=dist)
            bound = torch.topk(dist, k, dim=1, largest=False).values[:, -1]
            x0 = xs[at, 0]
            left, right = at - half - 1, at + half + 1
            far_left = (xs[left.clamp(min=0), 0] - x0).abs_() >= bound
            far_right = (xs[right.clamp(max=n - 1), 0] - x0).abs_() >= bound
            done = ((left < 0) | far_left) & ((right >= n) | far_right)
            kth[at[done]] = bound[done]
            retry.append(at[~done])
        todo = torch.cat(retry)
        half *= 4
    out = torch.empty_like(kth)
    out[order] = kth
    return out


def _tensor(values: NDArray[np.float64], device: torch.device) -> torch.Tensor:
    import torch

    return torch.from_numpy(np.ascontiguousarray(values, dtype=np.float64)).to(device)


def torch_knn(
    points: NDArray[np.float64],
    k: int,
    *,
    euclid: bool,
    device: str | None = None,
    memory_budget: int | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Find each point's ``k`` nearest other points on ``device``.

    Parameters
    ----------
    points : ndarray of shape (n, d)
    k : int
    euclid : bool
        Euclidean (True) or maximum (False) norm.
    device : None, 'cpu', 'cuda' or 'cuda:<index>', default=None
        None: the CUDA device when present, else the CPU.
    memory_budget : int or None, default=None
        Bytes the search may hold on the device; None: the module's
        :data:`MEMORY_BUDGET` at call time (2 GiB unless reassigned, which
        sets it for every search, the estimators' included).

    Returns
    -------
    dist : ndarray of shape (n, k)
        Sorted distances, bit-identical to the CPU paths.
    idx : ndarray of shape (n, k)
        Ties broken by the smaller index.
    """
    n, d = points.shape
    rows = _chunk_rows(n, d, k, memory_budget)
    dev = resolve_device(device)
    return _knn(_tensor(points, dev), k, euclid, rows)


def torch_count(
    points: NDArray[np.float64],
    radius: NDArray[np.float64],
    *,
    strict: bool,
    euclid: bool,
    device: str | None = None,
    memory_budget: int | None = None,
) -> NDArray[np.int64]:
    """Count the other points within each point's radius, on ``device``.

    ``#{j != i : d(x_j, x_i) < r_i}`` (``strict``) or ``<= r_i``; parameters
    as :func:`torch_knn`.
    """
    n, d = points.shape
    rows = _chunk_rows(n, d, 0, memory_budget)
    dev = resolve_device(device)
    return _count(_tensor(points, dev), radius, strict, euclid, rows)


def torch_ksg_counts(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    k: int,
    *,
    device: str | None = None,
    memory_budget: int | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """KSG (algorithm 1) marginal counts of two 1-D variables, on ``device``.

    The joint k-th distance under the max norm by growing windows of the
    points sorted by x (:func:`_kth_chebyshev`, exact), and both strict
    marginal counts by bisection, O(n log n) for data without heavy ties.
    """
    n = x.shape[0]
    rows = _chunk_rows(n, 2, k, memory_budget)
    dev = resolve_device(device)
    joint = _tensor(np.column_stack([x, y]), dev)
    budget = MEMORY_BUDGET if memory_budget is None else int(memory_budget)
    eps = _kth_chebyshev(joint, k, budget).cpu().numpy()
    nx, ny = (
        _count(joint[:, j : j + 1].contiguous(), eps, True, False, rows)
        for j in range(2)
    )
    return nx, ny
