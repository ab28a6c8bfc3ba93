"""Figures a page lists per variant that its other per-variant figures rule out: "TBW: 600 TB
for the 1TB model, 1200 TB for the 2TB model" beside "DWPD: 0.33 for the 1TB, 0.66 for the
2TB" (both capacities take 600 full drive writes over one warranty, so their DWPD is equal).

Why: spec pages list a product's capacities in one line per metric; a figure copied or doubled
in one line breaks a relation that every variant shares (DWPD x capacity / TBW is one over the
warranty in days, whatever the capacity), and the page's own figures show it without knowing
the warranty. Which relations hold and how a variant is written are data
(checks/data/spec_formulas.toml, [[per_variant]]); the quantities are checks.spec_formulas'.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.spec_formulas import formulas, spec_figures, spec_formula_breaks

from crosscheck.contracts import FindingKind, Scope, Severity

_SIZES = {"tb": 1e12, "gb": 1e9}


@dataclass(frozen=True)
class PerVariant:
    """`times` x variant size / `over` is one value for every variant of a product."""

    name: str
    variant: re.Pattern[str]
    times: str
    over: str
    spread: float


@functools.cache
def per_variant_rules() -> tuple[PerVariant, ...]:
    """The [[per_variant]] relations of checks/data/spec_formulas.toml."""
    return tuple(
        PerVariant(
            str(r["name"]),
            re.compile(str(r["variant"]), re.IGNORECASE),
            str(r["times"]),
            str(r["over"]),
            float(r.get("spread", 0.25)),
        )
        for r in read_words("spec_formulas.toml").get("per_variant", [])
    )


def _size(row: pd.Series, variant: re.Pattern[str]) -> float | None:
    """The variant size written right after the figure's value ("600 TB for the 1TB model")."""
    evidence = "" if pd.isna(row.get("evidence")) else str(row["evidence"])
    raw = "" if pd.isna(row.get("raw_value")) else str(row["raw_value"])
    start = row.get("value_start")
    at = int(start) if start is not None and not pd.isna(start) and int(start) >= 0 else -1
    if at < 0 or evidence[at : at + len(raw)] != raw:
        at = evidence.find(raw) if raw else -1
    if at < 0:
        return None
    m = variant.match(evidence[at + len(raw) :])
    if m is None:
        return None
    return float(m.group("size").replace(",", ".")) * _SIZES[m.group("unit").lower()]


def _by_size(rows: pd.DataFrame, variant: re.Pattern[str]) -> dict[float, pd.Series]:
    """Each variant size with its one figure (sizes given two values are left out)."""
    found: dict[float, list[pd.Series]] = {}
    for _, row in rows.iterrows():
        size = _size(row, variant)
        if size is not None:
            found.setdefault(size, []).append(row)
    return {s: r[0] for s, r in found.items() if len({float(x["point"]) for x in r}) == 1}


def _page_findings(page: pd.DataFrame, rule: PerVariant) -> list[Finding]:
    findings = []
    for entity, rows in page.groupby("entity", sort=True):
        times = _by_size(rows[rows["quantity"] == rule.times], rule.variant)
        over = _by_size(rows[rows["quantity"] == rule.over], rule.variant)
        sizes = sorted(set(times) & set(over))
        if len(sizes) < 2:
            continue
        shares = {
            s: float(times[s]["worth"]) * s / float(over[s]["worth"])
            for s in sizes
            if float(over[s]["worth"]) > 0
        }
        if len(shares) < 2 or max(shares.values()) <= min(shares.values()) * (1 + rule.spread):
            continue
        low, high = min(shares, key=shares.__getitem__), max(shares, key=shares.__getitem__)
        lines = "; ".join(
            f"{s / 1e12:g} TB: {times[s]['raw_value']!r} against {over[s]['raw_value']!r}"
            for s in (low, high)
        )
        explanation = (
            f"{entity} on {page['source'].iloc[0]}: {rule.name}, yet the page's own figures "
            f"give {shares[high] / shares[low]:.2g} times as much for one variant as for "
            f"another ({lines}); one of the per-variant figures is wrong."
        )
        claims = [str(r["claim_id"]) for s in sizes for r in (times[s], over[s])]
        findings.append(
            make_finding(
                FindingKind.LOGIC,
                Scope.SAME_PAGE,
                Severity.MEDIUM,
                str(entity),
                None,
                None,
                explanation,
                claims,
                rule=rule.name,
            )
        )
    return findings


def find_variant_formula_breaks(facts: pd.DataFrame) -> list[Finding]:
    """Findings (logic, same page, medium) for each product whose per-variant figures break a
    [[per_variant]] relation."""
    return variant_formula_breaks(spec_figures(facts, formulas().quantities))


def variant_formula_breaks(figures: pd.DataFrame) -> list[Finding]:
    """find_variant_formula_breaks over figures already read (`spec_figures`)."""
    rules = per_variant_rules()
    if not rules or figures.empty:
        return []
    findings: list[Finding] = []
    for _, page in figures.groupby("source", sort=True):
        present = set(page["quantity"])
        for rule in rules:
            if {rule.times, rule.over} <= present:
                findings.extend(_page_findings(page, rule))
    return findings


def find_formula_breaks(facts: pd.DataFrame) -> list[Finding]:
    """Both formula rules over one reading of the page's spec figures (reading them was most of
    either rule's time)."""
    figures = spec_figures(facts, formulas().quantities)
    return spec_formula_breaks(figures) + variant_formula_breaks(figures)
