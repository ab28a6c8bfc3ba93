"""The Dask engine's page rows and quarantine stay out of the client (issue 19): a parse task
that writes its claims to the lake (crosscheck.dask_lake.ClaimsIntoLake) writes its pages'
rows and its quarantined claims there too (`pages/` and `quarantine/run_id=<run>/bucket=<NN>/`,
NN the bucket of the page's source), and returns only what the client reads of them: how many,
the sources it read (`warehouse.context` reads the stored facts of the others) and the rows of
pages whose text was repaired (the encoding rule's: `repairs > 0`). The run's files are then
compacted to one per bucket (`dask_parquet.compact_bucket`) and the load reads them
(warehouse.load_lake_pages), with the rows the client still holds (pages read back).

The rows are written as the load prepares the frames (`warehouse.load._prepare`: '' for a
missing snapshot hash, `fetched_at` as a UTC timestamp) and cast to the warehouse's types, so
the load stores what it stored from the frames.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from crosscheck.contracts import PAGE_COLUMNS, QUARANTINE_COLUMNS, PageStatus
from crosscheck.dask_parquet import write_part
from crosscheck.dask_shuffle import buckets

if TYPE_CHECKING:
    from crosscheck.batches import PreparedChunk

#: The lake's tables of page rows (PAGE_COLUMNS) and quarantined claims (QUARANTINE_COLUMNS).
PAGES, QUARANTINE = "pages", "quarantine"
#: The page rows' columns as the lake stores them (the warehouse's `pages` types).
PAGE_TYPES = {
    "source": "VARCHAR", "page_sha256": "VARCHAR", "title": "VARCHAR", "content_type": "VARCHAR",
    "fetched_at": "TIMESTAMP", "status": "VARCHAR", "http_status": "INTEGER", "error": "VARCHAR",
    "claim_count": "INTEGER", "repairs": "INTEGER", "repair_kinds": "VARCHAR",
}  # fmt: skip
#: The quarantine's columns as the lake stores them (the warehouse's `quarantine` types).
QUARANTINE_TYPES = dict.fromkeys(QUARANTINE_COLUMNS, "VARCHAR")
#: Page statuses that re-read a source (as check_reconcile's `_READ_STATUSES`).
READ_STATUSES = (PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value)


def page_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A chunk's page rows as the load prepares them (`warehouse.load._prepare`)."""
    pages = pd.DataFrame(rows, columns=PAGE_COLUMNS)
    pages["page_sha256"] = pages["page_sha256"].fillna("")
    pages["fetched_at"] = pd.to_datetime(
        pages["fetched_at"], utc=True, errors="coerce", format="ISO8601"
    ).dt.tz_convert(None)
    return pages


def keep_pages(chunk: PreparedChunk, folder: str, name: str, n: int) -> None:
    """Write `chunk`'s page rows and quarantine under `folder` (`<table>/run_id=<run>`'s
    parent: the lake) by bucket of their source, file `name`, and leave in the chunk only what
    the client reads: the counts, the sources read, the repaired pages' rows."""
    rows = chunk.page_rows
    pages = page_frame(rows)
    for table, frame, types in (
        (PAGES, pages, PAGE_TYPES),
        (QUARANTINE, chunk.quarantine, QUARANTINE_TYPES),
    ):
        if not len(frame):
            continue
        bucket = buckets(frame["source"], n)
        for b in np.unique(bucket).tolist():
            path = Path(folder.format(table=table)) / f"bucket={b:02d}" / name
            write_part(frame[bucket == b], str(path), types)
    chunk.lake_pages = len(pages)
    chunk.lake_quarantine = len(chunk.quarantine)
    chunk.read_sources = [str(r["source"]) for r in rows if r.get("status") in READ_STATUSES]
    chunk.repaired = [r for r in rows if (r.get("repairs") or 0) > 0]
    chunk.page_rows = []
    chunk.quarantine = chunk.quarantine.iloc[0:0]


__all__ = [
    "PAGES", "PAGE_TYPES", "QUARANTINE", "QUARANTINE_TYPES", "READ_STATUSES", "keep_pages",
    "page_frame",
]  # fmt: skip
