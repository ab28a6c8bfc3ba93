"""What a run did, for the CLI, orchestrators and logs (crosscheck.runner): each step's counts and
seconds, the run's outcome and exit code, and the JSON log's closing record of it.

Kept apart from the runner that fills it: callers read these without importing the runner.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from crosscheck.errors import StepFailed

if TYPE_CHECKING:
    from crosscheck.pipeline import RunSummary


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, as shells report Ctrl-C
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143, as shells report SIGTERM
Outcome = Literal["completed", "failed", "interrupted"]


@dataclass(frozen=True)
class StepInfo:
    """What one step did (dlt's ExtractInfo/NormalizeInfo/LoadInfo): its counts, wall seconds,
    and CPU seconds of this process and of the workers it reaped."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0
    cpu_s: float = 0.0


@dataclass
class RunResult:
    """What a run did, for the CLI, orchestrators and logs. `exit_code` is the CLI's: 0 ran,
    1 findings at/above fail_on (or a failed source with fail_on_fetch_error), 2 usage,
    3 failed (nothing loaded) or refused, 130 Ctrl-C, 143 SIGTERM."""

    status: Outcome
    exit_code: int
    message: str  # one line
    db: Path
    run_id: str | None = None
    loaded: bool = False  # the run's data is committed in the warehouse
    row_status: str | None = None  # runs.status as the run left it (None: no row)
    summary: RunSummary | None = None
    steps: list[StepInfo] = field(default_factory=list)
    failed_sources: list[tuple[str, str]] = field(default_factory=list)
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    validation_passed: bool | None = None
    report: Path | None = None
    notes: list[str] = field(default_factory=list)  # lines for the summary (validation, report)
    elapsed_s: float = 0.0  # wall time from the process's (or execute()'s) start to the end
    validation_line: str | None = None  # the suite's one-line verdict
    error: StepFailed | None = None  # the step that failed and its cause (dlt's StepFailed)

    @property
    def transient(self) -> bool:
        """True when the failure may go away on a retry (a busy warehouse, a timeout)."""
        return self.error is not None and self.error.is_transient

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_OK


def result_record(result: RunResult) -> dict[str, Any]:
    """The JSON log's closing summary record (also what orchestrators may log)."""
    s = result.summary
    counts = (
        {
            "pages": s.pages,
            "pages_failed": s.pages_failed,
            "pages_unchanged": s.pages_unchanged,
            "claims": s.claims,
            "facts": s.facts,
            "quarantined": s.quarantined,
            "findings": s.findings,
            "new_claims": s.new_claims,
            "new_findings": s.new_findings,
            "resolved_findings": s.resolved_findings,
        }
        if s is not None
        else {}
    )
    return {
        "run_id": result.run_id,
        "stage": "summary",
        "status": result.status,
        "exit_code": result.exit_code,
        "loaded": result.loaded,
        "counts": counts,
        "failed_sources": [{"source": src, "reason": why} for src, why in result.failed_sources],
        "findings_by_severity": dict(result.findings_by_severity),
        "elapsed_s": result.elapsed_s,
        "stage_seconds": dict(s.stage_seconds) if s is not None else {},
        "steps": [
            {"name": st.name, "wall_s": st.wall_s, "cpu_s": st.cpu_s, "counts": st.counts}
            for st in result.steps
        ],
    }
