"""Small real datasets shipped inside the package (no download)."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_wine"]


def load_wine() -> pd.DataFrame:
    """Load the UCI Wine data: 178 wines, 13 chemical measurements, 3 cultivars.

    Returns
    -------
    pandas.DataFrame
        13 float columns and the string column ``cultivar``.

    Notes
    -----
    S. Aeberhard and M. Forina, "Wine", UCI Machine Learning Repository (1991),
    doi:10.24432/C5PC7J. Licence: CC BY 4.0.

    Examples
    --------
    >>> from mutinfo.datasets import load_wine
    >>> load_wine().shape
    (178, 14)
    """
    import pandas as pd

    with resources.files("mutinfo.datasets").joinpath("data/wine.csv").open() as f:
        return pd.read_csv(f)
