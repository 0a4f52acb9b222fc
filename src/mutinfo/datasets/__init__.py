"""Datasets: small real tables shipped with mutinfo, and ground-truth tasks."""

from mutinfo.datasets._real import load_wine

__all__ = ["load_wine"]
