"""`conflict` across sources for rated figures: a figure that no variant of the product has.

A product's rated figures (peak FLOP/s or OP/s, clock rates) depend on its variant (PCIe or
SXM, 40 or 80 GB) and on a condition the page may name or not (tensor cores, sparsity), never
on a benchmark setup. One page's figure with fewer qualifiers than another's may mean any of
them, so the conflict rule (same qualifier) cannot set it against them; but a figure outside
the whole range the other sources give for every variant and condition of that metric, by
`variant_margin` or more, fits none of them: 1.52 PFLOP/s of TF32 beside 156 TFLOP/s dense and
312 TFLOP/s sparse elsewhere. A measured figure (req/s, latency) is never set against other
pages' figures this way: there the setup, not the variant, decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import metric_name
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_KEYS = ["entity", "metric", "unit"]


def _parts(qualifier: object) -> frozenset[str]:
    """The qualifier's parts ("sxm 40gb; tensor sparse" → {"sxm 40gb", "tensor sparse"})."""
    text = str(qualifier or "")
    return frozenset(p.strip() for p in text.split(";") if p.strip())


def _side(row: pd.Series) -> str:
    figure = format_interval(row["low"], row["high"], row["unit"])
    written = str(row.get("raw_value") or "")
    shown = f"'{written}'" if written else figure
    where = f"{row['source']} {row['locator']}"
    qualifier = f", {row['qualifier']}" if row["qualifier"] else ""
    return f"{shown} = {figure}{qualifier} ({where})"


def _name(row: pd.Series) -> str:
    """The metric as a reader knows it: an automatic metric by its label ('TF32')."""
    metric = str(row["metric"])
    if metric.startswith("auto:") and row.get("label"):
        return str(row["label"])
    return metric_name(metric, None)


def _finding(row: pd.Series, others: pd.DataFrame, ratio: float, above: bool) -> Finding:
    side = "above the highest" if above else "below the lowest"
    extreme = others.loc[others["point"].idxmax() if above else others["point"].idxmin()]
    sources = others["source"].nunique()
    given = "other sources give" if sources > 1 else "another source gives"
    explanation = (
        f"{row['entity']} {_name(row)}: {_side(row)} is {ratio:.1f}× {side} of the "
        f"{len(others)} figures {given} for its variants and conditions ({_side(extreme)}): "
        "it fits none of them."
    )
    severity = Severity.HIGH if ratio >= 4.0 else Severity.MEDIUM
    return make_finding(
        FindingKind.CONFLICT,
        Scope.CROSS_SOURCE,
        severity,
        str(row["entity"]),
        str(row["metric"]),
        None,
        explanation,
        [row["claim_id"], *others["claim_id"]],
        rule="variant_range",
    )


def find_variant_outliers(comparable: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Rated figures (config.rated_units) outside, by config.variant_margin or more, the range
    of every more specific or equal figure of the entity and metric on other sources, when
    at least one of those is more specific (equal qualifiers are the conflict rule's)."""
    if comparable.empty:
        return []
    df = comparable[comparable["unit"].isin(config.rated_units)]
    df = df[np.isfinite(df["point"].to_numpy(dtype=float)) & (df["point"] > 0)]
    if df.empty:
        return []
    several = df.groupby(_KEYS, sort=False)["source"].transform("nunique") > 1
    df = df[several]
    findings: list[Finding] = []
    for _, group in df.groupby(_KEYS, sort=True):
        parts = [_parts(q) for q in group["qualifier"]]
        sources = group["source"].to_numpy(dtype=object)
        # the figures as arrays; a row and its others become frames only for a finding
        low, high = group["cmp_lo"].to_numpy(dtype=float), group["cmp_hi"].to_numpy(dtype=float)
        points = group["point"].to_numpy(dtype=float)
        for i, mine in enumerate(parts):
            wider = [j for j in range(len(group)) if sources[j] != sources[i] and mine <= parts[j]]
            if not wider or all(parts[j] == mine for j in wider):
                continue
            lowest, highest = _skipna(np.min, low[wider]), _skipna(np.max, high[wider])
            point = float(points[i])
            if low[i] > highest:
                ratio, above = point / float(points[wider].max()), True
            elif high[i] < lowest:
                ratio, above = float(points[wider].min()) / point, False
            else:
                continue
            if ratio >= config.variant_margin:
                findings.append(_finding(group.iloc[i], group.iloc[wider], ratio, above))
    return findings


def _skipna(reduce: Callable[[np.ndarray], Any], values: np.ndarray) -> float:
    """`reduce` over the values present (NaN when none is), as pandas' min and max."""
    present = values[~np.isnan(values)]
    return float(reduce(present)) if len(present) else float("nan")
