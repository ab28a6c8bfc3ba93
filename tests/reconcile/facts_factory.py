"""Hand-made facts frames with FACT_COLUMNS for reconcile tests: one line per claim."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from crosscheck.contracts import FACT_COLUMNS, stable_id

SHA = "0" * 64


def fact(
    source: str,
    entity: str,
    metric: str,
    low: float | None,
    high: float | None = None,
    *,
    bound: str | None = "exact",
    unit: str | None = "req/s",
    qualifier: str = "",
    raw: str | None = None,
    role: str = "value",
    text: str | None = None,
    label: str | None = None,
) -> dict[str, Any]:
    """A numeric fact (or a categorical one when `text` is given) as a FACT_COLUMNS row."""
    categorical = text is not None
    if high is None and low is not None:
        high = math.inf if bound == "at_least" else low
    raw = raw if raw is not None else (text if categorical else f"{low:g}")
    return {
        "source": source,
        "page_sha256": SHA,
        "page_title": source,
        "entity_raw": entity,
        "counterpart_raw": None,
        "label": label or metric.replace("_", " ").title(),
        "unit_hint": None,
        "raw_value": raw,
        "role": role,
        "location_kind": "table_cell",
        "evidence": raw,
        "value_start": 0,
        "entity": entity,
        "entity_qualifier": None,
        "metric": metric,
        "qualifier": qualifier,
        "value_type": "categorical" if categorical else "numeric",
        "low": None if categorical else low,
        "high": None if categorical else high,
        "bound": None if categorical else bound,
        "unit": None if categorical else unit,
        "dimension": None,
        "text_value": text,
        "note": None,
        "alt_low": None,
        "alt_high": None,
        "repairs": 0,
    }


def facts_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """FACT_COLUMNS in order, with a stable claim id and locator per row."""
    records = []
    for i, row in enumerate(rows):
        locator = f"table 1 / row {i + 1}"
        records.append(
            {
                **row,
                "locator": locator,
                "row_key": locator,
                "claim_id": stable_id(row["source"], locator, row["role"]),
            }
        )
    frame = pd.DataFrame(records, columns=FACT_COLUMNS)
    return frame.astype({"low": float, "high": float, "alt_low": float, "alt_high": float})


def page(source: str, rows: list[tuple[str, str, float, str]], **kwargs: Any) -> list[dict]:
    """Several numeric facts of one page: (entity, metric, value, raw text) each."""
    return [fact(source, e, m, v, raw=raw, **kwargs) for e, m, v, raw in rows]
