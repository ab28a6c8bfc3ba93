"""SIGINT, SIGTERM and SIGKILL at several points of a real `crosscheck run` in a subprocess:
while fetching (a slow server on 127.0.0.1), while workers parse, and inside the load. Each
ends with the documented exit code, one line on stderr, the run's row closed, the warehouse
as it was, the lock free and no worker left behind; and the warehouse stays readable while a
run fetches."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED, main
from tests.ingest.httpserver import LocalServer, Reply, serving
from tests.run_support import (
    REPO,
    assert_lock_free,
    counts,
    pid_alive,
    runs,
    start_run,
    stderr_until,
    wait_until,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")
SLOW_S = 60.0  # the slow page answers after this long: a window, never reached
PAGE = "<html><body><table><tr><th>Tool</th><th>Stars</th></tr>" + (
    "<tr><td>Flask</td><td>68,000</td></tr></table></body></html>"
)


@pytest.fixture
def slow_server() -> Iterator[LocalServer]:
    with serving() as server:
        server.route(
            "/slow", Reply(200, PAGE.encode(), {"Content-Type": "text/html"}, delay_headers=SLOW_S)
        )
        yield server


@pytest.fixture
def warehouse(seed_files: list[Path], tmp_path: Path) -> tuple[Path, Path]:
    """(warehouse with one completed run, a config with a patient fetch and no delay)."""
    db = tmp_path / "w.duckdb"
    assert main(["run", str(seed_files[0]), "--db", str(db), "--no-validate"]) == EXIT_OK
    config = tmp_path / "c.toml"
    config.write_text(
        "[fetch]\ndelay = 0\nretries = 0\nread_timeout = 120\nallow_private_networks = true\n"
        "[run]\nvalidate = false\n",
        encoding="utf-8",
    )
    return db, config


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def _one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("crosscheck:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, EXIT_INTERRUPTED), (signal.SIGTERM, EXIT_TERMINATED)]
)
def test_signal_while_fetching(
    signum: int,
    code: int,
    warehouse: tuple[Path, Path],
    seed_files: list[Path],
    slow_server: LocalServer,
) -> None:
    db, config = warehouse
    before = counts(db)
    sources = [str(seed_files[1]), slow_server.url("/slow")]
    proc = start_run([*sources, "--db", str(db), "--config", str(config)])
    wait_until(proc, lambda: slow_server.hits("/slow") > 0, "the slow page")
    proc.send_signal(signum)
    returncode, _out, err = _finish(proc)
    assert returncode == code
    name = signal.Signals(signum).name
    line = _one_line(err)
    assert f"interrupted by {name} during step 'analyze'" in line
    assert "nothing was loaded; runs.status = interrupted" in line
    assert [s for s, _ in runs(db)] == ["completed", "interrupted"]
    assert counts(db) == before
    assert_lock_free(db)


def test_readers_work_and_a_second_run_is_refused_while_a_run_fetches(
    warehouse: tuple[Path, Path], seed_files: list[Path], slow_server: LocalServer
) -> None:
    db, config = warehouse
    proc = start_run([slow_server.url("/slow"), "--db", str(db), "--config", str(config)])
    try:
        wait_until(proc, lambda: slow_server.hits("/slow") > 0, "the slow page")
        sql = "SELECT status FROM runs"
        query = subprocess.run(
            [sys.executable, "-m", "crosscheck", "query", "--db", str(db), sql],
            cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert query.returncode == EXIT_OK, query.stderr
        assert "running" in query.stdout and "completed" in query.stdout
        second = start_run([str(seed_files[0]), "--db", str(db)])
        returncode, _, err = _finish(second)
        assert returncode == EXIT_FAILED
        assert f"in use by a crosscheck run with pid {proc.pid}" in _one_line(err)
    finally:
        proc.send_signal(signal.SIGTERM)
        _finish(proc)
    assert_lock_free(db)


def _start_parsing(tmp_path: Path, db: Path, config: Path) -> tuple[subprocess.Popen[str], Path]:
    """A run whose two workers are paused inside parsing; returns (process, pid file)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for index in range(100):  # enough pages for the worker pool
        (pages / f"p{index:03}.md").write_text(
            f"# Page {index}\n\n| Tool | Stars |\n|---|---|\n| Flask | {60000 + index} |\n",
            encoding="utf-8",
        )
    flag = tmp_path / "parsing"
    env = {"CROSSCHECK_TEST_PAUSE_IN_PARSE": str(flag), "CROSSCHECK_WORKERS": "2"}
    proc = start_run([str(pages), "--db", str(db), "--config", str(config)], env=env)

    def workers_paused() -> bool:
        return flag.exists() and len(flag.read_text().split()) >= 2

    wait_until(proc, workers_paused, "the workers' parsing")
    return proc, flag


def _workers(flag: Path, parent: int) -> list[int]:
    pids = [int(p) for p in flag.read_text().split()]
    assert pids and parent not in pids
    return pids


