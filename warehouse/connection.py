"""Opening the warehouse: migrations when writable, and DuckDB's errors in words a user can act on.

DuckDB allows one writing process, or any number of reading ones, per file. A refused open says
who holds the file (a crosscheck run loading, with its pid, or a reader such as a notebook) and
what to do; `wait` polls for up to that many seconds before giving up.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import duckdb
from crosscheck.warehouse.errors import WarehouseError, WarehouseLocked, WarehouseNotFound
from crosscheck.warehouse.safety import duckdb_config
from crosscheck.warehouse.schema import apply_migrations, check_version
from crosscheck.warehouse.template import create_from_template, stamp_applied

POLL_S = 0.1

_LOCK_PID = re.compile(r"Conflicting lock is held in .*?\(PID (\d+)\)", re.DOTALL)
_IN_MEMORY = ":memory:"


def open_warehouse(
    path: Path | str,
    read_only: bool = False,
    config: dict[str, str | bool | int] | None = None,
    wait: float = 0.0,
) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create and migrate) the warehouse at `path`, waiting up to
    `wait` seconds while another process holds it.

    Raises WarehouseNotFound for a read-only open of a missing file, WarehouseLocked when
    another process holds the file, SchemaError for a foreign or incompatible database.
    """
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            return _open(path, read_only, config)
        except WarehouseLocked as busy:
            if time.monotonic() >= deadline:
                raise
            if not told:  # say once why the command seems to hang
                logging.getLogger("crosscheck.warehouse").warning(
                    "waiting up to %.0f s: %s", wait, busy
                )
                told = True
            time.sleep(POLL_S)


def _open(
    path: Path | str,
    read_only: bool,
    config: dict[str, str | bool | int] | None,
) -> duckdb.DuckDBPyConnection:
    target = str(path)
    in_memory = target == _IN_MEMORY
    copied = False  # a new file made from the migrated template (warehouse.template)
    if not in_memory:
        file = Path(path)
        if read_only and not file.exists():
            raise WarehouseNotFound(
                f"warehouse {file} does not exist; create it with `crosscheck run --db {file}`"
            )
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
            copied = not file.exists() and create_from_template(file)
    try:
        con = duckdb.connect(target, read_only=read_only, config=duckdb_config(config))
    except duckdb.Error as exc:
        raise translate_open_error(target, exc) from exc
    try:
        if read_only:
            check_version(con, writable=False)
        else:
            apply_migrations(con)
            if copied:
                stamp_applied(con)
    except BaseException:
        con.close()
        raise
    return con


def translate_open_error(path: str, exc: duckdb.Error) -> WarehouseError:
    """Map DuckDB's connect errors to the warehouse errors (lock conflicts name the holder)."""
    message = str(exc)
    if "Could not set lock on file" in message or "Conflicting lock" in message:
        match = _LOCK_PID.search(message)
        pid = int(match.group(1)) if match else None
        return WarehouseLocked(f"warehouse {path} is in use by {_holder(path, pid, message)}")
    if "database does not exist" in message:
        return WarehouseNotFound(f"warehouse {path} does not exist")
    return WarehouseError(f"cannot open warehouse {path}: {message}")


def run_holder(db: str) -> int | None:
    """The pid of the live crosscheck run holding `db`'s run lock file (`<db>.lock`, written by
    crosscheck.runlock), or None."""
    try:
        real = Path(db).resolve()
        text = real.with_name(real.name + ".lock").read_text(encoding="ascii").strip()
        pid = int(text)
        os.kill(pid, 0)
    except PermissionError:  # alive, someone else's
        return pid
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return pid


def _holder(path: str, pid: int | None, message: str) -> str:
    """Who holds the file and what to do, from DuckDB's message and the run lock file."""
    shown = f"pid {pid}" if pid is not None else "pid unknown"
    run = run_holder(path)
    if run is not None and (pid is None or pid == run):
        return (
            f"a crosscheck run with pid {run} that is loading it; try again when it "
            "finishes, or pass --wait SECONDS"
        )
    if "read-only mode" in message:  # DuckDB: the holder only reads, so readers may join it
        return (
            f"a reader such as a notebook ({shown}); close that connection (or let it finish) "
            "and try again, or pass --wait SECONDS"
        )
    return (
        f"another process that opened it for writing ({shown}: a notebook with a read-write "
        "connection, or a crosscheck command); close it and try again, or pass --wait SECONDS"
    )
