"""Reviewer reports from the warehouse: a self-contained offline HTML file, or a Markdown summary.

Scraped text is data: templates autoescape every value (no `|safe`, no Markup built from data),
the only script is static and pinned by a CSP hash, and JS reads data from escaped data- attributes.
What helps a reviewer decide whom to believe lives in warehouse.report_review. See docs/report.md.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import math
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import duckdb
from crosscheck.warehouse.errors import WarehouseError
from crosscheck.warehouse.report_chart import conflict_chart, interval_text
from crosscheck.warehouse.report_chart import number_text as number_text  # re-exported
from crosscheck.warehouse.report_chart import unit_text as unit_text  # re-exported
from crosscheck.warehouse.report_island import INLINE_LIMIT, PAGE_SIZE, island, open_count
from crosscheck.warehouse.report_review import (
    compared_intervals,
    database_path,
    group_root_causes,
    mark_agreement,
    reliability,
    review_command,
    stated,
    validation,
    verdicts,
)
from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from crosscheck.contracts import FindingKind, Severity

__all__ = ["ReportError", "render_report", "write_report"]

ReportFormat = Literal["html", "md"]
MD_TOP = 20
QUARANTINE_ROWS = 50
CHANGE_ROWS = 500  # changed findings listed in a large report (the rest: `crosscheck diff`)
MATRIX_CELLS = 5_000  # reconciled values pivoted in a large report (the rest: exports)
_SEVERITIES = sorted(Severity, key=lambda s: -s.rank)  # high first
_HTTP = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)
_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&])")  # mid-line Markdown (GFM) syntax characters


class ReportError(WarehouseError):
    """The report could not be read from the warehouse or written to its file."""


def _env() -> Environment:
    """Autoescape everything but the Markdown template; a missing variable is an error, not ''."""
    env = Environment(
        loader=PackageLoader("crosscheck.warehouse", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), disabled_extensions=("md.j2",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled templates kept between processes (a private per-user temp folder, checked
        # against the template's source): compiling them took ~0.1 s of every run's report.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["md"] = md_escape
    return env


def write_report(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    fmt: ReportFormat = "html",
    inline_limit: int = INLINE_LIMIT,
) -> Path:
    """Render the report of the warehouse behind `con` into `out` (atomically) and return `out`."""
    chunks = report_chunks(con, fmt, inline_limit)  # read before the file is created
    out = Path(out)
    tmp: str | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = str(out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            # written as the template renders: a large report never exists as one string
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ReportError(f"cannot write report {out}: {exc.strerror or exc}") from exc
    except BaseException:  # the template failed while rendering: no half-written file stays
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return out


def render_report(
    con: duckdb.DuckDBPyConnection, fmt: ReportFormat = "html", inline_limit: int = INLINE_LIMIT
) -> str:
    """The report as text: `html` for reviewers, `md` for CI comments and chat. Above
    `inline_limit` open findings the HTML carries them as a JSON document it pages through."""
    return "".join(report_chunks(con, fmt, inline_limit))


def report_chunks(
    con: duckdb.DuckDBPyConnection, fmt: ReportFormat = "html", inline_limit: int = INLINE_LIMIT
) -> Iterator[str]:
    """`render_report`'s text in the pieces the template renders. The warehouse is read (and
    a ReportError raised) before the first piece is asked for."""
    if fmt not in ("html", "md"):
        raise ReportError(f"unknown report format {fmt!r}; choose html or md")
    try:
        data = collect(con, None if fmt == "md" else inline_limit)
    except duckdb.Error as exc:
        raise ReportError(f"cannot read the warehouse for the report: {exc}") from exc
    env = _env()
    if fmt == "md":
        return iter([env.get_template("report.md.j2").render(**data, md_top=MD_TOP)])
    style = env.get_template("_report.css.j2").render()
    script = env.get_template("_report.js.j2").render()
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    page = env.get_template("report.html.j2").generate(**data, csp=csp, island_page=PAGE_SIZE)
    return itertools.chain(page, ["\n"])


def _sha256(text: str) -> str:
    """A CSP source hash of an inline element's exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def md_escape(value: object) -> str:
    """Scraped text made inert in Markdown: active characters backslash-escaped, one line."""
    text = "" if value is None else str(value)
    return " ".join(_MD_ACTIVE.sub(r"\\\1", text).split())


def http_url(source: object) -> str | None:
    """The source as a link target only when it is a plain http(s) URL; otherwise None."""
    text = "" if source is None else str(source)
    return text if _HTTP.fullmatch(text) else None


# --- reading the warehouse ------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_RUNS_SQL = """
SELECT run_id, started_at, finished_at, duration_s, sources, crosscheck_version,
       vocabulary_version, page_count, claim_count, fact_count, quarantine_count, finding_count,
       new_finding_count, resolved_finding_count, status, error
FROM runs ORDER BY started_at DESC, run_id DESC
"""
_COUNTS_SQL = """
SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM pages) AS pages,
       (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM facts) AS facts,
       (SELECT count(*) FROM quarantine) AS quarantined,
       (SELECT count(*) FROM findings WHERE status = 'resolved') AS resolved
