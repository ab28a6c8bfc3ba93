"""One failure boundary per run: the run is a list of steps, each timed into a StepInfo, and
whatever ends it (an exception in any step, Ctrl-C, SIGTERM) ends in one RunResult: a one-line
message, the run's row closed as completed, failed or interrupted, the run lock released and
the exit code the CLI returns. Nothing here prints; the CLI and crosscheck.run() share it.
RunResult, StepInfo and the exit codes are defined in crosscheck.run_result.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck.config import SEVERITIES, Settings
from crosscheck.errors import ConfigError, RunLocked, StepFailed
from crosscheck.run_result import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    RunResult,
    StepInfo,
)
from crosscheck.run_result import Outcome as Outcome  # re-exported
from crosscheck.run_result import result_record as result_record  # re-exported
from crosscheck.run_signals import Signals, Terminated, deferred_signals, signals_as_exceptions
from crosscheck.runlock import RunLock

if TYPE_CHECKING:
    from crosscheck.pipeline import RunConfig
    from crosscheck.progress import ProgressCallback
    from crosscheck.steps import RunState


def build_run_config(settings: Settings, check_sources: bool = True) -> RunConfig:
    """The pipeline's RunConfig from the merged settings (stage options validated here, and
    with `check_sources` that every source exists)."""
    from dataclasses import replace

    from crosscheck.ingest.errors import FetchConfigError, IngestError
    from crosscheck.ingest.sources import count_sources
    from crosscheck.ingest.transport import FetchConfig
    from crosscheck.intervals import IntervalPolicy
    from crosscheck.normalize import NormalizeConfig, load_vocabulary
    from crosscheck.normalize.errors import NormalizeError
    from crosscheck.pipeline import RunConfig

    sources = settings.run_sources()
    try:
        if check_sources:
            count_sources(sources)  # a missing file or a bad sources .toml is a usage error
    except IngestError as error:
        raise ConfigError(str(error)) from error
    overrides = settings.vocabulary_overrides
    if overrides is not None:
        try:
            load_vocabulary(overrides=overrides)
        except NormalizeError as error:
            raise ConfigError(f"vocabulary overrides {overrides}: {error}") from error
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
    fetch_values = {fetch_keys[k]: v for k, v in settings.fetch.items() if k in fetch_keys}
    try:
        fetch = replace(FetchConfig(), **fetch_values)
    except FetchConfigError as error:
        raise ConfigError(f"{settings.config_file}: fetch: {error}") from error
    policy_keys = ("default_tolerance", "approximate_tolerance", "at_least_slack")
    checks = settings.checks
    intervals = IntervalPolicy(**{k: float(v) for k, v in checks.items() if k in policy_keys})
    extra: dict[str, Any] = {}
    if "reference_year" in checks:
        extra["reference_year"] = checks["reference_year"]
    if "max_findings_per_page" in checks:
        extra["max_findings_per_page"] = checks["max_findings_per_page"]
    if "fork" in checks:
        extra["fork_checks"] = checks["fork"]
    if "fork_statements" in checks:
        extra["fork_statements"] = checks["fork_statements"]
    if settings.workers is not None:
        extra["workers"] = settings.workers
    if settings.scheduler is not None and settings.engine != "dask":
        raise ConfigError("a Dask scheduler address needs the dask engine (--engine dask)")
    return RunConfig(
        sources=sources,
        db_path=settings.db,
        snapshot_dir=settings.snapshot_dir,
        fetch=fetch,
        normalize=NormalizeConfig(vocabulary_overrides=str(overrides) if overrides else None),
        intervals=intervals,
        engine=settings.engine,
        scheduler=settings.scheduler,
        lake=settings.lake,
        gazetteer=settings.gazetteer_file,
        **extra,
    )


def _timed(name: str, step: Callable[[], dict[str, int]], steps: list[StepInfo]) -> None:
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    counts = step()
    steps.append(
        StepInfo(
            name,
            counts,
            round(time.perf_counter() - wall, 3),
            round(time.process_time() - cpu + _children_cpu() - children, 3),
        )
    )


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _validate(state: RunState, settings: Settings, result: RunResult) -> dict[str, int]:
    """The suite over the rows this run loaded: SQL inside DuckDB, or Great Expectations when
    Data Docs are asked for (settings.build_data_docs)."""
    from crosscheck.validation import run_validation

    # A run that changed nothing reports the verdict of the run whose results it shares (unless
    # it was asked to rebuild Data Docs).
    earlier = None if settings.build_data_docs else _unchanged_validation(state, settings)
    if earlier is not None:  # the warehouse is as the run that validated it left it
        result.validation_passed = earlier[0]
        result.validation_line = earlier[1].removeprefix("validation").strip()
        return {"passed": int(earlier[0]), "reused": 1}
    docs = settings.data_docs_dir if settings.build_data_docs else None
    passed, line = run_validation(settings.db, docs, state.run_id, settings.wait, scope="run")
    result.validation_passed = passed
    result.validation_line = line
    return {"passed": int(passed)}


def _unchanged_validation(state: RunState, settings: Settings) -> tuple[bool, str] | None:
    """The recorded validation of the run whose results a run that changed nothing shares."""
    carried = state.analysis.carried if state.analysis is not None else state.carried
    if carried is None:
        return None
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.check_runs import latest_check_run

    con = open_warehouse(settings.db, read_only=True, wait=settings.wait)
    try:
        return latest_check_run(con, carried.results_run)
    finally:
        con.close()


def _report(settings: Settings, result: RunResult) -> dict[str, int]:
    from crosscheck.validation import write_report

    assert settings.report is not None
    write_report(settings.db, settings.report, "html", wait=settings.wait)
    result.report = settings.report
    return {}


def _account(result: RunResult, origin: float) -> None:
    """The command's wall time from `origin`, validation and report timed like the stages, and
    the summary's lines for them; `elapsed_s` covers every part (start-up included) and more."""
    result.elapsed_s = round(time.perf_counter() - origin, 3)
    walls = {step.name: step.wall_s for step in result.steps}
    if result.summary is not None:
        result.summary.elapsed_s = result.elapsed_s
        for step, stage in (("validate", "validation"), ("report", "report")):
            if step in walls:
                result.summary.stage_seconds[stage] = walls[step]
    if result.validation_line is not None and "validate" in walls:
        result.notes.append(f"validation  {walls['validate']:.2f}s, {result.validation_line}")
    if result.report is not None and "report" in walls:
        result.notes.append(f"report      {walls['report']:.2f}s, {result.report}")


