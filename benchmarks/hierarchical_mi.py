"""Perotti, Tessone & Caldarelli (2015): hierarchical MI, perturbed and real.

(1) A balanced hierarchy (branching 2 at each of 3 levels above leaf clusters
of 16: 128 elements) against copies in which a fraction ``p`` of the elements
swap places at random: the normalised HMI (and the flat NMI of the top and
bottom levels) against ``p``, mean and sd over seeds. (2) The Wine data
(standardised, 178 wines): dendrograms of Ward, average and complete linkage cut
into 3 clusters, each split to 9 in all (a two-level hierarchy); the normalised
HMI between the methods' hierarchies and the NMI of their top level with the
cultivar.

Run: ``python benchmarks/hierarchical_mi.py [--seeds 20]``
"""

from __future__ import annotations

import argparse
import itertools
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from mutinfo import datasets
from mutinfo.clustering import normalized_hierarchical_mi, normalized_mi


def balanced(elements: list[int], depth: int) -> list[Any]:
    """Split ``elements`` in two halves ``depth`` times (leaf clusters below)."""
    if depth == 0:
        return list(elements)
    half = len(elements) // 2
    return [balanced(elements[:half], depth - 1), balanced(elements[half:], depth - 1)]


def cut_tree(labels_top: np.ndarray, labels_bottom: np.ndarray) -> list[Any]:
    """Two-level nested list from nested flat cuts of one dendrogram."""
    tree: list[Any] = []
    for top in np.unique(labels_top):
        rows = np.flatnonzero(labels_top == top)
        subs = [
            rows[labels_bottom[rows] == s].tolist()
            for s in np.unique(labels_bottom[rows])
        ]
        tree.append(subs if len(subs) > 1 else subs[0])
    return tree


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    n, depth = 128, 3
    base = balanced(list(range(n)), depth)
    top = np.repeat([0, 1], n // 2)
    bottom = np.repeat(np.arange(2**depth), n // 2**depth)
    print("(1) p   NHMI mean (sd)     NMI top   NMI bottom")
    for p in (0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0):
        rows = []
        for seed in range(args.seeds):
            g = np.random.default_rng(seed)
            perm = np.arange(n)
            moved = np.flatnonzero(g.random(n) < p)
            perm[moved] = g.permutation(moved)
            other = balanced(perm.tolist(), depth)
            inverse = np.argsort(perm)  # position of each element in `other`
            rows.append(
                (
                    normalized_hierarchical_mi(base, other),
                    normalized_mi(top, top[inverse]),
                    normalized_mi(bottom, bottom[inverse]),
                )
            )
        m, s = np.mean(rows, axis=0), np.std(rows, axis=0)
        print(f"  {p:3.1f}  {m[0]:.3f} ({s[0]:.3f})      {m[1]:.3f}     {m[2]:.3f}")
    wine = datasets.load_wine()
    x = wine.drop(columns="cultivar").to_numpy()
    x = (x - x.mean(0)) / x.std(0)
    cultivar = wine["cultivar"].to_numpy()
    trees, tops = {}, {}
    for method in ("ward", "average", "complete"):
        link = linkage(x, method=method)
        tops[method] = fcluster(link, 3, criterion="maxclust")
        trees[method] = cut_tree(tops[method], fcluster(link, 9, criterion="maxclust"))
        nmi = normalized_mi(tops[method], cultivar)
        print(f"(2) {method:8s} top level vs cultivar: NMI {nmi:.3f}")
    for a, b in itertools.combinations(trees, 2):
        value = normalized_hierarchical_mi(trees[a], trees[b])
        print(f"    NHMI({a}, {b}) = {value:.3f}")


if __name__ == "__main__":
    main()
