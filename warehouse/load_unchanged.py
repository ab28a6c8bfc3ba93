"""Closing a run that changed nothing: its row points at the run whose results it shares.

A run that read exactly the latest completed run's pages under the same code and settings
would load the very same rows again; rewriting them (every page, finding and consensus row
gaining a new last_seen_run) was most of an unchanged re-run's cost. Its row is completed with
that run's counts and `results_run` naming it, in one small transaction.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
from crosscheck.warehouse.errors import LoadFailed, RunAlreadyLoaded
from crosscheck.warehouse.load_bundle import LoadResult
from crosscheck.warehouse.load_run_row import rollback as _rollback
from crosscheck.warehouse.load_run_row import utc as _utc

_COPIED = ("page_count", "claim_count", "fact_count", "quarantine_count", "finding_count")


def record_unchanged_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    results_run: str,
    finished_at: datetime,
    *,
    crosscheck_version: str,
    vocabulary_version: str,
    settings_digest: str | None,
) -> LoadResult:
    """Complete `run_id`'s running row as sharing `results_run`'s results (its counts, no new
    rows); `results_run` is resolved to the run that holds them. Raises LoadFailed (rolled
    back) when the row is not running or the results run is unknown."""
    try:
        con.execute("BEGIN TRANSACTION")
        row = con.execute(
            f"""SELECT coalesce(results_run, run_id), {", ".join(_COPIED)} FROM runs
            WHERE run_id = ? AND status = 'completed'""",
            [results_run],
        ).fetchone()
        if row is None:
            raise LoadFailed(f"run {run_id}: no completed run {results_run} to share results with")
        status = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchone()
        if status is None or status[0] != "running":
            raise RunAlreadyLoaded(
                f"run {run_id} is not running (status {status[0] if status else 'none'}); "
                "nothing was loaded"
            )
        finished = _utc(finished_at)
        con.execute(
            f"""UPDATE runs SET status = 'completed', finished_at = ?,
                duration_s = date_diff('millisecond', started_at, ?) / 1000.0,
                {", ".join(f"{name} = ?" for name in _COPIED)},
                new_page_count = 0, new_claim_count = 0, new_fact_count = 0,
                new_finding_count = 0, resolved_finding_count = 0,
                crosscheck_version = ?, vocabulary_version = ?, settings_digest = ?,
                results_run = ?, error = NULL
            WHERE run_id = ?""",
            [
                finished,
                finished,
                *row[1:],
                crosscheck_version,
                vocabulary_version,
                settings_digest,
                row[0],
                run_id,
            ],
        )
        con.execute("COMMIT")
    except BaseException as exc:
        _rollback(con)
        if isinstance(exc, LoadFailed | RunAlreadyLoaded) or not isinstance(exc, Exception):
            raise
        raise LoadFailed(
            f"recording unchanged run {run_id} failed and was rolled back: {exc}"
        ) from exc
    return LoadResult(run_id=run_id, runs=1)
