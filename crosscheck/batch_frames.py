"""What a batch of parsed pages carries (crosscheck.batches): a worker's chunk, the batch the
parent builds of its chunks, the facts a chunk left on the Dask workers, and the one way frames
of a kind are stacked.

Kept apart from the parse and normalize of a chunk: the checks, the reconcile and the lake read
these without importing the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.checks.page_cut import PageFindings
from crosscheck.contracts import PASSAGE_COLUMNS, Snapshot
from crosscheck.reconcile.copies import PageShingles


@dataclass
class PreparedBatch:
    """A batch of pages parsed and normalized: the frames checks and reconcile need."""

    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    # PASSAGE_COLUMNS: the parsed pages' text sketches (none for pages reused from the store)
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))
    # What the workers saw while reading the batch's files (see PreparedChunk).
    set_aside: list[Snapshot] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    parsed: int = 0
    # Claims the workers wrote to the Parquet lake instead of returning them (crosscheck.
    # dask_lake.ClaimsIntoLake): how many, and the comparative statements read from them.
    lake_claims: int = 0
    relations: pd.DataFrame | None = None
    # Page rows and quarantined claims the workers wrote to the lake (crosscheck.dask_pages:
    # not in `pages`, `quarantine`), the sources they read, and the rows of their pages whose
    # text was repaired (the encoding rule's, also in the lake).
    lake_pages: int = 0
    lake_quarantine: int = 0
    read_sources: list[str] = field(default_factory=list)
    repaired: pd.DataFrame | None = None
    # The batch's facts left on the Dask workers, one piece per chunk (`facts` is then empty).
    held: list[HeldPiece] = field(default_factory=list)
    # The page cut's findings of each chunk (checks.page_cut), or None when some chunk (or
    # the batch: pages read back from the warehouse) did not run it.
    page_checks: list[PageFindings] | None = None
    # The figure shingles of each chunk's pages (reconcile.copies.page_shingles), or None when
    # some chunk did not make them (as `page_checks`).
    shingles: list[PageShingles] | None = None
    # Each chunk's facts in content order (checks.run._content_order: positions in the
    # chunk's facts), or None when some chunk did not sort them (as `page_checks`).
    content_orders: list[np.ndarray] | None = None


@dataclass
class HeldPiece:
    """A chunk's facts left where they were made (crosscheck.dask_held): a handle on them
    (a Dask future of the chunk, or a frame), their rows, their first row (so the run's
    column types are known without them), the entities they name, and how many page
    sketches (PASSAGE_COLUMNS rows) and comparative statements stayed in the chunk with them."""

    handle: Any
    rows: int
    sample: pd.DataFrame
    entities: frozenset[str]
    passages: int = 0
    # the comparative statements that stayed in the chunk (read from the claims it wrote to
    # the lake: crosscheck.dask_statements), and their first row (the run's column types)
    statements: int = 0
    statement_sample: pd.DataFrame | None = None


@dataclass
class PreparedChunk:
    """A worker's part of a batch (its pages as rows: the parent builds one pages frame, so
    column types do not depend on how the batch was cut), with the CPU seconds of each step."""

    page_rows: list[dict[str, Any]]
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    cpu: dict[str, float] = field(default_factory=dict)
    passages: list[tuple[Any, ...]] = field(default_factory=list)  # PASSAGE_COLUMNS rows
    # pages the worker read whose body the warehouse already holds: not parsed, text dropped
    set_aside: list[Snapshot] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, why) in page order
    parsed: int = 0  # usable pages parsed
    lake_claims: int = 0  # claims written to the lake instead (`claims` is then empty)
    # page rows and quarantined claims written to the lake instead (crosscheck.dask_pages:
    # `page_rows` and `quarantine` are then empty), the sources read, the repaired pages' rows
    lake_pages: int = 0
    lake_quarantine: int = 0
    read_sources: list[str] = field(default_factory=list)
    repaired: list[dict[str, Any]] = field(default_factory=list)
    relations: pd.DataFrame | None = None  # RELATION_COLUMNS read from those claims
    held: HeldPiece | None = None  # the facts stayed on the worker (`facts` is then empty)
    page_checks: PageFindings | None = None  # the page cut's findings (checks.page_cut)
    shingles: PageShingles | None = None  # its pages' figure shingles (copy detection)
    content_order: np.ndarray | None = None  # its facts' content order (checks.run)


def concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The non-empty frames stacked with exactly `columns` (an empty frame when none)."""
    present = [f[columns] for f in frames if len(f)]
    if not present:
        return pd.DataFrame(columns=columns)
    if len(present) == 1:
        return present[0].reset_index(drop=True)
    return pd.concat(present, ignore_index=True)
