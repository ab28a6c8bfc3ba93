"""`diff_mismatch`: a stated difference or ratio that the page's own values do not give.

Diff cells are recomputed as (first − second) / second from the same row, with ranges at their
midpoint (the convention these pages use). When the recomputation fails, other readings are
tried (a header unit applied, the direction swapped) to name the likely cause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts, metric_name
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.flanked_ratios import find_flanked_ratios

from crosscheck.contracts import (
    ClaimRole,
    FindingKind,
    LocationKind,
    Scope,
    Severity,
    ValueType,
)
from crosscheck.formatting import format_interval
from crosscheck.intervals import point_value, point_values

# What a finding reads of the two value cells (alt_* may be absent from hand-built frames).
_CELL_COLUMNS = [
    *("claim_id", "entity", "metric", "qualifier", "raw_value", "unit", "unit_hint"),
    *("low", "high", "bound", "alt_low", "alt_high"),
]
_TABLE_KINDS = [
    LocationKind.TABLE_CELL.value,
    LocationKind.COLLAPSED_ROW.value,
    LocationKind.ATTRIBUTE_ROW.value,
]
_SLOWER = re.compile(r"\b(slower|less|fewer|smaller|lower|worse)\b", re.IGNORECASE)


def _pct(a: float, b: float) -> float | None:
    """The difference of a over b in percent; None when b is zero."""
    return (a - b) / b * 100 if b else None


def _matches(stated: float, computed: float | None, config: CheckConfig) -> bool:
    """Whether a stated percentage agrees with a recomputed one (pages round)."""
    if computed is None:
        return False
    return abs(stated - computed) <= max(config.diff_tolerance_points, abs(computed) * 0.02)


def _cells(values: pd.DataFrame, diffs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per diff, the position in `values` of the first value cell of its row for its entity
    and for its counterpart (-1 where the row has none)."""
    cell: dict[tuple, int] = {}  # (source, row_key, entity_raw) → first value cell's position
    cell_keys = zip(values["source"], values["row_key"], values["entity_raw"], strict=True)
    for i, key in enumerate(cell_keys):
        cell.setdefault(key, i)
    sources, row_keys = diffs["source"].to_numpy(), diffs["row_key"].to_numpy()
    return tuple(  # type: ignore[return-value]
        np.fromiter(
            (cell.get(key, -1) for key in zip(sources, row_keys, names, strict=True)),
            dtype=np.intp,
            count=len(diffs),
        )
        for names in (diffs["entity_raw"].to_numpy(), diffs["counterpart_raw"].to_numpy())
    )


def _plainly_hold(
    rows: Columns, first: np.ndarray, second: np.ndarray, stated: np.ndarray, config: CheckConfig
) -> np.ndarray:
    """Whether each diff (value cells at `first` and `second`, both found) evidently holds:
    the arithmetic of `_pct` and `_matches` over arrays, on finite figures only, so these diffs
    can be skipped unread; every other diff goes through the rule row by row."""
    pa_, pb_ = (
        point_values(rows["low"][at], rows["high"][at], rows["bound"][at]) for at in (first, second)
    )
    finite = np.isfinite(pa_) & np.isfinite(pb_) & np.isfinite(stated) & (pb_ != 0)
    with np.errstate(all="ignore"):
        computed = (pa_ - pb_) / pb_ * 100
        tolerance = np.maximum(config.diff_tolerance_points, np.abs(computed) * 0.02)
        return finite & (np.abs(stated - computed) <= tolerance)


