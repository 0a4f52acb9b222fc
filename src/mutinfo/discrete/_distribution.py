"""``Distribution``: an explicit joint pmf over named discrete variables.

Outcomes are stored sparsely: one row of integer codes per outcome with positive
probability, and one tuple of labels per variable. Marginals, conditionals and
coalesced variables are computed with the shared counting mechanism
(:func:`mutinfo._counting.encode` and weighted bincounts), so a distribution
with many variables and large alphabets stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mutinfo._counting import encode
from mutinfo._params import suggest
from mutinfo._validation import label_array, missing_label_mask
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

__all__ = ["Distribution", "RVs"]

#: A variable (name or index) or a list of them.
RVs = str | int | Sequence[str | int] | None

_TOL = 1e-9


def missing_labels(column: NDArray[Any]) -> int:
    """Count the missing labels (NaN, NaT, None, ``pandas.NA``) of a 1-D column."""
    return int(missing_label_mask(column).sum())


def label_codes(column: Any, where: str) -> tuple[NDArray[np.int64], tuple[Any, ...]]:
    """Return integer codes ``0..k-1`` of a 1-D label column and its ``k`` labels.

    Missing values (NaN, NaT, None, ``pandas.NA``) are refused: counted as one
    more label they would silently add a category.
    """
    c = label_array(column)
    if c.ndim != 1:
        raise InvalidDataError(
            f"{where} must be 1-D (one label per sample); got shape {c.shape}. "
            "Pass each column separately."
        )
    missing = missing_labels(c)
    if missing:
        raise InvalidDataError(
            f"{where} has {missing} missing value(s) (NaN, None or pandas.NA) among "
            f"{c.size} labels; every sample needs a label. Drop those rows first, "
            "or give the missing ones a label of their own (for example -1)."
        )
    try:
        uniques, inverse = np.unique(c, return_inverse=True)
    except TypeError:
        raise InvalidDataError(
            f"{where} mixes labels that cannot be compared (for example strings "
            "and numbers); make them one type."
        ) from None
    return inverse.reshape(-1).astype(np.int64), tuple(uniques.tolist())


def _as_outcome(outcome: Any) -> tuple[Hashable, ...]:
    if isinstance(outcome, tuple):
        return outcome
    if isinstance(outcome, str):
        return tuple(outcome)
    if isinstance(outcome, list):
        return tuple(outcome)
    return (outcome,)


def _refuse_missing(alphabet: tuple[Hashable, ...], j: int) -> None:
    """Refuse a missing label (NaN, None, ``pandas.NA``) of variable ``j``.

    NaN is not equal to itself, so two NaN objects made two outcomes and one
    NaN object reused made one: the entropy depended on object identity.
    """
    cells = np.empty(len(alphabet), dtype=object)
    for i, label in enumerate(alphabet):
        cells[i] = label
    mask = missing_label_mask(cells)
    if mask.any():
        bad = alphabet[int(np.flatnonzero(mask)[0])]
        raise InvalidDataError(
            f"Variable {j} of 'pmf' has a missing label ({bad!r}); every outcome "
            "needs real labels. Give the missing ones a label of their own (for "
            "example -1 or 'missing')."
        )


def _is_real(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


class Distribution:
    """A joint probability mass function over named discrete variables.

    Parameters
    ----------
    pmf : mapping of outcome to probability
        Outcomes are tuples with one label per variable (any hashable labels);
        a string outcome such as ``"011"`` is read one character per variable,
        as in dit. Outcomes with probability 0 are dropped.
    names : sequence of str, optional
        One name per variable; default ``("x0", "x1", ...)``.
    normalize : bool, default=False
        Divide the probabilities by their sum instead of requiring that they
        sum to 1 (within ``1e-9``).

    Raises
    ------
    InvalidDataError
        If a probability is negative or not finite, the probabilities do not
        sum to 1, outcomes have different lengths, a label is missing (NaN,
        None, ``pandas.NA``), or the pmf is empty.
    InvalidParameterError
        If ``names`` has the wrong length or repeats a name.

    See Also
    --------
    Distribution.from_samples, Distribution.from_array

    Examples
    --------
    >>> from mutinfo.discrete import Distribution
    >>> d = Distribution({("0", "0"): 0.5, ("1", "1"): 0.5}, names=("x", "y"))
    >>> d
    Distribution(names=('x', 'y'), n_outcomes=2)
    >>> d[("0", "0")]
    0.5
    >>> d.marginal("x").pmf.tolist()
    [0.5, 0.5]
    """

    def __init__(
        self,
        pmf: Mapping[Any, float],
        names: Sequence[str] | None = None,
        *,
        normalize: bool = False,
    ) -> None:
        if not isinstance(pmf, Mapping):
            raise InvalidParameterError(
                "The 'pmf' parameter must be a mapping from outcomes to "
                f"probabilities. Got {type(pmf).__name__} instead; use "
                "Distribution.from_array or Distribution.from_samples for arrays."
            )
        outcomes = [_as_outcome(o) for o in pmf]
        if not outcomes:
            raise InvalidDataError("The 'pmf' parameter is empty; give outcomes.")
        lengths = {len(o) for o in outcomes}
        if len(lengths) > 1:
            raise InvalidDataError(
                "Every outcome of 'pmf' must have one label per variable; got "
                f"outcomes of lengths {sorted(lengths)}."
            )
        d = lengths.pop()
        bad_type = next(
            (p for p in pmf.values() if isinstance(p, str | bytes | bool | np.bool_)),
            None,
        )
        if bad_type is not None:
            raise InvalidDataError(
                "The probabilities of 'pmf' must be numbers (int or float); got "
                f"{bad_type!r} ({type(bad_type).__name__}). Convert them with "
                "float() first."
            )
        try:
            probs = np.array([float(p) for p in pmf.values()], dtype=np.float64)
        except (TypeError, ValueError):
            bad = next(p for p in pmf.values() if not _is_real(p))
            raise InvalidDataError(
                "The probabilities of 'pmf' must be real numbers; got "
                f"{bad!r} ({type(bad).__name__})."
            ) from None
        labels: list[tuple[Hashable, ...]] = []
        codes = np.empty((len(outcomes), d), dtype=np.int64)
        for j in range(d):
            column = [o[j] for o in outcomes]
            alphabet = tuple(dict.fromkeys(column))
            _refuse_missing(alphabet, j)
            index = {label: i for i, label in enumerate(alphabet)}
            codes[:, j] = [index[v] for v in column]
            labels.append(alphabet)
        self._init(codes, probs, tuple(labels), names, normalize=normalize)

    # ------------------------------------------------------------------ #
    # Construction
    # ------------------------------------------------------------------ #
    def _init(
        self,
        codes: NDArray[np.int64],
        probs: NDArray[np.float64],
        alphabets: tuple[tuple[Hashable, ...], ...],
        names: Sequence[str] | None,
        *,
        normalize: bool,
    ) -> None:
        d = codes.shape[1]
        if names is None:
            names = tuple(f"x{i}" for i in range(d))
        names = tuple(str(n) for n in names)
        if len(names) != d:
            raise InvalidParameterError(
                f"The 'names' parameter must give one name per variable ({d}). "
                f"Got {len(names)} names: {names!r}."
            )
        if len(set(names)) != len(names):
            raise InvalidParameterError(
                f"The 'names' parameter repeats a name: {names!r}. Names must be "
                "unique."
            )
        if not np.isfinite(probs).all() or (probs < 0).any():
            bad = probs[~np.isfinite(probs) | (probs < 0)][0]
            raise InvalidDataError(
                f"Probabilities must be finite and non-negative; found {bad!r}."
            )
        with np.errstate(over="ignore"):
            total = float(probs.sum())
        if normalize:
            if total <= 0:
                raise InvalidDataError(
                    "The probabilities sum to 0, so they cannot be normalised."
                )
            if not math.isfinite(total):
                # Weights near the float maximum: the sum overflows to inf and
                # every probability became 0 (an empty distribution).
                probs = probs / float(probs.max())
                total = float(probs.sum())
            probs = probs / total
        elif abs(total - 1.0) > _TOL:
            raise InvalidDataError(
                f"Probabilities must sum to 1 (within {_TOL:g}); they sum to "
                f"{total!r}. Pass normalize=True to rescale them."
            )
        # Merge repeated outcomes and drop zero-probability ones.
        if codes.shape[0] > 1:
            joint, k = encode(codes.astype(np.float64))
            first = np.full(k, -1, dtype=np.int64)
            first[joint[::-1]] = np.arange(joint.size)[::-1]
            probs = np.bincount(joint, weights=probs, minlength=k).astype(np.float64)
            codes = codes[first]
        keep = probs > 0
        self._codes = codes[keep]
        self._probs = probs[keep]
        self._probs.setflags(write=False)
        self._codes.setflags(write=False)
        self._alphabets = alphabets
        self._names: tuple[str, ...] = names

    @classmethod
    def _from_parts(
        cls,
        codes: NDArray[np.int64],
        probs: NDArray[np.float64],
        alphabets: tuple[tuple[Hashable, ...], ...],
        names: Sequence[str],
    ) -> Distribution:
        obj = cls.__new__(cls)
        obj._init(codes, probs, alphabets, names, normalize=True)
        return obj

    @classmethod
    def from_samples(
        cls, *variables: ArrayLike, names: Sequence[str] | None = None
    ) -> Distribution:
        """Return the empirical distribution of samples of one or more variables.

        Parameters
        ----------
        *variables : array-like of shape (n_samples,)
            One sequence of labels per variable (numbers or strings), sharing
            their rows.
        names : sequence of str, optional
            One name per variable.

        Returns
        -------
        Distribution
            Frequencies of the distinct joint outcomes.

        Raises
        ------
        InvalidDataError
            If no variable is given, lengths differ, a variable is not 1-D, or
            a label is missing (NaN, None, ``pandas.NA``).

        Examples
        --------
        >>> from mutinfo.discrete import Distribution
        >>> d = Distribution.from_samples([0, 0, 1, 1], ["a", "b", "b", "b"])
        >>> d[(1, "b")]
        0.5
        """
        if not variables:
            raise InvalidDataError("Distribution.from_samples needs a variable.")
        columns = [label_array(v) for v in variables]
        for i, c in enumerate(columns):
            if c.ndim != 1:
                raise InvalidDataError(
                    f"Variable {i} of from_samples must be 1-D (one label per "
                    f"sample); got shape {c.shape}. Pass each column separately."
                )
        sizes = {c.shape[0] for c in columns}
        if len(sizes) > 1 or 0 in sizes:
            raise InvalidDataError(
                "The variables of from_samples must have the same, non-zero "
                f"number of samples; got {[c.shape[0] for c in columns]}."
            )
        codes_cols, alphabets = [], []
        for i, c in enumerate(columns):
            codes_i, alphabet = label_codes(c, f"Variable {i} of from_samples")
            codes_cols.append(codes_i)
            alphabets.append(alphabet)
        codes = np.column_stack(codes_cols)
        joint, k = encode(codes.astype(np.float64))
        counts = np.bincount(joint, minlength=k).astype(np.float64)
        first = np.full(k, -1, dtype=np.int64)
        first[joint[::-1]] = np.arange(joint.size)[::-1]
        return cls._from_parts(
            codes[first],
            counts / counts.sum(),
            tuple(alphabets),
            names if names is not None else [f"x{i}" for i in range(len(columns))],
        )

    @classmethod
    def from_array(
        cls,
        pmf: ArrayLike,
        names: Sequence[str] | None = None,
        *,
        normalize: bool = False,
    ) -> Distribution:
        """Return the distribution of a dense pmf array, one axis per variable.

        The labels of variable ``i`` are ``0, ..., pmf.shape[i] - 1``.

        Parameters
        ----------
        pmf : array-like of non-negative floats
            ``pmf[a, b, ...]`` is the probability of the outcome ``(a, b, ...)``.
        names : sequence of str, optional
            One name per axis.
        normalize : bool, default=False
            Rescale the array to sum to 1.

        Returns
        -------
        Distribution

        Raises
        ------
        InvalidDataError
            If the array is not numeric, is 0-D, or is not a pmf.

        Examples
        --------
        >>> from mutinfo.discrete import Distribution
        >>> Distribution.from_array([[0.5, 0.0], [0.0, 0.5]]).outcomes
        [(0, 0), (1, 1)]
        """
        try:
            arr = np.asarray(pmf, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidDataError(
                f"The 'pmf' array must hold numbers. Got {pmf!r} instead."
            ) from None
        if arr.ndim == 0:
            raise InvalidDataError(
                "The 'pmf' array needs one axis per variable; got a scalar."
            )
        codes = np.indices(arr.shape).reshape(arr.ndim, -1).T.astype(np.int64)
        alphabets = tuple(tuple(range(s)) for s in arr.shape)
        flat = arr.reshape(-1)
        obj = cls.__new__(cls)
        obj._init(codes, flat, alphabets, names, normalize=normalize)
        return obj

    # ------------------------------------------------------------------ #
    # Inspection
    # ------------------------------------------------------------------ #
    @property
    def names(self) -> tuple[str, ...]:
        """The variable names."""
        return self._names

    @property
    def n_variables(self) -> int:
        """Number of variables."""
        return len(self._names)

    @property
    def pmf(self) -> NDArray[np.float64]:
        """Probabilities of the outcomes, in the order of :attr:`outcomes`."""
        return self._probs

    @property
    def outcomes(self) -> list[tuple[Hashable, ...]]:
        """The outcomes with positive probability, as tuples of labels."""
        return [
            tuple(self._alphabets[j][c] for j, c in enumerate(row))
            for row in self._codes.tolist()
        ]

    @property
    def alphabets(self) -> tuple[tuple[Hashable, ...], ...]:
        """The labels each variable takes with positive probability."""
        used = [np.unique(self._codes[:, j]) for j in range(self.n_variables)]
        return tuple(
            tuple(self._alphabets[j][i] for i in u.tolist()) for j, u in enumerate(used)
        )

    def __len__(self) -> int:
        return int(self._probs.size)

    def __getitem__(self, outcome: Any) -> float:
        """Return the probability of ``outcome`` (0 if it is not in the support).

        ``outcome`` is a tuple with one label per variable; of a one-variable
        distribution it may be the label itself (``d["ab"]``).

        Raises
        ------
        InvalidParameterError
            If ``outcome`` does not have one label per variable.
        """
        if self.n_variables == 1 and not (
            isinstance(outcome, tuple) and len(outcome) == 1
        ):
            # One variable: the key is its label, even a string of several
            # characters ("ab") or a tuple (a label of a coalesced variable).
            key: tuple[Hashable, ...] = (outcome,)
        else:
            key = _as_outcome(outcome)
        if len(key) != self.n_variables:
            raise InvalidParameterError(
                f"An outcome of this distribution has one label per variable "
                f"({self.n_variables}: {self._names!r}); got {outcome!r}."
            )
        for o, p in zip(self.outcomes, self._probs.tolist(), strict=True):
            if o == key:
                return float(p)
        return 0.0

    def __iter__(self) -> Iterable[tuple[Hashable, ...]]:
        return iter(self.outcomes)

    def to_dict(self) -> dict[tuple[Hashable, ...], float]:
        """Return ``{outcome: probability}``."""
        return dict(zip(self.outcomes, self._probs.tolist(), strict=True))

    def __repr__(self) -> str:
        return f"Distribution(names={self._names!r}, n_outcomes={len(self)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Distribution) or other.names != self.names:
            return False
        a, b = self.to_dict(), other.to_dict()
        return a.keys() == b.keys() and all(math.isclose(a[k], b[k]) for k in a)

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ #
    # Variables
    # ------------------------------------------------------------------ #
    def indices(self, rvs: RVs, name: str = "rvs") -> list[int]:
        """Resolve variable names or indices to column indices (``None``: all).

        Raises
        ------
        InvalidParameterError
            If a name is unknown or an index is out of range.
        """
        if rvs is None:
            return list(range(self.n_variables))
        items = [rvs] if isinstance(rvs, str | int | np.integer) else list(rvs)
        out: list[int] = []
        for item in items:
            if isinstance(item, bool):
                raise InvalidParameterError(
                    f"The {name!r} parameter must name variables; got {item!r}."
                )
            if isinstance(item, int | np.integer):
                if not 0 <= int(item) < self.n_variables:
                    raise InvalidParameterError(
                        f"The {name!r} parameter has index {item}, but the "
                        f"distribution has {self.n_variables} variables."
                    )
                out.append(int(item))
            elif isinstance(item, str) and item in self._names:
                out.append(self._names.index(item))
            else:
                valid = ", ".join(repr(n) for n in self._names)
                hint = suggest(item, self._names) if isinstance(item, str) else ""
                raise InvalidParameterError(
                    f"The {name!r} parameter names {item!r}, which is not a "
                    f"variable of the distribution. Variables: {valid}.{hint}"
                )
        return out

    def marginal_pmf(self, idx: Sequence[int]) -> NDArray[np.float64]:
        """Return the probabilities of the joint outcomes of columns ``idx``."""
        if not idx:
            return np.ones(1)
        codes, k = encode(self._codes[:, list(idx)].astype(np.float64))
        return np.bincount(codes, weights=self._probs, minlength=k).astype(np.float64)

    def marginal_codes(self, idx: Sequence[int]) -> tuple[NDArray[np.int64], int]:
        """Return the code of each outcome's restriction to ``idx``, and their count."""
        if not idx:
            return np.zeros(len(self), dtype=np.int64), 1
        return encode(self._codes[:, list(idx)].astype(np.float64))

    def marginal(self, rvs: RVs) -> Distribution:
        """Return the marginal distribution of ``rvs`` (names or indices).

        Examples
        --------
        >>> from mutinfo.discrete import Distribution
        >>> d = Distribution({"00": 0.25, "01": 0.25, "11": 0.5}, names="xy")
        >>> d.marginal("y").to_dict()
        {('0',): 0.25, ('1',): 0.75}
        """
        idx = self.indices(rvs)
        if len(set(idx)) != len(idx):
            repeated = sorted({self._names[i] for i in idx if idx.count(i) > 1})
            raise InvalidParameterError(
                f"The 'rvs' parameter of marginal() names a variable twice "
                f"({', '.join(map(repr, repeated))}); a marginal has each variable "
                "once. Remove the repeats."
            )
        codes, k = self.marginal_codes(idx)
        probs = np.bincount(codes, weights=self._probs, minlength=k).astype(np.float64)
        first = np.full(k, -1, dtype=np.int64)
        first[codes[::-1]] = np.arange(codes.size)[::-1]
        return Distribution._from_parts(
            self._codes[first][:, idx],
            probs,
            tuple(self._alphabets[i] for i in idx),
            [self._names[i] for i in idx],
        )

    def condition(self, crvs: RVs, given: Any) -> Distribution:
        """Return the distribution of the other variables given ``crvs == given``.

        Parameters
        ----------
        crvs : str, int or sequence
            The conditioning variables.
        given : tuple or label
            Their values (one label per conditioning variable).

        Returns
        -------
        Distribution
            Over the variables not in ``crvs``.

        Raises
        ------
        InvalidDataError
            If the conditioning event has probability 0.

        Examples
        --------
        >>> from mutinfo.discrete import Distribution
        >>> d = Distribution({"00": 0.25, "01": 0.25, "11": 0.5}, names="xy")
        >>> d.condition("y", "1").to_dict()
        {('0',): 0.3333333333333333, ('1',): 0.6666666666666666}
        """
        cidx = self.indices(crvs, "crvs")
        value = _as_outcome(given) if len(cidx) > 1 else (given,)
        if (
            len(cidx) == 1
            and isinstance(given, tuple | list)
            and len(given) == 1
            and given not in self._alphabets[cidx[0]]
        ):
            value = (given[0],)  # one label given as a 1-tuple, like several
        if len(value) != len(cidx):
            raise InvalidParameterError(
                f"The 'given' parameter must hold one label per conditioning "
                f"variable ({len(cidx)}); got {given!r}."
            )
        mask = np.ones(len(self), dtype=bool)
        for j, v in zip(cidx, value, strict=True):
            alphabet = self._alphabets[j]
            if v not in alphabet:
                mask[:] = False
                break
            mask &= self._codes[:, j] == alphabet.index(v)
        if not mask.any():
            event = dict(zip([self._names[j] for j in cidx], value, strict=True))
            unknown = [
                f"{label!r} is not a label of {self._names[j]!r}, which takes "
                f"{list(self.alphabets[j])!r}"
                for j, label in zip(cidx, value, strict=True)
                if label not in self.alphabets[j]
            ]
            hint = (" " + "; ".join(unknown) + ".") if unknown else ""
            raise InvalidDataError(
                f"The event {event!r} has probability 0, so nothing can be "
                f"conditioned on it.{hint}"
            )
        rest = [j for j in range(self.n_variables) if j not in cidx]
        return Distribution._from_parts(
            self._codes[mask][:, rest],
            self._probs[mask],
            tuple(self._alphabets[j] for j in rest),
            [self._names[j] for j in rest],
        )

    def coalesce(
        self, groups: Sequence[RVs], names: Sequence[str] | None = None
    ) -> Distribution:
        """Return a distribution whose variables are groups of the variables.

        Each new variable's label is the tuple of its group's labels; a
        variable may appear in several groups.

        Parameters
        ----------
        groups : sequence of variable lists
            One list of names or indices per new variable.
        names : sequence of str, optional
            Names of the new variables; default: the joined names of each group.

        Returns
        -------
        Distribution

        Examples
        --------
        >>> from mutinfo.discrete import Distribution
        >>> d = Distribution({"000": 0.5, "111": 0.5}, names="xyz")
        >>> d.coalesce([["x", "y"], ["z"]]).outcomes
        [(('0', '0'), ('0',)), (('1', '1'), ('1',))]
        """
        index_groups = [self.indices(g, "groups") for g in groups]
        if not index_groups:
            raise InvalidParameterError("The 'groups' parameter needs a group.")
        cols, alphabets = [], []
        outcomes = self.outcomes
        for idx in index_groups:
            codes, k = self.marginal_codes(idx)
            labels: list[Hashable] = [None] * k
            for row, c in enumerate(codes.tolist()):
                labels[c] = tuple(outcomes[row][i] for i in idx)
            cols.append(codes)
            alphabets.append(tuple(labels))
        if names is None:
            names = ["".join(self._names[i] for i in idx) for idx in index_groups]
        return Distribution._from_parts(
            np.column_stack(cols), self._probs.copy(), tuple(alphabets), names
        )
