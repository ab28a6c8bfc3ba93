"""`logic` rules read from one table row or one piece of evidence: a mean latency that the
row's own percentile and maximum make impossible, and a date that is the Unix epoch (a
placeholder for a missing date, not a fact).

Why: a benchmark row gives min/avg/pN/max of one run; with a fraction f of requests at or
under the pN figure and none above the maximum, the mean is at most f·pN + (1-f)·max.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity

_MEAN = re.compile(r"^\s*(?:avg|average|mean)\b", re.IGNORECASE)
_PERCENTILE = re.compile(r"^\s*p(\d{1,2}(?:\.\d+)?)\b", re.IGNORECASE)
_MAX = re.compile(r"^\s*max(?:imum)?\b", re.IGNORECASE)
_SLACK = 0.01  # figures are rounded as written: a mean 1 % over the bound is not yet proof
_ROW_READ = ["claim_id", "source", "row_key", "entity", "label", "raw_value", "low", "high", "unit"]


def _kind(label: str) -> tuple[str, float] | None:
    """('mean', 0) / ('p', 0.9) / ('max', 1) for a column label, else None."""
    if _MEAN.match(label):
        return ("mean", 0.0)
    if _MAX.match(label):
        return ("max", 1.0)
    found = _PERCENTILE.match(label)
    if found:
        return ("p", float(found.group(1)) / 100)
    return None


def mean_above_percentiles(facts: pd.DataFrame) -> list[Finding]:
    """One finding per table row whose mean time exceeds f·pN + (1-f)·max for some pN
    (worked out column-wise; only the offending rows are read one by one)."""
    mask = (
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["row_key"].notna()
        & (facts["unit"] == "s")
        & facts["low"].notna()
    )
    cells = facts.loc[mask, [c for c in _ROW_READ if c in facts.columns]]
    if cells.empty:
        return []
    kinds = {label: _kind(str(label)) for label in cells["label"].unique()}
    kind = cells["label"].map(lambda label: k[0] if (k := kinds[label]) else None)
    cells = cells.assign(
        kind=kind,
        fraction=cells["label"].map(lambda label: k[1] if (k := kinds[label]) else np.nan),
        top=cells["high"].fillna(cells["low"]),
    )
    cells = cells[cells["kind"].notna()]
    row = ["source", "row_key", "entity"]
    counts = cells.groupby([*row, "kind"]).size().unstack(fill_value=0)
    if not {"mean", "p", "max"} <= set(counts.columns):
        return []
    # one run per row: a row with two means or two maxima is not one run
    runs = counts[(counts["mean"] == 1) & (counts["max"] == 1) & (counts["p"] >= 1)].index
    if runs.empty:
        return []
    cells = cells.set_index(row).loc[runs].reset_index()
    mean = cells[cells["kind"] == "mean"].add_suffix("_mean")
    top = cells[cells["kind"] == "max"].add_suffix("_max")
    ps = cells[cells["kind"] == "p"].merge(mean, left_on=row, right_on=[f"{c}_mean" for c in row])
    ps = ps.merge(top, left_on=row, right_on=[f"{c}_max" for c in row])
    bound = ps["fraction"] * ps["top"] + (1 - ps["fraction"]) * ps["top_max"]
    ps = ps.assign(bound=bound)
    over = ps[ps["low_mean"] * (1 - _SLACK) > ps["bound"] * (1 + _SLACK)]
    # per row (in key order; rows missing a key part left out, as groupby does), its lowest
    # percentile's bound: one stable sort instead of a sort per offending row
    over = over.dropna(subset=row).sort_values([*row, "fraction"], kind="stable")
    firsts = over[~over.duplicated(row).to_numpy(dtype=bool)]
    return [_finding(firsts.iloc[at]) for at in range(len(firsts))]


def _finding(p: pd.Series) -> Finding:
    """The logic finding of one row, quoting its mean, the percentile and the maximum."""
    explanation = (
        f"{p['entity']} on {p['source']}: the mean {p['label_mean']} {p['raw_value_mean']!r} "
        f"is above what the same row allows: with {p['fraction']:.0%} of requests at or under "
        f"{p['label']} {p['raw_value']!r} and none above {p['label_max']} "
        f"{p['raw_value_max']!r}, the mean is at most {p['bound'] * 1000:.4g} ms."
    )
    return make_finding(
        FindingKind.LOGIC,
        Scope.SAME_PAGE,
        Severity.HIGH,
        p["entity"],
        None,
        None,
        explanation,
        [p["claim_id_mean"], p["claim_id"], p["claim_id_max"]],
        rule="mean_above_percentiles",
    )


_EPOCH = re.compile(
    r"\b(?:1970-01-01|01/01/1970|1\s+Jan(?:uary)?\s+1970|Jan(?:uary)?\s+1,?\s+1970)\b",
    re.IGNORECASE,
)
_EPOCH_TOPIC = re.compile(r"\bepoch\b|\bunix\s+time|\btimestamp\b", re.IGNORECASE)


def epoch_placeholders(facts: pd.DataFrame) -> list[Finding]:
    """One finding per (page, entity) whose evidence dates something to 1970-01-01: the Unix
    epoch is what a missing date prints as, unless the text is about the epoch itself."""
    if "evidence" not in facts.columns:
        return []
    texts = pd.Series(facts["evidence"].dropna().unique(), dtype=object)
    texts = texts[texts.str.contains("1970", regex=False)]  # one C-speed pass before regexes
    hits = {t for t in texts if _EPOCH.search(t) and not _EPOCH_TOPIC.search(t)}
    if not hits:
        return []
    rows = facts[facts["evidence"].isin(hits)]
    findings: list[Finding] = []
    for (source, entity), group in rows.groupby(["source", "entity"], sort=True):
        text = group["evidence"].iloc[0]
        found = _EPOCH.search(text)
        date = found.group(0) if found else "1970-01-01"
        explanation = (
            f"{entity} on {source} is dated {date}, the Unix epoch: the date a missing "
            "timestamp prints as, not a real date; the figure is missing, not a fact."
        )
        findings.append(
            make_finding(
                FindingKind.LOGIC,
                Scope.SAME_PAGE,
                Severity.LOW,
                entity,
                None,
                None,
                explanation,
                group["claim_id"],
                rule="epoch_placeholder",
            )
        )
    return findings
