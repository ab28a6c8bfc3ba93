"""`unit_scale`: a header unit or scale that contradicts the value, or a metric from the wrong
domain ("Weekly NPM Downloads" for a PyPI package)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts, metric_name
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import codes, groups

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_SCALE_WORDS = r"\b(?:thousands?|millions?|billions?|k|m|bn)\b"
# A cell that groups its digits ("40,000", "3 100 000") or writes its own scale ("1.2M") is a
# full figure: under a "(thousands)" header it contradicts the header. A bare "3844" is how
# pages write a scaled figure (3,844 thousand): it is read with the header, not flagged.
_FULL_FIGURE = re.compile(
    r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)"
    r"|\d(?:\.\d+)?\s*(?:[kKmMbB]|bn|thousand|million|billion)\b"
)
# A value that writes the header's own scale ("270k" under a "k" header, "4K" under "K") restates
# the header: read "with the header" it would be scaled twice, so it has one reading only.
_OWN_SCALE = re.compile(r"\d\s*(k|m|bn|b|thousands?|millions?|billions?)\b", re.IGNORECASE)
_SCALE_OF = {"k": 3, "thousand": 3, "m": 6, "million": 6, "b": 9, "bn": 9, "billion": 9}
_ECOSYSTEMS = {"npm": ("pypi", "python"), "pypi": ("npm",)}
# What the header-unit and ecosystem rules read of a value fact.
_READ = [
    *("claim_id", "source", "entity", "metric", "qualifier", "label", "raw_value", "note"),
    *("unit_hint", "unit", "low", "high", "alt_low", "alt_high"),
]


def _finding(fact: pd.Series, explanation: str, claim_ids: pd.Series, rule: str = "") -> Finding:
    """A medium unit_scale finding about one fact, resting on every copy of it."""
    return make_finding(
        FindingKind.UNIT_SCALE,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        fact["entity"],
        fact["metric"],
        fact["qualifier"],
        explanation,
        claim_ids,
        rule=rule,
    )


def find_unit_scale(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Facts with two readings (header vs cell) and facts labelled for another ecosystem; one
    finding per distinct statement on a page, resting on every copy of it."""
    findings: list[Finding] = []
    values = facts.loc[facts["role"] == ClaimRole.VALUE.value, [c for c in _READ if c in facts]]
    # Only a header *scale* word makes a value ambiguous; a cell that writes its own unit
    # ("7 minutes" under "(hours)") is explicit, and diff_mismatch reports what it breaks.
    two = values[values["alt_low"].notna()]
    two = two[two["unit_hint"].fillna("").str.casefold().str.contains(_SCALE_WORDS)]
    full = [_FULL_FIGURE.search(str(raw)) is not None for raw in two["raw_value"]]
    two = two[np.asarray(full, dtype=bool)]
    pairs = zip(two["raw_value"], two["unit_hint"], strict=True)
    again = [_restates_header(str(raw), str(hint)) for raw, hint in pairs]
    two = two[~np.asarray(again, dtype=bool)]
    keys = ["source", "entity", "metric", "raw_value", "unit_hint"]
    for _, group in two.groupby(keys, sort=True, dropna=False):
        fact = group.iloc[0]
        as_written = format_interval(fact["low"], fact["high"], fact["unit"])
        with_header = format_interval(fact["alt_low"], fact["alt_high"], fact["unit"])
        explanation = (
            f"{fact['entity']} {metric_name(fact['metric'], fact['qualifier'])} "
            f"on {fact['source']}: "
            "the header unit "
            f"({fact['unit_hint']}) and the value {fact['raw_value']!r} disagree: read as written "
            f"it is {as_written}, read with the header it would be {with_header}."
        )
        findings.append(_finding(fact, explanation, group["claim_id"]))
    noted = values[values["note"].notna()]  # only a note can point at another registry
    elsewhere = (
        _other_ecosystem(label, note) is not None
        for label, note in zip(noted["label"], noted["note"], strict=True)
    )
    wrong = noted[np.fromiter(elsewhere, dtype=bool, count=len(noted))]
    for _, group in wrong.groupby(["source", "entity", "label", "raw_value"], sort=True):
        fact = group.iloc[0]
        named = _other_ecosystem(fact["label"], fact["note"])
        explanation = (
            f"{fact['entity']} on {fact['source']}: {fact['label']!r} names {str(named).upper()} "
            "but its value "
            f"{fact['raw_value']!r} refers to another package registry ({fact['note']}), so the "
            "figure belongs to a different ecosystem."
        )
        findings.append(_finding(fact, explanation, group["claim_id"], rule="ecosystem"))
    return findings


