"""Command implementations behind the CLI; each returns an exit code and never a traceback
for a known error (bad input, busy warehouse, failed run)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crosscheck.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, _fail, bundled_examples
from crosscheck.contracts import Severity
from crosscheck.errors import ConfigError, RunFailed
from warehouse import (
    QueryError,
    WarehouseError,
    WarehouseLocked,
    WarehouseNotFound,
    export,
    format_csv,
    format_table,
    open_warehouse,
    run_query,
)


def dispatch(args: argparse.Namespace) -> int:
    handlers = {"run": cmd_run, "export": cmd_export, "report": cmd_report, "query": cmd_query}
    try:
        return handlers[args.command](args)
    except ConfigError as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseNotFound as error:
        return _fail(str(error), EXIT_USAGE)
    except (WarehouseLocked, RunFailed) as error:
        return _fail(str(error), EXIT_FAILED)
    except QueryError as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseError as error:
        return _fail(str(error), EXIT_FAILED)


def cmd_run(args: argparse.Namespace) -> int:
    from crosscheck.pipeline import RunConfig, run_pipeline
    from ingest.errors import IngestError
    from normalize.errors import NormalizeError

    sources = list(args.sources) or [str(bundled_examples())]
    if not args.sources and not bundled_examples().is_dir():
        raise ConfigError("no SOURCE given and the bundled example pages are missing")
    snapshots = args.snapshots or args.db.resolve().parent / ".crosscheck" / "snapshots"
    config = RunConfig(sources=sources, db_path=args.db, snapshot_dir=snapshots)
    try:
        summary = run_pipeline(config)
    except (IngestError, NormalizeError) as error:
        raise ConfigError(str(error)) from error
    print_summary(summary)
    if args.report is not None:
        _write_report(args.db, args.report, "html")
    if args.fail_on is not None:
        worst = summary.worst_severity()
        if worst is not None and worst.rank >= Severity(args.fail_on).rank:
            return EXIT_FINDINGS
    return EXIT_OK


def print_summary(summary: object) -> None:
    s = summary  # RunSummary; typed loosely to keep this module import-light
    print(f"run {s.run_id} → {s.db_path}")
    print(f"  pages       {s.pages} ({s.pages_failed} failed or skipped)")
    print(f"  claims      {s.claims} ({s.new_claims} new)")
    print(f"  facts       {s.facts}")
    print(f"  quarantined {s.quarantined}")
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(s.findings_by_kind.items())) or "none"
    print(f"  findings    {s.findings} ({s.new_findings} new): {kinds}")
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in s.stage_seconds.items())
    print(f"  elapsed     {s.elapsed_s:.2f}s ({stages})")
    for source, reason in s.failed_sources:
        print(f"  ! {source}: {reason}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.out is None:
        raise ConfigError("--format parquet needs --out FILE")
    con = open_warehouse(args.db, read_only=True)
    try:
        text = export(con, args.what, args.format, args.out)
    finally:
        con.close()
    if text is not None:
        sys.stdout.write(text)
    return EXIT_OK


def _write_report(db: Path, out: Path, fmt: str) -> None:
    from warehouse.report import write_report

    con = open_warehouse(db, read_only=True)
    try:
        write_report(con, out, fmt)
    finally:
        con.close()


def cmd_report(args: argparse.Namespace) -> int:
    _write_report(args.db, args.out, args.format)
    print(f"report written to {args.out}")
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    result = run_query(args.db, args.sql)
    sys.stdout.write(format_csv(result) if args.csv else format_table(result) + "\n")
    return EXIT_OK
