"""Loading relation facts (comparative statements, issue 16) inside the run's transaction;
every value goes in through a registered frame, never through SQL text."""

from __future__ import annotations

from contextlib import nullcontext

import duckdb
import pandas as pd
from crosscheck.warehouse.lake_read import register_lake
from crosscheck.warehouse.load_passages import one_thread

from crosscheck.contracts import RELATION_COLUMNS

#: Statements per insert statement: a batch's memory bounds the step's (one batch took ~26 MiB
#: of DuckDB's at most under the lake load's limit; docs/benchmarks.md "dask21").
RELATION_BATCH = 10_000


def load_relations(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    relations: pd.DataFrame | None,
    *,
    limited: bool = False,
) -> int:
    """Insert new relations, refresh the ones read again; returns how many rows were new.
    Relations whose claim is not in the warehouse are left out (the claim is their key).
    `limited`: the load runs under DuckDB's memory limit (a lake's: warehouse.load_lake),
    so the insert runs on one thread."""
    if relations is None or relations.empty or not set(RELATION_COLUMNS) <= set(relations):
        return 0
    frame = relations[RELATION_COLUMNS].drop_duplicates("relation_id")
    frame = frame.astype({"low": float, "high": float}).astype(
        {c: object for c in RELATION_COLUMNS if c not in ("low", "high")}
    )
    before = con.execute("SELECT count(*) FROM relations").fetchall()[0][0]
    names = ", ".join(RELATION_COLUMNS[1:])
    casts = ", ".join(
        f"CAST({c} AS {'DOUBLE' if c in ('low', 'high') else 'VARCHAR'}) AS {c}"
        for c in RELATION_COLUMNS
    )
    # Statements go in by batches of rows (each relation id is in one batch: the statements
    # below touch a row by its id only): the insert's memory is a batch's, whatever the run's
    # size. Whole, 44,000 statements (60,000 pages' worth) took 122 MiB and failed the lake
    # load under its 128MB, as the real 50,000-page Dask run did (issue 19, "dask21").
    for start in range(0, len(frame), RELATION_BATCH):
        con.register("_cc_relations", frame.iloc[start : start + RELATION_BATCH])
        try:
            # A statement's claim must be stored: the claims the statements cite are joined
            # first (an EXISTS over `claims` hashed every claim of the run, ~92 MiB at 40,000
            # pages' worth, and failed the load under its 128MB: issue 19, "dask20"). Only
            # new or changed rows are written; the others (a re-run's reused pages: every
            # statement but the changed page's) take the run as last seen.
            values = RELATION_COLUMNS[1:]
            # as the sketches: each thread's buffers count under the lake load's 128MB
            with one_thread(con) if limited else nullcontext():
                _insert(con, casts, names, values, run_id)
            con.execute(
                """UPDATE relations SET last_seen_run = $run WHERE last_seen_run <> $run
                AND relation_id IN (SELECT CAST(relation_id AS VARCHAR) FROM _cc_relations)""",
                {"run": run_id},
            )
        finally:
            con.unregister("_cc_relations")
    return int(con.execute("SELECT count(*) FROM relations").fetchall()[0][0] - before)


def load_lake_relations(
    con: duckdb.DuckDBPyConnection, run_id: str, files: tuple[str, ...], rows: int
) -> int:
    """`load_relations` for the statements the Dask workers wrote to the lake (crosscheck.
    dask_statements): read by DuckDB from `files` (the client never holds them), by passes
    over buckets of the relation id of ~RELATION_BATCH rows each (a relation id and its
    duplicates in one pass, so the first row of an id in file then row order is kept, as the
    frame's `drop_duplicates` keeps it); runs under the lake load's limit on one thread.
    Returns how many rows were new; a count that differs from the `rows` written fails the
    load."""
    if not files:
        return 0
    raw = "_cc_lake_relations"
    register_lake(con, raw, files, RELATION_COLUMNS, "statements", rows)
    try:
        ids = int(con.execute(f"SELECT count(DISTINCT relation_id) FROM {raw}").fetchall()[0][0])
        first = (
            "QUALIFY row_number() OVER (PARTITION BY relation_id "
            "ORDER BY filename, file_row_number) = 1"
            if ids != rows
            else ""
        )
        passes = max(1, -(-rows // RELATION_BATCH))
        before = con.execute("SELECT count(*) FROM relations").fetchall()[0][0]
        names = ", ".join(RELATION_COLUMNS[1:])
        casts = ", ".join(f"CAST({c} AS {_TYPE[c]}) AS {c}" for c in RELATION_COLUMNS)
        for b in range(passes):
            con.execute(
                f"""CREATE OR REPLACE TEMP VIEW _cc_relations AS
                SELECT {", ".join(RELATION_COLUMNS)} FROM {raw}
                WHERE hash(relation_id) % {passes} = {b} {first}"""
            )
            with one_thread(con):
                _insert(con, casts, names, RELATION_COLUMNS[1:], run_id)
            con.execute(_TOUCH, {"run": run_id})
        con.execute("DROP VIEW IF EXISTS _cc_relations")
        return int(con.execute("SELECT count(*) FROM relations").fetchall()[0][0] - before)
    finally:
        con.unregister(raw)


_TYPE = {c: "DOUBLE" if c in ("low", "high") else "VARCHAR" for c in RELATION_COLUMNS}
#: A statement read again keeps its row and takes the run as last seen.
_TOUCH = """UPDATE relations SET last_seen_run = $run WHERE last_seen_run <> $run
    AND relation_id IN (SELECT CAST(relation_id AS VARCHAR) FROM _cc_relations)"""


def _insert(
    con: duckdb.DuckDBPyConnection, casts: str, names: str, values: list[str], run_id: str
) -> None:
    """The new and changed statements whose claim is stored: the changed ones updated, the new
    ones inserted (an anti-join: `relations` has no key index since migration 037)."""
    fixed = f"""(SELECT {casts} FROM _cc_relations) AS s
        WHERE s.claim_id IN (SELECT c.claim_id FROM claims AS c JOIN
            (SELECT DISTINCT CAST(claim_id AS VARCHAR) AS claim_id FROM _cc_relations)
            USING (claim_id))"""
    con.execute(
        f"""UPDATE relations AS r SET {", ".join(f"{n} = s.{n}" for n in names.split(", "))},
            last_seen_run = $run FROM {fixed} AND r.relation_id = s.relation_id
        AND ({", ".join("r." + c for c in values)})
            IS DISTINCT FROM ({", ".join("s." + c for c in values)})""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO relations SELECT s.*, $run AS first_seen_run, $run AS last_seen_run
        FROM {fixed} AND NOT EXISTS (SELECT 1 FROM relations AS r
                                     WHERE r.relation_id = s.relation_id)""",
        {"run": run_id},
    )
