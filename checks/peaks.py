"""A peak below a run it was taken from: a page gives an entity's peak rate ("Tokens/Sec
(Peak) 68.4"), and another page lists that same figure among the entity's runs together with
a higher one (68.4 at one request, 74.1 at eight).

Why: a summary that quotes a peak picks the highest run; when the runs it picks from are on
another page (a series' results part) and one of them is higher, the summary's peak is
wrong, and the runs say which figure to believe. The same figure among the runs is what ties
the two pages to one data set: a higher rate elsewhere, measured on other hardware, is never
flagged by this rule. So it is tied only by a figure written alike with three significant
digits or more ("68.4", not "32"), the runs are one metric under other conditions each (two
figures of one run are a conflict, not runs), and a run at most 1.5x the peak (a series far
above it is another data set), of one variant of the entity (an 80GB model's rate is not the
40GB model's run). Measured rates only: a unit per second, not a rated one (a peak TFLOPS or
TOPS is a spec sheet's figure: checks.variants compares those).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.numbers import NUMBER_RE
from crosscheck.contracts import FindingKind, Scope, Severity

_PEAK = re.compile(r"\bpeak\b", re.IGNORECASE)
SAME = 0.002  # two figures within 0.2 % are the one figure written twice
MARGIN = 0.01  # a run above the peak by more than 1 % (beyond any rounding of one decimal)
WITHIN = 1.5  # runs above 1.5x the peak are another series
DIGITS = 3  # significant digits a figure needs to tie two pages
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "unit", "label", "raw_value"]


def _peak_rows(df: pd.DataFrame, rated: frozenset[str]) -> np.ndarray:
    """Positions of measured rate figures whose label or qualifier calls them the peak."""
    marked = np.zeros(len(df), dtype=bool)
    for column in ("label", "qualifier"):
        values = df[column]
        words = [v for v in values.dropna().unique() if _PEAK.search(str(v))]
        if words:
            marked |= values.isin(words).to_numpy(dtype=bool)
    at = np.flatnonzero(marked)
    if not at.size:
        return at
    units = df["unit"].iloc[at].astype(str)  # the marked rows' only: few of the page's
    rates = (units.str.endswith("/s") & ~units.isin(rated)).to_numpy(dtype=bool)
    return at[rates]


def find_exceeded_peaks(comparable: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Peaks (low) another page's runs of the same entity contradict: that page has the peak's
    figure and a higher one in the same unit. One finding per peak and page."""
    if comparable.empty or not {*_READ, "point"} <= set(comparable.columns):
        return []
    at = _peak_rows(comparable, config.rated_units)
    if at.size == 0:
        return []
    findings: list[Finding] = []
    points = comparable["point"].to_numpy(dtype=float)
    sources = comparable["source"].to_numpy(dtype=object)
    metrics = comparable["metric"].to_numpy(dtype=object)
    # The rows of each (entity, unit), grouped once: a comparison over every fact per peak
    # grew with peaks x facts (a third of the checks' CPU on 1,000 real-shaped pages).
    groups = comparable.groupby(["entity", "unit"], sort=False, observed=True).indices
    for i in at:
        peak = comparable.iloc[i]
        value = points[i]
        if not np.isfinite(value) or value <= 0:
            continue
        written = _written(peak["raw_value"])
        if written is None:
            continue
        rows = groups.get((peak["entity"], peak["unit"]))
        if rows is None:
            continue
        rows = rows[sources[rows] != peak["source"]]
        # only the (page, metric) runs with a figure as close as the peak's own can tie it
        # (`_exceeding_run` asks this first): a group-by of those alone
        close = rows[np.abs(points[rows] - value) <= SAME * value]
        if not close.size:
            continue
        keys = set(zip(sources[close], metrics[close], strict=True))
        rows = rows[[k in keys for k in zip(sources[rows], metrics[rows], strict=True)]]
        for (source, _metric), runs in comparable.iloc[rows].groupby(
            ["source", "metric"], sort=True
        ):
            found = _exceeding_run(peak, runs, value, written)
            if found is not None:
                findings.append(_finding(peak, *found, str(source)))
    return findings


def _written(raw: object) -> str | None:
    """The figure's number as written, when it has enough significant digits to tie pages."""
    found = NUMBER_RE.search(str(raw or ""))
    if found is None:
        return None
    digits = found.group(0).replace(",", "").replace(".", "").lstrip("0")
    return found.group(0) if len(digits) >= DIGITS else None


def _exceeding_run(
    peak: pd.Series, runs: pd.DataFrame, value: float, written: str
) -> tuple[pd.Series, pd.Series] | None:
    """(the highest run, the run written as the peak) of one page's runs of one metric, when
    the peak is among them and below the highest by more than the margin and within WITHIN."""
    points = runs["point"].to_numpy(dtype=float)
    equal = (np.abs(points - value) <= SAME * value) & np.array(
        [_written(raw) == written for raw in runs["raw_value"]], dtype=bool
    )
    if not equal.any() or not np.isfinite(points).any():
        return None
    best = int(np.nanargmax(points))
    if not value * (1 + MARGIN) < points[best] <= value * WITHIN:
        return None
    top, twin = runs.iloc[best], runs.iloc[int(np.flatnonzero(equal)[0])]
    if str(top["qualifier"] or "") == str(twin["qualifier"] or ""):
        return None  # one run's two figures: a conflict, not a series
    if _variant(top) != _variant(twin) or (_variant(peak) and _variant(peak) != _variant(top)):
        return None  # two variants of the entity, not two runs of one
    return top, twin


def _variant(row: pd.Series) -> str:
    value = row.get("entity_qualifier")
    return "" if value is None or value is pd.NA or value != value else str(value)


def _finding(peak: pd.Series, top: pd.Series, twin: pd.Series, source: str) -> Finding:
    def where(row: pd.Series) -> str:
        qualifier = str(row["qualifier"] or "").strip()
        return f" ({qualifier})" if qualifier else ""

    explanation = (
        f"{peak['entity']}: {peak['source']} gives {peak['raw_value']!r} as the peak "
        f"({peak['label']}), but {source} lists the same figure {twin['raw_value']!r}"
        f"{where(twin)} among its runs and a higher {top['raw_value']!r}{where(top)}: a peak "
        f"cannot be below a run it was taken from. Believe the runs: the peak is at least "
        f"{top['raw_value']}."
    )
    return make_finding(
        FindingKind.LOGIC,
        Scope.CROSS_SOURCE,
        Severity.LOW,
        str(peak["entity"]),
        str(peak["metric"]),
        None,
        explanation,
        [str(peak["claim_id"]), str(top["claim_id"]), str(twin["claim_id"])],
        rule="peak below a run",
    )
