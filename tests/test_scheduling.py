"""Scheduled runs: identical re-runs change nothing, overlapping runs fail fast with exit 3,
a run killed mid-load leaves the warehouse as it was, and config errors exit 2."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from crosscheck.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main

TABLES = (
    "claims",
    "facts",
    "findings",
    "finding_claims",
    "pages",
    "quarantine",
    "reconciled_facts",
)


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _run(*args: str) -> int:
    return main(["run", *args])


def test_identical_rerun_parses_nothing_and_changes_no_counts(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(*map(str, seed_files), "--db", str(db), "--log-format", "json") == EXIT_OK
    before = _counts(db)
    capsys.readouterr()
    assert _run(*map(str, seed_files), "--db", str(db), "--log-format", "json") == EXIT_OK
    out, err = capsys.readouterr()
    assert "3 unchanged" in out and "nothing changed since run" in out
    logs = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    parse = next(r for r in logs if r["stage"] == "parse")
    assert parse["counts"]["pages_parsed"] == 0
    assert {r["run_id"] for r in logs} == {parse["run_id"]}
    assert _counts(db) == before
    con = duckdb.connect(str(db), read_only=True)
    statuses = con.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall()
    con.close()
    assert statuses == [("completed", 2)]


def _start_paused_run(sources: list[Path], db: Path, flag: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CROSSCHECK_TEST_PAUSE_IN_LOAD": str(flag)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "crosscheck", "run", *map(str, sources), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the paused run never reached the load"
        time.sleep(0.05)
    return proc


def test_overlapping_run_exits_3_at_once_and_killed_run_leaves_no_trace(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(str(seed_files[0]), "--db", str(db)) == EXIT_OK
    before = _counts(db)
    flag = tmp_path / "paused"
    proc = _start_paused_run(seed_files, db, flag)  # inside its load transaction now
    try:
        capsys.readouterr()
        started = time.monotonic()
        assert _run(*map(str, seed_files), "--db", str(db)) == EXIT_FAILED
        assert time.monotonic() - started < 20
        err = capsys.readouterr().err
        assert f"in use by a crosscheck run with pid {proc.pid}" in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert _counts(db) == before  # the killed transaction left nothing behind
    assert _statuses(db)[-1] == "running"  # the killed run's trace: its row, still open
    assert _run(*map(str, seed_files), "--db", str(db)) == EXIT_OK  # no stale lock
    assert _counts(db)["claims"] > before["claims"]
    assert _statuses(db) == ["completed", "crashed", "completed"]  # the next run closed it


def _statuses(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT status FROM runs ORDER BY started_at, run_id").fetchall()
    finally:
        con.close()
    return [status for (status,) in rows]


def test_fail_on_exit_code_and_config_file(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "crosscheck.toml"
    config.write_text(
        f'[run]\nsources = {json.dumps([str(p) for p in seed_files])}\ndb = "w.duckdb"\n'
        'fail_on = "high"\n[fetch]\ndelay = 0\n[checks]\nat_least_slack = 0.5\n',
        encoding="utf-8",
    )
    assert main(["run", "--config", str(config)]) == EXIT_FINDINGS
    assert (tmp_path / "w.duckdb").exists()  # relative paths resolve against the file
    assert (
        main(
            [
                "run",
                "--config",
                str(config),
                "--fail-on",
                "high",
                "--db",
                str(tmp_path / "other.duckdb"),
            ]
        )
        == EXIT_FINDINGS
    )
    assert (tmp_path / "other.duckdb").exists()  # the flag overrides the file


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[run]\nfail_on = "hgh"\n', "run.fail_on: expected one of info, low, medium, high"),
        ("[run]\nsourcez = []\n", "run.sourcez: unknown key"),
        ("[fetch]\ndelay = -1\n", "fetch.delay"),
        ("[fetch]\nretries = true\n", "fetch.retries"),
        ("[nonsense]\n", "nonsense: unknown section"),
        ("[run\n", "not valid TOML"),
    ],
)
def test_bad_config_names_file_key_and_problem(
    tmp_path: Path, body: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(body, encoding="utf-8")
    assert main(["run", "--config", str(config), "--db", str(tmp_path / "x.duckdb")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert str(config) in err and message in err
    assert not (tmp_path / "x.duckdb").exists()


def test_missing_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--config", str(tmp_path / "none.toml")]) == EXIT_USAGE
    assert "config file not found" in capsys.readouterr().err


def test_changed_page_shows_new_and_resolved_findings_in_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import EXAMPLES_DIR

    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / "flask-vs-starlette.md"
    original = (EXAMPLES_DIR / "flask-vs-starlette.md").read_text(encoding="utf-8")
    assert "90,000+ GitHub stars" in original and "~12 ms" in original
    page.write_text(original, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert _run(str(pages), "--db", str(db)) == EXIT_OK
    # Fix the prose-vs-table star count; break the p99 latency further into a new figure.
    page.write_text(
        original.replace("90,000+ GitHub stars", "9,000+ GitHub stars").replace("~12 ms", "~2 ms"),
        encoding="utf-8",
    )
    assert _run(str(pages), "--db", str(db)) == EXIT_OK
    capsys.readouterr()
    assert main(["diff", "--db", str(db)]) == EXIT_OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    resolved = [line for line in lines if line.strip().startswith("resolved")]
    new = [line for line in lines if line.strip().startswith("new")]
    assert any("github stars" in line and "90,000+" in line for line in resolved), out
    # A finding is what it is about and where its evidence is, not its values (issue 18):
    # the p99 logic finding whose figure moved from ~12 ms to ~2 ms is the same finding,
    # updated in place (no new + resolved pair), so a reviewer's verdict stays attached.
    assert not any("p99" in line for line in [*new, *resolved]), out
    con = duckdb.connect(str(db), read_only=True)
    p99 = con.execute(
        """SELECT explanation, first_seen_run <> last_seen_run FROM findings
        WHERE kind = 'logic' AND status = 'open' AND explanation LIKE '%p99%'"""
    ).fetchall()
    con.close()
    assert any("'~2 ms'" in text and kept for text, kept in p99), p99
    assert "9,000+ GitHub stars" in out  # the changed figure is listed
    assert "~2 ms" in out
    assert not [line for line in lines if "identical_columns" in line]  # untouched rows stay


def test_diff_since_unknown_run_is_usage_error(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    assert _run(str(seed_files[0]), "--db", str(db)) == EXIT_OK
    assert main(["diff", "--db", str(db), "--since", "nope"]) == EXIT_USAGE
    assert "nope" in capsys.readouterr().err
