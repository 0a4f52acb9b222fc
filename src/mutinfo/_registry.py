"""The registry: a pure store of method name -> estimator family, and ``methods()``.

Families register themselves with :func:`register` when their module is
imported. The store imports no family itself at import time: on first use it
imports the built-in family modules listed in :data:`_MODULES` and the
third-party ones advertised under the ``mutinfo.estimators`` entry-point group
(see docs/extending.md). Which family ``method="auto"`` picks is decided in
:mod:`mutinfo._auto`, not here.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from mutinfo._measures import MEASURES, Family, derived
from mutinfo.exceptions import InvalidParameterError, MutinfoWarning, warn

__all__ = [
    "ENTRY_POINT_GROUP",
    "MethodInfo",
    "families_supporting",
    "get",
    "methods",
    "names",
    "register",
    "supported_measures",
]

logger = logging.getLogger(__name__)

#: Built-in modules whose import registers estimator families (on first use).
_MODULES: tuple[str, ...] = (
    "mutinfo.estimators.discrete",
    "mutinfo.estimators.knn",
    "mutinfo.estimators.kl_weighted",
    "mutinfo.estimators.mixed",
    "mutinfo.estimators.gaussian",
    "mutinfo.estimators.copula",
    "mutinfo.estimators.nsb",
    "mutinfo.estimators.dirichlet",
    "mutinfo.estimators.spacing",
    "mutinfo.estimators.kernel",
    "mutinfo.neural.families",
    "mutinfo.estimators.binning",
    "mutinfo.estimators.atoms",
    "mutinfo.estimators.classifier",
)

#: Entry-point group through which other packages register families.
ENTRY_POINT_GROUP = "mutinfo.estimators"

_FAMILIES: dict[str, Any] = {}
_loaded = False

F = TypeVar("F")


def register(cls: F) -> F:
    """Class decorator: add an estimator family to the registry under ``cls.name``.

    Raises
    ------
    InvalidParameterError
        For a class without a name, the reserved name ``"auto"``, or a measure
        that was not declared.
    """
    name = getattr(cls, "name", "")
    if not isinstance(name, str) or not name:
        raise InvalidParameterError(
            f"{getattr(cls, '__name__', cls)!r} has no registry 'name'; set the "
            "class attribute name = '<method name>'."
        )
    if name == "auto":
        raise InvalidParameterError(
            "'auto' is reserved for the automatic choice; give the family "
            "another registry name."
        )
    unknown = [m for m in getattr(cls, "measures", ()) if m not in MEASURES]
    if unknown:
        raise InvalidParameterError(
            f"Family {name!r} lists undeclared measure(s) {unknown}; declare them "
            "with mutinfo.extend.declare_measure first."
        )
    _FAMILIES[name] = cls
    return cls


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            point.load()
        except Exception as exc:  # a broken plug-in must not break mutinfo
            warn(
                f"The estimator plug-in {point.name!r} ({point.value}) failed to "
                f"load and is skipped: {type(exc).__name__}: {exc}",
                MutinfoWarning,
            )


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _MODULES:
            importlib.import_module(module)
        _load_entry_points()


def names() -> list[str]:
    """Return the registered method names, sorted."""
    _load()
    return sorted(_FAMILIES)


def get(name: str) -> type[Family]:
    """Return the family registered as ``name`` (KeyError if none)."""
    _load()
    family: type[Family] = _FAMILIES[name]
    return family


def supported_measures(family: Family | type[Family]) -> tuple[str, ...]:
    """Measures ``family`` estimates: its own, plus those composed from them."""
    native = tuple(family.measures)
    if not family.composable:
        return native
    return native + derived(native)


def families_supporting(measure: str) -> list[str]:
    """Return the names of the families that estimate ``measure``."""
    _load()
    return sorted(
        n for n, cls in _FAMILIES.items() if measure in supported_measures(cls)
    )


@dataclass(frozen=True)
class MethodInfo:
    """What ``mt.methods()`` lists for one registered family."""

    name: str
    estimator: str
    summary: str
    measures: tuple[str, ...]
    kinds: tuple[str, ...]
    parameters: dict[str, Any]
    reference: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            "name": self.name,
            "estimator": self.estimator,
            "summary": self.summary,
            "measures": list(self.measures),
            "kinds": list(self.kinds),
            "parameters": dict(self.parameters),
            "reference": self.reference,
        }


def methods() -> list[MethodInfo]:
    """List every registered estimator family.

    Returns
    -------
    list of MethodInfo
        Name, estimator class, measures (its own and those composed from them),
        data kinds, parameters with their defaults and the reference, sorted by
        name.

    Examples
    --------
    >>> import mutinfo as mt
    >>> "ksg" in [m.name for m in mt.methods()]
    True
    """
    _load()
    return [
        MethodInfo(
            name=name,
            estimator=cls.__name__,
            summary=cls.summary,
            measures=supported_measures(cls),
            kinds=tuple(cls.kinds),
            parameters={k: p.default for k, p in cls.parameters.items()},
            reference=cls.reference,
        )
        for name, cls in sorted(_FAMILIES.items())
    ]
