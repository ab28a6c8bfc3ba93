"""`relation_mismatch` across sources: a statement that two entities are within N % of each
other ("within 3 % of each other", "on par, within 5 %") against another page that measures
both on the statement's metric and finds them much further apart in every pair it gives.

Another page ran another benchmark, so a size of gap may differ: only a gap well beyond the
band counts. Every pair the other page gives (per metric and qualifier) must lie beyond the
band by BAND_POINTS even on its nearest reading (each figure anywhere within the rounding of
its last written digit), and its plain gap must be over twice the band and BAND_MIN_GAP. A
statement whose own page measures the two entities is left to the same-page rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.frame_records import records

from crosscheck.contracts import FindingKind, Scope, Severity

BAND_POINTS = 0.02  # a band is read as stated; pages round percentages by up to 2 points
BAND_MIN_GAP = 0.08  # and a gap under 8 % is never far from a "within N %" of another run
_PERCENT = re.compile(r"\d\s?%|\bper\s?cent", re.IGNORECASE)
_DECIMALS = re.compile(r"\d+(?:[.,](\d+))?")
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "raw_value", "low", "high"]
Keyed = tuple[tuple[int, ...], Finding]


def _band(rel: dict[str, Any]) -> float | None:
    """The half-width of an "equal within N %" statement (0.03 for [0.97, 1.03]), or None."""
    if rel["direction"] != "equal" or not rel["a"] or not rel["b"] or rel["a"] == rel["b"]:
        return None
    if not rel["metric"] or not _PERCENT.search(str(rel["raw_value"] or "")):
        return None
    low, high = float(rel["low"]), float(rel["high"])
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0:
        return None
    return max(high - 1, 1 - low)


def _slack(raw: object, value: float) -> float:
    """Half a unit of the last digit `raw` writes, relative to `value` ("38" → 0.5/38)."""
    m = _DECIMALS.search(str(raw or ""))
    if m is None or value <= 0:
        return 0.0
    decimals = len(m.group(1) or "")
    return 0.5 * 10.0**-decimals / value


def _gaps(x: dict[str, Any], y: dict[str, Any]) -> tuple[float, float] | None:
    """(nearest, plain) relative gap of two figures: the larger over the smaller, minus one.
    The nearest reading takes each figure anywhere in its range ("250+" as written) and the
    rounding of its last digit; the plain one their lowest values."""
    (x_lo, x_hi), (y_lo, y_hi) = _span(x), _span(y)
    if min(x_lo, y_lo) <= 0:
        return None
    nearest = max(x_lo / y_hi, y_lo / x_hi)
    plain = max(float(x["low"]), float(y["low"])) / min(float(x["low"]), float(y["low"]))
    return max(nearest - 1, 0.0), plain - 1


def _span(f: dict[str, Any]) -> tuple[float, float]:
    low, high = float(f["low"]), float(f["high"])
    high = high if math.isfinite(high) else low
    return low * (1 - _slack(f["raw_value"], low)), high * (1 + _slack(f["raw_value"], high))


def _fits(metric: str, figure_metric: str, dimensions: dict[str, str]) -> bool:
    """A figure measures the statement's metric: the same one, or an open-vocabulary metric
    ("auto:tokens_sec:rate") of the metric's dimension."""
    if figure_metric == metric:
        return True
    dimension = dimensions.get(metric)
    return (
        bool(dimension)
        and figure_metric.startswith("auto:")
        and (figure_metric.rsplit(":", 1)[-1] == dimension)
    )


def band_mismatches(
    relations: pd.DataFrame, figures: pd.DataFrame, config: CheckConfig
) -> list[Keyed]:
    """Band statements another page's figures of both entities contradict, keyed after the
    other statement findings by the statement's position (`relations`' index)."""
    rows = [(at, rel) for at, rel in zip(relations.index, records(relations), strict=True)]
    bands = [(int(at), rel, w) for at, rel in rows if (w := _band(rel)) is not None]
    if not bands or figures.empty:
        return []
    named = {e for _, rel, _ in bands for e in (rel["a"], rel["b"])}
    values = figures.loc[figures["entity"].isin(named), [c for c in _READ if c in figures]]
    values = values[values["low"].notna() & values["high"].notna()]
    # only figures of a metric some statement reads become records (each was one before)
    metrics = {str(rel["metric"]) for _, rel, _ in bands}
    fitting = [
        m
        for m in values["metric"].unique()
        if any(_fits(metric, str(m), config.metric_dimensions) for metric in metrics)
    ]
    values = values[values["metric"].isin(fitting).to_numpy(dtype=bool)]
    values = values[_on_band_pages(values, bands)]  # ~1 figure in 12 on the synthetic pages
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for record in records(values):
        by_entity.setdefault(record["entity"], []).append(record)
    keyed: list[Keyed] = []
    for at, rel, width in bands:
        found = _against_pages(rel, width, by_entity, config.metric_dimensions)
        keyed += [((5, at, n), f) for n, f in enumerate(found)]
    return keyed


