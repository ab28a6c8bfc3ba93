"""Figures whose only label is their own unit ("140.45 MiB/s]" read alone off a tool's output
line, labelled "MiB/s"): the open-vocabulary metric made of that label names no measurement,
so two such figures of an entity are no two readings of one metric to set against each other.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from crosscheck.contracts import AUTO_METRIC_PREFIX

_LEADING_NUMBER = re.compile(r"^[^\d]*[\d.,'\s]*\d")
_SPACES = re.compile(r"\s+")


def _folded(text: str) -> str:
    return _SPACES.sub("", text).lower()


def _own_unit(raw: str, label: str) -> bool:
    """Whether the label is what the raw value writes after its number."""
    found = _LEADING_NUMBER.match(raw)
    if found is None:
        return False
    rest = _folded(raw[found.end() :]).strip("])")
    return bool(rest) and rest == _folded(label)


def unit_labelled(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a narrated figure's open-vocabulary metric has only its written unit
    for a label."""
    if df.empty or not {"metric", "label", "raw_value"} <= set(df.columns):
        return np.zeros(len(df), dtype=bool)
    metrics = df["metric"]
    named = [m for m in metrics.unique() if str(m).startswith(AUTO_METRIC_PREFIX)]
    auto = metrics.isin(named).to_numpy(dtype=bool)
    if "row_key" in df.columns:  # a table's column names its figures' measurement
        auto = auto & df["row_key"].isna().to_numpy(dtype=bool)
    out = np.zeros(len(df), dtype=bool)
    if not auto.any():
        return out
    at = np.flatnonzero(auto)
    raws = df["raw_value"].to_numpy(dtype=object)[at]
    labels = df["label"].to_numpy(dtype=object)[at]
    seen: dict[tuple[object, object], bool] = {}
    for k, pair in enumerate(zip(raws, labels, strict=True)):
        hit = seen.get(pair)
        if hit is None:
            raw, label = pair
            hit = seen[pair] = (
                isinstance(raw, str) and isinstance(label, str) and _own_unit(raw, label)
            )
        out[at[k]] = hit
    return out
