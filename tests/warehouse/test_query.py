"""`crosscheck query`: read-only SQL with readable table and CSV output."""

from __future__ import annotations

from pathlib import Path

import pytest
from crosscheck.warehouse import (
    QueryError,
    QueryResult,
    WarehouseNotFound,
    format_csv,
    format_table,
    open_warehouse,
    run_query,
)

from tests.warehouse.test_support import counts, loaded, make_bundle


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    loaded(path, make_bundle("r1")).close()
    return path


def test_select_returns_columns_and_rows(db: Path) -> None:
    result = run_query(db, "SELECT metric, count(*) AS n FROM facts GROUP BY metric ORDER BY 1")
    assert result.columns == ["metric", "n"]
    assert result.rows == [("async_support", 1), ("github_stars", 1), ("throughput", 3)]


def test_writes_are_refused_with_duckdbs_message(db: Path) -> None:
    with pytest.raises(QueryError, match="read-only"):
        run_query(db, "INSERT INTO runs (run_id) VALUES ('x')")
    with pytest.raises(QueryError, match="read-only"):
        run_query(db, "DROP TABLE claims")
    with open_warehouse(db) as con:
        assert counts(con)["runs"] == 1 and counts(con)["claims"] == 6


def test_files_cannot_be_written_or_read(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "leak.csv"
    with pytest.raises(QueryError, match="disabled by configuration"):
        run_query(db, f"COPY claims TO '{target}'")
    assert not target.exists()


def test_sql_errors_become_query_errors(db: Path) -> None:
    with pytest.raises(QueryError, match="no_such_table"):
        run_query(db, "SELECT * FROM no_such_table")


def test_missing_warehouse(tmp_path: Path) -> None:
    with pytest.raises(WarehouseNotFound):
        run_query(tmp_path / "missing.duckdb", "SELECT 1")


def test_several_statements_return_the_last_result(db: Path) -> None:
    result = run_query(db, "SET threads = 1; SELECT count(*) AS claims FROM claims")
    assert result == QueryResult(columns=["claims"], rows=[(6,)])


def test_format_table_aligns_truncates_and_counts() -> None:
    result = QueryResult(
        columns=["entity", "value", "note"],
        rows=[("Flask", 2500.0, "x" * 60), ("FastAPI", 1.5, None), ("a\nb", float("inf"), "")],
    )
    text = format_table(result, max_width=10)
    lines = text.splitlines()
    assert lines[0] == "entity  | value | note"
    assert lines[1] == "--------+-------+-----------"
    assert lines[2] == "Flask   |  2500 | xxxxxxxxx…"
    assert lines[3] == "FastAPI |   1.5 | NULL"
    assert lines[4] == "a b     |   inf |"
    assert lines[5] == "(3 rows)" and not text.endswith("\n")


def test_format_csv() -> None:
    result = QueryResult(columns=["a", "b"], rows=[("x,y", None), ("z", 2.0)])
    assert format_csv(result) == 'a,b\n"x,y",\nz,2\n'


def test_format_table_of_nothing() -> None:
    assert format_table(QueryResult()) == "(no result)"
    assert format_table(QueryResult(columns=["a"], rows=[])).splitlines()[-1] == "(0 rows)"
