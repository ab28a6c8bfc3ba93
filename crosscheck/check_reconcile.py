"""The checks and the reconciliation over every batch of a run, on whichever engine ran the
parse: the step between the parse lap and the load (crosscheck.pipeline calls it).

`check_and_reconcile` is a sequence of named steps, each with typed inputs and outputs: stack
the batches (crosscheck.run_frames), check (crosscheck.check_step: the local checks, a forked check,
the page cut's rest, a check limited to what changed pages touch, or the Dask engine's
partitioned tasks: crosscheck.dask_step), gather the votes (`_votes`), reconcile (here or on
the cluster) and finish the findings the same way on every engine
(crosscheck.finished_findings). What the steps read lazily (the reused pages' stored rows, the
statements, the latest run's claim sets) lives in crosscheck.check_state. The check settings
are made by crosscheck.check_settings (importable from here too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from crosscheck import dask_passages, partial, partial_reconcile
from crosscheck.batches import PreparedBatch, concat
from crosscheck.check_settings import COMPONENTS, check_config_for, page_checks_for
from crosscheck.check_state import (
    CheckSite,
    Earlier,
    PageRows,
    Reconciled,
    RunRows,
    Votes,
)
from crosscheck.check_step import (
    Checked,
    Limited,
    Statements,
    check_findings,
    full_check,
    limited_check,
)
from crosscheck.contracts import FACT_COLUMNS, FINDING_COLUMNS, PASSAGE_COLUMNS
from crosscheck.dask_held import HeldFacts
from crosscheck.dask_pages import READ_STATUSES
from crosscheck.dask_passages import PassageParts
from crosscheck.dask_shuffle import Runner
from crosscheck.dask_step import dask_reconciled
from crosscheck.engines import PoolRunner
from crosscheck.finished_findings import finished
from crosscheck.normalize import Vocabulary
from crosscheck.partial import Prior
from crosscheck.partial_read import StoredRows, annotation_keys
from crosscheck.partial_reconcile import VOTER_COLUMNS
from crosscheck.reconcile import (
    ReconcileConfig,
    ReconcileResult,
    annotate_conflicts,
    flagged_claims,
    note_copies,
    reconcile_facts,
)
from crosscheck.run_frames import stack_batches
from crosscheck.run_types import Analysis, RunConfig, StageTimer


def check_and_reconcile(
    batches: list[PreparedBatch],
    vocabulary: Vocabulary,
    config: RunConfig,
    timer: StageTimer,
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
    (crosscheck.dask_step: crosscheck.dask_checks, crosscheck.dask_reconcile) over every
    fact (no partial re-check); `kept` receives the checks' entity partitions. With `local`
    (the local engine's workers) a full check runs by the same partitions on them, and the
    workers are let go once it is done. Facts the Dask workers kept (crosscheck.dask_held)
    are cut into partitions there; `gather_facts=False` leaves them there (the load reads
    the lake). With `stored` (the reused pages' rows, read back by key:
    crosscheck.partial_read) `batches` hold only their page rows, and the rows the limited
    checks need are read as they are asked for.

    Consumes `batches` (crosscheck.run_frames empties the list once concatenated), so the
    batch frames are freed before the checks' working copies exist: at 10,000 pages that
    was ~0.5 GB of peak.
    """
    frames = stack_batches(batches)
    # the page sketches the workers kept, cut by source where they are (before the facts'
    # cut lets go of the chunks): copy detection takes them so, the lake receives them so
    sketches = _held_sketches(runner, frames.held)
    rows = RunRows(frames.claims, frames.facts, frames.passages, stored)
    statements = Statements(frames.unread, frames.parsed_relations, vocabulary, stored_relations)
    leaving = _leaving(runner, gather_facts, stored, frames.held, context)
    check_config = check_config_for(vocabulary, config)
    site = CheckSite.of(frames, check_config, config, timer, (runner, local), kept, leaving)
    page_rows = PageRows.of(frames)
    read_sources, shingles = frames.read_sources, frames.shingles
    del frames  # the steps alone hold the frames: one reassigned is let go

    earlier = Earlier.of(prior, page_rows.pages, runner)
    rows.read_changed(earlier)
    checked = check_findings(rows, statements, site, earlier)
    if local is not None:
        local.pool.close()  # the reconcile runs here: the workers' memory is let go
    timer.lap("checks")
    reconcile_config = ReconcileConfig(config.intervals, check_config.tolerances, pins=config.pins)
    votes = _votes(rows, checked.findings, page_rows.pages, read_sources, site.held, context)
    del read_sources
    if runner is not None:
        done = _reconcile_on_cluster(
            runner, rows, site, checked, votes, sketches, reconcile_config, gather_facts
        )
    else:
        done = _reconcile_here(
            rows, statements, site, earlier, checked, votes, shingles, reconcile_config
        )
    del checked, votes  # their frames are replaced by the reconcile's: let them go
    # (left findings: finished by partition on the workers)
    findings = done.findings if site.left else _finished(done, rows)
    timer.lap("reconcile")
    return _analysis(page_rows, rows, statements, findings, done, vocabulary, timer)


