"""Narrated figures that are no side of a conflict: sentences written alike but for their
numbers that each give one entity two different figures of one metric ("handles 104 queries
per second with 2.2 million records", then "46 ... with 28 million", all read as
"capacity"), and a figure whose entity is only its own label ("Monthly storage: ~15TB", the
label read as the entity, so two products' list items became one "entity").

Why: a sentence that gives one name two figures of one measure names two quantities the
reader did not tell apart (checks.conflict already drops a group made of one such
sentence); repeated with other numbers, it reports a series of runs, each with its own
condition. A label read as the entity names no product: its figures may be any product's
of the section around them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.unit_labels import judged_text_pairs, open_metric_rows

__all__ = ["label_entities", "several_in_one_sentence"]

_NOT_WORD = re.compile(r"[\W_]+")
_NUMBER = r"\d[\d,. ]*"


def several_in_one_sentence(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per row, whether a narrated figure's sentence gives its key (`keys`: the page, entity,
    metric...) two or more different figures, and another sentence of the key is written
    alike but for its numbers."""
    out = np.zeros(len(df), dtype=bool)
    if df.empty or "evidence" not in df.columns or "point" not in df.columns:
        return out
    narrated = df["evidence"].notna().to_numpy(dtype=bool, copy=True)
    if "row_key" in df.columns:  # a table's row gives each column's measure once
        narrated &= df["row_key"].isna().to_numpy(dtype=bool)
    if not narrated.any():
        return out
    at = np.flatnonzero(narrated)
    sub = df.iloc[at]
    columns = [*keys, "evidence"]
    counts = sub.groupby(columns, sort=False, dropna=False)["point"].transform("nunique")
    several = counts.to_numpy(copy=True) >= 2
    if not several.any():
        return out
    # only sentences written alike but for their numbers, twice or more: a series of runs
    # each with its own condition ("handles 104 ... with 2.2 million records", then "46 ...
    # with 28 million"); one such sentence alone may be a worked example of one measure
    runs = sub[several]
    shapes = runs["evidence"].astype(str).str.replace(_NUMBER, "#", regex=True)
    alike = (
        runs.assign(_shape=shapes.to_numpy())
        .groupby([*keys, "_shape"], sort=False, dropna=False)["evidence"]
        .transform("nunique")
    )
    out[at[np.flatnonzero(several)]] = alike.to_numpy(copy=True) >= 2
    return out


def _folded(text: object) -> str:
    return _NOT_WORD.sub(" ", str(text)).strip().lower()


def label_entities(df: pd.DataFrame) -> np.ndarray:
    """Per row, whether a figure of an open-vocabulary metric has its own label for entity."""
    if df.empty or not {"entity", "label", "metric"} <= set(df.columns):
        return np.zeros(len(df), dtype=bool)
    return judged_text_pairs(df, open_metric_rows(df), ("entity", "label"), _same_words)


def _same_words(entity: str, label: str) -> bool:
    folded = _folded(label)
    return bool(folded) and _folded(entity) == folded
