"""The reconciliation of a run where a few pages changed: the latest run's, when nothing the
reconciliation reads changed.

`reconcile.reconcile_facts` reads of each fact only `READ` (and whether a finding flags its
claim), and of each page its passage sketch. When every changed page holds the same rows in
those columns (a multiset, each with its flag) and the same sketch as before, and every other
claim keeps its flag, its inputs are the latest run's but for claim ids and row order, so its
consensus, categories, reliabilities and copy groups are the latest run's: they are carried.
Anything else recomputes it over every fact: a changed figure can move its key's consensus and,
through the reliability iteration (which starts from the prior and runs over every claim), any
source's reliability and any key's weights; a changed sketch or figure can move copy groups
beyond the page's own pairs (LSH buckets crossing the star size, twins). A near_duplicate
finding citing a changed page's claims (sorted by claim id) is recomputed too.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from crosscheck.contracts import FindingKind
from crosscheck.partial import Prior
from crosscheck.reconcile import ReconcileResult, flagged_claims
from crosscheck.reconcile.consensus import REQUIRED_COLUMNS

# The fact columns the reconciliation reads (consensus, copies, duplicates; claim ids aside):
# tests/test_partial_reconcile.py scrambles every other column and expects the same result.
READ = list(REQUIRED_COLUMNS)
# what reconcile_facts reads of a fact, with its claim id (the voters read back by key)
VOTER_COLUMNS = ["claim_id", *READ]


def _rows(facts: pd.DataFrame, flagged: frozenset[str]) -> Counter[tuple[object, ...]]:
    """The facts as the reconciliation reads them: READ's values and the claim's flag."""
    frame = facts[READ].astype(object)
    frame = frame.where(frame.notna(), None)
    frame["qualifier"] = frame["qualifier"].where(frame["qualifier"].notna(), "")  # read alike
    flags = facts["claim_id"].isin(list(flagged)).tolist()
    return Counter(
        (*row, flag)
        for row, flag in zip(frame.itertuples(index=False, name=None), flags, strict=True)
    )


def _sketches(passages: pd.DataFrame, sources: frozenset[str]) -> dict[str, object]:
    rows = passages[passages["source"].isin(list(sources))]
    return {
        str(s): (tuple(int(h) for h in sketch), int(n), tuple(quotes))
        for s, sketch, n, quotes in zip(
            rows["source"], rows["sketch"], rows["shingles"], rows["quotes"], strict=True
        )
    }


def carried(
    prior: Prior, facts: pd.DataFrame, flagged: frozenset[str], passages: pd.DataFrame
) -> ReconcileResult | None:
    """The latest run's reconciliation when this run's reconciliation inputs equal its inputs
    (see the module docstring); else None. `facts` and `passages` are this run's, `flagged`
    the claims this run's findings flag."""
    if prior.reliability is None or prior.categories is None or prior.old_passages is None:
        return None
    changed = prior.changed
    now = facts[facts["source"].isin(list(changed)).to_numpy(dtype=bool)]
    before_flags = flagged_claims(prior.findings)
    if _rows(now, flagged) != _rows(prior.old_facts, before_flags):
        return None
    # every other claim keeps its flag (the changed pages' own flags are compared above)
    mine = set(now["claim_id"]) | set(prior.old_facts["claim_id"])
    if {c for c in flagged if c not in mine} != {c for c in before_flags if c not in mine}:
        return None
    if _sketches(passages, changed) != _sketches(prior.old_passages, changed):
        return None
    old = prior.findings
    copies = old[old["kind"] == FindingKind.NEAR_DUPLICATE.value]
    if any(c in mine for ids in copies["claim_ids"] for c in ids):
        return None
    return ReconcileResult(
        reconciled=prior.reconciled,
        groups=len(prior.reconciled),
        reconciled_categories=prior.categories,
        source_reliability=prior.reliability,
        copy_groups=prior.copy_groups,
        copy_findings=copies.reset_index(drop=True),
    )
