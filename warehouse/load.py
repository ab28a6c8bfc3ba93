"""Transactional, idempotent loading of one pipeline run into the warehouse.

A run lands completely or not at all (one BEGIN ... COMMIT), and natural keys make reloading the
same input add nothing. DataFrames are registered with DuckDB and inserted with one
INSERT ... SELECT per table: no row-by-row statements, no scraped text in SQL strings.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
)
from warehouse.errors import LoadFailed, RunAlreadyLoaded, WarehouseError

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
_READ_STATUSES = ("fetched", "not_modified")


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


def load_run(con: duckdb.DuckDBPyConnection, bundle: RunBundle) -> LoadResult:
    """Load `bundle` in one transaction; on any error roll back and raise LoadFailed (chained)."""
    frames = _prepare(bundle)
    counts: dict[str, int] = {}
    with _registered(con, frames):
        try:
            con.execute("BEGIN TRANSACTION")
            _insert_run(con, bundle)
            for table, insert in (
                ("sources", _insert_sources),
                ("pages", _insert_pages),
                ("claims", _insert_claims),
                ("facts", _insert_facts),
                ("quarantine", _insert_quarantine),
            ):
                counts[table] = _grown(con, table, lambda f=insert: f(con, bundle.run_id))
            counts["reopened_findings"] = _reopen_findings(con, bundle.run_id)
            counts["findings"] = _grown(
                con, "findings", lambda: _insert_findings(con, bundle.run_id)
            )
            counts["finding_claims"] = _grown(
                con, "finding_claims", lambda: _insert_finding_claims(con)
            )
            counts["resolved_findings"] = _resolve_findings(con, bundle.run_id)
            counts["reconciled_facts"] = _grown(
                con, "reconciled_facts", lambda: _insert_reconciled(con, bundle.run_id)
            )
            _finish_run(con, bundle.run_id, counts)
            _pause_if_asked()
            con.execute("COMMIT")
        except BaseException as exc:
            _rollback(con)
            if isinstance(exc, WarehouseError) or not isinstance(exc, Exception):
                raise
            raise LoadFailed(
                f"loading run {bundle.run_id} failed and was rolled back: {exc}"
            ) from exc
    return LoadResult(run_id=bundle.run_id, runs=1, **counts)


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
    frames["findings"] = frames["findings"].assign(
        claim_ids=frames["findings"]["claim_ids"].map(_as_list)
    )
    # '' and 0 are the contract's "none" for qualifiers and repairs (key and NOT NULL columns)
    facts = frames["facts"]
    frames["facts"] = facts.assign(
        qualifier=facts["qualifier"].fillna(""), repairs=facts["repairs"].fillna(0)
    )
    reconciled = frames["reconciled"]
    frames["reconciled"] = reconciled.assign(
        sources=reconciled["sources"].map(_as_list), qualifier=reconciled["qualifier"].fillna("")
    )
    for name, keys in _KEYS.items():
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


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> Iterator[None]:
    """Expose the frames to SQL as _cc_<name> for the duration of the load."""
    for name, df in frames.items():
        con.register(f"_cc_{name}", df)
    try:
        yield
    finally:
        for name in frames:
            con.unregister(f"_cc_{name}")


# --- the statements, one per table (module-level so tests can make one fail) -----------------


def _casts(spec: str) -> str:
    """`name TYPE, ...` -> `CAST(name AS TYPE) AS name, ...` (frames may hold any dtype)."""
    pairs = [item.split() for item in spec.split(",")]
    return ", ".join(f"CAST({name} AS {kind}) AS {name}" for name, kind in pairs)


def _updates(spec: str, *extra: str) -> str:
    """`name = excluded.name, ...` for an ON CONFLICT ... DO UPDATE."""
    names = [item.split()[0] for item in spec.split(",")] + list(extra)
    return ", ".join(f"{n} = excluded.{n}" for n in names)


_PAGE_VALUES = """title VARCHAR, content_type VARCHAR, fetched_at TIMESTAMP, status VARCHAR,
    http_status INTEGER, error VARCHAR, claim_count INTEGER, repairs INTEGER,
    repair_kinds VARCHAR"""
_CLAIM_SPEC = ", ".join(
    f"{c} {'INTEGER' if c == 'value_start' else 'VARCHAR'}" for c in CLAIM_COLUMNS
)
_FACT_VALUES = """entity VARCHAR, entity_qualifier VARCHAR, metric VARCHAR, qualifier VARCHAR,
    value_type VARCHAR, low DOUBLE, high DOUBLE, bound VARCHAR, unit VARCHAR, dimension VARCHAR,
    text_value VARCHAR, note VARCHAR, alt_low DOUBLE, alt_high DOUBLE, repairs INTEGER"""
_FACT_NAMES = [item.split()[0] for item in _FACT_VALUES.split(",")]
_QUARANTINE_VALUES = "reason VARCHAR, message VARCHAR, raw_value VARCHAR, source VARCHAR"
_FINDING_VALUES = """kind VARCHAR, scope VARCHAR, severity VARCHAR, entity VARCHAR, metric VARCHAR,
    qualifier VARCHAR, explanation VARCHAR"""
_RECONCILED_VALUES = """low DOUBLE, high DOUBLE, value DOUBLE, unit VARCHAR, support INTEGER,
    dissent INTEGER, confidence DOUBLE, sources VARCHAR[]"""


def _insert_run(con: duckdb.DuckDBPyConnection, bundle: RunBundle) -> None:
    """The run row first: a second load of the same run_id stops here."""
    existing = con.execute("SELECT status FROM runs WHERE run_id = ?", [bundle.run_id]).fetchall()
    if existing:
        raise RunAlreadyLoaded(
            f"run {bundle.run_id} is already in the warehouse (status {existing[0][0]}); "
            "nothing was loaded"
        )
    started, finished = _utc(bundle.started_at), _utc(bundle.finished_at)
    sizes = [
        len(getattr(bundle, n)) for n in ("pages", "claims", "facts", "quarantine", "findings")
    ]
    versions = (bundle.crosscheck_version, bundle.vocabulary_version)
    duration = (finished - started).total_seconds()
    con.execute(
        """INSERT INTO runs (run_id, started_at, finished_at, status, sources, page_count,
            claim_count, fact_count, quarantine_count, finding_count, duration_s,
            crosscheck_version, vocabulary_version)
        VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            bundle.run_id,
            started,
            finished,
            [str(s) for s in bundle.sources],
            *sizes,
            duration,
            *versions,
        ],
    )


