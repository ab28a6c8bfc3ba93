"""The suite's two engines agree, and a run's validation sees only that run's rows.

`crosscheck run` evaluates the expectations as SQL inside DuckDB (checks.suite_sql); Data Docs
and `crosscheck validate` use Great Expectations. Every corruption of tests/checks/test_suite.py
must get the same verdict, the same failed names and the same unexpected counts from both.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from crosscheck.checks.suite import SuiteError, run_suite
from crosscheck.checks.suite_expectations import TABLE_CHECKS
from crosscheck.warehouse import open_warehouse

from tests.checks.test_suite import CORRUPTIONS, RUN_ID
from tests.warehouse.test_support import loaded, make_bundle


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engines") / "base.duckdb"
    loaded(path, make_bundle(RUN_ID)).close()
    return path


@pytest.fixture
def con(base_db: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path / "wh.duckdb"
    shutil.copy(base_db, path)
    connection = open_warehouse(path)
    yield connection
    connection.close()


def verdicts(con: duckdb.DuckDBPyConnection, engine: str, scope: str) -> dict[str, object]:
    result = run_suite(con, run_id=RUN_ID, engine=engine, scope=scope)  # type: ignore[arg-type]
    assert result.engine == engine and result.scope == scope
    return {
        "success": result.success,
        "failed": result.failed,
        "warnings": result.warnings,
        "rows": result.rows,
        "records": {
            (r.name, r.expectation, r.success, r.unexpected_count, r.severity)
            for r in result.results
        },
    }


@pytest.mark.parametrize("scope", ["warehouse", "run"])
@pytest.mark.parametrize("case", [None, *sorted(CORRUPTIONS)])
def test_duckdb_engine_gives_great_expectations_verdicts(
    con: duckdb.DuckDBPyConnection, case: str | None, scope: str
) -> None:
    if case is not None:
        CORRUPTIONS[case][0](con)
    gx = verdicts(con, "great_expectations", scope)
    sql = verdicts(con, "duckdb", scope)
    assert sql == gx
    if case is not None:
        failed = {name for name, _, ok, _, _ in sql["records"] if not ok}  # type: ignore[attr-defined]
        assert failed == CORRUPTIONS[case][1]


def test_offending_rows_are_named(con: duckdb.DuckDBPyConnection) -> None:
    CORRUPTIONS["unit_MB"][0](con)
    result = run_suite(con, run_id=RUN_ID, engine="duckdb")
    (record,) = result.failures
    (gx_record,) = run_suite(con, run_id=RUN_ID).failures
    assert record.details["partial_unexpected_list"] == ["rate:MB"]  # a throughput in MB
    assert gx_record.details["partial_unexpected_list"] == ["rate:MB"]
    (row,) = record.details["partial_unexpected_index_list"]
    assert set(row) == {"claim_id"} and row["claim_id"]
    assert record.details["element_count"] == result.rows["facts"] > 0


def test_warning_and_nan_are_handled_like_gx(con: duckdb.DuckDBPyConnection) -> None:
    # NaN is missing to GX (pandas): a NaN confidence is skipped, a value outside is a warning
    con.execute("UPDATE reconciled_facts SET confidence = 'nan'::DOUBLE")
    con.execute("UPDATE reconciled_facts SET value = high + 1 WHERE metric = 'throughput'")
    assert verdicts(con, "duckdb", "warehouse") == verdicts(con, "great_expectations", "warehouse")
    result = run_suite(con, engine="duckdb")
    assert result.success and result.warnings == 1


def test_data_docs_need_great_expectations(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="Data Docs"):
        run_suite(con, docs_dir=tmp_path / "d", engine="duckdb")


def test_run_scope_needs_a_run(tmp_path: Path) -> None:
    with open_warehouse(tmp_path / "empty.duckdb") as empty:
        with pytest.raises(SuiteError, match="run id"):
            run_suite(empty, scope="run", engine="duckdb")
        assert run_suite(empty, engine="duckdb").rows == {c.table: 0 for c in TABLE_CHECKS}
