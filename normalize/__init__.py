"""Normalize stage: claims → facts (intervals on one scale, canonical names) and quarantine.

Public entry point: :func:`normalize_claims`; :func:`repair_text` is exposed for page-level
repair counts and :func:`load_vocabulary` for the metric vocabulary.
"""

from __future__ import annotations

from crosscheck.normalize.decide import Normalizer
from crosscheck.normalize.facts import NormalizeConfig, NormalizeResult, normalize_claims
from crosscheck.normalize.repair import repair_text
from crosscheck.normalize.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "NormalizeConfig",
    "NormalizeResult",
    "Normalizer",
    "Vocabulary",
    "load_vocabulary",
    "normalize_claims",
    "repair_text",
]
