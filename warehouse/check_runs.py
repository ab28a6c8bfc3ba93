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
