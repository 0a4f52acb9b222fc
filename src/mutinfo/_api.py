"""The functional front door: entropy, conditional entropy, MI, CMI, estimate.

Each function validates its input once, resolves ``method`` (a registry name,
``"auto"`` or an estimator object) and returns nats unless ``base`` says otherwise.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from mutinfo._auto import make_estimator
from mutinfo._measures import gather
from mutinfo._result import Result, check_base

if TYPE_CHECKING:
    from mutinfo.estimators._base import Estimator

__all__ = [
    "cmi",
    "conditional_entropy",
    "entropy",
    "estimate",
    "estimator_for",
    "gather",
    "make_estimator",
    "mi",
]


def estimator_for(
    measure: str,
    x: Any,
    y: Any = None,
    z: Any = None,
    *,
    method: Any = "auto",
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> Estimator:
    """Return the estimator that :func:`estimate` would run on this data.

    The public way for analysis code to compose measures: resolve ``method``
    (a name, ``"auto"`` or an estimator object) and its parameters once, with
    the same rule and the same errors as :func:`estimate`, then call the
    estimator's ``estimate(measure, ...)`` (or ``mi``, ``cmi``, ...) on many
    arrays of the same kind (lags, layers, surrogates).

    Parameters
    ----------
    measure, x, y, z, method, discrete, nan_policy, rng, **method_params
        As in :func:`estimate`; the data decide what ``"auto"`` picks.

    Returns
    -------
    Estimator
        A settings-only estimator object (``Result.method`` of its estimates
        names the family).

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> x, y, z = rng.normal(size=(3, 500))
    >>> est = mt.estimator_for("cmi", x, y, z, n_neighbors=5, rng=0)
    >>> est
    KSG(n_neighbors=5, rng=0)
    >>> round(est.cmi(x, x + y, z).value, 1) > 0
    True
    """
    variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
    return make_estimator(method, measure, method_params, variables, rng)


def estimate(
    measure: str,
    x: Any,
    y: Any = None,
    z: Any = None,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> Result:
    """Estimate an information measure and return a full :class:`Result`.

    Parameters
    ----------
    measure : {'entropy', 'conditional_entropy', 'mi', 'cmi'}
        What to estimate. ``conditional_entropy`` takes ``x`` and ``z``.
    x, y, z : array-like of shape (n_samples,) or (n_samples, n_features)
        The variables; numpy arrays, lists, pandas or polars Series/DataFrames,
        or torch tensors. Rows are samples.
    method : str or Estimator, default='auto'
        A registry name (see :func:`mutinfo.methods`), ``"auto"``, or an
        estimator object such as ``mutinfo.estimators.KSG(n_neighbors=5)``.
    base : float, default=math.e
        Logarithm base of the result: ``math.e`` for nats, 2 for bits.
    discrete : 'auto', bool or tuple, default='auto'
        Which variables are discrete. ``"auto"``: integers, bools, strings and
        categoricals are discrete; floats are continuous unless they hold at
        most 9 distinct whole numbers that repeat (labels stored as floats).
    nan_policy : {'raise', 'omit'}, default='raise'
        ``"omit"`` drops rows with a missing value in any variable.
    rng : None, int or numpy.random.Generator, default=None
        Seed of every random draw (for example KSG's tie-breaking noise).
    **method_params
        Parameters of the chosen method (``n_neighbors=5``, ``variant=2``, ...).

    Returns
    -------
    Result
        The estimate with its unit, resolved method, sample count, parameters and,
        where the method defines them, local (pointwise) values.

    Notes
    -----
    The ``"auto"`` rule (subject to change; the method that ran is always in
    ``Result.method``): all discrete -> a bias-corrected counting family
    chosen by how well the joint table is sampled (``james_stein``, ``nsb``,
    ``chao_shen``, ``miller_madow`` or ``grassberger``; see
    :mod:`mutinfo._auto`); all
    continuous -> ``kl`` for entropies and ``ksg`` for MI/CMI (``mixed_ksg``,
    Gao et al., when a column has over 10 % repeated values); a mix ->
    ``mixed_ksg``. Estimates are never clipped at zero: a small negative MI
    means "indistinguishable from zero at this sample size" and shows the
    estimator's bias.

    Examples
    --------
    >>> import mutinfo as mt
    >>> res = mt.estimate("mi", [0, 1, 1, 0] * 5, [0, 1, 1, 0] * 5, base=2)
    >>> round(res.value, 3), res.unit, res.method  # 5 samples per cell
    (1.036, 'bits', 'miller_madow')
    """
    base = check_base(base)
    variables = gather(measure, x, y, z, discrete=discrete, nan_policy=nan_policy)
    estimator = make_estimator(method, measure, method_params, variables, rng)
    return estimator.compute(measure, variables, base=base)


def entropy(
    x: Any,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Estimate the entropy H(X) (differential entropy for continuous X).

    See :func:`estimate` for the parameters; returns ``Result.value``.

    Examples
    --------
    >>> import mutinfo as mt
    >>> mt.entropy(["a", "b"] * 10, base=2, method="plugin")
    1.0
    """
    return estimate(
        "entropy",
        x,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        **method_params,
    ).value


def conditional_entropy(
    x: Any,
    z: Any,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Estimate the conditional entropy H(X | Z) = H(X, Z) - H(Z).

    See :func:`estimate` for the parameters; returns ``Result.value``.

    Examples
    --------
    >>> import mutinfo as mt
    >>> mt.conditional_entropy(
    ...     [0, 1, 0, 1] * 5, [0, 0, 1, 1] * 5, base=2, method="plugin"
    ... )
    1.0
    """
    return estimate(
        "conditional_entropy",
        x,
        z=z,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        **method_params,
    ).value


def mi(
    x: Any,
    y: Any,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Estimate the mutual information I(X; Y).

    See :func:`estimate` for the parameters; returns ``Result.value``.

    Examples
    --------
    >>> import numpy as np, mutinfo as mt
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=2000)
    >>> y = 0.9 * x + np.sqrt(1 - 0.81) * rng.normal(size=2000)
    >>> round(mt.mi(x, y, rng=0), 1)  # truth: -0.5 * log(1 - 0.81) = 0.83
    0.8
    """
    return estimate(
        "mi",
        x,
        y,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        **method_params,
    ).value


def cmi(
    x: Any,
    y: Any,
    z: Any,
    *,
    method: Any = "auto",
    base: float = math.e,
    discrete: Any = "auto",
    nan_policy: str = "raise",
    rng: Any = None,
    **method_params: Any,
) -> float:
    """Estimate the conditional mutual information I(X; Y | Z).

    See :func:`estimate` for the parameters; returns ``Result.value``.

    Examples
    --------
    >>> import mutinfo as mt
    >>> x, y = [0, 0, 1, 1] * 5, [0, 1, 0, 1] * 5
    >>> z = [a ^ b for a, b in zip(x, y)]  # XOR: I(x; y | z) = 1 bit
    >>> mt.cmi(x, y, z, base=2, method="plugin")
    1.0
    """
    return estimate(
        "cmi",
        x,
        y,
        z,
        method=method,
        base=base,
        discrete=discrete,
        nan_policy=nan_policy,
        rng=rng,
        **method_params,
    ).value