def _diff_findings(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Diff cells whose stated percentage the two value cells of their row do not give."""
    numeric = facts["value_type"] == ValueType.NUMERIC.value
    # Diff cells of tables; a diff in prose ("a 35 % improvement") is a comparative
    # statement, read with its direction words by relation_mismatch (checks.relations).
    in_table = facts["location_kind"].isin(_TABLE_KINDS)
    diffs = facts[numeric & (facts["role"] == ClaimRole.DIFF.value) & in_table]
    read = [*_CELL_COLUMNS, "source", "row_key", "entity_raw"]
    values = facts.loc[
        numeric & (facts["role"] == ClaimRole.VALUE.value), [c for c in read if c in facts]
    ]
    rows = Columns(values, [c for c in _CELL_COLUMNS if c in values])
    first, second = _cells(values, diffs)
    todo = np.flatnonzero((first >= 0) & (second >= 0))
    todo = todo[
        ~_plainly_hold(
            rows, first[todo], second[todo], diffs["low"].to_numpy(dtype=float)[todo], config
        )
    ]
    findings: list[Finding] = []
    for diff, at_a, at_b in zip(
        diffs.iloc[todo].itertuples(index=False), first[todo], second[todo], strict=True
    ):
        a, b = rows.row(at_a), rows.row(at_b)
        if a["unit"] != b["unit"]:
            continue
        pa_ = point_value(a["low"], a["high"], a["bound"])
        pb_ = point_value(b["low"], b["high"], b["bound"])
        stated = diff.low
        computed = _pct(pa_, pb_)
        if _matches(stated, computed, config):
            continue
        cause = _likely_cause(stated, a, b, pa_, pb_, config)
        fa = format_interval(a["low"], a["high"], a["unit"])
        fb = format_interval(b["low"], b["high"], b["unit"])
        explanation = (
            f"Diff for {diff.label!r} says {diff.raw_value} but {a['entity']} {fa} "
            f"({a['raw_value']!r}) vs {b['entity']} {fb} ({b['raw_value']!r}) gives "
            f"{computed:+.0f}%{cause}."
            if computed is not None
            else f"Diff for {diff.label!r} says {diff.raw_value} but the second value is zero."
        )
        findings.append(
            make_finding(
                FindingKind.DIFF_MISMATCH,
                Scope.SAME_PAGE,
                Severity.MEDIUM,
                a["entity"],
                a["metric"],
                a["qualifier"],
                explanation,
                [diff.claim_id, a["claim_id"], b["claim_id"]],
            )
        )
    return findings


def _likely_cause(
    stated: float,
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    pa_: float,
    pb_: float,
    config: CheckConfig,
) -> str:
    """Why a diff does not hold, when another reading of the cells makes it hold."""
    for row, other, is_first in ((a, pb_, True), (b, pa_, False)):
        alt = row.get("alt_low")
        if alt is not None and pd.notna(alt):
            alt_pt = point_value(alt, row.get("alt_high", alt), row["bound"])
            computed = _pct(alt_pt, other) if is_first else _pct(other, alt_pt)
            if _matches(stated, computed, config):
                return (
                    f"; it matches if {row['raw_value']!r} is read in the header unit "
                    f"({row['unit_hint']}), so the page likely misread that cell"
                )
    if _matches(stated, _pct(pb_, pa_), config):
        return "; it matches with the two columns swapped, so the sign or direction is wrong"
    if _matches(stated, pa_ / pb_ * 100 if pb_ else None, config):
        return "; it matches the ratio a/b rather than the difference"
    return ""


def _ratio_findings(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Ratio claims ('3x faster') checked against the figures in the same sentence."""
    ratios = facts[(facts["role"] == ClaimRole.RATIO.value) & facts["low"].notna()]
    if ratios.empty:
        return []
    values = comparable if comparable is not None else comparable_facts(facts, config)
    # only the sentences holding a ratio claim are grouped; their figures are read as arrays
    # (a frame per ratio, filtered twice, cost more than the rule)
    values = values[values["evidence"].isin(ratios["evidence"]).to_numpy(dtype=bool)]
    sentences = values.groupby(["source", "evidence"], sort=False).indices
    cells = Columns(values, ["entity", "unit", "point", "raw_value", "metric", "claim_id"])
    entities = cells["entity"]
    findings: list[Finding] = []
    for ratio in ratios.itertuples(index=False):
        where = sentences.get((ratio.source, ratio.evidence))
        if where is None or not isinstance(ratio.entity, str):
            continue
        if not isinstance(ratio.counterpart_raw, str):
            continue  # a missing name equals no figure's entity
        mine = where[entities[where] == ratio.entity]
        theirs = where[entities[where] == ratio.counterpart_raw]
        if not len(mine) or not len(theirs):
            continue
        m, t = cells.row(mine[0]), cells.row(theirs[0])
        if m["unit"] != t["unit"]:
            continue
        if not t["point"] or not m["point"]:
            continue
        actual = m["point"] / t["point"]
        if ratio.high < 1:  # a fraction ("half the memory"): compared as a fraction
            actual = min(actual, 1 / actual)
        elif _SLOWER.search(ratio.label) or actual < 1:
            actual = max(actual, 1 / actual)
        low, high = ratio.low * 0.8, ratio.high * 1.2
        if low <= actual <= high:
            continue
        explanation = (
            f"{ratio.raw_value!r} is stated for {ratio.entity} vs {ratio.counterpart_raw}, but "
            f"the figures beside it ({m['raw_value']!r} vs {t['raw_value']!r}) give "
            f"{actual:.1f}× for {metric_name(m['metric'], None)}."
        )
        findings.append(
            make_finding(
                FindingKind.DIFF_MISMATCH,
                Scope.SAME_PAGE,
                Severity.LOW,
                ratio.entity,
                m["metric"],
                None,
                explanation,
                [ratio.claim_id, m["claim_id"], t["claim_id"]],
            )
        )
    return findings


def find_diff_mismatches(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Diff cells and ratio claims whose arithmetic does not hold (between two named
    entities here; between a sentence's own figures in checks.flanked_ratios)."""
    if facts.empty or "value_type" not in facts:
        # A run where no page yielded a claim may hand over a frame without columns.
        return []
    return (
        _diff_findings(facts, config)
        + _ratio_findings(facts, config, comparable)
        + find_flanked_ratios(facts)
    )
