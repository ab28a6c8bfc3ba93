"""What changed since a run: findings new, resolved or reopened after it, and figures whose
value changed at the same place (source, locator) of a page that changed."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import UnknownRun


@dataclass(frozen=True)
class Changes:
    """Findings and figures that changed after `since_run` up to `latest_run`."""

    since_run: str | None
    latest_run: str | None
    findings: pd.DataFrame  # change, finding_id, kind, severity, entity, metric, explanation
    figures: pd.DataFrame  # change, source, locator, entity, label, old_value, new_value


def _completed_runs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, object]]:
    return con.execute(
        "SELECT run_id, started_at FROM runs WHERE status = 'completed' ORDER BY started_at, run_id"
    ).fetchall()


def changes_since(con: duckdb.DuckDBPyConnection, since: str | None = None) -> Changes:
    """Changes after `since` (default: the completed run before the latest one)."""
    runs = _completed_runs(con)
    latest = runs[-1][0] if runs else None
    if since is None:
        since = runs[-2][0] if len(runs) >= 2 else None
    elif since not in {run for run, _ in runs}:
        raise UnknownRun(f"no completed run {since!r} in this warehouse")
    order = {run: i for i, (run, _) in enumerate(runs)}
    after = [run for run, _ in runs if since is None or order[run] > order[since]]
    con.register("_after_runs", pd.DataFrame({"run_id": after}, dtype=object))
    try:
        findings = con.execute(
            """SELECT CASE WHEN first_seen_run IN (SELECT run_id FROM _after_runs) THEN 'new'
                           WHEN status = 'resolved' THEN 'resolved' ELSE 'reopened' END AS change,
                      finding_id, kind, severity, entity, metric, explanation
               FROM findings
               WHERE first_seen_run IN (SELECT run_id FROM _after_runs)
                  OR (status = 'resolved' AND resolved_run IN (SELECT run_id FROM _after_runs))
                  OR (status = 'open' AND reopened_run IN (SELECT run_id FROM _after_runs))
               ORDER BY change, kind, finding_id"""
        ).df()
        figures = con.execute(
            """WITH fresh AS (SELECT * FROM claims
                              WHERE first_seen_run IN (SELECT run_id FROM _after_runs)),
                    earlier AS (SELECT * FROM claims
                                WHERE first_seen_run NOT IN (SELECT run_id FROM _after_runs))
               SELECT CASE WHEN e.claim_id IS NULL THEN 'added' ELSE 'changed' END AS change,
                      n.source, n.locator, n.entity_raw AS entity, n.label,
                      e.raw_value AS old_value, n.raw_value AS new_value
               FROM fresh AS n
               LEFT JOIN earlier AS e
                 ON e.source = n.source AND e.locator = n.locator AND e.role = n.role
               WHERE e.claim_id IS NULL OR e.raw_value <> n.raw_value
               ORDER BY n.source, n.locator"""
        ).df()
    finally:
        con.unregister("_after_runs")
    if since is None:  # first run: every figure is new, which says nothing useful
        figures = figures.iloc[0:0]
    return Changes(since, latest, findings, figures)
