"""Summary vs table: a figure the page states without conditions (an intro, a verdict) that
none of its own measurements under stated conditions supports (a load of 50,000 req/s said to
go through two frameworks whose results are 14,800 and 92,400 req/s).

Why apart from `conflict`: figures under different conditions are never compared with each
other; a figure with no conditions claims to hold for the page's measurements in general, so
it is compared with the whole range they span, and flagged only outside it.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import PERCENTILE, comparable_facts
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.scenarios import markers_of

from crosscheck.contracts import FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_KEYS = ["source", "entity", "metric", "unit"]
# What the rule reads of the comparable facts.
_READ = [
    *_KEYS,
    *("qualifier", "claim_id", "cmp_lo", "cmp_hi", "point", "low", "high", "bound"),
    *("raw_value", "locator", "evidence", "conditions", "entity_qualifier"),
]


def _has_conditions(df: pd.DataFrame) -> np.ndarray:
    """Rows measured under stated conditions or for a stated variant/version of the entity."""
    found = np.zeros(len(df), dtype=bool)
    for column in ("conditions", "entity_qualifier"):
        if column in df.columns:
            values = df[column].astype(object)
            found |= (values.notna() & (values.astype(str).str.strip() != "")).to_numpy(bool)
    return found


def _joint_parts(df: pd.DataFrame) -> dict[int, list[str]]:
    """Per row position of a figure stated for several entities together (a load "pushed
    through both": entity A, entity qualifier "+ B"), the page's entities it names,
    when every named part is an entity the page measures the metric for on its own; a stack
    ("net/http + jackc/pgx", whose driver has no figures of its own) is no joint figure."""
    if "entity_qualifier" not in df.columns:
        return {}
    qualifiers = df["entity_qualifier"].astype(object).to_numpy()
    written = df["entity_qualifier"].astype("string").str.lstrip().str.startswith("+")
    starts = written.fillna(False).to_numpy(dtype=bool)
    if not starts.any():
        return {}
    entities = df["entity"].to_numpy(dtype=object)
    sources, metrics = df["source"].to_numpy(dtype=object), df["metric"].to_numpy(dtype=object)
    conditions = df["conditions"].to_numpy(dtype=object) if "conditions" in df else None
    wanted = {(sources[i], metrics[i]) for i in np.flatnonzero(starts)}
    pages = pd.MultiIndex.from_arrays([sources, metrics]).isin(list(wanted))
    known: dict[tuple[object, object], set[str]] = {
        key: {str(e) for e in group}
        for key, group in df.loc[pages, "entity"].groupby(
            [df.loc[pages, "source"], df.loc[pages, "metric"]], sort=False
        )
    }
    joint: dict[int, list[str]] = {}
    evidence = df["evidence"].to_numpy(dtype=object) if "evidence" in df else None
    for i in np.flatnonzero(starts):
        if conditions is not None and isinstance(conditions[i], str) and conditions[i].strip():
            continue
        if evidence is not None and isinstance(evidence[i], str) and _sums().search(evidence[i]):
            continue  # "together they served N": a sum, not each one's figure
        parts = [p.strip().lower() for p in str(qualifiers[i]).split("+") if p.strip()]
        others = known[(sources[i], metrics[i])] - {str(entities[i])}
        named = [_entity_named(part, others) for part in parts]
        if named and all(named):
            joint[int(i)] = [str(entities[i]), *(str(n) for n in named)]
    return joint


@functools.cache
def _sums() -> re.Pattern[str]:
    """Words of a figure given to several entities as their sum (checks/data)."""
    words = read_words("summary_words.toml").get("sum_words", [])
    return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)


def _entity_named(part: str, known: set[str]) -> str | None:
    """The page entity a part of a joint subject names ("express" → "Express.js")."""
    for entity in sorted(known):
        lowered = entity.lower()
        if lowered == part or lowered.startswith(part + ".") or lowered.startswith(part + " "):
            return entity
    return None


def _with_joint_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """`df` plus one summary row per entity of each joint figure (qualifier and entity
    qualifier cleared), the measured mask, and per row the claim of its joint figure ('')."""
    measured = _has_conditions(df)
    joint = _joint_parts(df)
    if not joint:
        return df, measured, np.full(len(df), "", dtype=object)
    # one take for every copy (a one-row frame per copy cost a take of every column each)
    positions = [position for position, names in joint.items() for _ in names]
    extra = df.iloc[positions].reset_index(drop=True)
    extra = extra.assign(
        entity=pd.Series([n for names in joint.values() for n in names], dtype=object).to_numpy(),
        qualifier="",
        entity_qualifier=None,
    )
    kept = np.ones(len(df), dtype=bool)
    kept[list(joint)] = False  # the joint row itself is replaced by its copies
    joint_of = np.concatenate(
        [np.full(int(kept.sum()), "", dtype=object), extra["claim_id"].to_numpy(dtype=object)]
    )
    measured = np.concatenate([measured[kept], np.zeros(len(extra), dtype=bool)])
    return pd.concat([df[kept], extra], ignore_index=True), measured, joint_of


def _stated_bounds(row: Any) -> tuple[float, float]:
    """The interval a summary figure claims: "over 14,000" and "up to 4 s" are open on one
    side (a written "N+" stays a rounded figure, as the tolerance policy says)."""
    lo, hi = float(row.cmp_lo), float(row.cmp_hi)
    bound, raw = getattr(row, "bound", None), str(getattr(row, "raw_value", ""))
    if bound == "at_least" and not raw.rstrip().endswith("+"):
        return lo, math.inf
    if bound == "at_most":
        return -math.inf, hi
    return lo, hi


def find_summaries_outside_tables(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Figures without conditions that lie outside every measurement of the same entity and
    metric the page gives under conditions; a figure stated for several entities together
    is checked against each of them and reported once (medium when none supports it). A
    sentence naming its own set-up (checks/data/scenario_markers.toml) states conditions."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    if df.empty:
        return []
    df = df[[c for c in _READ if c in df.columns]]  # a narrower frame copies and filters cheaply
    df, measured, joint_of = _with_joint_rows(df)
    if not measured.any() or measured.all():
        return []
    tables = df[measured]
    keys = set(zip(*(tables[k].tolist() for k in _KEYS), strict=True))
    is_summary = ~measured & np.array(
        [key in keys for key in zip(*(df[k].tolist() for k in _KEYS), strict=True)], dtype=bool
    )
    summaries = df[is_summary].assign(joint_of=joint_of[is_summary])
    findings: list[Finding] = []
    joint: dict[str, list[tuple[Any, pd.DataFrame, pd.Series]]] = {}
    # only the groups a summary asks about: building every group's frame was most of the rule
    wanted = set(zip(*(summaries[k].tolist() for k in _KEYS), strict=True))
    tables = tables[
        [key in wanted for key in zip(*(tables[k].tolist() for k in _KEYS), strict=True)]
    ]
    # Each group's row positions, and the columns the loop reads as arrays: a frame per
    # summary (a filter, two reductions) cost ~1 ms and most summaries end in no finding.
    grouped = tables.groupby(_KEYS, sort=False).indices
    qualifiers = tables["qualifier"].astype(str)
    texts = qualifiers.tolist()
    percentile = qualifiers.str.contains(PERCENTILE, regex=True).to_numpy(dtype=bool)
    cmp_lo, cmp_hi = (tables[c].to_numpy(dtype=float) for c in ("cmp_lo", "cmp_hi"))
    for row in summaries.itertuples(index=False):
        at = grouped.get(tuple(getattr(row, k) for k in _KEYS))
        if at is None:
            continue
        qualifier = str(row.qualifier or "")
        if qualifier:
            at = at[np.array([qualifier in texts[i] for i in at], dtype=bool)]
        else:
            at = at[~percentile[at]]
        if len(at) < 2 and not row.joint_of:
            continue  # one other measurement is a conflict's business, not a summary's
        if len(at) == 0 or re.search(PERCENTILE, qualifier):
            continue
        if isinstance(row.evidence, str) and markers_of(row.evidence):
            continue  # its sentence names a set-up ("on a c6gn.16xlarge", "--pipeline=30")
        low, high = _skipna_min(cmp_lo[at]), _skipna_max(cmp_hi[at])
        row_lo, row_hi = _stated_bounds(row)
        if row_hi >= low and row_lo <= high:
            if row.joint_of:
                rows = tables.iloc[at]
                joint.setdefault(row.joint_of, []).append((row, rows.iloc[:0], rows.iloc[0]))
            continue
        rows = tables.iloc[at]
        nearest = rows.iloc[int(np.argmin(np.abs(rows["point"].to_numpy() - row.point)))]
        if row.joint_of:
            joint.setdefault(row.joint_of, []).append((row, rows, nearest))
            continue
        span = format_interval(float(rows["low"].min()), float(rows["high"].max()), row.unit)
        explanation = (
            f"{row.entity} {row.metric.replace('_', ' ')} on {row.source}: the page states "
            f"{row.raw_value!r} with no conditions, but its {len(rows)} measurement(s) under "
            f"stated conditions span {span} (nearest {nearest['raw_value']!r}, "
            f"{nearest['locator']})."
        )
        findings.append(
            make_finding(
                FindingKind.CONFLICT,
                Scope.SAME_PAGE,
                Severity.LOW,
                row.entity,
                row.metric,
                qualifier or None,
                explanation,
                [row.claim_id, *rows["claim_id"]],
                rule="summary",
            )
        )
    return findings + [_joint_finding(sides) for sides in joint.values() if _contradicted(sides)]


def _skipna_min(values: np.ndarray) -> float:
    """The least value, missing ones skipped (NaN when all are), as pandas' min."""
    present = values[~np.isnan(values)]
    return float(present.min()) if len(present) else math.nan


def _skipna_max(values: np.ndarray) -> float:
    """The greatest value, missing ones skipped (NaN when all are), as pandas' max."""
    present = values[~np.isnan(values)]
    return float(present.max()) if len(present) else math.nan


def _contradicted(sides: list[tuple[Any, pd.DataFrame, pd.Series]]) -> bool:
    return any(not rows.empty for _, rows, _ in sides)


def _joint_finding(sides: list[tuple[Any, pd.DataFrame, pd.Series]]) -> Finding:
    """One finding for a figure stated for several entities that some of their own
    measurements contradict: medium when none of them supports it, else low."""
    first = sides[0][0]
    against = [(row, rows, nearest) for row, rows, nearest in sides if not rows.empty]
    parts = []
    for row, rows, nearest in against:
        span = format_interval(float(rows["low"].min()), float(rows["high"].max()), row.unit)
        parts.append(f"{row.entity} measures {span} (e.g. {nearest['raw_value']!r})")
    names = " and ".join(str(row.entity) for row, _, _ in sides)
    explanation = (
        f"{first.metric.replace('_', ' ')} on {first.source}: the page states "
        f"{first.raw_value!r} for {names} together, but " + "; ".join(parts) + "."
    )
    severity = Severity.MEDIUM if len(against) == len(sides) else Severity.LOW
    claims = [first.claim_id, *(c for _, rows, _ in against for c in rows["claim_id"])]
    return make_finding(
        FindingKind.CONFLICT,
        Scope.SAME_PAGE,
        severity,
        str(against[0][0].entity),
        first.metric,
        None,
        explanation,
        claims,
        rule="summary",
    )
