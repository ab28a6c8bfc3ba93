"""One failure boundary per run, in process: whatever a step raises ends in a one-line message,
a closed run row, nothing loaded, the lock released and the documented exit code; runs that
find nothing are normal completed runs that say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from crosscheck.reconcile.errors import ReconcileError

from crosscheck.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, main
from tests.run_support import assert_lock_free, counts, runs

FAST_FETCH = (
    "[fetch]\ndelay = 0\nretries = 0\nconnect_timeout = 2\nread_timeout = 2\n"
    "allow_private_networks = true\n"  # the test servers live on 127.0.0.1
)


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("crosscheck:")]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def loaded_db(seed_files: list[Path], tmp_path: Path) -> Path:
    """A warehouse with one completed run of the first seed page."""
    db = tmp_path / "w.duckdb"
    assert main(["run", str(seed_files[0]), "--db", str(db), "--no-validate"]) == EXIT_OK
    return db


def _unreachable_url() -> str:
    import socket

    with socket.socket() as sock:  # a port nothing listens on: connection refused at once
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/page"


def _nothing_sources(tmp_path: Path) -> dict[str, list[str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    words = tmp_path / "words.md"
    words.write_text("# Notes\n\nThis page compares nothing with anything.\n", encoding="utf-8")
    binaries = tmp_path / "binaries"
    binaries.mkdir()
    (binaries / "a.html").write_bytes(bytes(range(256)) * 20)
    (binaries / "b.txt").write_bytes(b"\x00\xff\xfe" * 500)
    return {
        "empty": [str(empty)],
        "no numbers": [str(words)],
        "binaries": [str(binaries)],
        "unreachable": [_unreachable_url()],
    }


@pytest.mark.parametrize("case", ["empty", "no numbers", "binaries", "unreachable"])
def test_a_run_that_finds_nothing_completes_and_says_so(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(FAST_FETCH, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    sources = _nothing_sources(tmp_path)[case]
    code = main(["run", *sources, "--db", str(db), "--config", str(config), "--no-validate"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    assert "Traceback" not in err
    assert "no page yielded a figure" in out
    assert "load        committed" in out
    assert runs(db) == [("completed", None)]
    assert counts(db)["claims"] == 0 and counts(db)["findings"] == 0
    assert_lock_free(db)


def test_an_error_in_any_step_fails_the_run_and_loads_nothing(
    loaded_db: Path,
    seed_files: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = counts(loaded_db)

    def broken(*args: object, **kwargs: object) -> None:
        raise ReconcileError("consensus\nfell over")

    monkeypatch.setattr("crosscheck.check_reconcile.reconcile_facts", broken)
    capsys.readouterr()
    code = main(["run", *map(str, seed_files), "--db", str(loaded_db), "--no-validate"])
    out, err = capsys.readouterr()
    assert code == EXIT_FAILED
    line = _one_line(err)
    assert "failed during step 'analyze': ReconcileError: consensus fell over" in line
    assert "nothing was loaded; runs.status = failed" in line
    assert "load        committed" not in out
    statuses = runs(loaded_db)
    assert [s for s, _ in statuses] == ["completed", "failed"]
    assert "ReconcileError: consensus fell over" in (statuses[-1][1] or "")
    assert counts(loaded_db) == before
    assert_lock_free(loaded_db)


def test_a_failed_load_is_rolled_back_and_the_row_says_failed(
    loaded_db: Path,
    seed_files: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = counts(loaded_db)

    def broken(con: object, run_id: str) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("crosscheck.warehouse.load._insert_findings", broken)
    capsys.readouterr()
    code = main(["run", *map(str, seed_files), "--db", str(loaded_db), "--no-validate"])
    line = _one_line(capsys.readouterr().err)
    assert code == EXIT_FAILED
    assert "failed during step 'load'" in line and "disk full" in line
    assert "nothing was loaded; runs.status = failed" in line
    assert [s for s, _ in runs(loaded_db)] == ["completed", "failed"]
    assert counts(loaded_db) == before
    assert_lock_free(loaded_db)


def test_ctrl_c_in_a_step_is_an_interrupted_run_with_exit_130(
    loaded_db: Path,
    seed_files: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = counts(loaded_db)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("crosscheck.check_step.run_checks", interrupted)
    monkeypatch.setattr("crosscheck.check_step.run_checks_with", interrupted)  # page cut
    capsys.readouterr()
    code = main(["run", *map(str, seed_files), "--db", str(loaded_db), "--no-validate"])
    line = _one_line(capsys.readouterr().err)
    assert code == EXIT_INTERRUPTED
    assert "interrupted by SIGINT during step 'analyze'" in line
    assert runs(loaded_db)[-1] == ("interrupted", "interrupted by SIGINT during step 'analyze'")
    assert counts(loaded_db) == before
    assert_lock_free(loaded_db)


def test_a_failure_after_the_load_says_the_data_is_loaded(
    seed_files: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("report folder is read-only")

    monkeypatch.setattr("crosscheck.warehouse.report.write_report", broken)
    db = tmp_path / "w.duckdb"
    code = main(["run", str(seed_files[0]), "--db", str(db), "--no-validate", "--report", "r.html"])
    out, err = capsys.readouterr()
    line = _one_line(err)
    assert code == EXIT_FAILED
    assert "failed during step 'report'" in line
    assert "its load had committed" in line and "is completed" in line
    assert "load        committed" in out
    [(status, error)] = runs(db)
    assert status == "completed" and "failed during step 'report'" in (error or "")
    assert counts(db)["claims"] > 0
    assert_lock_free(db)


def test_fail_on_fetch_error_and_the_json_summary_record(
    seed_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.toml"
    config.write_text(FAST_FETCH, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    url = _unreachable_url()
    common = [str(seed_files[0]), url, "--db", str(db), "--config", str(config), "--no-validate"]
    assert main(["run", *common, "--log-format", "json"]) == EXIT_OK  # counted, not fatal
    out, err = capsys.readouterr()
    assert "1 failed or skipped" in out
    last = json.loads(err.strip().splitlines()[-1])
    assert last["stage"] == "summary" and last["status"] == "completed"
    assert last["exit_code"] == EXIT_OK and last["loaded"] is True
    assert [f["source"] for f in last["failed_sources"]] == [url]
    assert last["counts"]["claims"] > 0 and sum(last["findings_by_severity"].values()) > 0
    assert [s["name"] for s in last["steps"]] == ["start", "analyze", "load"]

    code = main(["run", *common, "--fail-on-fetch-error", "--log-format", "json"])
    out, err = capsys.readouterr()
    assert code == EXIT_FINDINGS
    assert "1 sources failed to fetch" in _one_line(err)
    assert json.loads(err.strip().splitlines()[-1])["exit_code"] == EXIT_FINDINGS
    assert [s for s, _ in runs(db)] == ["completed", "completed"]  # still loaded
    assert_lock_free(db)


def test_report_md_without_out_keeps_the_html_report(
    loaded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--db", str(loaded_db)]) == EXIT_OK
    html = (tmp_path / "crosscheck-report.html").read_text(encoding="utf-8")
    assert main(["report", "--db", str(loaded_db), "--format", "md"]) == EXIT_OK
    assert (tmp_path / "crosscheck-report.html").read_text(encoding="utf-8") == html
    assert (tmp_path / "crosscheck-report.md").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("sql", ["", "   ", "\n"])
def test_an_empty_query_is_a_usage_error(
    loaded_db: Path, sql: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "--db", str(loaded_db), sql]) == 2
    assert "empty query" in _one_line(capsys.readouterr().err)
