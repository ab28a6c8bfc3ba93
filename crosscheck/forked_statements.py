"""The checks lap of a page-cut run over two cores: the comparative statements in a forked
child while this process runs the cross-page rules (issue 20).

Why: after the parse lap the run's process checks alone while the second core idles, and at
10,000 pages the checks lap is ~95 % `run_checks_with` (docs/benchmarks.md, "The 10,000-page
wall"). Once the facts are in canonical order with their comparable figures, the statements
(`find_relation_mismatches`) need only the diff_mismatch findings' claims, which the page cut
(run in the parse tasks) already gave; so a child forked there inherits every frame
copy-on-write (nothing is pickled to it), checks the statements and pickles back their
findings, while this process runs the rules the page cut did not. Should one of those rules
give a diff_mismatch finding citing a claim the page cut's did not, the statements are
checked again here with every finding, so the result is `run_checks_with`'s whatever happens.
"""

from __future__ import annotations

import pickle
import time
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.checks import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.page_cut import PAGE_RULES, PageFindings, run_checks_with
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.rules import RULES
from crosscheck.checks.run import apply_rules, finished, in_table_order, prepared
from crosscheck.contracts import FindingKind
from crosscheck.forked_checks import beside_child

#: Facts from which the statements are checked in a forked child when the run does not say
#: (`[checks] fork_statements` unset); None: never by default. The child's copied pages were
#: ~1 MiB a 1,000 facts (74 MiB at 73,491 facts: docs/benchmarks.md, "The 10,000-page wall"),
#: ~0.7 GiB at 10,000 pages beside a run's 1.6-1.9 GiB, so it is asked for, not assumed.
MIN_FACTS_FOR_FORKED_STATEMENTS: int | None = None


def fork_statements_for(setting: bool | None, facts: int) -> bool:
    """Whether the statements of a page-cut check of `facts` facts run in a forked child
    (`setting` is the run's `[checks] fork_statements`: False never forks; None by size)."""
    if setting is False:
        return False
    least = MIN_FACTS_FOR_FORKED_STATEMENTS
    return setting is True or (least is not None and facts >= least)


def forked_page_cut_checks(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    relations: pd.DataFrame | None,
    cuts: Sequence[PageFindings],
    order: np.ndarray | None = None,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """`run_checks_with(...)`'s findings with the statements in a forked child, and the CPU
    seconds of each side (none forked when there is no statement)."""
    if relations is None or relations.empty:
        return run_checks_with(facts, pages, config, relations, cuts, order).findings, {}
    start = time.process_time()
    facts, comparable = prepared(facts, config, order)
    by_rule = {name: [f for cut in cuts for f in cut[at]] for at, name in enumerate(PAGE_RULES)}
    page_found = [f for found in by_rule.values() for f in found]
    others = frozenset(rule.name for rule in RULES if rule.name not in PAGE_RULES)
    found_here, (statements, child_cpu) = beside_child(
        _child,
        (facts, relations, config, comparable, page_found),
        "statements",
        lambda: apply_rules(facts, pages, config, comparable, others),
    )
    by_rule.update(found_here)
    statements = list(statements)
    found = in_table_order(by_rule)
    if _cited(found) - _cited(page_found):  # a cross-page rule's diff_mismatch: read again
        statements = find_relation_mismatches(facts, relations, config, comparable, found)
    result = finished(facts, found, statements, config)
    return result.findings, {"parent": time.process_time() - start, "child": float(child_cpu)}


def _cited(found: Sequence[Finding]) -> set[str]:
    """The claims diff_mismatch findings cite: all the statements read of the findings."""
    return {c for f in found if f.kind is FindingKind.DIFF_MISMATCH for c in f.claim_ids}


def _child(
    conn: Connection,
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame,
    reported: list[Finding],
) -> None:
    """The statements' findings and the child's CPU, sent back pickled (or the error)."""
    start = time.process_time()
    try:
        found = find_relation_mismatches(facts, relations, config, comparable, reported)
        payload: tuple[str, Any] = ("ok", (found, time.process_time() - start))
        conn.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as error:  # the parent raises it: the run fails, nothing is loaded
        failure = (f"{type(error).__name__}: {error}", traceback.format_exc())
        conn.send_bytes(pickle.dumps(("error", failure)))
    finally:
        conn.close()
