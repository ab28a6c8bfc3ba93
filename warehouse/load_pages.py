"""The page rows and quarantined claims the Dask workers wrote to the lake (crosscheck.
dask_pages), exposed to the load as `_cc_pages` / `_cc_quarantine`: the lake's rows, then the
rows the client still holds (pages read back from the warehouse), the first row of a key kept
(as `load._prepare`'s `drop_duplicates`). The load's statements read those names unchanged,
so the client never holds the run's page rows (issue 19).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd
from crosscheck.warehouse.lake_read import register_lake

from crosscheck.contracts import PAGE_COLUMNS, QUARANTINE_COLUMNS

#: The warehouse's column types (the lake's files are written so: crosscheck.dask_pages).
_TYPES = {
    "pages": {
        "source": "VARCHAR", "page_sha256": "VARCHAR", "title": "VARCHAR",
        "content_type": "VARCHAR", "fetched_at": "TIMESTAMP", "status": "VARCHAR",
        "http_status": "INTEGER", "error": "VARCHAR", "claim_count": "INTEGER",
        "repairs": "INTEGER", "repair_kinds": "VARCHAR",
    },
    "quarantine": dict.fromkeys(QUARANTINE_COLUMNS, "VARCHAR"),
}  # fmt: skip
_COLUMNS = {"pages": PAGE_COLUMNS, "quarantine": QUARANTINE_COLUMNS}
_KEYS = {"pages": ("source", "page_sha256"), "quarantine": ("claim_id", "stage")}


@contextmanager
def lake_rows(
    con: duckdb.DuckDBPyConnection, lake: Any, frames: dict[str, pd.DataFrame]
) -> Iterator[None]:
    """While open, `_cc_pages` and `_cc_quarantine` are views over the lake's files and the
    frames `frames` holds under "pages" / "quarantine" (registered by the caller as
    `_cc_pages_held` / `_cc_quarantine_held`), for the tables whose rows the lake holds; a
    row count that differs from what the workers wrote fails the load. Nothing without a
    lake."""
    made: list[str] = []
    if lake is None:
        yield
        return
    try:
        for table, files, rows in (
            ("pages", lake.pages, lake.page_rows),
            ("quarantine", lake.quarantine, lake.quarantine_rows),
        ):
            if files or rows:
                _expose(con, table, files, rows, made)
        yield
    finally:
        for name in reversed(made):
            if name.startswith("view:"):
                con.execute(f"DROP VIEW IF EXISTS {name[5:]}")
            else:
                con.unregister(name)


def held_names(lake: Any, frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """`frames` with the page and quarantine frames renamed `<table>_held` for the tables the
    lake holds (the view `lake_rows` makes takes the name)."""
    if lake is None:
        return frames
    held = dict(frames)
    for table, files, rows in (
        ("pages", lake.pages, lake.page_rows),
        ("quarantine", lake.quarantine, lake.quarantine_rows),
    ):
        if (files or rows) and table in held:
            held[f"{table}_held"] = held.pop(table)
    return held


def run_pages(
    con: duckdb.DuckDBPyConnection, passages: pd.DataFrame | None, frames: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """The run's (source, page_sha256) rows for the sketches' load: the frame's, or read from
    `_cc_pages` when the lake holds them (only when there are sketches to store)."""
    if "pages" in frames:
        return frames["pages"]
    if passages is None or passages.empty:
        return pd.DataFrame(columns=["source", "page_sha256"])
    return con.execute("SELECT source, page_sha256 FROM _cc_pages").df()


def page_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The distinct sources of the run's pages (`_cc_pages`)."""
    rows = con.execute("SELECT DISTINCT source FROM _cc_pages WHERE source IS NOT NULL")
    return [str(r[0]) for r in rows.fetchall()]


def _expose(
    con: duckdb.DuckDBPyConnection,
    table: str,
    files: tuple[str, ...],
    rows: int,
    made: list[str],
) -> None:
    columns, types, keys = _COLUMNS[table], _TYPES[table], _KEYS[table]
    raw = f"_cc_lake_{table}"
    register_lake(con, raw, files, columns, f"{table} rows", rows)  # an empty frame: no file
    made.append(raw)
    cast = ", ".join(f"CAST({c} AS {types[c]}) AS {c}" for c in columns)
    parts = []
    if files:  # the lake's rows first, in file then row order
        parts.append(
            f"SELECT {cast}, 0 AS _cc_piece, filename AS _cc_file, "
            f"CAST(file_row_number AS BIGINT) AS _cc_row FROM {raw}"
        )
    parts.append(
        f"SELECT {cast}, 1 AS _cc_piece, '' AS _cc_file, "
        f"CAST(row_number() OVER () AS BIGINT) AS _cc_row FROM _cc_{table}_held"
    )
    union = " UNION ALL ".join(parts)
    key = ", ".join(keys)
    counted = con.execute(f"SELECT count(*), count(DISTINCT ({key})) FROM ({union})").fetchall()[0]
    first = ""  # the first row of a key (lake, then frame; file then row order) when twice
    if counted[0] != counted[1]:
        first = (
            f"QUALIFY row_number() OVER (PARTITION BY {key} "
            "ORDER BY _cc_piece, _cc_file, _cc_row) = 1"
        )
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW _cc_{table} AS
        SELECT {", ".join(columns)} FROM ({union}) {first}"""
    )
    made.append(f"view:_cc_{table}")


__all__ = ["held_names", "lake_rows", "page_sources", "run_pages"]
