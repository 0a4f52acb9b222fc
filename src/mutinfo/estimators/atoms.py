"""Atom-aware MI and CMI for variables that mix point masses and a continuous part.

The ``mixed_atoms`` family (:class:`MixedAtoms`) splits every variable into the
*atom pattern* of its rows and its continuous remainder, and adds exact pieces
of the chain rule, each estimated by the estimator made for it.

Atoms. A value of a continuous column is an atom when it holds at least
``min_atom_mass`` of the rows and more than ``n_neighbors`` rows (a kNN radius
there would be 0); every value of a discrete column is an atom (a label). The
atom pattern ``A_X`` of a row records, per column, which atom it sits on or
that it is continuous there. ``A_X`` is a function of ``X``, so
``I(X; Y) = I(X, A_X; Y, A_Y)``, and the chain rule gives four terms

``I(X; Y) = I(A_X; A_Y) + I(A_X; Y | A_Y) + I(X; A_Y | A_X) + I(X; Y | A_X, A_Y)``

- ``I(A_X; A_Y)``: discrete x discrete, the ``discrete_method`` family on
  the pattern codes (by default the family ``method='auto'`` gives labels
  with that table);
- ``I(A_X; Y | A_Y) = sum_b p(b) I(A_X; Y_c | A_Y = b)``: within each pattern of
  Y, the continuous columns ``Y_c`` of that pattern against the labels ``A_X``,
  by Ross's estimator (the atomic columns are constant there);
- ``I(X; A_Y | A_X)``: the same with the roles swapped;
- ``I(X; Y | A_X, A_Y) = sum_{a,b} p(a, b) I(X_c; Y_c | a, b)``: KSG on the
  continuous columns of each joint pattern (0 where either side has none).

Unlike Gao et al.'s estimator, no continuous sample ever counts the mass of an
atom in its neighbourhood, so the mixture of Gao et al. (half atoms at +-1,
half Gaussian) is estimated without the bias the single kNN radius has there.

Reductions. With no atom anywhere the estimate is KSG's (same settings and
``rng``, bit for bit); with every column discrete the whole MI or CMI is
estimated once by the ``discrete_method`` family (``'auto'``: the family
``method='auto'`` gives these labels), so it equals that family's estimate;
for one discrete and one atom-free continuous variable it is Ross's (the
``mixed_ksg`` Ross variant).

CMI. Patterns of Z split the rows: ``I(X; Y | Z) = sum_c p(c) I(X; Y | Z_c, A_Z=c)``.
A pattern without continuous columns gives the atom-aware MI of X and Y within
it; otherwise
``I(X; Y, Z_c) - I(X; Z_c)`` within it, each by the atom-aware MI. With no atom
anywhere the estimate is KSG's (Frenzel-Pompe); with X, Y and Z all discrete
it is the discrete family's CMI on the joint table (a shrinkage family such as
James-Stein shrinks the joint table, not each stratum apart).

Strata with too few rows for a kNN estimate (at most ``n_neighbors``) add 0;
their share of the rows is reported in ``Result.extras["skipped_mass"]``.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mutinfo._counting import counts, encode, small_group_share
from mutinfo._params import Bool, Interval, Options, Param
from mutinfo._registry import get, register
from mutinfo._result import Result
from mutinfo._ties import column_ties
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimator, RawEstimate
from mutinfo.estimators._guards import (
    SMALL_N_MESSAGE,
    columns_where,
    drop_constant,
    warn_heavy_tails,
)
from mutinfo.estimators.knn import (
    KNN_PARAMETERS,
    canonical_pair,
    dequantize_variables,
)
from mutinfo.exceptions import BiasWarning, DataWarning, InvalidDataError, warn

__all__ = ["MixedAtoms", "find_atoms"]

Array = NDArray[np.float64]
Codes = NDArray[np.int64]

#: Discrete families the atom x atom term may use (all bias-corrected counts).
DISCRETE_METHODS: tuple[str, ...] = (
    "auto",
    "plugin",
    "miller_madow",
    "grassberger",
    "james_stein",
    "chao_shen",
)


def find_atoms(
    v: Variable, *, min_atom_mass: float, n_neighbors: int
) -> NDArray[np.int64]:
    """Return, per row and column, the index of the atom the value sits on, or -1.

    Every value of a discrete column is an atom (its label code). In a
    continuous column, a value is an atom when it holds at least
    ``min_atom_mass`` of the rows and more than ``n_neighbors`` of them.

    Parameters
    ----------
    v : Variable
        A validated variable of ``n`` rows and ``d`` columns.
    min_atom_mass : float
        Smallest share of the rows an atom of a continuous column holds.
    n_neighbors : int
        k of the kNN estimators: an atom has more than k rows.

    Returns
    -------
    ndarray of int64, shape (n, d)
        Atom index (0, 1, ... per column) or -1 for a continuous value.

    Examples
    --------
    >>> import numpy as np
    >>> from mutinfo._validation import Variable
    >>> x = np.r_[np.zeros(50), np.linspace(1, 2, 50)][:, None]
    >>> a = find_atoms(Variable("x", x, (False,)), min_atom_mass=0.02, n_neighbors=3)
    >>> int((a == 0).sum()), int((a == -1).sum())
    (50, 50)
    """
    n, d = v.values.shape
    out = np.full((n, d), -1, dtype=np.int64)
    need = max(min_atom_mass * n, n_neighbors + 1)
    for j in range(d):
        uniques, inverse, c = np.unique(
            v.values[:, j], return_inverse=True, return_counts=True
        )
        inverse = inverse.reshape(-1)
        if v.discrete[j]:
            out[:, j] = inverse
            continue
        is_atom = c >= need
        if not is_atom.any():
            continue
        index = np.full(uniques.size, -1, dtype=np.int64)
        index[is_atom] = np.arange(int(is_atom.sum()))
        out[:, j] = index[inverse]
    return out


#: Share of the rows whose kNN radius the tie-breaking noise sets (more than
#: ``n_neighbors`` exact copies in their piece) above which the family draws
#: the estimate again to see whether the noise moves it (the share
#: :data:`mutinfo.estimators._guards.DUPLICATE_ROWS` uses for whole rows).
_NOISE_DECIDED = 0.05

#: Relative change between two noise draws above which the family warns that
#: the noise decides the estimate (:meth:`MixedAtoms._check_noise`).
_NOISE_SPREAD = 0.05

#: Rows per occupied joint atom-pattern cell below which the discrete term is
#: unreliable (the plug-in's chi-square rule of thumb).
_PATTERN_PER_CELL = 5

#: Share of the rows in strata too small for a kNN piece (at most
#: ``n_neighbors`` rows; they add 0) from which the family warns: ``cmi`` of a
#: Bernoulli x against y ~ U(x - 1, x + 1) given labels z of 2 or 3 rows each
#: (truth 0.347 nats, n = 3000) was 0.0 with 52% and 74% of the rows skipped,
#: reported in ``extras["skipped_mass"]`` only.
_SKIPPED_MASS = 0.01

#: Rows per stratum of Z below which the stratified CMI is biased towards 0
#: (each stratum's kNN and Ross pieces see only its rows). Same data as
#: :data:`_SKIPPED_MASS`, labels z of s rows each, mean of 3 seeds (truth
#: 0.347): s = 5: 0.165, 8: 0.223, 12: 0.245, 20: 0.295, 50: 0.327.
_STRATUM_ROWS = 20

#: Share of the rows in strata of Z with fewer than :data:`_STRATUM_ROWS` rows
#: from which the family warns.
_SMALL_STRATA_SHARE = 0.05


@dataclass
class _Part:
    """A variable's rows with their atom table (restricted together)."""

    var: Variable
    atoms: NDArray[np.int64]

    def take(self, rows: NDArray[np.intp]) -> _Part:
        return _Part(self.var.take(rows), self.atoms[rows])

    def patterns(self) -> tuple[Codes, int]:
        return encode(self.atoms.astype(np.float64))

    def continuous(self, pattern_row: int) -> Variable | None:
        """Return the continuous columns of the pattern of ``pattern_row``, or None."""
        cols = np.flatnonzero(self.atoms[pattern_row] < 0)
        if cols.size == 0:
            return None
        v = self.var
        return Variable(
            v.name,
            v.values[:, cols],
            (False,) * int(cols.size),
            tuple(v.labels[j] for j in cols) if v.labels else (),
            tuple(v.coded[j] for j in cols) if v.coded else (),
        )


