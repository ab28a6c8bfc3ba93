"""A run's row through its life: written `running` at the start, closed `completed` (by the load,
in its transaction), `failed` or `interrupted`; rows left `running` by a process that is gone
are marked `crashed` by the next run (dlt's load states). Each write is its own small
transaction, so a trace survives whatever ends the run.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from enum import StrEnum

import duckdb
from crosscheck.warehouse.errors import LoadFailed, RunAlreadyLoaded


class RunStatus(StrEnum):
    """runs.status (the CHECK constraint of migration 006 lists the same values)."""

    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    CRASHED = "crashed"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_crashed(con: duckdb.DuckDBPyConnection, holding_run_lock: bool = True) -> list[str]:
    """Close every `running` row whose process is gone as `crashed`; returns their run ids.

    The caller holds the run lock, so no other run is live on this warehouse: a `running` row
    is stale even when its pid was reused by an unrelated process since. Without the lock only
    rows whose pid is no longer alive are closed.
    """
    rows = con.execute(
        "SELECT run_id, pid, started_at FROM runs WHERE status = 'running' ORDER BY started_at"
    ).fetchall()
    stale = [
        (run_id, pid)
        for run_id, pid, _ in rows
        if pid != os.getpid() and (holding_run_lock or pid is None or not _pid_alive(pid))
    ]
    now = _now()
    for run_id, pid in stale:
        who = f"pid {pid}" if pid is not None else "its process"
        con.execute(
            """UPDATE runs SET status = 'crashed', finished_at = ?,
                duration_s = date_diff('millisecond', started_at, ?) / 1000.0, error = ?
            WHERE run_id = ? AND status = 'running'""",
            [
                now,
                now,
                f"{who} ended without closing the run (killed with SIGKILL, by the OOM killer or "
                "a power cut, or the warehouse was busy when it failed); nothing of it was loaded",
                run_id,
            ],
        )
    return [run_id for run_id, _ in stale]


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime,
    sources: list[str],
    crosscheck_version: str | None = None,
) -> None:
    """Write the run's row as `running` (its own transaction)."""
    existing = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchall()
    if existing:
        raise RunAlreadyLoaded(
            f"run {run_id} is already in the warehouse (status {existing[0][0]}); "
            "nothing was loaded"
        )
    try:
        con.execute(
            """INSERT INTO runs (run_id, started_at, status, sources, crosscheck_version, pid)
            VALUES (?, ?, 'running', ?, ?, ?)""",
            [
                run_id,
                _naive(started_at),
                [str(s) for s in sources],
                crosscheck_version,
                os.getpid(),
            ],
        )
    except duckdb.Error as error:
        raise LoadFailed(f"recording the start of run {run_id} failed: {error}") from error


def close_run(
    con: duckdb.DuckDBPyConnection, run_id: str, status: RunStatus, error: str | None
) -> RunStatus | None:
    """Close a `running` row as `status` with `error`; a row the load already completed keeps
    `completed` and only gains the note. Returns the row's status afterwards (None: no row)."""
    now = _now()
    con.execute(
        """UPDATE runs SET status = ?, finished_at = ?,
            duration_s = date_diff('millisecond', started_at, ?) / 1000.0, error = ?
        WHERE run_id = ? AND status = 'running'""",
        [status.value, now, now, error, run_id],
    )
    if error is not None:
        con.execute(
            "UPDATE runs SET error = ? WHERE run_id = ? AND status = 'completed'", [error, run_id]
        )
    return run_status(con, run_id)


def run_status(con: duckdb.DuckDBPyConnection, run_id: str) -> RunStatus | None:
    """The status of `run_id`'s row, or None when it has none."""
    rows = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchall()
    return RunStatus(rows[0][0]) if rows else None
