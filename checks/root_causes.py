"""One id per root cause: findings that are one contradiction seen from several sides.

A page whose prose gives 93 % and whose table gives 97 % for one row is one error; the
same-page conflict and the cross-source conflict (or relation mismatch) that the wrong figure
feeds are two findings of it. Findings about the same entity and metric that share an
evidence claim are one root cause; each finding keeps its own id (reviews attach to it) and
carries the id of the group's head in `root_cause`: the most severe, then the same-page one
(all its evidence on one page: the surest), then the lowest id. Only findings that report a
disagreement or explain one (a misread scale, another entity's figure) are grouped; a row that
contradicts itself (logic, diff_mismatch, identical_columns), a page (encoding) or a copy
(near_duplicate) is a cause of its own.
"""

from __future__ import annotations

import pandas as pd

from crosscheck.contracts import FindingKind, Scope, Severity

# Kinds whose findings can be one disagreement seen from several sides.
GROUPED_KINDS = frozenset(
    k.value
    for k in (
        FindingKind.CONFLICT,
        FindingKind.CATEGORICAL_CONFLICT,
        FindingKind.RELATION_MISMATCH,
        FindingKind.UNIT_SCALE,
        FindingKind.MISATTRIBUTION,
    )
)
_RANK = {s.value: s.rank for s in Severity}


def _head_order(findings: pd.DataFrame) -> list[int]:
    """Row positions from the surest finding to the least sure."""
    keys = [
        (-_RANK.get(str(sev), 0), scope != Scope.SAME_PAGE.value, str(fid), i)
        for i, (sev, scope, fid) in enumerate(
            zip(findings["severity"], findings["scope"], findings["finding_id"], strict=True)
        )
    ]
    return [k[-1] for k in sorted(keys)]


def root_causes(findings: pd.DataFrame) -> pd.Series:
    """Per finding (aligned with `findings`), the finding id of its root cause's head."""
    n = len(findings)
    if n == 0:
        return pd.Series([], dtype=object, index=findings.index)
    order = _head_order(findings)
    rank = {row: place for place, row in enumerate(order)}
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:  # the surer finding heads the group
            if rank[ra] <= rank[rb]:
                parent[rb] = ra
            else:
                parent[ra] = rb

    owner: dict[tuple[object, object, str], int] = {}
    columns = zip(
        findings["kind"], findings["entity"], findings["metric"], findings["claim_ids"], strict=True
    )
    for i, (kind, entity, metric, claims) in enumerate(columns):
        if kind not in GROUPED_KINDS:
            continue
        for claim in claims if isinstance(claims, (list, tuple)) else []:
            key = (entity if isinstance(entity, str) else None,
                   metric if isinstance(metric, str) else None,
                   str(claim))  # fmt: skip
            if key in owner:
                join(owner[key], i)
            else:
                owner[key] = i
    ids = findings["finding_id"].astype(str).tolist()
    return pd.Series([ids[root(i)] for i in range(n)], index=findings.index, dtype=object)


def with_root_causes(findings: pd.DataFrame) -> pd.DataFrame:
    """`findings` with its `root_cause` column filled."""
    return findings.assign(root_cause=root_causes(findings))
