"""The checks of a run where a few pages changed, cut the way the partitioned engine cuts them.

A rule's findings depend only on the facts of the key its groups never cross (checks.rules:
page, entity or metric), so after a page changed only what can have moved is checked again
(docs/scheduling.md lists the cuts) and every other finding of the latest run is carried, one
by one. A stored finding does not say which rule made it: a same-page finding about a scope
entity is told from an entity rule's by checking its page again (same facts, same id), and the
metric rule's findings by rebuilding their id with that rule's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding
from crosscheck.checks.partitioned import (
    Checked,
    Family,
    check_chains,
    check_partition,
    check_relations,
    finish_partitions,
    merge_statements,
    ordered,
    relation_facts,
)
from crosscheck.checks.rules import RULES
from crosscheck.contracts import (
    FACT_COLUMNS,
    FINDING_COLUMNS,
    FindingKind,
    Scope,
    Severity,
    stable_id,
)
from crosscheck.partial import Prior, rests_only_on
from crosscheck.warehouse.stored_rows import RowKeys

_RELATION = FindingKind.RELATION_MISMATCH.value
_CAP_NOTE = "(checks.max_findings_per_page)"  # in the explanation of a cap's summary


@dataclass(frozen=True)
class Cut:
    """What a limited run checks again: the scope's entities, the metrics whose figures on
    the changed pages changed."""

    entities: frozenset[str]
    metrics: frozenset[str]


# A fact's content as the rules read it: everything but the ids of its claim and snapshot.
_CONTENT = [c for c in FACT_COLUMNS if c not in ("claim_id", "page_sha256")]


def _contents(facts: pd.DataFrame) -> set[tuple[str, ...]]:
    """Each fact's content as a tuple of texts (a missing value as ""), row by row: pandas'
    `where` and `astype(str)` over the frame cost ~6x more for the few rows of a page."""
    values = facts[_CONTENT].to_numpy(dtype=object)
    missing = pd.isna(values)
    return {
        tuple("" if gone else str(v) for v, gone in zip(row, absent, strict=True))
        for row, absent in zip(values.tolist(), missing.tolist(), strict=True)
    }


def cut_of(prior: Prior, entities: frozenset[str], facts: pd.DataFrame) -> Cut:
    """The scope's entities and the metrics of the changed pages' facts that differ, before
    and after, in anything but their claim and snapshot ids."""
    now = facts[facts["source"].isin(list(prior.changed))]
    moved = _contents(now) ^ _contents(prior.old_facts)
    metric = _CONTENT.index("metric")
    return Cut(entities, frozenset(row[metric] for row in moved))


# The kinds the entity rules give (checks.rules: conflicts across pages, variants, entity
# logic, categories); same-page rules give some of them too, so the pages of the latest run's
# such findings about a scope entity are checked again whole.
_ENTITY_KINDS = [
    FindingKind.CONFLICT.value,
    FindingKind.LOGIC.value,
    FindingKind.CATEGORICAL_CONFLICT.value,
]
_ROW_RULE = "row_magnitude"  # the metric rule (checks.unit_scale), the only one of its cut
_RELATION = FindingKind.RELATION_MISMATCH.value
_CAP_NOTE = "(checks.max_findings_per_page)"  # in the explanation of a cap's summary


def _stand_ins(findings: pd.DataFrame) -> list[Finding]:
    """Carried diff_mismatch findings as the statement check reads them (kind and claims)."""
    rows = findings[findings["kind"] == FindingKind.DIFF_MISMATCH.value]
    return [
        Finding(FindingKind.DIFF_MISMATCH, Scope(s), Severity(v), None, None, None, "", tuple(ids))
        for s, v, ids in zip(rows["scope"], rows["severity"], rows["claim_ids"], strict=True)
    ]


def _capped(findings: pd.DataFrame) -> bool:
    """Whether a cap summary (checks.caps) is among the findings."""
    return bool(findings["explanation"].astype(str).str.contains(_CAP_NOTE, regex=False).any())


def _within(findings: pd.DataFrame, stated: set[str], again: set[str]) -> np.ndarray:
    """Whether each finding cites a statement and only statements checked again."""
    out = []
    for ids in findings["claim_ids"]:
        cited = {c for c in ids if c in stated}
        out.append(bool(cited) and cited <= again)
    return np.array(out, dtype=bool)


def _rests_on(findings: pd.DataFrame, ids: set[str]) -> np.ndarray:
    return np.array([any(c in ids for c in cs) for cs in findings["claim_ids"]], dtype=bool)


def _text(value: object) -> str | None:
    return None if value is None or value != value else str(value)


def _row_rule(old: pd.DataFrame, evidence: pd.DataFrame) -> np.ndarray:
    """Which of the latest run's findings the metric rule gave: its id, rebuilt with that
    rule's name from the finding's evidence, is the finding's own."""
    out = np.zeros(len(old), dtype=bool)
    kind = FindingKind.UNIT_SCALE.value
    cited = {
        c for k, ids in zip(old["kind"], old["claim_ids"], strict=True) if k == kind for c in ids
    }
    keys = _keys(evidence[evidence["claim_id"].isin(list(cited))])
    for at, row in enumerate(old.itertuples(index=False)):
        if row.kind != kind:
            continue
        rebuilt = Finding(
            FindingKind.UNIT_SCALE,
            Scope(row.scope),
            Severity(row.severity),
            _text(row.entity),
            _text(row.metric),
            _text(row.qualifier),
            "",
            tuple(row.claim_ids),
            rule=_ROW_RULE,
        )
        out[at] = rebuilt.finding_id(keys) == row.finding_id
    return out


