"""The whole pipeline: sources → snapshots → claims → facts → findings → reconciled → DuckDB.

This is the only module that imports every stage; stages talk through the contract frames.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
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
    batches_of,
    concat,
    finish_batch,
    start_batch,
)
from crosscheck.check_reconcile import COMPONENTS, check_and_reconcile, page_checks_for
from crosscheck.checks import CheckConfig
from crosscheck.checks.contracts import prepare_contracts
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
    Snapshot,
    stable_id,
)
from crosscheck.dask_shuffle import Runner
from crosscheck.engines import engine_pool, engine_runner, local_checks_runner
from crosscheck.errors import RunFailed
from crosscheck.incremental import StoredPages, settings_digest, unchanged_run
from crosscheck.ingest.snapshots import Arrival, SnapshotStore
from crosscheck.ingest.sources import FileRead, expand_sources, iter_snapshots, plan_pages
from crosscheck.logs import log_stage
from crosscheck.normalize import Normalizer, Vocabulary, load_vocabulary
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.parallel import MIN_ITEMS_PER_WORKER, PendingChunks, WorkerPool
from crosscheck.partial import Prior
from crosscheck.partial_read import Opener, StoredRows, read_by_key
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.run_types import Analysis, RunConfig, RunSummary, StageTimer
from crosscheck.warehouse import LakeFiles, RunBundle
from crosscheck.warehouse.history import CarriedRun


def _vocabulary(config: RunConfig) -> Vocabulary:
    overrides = config.normalize.vocabulary_overrides
    if not overrides:
        return default_vocabulary()  # loaded once per process (its regexes are compiled)
    return load_vocabulary(overrides=Path(overrides))


def _finish(
    pending: PendingChunks[PreparedChunk],
    timer: StageTimer,
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
    timer: StageTimer,
    progress: ProgressCallback = no_progress,
    offset: int = 0,
    total: int | None = None,
) -> PreparedBatch:
    """Parse, normalize and validate one batch on the pool's workers (start and finish)."""
    total = len(snapshots) + offset if total is None else total
    return _finish(start_batch(snapshots, pool), timer, progress, offset, total)


def _stored_batch(reuse: StoredPages) -> PreparedBatch:
    return PreparedBatch(
        reuse.pages,
        reuse.claims,
        reuse.facts,
        pd.DataFrame(columns=QUARANTINE_COLUMNS),
        reuse.passages,
    )


def analyze_snapshots(
    snapshots: list[Snapshot],
    config: RunConfig,
    reuse: StoredPages | None = None,
    progress: ProgressCallback = no_progress,
) -> Analysis:
    """Parse and normalize the snapshots, add the reused pages' stored facts, then check and
    reconcile everything together; no network and no warehouse."""
    timer = StageTimer()
    vocabulary = _vocabulary(config)
    page_checks = page_checks_for(vocabulary, config)  # the parse tasks run the page cut
    with engine_pool(config, Normalizer(vocabulary).prepare(), page_checks) as pool:
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
    timer: StageTimer,
    progress: ProgressCallback,
    total: int,
    stats: StreamStats | None = None,
    set_aside: list[Snapshot] | None = None,
    leave: int = 0,
) -> None:
    """Turn every batch still parsing but the last `leave` into a prepared batch, in place
    and in order, counting what its workers read into `stats` and the known pages they set
    aside into `set_aside`."""
    parsing = [i for i, slot in enumerate(slots) if isinstance(slot, _Parsing)]
    for index in parsing[: max(0, len(parsing) - leave)]:
        slot = slots[index]
        if isinstance(slot, _Parsing):
            batch = slots[index] = _finish(slot.pending, timer, progress, slot.offset, total)
            if stats is not None:
                stats.failed += batch.failed
                stats.parsed += batch.parsed
            if set_aside is not None:
                set_aside += batch.set_aside
            batch.set_aside = []


def _held(item: Snapshot | FileRead | Arrival, held: frozenset[tuple[str, str]]) -> bool:
    """Whether a page this process holds is one the warehouse has (files read by workers are
    judged there, against FileRead.known)."""
    return isinstance(item, Snapshot) and item.ok and (item.source, item.sha256) in held


