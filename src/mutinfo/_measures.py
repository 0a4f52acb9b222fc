"""The measures, each declared once: its variables, its hook, its composition.

A *measure* is what an estimate is of: ``entropy`` H(X), ``mi`` I(X; Y),
``cmi`` I(X; Y | Z), ... Each is declared here with :func:`declare_measure`:

- ``variables``: the front-door arguments it takes, in order (``x``, ``y``, ``z``);
- ``hook``: the private method a family implements to estimate it natively
  (``_mi(x, y, rng)``), listed in the family's ``measures``;
- ``compose`` (optional): how to build it from other measures, so that every
  family supporting those (``requires``) supports it too, with no edit.

The estimator base class dispatches through this table (no if-chain), the front
door validates the variables a measure takes with :func:`gather`, and a new
measure is one :func:`declare_measure` call (see docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import check_choice
from mutinfo._validation import Variable, check_samples
from mutinfo.exceptions import InvalidParameterError

__all__ = [
    "MEASURES",
    "Family",
    "Measure",
    "RawEstimate",
    "columns",
    "declare_measure",
    "derived",
    "gather",
    "get_measure",
    "join",
]

#: The front-door variable names, in their positional order.
VARIABLES: tuple[str, ...] = ("x", "y", "z")


@dataclass
class RawEstimate:
    """What a family's private hook returns: a value in nats, local values, extras.

    ``local`` holds pointwise values whose mean is ``value`` where the family
    defines them; ``extras`` holds estimator-specific figures (``"std"``, ...).
    """

    value: float
    local: NDArray[np.float64] | None = None
    extras: dict[str, Any] = field(default_factory=dict)


#: ``part(measure, *variables)``: estimate another measure with the same family.
Part = Callable[..., RawEstimate]
#: ``compose(part, *variables)``: a measure built from other measures.
Compose = Callable[..., RawEstimate]


@dataclass(frozen=True)
class Measure:
    """One declared measure (see :func:`declare_measure`)."""

    name: str
    variables: tuple[str, ...]
    hook: str
    symbol: str = ""
    summary: str = ""
    requires: tuple[str, ...] = ()
    compose: Compose | None = None


class Family(Protocol):
    """What the registry and the layers above need of an estimator family class.

    Families subclass :class:`mutinfo.estimators.Estimator`; this protocol lets
    the registry (below the estimators) be typed without importing them.
    """

    name: ClassVar[str]
    summary: ClassVar[str]
    reference: ClassVar[str]
    measures: ClassVar[tuple[str, ...]]
    kinds: ClassVar[tuple[str, ...]]
    parameters: ClassVar[Mapping[str, Any]]  # name -> _validation.Param
    shannon: ClassVar[bool]
    thread_safe: ClassVar[bool]
    duplicate_sensitive: ClassVar[bool]
    interval_scheme: ClassVar[str]
    analytic_rule: ClassVar[str | None]
    composable: ClassVar[bool]

    def __init__(self, *, rng: Any = None, **params: Any) -> None: ...

    def compute(
        self, measure: str, variables: list[Variable], *, base: float = ...
    ) -> Any: ...


#: Every declared measure, by name, in declaration order.
MEASURES: dict[str, Measure] = {}


def declare_measure(
    name: str,
    variables: tuple[str, ...],
    *,
    hook: str | None = None,
    symbol: str = "",
    summary: str = "",
    requires: tuple[str, ...] = (),
    compose: Compose | None = None,
) -> Measure:
    """Declare a measure once; every family and the front door then know it.

    Parameters
    ----------
    name : str
        The measure's name, as passed to ``mt.estimate(name, ...)``.
    variables : tuple of {'x', 'y', 'z'}
        The variables it takes, in the front door's positional order.
    hook : str, optional
        The private method a family implements for a native estimate; default
        ``"_" + name``. It is called as ``hook(*variables, rng)`` and returns a
        :class:`RawEstimate` in nats.
    symbol, summary : str
        How the docs and ``mt.methods()`` write it, e.g. ``"I(X; Y)"``.
    requires : tuple of str
        Measures that ``compose`` calls; a family supporting all of them
        supports this measure through ``compose``.
    compose : callable, optional
        ``compose(part, *variables) -> RawEstimate``, where ``part(measure,
        *variables)`` estimates a required measure with the same family.

    Returns
    -------
    Measure

    Examples
    --------
    >>> from mutinfo._measures import declare_measure, MEASURES
    >>> m = MEASURES["mi"]
    >>> m.variables, m.hook
    (('x', 'y'), '_mi')
    """
    if not name.isidentifier():
        raise InvalidParameterError(
            f"A measure name must be a Python identifier; got {name!r}."
        )
    if not variables or any(v not in VARIABLES for v in variables):
        raise InvalidParameterError(
            f"The variables of measure {name!r} must be a non-empty tuple of "
            f"{', '.join(map(repr, VARIABLES))}; got {variables!r}."
        )
    if "x" not in variables or list(variables) != sorted(
        variables, key=VARIABLES.index
    ):
        raise InvalidParameterError(
            f"The variables of measure {name!r} must start with 'x' and keep the "
            f"order x, y, z; got {variables!r}."
        )
    unknown = [r for r in requires if r not in MEASURES]
    if unknown:
        raise InvalidParameterError(
            f"Measure {name!r} requires undeclared measure(s) {unknown}; declare "
            "them first."
        )
    if requires and compose is None:
        raise InvalidParameterError(
            f"Measure {name!r} names required measures {list(requires)} but no "
            "'compose' function that uses them."
        )
    measure = Measure(
        name=name,
        variables=tuple(variables),
        hook=hook or f"_{name}",
        symbol=symbol,
        summary=summary,
        requires=tuple(requires),
        compose=compose,
    )
    MEASURES[name] = measure
    return measure


def derived(native: tuple[str, ...]) -> tuple[str, ...]:
    """Measures composable from ``native`` ones, directly or through composed ones.

    A measure is derived when each measure it ``requires`` is native or itself
    derived, so a family estimating only ``entropy`` gets ``total_correlation``
    and, through it, ``dual_total_correlation``, ``o_information`` and
    ``s_information``. Returned in declaration order, without the native ones.

    Examples
    --------
    >>> from mutinfo._measures import derived
    >>> "o_information" in derived(("entropy",))
    True
    """
    have = set(native)
    grew = True
    while grew:
        grew = False
        for m in MEASURES.values():
            if (
                m.name not in have
                and m.compose is not None
                and all(r in have for r in m.requires)
            ):
                have.add(m.name)
                grew = True
    return tuple(m for m in MEASURES if m in have and m not in native)


def get_measure(name: str, where: str = "estimate()") -> Measure:
    """Return the declared measure ``name`` (a clear error naming the choices)."""
    check_choice(name, "measure", list(MEASURES), where)
    return MEASURES[name]


def join(*variables: Variable) -> Variable:
    """Concatenate variables column-wise into one joint variable."""
    return Variable(
        name="".join(v.name for v in variables),
        values=np.hstack([v.values for v in variables]),
        discrete=tuple(d for v in variables for d in v.discrete),
        labels=tuple(lab for v in variables for lab in v.labels),
        coded=tuple(c for v in variables for c in v.coded),
    )


def gather(
    measure: str,
    x: Any,
    y: Any = None,
    z: Any = None,
    *,
    discrete: Any = "auto",
    nan_policy: str = "raise",
) -> list[Variable]:
    """Validate the variables that ``measure`` takes, in order."""
    wanted = get_measure(measure).variables
    given = {"x": x, "y": y, "z": z}
    for name in wanted:
        if given[name] is None:
            raise InvalidParameterError(
                f"The measure {measure!r} needs {name!r}; got {name}=None."
            )
    for name in VARIABLES:
        if name not in wanted and given[name] is not None:
            raise InvalidParameterError(
                f"The measure {measure!r} takes {', '.join(map(repr, wanted))}; "
                f"{name!r} was given too. Use a measure that takes it (for example "
                f"'cmi' for a conditioning 'z')."
            )
    return check_samples(
        {name: given[name] for name in wanted},
        discrete=discrete,
        nan_policy=nan_policy,
    )


# --------------------------------------------------------------------------- #
# The built-in measures
# --------------------------------------------------------------------------- #
def _difference(a: RawEstimate, b: RawEstimate) -> RawEstimate:
    local = None if a.local is None or b.local is None else a.local - b.local
    return RawEstimate(a.value - b.value, local)


def _conditional_entropy(part: Part, x: Variable, z: Variable) -> RawEstimate:
    return _difference(part("entropy", join(x, z)), part("entropy", z))


def columns(v: Variable) -> list[Variable]:
    """Split a variable into one single-column variable per column."""
    return [
        Variable(
            str(v.labels[j]) if v.labels else f"{v.name}[{j}]",
            v.values[:, [j]],
            (v.discrete[j],),
            (v.labels[j],) if v.labels else (),
            (v.coded[j],) if v.coded else (),
        )
        for j in range(v.n_features)
    ]


def _total_correlation(part: Part, x: Variable) -> RawEstimate:
    if x.n_features < 2:
        return RawEstimate(0.0, np.zeros(x.n_samples))
    total = part("entropy", x)
    value, local = -total.value, None if total.local is None else -total.local
    for col in columns(x):
        h = part("entropy", col)
        value += h.value
        local = None if local is None or h.local is None else local + h.local
    return RawEstimate(value, local)


def _leave_one_out(part: Part, x: Variable) -> tuple[RawEstimate, list[RawEstimate]]:
    """TC of all columns of ``x`` and of each set that leaves one column out."""
    whole = part("total_correlation", x)
    cols = columns(x)
    if len(cols) < 2:
        return whole, [RawEstimate(0.0, np.zeros(x.n_samples))]
    rest = [
        part("total_correlation", join(*(c for j, c in enumerate(cols) if j != i)))
        for i in range(len(cols))
    ]
    return whole, rest


def _combine(
    whole: RawEstimate, weight: float, rest: list[RawEstimate], sign: float
) -> RawEstimate:
    """``weight * whole + sign * sum(rest)``, local values where all have them."""
    value = weight * whole.value + sign * sum(r.value for r in rest)
    local = None
    if whole.local is not None and all(r.local is not None for r in rest):
        local = weight * whole.local + sign * sum(r.local for r in rest)  # type: ignore[misc]
    return RawEstimate(float(value), local)


def _dual_total_correlation(part: Part, x: Variable) -> RawEstimate:
    # DTC = H(X) - sum_i H(X_i | X_-i) = (k - 1) TC(X) - sum_i TC(X_-i)
    whole, rest = _leave_one_out(part, x)
    return _combine(whole, x.n_features - 1.0, rest, -1.0)


def _o_information(part: Part, x: Variable) -> RawEstimate:
    # Omega = TC - DTC = sum_i TC(X_-i) - (k - 2) TC(X)
    whole, rest = _leave_one_out(part, x)
    return _combine(whole, -(x.n_features - 2.0), rest, 1.0)


def _s_information(part: Part, x: Variable) -> RawEstimate:
    # Sigma = TC + DTC = k TC(X) - sum_i TC(X_-i)
    whole, rest = _leave_one_out(part, x)
    return _combine(whole, float(x.n_features), rest, -1.0)


declare_measure("entropy", ("x",), symbol="H(X)", summary="entropy")
declare_measure(
    "conditional_entropy",
    ("x", "z"),
    symbol="H(X | Z)",
    summary="conditional entropy H(X, Z) - H(Z)",
    requires=("entropy",),
    compose=_conditional_entropy,
)
declare_measure("mi", ("x", "y"), symbol="I(X; Y)", summary="mutual information")
declare_measure("cmi", ("x", "y", "z"), symbol="I(X; Y | Z)", summary="conditional MI")
declare_measure(
    "total_correlation",
    ("x",),
    symbol="TC(X)",
    summary="total correlation among the columns of x: sum_j H(X_j) - H(X)",
    requires=("entropy",),
    compose=_total_correlation,
)
declare_measure(
    "dual_total_correlation",
    ("x",),
    symbol="DTC(X)",
    summary="dual total correlation among the columns of x: "
    "H(X) - sum_j H(X_j | X_-j) = (k - 1) TC(X) - sum_j TC(X_-j)",
    requires=("total_correlation",),
    compose=_dual_total_correlation,
)
declare_measure(
    "o_information",
    ("x",),
    symbol="Omega(X)",
    summary="O-information among the columns of x (Rosas et al. 2019): TC - DTC, "
    "> 0 redundancy-dominated, < 0 synergy-dominated",
    requires=("total_correlation",),
    compose=_o_information,
)
declare_measure(
    "s_information",
    ("x",),
    symbol="Sigma(X)",
    summary="S-information among the columns of x (Rosas et al. 2019): TC + DTC",
    requires=("total_correlation",),
    compose=_s_information,
)
