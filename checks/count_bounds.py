"""`conflict` across sources: a count written as a floor ("90+ PoPs") against another page's
count of the same thing that the floor rules out, for counts the metric vocabulary does not
name (label-made metrics, which differ per page: "auto:90+_pops:count", "auto:pops:score").

Why: the conflict rule compares "N+" as a rounded figure ([N·(1 − tol), N·1.3]) and an exact
figure within its tolerance, which fits measurements; a count of discrete things (locations,
servers, cores) is no measurement. A careful reader sets "88 PoPs" on one page against "90+
PoPs" on another (88 is not 90 or more), and two floors of one count a quarter or more apart
("450+" and "600+") as two sizes of it, one of them stale; floors close together ("310+",
"330+") both hold. Pairs the conflict rule already tells apart are left to it.
"""

from __future__ import annotations

import functools
import itertools
import re

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import KEYS, PERCENTILE, without_retracted
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import linked_groups

from crosscheck.contracts import AUTO_METRIC_PREFIX, BoundKind, FindingKind, Scope, Severity

__all__ = ["find_count_bound_conflicts"]

_READ = [*("claim_id", "source", "raw_value", "label", "low", "high", "bound"), *KEYS]
_READ += ["cmp_lo", "cmp_hi"]
# a count's key: its entity and qualifier, and what it counts (`_counted`), not its metric:
# a label-made metric carries the figure when the label does ("auto:90+_pops:count")
_KEY = ["entity", "qualifier", "counted"]
_FIGURE_WORD = re.compile(r"[\d+]")


@functools.cache
def _settings() -> tuple[frozenset[str], float, float]:
    """The count units, the gap between two floors that makes them two sizes, and the factor
    beyond which two figures count different things (spec_conflicts.toml [count_bounds])."""
    doc = read_words("spec_conflicts.toml").get("count_bounds", {})
    units = frozenset(str(u) for u in doc.get("units", ["count"]))
    return units, float(doc.get("floor_gap", 0.25)), float(doc.get("max_factor", 2.0))


def _counted(metric: object) -> str:
    """What a count counts: a label-made metric's words without the figure's ("auto:90+_pops:count"
    and "auto:pops:score" both count "pops"). A vocabulary metric is none of this rule's: its
    tolerance (metrics.toml) and the conflict rule's policy read "N+" as a rounded figure, and
    its pages meet on the metric already."""
    name = str(metric)
    if not name.startswith(AUTO_METRIC_PREFIX):
        return ""
    middle = name[len(AUTO_METRIC_PREFIX) :].rsplit(":", 1)[0]
    return "_".join(w for w in middle.split("_") if w and not _FIGURE_WORD.search(w))


def _sides(cmp: pd.DataFrame, units: frozenset[str]) -> pd.DataFrame:
    """Whole-number counts, exact or floors, one figure per page and key: a page giving the key
    several figures (two plans, two years) sets none of them against another page."""
    df = without_retracted(cmp[[c for c in _READ if c in cmp.columns]])
    low = pd.to_numeric(df["low"], errors="coerce")
    high = pd.to_numeric(df["high"], errors="coerce")
    bound = df["bound"].astype(str)
    floor = (bound == BoundKind.AT_LEAST.value) & low.gt(0)
    exact = (bound == BoundKind.EXACT.value) & low.gt(0) & (low == high)
    whole = np.isclose(low, np.round(low)) & low.notna()
    plain = ~df["qualifier"].fillna("").astype(str).str.contains(PERCENTILE)
    keep = df["unit"].astype(str).isin(units) & (floor | exact) & whole & plain
    df = df[keep.to_numpy()]
    df = df.assign(floor=floor[keep].to_numpy(), counted=[_counted(m) for m in df["metric"]])
    df = df[df["counted"] != ""]
    per_page = df.groupby(["source", *_KEY], dropna=False)["low"].transform("nunique")
    return df[per_page.to_numpy() == 1].drop_duplicates(["source", *_KEY])


def _ruled_out(a: pd.Series, b: pd.Series, gap: float, factor: float) -> bool:
    """Whether two pages' counts of one key cannot both hold: a count below the other's floor,
    or two floors `gap` apart; never figures a `factor` apart (different things counted)
    nor a pair whose comparison intervals are disjoint (the conflict rule's finding)."""
    lo, hi = sorted([a, b], key=lambda r: (float(r["low"]), bool(r["floor"])))
    x, y = float(lo["low"]), float(hi["low"])
    if y > x * factor or float(lo["cmp_hi"]) < float(hi["cmp_lo"]):
        return False
    if not hi["floor"] or x >= y:
        return False
    return not lo["floor"] or y >= x * (1 + gap)


def _finding(rows: list[pd.Series]) -> Finding:
    first = rows[0]
    ordered = sorted(rows, key=lambda r: (float(r["low"]), str(r["source"])))
    given = "; ".join(f"{r['raw_value']} on {r['source']}" for r in ordered)
    counted = str(first["counted"]).replace("_", " ")
    explanation = (
        f"{first['entity']} {counted}: {given}. A count written 'N+' is at least N: a lower "
        "count, or a floor a quarter or more above another, cannot hold with it."
    )
    return make_finding(
        FindingKind.CONFLICT,
        Scope.CROSS_SOURCE,
        Severity.LOW,
        str(first["entity"]),
        str(first["metric"]),
        first["qualifier"] if isinstance(first["qualifier"], str) else None,
        explanation,
        [str(r["claim_id"]) for r in rows],
        rule="count_bounds",
    )


def find_count_bound_conflicts(cmp: pd.DataFrame) -> list[Finding]:
    """Per key, the pages whose counts a floor of another page rules out, one finding each."""
    needed = {"source", "low", "high", "bound", "cmp_lo", "cmp_hi", *KEYS}
    if cmp.empty or not needed <= set(cmp.columns):
        return []
    units, gap, factor = _settings()
    sides = _sides(cmp, units)
    if sides.empty or not sides["floor"].any():
        return []
    findings: list[Finding] = []
    for _, group in sides.groupby(_KEY, dropna=False, sort=True):
        if group["source"].nunique() < 2 or not group["floor"].any():
            continue
        rows = [row for _, row in group.sort_values(["source", "low"]).iterrows()]
        pairs = [
            (i, j)
            for (i, a), (j, b) in itertools.combinations(enumerate(rows), 2)
            if a["source"] != b["source"] and _ruled_out(a, b, gap, factor)
        ]
        findings += [_finding([rows[i] for i in linked]) for linked in linked_groups(pairs)]
    return findings
