"""Page sketches in the warehouse: stored at load, read back for pages a re-run reuses, so
copies by content are found whether a page was parsed now or earlier."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed

from crosscheck.contracts import PASSAGE_COLUMNS


def _signed(values: object) -> np.ndarray:
    """As one int64 array (DuckDB reads it as a BIGINT[]): a list of Python ints took ~2.6 KB
    per 64-hash sketch against 0.6 KB, for every page while the load built its rows."""
    return np.asarray(values, dtype=np.uint64).view(np.int64)


def _unsigned(values: Iterable[Any] | None) -> np.ndarray:
    if isinstance(values, np.ndarray):  # read with fetchnumpy: already one int64 array
        return values.astype(np.int64, copy=False).view(np.uint64)
    return np.asarray(list(values) if values is not None else [], dtype=np.int64).view(np.uint64)


def load_passages(
    con: duckdb.DuckDBPyConnection, passages: pd.DataFrame | None, pages: pd.DataFrame
) -> int:
    """Replace the stored sketch of every page in `passages` (PASSAGE_COLUMNS); the page's
    snapshot hash comes from this run's `pages`. Returns how many were written."""
    if passages is None or passages.empty:
        return 0
    sha = dict(zip(pages["source"], pages["page_sha256"], strict=False))
    # A page whose version is stored already keeps its row (the statements below would leave
    # it alone): a re-run reusing 999 pages of 1,000 converted every sketch for nothing.
    stored = set(con.execute("SELECT source, page_sha256 FROM page_passages").fetchall())
    rows = [
        (str(source), str(sha.get(source) or ""), _signed(sketch), int(shingles),
         _signed([h for h, _ in quotes]), [str(t) for _, t in quotes])
        for source, sketch, shingles, quotes in zip(
            *(passages[c].tolist() for c in PASSAGE_COLUMNS), strict=True
        )
        if source in sha and (str(source), str(sha[source] or "")) not in stored
    ]  # fmt: skip
    if not rows:
        return 0
    frame = pd.DataFrame(
        rows, columns=["source", "page_sha256", "sketch", "shingles", "quote_hashes", "quote_texts"]
    ).drop_duplicates("source")
    con.register("_cc_passages", frame)
    try:
        _replace(con)
    finally:
        con.unregister("_cc_passages")
    return len(frame)


def load_lake_passages(con: duckdb.DuckDBPyConnection, files: tuple[str, ...], rows: int) -> None:
    """`load_passages` from the sketches the Dask workers wrote to the lake
    (crosscheck.dask_passages: the warehouse's columns), streamed by DuckDB: the client never
    holds them. A page's snapshot hash comes from this run's pages (`_cc_pages`); the first
    row of a source wins, as `load_passages` keeps it."""
    if not files:
        return
    relation = con.read_parquet(
        list(files), hive_partitioning=False, union_by_name=True, filename=True,
        file_row_number=True,
    )  # fmt: skip
    con.register("_cc_lake_passages", relation)
    try:
        found = int(con.execute("SELECT count(*) FROM _cc_lake_passages").fetchall()[0][0])
        if found != rows:
            raise LoadFailed(
                f"the lake holds {found} of the run's {rows} page sketches: the load reads the "
                "files the workers wrote, so the lake must be storage this process sees"
            )
        # The first row of a source wins; a window over every sketch held them all in
        # memory DuckDB cannot spill (issue 19), so it runs only when a source is there twice.
        first = (
            "QUALIFY row_number() OVER (PARTITION BY p.source "
            "ORDER BY p.filename, p.file_row_number) = 1"
            if _distinct_sources(con) != found
            else ""
        )
        con.execute(
            f"""CREATE OR REPLACE TEMP VIEW _cc_passages AS SELECT CAST(p.source AS VARCHAR)
                AS source, g.page_sha256, CAST(p.sketch AS BIGINT[]) AS sketch,
                CAST(p.shingles AS INTEGER) AS shingles,
                CAST(p.quote_hashes AS BIGINT[]) AS quote_hashes,
                CAST(p.quote_texts AS VARCHAR[]) AS quote_texts
            FROM _cc_lake_passages AS p JOIN (SELECT CAST(source AS VARCHAR) AS source,
                max(coalesce(CAST(page_sha256 AS VARCHAR), '')) AS page_sha256
                FROM _cc_pages GROUP BY ALL) AS g ON g.source = CAST(p.source AS VARCHAR)
            {first}"""
        )
        with one_thread(con):
            _replace(con)
    finally:
        con.execute("DROP VIEW IF EXISTS _cc_passages")
        con.unregister("_cc_lake_passages")


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB on one thread for the block, then the threads it had: each thread of an insert
    pins its own buffers of the sketches' lists, and at 40,000 pages' worth of sketches the
    insert failed the load under the load's 128MB with two threads (passed with one; issue 19,
    docs/benchmarks.md "dask20")."""
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:  # an aborted transaction refuses it: the load fails and rolls back anyway
        with suppress(duckdb.Error):
            con.execute(f"SET threads = {int(threads)}")


def _distinct_sources(con: duckdb.DuckDBPyConnection) -> int:
    """How many distinct sources the lake's sketches hold."""
    rows = con.execute("SELECT count(DISTINCT source) FROM _cc_lake_passages").fetchall()
    return int(rows[0][0])


def _replace(con: duckdb.DuckDBPyConnection) -> None:
    """A page reused unchanged keeps its row; a page read again in a new version replaces it."""
    con.execute(
        """DELETE FROM page_passages AS p WHERE EXISTS (SELECT 1 FROM _cc_passages AS s
            WHERE s.source = p.source AND s.page_sha256 <> p.page_sha256)"""
    )
    con.execute(
        """INSERT INTO page_passages SELECT CAST(source AS VARCHAR),
            CAST(page_sha256 AS VARCHAR), CAST(sketch AS BIGINT[]),
            CAST(shingles AS INTEGER), CAST(quote_hashes AS BIGINT[]),
            CAST(quote_texts AS VARCHAR[]) FROM _cc_passages AS s
        WHERE NOT EXISTS (SELECT 1 FROM page_passages AS p WHERE p.source = s.source)"""
    )


def stored_passages(con: duckdb.DuckDBPyConnection, pages: list[tuple[str, str]]) -> pd.DataFrame:
    """The stored sketches (PASSAGE_COLUMNS) of the given (source, sha) pages."""
    if not pages:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    wanted = pd.DataFrame(pages, columns=["source", "page_sha256"])
    con.register("_cc_wanted_passages", wanted)
    try:
        # as numpy: each list arrives as one array, not as a Python int per hash
        read = con.execute(
            "SELECT p.source, p.sketch, p.shingles, p.quote_hashes, p.quote_texts "
            "FROM page_passages p JOIN _cc_wanted_passages w USING (source, page_sha256) "
            "ORDER BY p.source"
        ).fetchnumpy()
    finally:
        con.unregister("_cc_wanted_passages")
    columns = [read[c].tolist() for c in ("source", "sketch", "shingles", "quote_hashes")]
    return pd.DataFrame(
        [
            (str(source), _unsigned(sketch), int(shingles),
             tuple(zip(_unsigned(hashes).tolist(), [str(t) for t in texts], strict=True)))
            for source, sketch, shingles, hashes, texts in zip(
                *columns, read["quote_texts"].tolist(), strict=True
            )
        ],
        columns=PASSAGE_COLUMNS,
    )  # fmt: skip