def execute(
    settings: Settings,
    progress: ProgressCallback | None = None,
    *,
    reraise_interrupts: bool = False,
    origin: float | None = None,
) -> RunResult:
    """Run under the run lock; every outcome becomes a RunResult. With `reraise_interrupts`
    (library use), KeyboardInterrupt and other BaseExceptions are re-raised once the run's row
    is closed, so the caller's own interrupt handling still runs. `origin` (perf_counter) is
    where the run's clock starts: the CLI passes its process's start (crosscheck.clock), so
    elapsed_s and the `startup` stage count the interpreter and the imports; default now."""
    origin = time.perf_counter() if origin is None else origin
    try:
        lock = RunLock(settings.db).acquire(settings.wait)
    except RunLocked as error:
        refused = RunResult("failed", EXIT_FAILED, str(error), settings.db)
        refused.error = StepFailed("lock", error)
        _account(refused, origin)
        return refused
    with lock, signals_as_exceptions() as seen:
        result = _execute_locked(settings, progress, seen, reraise_interrupts, origin)
    _account(result, origin)
    return result


def _execute_locked(
    settings: Settings,
    progress: ProgressCallback | None,
    seen: Signals,
    reraise_interrupts: bool,
    origin: float,
) -> RunResult:
    result = RunResult("failed", EXIT_FAILED, "", settings.db)
    state: RunState | None = None
    current = ["configure"]
    try:
        config = build_run_config(settings)
        from crosscheck.pipeline import StageTimer
        from crosscheck.steps import (
            RunState,
            release_analysis,
            step_analyze,
            step_load,
            step_start,
            summarize,
        )

        state = RunState(config, wait=settings.wait, timer=StageTimer(origin))
        result.run_id = state.run_id
        run_state = state
        steps: list[tuple[str, Callable[[], dict[str, int]]]] = [
            ("start", lambda: step_start(run_state)),
            ("analyze", lambda: step_analyze(run_state, progress or _no_progress)),
            ("load", lambda: step_load(run_state)),
        ]
        if settings.validate:
            steps.append(("validate", lambda: _validate(run_state, settings, result)))
        if settings.report is not None:
            steps.append(("report", lambda: _report(settings, result)))
        for name, step in steps:
            current[0] = name
            _timed(name, step, result.steps)
            if name == "load":
                result.loaded, result.row_status = True, "completed"
                result.summary = summarize(state)
                result.failed_sources = list(state.streamed.failed) if state.streamed else []
                result.findings_by_severity = dict(result.summary.findings_by_severity)
                release_analysis(state)  # validation and the report read the warehouse
            _raise_if_signalled(seen)  # a signal a step's C code turned into a plain error
    except ConfigError as error:
        if state is None or not state.row_started:
            return RunResult("failed", EXIT_USAGE, str(error), settings.db, result.run_id)
        _fail(result, state, error, None, current[0])
    except BaseException as error:
        _fail(result, state, error, seen.received, current[0])
        if reraise_interrupts and not isinstance(error, Exception):
            raise
        return result
    else:
        _decide(result, settings)
    return result


