"""The steps of one run that touch the warehouse, and the state they share.

The run holds its run lock throughout; it opens the DuckDB file for writing only to write its
row at the start and to load at the end, and for short reads in between (which pages are
unchanged), so analysts' queries and notebooks work while it fetches and parses.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from crosscheck import __version__
from crosscheck.errors import RunFailed
from crosscheck.incremental import History, read_history, read_prior, reuse_unchanged
from crosscheck.logs import LOGGER_NAME, log_stage
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.partial import Prior
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    RunSummary,
    StreamStats,
    _carry,
    _stage_counts,
    _Timer,
    analyze_sources,
    bundle_for,
    empty_pages,
    new_run_id,
    run_settings_digest,
)
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.runlock import RunLock
from crosscheck.warehouse import LoadResult, load_run, open_warehouse
from crosscheck.warehouse.context import current_context
from crosscheck.warehouse.history import CarriedRun
from crosscheck.warehouse.load_unchanged import record_unchanged_run
from crosscheck.warehouse.reviews import reviewed_pins
from crosscheck.warehouse.run_states import RunStatus, close_run, mark_crashed, start_run


@dataclass
class RunState:
    """What the steps of one run share: its identity, its timer and what each step produced."""

    config: RunConfig
    run_id: str = field(default_factory=new_run_id)
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    wait: float = 0.0  # seconds to wait when a reader holds the warehouse at a write
    timer: _Timer = field(default_factory=_Timer)
    analysis: Analysis | None = None
    streamed: StreamStats | None = None
    loaded: LoadResult | None = None
    row_started: bool = False
    history: History | None = None  # what the warehouse knows, read at the start
    # the run whose results an unchanged run shares: kept when the analysis is released
    carried: CarriedRun | None = None

    def writing(self) -> Any:
        """A short read-write connection (the run's row, the load)."""
        return open_warehouse(self.config.db_path, wait=self.wait)

    def reading(self) -> Any:
        """A short read-only connection (the history read before parsing), so analysts'
        queries and notebooks work while the run fetches and parses."""
        return open_warehouse(self.config.db_path, read_only=True, wait=self.wait)


def step_start(state: RunState) -> dict[str, int]:
    """Create or migrate the warehouse, mark runs whose process is gone as crashed, and write
    this run's row as running (the caller holds the run lock)."""
    con = state.writing()
    try:
        crashed = mark_crashed(con)
        start_run(con, state.run_id, state.started, list(state.config.sources), __version__)
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


def _with_reader(state: RunState, read: Callable[[Any], Any]) -> Any:
    con = state.reading()
    try:
        return read(con)
    finally:
        con.close()


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
            history.append(_with_reader(state, lambda con: read_history(con, version, digest)))
        return history[-1].known

    def carry(pages: pd.DataFrame, version: str) -> CarriedRun | None:
        if not history:
            return _with_reader(state, lambda con: _carry(con, pages, version, digest, run_id))
        carried = history[-1].unchanged(pages)
        if carried is not None:
            findings = carried.counts.get("finding_count", 0)
            log_stage(run_id, "reuse", 0.0, reused_run=carried.results_run, findings=findings)
        return carried

    def prior(pages: pd.DataFrame) -> Prior | None:
        if not history:
            return None
        return _with_reader(state, lambda con: read_prior(con, history[-1], pages))

    result, streamed = analyze_sources(
        state.config,
        progress,
        prior=prior,
        reuse=lambda batch, version: _with_reader(
            state, lambda con: reuse_unchanged(con, batch, version)
        ),
        known=known,
        carry=carry,
        # The consensus is over every current fact: the sources this run did not read too.
        context=lambda sources, entities: _with_reader(
            state, lambda con: current_context(con, sources, entities)
        ),
        timer=state.timer,
        lake_run=run_id,
        on_fetched=lambda seconds, pages, failed: log_stage(
            run_id, "fetch", seconds, pages=pages, failed=failed
        ),
    )
    for stage, seconds in result.stage_seconds.items():
        if stage not in ("fetch", "startup"):
            log_stage(run_id, stage, seconds, **_stage_counts(stage, result, streamed.parsed))
    state.analysis, state.streamed = result, streamed
    return {
        "pages": result.count("pages"),
        "pages_failed": len(streamed.failed),
        "claims": result.count("claims"),
        "facts": result.count("facts"),
        "findings": result.count("findings"),
    }


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
                    crosscheck_version=__version__,
                    vocabulary_version=analysis.vocabulary_version,
                    settings_digest=digest,
                )
            else:
                bundle = bundle_for(
                    analysis, state.run_id, state.started, list(state.config.sources), digest
                )
                state.loaded = load_run(con, bundle)
        finally:
            con.close()
    except BaseException:
        if state.config.lake is not None:  # the lake holds only runs the warehouse loaded
            from crosscheck.dask_lake import drop_run

            drop_run(state.config.lake, state.run_id)
        raise
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


def summarize(state: RunState) -> RunSummary:
    """The summary of a run whose load committed."""
    assert state.analysis is not None and state.streamed is not None and state.loaded
    result, streamed, loaded = state.analysis, state.streamed, state.loaded
    stages = dict(state.timer.laps)
    findings, carried = result.findings, result.carried
    return RunSummary(
        run_id=state.run_id,
        db_path=state.config.db_path,
        pages=result.count("pages"),
        pages_failed=len(streamed.failed),
        pages_unchanged=streamed.unchanged,
        claims=result.count("claims"),
        facts=result.count("facts"),
        quarantined=result.count("quarantine"),
        findings=result.count("findings"),
        findings_by_kind=carried.findings_by_kind if carried else dict(Counter(findings["kind"])),
        findings_by_severity=(
            carried.findings_by_severity if carried else dict(Counter(findings["severity"]))
        ),
        new_claims=loaded.claims,
        new_findings=loaded.findings,
        resolved_findings=loaded.resolved_findings,
        elapsed_s=round(sum(stages.values()), 3),
        stage_seconds=stages,
        failed_sources=streamed.failed,
        empty_pages=carried.empty_pages if carried else empty_pages(result.pages),
        results_run=carried.results_run if carried else None,
        root_causes=(
            int(findings["root_cause"].nunique()) if not carried and "root_cause" in findings else 0
        ),
    )


def release_analysis(state: RunState) -> None:
    """Drop the run's frames once the load committed and the summary is taken: validation
    and the report read the warehouse, and at 10,000 pages the facts, claims and findings
    still held were several hundred MiB of the report's peak (issue 20)."""
    if state.analysis is not None:
        state.carried = state.analysis.carried
    state.analysis = None
    gc.collect()  # the frames' cycles (pandas caches, blocks) go now, not at the next sweep


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
