"""A second process opening a warehouse in use fails fast with a message naming the holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import WarehouseLocked, open_warehouse

REPO = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from warehouse import open_warehouse
con = open_warehouse(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
con.close()
"""


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
        f"warehouse {path} is in use by another crosscheck run (pid {pid}); "
        "try again when it finishes"
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
