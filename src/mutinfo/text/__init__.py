"""Pointwise mutual information for text and labels.

Co-occurrence counting, the PMI family (PMI, PPMI, shifted PPMI, context
smoothing, normalised PMI, local PMI), SVD embeddings and their queries,
evaluation on word-similarity sets, label embeddings (Chollet), a PMI language
model (Melamud et al.) and MMI reranking (Li & Jurafsky). Values are in nats;
scipy.sparse in, scipy.sparse out. :class:`PMIVectorizer` (scikit-learn) is
imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mutinfo.text._cooccurrence import cooccurrence
from mutinfo.text._corpus import simple_tokenize
from mutinfo.text._labels import (
    label_cooccurrence,
    label_embeddings,
    label_pmi,
    label_targets,
)
from mutinfo.text._language_model import PerplexityResult, PMILanguageModel
from mutinfo.text._mmi import (
    mmi_bidirectional_rerank,
    mmi_rerank,
    mmi_rerank_frame,
    mmi_scores,
)
from mutinfo.text._pmi import local_pmi, normalized_pmi, pmi
from mutinfo.text._similarity import (
    SimilarityResult,
    evaluate_similarity,
    read_similarity,
    similarity_dataset,
)
from mutinfo.text._svd import svd_embeddings, svd_factors
from mutinfo.text._vectors import Embeddings, UnknownWordError

if TYPE_CHECKING:
    from mutinfo.text._sklearn import PMIVectorizer

__all__ = [
    "Embeddings",
    "PMILanguageModel",
    "PMIVectorizer",
    "PerplexityResult",
    "SimilarityResult",
    "UnknownWordError",
    "cooccurrence",
    "evaluate_similarity",
    "label_cooccurrence",
    "label_embeddings",
    "label_pmi",
    "label_targets",
    "local_pmi",
    "mmi_bidirectional_rerank",
    "mmi_rerank",
    "mmi_rerank_frame",
    "mmi_scores",
    "normalized_pmi",
    "pmi",
    "read_similarity",
    "similarity_dataset",
    "simple_tokenize",
    "svd_embeddings",
    "svd_factors",
]


def __getattr__(name: str) -> Any:
    if name == "PMIVectorizer":
        return importlib.import_module("mutinfo.text._sklearn").PMIVectorizer
    raise AttributeError(f"module 'mutinfo.text' has no attribute {name!r}")
