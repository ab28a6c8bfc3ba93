"""The checks as partitioned tasks: the same findings as `run_checks`, with no task holding
every fact. Page rules run by source, entity rules by entity, row outliers by metric (cut from
the page partitions on the workers), the comparative statements by pair of entities after the
rules whose findings they read (checks.partitioned says which rule needs which key and why);
the cap, ids and root causes on the client over the findings and the facts they cite
(`partitioned_checks`) or on the workers (crosscheck.dask_findings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from crosscheck.checks import CheckConfig
from crosscheck.checks.partitioned import (
    FAMILY_KEY,
    Checked,
    Family,
    StatementShare,
    check_chains,
    check_page_partition,
    check_partition,
    check_statement_shares,
    finish_partitions,
    limited_rows,
    merge_statements,
    ordered,
    statement_pair,
)
from crosscheck.contracts import FindingKind
from crosscheck.dask_shuffle import Runner, buckets, first, reshuffle, split


@dataclass
class FirstCuts:
    """The page and entity cuts' tasks as submitted, and how to get the facts by another
    column (given in `cuts`, or shuffled from the page partitions on the workers)."""

    page_tasks: list[Any]
    entity_parts: list[Any]
    entity_tasks: list[Any]
    no_pages: pd.DataFrame
    by: Callable[[str], list[Any]]
    #: Per bucket of statements (by pair of entities; those that have any): its statements
    #: on the runner and each page partition's share of the figures they read (None: no
    #: statement).
    statements: list[tuple[Any, list[Any]]] | None = None


def submit_first_cuts(
    runner: Runner,
    page_parts: list[Any],
    pages: pd.DataFrame,
    config: CheckConfig,
    cuts: dict[str, list[Any]] | None,
    relations: pd.DataFrame | None = None,
    relation_buckets: list[Any] | None = None,
) -> FirstCuts:
    """The page cut first (the statements wait for its diff_mismatch findings only, and run
    while the other cuts do), then the entity cut; shared by both engines' partitioned checks.
    Each page task also cuts, from the facts it sorted and the figures it derived, what each
    bucket of `relations` reads of its pages (`check_page_partition`)."""
    n = runner.partitions
    page_pages = [p.reset_index(drop=True) for p in split(pages, "source", n)]
    no_pages = pages.iloc[0:0]
    given_cuts = {} if cuts is None else cuts

    def by(column: str) -> list[Any]:
        given = given_cuts.get(column)
        return given if given is not None else reshuffle(runner, page_parts, column)

    # the statements by pair bucket: cut here from a frame, or already cut where they are
    rels = relation_buckets
    if rels is None:
        rels = statement_buckets(runner, relations)
    with first(runner):
        both = [
            # the partition as it is: check_page_partition numbers its rows afresh when it sorts
            runner.submit(check_page_partition, part, page_pages[i], config, *rels)
            for i, part in enumerate(page_parts)
        ]
        page_tasks = [runner.submit(_checked_of, task) for task in both]
    entity_parts = by(FAMILY_KEY[Family.ENTITY])
    entity_tasks = [
        runner.submit(check_partition, part, no_pages, config, Family.ENTITY)
        for part in entity_parts
    ]
    shares = [(r, [runner.submit(_share_of, t, k) for t in both]) for k, r in enumerate(rels)]
    return FirstCuts(page_tasks, entity_parts, entity_tasks, no_pages, by, shares or None)


def _checked_of(both: tuple[Checked, list[StatementShare]]) -> Checked:
    return both[0]


def _share_of(both: tuple[Checked, list[StatementShare]], k: int) -> StatementShare:
    return both[1][k]


def partitioned_checks(
    runner: Runner,
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    relations: pd.DataFrame | None,
    config: CheckConfig,
    keep: dict[str, list[Any]] | None = None,
    page_parts: list[Any] | None = None,
    cuts: dict[str, list[Any]] | None = None,
) -> pd.DataFrame:
    """`run_checks`' findings: page rules by source, entity rules by entity, row outliers by
    metric, the statements by pair of entities after every other rule (they read its
    findings: `submit_statements`), then
    the per-page cap, ids and root causes on the client over the findings and the facts they
    cite only. With `keep`, the page and entity partitions stay there (`keep["page"]`,
    `keep["entity"]`) for the reconcile of the same facts. `page_parts`: the facts already
    on the runner, cut by page in run order (crosscheck.dask_held; `facts` is then unused);
    `cuts`: the same facts cut by other columns (by entity, by metric), taken as they are
    instead of shuffled from the page partitions."""
    n = runner.partitions
    # The facts leave the client once, by page (unless they are on the workers already); the
    # entity and metric cuts are shuffled from those partitions on the workers.
    if page_parts is None:
        facts = facts.reset_index(drop=True)
        page_parts = [runner.put(p) for p in split(facts, FAMILY_KEY[Family.PAGE], n)]
    cut = submit_first_cuts(runner, page_parts, pages, config, cuts, relations)
    page_tasks, entity_parts, no_pages, by = cut.page_tasks, cut.entity_parts, cut.no_pages, cut.by
    tasks = {Family.ENTITY: cut.entity_tasks}
    if keep is not None:
        keep["page"], keep["entity"] = page_parts, entity_parts
    # the figures each pair bucket of statements needs, cut by the page tasks (they do not
    # read the rules' findings; only the comparisons wait for those)
    inputs = cut.statements
    checked: dict[Family, list[Checked]] = {Family.PAGE: runner.gather(page_tasks)}
    early = ordered(checked)  # every diff_mismatch finding of the rules (page rules' only)
    pending = None
    if relations is not None and inputs is not None:
        pending = submit_statements(runner, page_parts, relations, config, early, inputs)
    # the metric cut holds only the figures of the metrics the page partitions said its
    # rules may need (few: the rows of far-apart figures), cut from the page partitions
    limits = [c.metrics for c in checked[Family.PAGE]]
    tasks[Family.METRIC] = metric_tasks(runner, limits, page_parts, config, no_pages, by)
    checked.update((family, runner.gather(handles)) for family, handles in tasks.items())
    found = ordered(checked)
    done = [c for partitions in checked.values() for c in partitions]
    if relations is not None and inputs is not None:
        # another cut's rule reported one
        if len(diff_mismatches(found)) != len(diff_mismatches(early)):
            pending = submit_statements(runner, page_parts, relations, config, found, inputs)
        assert pending is not None
        statements = merge_statements(runner.gather(pending))
        found = found + statements.by_rule[0]
        done.append(statements)
    return finish_partitions(found, done, config)


def metric_tasks(
    runner: Runner,
    limits: list[frozenset[str] | None],
    page_parts: list[Any],
    config: CheckConfig,
    no_pages: pd.DataFrame,
    by: Callable[[str], list[Any]],
) -> list[Any]:
    """The metric cut's tasks: over the figures of the metrics every page partition's
    `metric_limit` names, shuffled from the page partitions (none when no metric is named),
    or over every fact cut by metric (`by`) when a partition's limit is unknown (`limits`:
    each page partition's `Checked.metrics`)."""
    if any(limit is None for limit in limits):
        parts = by(FAMILY_KEY[Family.METRIC])
    else:
        metrics = frozenset().union(*(limit for limit in limits if limit is not None))
        if not metrics:
            return []
        wanted = runner.put(metrics)
        limited = [runner.submit(limited_rows, part, wanted) for part in page_parts]
        parts = reshuffle(runner, limited, FAMILY_KEY[Family.METRIC])
    return [runner.submit(check_partition, part, no_pages, config, Family.METRIC) for part in parts]


