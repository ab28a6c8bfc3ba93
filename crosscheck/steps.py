"""The steps of one run that touch the warehouse, and the state they share.

The run holds its run lock throughout; it opens the DuckDB file for writing only to write its
row at the start and to load at the end, and for short reads in between (which pages are
unchanged), so analysts' queries and notebooks work while it fetches and parses. The state
they share is crosscheck.run_state.RunState; the summary they end with, crosscheck.run_summary.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd

from crosscheck.common.heap import trim_heap
from crosscheck.errors import RunFailed
from crosscheck.incremental import build_version, read_history, read_prior, reuse_unchanged
from crosscheck.known_pages import carry_unchanged
from crosscheck.logs import LOGGER_NAME, log_stage
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.parsed_batches import StreamStats
from crosscheck.partial import Prior
from crosscheck.pipeline import Analysis, RunConfig, RunSummary, analyze_sources
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.run_outputs import bundle_for, run_settings_digest, stage_counts
from crosscheck.run_state import RunState, with_reader
from crosscheck.run_summary import summarize
from crosscheck.runlock import RunLock
from crosscheck.warehouse import load_run, open_warehouse
from crosscheck.warehouse.context import current_context
from crosscheck.warehouse.history import CarriedRun
from crosscheck.warehouse.load_unchanged import record_unchanged_run
from crosscheck.warehouse.reviews import reviewed_pins
from crosscheck.warehouse.run_states import RunStatus, close_run, mark_crashed, start_run


def step_start(state: RunState) -> dict[str, int]:
    """Create or migrate the warehouse, mark runs whose process is gone as crashed, and write
    this run's row as running (the caller holds the run lock)."""
    con = state.writing()
    try:
        crashed = mark_crashed(con)
        start_run(con, state.run_id, state.started, list(state.config.sources), build_version())
        state.row_started = True
        # Reviewers' confirmed true values pin the consensus (warehouse.reviews).
        state.config = replace(state.config, pins=reviewed_pins(con))
        if not state.config.normalize.vocabulary_overrides:  # the packaged one is cached
            # Read now, while the connection is open: a re-run then opens none to analyze.
            version = default_vocabulary().version
            state.history = read_history(con, version, run_settings_digest(state.config))
    finally:
        con.close()
    for run_id in crashed:
        logging.getLogger(LOGGER_NAME).warning(
            "run %s was left running by a process that is gone: marked crashed",
            run_id,
            extra={"run_id": state.run_id},
        )
    state.timer.lap("startup")
    return {"crashed_runs": len(crashed)}


def step_analyze(state: RunState, progress: ProgressCallback = no_progress) -> dict[str, int]:
    """Fetch or read, parse, normalize, check and reconcile (no warehouse connection held)."""
    run_id, digest = state.run_id, run_settings_digest(state.config)
    # read once, before the pages (by step_start when it could): what the warehouse knows
    history = [state.history] if state.history is not None else []

    def known(version: str) -> frozenset[tuple[str, str]]:
        if not history or (history[-1].vocabulary_version, history[-1].digest) != (
            version,
            digest,
        ):
            history.append(with_reader(state, lambda con: read_history(con, version, digest)))
        return history[-1].known

    def carry(pages: pd.DataFrame, version: str) -> CarriedRun | None:
        if not history:
            return with_reader(
                state, lambda con: carry_unchanged(con, pages, version, digest, run_id)
            )
        carried = history[-1].unchanged(pages)
        if carried is not None:
            findings = carried.counts.get("finding_count", 0)
            log_stage(run_id, "reuse", 0.0, reused_run=carried.results_run, findings=findings)
        return carried

    def prior(pages: pd.DataFrame) -> Prior | None:
        if not history:
            return None
        return with_reader(state, lambda con: read_prior(con, history[-1], pages))

    _choose_lake(state)
    try:
        result, streamed = _analyze(state, progress, prior, known, carry)
    except BaseException:
        _drop_lake(state)
        raise
    for stage, seconds in result.stage_seconds.items():
        if stage not in ("fetch", "startup"):
            log_stage(run_id, stage, seconds, **stage_counts(stage, result, streamed.parsed))
    state.analysis, state.streamed = result, streamed
    return {
        "pages": result.count("pages"),
        "pages_failed": len(streamed.failed),
        "claims": result.count("claims"),
        "facts": result.count("facts"),
        "findings": result.count("findings"),
    }


def _choose_lake(state: RunState) -> None:
    """The run's lake: --lake, or (Dask on a LocalCluster) a temporary one beside the
    warehouse, so the load reads the facts and claims the workers wrote instead of gathering
    them. A cluster of your own without --lake loads from the client's frames (its workers
    may not share a disk with the client)."""
    config = state.config
    if config.lake is not None:
        state.lake = config.lake
    elif config.engine == "dask" and config.scheduler is None:
        from crosscheck.dask_lake import temporary_lake

        state.lake, state.lake_temporary = temporary_lake(config.db_path, state.run_id), True


def _drop_lake(state: RunState) -> None:
    """Remove the run's lake files (its load failed), or its whole temporary lake."""
    if state.lake is None:
        return
    if state.lake_temporary:
        shutil.rmtree(state.lake, ignore_errors=True)
        return
    from crosscheck.dask_lake import drop_run

    drop_run(state.lake, state.run_id)


