"""What a run does with the pages the warehouse already holds: they are set aside unread,
their stored rows read back as a batch, or, when the run read exactly the latest run's pages
with its settings, that run's results are carried and no fact is read.

Kept apart from the reading loop (crosscheck.pipeline): these change with the warehouse's
history (crosscheck.incremental), not with how pages are parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from crosscheck.batches import PreparedBatch, concat
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
    Snapshot,
)
from crosscheck.errors import RunFailed
from crosscheck.incremental import StoredPages, unchanged_run
from crosscheck.ingest.snapshots import Arrival
from crosscheck.ingest.sources import FileRead
from crosscheck.logs import log_stage
from crosscheck.normalize import Vocabulary
from crosscheck.run_types import Analysis, StageTimer
from crosscheck.warehouse.history import CarriedRun


def is_held(item: Snapshot | FileRead | Arrival, held: frozenset[tuple[str, str]]) -> bool:
    """Whether a page this process holds is one the warehouse has (files read by workers are
    judged there, against FileRead.known)."""
    return isinstance(item, Snapshot) and item.ok and (item.source, item.sha256) in held


def stored_batch(reuse: StoredPages) -> PreparedBatch:
    return PreparedBatch(
        reuse.pages,
        reuse.claims,
        reuse.facts,
        pd.DataFrame(columns=QUARANTINE_COLUMNS),
        reuse.passages,
    )


def page_keys(snapshots: list[Snapshot]) -> pd.DataFrame:
    """Page rows holding only what comparing runs needs: source, sha256 and status."""
    return pd.DataFrame(
        {
            "source": [s.source for s in snapshots],
            "page_sha256": [s.sha256 for s in snapshots],
            "status": [s.status.value for s in snapshots],
        },
        columns=PAGE_COLUMNS,
    )


def read_back_stored(
    snapshots: list[Snapshot],
    reuse: Callable[[list[Snapshot], str], tuple[list[Snapshot], StoredPages | None]],
    vocabulary_version: str,
) -> StoredPages:
    """The stored pages, claims, facts and relations of known pages set aside unread."""
    left, stored = reuse(snapshots, vocabulary_version)
    if left or stored is None:  # the run lock holds the warehouse still: a bug, not a page
        raise RunFailed(
            f"{len(left) or len(snapshots)} page(s) known to the warehouse when the run began "
            "could not be read back from it; nothing was loaded"
        )
    return stored


def carried_analysis(
    batches: list[PreparedBatch], carried: CarriedRun, vocabulary: Vocabulary, timer: StageTimer
) -> Analysis:
    """The analysis of a run whose pages and settings equal the latest run's: no frame but
    its failed pages' rows; the counts and findings are those of the run it shares."""
    return Analysis(
        concat([b.pages for b in batches], PAGE_COLUMNS),
        pd.DataFrame(columns=CLAIM_COLUMNS),
        pd.DataFrame(columns=FACT_COLUMNS),
        pd.DataFrame(columns=QUARANTINE_COLUMNS),
        pd.DataFrame(columns=FINDING_COLUMNS),
        pd.DataFrame(columns=RECONCILED_COLUMNS),
        vocabulary.version,
        dict(timer.laps),
        cpu_seconds=dict(timer.cpu),
        carried=carried,
    )


def carry_unchanged(
    con: Any, pages: pd.DataFrame, vocabulary_version: str, digest: str, run_id: str
) -> CarriedRun | None:
    """The latest run's results when this run read exactly its pages with its vocabulary and
    settings (crosscheck.incremental.unchanged_run), logged as the reuse; else None."""
    carried = unchanged_run(con, pages, vocabulary_version, digest)
    if carried is None:
        return None
    findings = carried.counts.get("finding_count", 0)
    log_stage(run_id, "reuse", 0.0, reused_run=carried.results_run, findings=findings)
    return carried
