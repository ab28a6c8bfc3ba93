"""A run's facts and claims loaded from the Parquet files the engine's workers wrote (the lake),
read by DuckDB inside the load transaction: the client process never holds them as frames.

The files are exposed under the names the load's statements read (`_cc_facts`, `_cc_claims`)
with the same preparation `load._prepare` gives frames: contract columns only, the claims an
incremental run read back from the warehouse left out, '' and 0 for a missing qualifier and
repairs, and the first row of a duplicated claim id kept.

While they are exposed DuckDB runs under `LAKE_LOAD_LIMITS` (its memory limit and threads), so
the load of a lake spills to disk instead of growing the client with the run: at 20,000
pages its buffers were ~0.9 GB of the client's peak (docs/scaling.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed

from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS


@dataclass(frozen=True)
class LakeFiles:
    """The Parquet files holding one run's facts and claims, and the rows written to them
    (checked against what DuckDB reads: a lake the client cannot see fails the load)."""

    facts: tuple[str, ...]
    claims: tuple[str, ...]
    fact_rows: int
    claim_rows: int


#: DuckDB settings while a lake is loaded: reading the files and the claim-id window spill
#: past the limit (to the warehouse's `.tmp` folder) instead of holding every row in memory.
LAKE_LOAD_LIMITS: dict[str, str] = {"memory_limit": "256MB", "threads": "1"}

_TABLES = {"facts": FACT_COLUMNS, "claims": CLAIM_COLUMNS}
#: Per column, what the load stores for a missing value (the contract's "none").
_FILLED = {"facts": {"qualifier": "''", "repairs": "0"}, "claims": {}}


def _select(table: str, columns: list[str]) -> str:
    fill = _FILLED[table]
    items = [f"coalesce({c}, {fill[c]}) AS {c}" if c in fill else c for c in columns]
    return ", ".join(items)


@contextmanager
def lake_views(
    con: duckdb.DuckDBPyConnection, lake: LakeFiles, stored_claims: frozenset[str]
) -> Iterator[None]:
    """Expose the lake's facts and claims as `_cc_facts` and `_cc_claims` for the load, under
    DuckDB's `LAKE_LOAD_LIMITS` (the connection's own settings are restored afterwards)."""
    names: list[str] = []
    views: list[str] = []
    restore = _limited(con, LAKE_LOAD_LIMITS)
    stored = pd.DataFrame({"claim_id": sorted(stored_claims)}, dtype=object)
    con.register("_cc_lake_stored", stored)
    names.append("_cc_lake_stored")
    try:
        for table, columns in _TABLES.items():
            files: tuple[str, ...] = getattr(lake, table)
            raw = f"_cc_lake_{table}"
            if files:
                relation = con.read_parquet(
                    list(files),
                    hive_partitioning=True,
                    union_by_name=True,
                    filename=True,
                    file_row_number=True,
                )
                missing = [c for c in columns if c not in relation.columns]
                if missing:
                    raise LoadFailed(f"the lake's {table} files lack contract columns {missing}")
            else:
                relation = pd.DataFrame(columns=[*columns, "filename", "file_row_number"])
            con.register(raw, relation)
            names.append(raw)
            _check_rows(con, raw, table, getattr(lake, f"{table.removesuffix('s')}_rows"))
            view = f"_cc_{table}"
            con.execute(
                f"""CREATE OR REPLACE TEMP VIEW {view} AS SELECT {_select(table, columns)}
                FROM {raw} WHERE claim_id NOT IN (SELECT claim_id FROM _cc_lake_stored)
                QUALIFY row_number() OVER (PARTITION BY claim_id
                                           ORDER BY filename, file_row_number) = 1"""
            )
            views.append(view)
        yield
    finally:
        for view in views:
            con.execute(f"DROP VIEW IF EXISTS {view}")
        for name in names:
            con.unregister(name)
        _limited(con, restore)


def _limited(con: duckdb.DuckDBPyConnection, settings: dict[str, str]) -> dict[str, str]:
    """Apply DuckDB `settings`; returns the values they replaced."""
    before = {}
    for name, value in settings.items():
        before[name] = str(con.execute("SELECT current_setting(?)", [name]).fetchall()[0][0])
        con.execute(f"SET {name} = '{value}'")  # names are ours; SET takes no parameter
    return before


def _check_rows(con: duckdb.DuckDBPyConnection, raw: str, table: str, expected: int) -> None:
    found = int(con.execute(f"SELECT count(*) FROM {raw}").fetchall()[0][0])
    if found != expected:
        raise LoadFailed(
            f"the lake holds {found} of the run's {expected} {table}: the load reads the files "
            "the workers wrote, so the lake must be storage this process sees at the same path"
        )
