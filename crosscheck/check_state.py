"""What the steps of the checks and reconcile (crosscheck.check_reconcile) share: the run's
rows as read so far, where and how the checks run, the latest run's claim sets, and the typed
results they hand on (the votes, the reconcile's result, the page rows the analysis takes).

Kept apart from the steps: these are the values they pass each other, each read lazily once
(the reused pages' stored rows are read by key as the limited checks ask for them:
crosscheck.partial_read), so no step keeps state in a closure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.batches import HeldPiece, concat
from crosscheck.checks import CheckConfig
from crosscheck.checks.page_cut import PageFindings
from crosscheck.contracts import CLAIM_COLUMNS, FACT_COLUMNS, PASSAGE_COLUMNS
from crosscheck.dask_findings import LeftFindings
from crosscheck.dask_held import HeldFacts
from crosscheck.dask_reconcile import PartitionedResult
from crosscheck.dask_shuffle import Runner
from crosscheck.engines import PoolRunner
from crosscheck.partial import Prior
from crosscheck.partial_read import StoredRows, held_claim_sets
from crosscheck.reconcile import ReconcileResult
from crosscheck.run_frames import RunFrames
from crosscheck.run_types import RunConfig, StageTimer
from crosscheck.warehouse.stored_rows import RowKeys


@dataclass
class RunRows:
    """This run's claims, facts and page sketches as the checks and reconcile read them: the
    parsed pages' rows (`parsed`), with the reused pages' stored rows (`stored`) added as they
    are read. One value, so every step sees the rows read so far."""

    claims: pd.DataFrame
    facts: pd.DataFrame
    passages: pd.DataFrame
    stored: StoredRows | None = None
    # the parsed pages' (claims, facts, passages): without the reused pages' rows
    parsed: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] = field(init=False)

    def __post_init__(self) -> None:
        self.parsed = (self.claims, self.facts, self.passages)

    @property
    def complete(self) -> bool:
        """Whether every row of the run is held (no stored row is left to read)."""
        return self.stored is None or self.stored.complete

    def hold(self) -> None:
        """This run's claims, facts and sketches: the parsed pages' and the stored rows held."""
        if self.stored is not None:
            self.claims = concat([self.parsed[0], self.stored.claims], CLAIM_COLUMNS)
            self.facts = concat([self.parsed[1], self.stored.facts], FACT_COLUMNS)
            self.passages = concat([self.parsed[2], self.stored.passages], PASSAGE_COLUMNS)

    def all_rows(self) -> None:
        """Every stored row read and held (a full check or a vote over every fact)."""
        if self.stored is not None and not self.stored.complete:
            self.stored.everything()
            self.hold()

    def more(self, keys: RowKeys) -> pd.DataFrame:
        """The facts, with the stored rows `keys` selects added (crosscheck.partial_checks)."""
        if self.stored is not None and keys.claim_ids:
            # claims this run holds (parsed, or read back with their facts) are not asked for
            # again: the explanations' read asked only for such, and scanned every stored row
            held = set(self.claims["claim_id"].tolist())
            keys = replace(keys, claim_ids=keys.claim_ids - held)
        if self.stored is not None and self.stored.fetch(keys):
            self.hold()
        return self.facts

    def read_changed(self, earlier: Earlier | None) -> None:
        """The stored rows of pages that changed since the latest run (every row without one)."""
        if self.stored is None:
            return
        if earlier:
            self.stored.fetch(RowKeys(sources=earlier.prior.changed))
        else:
            self.stored.everything()
        self.hold()

    def where(self, claim_ids: set[str]) -> dict[str, str]:
        """Claim id → source of those of `claim_ids` this run holds or the reused pages have."""
        held = self.claims[self.claims["claim_id"].isin(list(claim_ids))]
        found = dict(zip(held["claim_id"], held["source"], strict=True))
        rest = claim_ids - set(found)
        if self.stored is not None and rest:
            found.update(self.stored.sources_of(rest))
        return found


@dataclass
class Earlier:
    """What the latest run found (crosscheck.partial), and the changed pages' claim sets,
    read once (the changed pages' rows are held by then)."""

    prior: Prior
    sets: tuple[set[str], set[str]] | None = None

    @classmethod
    def of(
        cls,
        prior: Callable[[pd.DataFrame], Prior | None] | None,
        pages: pd.DataFrame,
        runner: Runner | None,
    ) -> Earlier | None:
        """What the latest run found (`prior(pages)`), when this run may check only what
        changed pages touch (not on the Dask engine); None otherwise."""
        found = prior(pages) if prior is not None and runner is None else None
        return None if found is None else cls(found)

    def claim_sets(self, rows: RunRows) -> tuple[set[str], set[str]]:
        """`partial.claim_sets` of the latest run over this run's claims (read at first ask)."""
        if self.sets is None:
            self.sets = held_claim_sets(self.prior, rows.claims, rows.stored)
        return self.sets


@dataclass(frozen=True)
class CheckSite:
    """Where and how the checks run: the run's settings, the engine (a Dask `runner`, the
    local workers, or this process) and what the parse tasks left for the checks."""

    config: RunConfig
    check_config: CheckConfig
    timer: StageTimer
    # the pages the checks read: with the rows of the pages the Dask workers repaired
    checked_pages: pd.DataFrame
    page_cut: list[PageFindings] | None  # the page cut's findings, when the parse ran it
    orders: list[np.ndarray] | None  # each chunk's facts in content order, when sorted
    runner: Runner | None
    local: PoolRunner | None
    held: HeldFacts | None  # facts the Dask workers kept (None: all are in the run's facts)
    kept_statements: list[HeldPiece]
    kept: dict[str, list[Any]]  # receives the checks' entity partitions (reconcile, lake)
    # whether the Dask engine's findings stay on the workers (appended to `left`)
    leaving: bool = False
    left: list[LeftFindings] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        frames: RunFrames,
        check_config: CheckConfig,
        config: RunConfig,
        timer: StageTimer,
        engines: tuple[Runner | None, PoolRunner | None],
        kept: dict[str, list[Any]] | None,
        leaving: bool,
    ) -> CheckSite:
        """The site of a run's checks: what its stacked frames carried for them, and the
        engine (`engines`: the Dask runner, the local workers)."""
        return cls(
            config=config,
            check_config=check_config,
            timer=timer,
            checked_pages=frames.checked_pages,
            page_cut=frames.page_cut,
            orders=frames.orders,
            runner=engines[0],
            local=engines[1],
            held=frames.held,
            kept_statements=frames.kept_statements,
            kept={} if kept is None else kept,  # the checks' entity partitions (reconcile, lake)
            leaving=leaving,
        )


