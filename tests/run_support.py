"""Helpers for the run-boundary tests: warehouse counts, run rows, the lock, and a real
`crosscheck run` in a subprocess that a test can signal at a known point."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from crosscheck.runlock import RunLock, run_lock_path

REPO = Path(__file__).resolve().parents[1]
TABLES = ("claims", "facts", "findings", "pages", "quarantine", "reconciled_facts")


def counts(db: Path) -> dict[str, int]:
    """Rows per data table (empty when the warehouse does not exist yet)."""
    if not db.exists():
        return dict.fromkeys(TABLES, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def runs(db: Path) -> list[tuple[str, str | None]]:
    """(status, error) of every run, oldest first."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT status, error FROM runs ORDER BY started_at, run_id").fetchall()
    finally:
        con.close()


def assert_lock_free(db: Path) -> None:
    """No lock file is left and the run lock can be taken at once."""
    assert not run_lock_path(db).exists()
    RunLock(db).acquire().release()


# A terminal's foreground job starts with Ctrl-C at its default; a suite started in the
# background of a non-interactive shell (`make test &`) passes SIGINT on ignored, and a Python
# started so keeps ignoring it. The run is exec'd with SIGINT at its default, as a terminal's.
_AS_FOREGROUND = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)


def start_run(
    args: list[str], env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.Popen[str]:
    """`python -m crosscheck run ARGS` in a subprocess (text output captured), started as a
    terminal's foreground job would be."""
    return subprocess.Popen(
        [sys.executable, "-c", _AS_FOREGROUND, "-m", "crosscheck", "run", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def wait_until(
    proc: subprocess.Popen[str], ready: Callable[[], bool], what: str, limit: float = 90
) -> None:
    """Poll until `ready()`; fail with the process's output if it ends or takes too long."""
    deadline = time.monotonic() + limit
    while not ready():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the run ended before {what}: {proc.returncode}\n{out}\n{err}")
        assert time.monotonic() < deadline, f"the run never reached {what}"
        time.sleep(0.05)


def pid_alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def stderr_until(proc: subprocess.Popen[str], text: str, limit: float = 90) -> str:
    """Read the process's stderr as it comes until `text` appears; returns what was read."""
    assert proc.stderr is not None
    fd = proc.stderr.fileno()  # read below the text layer, which must not buffer ahead
    os.set_blocking(fd, False)
    seen = b""
    deadline = time.monotonic() + limit
    try:
        while text.encode() not in seen:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                chunk = b""
            if chunk:
                seen += chunk
                continue
            assert proc.poll() is None, f"the run ended before {text!r}:\n{seen.decode()}"
            assert time.monotonic() < deadline, f"{text!r} never came:\n{seen.decode()}"
            time.sleep(0.05)
    finally:
        os.set_blocking(fd, True)
    return seen.decode()
