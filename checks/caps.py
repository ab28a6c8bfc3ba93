"""A cap on the findings one page gives of one kind: the first N are kept, the rest are
summarised in one finding that says how many were dropped.

The pieces of the cap are public for an engine that caps findings where they are (the Dask
engine caps by bucket of kind × pages on its workers: crosscheck.dask_findings): a finding's
pages (`pages_of`), its evidence's place (`place_of`, `earliest_place`), its rank in its group
(`rank_key`) and the summary of the dropped ones (`cap_summary`).

Why: a hostile or broken page (a 5,000-column table) gave 16,049 findings that nobody can
review and that made the report step run out of memory; dropping them silently would hide
that the page is broken, so the summary stays visible with the count and its severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import Severity

SUMMARY_RULE = "cap"
# Claims the summary finding rests on (those of the first finding it quotes), bounded.
_SUMMARY_CLAIMS = 20
_RANK = {Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1, Severity.INFO: 0}
# The columns of a fact's place in the content order of the facts (as checks.run sorts them).
_PLACE = ("page_sha256", "locator", "role", "claim_id")
_LAST = "\U0010ffff"
#: The place of a finding citing no fact (`earliest_place`): after those that do.
NO_PLACE: tuple[str, ...] = (_LAST,)


def pages_of(finding: Finding, source_of: Mapping[str, str]) -> tuple[str, ...]:
    """The pages a finding's evidence lies on (one for a same-page finding)."""
    return tuple(sorted({source_of[c] for c in finding.claim_ids if c in source_of}))


def place_of(rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Claim id → its place in the content order of the facts (page hash, locator, role,
    claim id: checks.run), the columns `rows` has of those."""
    names = [n for n in _PLACE if n in rows.columns]
    columns = [rows[n].astype(object).where(rows[n].notna(), "").astype(str) for n in names]
    return {c: tuple(place) for c, *place in zip(rows["claim_id"], *columns, strict=True)}


def earliest_place(finding: Finding, places: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The place of a finding's earliest evidence (`places`: `place_of`), or `NO_PLACE`."""
    found = [places[c] for c in finding.claim_ids if c in places]
    return min(found) if found else NO_PLACE


def rank_key(finding: Finding, earliest: tuple[str, ...]) -> tuple:
    """Where a finding stands among those of its kind and pages: the most severe first, then
    the earliest evidence in the pages' content order (`earliest`: `earliest_place`), then
    what the finding is about. It depends on nothing but the finding and its evidence, so
    findings gathered from any number of partitions, in any order, are kept or dropped
    alike."""
    return (
        -_RANK[finding.severity],
        earliest,
        finding.claim_ids,
        finding.rule,
        *(str(v or "") for v in (finding.entity, finding.metric, finding.qualifier)),
        finding.explanation,
    )


def _order(finding: Finding, places: Mapping[str, tuple[str, ...]]) -> tuple:
    return rank_key(finding, earliest_place(finding, places))


def cap_findings(findings: Iterable[Finding], facts: pd.DataFrame, per_page: int) -> list[Finding]:
    """At most `per_page` findings per kind and page (per set of pages for a finding that
    spans several), the most severe first and otherwise by their evidence's place on the
    page (`rank_key`); each group over the cap gets one summary finding of its kind.
    `per_page` ≤ 0 turns the cap off. `facts` need only hold the cited facts."""
    found = list(findings)
    if per_page <= 0 or len(found) <= per_page:
        return found
    cited = {claim_id for finding in found for claim_id in finding.claim_ids}
    rows = facts[facts["claim_id"].isin(cited)]  # a million facts: only the cited ones
    source_of = dict(zip(rows["claim_id"], rows["source"], strict=True))
    places: dict[str, tuple[str, ...]] | None = None
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for at, finding in enumerate(found):
        groups.setdefault((finding.kind.value, pages_of(finding, source_of)), []).append(at)
    dropped: set[int] = set()
    summaries: list[Finding] = []
    for (_, pages), members in groups.items():
        if len(members) <= per_page or not pages:
            continue
        places = place_of(rows) if places is None else places
        ranked = sorted(
            members, key=lambda at: rank_key(found[at], earliest_place(found[at], places))
        )
        over = [found[at] for at in ranked[per_page:]]
        dropped.update(ranked[per_page:])
        summaries.append(cap_summary(over, pages, per_page))
    kept = [f for at, f in enumerate(found) if at not in dropped]
    return kept + summaries


def cap_summary(over: list[Finding], pages: tuple[str, ...], per_page: int) -> Finding:
    """One finding standing for the dropped ones: their count, kind and worst severity."""
    first = over[0]
    worst = max((f.severity for f in over), key=_RANK.__getitem__)
    where = pages[0] if len(pages) == 1 else f"{len(pages)} pages ({', '.join(pages[:3])}…)"
    severities = ", ".join(
        f"{sum(1 for f in over if f.severity is s)} {s.value}"
        for s in sorted({f.severity for f in over}, key=_RANK.__getitem__, reverse=True)
    )
    explanation = (
        f"{len(over)} more {first.kind.value} findings on {where} are not listed "
        f"({severities}): a page gives at most {per_page} findings of one kind "
        "(checks.max_findings_per_page); so many usually mean a broken or hostile page "
        f"rather than separate contradictions. The first not listed: {first.explanation}"
    )
    # it rests on the claims of the first one it quotes (annotations then speak of that one)
    claims = list(first.claim_ids)
    return make_finding(
        first.kind,
        first.scope,
        worst,
        None,
        None,
        None,
        explanation,
        claims[:_SUMMARY_CLAIMS],
        rule=SUMMARY_RULE,
    )
