"""The run's row in `runs`: written `completed` (with its counts) inside the load's transaction,
or `failed` in a transaction of its own; and the small helpers every load path shares (the
run's status, a rollback that tolerates an aborted transaction, UTC times)."""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import UTC, datetime

import duckdb
from crosscheck.warehouse.errors import LoadFailed, RunAlreadyLoaded
from crosscheck.warehouse.load_bundle import RunBundle


def insert_run(con: duckdb.DuckDBPyConnection, bundle: RunBundle) -> None:
    """The run row first: the row the run wrote as `running` at its start becomes `completed`
    (or a new row is written); a second load of the same run_id stops here."""
    existing = con.execute("SELECT status FROM runs WHERE run_id = ?", [bundle.run_id]).fetchall()
    if existing and existing[0][0] != "running":
        raise RunAlreadyLoaded(
            f"run {bundle.run_id} is already in the warehouse (status {existing[0][0]}); "
            "nothing was loaded"
        )
    started, finished = utc(bundle.started_at), utc(bundle.finished_at)
    sizes = [
        len(getattr(bundle, n)) for n in ("pages", "claims", "facts", "quarantine", "findings")
    ]
    if bundle.lake is not None:
        sizes[1:3] = [bundle.lake.claim_rows, bundle.lake.fact_rows]
        sizes[0] += bundle.lake.page_rows  # the client's frames hold the others
        sizes[3] += bundle.lake.quarantine_rows
        if bundle.lake.findings is not None:
            sizes[4] = bundle.lake.finding_rows
    sizes[1] += bundle.unread_claims
    sizes[2] += bundle.unread_facts
    versions = (bundle.crosscheck_version, bundle.vocabulary_version)
    duration = (finished - started).total_seconds()
    if existing:
        con.execute(
            """UPDATE runs SET finished_at = ?, status = 'completed', page_count = ?,
                claim_count = ?, fact_count = ?, quarantine_count = ?, finding_count = ?,
                duration_s = ?, crosscheck_version = ?, vocabulary_version = ?,
                settings_digest = ?, error = NULL
            WHERE run_id = ?""",
            [finished, *sizes, duration, *versions, bundle.settings_digest, bundle.run_id],
        )
        return
    con.execute(
        """INSERT INTO runs (run_id, started_at, finished_at, status, sources, page_count,
            claim_count, fact_count, quarantine_count, finding_count, duration_s,
            crosscheck_version, vocabulary_version, settings_digest, pid)
        VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            bundle.run_id,
            started,
            finished,
            [str(s) for s in bundle.sources],
            *sizes,
            duration,
            *versions,
            bundle.settings_digest,
            os.getpid(),
        ],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int]) -> None:
    """The rows each table gained, on the run's row (last, once every table is in)."""
    names = ["pages", "claims", "facts", "findings", "resolved_findings"]
    con.execute(
        """UPDATE runs SET new_page_count = ?, new_claim_count = ?, new_fact_count = ?,
            new_finding_count = ?, resolved_finding_count = ? WHERE run_id = ?""",
        [*(counts[n] for n in names), run_id],
    )


def record_failed_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime | str,
    sources: list[str],
    error: str,
    finished_at: datetime | str | None = None,
    crosscheck_version: str | None = None,
    vocabulary_version: str | None = None,
) -> bool:
    """Record a failed run in its own transaction; False if the run_id is already recorded."""
    try:
        started = utc(started_at)
        finished = utc(finished_at) if finished_at is not None else now()
        duration = (finished - started).total_seconds()
        versions = (crosscheck_version, vocabulary_version)
        con.execute("BEGIN TRANSACTION")
        rows = con.execute(
            """INSERT INTO runs (run_id, started_at, finished_at, status, sources, duration_s,
                error, crosscheck_version, vocabulary_version)
            VALUES (?, ?, ?, 'failed', ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING""",
            [run_id, started, finished, [str(s) for s in sources], duration, error, *versions],
        ).fetchall()
        con.execute("COMMIT")
    except (duckdb.Error, ValueError, TypeError) as exc:
        rollback(con)
        raise LoadFailed(f"recording failed run {run_id} failed: {exc}") from exc
    return bool(rows and rows[0][0])


def committed(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """True when the run's row reads `completed` (its load transaction committed)."""
    try:
        rows = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchall()
    except duckdb.Error:
        return False
    return bool(rows) and rows[0][0] == "completed"


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (DuckDB may already have aborted it)."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


def utc(value: datetime | str) -> datetime:
    """A naive UTC datetime from an aware/naive datetime (naive = UTC) or an ISO-8601 string."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def now() -> datetime:
    """Now, as a naive UTC datetime (the warehouse's timestamps)."""
    return datetime.now(UTC).replace(tzinfo=None)


__all__ = [
    "committed", "finish_run", "insert_run", "now", "record_failed_run", "rollback", "utc",
]  # fmt: skip
