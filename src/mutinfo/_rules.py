"""Measured rules that pick an estimator family from the shape of the data.

Pure functions of a few numbers (no data, no registry), so the ``auto``
resolver can call them and tests can pin them. Each docstring states the
measurement the thresholds come from; rerun the named benchmark to regenerate
the evidence. The rules are subject to change as the measurements improve.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "CMI_COVERAGE",
    "CONTINUOUS_HIGH_DIM",
    "ENTROPY_COVERAGE",
    "MI_COVERAGE",
    "MI_MANY_VALUES",
    "MI_SINGLETONS",
    "SMALL_ALPHABET",
    "SMALL_TABLE",
    "choose_continuous_family",
    "choose_discrete_family",
    "choose_mixed_family",
]

#: Samples per cell (n / joint cardinality) below which MI gets
#: ``dirichlet_product``, and CMI (and total correlation) ``nsb``; Grassberger
#: (Miller-Madow for small tables) above.
MI_COVERAGE: float = 2.0
CMI_COVERAGE: float = 1.0
#: Fewest observed values of *each* variable for MI to get ``dirichlet_product``
#: (both variables many-valued); a many-valued feature against a few classes
#: gets Grassberger at any coverage, since the product-centred prior flattens
#: its smooth dependence to about zero.
MI_MANY_VALUES = 10
#: Samples per observed value of the variable with more values below which MI
#: gets ``dirichlet_product`` whatever else the table shows: nearly every value
#: is seen once (a row ID, a code unique to its row), so no estimator can tell
#: a dependence from its absence, and the product-centred prior reads such a
#: table as independent where Grassberger reads it as H(Y) (see the Notes).
MI_SINGLETONS = 1.2
#: Samples per occupied cell that separate the entropy families: below the
#: first, Chao-Shen; below the second, NSB; else Grassberger.
ENTROPY_COVERAGE: tuple[float, float] = (1.3, 5.0)
#: Largest joint table (cells) for which well-sampled MI/CMI gets Miller-Madow
#: rather than Grassberger (see :func:`choose_discrete_family`).
SMALL_TABLE = 16
#: Most occupied cells for which an entropy gets Miller-Madow: the entropy of
#: a variable with at most this many values is the MI of its small
#: (``SMALL_ALPHABET ** 2 <= SMALL_TABLE`` cells) one-to-one table with itself.
SMALL_ALPHABET = 4
#: Joint dimension from which the Gaussian copula's worst-case error over the
#: registered tasks is smaller than KSG's (at n from 10^3 to 10^4).
CONTINUOUS_HIGH_DIM = 10

_MEASURES = ("entropy", "conditional_entropy", "mi", "cmi", "total_correlation")


def _check(measure: str, n_samples: int, size: int, what: str) -> None:
    if measure not in _MEASURES:
        from mutinfo.exceptions import InvalidParameterError

        raise InvalidParameterError(
            f"The 'measure' parameter must be one of {', '.join(map(repr, _MEASURES))}."
            f" Got {measure!r} instead."
        )
    for name, value in (("n_samples", n_samples), (what, size)):
        if not isinstance(value, int | np.integer) or value < 1:
            from mutinfo.exceptions import InvalidParameterError

            raise InvalidParameterError(
                f"The {name!r} parameter must be a positive int. Got {value!r} instead."
            )


def choose_discrete_family(
    measure: str,
    n_samples: int,
    joint_cardinality: int,
    *,
    occupied: int | None = None,
    functional: bool = False,
    sizes: tuple[int, int] | None = None,
) -> str:
    """Pick the discrete family with the smallest measured worst-case RMSE.

    Parameters
    ----------
    measure : {'entropy', 'conditional_entropy', 'mi', 'cmi', 'total_correlation'}
        The measure to estimate.
    n_samples : int
        Number of rows.
    joint_cardinality : int
        Number of cells of the largest table: the product of the observed
        numbers of distinct values of its columns (all variables of the
        measure), empty cells included.
    occupied : int or None, default=None
        Number of occupied cells of that table (distinct observed rows). The
        entropy rule uses it (``joint_cardinality`` when None).
    functional : bool, default=False
        For MI: whether the table is functional, one variable's observed
        values determining the other's (as many occupied cells as the larger
        variable has values).
    sizes : tuple of (int, int) or None, default=None
        For MI: the observed numbers of distinct values of X and of Y (their
        product is ``joint_cardinality``). None reads the table as square
        (each variable with ``isqrt(joint_cardinality)`` values).

    Returns
    -------
    str
        A registry name: ``'dirichlet_product'``, ``'nsb'``, ``'chao_shen'``,
        ``'miller_madow'`` or ``'grassberger'``.

    Raises
    ------
    InvalidParameterError
        For an unknown measure or a non-positive count.

    Notes
    -----
    MI and CMI (coverage ``c = n_samples / joint_cardinality``): MI gets
    ``dirichlet_product`` for ``c < 2`` when both variables have at least
    :data:`MI_MANY_VALUES` (10) observed values and the table is not
    functional, CMI (and total correlation) ``nsb`` for ``c < 1``, else
    Grassberger.
    Measured (60 draws per cell; ``benchmarks/discrete.py --rule``) on an
    8 x 8 channel (p(x) ~ 8..1, Y = X w.p. 0.6), a 40 x 40 Zipf channel
    (Y = X w.p. 0.5) and a 20 x 20 uniform channel (Y = X w.p. 0.3) at
    N = 100 ... 10^4, bias / RMSE in nats. Below ``c = 2``
    ``dirichlet_product`` has the smallest or near-smallest RMSE on each
    (8 x 8 at N = 100: 0.153, James-Stein 0.128, Grassberger 0.165; Zipf at
    N = 100 / 300 / 3000: 0.162 / 0.172 / 0.043, James-Stein 0.225 / 0.348 /
    0.183, NSB 0.710 / 0.310 / 0.064; uniform 20 x 20 at N = 100 / 300:
    0.174 / 0.066, James-Stein 0.255 / 0.105) and about zero on independent
    tables (James-Stein -0.31 on independent Zipf 40 x 40 at N = 100;
    ``benchmarks/discrete_mi_bayes.py``). From ``c = 2`` on Grassberger is as
    good or better (within 0.003 of the best at ``c >= 4.7``, never worse
    than plug-in), while ``dirichlet_product`` keeps a bias of -0.01 to -0.05.
    A functional table defeats its prior, centred on independence (Zipf-40
    copy Y = X at N = 100: -0.69 nats, Grassberger -0.003), so it goes to
    Grassberger. CMI stays with NSB, since shrinking every stratum of the
    condition towards independence is off by 0.1-2 nats (James-Stein on
    XOR's CMI at n = 100: -0.118; the product-centred prior per stratum:
    -0.25 on an 8 x 8 x 8 chain at n = 100).

    Both variables many-valued (``benchmarks/discrete_mi_rule.py``, 60 draws
    per row from exact pmfs, 173 rows at c = 0.1 ... 4): on a many-valued
    feature against 2-5 classes with smooth dependence (a discretised normal
    whose mean moves with the class, k = 20, 50, 100 values) the prior
    flattens the dependence to about zero: k = 50 against 3 classes (truth
    0.619) at n = 150, ``dirichlet_product`` -0.334 / 0.338, Grassberger
    +0.050 / 0.082; the mod-4 channel 40 x 4 (w.p. 0.9, truth 1.038) at
    n = 40: -0.854 / 0.866 against +0.213 / 0.242; Wine's magnesium (53
    values) against the cultivar, n = 178: 1.3e-08 nats against 0.238. The
    threshold of 10 values minimises the worst-case RMSE over those tables,
    2-D Gaussians on 20 x 20 bins, the square channels and independent
    tables (0.741 against 0.842 before, over 1-15 values, caps on samples
    per value, NSB at low coverage); the 8 x 8 channel goes to Grassberger
    (N = 100: +0.056 / 0.155 over 300 draws). Its worst cases are at
    25-50 rows for 250-500 cells, where no family is good: Grassberger's
    +0.70 on weak ordinal dependence and +0.61 on an independent 50 x 3
    table at n = 20 (``dirichlet_product`` 0), preferred to returning about
    zero for a dependent pair.

    Nearly all singletons: when the variable with more values has fewer than
    :data:`MI_SINGLETONS` (1.2) samples per observed value, MI gets
    ``dirichlet_product`` whatever the rest says (tables of more than
    :data:`SMALL_TABLE` cells that are not one-to-one: a relabelling, such as
    a column against itself, stays functional). A row ID against a binary
    label is functional and many-against-few, and Grassberger read it as
    H(Y) (0.692 for independent data); independent uniform 1000 x 5 at
    n = 50 / 100 / 300: Grassberger +1.56 / +1.46 / +1.22 nats, the product
    prior 0.000. The price is paid by strongly dependent tables seen that
    thinly (mod-4 40 x 4, q = 0.9, n = 20: RMSE 0.33 -> 0.74; ordinal 500 x 2,
    n = 50: +0.29 -> -0.34): worst-case RMSE over the 196 (case, n) rows of
    ``benchmarks/discrete_mi_rule.py`` (its "singletons" group included; 20 draws each)
    1.56 -> 0.74.

    Two refinements, measured with ``benchmarks/discrete_small_tables.py``
    (60 draws): tables of at most :data:`SMALL_TABLE` cells with ``c >= 1``
    get Miller-Madow, since Grassberger's correction swings with the parity
    of small counts (independent 2 x 2 at n = 20: RMSE Grassberger 0.113,
    plug-in 0.044, Miller-Madow 0.035; XOR's CMI 2 x 2 x 2 at n = 40: 0.050,
    0.040, 0.028), and so does MI there, where ``dirichlet_product`` loses
    on strongly dependent 4 x 4 tables (Y = X w.p. 0.8-0.95, n = 20-30:
    RMSE 0.20-0.33 against Miller-Madow's 0.14-0.28;
    ``benchmarks/discrete_mi_bayes.py --small``).

    One-to-one MI tables (as many occupied cells as each variable has values,
    more than :data:`SMALL_TABLE` cells) get the entropy rule on the occupied
    cells: every counting family's MI is then its entropy of X, so
    ``I(X; X)`` equals ``H(X)``; entropies of at most :data:`SMALL_ALPHABET`
    (4) values get Miller-Madow, as MI of their small table does. Measured
    with ``benchmarks/discrete_self_mi.py`` (30 draws; uniform and Zipf over
    2-1,000 values, n = 10-1,000, Y a relabelling of X): worst / mean RMSE of
    ``I(X; X)`` 3.35 / 0.298 nats before (MI rule), 2.13 / 0.222 after;
    Miller-Madow's RMSE is at most Grassberger's or NSB's on every entropy of
    2-4 values there (binary, n = 10: 0.051 against 0.144). On the 196 rows of
    ``benchmarks/discrete_mi_rule.py --draws 20`` only the Zipf-40 copy at
    N = 100 changes (Grassberger's RMSE 0.145, NSB's 0.165; worst case 0.736
    unchanged, mean 0.1544 -> 0.1545). The rule sees the sample only, so a
    large or infinite support seen through at most 4 values pays
    (``benchmarks/discrete_small_entropy.py``, 200 draws: Zipf exponent 2 over
    1,000 values at n = 10, RMSE 0.548 -> 0.719; geometric 1/2 at n = 20,
    0.275 -> 0.307), while 2-4-valued variables gain (uniform on 4 at n = 5,
    0.629 -> 0.368); over its 37 rows the mean RMSE goes 0.462 -> 0.427 (the
    worst, 4.45 -> 5.48, is n = 3 rows from 1,000 values, which no family reads).

    Entropies (``c = n_samples / occupied``): ``c < 1.3`` -> Chao-Shen,
    ``1.3 <= c < 5`` -> NSB, else Grassberger; measured (10 draws) on uniform
    and Zipf distributions over 1,000 symbols and a discretised Gaussian
    (sd 30 symbols) at N = 100 ... 10^4. Worst RMSE with ``c < 1.3``:
    Chao-Shen 0.44 (NSB 0.90); ``1.3 <= c < 5``: NSB 0.42 (Chao-Shen 0.68,
    Grassberger 0.72); ``c >= 5``: Grassberger 0.03 (NSB 0.05).

    Examples
    --------
    >>> choose_discrete_family("mi", 100, 40 * 40)
    'dirichlet_product'
    >>> choose_discrete_family("mi", 100, 40 * 40, functional=True)
    'grassberger'
    >>> choose_discrete_family("mi", 178, 53 * 3, sizes=(53, 3))  # few classes
    'grassberger'
    >>> choose_discrete_family("mi", 10_000, 40 * 40)
    'grassberger'
    >>> choose_discrete_family("mi", 20, 2 * 2)
    'miller_madow'
    >>> choose_discrete_family("cmi", 100, 40 * 40 * 4)
    'nsb'
    >>> choose_discrete_family("entropy", 300, 1000, occupied=260)
    'chao_shen'
    >>> choose_discrete_family("mi", 300, 260 * 260, occupied=260, sizes=(260, 260))
    'chao_shen'
    """
    _check(measure, n_samples, joint_cardinality, "joint_cardinality")
    if measure in ("entropy", "conditional_entropy"):
        cells = joint_cardinality if occupied is None else occupied
        _check(measure, n_samples, cells, "occupied")
        if cells <= SMALL_ALPHABET:
            return "miller_madow"  # as MI of a small table (I(X; X) = H(X))
        coverage = n_samples / cells
        low, high = ENTROPY_COVERAGE
        if coverage < low:
            return "chao_shen"
        return "nsb" if coverage < high else "grassberger"
    coverage = n_samples / joint_cardinality
    small = joint_cardinality <= SMALL_TABLE
    if measure == "mi":
        # Small tables keep Miller-Madow from one sample per cell on; a
        # functional table defeats a prior centred on independence, and so
        # does the smooth dependence of a many-valued variable on a few-valued
        # one (unless the table is small).
        limit = CMI_COVERAGE if small else MI_COVERAGE
        if sizes is None:
            fewer = math.isqrt(joint_cardinality)
        else:
            _check(measure, n_samples, sizes[0], "sizes[0]")
            _check(measure, n_samples, sizes[1], "sizes[1]")
            fewer = min(sizes)
            if occupied == sizes[0] == sizes[1] and not small:
                # One-to-one (a relabelling, singletons or not): every counting
                # family's MI is then its entropy of X (the three tables have
                # the same counts), so I(X; X) gets the entropy's family.
                return choose_discrete_family("entropy", n_samples, occupied)
        many = small or fewer >= MI_MANY_VALUES
        if coverage < limit and many and not functional:
            return "dirichlet_product"
        larger = math.isqrt(joint_cardinality) if sizes is None else max(sizes)
        if not small and n_samples < MI_SINGLETONS * larger:
            return "dirichlet_product"  # nearly all singletons: not identifiable
    elif coverage < CMI_COVERAGE:
        return "nsb"  # shrinking every stratum is off by 0.1-2 nats
    # Small tables whose cells hold a handful of counts each: Grassberger's
    # per-cell correction swings with the parity of the counts.
    return "miller_madow" if small else "grassberger"


def choose_continuous_family(measure: str, n_samples: int, joint_dim: int) -> str:
    """Pick KSG or the Gaussian copula by the smallest measured worst-case error.

    Parameters
    ----------
    measure : {'mi', 'cmi', 'total_correlation', 'entropy', 'conditional_entropy'}
        The measure; entropies always get ``'kl'``.
    n_samples : int
        Number of rows.
    joint_dim : int
        Number of continuous columns of all variables together.

    Returns
    -------
    str
        ``'ksg'``, ``'gaussian_copula'`` or ``'kl'``.

    Raises
    ------
    InvalidParameterError
        For an unknown measure or a non-positive count.

    Notes
    -----
    ``joint_dim >= 10`` -> the Gaussian copula, else KSG. Measured with
    ``benchmarks/accuracy.py --rule`` (n = 1000, 2 draws) over the registered
    continuous tasks; worst |error| per joint dimension, KSG vs copula:
    2: 0.070 vs 0.410; 4: 0.234 vs 0.691 (Student-t and spiral tasks, where the
    copula misses non-Gaussian dependence); 6: 0.069 vs 0.012 (a Gaussian task
    only, so KSG is kept there); 10: 0.668 vs 0.434; 40 (staircase 20 x 20):
    8.24 vs 0.10; 50 (rotated 25 x 25 sparse Gaussian, truth 1.022): 0.88 vs
    0.02. KSG's downward bias grows with dimension and MI, the copula's error
    does not, so the rule takes the copula from dimension 10 on.

    Examples
    --------
    >>> choose_continuous_family("mi", 2000, 50)
    'gaussian_copula'
    >>> choose_continuous_family("mi", 2000, 2)
    'ksg'
    """
    _check(measure, n_samples, joint_dim, "joint_dim")
    if measure in ("entropy", "conditional_entropy"):
        return "kl"
    return "gaussian_copula" if joint_dim >= CONTINUOUS_HIGH_DIM else "ksg"


def choose_mixed_family(
    measure: str, n_samples: int, joint_dim: int, *, fewest_rows: int
) -> str:
    """Pick Ross's kNN estimator or the Gaussian copula for labels against numbers.

    Parameters
    ----------
    measure : {'mi', 'cmi', 'total_correlation', 'entropy', 'conditional_entropy'}
        The measure; only ``'mi'`` of one label variable against one
        continuous variable can get the copula.
    n_samples : int
        Number of rows.
    joint_dim : int
        Number of columns of both variables together (labels count one each).
    fewest_rows : int
        Rows of the rarest observed label; the copula fits a covariance of the
        ``joint_dim - 1`` continuous columns within each label, so it needs
        ``joint_dim + 1`` rows or more there.

    Returns
    -------
    str
        ``'gaussian_copula'`` or ``'mixed_ksg'``.

    Raises
    ------
    InvalidParameterError
        For an unknown measure or a non-positive count.

    Notes
    -----
    From joint dimension :data:`CONTINUOUS_HIGH_DIM` (10) on, as for all-
    continuous data. Measured with ``benchmarks/mixed_high_dim.py`` (3 draws;
    labels uniform on K = 2 or 5 values, Y | L Gaussian in d dimensions, Monte
    Carlo truths): Ross's kNN estimate loses the dependence as d grows
    (class means 1.5 apart, K = 5, truth 0.81, n = 1000: d = 10 -0.37 nats,
    d = 20 -0.57, d = 40 -0.70; class scales 1 to 1.8, K = 5, d = 40, truth
    0.71: -1.11), while the copula's worst bias over the same rows is +0.09 at
    d = 10 and +0.62 at d = 40 (class scales, where its Gaussian model of the
    mixture overstates the marginal entropy). Where a label has too few rows
    for the copula's covariance, Ross's estimate stays.

    Examples
    --------
    >>> choose_mixed_family("mi", 1000, 21, fewest_rows=180)
    'gaussian_copula'
    >>> choose_mixed_family("mi", 1000, 21, fewest_rows=15)
    'mixed_ksg'
    >>> choose_mixed_family("mi", 1000, 3, fewest_rows=180)
    'mixed_ksg'
    """
    _check(measure, n_samples, joint_dim, "joint_dim")
    _check(measure, n_samples, fewest_rows, "fewest_rows")
    if measure == "mi" and joint_dim >= CONTINUOUS_HIGH_DIM and fewest_rows > joint_dim:
        return "gaussian_copula"
    return "mixed_ksg"