def analyze_sources(
    config: RunConfig,
    progress: ProgressCallback = no_progress,
    *,
    reuse: Callable[[list[Snapshot], str], tuple[list[Snapshot], StoredPages | None]] | None = None,
    timer: StageTimer | None = None,
    on_fetched: Callable[[float, int, int], None] | None = None,
    carry: Callable[[pd.DataFrame, str], CarriedRun | None] | None = None,
    context: Callable[[set[str], set[str]], tuple[pd.DataFrame, frozenset[str]]] | None = None,
    known: Callable[[str], frozenset[tuple[str, str]]] | None = None,
    prior: Callable[[pd.DataFrame], Prior | None] | None = None,
    lake_run: str | None = None,
    lake_dir: Path | None = None,
    rows: Opener | None = None,
) -> tuple[Analysis, StreamStats]:
    """Read the sources in batches of `config.batch_pages`, parse and normalize each batch and
    drop its page texts, then check and reconcile everything. `reuse(snapshots, vocabulary
    version)` may swap unchanged pages for their stored facts. With `known(vocabulary
    version)`, the (source, sha256) pairs the warehouse holds, files whose stat is unchanged
    are not read, and known pages are set aside: when every page read is known and
    `carry(pages, vocabulary version)` finds that the latest run read exactly these pages,
    the run shares its results and reads no fact; otherwise `reuse` reads their facts back.
    Local files are read, decoded and written to the snapshot store by the workers that parse
    them (this process hands out paths and fetches URLs). Bounded memory is why this is not
    analyze_snapshots. With `lake_run` the run's facts and claims go to the Parquet lake
    (`lake_dir`, default `config.lake`); on the Dask engine the load then reads them from
    there and the analysis lets go of its frames. With `rows` (opens a read-only connection,
    held while the run checks and reconciles) and `prior`, the known pages' claims and facts
    are read back by key as the limited checks ask for them (crosscheck.partial_read)."""
    timer = timer or StageTimer()
    specs = expand_sources(config.sources)
    vocabulary = _vocabulary(config)
    normalizer = Normalizer(vocabulary)  # the workers get it when the pool starts
    stats = StreamStats()
    held = known(vocabulary.version) if known is not None and reuse is not None else None
    forks = len(specs) >= MIN_ITEMS_PER_WORKER * 2 and not held
    if forks:  # the forked workers inherit pint's registry and pandera's backends loaded; a
        normalizer.prepare()  # small run (parsed in process) or a re-run loads them if a
        prepare_contracts()  # unit word or a frame needs them at all
    set_aside: list[Snapshot] = []  # known pages, their text dropped
    # The workers parse and normalize batch k while this process collects batch k-1 and
    # reads batch k+1; slots keep the batches in reading order whatever finishes first.
    slots: list[PreparedBatch | _Parsing] = []
    lake = lake_dir if lake_dir is not None else config.lake
    prepare = None  # prepare_pages; on Dask with a lake the claims stay on the workers
    if lake is not None and lake_run is not None and config.engine == "dask":
        from crosscheck.dask_lake import ClaimsIntoLake

        prepare = ClaimsIntoLake(str(lake), lake_run)
    with contextlib.ExitStack() as stack:
        # the local engine's parse tasks also run the page cut's rules (checks.page_cut)
        page_checks = _page_checks(vocabulary, config, len(specs), bool(held))
        pool = stack.enter_context(engine_pool(config, normalizer, page_checks))
        # Batches left with the workers while this process waits for an earlier one (the
        # pool's `parse_ahead`). Known pages set aside here and by the workers keep their
        # order only when batches are collected one behind: a run with known pages waits so.
        ahead = 0 if held else pool.parse_ahead - 1
        if forks:
            pool.start()  # fork once, now, while this process holds no batch yet
        timer.lap("startup")
        store = SnapshotStore(config.snapshot_dir)
        # The workers read the page files, write their snapshots and parse them: this process
        # fetches URLs (one pacer per host) and hands out paths. Callers with `reuse` but no
        # `known` swap pages by their sha256 before parsing, so those pages are read here.
        items: Iterator[Snapshot | FileRead | Arrival] = (
            iter_snapshots(specs, config.fetch, store)
            if reuse is not None and held is None
            else plan_pages(specs, config.fetch, store, known=held)
        )
        for batch, last in batches_of(items, config.batch_pages):
            timer.lap("fetch")
            stored: StoredPages | None = None
            fresh: list[Snapshot | FileRead | Arrival]
            if held is not None:
                fresh = [s for s in batch if not _held(s, held)]
                set_aside += [
                    dataclasses.replace(s, text="")
                    for s in batch
                    if isinstance(s, Snapshot) and _held(s, held)
                ]
            elif reuse is not None:
                read = [s for s in batch if isinstance(s, Snapshot)]
                unread, stored = reuse(read, vocabulary.version)
                fresh = list(unread)
            else:
                fresh = batch
            parsing = _Parsing(start_batch(fresh, pool, store, prepare, last), stats.read)
            _finish_all(slots, timer, progress, len(specs), stats, set_aside, ahead)
            slots.append(parsing)
            if stored is not None:
                slots.append(_stored_batch(stored))
                stats.unchanged += len(stored.pages)
            stats.read += len(batch)
            del batch, fresh, stored, parsing
        timer.lap("fetch")
        _finish_all(slots, timer, progress, len(specs), stats, set_aside)
        runner = engine_runner(pool)
        batches = [slot for slot in slots if isinstance(slot, PreparedBatch)]
        slots.clear()  # check_and_reconcile frees the batches once it has concatenated them
        if on_fetched:
            on_fetched(timer.laps["fetch"], stats.read, len(stats.failed))
        if carry is not None and stats.read and not stats.parsed:
            pages = concat([b.pages for b in batches] + [_page_keys(set_aside)], PAGE_COLUMNS)
            carried = carry(pages, vocabulary.version)
            timer.lap("reuse")
            if carried is not None:
                stats.unchanged += len(set_aside)
                return _carried_analysis(batches, carried, vocabulary, timer), stats
        relations = None
        to_lake = lake is not None and lake_run is not None
        by_key: StoredRows | None = None
        if set_aside:
            assert reuse is not None
            if rows is not None and prior is not None and runner is None and not to_lake:
                read_back, by_key = read_by_key(set_aside, rows)
            else:
                read_back = _read_back(set_aside, reuse, vocabulary.version)
            batches.append(_stored_batch(read_back))
            if read_back.relations is not None:
                relations = (read_back.relations, set(read_back.claims["claim_id"].tolist()))
            stats.unchanged += len(set_aside)
            timer.lap("reuse")
        kept: dict[str, list[Any]] = {}
        facts = sum(len(b.facts) for b in batches) + (by_key.facts_total if by_key else 0)
        local = local_checks_runner(pool, facts) if runner is None else None
        if runner is None and local is None:
            stack.close()  # local workers go before the checks; Dask's cluster runs them
        try:
            analysis = check_and_reconcile(
                batches, vocabulary, config, timer, context, prior, relations, runner, kept,
                local, gather_facts=not to_lake, stored=by_key,
            )  # fmt: skip
        finally:
            if by_key is not None:
                by_key.close()
        if lake is not None and lake_run is not None:
            files = _write_lake(lake, lake_run, analysis, runner, timer, kept)
            if runner is not None:  # the workers wrote them: the load reads them from the lake
                analysis.lake = files
                analysis.facts = pd.DataFrame(columns=FACT_COLUMNS)
                analysis.claims = pd.DataFrame(columns=CLAIM_COLUMNS)
        if relations is not None:
            analysis.stored_claims = frozenset(relations[1])
        if by_key is not None:  # the load writes none of the rows read back
            analysis.stored_claims = frozenset(by_key.claims["claim_id"].tolist())
            analysis.unread = by_key.unread()
        return analysis, stats