def _analyze(
    state: RunState,
    progress: ProgressCallback,
    prior: Callable[[pd.DataFrame], Prior | None],
    known: Callable[[str], frozenset[tuple[str, str]]],
    carry: Callable[[pd.DataFrame, str], CarriedRun | None],
) -> tuple[Analysis, StreamStats]:
    run_id = state.run_id
    return analyze_sources(
        state.config,
        progress,
        prior=prior,
        reuse=lambda batch, version: with_reader(
            state, lambda con: reuse_unchanged(con, batch, version)
        ),
        known=known,
        carry=carry,
        # The consensus is over every current fact: the sources this run did not read too.
        context=lambda sources, entities: with_reader(
            state, lambda con: current_context(con, sources, entities)
        ),
        timer=state.timer,
        lake_run=run_id,
        lake_dir=state.lake,
        rows=state.reading,
        on_fetched=lambda seconds, pages, failed: log_stage(
            run_id, "fetch", seconds, pages=pages, failed=failed
        ),
    )


def step_load(state: RunState) -> dict[str, int]:
    """Load everything in one transaction; the run's row becomes completed inside it. A run
    that changed nothing loads no row: its own points at the results it shares."""
    assert state.analysis is not None
    digest = run_settings_digest(state.config)
    analysis = state.analysis
    try:
        con = state.writing()
        try:
            if analysis.carried is not None:
                state.loaded = record_unchanged_run(
                    con,
                    state.run_id,
                    analysis.carried.results_run,
                    datetime.now(UTC),
                    crosscheck_version=build_version(),
                    vocabulary_version=analysis.vocabulary_version,
                    settings_digest=digest,
                )
            else:
                bundle = bundle_for(
                    analysis, state.run_id, state.started, list(state.config.sources), digest
                )
                state.handed_over = hand_over(analysis)
                trim_heap()  # glibc gives back what the analysis freed before DuckDB grows
                state.loaded = load_run(con, bundle, release=True)
        finally:
            con.close()
    except BaseException:
        _drop_lake(state)  # the lake holds only runs the warehouse loaded
        raise
    if state.lake_temporary:  # loaded: the warehouse holds the facts and claims now
        _drop_lake(state)
    state.timer.lap("load")
    loaded = state.loaded
    log_stage(
        state.run_id,
        "load",
        state.timer.laps["load"],
        new_claims=loaded.claims,
        new_findings=loaded.findings,
        resolved_findings=loaded.resolved_findings,
    )
    return {"new_claims": loaded.claims, "new_findings": loaded.findings}


def hand_over(analysis: Analysis) -> dict[str, int]:
    """Empty the analysis's claims and facts once the load's bundle holds them, so the load can
    free them table by table (issue 20: at 10,000 real-shaped pages they and DuckDB's buffers
    were held together); returns their row counts for the summary."""
    # with the rows of reused pages the run held unread (crosscheck.partial_read)
    rows = {name: len(getattr(analysis, name)) + analysis.unread.get(name, 0) for name in (
        "claims", "facts")}  # fmt: skip
    for name in rows:
        setattr(analysis, name, getattr(analysis, name).iloc[:0].copy())  # a view keeps the rows
    return rows


def release_analysis(state: RunState) -> None:
    """Drop the run's frames once the load committed and the summary is taken: validation
    and the report read the warehouse, and at 10,000 pages the facts, claims and findings
    still held were several hundred MiB of the report's peak (issue 20). They go by reference
    counting: a full collection here found no unreachable object (docs/benchmarks.md)."""
    if state.analysis is not None:
        state.carried = state.analysis.carried
    state.analysis = None


def close_failed_run(state: RunState, status: RunStatus, reason: str) -> RunStatus | None:
    """Close the run's row as `status` (a committed load keeps `completed`); returns the row's
    status afterwards, or None when it could not be written (the next run marks it crashed)."""
    if not state.row_started:
        return None
    try:
        con = open_warehouse(state.config.db_path, wait=max(state.wait, 5.0))
    except Exception:
        return None
    try:
        return close_run(con, state.run_id, status, reason)
    except Exception:
        return None
    finally:
        con.close()


def run_core(
    config: RunConfig, progress: ProgressCallback = no_progress, wait: float = 0.0
) -> RunSummary:
    """start, analyze and load under the run lock (crosscheck.pipeline.run_pipeline)."""
    with RunLock(config.db_path).acquire(wait):
        state = RunState(config, wait=wait)
        try:
            step_start(state)
            step_analyze(state, progress)
            step_load(state)
        except Exception as error:
            reason = one_line(error)
            close_failed_run(state, RunStatus.FAILED, reason)
            if isinstance(error, RunFailed):
                raise
            raise RunFailed(f"run {state.run_id} failed: {reason}; nothing was loaded") from error
        return summarize(state)


def one_line(error: BaseException) -> str:
    """`Type: message` on one line (scraped text may hold newlines), at most 500 characters."""
    text = " ".join(str(error).split()) or "(no message)"
    name = type(error).__name__
    line = text if text.startswith(name) else f"{name}: {text}"
    return line if len(line) <= 500 else line[:499] + "…"