def _join(a: _Part, b: _Part) -> _Part:
    v = Variable(
        a.var.name + b.var.name,
        np.hstack([a.var.values, b.var.values]),
        a.var.discrete + b.var.discrete,
        a.var.labels + b.var.labels if a.var.labels and b.var.labels else (),
        a.var.coded + b.var.coded if a.var.coded and b.var.coded else (),
    )
    return _Part(v, np.hstack([a.atoms, b.atoms]))


def _labels(codes: Codes, name: str) -> Variable:
    return Variable(name, codes.astype(np.float64)[:, None], (True,))


@dataclass
class _Sum:
    """Weighted sum of stratum estimates with per-row local values."""

    n: int
    value: float = 0.0
    skipped: float = 0.0
    dropped: float = 0.0

    def __post_init__(self) -> None:
        self.local: Array | None = np.zeros(self.n)
        # Rows whose radius the tie-breaking noise sets in some piece: a row
        # sits in up to three pieces (two Ross pieces and a KSG piece), so
        # adding the pieces' shares counted it up to three times ("119% of
        # the rows", a Gaussian pair read to 0.05, n = 2000).
        self.tied_rows = np.zeros(self.n, dtype=bool)

    @property
    def tied(self) -> float:
        """Share of the rows whose kNN radius the noise sets in some piece."""
        return float(self.tied_rows.mean()) if self.n else 0.0

    def mark_tied(self, rows: NDArray[np.intp], decided: NDArray[np.bool_]) -> None:
        """Mark the rows of a piece (``rows``) that the noise decides there."""
        self.tied_rows[rows[decided]] = True

    def add(self, rows: NDArray[np.intp], est: RawEstimate | None) -> None:
        if est is None:
            self.skipped += rows.size / self.n
            if self.local is not None:
                self.local[rows] += 0.0
            return
        self.value += rows.size / self.n * est.value
        self.dropped += rows.size / self.n * float(est.extras.get("dropped", 0.0))
        if est.local is None or self.local is None:
            self.local = None
        else:
            self.local[rows] += est.local

    def add_scaled(self, sign: float, other: _Sum) -> None:
        self.value += sign * other.value
        self.skipped = max(self.skipped, other.skipped)
        self.tied_rows |= other.tied_rows
        self.dropped = max(self.dropped, other.dropped)
        if self.local is not None and other.local is not None:
            self.local += sign * other.local
        else:
            self.local = None


