"""A Dask parse task's page rows and quarantine go to the lake (crosscheck.dask_pages): the
chunk keeps only their counts, the sources it read and the repaired pages' rows (what the
client reads), and the files hold every row, by bucket of the source, as the load prepares
them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from crosscheck.batches import PreparedChunk
from crosscheck.contracts import PAGE_COLUMNS, QUARANTINE_COLUMNS
from crosscheck.dask_pages import keep_pages
from crosscheck.dask_shuffle import buckets


def _page(source: str, status: str, repairs: int | None, sha: str | None = "ab") -> dict:
    row: dict[str, object] = dict.fromkeys(PAGE_COLUMNS)
    row.update(source=source, page_sha256=sha, status=status, repairs=repairs, claim_count=2,
               fetched_at="2026-12-05T10:00:00+01:00", http_status=200)  # fmt: skip
    return row


def test_a_chunk_keeps_counts_sources_and_repaired_rows_and_writes_the_rest(
    tmp_path: Path,
) -> None:
    rows = [
        _page("a.html", "fetched", 0),
        _page("b.html", "not_modified", 3),
        _page("c.html", "failed", None, sha=None),
        _page("d.html", "fetched", None),
    ]
    quarantine = pd.DataFrame(
        [["q1", "a.html", "normalize", "no_number", "m", "x"],
         ["q2", "d.html", "normalize", "unknown_unit", "m", 4.5]],
        columns=QUARANTINE_COLUMNS,
    )  # fmt: skip
    empty = pd.DataFrame()
    chunk = PreparedChunk(rows, empty, empty, quarantine)
    folder = str(tmp_path / "{table}" / "run_id=r1")
    keep_pages(chunk, folder, "part-x.parquet", 4)
    assert (chunk.lake_pages, chunk.lake_quarantine) == (4, 2)
    assert chunk.read_sources == ["a.html", "b.html", "d.html"]
    assert [r["source"] for r in chunk.repaired] == ["b.html"]
    assert chunk.page_rows == [] and chunk.quarantine.empty
    pages = duckdb.sql(
        f"SELECT * FROM read_parquet('{tmp_path}/pages/*/*/*.parquet', hive_partitioning = true)"
    ).df()
    assert sorted(pages["source"]) == ["a.html", "b.html", "c.html", "d.html"]
    # every row in the bucket of its source, prepared as the load prepares frames
    for row in pages.itertuples():
        assert int(row.bucket) == buckets(pd.Series([row.source]), 4)[0]
    failed = pages.set_index("source").loc["c.html"]
    assert failed["page_sha256"] == "" and pd.isna(failed["repairs"])
    assert str(pages.set_index("source").loc["a.html", "fetched_at"]) == "2026-12-05 09:00:00"
    stored = duckdb.sql(
        f"SELECT claim_id, raw_value FROM read_parquet('{tmp_path}/quarantine/*/*/*.parquet') "
        "ORDER BY claim_id"
    ).fetchall()
    assert stored == [("q1", "x"), ("q2", "4.5")]
