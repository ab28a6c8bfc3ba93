"""`crosscheck.run(...)`: the CLI's run as a function with a typed result, for orchestrators."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import crosscheck
from crosscheck.cli import EXIT_OK, main
from crosscheck.errors import ConfigError, FailOnReached, RunFailed, StepFailed
from crosscheck.runlock import RunLock
from tests.run_support import assert_lock_free, counts, runs


def test_run_returns_what_the_cli_did(seed_files: list[Path], tmp_path: Path) -> None:
    api_db, cli_db = tmp_path / "api.duckdb", tmp_path / "cli.duckdb"
    report = tmp_path / "r.html"
    result = crosscheck.run(seed_files, db=api_db, report=report, validate=False, environ={})
    assert isinstance(result, crosscheck.RunResult)
    assert (result.status, result.exit_code, result.loaded, result.ok) == (
        "completed",
        EXIT_OK,
        True,
        True,
    )
    assert result.report == report and report.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert [s.name for s in result.steps] == ["start", "analyze", "load", "report"]
    assert all(isinstance(s, crosscheck.StepInfo) and s.wall_s >= 0 for s in result.steps)
    assert result.steps[1].counts["claims"] == result.summary.claims > 0
    assert result.message.startswith(f"run {result.run_id} completed")
    assert main(["run", *map(str, seed_files), "--db", str(cli_db), "--no-validate"]) == EXIT_OK
    assert counts(api_db) == counts(cli_db)
    assert sum(result.findings_by_severity.values()) == counts(cli_db)["findings"]


def test_fail_on_raises_with_the_result_and_the_data_loaded(
    seed_files: list[Path], tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    with pytest.raises(FailOnReached) as caught:
        crosscheck.run(seed_files, db=db, fail_on="high", validate=False, environ={})
    result = caught.value.result
    assert result.exit_code == 1 and result.loaded and "findings at or above high" in result.message
    assert runs(db) == [("completed", None)]
    unchecked = crosscheck.run(
        seed_files, db=db, fail_on="high", validate=False, environ={}, check=False
    )
    assert unchecked.exit_code == 1 and unchecked.summary.pages_unchanged == len(seed_files)


def test_usage_errors_and_a_busy_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with pytest.raises(ConfigError, match=r"nowhere\.html"):
        crosscheck.run([tmp_path / "nowhere.html"], db=db, environ={})
    result = crosscheck.run([tmp_path / "nowhere.html"], db=db, environ={}, check=False)
    assert result.exit_code == 2 and result.run_id is None and not db.exists()
    with (
        RunLock(db).acquire(),
        pytest.raises(RunFailed, match="in use by a crosscheck run with pid") as caught,
    ):
        crosscheck.run(db=db, environ={})
    assert caught.value.result.transient  # a busy warehouse: worth a retry
    assert isinstance(caught.value.__cause__, StepFailed) and caught.value.__cause__.is_transient
    assert_lock_free(db)


def test_a_failed_step_is_named_and_terminal(
    seed_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.reconcile.errors import ReconcileError

    def broken(*args: object, **kwargs: object) -> None:
        raise ReconcileError("no consensus")

    monkeypatch.setattr("crosscheck.check_reconcile.reconcile_facts", broken)
    result = crosscheck.run(seed_files, db=tmp_path / "w.duckdb", environ={}, check=False)
    assert (result.status, result.exit_code, result.row_status) == ("failed", 3, "failed")
    assert result.error is not None and result.error.step == "analyze"
    assert isinstance(result.error.cause, ReconcileError) and not result.transient


def test_an_interrupt_is_reraised_after_the_row_is_closed(
    seed_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("crosscheck.check_step.run_checks", interrupted)
    monkeypatch.setattr("crosscheck.check_step.run_checks_with", interrupted)  # page cut
    db = tmp_path / "w.duckdb"
    with pytest.raises(KeyboardInterrupt):
        crosscheck.run(seed_files, db=db, validate=False, environ={})
    assert [s for s, _ in runs(db)] == ["interrupted"]
    assert counts(db)["claims"] == 0
    assert_lock_free(db)


def test_importing_crosscheck_stays_light() -> None:
    code = (
        "import sys, crosscheck\n"
        "assert callable(crosscheck.run)\n"
        "print([m for m in ('pandas', 'duckdb', 'pandera') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
