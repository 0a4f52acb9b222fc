"""Hidden Markov, hierarchical, SL/SP and cellular-automaton generators.

Every closed form is checked against a brute-force enumeration written here
(all hidden paths, all trees, all strings), independent of the transfer
matrices and automata the generators use; the samplers against those closed
forms and, for the languages, against uniformity.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidParameterError


def _mi(joint: np.ndarray) -> float:
    joint = joint / joint.sum()
    pa, pb = joint.sum(1), joint.sum(0)
    out = 0.0
    for a in range(joint.shape[0]):
        for b in range(joint.shape[1]):
            if joint[a, b] > 0:
                out += joint[a, b] * math.log(joint[a, b] / (pa[a] * pb[b]))
    return out


def _plugin_mi(a: np.ndarray, b: np.ndarray) -> float:
    joint = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(joint, (a, b), 1.0)
    return _mi(joint)


# --- hidden Markov chains -------------------------------------------------

P_HMM = np.array([[0.8, 0.15, 0.05], [0.1, 0.7, 0.2], [0.3, 0.1, 0.6]])
E_HMM = np.array([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]])


def _hmm_brute(
    d: int, p_mat: np.ndarray = P_HMM, e_mat: np.ndarray = E_HMM
) -> np.ndarray:
    """P(X_0, X_d) summed over every hidden path s_0..s_d."""
    m = len(p_mat)
    vals, vecs = np.linalg.eig(p_mat.T)
    pi = np.real(vecs[:, np.argmin(abs(vals - 1))])
    pi = pi / pi.sum()
    joint = np.zeros((e_mat.shape[1],) * 2)
    for path in itertools.product(range(m), repeat=d + 1):
        p = pi[path[0]]
        for s, t in itertools.pairwise(path):
            p *= p_mat[s, t]
        joint += p * np.outer(e_mat[path[0]], e_mat[path[-1]])
    return joint


def _hmm_block_brute(length: int) -> float:
    vals, vecs = np.linalg.eig(P_HMM.T)
    pi = np.real(vecs[:, np.argmin(abs(vals - 1))])
    pi = pi / pi.sum()
    words: dict[tuple[int, ...], float] = {}
    for path in itertools.product(range(3), repeat=length):
        p_path = pi[path[0]] * math.prod(
            P_HMM[s, t] for s, t in itertools.pairwise(path)
        )
        for word in itertools.product(range(2), repeat=length):
            p = p_path * math.prod(E_HMM[s, a] for s, a in zip(path, word, strict=True))
            words[word] = words.get(word, 0.0) + p
    probs = np.array(list(words.values()))
    return float(-(probs * np.log(probs)).sum())


def test_hmm_pair_law_and_block_entropy_match_enumeration() -> None:
    hmm = datasets.hidden_markov_chain(P_HMM, E_HMM)
    for d in (1, 2, 5):
        np.testing.assert_allclose(hmm.pair_distribution(d), _hmm_brute(d), atol=1e-14)
        assert hmm.mutual_information(d) == pytest.approx(_mi(_hmm_brute(d)), abs=1e-13)
    assert hmm.mutual_information(0) == pytest.approx(
        -(hmm.stationary * np.log(hmm.stationary)).sum(), abs=1e-13
    )
    for length in (1, 3, 4):
        assert hmm.block_entropy(length) == pytest.approx(
            _hmm_block_brute(length), abs=1e-12
        )
    lower, upper = hmm.entropy_rate_bounds(8)
    lower12, upper12 = hmm.entropy_rate_bounds(12)
    assert lower <= lower12 <= upper12 <= upper
    assert upper12 - lower12 < 1e-3


def test_hmm_with_identity_emission_is_its_markov_chain() -> None:
    hmm = datasets.hidden_markov_chain(P_HMM, np.eye(3))
    chain = datasets.MarkovChain.from_matrix(P_HMM)
    for d in (1, 3):
        assert hmm.mutual_information(d) == pytest.approx(
            chain.mutual_information(d), abs=1e-13
        )
    lower, upper = hmm.entropy_rate_bounds(3)
    assert lower == pytest.approx(chain.entropy_rate, abs=1e-12)
    assert upper == pytest.approx(chain.entropy_rate, abs=1e-12)


def test_hmm_samples_follow_the_closed_form() -> None:
    hmm = datasets.hidden_markov_chain(P_HMM, E_HMM)
    x, s = hmm.sample_states(60_000, rng=0)
    assert x.dtype == np.int64
    assert set(np.unique(x)) <= {0, 1}
    # Emission frequencies given the hidden state.
    for i in range(3):
        assert x[s == i].mean() == pytest.approx(E_HMM[i, 1], abs=0.01)
    for d in (1, 4):
        # Plug-in bias (q - 1)^2 / (2 n) is 1e-5 here; sampling sd ~ 1e-3.
        assert _plugin_mi(x[:-d], x[d:]) == pytest.approx(
            hmm.mutual_information(d), abs=2e-3
        )
    np.testing.assert_array_equal(hmm.sample(50, rng=3), hmm.sample(50, rng=3))


@pytest.mark.parametrize("lag", [1, 3])
def test_registered_hidden_markov_task(lag: int) -> None:
    from mutinfo.datasets._catalog import HIDDEN_MARKOV

    task = datasets.get(f"hidden_markov-3x2-lag{lag}")
    p_mat, e_mat = (np.array(v) for v in HIDDEN_MARKOV)
    assert task.mutual_information == pytest.approx(
        _mi(_hmm_brute(lag, p_mat, e_mat)), abs=1e-13
    )
    x, y = task.sample(100_000, rng=0)
    # Independent pairs: plug-in sd ~ 5e-4, bias 5e-6.
    assert _plugin_mi(x[:, 0], y[:, 0]) == pytest.approx(
        task.mutual_information, abs=2e-3
    )


def test_hmm_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match=r"'emission' parameter.*shape"):
        datasets.hidden_markov_chain(P_HMM, [[0.5, 0.5]])
    with pytest.raises(InvalidParameterError, match=r"'emission' parameter.*sum to 1"):
        datasets.hidden_markov_chain(P_HMM, np.full((3, 2), 0.6))
    with pytest.raises(InvalidParameterError, match="'transition' parameter"):
        datasets.hidden_markov_chain([[0.5, 0.6], [0.5, 0.5]], np.eye(2))
    hmm = datasets.hidden_markov_chain(P_HMM, E_HMM)
    with pytest.raises(InvalidParameterError, match=r"'length' parameter.*2\*\*"):
        hmm.block_entropy(30)
    with pytest.raises(InvalidParameterError, match=r"'length' parameter.*>= 2"):
        hmm.entropy_rate_bounds(1)


# --- hierarchical process -------------------------------------------------


def _tree_brute(m: np.ndarray, b: int, depth: int, root: np.ndarray, d: int) -> float:
    """Pooled I(d) of the leaves, enumerating every labelling of the tree."""
    q = len(root)
    n_inner = sum(b**lv for lv in range(depth))
    n_leaves = b**depth
    labels = np.array(list(itertools.product(range(q), repeat=n_inner + n_leaves)))
    p = root[labels[:, 0]]
    # Heap order: node j's children are b j + 1 .. b j + b.
    for j in range(n_inner):
        for c in range(b * j + 1, b * j + b + 1):
            p = p * m[labels[:, j], labels[:, c]]
    leaves = labels[:, n_inner:]
    joint = np.zeros((q, q))
    for t in range(n_leaves - d):
        np.add.at(joint, (leaves[:, t], leaves[:, t + d]), p)
    return _mi(joint)


@pytest.mark.parametrize(
    ("b", "depth", "root"), [(2, 3, None), (3, 2, None), (2, 3, [0.9, 0.1])]
)
def test_hierarchical_pooled_mi_matches_enumeration(
    b: int, depth: int, root: list[float] | None
) -> None:
    m = np.array([[0.85, 0.15], [0.3, 0.7]])
    proc = datasets.hierarchical_process(m, branching=b, depth=depth, root=root)
    r = proc.root
    for d in range(1, proc.length):
        assert proc.ancestor_counts(d).sum() == proc.length - d
        assert proc.mutual_information(d) == pytest.approx(
            _tree_brute(m, b, depth, r, d), abs=1e-13
        )


def test_hierarchical_samples_and_power_law() -> None:
    m = [[0.9, 0.1], [0.1, 0.9]]
    proc = datasets.hierarchical_process(m, depth=8)
    x = proc.sample(600, rng=0)
    assert x.shape == (600, 256)
    assert x.dtype == np.int64
    for d in (1, 3, 16, 100):
        a = np.concatenate([row[:-d] for row in x])
        c = np.concatenate([row[d:] for row in x])
        # ~1e5 pairs from 600 trees: sampling sd of the plug-in ~ 2e-3.
        assert _plugin_mi(a, c) == pytest.approx(proc.mutual_information(d), abs=4e-3)
    # Exact I(d) of a deep tree: a power law with the derived exponent, while
    # the Markov chain of the same matrix decays exponentially.
    deep = datasets.hierarchical_process(m, depth=14)
    d = np.unique(np.logspace(0, 8, 20, base=2).astype(int))
    frame = pd.DataFrame({"distance": d, "mi": [deep.mutual_information(v) for v in d]})
    fit = ts.fit_separation(frame)
    assert fit.better == "power_law"
    assert fit.exponent == pytest.approx(deep.exponent, rel=0.03)
    chain = datasets.MarkovChain.from_matrix(m)
    markov = pd.DataFrame(
        {"distance": d[:8], "mi": [chain.mutual_information(v) for v in d[:8]]}
    )
    assert ts.fit_separation(markov).better == "exponential"


def test_hierarchical_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match="'branching' parameter"):
        datasets.hierarchical_process(np.eye(2), branching=1)
    with pytest.raises(InvalidParameterError, match=r"'depth' parameter.*2\*\*24"):
        datasets.hierarchical_process(np.eye(2), depth=30)
    with pytest.raises(InvalidParameterError, match="'root' parameter"):
        datasets.hierarchical_process(np.eye(2), root=[0.5, 0.6])
    with pytest.raises(InvalidParameterError, match="closed classes"):
        datasets.hierarchical_process(np.eye(2), depth=3)  # root law ambiguous
    proc = datasets.hierarchical_process(np.eye(2), depth=3, root=[0.5, 0.5])
    with pytest.raises(InvalidParameterError, match="'distance' parameter"):
        proc.mutual_information(8)


# --- strictly local / strictly piecewise ----------------------------------


def _has_subsequence(string: str, word: str) -> bool:
    it = iter(string)
    return all(ch in it for ch in word)


def _members(alphabet: str, length: int, kind: str, forbidden: list[str]) -> list[str]:
    out = []
    for letters in itertools.product(alphabet, repeat=length):
        w = "".join(letters)
        if kind == "SL":
            bad = any(f in w for f in forbidden)
        else:
            bad = any(_has_subsequence(w, f) for f in forbidden)
        if not bad:
            out.append(w)
    return out


LANGUAGES = [
    ("SL", ["ab", "bb"]),
    ("SL", ["abc", "cca", "bbb"]),
    ("SP", ["ab", "cb"]),
    ("SP", ["abc", "bca"]),
]


@pytest.mark.parametrize(("kind", "forbidden"), LANGUAGES)
def test_language_counts_and_pair_law_match_enumeration(
    kind: str, forbidden: list[str]
) -> None:
    make = datasets.strictly_local if kind == "SL" else datasets.strictly_piecewise
    lang = make(forbidden, alphabet="abc")
    assert lang.kind == kind
    assert lang.k == len(forbidden[0])
    length = 7
    members = _members("abc", length, kind, forbidden)
    assert lang.count(length) == len(members)
    everything = ["".join(w) for w in itertools.product("abc", repeat=length)]
    assert [w for w in everything if lang.accepts(w)] == members
    codes = np.array([lang.encode(w) for w in members])
    for d in (1, 2, 5):
        joint = np.zeros((3, 3))
        np.add.at(joint, (codes[:, :-d].ravel(), codes[:, d:].ravel()), 1.0)
        assert lang.mutual_information(d, length) == pytest.approx(
            _mi(joint), abs=1e-13
        )


@pytest.mark.parametrize(("kind", "forbidden"), LANGUAGES)
def test_language_sampler_is_uniform(kind: str, forbidden: list[str]) -> None:
    make = datasets.strictly_local if kind == "SL" else datasets.strictly_piecewise
    lang = make(forbidden, alphabet="abc")
    length = 6
    x = lang.sample(30_000, length, rng=0)
    strings = ["".join(lang.alphabet[i] for i in row) for row in x]
    members = _members("abc", length, kind, forbidden)
    assert set(strings) <= set(members)
    counts = pd.Series(strings).value_counts().reindex(members, fill_value=0)
    # Chi-square against the uniform law on the members (seeded: not flaky).
    assert stats.chisquare(counts.to_numpy()).pvalue > 1e-3
    assert lang.decode(x[0]) == strings[0]


def test_sp_dependence_persists_and_sl_decays() -> None:
    # The same forbidden word as a factor (SL_2: no 'a' right before 'b') and
    # as a subsequence (SP_2: no 'b' anywhere after an 'a').
    sl = datasets.strictly_local(["ab"], alphabet="abcd")
    sp = datasets.strictly_piecewise(["ab"], alphabet="abcd")
    length = 64
    assert sl.mutual_information(1, length) > 0.05
    assert sl.mutual_information(16, length) < 1e-9
    far = [sp.mutual_information(d, length) for d in (1, 16, 32)]
    assert far[1] > 0.02
    assert far[2] > 0.005
    x = sp.sample(2000, length, rng=1)
    frame = ts.mi_vs_separation(list(x), [1, 16], rng=0)
    np.testing.assert_allclose(frame.mi, [far[0], far[1]], atol=0.003)
    # The within-string shuffle keeps each string's composition (which
    # carries ~0.007 nats here): a floor, but not zero, for SP strings.
    assert (frame.baseline < 0.5 * frame.mi).all()


def test_language_bad_input() -> None:
    with pytest.raises(
        InvalidParameterError, match=r"'forbidden' parameter.*one length"
    ):
        datasets.strictly_local(["ab", "abc"])
    with pytest.raises(InvalidParameterError, match=r"'forbidden' parameter.*list"):
        datasets.strictly_piecewise("ab")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="outside the alphabet"):
        datasets.strictly_local(["ax"], alphabet="abc")
    with pytest.raises(InvalidParameterError, match="'alphabet' parameter"):
        datasets.strictly_local(["ab"], alphabet="abb")
    only_a = datasets.strictly_local(["a"], alphabet="a")
    with pytest.raises(InvalidParameterError, match="no string of length 3"):
        only_a.sample(2, 3)
    lang = datasets.strictly_local(["ab"], alphabet="abc")
    with pytest.raises(InvalidParameterError, match="'distance' parameter"):
        lang.mutual_information(5, 5)
    with pytest.raises(InvalidParameterError, match="outside the alphabet"):
        lang.accepts("abz")


# --- elementary cellular automata -----------------------------------------


def _eca_brute(rule: int, row: list[int], steps: int) -> list[list[int]]:
    out = [row]
    w = len(row)
    for _ in range(steps - 1):
        prev = out[-1]
        nxt = []
        for i in range(w):
            code = 4 * prev[(i - 1) % w] + 2 * prev[i] + prev[(i + 1) % w]
            nxt.append((rule >> code) & 1)
        out.append(nxt)
    return out


@pytest.mark.parametrize("rule", [30, 54, 90, 110, 184])
def test_eca_matches_the_rule_table(rule: int) -> None:
    ca = datasets.elementary_ca(rule)
    row = np.random.default_rng(rule).integers(0, 2, 23).tolist()
    got = ca.run(12, initial=row)
    assert got.dtype == np.int8
    assert got.tolist() == _eca_brute(rule, row, 12)
    a = ca.run(5, 17, rng=1, transient=3)
    assert a.shape == (5, 17)
    np.testing.assert_array_equal(a, ca.run(5, 17, rng=1, transient=3))
    np.testing.assert_array_equal(ca.step(np.stack([a[0], a[1]])), [a[1], a[2]])


def test_rule_90_transfer_is_exact() -> None:
    # Rule 90 is x_{i-1} xor x_{i+1} and keeps the uniform i.i.d. measure: one
    # neighbour alone carries no information about the next state; given the
    # other neighbour it carries exactly ln 2.
    x = datasets.elementary_ca(90).run(400, 60, rng=0)
    left = [x[:, i - 1] for i in range(1, 59)]
    right = [x[:, i + 1] for i in range(1, 59)]
    cell = [x[:, i] for i in range(1, 59)]
    te = ts.transfer_entropy(left, cell, method="plugin")
    cte = ts.transfer_entropy(left, cell, cond=right, method="plugin")
    assert abs(te) < 0.005
    assert cte == pytest.approx(math.log(2), abs=0.005)


def test_eca_bad_input() -> None:
    with pytest.raises(InvalidParameterError, match="'rule' parameter"):
        datasets.elementary_ca(256)
    ca = datasets.elementary_ca(30)
    with pytest.raises(InvalidParameterError, match="'width' parameter"):
        ca.run(3)
    with pytest.raises(InvalidParameterError, match="'initial' parameter"):
        ca.run(3, initial=[0, 2, 1])
