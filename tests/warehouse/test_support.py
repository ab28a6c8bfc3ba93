"""Hand-made run bundles with the contract columns, for the warehouse tests and their subprocesses.

Kept free of fixtures so a child process (the lock and SIGKILL tests) can import it too.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from crosscheck.warehouse.connection import open_warehouse
from crosscheck.warehouse.load import RunBundle, load_run
from crosscheck.warehouse.schema import TABLE_ORDER

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
    stable_id,
)

FILE_SOURCE = "seeds/000_flask_vs_fastapi.txt"
URL_SOURCE = "https://example.com/flask-vs-starlette"
SHA_FILE = "a" * 64
SHA_URL = "b" * 64
INF = math.inf
T0 = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)


def page(source: str, sha: str, claims: int, status: str = "fetched") -> dict[str, Any]:
    return {
        "source": source,
        "page_sha256": sha,
        "title": f"Comparison at {source}",
        "content_type": "text/plain",
        "fetched_at": "2026-11-21T06:00:00+00:00",
        "status": status,
        "http_status": 200 if source.startswith("http") else None,
        "error": None,
        "claim_count": claims,
        "repairs": 0,
        "repair_kinds": None,
    }


def claim(
    source: str, sha: str, locator: str, entity: str, label: str, raw: str, **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "claim_id": stable_id(source, sha, locator, extra.get("role", "value")),
        "source": source,
        "page_sha256": sha,
        "page_title": f"Comparison at {source}",
        "entity_raw": entity,
        "counterpart_raw": None,
        "label": label,
        "unit_hint": None,
        "raw_value": raw,
        "role": "value",
        "location_kind": "table_cell",
        "locator": locator,
        "row_key": None,
        "evidence": f"{label}: {raw}",
        "value_start": len(label) + 2,
        "conditions": None,
    }
    row.update(extra)
    return row


def fact(claim_row: dict[str, Any], entity: str, metric: str, **extra: Any) -> dict[str, Any]:
    row = dict(claim_row)
    row.update(
        {
            "entity": entity,
            "entity_qualifier": None,
            "metric": metric,
            "qualifier": "",
            "value_type": "numeric",
            "low": None,
            "high": None,
            "bound": "exact",
            "unit": None,
            "dimension": None,
            "text_value": None,
            "note": None,
            "alt_low": None,
            "alt_high": None,
            "repairs": 0,
        }
    )
    row.update(extra)
    return row


def finding(kind: str, claim_ids: list[str], **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "finding_id": stable_id(kind, *claim_ids),
        "kind": kind,
        "scope": "same_page",
        "severity": "high",
        "entity": "Flask",
        "metric": "throughput",
        "qualifier": "",
        "explanation": f"{kind} between {len(claim_ids)} claims",
        "claim_ids": list(claim_ids),
    }
    row.update(extra)
    return row


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly the contract columns (object dtype when empty)."""
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns)


# The scenario: one local file and one URL about Flask, with contradictions.
C_TABLE = claim(
    FILE_SOURCE,
    SHA_FILE,
    "table 1 / row 3 / column Flask",
    "Flask",
    "Requests Per Second (Throughput)(req/sec)",
    "~2,500 req/sec",
)
C_PROSE = claim(
    FILE_SOURCE,
    SHA_FILE,
    "paragraph 7 chars 40-58",
    "Flask",
    "Flask handles ~12,000 requests per second.",
    "~12,000",
    location_kind="prose",
)
C_STARS = claim(
    FILE_SOURCE,
    SHA_FILE,
    "list 2 / item 1",
    "Flask 2.0+",
    "GitHub stars",
    "400,000+ | stars",
    location_kind="list_item",
)
C_ASYNC = claim(
    FILE_SOURCE,
    SHA_FILE,
    "table 1 / row 9 / column FastAPI",
    "FastAPI",
    "Async support",
    "Native, default behavior",
)
C_DASH = claim(
    FILE_SOURCE, SHA_FILE, "table 1 / row 11 / column Flask", "Flask", "Memory (MB)", "—"
)
C_URL = claim(
    URL_SOURCE,
    SHA_URL,
    "table 1 / row 2 / column Flask",
    "Flask",
    "Throughput",
    "~8,000-12,000 req/s",
)

F_TABLE = fact(
    C_TABLE,
    "Flask",
    "throughput",
    low=2250.0,
    high=2750.0,
    bound="approximate",
    unit="req/s",
    dimension="rate",
)
F_PROSE = fact(
    C_PROSE,
    "Flask",
    "throughput",
    low=10800.0,
    high=13200.0,
    bound="approximate",
    unit="req/s",
    dimension="rate",
)
F_STARS = fact(
    C_STARS,
    "Flask",
    "github_stars",
    entity_qualifier="2.0+",
    low=400000.0,
    high=INF,
    bound="at_least",
    unit="count",
    dimension="count",
)
F_ASYNC = fact(
    C_ASYNC, "FastAPI", "async_support", value_type="categorical", bound=None, text_value="native"
)
F_URL = fact(
    C_URL,
    "Flask",
    "throughput",
    low=8000.0,
    high=12000.0,
    bound="range",
    unit="req/s",
    dimension="rate",
)

