"""The registry: method name -> estimator family, ``methods()``, and the ``auto`` rule.

Families register themselves with :func:`register` when their module is
imported; :data:`_MODULES` lists the modules to import, so a new family adds
one line here and nothing in the front door changes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mutinfo.exceptions import InvalidParameterError, UnsupportedMeasureError

if TYPE_CHECKING:
    from mutinfo._validation import Variable
    from mutinfo.estimators._base import Estimator

__all__ = ["MethodInfo", "families_supporting", "get", "methods", "names", "register"]

#: Modules whose import registers estimator families (imported on first use).
_MODULES: tuple[str, ...] = (
    "mutinfo.estimators.discrete",
    "mutinfo.estimators.knn",
    "mutinfo.estimators.gaussian",
    "mutinfo.estimators.copula",
    "mutinfo.estimators.nsb",
    "mutinfo.estimators.spacing",
    "mutinfo.estimators.kernel",
    "mutinfo.estimators.neural",
    "mutinfo.estimators.binning",
    "mutinfo.estimators.atoms",
)

_FAMILIES: dict[str, type[Estimator]] = {}
_loaded = False


def register(cls: type[Estimator]) -> type[Estimator]:
    """Class decorator: add an estimator family to the registry under ``cls.name``."""
    if not cls.name:
        raise InvalidParameterError(f"{cls.__name__} has no registry 'name'.")
    _FAMILIES[cls.name] = cls
    return cls


def _load() -> None:
    global _loaded
    if not _loaded:
        for module in _MODULES:
            importlib.import_module(module)
        _loaded = True


def names() -> list[str]:
    """Return the registered method names, sorted."""
    _load()
    return sorted(_FAMILIES)


def get(name: str) -> type[Estimator]:
    """Return the family registered as ``name``."""
    _load()
    return _FAMILIES[name]


def families_supporting(measure: str) -> list[str]:
    """Return the names of the families that implement ``measure``."""
    _load()
    return sorted(n for n, cls in _FAMILIES.items() if measure in cls.measures)


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
        Name, estimator class, measures, data kinds, parameters with their
        defaults and the reference, sorted by name.

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
            measures=tuple(cls.measures),
            kinds=tuple(cls.kinds),
            parameters={k: p.default for k, p in cls.parameters.items()},
            reference=cls.reference,
        )
        for name, cls in sorted(_FAMILIES.items())
    ]


#: Fraction of repeated values above which a continuous column counts as tied.
TIE_FRACTION = 0.1


def heavily_tied(variables: list[Variable]) -> bool:
    """Return whether a non-constant column has over :data:`TIE_FRACTION` repeats."""
    import numpy as np

    for v in variables:
        for j in range(v.n_features):
            column = v.values[:, j]
            if column.min() == column.max():
                continue
            if 1.0 - np.unique(column).size / column.size > TIE_FRACTION:
                return True
    return False


def resolve(measure: str, variables: list[Variable]) -> str:
    """Apply the ``method="auto"`` rule (subject to change; recorded in every Result).

    The rule:

    - every column discrete -> ``"plugin"`` (``"binning"``, which passes labels
      to the plug-in entropies, for ``total_correlation``);
    - every column continuous -> ``"kl"`` for entropies; for MI and CMI
      ``"mixed_ksg"`` (Gao et al.'s estimator, exact on ties) when some
      non-constant column has more than 10 % repeated values (:data:`TIE_FRACTION`;
      KSG's tie-breaking noise biases such data), else ``"ksg"``;
    - a mix of discrete and continuous columns -> ``"mixed_ksg"`` where it is
      registered and supports the measure.
    """
    _load()
    if all(v.is_discrete for v in variables):
        if measure == "total_correlation" and "binning" in _FAMILIES:
            return "binning"  # passes labels through to the plug-in entropies
        return "plugin"
    if all(v.is_continuous for v in variables):
        if measure in ("entropy", "conditional_entropy"):
            return "kl"
        mixed = _FAMILIES.get("mixed_ksg")
        if mixed is not None and measure in mixed.measures and heavily_tied(variables):
            return "mixed_ksg"
        return "ksg"
    mixed = _FAMILIES.get("mixed_ksg")
    if mixed is not None and measure in mixed.measures:
        return "mixed_ksg"
    kinds = ", ".join(f"{v.name}: {v.kind}" for v in variables)
    raise UnsupportedMeasureError(
        f"method='auto' has no estimator yet for {measure!r} on a mix of discrete and "
        f"continuous data ({kinds}). Pass method='plugin' to treat every column as "
        "labels, or method='ksg' to treat every column as continuous numbers."
    )
