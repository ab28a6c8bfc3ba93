"""`crosscheck review` and the review side of `run --fail-on`: verdicts recorded through
warehouse.reviews, so the CLI and the review page (`crosscheck serve`) write the same rows."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

VERDICTS = ("confirmed", "dismissed", "expected")


def add_review_parsers(sub: Any, default_db: Path) -> None:
    """The `review` and `serve` subcommands (argparse only: --help stays instant)."""
    review = sub.add_parser(
        "review",
        help="record a verdict on a finding, or list the verdicts",
        description="`crosscheck review FINDING_ID --verdict dismissed --note WHY` records a "
        "verdict (kept as history in the reviews table); a dismissed or expected finding "
        "leaves open_findings and --fail-on until its evidence changes, then reopens. "
        "`crosscheck review list` shows the verdicts in force and what changed since.",
    )
    review.add_argument(
        "finding",
        metavar="FINDING_ID|list",
        help="a finding id (or a unique prefix of 6+ characters), or `list`",
    )
    review.add_argument("--db", type=Path, default=default_db)
    review.add_argument("--verdict", choices=VERDICTS, default=None)
    review.add_argument("--note", default=None, help="why (required with --verdict)")
    review.add_argument("--by", default=None, metavar="NAME", help="reviewer (default: login)")
    review.add_argument(
        "--value",
        default=None,
        help="confirmed only: the true value, as a figure with its unit ('120 ms', '2.8M', "
        "'45 MB') or a bare number in the finding's canonical unit (seconds, bytes, 308 for "
        "version 3.8); it pins the consensus of the entity and metric and scores the sources "
        "from the next run on",
    )
    review.add_argument(
        "--history",
        action="store_true",
        help="list: every verdict, not only the one in force per finding",
    )
    review.add_argument("--format", choices=("table", "json"), default="table")
    review.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="wait this long for a running pipeline to release the warehouse (default 30)",
    )

    serve = sub.add_parser(
        "serve",
        help="a local review page: filter findings, open evidence, record verdicts",
        description="Serve a review page on 127.0.0.1 (a random token in the URL, "
        "CSRF-protected forms); verdicts go through the same code as `crosscheck review`. "
        "Writes wait up to --wait seconds for a running pipeline.",
    )
    serve.add_argument("--db", type=Path, default=default_db)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="default: any free port")
    serve.add_argument("--wait", type=float, default=30.0, metavar="SECONDS")


def review_handlers() -> dict[str, Callable[[argparse.Namespace], int]]:
    return {"review": cmd_review, "serve": cmd_serve}


def cmd_serve(args: argparse.Namespace) -> int:
    from crosscheck.cli import EXIT_OK
    from crosscheck.warehouse.report_server import serve

    def announce(line: str) -> None:
        print(line, flush=True)

    try:
        serve(args.db, args.host, args.port, args.wait, announce)
    except KeyboardInterrupt:
        print("review page stopped")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from crosscheck.cli import EXIT_OK, EXIT_USAGE, _fail
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.reviews import (
        ReviewError,
        open_for_review,
        record_review,
        verdict_states,
    )

    if args.finding == "list":
        con = open_warehouse(args.db, read_only=True)
        try:
            states = verdict_states(con, history=args.history)
        finally:
            con.close()
        _print_states(states, args.format)
        return EXIT_OK
    if args.verdict is None:
        return _fail("give --verdict confirmed|dismissed|expected and --note", EXIT_USAGE)
    if not args.db.exists():
        return _fail(f"warehouse {args.db} does not exist", EXIT_USAGE)
    try:
        value, unit = _read_value(args.value)
    except ValueError as error:
        return _fail(str(error), EXIT_USAGE)
    con = open_for_review(args.db, args.wait)
    try:
        review = record_review(
            con, args.finding, args.verdict, args.note or "", args.by, value, value_unit=unit
        )
    except ReviewError as error:
        return _fail(str(error), EXIT_USAGE)
    finally:
        con.close()
    pinned = f", true value {review.true_value:g} {review.unit}" if review.unit else ""
    print(
        f"recorded: {review.finding_id} {review.verdict.value} by {review.reviewer}{pinned}: "
        f"{review.note}"
    )
    return EXIT_OK


def _read_value(text: str | None) -> tuple[float | None, str | None]:
    """(value in a canonical unit, that unit) from `--value`: a bare number is taken as
    canonical (unit None: the finding's), a figure with a unit goes through the normalizer."""
    if text is None or not text.strip():
        return None, None
    try:
        return float(text.replace(",", "")), None
    except ValueError:
        pass
    from crosscheck.normalize.quantity import ParsedQuantity, read_quantity

    parsed = read_quantity(text)
    if not isinstance(parsed, ParsedQuantity):
        raise ValueError(f"--value {text!r} is not a figure: {parsed.message}")
    if parsed.low != parsed.high:
        raise ValueError(f"--value {text!r} is a range: give one figure")
    return parsed.low, parsed.unit


def _print_states(states: Any, fmt: str) -> None:
    if fmt == "json":
        records = json.loads(states.to_json(orient="records", date_format="iso"))
        sys.stdout.write(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        return
    print(f"{len(states)} verdict(s)")
    for row in states.itertuples(index=False):
        value = f" value={row.true_value:g} {row.unit}" if row.true_value == row.true_value else ""
        print(
            f"  {row.finding_id}  {row.verdict:<9} {row.state:<10} {row.reviewed_at:%Y-%m-%d %H:%M}"
            f"  by {row.reviewer}{value}: {row.note}"
        )
        if row.changed:
            print(f"      changed: {row.changed}")
        if isinstance(row.explanation, str):
            print(f"      {row.severity} {row.kind}: {row.explanation}")


def decide_fail_on_new(result: Any, settings: Any, args: argparse.Namespace) -> None:
    """`run --fail-on-new`: the exit decision of a completed run (crosscheck.runner's
    RunResult) counts only findings new or reopened since the baseline, at or above
    --fail-on (any severity without it); a failed fetch under --fail-on-fetch-error still
    fails it."""
    from crosscheck.cli import EXIT_FINDINGS, EXIT_OK

    fetch_failed = bool(settings.fail_on_fetch_error and result.failed_sources)
    fails = run_fails(settings.db, result.run_id, settings.fail_on, args)
    result.exit_code = EXIT_FINDINGS if fails or fetch_failed else EXIT_OK
    if not fails and not fetch_failed:
        result.message = f"run {result.run_id} completed: no finding new since the baseline"


def run_fails(db: Path, run_id: str, fail_on: str | None, args: argparse.Namespace) -> bool:
    """Whether a run's findings fail it: at or above `fail_on` (any severity when only
    --fail-on-new is given), not set aside by a verdict, and new since the baseline with
    --fail-on-new. Prints the reason so a scheduler's log says which findings failed it."""
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.reviews import failing_findings, previous_run

    new_only = bool(getattr(args, "fail_on_new", False))
    con = open_warehouse(db, read_only=True)
    try:
        baseline = getattr(args, "baseline", None)
        if new_only and baseline is None:
            baseline = previous_run(con, run_id)
        failing = failing_findings(con, run_id, fail_on or "info", baseline if new_only else None)
    finally:
        con.close()
    if failing.empty:
        return False
    since = f" new since run {baseline}" if new_only and baseline else ""
    print(
        f"  fail-on     {len(failing)} finding(s) at or above {fail_on or 'info'}{since} "
        "without a dismissed/expected verdict",
        file=sys.stderr,
    )
    return True
