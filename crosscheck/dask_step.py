"""The checks and reconcile step on the Dask engine: which partitioned tasks run, and where the
facts, findings, consensus and page sketches stay (on the workers, or gathered here).

Kept apart from the step itself (crosscheck.check_reconcile), which decides between the
engines and finishes the findings the same way for both: what changes here changes with the
Dask modules (crosscheck.dask_checks, crosscheck.dask_findings, crosscheck.dask_held,
crosscheck.dask_reconcile), not with the local checks and reconcile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from crosscheck import dask_passages
from crosscheck.checks import CheckConfig
from crosscheck.checks.rules import FAMILY_KEY, Family
from crosscheck.dask_checks import partitioned_checks
from crosscheck.dask_findings import LeftFindings, left_checks
from crosscheck.dask_findings_notes import annotated_left, cited_left, flagged_left
from crosscheck.dask_held import HeldFacts, gather_all, held_entity_parts, held_voters
from crosscheck.dask_held import cut_by as held_parts
from crosscheck.dask_passages import PassageParts
from crosscheck.dask_reconcile import PartitionedResult, partitioned_reconcile
from crosscheck.dask_shuffle import Runner, split
from crosscheck.dask_statements import HeldStatements
from crosscheck.partial_reconcile import VOTER_COLUMNS
from crosscheck.reconcile import ReconcileConfig


def dask_checked(
    runner: Runner,
    held: HeldFacts | None,
    facts: pd.DataFrame,
    checked_pages: pd.DataFrame,
    relations_of: Callable[[], pd.DataFrame],
    kept_statements: Any,
    check_config: CheckConfig,
    kept: dict[str, list[Any]],
    left: list[LeftFindings] | None,
) -> pd.DataFrame | None:
    """The same rules and whole-run passes as the local checks, by partitions. With `left`
    the findings stay on the workers (crosscheck.dask_findings): they are appended to it and
    None is returned."""
    # the facts the workers kept, cut by the page and entity keys where they are (the
    # metric cut holds few figures: partitioned_checks cuts it from the page partitions)
    keys = [FAMILY_KEY[f] for f in (Family.PAGE, Family.ENTITY)]
    cuts = None if held is None else held_parts(runner, held, keys)
    page = None if cuts is None else cuts[keys[0]]
    if left is not None:  # the findings stay there (crosscheck.dask_findings)
        if page is None:  # the facts leave this process once, by page
            whole = facts.reset_index(drop=True)
            page = [runner.put(p) for p in split(whole, keys[0], runner.partitions)]
        statements = HeldStatements.of(kept_statements, relations_of())
        left.append(
            left_checks(runner, page, checked_pages, statements or relations_of(),
                        check_config, kept, cuts)
        )  # fmt: skip
        return None
    return partitioned_checks(
        runner, facts, checked_pages, relations_of(), check_config, kept, page, cuts
    )


@dataclass
class DaskReconciled:
    """What the reconcile on the Dask engine leaves this process: the consensus, the findings,
    facts and sketches it holds, the voters the findings' notes read, and the rows of the
    consensus and findings left on the workers for the lake (None: gathered here)."""

    reconciliation: PartitionedResult
    findings: pd.DataFrame
    facts: pd.DataFrame
    voters: pd.DataFrame
    passages: pd.DataFrame
    consensus_rows: int | None = None
    held_findings: int | None = None


def dask_reconciled(
    runner: Runner,
    held: HeldFacts | None,
    left: list[LeftFindings],
    kept: dict[str, list[Any]],
    findings: pd.DataFrame,
    facts: pd.DataFrame,
    voters: pd.DataFrame,
    flagged: frozenset[str],
    stored_facts: pd.DataFrame | None,
    passages: pd.DataFrame,
    sketches: PassageParts | None,
    reconcile_config: ReconcileConfig,
    gather_facts: bool,
) -> DaskReconciled:
    """The partitioned reconcile over the facts where they are: the findings left on the
    workers (`left`), the facts the workers kept (`held`), or the facts this process holds.
    `kept` receives the partitions the lake writes."""
    no_stored = stored_facts is None or stored_facts.empty
    if left:
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
            kept["page"] if no_stored else None,
            keep_consensus=True, keep_copies=True, keep_reliability=True,
        )  # fmt: skip
        copies = reconciliation.kept_copies
        kept["findings"], held_findings = annotated_left(
            runner, left[0].parts, parts, reconciliation.consensus_parts,
            reconciliation.copy_groups if copies is None else copies.groups,
            reconcile_config, cited_rows,
            reconciliation.copy_findings if copies is None else copies.found,
        )  # fmt: skip
        if copies is not None:  # the lake's task writes the groups (crosscheck.dask_lake)
            kept["copies"] = [copies.groups]
        if reconciliation.reliability_part is not None:  # and the source reliability's
            kept["reliability"] = [reconciliation.reliability_part]
        consensus_rows = _keep_consensus(kept, reconciliation)
        if sketches is not None:
            passages = _sketches_left(kept, sketches, passages)
        return DaskReconciled(
            reconciliation, findings, facts, voters, passages, consensus_rows, held_findings
        )
    if held is not None:
        # the facts stayed on the workers: the client gets the rows the findings cite only
        parts, voters, rows = held_voters(runner, held, kept, stored_facts, findings)
        reconciliation = partitioned_reconcile(
            runner, voters, findings, flagged, reconcile_config, parts,
            passages if sketches is None else sketches, rows,
            kept["page"] if no_stored else None,
            keep_consensus=not gather_facts,
        )  # fmt: skip
        consensus_rows = _keep_consensus(kept, reconciliation)
        if gather_facts:
            facts = gather_all(runner, kept["page"])
        if sketches is not None and gather_facts:
            passages = dask_passages.gather(runner, sketches)
        elif sketches is not None:
            passages = _sketches_left(kept, sketches, passages)
        return DaskReconciled(
            reconciliation, reconciliation.findings, facts, voters, passages, consensus_rows
        )
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
    return DaskReconciled(reconciliation, reconciliation.findings, facts, voters, passages)


def _keep_consensus(kept: dict[str, list[Any]], reconciliation: PartitionedResult) -> int | None:
    """The consensus and categorical partitions the workers write to the lake, into `kept`;
    the consensus rows left there (None: none was kept)."""
    rows = None
    if reconciliation.consensus_parts is not None:
        kept["consensus"] = reconciliation.consensus_parts
        rows = reconciliation.consensus_rows
    if reconciliation.category_parts is not None:
        kept["categories"] = reconciliation.category_parts
    return rows


def _sketches_left(
    kept: dict[str, list[Any]], sketches: PassageParts, passages: pd.DataFrame
) -> pd.DataFrame:
    """The page sketches stay on the workers, which write them to the lake (the load reads
    them): their partitions into `kept`, and this process's sketches, emptied."""
    kept["passages"] = sketches.parts
    return passages.iloc[0:0]
