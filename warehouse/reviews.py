"""Reviewers' verdicts on findings: recorded with the finding's state, kept as history, and
honoured by open_findings and --fail-on until the evidence changes (then the finding reopens
and the verdict's state says what changed).

A finding's id is what it is about and where its evidence is (checks.findings), never the
values, so a verdict survives re-runs and edited figures; the evidence digest (sources,
places, roles, raw values) is what tells "the same contradiction" from "changed evidence".
"""

from __future__ import annotations

import getpass
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from crosscheck.warehouse.connection import open_warehouse
from crosscheck.warehouse.errors import WarehouseError, WarehouseLocked

from crosscheck.common.contracts import Severity

if TYPE_CHECKING:
    import pandas as pd


class ReviewError(WarehouseError):
    """A verdict that cannot be recorded (unknown finding, bad value, missing note)."""


class Verdict(StrEnum):
    """What a reviewer decided about a finding."""

    CONFIRMED = "confirmed"  # a real contradiction; may name the true value
    DISMISSED = "dismissed"  # not a contradiction (a parsing slip, two different things)
    EXPECTED = "expected"  # real but known and accepted (e.g. a page that is never fixed)


SET_ASIDE = (Verdict.DISMISSED, Verdict.EXPECTED)

# The evidence of findings as the finding_verdicts view digests it (keep the two in step).
_EVIDENCE_SQL = """
SELECT fc.finding_id, c.source, coalesce(c.locator, '') AS locator, c.role,
       coalesce(c.raw_value, '') AS raw_value
FROM finding_claims AS fc JOIN claims AS c USING (claim_id)
WHERE fc.finding_id IN (SELECT unnest(CAST($ids AS VARCHAR[])))
ORDER BY fc.finding_id, c.source, c.locator, c.role, c.raw_value
"""
_DIGEST_SQL = """
SELECT md5(string_agg(
    c.source || chr(31) || coalesce(c.locator, '') || chr(31) || c.role || chr(31)
        || coalesce(c.raw_value, ''),
    chr(30) ORDER BY c.source, c.locator, c.role, c.raw_value))
FROM finding_claims AS fc JOIN claims AS c USING (claim_id)
WHERE fc.finding_id = ?
"""

#: `crosscheck export reviews`: every verdict, newest first, with whether it still holds.
REVIEWS_SQL = """
SELECT r.review_id, r.finding_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.true_value,
       r.unit, r.entity, r.metric, r.qualifier, r.severity, r.explanation, r.run_id,
       (v.review_id = r.review_id) AS latest,
       coalesce(v.evidence_unchanged, FALSE) AS evidence_unchanged
FROM reviews AS r LEFT JOIN finding_verdicts AS v USING (finding_id)
ORDER BY r.reviewed_at DESC, r.review_id DESC
"""


@dataclass(frozen=True)
class Review:
    """One recorded verdict."""

    review_id: str
    finding_id: str
    verdict: Verdict
    note: str
    reviewer: str
    reviewed_at: datetime
    true_value: float | None
    unit: str | None


def open_for_review(db: Path, wait: float) -> duckdb.DuckDBPyConnection:
    """The warehouse opened for writing a verdict, waiting up to `wait` seconds while a run
    holds it; WarehouseLocked (naming the holder) when it is still busy after that."""
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return open_warehouse(db)
        except WarehouseLocked:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def resolve_finding_id(con: duckdb.DuckDBPyConnection, given: str) -> str:
    """The finding id `given` names: the id itself or a unique prefix of at least 6 characters."""
    given = given.strip()
    if len(given) < 6:
        raise ReviewError(f"finding id {given!r} is too short: give at least 6 characters")
    rows = con.execute(
        "SELECT finding_id FROM findings WHERE starts_with(finding_id, ?) ORDER BY 1 LIMIT 2",
        [given],
    ).fetchall()
    if not rows:
        raise ReviewError(
            f"no finding {given!r} in this warehouse; list them with "
            "`crosscheck export findings` or in the report"
        )
    if len(rows) > 1 and rows[0][0] != given:
        raise ReviewError(f"finding id {given!r} is ambiguous: give more characters")
    return str(rows[0][0])


def _reviewer(name: str | None) -> str:
    if name and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers): say so rather than guess
        return "unknown"


