"""A run's facts and claims loaded from the Parquet files the engine's workers wrote (the lake),
read by DuckDB inside the load transaction: the client process never holds them as frames.

The files are exposed under the names the load's statements read (`_cc_facts`, `_cc_claims`)
with the same preparation `load._prepare` gives frames: contract columns only, the claims an
incremental run read back from the warehouse left out, '' and 0 for a missing qualifier and
repairs, and the first row of a duplicated claim id kept.

The views stream the files into the load's statements: no frame of them in this process, and
no window over every row unless a claim id is there twice. `claims` and `facts` carry no key
index (migration 035: DuckDB held every inserted row's index in memory it cannot spill), so
while the views are read DuckDB works under `LAKE_MEMORY_LIMIT`, spilling its joins and
flushing the appended rows to the database file: the load's memory no longer grows with the
run's claim and fact rows. The rest of the load (findings, consensus, pages' passages, the
commit) runs under `LOAD_MEMORY_LIMIT`: findings, finding claims and consensus are keyless too
(migration 036), so only the small keyed tables hold memory DuckDB cannot spill.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed
from crosscheck.warehouse.lake_read import register_lake

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    COPY_GROUP_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)


@dataclass(frozen=True)
class LakeFiles:
    """The Parquet files holding one run's facts and claims, and the rows written to them
    (checked against what DuckDB reads: a lake the client cannot see fails the load)."""

    facts: tuple[str, ...]
    claims: tuple[str, ...]
    fact_rows: int
    claim_rows: int
    # the page sketches the Dask workers kept (crosscheck.dask_passages; none: the bundle's)
    passages: tuple[str, ...] = ()
    passage_rows: int = 0
    # the numeric consensus the Dask workers wrote (crosscheck.dask_lake; None: the bundle's)
    consensus: tuple[str, ...] | None = None
    consensus_rows: int = 0
    # the categorical consensus the Dask workers wrote (None: the bundle's frame)
    categories: tuple[str, ...] | None = None
    category_rows: int = 0
    # the findings the Dask workers wrote (crosscheck.dask_findings; None: the bundle's frame)
    findings: tuple[str, ...] | None = None
    finding_rows: int = 0
    # the comparative statements the Dask workers kept (crosscheck.dask_statements; the
    # bundle's frame holds the others: those of pages read back from the warehouse)
    relations: tuple[str, ...] = ()
    relation_rows: int = 0
    # the page rows and quarantined claims the Dask parse tasks wrote (crosscheck.dask_pages;
    # the bundle's frames hold the others: pages read back from the warehouse)
    pages: tuple[str, ...] = ()
    page_rows: int = 0
    quarantine: tuple[str, ...] = ()
    quarantine_rows: int = 0
    # the copy groups the Dask workers wrote (crosscheck.dask_copies; None: the bundle's frame)
    copies: tuple[str, ...] | None = None
    copy_rows: int = 0
    # the source reliability the Dask workers wrote (crosscheck.dask_reconcile; None: the
    # bundle's frame)
    reliability: tuple[str, ...] | None = None
    reliability_rows: int = 0


#: DuckDB's memory while the load reads the lake's claims and facts (joins spill past it, and the
#: rows the transaction appends go to the database file in row groups). A load of 735,000 and of
#: 3,675,000 generated claims and facts peaked at 269 and 271 MiB under 128MB, 298 and 392 MiB
#: under 256MB (docs/benchmarks.md). The rest of the load has DuckDB's default.
LAKE_MEMORY_LIMIT = "128MB"
#: DuckDB's memory for the rest of a lake's load, until it commits. It was 512MB, for the key
#: indexes of the tables still keyed (pages, relations, passages, reliability, copy groups),
#: which cannot spill; they held 7-12 MiB at 10,000-20,000 pages while the transaction's
#: appended rows filled whatever the limit left: the load's peak grew with the run (issue 19,
#: docs/benchmarks.md "daskflat4"). A warehouse whose keyed tables outgrow it fails the load.
LOAD_MEMORY_LIMIT = "128MB"

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
) -> Iterator[Callable[[], None]]:
    """Expose the lake's facts and claims as `_cc_facts` and `_cc_claims` for the load, under
    `LAKE_MEMORY_LIMIT`; yields `lift`, which raises the limit to `LOAD_MEMORY_LIMIT` (called
    once the statements that read the views are done). DuckDB's own limit is back on leaving."""
    names: list[str] = []
    views: list[str] = []
    reset = _limited(con, LAKE_MEMORY_LIMIT)

    def lift() -> None:
        con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")

    stored = pd.DataFrame({"claim_id": sorted(stored_claims)}, dtype=object)
    con.register("_cc_lake_stored", stored)
    names.append("_cc_lake_stored")
    try:
        _expose(con, lake, names, views)
        yield lift
    finally:
        reset()
        for view in views:
            con.execute(f"DROP VIEW IF EXISTS {view}")
        for name in names:
            con.unregister(name)


