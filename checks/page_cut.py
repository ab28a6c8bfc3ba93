"""The page cut run apart from the rest: the rules of checks.rules whose every cut is the
page's (`Family.PAGE`) need only one page's facts, so whoever holds whole pages (the local
engine's parse tasks) runs them, and `run_checks_with` runs the entity and metric rules, the
statements and the whole-run passes over every fact, with `run_checks`' findings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.partitioned import check_partition
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.rules import RULES, Family
from crosscheck.checks.run import ChecksResult, apply_rules, finished, in_table_order, prepared

#: The rules whose every part is the page cut: they run with the pages' facts alone.
PAGE_RULES: tuple[str, ...] = tuple(
    rule.name for rule in RULES if all(part.family is Family.PAGE for part in rule.parts)
)
_AT = tuple(at for at, rule in enumerate(RULES) if rule.name in PAGE_RULES)

#: One set of whole pages' findings: per rule of PAGE_RULES (in that order), its findings.
PageFindings = list[list[Finding]]


def page_findings(facts: pd.DataFrame, pages: pd.DataFrame, config: CheckConfig) -> PageFindings:
    """The PAGE_RULES' findings over `facts` and `pages`, which hold every fact and row of
    their pages (the same findings as those rules give over every page, for these pages)."""
    checked = check_partition(facts, pages, config, Family.PAGE)
    return [checked.by_rule[at] for at in _AT]


def run_checks_with(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    relations: pd.DataFrame | None,
    cuts: Sequence[PageFindings],
    order: np.ndarray | None = None,
) -> ChecksResult:
    """`run_checks(facts, pages, config, relations)` when `cuts` hold the PAGE_RULES'
    findings of sets of whole pages that together are every page of `facts`: the other
    rules run here, then the statements (they read every rule's findings) and `finish`.
    `order`: the facts' content order, when the parse tasks gave it (checks.run.prepared)."""
    facts, comparable = prepared(facts, config, order)
    others = frozenset(rule.name for rule in RULES if rule.name not in PAGE_RULES)
    by_rule = apply_rules(facts, pages, config, comparable, others)
    for at, name in enumerate(PAGE_RULES):
        by_rule[name] = [finding for cut in cuts for finding in cut[at]]
    found = in_table_order(by_rule)
    statements = find_relation_mismatches(facts, relations, config, comparable, found)
    return finished(facts, found, statements, config)
