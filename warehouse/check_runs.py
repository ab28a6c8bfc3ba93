"""Recording a Great Expectations suite run in `check_runs` (its own small transaction)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import duckdb


def record_check_run(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    suite: str,
    suite_version: str,
    success: bool,
    evaluated: int,
    failed: int,
    summary: dict[str, Any],
    docs_path: str | None,
) -> str:
    """Insert one suite run and return its id; every value is bound as a parameter."""
    check_run_id = f"{run_id}-{uuid.uuid4().hex[:8]}"
    con.execute(
        "INSERT INTO check_runs (check_run_id, run_id, suite, suite_version, success, evaluated, "
        "failed, summary, docs_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            check_run_id,
            run_id,
            suite,
            suite_version,
            success,
            evaluated,
            failed,
            json.dumps(summary),
            docs_path,
            datetime.now(UTC).replace(tzinfo=None),
        ],
    )
    return check_run_id


def latest_check_run(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[bool, str] | None:
    """(success, one-line verdict) of the latest suite run recorded for `run_id`, or None: a
    run that changed nothing reports the validation of the run whose results it shares."""
    row = con.execute(
        """SELECT success, evaluated, failed, docs_path FROM check_runs WHERE run_id = ?
        ORDER BY created_at DESC LIMIT 1""",
        [run_id],
    ).fetchone()
    if row is None:
        return None
    success, evaluated, failed, docs = row
    verdict = "passed" if success else "FAILED"
    line = (
        f"validation  {verdict} (unchanged since run {run_id}: nothing was loaded): "
        f"{evaluated} expectations, {failed} failed; Data Docs {docs}"
    )
    return bool(success), line
