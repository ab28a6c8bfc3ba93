"""The whole pipeline: sources → snapshots → claims → facts → findings → reconciled → DuckDB.

This is the only module that imports every stage; stages talk through the contract frames.
"""

from __future__ import annotations

import contextlib
import itertools
import time
import uuid
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from crosscheck import __version__
from crosscheck.batches import (
    PreparedBatch,
    PreparedChunk,
    concat,
    finish_batch,
    start_batch,
)
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.contracts import prepare_contracts, validate_frame
from crosscheck.common.gazetteer import load_components
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    FindingModel,
    PageStatus,
    Severity,
    Snapshot,
    stable_id,
)
from crosscheck.dask_partitions import Runner, partitioned_checks, partitioned_reconcile
from crosscheck.engines import engine_pool, engine_runner
from crosscheck.errors import RunFailed
from crosscheck.incremental import (
    StoredPages,
    carried_results,
    settings_digest,
)
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import expand_sources, iter_snapshots
from crosscheck.ingest.transport import FetchConfig
from crosscheck.intervals import IntervalPolicy
from crosscheck.logs import log_stage
from crosscheck.normalize import (
    NormalizeConfig,
    Normalizer,
    Vocabulary,
    load_vocabulary,
)
from crosscheck.normalize.relations import relations_of_claims
from crosscheck.parallel import MIN_ITEMS_PER_WORKER, PendingChunks, WorkerPool, default_workers
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.reconcile import (
    ReconcileConfig,
    annotate_conflicts,
    flagged_claims,
    reconcile_facts,
)
from crosscheck.warehouse import RunBundle
from crosscheck.warehouse.history import StoredResults

_READ_STATUSES = (PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value)

# Components that identify a product when a figure is "measured with" them.
# Packages that are parts of an entity (data: normalize/data/entities.toml, [components]).
COMPONENTS = load_components()