def _expose(
    con: duckdb.DuckDBPyConnection, lake: LakeFiles, names: list[str], views: list[str]
) -> None:
    """Register the lake's files and create the views over them (`names`, `views`: what was
    made, for the caller to drop); a DuckDB error here fails the load before it begins."""
    try:
        for table, columns in _TABLES.items():
            files: tuple[str, ...] = getattr(lake, table)
            raw = f"_cc_lake_{table}"
            rows = getattr(lake, f"{table.removesuffix('s')}_rows")
            register_lake(con, raw, files, columns, table, rows, hive=True)
            names.append(raw)
            # The first row of a claim id wins; a window over every row would hold them all
            # (and run again for each statement that reads the view), so it is used only
            # when some claim id is there twice: otherwise the files are streamed.
            first = (
                "QUALIFY row_number() OVER (PARTITION BY claim_id "
                "ORDER BY filename, file_row_number) = 1"
                if _distinct_ids(con, raw) != rows
                else ""
            )
            view = f"_cc_{table}"
            con.execute(
                f"""CREATE OR REPLACE TEMP VIEW {view} AS SELECT {_select(table, columns)}
                FROM {raw} WHERE claim_id NOT IN (SELECT claim_id FROM _cc_lake_stored)
                {first}"""
            )
            views.append(view)
        for view, (files, rows, columns) in _voted(lake).items():
            names.append(_consensus_view(con, view, files, rows, columns))
            views.append(view)
        if lake.findings is not None:
            names.append(_findings_view(con, lake.findings, lake.finding_rows))
            views.append("_cc_findings")
        for table, (kept, rows, columns, what) in {
            "copies": (lake.copies, lake.copy_rows, COPY_GROUP_COLUMNS, "copy groups' rows"),
            "reliability": (lake.reliability, lake.reliability_rows, SOURCE_RELIABILITY_COLUMNS,
                            "source reliability rows"),
        }.items():  # fmt: skip  # one row per source, as the workers grouped or summed them
            if kept is None:
                continue
            register_lake(con, f"_cc_lake_{table}", kept, columns, what, rows, hive=False)
            names.append(f"_cc_lake_{table}")
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW _cc_{table} AS SELECT "
                f"{', '.join(columns)} FROM _cc_lake_{table}"
            )
            views.append(f"_cc_{table}")
    except duckdb.Error as exc:  # e.g. out of memory counting the claim ids
        raise LoadFailed(f"reading the lake's files failed: {exc} (at the lake's views)") from exc


#: The consensus's key: the first row of a key wins, as `load._prepare` keeps it.
_CONSENSUS_KEY = "entity, metric, coalesce(qualifier, '')"


def _voted(lake: LakeFiles) -> dict[str, tuple[tuple[str, ...], int, list[str]]]:
    """The consensus tables the lake holds, by the view the load reads: the numeric one
    (`_cc_reconciled`, `insert_reconciled`) and the categorical one (`_cc_categories`,
    `load_reconciliation`)."""
    views = {}
    if lake.consensus is not None:
        views["_cc_reconciled"] = (lake.consensus, lake.consensus_rows, RECONCILED_COLUMNS)
    if lake.categories is not None:
        views["_cc_categories"] = (
            lake.categories, lake.category_rows, RECONCILED_CATEGORY_COLUMNS,
        )  # fmt: skip
    return views


def _consensus_view(
    con: duckdb.DuckDBPyConnection,
    view: str,
    files: tuple[str, ...],
    rows: int,
    columns: list[str],
) -> str:
    """The lake's numeric or categorical consensus as `view`, prepared as the load prepares
    the bundle's frame: '' for a missing qualifier (a category's missing sources: an empty
    list), the first row of a key. Streamed: a window only when a key is there twice.
    Returns the name registered."""
    raw = f"_cc_lake{view.removeprefix('_cc')}"
    what = "consensus" if view == "_cc_reconciled" else "categorical consensus"
    register_lake(con, raw, files, columns, f"{what} rows", rows, hive=False)
    keys = con.execute(f"SELECT count(DISTINCT ({_CONSENSUS_KEY})) FROM {raw}").fetchall()
    first = (
        f"QUALIFY row_number() OVER (PARTITION BY {_CONSENSUS_KEY} "
        "ORDER BY filename, file_row_number) = 1"
        if int(keys[0][0]) != rows
        else ""
    )
    filled = {"qualifier": "coalesce(qualifier, '') AS qualifier"}
    if view == "_cc_categories":  # load_reconciliation's frame: [] for missing sources
        filled["sources"] = "coalesce(sources, CAST([] AS VARCHAR[])) AS sources"
    items = [filled.get(c, c) for c in columns]
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {', '.join(items)} FROM {raw} {first}"
    )
    return raw


def _findings_view(con: duckdb.DuckDBPyConnection, files: tuple[str, ...], rows: int) -> str:
    """The lake's findings as `_cc_findings`, as `load._prepare` gives the bundle's frame:
    FINDING_COLUMNS, the first row of an id (a window only when an id is there twice)."""
    raw = "_cc_lake_findings"
    register_lake(con, raw, files, FINDING_COLUMNS, "findings", rows, hive=False)
    ids = con.execute(f"SELECT count(DISTINCT finding_id) FROM {raw}").fetchall()
    first = (
        "QUALIFY row_number() OVER (PARTITION BY finding_id ORDER BY filename, file_row_number) = 1"
        if int(ids[0][0]) != rows
        else ""
    )
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW _cc_findings AS SELECT {', '.join(FINDING_COLUMNS)} "
        f"FROM {raw} {first}"
    )
    return raw


def _limited(con: duckdb.DuckDBPyConnection, limit: str) -> Callable[[], None]:
    """Set DuckDB's memory limit; returns what resets it to DuckDB's default (idempotent; the
    warehouse's connection sets no limit of its own: query.py's read-only one does)."""
    con.execute(f"SET memory_limit = '{limit}'")
    reset: list[bool] = []

    def lift() -> None:
        if not reset:
            reset.append(True)
            con.execute("RESET memory_limit")

    return lift


def _distinct_ids(con: duckdb.DuckDBPyConnection, raw: str) -> int:
    """How many distinct, non-null claim ids the files hold."""
    return int(con.execute(f"SELECT count(DISTINCT claim_id) FROM {raw}").fetchall()[0][0])
