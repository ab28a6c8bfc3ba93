"""Checks by partitions: every rule of checks.rules runs on the facts cut by the key its
groups never cross, then the whole-run passes (checks.finish) run over the gathered findings,
so an engine that cannot hold every fact in one process gets `run_checks`' findings.

A partition task returns, per rule, the findings its cut sees whole and the facts they cite
(`Checked`); `ordered` lays the findings out in the rules' order. Comparative statements
name two entities and may be checked against other pages' figures of both, and against the
other statements about the same two entities, so they are cut by that unordered pair
(`statement_pair`): each task holds its statements and the figures of the entities they name
(`relation_facts`); chains of three statements on one page run in the page cut
(`check_chains`). `merge_statements` puts their findings back in `run_checks`' order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import (
    COMPARABLE_READ,
    comparable_facts,
    comparable_rows,
    without_retracted,
)
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.finish import CITED_COLUMNS, cited_facts, finish, merge_cited, shared_cited
from crosscheck.checks.relations import Keyed, chain_mismatches, in_order, pair_mismatches
from crosscheck.checks.rules import FAMILY_KEY, RULES, Family
from crosscheck.checks.run import _canonical, content_order

from crosscheck.contracts import FACT_COLUMNS

__all__ = [
    "FAMILY_KEY",
    "STATEMENT_FIGURE_COLUMNS",
    "Checked",
    "Family",
    "StatementShare",
    "Statements",
    "check_chains",
    "check_page_partition",
    "check_partition",
    "check_relations",
    "check_statement_shares",
    "finish_partitions",
    "limited_rows",
    "merge_statements",
    "metric_limit",
    "ordered",
    "relation_facts",
    "statement_pair",
    "statement_share",
]


@dataclass
class Checked:
    """One partition's findings, per rule of checks.rules (by position; empty for the rules
    of other cuts), and the facts they cite (checks.finish.CITED_COLUMNS)."""

    by_rule: list[list[Finding]]
    cited: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["claim_id"]))
    #: Of a page partition checked with `limit`: the metrics the metric cut needs of its
    #: pages (`metric_limit`; None: every metric).
    metrics: frozenset[str] | None = None


def check_partition(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    family: Family,
    limit: bool = False,
) -> Checked:
    """The findings of the rules that run in `family`'s cut over one partition (every fact
    of its keys), each rule keeping those its cut sees whole; `pages` are the partition's
    pages (page cut) or may be empty. With `limit` (a page partition), also the metrics the
    metric cut needs of these pages (`Checked.metrics`)."""
    facts, comparable = _sorted(facts, config, family)
    return _checked(facts, pages, config, family, comparable, limit)


def check_page_partition(
    facts: pd.DataFrame, pages: pd.DataFrame, config: CheckConfig, *statements: pd.DataFrame
) -> tuple[Checked, list[StatementShare]]:
    """`check_partition` of a page partition with its metric limit, and for each bucket of
    statements (`statements`: their rows, by pair of entities) the share of this partition's
    figures they read (`statement_share`), cut from the facts this task sorted and the
    comparable figures it derived: the statements' tasks neither sort nor derive them again."""
    facts, comparable = _sorted(facts, config, Family.PAGE)
    checked = _checked(facts, pages, config, Family.PAGE, comparable, True)
    return checked, [statement_share(facts, comparable, rels) for rels in statements]


def _sorted(
    facts: pd.DataFrame, config: CheckConfig, family: Family
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A partition's facts in content order and their comparable figures (what its rules
    read)."""
    facts = without_retracted(facts)
    if comparable_only(family):  # sort only the rows and columns the rules read
        facts = facts.loc[comparable_rows(facts), comparable_columns(facts)]
    facts = _canonical(facts)
    return facts, comparable_facts(facts, config)


def _checked(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    family: Family,
    comparable: pd.DataFrame,
    limit: bool,
) -> Checked:
    by_rule: list[list[Finding]] = []
    for rule in RULES:
        found: list[Finding] = []
        for part in rule.parts:
            if part.family is family:
                found += [f for f in rule.apply(facts, pages, config, comparable) if part.keep(f)]
        by_rule.append(found)
    cited = shared_cited(cited_facts(facts, [f for found in by_rule for f in found]))
    return Checked(by_rule, cited, metric_limit(comparable) if limit else None)


def metric_limit(comparable: pd.DataFrame) -> frozenset[str] | None:
    """The metrics whose figures the metric cut's rules may need, read from whole pages'
    comparable figures (`Rule.metrics`), or None when a rule of that cut cannot say."""
    wanted: set[str] = set()
    for rule in RULES:
        if any(p.family is Family.METRIC for p in rule.parts):
            if rule.metrics is None or not rule.comparable_only:
                return None
            wanted |= rule.metrics(comparable)
    return frozenset(wanted)


def limited_rows(facts: pd.DataFrame, metrics: frozenset[str]) -> pd.DataFrame:
    """Of one partition's facts, the comparable figures (the rows and columns a cut of
    comparable-only rules reads) of `metrics`, with their index: the metric cut's share of
    a page partition when every page's `metric_limit` is known."""
    keep = comparable_rows(facts) & facts["metric"].isin(metrics)
    return facts.loc[keep, comparable_columns(facts)]


