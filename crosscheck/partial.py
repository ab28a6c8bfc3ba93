"""Checks limited to the entities a few changed pages touch; the other findings carried over.

When a run reads the latest run's sources and only some pages changed, every finding about an
entity no changed page mentions (before or after the change), and no comparative statement
ties to one that does, is what the latest run found: it is carried over instead of checked
again. The touched entities are checked on every page that mentions one of them (whole pages,
so same-page rules see what they always see). Consensus stays global (source reliability rests
on every figure); an entity whose consensus moved has its findings re-checked too, so conflict
explanations quote this run's consensus. Anything unexpected falls back to checking all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crosscheck.contracts import FINDING_COLUMNS, RECONCILED_COLUMNS

# Consensus columns a conflict explanation quotes (reconcile.annotate).
_QUOTED = ["value", "low", "high", "unit", "support", "dissent", "confidence", "sources"]
_KEY = ["entity", "metric", "qualifier"]


@dataclass(frozen=True)
class Prior:
    """What the latest run found, for a run that re-read its sources with some pages changed."""

    changed: frozenset[str]  # sources whose page changed (or whose read outcome did)
    old_entities: frozenset[str]  # entities of the changed sources' previous facts
    findings: pd.DataFrame  # FINDING_COLUMNS, as loaded (explanations annotated)
    reconciled: pd.DataFrame  # RECONCILED_COLUMNS
    copy_groups: pd.DataFrame  # COPY_GROUP_COLUMNS


@dataclass(frozen=True)
class Scope:
    """The entities to check again and the pages to check them on."""

    entities: frozenset[str]
    sources: frozenset[str]


def _ties(entities: set[str], relations: pd.DataFrame) -> set[str]:
    """`entities` and every entity a comparative statement ties directly to one of them: a
    statement's finding reads the figures of its two entities, and a chain (A over B, B over C,
    A over C) of a touched entity names only entities one statement away from it. Not closed
    transitively: on a corpus with many statements that closure reaches almost every entity."""
    if relations.empty:
        return entities
    pairs = relations[["a", "b"]].dropna()
    a_side = pairs["a"].isin(entities)
    b_side = pairs["b"].isin(entities)
    return entities | set(pairs.loc[a_side, "b"]) | set(pairs.loc[b_side, "a"])


def _claim_sets(prior: Prior, claims: pd.DataFrame) -> tuple[set[str], set[str]]:
    """(claim ids of unchanged pages, claim ids of changed pages) among this run's claims."""
    on_changed = claims["source"].isin(list(prior.changed)).to_numpy(dtype=bool)
    ids = claims["claim_id"].to_numpy(dtype=object)
    return set(ids[~on_changed]), set(ids[on_changed])


def _safe(findings: pd.DataFrame, safe_ids: set[str]) -> np.ndarray:
    """Whether each finding rests only on claims of unchanged pages this run holds."""
    return np.array([all(c in safe_ids for c in ids) for ids in findings["claim_ids"]], dtype=bool)


def _unsafe_prior(prior: Prior, safe_ids: set[str]) -> set[str]:
    """Entities of earlier findings that rest on a claim of a changed page or on a claim
    this run does not hold (an older revision of a page): they must be checked again."""
    unsafe = ~_safe(prior.findings, safe_ids)
    return {e for e in prior.findings.loc[unsafe, "entity"] if isinstance(e, str)}


def plan(
    prior: Prior,
    claims: pd.DataFrame,
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    extra: set[str] | None = None,
) -> Scope:
    """The entities to check again (those of the changed pages, before and after, those of
    earlier findings resting on them, `extra`, and those a comparative statement ties to them)
    and every page that mentions one of them (by a fact or a comparative statement)."""
    new = set(facts.loc[facts["source"].isin(list(prior.changed)), "entity"].dropna())
    touched = _unsafe_prior(prior, _claim_sets(prior, claims)[0])
    entities = _ties(new | set(prior.old_entities) | touched | (extra or set()), relations)
    on_page = set(facts.loc[facts["entity"].isin(entities), "source"])
    if not relations.empty:
        tied = relations["a"].isin(entities) | relations["b"].isin(entities)
        on_page |= set(relations.loc[tied, "source"])
    return Scope(frozenset(entities), frozenset(on_page | set(prior.changed)))


def subset(
    scope: Scope, pages: pd.DataFrame, facts: pd.DataFrame, relations: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(pages, facts, relations) of the scope's sources."""
    keep = list(scope.sources)
    return (
        pages[pages["source"].isin(keep)],
        facts[facts["source"].isin(keep)],
        relations[relations["source"].isin(keep)] if not relations.empty else relations,
    )


def merge(
    scope: Scope,
    prior: Prior,
    checked: pd.DataFrame,
    claims: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(checked again, carried over): the findings checked again about the scope's entities
    (and page-level ones of changed pages), and the earlier findings about every other
    entity. None when a finding checked again names an entity outside the scope while
    resting on a changed page (the scope missed something: check everything instead)."""
    safe_ids, changed_ids = _claim_sets(prior, claims)
    entity = checked["entity"]
    in_scope = entity.isin(list(scope.entities)).to_numpy(dtype=bool)
    changed = np.array(
        [any(c in changed_ids for c in ids) for ids in checked["claim_ids"]], dtype=bool
    )
    named = entity.notna().to_numpy(dtype=bool)
    if (named & ~in_scope & changed).any():
        return None
    kept = checked[(named & in_scope) | (~named & changed)]
    old = prior.findings
    old_named = old["entity"].notna().to_numpy(dtype=bool)
    old_in_scope = old["entity"].isin(list(scope.entities)).to_numpy(dtype=bool)
    carried = old[(old_named & ~old_in_scope) | (~old_named & _safe(old, safe_ids))]
    return kept[FINDING_COLUMNS], carried[FINDING_COLUMNS]


def moved(prior: Prior, reconciled: pd.DataFrame, copy_groups: pd.DataFrame) -> set[str] | None:
    """Entities whose consensus differs from the latest run's in anything a conflict
    explanation quotes; None when the copy groups changed (every explanation may move)."""
    if not _same_copies(prior.copy_groups, copy_groups):
        return None
    old = _quoted(prior.reconciled)
    new = _quoted(reconciled)
    both = old.merge(new, on=_KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    differs = both["_merge"] != "both"
    for column in _QUOTED:
        a, b = both[f"{column}_old"], both[f"{column}_new"]
        differs |= ~((a == b) | (a.isna() & b.isna()))
    return set(both.loc[differs, "entity"].dropna())


def _quoted(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame.columns) == 0:
        frame = pd.DataFrame(columns=RECONCILED_COLUMNS)
    out = frame[_KEY + _QUOTED].copy()
    out["qualifier"] = out["qualifier"].fillna("")
    out["sources"] = [
        "\x1f".join(map(str, s)) if s is not None and not isinstance(s, float) else ""
        for s in out["sources"]
    ]
    for column in ("value", "low", "high", "confidence"):
        out[column] = out[column].astype(float)
    for column in ("support", "dissent"):
        out[column] = out[column].astype(float)
    return out


def _same_copies(old: pd.DataFrame, new: pd.DataFrame) -> bool:
    if len(old) != len(new):
        return False
    if not len(old):
        return True
    columns = sorted(set(old.columns) & set(new.columns))
    a = old[columns].sort_values(columns, ignore_index=True).astype(str)
    b = new[columns].sort_values(columns, ignore_index=True).astype(str)
    return bool(a.equals(b))
