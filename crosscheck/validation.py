"""After the load: the Great Expectations suite over the warehouse and the HTML/Markdown report
(shared by `run`, `validate`, `report` and crosscheck.run)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from crosscheck.errors import RunFailed


def run_validation(
    db: Path,
    docs_dir: Path | None,
    run_id: str | None = None,
    wait: float = 0.0,
    scope: Literal["run", "warehouse"] = "warehouse",
) -> tuple[bool, str]:
    """Run the suite and record it in check_runs: (passed, the one-line verdict to show).

    With `docs_dir` Great Expectations validates and renders Data Docs there (its import alone
    takes seconds); without, the same expectations run as SQL inside DuckDB. `scope` "run"
    validates only the rows run `run_id` loaded or changed (what `crosscheck run` does)."""
    from crosscheck.checks.errors import ChecksError
    from crosscheck.checks.suite import run_suite
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.check_runs import record_check_run

    engine: Literal["duckdb", "great_expectations"] = (
        "duckdb" if docs_dir is None else "great_expectations"
    )
    con = open_warehouse(db, wait=wait)
    try:
        try:
            result = run_suite(con, docs_dir, run_id, scope=scope, engine=engine)
        except ChecksError as error:
            raise RunFailed(f"validation of {db} failed to run: {error}") from error
        record_check_run(
            con,
            run_id=result.run_id or run_id or "",
            suite=result.suite,
            suite_version=result.suite_version,
            success=result.success,
            evaluated=result.evaluated,
            failed=result.failed,
            summary=result.summary(),
            docs_path=str(result.docs_path) if result.docs_path else None,
        )
    finally:
        con.close()
    verdict = "passed" if result.success else "FAILED"
    names = ", ".join(r.name for r in result.failures)
    rows = sum(result.rows.values())
    where = "this run's" if scope == "run" else "the warehouse's"
    docs = (
        f"Data Docs {result.docs_path}"
        if result.docs_path
        else "Data Docs not rebuilt (--data-docs DIR, or `crosscheck validate`)"
    )
    line = (
        f"{verdict}: {result.evaluated} expectations, {result.failed} failed"
        + (f" ({names})" if names else "")
        + f", over {where} {rows} rows; {docs}"
    )
    return bool(result.success), line


def write_report(db: Path, out: Path, fmt: Literal["html", "md"], wait: float = 0.0) -> None:
    """The reviewers' report of the warehouse, as HTML or Markdown, written to `out`."""
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.report import write_report as render

    con = open_warehouse(db, read_only=True, wait=wait)
    try:
        render(con, out, fmt)
    finally:
        con.close()