"""
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
_CHANGES_SQL = f"""
SELECT change, severity, kind, scope, entity, metric, qualifier, explanation, finding_id
FROM changes_since_previous_run
ORDER BY CASE change WHEN 'new' THEN 0 WHEN 'reopened' THEN 1 ELSE 2 END, {_RANK_SQL} DESC,
         entity, metric, finding_id
"""
_MATRIX_SQL = """
SELECT entity, metric, qualifier, metric_label, value, low, high, unit, confidence, support,
       dissent
FROM reconciled_matrix ORDER BY entity, metric_label
"""
_QUARANTINE_SQL = f"""
SELECT claim_id, source, stage, reason, message, raw_value FROM quarantine
ORDER BY source, claim_id, stage LIMIT {QUARANTINE_ROWS}
"""
_REASONS_SQL = (
    "SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason"
)


def collect(con: duckdb.DuckDBPyConnection, inline_limit: int | None = None) -> dict[str, Any]:
    """Everything the templates show, read with parameter-free SELECTs (read-only safe). More
    than `inline_limit` open findings go to a JSON document the script pages through
    (warehouse.report_island); None renders every finding as a card."""
    db = database_path(con)
    if inline_limit is not None and open_count(con) > inline_limit:
        return _collect_island(con, db)
    runs = _rows(con, _RUNS_SQL)
    completed = [r for r in runs if r["status"] == "completed"]
    run = completed[0] if completed else None
    failed_after = [
        r
        for r in runs
        if r["status"] == "failed" and (run is None or r["started_at"] > run["started_at"])
    ]
    consensus = {(r["entity"], r["metric"], r["qualifier"]): r for r in _rows(con, _MATRIX_SQL)}
    findings = _findings(con, consensus, verdicts(con), db)
    cards = group_root_causes(findings)
    matrix_rows = list(consensus.values())
    return {
        "run": run,
        "previous_run_id": completed[1]["run_id"] if len(completed) > 1 else None,
        "completed_runs": len(completed),
        "failed_run": failed_after[0] if failed_after else None,
        "counts": _rows(con, _COUNTS_SQL)[0],
        "findings": findings,
        "by_severity": [(s.value, sum(f["severity"] == s for f in findings)) for s in _SEVERITIES],
        "by_kind": _by_kind(findings),
        "severity_groups": [
            (s.value, group)
            for s in _SEVERITIES
            if (group := [f for f in cards if f["severity"] == s])
        ],
        "cards": len(cards),
        "reliability": reliability(con),
        "validation": validation(con),
        "db_path": db,
        "changes": _rows(con, _CHANGES_SQL),
        "matrix": _matrix(matrix_rows),
        "reasons": _rows(con, _REASONS_SQL),
        "quarantine": [dict(q, url=http_url(q["source"])) for q in _rows(con, _QUARANTINE_SQL)],
        "quarantine_limit": QUARANTINE_ROWS,
        "severities": [s.value for s in _SEVERITIES],
        "kinds": sorted({f["kind"] for f in findings}),
        "island": None,
        "open_findings": len(findings),
    }


def _collect_island(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, Any]:
    """`collect` for a large warehouse: the findings as one JSON document, the changes and
    the matrix cut to their first rows."""
    runs = _rows(con, _RUNS_SQL)
    completed = [r for r in runs if r["status"] == "completed"]
    run = completed[0] if completed else None
    failed_after = [
        r
        for r in runs
        if r["status"] == "failed" and (run is None or r["started_at"] > run["started_at"])
    ]
    document = island(con, db)
    kinds = [k.value for k in FindingKind]
    kinds += sorted(set(document["kinds"]) - set(kinds))
    return {
        "run": run,
        "previous_run_id": completed[1]["run_id"] if len(completed) > 1 else None,
        "completed_runs": len(completed),
        "failed_run": failed_after[0] if failed_after else None,
        "counts": _rows(con, _COUNTS_SQL)[0],
        "findings": [],
        "by_severity": [(s.value, document["by_severity"].get(s.value, 0)) for s in _SEVERITIES],
        "by_kind": [(k, document["by_kind"].get(k, 0)) for k in kinds],
        "severity_groups": [],
        "cards": document["count"],
        "reliability": reliability(con),
        "validation": validation(con),
        "db_path": db,
        "changes": _rows(con, _CHANGES_SQL + f" LIMIT {CHANGE_ROWS}"),
        "matrix": _matrix(_rows(con, _MATRIX_SQL + f" LIMIT {MATRIX_CELLS}")),
        "reasons": _rows(con, _REASONS_SQL),
        "quarantine": [dict(q, url=http_url(q["source"])) for q in _rows(con, _QUARANTINE_SQL)],
        "quarantine_limit": QUARANTINE_ROWS,
        "severities": [s.value for s in _SEVERITIES],
        "kinds": document["kinds"],
        "island": document,
        "open_findings": document["count"],
    }


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
