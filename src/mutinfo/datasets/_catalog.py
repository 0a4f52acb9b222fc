"""The registry of named ground-truth tasks: ``tasks()`` and ``get(name)``."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mutinfo._params import suggest
from mutinfo.datasets import (
    _discrete,
    _gaussian,
    _hidden,
    _markov,
    _mixed,
    _student,
    _uniform,
)
from mutinfo.datasets import _transforms as tr
from mutinfo.datasets._task import Task
from mutinfo.exceptions import InvalidParameterError

__all__ = ["QUICK", "get", "register_task", "tasks"]

_FACTORIES: dict[str, Callable[[], Task]] = {}


def register_task(factory: Callable[[], Task], *, replace: bool = False) -> str:
    """Register a task factory under the name of the task it builds; return it.

    The factory is called once here to learn the name, and again by
    :func:`get`, so a registered task is cheap to build.

    Parameters
    ----------
    factory : callable
        Takes no arguments and returns a :class:`Task`.
    replace : bool, default=False
        Replace a task registered under the same name instead of raising.

    Returns
    -------
    str
        The task's name.

    Raises
    ------
    InvalidParameterError
        If the name is taken and ``replace`` is false.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> name = datasets.register_task(
    ...     lambda: datasets.gaussian(rho=0.3, dim=7), replace=True
    ... )
    >>> name, name in datasets.tasks()
    ('gaussian-d7-rho0.3', True)
    """
    _load()
    return _add(factory, replace=replace)


def _add(factory: Callable[[], Task], *, replace: bool = False) -> str:
    name = factory().name
    if name in _FACTORIES and not replace:
        raise InvalidParameterError(
            f"A task named {name!r} is already registered. Pass replace=True to "
            "replace it, or give the task another name."
        )
    _FACTORIES[name] = factory
    return name


def _builtin() -> list[Callable[[], Task]]:
    g, t, ch = _gaussian.gaussian, _student.student_t, _discrete
    out: list[Callable[[], Task]] = []
    out += [partial(g, rho=r, dim=1) for r in (0.0, 0.5, 0.75, 0.9, 0.99)]
    out += [partial(g, rho=0.5, dim=3), partial(g, rho=0.75, dim=5)]
    out += [
        partial(_gaussian.gaussian_dense, rho=0.3, dim_x=2, dim_y=2),
        partial(_gaussian.gaussian_dense, rho=0.15, dim_x=5, dim_y=5),
        partial(_gaussian.gaussian_sparse, rho=0.8, dim_x=5, dim_y=5, n_interacting=2),
    ]
    out += [partial(t, dof=v, dim=1) for v in (1, 2, 5)]
    out += [partial(t, dof=v, dim=2) for v in (1, 3)]
    out += [partial(t, dof=2, dim=5)]
    out += [partial(_uniform.additive_uniform, eps=e) for e in (0.1, 0.75)]
    out += [
        partial(ch.binary_symmetric, flip=0.1),
        partial(ch.z_channel, flip=0.5),
        partial(ch.random_channel, 4, 5, seed=0),
    ]
    out += [partial(_mixed.ross, p=p) for p in (0.5, 0.3)]
    out += [partial(_mixed.discrete_uniform, m=5), _mixed.gao_mixture]
    out += [
        partial(_transformed, tr.half_cube, partial(g, rho=0.75)),
        partial(_transformed, tr.asinh, partial(t, dof=1)),
        partial(_transformed, tr.normal_cdf, partial(g, rho=0.75)),
        partial(_transformed, tr.wiggly, partial(g, rho=0.75)),
        partial(_transformed, tr.spiral, partial(g, rho=0.75, dim=2)),
    ]
    out += [partial(_gaussian.staircase, mi=m, dim=20) for m in (2, 4, 6, 8, 10)]
    out += [partial(_markov.markov_chain, flip=0.1, lag=d) for d in (1, 2, 5)]
    out += [partial(_markov.ar1, coefficient=0.9, lag=d) for d in (1, 5)]
    out += [partial(_hidden_markov_task, lag=d) for d in (1, 3)]
    return out


#: The registered hidden Markov chain: three hidden states, two symbols.
HIDDEN_MARKOV = (
    [[0.9, 0.08, 0.02], [0.05, 0.9, 0.05], [0.1, 0.1, 0.8]],
    [[0.85, 0.15], [0.5, 0.5], [0.1, 0.9]],
)


def _hidden_markov_task(lag: int) -> Task:
    return _hidden.hidden_markov_chain(*HIDDEN_MARKOV).task(lag)


def _transformed(transform: Callable[[Task], Task], base: Callable[[], Task]) -> Task:
    return transform(base())


_loaded = False


def _load() -> None:
    # Built on first use, so importing mutinfo.datasets stays cheap.
    global _loaded
    if not _loaded:
        _loaded = True
        for factory in _builtin():
            _add(factory)


#: The tasks of ``mutinfo bench --quick``: every family, small dimensions.
QUICK: tuple[str, ...] = (
    "gaussian-d1-rho0",
    "gaussian-d1-rho0.9",
    "gaussian-d5-rho0.75",
    "gaussian_sparse-5x5-k2-rho0.8",
    "student_t-d1-dof1",
    "additive_uniform-eps0.1",
    "binary_symmetric-flip0.1",
    "random_channel-4x5-seed0",
    "ross-p0.5",
    "discrete_uniform-m5",
    "gao_mixture",
    "half_cube:gaussian-d1-rho0.75",
    "spiral:gaussian-d2-rho0.75",
    "markov-flip0.1-lag2",
    "ar1-a0.9-lag5",
)


def tasks() -> list[str]:
    """Return the names of the registered tasks, grouped by family.

    Returns
    -------
    list of str

    Examples
    --------
    >>> from mutinfo import datasets
    >>> "gaussian-d1-rho0.9" in datasets.tasks()
    True
    """
    _load()
    return list(_FACTORIES)


def get(name: str) -> Task:
    """Return the registered task called ``name``.

    Parameters
    ----------
    name : str
        One of :func:`tasks`.

    Returns
    -------
    Task

    Raises
    ------
    InvalidParameterError
        If no task has that name; the message suggests the nearest one.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> round(datasets.get("ross-p0.5").mutual_information, 6)
    0.346574
    """
    _load()
    factory = _FACTORIES.get(name) if isinstance(name, str) else None
    if factory is None:
        hint = suggest(name, _FACTORIES) if isinstance(name, str) else ""
        raise InvalidParameterError(
            f"Unknown task {name!r}. See mutinfo.datasets.tasks() (CLI: mutinfo "
            f"bench --list-tasks) for the {len(_FACTORIES)} registered names.{hint}"
        )
    return factory()
