"""The benchmark runner: estimators x tasks x sample sizes x seeds -> a table."""

from __future__ import annotations

import copy
import fnmatch
import logging
import math
import numbers
import time
import warnings
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from mutinfo import _registry
from mutinfo._auto import family
from mutinfo._params import suggest
from mutinfo.bench._peers import PEERS, available_peers
from mutinfo.datasets._interface import TaskLike
from mutinfo.exceptions import (
    InvalidParameterError,
    MutinfoError,
    MutinfoWarning,
    UnsupportedMeasureError,
)

if TYPE_CHECKING:
    import pandas as pd

    from mutinfo.estimators._base import Estimator

__all__ = [
    "COLUMNS",
    "QUICK_BUDGET",
    "QUICK_SIZES",
    "default_methods",
    "is_neural",
    "resolve_methods",
    "resolve_tasks",
    "run",
]

logger = logging.getLogger(__name__)

#: Columns of the result table (``--format json`` has exactly these keys).
COLUMNS = (
    "task",
    "method",
    "n",
    "truth",
    "estimate",
    "bias",
    "std",
    "error",
    "seconds",
    "seeds",
)
#: Sample sizes ``--quick`` climbs while its time budget allows.
QUICK_SIZES: tuple[int, ...] = (200, 400, 800, 1600, 3200, 6400, 12800)
#: Seconds of estimation ``--quick`` spends at most (predicted before each size).
QUICK_BUDGET = 75.0
#: Methods of the neural (torch) families, run only when asked for by name.
_NEURAL_NAMES = frozenset({"mine", "dv", "nwj", "infonce", "js", "smile"})


def is_neural(name: str) -> bool:
    """Return whether the registered method ``name`` trains a model.

    True for the neural families (by name or module) and for any family that
    declares ``slow = True``, as the neural estimators do; these run in the
    bench only when named.
    """
    if name in _NEURAL_NAMES:
        return True
    cls = _registry.get(name)
    return (
        bool(getattr(cls, "slow", False) or getattr(cls, "neural", False))
        or ".neural" in cls.__module__
    )


def _is_slow(method: _Method) -> bool:
    return method.name not in PEERS and is_neural(method.name)


def default_methods() -> list[str]:
    """Return the registered classical Shannon MI methods plus the installed peers.

    Families that declare ``shannon = False`` (quadratic MI) estimate another
    quantity than the tasks' ground truth; they run only when named.
    """
    ours = [
        name
        for name in _registry.families_supporting("mi")
        if not is_neural(name) and _registry.get(name).shannon
    ]
    return ours + available_peers()


@dataclass(frozen=True)
class _Method:
    """One column of the benchmark: a label, its family and its settings."""

    label: str  # what the table shows: "ksg", "ksg:n_neighbors=5", "KSG(...)"
    name: str  # registry name or peer name
    estimator: Estimator | None = None  # configured object; None for defaults


def resolve_methods(methods: str | Estimator | Iterable[Any] | None) -> list[str]:
    """Validate methods and return their labels; ``None`` for the default.

    Examples
    --------
    >>> from mutinfo.bench._runner import resolve_methods
    >>> resolve_methods(["ksg", "ksg:n_neighbors=5"])
    ['ksg', 'ksg:n_neighbors=5']
    """
    return [m.label for m in _resolve_methods(methods)]


def _resolve_methods(methods: str | Estimator | Iterable[Any] | None) -> list[_Method]:
    from mutinfo.estimators._base import Estimator

    if methods is None:
        return [_Method(name, name) for name in default_methods()]
    items: Iterable[Any] = (
        [methods] if isinstance(methods, str | Estimator) else methods
    )
    out: dict[str, _Method] = {}
    for item in items:
        if isinstance(item, Estimator):
            method = _Method(repr(item), item.name, item)
        elif isinstance(item, str):
            method = _parse_method(item)
        else:
            raise InvalidParameterError(
                "The 'methods' parameter of bench.run() must hold method names or "
                f"estimator objects. Got {item!r} instead."
            )
        _check_method(method.name)
        out.setdefault(method.label, method)
    if not out:
        raise InvalidParameterError("The 'methods' parameter of bench.run() is empty.")
    return list(out.values())