def _scale(word: str) -> int | None:
    """The power of ten a scale word stands for ("k", "thousands": 3)."""
    return _SCALE_OF.get(word.casefold().removesuffix("s"))


def _restates_header(raw: str, hint: str) -> bool:
    """Whether the value writes its own scale and the header's scale is that same one."""
    own = _OWN_SCALE.search(raw)
    if own is None:
        return False
    header = {_scale(w) for w in re.findall(_SCALE_WORDS, hint.casefold())}
    return _scale(own.group(1)) in header


def _other_ecosystem(label: str, note: str | None) -> str | None:
    """The registry a label names when its value's note points at another one."""
    if not note:
        return None  # only a note can point at another registry (and most facts have none)
    words = label.casefold().split()
    lowered = note.casefold()
    for named, contradicted_by in _ECOSYSTEMS.items():
        if named in words and any(word in lowered for word in contradicted_by):
            return named
    return None


_ROW_SPREAD = 100.0  # two entities' values in one row this far apart: one is in another unit


def find_row_magnitude_outliers(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """'28,000' beside '~40' under one '(MB)' header: the value far from the metric's usual
    magnitude (the median of the other figures of the metric in this batch) is flagged."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    rows, by_row = _spread_rows(df)
    if rows.empty:
        return []
    rows = rows[by_row["unit"].transform("nunique") == 1]
    findings: list[Finding] = []
    code = {name: codes(df, name) for name in ("source", "entity", "metric", "unit", "raw_value")}
    for (source, _), row in groups(rows, ["source", "row_key"]):
        low, high = row["point"].min(), row["point"].max()
        metric = row["metric"].iloc[0]
        at = df.index.get_indexer(row.index)
        others = (
            _equal(code["metric"], at[0])
            & _equal(code["unit"], at[0])
            & ~np.isin(code["raw_value"], code["raw_value"][at])
        )
        if others.sum() < 2:
            continue  # nothing independent says which magnitude is usual
        typical = float(np.median(df["point"].to_numpy()[others]))
        distance = (np.log10(row["point"]) - np.log10(typical)).abs()
        suspect = row.loc[distance.idxmax()]
        other = row.loc[distance.idxmin()]
        suspect_at = df.index.get_loc(distance.idxmax())
        same = (
            _equal(code["source"], suspect_at)
            & _equal(code["entity"], suspect_at)
            & _equal(code["metric"], at[0])
            & _equal(code["raw_value"], suspect_at)
        )
        explanation = (
            f"{suspect['entity']} {metric_name(metric, suspect['qualifier'])} on {source}: "
            f"{suspect['raw_value']!r} under the header unit ({suspect['unit_hint']}) is "
            f"{high / low:,.0f}× {other['entity']}'s {other['raw_value']!r} in the same row and "
            f"far from the usual {format_interval(typical, typical, suspect['unit'])}; it is "
            "likely written in another unit."
        )
        findings.append(_finding(suspect, explanation, df["claim_id"][same], rule="row_magnitude"))
    return findings


def _spread_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, Any]:
    """The comparable figures of table rows whose figures lie `_ROW_SPREAD` apart and belong
    to two entities or more (before the one-unit test), and the rows' grouping."""
    rows = df[df["row_key"].notna() & df["unit_hint"].notna() & (df["point"] > 0)]
    if rows.empty:
        return rows, None
    by_row = rows.groupby(["source", "row_key"], sort=False)
    spread = by_row["point"].transform("max") / by_row["point"].transform("min")
    keep = (spread >= _ROW_SPREAD) & (by_row["entity"].transform("nunique") >= 2)
    rows = rows[keep]
    return rows, rows.groupby(["source", "row_key"], sort=False)


def row_outlier_metrics(comparable: pd.DataFrame) -> set[str]:
    """Read from whole pages' comparable figures: the metrics of every figure of the table
    rows `find_row_magnitude_outliers` may flag. A row it flags in a cut that holds some of
    the metrics only has at least this spread and these entities whole, so a cut by metric
    that keeps only these metrics gives its findings (checks.partitioned)."""
    rows, _ = _spread_rows(comparable)
    return set(rows["metric"].dropna().astype(str)) if len(rows) else set()


def _equal(column_codes: np.ndarray, position: int | np.integer) -> np.ndarray:
    """Whether each row holds the value of the row at `position` (never, when that is
    missing: a comparison with a missing value is false, as in pandas)."""
    value = column_codes[position]
    return column_codes == value if value >= 0 else np.zeros(len(column_codes), dtype=bool)