def comparable_only(family: Family) -> bool:
    """Whether every rule that runs in `family`'s cut reads the comparable figures only."""
    return all(
        rule.comparable_only for rule in RULES if any(p.family is family for p in rule.parts)
    )


def comparable_columns(facts: pd.DataFrame) -> list[str]:
    """The columns a cut of comparable-only rules keeps: what `comparable_facts` reads, the
    content order's keys and what the whole-run passes read of a cited fact."""
    wanted = dict.fromkeys([*COMPARABLE_READ, *CITED_COLUMNS])
    return [c for c in facts.columns if c in wanted]


def ordered(checked: dict[Family, Sequence[Checked]]) -> list[Finding]:
    """Every partition's findings in the rules' order (rule, then its cuts, then partition):
    what `run_checks` holds before the statements and the whole-run passes."""
    return [
        finding
        for at, rule in enumerate(RULES)
        for family in dict.fromkeys(part.family for part in rule.parts)
        for partition in checked.get(family, ())
        for finding in partition.by_rule[at]
    ]


def relation_facts(facts: pd.DataFrame, relations: pd.DataFrame) -> pd.DataFrame:
    """The facts `relations` may be checked against (map side: one partition's share): a
    statement's two entities on its page (every entity of the page for a "next best" one),
    and, for one that names its metric, both entities' figures of that metric on any page
    (checks.relation_pairs reads no other row)."""
    if relations is None or relations.empty or facts.empty:
        return facts.iloc[0:0]
    return facts[_named_by(facts, relations)]


def _named_by(facts: pd.DataFrame, relations: pd.DataFrame) -> np.ndarray:
    """Which of `facts` `relation_facts` keeps for `relations` (not empty)."""
    paired = relations[relations["b"].notna()]
    sources = pd.concat([paired["source"], paired["source"]])
    own = pd.MultiIndex.from_arrays([sources, pd.concat([paired["a"], paired["b"]])])
    measured = paired[paired["metric"].notna()]
    metrics = pd.concat([measured["metric"], measured["metric"]])
    other = pd.MultiIndex.from_arrays([pd.concat([measured["a"], measured["b"]]), metrics])
    return (
        pd.MultiIndex.from_arrays([facts["source"], facts["entity"]]).isin(own)
        | pd.MultiIndex.from_arrays([facts["entity"], facts["metric"]]).isin(other)
        | facts["source"].isin(relations.loc[relations["b"].isna(), "source"]).to_numpy()
    )


#: Of a comparable figure, what the statements read (their figure pairs, checks.relation_pairs,
#: and decimal slips): its own values, the same whatever other figures it was derived beside
#: (not `cmp_lo`, which an "up to" group sets, nor the grouping codes); and its place in the
#: content order (checks.run.content_order's keys).
STATEMENT_FIGURE_COLUMNS = [*COMPARABLE_READ, "point", "page_sha256"]


@dataclass
class StatementShare:
    """What one page partition gives a bucket of statements: the comparable figures
    `relation_facts` keeps for them (`STATEMENT_FIGURE_COLUMNS`, in content order) and the
    cited-fact columns of every fact it keeps (a finding cites a statement's own claim)."""

    figures: pd.DataFrame
    rows: pd.DataFrame


def statement_share(
    facts: pd.DataFrame, comparable: pd.DataFrame, relations: pd.DataFrame
) -> StatementShare:
    """`relation_facts` of a partition's sorted `facts` for `relations`, split as the
    statements read them: their comparable figures (from `comparable`, derived from `facts`
    and sharing its index) and every kept fact's cited-fact columns."""
    if relations is None or relations.empty or facts.empty:
        return StatementShare(comparable.iloc[0:0], facts.iloc[0:0][_cited_columns(facts)])
    named = _named_by(facts, relations)
    rows = facts.loc[named, _cited_columns(facts)]
    kept = comparable[named[facts.index.get_indexer(comparable.index)]]  # its rows of `facts`
    figures = kept[[c for c in STATEMENT_FIGURE_COLUMNS if c in kept.columns]]
    missing = [c for c in STATEMENT_FIGURE_COLUMNS if c not in kept.columns and c in facts]
    if missing:  # the content order's keys comparable_facts leaves out (page hash, role)
        figures = figures.join(facts.loc[kept.index, missing])
    return StatementShare(figures, rows)


