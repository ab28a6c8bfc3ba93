"""Run rows through their life: running at the start, completed by the load's transaction,
failed or interrupted otherwise, crashed when their process is gone; and a load whose COMMIT
went through before an interrupt reports itself as loaded, not rolled back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from crosscheck.warehouse import load_run, open_warehouse
from crosscheck.warehouse.errors import LoadFailed, RunAlreadyLoaded
from crosscheck.warehouse.run_states import (
    RunStatus,
    close_run,
    mark_crashed,
    run_status,
    start_run,
)

from tests.warehouse.test_support import T0, counts, make_bundle


def _row(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[Any, ...]:
    return con.execute(
        "SELECT status, error, pid, finished_at IS NOT NULL FROM runs WHERE run_id = ?", [run_id]
    ).fetchall()[0]


def test_a_started_run_is_completed_by_its_load(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    start_run(con, "r1", T0, ["a.txt"], "0.1.0")
    assert _row(con, "r1") == ("running", None, os.getpid(), False)
    result = load_run(con, make_bundle("r1"))
    assert result.runs == 1 and result.claims > 0
    assert _row(con, "r1")[0] == "completed" and counts(con)["runs"] == 1
    # closing a completed run (an interrupt after the commit) keeps it completed, with a note
    assert close_run(con, "r1", RunStatus.INTERRUPTED, "interrupted by SIGINT") == "completed"
    assert _row(con, "r1")[:2] == ("completed", "interrupted by SIGINT")
    with pytest.raises(RunAlreadyLoaded):
        load_run(con, make_bundle("r1"))
    with pytest.raises(RunAlreadyLoaded):
        start_run(con, "r1", T0, [], None)


def test_a_failed_run_is_closed_with_its_reason_and_loads_nothing(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    start_run(con, "r1", T0, ["a.txt"])
    assert close_run(con, "r1", RunStatus.FAILED, "ReconcileError: boom") == RunStatus.FAILED
    status, error, _, finished = _row(con, "r1")
    assert (status, error, finished) == ("failed", "ReconcileError: boom", True)
    assert counts(con)["claims"] == 0
    with pytest.raises(RunAlreadyLoaded):
        load_run(con, make_bundle("r1"))  # a closed run is never loaded afterwards


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(proc.stdout)


def test_running_rows_of_gone_processes_are_marked_crashed(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    start_run(con, "dead", T0, [])
    con.execute("UPDATE runs SET pid = ? WHERE run_id = 'dead'", [_dead_pid()])
    start_run(con, "alive", T0, [])
    con.execute("UPDATE runs SET pid = ? WHERE run_id = 'alive'", [os.getppid()])
    start_run(con, "mine", T0, [])  # this process: never its own
    # without the run lock only rows whose process is gone are closed
    assert mark_crashed(con, holding_run_lock=False) == ["dead"]
    status, error, _, finished = _row(con, "dead")
    assert status == "crashed" and finished and "ended without closing the run" in error
    assert run_status(con, "alive") == RunStatus.RUNNING
    # with the run lock no other run can be live, whatever a reused pid says
    assert mark_crashed(con) == ["alive"]
    assert run_status(con, "mine") == RunStatus.RUNNING


class _InterruptAfterCommit:
    """A connection whose COMMIT goes through and then reports DuckDB's interrupt error, as
    a Ctrl-C landing at that moment does."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def execute(self, sql: str, *args: Any) -> Any:
        result = self._con.execute(sql, *args)
        if sql.strip().upper() == "COMMIT":
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_an_interrupt_after_the_commit_is_not_reported_as_rolled_back(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    start_run(con, "r1", T0, [])
    result = load_run(_InterruptAfterCommit(con), make_bundle("r1"))  # type: ignore[arg-type]
    assert result.claims > 0
    assert run_status(con, "r1") == RunStatus.COMPLETED and counts(con)["claims"] == result.claims


class _InterruptBeforeCommit(_InterruptAfterCommit):
    def execute(self, sql: str, *args: Any) -> Any:
        if sql.strip().upper() == "COMMIT":
            raise duckdb.InterruptException("INTERRUPT Error: Interrupted!")
        return self._con.execute(sql, *args)


def test_an_interrupt_before_the_commit_rolls_back(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    start_run(con, "r1", T0, [])
    with pytest.raises(LoadFailed, match="rolled back"):
        load_run(_InterruptBeforeCommit(con), make_bundle("r1"))  # type: ignore[arg-type]
    assert run_status(con, "r1") == RunStatus.RUNNING and counts(con)["claims"] == 0
