"""Exports of findings, claims, facts and reconciled facts in the CLI's stable shapes.

The shapes are a contract (docs/architecture.md, "Contracts"): scripts parse them. JSON is a list of
objects; CSV and Markdown are flat (a finding's claims become a "; "-joined claim_id list);
Parquet keeps types. Text formats write +-infinity (open interval ends) as null/empty.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, TextIO

import duckdb
from crosscheck.warehouse.errors import ExportError
from crosscheck.warehouse.reviews import REVIEWS_SQL
from crosscheck.warehouse.safety import csv_cell

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_EXTRA_COLUMNS,
    RECONCILED_COLUMNS,
    RELATION_COLUMNS,
    Severity,
)

Exportable = Literal["findings", "claims", "facts", "reconciled", "relations", "reviews"]
Format = Literal["json", "csv", "md", "parquet"]
EXPORTABLE: tuple[str, ...] = ("findings", "claims", "facts", "reconciled", "relations", "reviews")
FORMATS: tuple[str, ...] = ("json", "csv", "md", "parquet")
FINDING_KEYS = ["finding_id", "kind", "scope", "severity", "entity", "metric", "explanation"]
FINDING_CLAIM_KEYS = ["claim_id", "source", "locator", "entity", "label", "raw_value"]
FINDING_CLAIM_KEYS += ["low", "high", "unit"]
_BATCH = 10_000

# Highest severity first; the CASE is built from the contract enum, not from data.
_SEVERITY_ORDER = (
    "CASE f.severity "
    + " ".join(f"WHEN '{s.value}' THEN {-s.rank}" for s in Severity)
    + " ELSE 1 END"
)

_FINDINGS_SQL = f"""
SELECT f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.explanation,
    coalesce(f.root_cause, f.finding_id) AS root_cause,
    list(struct_pack(
        claim_id := c.claim_id, source := c.source, locator := c.locator,
        entity := coalesce(x.entity, c.entity_raw), label := c.label, raw_value := c.raw_value,
        low := CASE WHEN x.value_type = 'numeric' THEN x.low END,
        high := CASE WHEN x.value_type = 'numeric' THEN x.high END,
        unit := x.unit
    ) ORDER BY fc.position, c.claim_id) AS claims
FROM findings AS f
JOIN finding_claims AS fc USING (finding_id)
JOIN claims AS c ON c.claim_id = fc.claim_id
LEFT JOIN facts AS x ON x.claim_id = c.claim_id
WHERE f.status = 'open'
GROUP BY f.finding_id, f.kind, f.scope, f.severity, f.entity, f.metric, f.explanation,
    f.root_cause
ORDER BY {_SEVERITY_ORDER}, f.finding_id
"""

_QUERIES: dict[str, str] = {
    "findings": _FINDINGS_SQL,
    "claims": f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims ORDER BY source, claim_id",
    "facts": (
        f"SELECT {', '.join('c.' + col for col in CLAIM_COLUMNS)},"
        f" {', '.join('x.' + col for col in FACT_EXTRA_COLUMNS)}"
        " FROM facts AS x JOIN claims AS c ON c.claim_id = x.claim_id"
        " ORDER BY c.source, c.claim_id"
    ),
    "reconciled": (
        f"SELECT {', '.join(RECONCILED_COLUMNS)} FROM reconciled_facts"
        " ORDER BY entity, metric, qualifier"
    ),
    "relations": (
        f"SELECT {', '.join(RELATION_COLUMNS)} FROM relations ORDER BY source, relation_id"
    ),
    "reviews": REVIEWS_SQL,
}


def export(
    con: duckdb.DuckDBPyConnection,
    what: Exportable,
    fmt: Format,
    out: Path | None = None,
    *,
    raw: bool = False,
) -> str | None:
    """Export `what` as `fmt`: the text when `out` is None, else write `out` and return None.

    Findings are the open ones, highest severity first. Parquet needs `out`. CSV cells that a
    spreadsheet would run as a formula (= + - @ tab CR first) get a ' prefix unless `raw`.
    """
    if what not in EXPORTABLE:
        raise ExportError(f"cannot export {what!r}; choose one of {', '.join(EXPORTABLE)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    sql = _QUERIES[what]
    if fmt == "parquet":
        if out is None:
            raise ExportError("Parquet is a binary format: give a file to write (--out)")
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY ({sql}) TO ? (FORMAT parquet)", [str(out)])
        return None
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    records = _records(cursor, columns)
    writers = {"json": _write_json, "csv": _write_raw_csv if raw else _write_csv, "md": _write_md}
    writer = writers[fmt]
    if out is None:
        buffer = io.StringIO()
        writer(buffer, columns, records)
        return buffer.getvalue()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer(handle, columns, records)
    return None


def export_all_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """Write every warehouse table to `folder/<table>.parquet` (types and infinities kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE schema_name = 'main' AND NOT internal AND NOT temporary ORDER BY table_name"
    ).fetchall()
    written: list[Path] = []
    for (table,) in tables:
        target = folder / f"{table}.parquet"
        identifier = '"' + table.replace('"', '""') + '"'
        con.execute(f"COPY {identifier} TO ? (FORMAT parquet)", [str(target)])
        written.append(target)
    return written


# --- writers ---------------------------------------------------------------------------------


def _records(cursor: duckdb.DuckDBPyConnection, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Rows as dicts, fetched in batches, with non-finite floats as None (JSON has no infinity)."""
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield {col: _clean(value) for col, value in zip(columns, row, strict=True)}


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _write_json(out: TextIO, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    out.write("[")
    first = True
    for record in records:
        out.write("\n  " if first else ",\n  ")
        out.write(json.dumps(record, ensure_ascii=False, default=str))
        first = False
    out.write("]\n" if first else "\n]\n")


def _flat(columns: list[str]) -> list[str]:
    """Flat column names: a finding's nested claims become claim_ids."""
    return ["claim_ids" if c == "claims" else c for c in columns]


def _cell(value: Any) -> str:
    """One flat cell: lists "; "-joined (claims by claim_id), None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v["claim_id"] if isinstance(v, dict) else v) for v in value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _write_csv(out: TextIO, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    """CSV for spreadsheets: formula-like cells escaped (OWASP)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_flat(columns))
    for record in records:
        writer.writerow([csv_cell(_cell(record[c])) for c in columns])


def _write_raw_csv(out: TextIO, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    """CSV with every cell exactly as stored (--raw), for programs rather than spreadsheets."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_flat(columns))
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns])


def _md_cell(value: Any) -> str:
    text = _cell(value).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _write_md(out: TextIO, columns: list[str], records: Iterator[dict[str, Any]]) -> None:
    out.write("| " + " | ".join(_flat(columns)) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for record in records:
        out.write("| " + " | ".join(_md_cell(record[c]) for c in columns) + " |\n")
