"""What the report adds for a reviewer deciding whom to believe: the verdict of each finding
(with the exact command to record one), which claims agree with the consensus, one card per
root cause, source reliability explained, and the run's validation results.

Read-only SELECTs only: the report is built from a read-only connection.
"""

from __future__ import annotations

import json
import math
import shlex
from typing import Any

import duckdb
import numpy as np
from crosscheck.warehouse.reviews import verdict_states

from crosscheck.common.contracts import FindingKind
from crosscheck.common.intervals import IntervalPolicy, comparison_bounds

_POLICY = IntervalPolicy()
# Kinds whose same-page and cross-source findings can share one root cause.
_GROUPED = frozenset({FindingKind.CONFLICT.value, FindingKind.CATEGORICAL_CONFLICT.value})
VALIDATION_ROWS = 10  # failing rows quoted per expectation


def database_path(con: duckdb.DuckDBPyConnection) -> str:
    """The warehouse file behind `con`, for the commands the report prints."""
    name = con.execute("SELECT current_database()").fetchall()[0][0]
    rows = con.execute("SELECT file FROM pragma_database_list WHERE name = ?", [name]).fetchall()
    return str(rows[0][0]) if rows and rows[0][0] else "crosscheck.duckdb"


def verdicts(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The verdict in force per reviewed finding, with its state ('in force' or 'reopened')."""
    states = verdict_states(con)
    return {
        row["finding_id"]: dict(row, reviewed_text=f"{row['reviewed_at']:%Y-%m-%d %H:%M}")
        for row in states.to_dict("records")
    }


def review_command(db: str, finding_id: str) -> str:
    """The exact shell command that records a verdict on a finding (quoted for a POSIX shell)."""
    return (
        f"crosscheck review {finding_id} --db {shlex.quote(db)} "
        "--verdict confirmed|dismissed|expected --note '…'"
    )


def mark_agreement(claims: list[dict[str, Any]], consensus: dict[str, Any] | None) -> None:
    """Mark each numeric claim `agrees` (True/False) with the consensus value, compared as the
    rules compare (comparison interval under the default policy), or None when there is no
    consensus in its unit or support is split."""
    for claim in claims:
        claim["agrees"] = None
    if not consensus or not (consensus.get("confidence") or 0) > 0:
        return
    rows = [c for c in claims if c.get("numeric") and c.get("unit") == consensus.get("unit")]
    if not rows:
        return
    lo, hi = _bounds(rows)
    value = float(consensus["value"])
    for claim, a, b in zip(rows, lo, hi, strict=True):
        claim["agrees"] = bool(min(a, b) <= value <= max(a, b))


def _bounds(rows: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    low = np.array([float(r["low"]) for r in rows])
    high = np.array([float(r["high"]) for r in rows])
    bound = np.array([r.get("bound") or "exact" for r in rows], dtype=object)
    tolerance = np.full(len(rows), _POLICY.default_tolerance)
    return comparison_bounds(low, high, bound, tolerance, _POLICY)


def compared_intervals(rows: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """The interval each claim is compared on: `N+` as [N, 1.3 N], `~N` widened, never an
    open end running to the axis."""
    if not rows:
        return []
    lo, hi = _bounds(rows)
    return [(float(min(a, b)), float(max(a, b))) for a, b in zip(lo, hi, strict=True)]


def stated(consensus: dict[str, Any] | None, claims: list[dict[str, Any]]) -> bool:
    """Whether the consensus value is a figure one of the claims states (an end, or a range's
    midpoint, its point value)."""
    if not consensus or consensus.get("value") is None:
        return False
    value = float(consensus["value"])
    ends = [
        v
        for c in claims
        if c.get("numeric")
        for v in (c["low"], c["high"], (c["low"] + c["high"]) / 2)
    ]
    return any(math.isclose(value, float(v), rel_tol=1e-9) for v in ends if math.isfinite(v))


def group_root_causes(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One card per root cause: findings that carry one `root_cause` id (checks.root_causes:
    one entity and metric, a shared evidence claim) are merged under the most severe of them;
    the others ride along as `related`. Findings without the column (older callers) are
    grouped here the same way for conflict kinds."""
    if findings and all(f.get("root_cause") for f in findings):
        groups: dict[str, list[int]] = {}
        for i, f in enumerate(findings):
            groups.setdefault(str(f["root_cause"]), []).append(i)
        return [dict(findings[g[0]], related=[findings[j] for j in g[1:]]) for g in groups.values()]
    parent = list(range(len(findings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[Any, ...], int] = {}
    for i, f in enumerate(findings):
        if f["kind"] not in _GROUPED:
            continue
        for claim in f["claims"]:
            key = (f["entity"], f["metric"], claim["claim_id"])
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    members: dict[int, list[int]] = {}
    for i in range(len(findings)):
        members.setdefault(find(i), []).append(i)
    cards = []
    for i, f in enumerate(findings):  # findings arrive most severe first: the head comes first
        group = members[find(i)]
        if group[0] != i:
            continue
        cards.append(dict(f, related=[findings[j] for j in group[1:]]))
    return cards


_VALIDATION_SQL = """
SELECT check_run_id, run_id, suite, suite_version, success, evaluated, failed, summary,
       docs_path, created_at
FROM check_runs ORDER BY created_at DESC, check_run_id DESC LIMIT 1
"""


def validation(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """The latest Great Expectations results: counts and each failing expectation with the
    first rows it rejected (the Data Docs page needs CDNs, so offline it shows nothing)."""
    cursor = con.execute(_VALIDATION_SQL)
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([d[0] for d in cursor.description], row, strict=True))
    try:
        summary = json.loads(record["summary"] or "{}")
    except (TypeError, ValueError):
        summary = {}
    failing = []
    for result in summary.get("results", []):
        if result.get("success", True):
            continue
        details = result.get("details") or {}
        examples = details.get("partial_unexpected_list") or []
        failing.append(
            dict(
                name=result.get("name", ""),
                table=result.get("table", ""),
                column=result.get("column") or "",
                severity=result.get("severity", ""),
                unexpected=result.get("unexpected_count"),
                examples=[json.dumps(e, ensure_ascii=False, default=str) for e in examples][
                    :VALIDATION_ROWS
                ],
            )
        )
    return dict(record, warnings=summary.get("warnings", 0), failing=failing)


_RELIABILITY_SQL = """
SELECT source, reliability, claims, agreeing, disagreeing, copy_group
FROM source_reliability ORDER BY reliability DESC, source
"""


def reliability(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Source reliability with its evidence count (agreeing + disagreeing contested claims)."""
    cursor = con.execute(_RELIABILITY_SQL)
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        row["evidence"] = int(row["agreeing"] or 0) + int(row["disagreeing"] or 0)
        rows.append(row)
    return rows
