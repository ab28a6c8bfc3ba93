"""A new warehouse is a copy of an empty migrated one kept in the cache folder: the same schema
and schema_version rows as one that ran its migrations, a new copy when a migration changes,
and the migrations run as before when no copy can be made."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from crosscheck.warehouse import connection, describe_schema, open_warehouse, schema, template

from tests.warehouse.migrations import add_note_migration


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _templates(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "crosscheck" / "warehouse").glob("empty-*.duckdb"))


def _versions(path: Path) -> list[tuple[int, str, datetime]]:
    with open_warehouse(path, read_only=True) as con:
        return con.execute(
            "SELECT version, name, applied_at FROM schema_version ORDER BY 1"
        ).fetchall()


def test_a_copied_warehouse_is_the_migrated_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = datetime.now(UTC).replace(tzinfo=None)
    open_warehouse(tmp_path / "a.duckdb").close()  # makes the template, then copies it
    open_warehouse(tmp_path / "b.duckdb").close()
    assert len(_templates(tmp_path)) == 1
    monkeypatch.setattr(connection, "create_from_template", lambda path: False)
    open_warehouse(tmp_path / "migrated.duckdb").close()
    with (
        open_warehouse(tmp_path / "b.duckdb", read_only=True) as copied,
        open_warehouse(tmp_path / "migrated.duckdb", read_only=True) as migrated,
    ):
        assert describe_schema(copied) == describe_schema(migrated)
    rows, expected = _versions(tmp_path / "b.duckdb"), _versions(tmp_path / "migrated.duckdb")
    assert [r[:2] for r in rows] == [r[:2] for r in expected]
    assert all(r[2] >= started.replace(microsecond=0) for r in rows)  # when b was made


def test_a_new_migration_makes_a_new_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_warehouse(tmp_path / "a.duckdb").close()
    extra = add_note_migration(monkeypatch)
    with open_warehouse(tmp_path / "b.duckdb") as con:
        columns = {r[0] for r in con.execute("DESCRIBE runs").fetchall()}
        (latest,) = con.execute("SELECT max(version) FROM schema_version").fetchone()
    assert "note" in columns and latest == extra.version
    assert len(_templates(tmp_path)) == 2


def test_without_a_cache_folder_the_migrations_run_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/no-such-folder")
    with open_warehouse(tmp_path / "w.duckdb") as con:
        (count,) = con.execute("SELECT count(*) FROM schema_version").fetchone()
    assert count == len(schema.migrations())
    assert not template.create_from_template(tmp_path / "other.duckdb")
    assert not (tmp_path / "other.duckdb").exists()


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    open_warehouse(target).close()
    assert not template.create_from_template(target)  # os.link refuses an existing name
    assert not template.create_from_template(Path("md:some_database"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "w.duckdb"]
