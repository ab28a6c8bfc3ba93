"""A peak below its own continuous rating: one product's spec on one page gives a peak (surge,
burst) figure under its continuous (sustained, nominal) figure of the same quantity ("Peak
Power 7kW" beside "Max Continuous Power 11.5 kW").

Why: a peak is what the product reaches for a moment above what it holds; below the
continuous figure it cannot be. Such a pair is a figure left from another product or model
(a table copied from the predecessor's). Tied only within one page, one entity and one
variant of it, one unit and the same qualifier, and only when the two labels name the same
quantity once the peak and continuous words are taken out: "Peak Power" and "Max Continuous
Power" are both "power"; "peak memory" and "sustained throughput" never pair.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

_PEAK = frozenset({"peak", "surge", "burst"})
_CONTINUOUS = frozenset({"continuous", "sustained", "nominal"})
# words that say nothing of the quantity once the peak or continuous word is taken out
_NEUTRAL = frozenset({"max", "maximum", "output", "rating", "rated", "the", "of", "and"})
_WORD = re.compile(r"[a-z]+")
MARGIN = 0.02  # the peak below the continuous figure by more than 2 % (beyond any rounding)
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "unit", "label", "raw_value"]


@functools.lru_cache(maxsize=4096)
def _reading(label: str) -> tuple[str, str] | None:
    """("peak" or "continuous", the quantity the label names without those words), or None
    for a label that is neither or both ("peak continuous")."""
    words = _WORD.findall(label.lower())
    peak, continuous = _PEAK.intersection(words), _CONTINUOUS.intersection(words)
    if bool(peak) == bool(continuous):
        return None
    rest = " ".join(w for w in words if w not in _PEAK | _CONTINUOUS | _NEUTRAL)
    if not rest:
        return None
    return ("peak" if peak else "continuous"), rest


def _variant(value: object) -> str:
    return "" if value is None or value is pd.NA or value != value else str(value)


def find_peaks_below_ratings(comparable: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """One finding (logic, same page, medium) per peak figure below a continuous figure of
    the same entity, variant, quantity, unit and qualifier on its page."""
    if comparable.empty or not {*_READ, "point"} <= set(comparable.columns):
        return []
    labels = comparable["label"]
    marked = {v for v in labels.dropna().unique() if _reading(str(v)) is not None}
    if not marked:
        return []
    rows = comparable[labels.isin(marked).to_numpy(dtype=bool)]
    groups: dict[tuple[str, ...], tuple[list[pd.Series], list[pd.Series]]] = {}
    for _, row in rows.iterrows():
        found = _reading(str(row["label"]))
        if found is None or not np.isfinite(float(row["point"])):
            continue
        kind, quantity = found
        key = (
            *(str(row[c]) for c in ("source", "entity", "unit", "qualifier")),
            _variant(row.get("entity_qualifier")),
            quantity,
        )
        peaks, continuous = groups.setdefault(key, ([], []))
        (peaks if kind == "peak" else continuous).append(row)
    findings: list[Finding] = []
    for key in sorted(groups):
        peaks, continuous = groups[key]
        for peak in peaks:
            above = [c for c in continuous if float(peak["high"]) < float(c["low"]) * (1 - MARGIN)]
            if above:
                findings.append(_finding(peak, max(above, key=lambda c: float(c["low"]))))
    return findings


def _finding(peak: pd.Series, rating: pd.Series) -> Finding:
    explanation = (
        f"{peak['entity']} on {peak['source']}: {peak['label']} {peak['raw_value']!r} is below "
        f"its own {rating['label']} {rating['raw_value']!r}: a peak cannot be below what the "
        f"product holds continuously. The peak figure is likely another product's or model's "
        f"(left from a predecessor's spec); believe the continuous figure and check the peak."
    )
    return make_finding(
        FindingKind.LOGIC,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        str(peak["entity"]),
        str(peak["metric"]),
        None,
        explanation,
        [str(peak["claim_id"]), str(rating["claim_id"])],
        rule="peak below its continuous rating",
    )
