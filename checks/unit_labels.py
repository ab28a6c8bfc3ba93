"""Figures whose only label is their own unit ("140.45 MiB/s]" read alone off a tool's output
line, labelled "MiB/s"): the open-vocabulary metric made of that label names no measurement,
so two such figures of an entity are no two readings of one metric to set against each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from crosscheck.contracts import AUTO_METRIC_PREFIX

# An open-vocabulary metric whose name holds no letter ("auto:1:count", made of the figure
# itself: an enum's "(InfoLevel, 1)") names no measure either.
_NAMELESS = re.compile(r"^auto:[^:]*:")
_LETTER = re.compile(r"[^\W\d_]")
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


def open_metric_rows(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether its metric is an open-vocabulary one (named from its own label)."""
    metrics = df["metric"]
    named = [m for m in metrics.unique() if str(m).startswith(AUTO_METRIC_PREFIX)]
    return np.asarray(metrics.isin(named).to_numpy(dtype=bool))


def judged_text_pairs(
    df: pd.DataFrame,
    rows: np.ndarray,
    columns: tuple[str, str],
    judge: Callable[[str, str], bool],
) -> np.ndarray:
    """Per row, `judge` of its two text cells where `rows` holds (each distinct pair judged
    once: the same label recurs on many rows); False elsewhere and where a cell is no text."""
    out = np.zeros(len(df), dtype=bool)
    if not rows.any():
        return out
    at = np.flatnonzero(rows)
    firsts = df[columns[0]].to_numpy(dtype=object)[at]
    seconds = df[columns[1]].to_numpy(dtype=object)[at]
    seen: dict[tuple[object, object], bool] = {}
    for k, pair in enumerate(zip(firsts, seconds, strict=True)):
        hit = seen.get(pair)
        if hit is None:
            first, second = pair
            hit = seen[pair] = (
                isinstance(first, str) and isinstance(second, str) and judge(first, second)
            )
        out[at[k]] = hit
    return out


def unit_labelled(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a narrated figure's open-vocabulary metric has only its written unit
    for a label."""
    if df.empty or not {"metric", "label", "raw_value"} <= set(df.columns):
        return np.zeros(len(df), dtype=bool)
    auto = open_metric_rows(df)
    if "row_key" in df.columns:  # a table's column names its figures' measurement
        auto = auto & df["row_key"].isna().to_numpy(dtype=bool)
    return judged_text_pairs(df, auto, ("raw_value", "label"), _own_unit)


def nameless_metrics(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether its metric is open-vocabulary and its name holds no letter."""
    if df.empty or "metric" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    names = pd.unique(df["metric"].astype(str))
    bare = {m for m in names if _NAMELESS.match(m) and not _LETTER.search(m.split(":")[1])}
    return df["metric"].isin(bare).to_numpy(dtype=bool) if bare else np.zeros(len(df), bool)
