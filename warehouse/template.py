"""A new warehouse starts as a copy of an empty, migrated one kept in the user's cache folder.

Why: applying the 14 migrations (~600 DDL statements, each table and column commented) costs
~0.2 CPU-s and a dozen commits each time a warehouse is made, a tenth of a small run's fixed
cost; copying an 800 KB file costs ~1 ms. The copy is keyed by the migrations' text and the
DuckDB version, so an edited or added migration (or another DuckDB) makes a new one; anything
that goes wrong here leaves the caller to migrate the new file as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from crosscheck.warehouse import schema
from crosscheck.warehouse.errors import SchemaError
from crosscheck.warehouse.safety import duckdb_config

from crosscheck.common.user_cache import cache_folder, keep_newest

#: "md:db", "s3://bucket/db": names DuckDB does not read as a local file
_NOT_A_FILE = re.compile(r"^[A-Za-z][\w+.-]+:")


#: Templates kept (one per version of the migrations: checkouts of other branches share it)
KEEP_TEMPLATES = 8


def template_key(bundled: Sequence[schema.Migration]) -> str:
    """What a template was made from: the DuckDB version and every migration's name and SQL."""
    digest = hashlib.sha256(duckdb.__version__.encode())
    for migration in bundled:
        digest.update(f"\0{migration.version}\0{migration.name}\0{migration.sql}".encode())
    return digest.hexdigest()[:20]


def _template(folder: Path) -> Path:
    """The empty warehouse at the current migrations, made (atomically) when missing."""
    target = folder / f"empty-{template_key(schema.migrations())}.duckdb"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    building = folder / f".{target.name}.{os.getpid()}"
    building.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(building), config=duckdb_config())
        try:
            schema.apply_migrations(con)
        finally:
            con.close()
        os.replace(building, target)  # a reader never sees half a template
        keep_newest(folder, "empty-*.duckdb", KEEP_TEMPLATES)
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)
    return target


def create_from_template(path: Path, folder: Path | None = None) -> bool:
    """Make the new warehouse file `path` as a copy of the template; False when it could not
    (no writable cache folder, a migration that fails, `path` made meanwhile by another
    process, a name DuckDB reads as no local file, a write-ahead log left beside it): the
    caller then opens and migrates `path` as before."""
    if _NOT_A_FILE.match(str(path)) or Path(f"{path}.wal").exists():
        return False
    try:
        template = _template(folder if folder is not None else cache_folder("warehouse"))
    except (OSError, duckdb.Error, SchemaError):
        return False
    copy = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        shutil.copyfile(template, copy)
        os.link(copy, path)  # never over a file another process made meanwhile
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            copy.unlink()
    return True


def stamp_applied(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse copied from the template records its migrations as applied now (when it
    was made), as one that ran them would."""
    con.execute(
        "UPDATE schema_version SET applied_at = ?", [datetime.now(UTC).replace(tzinfo=None)]
    )
