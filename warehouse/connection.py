"""Opening the warehouse: migrations when writable, and DuckDB's errors in words a user can act on.

DuckDB allows one writing process per file; a second run must fail fast with a message naming
the process that holds the lock, not with DuckDB's IO error text.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError, WarehouseLocked, WarehouseNotFound
from warehouse.safety import duckdb_config
from warehouse.schema import apply_migrations, check_version

_LOCK_PID = re.compile(r"Conflicting lock is held in .*?\(PID (\d+)\)", re.DOTALL)
_IN_MEMORY = ":memory:"


def open_warehouse(
    path: Path | str, read_only: bool = False, config: dict[str, str | bool | int] | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (and, when writable, create and migrate) the warehouse at `path`.

    Raises WarehouseNotFound for a read-only open of a missing file, WarehouseLocked when
    another process holds the file, SchemaError for a foreign or incompatible database.
    """
    target = str(path)
    in_memory = target == _IN_MEMORY
    if not in_memory:
        file = Path(path)
        if read_only and not file.exists():
            raise WarehouseNotFound(
                f"warehouse {file} does not exist; create it with `crosscheck run --db {file}`"
            )
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, read_only=read_only, config=duckdb_config(config))
    except duckdb.Error as exc:
        raise translate_open_error(target, exc) from exc
    try:
        if read_only:
            check_version(con, writable=False)
        else:
            apply_migrations(con)
    except BaseException:
        con.close()
        raise
    return con


def translate_open_error(path: str, exc: duckdb.Error) -> WarehouseError:
    """Map DuckDB's connect errors to the warehouse errors (lock conflicts name the holder)."""
    message = str(exc)
    if "Could not set lock on file" in message or "Conflicting lock" in message:
        match = _LOCK_PID.search(message)
        pid = match.group(1) if match else "unknown"
        return WarehouseLocked(
            f"warehouse {path} is in use by another crosscheck run (pid {pid}); "
            "try again when it finishes"
        )
    if "database does not exist" in message:
        return WarehouseNotFound(f"warehouse {path} does not exist")
    return WarehouseError(f"cannot open warehouse {path}: {message}")
