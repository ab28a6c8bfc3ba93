"""Versioned schema: SQL migrations applied on open, and the Markdown schema reference.

Migrations live in ``warehouse/migrations/NNN_name.sql``; each is applied once, in its own
transaction together with its ``schema_version`` row, so a crash never leaves half a schema.
``describe_schema`` renders the COMMENT ON text, which is the single source of docs/warehouse.md.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from crosscheck.warehouse.errors import SchemaError

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

# Order in which tables are documented: the way an analyst meets them.
TABLE_ORDER = [
    "runs",
    "sources",
    "pages",
    "claims",
    "facts",
    "relations",
    "quarantine",
    "findings",
    "finding_claims",
    "reviews",
    "reconciled_facts",
    "reconciled_categories",
    "source_reliability",
    "copy_groups",
    "page_passages",
    "check_runs",
    "schema_version",
]
# ... and the views. Their catalog order (oid) is the order they were created in only in the
# process that made the warehouse: reopened, or copied from a template, DuckDB numbers them anew.
VIEW_ORDER = [
    "reconciled_matrix",
    "changes_since_previous_run",
    "finding_verdicts",
    "open_findings",
    "display_scales",
    "facts_display",
    "reconciled_display",
]


@dataclass(frozen=True)
class Migration:
    """One migration file: its number, file name and SQL text."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """All bundled migrations in version order (installed as package data beside this module)."""
    return list(_bundled())


@functools.cache
def _bundled() -> tuple[Migration, ...]:
    """The migration files, read once a process (every open of a warehouse checks them)."""
    folder = Path(__file__).resolve().parent / "migrations"
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    # Gaps are allowed (work merged from parallel branches takes number ranges), duplicates not.
    if len(set(versions)) != len(versions) or not versions or versions[0] != 1:
        raise SchemaError(f"migrations must be numbered uniquely from 001; found {versions}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this code writes and expects."""
    return max(m.version for m in migrations())


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """Schema version of an open warehouse; 0 for an empty database."""
    return max(applied_versions(con), default=0)


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """The migration versions recorded in schema_version (empty for an empty database)."""
    has_table = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE schema_name = 'main' AND table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not has_table:
        return set()
    return {int(v) for (v,) in con.execute("SELECT version FROM schema_version").fetchall()}


def _user_object_count(con: duckdb.DuckDBPyConnection) -> int:
    """Tables and views in the main schema (to tell an empty file from a foreign database)."""
    return con.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal)"
        " + (SELECT count(*) FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal)"
    ).fetchall()[0][0]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring a writable warehouse to the latest schema; returns the versions applied."""
    done = applied_versions(con)
    check_version(con, writable=True, applied=done)
    applied: list[int] = []
    for migration in sorted(migrations(), key=lambda m: m.version):
        if migration.version in done:  # a lower number merged later is still applied
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                [migration.version, migration.name, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise SchemaError(f"migration {migration.name} failed: {exc}") from exc
            raise
        applied.append(migration.version)
    return applied


def check_version(
    con: duckdb.DuckDBPyConnection, writable: bool, applied: set[int] | None = None
) -> int:
    """Refuse foreign databases and schemas newer (or, read-only, older) than this code.
    `applied`: the warehouse's applied versions when the caller has read them already."""
    applied = applied_versions(con) if applied is None else applied
    current = max(applied, default=0)
    bundled = migrations()
    latest = max(m.version for m in bundled)
    if current == 0 and _user_object_count(con) > 0:
        raise SchemaError(
            "this DuckDB file is not a crosscheck warehouse (no schema_version table)"
        )
    if current > latest:
        raise SchemaError(
            f"warehouse schema version {current} is newer than this crosscheck supports "
            f"({latest}); upgrade crosscheck"
        )
    missing = {m.version for m in bundled} - applied
    if not writable and missing:
        raise SchemaError(
            f"warehouse schema version {current} is older than this crosscheck's (it lacks "
            f"migration(s) {sorted(missing)}); run a writing command "
            "(e.g. `crosscheck run`) once to migrate it"
        )
    return current


def _md(text: str | None) -> str:
    """Escape a comment for a Markdown table cell."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


def describe_schema(con: duckdb.DuckDBPyConnection) -> str:
    """Markdown reference of every table, view and column, built from their COMMENT ON text."""
    tables = {
        name: comment
        for name, comment in con.execute(
            "SELECT table_name, comment FROM duckdb_tables() "
            "WHERE schema_name = 'main' AND NOT internal AND NOT temporary"
        ).fetchall()
    }
    found = con.execute(
        "SELECT view_name, comment FROM duckdb_views() "
        "WHERE schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY view_oid"
    ).fetchall()
    rank = {name: i for i, name in enumerate(VIEW_ORDER)}
    views = sorted(found, key=lambda view: rank.get(view[0], len(rank)))  # stable: oid after
    ordered = [t for t in TABLE_ORDER if t in tables] + sorted(set(tables) - set(TABLE_ORDER))
    keys = _primary_keys(con)
    out = ["## Tables", ""]
    for table in ordered:
        out += _describe_relation(con, table, tables[table], keys.get(table, []))
    out += ["## Views", ""]
    for view, comment in views:
        out += _describe_relation(con, view, comment, [])
    return "\n".join(out).rstrip() + "\n"


def _primary_keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Primary-key columns per table."""
    rows = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'main' AND constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    return {table: list(columns) for table, columns in rows}


def _describe_relation(
    con: duckdb.DuckDBPyConnection, name: str, comment: str | None, key: list[str]
) -> list[str]:
    """One `### name` section: the comment, the key, and a column table."""
    lines = [f"### `{name}`", "", _md(comment), ""]
    if key:
        lines += ["Primary key: " + ", ".join(f"`{c}`" for c in key) + ".", ""]
    lines += ["| column | type | meaning |", "|---|---|---|"]
    columns = con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [name],
    ).fetchall()
    for column, data_type, column_comment in columns:
        lines.append(f"| `{column}` | {data_type} | {_md(column_comment)} |")
    return [*lines, ""]


def main() -> None:
    """Print the schema reference of a fresh warehouse (to paste into docs/warehouse.md)."""
    from crosscheck.warehouse.safety import duckdb_config

    con = duckdb.connect(":memory:", config=duckdb_config())
    apply_migrations(con)
    sys.stdout.write(describe_schema(con))


if __name__ == "__main__":
    main()