Q_DASH = {
    "claim_id": C_DASH["claim_id"],
    "source": FILE_SOURCE,
    "stage": "normalize",
    "reason": "no_number",
    "message": "no number in '—'",
    "raw_value": "—",
}

FIND_SAME_PAGE = finding("conflict", [C_TABLE["claim_id"], C_PROSE["claim_id"]])
FIND_CROSS = finding(
    "conflict", [C_TABLE["claim_id"], C_URL["claim_id"]], scope="cross_source", severity="medium"
)
FIND_STARS = finding(
    "unit_scale", [C_STARS["claim_id"], C_DASH["claim_id"]], metric="github_stars", severity="low"
)

R_THROUGHPUT = {
    "entity": "Flask",
    "metric": "throughput",
    "qualifier": "",
    "low": 8000.0,
    "high": 12000.0,
    "value": 10000.0,
    "unit": "req/s",
    "support": 2,
    "dissent": 1,
    "confidence": 0.66,
    "sources": [FILE_SOURCE, URL_SOURCE],
}
R_STARS = {
    "entity": "Flask",
    "metric": "github_stars",
    "qualifier": None,
    "low": 400000.0,
    "high": INF,
    "value": 400000.0,
    "unit": "count",
    "support": 1,
    "dissent": 0,
    "confidence": 0.3,
    "sources": [FILE_SOURCE],
}


def make_bundle(
    run_id: str,
    *,
    pages: list[dict[str, Any]] | None = None,
    claims: list[dict[str, Any]] | None = None,
    facts: list[dict[str, Any]] | None = None,
    quarantine: list[dict[str, Any]] | None = None,
    findings: list[dict[str, Any]] | None = None,
    reconciled: list[dict[str, Any]] | None = None,
    minutes: int = 0,
) -> RunBundle:
    """A bundle of the full scenario unless parts are given; `minutes` shifts its start time."""
    started = T0 + timedelta(minutes=minutes)
    if pages is None:
        pages = [page(FILE_SOURCE, SHA_FILE, 5), page(URL_SOURCE, SHA_URL, 1)]
    if claims is None:
        claims = [C_TABLE, C_PROSE, C_STARS, C_ASYNC, C_DASH, C_URL]
    if facts is None:
        facts = [F_TABLE, F_PROSE, F_STARS, F_ASYNC, F_URL]
    return RunBundle(
        run_id=run_id,
        started_at=started,
        finished_at=started + timedelta(seconds=12.5),
        sources=sorted({p["source"] for p in pages}),
        crosscheck_version="0.1.0",
        vocabulary_version="v1",
        pages=frame(pages, PAGE_COLUMNS),
        claims=frame(claims, CLAIM_COLUMNS),
        facts=frame(facts, FACT_COLUMNS),
        quarantine=frame([Q_DASH] if quarantine is None else quarantine, QUARANTINE_COLUMNS),
        findings=frame(
            [FIND_SAME_PAGE, FIND_CROSS, FIND_STARS] if findings is None else findings,
            FINDING_COLUMNS,
        ),
        reconciled=frame(
            [R_THROUGHPUT, R_STARS] if reconciled is None else reconciled, RECONCILED_COLUMNS
        ),
    )


def file_only_bundle(run_id: str, findings: list[dict[str, Any]], minutes: int) -> RunBundle:
    """A later run that re-reads only the local file (so only its findings can resolve)."""
    return make_bundle(
        run_id,
        pages=[page(FILE_SOURCE, SHA_FILE, 5)],
        claims=[C_TABLE, C_PROSE, C_STARS, C_ASYNC, C_DASH],
        facts=[F_TABLE, F_PROSE, F_STARS, F_ASYNC],
        findings=findings,
        reconciled=[R_THROUGHPUT],
        minutes=minutes,
    )


TABLES = TABLE_ORDER  # every table of the schema, in documentation order


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order (to prove a rollback left nothing behind)."""
    return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def loaded(path: Path, *bundles: RunBundle) -> duckdb.DuckDBPyConnection:
    """A writable warehouse at `path` with `bundles` loaded in order."""
    con = open_warehouse(path)
    for bundle in bundles:
        load_run(con, bundle)
    return con


def bundle_with_new_claim(run_id: str, minutes: int) -> RunBundle:
    """The full scenario again plus one claim the warehouse has not seen."""
    bundle = make_bundle(run_id, minutes=minutes)
    extra = dict(C_TABLE, claim_id="new-claim", locator="table 9 / row 1 / column Flask")
    bundle.claims.loc[len(bundle.claims)] = [extra[c] for c in bundle.claims.columns]
    return bundle
