"""Command implementations behind the CLI; each returns an exit code and never a traceback
for a known error (bad input, busy warehouse, failed run)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crosscheck.cli import (
    DEFAULT_DB,
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    _fail,
    bundled_examples,
)
from crosscheck.contracts import Severity
from crosscheck.errors import ConfigError, RunFailed
from warehouse import (
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
from warehouse.changes import UnknownRun
from warehouse.safety import terminal_text


def dispatch(args: argparse.Namespace) -> int:
    handlers = {
        "run": cmd_run,
        "export": cmd_export,
        "report": cmd_report,
        "query": cmd_query,
        "diff": cmd_diff,
        "vocab": cmd_vocab,
        "validate": cmd_validate,
    }
    try:
        return handlers[args.command](args)
    except ConfigError as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseNotFound as error:
        return _fail(str(error), EXIT_USAGE)
    except (WarehouseLocked, RunFailed) as error:
        return _fail(str(error), EXIT_FAILED)
    except (QueryError, UnknownRun) as error:
        return _fail(str(error), EXIT_USAGE)
    except WarehouseError as error:
        return _fail(str(error), EXIT_FAILED)


def build_run_config(args: argparse.Namespace) -> tuple[object, object]:
    """(RunConfig, FileConfig) from the config file (if any) overridden by the flags."""
    from dataclasses import replace

    from crosscheck.config import FileConfig, load_config
    from crosscheck.intervals import IntervalPolicy
    from crosscheck.pipeline import RunConfig
    from ingest.errors import FetchConfigError
    from ingest.fetch import FetchConfig
    from normalize import NormalizeConfig

    file = load_config(args.config) if args.config else FileConfig()
    sources = list(args.sources) or file.sources
    if not sources:
        if not bundled_examples().is_dir():
            raise ConfigError("no SOURCE given and the bundled example pages are missing")
        sources = [str(bundled_examples())]
    db = args.db or file.db or DEFAULT_DB
    snapshots = (
        args.snapshots or file.snapshots or db.resolve().parent / ".crosscheck" / "snapshots"
    )
    fetch_keys = {
        "delay": "per_host_delay",
        "connect_timeout": "connect_timeout",
        "read_timeout": "read_timeout",
        "retries": "retries",
        "max_bytes": "max_bytes",
        "respect_robots": "respect_robots",
        "user_agent": "user_agent",
        "total_timeout": "total_timeout",
        "host_budget": "host_budget",
        "allow_private_networks": "allow_private_networks",
    }
    try:
        fetch = replace(
            FetchConfig(), **{fetch_keys[k]: v for k, v in file.fetch.items() if k in fetch_keys}
        )
        if getattr(args, "allow_private_networks", None):
            fetch = replace(fetch, allow_private_networks=True)
    except FetchConfigError as error:
        raise ConfigError(f"{args.config}: fetch: {error}") from error
    policy_keys = ("default_tolerance", "approximate_tolerance", "at_least_slack")
    intervals = IntervalPolicy(**{k: float(v) for k, v in file.checks.items() if k in policy_keys})
    extra = (
        {"reference_year": file.checks["reference_year"]} if "reference_year" in file.checks else {}
    )
    overrides = str(file.vocabulary_overrides) if file.vocabulary_overrides else None
    config = RunConfig(
        sources=sources,
        db_path=db,
        snapshot_dir=snapshots,
        fetch=fetch,
        normalize=NormalizeConfig(vocabulary_overrides=overrides),
        intervals=intervals,
        **extra,
    )
    return config, file


def cmd_run(args: argparse.Namespace) -> int:
    from crosscheck.logs import configure_logging
    from crosscheck.pipeline import run_pipeline
    from ingest.errors import IngestError
    from normalize.errors import NormalizeError

    config, file = build_run_config(args)
    configure_logging(args.log_format or file.log_format or "text")
    from crosscheck.progress import terminal_progress

    try:
        with terminal_progress() as progress:
            summary = run_pipeline(config, progress)
    except (IngestError, NormalizeError) as error:
        raise ConfigError(str(error)) from error
    print_summary(summary)
    validate = file.validate if file.validate is not None else True
    if validate and not args.no_validate:
        run_validation(config.db_path, args.data_docs, summary.run_id)
    report = args.report or file.report
    if report is not None:
        _write_report(config.db_path, report, "html")
        print(f"  report      {report}")
    fail_on = args.fail_on or file.fail_on
    if fail_on is not None:
        worst = summary.worst_severity()
        if worst is not None and worst.rank >= Severity(fail_on).rank:
            return EXIT_FINDINGS
    return EXIT_OK


def print_summary(summary: object) -> None:
    s = summary  # RunSummary; typed loosely to keep this module import-light
    print(f"run {s.run_id} → {s.db_path}")
    print(
        f"  pages       {s.pages} ({s.pages_unchanged} unchanged, {s.pages_failed} failed or "
        "skipped)"
    )
    print(f"  claims      {s.claims} ({s.new_claims} new)")
    print(f"  facts       {s.facts}")
    print(f"  quarantined {s.quarantined}")
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(s.findings_by_kind.items())) or "none"
    print(
        f"  findings    {s.findings} ({s.new_findings} new, {s.resolved_findings} resolved): "
        f"{kinds}"
    )
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in s.stage_seconds.items())
    print(f"  elapsed     {s.elapsed_s:.2f}s ({stages})")
    for source, reason in s.failed_sources:
        print(terminal_text(f"  ! {source}: {reason}"), file=sys.stderr)
    empty = getattr(s, "empty_pages", [])
    if empty:
        print(f"  no claim    {len(empty)} page(s) read without a claim")
        for source, reason in empty:
            print(terminal_text(f"  ? {source}: {reason}"), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.out is None:
        raise ConfigError("--format parquet needs --out FILE")
    if args.what == "warehouse" and (args.format != "parquet" or args.out is None):
        raise ConfigError(
            "export warehouse writes every table as Parquet: use --format parquet --out FOLDER"
        )
    con = open_warehouse(args.db, read_only=True)
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
    result = run_query(
        args.db,
        args.sql,
        timeout=args.timeout,
        memory_limit=args.memory_limit,
        max_rows=args.max_rows,
    )
    text = format_csv(result, raw=args.raw) if args.csv else format_table(result) + "\n"
    sys.stdout.write(text)
    if result.truncated:
        print(f"crosscheck: only the first {args.max_rows:,} rows were printed", file=sys.stderr)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from warehouse.changes import changes_since

    con = open_warehouse(args.db, read_only=True)
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
SELECT c.label, c.unit_hint, count(*) AS claims, count(DISTINCT c.source) AS pages,
       min(c.raw_value) AS example_value
FROM facts AS f JOIN claims AS c USING (claim_id)
WHERE f.metric = 'unmapped'
GROUP BY c.label, c.unit_hint
ORDER BY claims DESC, c.label
"""