def _noise_decided(vs: list[Variable], k: int) -> NDArray[np.bool_]:
    """Return which rows of a kNN piece have more than ``k`` exact copies there.

    Such a row's ``k`` nearest neighbours are copies of it, so its radius is
    the tie-breaking noise's size and its marginal counts are a random part
    of its ties: the piece's estimate then changes with ``rng``. Values that
    repeat this often in a continuous column are point masses too rare for
    ``min_atom_mass`` (statsmodels' fair data: ``affairs`` against
    ``occupation`` gave 0.0026 to 0.0143 nats over four seeds).
    """
    n = vs[0].n_samples
    none = np.zeros(n, dtype=bool)
    if n <= k:
        return none
    for v in vs:
        for j in range(v.n_features):
            if not v.discrete[j] and column_ties(v, j)[1] == 0.0:
                return none  # a column of distinct values: no row repeats
    codes, _ = encode(*(v.values.astype(np.float64, copy=False) for v in vs))
    return np.asarray(np.bincount(codes)[codes] > k)


def _strata(codes: Codes, k: int) -> list[NDArray[np.intp]]:
    """Return the rows of each pattern, the patterns in the order of their first row.

    The pieces draw their tie-breaking noise stratum after stratum; in the
    order of the codes (which follow the atoms' values and the order of the
    columns) ``cmi(x, y, z[["b", "d"]])`` and ``cmi(x, y, z[["d", "b"]])``
    drew it in another order (0.0265 and 0.0247 nats).
    """
    order = np.argsort(codes, kind="stable")
    c = counts(codes, k)
    strata = [s for s in np.split(order, np.cumsum(c)[:-1]) if s.size]
    return sorted(strata, key=lambda s: int(s[0]))


