"""Places of a page that tell a same-page conflict's figures apart themselves: one table row
or one narrated sentence holding the group's two extremes, and blocks of one layout repeated
down a page (a series of runs).

Why: a reviewer who meets "12 fps vs 40 fps" quoted from one sentence, or the eight runs of a
benchmark tool's output set against each other, stops trusting the conflicts; these are the
shapes real pages gave (checks.conflict reads them).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.extremes import first_extremes

__all__ = ["extremes_told_apart", "series_of_blocks"]

_CHARS = re.compile(r"\s+chars\s+\d+-\d+$")
_SERIES_BLOCKS = 3  # blocks of one layout, one figure each, that make a series of runs


def extremes_told_apart(rows: Columns, at: np.ndarray) -> bool:
    """Whether the lowest and the highest figure of a group sit in one place that tells them
    apart itself: one table row (its columns, 'pnpm' and a marked 'pnpm 🦀', are other
    measures) or one narrated sentence ("12 fps with the mechanical shutter but 40 fps with
    the electronic one": a writer who gives one measure two figures in a sentence names two
    quantities). Quoting such a place against itself is no conflict."""
    lo, hi = (at[i] for i in first_extremes(rows["point"][at]))
    row_keys = rows["row_key"]
    if not (pd.isna(row_keys[lo]) or pd.isna(row_keys[hi])):
        return bool(row_keys[lo] == row_keys[hi])
    if not (pd.isna(row_keys[lo]) and pd.isna(row_keys[hi])):
        return False
    locators = [_CHARS.sub("", str(rows["locator"][i])) for i in (lo, hi)]
    return locators[0] == locators[1] and str(rows["evidence"][lo]) == str(rows["evidence"][hi])


def _block(locator: object) -> str:
    """The block (a table, a run of stat cards) a laid-out figure's locator names first."""
    return str(locator).split(" / ", 1)[0]


def series_of_blocks(rows: Columns, at: np.ndarray) -> bool:
    """Whether the group's figures are laid out under one label, as many in each of three or
    more blocks (tables, stat cards), with three different values or more: blocks of one
    layout repeated down a page report a series of runs (other loads, servers or tools the
    reader did not name), not one measure stated three ways. (One block off the others'
    common value is still a conflict: two values only.)"""
    if len(at) < _SERIES_BLOCKS or pd.isna(rows["row_key"][at]).any():
        return False
    labels = {str(label).strip().casefold() for label in rows["label"][at]}
    if len(labels) != 1 or len(set(rows["point"][at].tolist())) < _SERIES_BLOCKS:
        return False
    per_block: dict[str, int] = {}
    for locator in rows["locator"][at]:
        block = _block(locator)
        per_block[block] = per_block.get(block, 0) + 1
    return len(per_block) >= _SERIES_BLOCKS and len(set(per_block.values())) == 1
