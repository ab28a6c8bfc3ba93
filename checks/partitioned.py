"""Checks by partitions: every rule runs on the facts cut by the key its groups never cross,
so an engine that cannot hold every fact in one process gets `run_checks`' findings.

Same-page rules (a table's columns, a row's cells, a page's sentences, a page's repairs) are
cut by page; cross-source rules that compare one entity's figures (conflicts, categories,
logic across years) by entity; a row's magnitude outlier, judged against the median of its
metric on every page, by metric. Comparative statements name two entities and may be checked
against other pages' figures of both, so they need their own cut: one task holding the
statements and the figures of the entities they name (`relation_facts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

import pandas as pd
from crosscheck.checks.arithmetic import find_wrong_products
from crosscheck.checks.categorical import find_categorical_conflicts
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts, find_conflicts, without_retracted
from crosscheck.checks.diff_mismatch import find_diff_mismatches
from crosscheck.checks.encoding import find_encoding
from crosscheck.checks.findings import Finding, evidence_keys, findings_frame
from crosscheck.checks.identical_columns import find_identical_columns
from crosscheck.checks.logic import find_logic
from crosscheck.checks.misattribution import find_misattributions
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.run import _canonical
from crosscheck.checks.summary import find_summaries_outside_tables
from crosscheck.checks.unit_scale import find_row_magnitude_outliers, find_unit_scale

from crosscheck.contracts import FINDING_COLUMNS, FindingKind


class Family(Enum):
    """Which key a rule's groups stay within."""

    PAGE = "page"  # cut facts by source
    ENTITY = "entity"  # cut facts by canonical entity
    METRIC = "metric"  # cut facts by canonical metric


Rule = Callable[[pd.DataFrame, pd.DataFrame, CheckConfig, pd.DataFrame], list[Finding]]

RULES: dict[Family, tuple[Rule, ...]] = {
    Family.PAGE: (
        lambda f, p, c, cmp: find_diff_mismatches(f, c, cmp),
        lambda f, p, c, cmp: find_identical_columns(f, c),
        lambda f, p, c, cmp: find_misattributions(f, c, cmp),
        lambda f, p, c, cmp: find_unit_scale(f, c),
        lambda f, p, c, cmp: find_encoding(f, p),
        lambda f, p, c, cmp: find_wrong_products(f),
        lambda f, p, c, cmp: find_summaries_outside_tables(f, c, cmp),
    ),
    Family.ENTITY: (
        lambda f, p, c, cmp: find_conflicts(f, c, cmp),
        lambda f, p, c, cmp: find_logic(f, c, cmp),
        lambda f, p, c, cmp: find_categorical_conflicts(f, c),
    ),
    # A row's outlier is judged against the median of the metric's figures on every page.
    Family.METRIC: (lambda f, p, c, cmp: find_row_magnitude_outliers(f, c, cmp),),
}

#: The column each family is cut by (a hash of it picks the partition).
FAMILY_KEY: dict[Family, str] = {
    Family.PAGE: "source",
    Family.ENTITY: "entity",
    Family.METRIC: "metric",
}


def _frame(found: list[Finding], facts: pd.DataFrame) -> pd.DataFrame:
    return findings_frame(found, evidence_keys(facts, found))


def check_partition(
    facts: pd.DataFrame, pages: pd.DataFrame, config: CheckConfig, family: Family
) -> pd.DataFrame:
    """The findings of `family`'s rules over one partition (every fact of its keys), as
    FINDING_COLUMNS; `pages` are the partition's pages (page family) or may be empty."""
    facts = _canonical(without_retracted(facts))
    comparable = comparable_facts(facts, config)
    found = [f for rule in RULES[family] for f in rule(facts, pages, config, comparable)]
    return _frame(found, facts)


def relation_facts(facts: pd.DataFrame, relations: pd.DataFrame) -> pd.DataFrame:
    """The facts a comparative statement may be checked against: its own page's, and any
    page's figures of the entities statements name (map side: one partition's share)."""
    if relations is None or relations.empty or facts.empty:
        return facts.iloc[0:0]
    named = set(relations["a"].dropna()) | set(relations["b"].dropna())
    pages = set(relations["source"])
    return facts[facts["entity"].isin(named) | facts["source"].isin(pages)]


def check_relations(
    facts: pd.DataFrame,
    relations: pd.DataFrame | None,
    config: CheckConfig,
    cited_by_diffs: Iterable[str] = (),
) -> pd.DataFrame:
    """Comparative statements against figures (`facts`: what `relation_facts` kept), minus
    the statements a diff_mismatch finding already cites (`cited_by_diffs`)."""
    if relations is None or relations.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    relations = relations[~relations["claim_id"].isin(set(cited_by_diffs))]
    facts = _canonical(without_retracted(facts))
    comparable = comparable_facts(facts, config)
    return _frame(find_relation_mismatches(facts, relations, config, comparable), facts)


def cited_by_diffs(findings: pd.DataFrame) -> set[str]:
    """Claim ids the diff_mismatch findings cite (a statement they cite is theirs)."""
    rows = findings[findings["kind"] == FindingKind.DIFF_MISMATCH.value]
    return {c for ids in rows["claim_ids"] for c in ids}


def merge_findings(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Partitions' findings as `run_checks` orders them: one row per id, by kind and id."""
    present = [f for f in frames if len(f)]
    if not present:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    merged = pd.concat(present, ignore_index=True).drop_duplicates("finding_id")
    return merged.sort_values(["kind", "finding_id"], kind="stable").reset_index(drop=True)