def _leaving(
    runner: Runner | None,
    gather_facts: bool,
    stored: StoredRows | None,
    held: HeldFacts | None,
    context: Callable[[set[str], set[str]], tuple[pd.DataFrame, frozenset[str]]] | None,
) -> bool:
    """Whether the findings stay on the Dask workers: they keep the facts and the load reads
    the lake (facts this process holds, as in the tests' runs: when no stored fact may vote
    with them)."""
    return (
        runner is not None
        and not gather_facts
        and stored is None
        and (held is not None or context is None)
    )


def _held_sketches(runner: Runner | None, held: HeldFacts | None) -> PassageParts | None:
    """The page sketches the Dask workers kept, cut by source where they are (None: here)."""
    if held is None or runner is None:
        return None
    return dask_passages.cut(runner, held.passages)


def _votes(
    rows: RunRows,
    findings: pd.DataFrame,
    pages: pd.DataFrame,
    read_sources: list[str],
    held: HeldFacts | None,
    context: Callable[[set[str], set[str]], tuple[pd.DataFrame, frozenset[str]]] | None,
) -> Votes:
    """The consensus is over every current fact of the entities touched: `context(read
    sources, entities)` adds the stored facts of sources this run did not read."""
    read = set(pages.loc[pages["status"].isin(READ_STATUSES), "source"]) | set(read_sources)
    flagged = flagged_claims(findings)
    voters, stored_facts = rows.facts, None
    if context is not None:
        entities = set(rows.facts["entity"].dropna().unique()) if held is None else held.entities
        stored_facts, stored_flags = context(read, entities)
        if not stored_facts.empty:
            rows.all_rows()  # facts of sources this run did not read vote: every fact does
            voters = concat([rows.facts, stored_facts], FACT_COLUMNS)
            flagged = flagged | stored_flags
    return Votes(voters, flagged, stored_facts)


def _reconcile_on_cluster(
    runner: Runner,
    rows: RunRows,
    site: CheckSite,
    checked: Checked,
    votes: Votes,
    sketches: PassageParts | None,
    reconcile_config: ReconcileConfig,
    gather_facts: bool,
) -> Reconciled:
    """The partitioned reconcile on the Dask engine (crosscheck.dask_step); the facts and
    sketches it leaves this process replace the run's."""
    done = dask_reconciled(
        runner, site.held, site.left, site.kept, checked.findings, rows.facts, votes.voters,
        votes.flagged, votes.stored_facts, rows.passages, sketches, reconcile_config,
        gather_facts,
    )  # fmt: skip
    rows.facts, rows.passages = done.facts, done.passages
    return Reconciled(
        done.reconciliation,
        done.findings,
        done.voters,
        done.consensus_rows,
        done.held_findings,
    )


def _reconcile_here(
    rows: RunRows,
    statements: Statements,
    site: CheckSite,
    earlier: Earlier | None,
    checked: Checked,
    votes: Votes,
    shingles: Any,
    reconcile_config: ReconcileConfig,
) -> Reconciled:
    """The reconcile in this process: the latest run's consensus when nothing it reads
    changed, else computed; then a limited check's entities whose consensus moved are checked
    again, and the findings get their conflict notes."""
    voters = votes.voters
    # nothing the reconciliation reads changed: the latest run's is carried
    carried = (
        partial_reconcile.carried(earlier.prior, rows.facts, votes.flagged, rows.passages)
        if earlier is not None and voters is rows.facts
        else None
    )
    reconciliation: ReconcileResult
    if carried is not None:
        reconciliation = carried
    else:
        reconciliation, voters = _consensus(rows, voters, votes.flagged, shingles, reconcile_config)
    findings, limited = checked.findings, checked.limited
    if limited is not None and earlier is not None:
        limited, findings = _check_moved(
            rows,
            statements,
            site,
            earlier,
            limited,
            findings,
            reconciliation,
            carried is not None,
        )
    fresh = findings if limited is None else limited[0]
    partly = not rows.complete
    if partly:  # the rows the explanations quote
        rows.more(annotation_keys(fresh, rows.facts))
        rows.more(annotation_keys(fresh, rows.facts))  # the entities of the cited rows just read
        voters = rows.facts
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
    return Reconciled(reconciliation, findings, voters)


