"""The redundancy-lattice figure (Hasse diagram) of a PID."""

from __future__ import annotations

import numpy as np
import pytest

from mutinfo.discrete import examples
from mutinfo.exceptions import InvalidParameterError
from mutinfo.pid import decompose, lattice

pytest.importorskip("matplotlib")

from mutinfo.plot import lattice_layout, pid_lattice


@pytest.mark.parametrize(
    ("n", "ranks", "n_edges"),
    [
        (2, [1, 2, 1], 4),
        # Williams & Beer's figure of the 3-source lattice: 18 nodes on 7 levels.
        (3, [1, 3, 3, 4, 3, 3, 1], 30),
    ],
)
def test_layout_is_the_hasse_diagram(n: int, ranks: list[int], n_edges: int) -> None:
    lat = lattice(n)
    pos, edges = lattice_layout(lat)
    assert np.bincount(pos[:, 1].astype(int)).tolist() == ranks
    assert len(edges) == n_edges
    below = np.asarray(lat.below)
    for lower, upper in edges:
        # A cover: strictly below, nothing strictly between, one level apart
        # or more, drawn upwards.
        assert below[upper, lower]
        assert lower != upper
        between = below[upper] & below[:, lower]
        between[[lower, upper]] = False
        assert not between.any()
        assert pos[upper, 1] > pos[lower, 1]
    # Every strict order relation is a chain of covers (the diagram is complete).
    reach = np.eye(len(lat.names), dtype=bool)
    for _ in range(len(lat.names)):
        for lower, upper in edges:
            reach[upper] |= reach[lower]
    assert np.array_equal(reach, below)
    # Nodes on one level never overlap.
    for level in np.unique(pos[:, 1]):
        xs = np.sort(pos[pos[:, 1] == level, 0])
        assert np.all(np.diff(xs) >= 1 - 1e-12)


def test_two_source_figure_shows_the_atoms(tmp_path) -> None:
    r = decompose(examples.and_(), ["x0", "x1"], "y", measure="ccs")
    path = tmp_path / "and.png"
    fig = r.plot(path)
    assert path.read_bytes()[:4] == b"\x89PNG"
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    for node, value in r.atoms.items():
        assert f"{node}\n{value:.3f}" in texts
    assert ax.get_title() == "PID of I(0, 1; y) = 0.811 bits, ccs"
    assert ax.get_xlabel() == "0 = x0; 1 = x1"
    # Node colours are the atoms on a scale centred on 0.
    points = ax.collections[0]
    lo, hi = points.get_clim()
    assert lo == pytest.approx(-hi)
    assert hi == pytest.approx(max(abs(v) for v in r.atoms.values()))
    assert np.asarray(points.get_array()).tolist() == pytest.approx(
        [r.atoms[n] for n in lattice(2).names]
    )


def test_three_source_figure_with_redundancies() -> None:
    r = decompose(examples.giant_bit(4), [0, 1, 2], 3, measure="imin")
    fig = pid_lattice(r, values="redundancies")
    ax = fig.axes[0]
    assert len(ax.texts) == 18
    shown = np.asarray(ax.collections[0].get_array())
    assert shown.tolist() == pytest.approx(
        [r.redundancies[n] for n in lattice(3).names]
    )
    # Giant bit: every node's redundancy is the one shared bit.
    assert shown == pytest.approx(np.ones(18))
    assert fig.axes[1].get_ylabel() == "redundancy (bits)"


def test_bad_arguments_are_clear_errors() -> None:
    r = decompose(examples.xor(), [0, 1], 2, measure="mmi")
    with pytest.raises(InvalidParameterError, match=r"'values'.*'atoms'"):
        pid_lattice(r, values="nodes")
    with pytest.raises(InvalidParameterError, match="draws a PID result"):
        pid_lattice(r.atoms)  # type: ignore[arg-type]


def test_four_sources_are_drawn_unlabelled_by_default() -> None:
    r = decompose(examples.giant_bit(5), [0, 1, 2, 3], 4, measure="mmi")
    fig = r.plot()
    ax = fig.axes[0]
    assert len(ax.texts) == 0
    assert len(np.asarray(ax.collections[0].get_array())) == 166
    assert len(ax.lines) == len(lattice_layout(lattice(4))[1])
