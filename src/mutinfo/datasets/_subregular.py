"""Strictly local (SL_k) and strictly piecewise (SP_k) languages, with exact I(d).

A strictly ``k``-local language forbids contiguous substrings (``k``-factors);
a strictly ``k``-piecewise one forbids subsequences of length ``k`` (symbols
in order, any gaps) (Rogers et al. 2010; Avcu, Shibata & Heinz 2017). Both
are regular: each is a deterministic automaton whose state is the last
``k - 1`` symbols (SL) or how far each forbidden word has been matched as a
subsequence (SP). Counting accepted strings with the automaton's transfer
matrix gives uniform sampling among the strings of a length and the exact
pairwise laws of those strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo._params import check_rng
from mutinfo.datasets._hidden import joint_mi
from mutinfo.datasets._task import check_number
from mutinfo.exceptions import InvalidParameterError

__all__ = ["SubregularLanguage", "strictly_local", "strictly_piecewise"]

_MAX_STATES = 1 << 16


@dataclass(frozen=True, eq=False)
class SubregularLanguage:
    """A strictly local or strictly piecewise language as a finite automaton.

    Attributes
    ----------
    kind : {'SL', 'SP'}
        Strictly local (forbidden factors) or strictly piecewise (forbidden
        subsequences).
    k : int
        Length of the forbidden words.
    alphabet : str
        The symbols; a string is coded by their indices.
    forbidden : tuple of str
        The forbidden ``k``-factors (SL) or ``k``-subsequences (SP).
    delta : numpy.ndarray of shape (n_states, len(alphabet))
        Transition table; ``-1`` is the rejecting sink. State 0 is the start;
        every other state accepts (both classes are closed under prefixes).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> sp = datasets.strictly_piecewise(["ab"], alphabet="abc")
    >>> sp.accepts("bcacca"), sp.accepts("acccb"), sp.count(3)
    (True, False, 20)
    """

    kind: str
    k: int
    alphabet: str
    forbidden: tuple[str, ...]
    delta: NDArray[np.int64]

    @property
    def n_states(self) -> int:
        """Live states of the automaton."""
        return int(self.delta.shape[0])

    def encode(self, string: str) -> NDArray[np.int64]:
        """Code a string as symbol indices (int64)."""
        index = {c: i for i, c in enumerate(self.alphabet)}
        bad = sorted(set(string) - set(index))
        if bad:
            raise InvalidParameterError(
                f"The string holds symbols {bad} outside the alphabet "
                f"{self.alphabet!r}."
            )
        return np.array([index[c] for c in string], dtype=np.int64)

    def decode(self, codes: Any) -> str:
        """Symbol indices back to a string."""
        return "".join(self.alphabet[int(i)] for i in np.asarray(codes).ravel())

    def accepts(self, string: str) -> bool:
        """Whether ``string`` belongs to the language."""
        state = 0
        for a in self.encode(string):
            state = int(self.delta[state, a])
            if state < 0:
                return False
        return True

    def _apply(self, v: NDArray[np.float64]) -> NDArray[np.float64]:
        # (T v)[s] = sum_a v[delta[s, a]] on the last axis, the sink (-1) read
        # as 0 from a padded column; each entry of the first axis (the whole
        # of a vector) rescaled to max 1, so ratios within it are kept.
        padded = np.concatenate([v, np.zeros((*v.shape[:-1], 1))], axis=-1)
        out = padded[..., self.delta].sum(axis=-1)
        axes = tuple(range(1, out.ndim)) if out.ndim > 1 else None
        top = out.max(axis=axes, keepdims=True)
        return np.asarray(out / np.where(top > 0, top, 1.0), dtype=np.float64)

    def _backward(self, length: int) -> NDArray[np.float64]:
        # g[i, s]: number of suffixes of length - i accepted from s, each row
        # scaled by its own constant (only ratios within a row are used).
        g = np.empty((length + 1, self.n_states))
        g[length] = 1.0
        for i in range(length - 1, -1, -1):
            g[i] = self._apply(g[i + 1])
        return g

    def _length(self, length: int, where: str) -> int:
        return int(check_number(length, "length", where, low=1, integer=True))

    def count(self, length: int) -> int:
        """Count the strings of ``length`` in the language (exact integer)."""
        n = self._length(length, "SubregularLanguage.count()")
        vec = [0] * self.n_states
        vec[0] = 1
        for _ in range(n):
            nxt = [0] * self.n_states
            for s, c in enumerate(vec):
                if c:
                    for t in self.delta[s]:
                        if t >= 0:
                            nxt[int(t)] += c
            vec = nxt
        return sum(vec)

    def sample(
        self, n_strings: int, length: int, *, rng: Any = None
    ) -> NDArray[np.int64]:
        """Draw strings uniformly among the language's strings of ``length``.

        Each symbol is drawn with probability proportional to the number of
        accepted completions it leaves (counted by the transfer matrix), which
        makes every member of that length equally likely.

        Parameters
        ----------
        n_strings : int
            Number of strings (>= 1).
        length : int
            Their length (>= 1).
        rng : None, int or numpy.random.Generator, default=None
            Seed.

        Returns
        -------
        numpy.ndarray of shape (n_strings, length), int64
            Symbol indices (:meth:`decode` gives the strings); pass ``list(x)``
            to :func:`mutinfo.timeseries.mi_vs_separation` (realisations).

        Raises
        ------
        InvalidParameterError
            If the language has no string of that length.
        """
        where = "SubregularLanguage.sample()"
        n = int(check_number(n_strings, "n_strings", where, low=1, integer=True))
        ln = self._length(length, where)
        g = self._backward(ln)
        if g[0, 0] <= 0:
            raise InvalidParameterError(
                f"The language has no string of length {ln}; the 'length' parameter "
                f"of {where} must allow at least one."
            )
        gen = check_rng(rng)
        # The rejecting sink is column -1 of g padded with a 0.
        padded = np.concatenate([g, np.zeros((ln + 1, 1))], axis=1)
        state = np.zeros(n, dtype=np.int64)
        out = np.empty((n, ln), dtype=np.int64)
        m = len(self.alphabet)
        for i in range(ln):
            nxt = self.delta[state]  # (n, m), -1 for the sink
            w = padded[i + 1][nxt]
            cum = np.cumsum(w, axis=1)
            u = gen.random(n) * cum[:, -1]
            sym = np.minimum((u[:, None] >= cum).sum(axis=1), m - 1)
            out[:, i] = sym
            state = nxt[np.arange(n), sym]
        return out

    def pair_distribution(self, distance: int, length: int) -> NDArray[np.float64]:
        """Law of ``(X_t, X_{t+d})`` pooled over the positions of uniform strings.

        For each position ``t``, ``P_t(a, b)`` is proportional to
        ``f_t T_a T^(d-1) T_b g_(t+d+1)``: the number of accepted prefixes of
        length ``t`` in each state (``f``), the automaton's transfer matrices
        (``T_a`` for symbol ``a``, ``T`` their sum) and the number of accepted
        suffixes (``g``). The table returned is the mean of ``P_t`` over the
        ``length - d`` positions: the law that an estimator pooling every
        pair ``d`` apart of each string estimates.
        """
        where = "SubregularLanguage.pair_distribution()"
        ln = self._length(length, where)
        d = int(check_number(distance, "distance", where, low=1, integer=True))
        if d >= ln:
            raise InvalidParameterError(
                f"The 'distance' parameter of {where} must be smaller than the "
                f"length {ln}. Got {d} instead."
            )
        g = self._backward(ln)
        if g[0, 0] <= 0:
            raise InvalidParameterError(f"The language has no string of length {ln}.")
        s, m = self.delta.shape
        live = self.delta >= 0
        src = np.broadcast_to(np.arange(s)[:, None], self.delta.shape)[live]
        f = np.empty((ln - d, s))
        vec = np.zeros(s)
        vec[0] = 1.0
        for i in range(ln - d):
            f[i] = vec
            nxt = np.bincount(self.delta[live], weights=vec[src], minlength=s)
            vec = np.asarray(nxt / nxt.sum(), dtype=np.float64)
        # h[i, b, :] = T^(d-1) T_b g[i + d + 1] for the positions i = 0..ln-d-1.
        pad = np.zeros((ln - d, 1))
        later = np.concatenate([g[d + 1 : ln + 1], pad], axis=1)
        h = np.stack([later[:, self.delta[:, b]] for b in range(m)], axis=1)
        for _ in range(d - 1):
            h = self._apply(h)
        hp = np.concatenate([h, np.zeros((ln - d, m, 1))], axis=2)
        # P_t[a, b] = sum_s f_t[s] h_t[b, delta[s, a]].
        joint = np.einsum("is,ibsa->iab", f, hp[:, :, self.delta])
        joint /= joint.sum(axis=(1, 2), keepdims=True)
        return np.asarray(joint.mean(axis=0), dtype=np.float64)

    def mutual_information(self, distance: int, length: int) -> float:
        """Exact pooled ``I(X_t ; X_{t+d})`` of uniform strings of ``length``, nats."""
        return joint_mi(self.pair_distribution(distance, length))


def _check_words(
    forbidden: Sequence[str], alphabet: str | None, where: str
) -> tuple[tuple[str, ...], str, int]:
    if isinstance(forbidden, str) or not all(isinstance(w, str) for w in forbidden):
        raise InvalidParameterError(
            f"The 'forbidden' parameter of {where} must be a list of strings (the "
            f"forbidden words, e.g. ['ab', 'ba']). Got {forbidden!r} instead."
        )
    words = tuple(forbidden)
    lengths = {len(w) for w in words}
    if len(lengths) != 1 or 0 in lengths:
        raise InvalidParameterError(
            f"The 'forbidden' parameter of {where} must hold non-empty words of one "
            f"length k. Got lengths {sorted(lengths)} instead."
        )
    symbols = alphabet if alphabet is not None else "".join(sorted(set("".join(words))))
    if not isinstance(symbols, str) or len(set(symbols)) != len(symbols) or not symbols:
        raise InvalidParameterError(
            f"The 'alphabet' parameter of {where} must be a string of distinct "
            f"symbols. Got {alphabet!r} instead."
        )
    outside = sorted(set("".join(words)) - set(symbols))
    if outside:
        raise InvalidParameterError(
            f"The 'forbidden' parameter of {where} uses symbols {outside} outside "
            f"the alphabet {symbols!r}."
        )
    return words, symbols, lengths.pop()


def _build(
    start: tuple[Any, ...],
    step: Any,
    m: int,
    where: str,
) -> NDArray[np.int64]:
    # Breadth-first construction of the reachable live states.
    index = {start: 0}
    order = [start]
    rows: list[list[int]] = []
    i = 0
    while i < len(order):
        row = []
        for a in range(m):
            nxt = step(order[i], a)
            if nxt is None:
                row.append(-1)
                continue
            if nxt not in index:
                if len(order) >= _MAX_STATES:
                    raise InvalidParameterError(
                        f"{where} needs more than {_MAX_STATES} automaton states; "
                        "use a smaller k or alphabet."
                    )
                index[nxt] = len(order)
                order.append(nxt)
            row.append(index[nxt])
        rows.append(row)
        i += 1
    return np.array(rows, dtype=np.int64)


def strictly_local(
    forbidden: Sequence[str], *, alphabet: str | None = None
) -> SubregularLanguage:
    """Build a strictly ``k``-local language: no forbidden ``k``-factor.

    Parameters
    ----------
    forbidden : list of str
        Forbidden contiguous substrings, all of length ``k`` (no word-boundary
        markers: a constraint applies anywhere in the string, not only at its
        edges).
    alphabet : str, optional
        The symbols (default: those of the forbidden words).

    Returns
    -------
    SubregularLanguage
        Its automaton's state is the last ``k - 1`` symbols, so a uniform
        string is a ``(k - 1)``-order Markov chain away from its ends: ``I(d)``
        decays exponentially within a few ``k``.

    References
    ----------
    .. [1] E. Avcu, C. Shibata and J. Heinz, "Subregular complexity and deep
       learning", CLASP Papers in Computational Linguistics 1, 20 (2017),
       arXiv:1705.05940.

    Examples
    --------
    >>> from mutinfo import datasets
    >>> sl = datasets.strictly_local(["ab", "ba"], alphabet="abc")
    >>> sl.accepts("aacbb"), sl.accepts("acab"), sl.k
    (True, False, 2)
    """
    where = "strictly_local()"
    words, symbols, k = _check_words(forbidden, alphabet, where)
    banned = {tuple(symbols.index(c) for c in w) for w in words}

    def step(state: tuple[int, ...], a: int) -> tuple[int, ...] | None:
        window = (*state, a)
        if len(window) == k and window in banned:
            return None
        return window[-(k - 1) :] if k > 1 else ()

    delta = _build((), step, len(symbols), where)
    return SubregularLanguage("SL", k, symbols, words, delta)


def strictly_piecewise(
    forbidden: Sequence[str], *, alphabet: str | None = None
) -> SubregularLanguage:
    """Build a strictly ``k``-piecewise language: no forbidden subsequence.

    A string contains the subsequence ``w`` when the symbols of ``w`` occur
    in it in order, with any gaps: forbidding ``"ab"`` forbids any ``b``
    after an ``a``, however far (a long-distance dependency).

    Parameters
    ----------
    forbidden : list of str
        Forbidden subsequences, all of length ``k``.
    alphabet : str, optional
        The symbols (default: those of the forbidden words).

    Returns
    -------
    SubregularLanguage
        Its automaton's state is, for each forbidden word, the length of its
        longest prefix already present as a subsequence (greedy matching
        finds it), so the dependence does not decay with distance.

    References
    ----------
    .. [1] J. Rogers, J. Heinz, G. Bailey, M. Edlefsen, M. Visscher, D.
       Wellcome and S. Wibel, "On languages piecewise testable in the strict
       sense", The Mathematics of Language, LNAI 6149, 255 (2010).

    Examples
    --------
    >>> from mutinfo import datasets
    >>> sp = datasets.strictly_piecewise(["ab"], alphabet="abc")
    >>> sp.accepts("bbcaac"), sp.accepts("acccb")
    (True, False)
    """
    where = "strictly_piecewise()"
    words, symbols, k = _check_words(forbidden, alphabet, where)
    coded = [tuple(symbols.index(c) for c in w) for w in words]

    def step(state: tuple[int, ...], a: int) -> tuple[int, ...] | None:
        out = []
        for matched, w in zip(state, coded, strict=True):
            if w[matched] == a:
                matched += 1
                if matched == k:
                    return None
            out.append(matched)
        return tuple(out)

    delta = _build(tuple(0 for _ in coded), step, len(symbols), where)
    return SubregularLanguage("SP", k, symbols, words, delta)