def _consensus(
    rows: RunRows,
    voters: pd.DataFrame,
    flagged: frozenset[str],
    shingles: Any,
    reconcile_config: ReconcileConfig,
) -> tuple[ReconcileResult, pd.DataFrame]:
    """The consensus over every voter, computed here, and the voters it was over (the reused
    pages' stored voters are read when this run holds only some of them)."""
    sketches = rows.passages
    if rows.stored is not None and not rows.stored.complete:
        # over every fact and sketch, of which the reconciliation reads VOTER_COLUMNS only
        voters, sketches = rows.stored.voters(VOTER_COLUMNS)
        voters = concat([rows.parsed[1], voters], VOTER_COLUMNS)
        sketches = concat([rows.parsed[2], sketches], PASSAGE_COLUMNS)
    # the parse tasks' shingles are of the parsed pages: every voter's when none is stored
    made = shingles if voters is rows.facts and rows.stored is None else None
    return reconcile_facts(voters, reconcile_config, flagged, sketches, made), voters


def _check_moved(
    rows: RunRows,
    statements: Statements,
    site: CheckSite,
    earlier: Earlier,
    limited: Limited,
    findings: pd.DataFrame,
    reconciliation: ReconcileResult,
    carried: bool,
) -> tuple[Limited | None, pd.DataFrame]:
    """(limited, findings) once the entities whose consensus moved are checked again:
    carried explanations quote the latest run's consensus, so every explanation quotes this
    run's (a carried reconciliation moved none). A full check when the copy groups moved."""
    moved = (
        set()
        if carried
        else partial.moved(earlier.prior, reconciliation.reconciled, reconciliation.copy_groups)
    )
    sets_read = earlier.claim_sets(rows)[0]
    scope = partial.plan(earlier.prior, rows.claims, rows.facts, statements.read(), None, sets_read)
    extra = moved - set(scope.entities) if moved is not None else None
    found: Limited | None = limited
    if extra:
        found = limited_check(rows, statements, site, earlier, extra)
    if moved is None or found is None:
        found, findings = None, full_check(rows, statements, site, earlier)
    site.timer.lap("checks")
    return found, findings


def _finished(done: Reconciled, rows: RunRows) -> pd.DataFrame:
    """The findings finished the same way on every engine (crosscheck.finished_findings)."""
    reconciliation = done.reconciliation
    return finished(
        done.findings,
        reconciliation.copy_findings,
        done.voters,
        reconciliation.copy_groups,
        rows.complete,
    )


def _analysis(
    page_rows: PageRows,
    rows: RunRows,
    statements: Statements,
    findings: pd.DataFrame,
    done: Reconciled,
    vocabulary: Vocabulary,
    timer: StageTimer,
) -> Analysis:
    """The step's result as the load takes it."""
    reconciliation = done.reconciliation
    return Analysis(
        page_rows.pages,
        rows.claims,
        rows.facts,
        page_rows.quarantine,
        findings,
        reconciliation.reconciled,
        vocabulary.version,
        dict(timer.laps),
        reconciliation.reconciled_categories,
        reconciliation.source_reliability,
        reconciliation.copy_groups,
        dict(timer.cpu),
        statements.read(),
        passages=rows.passages,
        lake_claims=page_rows.lake_claims,
        held_consensus=done.consensus_rows,
        held_findings=done.held_findings,
        lake_pages=page_rows.lake_pages,
        lake_quarantine=page_rows.lake_quarantine,
    )


__all__ = [
    "COMPONENTS", "VOTER_COLUMNS", "check_and_reconcile", "check_config_for", "page_checks_for",
]  # fmt: skip
