"""The checks and the reconciliation over every batch of a run, on whichever engine ran the
parse: the step between the parse lap and the load (crosscheck.pipeline calls it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from crosscheck import dask_passages, partial, partial_checks, partial_reconcile
from crosscheck.batches import PreparedBatch, concat
from crosscheck.checks import CheckConfig, run_checks
from crosscheck.checks.contracts import validate_frame
from crosscheck.checks.page_cut import PageFindings, run_checks_with
from crosscheck.checks.root_causes import with_root_causes
from crosscheck.checks.rules import FAMILY_KEY, Family
from crosscheck.checks.run import merged_content_order
from crosscheck.common.gazetteer import load_components
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    PASSAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RELATION_COLUMNS,
    FindingKind,
    PageStatus,
)
from crosscheck.dask_checks import partitioned_checks
from crosscheck.dask_findings import LeftFindings, left_checks
from crosscheck.dask_findings_notes import annotated_left, cited_left, flagged_left
from crosscheck.dask_held import HeldFacts, gather_all, held_entity_parts, held_voters
from crosscheck.dask_held import cut_by as held_parts
from crosscheck.dask_reconcile import PartitionedResult, partitioned_reconcile
from crosscheck.dask_shuffle import Runner, split
from crosscheck.dask_statements import HeldStatements
from crosscheck.engines import PoolRunner
from crosscheck.forked_checks import fork_checks_for, forked_checks
from crosscheck.normalize import Vocabulary
from crosscheck.normalize.relations import relations_of_claims
from crosscheck.partial import Prior
from crosscheck.partial_read import StoredRows, annotation_keys, held_claim_sets
from crosscheck.reconcile import (
    PageShingles,
    ReconcileConfig,
    ReconcileResult,
    annotate_conflicts,
    flagged_claims,
    note_copies,
    reconcile_facts,
)
from crosscheck.run_types import Analysis, RunConfig, StageTimer
from crosscheck.warehouse.stored_rows import RowKeys

_READ_STATUSES = (PageStatus.FETCHED.value, PageStatus.NOT_MODIFIED.value)
# what reconcile_facts reads of a fact (tests/test_partial_reconcile.py scrambles the rest)
VOTER_COLUMNS = ["claim_id", *partial_reconcile.READ]

# Components that identify a product when a figure is "measured with" them.
# Packages that are parts of an entity (data: normalize/data/entities.toml, [components]).
COMPONENTS = load_components()


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
    (crosscheck.dask_checks, crosscheck.dask_reconcile) over every fact (no partial
    re-check); `kept` receives the checks' entity partitions. With `local` (the local
    engine's workers) a full check runs by the same partitions on them, and the workers are
    let go once it is done. Facts the
    Dask workers kept (crosscheck.dask_held) are cut into partitions there;
    `gather_facts=False` leaves them there (the load reads the lake). With `stored` (the
    reused pages' rows, read back by key: crosscheck.partial_read) `batches` hold only their
    page rows, and the rows the limited checks need are read as they are asked for.

    Consumes `batches` (the list is emptied once concatenated), so the batch frames are
    freed before the checks' working copies exist: at 10,000 pages that was ~0.5 GB of peak.
    """
    held = HeldFacts.of(batches)  # facts the Dask workers kept (None: all are in `facts`)
    # the statements the parse tasks kept with them (taken before the facts' cut lets go)
    kept_statements = HeldStatements.pieces_of(held)
    # the page cut's findings, when the parse tasks ran it on every page (checks.page_cut)
    page_cut = _page_cut(batches)
    # the figure shingles of every parsed page, when every batch's chunks made them
    shingles = _shingles(batches)
    # each chunk's facts in content order, when every batch's chunks sorted them
    orders = _content_orders(batches)
    pages = concat([b.pages for b in batches], PAGE_COLUMNS)
    # the page rows and quarantine the Dask workers wrote to the lake (crosscheck.dask_pages):
    # the checks read the repaired pages' rows (the encoding rule), the reconcile the sources
    lake_pages = sum(b.lake_pages for b in batches)
    lake_quarantine = sum(b.lake_quarantine for b in batches)
    read_sources = [source for b in batches for source in b.read_sources]
    checked_pages = pages
    if lake_pages:
        checked_pages = concat(
            [f for b in batches for f in (b.pages, b.repaired) if f is not None], PAGE_COLUMNS
        )
    claims = concat([b.claims for b in batches], CLAIM_COLUMNS)
    facts = concat([b.facts for b in batches], FACT_COLUMNS)
    quarantine = concat([b.quarantine for b in batches], QUARANTINE_COLUMNS)
    passages = concat([b.passages for b in batches], PASSAGE_COLUMNS)
    # the statements the workers read: of the claims they kept (written to the lake:
    # ClaimsIntoLake), and of the leading batches whose chunks read their own claims' (the
    # local engine's parse tasks); the rest's claims are read here, so the order is the claims'
    lead = next((i for i, b in enumerate(batches) if b.relations is None), len(batches))
    parsed_relations = [
        b.relations
        for i, b in enumerate(batches)
        if b.relations is not None and (i < lead or b.claims.empty)
    ]
    unread = claims if lead == 0 else concat([b.claims for b in batches[lead:]], CLAIM_COLUMNS)
    lake_claims = sum(b.lake_claims for b in batches)
    batches.clear()
    # the page sketches the workers kept, cut by source where they are (before the facts'
    # cut lets go of the chunks): copy detection takes them so, the lake receives them so
    sketches = None
    if held is not None and runner is not None:
        sketches = dask_passages.cut(runner, held.passages)
    tolerances = {m.id: m.tolerance for m in vocabulary.metrics.values()}
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
            # the facts the workers kept, cut by the page and entity keys where they are (the
            # metric cut holds few figures: partitioned_checks cuts it from the page partitions)
            keys = [FAMILY_KEY[f] for f in (Family.PAGE, Family.ENTITY)]
            cuts = None if held is None else held_parts(runner, held, keys)
            page = None if cuts is None else cuts[keys[0]]
            if leaving:  # the findings stay there (crosscheck.dask_findings)
                if page is None:  # the facts leave this process once, by page
                    whole = facts.reset_index(drop=True)
                    page = [runner.put(p) for p in split(whole, keys[0], runner.partitions)]
                statements = HeldStatements.of(kept_statements, relations_of())
                left.append(
                    left_checks(runner, page, checked_pages, statements or relations_of(),
                                check_config, kept, cuts)
                )  # fmt: skip
                return pd.DataFrame(columns=FINDING_COLUMNS)
            found = partitioned_checks(
                runner, facts, checked_pages, relations_of(), check_config, kept, page, cuts
            )
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
    reconcile_config = ReconcileConfig(config.intervals, tolerances, pins=config.pins)
    # The consensus is over every current fact of the entities touched: `context(read
    # sources, entities)` adds the stored facts of sources this run did not read.
    read = set(pages.loc[pages["status"].isin(_READ_STATUSES), "source"]) | set(read_sources)
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
    if runner is not None and left:
        # the findings stayed on the workers too: the client submits, counts, never gathers
        if held is not None:
            parts, rows = held_entity_parts(runner, held, kept, stored_facts)
        else:  # no stored fact votes (`leaving`): the checks' entity partitions
            parts, rows = kept["entity"], len(facts)
        cited_rows = cited_left(runner, left[0].parts, parts)
        reconciliation = partitioned_reconcile(
            runner, pd.DataFrame(columns=VOTER_COLUMNS), findings,
            flagged_left(runner, left[0].parts, flagged), reconcile_config, parts,
            passages if sketches is None else sketches, rows,
            kept["page"] if stored_facts is None or stored_facts.empty else None,
            keep_consensus=True,
        )  # fmt: skip
        kept["findings"], held_findings = annotated_left(
            runner, left[0].parts, parts, reconciliation.consensus_parts,
            reconciliation.copy_groups, reconcile_config, cited_rows,
            reconciliation.copy_findings,
        )  # fmt: skip
        if reconciliation.consensus_parts is not None:
            kept["consensus"] = reconciliation.consensus_parts
            consensus_rows = reconciliation.consensus_rows
        if reconciliation.category_parts is not None:
            kept["categories"] = reconciliation.category_parts
        if sketches is not None:  # the workers write them to the lake (the load reads them)
            kept["passages"] = sketches.parts
            passages = passages.iloc[0:0]
    elif runner is not None and held is not None:
        # the facts stayed on the workers: the client gets the rows the findings cite only
        parts, voters, rows = held_voters(runner, held, kept, stored_facts, findings)
        by_source = kept["page"] if stored_facts is None or stored_facts.empty else None
        reconciliation = partitioned_reconcile(
            runner, voters, findings, flagged, reconcile_config, parts,
            passages if sketches is None else sketches, rows, by_source,
            keep_consensus=not gather_facts,
        )  # fmt: skip
        findings = reconciliation.findings
        if reconciliation.consensus_parts is not None:  # the workers write it to the lake
            kept["consensus"] = reconciliation.consensus_parts
            consensus_rows = reconciliation.consensus_rows
        if reconciliation.category_parts is not None:  # and the categorical one
            kept["categories"] = reconciliation.category_parts
        if gather_facts:
            facts = gather_all(runner, kept["page"])
        if sketches is not None and gather_facts:
            passages = dask_passages.gather(runner, sketches)
        elif sketches is not None:  # the workers write them to the lake (the load reads them)
            kept["passages"] = sketches.parts
            passages = passages.iloc[0:0]
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
        relations_of(),
        passages=passages,
        lake_claims=lake_claims,
        held_consensus=consensus_rows,
        held_findings=held_findings,
        lake_pages=lake_pages,
        lake_quarantine=lake_quarantine,
    )


