"""What the Dask client holds of the parse chunks' summaries (issue 19), as sent and as kept
(crosscheck.dask_summaries), per chunk: a run's facts, read back from a warehouse, cut into
chunks of `--pages` pages in source order, each summarized (`dask_held.summarize`) and
pickled, then unpickled one after the other as the client gets them, traced (tracemalloc).

Usage: python bench/client_summaries.py WAREHOUSE.duckdb [--pages 250 25]
Prints, per chunk size, the MiB held and KiB per chunk with and without keeping, and checks
that the union of the names and the stacked column types are the same.
"""

from __future__ import annotations

import argparse
import pickle
import tracemalloc
from pathlib import Path

import duckdb
import pandas as pd

from crosscheck.batches import PreparedChunk
from crosscheck.common.contracts import CLAIM_COLUMNS, FACT_COLUMNS, QUARANTINE_COLUMNS
from crosscheck.dask_held import HeldFacts, summarize
from crosscheck.dask_summaries import ChunkSummaries

_FACTS = """
SELECT c.* EXCLUDE (first_seen_run), f.* EXCLUDE (claim_id, first_seen_run, updated_run)
FROM facts AS f JOIN claims AS c USING (claim_id) ORDER BY c.source, c.claim_id
"""


def _summaries(facts: pd.DataFrame, pages: int) -> list[bytes]:
    """The pickled summaries of the facts cut into chunks of `pages` sources."""
    empty = pd.DataFrame(columns=CLAIM_COLUMNS)
    quarantine = pd.DataFrame(columns=QUARANTINE_COLUMNS)
    sources = facts["source"].drop_duplicates().tolist()
    blobs = []
    for start in range(0, len(sources), pages):
        part = facts[facts["source"].isin(sources[start : start + pages])]
        chunk = PreparedChunk([], empty, part.reset_index(drop=True), quarantine)
        blobs.append(pickle.dumps(summarize(chunk).held))
    return blobs


def _held(blobs: list[bytes], keep: bool) -> tuple[float, HeldFacts, int]:
    """MiB traced while every summary is held (kept as it arrives, or as sent)."""
    tracemalloc.start()
    try:
        summaries, pieces = ChunkSummaries(), []
        for blob in blobs:
            piece = pickle.loads(blob)
            if keep:
                summaries.keep(piece)
            pieces.append(piece)
        held = HeldFacts(pieces)
        current, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current / 2**20, held, len(summaries.samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 25])
    args = parser.parse_args(argv)
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        facts = con.execute(_FACTS).df().reindex(columns=FACT_COLUMNS)
    for pages in args.pages:
        blobs = _summaries(facts, pages)
        sent, as_sent, _ = _held(blobs, keep=False)
        kept, as_kept, samples = _held(blobs, keep=True)
        same = as_kept.entities == as_sent.entities and as_kept.dtypes() == as_sent.dtypes()
        print(
            f"chunks of {pages} pages: {len(blobs)} chunks; as sent {sent:.2f} MiB "
            f"({sent * 1024 / len(blobs):.1f} KiB a chunk), kept {kept:.2f} MiB "
            f"({kept * 1024 / len(blobs):.1f} KiB a chunk, {samples} samples); "
            f"names {len(as_kept.entities)}, names and dtypes the same: {same}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
