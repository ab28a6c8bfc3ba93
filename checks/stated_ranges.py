"""`relation_mismatch` of a range a page states for every case it measures ("1.5-2.5x faster
across different workloads") against the page's own ratio column: a row outside the range
(a 1.14x scenario) is a summary its table does not give.

Why a rule of its own: the statement often names the product ("the patched Bundler") while
the table's columns name its versions ("Stock", "Patched"), so no pair of entities joins them;
the page itself does: one ratio column of one pair of columns, and a statement that says it
covers every case. Only the page's own statements are read (a cut by page gives it whole).
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.intervals import rounding_tolerance
from crosscheck.contracts import BoundKind, FindingKind, Scope, Severity

RANGE_TOLERANCE = 0.10  # a stated bound holds within 10 % (and its own rounding)
MIN_ROWS = 3  # a ratio column of fewer rows is no set of cases


@functools.cache
def _covering() -> re.Pattern[str]:
    """Words of a statement that covers every case (checks/data/summary_words.toml)."""
    try:
        text = files("crosscheck.checks").joinpath("data", "summary_words.toml").read_text("utf-8")
    except (NotADirectoryError, TypeError, ModuleNotFoundError, FileNotFoundError):
        text = (Path(__file__).resolve().parent / "data" / "summary_words.toml").read_text("utf-8")
    words = tomllib.loads(text).get("covering_words", [])
    return re.compile("|".join(f"(?:{w})" for w in words) or r"(?!x)x", re.IGNORECASE)


def _in_table(rel: dict[str, Any]) -> bool:
    return str(rel.get("locator") or "").startswith("table")


def _size(low: float, high: float) -> tuple[float, float]:
    """A ratio's size whichever way round it is written (1.14x of the slower over the faster
    and 0.88x the other way are one gap)."""
    ends = sorted(x if x >= 1 else 1 / x for x in (low, high))
    return ends[0], ends[1]


def _slack(raw: str) -> float:
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", raw.replace(",", "."))] or [1.0]
    return max(RANGE_TOLERANCE, *(rounding_tolerance(n) for n in numbers))


def _covering_range(rel: dict[str, Any]) -> bool:
    """A prose range ("1.5-2.5x") whose sentence says it holds for every case."""
    if _in_table(rel) or rel.get("bound") != BoundKind.RANGE.value:
        return False
    low, high = float(rel["low"]), float(rel["high"])
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 or high <= low:
        return False
    return bool(_covering().search(str(rel.get("evidence") or "")))


def _column(rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The page's one ratio column: its table statements, all of one pair of columns, at
    least MIN_ROWS of them; None when the page has none or several."""
    table = [r for r in rows if _in_table(r) and math.isfinite(float(r["low"]))]
    pairs = {frozenset((str(r["a"]), str(r["b"]))) for r in table}
    if len(pairs) != 1 or len(table) < MIN_ROWS:
        return None
    return table


def stated_range_mismatches(source: str, rows: list[dict[str, Any]]) -> list[Finding]:
    """One page's statements (records of RELATION_COLUMNS, page order): each covering range
    against the row of the page's ratio column furthest outside it (low severity: a summary
    that rounds the cases it cares about, not a wrong measurement)."""
    column = _column(rows)
    if column is None:
        return []
    findings: list[Finding] = []
    for rel in rows:
        if not _covering_range(rel):
            continue
        low, high = float(rel["low"]), float(rel["high"])
        slack = _slack(str(rel["raw_value"]))
        worst: tuple[float, dict[str, Any], float] | None = None
        for row in column:
            size = _size(float(row["low"]), float(row["high"]))
            if size[1] < 1:
                continue
            out = max(low / (1 + slack) / size[1], size[0] / (high * (1 + slack)))
            if out > 1 and (worst is None or out > worst[0]):
                worst = (out, row, size[0] if size[1] < low else size[1])
        if worst is None:
            continue
        _, row, gap = worst
        explanation = (
            f"On {source}: {rel['raw_value']!r} ({rel['label']}) is said to hold "
            f"for every case, but the page's own column gives {row['raw_value']!r} "
            f"({row['a']} against {row['b']}"
            f"{', ' + str(row['conditions']) if row.get('conditions') else ''}): {gap:.2f}x."
        )
        findings.append(
            make_finding(
                FindingKind.RELATION_MISMATCH,
                Scope.SAME_PAGE,
                Severity.LOW,
                str(rel["a"]),
                None,
                None,
                explanation,
                [rel["claim_id"], row["claim_id"]],
                rule="stated range",
            )
        )
    return findings
