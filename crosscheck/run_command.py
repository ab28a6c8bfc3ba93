"""`crosscheck run`: merge the settings, hand them to crosscheck.runner, print what happened.

Import-light on purpose: the run lock is taken inside execute() before pandas, DuckDB or any
stage is imported, so a second run on a busy warehouse is refused at once.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from crosscheck.config import Settings, resolve
from crosscheck.errors import ConfigError

if TYPE_CHECKING:
    from crosscheck.pipeline import RunSummary

EXIT_OK, EXIT_USAGE = 0, 2
_FLAG_KEYS: tuple[str, ...] = ("sources", "config", "db", "snapshots", "fail_on", "report")
_FLAG_KEYS += ("data_docs", "log_format", "wait", "engine", "scheduler", "lake")


def settings_of(args: argparse.Namespace) -> Settings:
    """The merged settings of a command (crosscheck.config.resolve: defaults < config file <
    environment < flags)."""
    flags = {key: getattr(args, key, None) for key in _FLAG_KEYS}
    if getattr(args, "no_validate", False):
        flags["validate"] = False
    if getattr(args, "command", None) == "run" and flags.get("data_docs") is not None:
        flags["build_data_docs"] = True  # `run --data-docs DIR` asks for them
    if getattr(args, "fail_on_fetch_error", False):
        flags["fail_on_fetch_error"] = True
    if getattr(args, "allow_private_networks", False):
        flags["allow_private_networks"] = True
    return resolve(flags)


def cmd_run(args: argparse.Namespace, origin: float | None = None) -> int:
    """`crosscheck run`; elapsed starts at `origin` (perf_counter; default: now)."""
    from crosscheck.logs import configure_logging, log_summary
    from crosscheck.progress import terminal_progress
    from crosscheck.runner import execute, result_record

    try:
        settings = settings_of(args)
    except ConfigError as error:
        print(f"crosscheck: {error}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging(settings.log_format)
    with terminal_progress() as progress:
        result = execute(settings, progress, origin=origin)
    if getattr(args, "fail_on_new", False) and result.status == "completed":
        from crosscheck.review_commands import decide_fail_on_new

        decide_fail_on_new(result, settings, args)
    if result.summary is not None:
        print_summary(result.summary)
        if result.loaded:
            print(f"  load        committed: run {result.run_id} is completed")
        for note in result.notes:
            print(f"  {note}")
    if result.exit_code != EXIT_OK:
        print(f"crosscheck: {result.message}", file=sys.stderr)
    if settings.log_format == "json" and result.exit_code != EXIT_USAGE:
        log_summary(result_record(result))
    return result.exit_code


_OWN_LINES = ("startup", "validation", "report")  # timed on lines of their own


def print_timing(s: RunSummary) -> None:
    """Where the command's wall time went: `elapsed` is from process start to the end of the
    run, and start-up, the stages, validation and report are parts of it (what no part
    accounts for is `other`)."""
    stages = {k: v for k, v in s.stage_seconds.items() if k not in _OWN_LINES}
    other = s.elapsed_s - sum(s.stage_seconds.values())
    print(f"  elapsed     {s.elapsed_s:.2f}s wall, from process start")
    if "startup" in s.stage_seconds:
        print(f"  start-up    {s.stage_seconds['startup']:.2f}s (interpreter, imports, warehouse)")
    parts = ", ".join(f"{k} {v:.2f}s" for k, v in stages.items())
    print(f"  stages      {parts}; other {max(other, 0.0):.2f}s")


def print_summary(s: RunSummary) -> None:
    """The run's counts on stdout (failed sources on stderr)."""
    print(f"run {s.run_id} → {s.db_path}")
    print(
        f"  pages       {s.pages} ({s.pages_unchanged} unchanged, {s.pages_failed} failed or "
        "skipped)"
    )
    print(f"  claims      {s.claims} ({s.new_claims} new)")
    print(f"  facts       {s.facts}")
    print(f"  quarantined {s.quarantined}")
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(s.findings_by_kind.items())) or "none"
    causes = f"; {s.root_causes} root causes" if 0 < s.root_causes < s.findings else ""
    print(
        f"  findings    {s.findings} ({s.new_findings} new, {s.resolved_findings} resolved"
        f"{causes}): {kinds}"
    )
    if s.results_run:
        print(f"  unchanged   nothing changed since run {s.results_run}: its results are shared")
    if not s.claims:
        print("  note        no page yielded a figure: 0 claims, 0 facts, 0 findings")
    print_timing(s)
    from crosscheck.warehouse.safety import (
        terminal_text,  # page-given text: control characters escaped
    )

    for source, reason in s.failed_sources:
        print(terminal_text(f"  ! {source}: {reason}"), file=sys.stderr)
    if s.empty_pages:
        print(f"  no claim    {len(s.empty_pages)} page(s) read without a claim")
        for source, reason in s.empty_pages:
            print(terminal_text(f"  ? {source}: {reason}"), file=sys.stderr)