def _page_checks(
    vocabulary: Vocabulary, config: RunConfig, pages: int, known: bool
) -> CheckConfig | None:
    """The settings the parse tasks run the page cut with, when it pays: the run forks its
    workers (`pages` of them at least MIN_ITEMS_PER_WORKER * 2, more than one worker) and the
    warehouse holds no page of this vocabulary (`known`). The page rules cost ~0.05 s of CPU a
    call whatever the rows: in-process chunks (a small run: 3 seed pages, 3 chunks) called
    them once a chunk, where the checks lap calls them once; and a run with known pages reads
    them back as a stored batch, which carries no page findings, so the checks never used the
    chunks' (a one-changed-page re-run paid the page cut for nothing)."""
    if known or config.workers <= 1 or pages < MIN_ITEMS_PER_WORKER * 2:
        return None
    return page_checks_for(vocabulary, config)


def _write_lake(
    lake: Path,
    run_id: str,
    result: Analysis,
    runner: Runner | None,
    timer: StageTimer,
    kept: dict[str, list[Any]],
) -> LakeFiles:
    """The run's facts and claims (and the page sketches the Dask workers kept) into the
    Parquet lake, written where the run's checks ran (the Dask workers, or this process);
    `kept`: their partitions already there. A partial write is removed."""
    from crosscheck.dask_lake import drop_run, lake_files, write_lake
    from crosscheck.dask_shuffle import InProcess

    try:
        written = write_lake(
            runner or InProcess(), lake, run_id, result.facts, result.claims,
            kept.get("entity"), passage_parts=kept.get("passages"),
            consensus_parts=kept.get("consensus"), category_parts=kept.get("categories"),
            finding_parts=kept.get("findings"), statement_parts=kept.get("statements"),
        )  # fmt: skip
    except BaseException:
        drop_run(lake, run_id)
        raise
    written["claims"] += result.lake_claims  # written by the parse tasks, as the page rows
    written["pages"], written["quarantine"] = result.lake_pages, result.lake_quarantine
    timer.lap("lake")
    log_stage(run_id, "lake", timer.laps["lake"], **written)
    return lake_files(lake, run_id, written)