@dataclass(frozen=True)
class RunConfig:
    """Everything one run needs; built by the CLI from flags (and later a config file)."""

    sources: list[str]
    db_path: Path
    snapshot_dir: Path
    fetch: FetchConfig = field(default_factory=FetchConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    reference_year: int = field(default_factory=lambda: datetime.now(UTC).year)
    workers: int = field(default_factory=default_workers)
    batch_pages: int = 500  # pages parsed together; bounds the page text held in memory
    engine: str = "local"  # where chunks run: "local" forks or "dask" (crosscheck.engines)
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    lake: Path | None = None  # a Parquet lake the run's facts and claims go to (dask_lake)
    # True values reviewers confirmed (warehouse.reviews.pins): (entity, metric, qualifier,
    # unit, value); they pin the consensus and score the sources.
    pins: tuple[tuple[str, str, str, str, float], ...] = ()


def new_run_id() -> str:
    """A run id: its start time (sortable) and 8 random hex digits."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


@dataclass
class RunSummary:
    """What a run did, for the console summary and for schedulers."""

    run_id: str
    db_path: Path
    pages: int
    pages_failed: int
    pages_unchanged: int
    claims: int
    facts: int
    quarantined: int
    findings: int
    findings_by_kind: dict[str, int]
    findings_by_severity: dict[str, int]
    new_claims: int
    new_findings: int
    resolved_findings: int
    elapsed_s: float
    stage_seconds: dict[str, float]
    failed_sources: list[tuple[str, str]]
    # pages read without a claim and why ("no figure found", "no entity found")
    empty_pages: list[tuple[str, str]] = field(default_factory=list)

    def worst_severity(self) -> Severity | None:
        present = [Severity(s) for s, n in self.findings_by_severity.items() if n]
        return max(present, key=lambda s: s.rank) if present else None


@dataclass
class Analysis:
    """Everything computed from snapshots before the load, as contract frames."""

    pages: pd.DataFrame
    claims: pd.DataFrame
    facts: pd.DataFrame
    quarantine: pd.DataFrame
    findings: pd.DataFrame
    reconciled: pd.DataFrame
    vocabulary_version: str
    stage_seconds: dict[str, float]
    reconciled_categories: pd.DataFrame = field(default_factory=pd.DataFrame)
    source_reliability: pd.DataFrame = field(default_factory=pd.DataFrame)
    copy_groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    relations: pd.DataFrame = field(default_factory=pd.DataFrame)


class _Timer:
    """Wall time per stage (laps that add up to the run), and the CPU seconds spent inside the
    parse and normalize stages wherever they ran (summed over workers), for the benchmark's
    per-core figures: with stages overlapping, wall laps alone cannot give those."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._last = time.perf_counter()

    def add_cpu(self, stage: str, seconds: float) -> None:
        self.cpu[stage] = round(self.cpu.get(stage, 0.0) + seconds, 3)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(self.laps.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def _vocabulary(config: RunConfig) -> Vocabulary:
    overrides = config.normalize.vocabulary_overrides
    return load_vocabulary(overrides=Path(overrides) if overrides else None)


def _finish(
    pending: PendingChunks[PreparedChunk],
    timer: _Timer,
    progress: ProgressCallback,
    offset: int,
    total: int,
) -> PreparedBatch:
    """Wait for a batch's chunks (lapped as parse) and count them into the progress: a chunk
    comes back parsed and normalized, so both stages advance together."""

    def advance(done: int) -> None:
        progress("parse", offset + done, total)
        progress("normalize", offset + done, total)

    try:
        batch, cpu = finish_batch(pending, advance)
    except BrokenProcessPool as error:  # a worker was killed (OOM killer, a crash in C code)
        raise RunFailed(
            f"a worker process died while parsing the batch from page {offset + 1} of {total}: "
            f"{error}; nothing was loaded"
        ) from error
    for step, seconds in cpu.items():
        timer.add_cpu(step, seconds)
    timer.lap("parse")
    return batch


def prepare_batch(
    snapshots: list[Snapshot],
    pool: WorkerPool,
    timer: _Timer,
    progress: ProgressCallback = no_progress,
    offset: int = 0,
    total: int | None = None,
) -> PreparedBatch:
    """Parse, normalize and validate one batch on the pool's workers (start and finish)."""
    total = len(snapshots) + offset if total is None else total
    return _finish(start_batch(snapshots, pool), timer, progress, offset, total)


def check_and_reconcile(
    batches: list[PreparedBatch],
    vocabulary: Vocabulary,
    config: RunConfig,
    timer: _Timer,
    context: Callable[[set[str], set[str]], tuple[pd.DataFrame, frozenset[str]]] | None = None,
    runner: Runner | None = None,
    kept: dict[str, list[Any]] | None = None,
) -> Analysis:
    """Checks and reconciliation over every batch together (cross-source findings need all);
    with a `runner` (the Dask engine) both run as partitioned tasks (crosscheck.dask_partitions).

    Consumes `batches` (the list is emptied once concatenated), so the batch frames are
    freed before the checks' working copies exist: at 10,000 pages that was ~0.5 GB of peak.
    """
    pages = concat([b.pages for b in batches], PAGE_COLUMNS)
    claims = concat([b.claims for b in batches], CLAIM_COLUMNS)
    facts = concat([b.facts for b in batches], FACT_COLUMNS)
    quarantine = concat([b.quarantine for b in batches], QUARANTINE_COLUMNS)
    batches.clear()
    tolerances = {m.id: m.tolerance for m in vocabulary.metrics.values()}
    check_config = CheckConfig(
        intervals=config.intervals,
        tolerances=tolerances,
        entity_specific=frozenset(m.id for m in vocabulary.metrics.values() if m.entity_specific),
        components=COMPONENTS,
        reference_year=config.reference_year,
    )
    relations = relations_of_claims(claims, vocabulary)
    kept = {} if kept is None else kept  # the checks' entity partitions (reconcile, lake)
    if runner is None:
        found = run_checks(facts, pages, check_config, relations).findings
    else:
        found = partitioned_checks(runner, facts, pages, relations, check_config, kept)
    findings = validate_frame(found, FindingModel, "checks").valid
    timer.lap("checks")
    reconcile_config = ReconcileConfig(config.intervals, tolerances, pins=config.pins)
    # The consensus is over every current fact of the entities touched: `context(read
    # sources, entities)` adds the stored facts of sources this run did not read.
    read = set(pages.loc[pages["status"].isin(_READ_STATUSES), "source"])
    flagged = flagged_claims(findings)
    voters = facts
    if context is not None:
        stored, stored_flags = context(read, set(facts["entity"].dropna()))
        if not stored.empty:
            voters, flagged = concat([facts, stored], FACT_COLUMNS), flagged | stored_flags
    if runner is None:
        reconciliation = reconcile_facts(voters, reconcile_config, flagged)
        findings = annotate_conflicts(
            findings,
            voters,
            reconciliation.reconciled,
            copy_groups=reconciliation.copy_groups,
            config=reconcile_config,
        )
    else:
        parts = kept.get("entity") if voters is facts else None
        reconciliation = partitioned_reconcile(
            runner, voters, findings, flagged, reconcile_config, parts
        )
        findings = reconciliation.findings
    timer.lap("reconcile")
    return Analysis(
        pages,
        claims,
        facts,
        quarantine,
        findings,
        reconciliation.reconciled,
        vocabulary.version,
        dict(timer.laps),
        reconciliation.reconciled_categories,
        reconciliation.source_reliability,
        reconciliation.copy_groups,
        dict(timer.cpu),
        relations,
    )


def _stored_batch(reuse: StoredPages) -> PreparedBatch:
    return PreparedBatch(
        reuse.pages, reuse.claims, reuse.facts, pd.DataFrame(columns=QUARANTINE_COLUMNS)
    )


def analyze_snapshots(
    snapshots: list[Snapshot],
    config: RunConfig,
    reuse: StoredPages | None = None,
    progress: ProgressCallback = no_progress,
) -> Analysis:
    """Parse and normalize the snapshots, add the reused pages' stored facts, then check and
    reconcile everything together; no network and no warehouse."""
    timer = _Timer()
    vocabulary = _vocabulary(config)
    with engine_pool(config, Normalizer(vocabulary).prepare()) as pool:
        batches = [prepare_batch(snapshots, pool, timer, progress)]
        if reuse is not None and len(reuse.pages):
            batches.append(_stored_batch(reuse))
        runner = engine_runner(pool)
        if runner is not None:  # the Dask engine checks and reconciles on its cluster
            return check_and_reconcile(batches, vocabulary, config, timer, runner=runner)
    return check_and_reconcile(batches, vocabulary, config, timer)


@dataclass
class StreamStats:
    """What reading the sources in batches saw."""

    read: int = 0
    parsed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Parsing:
    """A batch the workers are parsing, and where it starts in the run (for progress)."""

    pending: PendingChunks[PreparedChunk]
    offset: int


def _finish_all(
    slots: list[PreparedBatch | _Parsing],
    timer: _Timer,
    progress: ProgressCallback,
    total: int,
) -> None:
    """Turn every batch still parsing into a prepared batch, in place and in order."""
    for index, slot in enumerate(slots):
        if isinstance(slot, _Parsing):
            slots[index] = _finish(slot.pending, timer, progress, slot.offset, total)


def analyze_sources(
    config: RunConfig,
    progress: ProgressCallback = no_progress,
    *,
    reuse: Callable[[list[Snapshot], str], tuple[list[Snapshot], StoredPages | None]] | None = None,
    timer: _Timer | None = None,
    on_fetched: Callable[[float, int, int], None] | None = None,
    carry: Callable[[pd.DataFrame, str], StoredResults | None] | None = None,
    context: Callable[[set[str], set[str]], tuple[pd.DataFrame, frozenset[str]]] | None = None,
    lake_run: str | None = None,
) -> tuple[Analysis, StreamStats]:
    """Read the sources in batches of `config.batch_pages`, parse and normalize each batch and
    drop its page texts, then check and reconcile everything. `reuse(batch, vocabulary
    version)` may swap unchanged pages for their stored facts, and when every page was
    reused `carry(pages, vocabulary version)` may hand over an earlier run's findings and
    consensus instead of recomputing them. Bounded memory is why this is not
    analyze_snapshots."""
    timer = timer or _Timer()
    specs = expand_sources(config.sources)
    vocabulary = _vocabulary(config)
    normalizer = Normalizer(vocabulary).prepare()  # the workers get it when the pool starts
    prepare_contracts()
    stats = StreamStats()
    # The workers parse and normalize batch k while this process collects batch k-1 and
    # reads batch k+1; slots keep the batches in reading order whatever finishes first.
    slots: list[PreparedBatch | _Parsing] = []
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(engine_pool(config, normalizer))
        if len(specs) >= MIN_ITEMS_PER_WORKER * 2:
            pool.start()  # fork once, now, while this process holds no batch yet
        timer.lap("startup")
        snapshots = iter_snapshots(specs, config.fetch, SnapshotStore(config.snapshot_dir))
        while batch := list(itertools.islice(snapshots, config.batch_pages)):
            timer.lap("fetch")
            stats.failed += [
                (s.source, s.error or s.status.value)
                for s in batch
                if s.status in (PageStatus.FAILED, PageStatus.SKIPPED)
            ]
            fresh, stored = reuse(batch, vocabulary.version) if reuse else (batch, None)
            parsing = _Parsing(start_batch(fresh, pool), stats.read)
            _finish_all(slots, timer, progress, len(specs))
            slots.append(parsing)
            if stored is not None:
                slots.append(_stored_batch(stored))
                stats.unchanged += len(stored.pages)
            stats.read += len(batch)
            stats.parsed += len(fresh)
            del batch, fresh, stored, parsing
        timer.lap("fetch")
        _finish_all(slots, timer, progress, len(specs))
        runner = engine_runner(pool)
        if runner is None:
            stack.close()  # local workers go before the checks; Dask's cluster runs them
        batches = [slot for slot in slots if isinstance(slot, PreparedBatch)]
        slots.clear()  # check_and_reconcile frees the batches once it has concatenated them
        if on_fetched:
            on_fetched(timer.laps["fetch"], stats.read, len(stats.failed))
        if carry is not None and stats.read and not stats.parsed:
            pages = concat([b.pages for b in batches], PAGE_COLUMNS)
            carried = carry(pages, vocabulary.version)
            timer.lap("reuse")
            if carried is not None:
                return _carried_analysis(batches, carried, vocabulary, timer), stats
        kept: dict[str, list[Any]] = {}
        result = check_and_reconcile(batches, vocabulary, config, timer, context, runner, kept)
        if config.lake is not None and lake_run is not None:
            _write_lake(config.lake, lake_run, result, runner, timer, kept.get("entity"))
        return result, stats


def _write_lake(
    lake: Path,
    run_id: str,
    result: Analysis,
    runner: Runner | None,
    timer: _Timer,
    entity_parts: list[Any] | None = None,
) -> None:
    """The run's facts and claims into the Parquet lake, written where the run's checks ran
    (the Dask workers, or this process); a partial write is removed."""
    from crosscheck.dask_lake import drop_run, write_lake
    from crosscheck.dask_partitions import InProcess

    try:
        written = write_lake(
            runner or InProcess(), lake, run_id, result.facts, result.claims, entity_parts
        )
    except BaseException:
        drop_run(lake, run_id)
        raise
    timer.lap("lake")
    log_stage(run_id, "lake", timer.laps["lake"], **written)


def _carried_analysis(
    batches: list[PreparedBatch], stored: StoredResults, vocabulary: Vocabulary, timer: _Timer
) -> Analysis:
    """The analysis of a run whose pages and settings equal the latest run's: its own pages,
    claims and facts, and the stored findings and consensus."""
    return Analysis(
        concat([b.pages for b in batches], PAGE_COLUMNS),
        concat([b.claims for b in batches], CLAIM_COLUMNS),
        concat([b.facts for b in batches], FACT_COLUMNS),
        concat([b.quarantine for b in batches], QUARANTINE_COLUMNS),
        stored.findings,
        stored.reconciled,
        vocabulary.version,
        dict(timer.laps),
        stored.reconciled_categories,
        stored.source_reliability,
        stored.copy_groups,
        dict(timer.cpu),
    )


def run_settings_digest(config: RunConfig) -> str:
    """The runs.settings_digest a run with this config records (crosscheck.incremental);
    reviewed true values count, so a new pin recomputes the consensus of an unchanged run."""
    digest = settings_digest(config.intervals, config.reference_year, COMPONENTS)
    return stable_id(digest, *config.pins) if config.pins else digest


def bundle_for(
    result: Analysis,
    run_id: str,
    started_at: datetime,
    sources: list[str],
    settings_digest: str | None = None,
) -> RunBundle:
    """Everything an analysis produced, as the warehouse loads it (used by run and bench)."""
    return RunBundle(
        run_id=run_id,
        started_at=started_at,
        finished_at=datetime.now(UTC),
        sources=sources,
        crosscheck_version=__version__,
        vocabulary_version=result.vocabulary_version,
        pages=result.pages,
        claims=result.claims,
        facts=result.facts,
        quarantine=result.quarantine,
        findings=result.findings,
        reconciled=result.reconciled,
        reconciled_categories=result.reconciled_categories,
        source_reliability=result.source_reliability,
        copy_groups=result.copy_groups,
        settings_digest=settings_digest,
        relations=result.relations,
    )


def run_pipeline(
    config: RunConfig, progress: ProgressCallback = no_progress, wait: float = 0.0
) -> RunSummary:
    """Run every step under the run lock and load the result in one transaction; raises
    RunFailed (the run's row closed as failed) on any error. The CLI and `crosscheck.run` go
    through crosscheck.runner, which adds validation, the report and the exit decision."""
    from crosscheck.steps import run_core

    return run_core(config, progress, wait)


def _carry(
    con: Any, pages: pd.DataFrame, vocabulary_version: str, digest: str, run_id: str
) -> StoredResults | None:
    carried = carried_results(con, pages, vocabulary_version, digest)
    if carried is None:
        return None
    log_stage(run_id, "reuse", 0.0, reused_run=carried[0], findings=len(carried[1].findings))
    return carried[1]


def _stage_counts(stage: str, result: Analysis, parsed_pages: int) -> dict[str, int]:
    return {
        "parse": {"pages_parsed": parsed_pages, "claims": len(result.claims)},
        "normalize": {"facts": len(result.facts), "quarantined": len(result.quarantine)},
        "checks": {"findings": len(result.findings)},
        "reconcile": {"reconciled": len(result.reconciled)},
    }.get(stage, {})


def empty_pages(pages: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, reason) of the pages that were read but gave no claim."""
    if not len(pages):
        return []
    read = pages[(pages["claim_count"] == 0) & pages["status"].isin(["fetched", "not_modified"])]
    return [(str(r.source), str(r.error or "no claim found")) for r in read.itertuples()]