def _quiet_ties(
    est: Estimator, measure: str, vs: list[Variable], *, stratum: bool = False
) -> Result:
    """Run an inner kNN estimate without its tie warning.

    The family has already split the atoms off; what repeats in the continuous
    part are quantisation ties, which KSG's tie-breaking noise handles, so the
    inner warning (advising a tie-aware method) would be wrong here.

    ``stratum=True`` (a piece on the rows of one atom pattern) also silences
    the constant-column warning: a value repeated too rarely to be an atom is
    constant on its own stratum by construction (statsmodels' fair data: the
    rating 1 of ``rate_marriage``, 1.6 % of the rows, warned that the whole
    5-valued column "is constant"). A column constant on every row is
    reported once by :meth:`MixedAtoms._warn_constant`. It silences the
    duplicated-records warning too: rows of a stratum that repeat are values
    too rare to be atoms, repeated in every column of a piece of a few rows
    (the digits' pixels, 17 values: "75% of the 8 rows repeat another row
    ... method 'ksg'", a method and a row count the caller never used, dozens
    of times per selector fit), Ross's warning that a stratum's patterns
    are nearly all seen once (the labels of an internal name such as 'A'),
    and KSG's small-sample bias warning (:func:`~mutinfo.estimators._guards.\
warn_small_n`: pieces of 8-12 rows, "n_samples=9", a row count the caller
    never used).
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message=".*repeated values", category=DataWarning
        )
        # KSG's heavy-tail warning on a piece named method 'ksg' and the
        # piece's rows (statsmodels' anes96 'popul': "9% of its 285 rows ...
        # method 'ksg'"), neither of which the caller chose: the family checks
        # each whole column itself (MixedAtoms._warn_heavy_tails).
        warnings.filterwarnings(
            "ignore", message=".*is heavy-tailed", category=BiasWarning
        )
        if stratum:
            warnings.filterwarnings(
                "ignore", message=".*are constant, so they", category=DataWarning
            )
            warnings.filterwarnings(
                "ignore", message=".*duplicated records", category=DataWarning
            )
            # Ross on a stratum whose atom patterns are nearly all seen once:
            # the family weighs the stratum by its rows and warns of many
            # small atoms itself (_warn_many_atoms).
            warnings.filterwarnings(
                "ignore", message=".*like a row identifier", category=BiasWarning
            )
            # KSG's small-sample bias on a piece of a few rows: the family
            # weighs the piece by its rows and warns of small strata itself
            # (_warn_small_strata, _warn_skipped).
            warnings.filterwarnings(
                "ignore", message=SMALL_N_MESSAGE, category=BiasWarning
            )
        return est.compute(measure, vs)


@register
class MixedAtoms(Estimator):
    """Atom-aware MI and CMI: exact chain-rule pieces for atoms plus a continuum.

    Each variable's rows are split into their atom pattern (which point mass
    each column sits on, or none) and the continuous remainder, and

    ``I(X; Y) = I(A_X; A_Y) + I(A_X; Y | A_Y) + I(X; A_Y | A_X) + I(X; Y | A_X, A_Y)``

    is estimated term by term: a discrete family between the patterns, Ross's
    estimator between a pattern and the continuous columns within each
    pattern of the other side, and KSG within each joint pattern. See
    :mod:`mutinfo.estimators.atoms` for the details and the CMI.

    Parameters
    ----------
    n_neighbors : int, default=3
        k of the KSG and Ross pieces.
    min_atom_mass : float, default=0.02
        Smallest share of the rows a repeated value of a continuous column must
        hold to count as an atom (it must also have more than ``n_neighbors``
        rows). Values repeated less often (quantisation ties) stay continuous
        and get KSG's tie-breaking noise.
    discrete_method : {'auto', 'plugin', 'miller_madow', 'grassberger', \
'james_stein', 'chao_shen'}, default='auto'
        Family for the atom x atom term; ``'auto'`` picks it as
        ``method='auto'`` does for labels, from how well the table of atom
        patterns is sampled. On all-discrete data it estimates the whole MI or
        CMI (``Result.extras["discrete_method"]`` names the family used).
    standardize : bool, default=True
        Scale continuous columns to unit variance within each piece.
    noise : float, default=1e-10
        Tie-breaking noise of the KSG and Ross pieces.
    rng : None, int or numpy.random.Generator, default=None
        Seed of the noise.
    algorithm : {'auto', 'grid', 'tree', 'brute', 'torch'}, default='auto'
        Neighbour-search path (results are identical; only speed differs).
    dequantize : bool, default=True
        First add ``U(-step/2, step/2)`` noise, drawn from ``rng``, to each
        continuous column that reads a continuum to a resolution ``step``
        (:func:`mutinfo._ties.rounding_step`: its values lie on a regular grid
        and none is a point mass) and whose ties defeat the tie-breaking
        noise (a row shares its value with more than
        :data:`mutinfo._ties.TIE_MULTIPLICITY` rows on average). The MI of
        the dequantised columns is that of the rounded values exactly; with
        the noise alone, KSG's kNN radius fell to the grid step at large n (a
        Gaussian pair with MI 0.347 nats read to 0.01 of its spread, n =
        50,000: 0.504 nats, silently; to 0.02: 3.31; dequantised 0.347 and
        0.349). ``Result.extras["dequantized"]`` gives each such column's
        step. False: rounded values too rare to be atoms keep their ties.

    Notes
    -----
    Units are nats before ``base`` conversion. Every term is an exact piece of
    the chain rule, so the estimator is consistent whenever its pieces are. It
    reduces to KSG on atom-free continuous data, to the discrete family on
    discrete data and to Ross's estimator on one discrete and one atom-free
    continuous variable. Local values are the sum of the pieces' local values
    (None where Ross leaves out a label that occurs once). Strata of at most
    ``n_neighbors`` rows add 0 (``Result.extras["skipped_mass"]`` is their share).
    ``Result.extras["atoms"]`` is the share of rows on some atom, and
    ``Result.extras["noise_decided"]`` the share with more than ``n_neighbors``
    exact copies in their kNN piece (repeated values too rare to be atoms),
    whose neighbours the tie-breaking noise picks; above 5% the estimate is
    drawn again with other noise and a :class:`~mutinfo.DataWarning` says
    when the two differ by more than 5% (and 0.001 nats).

    References
    ----------
    .. [1] W. Gao, S. Kannan, S. Oh, P. Viswanath, "Estimating mutual
       information for discrete-continuous mixtures", NeurIPS 2017 (the
       mixture and the estimator this family improves on). arXiv:1709.06212
    .. [2] B. C. Ross, "Mutual information between discrete and continuous data
       sets", PLoS ONE 9(2), e87357 (2014). doi:10.1371/journal.pone.0087357
    .. [3] A. Kraskov, H. Stögbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> from mutinfo.estimators import MixedAtoms
    >>> task = datasets.gao_mixture()  # truth 1.2924 nats
    >>> x, y = task.sample(4000, rng=0)
    >>> round(MixedAtoms(rng=0).mi(x, y).value, 1)
    1.3
    """

    name = "mixed_atoms"
    summary = "Atom-aware chain-rule MI/CMI for point masses plus a continuum."
    reference = "Chain rule over atom patterns; Ross (2014); KSG (2004)"
    measures = ("mi", "cmi")
    kinds = ("discrete", "continuous")
    parameters = {
        "n_neighbors": KNN_PARAMETERS["n_neighbors"],
        "min_atom_mass": Param(
            0.02,
            Interval(float, 0, 1, closed="right"),
            "Smallest share of rows of an atom of a continuous column.",
        ),
        "discrete_method": Param(
            "auto",
            Options(DISCRETE_METHODS),
            "Family of the atom x atom term ('auto': as for labels).",
        ),
        "standardize": Param(True, Bool(), "Scale continuous columns first."),
        "noise": KNN_PARAMETERS["noise"],
        "algorithm": KNN_PARAMETERS["algorithm"],
        "dequantize": Param(
            True,
            Bool(),
            "Add U(-step/2, step/2) noise to heavily tied rounded columns first.",
        ),
    }

    def min_samples(self) -> int:  # noqa: D102
        return int(self.n_neighbors) + 1

    def _dequantized(
        self, vs: list[Variable], rng: np.random.Generator
    ) -> tuple[list[Variable], dict[str, float]]:
        """Dequantise the heavily tied rounded columns (``dequantize=True``).

        x and y draw their noise in an order fixed by their values, so that
        ``mi(x, y) == mi(y, x)``.
        """
        if not self.dequantize:
            return vs, {}
        return dequantize_variables(vs, rng, tied_only=True)

    @staticmethod
    def _noted(est: RawEstimate, steps: dict[str, float]) -> RawEstimate:
        """Record the dequantised columns' steps in the extras."""
        if not steps:
            return est
        return RawEstimate(est.value, est.local, {**est.extras, "dequantized": steps})

    # ------------------------------------------------------------------ #
    def _part(self, v: Variable) -> _Part:
        return _Part(
            v,
            find_atoms(
                v,
                min_atom_mass=float(self.min_atom_mass),
                n_neighbors=int(self.n_neighbors),
            ),
        )

    def _knn(self, family: str, rng: np.random.Generator) -> Estimator:
        k = int(self.n_neighbors)
        common = {
            "n_neighbors": k,
            "standardize": bool(self.standardize),
            "noise": float(self.noise),
            "algorithm": str(self.algorithm),
        }
        if family == "ross":
            built = get("mixed_ksg")(variant="ross", rng=rng, **common)
        else:
            built = get("ksg")(rng=rng, **common)
        assert isinstance(built, Estimator)
        return built

    def _piece(
        self, family: str, vs: list[Variable], rng: np.random.Generator
    ) -> RawEstimate | None:
        """KSG or Ross on one stratum; None when it has too few rows."""
        if vs[0].n_samples <= int(self.n_neighbors):
            return None
        est = self._knn(family, rng)
        try:
            with warnings.catch_warnings():
                # Ross's rows of labels seen once: summed up and reported by
                # the family (_warn_skipped), not per piece under a name of ours
                warnings.filterwarnings(
                    "ignore", message=".*carry a label that occurs once"
                )
                res = _quiet_ties(
                    est, "mi" if len(vs) == 2 else "cmi", vs, stratum=True
                )
        except InvalidDataError:  # Ross: every label occurs once
            return None
        dropped = float(res.extras.get("dropped", 0.0))
        return RawEstimate(res.value, res.local, {"dropped": dropped})

    def _mi_parts(self, x: _Part, y: _Part, rng: np.random.Generator) -> _Sum:
        n = x.var.n_samples
        out = _Sum(n)
        ax, kx = x.patterns()
        ay, ky = y.patterns()
        every = np.arange(n)
        # I(A_X; A_Y) by the discrete family.
        if kx > 1 and ky > 1:
            patterns = [_labels(ax, "A_x"), _labels(ay, "A_y")]
            fam = get(self._pattern_family(patterns))()
            if x.var.is_discrete and y.var.is_discrete:
                res = fam.compute("mi", patterns)
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", BiasWarning)
                    res = fam.compute("mi", patterns)
                self._warn_many_atoms(ax, ay, n)
            out.add(every, RawEstimate(res.value, res.local))
        # I(A_X; Y | A_Y) and I(X; A_Y | A_X) by Ross within each pattern.
        for labels, part, k_labels in ((ax, y, kx), (ay, x, ky)):
            if k_labels < 2:
                continue
            codes, k = part.patterns()
            for rows in _strata(codes, k):
                cont = part.continuous(int(rows[0]))
                if cont is None or np.unique(labels[rows]).size < 2:
                    continue
                piece = [_labels(labels[rows], "A"), cont.take(rows)]
                out.add(rows, self._piece("ross", piece, rng))
                out.mark_tied(rows, _noise_decided(piece, int(self.n_neighbors)))
        # I(X; Y | A_X, A_Y) by KSG within each joint pattern.
        joint, kj = encode(ax[:, None].astype(np.float64), ay[:, None].astype(float))
        for rows in _strata(joint, kj):
            cx = x.continuous(int(rows[0]))
            cy = y.continuous(int(rows[0]))
            if cx is None or cy is None:
                continue
            piece = [cx.take(rows), cy.take(rows)]
            out.add(rows, self._piece("ksg", piece, rng))
            out.mark_tied(rows, _noise_decided(piece, int(self.n_neighbors)))
        return out

    def _pattern_family(self, patterns: list[Variable]) -> str:
        """Return the family of the atom x atom term (``auto``: the labels' rule).

        The pattern table is a table of labels, so ``auto`` picks the counting
        family ``method='auto'`` gives labels with that table
        (:func:`mutinfo._auto.discrete_family`: Miller-Madow, Grassberger or
        ``dirichlet_product`` by how well it is sampled). Survey codes stored
        as floats are all atoms: with the plug-in this term was biased up by
        about ``(cells - 1) / 2n`` where the same codes as integers were not.
        """
        if self.discrete_method != "auto":
            return str(self.discrete_method)
        from mutinfo._auto import discrete_family

        return discrete_family("mi", patterns)

    def _warn_many_atoms(self, ax: Codes, ay: Codes, n: int) -> None:
        """Warn when the atom patterns are too many for their discrete term.

        Rounded continuous data (a Gaussian pair with MI 0.511 rounded to one
        decimal, n = 300) makes many small atoms; the discrete term between
        the patterns then counts sampling noise as dependence (measured
        1.21 nats there, where KSG with its tie-breaking noise gives 0.53).
        """
        _, occupied = encode(ax[:, None].astype(np.float64), ay[:, None].astype(float))
        if n >= _PATTERN_PER_CELL * occupied:
            return
        warn(
            f"Method 'mixed_atoms' found {occupied} occupied cells of atom patterns "
            f"for n_samples={n} (fewer than {_PATTERN_PER_CELL} rows per cell), so "
            f"its discrete term ({self.discrete_method!r} on the patterns) counts "
            "sampling noise as dependence and the estimate is biased upwards. Many "
            "small atoms usually mean rounded measurements: use method='ksg' (its "
            "tie-breaking noise handles quantisation), raise 'min_atom_mass', or "
            "collect more samples.",
            BiasWarning,
        )

    @staticmethod
    def _atom_free(parts: list[_Part]) -> bool:
        return all(bool((p.atoms < 0).all()) for p in parts)

    def _finish(self, total: _Sum, parts: list[_Part]) -> RawEstimate:
        on_atom = np.any(np.hstack([p.atoms for p in parts]) >= 0, axis=1)
        extras = {
            "atoms": float(on_atom.mean()),
            "skipped_mass": float(total.skipped),
            "noise_decided": float(total.tied),
            "singleton_rows": float(total.dropped),
        }
        return RawEstimate(float(total.value), total.local, extras)

    def _check_noise(
        self,
        est: RawEstimate,
        again: Callable[[np.random.Generator], RawEstimate],
        rng: np.random.Generator,
    ) -> RawEstimate:
        """Warn when the tie-breaking noise moves the estimate.

        Rows with more than ``n_neighbors`` exact copies in their kNN piece
        (:func:`_noise_decided`: repeated values too rare for
        ``min_atom_mass``) have their radii and counts drawn by the noise.
        Where they are more than :data:`_NOISE_DECIDED` of the rows, the
        estimate is drawn again with other noise (a generator seeded from a
        copy of ``rng``, so ``rng``'s stream and the estimate are unchanged)
        and the family warns when the two differ by more than
        :data:`_NOISE_SPREAD` of the value (and 0.001 nats): statsmodels' fair
        data, ``affairs`` against ``occupation``, 31% of the rows, gave 0.0026
        to 0.0143 nats over four seeds (with ``min_atom_mass=0.001`` those
        values are atoms and four seeds agree to 1e-4), where one-decimal
        Gaussians (n = 5000, 46% of the rows) move by 2%.
        """
        share = float(est.extras.get("noise_decided", 0.0))
        if share <= _NOISE_DECIDED:
            return est
        seed = int(copy.deepcopy(rng).integers(2**63))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            other = again(np.random.default_rng(seed)).value
        gap = abs(other - est.value)
        if gap <= max(_NOISE_SPREAD * abs(est.value), 0.001):
            return est
        k = int(self.n_neighbors)
        warn(
            f"Method 'mixed_atoms': {share:.0%} of the rows have more than "
            f"n_neighbors={k} exact copies in their continuous piece (repeated "
            f"values holding less than min_atom_mass={float(self.min_atom_mass):g} "
            "of the rows, so not atoms), so the tie-breaking noise decides their "
            f"neighbours: another noise draw gave {other:.4g} nats against "
            f"{est.value:.4g}. If the repeated values are point masses, lower "
            f"'min_atom_mass' (values with more than {k} rows then become "
            "atoms); if they are labels, pass discrete=True.",
            DataWarning,
        )
        return est

    def _warn_constant(self, *vs: Variable) -> None:
        """Warn, as the other families do, for a column constant on every row."""
        for v in vs:
            drop_constant(v, self.name)

    def _warn_heavy_tails(self, *vs: Variable) -> None:
        """Warn once for a heavy-tailed continuum, under this family's name.

        The kNN pieces run on the rows off the point masses, so each column is
        checked on those rows; the pieces' own warning is silenced
        (:func:`_quiet_ties`).
        """
        for v in vs:
            if warn_heavy_tails(v, self.name, continuum=self._part(v).atoms < 0):
                return

    def _discrete(
        self, measure: str, vs: list[Variable], rng: np.random.Generator
    ) -> RawEstimate:
        """Estimate ``measure`` on all-discrete variables by the discrete family, once.

        Every value of a discrete column is an atom, so the chain rule has only
        its discrete term (MI) or a sum of them over the strata of Z (CMI). Run
        stratum by stratum, a shrinkage family is not the same estimator as on
        the joint table: with ``discrete_method='james_stein'`` the CMI of
        three labels was 0.390 nats against 0.441 from ``method='james_stein'``,
        because shrinking each stratum towards its own target differs from
        shrinking the joint table; Chao-Shen and Grassberger differed by 1e-5,
        and ``'auto'``, picking a family per stratum, broke the chain rule by
        5e-3 nats. The whole measure therefore goes to one family:
        ``discrete_method``, or with ``'auto'`` the family ``method='auto'``
        gives these labels.
        """
        if self.discrete_method != "auto":
            name = str(self.discrete_method)
        else:
            from mutinfo._auto import discrete_family

            name = discrete_family(measure, vs)
        family = get(name)(rng=rng)
        res = family.compute(measure, vs)
        extras = {
            **res.extras,
            "atoms": 1.0,
            "skipped_mass": 0.0,
            "noise_decided": 0.0,
            "discrete_method": name,
        }
        return RawEstimate(res.value, res.local, extras)

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        self._warn_constant(x, y)
        if x.is_discrete and y.is_discrete:
            return self._discrete("mi", [x, y], rng)
        (x, y), steps = self._dequantized([x, y], rng)
        self._warn_heavy_tails(x, y)
        est = self._mi_draw(x, y, rng)
        est = self._check_noise(est, lambda r: self._mi_draw(x, y, r), rng)
        self._warn_skipped(est)
        return self._noted(est, steps)

    def _mi_draw(
        self, x: Variable, y: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        px, py = self._part(x), self._part(y)
        if self._atom_free([px, py]):
            res = _quiet_ties(self._knn("ksg", rng), "mi", [x, y])
            tied = float(_noise_decided([x, y], int(self.n_neighbors)).mean())
            extras = {"atoms": 0.0, "skipped_mass": 0.0, "noise_decided": tied}
            return RawEstimate(res.value, res.local, extras)
        # The pieces draw their noise in turn: in an order fixed by the data,
        # mi(x, y) == mi(y, x).
        if canonical_pair(x, y)[0] is not x:
            px, py = py, px
        return self._finish(self._mi_parts(px, py, rng), [px, py])

    def _cmi(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        self._warn_constant(x, y, z)
        if x.is_discrete and y.is_discrete and z.is_discrete:
            return self._discrete("cmi", [x, y, z], rng)
        (x, y, z), steps = self._dequantized([x, y, z], rng)
        self._warn_heavy_tails(x, y, z)
        self._warn_small_strata(z)
        est = self._cmi_draw(x, y, z, rng)
        est = self._check_noise(est, lambda r: self._cmi_draw(x, y, z, r), rng)
        self._warn_skipped(est)
        return self._noted(est, steps)

    def _warn_small_strata(self, z: Variable) -> None:
        """Warn when many rows of Z lie in atom patterns of few rows."""
        codes, k = self._part(z).patterns()
        share = small_group_share(codes, k, _STRATUM_ROWS)
        if k < 2 or share < _SMALL_STRATA_SHARE:
            return
        warn(
            f"Method 'mixed_atoms' splits the rows by the {k} atom patterns of "
            f"{columns_where(z)} (its labels and point masses), and {share:.0%} of "
            "the rows "
            f"lie in patterns of fewer than {_STRATUM_ROWS} rows, so its CMI "
            "adds up estimates from a few rows each and is biased towards 0 "
            "(labels of 5 rows: 0.165 nats for 0.347, 20 rows: 0.295). Merge rare "
            "values of the conditioning variable, read it as continuous "
            "(discrete=False) if it is a measurement, or collect more samples.",
            BiasWarning,
        )

    def _warn_skipped(self, est: RawEstimate) -> None:
        """Warn when strata too small for their kNN piece hold many rows."""
        dropped = float(est.extras.get("singleton_rows", 0.0))
        if dropped >= _SKIPPED_MASS:
            warn(
                f"Method 'mixed_atoms' left out {dropped:.0%} of the rows from its "
                "discrete-continuous terms: their label (or atom pattern) occurs "
                "once within their stratum, which Ross's estimator cannot use, so "
                "those terms are the MI of the other rows "
                '(Result.extras["singleton_rows"]; 31% unique labels: 0.362 nats '
                "where the rows left out carry none and the truth is 0.243). Merge "
                "rare labels or drop the singleton rows deliberately.",
                BiasWarning,
            )
        skipped = float(est.extras.get("skipped_mass", 0.0))
        if skipped < _SKIPPED_MASS:
            return
        k = int(self.n_neighbors)
        warn(
            f"Method 'mixed_atoms' left out {skipped:.0%} of the rows: they lie in "
            f"strata of n_neighbors={k} rows or fewer, too few for a kNN estimate, "
            "which add 0 to the estimate, so it is biased towards 0 by about that "
            'share (Result.extras["skipped_mass"]). Merge rare values, lower '
            "n_neighbors, or collect more samples.",
            BiasWarning,
        )

    def _cmi_draw(
        self, x: Variable, y: Variable, z: Variable, rng: np.random.Generator
    ) -> RawEstimate:
        px, py, pz = self._part(x), self._part(y), self._part(z)
        if self._atom_free([px, py, pz]):
            res = _quiet_ties(self._knn("ksg", rng), "cmi", [x, y, z])
            tied = float(_noise_decided([x, y, z], int(self.n_neighbors)).mean())
            extras = {"atoms": 0.0, "skipped_mass": 0.0, "noise_decided": tied}
            return RawEstimate(res.value, res.local, extras)
        if canonical_pair(x, y)[0] is not x:  # as in _mi
            px, py = py, px
        n = x.n_samples
        total = _Sum(n)
        codes, k = pz.patterns()
        for rows in _strata(codes, k):
            sx, sy = px.take(rows), py.take(rows)
            cz = pz.continuous(int(rows[0]))
            if cz is None:
                part = self._mi_parts(sx, sy, rng)
            else:
                zc = _Part(cz.take(rows), np.full((rows.size, cz.n_features), -1))
                part = self._mi_parts(sx, _join(sy, zc), rng)
                part.add_scaled(-1.0, self._mi_parts(sx, zc, rng))
            stratum = RawEstimate(part.value, part.local)
            total.add(rows, stratum)
            total.dropped += part.dropped * rows.size / n
            total.tied_rows[rows] |= part.tied_rows
            total.skipped += part.skipped * rows.size / n
        return self._finish(total, [px, py, pz])
