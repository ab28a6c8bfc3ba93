"""The open findings as the report shows them (warehouse.report_collect): each with its evidence,
which claims agree with the consensus, its chart, verdict and review command; and the
reconciled matrix pivoted by entity.
"""

from __future__ import annotations

import math
import re
from typing import Any

import duckdb
from crosscheck.warehouse.report_chart import conflict_chart, interval_text
from crosscheck.warehouse.report_review import (
    compared_intervals,
    mark_agreement,
    review_command,
    stated,
)

from crosscheck.contracts import FindingKind, Severity

_HTTP = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)


def http_url(source: object) -> str | None:
    """The source as a link target only when it is a plain http(s) URL; otherwise None."""
    text = "" if source is None else str(source)
    return text if _HTTP.fullmatch(text) else None


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# Severity rank from the contract enum (not from data), so SQL can order highest first.
_RANK_SQL = "CASE severity " + " ".join(f"WHEN '{s.value}' THEN {s.rank}" for s in Severity)


_RANK_SQL += " ELSE -1 END"


_FINDINGS_SQL = f"""
SELECT finding_id, kind, scope, severity, entity, metric, qualifier, explanation,
       coalesce(root_cause, finding_id) AS root_cause,
       first_seen_run, last_seen_run, reopened_run, {_RANK_SQL} AS rank,
       coalesce(entity, '—') AS entity_text, coalesce(metric, '—') AS metric_text,
       lower(concat_ws(' ', entity, metric, qualifier, explanation)) AS search
FROM findings WHERE status = 'open'
ORDER BY rank DESC, entity NULLS LAST, metric, qualifier, kind, finding_id
"""


_EVIDENCE_SQL = """
SELECT fc.finding_id, fc.position, c.claim_id, c.source, c.locator, c.label, c.raw_value,
       c.evidence, c.value_start, c.entity_raw, x.value_type, x.low, x.high, x.unit, x.bound,
       x.text_value
FROM finding_claims AS fc
JOIN findings AS f ON f.finding_id = fc.finding_id
JOIN claims AS c ON c.claim_id = fc.claim_id
LEFT JOIN facts AS x ON x.claim_id = c.claim_id
WHERE f.status = 'open'
ORDER BY fc.finding_id, fc.position, c.claim_id
"""


def _findings(
    con: duckdb.DuckDBPyConnection,
    consensus: dict[tuple, dict],
    reviewed: dict[str, dict],
    db: str,
) -> list[dict]:
    """Open findings, highest severity first, then entity and metric, each with its evidence,
    which claims agree with the consensus, its verdict and the command to record one."""
    evidence: dict[str, list[dict]] = {}
    for row in _rows(con, _EVIDENCE_SQL):
        evidence.setdefault(row["finding_id"], []).append(_claim(row))
    findings = []
    for f in _rows(con, _FINDINGS_SQL):
        claims = evidence.get(f["finding_id"], [])
        chart, estimate = None, None
        if f["kind"] == FindingKind.CONFLICT.value:
            agreed = consensus.get((f["entity"], f["metric"], f["qualifier"] or ""))
            mark_agreement(claims, agreed)
            numeric = [c for c in claims if c["numeric"]]
            numeric = [c for c in numeric if c["unit"] == numeric[0]["unit"]] if numeric else []
            chart = conflict_chart(claims, agreed, compared_intervals(numeric))
            if agreed and (agreed["confidence"] or 0) > 0 and not stated(agreed, claims):
                estimate = interval_text(agreed["value"], agreed["value"], agreed["unit"])
        verdict = reviewed.get(f["finding_id"])
        findings.append(
            dict(
                f,
                claims=claims,
                chart=chart,
                estimate=estimate,
                verdict=verdict,
                verdict_filter=_verdict_filter(verdict),
                set_aside=_verdict_filter(verdict) in ("dismissed", "expected"),
                command=review_command(db, f["finding_id"]),
            )
        )
    return findings


def _verdict_filter(verdict: dict | None) -> str:
    """The card's value for the verdict filter: unreviewed, reopened or the verdict."""
    if verdict is None:
        return "unreviewed"
    return "reopened" if verdict["state"] == "reopened" else str(verdict["verdict"])


def _claim(row: dict) -> dict:
    """One evidence claim, with its evidence split around the value span for <mark>."""
    text, raw, start = row["evidence"] or "", row["raw_value"] or "", row["value_start"]
    if start is not None and 0 <= start < len(text) and raw:
        parts = (text[:start], text[start : start + len(raw)], text[start + len(raw) :])
    else:
        parts = (text, "", "")
    ends = (row["low"], row["high"])
    numeric = row["value_type"] == "numeric" and not any(v is None or math.isnan(v) for v in ends)
    return dict(
        row,
        url=http_url(row["source"]),
        before=parts[0],
        mark=parts[1],
        after=parts[2],
        numeric=numeric,
        agrees=None,  # set for conflicts (report_review.mark_agreement)
        normalized=(
            interval_text(row["low"], row["high"], row["unit"]) if numeric else row["text_value"]
        ),
    )


def _by_kind(findings: list[dict]) -> list[tuple[str, int]]:
    """Open findings per kind: every contract kind (zeros included), then any unknown kinds."""
    kinds = [k.value for k in FindingKind]
    kinds += sorted({f["kind"] for f in findings} - set(kinds))
    return [(k, sum(f["kind"] == k for f in findings)) for k in kinds]


def _matrix(rows: list[dict]) -> dict[str, Any]:
    """Reconciled values pivoted; the longer of entities and metrics runs down the rows. The
    grid is laid out here, each row a list with None for an empty cell: the template looked
    every cell up by (row, column), and real-shaped pivots are sparse (5,000 values in
    1,325 x 266 cells at 2,000 pages: most of the template's time, issue 20)."""
    entities = sorted({r["entity"] for r in rows})
    metrics = sorted({r["metric_label"] for r in rows})
    by_metric = len(metrics) > len(entities)
    cells = {
        (r["metric_label"], r["entity"]) if by_metric else (r["entity"], r["metric_label"]): _cell(
            r
        )
        for r in rows
    }
    down, across = (metrics, entities) if by_metric else (entities, metrics)
    return {
        "corner": "Metric" if by_metric else "Entity",
        "rows": down,
        "columns": across,
        "grid": [(row, [cells.get((row, col)) for col in across]) for row in down],
    }


def _cell(r: dict) -> dict:
    """One matrix cell: value, interval when it is not a point, confidence level for colour."""
    conf = r["confidence"]
    known = conf is not None and math.isfinite(conf)
    level = "none" if not known else "high" if conf >= 0.7 else "mid" if conf >= 0.4 else "low"
    point = r["low"] is None or r["high"] is None or r["low"] == r["high"]
    return dict(
        r,
        value_text=interval_text(r["value"], r["value"], r["unit"]),
        range_text=None if point else interval_text(r["low"], r["high"], r["unit"]),
        level=level,
        confidence_text=f"{conf:.2f}" if known else "—",
    )
