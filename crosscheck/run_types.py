"""The run's typed records: its configuration, the analysis it computes before the load,
its summary and its stage timer (shared by the pipeline and its steps, no stage logic)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from crosscheck.checks.config import DEFAULT_MAX_FINDINGS_PER_PAGE
from crosscheck.contracts import PASSAGE_COLUMNS, Severity
from crosscheck.ingest.transport import FetchConfig
from crosscheck.intervals import IntervalPolicy
from crosscheck.normalize import NormalizeConfig
from crosscheck.parallel import default_workers
from crosscheck.warehouse import LakeFiles
from crosscheck.warehouse.history import CarriedRun


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
    # The local engine's full check split with a forked child (crosscheck.forked_checks):
    # None forks when the run has MIN_FACTS_FOR_FORKED_CHECKS facts or more (None: never).
    fork_checks: bool | None = None
    # the statements of a page-cut check in a forked child (crosscheck.forked_statements)
    fork_statements: bool | None = None
    # ingest's entities file (`vocabulary.gazetteer`, an ablation); None: the packaged one
    gazetteer: Path | None = None


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
    # page rows and quarantined claims the parse tasks wrote to the lake (crosscheck.
    # dask_pages: not in `pages`, `quarantine`, which hold the client's rows only)
    lake_pages: int = 0
    lake_quarantine: int = 0
    # the numeric consensus rows the Dask workers kept to write to the lake (`reconciled` is
    # then empty: the load reads them there); None: `reconciled` holds them
    held_consensus: int | None = None
    # the findings the Dask workers kept to write to the lake (`findings` is then empty: the
    # load reads them there, crosscheck.dask_findings); None: `findings` holds them
    held_findings: int | None = None
    # stored claims and facts of reused pages the run did not read back (partial_read): they
    # are the run's all the same, in its counts, and stay in the warehouse as they are
    unread: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> int:
        """Rows of `what` (pages, claims, facts, quarantine, findings) this run stands for:
        its frames, or the counts of the run whose results it shares; `reconciled`: the
        consensus rows it computed (held on the Dask workers or in its frame)."""
        if what == "reconciled" and self.held_consensus is not None:
            return self.held_consensus
        if what == "findings" and self.held_findings is not None:
            return self.held_findings
        if self.carried is not None and what != "reconciled":
            return self.carried.counts.get(f"{what.removesuffix('s')}_count", 0)
        if self.lake is not None and what in ("facts", "claims"):
            return self.lake.fact_rows if what == "facts" else self.lake.claim_rows
        frame: pd.DataFrame = getattr(self, what)
        in_lake = {"pages": self.lake_pages, "quarantine": self.lake_quarantine}.get(what, 0)
        return len(frame) + in_lake + self.unread.get(what, 0)


class StageTimer:
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