def check_config_for(vocabulary: Vocabulary, config: RunConfig) -> CheckConfig:
    """The run's check settings: its vocabulary's tolerances and the run's settings."""
    return CheckConfig(
        intervals=config.intervals,
        tolerances={m.id: m.tolerance for m in vocabulary.metrics.values()},
        entity_specific=frozenset(m.id for m in vocabulary.metrics.values() if m.entity_specific),
        components=COMPONENTS,
        metric_words={
            m.id: tuple(dict.fromkeys((*m.aliases, *m.context_keywords)))
            for m in vocabulary.metrics.values()
        },
        metric_dimensions={m.id: m.dimension for m in vocabulary.metrics.values() if m.dimension},
        reference_year=config.reference_year,
        max_findings_per_page=config.max_findings_per_page,
    )


def page_checks_for(vocabulary: Vocabulary, config: RunConfig) -> CheckConfig | None:
    """The check settings the local engine's parse tasks run the page cut with, or None:
    the Dask engine cuts by page itself, and a forked check runs every rule over the facts
    it inherits (`[checks] fork = true`: crosscheck.forked_checks)."""
    if config.engine == "dask" or config.fork_checks:
        return None
    return check_config_for(vocabulary, config)


def _page_cut(batches: list[PreparedBatch]) -> list[PageFindings] | None:
    """Every chunk's page-cut findings when every batch's chunks ran it (the parsed pages
    are then every page: a batch read back from the warehouse carries none), else None."""
    if not batches or any(b.page_checks is None for b in batches):
        return None
    return [cut for b in batches for cut in b.page_checks or []]


def _shingles(batches: list[PreparedBatch]) -> list[PageShingles] | None:
    """Every chunk's figure shingles when every batch's chunks made them, else None."""
    if not batches or any(b.shingles is None for b in batches):
        return None
    return [part for b in batches for part in b.shingles or []]


def _content_orders(batches: list[PreparedBatch]) -> list[np.ndarray] | None:
    """Every chunk's content order of its facts when every batch's chunks sorted them (the
    facts are then every chunk's, stacked in this order), else None."""
    if not batches or any(b.content_orders is None for b in batches):
        return None
    return [order for b in batches for order in b.content_orders or []]


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
