"""Run every rule and collect the findings as one frame with the FINDING_COLUMNS."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import comparable_facts, without_retracted
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.finish import cited_facts, finish
from crosscheck.checks.relations import find_relation_mismatches
from crosscheck.checks.rules import RULES


def _text_nulls_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with None for missing (pandas 3 uses NaN in string columns); `frame` is
    the caller's own copy: its text columns are replaced (never written into)."""
    for column in [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]:
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def content_order(facts: pd.DataFrame) -> np.ndarray:
    """Row positions of the facts sorted by the page's content and the claim's place in it
    (page hash, locator, role), not the page's path: ties between rules' candidates then go
    the same way whatever the folder, file names or order of the sources. The claim id
    (which hashes the path) only separates copies of one page given at two paths. Sorted
    codes per column and one lexsort: joining the texts per row cost seconds at 10k pages."""
    names = [n for n in ("page_sha256", "locator", "role") if n in facts.columns]
    codes = [_text_rank(facts[n]) for n in names]
    order = np.lexsort(codes[::-1]) if codes else np.arange(len(facts))
    if "claim_id" not in facts.columns or len(order) < 2:
        return order
    # The claim id only breaks ties: ranked within each run of equal (page, place, role)
    # rows, not over every fact (ranking a million distinct ids cost most of the sort).
    ties = np.ones(len(order) - 1, dtype=bool)
    for code in codes:
        ranked = code[order]
        ties &= ranked[1:] == ranked[:-1]
    if not ties.any():
        return order
    claim_ids = facts["claim_id"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.diff(np.concatenate(([False], ties, [False])).astype(np.int8)))
    for first, last in zip(starts[::2], starts[1::2], strict=True):
        run = order[first : last + 1]  # rows first..last share their leading keys
        order[first : last + 1] = sorted(run.tolist(), key=lambda at: _id_key(claim_ids[at]))
    return order


def _id_key(claim_id: object) -> tuple[int, str]:
    """A claim id's place in the order `_text_rank` gives: missing first, then by text."""
    return (0, "") if pd.isna(claim_id) else (1, str(claim_id))


