"""The :class:`Task`: a named sampler with its exact mutual information."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._interface import Kind, Sampler
from mutinfo.exceptions import InvalidParameterError

__all__ = ["Task", "check_number"]


@dataclass(frozen=True)
class Task:
    """A joint distribution of ``(X, Y)`` with its exact MI.

    Build tasks with the constructors (:func:`mutinfo.datasets.gaussian`, ...)
    or fetch registered ones with :func:`mutinfo.datasets.get`.

    Attributes
    ----------
    name : str
        Registry name, for example ``"gaussian-d1-rho0.9"``.
    mutual_information : float
        The exact I(X; Y) in nats.
    dim_x, dim_y : int
        Columns of ``x`` and ``y``.
    kind_x, kind_y : {'discrete', 'continuous', 'mixed'}
        ``"discrete"`` samples are int64 labels; ``"continuous"`` ones float64
        with a density; ``"mixed"`` ones float64 with atoms (point masses).
    family : str
        The constructor that made the task.
    params : Mapping
        The constructor's arguments.
    tags : tuple of str
        Groups used to select tasks, for example ``"high_mi"``.
    description : str
        One line saying how ``(x, y)`` is drawn.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> task = datasets.gaussian(rho=0.9, dim=1)
    >>> x, y = task.sample(1000, rng=0)
    >>> x.shape, round(task.mutual_information, 4)
    ((1000, 1), 0.8304)
    """

    name: str
    mutual_information: float
    dim_x: int
    dim_y: int
    kind_x: Kind
    kind_y: Kind
    sampler: Sampler = field(repr=False, compare=False)
    family: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    tags: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "mutual_information", float(self.mutual_information))

    def sample(self, n: int, rng: Any = None) -> tuple[NDArray[Any], NDArray[Any]]:
        """Draw ``n`` independent joint samples.

        Parameters
        ----------
        n : int
            Number of samples, at least 1.
        rng : None, int or numpy.random.Generator, default=None
            Seed of the draw.

        Returns
        -------
        x : ndarray of shape (n, dim_x)
        y : ndarray of shape (n, dim_y)
            int64 for discrete variables, float64 otherwise.
        """
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise InvalidParameterError(
                f"The 'n' parameter of {self.name}.sample() must be an int >= 1. "
                f"Got {n!r} instead."
            )
        gen = check_rng(rng)
        x, y = self.sampler(int(n), gen)
        return x, y

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["params"] = dict(self.params)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["params"] = MappingProxyType(state["params"])
        for key, value in state.items():
            object.__setattr__(self, key, value)


def check_number(
    value: Any,
    name: str,
    where: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    integer: bool = False,
) -> Any:
    """Validate a constructor argument against an interval; return it."""
    kinds: tuple[type, ...] = (numbers.Integral,) if integer else (numbers.Real,)
    ok = isinstance(value, kinds) and not isinstance(value, bool)
    if ok and not integer:
        ok = bool(np.isfinite(value))
    if ok and low is not None:
        ok = value > low if low_open else value >= low
    if ok and high is not None:
        ok = value < high if high_open else value <= high
    if not ok:
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        left = "(" if low_open or low is None else "["
        right = ")" if high_open or high is None else "]"
        what = "an int" if integer else "a number"
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be {what} in the range "
            f"{left}{lo}, {hi}{right}. Got {value!r} instead."
        )
    return int(value) if integer else float(value)
