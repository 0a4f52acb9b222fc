"""Result types: what every estimate, test and interval returns."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import numpy as np

from mutinfo.exceptions import InvalidParameterError

__all__ = ["ConfidenceInterval", "Result", "TestResult", "base_of_unit", "unit_name"]


def unit_name(base: float) -> str:
    """Return the unit of a logarithm base: ``"nats"``, ``"bits"`` or ``"log<base>"``.

    The name keeps every digit of the base (:func:`base_of_unit` reads it back,
    for :meth:`Result.to`): ``log1.23456789``, not ``log1.23457``.

    Examples
    --------
    >>> unit_name(2), unit_name(math.e), unit_name(10), unit_name(1.0000001)
    ('bits', 'nats', 'log10', 'log1.0000001')
    """
    if base == math.e:
        return "nats"
    if base == 2:
        return "bits"
    text = f"{base:g}"
    if float(text) != float(base):  # "%g" keeps 6 digits: 1.0000001 -> "1"
        text = repr(float(base))
    return f"log{text}"


def base_of_unit(unit: str) -> float:
    """Return the logarithm base of a unit name made by :func:`unit_name`.

    Examples
    --------
    >>> base_of_unit("bits")
    2.0
    """
    if unit == "nats":
        return math.e
    if unit == "bits":
        return 2.0
    if unit.startswith("log"):
        try:
            return float(unit[3:])
        except ValueError:
            pass
    raise InvalidParameterError(
        f"The 'unit' {unit!r} is not a unit mutinfo knows; expected 'nats', 'bits' "
        "or 'log<base>'."
    )


def check_base(base: Any) -> float:
    """Validate a logarithm base and return it as a float.

    A base must be a finite number greater than 1. A base in (0, 1) has a
    negative logarithm and would flip the sign of every information quantity
    (``entropy(d, base=0.5)`` would come out negative), so it is refused.
    """
    message = (
        "The 'base' parameter must be a finite number > 1 (e.g. 2 for bits, "
        "math.e for nats, 10 for hartleys); a base <= 1 would give negative or "
        "infinite information values. Got {!r} instead."
    )
    if isinstance(base, bool | np.bool_) or not isinstance(
        base, int | float | np.integer | np.floating
    ):
        raise InvalidParameterError(message.format(base))
    b = float(base)
    if not math.isfinite(b) or b <= 1:
        raise InvalidParameterError(message.format(base))
    return b


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


#: Scalar extras measured in the result's unit (converted by :meth:`Result.to`).
_UNIT_EXTRAS = (
    "std",
    "stderr",
    "plugin",
    "plugin_stderr",
    "dv",
    "dv_stderr",
    "entropy_rate",
)

#: Tuples of values in the result's unit (excess entropy's block entropies).
_UNIT_TUPLE_EXTRAS = ("block_entropies",)

#: Series of a training curve in the result's unit (the neural families'
#: ``"curve"``: its ``"train"`` and ``"val"``, not its ``"step"``).
_UNIT_CURVE_SERIES = ("train", "val")


@dataclass(frozen=True)
class Result:
    """An estimate with its unit, method and provenance.

    Attributes
    ----------
    value : float
        The estimate, in ``unit``. Never clipped at zero.
    unit : str
        ``"nats"``, ``"bits"`` or ``"log<base>"``.
    measure : str
        ``"entropy"``, ``"conditional_entropy"``, ``"mi"``, ``"cmi"``, ...
    method : str
        The registry name of the estimator that ran (never ``"auto"``).
    n_samples : int
        Number of samples used (after the NaN policy).
    params : Mapping
        The estimator's parameters.
    extras : Mapping
        Estimator-specific extra outputs (``"std"``, ``"stderr"``, ``"curve"``, ...).
    local : numpy.ndarray or None
        Pointwise values in ``unit`` whose mean is ``value``, where the estimator
        defines them.

    Examples
    --------
    >>> r = Result(value=1.0, unit="bits", measure="mi", method="plugin", n_samples=4)
    >>> float(r.to(math.e))
    0.6931471805599453
    """

    value: float
    unit: str
    measure: str
    method: str
    n_samples: int
    params: Mapping[str, Any] = field(default_factory=dict)
    extras: Mapping[str, Any] = field(default_factory=dict)
    local: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", float(self.value))
        object.__setattr__(self, "params", _frozen(self.params))
        object.__setattr__(self, "extras", _frozen(self.extras))
        if self.local is not None:
            local = np.array(self.local, dtype=np.float64)
            local.setflags(write=False)
            object.__setattr__(self, "local", local)

    def __float__(self) -> float:
        return self.value

    def to(self, base: float) -> Result:
        """Return the same result expressed with logarithms to ``base``.

        Parameters
        ----------
        base : float
            Target logarithm base (2 for bits, ``math.e`` for nats).

        Returns
        -------
        Result
            A converted copy; local values and extras that carry units are
            converted too (``"std"``, ``"stderr"``, ``"term_std"``, the
            classifier family's ``"plugin"``, ``"dv"`` and their ``"_stderr"``,
            excess entropy's ``"entropy_rate"`` and ``"block_entropies"``, and
            the ``"train"`` and ``"val"`` series of the neural ``"curve"``).
        """
        new_base = check_base(base)
        factor = math.log(base_of_unit(self.unit)) / math.log(new_base)
        extras = dict(self.extras)
        for key in _UNIT_EXTRAS:
            if isinstance(extras.get(key), int | float):
                extras[key] = extras[key] * factor
        if isinstance(extras.get("term_std"), Mapping):  # NSB: sd per entropy term
            extras["term_std"] = {k: v * factor for k, v in extras["term_std"].items()}
        for key in _UNIT_TUPLE_EXTRAS:
            if isinstance(extras.get(key), tuple):
                extras[key] = tuple(v * factor for v in extras[key])
        curve = extras.get("curve")
        if isinstance(curve, Mapping):  # neural: a bits result had a nats curve
            extras["curve"] = {
                k: [v * factor for v in series] if k in _UNIT_CURVE_SERIES else series
                for k, series in curve.items()
            }
        return replace(
            self,
            value=self.value * factor,
            unit=unit_name(new_base),
            extras=extras,
            local=None if self.local is None else self.local * factor,
        )

    def to_dict(self, *, include_local: bool = False) -> dict[str, Any]:
        """Return a JSON-ready dictionary (what ``--format json`` prints).

        Parameters
        ----------
        include_local : bool, default=False
            Include the pointwise values as a list.
        """
        out: dict[str, Any] = {
            "value": _jsonable(self.value),
            "unit": self.unit,
            "measure": self.measure,
            "method": self.method,
            "n_samples": self.n_samples,
            "params": _jsonable(self.params),
            "extras": _jsonable(self.extras),
        }
        if include_local:
            out["local"] = None if self.local is None else _jsonable(self.local)
        return out


@dataclass(frozen=True)
class TestResult:
    """Outcome of a significance test of zero (conditional) mutual information.

    ``p_value = (1 + #{null >= statistic}) / (1 + n_permutations)``;
    ``effective_value = statistic - null_mean`` (a bias-corrected estimate).
    """

    __test__ = False  # not a pytest test class

    statistic: float
    p_value: float
    n_permutations: int
    null_mean: float
    null_std: float
    effective_value: float
    method: str
    surrogate: str
    unit: str = "nats"
    null_distribution: np.ndarray | None = field(
        default=None, repr=False, compare=False
    )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (without the null distribution)."""
        return {
            k: _jsonable(getattr(self, k))
            for k in (
                "statistic",
                "p_value",
                "n_permutations",
                "null_mean",
                "null_std",
                "effective_value",
                "method",
                "surrogate",
                "unit",
            )
        }


@dataclass(frozen=True)
class ConfidenceInterval:
    """A confidence interval for an estimate.

    ``target`` names the quantity the interval is built to cover: the measure
    itself (``"mi"``, ``"entropy"``, ...), or what the family estimates in its
    place, for example ``"mi of the binned variables"`` or ``"a lower bound on
    mi"``; ``""`` where it is not recorded (intervals made before it existed).
    """

    low: float
    high: float
    level: float
    estimate: float
    method: str
    scheme: str
    n_resamples: int
    unit: str = "nats"
    target: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return {
            k: _jsonable(getattr(self, k))
            for k in (
                "low",
                "high",
                "level",
                "estimate",
                "method",
                "scheme",
                "n_resamples",
                "unit",
                "target",
            )
        }