def _on_band_pages(values: pd.DataFrame, bands: list[tuple[int, dict[str, Any], float]]) -> Any:
    """Which figures stand on a page that gives figures of both entities of some band
    statement: `_against_pages` reads a page only where one of its keys holds both."""
    partners: dict[Any, set[Any]] = {}
    for _, rel, _ in bands:
        partners.setdefault(rel["a"], set()).add(rel["b"])
        partners.setdefault(rel["b"], set()).add(rel["a"])
    sources = [str(s) for s in values["source"].tolist()]  # pages as `_against_pages` keys them
    on_page: dict[str, set[Any]] = {}
    for source, entity in zip(sources, values["entity"].tolist(), strict=True):
        on_page.setdefault(source, set()).add(entity)
    kept = {s for s, named in on_page.items() if any(partners.get(e, set()) & named for e in named)}
    return [source in kept for source in sources]


def _against_pages(
    rel: dict[str, Any],
    width: float,
    by_entity: dict[str, list[dict[str, Any]]],
    dimensions: dict[str, str],
) -> list[Finding]:
    """One finding per other page whose every pair of a's and b's figures is far apart."""
    metric = str(rel["metric"])
    side: dict[tuple[str, str, str], dict[str, list[dict[str, Any]]]] = {}
    for entity in (rel["a"], rel["b"]):
        for f in by_entity.get(entity, []):
            if _fits(metric, str(f["metric"]), dimensions):
                key = (str(f["source"]), str(f["metric"]), str(f["qualifier"] or ""))
                side.setdefault(key, {}).setdefault(entity, []).append(f)
    pages: dict[str, list[tuple[dict[str, Any], dict[str, Any], float, float]]] = {}
    blocked: set[str] = set()
    for (source, _, _), sides in side.items():
        if len(sides) < 2:
            continue
        for x in sides[rel["a"]]:
            for y in sides[rel["b"]]:
                gaps = _gaps(x, y)
                if gaps is None or not _far(gaps, width):
                    blocked.add(source)  # one pair near the band: the page agrees
                elif x["low"] == x["high"] and y["low"] == y["high"]:
                    pages.setdefault(source, []).append((x, y, *gaps))
                # a bound or range far off ("250+" batched) neither confirms nor contradicts
    if str(rel["source"]) in pages or str(rel["source"]) in blocked:
        return []  # the statement's own page measures both: the same-page rules read it
    return [
        _finding(rel, width, source, pairs)
        for source, pairs in sorted(pages.items())
        if source not in blocked
    ]


def _far(gaps: tuple[float, float], width: float) -> bool:
    nearest, plain = gaps
    return nearest > width + BAND_POINTS and plain > max(2 * width, BAND_MIN_GAP)


def _finding(
    rel: dict[str, Any],
    width: float,
    source: str,
    pairs: list[tuple[dict[str, Any], dict[str, Any], float, float]],
) -> Finding:
    closest = min(pairs, key=lambda p: p[3])
    x, y, _, plain = closest
    explanation = (
        f"{rel['raw_value']!r} on {rel['source']} puts {rel['a']} and {rel['b']} within "
        f"{width * 100:.0f} % of each other, but {source} measures {x['raw_value']!r} vs "
        f"{y['raw_value']!r} ({plain * 100:.1f} % apart)"
        + (f" and {len(pairs) - 1} more pair(s) as far apart" if len(pairs) > 1 else "")
        + "."
    )
    claims: Iterable[str] = [
        rel["claim_id"],
        *(c for p in pairs for c in (p[0]["claim_id"], p[1]["claim_id"])),
    ]
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.CROSS_SOURCE,
        Severity.MEDIUM,
        f"{rel['a']} + {rel['b']}",
        str(rel["metric"]),
        None,
        explanation,
        claims,
        rule="stated band",
    )