def _gone(pids: list[int], limit: float = 10.0) -> bool:
    deadline = time.monotonic() + limit
    while any(pid_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(pid_alive(p) for p in pids)


@pytest.mark.parametrize(
    ("signum", "code", "group"),
    [
        (signal.SIGINT, EXIT_INTERRUPTED, False),
        (signal.SIGINT, EXIT_INTERRUPTED, True),  # Ctrl-C in a terminal: the whole group
        (signal.SIGTERM, EXIT_TERMINATED, False),
    ],
)
def test_signal_while_workers_parse(
    signum: int, code: int, group: bool, warehouse: tuple[Path, Path], tmp_path: Path
) -> None:
    db, config = warehouse
    before = counts(db)
    proc, flag = _start_parsing(tmp_path, db, config)
    workers = _workers(flag, proc.pid)
    if group:
        os.killpg(proc.pid, signum)  # the run leads its own session (start_run)
    else:
        proc.send_signal(signum)
    returncode, _, err = _finish(proc)
    assert returncode == code
    assert f"interrupted by {signal.Signals(signum).name}" in _one_line(err)
    assert _gone(workers), "a worker outlived its interrupted run"
    assert [s for s, _ in runs(db)] == ["completed", "interrupted"]
    assert counts(db) == before
    assert_lock_free(db)


def test_kill_9_of_the_parent_takes_its_workers_and_the_next_run_marks_it_crashed(
    warehouse: tuple[Path, Path], tmp_path: Path, seed_files: list[Path]
) -> None:
    db, config = warehouse
    before = counts(db)
    proc, flag = _start_parsing(tmp_path, db, config)
    workers = _workers(flag, proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert _gone(workers), "a worker outlived its killed parent"
    assert counts(db) == before
    assert [s for s, _ in runs(db)] == ["completed", "running"]
    assert main(["run", str(seed_files[1]), "--db", str(db), "--no-validate"]) == EXIT_OK
    statuses = runs(db)
    assert [s for s, _ in statuses] == ["completed", "crashed", "completed"]
    assert f"pid {proc.pid} ended without closing the run" in (statuses[1][1] or "")


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, EXIT_INTERRUPTED), (signal.SIGTERM, EXIT_TERMINATED)]
)
def test_signal_inside_the_load_rolls_it_back(
    signum: int, code: int, warehouse: tuple[Path, Path], seed_files: list[Path], tmp_path: Path
) -> None:
    db, config = warehouse
    before = counts(db)
    flag = tmp_path / "loading"
    env = {"CROSSCHECK_TEST_PAUSE_IN_LOAD": str(flag)}
    proc = start_run([*map(str, seed_files), "--db", str(db), "--config", str(config)], env=env)
    wait_until(proc, flag.exists, "the load")
    proc.send_signal(signum)
    returncode, out, err = _finish(proc)
    assert returncode == code
    line = _one_line(err)
    assert f"interrupted by {signal.Signals(signum).name} during step 'load'" in line
    assert "nothing was loaded; runs.status = interrupted" in line
    assert "load        committed" not in out
    assert [s for s, _ in runs(db)] == ["completed", "interrupted"]
    assert counts(db) == before
    assert_lock_free(db)


@pytest.mark.parametrize("wait", [False, True])
def test_a_notebook_opened_while_the_run_fetched_meets_the_load(
    wait: bool, warehouse: tuple[Path, Path], seed_files: list[Path]
) -> None:
    """Readers may open the warehouse while a run fetches; one still open at the load makes
    the load fail with a message naming it, unless --wait outlasts it."""
    import duckdb

    db, config = warehouse
    before = counts(db)
    with serving() as server:
        reply = Reply(200, PAGE.encode(), {"Content-Type": "text/html"}, delay_headers=2.0)
        server.route("/page", reply)
        extra = ["--wait", "60"] if wait else []
        args = [str(seed_files[1]), server.url("/page"), "--db", str(db), "--config", str(config)]
        proc = start_run([*args, *extra])
        wait_until(proc, lambda: server.hits("/page") > 0, "the page")
        notebook = duckdb.connect(str(db), read_only=True)  # opened mid-run: allowed
        early = ""
        try:
            assert notebook.execute("SELECT count(*) FROM runs").fetchall()[0][0] == 2
            if wait:  # the run reaches its load and waits for write access
                early = stderr_until(proc, "waiting up to 60 s")
                assert f"a reader such as a notebook (pid {os.getpid()})" in early
        finally:
            if wait:
                notebook.close()
        returncode, out, err = _finish(proc)
        err = early + err
        if not wait:
            notebook.close()
    if wait:
        assert returncode == EXIT_OK, err
        assert "load        committed" in out
        assert [s for s, _ in runs(db)] == ["completed", "completed"]
    else:
        assert returncode == EXIT_FAILED
        line = _one_line(err)
        assert "failed during step 'load'" in line
        assert f"a reader such as a notebook (pid {os.getpid()})" in line
        assert "its row could not be closed" in line  # the notebook still holds the file
        assert counts(db) == before
        assert [s for s, _ in runs(db)] == ["completed", "running"]
        assert main(["run", str(seed_files[0]), "--db", str(db), "--no-validate"]) == EXIT_OK
        assert [s for s, _ in runs(db)] == ["completed", "crashed", "completed"]
    assert_lock_free(db)
