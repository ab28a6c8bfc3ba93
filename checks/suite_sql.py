"""The warehouse suite's expectations evaluated as SQL inside DuckDB, with GX's semantics.

Importing Great Expectations alone takes ~3.6 s, longer than a whole small run may; the rules of
:mod:`checks.suite_expectations` are simple column predicates, so `crosscheck run` evaluates
them here in one query per table (milliseconds) and GX stays for Data Docs and `crosscheck
validate`. Missing values are skipped as GX skips them (NULL, and NaN in float columns);
tests/checks/test_suite_engines.py holds both engines to the same verdicts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import duckdb
from crosscheck.checks.suite_expectations import (
    TABLE_CHECKS,
    Expect,
    SuiteScope,
    TableCheck,
)
from crosscheck.checks.suite_results import (
    DETAIL_ROWS,
    ExpectationRecord,
    SuiteError,
    SuiteResult,
    jsonable,
)

_FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")


def validate_in_duckdb(
    con: duckdb.DuckDBPyConnection, run_id: str | None, scope: SuiteScope = "run"
) -> SuiteResult:
    """Evaluate every expectation over the warehouse (or one run's rows) without leaving DuckDB."""
    started = time.perf_counter()
    params: dict[str, str] = {}
    if scope == "run":
        if run_id is None:
            raise SuiteError("validating one run's rows needs its run id")
        params["run_id"] = run_id
    records: list[ExpectationRecord] = []
    rows: dict[str, int] = {}
    for check in TABLE_CHECKS:
        count, table_records = _check_table(con, check, check.query(scope), params)
        rows[check.table] = count
        records.extend(table_records)
    return SuiteResult.of(
        records,
        run_id=run_id,
        duration_s=round(time.perf_counter() - started, 3),
        engine="duckdb",
        scope=scope,
        rows=rows,
    )


def _check_table(
    con: duckdb.DuckDBPyConnection, check: TableCheck, sql: str, params: Mapping[str, str]
) -> tuple[int, list[ExpectationRecord]]:
    """All of one table's expectations in one aggregate query, then the offending rows of the
    ones that failed (a second, small query each)."""
    try:
        described = con.execute(f"SELECT * FROM ({sql}) AS base LIMIT 0", params).description
    except duckdb.Error as exc:
        raise SuiteError(f"cannot read {check.table} for the suite: {exc}") from exc
    floats = {name for name, kind, *_ in described if str(kind).upper() in _FLOAT_TYPES}
    rules = [_rule(e, floats) for e in check.expectations]
    windows = [w for rule in rules for w in rule.windows]
    framed = f"SELECT *{''.join(f', {w}' for w in windows)} FROM ({sql}) AS base"
    counts = ", ".join(
        f"count(*) FILTER (WHERE {rule.unexpected}), count(*) FILTER (WHERE {rule.missing})"
        for rule in rules
    )
    try:
        values = con.execute(f"WITH t AS ({framed}) SELECT count(*), {counts} FROM t", params)
        total, *per_rule = values.fetchone() or (0,)
    except duckdb.Error as exc:
        raise SuiteError(f"cannot validate {check.table}: {exc}") from exc
    records = []
    for index, (expect, rule) in enumerate(zip(check.expectations, rules, strict=True)):
        unexpected, missing = int(per_rule[2 * index]), int(per_rule[2 * index + 1])
        details: dict[str, Any] = {"element_count": int(total), "missing_count": missing}
        considered = total - missing
        details["unexpected_percent"] = 100.0 * unexpected / considered if considered else 0.0
        if unexpected:
            details.update(_offending(con, check, framed, rule, params))
        records.append(
            ExpectationRecord(
                table=check.table,
                name=expect.name,
                expectation=_snake(expect.gx_type),
                column=expect.column,
                success=unexpected == 0,
                unexpected_count=unexpected,
                severity=expect.severity,
                details=details,
            )
        )
    return int(total), records


def _offending(
    con: duckdb.DuckDBPyConnection,
    check: TableCheck,
    framed: str,
    rule: _Rule,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """Up to DETAIL_ROWS offending values and the ids of their rows, as GX reports them."""
    ids = ", ".join(_quote(c) for c in check.id_columns)
    shown = ", ".join(_quote(c) for c in rule.columns)
    cursor = con.execute(
        f"WITH t AS ({framed}) SELECT {ids}, {shown} FROM t WHERE {rule.unexpected} "
        f"ORDER BY {ids} LIMIT {DETAIL_ROWS}",
        params,
    )
    found = cursor.fetchall()
    width = len(check.id_columns)
    values = [
        row[width] if len(rule.columns) == 1 else dict(zip(rule.columns, row[width:], strict=True))
        for row in found
    ]
    index = [dict(zip(check.id_columns, row[:width], strict=True)) for row in found]
    return {"partial_unexpected_list": jsonable(values), "partial_unexpected_index_list": index}


class _Rule:
    """One expectation as SQL: which rows it rejects, which it skips as missing, the window
    columns it needs (duplicate counts) and the columns its offending values come from."""

    def __init__(
        self, unexpected: str, missing: str, columns: list[str], windows: list[str] | None = None
    ) -> None:
        self.unexpected, self.missing, self.columns = unexpected, missing, columns
        self.windows = windows or []


def _rule(expect: Expect, floats: set[str]) -> _Rule:
    builder = _BUILDERS.get(expect.gx_type)
    if builder is None:
        raise SuiteError(f"{expect.name}: the DuckDB engine has no rule for {expect.gx_type}")
    return builder(expect.name, dict(expect.kwargs), floats)


def _missing(column: str, floats: set[str]) -> str:
    """GX's "missing" on a pandas frame: None, and NaN in float columns."""
    quoted = _quote(column)
    if column in floats:
        return f"({quoted} IS NULL OR isnan({quoted}))"
    return f"({quoted} IS NULL)"


def _column_map(test: Callable[[str, dict[str, Any]], str]) -> Any:
    """A column-map expectation: missing values are skipped, the rest must pass `test`."""

    def build(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
        column = kwargs["column"]
        missing = _missing(column, floats)
        unexpected = f"(NOT {missing} AND NOT coalesce({test(_quote(column), kwargs)}, false))"
        return _Rule(unexpected, missing, [column])

    return build


def _between(column: str, kwargs: dict[str, Any]) -> str:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    parts = [f"{column} >= {_number(low)}"] if low is not None else []
    parts += [f"{column} <= {_number(high)}"] if high is not None else []
    return " AND ".join(parts) or "true"


def _lengths(column: str, kwargs: dict[str, Any]) -> str:
    return _between(f"length({column})", kwargs)


def _not_null(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
    missing = _missing(kwargs["column"], floats)
    return _Rule(missing, "false", [kwargs["column"]])


def _null(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
    missing = _missing(kwargs["column"], floats)
    return _Rule(f"(NOT {missing})", "false", [kwargs["column"]])


def _unique(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
    """Every non-missing row whose value occurs twice or more (pandas duplicated(keep=False))."""
    column, counter = kwargs["column"], _quote(f"__dup_{name}")
    missing = _missing(column, floats)
    window = f"count(*) OVER (PARTITION BY {_quote(column)}) AS {counter}"
    return _Rule(f"(NOT {missing} AND {counter} > 1)", missing, [column], [window])


def _compound_unique(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
    """Rows sharing all the columns' values; rows missing every value are skipped (GX default)."""
    columns, counter = list(kwargs["column_list"]), _quote(f"__dup_{name}")
    missing = "(" + " AND ".join(_missing(c, floats) for c in columns) + ")"
    window = f"count(*) OVER (PARTITION BY {', '.join(_quote(c) for c in columns)}) AS {counter}"
    return _Rule(f"(NOT {missing} AND {counter} > 1)", missing, columns, [window])


def _a_greater_than_b(name: str, kwargs: dict[str, Any], floats: set[str]) -> _Rule:
    """A > B (or ≥); GX's ignore_row_if picks which rows with a missing side are skipped."""
    a, b = kwargs["column_A"], kwargs["column_B"]
    miss_a, miss_b = _missing(a, floats), _missing(b, floats)
    ignore = kwargs.get("ignore_row_if", "both_values_are_missing")
    joiner = " OR " if ignore == "either_value_is_missing" else " AND "
    skipped = f"({miss_a}{joiner}{miss_b})" if ignore != "neither" else "false"
    op = ">=" if kwargs.get("or_equal") else ">"
    holds = f"(NOT {miss_a} AND NOT {miss_b} AND {_quote(a)} {op} {_quote(b)})"
    return _Rule(f"(NOT {skipped} AND NOT coalesce({holds}, false))", skipped, [a, b])


_BUILDERS: dict[str, Callable[[str, dict[str, Any], set[str]], _Rule]] = {
    "ExpectColumnValuesToNotBeNull": _not_null,
    "ExpectColumnValuesToBeNull": _null,
    "ExpectColumnValuesToBeInSet": _column_map(
        lambda col, kw: f"{col} IN ({', '.join(_literal(v) for v in kw['value_set'])})"
    ),
    "ExpectColumnValuesToBeBetween": _column_map(_between),
    "ExpectColumnValueLengthsToBeBetween": _column_map(_lengths),
    "ExpectColumnValuesToMatchRegex": _column_map(
        lambda col, kw: f"regexp_matches({col}, {_literal(kw['regex'])})"
    ),
    "ExpectColumnValuesToBeUnique": _unique,
    "ExpectCompoundColumnsToBeUnique": _compound_unique,
    "ExpectColumnPairValuesAToBeGreaterThanB": _a_greater_than_b,
}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    """A literal from the suite's own definitions (never scraped text): strings or numbers."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return _number(value)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SuiteError(f"not a number in the suite definition: {value!r}")
    return repr(float(value)) if isinstance(value, float) else str(value)


def _snake(gx_type: str) -> str:
    """GX's expectation type from its class name: ExpectColumnValuesToBeInSet → expect_column_…"""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", gx_type).lower()
