"""Transactional, idempotent loading of one pipeline run into the warehouse.

A run lands completely or not at all (one BEGIN ... COMMIT), and natural keys make reloading the
same input add nothing. DataFrames are registered with DuckDB and inserted with one
INSERT ... SELECT per table: no row-by-row statements, no scraped text in SQL strings.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed, WarehouseError
from crosscheck.warehouse.load_bundle import LoadResult, RunBundle
from crosscheck.warehouse.load_lake import lake_views
from crosscheck.warehouse.load_pages import held_names, lake_rows, page_sources, run_pages
from crosscheck.warehouse.load_passages import load_lake_passages, load_passages

# The per-table statements (warehouse.load_sql), the bundle's preparation (load_prepare) and the
# run's row (load_run_row) are bound here, at module level and under these names, so that
# load_run looks them up in this module and a test can make one fail or watch it
# (monkeypatch.setattr(warehouse.load, "_insert_findings", ...)).
from crosscheck.warehouse.load_prepare import prepare as _prepare
from crosscheck.warehouse.load_reconcile import load_reconciliation
from crosscheck.warehouse.load_relations import load_lake_relations, load_relations
from crosscheck.warehouse.load_run_row import committed as _committed
from crosscheck.warehouse.load_run_row import finish_run as _finish_run
from crosscheck.warehouse.load_run_row import insert_run as _insert_run
from crosscheck.warehouse.load_run_row import record_failed_run
from crosscheck.warehouse.load_run_row import rollback as _rollback
from crosscheck.warehouse.load_sql import insert_claims as _insert_claims
from crosscheck.warehouse.load_sql import insert_facts as _insert_facts
from crosscheck.warehouse.load_sql import insert_finding_claims as _insert_finding_claims
from crosscheck.warehouse.load_sql import insert_findings as _insert_findings
from crosscheck.warehouse.load_sql import insert_pages as _insert_pages
from crosscheck.warehouse.load_sql import insert_quarantine as _insert_quarantine
from crosscheck.warehouse.load_sql import insert_reconciled as _insert_reconciled
from crosscheck.warehouse.load_sql import insert_sources as _insert_sources
from crosscheck.warehouse.load_sql import registered, scanned_by_name
from crosscheck.warehouse.load_sql import reopen_findings as _reopen_findings
from crosscheck.warehouse.load_sql import resolve_findings as _resolve_findings

from crosscheck.common.heap import trim_heap

#: Test hook: when set to a file path, load_run creates that file inside the open transaction
#: and sleeps (up to PAUSE_LIMIT_S) until the file is deleted, so a test can kill the process
#: mid-load. Never set it in production.
PAUSE_ENV = "CROSSCHECK_TEST_PAUSE_IN_LOAD"
PAUSE_LIMIT_S = 30.0


def load_run(
    con: duckdb.DuckDBPyConnection, bundle: RunBundle, *, release: bool = False
) -> LoadResult:
    """Load `bundle` in one transaction; on any error roll back and raise LoadFailed (chained).
    `release`: let go of the bundle's claims and facts once DuckDB holds them (a run that loads
    its bundle once: at 10,000 pages they are most of the load's peak, issue 20)."""
    # the page rows and quarantine the Dask workers wrote: views over the lake and the frames
    frames = held_names(bundle.lake, _prepare(bundle))
    read = {name: frames.pop(name, None) for name in ("claims", "facts")}  # not registered
    counts: dict[str, int] = {}
    already = _committed(con, bundle.run_id)
    step = "the run's row"  # named by a failed load: which statement ran out of memory
    with registered(con, frames), _lake(con, bundle) as lift, lake_rows(con, bundle.lake, frames):
        try:
            con.execute("BEGIN TRANSACTION")
            _insert_run(con, bundle)
            with scanned_by_name(con):
                for table, insert, frame in (
                    ("sources", _insert_sources, "claims"),
                    ("pages", _insert_pages, None),
                    ("claims", _insert_claims, "claims"),
                    ("facts", _insert_facts, "facts"),
                    ("quarantine", _insert_quarantine, None),
                ):
                    rows = read.get(frame) if frame else None
                    step = table
                    counts[table] = _grown(con, table, partial(insert, con, bundle.run_id, rows))
            del rows
            lift()  # the lake's claims and facts are in: the rest of the load's limit
            if release:  # DuckDB holds them now
                _release(bundle, read)
            step = "relations"
            if bundle.lake is not None and bundle.lake.relations:  # the Dask workers kept them
                load_lake_relations(
                    con, bundle.run_id, bundle.lake.relations, bundle.lake.relation_rows
                )
            load_relations(con, bundle.run_id, bundle.relations, limited=bundle.lake is not None)
            step = "page_passages"
            if bundle.lake is not None and bundle.lake.passages:  # the Dask workers wrote them
                load_lake_passages(con, bundle.lake.passages, bundle.lake.passage_rows)
            else:
                load_passages(con, bundle.passages, run_pages(con, bundle.passages, frames))
            step = "findings"
            counts["reopened_findings"] = _reopen_findings(con, bundle.run_id)
            counts["findings"] = _grown(
                con, "findings", lambda: _insert_findings(con, bundle.run_id)
            )
            step = "finding_claims"
            counts["finding_claims"] = _grown(
                con, "finding_claims", lambda: _insert_finding_claims(con)
            )
            step = "resolved findings"
            counts["resolved_findings"] = _resolve_findings(con, bundle.run_id)
            step = "reconciled_facts"
            counts["reconciled_facts"] = _grown(
                con, "reconciled_facts", lambda: _insert_reconciled(con, bundle.run_id)
            )
            step = "categories, reliability, copy groups"
            load_reconciliation(
                con,
                bundle.run_id,
                (
                    list(frames["pages"]["source"].dropna().unique())
                    if "pages" in frames
                    else page_sources(con)
                ),
                bundle.reconciled_categories,
                bundle.source_reliability,
                bundle.copy_groups,
                categories_in_lake=bundle.lake is not None and bundle.lake.categories is not None,
                copies_in_lake=bundle.lake is not None and bundle.lake.copies is not None,
                reliability_in_lake=(
                    bundle.lake is not None and bundle.lake.reliability is not None
                ),
            )
            step = "commit"
            _finish_run(con, bundle.run_id, counts)
            _pause_if_asked()
            con.execute("COMMIT")
        except BaseException as exc:
            _rollback(con)
            # A Ctrl-C may land as COMMIT returns (DuckDB reports it as its own error): the
            # run's row tells whether the transaction committed, and only then is it loaded.
            committed = not already and _committed(con, bundle.run_id)
            if not isinstance(exc, Exception) or (
                isinstance(exc, WarehouseError) and not committed
            ):
                raise
            if not committed:
                raise LoadFailed(
                    f"loading run {bundle.run_id} failed and was rolled back: {first_cause(exc)} "
                    f"(at {step})"
                ) from exc
    return LoadResult(run_id=bundle.run_id, runs=1, **counts)


