"""Reconcile stage entry point: facts → copy groups → truth discovery → consensus frames.

Numeric value facts are grouped by (entity, metric, qualifier, unit), categorical ones by
(entity, metric, qualifier); both feed one reliability estimate per source. The method, its
prior and its confidence formula are written up in docs/reconcile.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import factorize_runs
from crosscheck.reconcile.consensus_frames import (
    category_frame,
    confidence,
    interval_frame,
    pinned_values,
    reliability_frame,
)
from crosscheck.reconcile.copies import (
    CopyConfig,
    CopyDetection,
    PageShingles,
    detect_copies,
    empty_copies,
)
from crosscheck.reconcile.duplicates import (
    TextCopyConfig,
    copy_findings,
    figure_keys,
    merge_text_copies,
    shares_figures,
    text_copies,
)
from crosscheck.reconcile.truth import (
    TruthConfig,
    category_claims,
    discover_truth,
    interval_claims,
)
from crosscheck.reconcile.voters import (
    FLAGGING_KINDS,
    REQUIRED_COLUMNS,
    flagged_claims,
    unflagged_rows,
    value_facts,
)

from crosscheck.contracts import (
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)
from crosscheck.intervals import IntervalPolicy


@dataclass(frozen=True)
class ReconcileConfig:
    """Tolerances per metric (from the vocabulary), the shared interval policy, the truth
    discovery prior and the copy detection thresholds."""

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    tolerances: dict[str, float] = field(default_factory=dict)
    truth: TruthConfig = field(default_factory=TruthConfig)
    copies: CopyConfig = field(default_factory=CopyConfig)
    text_copies: TextCopyConfig = field(default_factory=TextCopyConfig)
    # True values reviewers confirmed: (entity, metric, qualifier, unit, value) in the canonical
    # unit. A pin is the consensus of its key and scores the sources (docs/reconcile.md).
    pins: tuple[tuple[str, str, str, str, float], ...] = ()


@dataclass
class ReconcileResult:
    """Consensus per key (numeric and categorical), source reliability and copy groups."""

    reconciled: pd.DataFrame  # RECONCILED_COLUMNS, one row per (entity, metric, qualifier)
    groups: int  # rows of `reconciled`
    reconciled_categories: pd.DataFrame  # RECONCILED_CATEGORY_COLUMNS
    source_reliability: pd.DataFrame  # SOURCE_RELIABILITY_COLUMNS
    copy_groups: pd.DataFrame  # COPY_GROUP_COLUMNS: pages in groups of two or more
    iterations: int = 0
    converged: bool = True
    # FINDING_COLUMNS: one near_duplicate finding per page that repeats another's wording
    copy_findings: pd.DataFrame = field(default_factory=lambda: copy_findings(None, None))


def reconcile_facts(
    facts: pd.DataFrame,
    config: ReconcileConfig | None = None,
    flagged: frozenset[str] = frozenset(),
    passages: pd.DataFrame | None = None,
    shingles: Sequence[PageShingles] | None = None,
) -> ReconcileResult:
    """Consensus per (entity, metric, qualifier), source reliability and copy groups; the
    `flagged` claim ids (`flagged_claims` of the run's findings) take no part in the vote of
    a key that has unflagged claims. `passages` (PASSAGE_COLUMNS) adds the copies found by
    content, and a near_duplicate finding for each; `shingles`, the figure shingles of every
    page of `facts` made where they were parsed, spares hashing them again."""
    config = config or ReconcileConfig()
    copies, found = _copies(facts, config, passages, shingles)
    if facts.empty:
        return replace(_empty(copies.groups), copy_findings=found)
    num, cat = value_facts(facts, unflagged_rows(facts, flagged))
    src_all, names = factorize_runs(
        pd.concat([num["source"], cat["source"]], ignore_index=True).astype(str), sort=True
    )
    if len(names) == 0:
        return replace(_empty(copies.groups), copy_findings=found)
    voices = [copies.group_of.get(n, "\x00" + n) for n in names]
    voice_of_src = pd.factorize(pd.Series(voices, dtype=object))[0].astype(np.int64)
    src_num, src_cat = src_all[: len(num)], src_all[len(num) :]
    intervals = interval_claims(num, src_num, voice_of_src, config.intervals, config.tolerances)
    categories, cat, texts = category_claims(cat, src_cat, voice_of_src)
    pinned = pinned_values(num, intervals, config.pins)
    outcome = discover_truth(intervals, categories, len(names), config.truth, pinned)
    pseudo = config.truth.pseudo_weight
    reconciled = interval_frame(num, intervals, outcome, names, pseudo, pinned)
    return ReconcileResult(
        reconciled=reconciled,
        groups=len(reconciled),
        reconciled_categories=category_frame(cat, categories, texts, outcome, names, pseudo),
        source_reliability=reliability_frame(names, src_all, outcome, copies.group_of),
        copy_groups=copies.groups,
        iterations=outcome.iterations,
        converged=outcome.converged,
        copy_findings=found,
    )


def _copies(
    facts: pd.DataFrame,
    config: ReconcileConfig,
    passages: pd.DataFrame | None,
    shingles: Sequence[PageShingles] | None = None,
) -> tuple[CopyDetection, pd.DataFrame]:
    """Copy groups by figures and by content, and the near_duplicate findings of the latter."""
    copies = detect_copies(facts, config.copies, shingles) if not facts.empty else empty_copies()
    if passages is None or len(passages) < 2 or not config.copies.enabled:
        return copies, copy_findings(None, None)
    # a pair with no figure in common has nothing to confirm twice: neither grouped nor reported
    found = text_copies(passages, config.text_copies)
    # Figure keys only of the pages in a pair: keying every fact was half of reconcile.
    paired = {source for pair in found for source in (pair.copy, pair.original)}
    keys = figure_keys(facts[facts["source"].astype(str).isin(paired)]) if paired else {}
    pairs = [p for p in found if shares_figures(keys, p)]
    if not pairs:
        return copies, copy_findings(None, None)
    groups = merge_text_copies(copies.groups, pairs)
    group_of = dict(zip(groups["source"], groups["group_id"], strict=True))
    return CopyDetection(groups, group_of), copy_findings(
        passages, facts, config.text_copies, pairs, keys
    )


def _empty(copy_groups: pd.DataFrame | None = None) -> ReconcileResult:
    """Empty frames with the right columns (no facts, or none that reconcile)."""
    return ReconcileResult(
        pd.DataFrame(columns=RECONCILED_COLUMNS),
        0,
        pd.DataFrame(columns=RECONCILED_CATEGORY_COLUMNS),
        pd.DataFrame(columns=SOURCE_RELIABILITY_COLUMNS),
        empty_copies().groups if copy_groups is None else copy_groups,
    )


__all__ = [
    "FLAGGING_KINDS", "REQUIRED_COLUMNS", "ReconcileConfig", "ReconcileResult", "confidence",
    "flagged_claims", "reconcile_facts",
]  # fmt: skip
