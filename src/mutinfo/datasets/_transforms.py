"""MI-preserving transforms of continuous tasks (invertible maps of X and Y).

I(f(X); g(Y)) = I(X; Y) for injective smooth ``f`` and ``g``, so a transformed
task keeps its truth while its shape changes: heavier or lighter tails,
bounded support, curved dependence. Following benchmark-mi's Task-to-Task
transforms.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.datasets._task import Task, check_number
from mutinfo.exceptions import DataWarning, InvalidParameterError, warn

__all__ = ["asinh", "half_cube", "normal_cdf", "spiral", "wiggly"]

_SIDES = ("x", "y", "both")
Map = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def _half_cube(v: NDArray[np.float64]) -> NDArray[np.float64]:
    return v * np.sqrt(np.abs(v))


def _normal_cdf(v: NDArray[np.float64]) -> NDArray[np.float64]:
    from scipy.special import ndtr

    out = np.asarray(ndtr(v), dtype=np.float64)
    # Beyond about 8.3 standard deviations ndtr rounds to exactly 1.0 (below
    # about -38, to 0.0): heavy-tailed tasks then sample tied values (3.9 %
    # of a Cauchy-like student_t(dof=1) column) that the task's MI, stated
    # for continuous data, does not account for.
    rounded = int(np.count_nonzero((out == 1.0) | (out == 0.0)))
    if rounded:
        warnings.warn(
            f"normal_cdf rounded {rounded} of {out.size} values to exactly 0 or 1 "
            "(inputs beyond about 8.3 standard deviations), so the sample has tied "
            "values that the task's MI, stated for continuous data, does not "
            "account for. Apply normal_cdf to a light-tailed task.",
            DataWarning,
            stacklevel=2,
        )
    return out


def _wiggly(v: NDArray[np.float64]) -> NDArray[np.float64]:
    # derivative 1 + 0.4 cos(v) + 0.4 cos(2 v + 1) >= 0.2 > 0: strictly increasing
    return v + 0.4 * np.sin(v) + 0.2 * np.sin(2.0 * v + 1.0)


@dataclass(frozen=True)
class _Spiral:
    speed: float

    def __call__(self, v: NDArray[np.float64]) -> NDArray[np.float64]:
        # Rotate the first two coordinates by an angle speed * |v|^2; the norm is
        # unchanged, so rotating back by the same angle inverts the map.
        angle = self.speed * np.sum(v * v, axis=1)
        c, s = np.cos(angle), np.sin(angle)
        out = v.copy()
        out[:, 0] = c * v[:, 0] - s * v[:, 1]
        out[:, 1] = s * v[:, 0] + c * v[:, 1]
        return out


@dataclass(frozen=True)
class _Elementwise:
    fn: Map

    def __call__(self, v: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.fn(v)


@dataclass(frozen=True)
class _TransformedSampler:
    base: Any
    fx: Any
    fy: Any
    label: str = "transform"

    def __call__(
        self, n: int, rng: np.random.Generator
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        x, y = self.base(n, rng)
        return self._map(self.fx, x), self._map(self.fy, y)

    def _map(self, fn: Any, v: NDArray[np.float64]) -> NDArray[np.float64]:
        if fn is None:
            return v
        with np.errstate(over="ignore", invalid="ignore"):
            out: NDArray[np.float64] = fn(v)
        # Huge finite inputs (heavy-tailed tasks) can overflow: half_cube beyond
        # about 3e205 gives inf, spiral beyond about 1.3e154 NaN. Those values
        # are tied, so the map is no longer injective and the MI is not kept.
        lost = int(np.count_nonzero(~np.isfinite(out) & np.isfinite(v)))
        if lost:
            warn(
                f"{self.label} turned {lost} of {v.size} finite values into inf or "
                "NaN (float64 overflow of very large inputs), so the sample no "
                "longer carries the task's MI. Apply it to a lighter-tailed task, "
                "or asinh first.",
                DataWarning,
            )
        return out


def _apply(
    task: Task,
    label: str,
    fn: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    on: str,
    params: dict[str, Any],
    *,
    min_dim: int = 1,
    tag: str = "",
) -> Task:
    where = f"{label}()"
    if not isinstance(task, Task):
        raise InvalidParameterError(
            f"The 'task' parameter of {where} must be a mutinfo.datasets.Task. "
            f"Got {type(task).__name__} instead."
        )
    if on not in _SIDES:
        raise InvalidParameterError(
            f"The 'on' parameter of {where} must be one of 'x', 'y', 'both'. "
            f"Got {on!r} instead."
        )
    sides = ("x", "y") if on == "both" else (on,)
    for side in sides:
        kind = getattr(task, f"kind_{side}")
        dim = getattr(task, f"dim_{side}")
        if kind != "continuous":
            raise InvalidParameterError(
                f"{where} needs a continuous {side!r}; task {task.name!r} has a "
                f"{kind} {side!r}. Apply it to a continuous task, or pass on='x' "
                "or on='y' for the continuous side."
            )
        if dim < min_dim:
            raise InvalidParameterError(
                f"{where} needs at least {min_dim} dimensions on {side!r}; task "
                f"{task.name!r} has dim_{side}={dim}."
            )
    prefix = (tag or label) + ("" if on == "both" else f"_{on}")
    return replace(
        task,
        name=f"{prefix}:{task.name}",
        sampler=_TransformedSampler(
            task.sampler,
            fn if "x" in sides else None,
            fn if "y" in sides else None,
            label,
        ),
        family=label,
        params={"task": task.name, "on": on, **params},
        description=f"{label} applied to {on} of ({task.description})",
    )


def half_cube(task: Task, *, on: str = "both") -> Task:
    """Apply ``v -> v * sqrt(|v|)`` to each coordinate (heavier tails, same MI).

    Parameters
    ----------
    task : Task
        A task whose transformed side(s) are continuous.
    on : {'both', 'x', 'y'}, default='both'
        Which variable to transform.

    Returns
    -------
    Task
        Named ``"half_cube:<task>"`` (``"half_cube_x:<task>"`` for one side),
        with the same ``mutual_information``.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> task = datasets.half_cube(datasets.gaussian(rho=0.75))
    >>> task.name, round(task.mutual_information, 6)
    ('half_cube:gaussian-d1-rho0.75', 0.413339)
    """
    return _apply(task, "half_cube", _Elementwise(_half_cube), on, {})


def asinh(task: Task, *, on: str = "both") -> Task:
    """Apply ``v -> asinh(v)`` to each coordinate (tames heavy tails, same MI).

    Parameters
    ----------
    task : Task
    on : {'both', 'x', 'y'}, default='both'

    Returns
    -------
    Task

    Examples
    --------
    >>> from mutinfo import datasets
    >>> datasets.asinh(datasets.student_t(dof=1)).name
    'asinh:student_t-d1-dof1'
    """
    return _apply(task, "asinh", _Elementwise(np.arcsinh), on, {})


def normal_cdf(task: Task, *, on: str = "both") -> Task:
    """Apply the standard normal CDF to each coordinate (support (0, 1), same MI).

    For Gaussian tasks this gives uniform margins. Values beyond about 8.3
    standard deviations round to 1.0 in float64 (tied values: a sample that
    has them warns with a DataWarning), so use it on light-tailed tasks.

    Parameters
    ----------
    task : Task
    on : {'both', 'x', 'y'}, default='both'

    Returns
    -------
    Task

    Examples
    --------
    >>> from mutinfo import datasets
    >>> x, y = datasets.normal_cdf(datasets.gaussian()).sample(5, rng=0)
    >>> bool((x > 0).all() and (x < 1).all())
    True
    """
    return _apply(task, "normal_cdf", _Elementwise(_normal_cdf), on, {})


def wiggly(task: Task, *, on: str = "both") -> Task:
    """Apply ``v -> v + 0.4 sin(v) + 0.2 sin(2v + 1)``, a wiggly increasing map.

    Its derivative is at least 0.2, so the map is invertible and the MI is
    unchanged.

    Parameters
    ----------
    task : Task
    on : {'both', 'x', 'y'}, default='both'

    Returns
    -------
    Task

    Examples
    --------
    >>> from mutinfo import datasets
    >>> datasets.wiggly(datasets.gaussian(rho=0.75)).name
    'wiggly:gaussian-d1-rho0.75'
    """
    return _apply(task, "wiggly", _Elementwise(_wiggly), on, {})


def spiral(task: Task, *, speed: float = 0.5, on: str = "both") -> Task:
    """Rotate the first two coordinates by ``speed * |v|^2`` radians (a spiral).

    The rotation keeps the norm, so rotating back inverts it and the MI is
    unchanged; it needs at least 2 dimensions on each transformed side.

    Parameters
    ----------
    task : Task
    speed : float, default=0.5
        Radians per unit squared norm.
    on : {'both', 'x', 'y'}, default='both'

    Returns
    -------
    Task

    Examples
    --------
    >>> from mutinfo import datasets
    >>> datasets.spiral(datasets.gaussian(rho=0.75, dim=2)).name
    'spiral:gaussian-d2-rho0.75'
    """
    speed = check_number(speed, "speed", "spiral()")
    tag = "spiral" if speed == 0.5 else f"spiral{speed:g}"
    return _apply(
        task, "spiral", _Spiral(speed), on, {"speed": speed}, min_dim=2, tag=tag
    )