def first_cause(exc: BaseException) -> BaseException:
    """The error that aborted the load's transaction: a statement run after it (a view dropped,
    a setting reset in a `finally`) fails with DuckDB's "transaction is aborted", which names
    no cause and hides the first error in its context."""
    while (
        isinstance(exc, duckdb.TransactionException)
        and "aborted" in str(exc)
        and exc.__context__ is not None
    ):
        exc = exc.__context__
    return exc


def _release(bundle: RunBundle, read: dict[str, pd.DataFrame | None]) -> None:
    """Drop every reference the load holds to the claims and facts."""
    read.clear()
    for name in ("claims", "facts"):
        setattr(bundle, name, getattr(bundle, name).iloc[:0].copy())  # a view keeps the rows
    trim_heap()


def _lake(
    con: duckdb.DuckDBPyConnection, bundle: RunBundle
) -> AbstractContextManager[Callable[[], None]]:
    """The lake's facts and claims as `_cc_facts`/`_cc_claims` (nothing without a lake); the
    context gives what raises the lake's memory limit to the rest of the load's (load_lake)."""
    if bundle.lake is None:
        return nullcontext(_nothing)
    return lake_views(con, bundle.lake, bundle.stored_claims)


def _nothing() -> None:
    """No limit to lift (a load without a lake)."""


def _grown(con: duckdb.DuckDBPyConnection, table: str, insert: Callable[[], None]) -> int:
    """Run `insert` and return how many rows `table` gained (upserted rows do not count)."""
    before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    insert()
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] - before)


def _pause_if_asked() -> None:
    """The test hook (see PAUSE_ENV): wait inside the open transaction until the file is gone."""
    flag = os.environ.get(PAUSE_ENV)
    if not flag:
        return
    path = Path(flag)
    path.touch()
    deadline = time.monotonic() + PAUSE_LIMIT_S
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


__all__ = [
    "PAUSE_ENV", "LoadResult", "RunBundle", "first_cause", "load_run", "record_failed_run",
]  # fmt: skip