def diff_mismatches(found: list[Any]) -> list[Any]:
    """The diff_mismatch findings among `found`, which the statements read."""
    return [f for f in found if f.kind is FindingKind.DIFF_MISMATCH]


def statement_buckets(runner: Runner, relations: pd.DataFrame | None) -> list[Any]:
    """The statements by bucket of the unordered pair of entities they name (the buckets
    that have any), each on the runner, indexed by their position among every statement."""
    if relations is None or relations.empty:
        return []
    relations = relations.reset_index(drop=True)  # the index: a statement's position
    pair_of = buckets(statement_pair(relations), runner.partitions)
    mine = (relations[pair_of == i] for i in range(runner.partitions))
    return [runner.put(part) for part in mine if len(part)]


def submit_statements(
    runner: Runner,
    page_parts: list[Any],
    relations: pd.DataFrame,
    config: CheckConfig,
    found: Any,
    inputs: list[tuple[Any, list[Any]]],
) -> list[Any]:
    """The comparative statements' tasks after every other rule's findings (`found`), submitted
    (handles on their `Statements`): one per bucket of the unordered pair of entities a
    statement names, holding its statements and each page partition's share of the figures
    of their entities (`inputs`: `FirstCuts.statements`), and the chains of three statements
    in the page cut. No task holds every figure of every named entity. `found` may be a
    handle on them (crosscheck.dask_findings: they stay on the runner); they are filtered
    there, in one task every statement task takes."""
    n = runner.partitions
    relations = relations.reset_index(drop=True)  # the index: a statement's position
    reported = runner.submit(diff_mismatches, found)
    tasks = [
        runner.submit(relations_task, rels, config, reported, *wanted) for rels, wanted in inputs
    ]
    page_of = buckets(relations[FAMILY_KEY[Family.PAGE]], n)  # the facts' page cut
    for i, part in enumerate(page_parts):
        mine = relations[page_of == i]
        if len(mine):
            tasks.append(runner.submit(check_chains, part, mine, reported))
    return tasks


def relations_task(
    relations: pd.DataFrame, config: CheckConfig, reported: list[Any], *shares: StatementShare
) -> Any:
    return check_statement_shares(shares, relations, config, reported)


#: The check tasks worth a worker of the local engine (`engines.PoolRunner`): the rules'
#: partitions and the statements' tasks; it runs the cuts of a shuffle in its own process.
REMOTE_CHECK_TASKS: frozenset[Callable[..., Any]] = frozenset(
    {check_page_partition, check_partition, relations_task, check_chains}
)


__all__ = [
    "REMOTE_CHECK_TASKS", "FirstCuts", "metric_tasks", "partitioned_checks",
    "statement_buckets", "submit_first_cuts", "submit_statements",
]  # fmt: skip
