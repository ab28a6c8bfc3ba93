"""Reconcile stage: facts → a consensus value for every entity, metric and qualifier, a
reliability per source, copy groups of near-duplicate pages, and notes on conflict findings.

Public entry points: :func:`reconcile_facts` and :func:`annotate_conflicts`.
"""

from __future__ import annotations

from crosscheck.reconcile.annotate import annotate_conflicts
from crosscheck.reconcile.consensus import (
    ReconcileConfig,
    ReconcileResult,
    flagged_claims,
    reconcile_facts,
)
from crosscheck.reconcile.copies import CopyConfig, PageShingles, detect_copies
from crosscheck.reconcile.duplicates import note_copies
from crosscheck.reconcile.errors import ReconcileError
from crosscheck.reconcile.truth import TruthConfig

from crosscheck.contracts import (
    COPY_GROUP_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)

__all__ = [
    "COPY_GROUP_COLUMNS",
    "RECONCILED_CATEGORY_COLUMNS",
    "SOURCE_RELIABILITY_COLUMNS",
    "CopyConfig",
    "PageShingles",
    "ReconcileConfig",
    "ReconcileError",
    "ReconcileResult",
    "TruthConfig",
    "annotate_conflicts",
    "detect_copies",
    "flagged_claims",
    "note_copies",
    "reconcile_facts",
]