def _cited_columns(facts: pd.DataFrame) -> list[str]:
    return [c for c in CITED_COLUMNS if c in facts.columns]


@dataclass
class Statements:
    """One cut's comparative-statement findings, keyed by their place in the statements'
    order (checks.relations.Keyed), and the facts they cite."""

    keyed: list[Keyed]
    cited: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["claim_id"]))


def statement_pair(relations: pd.DataFrame) -> pd.Series:
    """The unordered pair of entities each statement names ("a\x1fb", sorted; b empty for a
    "next best" or superlative statement): the key of the statements' cut."""
    a = relations["a"].astype(object).where(relations["a"].notna(), "").astype(str)
    b = relations["b"].astype(object).where(relations["b"].notna(), "").astype(str)
    low, high = a.where(a <= b, b), b.where(a <= b, a)
    return low + "\x1f" + high


def check_relations(
    parts: Sequence[pd.DataFrame],
    relations: pd.DataFrame | None,
    config: CheckConfig,
    reported: list[Finding],
) -> Statements:
    """One pair partition's statements (`relations`, indexed by their position among every
    statement) against figures and against each other (`parts`: what `relation_facts` kept
    of each page partition for them); `reported`: the diff_mismatch findings."""
    if relations is None or relations.empty:
        return Statements([])
    present = [p for p in parts if len(p)]
    facts = pd.concat(present, ignore_index=True) if present else pd.DataFrame(columns=FACT_COLUMNS)
    facts = _canonical(without_retracted(facts))
    comparable = comparable_facts(facts, config)
    keyed = pair_mismatches(facts, relations, config, comparable, reported)
    return Statements(keyed, shared_cited(cited_facts(facts, [f for _, f in keyed])))


def check_statement_shares(
    shares: Sequence[StatementShare],
    relations: pd.DataFrame | None,
    config: CheckConfig,
    reported: list[Finding],
) -> Statements:
    """`check_relations` over what each page partition's task cut for one pair partition's
    statements (`check_page_partition`): the figures, each share already sorted and derived,
    put in content order together (a merge of sorted shares, on the order's keys only)."""
    if relations is None or relations.empty:
        return Statements([])
    present = [s.figures for s in shares if len(s.figures)]
    if present:
        figures = pd.concat(present, ignore_index=True) if len(present) > 1 else present[0]
        figures = figures.take(content_order(figures)).reset_index(drop=True)
    else:
        figures = comparable_facts(pd.DataFrame(columns=FACT_COLUMNS), config)
    keyed = pair_mismatches(figures, relations, config, figures, reported)
    found = [f for _, f in keyed]
    rows = [s.rows for s in shares if len(s.rows)]
    cited = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=CITED_COLUMNS)
    return Statements(keyed, shared_cited(cited_facts(cited, found)))


def check_chains(
    facts: pd.DataFrame, relations: pd.DataFrame | None, reported: list[Finding]
) -> Statements:
    """One page partition's chains of three statements (`relations`: its pages' statements,
    indexed by position; `facts`: its pages' facts, for the facts a chain cites)."""
    if relations is None or relations.empty:
        return Statements([])
    keyed = chain_mismatches(relations, reported)
    if not keyed:
        return Statements([])
    claims = {c for _, f in keyed for c in f.claim_ids}
    rows = _canonical(without_retracted(facts[facts["claim_id"].isin(claims)]))  # row-wise
    return Statements(keyed, shared_cited(cited_facts(rows, [f for _, f in keyed])))


def merge_statements(parts: Sequence[Statements]) -> Checked:
    """Every cut's statement findings in `run_checks`' order (one per set of claims)."""
    found = in_order(k for part in parts for k in part.keyed)
    return Checked([found], merge_cited(p.cited for p in parts))


def finish_partitions(
    found: list[Finding], checked: Sequence[Checked], config: CheckConfig
) -> pd.DataFrame:
    """`run_checks`' frame from the ordered findings (`found`, statements last) and every
    task's cited facts: the per-page cap, ids and root causes over findings only."""
    cited = merge_cited(c.cited for c in checked)
    return finish(found, cited, config.max_findings_per_page)
