"""The whole pipeline: sources → snapshots → claims → facts → findings → reconciled → DuckDB.

This is the only module that imports every stage; stages talk through the contract frames.
It holds the run's entry points over the parse lap (`analyze_snapshots`, `analyze_sources`)
and `run_pipeline`; the batches being parsed are collected by crosscheck.parsed_batches,
known pages handled by crosscheck.known_pages, the checks and reconcile run by
crosscheck.check_reconcile and the results shaped for the warehouse by crosscheck.run_outputs
(their public names are importable from here too).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from crosscheck.batches import PreparedBatch, batches_of, concat, start_batch
from crosscheck.check_reconcile import check_and_reconcile, page_checks_for
from crosscheck.checks import CheckConfig
from crosscheck.checks.contracts import prepare_contracts
from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, PAGE_COLUMNS, Snapshot
from crosscheck.engines import engine_pool, engine_runner, local_checks_runner
from crosscheck.incremental import StoredPages
from crosscheck.ingest.snapshots import Arrival, SnapshotStore
from crosscheck.ingest.sources import (
    FileRead,
    count_sources,
    iter_snapshots,
    iter_sources,
    plan_pages,
)
from crosscheck.known_pages import (
    carried_analysis,
    is_held,
    page_keys,
    read_back_stored,
    stored_batch,
)
from crosscheck.normalize import Normalizer, Vocabulary, load_vocabulary
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.parallel import MIN_ITEMS_PER_WORKER
from crosscheck.parsed_batches import Parsing, StreamStats, finish_all, prepare_batch
from crosscheck.partial import Prior
from crosscheck.partial_read import Opener, StoredRows, read_by_key
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.run_outputs import bundle_for, empty_pages, run_settings_digest, write_run_lake
from crosscheck.run_types import Analysis, RunConfig, RunSummary, StageTimer
from crosscheck.warehouse.history import CarriedRun


def _vocabulary(config: RunConfig) -> Vocabulary:
    overrides = config.normalize.vocabulary_overrides
    if not overrides:
        return default_vocabulary()  # loaded once per process (its regexes are compiled)
    return load_vocabulary(overrides=Path(overrides))


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
            batches.append(stored_batch(reuse))
        runner = engine_runner(pool)
        if runner is not None:  # the Dask engine checks and reconciles on its cluster
            return check_and_reconcile(batches, vocabulary, config, timer, runner=runner)
    return check_and_reconcile(batches, vocabulary, config, timer)


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
    # the pages are counted by one walk and handed out by another, as it lists them: the
    # client never holds a SourceSpec a page (~470 bytes: 21.5 MiB at 50,000 pages)
    total = count_sources(config.sources)
    vocabulary = _vocabulary(config)
    normalizer = Normalizer(vocabulary)  # the workers get it when the pool starts
    stats = StreamStats()
    held = known(vocabulary.version) if known is not None and reuse is not None else None
    forks = total >= MIN_ITEMS_PER_WORKER * 2 and not held
    if forks:  # the forked workers inherit pint's registry and pandera's backends loaded; a
        normalizer.prepare()  # small run (parsed in process) or a re-run loads them if a
        prepare_contracts()  # unit word or a frame needs them at all
    set_aside: list[Snapshot] = []  # known pages, their text dropped
    # The workers parse and normalize batch k while this process collects batch k-1 and
    # reads batch k+1; slots keep the batches in reading order whatever finishes first.
    slots: list[PreparedBatch | Parsing] = []
    lake = lake_dir if lake_dir is not None else config.lake
    prepare = None  # prepare_pages; on Dask with a lake the claims stay on the workers
    if lake is not None and lake_run is not None and config.engine == "dask":
        from crosscheck.dask_lake import ClaimsIntoLake

        prepare = ClaimsIntoLake(str(lake), lake_run)
    with contextlib.ExitStack() as stack:
        # the local engine's parse tasks also run the page cut's rules (checks.page_cut)
        page_checks = _page_checks(vocabulary, config, total, bool(held))
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
        specs = iter_sources(config.sources)
        items: Iterator[Snapshot | FileRead | Arrival] = (
            iter_snapshots(specs, config.fetch, store)
            if reuse is not None and held is None
            else plan_pages(specs, config.fetch, store, known=held)
        )
        del specs
        for batch, last in batches_of(items, config.batch_pages):
            timer.lap("fetch")
            stored: StoredPages | None = None
            fresh: list[Snapshot | FileRead | Arrival]
            if held is not None:
                fresh = [s for s in batch if not is_held(s, held)]
                set_aside += [
                    dataclasses.replace(s, text="")
                    for s in batch
                    if isinstance(s, Snapshot) and is_held(s, held)
                ]
            elif reuse is not None:
                read = [s for s in batch if isinstance(s, Snapshot)]
                unread, stored = reuse(read, vocabulary.version)
                fresh = list(unread)
            else:
                fresh = batch
            parsing = Parsing(start_batch(fresh, pool, store, prepare, last), stats.read)
            finish_all(slots, timer, progress, total, stats, set_aside, ahead)
            slots.append(parsing)
            if stored is not None:
                slots.append(stored_batch(stored))
                stats.unchanged += len(stored.pages)
            stats.read += len(batch)
            del batch, fresh, stored, parsing
        timer.lap("fetch")
        finish_all(slots, timer, progress, total, stats, set_aside)
        runner = engine_runner(pool)
        batches = [slot for slot in slots if isinstance(slot, PreparedBatch)]
        slots.clear()  # check_and_reconcile frees the batches once it has concatenated them
        if on_fetched:
            on_fetched(timer.laps["fetch"], stats.read, len(stats.failed))
        if carry is not None and stats.read and not stats.parsed:
            pages = concat([b.pages for b in batches] + [page_keys(set_aside)], PAGE_COLUMNS)
            carried = carry(pages, vocabulary.version)
            timer.lap("reuse")
            if carried is not None:
                stats.unchanged += len(set_aside)
                return carried_analysis(batches, carried, vocabulary, timer), stats
        relations = None
        to_lake = lake is not None and lake_run is not None
        by_key: StoredRows | None = None
        if set_aside:
            assert reuse is not None
            if rows is not None and prior is not None and runner is None and not to_lake:
                read_back, by_key = read_by_key(set_aside, rows)
            else:
                read_back = read_back_stored(set_aside, reuse, vocabulary.version)
            batches.append(stored_batch(read_back))
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
            files = write_run_lake(lake, lake_run, analysis, runner, timer, kept)
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


def run_pipeline(
    config: RunConfig, progress: ProgressCallback = no_progress, wait: float = 0.0
) -> RunSummary:
    """Run every step under the run lock and load the result in one transaction; raises
    RunFailed (the run's row closed as failed) on any error. The CLI and `crosscheck.run` go
    through crosscheck.runner, which adds validation, the report and the exit decision."""
    from crosscheck.steps import run_core

    return run_core(config, progress, wait)


__all__ = [
    "Analysis", "RunConfig", "RunSummary", "StageTimer", "StreamStats", "analyze_snapshots",
    "analyze_sources", "bundle_for", "check_and_reconcile", "empty_pages", "prepare_batch",
    "run_pipeline", "run_settings_digest",
]  # fmt: skip