def evidence_of(
    con: duckdb.DuckDBPyConnection, finding_ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Each finding's evidence now: source, locator, role and raw value of its claims."""
    found: dict[str, list[dict[str, Any]]] = {f: [] for f in finding_ids}
    for finding_id, source, locator, role, raw in con.execute(
        _EVIDENCE_SQL, {"ids": finding_ids}
    ).fetchall():
        found[finding_id].append(
            {"source": source, "locator": locator, "role": role, "raw_value": raw}
        )
    return found


def record_review(
    con: duckdb.DuckDBPyConnection,
    finding_id: str,
    verdict: Verdict | str,
    note: str,
    reviewer: str | None = None,
    true_value: float | None = None,
    at: datetime | None = None,
    value_unit: str | None = None,
) -> Review:
    """Record a verdict on a finding with the finding's state (severity, explanation, evidence);
    `true_value` (confirmed only, in the canonical unit of the finding's metric) pins the
    consensus of its entity, metric and qualifier from the next run on. `value_unit` is the
    canonical unit the value was read in (e.g. from "120 ms"); it must be the finding's."""
    try:
        verdict = Verdict(verdict)
    except ValueError as error:
        choices = ", ".join(v.value for v in Verdict)
        raise ReviewError(f"unknown verdict {verdict!r}; choose one of {choices}") from error
    if not note or not note.strip():
        raise ReviewError("a verdict needs a --note saying why")
    finding_id = resolve_finding_id(con, finding_id)
    row = con.execute(
        "SELECT entity, metric, coalesce(qualifier, ''), severity, explanation, last_seen_run "
        "FROM findings WHERE finding_id = ?",
        [finding_id],
    ).fetchall()[0]
    entity, metric, qualifier, severity, explanation, run_id = row
    unit = None
    if true_value is not None:
        unit = _value_unit(con, verdict, finding_id, entity, metric, qualifier, true_value)
        if value_unit is not None and value_unit != unit:
            raise ReviewError(
                f"this finding's figures are in {unit}; --value was read in {value_unit}"
            )
    evidence = evidence_of(con, [finding_id])[finding_id]
    digest = con.execute(_DIGEST_SQL, [finding_id]).fetchall()[0][0] or ""
    review = Review(
        uuid.uuid4().hex[:16],
        finding_id,
        verdict,
        note.strip(),
        _reviewer(reviewer),
        at or datetime.now(UTC).replace(tzinfo=None),
        true_value,
        unit,
    )
    con.execute(
        "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            review.review_id,
            finding_id,
            verdict.value,
            review.note,
            review.reviewer,
            review.reviewed_at,
            true_value,
            unit,
            entity,
            metric,
            qualifier,
            run_id,
            severity,
            explanation,
            json.dumps(evidence, ensure_ascii=False),
            digest,
        ],
    )
    return review


def _value_unit(
    con: duckdb.DuckDBPyConnection,
    verdict: Verdict,
    finding_id: str,
    entity: str | None,
    metric: str | None,
    qualifier: str,
    value: float,
) -> str:
    """The canonical unit a true value is read in: the unit of the finding's numeric evidence."""
    if verdict is not Verdict.CONFIRMED:
        raise ReviewError("--value names the true value of a confirmed finding only")
    if value != value or value in (float("inf"), float("-inf")):
        raise ReviewError("--value must be a finite number")
    if not entity or not metric:
        raise ReviewError("this finding is about no single entity and metric: --value has no use")
    units = con.execute(
        """SELECT x.unit, count(*) FROM finding_claims AS fc JOIN facts AS x USING (claim_id)
        WHERE fc.finding_id = ? AND x.value_type = 'numeric' AND x.unit IS NOT NULL
          AND x.entity = ? AND x.metric = ?
        GROUP BY x.unit ORDER BY count(*) DESC, x.unit""",
        [finding_id, entity, metric],
    ).fetchall()
    if not units:
        raise ReviewError("this finding has no numeric evidence: --value has no use")
    return str(units[0][0])