def _raise_if_signalled(seen: Signals) -> None:
    if seen.received == signal.SIGTERM:
        raise Terminated
    if seen.received is not None:
        raise KeyboardInterrupt


def _no_progress(stage: str, done: int, total: int) -> None:
    """Progress goes nowhere unless the caller passes a callback."""


def _fail(
    result: RunResult,
    state: RunState | None,
    error: BaseException,
    received: int | None,
    current: str,
) -> None:
    """Close the run's row and fill in the result for an exception in any step."""
    from crosscheck.steps import close_failed_run, one_line
    from crosscheck.warehouse.run_states import RunStatus

    step = f"step '{current}'"
    result.error = StepFailed(current, error)
    interrupted = received is not None or isinstance(error, KeyboardInterrupt | Terminated)
    if interrupted:
        signum = received or (signal.SIGTERM if isinstance(error, Terminated) else signal.SIGINT)
        name = signal.Signals(signum).name
        reason = f"interrupted by {name} during {step}"
        result.status = "interrupted"
        result.exit_code = EXIT_TERMINATED if signum == signal.SIGTERM else EXIT_INTERRUPTED
    else:
        reason = f"failed during {step}: {one_line(error)}"
        result.status, result.exit_code = "failed", EXIT_FAILED
    with deferred_signals():
        row = None
        if state is not None:
            status = RunStatus.INTERRUPTED if interrupted else RunStatus.FAILED
            row = close_failed_run(state, status, reason)
    result.row_status = row.value if row is not None else None
    result.loaded = row == RunStatus.COMPLETED
    run = f"run {result.run_id}" if result.run_id else "the run"
    if result.loaded:  # the load committed before the failure: say so, whatever came after
        fate = f"its load had committed: {run} is completed and its data is in {result.db}"
    elif row is not None:
        fate = f"nothing was loaded; runs.status = {row.value}"
    elif state is not None and state.row_started:
        fate = (
            "nothing was loaded; its row could not be closed (the warehouse was busy) and "
            "the next run will mark it crashed"
        )
    else:
        fate = "nothing was loaded"
    result.message = f"{run} {reason}; {fate}"


def failing_count(db: Path, run_id: str, fail_on: str, fallback: int) -> int:
    """How many of the run's findings at or above `fail_on` no reviewer set aside
    (warehouse.reviews); `fallback` (all of them) when the warehouse cannot be read."""
    from crosscheck.warehouse import WarehouseError, open_warehouse
    from crosscheck.warehouse.reviews import failing_findings

    try:
        con = open_warehouse(db, read_only=True)
        try:
            return len(failing_findings(con, run_id, fail_on))
        finally:
            con.close()
    except WarehouseError:
        return fallback


def _decide(result: RunResult, settings: Settings) -> None:
    """The exit decision of a completed run: fail_on and fail_on_fetch_error."""
    result.status = "completed"
    summary = result.summary
    assert summary is not None
    reasons: list[str] = []
    if settings.fail_on is not None:
        rank = SEVERITIES.index(settings.fail_on)
        hits = sum(
            n for s, n in summary.findings_by_severity.items() if SEVERITIES.index(s) >= rank
        )
        if hits:  # verdicts count: a dismissed or expected finding fails no run (issue 18)
            hits = failing_count(settings.db, summary.run_id, settings.fail_on, hits)
        if hits:
            reasons.append(f"{hits} findings at or above {settings.fail_on}")
    if settings.fail_on_fetch_error and result.failed_sources:
        reasons.append(f"{len(result.failed_sources)} sources failed to fetch")
    result.exit_code = EXIT_FINDINGS if reasons else EXIT_OK
    nothing = "" if summary.claims else " (no page yielded a figure)"
    verdict = "; exit 1: " + ", ".join(reasons) if reasons else ""
    result.message = (
        f"run {summary.run_id} completed{nothing}: {summary.pages} pages, {summary.claims} "
        f"claims, {summary.facts} facts, {summary.findings} findings loaded into "
        f"{settings.db}{verdict}"
    )