def _parse_method(text: str) -> _Method:
    """Parse ``"name"`` or ``"name:key=value:key=value"`` (method parameters)."""
    name, _, rest = text.partition(":")
    _check_method(name)
    if not rest:
        return _Method(text, name)
    if name in PEERS:
        raise InvalidParameterError(
            f"The peer method {name!r} takes no parameters; got {text!r}."
        )
    cls = family(name)
    params: dict[str, Any] = {}
    for part in rest.split(":"):
        key, eq, value = part.partition("=")
        if not eq or key not in cls.parameters:
            valid = ", ".join(repr(k) for k in cls.parameters) or "none"
            raise InvalidParameterError(
                f"Cannot read the method {text!r}: expected name:key=value with a "
                f"parameter of {name!r} ({valid}); got {part!r}."
                f"{suggest(key, cls.parameters)}"
            )
        params[key] = cls.parameters[key].constraint.convert(value)
    return _Method(text, name, cls(**params))


def _check_method(name: str) -> None:
    known = [*_registry.names(), *PEERS]
    if name not in known:
        raise InvalidParameterError(
            f"Unknown method {name!r} for bench. Valid methods: "
            f"{', '.join(repr(k) for k in sorted(known))}.{suggest(name, known)}"
        )
    if name in PEERS and name not in available_peers():
        raise InvalidParameterError(
            f"The peer method {name!r} needs the package "
            f"{PEERS[name].package!r}, which is not installed: "
            'pip install "mutinfo[sklearn]".'
        )
    if name in _registry.names() and "mi" not in _registry.get(name).measures:
        raise InvalidParameterError(
            f"Method {name!r} does not estimate 'mi', so bench cannot run it. "
            f"Methods that do: {', '.join(_registry.families_supporting('mi'))}."
        )


def resolve_tasks(
    tasks: str | TaskLike | Iterable[str | TaskLike] | None, *, quick: bool
) -> list[TaskLike]:
    """Turn names, glob patterns (``"gaussian*"``) or task objects into tasks.

    ``None`` means the quick selection with ``quick=True`` and otherwise every
    registered task except the high-MI staircase (name those to run them).
    """
    from mutinfo import datasets
    from mutinfo.datasets._catalog import QUICK

    registered = datasets.tasks()
    if tasks is None:
        if quick:
            return [datasets.get(name) for name in QUICK]
        every = [datasets.get(name) for name in registered]
        return [t for t in every if "high_mi" not in getattr(t, "tags", ())]
    if isinstance(tasks, str | TaskLike):
        tasks = [tasks]
    out: list[TaskLike] = []
    seen: set[str] = set()
    for item in tasks:
        if isinstance(item, str):
            if any(ch in item for ch in "*?["):
                names = fnmatch.filter(registered, item)
                if not names:
                    raise InvalidParameterError(
                        f"The task pattern {item!r} matches no registered task. "
                        "See mutinfo.datasets.tasks() (CLI: mutinfo bench "
                        "--list-tasks)."
                    )
            else:
                names = [item]
            found: list[TaskLike] = [datasets.get(name) for name in names]
        elif isinstance(item, TaskLike):
            found = [item]
        else:
            raise InvalidParameterError(
                "The 'tasks' parameter of bench.run() must hold task names or "
                f"task objects. Got {item!r} instead."
            )
        for task in found:
            if task.name not in seen:
                seen.add(task.name)
                out.append(task)
    if not out:
        raise InvalidParameterError("The 'tasks' parameter of bench.run() is empty.")
    return out


