"""The whole pipeline: sources → snapshots → claims → facts → findings → reconciled → DuckDB.

This is the only module that imports every stage; stages talk through the contract frames.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from crosscheck import __version__, partial, partial_checks, partial_reconcile
from crosscheck.batches import (
    PreparedBatch,
    PreparedChunk,
    batches_of,
    concat,
    finish_batch,
    start_batch,
)
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.config import DEFAULT_MAX_FINDINGS_PER_PAGE
from crosscheck.checks.contracts import prepare_contracts, validate_frame
from crosscheck.checks.root_causes import with_root_causes
from crosscheck.checks.rules import FAMILY_KEY, Family
from crosscheck.common.gazetteer import load_components
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    PASSAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RECONCILED_COLUMNS,
    RELATION_COLUMNS,
    FindingKind,
    FindingModel,
    PageStatus,
    Severity,
    Snapshot,
    stable_id,
)
from crosscheck.dask_held import HeldFacts, gather_all, held_voters
from crosscheck.dask_held import cut_by as held_parts
from crosscheck.dask_partitions import (
    PartitionedResult,
    Runner,
    partitioned_checks,
    partitioned_reconcile,
    split,
)
from crosscheck.engines import PoolRunner, engine_pool, engine_runner, local_checks_runner
from crosscheck.errors import RunFailed
from crosscheck.incremental import (
    StoredPages,
    settings_digest,
    unchanged_run,
)
from crosscheck.ingest.snapshots import Arrival, SnapshotStore
from crosscheck.ingest.sources import FileRead, expand_sources, iter_snapshots, plan_pages
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
from crosscheck.normalize.vocabulary import default_vocabulary
from crosscheck.parallel import MIN_ITEMS_PER_WORKER, PendingChunks, WorkerPool, default_workers
from crosscheck.partial import Prior
from crosscheck.partial_read import (
    Opener,
    StoredRows,
    annotation_keys,
    held_claim_sets,
    read_by_key,
)
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.reconcile import (
    ReconcileConfig,
    ReconcileResult,
    annotate_conflicts,
    flagged_claims,
    note_copies,
    reconcile_facts,
)
from crosscheck.warehouse import LakeFiles, RunBundle
from crosscheck.warehouse.history import CarriedRun
from crosscheck.warehouse.stored_rows import RowKeys

_READ_STATUSES = (PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value)
# what reconcile_facts reads of a fact (tests/test_partial_reconcile.py scrambles the rest)
VOTER_COLUMNS = ["claim_id", *partial_reconcile.READ]

# Components that identify a product when a figure is "measured with" them.
# Packages that are parts of an entity (data: normalize/data/entities.toml, [components]).
COMPONENTS = load_components()


@dataclass(frozen=True)
class RunConfig:
    """Everything one run needs; built by the CLI from flags (and later a config file)."""

    sources: list[str]
    db_path: Path
    snapshot_dir: Path | str  # a folder, or an fsspec URL (crosscheck.ingest.storage)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    reference_year: int = field(default_factory=lambda: datetime.now(UTC).year)
    workers: int = field(default_factory=default_workers)
    batch_pages: int = 500  # pages parsed together; bounds the page text held in memory
    # findings one page gives of one kind before the rest are summarised (checks/caps.py)
    max_findings_per_page: int = DEFAULT_MAX_FINDINGS_PER_PAGE
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
    # a run that changed nothing: the earlier run whose results it shares (runs.results_run)
    results_run: str | None = None
    # distinct root causes among the findings (checks.root_causes): what a reviewer reads
    root_causes: int = 0

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
    # A run that changed nothing: the results it shares (its frames hold only failed pages).
    carried: CarriedRun | None = None
    # Claims read back unchanged from the warehouse: the load does not write them again.
    stored_claims: frozenset[str] = frozenset()
    # PASSAGE_COLUMNS of the pages parsed or reused now (stored for later re-runs)
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))
    # The Dask engine's facts and claims in the Parquet lake: the load reads them from there
    # and `facts`/`claims` are emptied (the client lets go of them before the load).
    lake: LakeFiles | None = None
    # claims the parse tasks wrote to the lake themselves (not in `claims`)
    lake_claims: int = 0
    # stored claims and facts of reused pages the run did not read back (partial_read): they
    # are the run's all the same, in its counts, and stay in the warehouse as they are
    unread: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> int:
        """Rows of `what` (pages, claims, facts, quarantine, findings) this run stands for:
        its frames, or the counts of the run whose results it shares."""
        if self.carried is not None:
            return self.carried.counts.get(f"{what.removesuffix('s')}_count", 0)
        if self.lake is not None and what in ("facts", "claims"):
            return self.lake.fact_rows if what == "facts" else self.lake.claim_rows
        frame: pd.DataFrame = getattr(self, what)
        return len(frame) + self.unread.get(what, 0)


class _Timer:
    """Wall time per stage (laps that add up to the run), and the CPU seconds spent inside the
    parse and normalize stages wherever they ran (summed over workers), for the benchmark's
    per-core figures: with stages overlapping, wall laps alone cannot give those."""

    def __init__(self, origin: float | None = None) -> None:
        """`origin` (perf_counter) is where the first lap starts: the CLI passes its process's
        start, so `startup` counts the interpreter and the imports too."""
        self.laps: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._last = time.perf_counter() if origin is None else origin

    def add_cpu(self, stage: str, seconds: float) -> None:
        self.cpu[stage] = round(self.cpu.get(stage, 0.0) + seconds, 3)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(self.laps.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def _vocabulary(config: RunConfig) -> Vocabulary:
    overrides = config.normalize.vocabulary_overrides
    if not overrides:
        return default_vocabulary()  # loaded once per process (its regexes are compiled)
    return load_vocabulary(overrides=Path(overrides))


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
    prior: Callable[[pd.DataFrame], Prior | None] | None = None,
    stored_relations: tuple[pd.DataFrame, set[str]] | None = None,
    runner: Runner | None = None,
    kept: dict[str, list[Any]] | None = None,
    local: PoolRunner | None = None,
    gather_facts: bool = True,
    stored: StoredRows | None = None,
) -> Analysis:
    """Checks and reconciliation over every batch together (cross-source findings need all).
    `stored_relations` (relations, the claim ids they were read from) spares reading the
    comparative statements of reused pages again: they are read per page.
    With `prior(pages)` (what the latest run found, when this run re-read its sources and a
    few pages changed) only the entities those pages touch are checked again
    (crosscheck.partial); the consensus is the latest run's when nothing the reconciliation
    reads changed (crosscheck.partial_reconcile), else computed over every fact.
    With a `runner` (the Dask engine) checks and reconcile run as partitioned tasks
    (crosscheck.dask_partitions) over every fact (no partial re-check); `kept` receives the
    checks' entity partitions. With `local` (the local engine's workers) a full check runs
    by the same partitions on them, and the workers are let go once it is done. Facts the
    Dask workers kept (crosscheck.dask_held) are cut into partitions there;
    `gather_facts=False` leaves them there (the load reads the lake). With `stored` (the
    reused pages' rows, read back by key: crosscheck.partial_read) `batches` hold only their
    page rows, and the rows the limited checks need are read as they are asked for.

    Consumes `batches` (the list is emptied once concatenated), so the batch frames are
    freed before the checks' working copies exist: at 10,000 pages that was ~0.5 GB of peak.
    """
    held = HeldFacts.of(batches)  # facts the Dask workers kept (None: all are in `facts`)
    pages = concat([b.pages for b in batches], PAGE_COLUMNS)
    claims = concat([b.claims for b in batches], CLAIM_COLUMNS)
    facts = concat([b.facts for b in batches], FACT_COLUMNS)
    quarantine = concat([b.quarantine for b in batches], QUARANTINE_COLUMNS)
    passages = concat([b.passages for b in batches], PASSAGE_COLUMNS)
    # the statements of the claims the workers kept (written to the lake: ClaimsIntoLake)
    parsed_relations = [b.relations for b in batches if b.relations is not None]
    lake_claims = sum(b.lake_claims for b in batches)
    batches.clear()
    tolerances = {m.id: m.tolerance for m in vocabulary.metrics.values()}
    check_config = CheckConfig(
        intervals=config.intervals,
        tolerances=tolerances,
        entity_specific=frozenset(m.id for m in vocabulary.metrics.values() if m.entity_specific),
        components=COMPONENTS,
        reference_year=config.reference_year,
        max_findings_per_page=config.max_findings_per_page,
    )
    relations = _relations(claims, vocabulary, stored_relations)
    if parsed_relations:
        relations = concat([*parsed_relations, relations], RELATION_COLUMNS)
    parsed = (claims, facts, passages)  # without the reused pages' rows when `stored` is given

    def holding() -> None:
        """This run's claims, facts and sketches: the parsed pages' and the stored rows held."""
        nonlocal claims, facts, passages
        if stored is not None:
            claims = concat([parsed[0], stored.claims], CLAIM_COLUMNS)
            facts = concat([parsed[1], stored.facts], FACT_COLUMNS)
            passages = concat([parsed[2], stored.passages], PASSAGE_COLUMNS)

    def all_rows() -> None:
        if stored is not None and not stored.complete:
            stored.everything()
            holding()

    def more(keys: RowKeys) -> pd.DataFrame:
        if stored is not None and stored.fetch(keys):
            holding()
        return facts

    kept = {} if kept is None else kept  # the checks' entity partitions (reconcile, lake)

    def checked() -> pd.DataFrame:
        if runner is not None:  # the same rules and whole-run passes, by partitions
            # the facts the workers kept, cut by each rule family's key where they are
            keys = [FAMILY_KEY[f] for f in (Family.PAGE, Family.ENTITY, Family.METRIC)]
            cuts = None if held is None else held_parts(runner, held, keys)
            page = None if cuts is None else cuts[keys[0]]
            found = partitioned_checks(
                runner, facts, pages, relations, check_config, kept, page, cuts
            )
        elif local is not None and earlier is None:  # a full check on the local workers
            found = partitioned_checks(local, facts, pages, relations, check_config)
        else:
            all_rows()
            found = run_checks(facts, pages, check_config, relations).findings
        return validate_frame(found, FindingModel, "checks").valid

    def limited_to(extra: set[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """(checked again, carried over) of a run limited to what the changed pages touch."""
        if earlier is None:
            return None
        sets = claim_sets(earlier)
        scope = partial.plan(earlier, claims, facts, relations, extra, sets[0])
        cut = partial_checks.cut_of(earlier, scope.entities, facts)
        found = partial_checks.checked_again(
            earlier, cut, pages, facts, relations, sets, check_config,
            None if stored is None else more,
        )  # fmt: skip
        if found is None:
            return None
        return validate_frame(found[0], FindingModel, "checks").valid, found[1]

    sets: list[tuple[set[str], set[str]]] = []  # read once: the changed pages' rows are held

    def claim_sets(earlier: Prior) -> tuple[set[str], set[str]]:
        if not sets:
            sets.append(held_claim_sets(earlier, claims, stored))
        return sets[0]

    earlier = prior(pages) if prior is not None and runner is None else None
    if stored is not None:  # the stored rows of pages that changed since the latest run
        stored.fetch(RowKeys(sources=earlier.changed)) if earlier else stored.everything()
        holding()
    limited = limited_to()
    findings = checked() if limited is None else concat(list(limited), FINDING_COLUMNS)
    if local is not None:
        local.pool.close()  # the reconcile runs here: the workers' memory is let go
    timer.lap("checks")
    reconcile_config = ReconcileConfig(config.intervals, tolerances, pins=config.pins)
    # The consensus is over every current fact of the entities touched: `context(read
    # sources, entities)` adds the stored facts of sources this run did not read.
    read = set(pages.loc[pages["status"].isin(_READ_STATUSES), "source"])
    flagged = flagged_claims(findings)
    voters, stored_facts = facts, None
    if context is not None:
        entities = set(facts["entity"].dropna().unique()) if held is None else held.entities
        stored_facts, stored_flags = context(read, entities)
        if not stored_facts.empty:
            all_rows()  # facts of sources this run did not read vote: every fact does
            voters = concat([facts, stored_facts], FACT_COLUMNS)
            flagged = flagged | stored_flags
    reconciliation: ReconcileResult | PartitionedResult
    if runner is not None and held is not None:
        # the facts stayed on the workers: the client gets the rows the findings cite only
        parts, voters, rows = held_voters(runner, held, kept, stored_facts, findings)
        by_source = kept["page"] if stored_facts is None or stored_facts.empty else None
        reconciliation = partitioned_reconcile(
            runner, voters, findings, flagged, reconcile_config, parts, passages, rows, by_source
        )
        findings = reconciliation.findings
        if gather_facts:
            facts = gather_all(runner, kept["page"])
    elif runner is not None:
        if voters is facts and "entity" not in kept:
            # cut by entity once: the reconcile's partitions, re-cut into the lake's buckets
            # worker to worker (the facts are not sent to the cluster a second time)
            cut = split(facts.reset_index(drop=True), "entity", runner.partitions)
            kept["entity"] = [runner.put(p) for p in cut]
        entity_parts = kept.get("entity") if voters is facts else None
        by_source = kept.get("page") if voters is facts else None
        reconciliation = partitioned_reconcile(
            runner, voters, findings, flagged, reconcile_config, entity_parts, passages,
            source_parts=by_source,
        )  # fmt: skip
        findings = reconciliation.findings
    else:
        # nothing the reconciliation reads changed: the latest run's is carried
        carried = (
            partial_reconcile.carried(earlier, facts, flagged, passages)
            if earlier is not None and voters is facts
            else None
        )
        sketches = passages
        if carried is None and stored is not None and not stored.complete:
            # over every fact and sketch, of which the reconciliation reads VOTER_COLUMNS only
            voters, sketches = stored.voters(VOTER_COLUMNS)
            voters = concat([parsed[1], voters], VOTER_COLUMNS)
            sketches = concat([parsed[2], sketches], PASSAGE_COLUMNS)
        reconciliation = (
            carried
            if carried is not None
            else reconcile_facts(voters, reconcile_config, flagged, sketches)
        )
        if limited is not None and earlier is not None:
            # Carried explanations quote the latest run's consensus: entities whose consensus
            # moved are checked again, so every explanation quotes this run's (a carried
            # reconciliation moved none).
            moved = (
                set()
                if carried is not None
                else partial.moved(earlier, reconciliation.reconciled, reconciliation.copy_groups)
            )
            scope = partial.plan(earlier, claims, facts, relations, None, claim_sets(earlier)[0])
            extra = moved - set(scope.entities) if moved is not None else None
            if extra:
                limited = limited_to(extra)
            if moved is None or limited is None:
                limited, findings = None, checked()
            timer.lap("checks")
        fresh = findings if limited is None else limited[0]
        partly = stored is not None and not stored.complete
        if partly:  # the rows the explanations quote
            assert stored is not None
            more(annotation_keys(fresh, facts))
            more(annotation_keys(fresh, facts))  # the entities of the cited rows just read
            voters = facts
        fresh = annotate_conflicts(
            fresh,
            voters,
            reconciliation.reconciled,
            copy_groups=reconciliation.copy_groups,
            config=reconcile_config,
        )
        if partly:  # the carried findings' copy notes stand: same copy groups, same sources
            fresh = note_copies(fresh, voters, reconciliation.copy_groups)
        findings = fresh if limited is None else concat([fresh, limited[1]], FINDING_COLUMNS)
    findings = _with_copies(findings, reconciliation.copy_findings)
    if stored is None or stored.complete:
        findings = note_copies(findings, voters, reconciliation.copy_groups)
    findings = with_root_causes(findings)
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
        passages=passages,
        lake_claims=lake_claims,
    )


def _relations(
    claims: pd.DataFrame,
    vocabulary: Vocabulary,
    stored: tuple[pd.DataFrame, set[str]] | None,
) -> pd.DataFrame:
    """The relations of every claim: read from the claims not covered by `stored`."""
    if stored is None:
        return relations_of_claims(claims, vocabulary)
    fresh = claims[~claims["claim_id"].isin(list(stored[1]))]
    return concat([relations_of_claims(fresh, vocabulary), stored[0]], RELATION_COLUMNS)


def _with_copies(findings: pd.DataFrame, copies: pd.DataFrame) -> pd.DataFrame:
    """The findings with this run's near_duplicate ones: copies are found over every page's
    sketch each run, so one carried from an earlier run is replaced, never doubled."""
    kept = findings[findings["kind"] != FindingKind.NEAR_DUPLICATE.value]
    if copies.empty:
        return kept.reset_index(drop=True)
    return concat([kept, copies], FINDING_COLUMNS)


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
    timer: _Timer | None = None,
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
    timer = timer or _Timer()
    specs = expand_sources(config.sources)
    vocabulary = _vocabulary(config)
    normalizer = Normalizer(vocabulary).prepare()  # the workers get it when the pool starts
    stats = StreamStats()
    held = known(vocabulary.version) if known is not None and reuse is not None else None
    if not held:
        prepare_contracts()  # a re-run may parse nothing: it does not pay for pandera up front
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
        pool = stack.enter_context(engine_pool(config, normalizer))
        # Batches left with the workers while this process waits for an earlier one (the
        # pool's `parse_ahead`). Known pages set aside here and by the workers keep their
        # order only when batches are collected one behind: a run with known pages waits so.
        ahead = 0 if held else pool.parse_ahead - 1
        if len(specs) >= MIN_ITEMS_PER_WORKER * 2 and not held:
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
            files = _write_lake(lake, lake_run, analysis, runner, timer, kept.get("entity"))
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


def _write_lake(
    lake: Path,
    run_id: str,
    result: Analysis,
    runner: Runner | None,
    timer: _Timer,
    entity_parts: list[Any] | None = None,
) -> LakeFiles:
    """The run's facts and claims into the Parquet lake, written where the run's checks ran
    (the Dask workers, or this process); a partial write is removed."""
    from crosscheck.dask_lake import drop_run, lake_files, write_lake
    from crosscheck.dask_partitions import InProcess

    try:
        written = write_lake(
            runner or InProcess(), lake, run_id, result.facts, result.claims, entity_parts
        )
    except BaseException:
        drop_run(lake, run_id)
        raise
    written["claims"] += result.lake_claims  # written by the parse tasks
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
    batches: list[PreparedBatch], carried: CarriedRun, vocabulary: Vocabulary, timer: _Timer
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
        "reconcile": {"reconciled": len(result.reconciled)},
    }.get(stage, {})


def empty_pages(pages: pd.DataFrame) -> list[tuple[str, str]]:
    """(source, reason) of the pages that were read but gave no claim."""
    if not len(pages):
        return []
    read = pages[(pages["claim_count"] == 0) & pages["status"].isin(["fetched", "not_modified"])]
    return [(str(r.source), str(r.error or "no claim found")) for r in read.itertuples()]
