"""The load's one way of opening the lake's files (warehouse.lake_read): contract columns and
row counts checked, nothing left registered when the check fails."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from crosscheck.warehouse.errors import LoadFailed
from crosscheck.warehouse.lake_read import register_lake

COLUMNS = ["claim_id", "source", "value"]


def _written(tmp_path: Path, name: str, frame: pd.DataFrame) -> str:
    """`frame` as a Parquet file in a run's bucket folder, as the workers write them."""
    folder = tmp_path / "run_id=r1" / "bucket=00"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with duckdb.connect() as con:
        con.register("_frame", frame)
        con.execute(f"COPY (SELECT * FROM _frame) TO '{path}' (FORMAT parquet)")
    return str(path)


TWO = pd.DataFrame({"claim_id": ["c1", "c2"], "source": ["s", "s"], "value": [1.0, 2.0]})


def test_the_files_are_read_with_their_file_and_row_number(tmp_path: Path) -> None:
    first = _written(tmp_path, "a.parquet", TWO)
    one = pd.DataFrame({"claim_id": ["c3"], "source": ["t"], "value": [3.0]})
    second = _written(tmp_path, "b.parquet", one)
    con = duckdb.connect()
    register_lake(con, "_raw", [first, second], COLUMNS, "claims", 3)
    rows = con.execute(
        "SELECT claim_id, file_row_number FROM _raw ORDER BY filename, file_row_number"
    ).fetchall()
    assert rows == [("c1", 0), ("c2", 1), ("c3", 0)]


def test_a_file_lacking_a_contract_column_fails_the_load(tmp_path: Path) -> None:
    path = _written(tmp_path, "a.parquet", pd.DataFrame({"claim_id": ["c1"], "source": ["s"]}))
    con = duckdb.connect()
    with pytest.raises(
        LoadFailed, match=r"the lake's claims files lack contract columns \['value'\]"
    ):
        register_lake(con, "_raw", [path], COLUMNS, "claims", 1)


def test_a_count_that_differs_fails_and_leaves_nothing_registered(tmp_path: Path) -> None:
    path = _written(tmp_path, "a.parquet", TWO)
    con = duckdb.connect()
    with pytest.raises(LoadFailed, match="the lake holds 2 of the run's 5 claims"):
        register_lake(con, "_raw", [path], COLUMNS, "claims", 5)
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT count(*) FROM _raw")


def test_no_file_is_an_empty_table_and_rows_written_without_files_fail() -> None:
    con = duckdb.connect()
    register_lake(con, "_raw", [], COLUMNS, "claims", 0)
    assert con.execute("SELECT count(*) FROM _raw").fetchall() == [(0,)]
    with pytest.raises(LoadFailed, match="the lake holds 0 of the run's 4 claims"):
        register_lake(con, "_other", [], COLUMNS, "claims", 4)