def _repointed(
    findings: pd.DataFrame, old_facts: pd.DataFrame, facts: pd.DataFrame
) -> pd.DataFrame:
    """Findings whose evidence lay on a changed page's previous revision, pointed at the same
    places (source, locator, role) of the page read now."""
    place = ["source", "locator", "role"]
    before = dict(zip(old_facts["claim_id"], old_facts[place].itertuples(index=False), strict=True))
    facts = facts[facts["source"].isin(list(set(old_facts["source"])))]
    now = dict(zip(facts[place].itertuples(index=False), facts["claim_id"], strict=True))
    ids = [
        [now.get(before[c], c) if c in before else c for c in cs] for cs in findings["claim_ids"]
    ]
    return findings.assign(claim_ids=ids)


def checked_again(
    prior: Prior,
    cut: Cut,
    pages: pd.DataFrame,
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    claim_sets: tuple[set[str], set[str]],
    config: CheckConfig,
    more: Callable[[RowKeys], pd.DataFrame] | None = None,
    where: Callable[[set[str]], dict[str, str]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(checked again, carried over) findings; None when the cut cannot be trusted (a capped
    group, a carried finding whose evidence is gone, or a finding checked again naming an
    entity outside the scope from a changed page). `more(keys)`, when given, returns `facts`
    with the stored rows `keys` selects added (crosscheck.partial_read): `facts` then holds
    only some of the reused pages' rows, and every cut asks for its own first. `where(claim
    ids)` (claim id → source, looked up without reading rows) lets the first read take every
    cut's rows at once: the pages checked again are known from it, not from rows read."""
    safe_ids, changed_ids = claim_sets
    changed = list(prior.changed)
    entities = list(cut.entities)
    old = prior.findings
    if _capped(old):  # a cap counts a page's findings the cut may not see
        return None
    safe = rests_only_on(old, safe_ids)
    # The latest run's findings the entity rules may have given about a scope entity: checked
    # again, with the pages of the same-page ones (same facts there: same ids, and a conflict
    # quotes this run's consensus).
    by_entity = old["entity"].isin(entities).to_numpy(dtype=bool) & old["kind"].isin(
        _ENTITY_KINDS
    ).to_numpy(dtype=bool)
    unit_scale = (old["kind"] == FindingKind.UNIT_SCALE.value).to_numpy(dtype=bool)
    named = (
        relations["a"].isin(entities) | relations["b"].isin(entities)
        if not relations.empty
        else None
    )

    def statement_keys(again: set[str]) -> RowKeys:
        """The pages checked again, whole pages of statements and the figures they name."""
        if named is None:
            return RowKeys(sources=frozenset(again))
        stated = relations[relations["source"].isin(list(set(relations.loc[named, "source"])
                                                        | set(changed)))]  # fmt: skip
        measured = stated[stated["b"].notna() & stated["metric"].notna()]
        pairs = {
            (str(e), str(m))
            for side in ("a", "b")
            for e, m in zip(measured[side], measured["metric"], strict=True)
        }
        return RowKeys(sources=frozenset(again | set(stated["source"])), pairs=frozenset(pairs))

    if more is not None:  # the rows the cuts below read (all of them when `where` is given)
        cited = old.loc[(safe & by_entity) | unit_scale, "claim_ids"]
        first = RowKeys(sources=frozenset(changed))
        if where is not None:  # a superset of the pages `_single_pages` finds below
            first = statement_keys(set(changed) | _single_pages_of(old[safe & by_entity], where))
        facts = more(
            replace(
                first,
                entities=cut.entities,
                metrics=cut.metrics,
                claim_ids=frozenset(c for ids in cited for c in ids),
            )
        )
    again = set(changed) | _single_pages(old[safe & by_entity], facts)
    if more is not None:  # none left to read when the first read took them
        facts = more(statement_keys(again))
    page_cut = check_partition(
        facts[facts["source"].isin(list(again))].reset_index(drop=True),
        pages[pages["source"].isin(list(again))],
        config,
        Family.PAGE,
    )
    no_pages = pages.iloc[0:0]
    entity_cut = check_partition(
        facts[facts["entity"].isin(entities)].reset_index(drop=True),
        no_pages,
        config,
        Family.ENTITY,
    )
    metric_cut = (  # no figure changed (a page's markup or an unread digit): nothing to cut
        check_partition(
            facts[facts["metric"].isin(list(cut.metrics))].reset_index(drop=True),
            no_pages,
            config,
            Family.METRIC,
        )
        if cut.metrics
        else Checked([[] for _ in RULES])
    )
    found = ordered(
        {Family.PAGE: [page_cut], Family.ENTITY: [entity_cut], Family.METRIC: [metric_cut]}
    )
    done = [page_cut, entity_cut, metric_cut]
    statements = relations.iloc[0:0]
    if named is not None:
        # whole pages of statements: a chain (A over B, B over C, A over C) is one page's
        stating = set(relations.loc[named, "source"]) | set(changed)
        statements = relations[relations["source"].isin(list(stating))]
        reported = found + _stand_ins(old[safe])
        stated = check_relations([relation_facts(facts, statements)], statements, config, reported)
        on_pages = facts[facts["source"].isin(list(stating))]
        statement_cut = merge_statements([stated, check_chains(on_pages, statements, reported)])
        found += statement_cut.by_rule[0]
        done.append(statement_cut)
    fresh = finish_partitions(found, done, config)
    if _capped(fresh):
        return None
    in_scope = fresh["entity"].isin(entities).to_numpy(dtype=bool)
    named_fresh = fresh["entity"].notna().to_numpy(dtype=bool)
    if (named_fresh & ~in_scope & _rests_on(fresh, changed_ids)).any():
        return None
    # The metric rule's findings of metrics whose figures did not change are the same, at
    # the same places of a changed page: carried, pointed at this run's claims.
    evidence = pd.concat(
        [facts[["claim_id", "source", "locator", "role"]], prior.old_facts], ignore_index=True
    )
    row_rule = _row_rule(old, evidence)
    same_rows = row_rule & ~old["metric"].isin(list(cut.metrics)).to_numpy(dtype=bool)
    dropped = (~safe & ~same_rows) | (safe & by_entity)
    dropped |= row_rule & ~same_rows
    dropped |= old["finding_id"].isin(list(fresh["finding_id"])).to_numpy(dtype=bool)
    # A statement's finding cites its statements (one, two, or a page's chain): those whose
    # statements were all checked again are given again if they still hold.
    dropped |= (old["kind"] == _RELATION).to_numpy(dtype=bool) & _within(
        old,
        set(relations["claim_id"]) if not relations.empty else set(),
        set(statements["claim_id"]),
    )
    carried = _repointed(old[~dropped], prior.old_facts, facts)
    held = safe_ids | changed_ids
    if not all(c in held for ids in carried["claim_ids"] for c in ids):
        return None
    return fresh[FINDING_COLUMNS], carried[FINDING_COLUMNS]


def _keys(facts: pd.DataFrame) -> dict[str, str]:
    """Claim id → hash of its place (source, locator, role), as finding ids use it."""
    return {
        c: stable_id(s, loc, r)
        for c, s, loc, r in zip(
            facts["claim_id"], facts["source"], facts["locator"], facts["role"], strict=True
        )
    }


def _single_pages(findings: pd.DataFrame, facts: pd.DataFrame) -> set[str]:
    """The page of each finding whose evidence lies on one page."""
    cited = facts[facts["claim_id"].isin([c for ids in findings["claim_ids"] for c in ids])]
    return _one_page(findings, dict(zip(cited["claim_id"], cited["source"], strict=True)))


def _single_pages_of(
    findings: pd.DataFrame, where: Callable[[set[str]], dict[str, str]]
) -> set[str]:
    """`_single_pages` with each cited claim's page looked up by `where`: every page it finds
    and more (a claim without a fact has a page here, none there)."""
    return _one_page(findings, where({c for ids in findings["claim_ids"] for c in ids}))


def _one_page(findings: pd.DataFrame, source_of: dict[str, str]) -> set[str]:
    """The page of each finding whose cited claims all lie on one page (`source_of`)."""
    pages = set()
    for ids in findings["claim_ids"]:
        sources = {source_of.get(c) for c in ids}
        if len(sources) == 1 and None not in sources:
            pages |= sources
    return {str(p) for p in pages}
