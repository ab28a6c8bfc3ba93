"""Transactional, idempotent loading of one pipeline run into the warehouse.

A run lands completely or not at all (one BEGIN ... COMMIT), and natural keys make reloading the
same input add nothing. DataFrames are registered with DuckDB and inserted with one
INSERT ... SELECT per table: no row-by-row statements, no scraped text in SQL strings.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd
from crosscheck.warehouse.errors import LoadFailed, RunAlreadyLoaded, WarehouseError
from crosscheck.warehouse.load_lake import LakeFiles, lake_views
from crosscheck.warehouse.load_pages import held_names, lake_rows, page_sources, run_pages
from crosscheck.warehouse.load_passages import load_lake_passages, load_passages

# The per-table statements live in warehouse.load_sql; they are bound here, at module level and
# under these names, so that load_run looks them up in this module and a test can make one fail
# (monkeypatch.setattr(warehouse.load, "_insert_findings", ...)).
from crosscheck.warehouse.load_reconcile import load_reconciliation
from crosscheck.warehouse.load_relations import load_lake_relations, load_relations
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
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
)

#: Test hook: when set to a file path, load_run creates that file inside the open transaction
#: and sleeps (up to PAUSE_LIMIT_S) until the file is deleted, so a test can kill the process
#: mid-load. Never set it in production.
PAUSE_ENV = "CROSSCHECK_TEST_PAUSE_IN_LOAD"
PAUSE_LIMIT_S = 30.0

_FRAMES: dict[str, list[str]] = {
    "pages": PAGE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "facts": FACT_COLUMNS,
    "quarantine": QUARANTINE_COLUMNS,
    "findings": FINDING_COLUMNS,
    "reconciled": RECONCILED_COLUMNS,
}
_KEYS: dict[str, list[str]] = {
    "pages": ["source", "page_sha256"],
    "claims": ["claim_id"],
    "facts": ["claim_id"],
    "quarantine": ["claim_id", "stage"],
    "findings": ["finding_id"],
    "reconciled": ["entity", "metric", "qualifier"],
}


@dataclass
class RunBundle:
    """Everything one run produced: DataFrames with the contract columns (extra ones ignored)."""

    run_id: str
    started_at: datetime | str
    finished_at: datetime | str
    sources: list[str]
    crosscheck_version: str
    vocabulary_version: str
    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    findings: pd.DataFrame
    reconciled: pd.DataFrame
    reconciled_categories: pd.DataFrame | None = None
    source_reliability: pd.DataFrame | None = None
    copy_groups: pd.DataFrame | None = None
    settings_digest: str | None = None  # runs.settings_digest (see the migration's comment)
    relations: pd.DataFrame | None = None  # RELATION_COLUMNS: comparative statements (issue 16)
    # Claims read back unchanged from the warehouse (pages reused by an incremental run): they
    # and their facts are stored as they are, so the load does not write them again.
    stored_claims: frozenset[str] = frozenset()
    passages: pd.DataFrame | None = None  # PASSAGE_COLUMNS: sketches of the pages parsed now
    # The run's facts and claims as the workers' Parquet files (the Dask engine): the load
    # reads them with DuckDB and `facts`/`claims` are left empty (warehouse.load_lake).
    lake: LakeFiles | None = None
    # Claims and facts of reused pages the run held without reading them back (stored as
    # they are): counted in the run's row, not written.
    unread_claims: int = 0
    unread_facts: int = 0


@dataclass(frozen=True)
class LoadResult:
    """Rows each table gained from this run (existing rows refreshed by upserts are not counted)."""

    run_id: str
    runs: int = 0
    sources: int = 0
    pages: int = 0
    claims: int = 0
    facts: int = 0
    quarantine: int = 0
    findings: int = 0
    finding_claims: int = 0
    reconciled_facts: int = 0
    resolved_findings: int = 0
    reopened_findings: int = 0


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


def _committed(con: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    """True when the run's row reads `completed` (its load transaction committed)."""
    try:
        rows = con.execute("SELECT status FROM runs WHERE run_id = ?", [run_id]).fetchall()
    except duckdb.Error:
        return False
    return bool(rows) and rows[0][0] == "completed"


def record_failed_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime | str,
    sources: list[str],
    error: str,
    finished_at: datetime | str | None = None,
    crosscheck_version: str | None = None,
    vocabulary_version: str | None = None,
) -> bool:
    """Record a failed run in its own transaction; False if the run_id is already recorded."""
    try:
        started = _utc(started_at)
        finished = _utc(finished_at) if finished_at is not None else _now()
        duration = (finished - started).total_seconds()
        versions = (crosscheck_version, vocabulary_version)
        con.execute("BEGIN TRANSACTION")
        rows = con.execute(
            """INSERT INTO runs (run_id, started_at, finished_at, status, sources, duration_s,
                error, crosscheck_version, vocabulary_version)
            VALUES (?, ?, ?, 'failed', ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING""",
            [run_id, started, finished, [str(s) for s in sources], duration, error, *versions],
        ).fetchall()
        con.execute("COMMIT")
    except (duckdb.Error, ValueError, TypeError) as exc:
        _rollback(con)
        raise LoadFailed(f"recording failed run {run_id} failed: {exc}") from exc
    return bool(rows and rows[0][0])


# --- preparation -----------------------------------------------------------------------------


