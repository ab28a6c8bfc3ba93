"""`logic`: figures that cannot all be true together (p99 latency below the average; a
release year the entity's stated age rules out; checks.logic_rows: a mean its row's
percentile and maximum rule out, a Unix-epoch date; checks.reference_columns: a row beyond
the 100 % of a column relative to the slowest; checks.formula: a "percentage × factor" score
formula that cannot give the stated maximum). A reversed range never gets here: the
FactModel contract rejects low > high at the normalize boundary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.formula import find_formula_vs_maximum
from crosscheck.checks.grouping import group_positions
from crosscheck.checks.logic_rows import epoch_placeholders, mean_above_percentiles
from crosscheck.checks.reference_columns import rows_beyond_reference

from crosscheck.contracts import FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_YEAR_SECONDS = 31_557_600
_AVERAGE = "average|hello world|simple get"  # qualifiers of a typical (mean-like) latency


def _latency_pages(latency: pd.DataFrame) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """Per (source, entity), the positions of its p99 and of its average latencies, for the
    pages that state both (read once over the frame instead of per page and entity)."""
    p99 = latency["qualifier"].str.contains("p99", na=False).to_numpy(dtype=bool)
    avg = latency["qualifier"].str.contains(_AVERAGE, na=False).to_numpy(dtype=bool)
    by_page: dict[tuple[str, str], list[np.intp]] = {}
    sources, entities = latency["source"].to_numpy(), latency["entity"].to_numpy()
    for i in np.flatnonzero(p99 | avg):
        by_page.setdefault((sources[i], entities[i]), []).append(i)
    pages = {}
    for key, positions in by_page.items():
        at = np.asarray(positions)
        if p99[at].any() and avg[at].any():
            pages[key] = (at[p99[at]], at[avg[at]])
    return pages


def _p99_below_average(df: pd.DataFrame) -> list[Finding]:
    """One finding per page and entity whose p99 latency sits under an average latency."""
    findings: list[Finding] = []
    latency = df[df["metric"] == "latency"]
    if latency.empty:
        return findings
    rows = Columns(latency, ["claim_id", "qualifier", "raw_value", "low", "high", "unit"])
    pages = _latency_pages(latency)
    for source, entity in sorted(pages):
        p99, avg = pages[(source, entity)]
        p99_high = rows["high"][p99]
        if np.isnan(p99_high).all():
            continue  # no p99 figure with a high end: nothing can sit above it
        higher = avg[rows["low"][avg] > np.nanmin(p99_high)]
        if not len(higher):
            continue
        p = rows.row(p99[np.nanargmin(p99_high)])
        worst = rows.row(higher[np.argmax(rows["low"][higher])])
        explanation = (
            f"{entity} p99 latency {format_interval(p['low'], p['high'], p['unit'])} "
            f"({p['raw_value']!r}) is below its {worst['qualifier']} latency "
            f"{format_interval(worst['low'], worst['high'], worst['unit'])} "
            f"({worst['raw_value']!r}) on {source}; a 99th percentile cannot be under the mean."
        )
        below = p99[rows["low"][p99] < worst["low"]]
        claims = [*rows["claim_id"][below], *rows["claim_id"][higher]]
        findings.append(
            make_finding(
                FindingKind.LOGIC,
                Scope.SAME_PAGE,
                Severity.HIGH,
                entity,
                "latency",
                "p99",
                explanation,
                claims,
            )
        )
    return findings


@dataclass(frozen=True)
class _AgeStatement:
    """One distinct age statement of an entity ("6 years"): its first copy and every copy's
    claim id and page."""

    text: str
    first: Mapping[str, Any]
    claim_ids: list[str]
    sources: set[str]


def _age_statements(ages: pd.DataFrame) -> dict[str, list[_AgeStatement]]:
    """Per entity, its distinct age statements in text order; read once, not per year."""
    rows = Columns(ages, ["claim_id", "source", "note", "cmp_lo", "cmp_hi"])
    by_entity: dict[str, list[_AgeStatement]] = {}
    for (entity, text), at in group_positions(ages, ["entity", "raw_value"]):
        statement = _AgeStatement(
            text, rows.row(at[0]), list(rows["claim_id"][at]), set(rows["source"][at])
        )
        by_entity.setdefault(entity, []).append(statement)
    return by_entity


def _age_vs_release(df: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """A release year later than the entity's stated age allows as of the reference year (the
    page cannot have been written after that year); one finding per (entity, year, age
    statement), resting on every copy of both."""
    findings: list[Finding] = []
    years = df[df["metric"] == "release_year"]
    statements = _age_statements(df[(df["metric"] == "age_years") & (df["unit"] == "s")])
    for (entity, year), year_group in years.groupby(["entity", "low"], sort=True):
        for age in statements.get(entity, []):
            a = age.first
            if str(int(year)) in str(a["note"] or ""):
                continue  # "6 years (2018)" states the year itself
            earliest = config.reference_year - a["cmp_hi"] / _YEAR_SECONDS - 1
            latest = config.reference_year - a["cmp_lo"] / _YEAR_SECONDS + 1
            if year <= latest:
                # An age too small for the year only dates the page: "12 years" beside 2010
                # was true in 2022, and a page without a date may be that old. An age too
                # large for the year is false whenever the page was written.
                continue
            sources = age.sources | set(year_group["source"])
            scope = Scope.SAME_PAGE if len(sources) == 1 else Scope.CROSS_SOURCE
            y = year_group.iloc[0]
            explanation = (
                f"{entity} release year {int(year)} ({y['source']} {y['locator']}) does not fit "
                f"its stated age {age.text!r} ({a['source']}): as of {config.reference_year} "
                f"that age means a first release between {int(earliest)} and {int(latest)}."
            )
            findings.append(
                make_finding(
                    FindingKind.LOGIC,
                    scope,
                    Severity.MEDIUM,
                    entity,
                    "release_year",
                    None,
                    explanation,
                    [*year_group["claim_id"], *age.claim_ids],
                )
            )
    return findings


def find_page_logic(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """The logic rules whose figures lie on one page: a row, a table's column, a sentence,
    a page's p99 and average of an entity (an engine may run them page by page)."""
    found = mean_above_percentiles(facts) + epoch_placeholders(facts)
    found += rows_beyond_reference(facts) + find_formula_vs_maximum(facts)
    df = comparable if comparable is not None else comparable_facts(facts, config)
    if df.empty:
        return found
    return _p99_below_average(df) + found


def find_entity_logic(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """The logic rules that read one entity's figures on every page (a release year
    against an age stated anywhere)."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    return [] if df.empty else _age_vs_release(df, config)


def find_logic(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """All logic rules: over the comparable facts, over table rows and over evidence."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    return find_page_logic(facts, config, df) + find_entity_logic(facts, config, df)