def what_changed(reviewed: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    """Sentences saying how the evidence differs from what the reviewer saw."""

    def key(e: dict[str, Any]) -> tuple[str, str, str]:
        return (e["source"], e["locator"], e["role"])

    before = {key(e): e["raw_value"] for e in reviewed}
    after = {key(e): e["raw_value"] for e in now}
    changes = []
    for place in sorted(before.keys() | after.keys()):
        where = f"{place[0]} {place[1]}"
        if place not in after:
            changes.append(f"{where} no longer gives {before[place]!r}")
        elif place not in before:
            changes.append(f"{where} now gives {after[place]!r}")
        elif before[place] != after[place]:
            changes.append(f"{where} changed from {before[place]!r} to {after[place]!r}")
    return changes or ["the evidence was re-read differently"]


def verdict_states(con: duckdb.DuckDBPyConnection, history: bool = False) -> pd.DataFrame:
    """The verdicts (the one in force per finding, or every one with `history`) with the
    finding's state now: `state` is 'in force' or 'reopened', `changed` says what changed."""
    where = "" if history else "WHERE v.review_id = r.review_id"
    frame = con.execute(
        f"""SELECT r.review_id, r.finding_id, r.verdict, r.note, r.reviewer, r.reviewed_at,
            r.true_value, r.unit, f.kind, f.severity, f.status, f.explanation,
            r.evidence, coalesce(v.evidence_unchanged, FALSE) AS evidence_unchanged,
            v.review_id = r.review_id AS latest
        FROM reviews AS r JOIN finding_verdicts AS v USING (finding_id)
        LEFT JOIN findings AS f USING (finding_id) {where}
        ORDER BY r.reviewed_at DESC, r.review_id DESC"""
    ).df()
    now = evidence_of(con, sorted(set(frame["finding_id"])))
    states, changed = [], []
    for row in frame.itertuples(index=False):
        if row.evidence_unchanged:
            states.append("in force" if row.latest else "superseded")
            changed.append("")
            continue
        states.append("reopened" if row.latest else "superseded")
        changed.append("; ".join(what_changed(json.loads(row.evidence), now[row.finding_id])))
    return frame.drop(columns=["evidence"]).assign(state=states, changed=changed)


def set_aside_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Findings a standing dismissed/expected verdict leaves out of open_findings and --fail-on."""
    rows = con.execute("SELECT finding_id FROM finding_verdicts WHERE set_aside").fetchall()
    return {r[0] for r in rows}


def failing_findings(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    severity: Severity | str,
    baseline: str | None = None,
) -> pd.DataFrame:
    """The findings of run `run_id` at or above `severity` that fail a scheduled run: open,
    not set aside by a verdict and, with a `baseline` run, new or reopened since it (first
    seen after it, detected again after being resolved, or a dismissed/expected verdict
    reopened by evidence first read after it)."""
    threshold = Severity(severity).rank
    severities = [s.value for s in Severity if s.rank >= threshold]
    params: list[object] = [run_id, severities]
    since = ""
    if baseline is not None:
        started = _started(con, baseline)
        since = """AND (r1.started_at > ? OR coalesce(r2.started_at, ?) > ?
                        OR (v.verdict IN ('dismissed', 'expected') AND NOT v.evidence_unchanged
                            AND EXISTS (SELECT 1 FROM finding_claims AS fc
                                        JOIN claims AS c USING (claim_id)
                                        JOIN runs AS rc ON rc.run_id = c.first_seen_run
                                        WHERE fc.finding_id = f.finding_id
                                          AND rc.started_at > ?)))"""
        params += [started, started, started, started]
    return con.execute(
        f"""SELECT f.finding_id, f.kind, f.severity, f.explanation
        FROM findings AS f
        JOIN runs AS r1 ON r1.run_id = f.first_seen_run
        LEFT JOIN runs AS r2 ON r2.run_id = f.reopened_run
        LEFT JOIN finding_verdicts AS v USING (finding_id)
        WHERE f.last_seen_run = (SELECT coalesce(results_run, run_id) FROM runs WHERE run_id = ?)
          AND f.status = 'open'
          AND list_contains(CAST(? AS VARCHAR[]), f.severity)
          AND NOT coalesce(v.set_aside, FALSE) {since}
        ORDER BY f.finding_id""",
        params,
    ).df()


def _started(con: duckdb.DuckDBPyConnection, run_id: str) -> datetime:
    rows = con.execute("SELECT started_at FROM runs WHERE run_id = ?", [run_id]).fetchall()
    if not rows:
        raise ReviewError(f"no run {run_id!r} in this warehouse (see the runs table)")
    started: datetime = rows[0][0]
    return started


def previous_run(con: duckdb.DuckDBPyConnection, run_id: str) -> str | None:
    """The completed run before `run_id`: the default baseline of --fail-on-new."""
    rows = con.execute(
        """SELECT run_id FROM runs WHERE status = 'completed'
        AND started_at < (SELECT started_at FROM runs WHERE run_id = ?)
        ORDER BY started_at DESC, run_id DESC LIMIT 1""",
        [run_id],
    ).fetchall()
    return str(rows[0][0]) if rows else None


def pins(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """True values confirmed by reviewers, the latest per (entity, metric, qualifier): they pin
    the consensus and score the sources (reconcile), reviewed truth outranking the vote."""
    return con.execute(
        """SELECT r.entity, r.metric, coalesce(r.qualifier, '') AS qualifier,
                  v.true_value AS value, v.unit, v.finding_id, v.reviewer
        FROM finding_verdicts AS v JOIN reviews AS r USING (review_id)
        WHERE v.verdict = 'confirmed' AND v.true_value IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY r.entity, r.metric, coalesce(r.qualifier, '')
                                   ORDER BY v.reviewed_at DESC, v.review_id DESC) = 1
        ORDER BY 1, 2, 3"""
    ).df()


def reviewed_pins(con: duckdb.DuckDBPyConnection) -> tuple[tuple[str, str, str, str, float], ...]:
    """`pins` as the tuples reconcile reads: (entity, metric, qualifier, unit, value)."""
    return tuple(
        (str(r.entity), str(r.metric), str(r.qualifier), str(r.unit), float(r.value))
        for r in pins(con).itertuples(index=False)
    )
