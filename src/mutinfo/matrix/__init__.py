"""All-pairs MI and CMI matrices: fast paths, tiles, Dask, Parquet streaming.

>>> import numpy as np, mutinfo as mt
>>> x = np.random.default_rng(0).integers(0, 3, size=(300, 3))
>>> mt.mi_matrix(x).methods.iloc[0, 1]
'miller_madow'
"""

from mutinfo.matrix._api import mi_matrix
from mutinfo.matrix._result import MIMatrix

__all__ = ["MIMatrix", "mi_matrix"]
