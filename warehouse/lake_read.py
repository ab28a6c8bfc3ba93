"""The one way the load opens the Parquet files the Dask workers wrote (the lake): registered
with each row's file and row number, their contract columns checked and the rows DuckDB reads
compared with the rows the workers wrote, so every table a lake holds fails alike when the lake
is not storage this process sees (warehouse.load_lake, load_pages, load_relations)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed


def lake_files(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[str],
    columns: Sequence[str],
    what: str,
    *,
    hive: bool | None = None,
) -> duckdb.DuckDBPyRelation | pd.DataFrame:
    """The lake's files of one table with each row's `filename` and `file_row_number` (an
    empty frame of the contract's columns when there is none); a file missing a contract
    column fails the load. `hive`: read the `key=value` folders as columns (None: DuckDB's
    own detection)."""
    if not files:
        return pd.DataFrame(columns=[*columns, "filename", "file_row_number"])
    if hive is None:
        relation = con.read_parquet(
            list(files), union_by_name=True, filename=True, file_row_number=True
        )
    else:
        relation = con.read_parquet(
            list(files), hive_partitioning=hive, union_by_name=True, filename=True,
            file_row_number=True,
        )  # fmt: skip
    missing = [c for c in columns if c not in relation.columns]
    if missing:
        raise LoadFailed(f"the lake's {what} files lack contract columns {missing}")
    return relation


def register_lake(
    con: duckdb.DuckDBPyConnection,
    raw: str,
    files: Sequence[str],
    columns: Sequence[str],
    what: str,
    rows: int,
    *,
    hive: bool | None = None,
) -> None:
    """Register the lake's `files` as `raw` (`lake_files`) and check that DuckDB reads the
    `rows` the workers wrote; on a failure nothing stays registered and the load fails."""
    con.register(raw, lake_files(con, files, columns, what, hive=hive))
    try:
        check_rows(con, raw, what, rows)
    except BaseException:
        con.unregister(raw)
        raise


def check_rows(con: duckdb.DuckDBPyConnection, raw: str, what: str, expected: int) -> None:
    """Fail the load when `raw` holds other than the `expected` rows the workers wrote."""
    found = int(con.execute(f"SELECT count(*) FROM {raw}").fetchall()[0][0])
    if found != expected:
        raise LoadFailed(
            f"the lake holds {found} of the run's {expected} {what}: the load reads the files "
            "the workers wrote, so the lake must be storage this process sees at the same path"
        )


__all__ = ["check_rows", "lake_files", "register_lake"]
