"""Schema: migrations, comments on everything, contract coverage, docs generated from comments."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from crosscheck.warehouse import SchemaError, describe_schema, latest_version, open_warehouse
from crosscheck.warehouse.schema import migrations

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_EXTRA_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
)
from tests.warehouse.migrations import add_note_migration

DOCS = Path(__file__).resolve().parents[2] / "docs" / "warehouse.md"
EXPECTED_TABLES = {
    "schema_version", "runs", "sources", "pages", "claims", "facts", "quarantine", "findings",
    "finding_claims", "reconciled_facts", "check_runs", "source_reliability", "copy_groups",
    "reconciled_categories", "reviews", "relations", "page_passages",
}  # fmt: skip
EXPECTED_VIEWS = {
    "open_findings", "reconciled_matrix", "changes_since_previous_run", "finding_verdicts",
    "display_scales", "facts_display", "reconciled_display",
}  # fmt: skip


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
    ).fetchall()
    return {r[0] for r in rows}


def test_fresh_warehouse_has_every_table_and_view_at_latest_version(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    views = {
        r[0]
        for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    assert tables == EXPECTED_TABLES
    assert views == EXPECTED_VIEWS
    versions = con.execute("SELECT version, name FROM schema_version ORDER BY 1").fetchall()
    assert versions == [(m.version, m.name) for m in migrations()]
    assert versions[-1][0] == latest_version()


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    open_warehouse(tmp_path / "w.duckdb").close()
    con = open_warehouse(tmp_path / "w.duckdb")
    assert con.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == len(migrations())


def test_every_table_view_and_column_has_a_comment(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    bare_tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE coalesce(trim(comment), '') = ''"
    ).fetchall()
    bare_views = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal"
        " AND coalesce(trim(comment), '') = ''"
    ).fetchall()
    bare_columns = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE table_name IN (SELECT table_name FROM duckdb_tables()"
        "   UNION SELECT view_name FROM duckdb_views() WHERE NOT internal)"
        " AND coalesce(trim(comment), '') = ''"
    ).fetchall()
    assert bare_tables == []
    assert bare_views == []
    assert bare_columns == []


def test_every_contract_column_has_a_warehouse_column(tmp_path: Path) -> None:
    """A column added to the contracts must be added here too (a new migration), not dropped."""
    con = open_warehouse(tmp_path / "w.duckdb")
    expected = {
        "pages": PAGE_COLUMNS,
        "claims": CLAIM_COLUMNS,
        "facts": ["claim_id", *FACT_EXTRA_COLUMNS],
        "quarantine": QUARANTINE_COLUMNS,
        "findings": [c for c in FINDING_COLUMNS if c != "claim_ids"],
        "reconciled_facts": RECONCILED_COLUMNS,
    }
    for table, columns in expected.items():
        assert set(columns) <= _columns(con, table), table


def test_docs_contain_the_schema_generated_from_the_comments(tmp_path: Path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    generated = describe_schema(con)
    assert "### `claims`" in generated and "| `raw_value` | VARCHAR |" in generated
    assert generated in DOCS.read_text(encoding="utf-8"), (
        "docs/warehouse.md is out of date: paste the output of `python -c "
        "'from crosscheck.warehouse.schema import main; main()'` between the schema markers"
    )


def test_read_only_open_of_a_missing_file_names_it(tmp_path: Path) -> None:
    from crosscheck.warehouse import WarehouseNotFound

    missing = tmp_path / "nowhere" / "w.duckdb"
    with pytest.raises(WarehouseNotFound, match=str(missing)):
        open_warehouse(missing, read_only=True)
    assert not missing.exists()


def test_a_foreign_duckdb_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    other = duckdb.connect(str(path))
    other.execute("CREATE TABLE something (x INTEGER)")
    other.close()
    with pytest.raises(SchemaError, match="not a crosscheck warehouse"):
        open_warehouse(path)
    with pytest.raises(SchemaError, match="not a crosscheck warehouse"):
        open_warehouse(path, read_only=True)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path)
    con.execute("INSERT INTO schema_version VALUES (999, '999_future.sql', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(SchemaError, match="newer than this crosscheck supports"):
        open_warehouse(path)


def test_an_older_warehouse_is_migrated_when_opened_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    extra = add_note_migration(monkeypatch)
    with pytest.raises(SchemaError, match="is older than"):
        open_warehouse(path, read_only=True)
    con = open_warehouse(path)
    assert "note" in _columns(con, "runs")
    assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(extra.version,)]
    con.close()
    open_warehouse(path, read_only=True).close()


def test_a_failing_migration_leaves_the_schema_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.warehouse import schema

    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    current = schema.migrations()
    after = max(m.version for m in current) + 1  # numbers may have gaps (010_ for reviews)
    broken = schema.Migration(
        after,
        f"{after:03d}_broken.sql",
        "ALTER TABLE runs ADD COLUMN note VARCHAR; SELECT * FROM no_such_table;",
    )
    monkeypatch.setattr(schema, "migrations", lambda: [*current, broken])
    with pytest.raises(SchemaError, match=r"broken\.sql failed"):
        open_warehouse(path)
    monkeypatch.undo()
    con = open_warehouse(path)
    assert "note" not in _columns(con, "runs")


def test_a_lower_numbered_migration_merged_later_is_still_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parallel branches take number ranges (010_ for reviews): a gap is no error, and a
    migration numbered below the latest applied one is applied when it arrives."""
    from crosscheck.warehouse import schema

    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    current = schema.migrations()
    gaps = sorted(set(range(1, current[-1].version)) - {m.version for m in current})
    assert gaps, "the bundled migrations have no gap to fill"
    late = schema.Migration(
        gaps[0],
        f"{gaps[0]:03d}_late.sql",
        "ALTER TABLE runs ADD COLUMN late VARCHAR; COMMENT ON COLUMN runs.late IS 'Late.';",
    )
    monkeypatch.setattr(
        schema, "migrations", lambda: sorted([*current, late], key=lambda m: m.version)
    )
    with pytest.raises(SchemaError, match="is older than"):
        open_warehouse(path, read_only=True)
    con = open_warehouse(path)
    assert "late" in _columns(con, "runs")
    con.close()
    open_warehouse(path, read_only=True).close()


