"""The checks and the reconciliation over every batch of a run, on whichever engine ran the
parse: the step between the parse lap and the load (crosscheck.pipeline calls it).

It decides what runs where (the local checks, a forked check, the page cut's rest, a check
limited to what changed pages touch, or the Dask engine's partitioned tasks:
crosscheck.dask_step) and finishes the findings the same way on every engine
(crosscheck.finished_findings). The batches' frames are stacked by crosscheck.run_frames and
the check settings made by crosscheck.check_settings (importable from here too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd

from crosscheck import dask_passages, partial, partial_checks, partial_reconcile
from crosscheck.batches import PreparedBatch, concat
from crosscheck.check_settings import COMPONENTS, check_config_for, page_checks_for
from crosscheck.checks import run_checks
from crosscheck.checks.contracts import validate_frame
from crosscheck.checks.page_cut import run_checks_with
from crosscheck.checks.run import merged_content_order
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PASSAGE_COLUMNS,
    RELATION_COLUMNS,
)
from crosscheck.dask_checks import partitioned_checks
from crosscheck.dask_findings import LeftFindings
from crosscheck.dask_pages import READ_STATUSES
from crosscheck.dask_reconcile import PartitionedResult
from crosscheck.dask_shuffle import Runner
from crosscheck.dask_step import dask_checked, dask_reconciled
from crosscheck.engines import PoolRunner
from crosscheck.finished_findings import finished
from crosscheck.forked_checks import fork_checks_for, forked_checks
from crosscheck.normalize import Vocabulary
from crosscheck.normalize.relations import relations_of_claims
from crosscheck.partial import Prior
from crosscheck.partial_read import StoredRows, annotation_keys, held_claim_sets
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
from crosscheck.warehouse.stored_rows import RowKeys


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
    held, kept_statements = frames.held, frames.kept_statements
    page_cut, shingles, orders = frames.page_cut, frames.shingles, frames.orders
    pages, checked_pages, claims = frames.pages, frames.checked_pages, frames.claims
    facts, quarantine, passages = frames.facts, frames.quarantine, frames.passages
    parsed_relations, unread, read_sources = (
        frames.parsed_relations, frames.unread, frames.read_sources
    )  # fmt: skip
    lake_pages, lake_quarantine = frames.lake_pages, frames.lake_quarantine
    lake_claims = frames.lake_claims
    del frames  # the locals alone hold the frames: one reassigned is let go
    # the page sketches the workers kept, cut by source where they are (before the facts'
    # cut lets go of the chunks): copy detection takes them so, the lake receives them so
    sketches = None
    if held is not None and runner is not None:
        sketches = dask_passages.cut(runner, held.passages)
    check_config = check_config_for(vocabulary, config)
    read_relations: list[pd.DataFrame] = []  # read once, when first asked for

    def relations_of(parsed_claims: pd.DataFrame = unread) -> pd.DataFrame:
        """The statements of the parsed claims and `stored_relations` (a forked check reads
        them in its child): those the workers read, then those of the claims left unread."""
        if not read_relations:
            read = _relations(parsed_claims, vocabulary, stored_relations)
            if parsed_relations:
                read = concat([*parsed_relations, read], RELATION_COLUMNS)
            read_relations.append(read)
        return read_relations[0]

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
        if stored is not None and keys.claim_ids:
            # claims this run holds (parsed, or read back with their facts) are not asked for
            # again: the explanations' read asked only for such, and scanned every stored row
            keys = replace(keys, claim_ids=keys.claim_ids - set(claims["claim_id"].tolist()))
        if stored is not None and stored.fetch(keys):
            holding()
        return facts

    def where(claim_ids: set[str]) -> dict[str, str]:
        """Claim id → source of those of `claim_ids` this run holds or the reused pages have."""
        held = claims[claims["claim_id"].isin(list(claim_ids))]
        found = dict(zip(held["claim_id"], held["source"], strict=True))
        rest = claim_ids - set(found)
        if stored is not None and rest:
            found.update(stored.sources_of(rest))
        return found

    kept = {} if kept is None else kept  # the checks' entity partitions (reconcile, lake)
    # the Dask workers keep the facts and the load reads the lake: the findings stay there too
    # (facts this process holds, as in the tests' runs: when no stored fact may vote with them)
    leaving = (
        runner is not None
        and not gather_facts
        and stored is None
        and (held is not None or context is None)
    )
    left: list[LeftFindings] = []
    held_findings: int | None = None  # the findings left on the workers (for the lake)

    def checked() -> pd.DataFrame:
        if runner is not None:  # the same rules and whole-run passes, by partitions
            found = dask_checked(
                runner, held, facts, checked_pages, relations_of, kept_statements,
                check_config, kept, left if leaving else None,
            )  # fmt: skip
            if found is None:  # the findings stay there (crosscheck.dask_findings)
                return pd.DataFrame(columns=FINDING_COLUMNS)
        elif local is not None and earlier is None:  # a full check on the local workers
            found = partitioned_checks(local, facts, checked_pages, relations_of(), check_config)
        else:
            all_rows()
            if fork_checks_for(config.fork_checks, len(facts)):
                # a child inherits the facts and runs part of the rules (crosscheck.forked_checks)
                forked = forked_checks(facts, checked_pages, check_config, relations_of)
                read_relations[:] = [forked.relations]
                for side, seconds in forked.cpu.items():
                    timer.add_cpu(f"checks_{side}", seconds)
                found = forked.result.findings
            elif page_cut is not None and (stored is None or stored.complete):
                # the page rules ran in the parse tasks: the other rules and passes run here,
                # over the facts in the content order the chunks sorted theirs in
                order = None if orders is None else merged_content_order(facts, orders)
                found = run_checks_with(
                    facts, checked_pages, check_config, relations_of(), page_cut, order
                ).findings
            else:
                found = run_checks(facts, checked_pages, check_config, relations_of()).findings
        return validate_frame(found, "FindingModel", "checks").valid

    def limited_to(extra: set[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """(checked again, carried over) of a run limited to what the changed pages touch."""
        if earlier is None:
            return None
        sets = claim_sets(earlier)
        scope = partial.plan(earlier, claims, facts, relations_of(), extra, sets[0])
        cut = partial_checks.cut_of(earlier, scope.entities, facts)
        found = partial_checks.checked_again(
            earlier, cut, checked_pages, facts, relations_of(), sets, check_config,
            None if stored is None else more, None if stored is None else where,
        )  # fmt: skip
        if found is None:
            return None
        return validate_frame(found[0], "FindingModel", "checks").valid, found[1]

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
    reconcile_config = ReconcileConfig(config.intervals, check_config.tolerances, pins=config.pins)
    # The consensus is over every current fact of the entities touched: `context(read
    # sources, entities)` adds the stored facts of sources this run did not read.
    read = set(pages.loc[pages["status"].isin(READ_STATUSES), "source"]) | set(read_sources)
    del read_sources
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
    consensus_rows: int | None = None  # the consensus rows left on the workers
    if runner is not None:
        done = dask_reconciled(
            runner, held, left, kept, findings, facts, voters, flagged, stored_facts, passages,
            sketches, reconcile_config, gather_facts,
        )  # fmt: skip
        reconciliation, findings, facts = done.reconciliation, done.findings, done.facts
        voters, passages = done.voters, done.passages
        consensus_rows, held_findings = done.consensus_rows, done.held_findings
        del done
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
        # the parse tasks' shingles are of the parsed pages: every voter's when none is stored
        made = shingles if voters is facts and stored is None else None
        reconciliation = (
            carried
            if carried is not None
            else reconcile_facts(voters, reconcile_config, flagged, sketches, made)
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
            sets_read = claim_sets(earlier)[0]
            scope = partial.plan(earlier, claims, facts, relations_of(), None, sets_read)
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
    if not left:  # (left findings: done by partition on the workers)
        complete = stored is None or stored.complete
        findings = finished(
            findings, reconciliation.copy_findings, voters, reconciliation.copy_groups, complete
        )
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
        relations_of(),
        passages=passages,
        lake_claims=lake_claims,
        held_consensus=consensus_rows,
        held_findings=held_findings,
        lake_pages=lake_pages,
        lake_quarantine=lake_quarantine,
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


__all__ = [
    "COMPONENTS", "VOTER_COLUMNS", "check_and_reconcile", "check_config_for", "page_checks_for",
]  # fmt: skip
