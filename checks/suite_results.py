"""What a suite run found, whichever engine evaluated it (Great Expectations or DuckDB SQL).

Kept free of pandas and GX so both engines, the CLI and the report share it at no import cost.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from crosscheck.checks.errors import ChecksError
from crosscheck.checks.suite_expectations import CRITICAL, WARNING, SuiteScope

SUITE_NAME = "crosscheck_warehouse"
SUITE_VERSION = "2026.11.1"
# "great_expectations": GX validates DataFrames and can render Data Docs (a ~3.6 s import);
# "duckdb": the same expectations as SQL inside the warehouse (checks.suite_sql), milliseconds.
SuiteEngine = Literal["great_expectations", "duckdb"]
DETAIL_ROWS = 10  # offending values / row ids kept per failed expectation


class SuiteError(ChecksError):
    """The suite could not run (not a warehouse, or GX failed); data failures are results."""


@dataclass(frozen=True)
class ExpectationRecord:
    """The outcome of one expectation, JSON-ready for check_runs.summary."""

    table: str
    name: str  # stable id, e.g. "facts.low_le_high"
    expectation: str  # GX expectation type, e.g. "expect_column_values_to_be_in_set"
    column: str | None
    success: bool
    unexpected_count: int | None
    severity: str = CRITICAL
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SuiteResult:
    """The suite's verdict: success means no critical expectation failed."""

    suite: str
    suite_version: str
    success: bool
    evaluated: int
    failed: int  # critical expectations that failed
    results: list[ExpectationRecord]
    docs_path: Path | None = None
    run_id: str | None = None
    warnings: int = 0  # warning-level expectations that failed (the suite still succeeds)
    duration_s: float = 0.0
    engine: SuiteEngine = "great_expectations"
    scope: SuiteScope = "warehouse"
    rows: dict[str, int] = field(default_factory=dict)  # rows validated per table

    @classmethod
    def of(cls, records: list[ExpectationRecord], **fields: Any) -> SuiteResult:
        """The verdict of `records` (either engine): counts of failed critical and warning
        expectations; `fields` are the engine's own (run_id, duration_s, engine, rows...)."""
        failed = sum(1 for r in records if not r.success and r.severity == CRITICAL)
        warned = sum(1 for r in records if not r.success and r.severity == WARNING)
        return cls(
            suite=SUITE_NAME,
            suite_version=SUITE_VERSION,
            success=failed == 0,
            evaluated=len(records),
            failed=failed,
            results=records,
            warnings=warned,
            **fields,
        )

    @property
    def failures(self) -> list[ExpectationRecord]:
        """Failed expectations of any severity, critical first."""
        bad = [r for r in self.results if not r.success]
        return sorted(bad, key=lambda r: r.severity != CRITICAL)

    def summary(self) -> dict[str, Any]:
        """The JSON document for check_runs.summary."""
        return {
            "suite": self.suite,
            "suite_version": self.suite_version,
            "run_id": self.run_id,
            "success": self.success,
            "evaluated": self.evaluated,
            "failed": self.failed,
            "warnings": self.warnings,
            "engine": self.engine,
            "scope": self.scope,
            "rows": dict(self.rows),
            "results": [asdict(r) for r in self.results],
        }


def jsonable(value: Any) -> Any:
    """Plain JSON values: DuckDB's JSON type rejects NaN and infinity; numpy types become Python."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value[:DETAIL_ROWS]]
    if value is None or isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, int):
        return value
    return json.loads(json.dumps(value, default=str))
