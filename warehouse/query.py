"""Read-only SQL for analysts (`crosscheck query`), with plain-text table and CSV output.

The connection is read-only and has file-system access disabled, so a query can neither change
the warehouse nor write or read other files; DuckDB's own message explains any refusal.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import open_warehouse
from warehouse.errors import QueryError


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of one query (the last statement's result)."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def run_query(path: Path | str, sql: str, wait: float = 0.0) -> QueryResult:
    """Run analyst SQL on a read-only connection; errors become QueryError with DuckDB's message."""
    con = open_warehouse(path, read_only=True, config={"enable_external_access": False}, wait=wait)
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            return QueryResult()
        columns = [d[0] for d in cursor.description]
        return QueryResult(columns=columns, rows=cursor.fetchall())
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from exc
    finally:
        con.close()


def _text(value: Any) -> str:
    """Render one value readably: NULL for missing, whole floats without '.0', lists joined."""
    if value is None:
        return "NULL"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)


def _fit(text: str, width: int) -> str:
    """One line, at most `width` characters (an ellipsis marks the cut)."""
    flat = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"


def format_table(result: QueryResult, max_width: int = 40) -> str:
    """Plain-text table: header, rule, rows (numbers right-aligned), row count; no final newline."""
    if not result.columns:
        return "(no result)"
    cells = [[_fit(_text(v), max_width) for v in row] for row in result.rows]
    headers = [_fit(c, max_width) for c in result.columns]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(result.rows)
        and all(isinstance(r[i], int | float) or r[i] is None for r in result.rows)
        and any(r[i] is not None for r in result.rows)
        for i in range(len(headers))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return " | ".join(parts).rstrip()

    out = [line(headers), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    count = len(result.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out)


def format_csv(result: QueryResult) -> str:
    """The result as CSV with a header row (NULL as an empty field)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if result.columns:
        writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if v is None else _text(v) for v in row])
    return buffer.getvalue()
