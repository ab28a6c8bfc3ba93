"""`unit_scale`: a figure outside its quantity's plausible range by a power of 1,000 that a unit
prefix would bring into it ("Max Channel Bandwidth | 320 Hz | 160 Hz": channel widths are
MHz, so the prefix was lost).

Why: a spec row copied without its prefix (Hz for MHz, B for GB) reads as a figure a million
times off; nothing else on the page contradicts it, but no product of its kind can have it.
Which quantities have a range, their words and ranges are data
(checks/data/plausible_ranges.toml). A figure is flagged only when it sits outside the range
and exactly one power of 1,000 (10^3 to 10^9, up or down) puts it inside: a figure merely
unusual, or off by a factor no prefix explains, is left alone. The cells of one table row are
one finding.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.spec_formulas import columns_as_products, words_of

from crosscheck.contracts import FindingKind, Scope, Severity, ValueType

_READ = ["claim_id", "source", "entity", "label", "raw_value", "low", "high", "unit"]
_SHORT_LABEL = 6  # words: longer labels are sentences, read after the value instead
_NEAR = 12  # a sentence figure's quantity words start this close to the value
_PREFIXES = {3: "k", 6: "M", 9: "G", -3: "m", -6: "µ", -9: "n"}


@dataclass(frozen=True)
class Plausible:
    """A quantity's words, canonical unit and the range its figures live in."""

    name: str
    words: tuple[re.Pattern[str], ...]
    unit: str
    low: float
    high: float


@functools.cache
def plausible_ranges() -> tuple[Plausible, ...]:
    """checks/data/plausible_ranges.toml, compiled once."""
    doc = read_words("plausible_ranges.toml")
    return tuple(
        Plausible(
            name,
            tuple(re.compile(w, re.IGNORECASE) for w in spec.get("words", [])),
            str(spec["unit"]),
            float(spec["range"][0]),
            float(spec["range"][1]),
        )
        for name, spec in doc.get("quantities", {}).items()
    )


def _quantity(row: pd.Series, quantities: tuple[Plausible, ...]) -> Plausible | None:
    """The one quantity a figure measures (by its label, or the words after its value)."""
    text, window = words_of(row)
    found = [
        q
        for q in quantities
        if q.unit == row["unit"]
        and any((m := p.search(text)) and (not window or m.start() <= _NEAR) for p in q.words)
    ]
    return found[0] if len(found) == 1 else None


def _lost_prefix(value: float, quantity: Plausible) -> int | None:
    """The one power of 1,000 (as an exponent of ten) that brings `value` into the range, when
    the value lies outside it."""
    if value <= 0 or quantity.low <= value <= quantity.high:
        return None
    fits = [e for e in _PREFIXES if quantity.low <= value * 10.0**e <= quantity.high]
    return fits[0] if len(fits) == 1 else None


def _candidates(facts: pd.DataFrame, quantities: tuple[Plausible, ...]) -> pd.DataFrame:
    """Numeric figures in a ranged quantity's unit that lie outside every such range."""
    units = {q.unit for q in quantities}
    rows = facts[facts["unit"].isin(units).to_numpy(dtype=bool)]
    if "value_type" in rows.columns:
        rows = rows[rows["value_type"].astype(str) != ValueType.CATEGORICAL.value]
    if rows.empty:
        return rows
    low = rows["low"].to_numpy(dtype=float)
    high = rows["high"].to_numpy(dtype=float)
    outside = np.zeros(len(rows), dtype=bool)
    for unit in units:
        inside_any = np.zeros(len(rows), dtype=bool)
        for q in (q for q in quantities if q.unit == unit):
            inside_any |= (low >= q.low) & (high <= q.high)
        outside |= (rows["unit"].to_numpy() == unit) & ~inside_any
    keep = outside & np.isfinite(low) & (low > 0)
    return rows[keep]


def find_scale_slips(facts: pd.DataFrame) -> list[Finding]:
    """Findings (same page, medium) for figures a lost unit prefix puts out of their
    quantity's range, one per table row (or figure)."""
    quantities = plausible_ranges()
    if facts.empty or not quantities or not set(_READ) <= set(facts.columns):
        return []
    rows = _candidates(facts, quantities)
    if rows.empty:
        return []
    rows = columns_as_products(rows)
    groups: dict[tuple[str, str, str], list[tuple[pd.Series, int, Plausible]]] = {}
    for _, row in rows.iterrows():
        labels = str(row["label"]) if pd.notna(row["label"]) else ""
        if not labels:
            continue
        quantity = _quantity(row, quantities)
        if quantity is None:
            continue
        exponent = _lost_prefix(float(row["low"]), quantity)
        if exponent is None or _lost_prefix(float(row["high"]), quantity) != exponent:
            continue
        row_key = row.get("row_key")
        where = str(row_key) if row_key is not None and pd.notna(row_key) else str(row["claim_id"])
        groups.setdefault((str(row["source"]), where, quantity.name), []).append(
            (row, exponent, quantity)
        )
    return [_finding(members) for members in groups.values()]


def _finding(members: list[tuple[pd.Series, int, Plausible]]) -> Finding:
    first, exponent, quantity = members[0]
    prefix = _PREFIXES[exponent] + quantity.unit
    figures = ", ".join(repr(str(r["raw_value"])) for r, _, _ in members)
    entities = list(dict.fromkeys(str(r["entity"]) for r, _, _ in members))
    explanation = (
        f"{first['label']} on {first['source']}: {figures} "
        f"{'lies' if len(members) == 1 else 'lie'} outside a "
        f"{quantity.name.replace('_', ' ')}'s range ({quantity.low:.3g}-{quantity.high:.3g} "
        f"{quantity.unit}); read in {prefix} ({10.0**exponent:g} times) "
        f"{'it fits' if len(members) == 1 else 'they fit'}: a unit prefix lost."
    )
    return make_finding(
        FindingKind.UNIT_SCALE,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        " + ".join(entities),
        None if pd.isna(first.get("metric")) else str(first.get("metric")),
        None,
        explanation,
        [str(r["claim_id"]) for r, _, _ in members],
        rule="scale_slips",
    )
