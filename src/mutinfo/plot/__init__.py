"""Figures (plot extra: matplotlib, imported only when a figure is drawn)."""

from mutinfo.plot._heatmap import cluster_order, heatmap

__all__ = ["cluster_order", "heatmap"]
