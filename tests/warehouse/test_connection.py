"""A second process opening a warehouse in use fails fast with a message naming the holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from crosscheck.warehouse import WarehouseLocked, open_warehouse

REPO = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from crosscheck.warehouse import open_warehouse
from crosscheck.runlock import RunLock
path = Path(sys.argv[1])
if len(sys.argv) > 2 and sys.argv[2] == "reader":
    open_warehouse(path).close()
    con = open_warehouse(path, read_only=True)
elif len(sys.argv) > 2 and sys.argv[2] == "run":
    lock = RunLock(path).acquire()
    con = open_warehouse(path)
else:
    con = open_warehouse(path)
print("ready", flush=True)
sys.stdin.readline()
con.close()
"""


def _hold(path: Path, mode: str = "writer"):  # type: ignore[no-untyped-def]
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), mode],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _release(proc) -> None:  # type: ignore[no-untyped-def]
    if proc.stdin:
        proc.stdin.close()
    proc.wait(timeout=30)


def test_writer_refused_by_a_reader_names_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "read.duckdb"
    proc = _hold(path, "reader")
    try:
        with pytest.raises(WarehouseLocked) as caught:
            open_warehouse(path)
        assert f"a reader such as a notebook (pid {proc.pid})" in str(caught.value)
        assert "--wait" in str(caught.value)
        open_warehouse(path, read_only=True).close()  # readers share it
    finally:
        _release(proc)
    open_warehouse(path).close()


def test_open_names_a_loading_run_and_wait_outlasts_it(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "run.duckdb"
    proc = _hold(path, "run")
    try:
        with pytest.raises(WarehouseLocked) as caught:
            open_warehouse(path, read_only=True)
        assert f"a crosscheck run with pid {proc.pid} that is loading it" in str(caught.value)
        threading.Timer(0.5, _release, [proc]).start()
        open_warehouse(path, read_only=True, wait=30).close()  # waits for the holder to go
    finally:
        _release(proc)


@pytest.fixture
def held(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A warehouse held open for writing by another process; yields (path, pid)."""
    path = tmp_path / "busy.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield path, proc.pid
    finally:
        if proc.stdin:
            proc.stdin.close()
        proc.wait(timeout=30)


def test_second_writer_gets_warehouse_locked_with_the_pid(held: tuple[Path, int]) -> None:
    path, pid = held
    with pytest.raises(WarehouseLocked) as caught:
        open_warehouse(path)
    assert str(caught.value) == (
        f"warehouse {path} is in use by another process that opened it for writing (pid {pid}: "
        "a notebook with a read-write connection, or a crosscheck command); close it and try "
        "again, or pass --wait SECONDS"
    )


def test_reader_of_a_warehouse_being_written_gets_warehouse_locked(
    held: tuple[Path, int],
) -> None:
    path, pid = held
    with pytest.raises(WarehouseLocked, match=f"pid {pid}"):
        open_warehouse(path, read_only=True)


def test_lock_is_released_when_the_holder_exits(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    subprocess.run(
        [sys.executable, "-c", HOLDER, str(path)], cwd=REPO, input="\n", text=True, check=True,
        capture_output=True,
    )  # fmt: skip
    open_warehouse(path).close()
