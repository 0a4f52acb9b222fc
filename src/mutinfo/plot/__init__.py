"""Figures (plot extra: matplotlib, imported only when a figure is drawn)."""

from mutinfo.plot._heatmap import cluster_order, heatmap
from mutinfo.plot._pid import lattice_layout, pid_lattice
from mutinfo.plot._rbn import rbn_sweep
from mutinfo.plot._separation import separation

__all__ = [
    "cluster_order",
    "heatmap",
    "lattice_layout",
    "pid_lattice",
    "rbn_sweep",
    "separation",
]