def _text_rank(values: pd.Series) -> np.ndarray:
    """Per row, the rank of its text among the column's distinct texts (missing first):
    factorize unsorted, then sort only the distinct values (factorize's own sort was 2x
    slower on a million strings)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    rank = np.empty(len(uniques) + 1, dtype=np.int64)
    rank[0] = -1  # missing (code -1, shifted to 0)
    texts = [str(u) for u in np.asarray(uniques, dtype=object)]
    order = np.fromiter(
        sorted(range(len(texts)), key=texts.__getitem__), dtype=np.intp, count=len(texts)
    )
    rank[1:][order] = np.arange(len(texts))
    return rank[codes + 1]


def merged_content_order(facts: pd.DataFrame, parts: Sequence[np.ndarray]) -> np.ndarray | None:
    """`content_order(facts)` from the content orders of the consecutive parts `facts` was
    stacked from (each part's own `content_order`: the parse tasks sort their chunks on
    both cores). The parts' rows are laid out by page hash, a stable sort that keeps each
    part's order within a page; rows of a hash that several parts hold (one page at two
    paths, or no hash) are ordered again together. None when the parts do not add up."""
    lengths = [len(part) for part in parts]
    if sum(lengths) != len(facts) or "page_sha256" not in facts.columns:
        return None
    if len(facts) < 2:
        return np.arange(len(facts))
    starts = np.cumsum([0, *lengths[:-1]])
    local = np.concatenate(
        [np.asarray(part, dtype=np.intp) + at for part, at in zip(parts, starts, strict=True)]
    )
    page = _text_rank(facts["page_sha256"]) + 1  # 0: no hash
    order = local[np.argsort(page[local], kind="stable")]
    # the pages held by more than one part: their rows are sorted again, all keys read
    held = np.unique(page * len(parts) + np.repeat(np.arange(len(parts)), lengths))
    pages = held // len(parts)
    shared = np.unique(pages[1:][pages[1:] == pages[:-1]])
    if len(shared):
        rows = np.flatnonzero(np.isin(page, shared))
        names = [n for n in ("page_sha256", "locator", "role", "claim_id") if n in facts.columns]
        again = rows[content_order(facts[names].iloc[rows])]
        order[np.isin(page[order], shared)] = again  # both by page hash, block for block
    return order


def _kept_order(order: np.ndarray, facts: pd.DataFrame, kept: pd.DataFrame) -> np.ndarray | None:
    """`order` (positions in `facts`) as positions in `kept`, a row filter of `facts` (the
    content order of a subset is the whole's order restricted to it: every sort is stable)."""
    if len(kept) == len(facts):
        return order
    if not facts.index.is_unique:
        return None
    at = np.full(len(facts), -1, dtype=np.intp)
    at[facts.index.get_indexer(kept.index)] = np.arange(len(kept))
    moved = at[order]
    return moved[moved >= 0]


def _canonical(facts: pd.DataFrame, order: np.ndarray | None = None) -> pd.DataFrame:
    """The facts in content order (`content_order`, or `order` when it is given) with a
    fresh index and None for missing text, built column by column from the reordered
    arrays: sorting the 30-column frame first and converting it after cost twice as long."""
    order = content_order(facts) if order is None else order
    if facts.empty or facts["claim_id"].isna().any():
        return _text_nulls_as_none(facts.iloc[order].reset_index(drop=True))
    columns = {}
    for name in facts.columns:
        column = facts[name]
        if pd.api.types.is_numeric_dtype(column):
            columns[name] = column.to_numpy().take(order)
        else:
            # Missing is found in row order: reading the strings in sorted order is slower.
            values = column.to_numpy(dtype=object).take(order)
            values[column.isna().to_numpy()[order]] = None
            columns[name] = pd.Series(values, dtype=object, copy=False)
    return pd.DataFrame(columns, columns=facts.columns, copy=False)


@dataclass
class ChecksResult:
    """The findings of one batch of facts and their counts by kind."""

    findings: pd.DataFrame
    by_kind: dict[str, int] = field(default_factory=dict)


def prepared(
    facts: pd.DataFrame, config: CheckConfig, order: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The facts in canonical order and their comparable figures: what every rule reads.
    A canonical row order: findings must not depend on whether facts were parsed now or read
    back from the warehouse (incremental runs), nor on the order pages were given or the
    names of their files and folders (issue 14). `order`: `content_order(facts)`, when the
    parse tasks gave it (`merged_content_order`)."""
    kept = without_retracted(facts)
    if order is not None:
        order = _kept_order(order, facts, kept)
    # Sorted first, then converted column by column on that copy: one working copy, not two.
    canonical = _canonical(kept, order)
    return canonical, comparable_facts(canonical, config)  # shared by the numeric rules


def apply_rules(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame,
    names: Collection[str] | None = None,
) -> dict[str, list[Finding]]:
    """Each rule's findings by its name, for the rules of checks.rules named in `names`
    (default every one), in the table's order."""
    return {
        rule.name: rule.apply(facts, pages, config, comparable)
        for rule in RULES
        if names is None or rule.name in names
    }


def in_table_order(by_rule: dict[str, list[Finding]]) -> list[Finding]:
    """The findings of every rule of checks.rules in the table's order (a rule missing from
    `by_rule` raises: a split run must have run each one somewhere)."""
    return [f for rule in RULES for f in by_rule[rule.name]]


def finished(
    facts: pd.DataFrame, found: list[Finding], statements: list[Finding], config: CheckConfig
) -> ChecksResult:
    """The frame of the rules' findings followed by the statements' (the whole-run passes)."""
    found = found + statements
    frame = finish(found, cited_facts(facts, found), config.max_findings_per_page)
    return ChecksResult(frame, dict(Counter(frame["kind"])))


def run_checks(
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    config: CheckConfig,
    relations: pd.DataFrame | None = None,
) -> ChecksResult:
    """All findings over the facts (and page-level repair counts) and, when given, the
    relation facts (comparative statements, RELATION_COLUMNS); deterministic order."""
    facts, comparable = prepared(facts, config)
    # The rules of checks.rules in their order (the partitioned engine runs the same table).
    found = in_table_order(apply_rules(facts, pages, config, comparable))
    statements = find_relation_mismatches(facts, relations, config, comparable, found)
    return finished(facts, found, statements, config)