def _insert_sources(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute(
        """INSERT INTO sources
        SELECT source, CASE WHEN regexp_matches(source, '^[A-Za-z][A-Za-z0-9+.-]*://')
            THEN 'url' ELSE 'file' END, $run, $run
        FROM (SELECT CAST(source AS VARCHAR) AS source FROM _cc_pages
              UNION SELECT CAST(source AS VARCHAR) FROM _cc_claims)
        WHERE source IS NOT NULL
        ON CONFLICT (source) DO UPDATE SET last_seen_run = excluded.last_seen_run""",
        {"run": run_id},
    )


def _insert_pages(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute(
        f"""INSERT INTO pages SELECT CAST(source AS VARCHAR), CAST(page_sha256 AS VARCHAR),
            {_casts(_PAGE_VALUES)}, $run, $run FROM _cc_pages
        ON CONFLICT (source, page_sha256) DO UPDATE
        SET {_updates(_PAGE_VALUES, "last_seen_run")}""",
        {"run": run_id},
    )


def _insert_claims(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """New claims only (an anti-join: far cheaper than ON CONFLICT when most rows exist)."""
    con.execute(
        f"""INSERT INTO claims SELECT s.*, $run
        FROM (SELECT {_casts(_CLAIM_SPEC)} FROM _cc_claims) AS s
        WHERE NOT EXISTS (SELECT 1 FROM claims AS c WHERE c.claim_id = s.claim_id)""",
        {"run": run_id},
    )


def _insert_facts(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Insert new facts; update existing ones only where this run normalized them differently."""
    fixed = f"(SELECT {_casts('claim_id VARCHAR, ' + _FACT_VALUES)} FROM _cc_facts) AS s"
    con.execute(
        f"""UPDATE facts SET {", ".join(f"{n} = s.{n}" for n in _FACT_NAMES)}, updated_run = $run
        FROM {fixed} WHERE facts.claim_id = s.claim_id
        AND ({", ".join("facts." + n for n in _FACT_NAMES)})
            IS DISTINCT FROM ({", ".join("s." + n for n in _FACT_NAMES)})""",
        {"run": run_id},
    )
    con.execute(
        f"""INSERT INTO facts SELECT s.*, $run, $run FROM {fixed}
        WHERE NOT EXISTS (SELECT 1 FROM facts AS x WHERE x.claim_id = s.claim_id)""",
        {"run": run_id},
    )


def _insert_quarantine(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute(
        f"""INSERT INTO quarantine SELECT CAST(claim_id AS VARCHAR), CAST(stage AS VARCHAR),
            {_casts(_QUARANTINE_VALUES)}, $run, $run FROM _cc_quarantine
        ON CONFLICT (claim_id, stage) DO UPDATE
        SET {_updates(_QUARANTINE_VALUES, "last_seen_run")}""",
        {"run": run_id},
    )


def _reopen_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Mark resolved findings that this run detected again; returns how many."""
    rows = con.execute(
        """UPDATE findings SET reopened_run = $run WHERE status = 'resolved'
        AND finding_id IN (SELECT CAST(finding_id AS VARCHAR) FROM _cc_findings)""",
        {"run": run_id},
    ).fetchall()
    return int(rows[0][0]) if rows else 0


def _insert_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute(
        f"""INSERT INTO findings SELECT CAST(finding_id AS VARCHAR), {_casts(_FINDING_VALUES)},
            $run, $run, 'open', NULL, NULL FROM _cc_findings
        ON CONFLICT (finding_id) DO UPDATE SET {_updates(_FINDING_VALUES, "last_seen_run")},
            status = 'open', resolved_run = NULL""",
        {"run": run_id},
    )


def _insert_finding_claims(con: duckdb.DuckDBPyConnection) -> None:
    # A finding seen again rests on this run's claims only: links to the claims of an older
    # revision of a page (same evidence, other snapshot) are replaced, not accumulated.
    con.execute(
        """DELETE FROM finding_claims AS fc
        WHERE fc.finding_id IN (SELECT CAST(finding_id AS VARCHAR) FROM _cc_findings)
        AND NOT EXISTS (SELECT 1 FROM (SELECT CAST(finding_id AS VARCHAR) AS finding_id,
                                              unnest(CAST(claim_ids AS VARCHAR[])) AS claim_id
                                       FROM _cc_findings) AS s
                        WHERE s.finding_id = fc.finding_id AND s.claim_id = fc.claim_id)"""
    )
    con.execute(
        """INSERT INTO finding_claims SELECT s.finding_id, s.claim_id, min(s.position)
        FROM (SELECT CAST(finding_id AS VARCHAR) AS finding_id,
                unnest(CAST(claim_ids AS VARCHAR[])) AS claim_id,
                generate_subscripts(CAST(claim_ids AS VARCHAR[]), 1) AS position
              FROM _cc_findings) AS s
        WHERE NOT EXISTS (SELECT 1 FROM finding_claims AS fc
                          WHERE fc.finding_id = s.finding_id AND fc.claim_id = s.claim_id)
        GROUP BY s.finding_id, s.claim_id"""
    )


def _resolve_findings(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Resolve open findings not seen again although this run re-read every source they rest on."""
    rows = con.execute(
        """WITH read AS (SELECT DISTINCT CAST(source AS VARCHAR) AS source FROM _cc_pages
                      WHERE CAST(status AS VARCHAR) IN (?, ?) AND source IS NOT NULL),
        evidence AS (SELECT fc.finding_id, c.source
                     FROM finding_claims AS fc JOIN claims AS c USING (claim_id))
        UPDATE findings SET status = 'resolved', resolved_run = ?
        WHERE status = 'open' AND last_seen_run <> ?
        AND finding_id IN (SELECT finding_id FROM evidence
                           WHERE source IN (SELECT source FROM read))
        AND finding_id NOT IN (SELECT finding_id FROM evidence WHERE NOT EXISTS
                               (SELECT 1 FROM read WHERE read.source = evidence.source))""",
        [*_READ_STATUSES, run_id, run_id],
    ).fetchall()
    return int(rows[0][0]) if rows else 0


def _insert_reconciled(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute(
        f"""INSERT INTO reconciled_facts SELECT CAST(entity AS VARCHAR), CAST(metric AS VARCHAR),
            CAST(qualifier AS VARCHAR), {_casts(_RECONCILED_VALUES)}, $run FROM _cc_reconciled
        ON CONFLICT (entity, metric, qualifier) DO UPDATE
        SET {_updates(_RECONCILED_VALUES, "run_id")}""",
        {"run": run_id},
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
