"""Parquet files as the Dask workers write them into the lake (crosscheck.dask_lake): one
partition to one file, under a temporary name renamed into place, and the parse chunks' many
small files of a bucket compacted into one.

Kept apart from the lake's layout and tasks (which table, which bucket, which task writes
what): this is the file format and the worker's writer, which the page rows, sketches,
statements and the load's tests use without the lake's tasks.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

import pandas as pd

_WRITERS = threading.local()


def _writer() -> Any:
    """This thread's in-memory DuckDB for writing Parquet, opened once and kept: a parse
    chunk writes up to 16 files, and opening a database per file (with a thread pool per
    core beside the worker's own) cost ~70 % of the writes' CPU (0.50 against 0.15 s per
    250-page chunk, docs/benchmarks.md). One thread: each Dask worker is one."""
    con = getattr(_WRITERS, "con", None)
    if con is None:
        import duckdb

        con = _WRITERS.con = duckdb.connect(config={"threads": 1})
    return con


def write_part(
    frame: pd.DataFrame,
    path: str,
    types: dict[str, str] | None = None,
    row_group_rows: int | None = None,
) -> int:
    """Write one partition as Parquet with DuckDB (no Arrow dependency); returns its rows
    (an empty partition writes no file). `types`: the columns written, cast to these;
    `row_group_rows`: rows per row group (DuckDB's 122,880 unless given)."""
    if frame.empty:
        return 0
    frame = frame.reset_index(drop=True)

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    con = _writer()
    con.register("part", frame)
    try:
        columns = "*"
        if types is not None:
            columns = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types.items())
        options = "FORMAT parquet"
        if row_group_rows is not None:
            options += f", ROW_GROUP_SIZE {int(row_group_rows)}"
        con.execute(f"COPY (SELECT {columns} FROM part) TO '{_quoted(partial)}' ({options})")
    finally:
        con.unregister("part")
    partial.replace(target)
    return len(frame)


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (COPY takes no parameter for its target)."""
    return str(path).replace("'", "''")


#: The one file a bucket's parse-chunk claims are compacted into (sorts where they did: before
#: the client's `part.parquet`, so the load's first-row order is unchanged).
COMPACTED = "part-chunks.parquet"


def compact_bucket(folder: str) -> int:
    """Rewrite the claims files the parse chunks wrote in one bucket (`part-<chunk>.parquet`)
    as one file, rows in file-name then row order, and remove them: DuckDB's reader holds
    memory per file, so the load of ~3,200 files held ~190 MiB more than of 16 (issue 19).
    Returns the rows compacted. Re-run safe: once the compacted file exists (renamed into
    place only when complete) it holds every chunk's rows, and leftovers are removed."""
    target = Path(folder) / COMPACTED
    parts = sorted(p for p in Path(folder).glob("part-*.parquet") if p.name != COMPACTED)
    if target.exists():
        for part in parts:
            part.unlink(missing_ok=True)
        return 0
    if not parts:
        return 0
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    # one thread with insertion order kept: the rows leave in the files' order
    con = _writer()
    files = ", ".join(f"'{_quoted(p)}'" for p in parts)
    rows = con.execute(
        f"COPY (SELECT * FROM read_parquet([{files}], union_by_name = true, "
        f"hive_partitioning = false)) TO '{_quoted(partial)}' (FORMAT parquet)"
    ).fetchall()
    partial.replace(target)
    for part in parts:
        part.unlink()
    return int(rows[0][0]) if rows else 0
