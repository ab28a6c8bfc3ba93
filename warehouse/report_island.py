"""The findings of a large warehouse as one compact JSON document the report's script pages
through, instead of one server-rendered card per finding: at 900 pages the rendered cards
made a 182 MB file that took 2.6 GB to build and would not open in Chromium.

The document goes into an autoescaped data- attribute (the HTML parser decodes it, the script
JSON.parses it and writes every string with textContent), so scraped text stays inert exactly
as in the rendered cards. Evidence is cut to a window around the value; charts are left to
the rendered mode (small warehouses) and to `crosscheck serve`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any

import duckdb
import numpy as np
from crosscheck.warehouse.report_chart import interval_text
from crosscheck.warehouse.report_review import review_command

from crosscheck.common.contracts import Severity
from crosscheck.common.intervals import IntervalPolicy, comparison_bounds

INLINE_LIMIT = 1_500  # open findings rendered as cards; more go to the JSON document
PAGE_SIZE = 50  # cards the script shows at once
EVIDENCE_WINDOW = 100  # characters of evidence kept on each side of the value
_POLICY = IntervalPolicy()
_string = encode_basestring_ascii  # a str as JSON text, non-ASCII escaped (the C encoder)
_RANK = "CASE f.severity " + " ".join(f"WHEN '{s.value}' THEN {s.rank}" for s in Severity)
_RANK += " ELSE -1 END"

_FINDINGS_SQL = f"""
SELECT f.finding_id, f.severity, {_RANK} AS rank, f.kind, f.scope,
       coalesce(f.entity, '—') AS entity, coalesce(f.metric, '—') AS metric,
       coalesce(f.qualifier, '') AS qualifier, f.explanation,
       v.verdict, v.reviewer, v.note, v.evidence_unchanged
FROM findings AS f LEFT JOIN finding_verdicts AS v USING (finding_id)
WHERE f.status = 'open'
ORDER BY rank DESC, f.entity NULLS LAST, f.metric, f.qualifier, f.kind, f.finding_id
"""
_CLAIMS_SQL = """
SELECT fc.finding_id, c.source, c.locator, c.label, c.raw_value, c.evidence, c.value_start,
       x.value_type, x.low, x.high, x.unit, x.text_value, x.bound,
       CASE WHEN f.kind = 'conflict' AND r.confidence > 0 AND r.unit = x.unit
            THEN r.value END AS consensus
FROM finding_claims AS fc
JOIN findings AS f ON f.finding_id = fc.finding_id
JOIN claims AS c ON c.claim_id = fc.claim_id
LEFT JOIN facts AS x ON x.claim_id = c.claim_id
LEFT JOIN reconciled_facts AS r
  ON r.entity = x.entity AND r.metric = x.metric AND r.qualifier = coalesce(x.qualifier, '')
WHERE f.status = 'open'
ORDER BY fc.finding_id, fc.position, c.claim_id
"""


def open_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM findings WHERE status = 'open'").fetchall()[0][0])


def island(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, Any]:
    """The findings document and the counts the template shows around it. Sources and claims
    are tables the findings point into (a claim is evidence of several findings: same-page
    and cross-source), and the review command is built by the script from the id and `db`."""
    sources: dict[str, int] = {}
    # Each distinct claim row kept as its JSON text (one string, not a tuple of nine): at 2,000
    # real-shaped pages the tuples were most of the report's memory.
    table: dict[str, int] = {}
    claims: dict[str, list[int]] = {}
    cursor = con.execute(_CLAIMS_SQL)
    while batch := cursor.fetchmany(10_000):
        verdicts = _agreement(batch)
        for (
            finding_id,
            source,
            locator,
            label,
            raw,
            evidence,
            start,
            kind,
            lo,
            hi,
            unit,
            text,
            _bound,
            _consensus,
        ), agrees in zip(batch, verdicts, strict=True):
            index = sources.setdefault(str(source), len(sources))
            before, mark, after = _window(evidence or "", raw or "", start)
            numeric = kind == "numeric" and lo is not None and hi is not None
            numeric = numeric and not (math.isnan(lo) or math.isnan(hi))
            shown = interval_text(lo, hi, unit) if numeric else (text or "")
            row = _claim_json(index, locator or "", label or "", raw or "", shown, before, mark,
                              after, agrees)  # fmt: skip
            claims.setdefault(finding_id, []).append(table.setdefault(row, len(table)))
    findings: list[str] = []  # each finding's JSON text
    kinds: set[str] = set()
    counts: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    cursor = con.execute(_FINDINGS_SQL)
    while batch := cursor.fetchmany(10_000):
        for (
            fid,
            sev,
            rank,
            kind,
            scope,
            entity,
            metric,
            qual,
            text,
            verdict,
            who,
            note,
            same,
        ) in batch:
            kinds.add(kind)
            counts[sev] = counts.get(sev, 0) + 1
            by_kind[kind] = by_kind.get(kind, 0) + 1
            state = "unreviewed" if verdict is None else verdict if same else "reopened"
            said = "" if verdict is None else f"{verdict} by {who}: {note}"
            if verdict is not None and not same:
                said += " (reopened: the evidence changed since)"
            findings.append(
                _json([fid, sev, rank, kind, scope, entity, metric, qual, text, state, said,
                       claims.get(fid, [])])
            )  # fmt: skip
    head = (
        f'{{"page":{_json(PAGE_SIZE)},"command":{_json(review_command(db, "{id}"))},'
        f'"sources":{_json(list(sources))},'
    )
    return {
        "json": Document(head, list(table), findings),
        "count": len(findings),
        "kinds": sorted(kinds),
        "by_severity": counts,
        "by_kind": by_kind,
    }


@dataclass(frozen=True)
class Document:
    """The findings document: iterated, the text json.dumps gives, in pieces of 1,000 rows
    joined as the template writes them. Whole, it was ~150 MB at 10,000 real-shaped pages
    (by scale), held with its escaped copy and that copy's UTF-8 bytes at once (issue 20)."""

    head: str  # the page size, the command and the sources, up to "claims"
    claims: list[str]  # each distinct claim row's JSON text
    findings: list[str]  # each finding's JSON text

    def __iter__(self) -> Iterator[str]:
        yield self.head + '"claims":['
        yield from _pieces(self.claims)
        yield '],"findings":['
        yield from _pieces(self.findings)
        yield "]}"

    def __str__(self) -> str:
        return "".join(self)


