"""Command implementations behind the CLI; each returns an exit code and never a traceback
for a known error (bad input, busy warehouse). `run` lives in crosscheck.run_command (it must
take its lock before this module's heavy imports); these commands read the warehouse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal

from crosscheck.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _fail
from crosscheck.errors import ConfigError, RunFailed, RunLocked
from crosscheck.review_commands import review_handlers
from crosscheck.run_command import settings_of as _settings
from crosscheck.warehouse import (
    QueryError,
    WarehouseError,
    WarehouseLocked,
    WarehouseNotFound,
    export,
    export_all_parquet,
    format_csv,
    format_table,
    open_warehouse,
    run_query,
)
from crosscheck.warehouse.errors import UnknownRun
from crosscheck.warehouse.safety import terminal_text


def dispatch(args: argparse.Namespace) -> int:
    handlers = {
        "export": cmd_export,
        "report": cmd_report,
        "query": cmd_query,
        "diff": cmd_diff,
        "vocab": cmd_vocab,
        "validate": cmd_validate,
        **review_handlers(),
    }
    try:
        return handlers[args.command](args)
    except ConfigError as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseNotFound as error:
        return _fail(str(error), EXIT_USAGE)
    except (WarehouseLocked, RunFailed, RunLocked) as error:
        return _fail(str(error), EXIT_FAILED)
    except (QueryError, UnknownRun) as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseError as error:
        return _fail(str(error), EXIT_FAILED)


def build_run_config(args: argparse.Namespace) -> tuple[object, object]:
    """(RunConfig, Settings) of a `run` command line: what crosscheck.runner would run."""
    from crosscheck.runner import build_run_config as build

    settings = _settings(args)
    return build(settings, check_sources=False), settings


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.out is None:
        raise ConfigError("--format parquet needs --out FILE")
    if args.what == "warehouse" and (args.format != "parquet" or args.out is None):
        raise ConfigError(
            "export warehouse writes every table as Parquet: use --format parquet --out FOLDER"
        )
    settings = _settings(args)
    con = open_warehouse(settings.db, read_only=True, wait=settings.wait)
    try:
        if args.what == "warehouse":
            written = export_all_parquet(con, args.out)
            print(f"{len(written)} tables written to {args.out}")
            return EXIT_OK
        text = export(con, args.what, args.format, args.out, raw=getattr(args, "raw", False))
    finally:
        con.close()
    if text is not None:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from crosscheck.validation import write_report

    settings = _settings(args)
    out = args.out or Path(f"crosscheck-report.{args.format}")  # md never overwrites the HTML
    write_report(settings.db, out, args.format, wait=settings.wait)
    print(f"report written to {out}")
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    settings = _settings(args)
    result = run_query(
        settings.db,
        args.sql,
        timeout=args.timeout,
        memory_limit=args.memory_limit,
        max_rows=args.max_rows,
        wait=settings.wait,
    )
    text = format_csv(result, raw=args.raw) if args.csv else format_table(result) + "\n"
    sys.stdout.write(text)
    if result.truncated:
        print(f"crosscheck: only the first {args.max_rows:,} rows were printed", file=sys.stderr)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from crosscheck.warehouse.changes import changes_since

    con = open_warehouse(_settings(args).db, read_only=True)
    try:
        changes = changes_since(con, args.since)
    finally:
        con.close()
    since = changes.since_run or "the beginning"
    print(f"changes since {since} (latest run {changes.latest_run})")
    counts = changes.findings["change"].value_counts().to_dict()
    print("findings: " + (", ".join(f"{n} {c}" for c, n in sorted(counts.items())) or "none"))
    for row in changes.findings.itertuples(index=False):
        print(
            terminal_text(f"  {row.change:<9} {row.severity:<6} {row.kind:<20} {row.explanation}")
        )
    print(f"figures: {len(changes.figures)} changed or added")
    for row in changes.figures.itertuples(index=False):
        old = "—" if row.old_value is None or row.old_value != row.old_value else row.old_value
        print(
            terminal_text(
                f"  {row.change:<7} {row.entity} {row.label!r}: {old} → {row.new_value} "
                f"({row.source} {row.locator})"
            )
        )
    return EXIT_OK


UNMAPPED_SQL = """
SELECT f.metric, c.label, c.unit_hint, count(*) AS claims, count(DISTINCT c.source) AS pages,
       min(c.raw_value) AS example_value
FROM facts AS f JOIN claims AS c USING (claim_id)
WHERE f.metric = 'unmapped' OR f.metric LIKE 'auto:%'
GROUP BY f.metric, c.label, c.unit_hint
ORDER BY claims DESC, f.metric, c.label
"""


def cmd_vocab(args: argparse.Namespace) -> int:
    result = run_query(_settings(args).db, UNMAPPED_SQL)
    print(
        f"{len(result.rows)} unmapped labels (auto metrics and unmapped figures; promote them "
        "in a vocabulary overrides file; "
        "see docs/vocabulary.md)"
    )
    print(format_table(result))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from crosscheck.validation import run_validation

    settings = _settings(args)
    if not settings.db.exists():
        raise ConfigError(f"warehouse {settings.db} does not exist")
    # The whole warehouse with Great Expectations and Data Docs: the suite's own schedule
    # (`crosscheck run` validates only its rows, in DuckDB, unless asked for Data Docs).
    run = getattr(args, "run", None)
    if run is not None:
        known = _run_ids(settings.db, settings.wait)
        if run not in known:
            raise ConfigError(f"--run {run}: no such run in {settings.db}")
    scope: Literal["run", "warehouse"] = "warehouse" if run is None else "run"
    passed, line = run_validation(
        settings.db, settings.data_docs_dir, run, wait=settings.wait, scope=scope
    )
    print(f"  validation  {line}")
    return EXIT_OK if passed else EXIT_FINDINGS


def _run_ids(db: Path, wait: float) -> set[str]:
    con = open_warehouse(db, read_only=True, wait=wait)
    try:
        return {str(run_id) for (run_id,) in con.execute("SELECT run_id FROM runs").fetchall()}
    finally:
        con.close()