def _page_keys(snapshots: list[Snapshot]) -> pd.DataFrame:
    """Page rows holding only what comparing runs needs: source, sha256 and status."""
    return pd.DataFrame(
        {
            "source": [s.source for s in snapshots],
            "page_sha256": [s.sha256 for s in snapshots],
            "status": [s.status.value for s in snapshots],
        },
        columns=PAGE_COLUMNS,
    )


def _read_back(
    snapshots: list[Snapshot],
    reuse: Callable[[list[Snapshot], str], tuple[list[Snapshot], StoredPages | None]],
    vocabulary_version: str,
) -> StoredPages:
    """The stored pages, claims, facts and relations of known pages set aside unread."""
    left, stored = reuse(snapshots, vocabulary_version)
    if left or stored is None:  # the run lock holds the warehouse still: a bug, not a page
        raise RunFailed(
            f"{len(left) or len(snapshots)} page(s) known to the warehouse when the run began "
            "could not be read back from it; nothing was loaded"
        )
    return stored


def _carried_analysis(
    batches: list[PreparedBatch], carried: CarriedRun, vocabulary: Vocabulary, timer: StageTimer
) -> Analysis:
    """The analysis of a run whose pages and settings equal the latest run's: no frame but
    its failed pages' rows; the counts and findings are those of the run it shares."""
    return Analysis(
        concat([b.pages for b in batches], PAGE_COLUMNS),
        pd.DataFrame(columns=CLAIM_COLUMNS),
        pd.DataFrame(columns=FACT_COLUMNS),
        pd.DataFrame(columns=QUARANTINE_COLUMNS),
        pd.DataFrame(columns=FINDING_COLUMNS),
        pd.DataFrame(columns=RECONCILED_COLUMNS),
        vocabulary.version,
        dict(timer.laps),
        cpu_seconds=dict(timer.cpu),
        carried=carried,
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
        stored_claims=result.stored_claims,
        passages=result.passages,
        lake=result.lake,
        unread_claims=result.unread.get("claims", 0),
        unread_facts=result.unread.get("facts", 0),
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
) -> CarriedRun | None:
    carried = unchanged_run(con, pages, vocabulary_version, digest)
    if carried is None:
        return None
    findings = carried.counts.get("finding_count", 0)
    log_stage(run_id, "reuse", 0.0, reused_run=carried.results_run, findings=findings)
    return carried


def _stage_counts(stage: str, result: Analysis, parsed_pages: int) -> dict[str, int]:
    return {
        "parse": {"pages_parsed": parsed_pages, "claims": result.count("claims")},
        "normalize": {"facts": result.count("facts"), "quarantined": result.count("quarantine")},
        "checks": {"findings": result.count("findings")},
        "reconcile": {"reconciled": result.count("reconciled")},
    }.get(stage, {})


def empty_pages(pages: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, reason) of the pages that were read but gave no claim."""
    if not len(pages):
        return []
    read = pages[(pages["claim_count"] == 0) & pages["status"].isin(["fetched", "not_modified"])]
    return [(str(r.source), str(r.error or "no claim found")) for r in read.itertuples()]
