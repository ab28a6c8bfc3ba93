"""What the report shows, read from the warehouse (warehouse.report): the runs, counts, open
findings with their evidence and verdicts, changes, the reconciled matrix and the quarantine,
with parameter-free SELECTs (read-only safe).

Kept apart from the rendering: this changes with the warehouse's tables, not the templates.
"""

from __future__ import annotations

from typing import Any

import duckdb
from crosscheck.warehouse.report_findings import (
    _RANK_SQL,
    _by_kind,
    _findings,
    _matrix,
    _rows,
    http_url,
)
from crosscheck.warehouse.report_island import island, open_count
from crosscheck.warehouse.report_review import (
    database_path,
    group_root_causes,
    reliability,
    validation,
    verdicts,
)

from crosscheck.contracts import FindingKind, Severity

QUARANTINE_ROWS = 50
CHANGE_ROWS = 500  # changed findings listed in a large report (the rest: `crosscheck diff`)
MATRIX_CELLS = 5_000  # reconciled values pivoted in a large report (the rest: exports)
_SEVERITIES = sorted(Severity, key=lambda s: -s.rank)  # high first
_RUNS_SQL = """
SELECT run_id, started_at, finished_at, duration_s, sources, crosscheck_version,
       vocabulary_version, page_count, claim_count, fact_count, quarantine_count, finding_count,
       new_finding_count, resolved_finding_count, status, error
FROM runs ORDER BY started_at DESC, run_id DESC
"""


_COUNTS_SQL = """
SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM pages) AS pages,
       (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM facts) AS facts,
       (SELECT count(*) FROM quarantine) AS quarantined,
       (SELECT count(*) FROM findings WHERE status = 'resolved') AS resolved
"""


_CHANGES_SQL = f"""
SELECT change, severity, kind, scope, entity, metric, qualifier, explanation, finding_id
FROM changes_since_previous_run
ORDER BY CASE change WHEN 'new' THEN 0 WHEN 'reopened' THEN 1 ELSE 2 END, {_RANK_SQL} DESC,
         entity, metric, finding_id
"""


_MATRIX_SQL = """
SELECT entity, metric, qualifier, metric_label, value, low, high, unit, confidence, support,
       dissent
FROM reconciled_matrix ORDER BY entity, metric_label
"""


_QUARANTINE_SQL = f"""
SELECT claim_id, source, stage, reason, message, raw_value FROM quarantine
ORDER BY source, claim_id, stage LIMIT {QUARANTINE_ROWS}
"""


_REASONS_SQL = (
    "SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason"
)


def collect(con: duckdb.DuckDBPyConnection, inline_limit: int | None = None) -> dict[str, Any]:
    """Everything the templates show, read with parameter-free SELECTs (read-only safe). More
    than `inline_limit` open findings go to a JSON document the script pages through
    (warehouse.report_island); None renders every finding as a card."""
    db = database_path(con)
    if inline_limit is not None and open_count(con) > inline_limit:
        return _collect_island(con, db)
    runs = _run_fields(con)
    consensus = {(r["entity"], r["metric"], r["qualifier"]): r for r in _rows(con, _MATRIX_SQL)}
    findings = _findings(con, consensus, verdicts(con), db)
    cards = group_root_causes(findings)
    matrix_rows = list(consensus.values())
    return {
        **runs,
        "counts": _rows(con, _COUNTS_SQL)[0],
        "findings": findings,
        "by_severity": [(s.value, sum(f["severity"] == s for f in findings)) for s in _SEVERITIES],
        "by_kind": _by_kind(findings),
        "severity_groups": [
            (s.value, group)
            for s in _SEVERITIES
            if (group := [f for f in cards if f["severity"] == s])
        ],
        "cards": len(cards),
        "reliability": reliability(con),
        "validation": validation(con),
        "db_path": db,
        "changes": _rows(con, _CHANGES_SQL),
        "matrix": _matrix(matrix_rows),
        "reasons": _rows(con, _REASONS_SQL),
        "quarantine": [dict(q, url=http_url(q["source"])) for q in _rows(con, _QUARANTINE_SQL)],
        "quarantine_limit": QUARANTINE_ROWS,
        "severities": [s.value for s in _SEVERITIES],
        "kinds": sorted({f["kind"] for f in findings}),
        "island": None,
        "open_findings": len(findings),
    }


def _collect_island(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, Any]:
    """`collect` for a large warehouse: the findings as one JSON document, the changes and
    the matrix cut to their first rows."""
    runs = _run_fields(con)
    document = island(con, db)
    kinds = [k.value for k in FindingKind]
    kinds += sorted(set(document["kinds"]) - set(kinds))
    return {
        **runs,
        "counts": _rows(con, _COUNTS_SQL)[0],
        "findings": [],
        "by_severity": [(s.value, document["by_severity"].get(s.value, 0)) for s in _SEVERITIES],
        "by_kind": [(k, document["by_kind"].get(k, 0)) for k in kinds],
        "severity_groups": [],
        "cards": document["count"],
        "reliability": reliability(con),
        "validation": validation(con),
        "db_path": db,
        "changes": _rows(con, _CHANGES_SQL + f" LIMIT {CHANGE_ROWS}"),
        "matrix": _matrix(_rows(con, _MATRIX_SQL + f" LIMIT {MATRIX_CELLS}")),
        "reasons": _rows(con, _REASONS_SQL),
        "quarantine": [dict(q, url=http_url(q["source"])) for q in _rows(con, _QUARANTINE_SQL)],
        "quarantine_limit": QUARANTINE_ROWS,
        "severities": [s.value for s in _SEVERITIES],
        "kinds": document["kinds"],
        "island": document,
        "open_findings": document["count"],
    }


def _run_fields(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The report's run header: the latest completed run, the one before it, and a failed run
    started after it (the same for the full and the island report)."""
    runs = _rows(con, _RUNS_SQL)
    completed = [r for r in runs if r["status"] == "completed"]
    run = completed[0] if completed else None
    failed_after = [
        r
        for r in runs
        if r["status"] == "failed" and (run is None or r["started_at"] > run["started_at"])
    ]
    return {
        "run": run,
        "previous_run_id": completed[1]["run_id"] if len(completed) > 1 else None,
        "completed_runs": len(completed),
        "failed_run": failed_after[0] if failed_after else None,
    }
