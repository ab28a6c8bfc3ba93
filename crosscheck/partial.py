"""Checks limited to the entities a few changed pages touch; the other findings carried over.

When a run reads the latest run's sources and only some pages changed, the findings of the
entities no changed page mentions (before or after the change) are what the latest run found,
but for comparative statements naming one. This module says which entities are
touched (the scope) and whether the consensus moved; crosscheck.partial_checks checks them
again and carries the rest finding by finding. The consensus is the latest run's when nothing
the reconciliation reads changed (crosscheck.partial_reconcile), else computed over every fact
(source reliability rests on every figure); an entity whose consensus moved has its findings
re-checked too, so conflict explanations quote this run's consensus. Anything unexpected falls
back to checking all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crosscheck.contracts import FACT_COLUMNS, RECONCILED_COLUMNS

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
    # the changed sources' previous facts (FACT_COLUMNS): the cuts' findings of the latest run
    old_facts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FACT_COLUMNS))
    # the rest of the latest run's reconciliation and the changed pages' previous sketches
    # (PASSAGE_COLUMNS), carried when nothing it reads changed (crosscheck.partial_reconcile)
    categories: pd.DataFrame | None = None  # RECONCILED_CATEGORY_COLUMNS
    reliability: pd.DataFrame | None = None  # SOURCE_RELIABILITY_COLUMNS
    old_passages: pd.DataFrame | None = None


@dataclass(frozen=True)
class Scope:
    """The entities to check again (crosscheck.partial_checks says on which facts)."""

    entities: frozenset[str]


def claim_sets(prior: Prior, claims: pd.DataFrame) -> tuple[set[str], set[str]]:
    """(claim ids of unchanged pages, claim ids of changed pages) among this run's claims."""
    on_changed = claims["source"].isin(list(prior.changed)).to_numpy(dtype=bool)
    ids = claims["claim_id"].to_numpy(dtype=object)
    return set(ids[~on_changed]), set(ids[on_changed])


def rests_only_on(findings: pd.DataFrame, safe_ids: set[str]) -> np.ndarray:
    """Whether each finding rests only on claims of unchanged pages this run holds."""
    return np.array([all(c in safe_ids for c in ids) for ids in findings["claim_ids"]], dtype=bool)


def _unsafe_prior(prior: Prior, safe_ids: set[str]) -> set[str]:
    """Entities of earlier findings that rest on a claim of a changed page or on a claim
    this run does not hold (an older revision of a page): they must be checked again."""
    unsafe = ~rests_only_on(prior.findings, safe_ids)
    return {e for e in prior.findings.loc[unsafe, "entity"] if isinstance(e, str)}


def plan(
    prior: Prior,
    claims: pd.DataFrame,
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    extra: set[str] | None = None,
    safe_ids: set[str] | None = None,
) -> Scope:
    """The entities to check again: those of the changed pages, before and after (facts and
    comparative statements), those of earlier findings resting on them, and `extra`. Only
    their figures moved: a statement naming one is checked again whole (partial_checks), so
    the entities a statement ties to them need not be added (that closure reached 202 of 214
    entities on the 1,000-page corpus). `safe_ids`: the first of `claim_sets`, when `claims`
    holds only some of the run's claims (crosscheck.partial_read)."""
    changed = list(prior.changed)
    new = set(facts.loc[facts["source"].isin(changed), "entity"].dropna())
    if not relations.empty:
        stated = relations[relations["source"].isin(changed)]
        new |= set(stated["a"].dropna()) | set(stated["b"].dropna())
    touched = _unsafe_prior(prior, claim_sets(prior, claims)[0] if safe_ids is None else safe_ids)
    return Scope(frozenset(new | set(prior.old_entities) | touched | (extra or set())))


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