def _needs(kind: str) -> str:
    return "discrete" if kind == "discrete" else "continuous"


def _applies(method: _Method, task: TaskLike) -> bool:
    if method.name in PEERS:
        return PEERS[method.name].applies(task)
    kinds = _registry.get(method.name).kinds
    return _needs(task.kind_x) in kinds and _needs(task.kind_y) in kinds


def _check_count(value: Any, name: str, low: int = 1) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or value < low
    ):
        raise InvalidParameterError(
            f"The {name!r} parameter of bench.run() must be an int >= {low}. "
            f"Got {value!r} instead."
        )
    return int(value)


def _one(
    method: _Method,
    task: TaskLike,
    x: NDArray[Any],
    y: NDArray[Any],
    discrete: tuple[bool, bool],
    seed: int,
) -> float:
    """One estimate through the front door (or the peer's own API)."""
    from mutinfo._api import estimate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        if method.name in PEERS:
            return PEERS[method.name].estimate(x, y, task, seed)
        if method.estimator is not None:
            # A configured estimator, reseeded per item like the defaults.
            est = copy.copy(method.estimator).set_params(rng=seed)
            return estimate("mi", x, y, method=est, discrete=discrete).value
        return estimate(
            "mi", x, y, method=method.name, discrete=discrete, rng=seed
        ).value


@dataclass
class _Cell:
    values: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


@dataclass
class _Bench:
    tasks: list[TaskLike]
    methods: list[_Method]
    seeds: int
    entropy: int
    progress: Callable[[str], None] | None
    cells: dict[tuple[str, str, int], _Cell] = field(default_factory=dict)
    skipped: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Runs that raised, by (task, method, n): the seeds lost and the first error.
    failed: dict[tuple[str, str, int], tuple[int, str]] = field(default_factory=dict)
    warm: set[str] = field(default_factory=set)
    warmup_seconds: float = 0.0

    def stage(self, n: int) -> None:
        """Run every (task, method, seed) at sample size ``n``."""
        for task in self.tasks:
            applicable = [
                m
                for m in self.methods
                if _applies(m, task) and (task.name, m.label) not in self.skipped
            ]
            if not applicable:
                continue
            key = zlib.crc32(task.name.encode())
            discrete = (task.kind_x == "discrete", task.kind_y == "discrete")
            for seed in range(self.seeds):
                # Per-item randomness: one child per (task, n, seed), shared by
                # every method so they all see the same samples.
                seq = np.random.SeedSequence(self.entropy, spawn_key=(key, n, seed))
                data_seq, method_seq = seq.spawn(2)
                x, y = task.sample(n, np.random.default_rng(data_seq))
                method_seed = int(method_seq.generate_state(1)[0])
                for method in applicable:
                    label = method.label
                    if (task.name, label) in self.skipped:
                        continue

                    try:
                        if label not in self.warm and not _is_slow(method):
                            # One untimed call first, so imports and compilation
                            # do not count as a method's time (not for neural
                            # methods: training dwarfs the import, and would
                            # run twice).
                            begin = time.perf_counter()
                            _one(method, task, x, y, discrete, method_seed)
                            self.warm.add(label)
                            self.warmup_seconds += time.perf_counter() - begin
                        start = time.perf_counter()
                        value = _one(method, task, x, y, discrete, method_seed)
                    except UnsupportedMeasureError as exc:
                        self.skipped[(task.name, label)] = str(exc)
                        continue
                    except MutinfoError as exc:
                        logger.info(
                            "bench: %s on %s at n=%d: %s", label, task.name, n, exc
                        )
                        lost, first = self.failed.get((task.name, label, n), (0, ""))
                        self.failed[(task.name, label, n)] = (
                            lost + 1,
                            first or f"{type(exc).__name__}: {exc}",
                        )
                        continue
                    elapsed = time.perf_counter() - start
                    cell = self.cells.setdefault((task.name, label, n), _Cell())
                    cell.values.append(float(value))
                    cell.seconds.append(elapsed)

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        truth = {t.name: float(t.mutual_information) for t in self.tasks}
        order = {t.name: i for i, t in enumerate(self.tasks)}
        rows = []
        for (task, method, n), cell in self.cells.items():
            values = np.asarray(cell.values)
            mean = float(values.mean())
            rows.append(
                {
                    "task": task,
                    "method": method,
                    "n": n,
                    "truth": truth[task],
                    "estimate": mean,
                    "bias": mean - truth[task],
                    "std": float(values.std(ddof=1)) if len(values) > 1 else 0.0,
                    "error": float(np.abs(values - truth[task]).mean()),
                    "seconds": float(np.median(cell.seconds)),
                    "seeds": len(values),
                }
            )
        frame = pd.DataFrame(rows, columns=list(COLUMNS))
        if rows:
            frame["_order"] = frame["task"].map(order)
            frame = frame.sort_values(["_order", "n", "method"], kind="stable")
            frame = frame.drop(columns="_order").reset_index(drop=True)
        frame.attrs["skipped"] = {
            f"{t} / {m}": why for (t, m), why in self.skipped.items()
        }
        frame.attrs["failed"] = {
            f"{t} / {m} / n={n}": f"{lost} of {self.seeds} seeds failed ({why})"
            for (t, m, n), (lost, why) in self.failed.items()
        }
        return frame