def test_a_warehouse_with_keyed_claims_keeps_its_rows_when_the_keys_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 035 rebuilds claims, facts, finding_claims and relations without the key
    index of claims (DuckDB cannot drop a constraint): every row stays, and loads go on."""
    from crosscheck.warehouse import load_run, schema

    from tests.warehouse.test_support import bundle_with_new_claim, make_bundle, snapshot

    path = tmp_path / "w.duckdb"
    keyed = [m for m in schema.migrations() if m.version < 35]
    monkeypatch.setattr(schema, "migrations", lambda: keyed)
    con = open_warehouse(path)
    load_run(con, make_bundle("r1"))
    assert "claims" in _keyed(con)
    before = snapshot(con)
    con.close()
    with_035 = [*keyed, *(m for m in migrations() if m.version == 35)]
    monkeypatch.setattr(schema, "migrations", lambda: with_035)
    con = open_warehouse(path)
    assert "claims" not in _keyed(con) and "facts" not in _keyed(con)
    assert {"finding_claims", "relations"} <= _keyed(con)  # their own keys stay
    after = snapshot(con)
    assert len(after.pop("schema_version")) == len(before.pop("schema_version")) + 1
    assert after == before and before["claims"] and before["finding_claims"]
    assert con.execute("SELECT count(*) FROM open_findings").fetchall()[0][0] > 0
    assert load_run(con, bundle_with_new_claim("r2", minutes=10)).claims == 1


def test_findings_their_claims_and_the_consensus_keep_their_rows_when_the_keys_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 036 rebuilds findings, finding_claims and reconciled_facts without key
    indexes: every row stays, and a later load still holds each key once (the load updates
    the rows it holds and inserts the others) and still refuses a finding citing no claim."""
    from crosscheck.warehouse import LoadFailed, load_run, schema

    from tests.warehouse.test_support import make_bundle, snapshot

    path = tmp_path / "w.duckdb"
    keyed = [m for m in schema.migrations() if m.version < 36]
    monkeypatch.setattr(schema, "migrations", lambda: keyed)
    con = open_warehouse(path)
    load_run(con, make_bundle("r1"))
    assert {"findings", "finding_claims", "reconciled_facts"} <= _keyed(con)
    before = snapshot(con)
    con.close()
    with_036 = [*keyed, *(m for m in migrations() if m.version == 36)]
    monkeypatch.setattr(schema, "migrations", lambda: with_036)
    con = open_warehouse(path)
    assert not {"findings", "finding_claims", "reconciled_facts"} & _keyed(con)
    after = snapshot(con)
    assert len(after.pop("schema_version")) == len(before.pop("schema_version")) + 1
    assert after == before and before["findings"] and before["reconciled_facts"]
    load_run(con, make_bundle("r2", minutes=10))
    for table, key in (
        ("findings", "finding_id"),
        ("finding_claims", "finding_id, claim_id"),
        ("reconciled_facts", "entity, metric, qualifier"),
    ):
        rows = f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"
        total, distinct = con.execute(rows).fetchall()[0]
        assert total == distinct == len(before[table]), table
    assert {r[0] for r in con.execute("SELECT last_seen_run FROM findings").fetchall()} == {"r2"}
    cites_nothing = make_bundle("r3", minutes=20)
    cites_nothing.findings.loc[0, "claim_ids"] = ["no-such-claim"]
    with pytest.raises(LoadFailed, match="findings cite claims the warehouse lacks"):
        load_run(con, cites_nothing)


#: The tables migration 037 rebuilds without key indexes, by their keys.
_PAGE_TABLES = {
    "sources": "source",
    "pages": "source, page_sha256",
    "quarantine": "claim_id, stage",
    "relations": "relation_id",
    "page_passages": "source",
    "source_reliability": "source",
    "copy_groups": "source",
}


def test_the_per_page_tables_keep_their_rows_when_the_keys_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 037 rebuilds the tables that grow by a row or so per page without key
    indexes: every row and comment stays, and a second load of the same pages still holds
    each key once and moves its last run (the load updates the rows it holds)."""
    from crosscheck.warehouse import load_run, schema

    from tests.warehouse.test_support import make_bundle, snapshot

    path = tmp_path / "w.duckdb"
    keyed = [m for m in schema.migrations() if m.version < 37]
    monkeypatch.setattr(schema, "migrations", lambda: keyed)
    con = open_warehouse(path)
    load_run(con, make_bundle("r1"))
    assert set(_PAGE_TABLES) <= _keyed(con)
    before = snapshot(con)
    con.close()
    monkeypatch.undo()
    con = open_warehouse(path)
    assert not set(_PAGE_TABLES) & _keyed(con)
    after = snapshot(con)
    assert len(after.pop("schema_version")) == len(before.pop("schema_version")) + 1
    assert after == before and before["pages"] and before["sources"]
    load_run(con, make_bundle("r2", minutes=10))
    for table, key in _PAGE_TABLES.items():
        rows = f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"
        total, distinct = con.execute(rows).fetchall()[0]
        assert total == distinct == len(before[table]), table
    for table in ("sources", "pages"):
        seen = con.execute(f"SELECT DISTINCT last_seen_run FROM {table}").fetchall()
        assert seen == [("r2",)], table


def _keyed(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    return {r[0] for r in rows}
