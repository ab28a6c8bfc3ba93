"""The `crosscheck` command: parse arguments, call one function, map known errors to exit codes.

Exit codes: 0 completed; 1 findings at or above --fail-on (or a failed source with
--fail-on-fetch-error); 2 usage or configuration error; 3 the run failed (nothing loaded) or
the warehouse is in use; 130 interrupted by Ctrl-C; 143 stopped by SIGTERM. Heavy modules
(pandas, pandera, Great Expectations) are imported inside the commands so `crosscheck --help`
stays instant and a second run is refused at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crosscheck import __version__
from crosscheck.config import DEFAULT_DB, SEVERITIES, bundled_examples

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
EXPORTABLE = ("findings", "claims", "facts", "reconciled", "relations", "reviews", "warehouse")
FORMATS = ("json", "csv", "md", "parquet")
__all__ = ["DEFAULT_DB", "build_parser", "bundled_examples", "main"]
DB_HELP = f"warehouse file (default {DEFAULT_DB}, or CROSSCHECK_DB)"
WAIT_HELP = "wait up to SECONDS for a busy warehouse instead of failing at once (CROSSCHECK_WAIT)"


def _wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=float, default=None, metavar="SECONDS", help=WAIT_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck",
        description="Extract every figure from technology comparison pages, put them on one "
        "scale, flag the contradictions and load it all into DuckDB.",
        epilog="Quick start: `crosscheck run` (bundled example pages), then "
        "`crosscheck report --out report.html`. Exit codes: 0 ok, 1 findings at or above "
        "--fail-on, 2 usage/config error, 3 run failed or warehouse busy, 130 Ctrl-C, "
        "143 SIGTERM. Settings: flags > CROSSCHECK_* environment > config file > defaults "
        "(docs/scheduling.md).",
    )
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="run the whole pipeline on pages and load the warehouse",
        description="Fetch or read the sources, extract claims, normalize, "
        "check, reconcile and load one DuckDB transaction. Findings are data: "
        "the exit code is 0 unless --fail-on is given.",
    )
    run.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="URL, file (.html .htm .txt .md), folder, or sources .toml; "
        "default: the bundled example pages",
    )
    run.add_argument(
        "--config",
        type=Path,
        default=None,
        help="a crosscheck.toml with sources, warehouse, politeness, tolerances… "
        "(or CROSSCHECK_CONFIG); the environment and flags override it",
    )
    run.add_argument("--db", type=Path, default=None, help=DB_HELP)
    run.add_argument(
        "--snapshots",
        type=str,
        default=None,
        help="snapshot folder (default: .crosscheck/snapshots beside the warehouse), or an "
        "fsspec URL every worker sees, such as s3://bucket/prefix (CROSSCHECK_SNAPSHOTS)",
    )
    run.add_argument(
        "--lake",
        type=Path,
        default=None,
        help="also write the run's facts and claims as Parquet under this folder, by run and "
        "entity bucket (CROSSCHECK_LAKE; see docs/scaling.md)",
    )
    run.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="exit 1 when a finding of this severity or worse exists (CROSSCHECK_FAIL_ON)",
    )
    run.add_argument(
        "--fail-on-fetch-error",
        action="store_true",
        default=None,
        help="exit 1 when a source could not be fetched or read (CROSSCHECK_FAIL_ON_FETCH_ERROR)",
    )
    run.add_argument(
        "--fail-on-new",
        action="store_true",
        help="with --fail-on (default: any severity), count only findings new or reopened "
        "since the baseline run",
    )
    run.add_argument(
        "--baseline",
        default=None,
        metavar="RUN",
        help="the baseline run of --fail-on-new (default: the completed run before this one)",
    )
    _wait(run)
    run.add_argument("--report", type=Path, default=None, help="also write the HTML report here")
    run.add_argument(
        "--no-validate",
        action="store_true",
        help="skip the warehouse suite over the rows this run loaded (CROSSCHECK_VALIDATE)",
    )
    run.add_argument(
        "--data-docs",
        type=Path,
        default=None,
        metavar="DIR",
        help="also validate with Great Expectations and rebuild its Data Docs in DIR (a few "
        "seconds more; by default the suite runs as SQL in DuckDB and Data Docs are left to "
        "`crosscheck validate` or CROSSCHECK_BUILD_DATA_DOCS, see docs/suite.md)",
    )
    run.add_argument(
        "--allow-private-networks",
        action="store_true",
        default=None,
        help="let fetches reach loopback, private, link-local and reserved addresses "
        "(refused by default: see docs/security.md)",
    )
    run.add_argument(
        "--engine",
        choices=("local", "dask"),
        default=None,
        help="where parsing and normalizing run: local processes (default) or a Dask "
        "cluster (CROSSCHECK_ENGINE; see docs/engines.md)",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://HOST:8786 (CROSSCHECK_SCHEDULER); with "
        "--engine dask and no address a local cluster is started on 127.0.0.1",
    )
    run.add_argument(
        "--log-format",
        choices=("text", "json"),
        default=None,
        help="stage logs on stderr: readable text (default) or JSON lines",
    )

    export = sub.add_parser(
        "export",
        help="export findings, claims, facts or reconciled facts",
        description="Write a table to stdout (parquet: to --out).",
    )
    export.add_argument("what", choices=EXPORTABLE)
    export.add_argument("--db", type=Path, default=None, help=DB_HELP)
    export.add_argument("--format", choices=FORMATS, default="json")
    export.add_argument("--out", type=Path, default=None, help="output file (required for parquet)")
    export.add_argument(
        "--raw",
        action="store_true",
        help="CSV cells exactly as stored (by default cells starting with = + - @ get a ' "
        "prefix so spreadsheets do not run them as formulas)",
    )
    _wait(export)

    report = sub.add_parser("report", help="write a self-contained HTML report for reviewers")
    report.add_argument("--db", type=Path, default=None, help=DB_HELP)
    report.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file (default crosscheck-report.html, or crosscheck-report.md for md)",
    )
    report.add_argument("--format", choices=("html", "md"), default="html")
    _wait(report)

    diff = sub.add_parser(
        "diff",
        help="list findings and figures that changed since a run",
        description="New, resolved and reopened findings, and figures whose value changed, "
        "since RUN (default: the previous completed run).",
    )
    diff.add_argument("--db", type=Path, default=None, help=DB_HELP)
    diff.add_argument("--since", default=None, metavar="RUN", help="a run id from the runs table")

    validate = sub.add_parser(
        "validate",
        help="run the Great Expectations suite over the warehouse and build Data Docs",
        description="Validate the loaded tables (facts, claims, findings, reconciled facts, "
        "pages) against the versioned suite with Great Expectations, store a summary in "
        "check_runs and rebuild Data Docs (`run` leaves them to this command unless given "
        "--data-docs). Exit 1 when a critical expectation fails.",
    )
    validate.add_argument("--db", type=Path, default=None, help=DB_HELP)
    validate.add_argument("--data-docs", type=Path, default=None, metavar="DIR")
    validate.add_argument(
        "--run",
        default=None,
        metavar="RUN",
        help="validate only the rows this run loaded or changed (default: the whole warehouse)",
    )

    from crosscheck.review_commands import add_review_parsers  # light: argparse only

    add_review_parsers(sub, DEFAULT_DB)

    vocab = sub.add_parser(
        "vocab",
        help="review the metric vocabulary against the warehouse",
        description="`vocab unmapped` lists metric labels that matched no metric (kept as "
        "auto metrics 'auto:<label>:<dimension>' or 'unmapped' facts, never guessed), most "
        "frequent first, with counts, for promoting into the vocabulary.",
    )
    vocab.add_argument("action", choices=("unmapped",))
    vocab.add_argument("--db", type=Path, default=None, help=DB_HELP)

    query = sub.add_parser(
        "query",
        help="run read-only SQL against the warehouse",
        description="Read-only SQL; tables: runs, sources, pages, claims, "
        "facts, quarantine, findings, finding_claims, reconciled_facts; views: "
        "open_findings, reconciled_matrix, changes_since_previous_run.",
    )
    query.add_argument("sql")
    query.add_argument("--db", type=Path, default=None, help=DB_HELP)
    query.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    query.add_argument(
        "--raw", action="store_true", help="with --csv: cells as stored, formulas not escaped"
    )
    query.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="stop the query after this many seconds (default 60)",
    )
    query.add_argument(
        "--memory-limit",
        default="1GB",
        metavar="SIZE",
        help="most memory DuckDB may use for the query, e.g. 512MB, 4GB (default 1GB)",
    )
    query.add_argument(
        "--max-rows",
        type=int,
        default=100_000,
        metavar="N",
        help="print at most N rows (default 100000)",
    )
    _wait(query)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"crosscheck: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None, origin: float | None = None) -> int:
    """Run one command; `origin` (perf_counter) is where a run's elapsed time starts: the
    process's start when this process is the command (entry()), else the call."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "run":  # light until its run lock is taken
            from crosscheck.run_command import cmd_run

            return cmd_run(args, origin=origin)
        from crosscheck.commands import dispatch  # heavy imports only past --help

        return dispatch(args)
    except KeyboardInterrupt:
        return _fail("interrupted (Ctrl-C)", EXIT_INTERRUPTED)
    except Exception as error:  # a bug: one line; CROSSCHECK_DEBUG=1 shows the traceback
        import os

        if os.environ.get("CROSSCHECK_DEBUG"):
            raise
        text = " ".join(str(error).split())
        return _fail(
            f"{args.command} failed: {type(error).__name__}: {text} "
            "(set CROSSCHECK_DEBUG=1 for the traceback)",
            EXIT_FAILED,
        )


def entry() -> None:
    """The `crosscheck` command: main(), then exit at once. Tearing down the interpreter
    (freeing pandas, DuckDB, pint and every module one object at a time) took 0.5-2 s after
    the summary was printed; the exit handlers still run (logging flushes, pools and temporary
    folders are closed) and every file and connection is already closed by then."""
    from crosscheck.clock import process_start

    code = main(origin=process_start())  # a run's elapsed counts interpreter and imports too
    import atexit
    import os

    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be said
        pass
    os._exit(code)


if __name__ == "__main__":
    entry()
