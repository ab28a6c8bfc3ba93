"""The summary of a run whose load committed (crosscheck.steps): its counts from the analysis the
run holds, or from the warehouse when the run loaded from the lake and let its frames go.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, TypedDict

from crosscheck.pipeline import RunSummary
from crosscheck.run_outputs import empty_pages
from crosscheck.run_state import RunState, with_reader
from crosscheck.warehouse.history import CarriedRun, carried_run


class _RunFields(TypedDict):
    run_id: str
    db_path: Path
    pages_failed: int
    pages_unchanged: int
    new_claims: int
    new_findings: int
    resolved_findings: int
    elapsed_s: float
    stage_seconds: dict[str, float]
    failed_sources: list[tuple[str, str]]


def _run_fields(state: RunState) -> _RunFields:
    """The summary's fields that come from the run itself (its stream, load and timer), alike
    whether the counts come from the analysis or from the warehouse."""
    assert state.streamed is not None and state.loaded is not None
    streamed, loaded = state.streamed, state.loaded
    stages = dict(state.timer.laps)
    return {
        "run_id": state.run_id,
        "db_path": state.config.db_path,
        "pages_failed": len(streamed.failed),
        "pages_unchanged": streamed.unchanged,
        "new_claims": loaded.claims,
        "new_findings": loaded.findings,
        "resolved_findings": loaded.resolved_findings,
        "elapsed_s": round(sum(stages.values()), 3),
        "stage_seconds": stages,
        "failed_sources": streamed.failed,
    }


def summarize(state: RunState) -> RunSummary:
    """The summary of a run whose load committed."""
    assert state.analysis is not None and state.streamed is not None and state.loaded
    result = state.analysis
    findings, carried = result.findings, result.carried
    if result.lake is not None and carried is None:
        return _summary_from_warehouse(state)
    return RunSummary(
        **_run_fields(state),
        pages=result.count("pages"),
        claims=state.handed_over.get("claims", result.count("claims")),
        facts=state.handed_over.get("facts", result.count("facts")),
        quarantined=result.count("quarantine"),
        findings=result.count("findings"),
        findings_by_kind=carried.findings_by_kind if carried else dict(Counter(findings["kind"])),
        findings_by_severity=(
            carried.findings_by_severity if carried else dict(Counter(findings["severity"]))
        ),
        empty_pages=carried.empty_pages if carried else empty_pages(result.pages),
        results_run=carried.results_run if carried else None,
        root_causes=(
            int(findings["root_cause"].nunique()) if not carried and "root_cause" in findings else 0
        ),
    )


def _summary_from_warehouse(state: RunState) -> RunSummary:
    """The summary of a run loaded from the lake, read from the warehouse after its load (the
    client no longer holds the run's facts and claims): the counts of the run's row, its
    findings by kind and severity, its pages without a claim."""
    assert state.streamed is not None and state.loaded is not None

    def read(con: Any) -> tuple[CarriedRun, int]:
        rows = con.execute(
            "SELECT count(DISTINCT root_cause) FROM findings WHERE last_seen_run = ?",
            [state.run_id],
        ).fetchall()
        return carried_run(con, state.run_id), int(rows[0][0] if rows else 0)

    figures, root_causes = with_reader(state, read)
    counts = figures.counts
    return RunSummary(
        **_run_fields(state),
        pages=counts.get("page_count", 0),
        claims=counts.get("claim_count", 0),
        facts=counts.get("fact_count", 0),
        quarantined=counts.get("quarantine_count", 0),
        findings=counts.get("finding_count", 0),
        findings_by_kind=figures.findings_by_kind,
        findings_by_severity=figures.findings_by_severity,
        empty_pages=figures.empty_pages,
        root_causes=root_causes,
    )
