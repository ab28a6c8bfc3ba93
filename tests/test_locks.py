"""Two locks with two jobs: a notebook's read-only connection is named as such when a run
needs to write, `--wait` outlasts it, and read commands wait for a loading run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.cli import EXIT_FAILED, EXIT_OK, main
from tests.run_support import REPO, assert_lock_free, counts, runs

NOTEBOOK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SELECT count(*) FROM claims").fetchall()
print("ready", flush=True)
sys.stdin.readline()
con.close()
"""


@pytest.fixture
def loaded_db(seed_files: list[Path], tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    assert main(["run", str(seed_files[0]), "--db", str(db), "--no-validate"]) == EXIT_OK
    return db


@pytest.fixture
def notebook(loaded_db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding a read-only connection, as a notebook does."""
    proc = subprocess.Popen(
        [sys.executable, "-c", NOTEBOOK, str(loaded_db)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    _close(proc)


def _close(proc: subprocess.Popen[str]) -> None:
    if proc.stdin and not proc.stdin.closed:
        proc.stdin.close()
    proc.wait(timeout=30)


def test_a_run_names_the_notebook_that_holds_the_warehouse(
    loaded_db: Path,
    notebook: subprocess.Popen[str],
    seed_files: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = counts(loaded_db)
    capsys.readouterr()
    code = main(["run", *map(str, seed_files), "--db", str(loaded_db), "--no-validate"])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED and "Traceback" not in err
    line = err.strip().splitlines()[-1]
    assert f"a reader such as a notebook (pid {notebook.pid})" in line
    assert "--wait SECONDS" in line and "another crosscheck run" not in line
    # readers still read
    assert main(["query", "--db", str(loaded_db), "SELECT count(*) FROM claims"]) == EXIT_OK
    _close(notebook)
    assert counts(loaded_db) == before and [s for s, _ in runs(loaded_db)] == ["completed"]
    assert_lock_free(loaded_db)


def test_wait_outlasts_the_notebook(
    loaded_db: Path, notebook: subprocess.Popen[str], seed_files: list[Path]
) -> None:
    threading.Timer(1.0, _close, [notebook]).start()
    code = main(
        ["run", *map(str, seed_files), "--db", str(loaded_db), "--no-validate", "--wait", "60"]
    )
    assert code == EXIT_OK
    assert [s for s, _ in runs(loaded_db)] == ["completed", "completed"]
    assert_lock_free(loaded_db)


def test_a_second_run_is_refused_before_anything_heavy_is_imported(tmp_path: Path) -> None:
    from crosscheck.runlock import RunLock

    db = tmp_path / "w.duckdb"
    code = (
        "import sys\nfrom crosscheck.cli import main\n"
        f"code = main(['run', '--db', {str(db)!r}])\n"
        "print(code, [m for m in ('pandas', 'duckdb', 'pandera') if m in sys.modules])"
    )
    with RunLock(db).acquire():
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
    assert out.stdout.strip() == f"{EXIT_FAILED} []"
    assert f"in use by a crosscheck run with pid {os.getpid()}" in out.stderr
    assert_lock_free(db)
