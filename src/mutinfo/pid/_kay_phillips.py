"""Kay & Phillips: modulatory versus arithmetic interactions of drive and context.

A binary local processor with output ``Y in {-1, 1}`` receives a driving
(receptive-field) input ``r = s_r X_r`` and a contextual input ``c = s_c X_c``
where ``X_r, X_c in {-1, 1}`` have ``P(x_r, x_c) = (1 + rho x_r x_c) / 4``
(uniform marginals, correlation ``rho``). The output fires with
``P(Y = 1 | r, c) = 1 / (1 + exp(-T(r, c)))`` for the transfer function ``T``:

- ``"modulatory"``: ``T(r, c) = r (1 + exp(r c)) / 2`` (context amplifies or
  attenuates the drive but cannot flip its sign);
- ``"additive"``: ``T = r + c``; ``"subtractive"``: ``T = r - c``;
- ``"multiplicative"``: ``T = r c``; ``"divisive"``: ``T = r / c``.

The claim examined (Kay, Ince, Dering & Phillips 2017, Entropy 19(11):560,
doi:10.3390/e19110560; Kay & Phillips 2020, Symmetry 12(5):815,
doi:10.3390/sym12050815): under modulation the output carries (almost) no
information unique to the context, while the arithmetic interactions give the
context unique or synergistic information of its own.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from mutinfo._params import check_choice
from mutinfo._result import check_base, unit_name
from mutinfo.discrete import Distribution
from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid._decompose import Measure, decompose

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TRANSFER_FUNCTIONS", "kay_phillips", "kay_phillips_distribution"]


def _exp(x: float) -> float:
    """``exp(x)``, ``inf`` where it overflows (strong inputs raised OverflowError)."""
    return math.exp(x) if x < 709.0 else math.inf


def _logistic(t: float) -> float:
    """``1 / (1 + exp(-t))`` without overflow for large ``|t|`` (``t`` may be inf)."""
    if t >= 0:
        return 1.0 / (1.0 + _exp(-t))
    e = _exp(t)
    return e / (1.0 + e)


#: The transfer functions T(r, c), by name.
TRANSFER_FUNCTIONS: dict[str, Callable[[float, float], float]] = {
    "modulatory": lambda r, c: 0.5 * r * (1.0 + _exp(r * c)),
    "additive": lambda r, c: r + c,
    "subtractive": lambda r, c: r - c,
    "multiplicative": lambda r, c: r * c,
    "divisive": lambda r, c: r / c,
}


def _is_number(value: object) -> bool:
    """Return whether ``value`` is a real number and not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def kay_phillips_distribution(
    function: str,
    *,
    drive: float = 1.0,
    context: float = 1.0,
    correlation: float = 0.0,
) -> Distribution:
    """Return the joint distribution of drive, context and output for one function.

    Parameters
    ----------
    function : {"modulatory", "additive", "subtractive", "multiplicative", "divisive"}
        The transfer function ``T(r, c)`` (see the module docstring).
    drive, context : float, default=1.0
        Input strengths ``s_r`` and ``s_c`` (non-zero).
    correlation : float, default=0.0
        Correlation ``rho`` of the binary inputs, in ``(-1, 1)``.

    Returns
    -------
    Distribution
        Over ``("r", "c", "y")`` with labels -1 and 1.

    Raises
    ------
    InvalidParameterError
        For an unknown function, a zero strength or ``|rho| >= 1``.

    Examples
    --------
    >>> from mutinfo.pid import kay_phillips_distribution
    >>> d = kay_phillips_distribution("additive", drive=1, context=1)
    >>> round(d[(1, 1, 1)], 4)
    0.2202
    """
    name = check_choice(
        function, "function", list(TRANSFER_FUNCTIONS), "kay_phillips_distribution()"
    )
    # A bool is an int to isinstance: drive=True read as strength 1 and
    # correlation=False as 0, silently (as numbers elsewhere, bools are refused).
    for label, value in (("drive", drive), ("context", context)):
        if (
            not _is_number(value)
            or not math.isfinite(float(value))
            or float(value) == 0
        ):
            raise InvalidParameterError(
                f"The {label!r} parameter of kay_phillips_distribution() must be a "
                f"finite non-zero number (the input strength). Got {value!r} "
                "instead; pass a number such as 1.0."
            )
    if not _is_number(correlation) or not -1 < float(correlation) < 1:
        raise InvalidParameterError(
            "The 'correlation' parameter of kay_phillips_distribution() must be a "
            f"number in (-1, 1). Got {correlation!r} instead; pass a number such "
            "as 0.0."
        )
    drive, context, correlation = float(drive), float(context), float(correlation)
    transfer = TRANSFER_FUNCTIONS[name]
    pmf: dict[tuple[int, int, int], float] = {}
    for xr in (-1, 1):
        for xc in (-1, 1):
            p_in = (1.0 + correlation * xr * xc) / 4.0
            fire = _logistic(transfer(drive * xr, context * xc))
            pmf[(xr, xc, 1)] = p_in * fire
            pmf[(xr, xc, -1)] = p_in * (1.0 - fire)
    return Distribution(pmf, ("r", "c", "y"), normalize=True)


def kay_phillips(
    functions: Sequence[str] = (
        "modulatory",
        "additive",
        "subtractive",
        "multiplicative",
        "divisive",
    ),
    *,
    measures: Sequence[Measure] = ("imin", "broja", "ccs"),
    drive: float = 1.0,
    context: float = 1.0,
    correlation: float = 0.0,
    base: float = 2,
) -> pd.DataFrame:
    """PIDs of the output about drive and context, per transfer function and measure.

    Parameters
    ----------
    functions : sequence of str
        Transfer functions (see :func:`kay_phillips_distribution`).
    measures : sequence of str, default=("imin", "broja", "ccs")
        PID measures (``"broja"`` needs the ``pid`` extra).
    drive, context, correlation : float
        Input strengths and input correlation.
    base : float, default=2
        Logarithm base (2: bits).

    Returns
    -------
    pandas.DataFrame
        One row per (function, measure): ``mi`` = I(Y; R, C), ``shared``
        (redundancy), ``unique_drive``, ``unique_context``, ``synergy``.

    References
    ----------
    .. [1] J. W. Kay, R. A. A. Ince, B. Dering and W. A. Phillips, "Partial
       and entropic information decompositions of a neuronal modulatory
       interaction", Entropy 19(11):560 (2017), doi:10.3390/e19110560.
    .. [2] J. W. Kay and W. A. Phillips, "Contextual modulation in mammalian
       neocortex is asymmetric", Symmetry 12(5):815 (2020),
       doi:10.3390/sym12050815.

    Examples
    --------
    >>> from mutinfo.pid import kay_phillips
    >>> t = kay_phillips(
    ...     ["modulatory", "additive"], measures=["imin"], drive=1, context=1
    ... )
    >>> t.round(3)[["function", "unique_drive", "unique_context"]].values.tolist()
    [['modulatory', 0.184, 0.0], ['additive', 0.0, 0.0]]
    """
    import pandas as pd

    rows = []
    for function in functions:
        dist = kay_phillips_distribution(
            function, drive=drive, context=context, correlation=correlation
        )
        for measure in measures:
            r = decompose(dist, ["r", "c"], "y", measure=measure, base=base)
            rows.append(
                {
                    "function": function,
                    "measure": measure,
                    "mi": r.mutual_information,
                    "shared": r.redundancy,
                    "unique_drive": r.unique[0],
                    "unique_context": r.unique[1],
                    "synergy": r.synergy,
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs.update(unit=unit_name(check_base(base)))
    return frame
