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

import numpy as np
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


def _head_rank(findings: pd.DataFrame) -> np.ndarray:
    """Per row, its place from the surest finding to the least sure: the most severe, then
    the same-page one, then the lowest id (as text), then the row. One lexsort of codes,
    not a Python tuple per finding."""
    codes, severities = pd.factorize(findings["severity"].to_numpy(dtype=object))
    rank = np.array([_RANK.get(str(s), 0) for s in severities] + [0], dtype=np.int64)
    severity = rank[codes]  # code -1 (missing) reads the trailing 0, as str(None) would
    elsewhere = findings["scope"].to_numpy(dtype=object) != Scope.SAME_PAGE.value
    ids = np.array([str(f) for f in findings["finding_id"].tolist()], dtype=object)
    by_id = pd.factorize(ids, sort=True)[0]  # sorted as Python sorts the texts
    order = np.lexsort((np.arange(len(ids)), by_id, elsewhere, -severity))
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order))
    return place


def _shared_claims(findings: pd.DataFrame) -> list[tuple[int, int]]:
    """(first finding, later finding) for each later grouped finding that cites a claim
    (of one entity and metric) an earlier one cited first: the links of the root causes.
    The claims are coded in bulk; only the repeats come back as Python pairs."""
    kinds = findings["kind"].to_numpy(dtype=object)
    grouped = np.flatnonzero(np.fromiter((k in GROUPED_KINDS for k in kinds), bool, len(kinds)))
    claim_ids = findings["claim_ids"].to_numpy(dtype=object)[grouped]
    lists = [c if isinstance(c, (list, tuple)) else () for c in claim_ids]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    if lengths.sum() == 0:
        return []
    rows = np.repeat(grouped, lengths)
    key = pd.factorize(np.array([str(c) for cs in lists for c in cs], dtype=object))[0]
    for name in ("entity", "metric"):
        values = findings[name].to_numpy(dtype=object)[grouped]
        named = np.array([v if isinstance(v, str) else None for v in values], dtype=object)
        codes = pd.factorize(named)[0].astype(np.int64) + 1  # not a text: one code, 0
        key = pd.factorize(np.repeat(codes, lengths) * (int(key.max()) + 1) + key)[0]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    owner = rows[first][inverse.reshape(-1)]  # the first row citing each key
    later = np.flatnonzero(owner != rows)
    return list(zip(owner[later].tolist(), rows[later].tolist(), strict=True))


def root_causes(findings: pd.DataFrame) -> pd.Series:
    """Per finding (aligned with `findings`), the finding id of its root cause's head."""
    n = len(findings)
    if n == 0:
        return pd.Series([], dtype=object, index=findings.index)
    rank = _head_rank(findings).tolist()
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    heads = np.arange(n)
    for a, b in _shared_claims(findings):
        ra, rb = root(a), root(b)
        if ra != rb:  # the surer finding heads the group
            if rank[ra] <= rank[rb]:
                parent[rb] = ra
            else:
                parent[ra] = rb
    linked = [x for x in range(n) if parent[x] != x]
    heads[linked] = [root(x) for x in linked]
    ids = findings["finding_id"].astype(str).to_numpy(dtype=object)
    return pd.Series(ids[heads], index=findings.index, dtype=object)


def with_root_causes(findings: pd.DataFrame) -> pd.DataFrame:
    """`findings` with its `root_cause` column filled."""
    return findings.assign(root_cause=root_causes(findings))
