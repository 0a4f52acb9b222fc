"""Extension points: new estimator families and new measures, without forking.

Everything a family or a measure defined outside mutinfo needs, in one public
module (see docs/extending.md):

- :class:`Estimator`, :class:`RawEstimate`, :class:`Variable`: the base class, what
  its private hooks return (nats), and the validated data they receive;
- :func:`register_family`: add a family to the registry (a class decorator); a
  family in another package can instead be advertised under the
  ``mutinfo.estimators`` entry-point group, which mutinfo loads lazily;
- :class:`Param` and the constraints :class:`Interval`, :class:`Options`,
  :class:`Bool`, :class:`AnyOf`, :class:`IsNone`: declared parameters, checked
  once with the same errors as the built-in families;
- :func:`declare_measure`: a new measure, native to families that implement its
  hook, or composed from measures they already estimate;
- :func:`recorded_warnings`: record the warnings of a block of mutinfo calls,
  safely beside mutinfo's background loading of numba.

Examples
--------
>>> from mutinfo.extend import declare_measure, register_family, Estimator
>>> callable(register_family) and callable(declare_measure)
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from mutinfo._measures import MEASURES, Measure, RawEstimate, declare_measure, join
from mutinfo._params import AnyOf, Bool, Constraint, Interval, IsNone, Options, Param
from mutinfo._registry import ENTRY_POINT_GROUP
from mutinfo._registry import register as register_family
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator

__all__ = [
    "ENTRY_POINT_GROUP",
    "MEASURES",
    "AnyOf",
    "Bool",
    "Constraint",
    "Estimator",
    "Interval",
    "IsNone",
    "Measure",
    "Options",
    "Param",
    "RawEstimate",
    "Variable",
    "declare_measure",
    "join",
    "recorded_warnings",
    "register_family",
]


@contextmanager
def recorded_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning of a block, safely beside the background numba loader.

    ``warnings.catch_warnings(record=True)`` with the ``"always"`` filter, that
    waits for mutinfo's background loading of numba (started by a large kNN
    search) before the block and before leaving it. numba enters
    ``warnings.catch_warnings`` thousands of times while it loads, and before
    Python 3.14 that state is shared by all threads: a recording block that a
    load overlaps can lose its warnings. mutinfo's matrix, report and
    time-series matrix record their warnings with it.

    Yields
    ------
    list of warnings.WarningMessage
        The warnings raised in the block, in order.

    Examples
    --------
    >>> import warnings
    >>> from mutinfo.extend import recorded_warnings
    >>> with recorded_warnings() as caught:
    ...     warnings.warn("checked", UserWarning)
    >>> [str(w.message) for w in caught]
    ['checked']
    """
    from mutinfo._neighbors._jit import settle

    settle()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield caught
        finally:
            settle()
