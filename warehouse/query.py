"""Read-only SQL for analysts (`crosscheck query`), with plain-text table and CSV output.

The connection is read-only and has file-system access disabled, so a query can neither change
the warehouse nor write or read other files; DuckDB's own message explains any refusal. A query
is stopped at its time limit and DuckDB held to a memory limit, so a runaway query cannot block a
scheduled run; page text is printed with control characters escaped (see warehouse/safety.py).
"""

from __future__ import annotations

import csv
import io
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from crosscheck.warehouse.connection import open_warehouse
from crosscheck.warehouse.errors import QueryError
from crosscheck.warehouse.safety import (
    DEFAULT_QUERY_MEMORY,
    DEFAULT_QUERY_TIMEOUT,
    csv_cell,
    terminal_text,
    valid_memory_limit,
)


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of one query (the last statement's result)."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    truncated: bool = False  # more rows existed than the max_rows asked for


def run_query(
    path: Path | str,
    sql: str,
    *,
    timeout: float | None = DEFAULT_QUERY_TIMEOUT,
    memory_limit: str = DEFAULT_QUERY_MEMORY,
    max_rows: int | None = None,
    wait: float = 0.0,
) -> QueryResult:
    """Run analyst SQL on a read-only connection; errors become QueryError with DuckDB's message.

    The query is interrupted after ``timeout`` seconds (None: no limit) and DuckDB may use at
    most ``memory_limit`` (e.g. "1GB") before it spills or fails; at most ``max_rows`` rows are
    fetched into Python (``truncated`` says when there were more). ``wait`` seconds are spent
    waiting for a writer (a run's load) to let go of the file.
    """
    if not sql or not sql.strip():
        raise QueryError("empty query: give a SQL statement, e.g. 'SELECT * FROM runs'")
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        raise QueryError(f"query timeout must be a number of seconds > 0, not {timeout!r}")
    if max_rows is not None and max_rows < 1:
        raise QueryError(f"max rows must be at least 1, not {max_rows}")
    if not valid_memory_limit(memory_limit):
        raise QueryError(f"memory limit must be a size such as 512MB or 2GB, not {memory_limit!r}")
    config: dict[str, str | bool | int] = {
        "enable_external_access": False,
        "memory_limit": memory_limit.replace(" ", ""),
    }
    con = open_warehouse(path, read_only=True, config=config, wait=wait)
    timer = threading.Timer(timeout, con.interrupt) if timeout is not None else None
    try:
        if timer is not None:
            timer.daemon = True
            timer.start()
        cursor = con.execute(sql)
        if cursor.description is None:
            return QueryResult()
        columns = [d[0] for d in cursor.description]
        if max_rows is None:
            return QueryResult(columns=columns, rows=cursor.fetchall())
        rows = cursor.fetchmany(max_rows + 1)
        return QueryResult(columns, rows[:max_rows], truncated=len(rows) > max_rows)
    except duckdb.InterruptException:
        raise QueryError(
            f"query stopped after its time limit of {timeout:g} s (raise it with --timeout)"
        ) from None
    except duckdb.OutOfMemoryException as exc:
        raise QueryError(
            f"query needs more than its memory limit of {memory_limit} "
            f"(raise it with --memory-limit): {exc}"
        ) from None
    except duckdb.Error as exc:
        raise QueryError(str(exc)) from exc
    finally:
        if timer is not None:
            timer.cancel()
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
    """One line, at most `width` characters (an ellipsis marks the cut); control and escape
    characters from page text are shown escaped, never sent to the terminal."""
    flat = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text
    flat = terminal_text(flat)
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
    more = "; more rows exist: raise --max-rows" if result.truncated else ""
    out.append(f"({count} row{'s' if count != 1 else ''}{more})")
    return "\n".join(out)


def format_csv(result: QueryResult, *, raw: bool = False) -> str:
    """The result as CSV with a header row (NULL as an empty field). Unless ``raw``, cells that a
    spreadsheet would run as formulas are quoted and control characters escaped (the text is
    printed to a terminal)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def cell(value: Any) -> str:
        text = "" if value is None else _text(value)
        return text if raw else csv_cell(terminal_text(text, keep_newlines=True))

    if result.columns:
        writer.writerow([cell(c) for c in result.columns])
    for row in result.rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()