def _prepare(bundle: RunBundle) -> dict[str, pd.DataFrame]:
    """Check the contract columns, drop duplicate keys, coerce what DuckDB cannot infer well."""
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in _FRAMES.items():
        if bundle.lake is not None and name in ("claims", "facts"):
            continue  # read from the lake's files (warehouse.load_lake)
        if name == "reconciled" and bundle.lake is not None and bundle.lake.consensus is not None:
            continue  # the Dask workers wrote it to the lake (warehouse.load_lake)
        if name == "findings" and bundle.lake is not None and bundle.lake.findings is not None:
            continue  # the Dask workers wrote them to the lake (crosscheck.dask_findings)
        df = getattr(bundle, name)
        if not isinstance(df, pd.DataFrame):
            raise LoadFailed(f"run {bundle.run_id}: {name} is not a DataFrame")
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise LoadFailed(f"run {bundle.run_id}: {name} lacks contract columns {missing}")
        frames[name] = df[columns]
    pages = frames["pages"].copy()
    pages["page_sha256"] = pages["page_sha256"].fillna("")
    pages["fetched_at"] = pd.to_datetime(
        pages["fetched_at"], utc=True, errors="coerce", format="ISO8601"
    ).dt.tz_convert(None)
    frames["pages"] = pages
    if "findings" in frames:
        frames["findings"] = frames["findings"].assign(
            claim_ids=frames["findings"]["claim_ids"].map(_as_list)
        )
    if bundle.stored_claims:  # first: what follows then touches only the claims written now
        for name in ("claims", "facts"):
            if name not in frames:
                continue
            df = frames[name]
            frames[name] = df[~df["claim_id"].isin(list(bundle.stored_claims))]
    # '' and 0 are the contract's "none" for qualifiers and repairs (key and NOT NULL columns)
    if "facts" in frames:
        facts = frames["facts"]
        frames["facts"] = facts.assign(
            qualifier=facts["qualifier"].fillna(""), repairs=facts["repairs"].fillna(0)
        )
    if "reconciled" in frames:
        reconciled = frames["reconciled"]
        frames["reconciled"] = reconciled.assign(
            sources=reconciled["sources"].map(_as_list),
            qualifier=reconciled["qualifier"].fillna(""),
        )
    for name, keys in _KEYS.items():
        if name not in frames:
            continue
        df = frames[name]
        if len(df) and df.duplicated(keys).any():  # the first row of a key wins
            frames[name] = df.drop_duplicates(keys)
    return frames


def _as_list(value: object) -> list[str] | None:
    """A list-like cell (list, tuple, array) as a list of strings; a missing value stays None."""
    if isinstance(value, str):
        return [value]
    if value is None or pd.api.types.is_scalar(value):
        return None
    return [str(v) for v in value]  # type: ignore[attr-defined]


# --- the run row (the statements of the other tables: warehouse.load_sql) ------------------------


def _insert_run(con: duckdb.DuckDBPyConnection, bundle: RunBundle) -> None:
    """The run row first: the row the run wrote as `running` at its start becomes `completed`
    (or a new row is written); a second load of the same run_id stops here."""
    existing = con.execute("SELECT status FROM runs WHERE run_id = ?", [bundle.run_id]).fetchall()
    if existing and existing[0][0] != "running":
        raise RunAlreadyLoaded(
            f"run {bundle.run_id} is already in the warehouse (status {existing[0][0]}); "
            "nothing was loaded"
        )
    started, finished = _utc(bundle.started_at), _utc(bundle.finished_at)
    sizes = [
        len(getattr(bundle, n)) for n in ("pages", "claims", "facts", "quarantine", "findings")
    ]
    if bundle.lake is not None:
        sizes[1:3] = [bundle.lake.claim_rows, bundle.lake.fact_rows]
        sizes[0] += bundle.lake.page_rows  # the client's frames hold the others
        sizes[3] += bundle.lake.quarantine_rows
        if bundle.lake.findings is not None:
            sizes[4] = bundle.lake.finding_rows
    sizes[1] += bundle.unread_claims
    sizes[2] += bundle.unread_facts
    versions = (bundle.crosscheck_version, bundle.vocabulary_version)
    duration = (finished - started).total_seconds()
    if existing:
        con.execute(
            """UPDATE runs SET finished_at = ?, status = 'completed', page_count = ?,
                claim_count = ?, fact_count = ?, quarantine_count = ?, finding_count = ?,
                duration_s = ?, crosscheck_version = ?, vocabulary_version = ?,
                settings_digest = ?, error = NULL
            WHERE run_id = ?""",
            [finished, *sizes, duration, *versions, bundle.settings_digest, bundle.run_id],
        )
        return
    con.execute(
        """INSERT INTO runs (run_id, started_at, finished_at, status, sources, page_count,
            claim_count, fact_count, quarantine_count, finding_count, duration_s,
            crosscheck_version, vocabulary_version, settings_digest, pid)
        VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            bundle.run_id,
            started,
            finished,
            [str(s) for s in bundle.sources],
            *sizes,
            duration,
            *versions,
            bundle.settings_digest,
            os.getpid(),
        ],
    )


def _finish_run(con: duckdb.DuckDBPyConnection, run_id: str, counts: dict[str, int]) -> None:
    names = ["pages", "claims", "facts", "findings", "resolved_findings"]
    con.execute(
        """UPDATE runs SET new_page_count = ?, new_claim_count = ?, new_fact_count = ?,
            new_finding_count = ?, resolved_finding_count = ? WHERE run_id = ?""",
        [*(counts[n] for n in names), run_id],
    )


# --- helpers ---------------------------------------------------------------------------------


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


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open (DuckDB may already have aborted it)."""
    with suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _utc(value: datetime | str) -> datetime:
    """A naive UTC datetime from an aware/naive datetime (naive = UTC) or an ISO-8601 string."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
