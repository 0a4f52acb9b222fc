"""Feature ranking and selection by mutual information.

- :func:`rank_features`: every feature's I(X_j; Y), highest first.
- :func:`select_features` / :func:`forward_selection`: greedy forward selection
  by ``mi``, ``mrmr`` (difference), ``mrmr_quotient``, ``jmi``, ``cmim`` or
  ``jmim``, written on Brown et al. (2012)'s unified view, with each
  information term estimated once.
- ``mutinfo.sklearn.MutualInfoSelector``: the same inside scikit-learn pipelines.
"""

from mutinfo.selection._criteria import CRITERIA
from mutinfo.selection._rank import rank_features
from mutinfo.selection._select import Selection, forward_selection, select_features

__all__ = [
    "CRITERIA",
    "Selection",
    "forward_selection",
    "rank_features",
    "select_features",
]