@dataclass(frozen=True)
class PageRows:
    """What the steps hand to the analysis untouched: the page rows, the quarantine, and the
    page rows, quarantine and claims the Dask workers wrote to the lake."""

    pages: pd.DataFrame
    quarantine: pd.DataFrame
    lake_pages: int
    lake_quarantine: int
    lake_claims: int

    @classmethod
    def of(cls, frames: RunFrames) -> PageRows:
        """The stacked frames' page rows and lake counts."""
        return cls(
            frames.pages,
            frames.quarantine,
            frames.lake_pages,
            frames.lake_quarantine,
            frames.lake_claims,
        )


@dataclass
class Votes:
    """What the consensus is over: the voting facts (with the stored facts of sources this run
    did not read), the claims the findings flag, and those stored facts (None: not asked)."""

    voters: pd.DataFrame
    flagged: frozenset[str]
    stored_facts: pd.DataFrame | None


@dataclass
class Reconciled:
    """The reconcile step's result: the consensus, the findings with their conflict notes, the
    voters those notes read, and the rows the Dask workers kept for the lake (None: here)."""

    reconciliation: ReconcileResult | PartitionedResult
    findings: pd.DataFrame
    voters: pd.DataFrame
    consensus_rows: int | None = None
    held_findings: int | None = None