def _pieces(rows: list[str], size: int = 1_000) -> Iterator[str]:
    """The rows joined by commas, `size` rows a piece (each piece after the first starts with
    the comma that separates it from the one before)."""
    for start in range(0, len(rows), size):
        yield ("," if start else "") + ",".join(rows[start : start + size])


def _claim_json(index: int, *texts_then_agrees: Any) -> str:
    """`_json([index, eight strings, agrees])`, the same text, built from each string's JSON
    (json's C encoder of one string): json.dumps of each claim row was a fifth of the
    report's time at 2,000 real-shaped pages (issue 20). `agrees` is 1, 0 or None."""
    *texts, agrees = texts_then_agrees
    tail = "null" if agrees is None else str(int(agrees))
    return f"[{int(index)},{','.join(map(_string, texts))},{tail}]"


def _json(value: object) -> str:
    """Compact JSON with non-ASCII characters as \\u escapes: JSON.parse gives the same
    strings, and an all-ASCII document is a quarter of the memory of one holding a single
    emoji (Python stores a string at the width of its widest character)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def _agreement(batch: list[tuple[Any, ...]]) -> list[int | None]:
    """Per claim row: 1 when its comparison interval (default policy, as the rules read it)
    holds its key's consensus, 0 when not, None without one (no consensus, another unit,
    split support, or not numeric). One vectorized comparison per batch."""
    low = np.array([r[8] if r[8] is not None else np.nan for r in batch], dtype=float)
    high = np.array([r[9] if r[9] is not None else np.nan for r in batch], dtype=float)
    value = np.array([r[13] if r[13] is not None else np.nan for r in batch], dtype=float)
    bound = np.array([r[12] or "exact" for r in batch], dtype=object)
    tolerance = np.full(len(batch), _POLICY.default_tolerance)
    with np.errstate(invalid="ignore"):
        lo, hi = comparison_bounds(low, high, bound, tolerance, _POLICY)
        inside = (np.minimum(lo, hi) <= value) & (value <= np.maximum(lo, hi))
    known = ~np.isnan(value) & ~np.isnan(low) & ~np.isnan(high)
    return [int(i) if k else None for i, k in zip(inside.tolist(), known.tolist(), strict=True)]


def _window(evidence: str, raw: str, start: int | None) -> tuple[str, str, str]:
    """The evidence around the value, split for the highlight, cut to EVIDENCE_WINDOW a side."""
    if start is None or not raw or not 0 <= start < len(evidence):
        return evidence[: 2 * EVIDENCE_WINDOW], "", ""
    end = start + len(raw)
    before = evidence[max(0, start - EVIDENCE_WINDOW) : start]
    after = evidence[end : end + EVIDENCE_WINDOW]
    return (
        ("…" if start > EVIDENCE_WINDOW else "") + before,
        evidence[start:end],
        after + ("…" if end + EVIDENCE_WINDOW < len(evidence) else ""),
    )