def cmd_vocab(args: argparse.Namespace) -> int:
    result = run_query(args.db, UNMAPPED_SQL)
    print(
        f"{len(result.rows)} unmapped labels (add them to a vocabulary overrides file; "
        "see docs/vocabulary.md)"
    )
    print(format_table(result))
    return EXIT_OK


def default_docs_dir(db: Path) -> Path:
    return db.resolve().parent / ".crosscheck" / "data-docs"


def run_validation(db: Path, docs_dir: Path | None, run_id: str | None = None) -> bool:
    """Run the suite, record it in check_runs, print one line; True when it passed."""
    from checks.errors import ChecksError
    from checks.suite import run_suite
    from warehouse.check_runs import record_check_run

    docs = docs_dir or default_docs_dir(db)
    con = open_warehouse(db)
    try:
        try:
            result = run_suite(con, docs, run_id)
        except ChecksError as error:
            raise RunFailed(f"validation of {db} failed to run: {error}") from error
        record_check_run(
            con,
            run_id=result.run_id or run_id or "",
            suite=result.suite,
            suite_version=result.suite_version,
            success=result.success,
            evaluated=result.evaluated,
            failed=result.failed,
            summary=result.summary(),
            docs_path=str(result.docs_path) if result.docs_path else None,
        )
    finally:
        con.close()
    verdict = "passed" if result.success else "FAILED"
    names = ", ".join(r.name for r in result.failures)
    print(
        f"  validation  {verdict}: {result.evaluated} expectations, {result.failed} failed"
        + (f" ({names})" if names else "")
        + f"; Data Docs {result.docs_path}"
    )
    return result.success


def cmd_validate(args: argparse.Namespace) -> int:
    if not args.db.exists():
        raise ConfigError(f"warehouse {args.db} does not exist")
    return EXIT_OK if run_validation(args.db, args.data_docs) else EXIT_FINDINGS