def run(
    tasks: str | TaskLike | Iterable[str | TaskLike] | None = None,
    methods: str | Estimator | Iterable[str | Estimator] | None = None,
    *,
    n: int | Sequence[int] | None = None,
    seeds: int | None = None,
    rng: int = 0,
    quick: bool = False,
    budget: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> pd.DataFrame:
    """Run MI estimators over ground-truth tasks, sample sizes and seeds.

    Parameters
    ----------
    tasks : str, Task or iterable of them, optional
        Registered names (:func:`mutinfo.datasets.tasks`), glob patterns such as
        ``"gaussian*"``, or task objects (anything with ``name``,
        ``mutual_information``, ``dim_x``, ``dim_y``, ``kind_x``, ``kind_y`` and
        ``sample(n, rng)``). Default: the quick selection with ``quick=True``,
        otherwise every registered task but the high-MI staircase.
    methods : str, Estimator or iterable of them, optional
        Registry names and installed peers (``"sklearn"``), a name with
        parameters (``"ksg:n_neighbors=5"``, several joined by ``:``), or
        estimator objects (``KSG(n_neighbors=5)``); the table labels them as
        given (objects by their repr). Each is reseeded per item. Default: every
        registered classical method that estimates MI, plus the installed
        peers; neural methods run only when named. A method runs on the tasks
        whose data kinds it declares; one that then refuses a task (for
        example Ross's ``mixed_ksg`` on two continuous variables) is skipped
        there and listed in ``frame.attrs["skipped"]``.
    n : int or sequence of int, optional
        Sample sizes. Default ``1000``; with ``quick=True`` the sizes are
        chosen: :data:`QUICK_SIZES` are run in turn while the time predicted
        for the next one fits ``budget``.
    seeds : int, optional
        Number of independent repetitions (a count). Default 5, or 3 with
        ``quick=True``.
    rng : int, default=0
        Seed of everything. The samples of (task, n, seed) derive from
        ``SeedSequence(rng, spawn_key=(crc32(task name), n, seed))`` and are
        shared by all methods, so adding a task or method changes no number.
    quick : bool, default=False
        Small, fast configuration (about a minute on 2 cores).
    budget : float, optional
        Seconds of estimation ``quick`` may spend (default 75).
    progress : callable, optional
        Called with one line of text after each sample size.

    Returns
    -------
    pandas.DataFrame
        One row per (task, method, n) with the columns ``task``, ``method``,
        ``n``, ``truth`` (nats), ``estimate`` (mean over seeds), ``bias``
        (signed, estimate - truth), ``std`` (over seeds), ``error`` (mean
        absolute error), ``seconds`` (median per estimate) and ``seeds``
        (successful repetitions). Runs that raised are listed in
        ``frame.attrs["failed"]`` (``"task / method / n=N"``: how many seeds
        and the first error); a cell where every seed failed has no row, and
        :func:`ranking` counts it as that method's worst rank there.

    Raises
    ------
    InvalidParameterError
        For an unknown task or method, or a bad ``n``, ``seeds`` or ``budget``.

    Notes
    -----
    Estimates are never clipped, so ``bias`` shows each estimator's real bias
    (scikit-learn clips its own at 0, which shows as a positive bias on
    independent data). MutinfoWarnings raised during the runs are silenced:
    the error columns are the measurement.

    Examples
    --------
    >>> from mutinfo import bench
    >>> frame = bench.run(["gaussian-d1-rho0.9"], ["ksg"], n=500, seeds=2)
    >>> frame[["task", "method", "n", "seeds"]].to_dict("records")
    [{'task': 'gaussian-d1-rho0.9', 'method': 'ksg', 'n': 500, 'seeds': 2}]
    >>> bool(frame["error"].iloc[0] < 0.1)
    True
    """
    task_list = resolve_tasks(tasks, quick=quick)
    method_list = _resolve_methods(methods)
    n_seeds = (
        _check_count(3 if quick else 5, "seeds")
        if seeds is None
        else (_check_count(seeds, "seeds"))
    )
    entropy = _check_count(rng, "rng", low=0)
    if budget is not None and (
        isinstance(budget, bool)
        or not isinstance(budget, numbers.Real)
        or not budget > 0
    ):
        raise InvalidParameterError(
            f"The 'budget' parameter of bench.run() must be a positive number of "
            f"seconds. Got {budget!r} instead."
        )
    bench = _Bench(task_list, method_list, n_seeds, entropy, progress)
    if n is None and quick:
        _climb(bench, QUICK_BUDGET if budget is None else float(budget))
    else:
        given: list[Any] = [1000] if n is None else _as_list(n)
        sizes = [_check_count(v, "n", low=2) for v in given]
        if not sizes:
            raise InvalidParameterError("The 'n' parameter of bench.run() is empty.")
        for size in sizes:
            start = time.perf_counter()
            bench.stage(size)
            _report(bench, size, time.perf_counter() - start)
    return bench.frame()


def _as_list(n: Any) -> list[Any]:
    if isinstance(n, numbers.Integral) or not isinstance(n, Iterable):
        return [n]
    return list(n)


def _report(bench: _Bench, n: int, seconds: float) -> None:
    if bench.progress is not None:
        bench.progress(f"n={n}: {seconds:.1f} s")


def _climb(bench: _Bench, budget: float) -> None:
    """Run :data:`QUICK_SIZES` in turn while the next one is predicted to fit."""
    spent = 0.0
    last: tuple[int, float] | None = None
    exponent = 1.5  # until two sizes have been timed (overheads dominate small n)
    for size in QUICK_SIZES:
        if last is not None:
            predicted = last[1] * (size / last[0]) ** exponent
            if spent + predicted > budget:
                break
        start, warmup = time.perf_counter(), bench.warmup_seconds
        bench.stage(size)
        elapsed = time.perf_counter() - start
        spent += elapsed
        _report(bench, size, elapsed)
        # Warm-up calls (imports, compilation) happen once: not part of the growth.
        elapsed = max(elapsed - (bench.warmup_seconds - warmup), 1e-3)
        if last is not None and last[1] > 0.05:
            # Measured growth between the last two sizes, kept within [1, 2].
            exponent = min(2.0, max(1.0, math.log(elapsed / last[1]) / math.log(2)))
        last = (size, elapsed)
