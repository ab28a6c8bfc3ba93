"""A load killed with SIGKILL mid-transaction leaves the warehouse exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crosscheck.warehouse import load_run, open_warehouse
from crosscheck.warehouse.load import PAUSE_ENV

from tests.warehouse.test_support import (
    bundle_with_new_claim,
    counts,
    loaded,
    make_bundle,
    snapshot,
)

REPO = Path(__file__).resolve().parents[2]
LOADER = """
import sys
from pathlib import Path
from tests.warehouse.test_support import bundle_with_new_claim
from crosscheck.warehouse import load_run, open_warehouse
con = open_warehouse(Path(sys.argv[1]))
load_run(con, bundle_with_new_claim("r2", minutes=10))
print("committed", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_load_leaves_the_warehouse_as_before(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = loaded(path, make_bundle("r1"))
    before = snapshot(con)
    con.close()

    flag = tmp_path / "paused"
    env = dict(os.environ, **{PAUSE_ENV: str(flag)})
    proc = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the loader never reached the pause"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # mid-transaction: everything inserted, not committed
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    con = open_warehouse(path)  # recovers from the WAL; the killed transaction is not in it
    assert snapshot(con) == before
    result = load_run(con, bundle_with_new_claim("r2", minutes=10))  # and the next load works
    assert result.claims == 1
    assert counts(con)["runs"] == 2


def test_pause_hook_returns_when_the_flag_is_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook is inert without the variable and waits only while its file exists."""
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path)
    flag = tmp_path / "paused"
    monkeypatch.setenv(PAUSE_ENV, str(flag))
    monkeypatch.setattr("crosscheck.warehouse.load.PAUSE_LIMIT_S", 0.3)
    started = time.monotonic()
    load_run(con, make_bundle("r1"))
    assert flag.exists() and 0.3 <= time.monotonic() - started < 10
    assert counts(con)["runs"] == 1
