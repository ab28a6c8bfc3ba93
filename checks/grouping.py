"""Vectorized group operations shared by the rules.

At 10,000 pages there are hundreds of thousands of (page, entity, metric) groups: the rules
find the offending ones with groupby transforms and touch only those in Python.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd


def disagreeing(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Claims whose comparison interval lies wholly below the highest low end or wholly above
    the lowest high end of their group, in groups with at least two such claims."""
    if df.empty:
        return df
    grouped = df.groupby(keys, sort=False, dropna=False)
    max_lo = grouped["cmp_lo"].transform("max")
    min_hi = grouped["cmp_hi"].transform("min")
    bad = df[(df["cmp_hi"] < max_lo) | (df["cmp_lo"] > min_hi)]
    if bad.empty:
        return bad
    size = bad.groupby(keys, sort=False, dropna=False)["claim_id"].transform("size")
    return bad[size >= 2]


def representatives(df: pd.DataFrame, side_keys: list[str]) -> pd.DataFrame:
    """Per side (a source, a qualifier…), the claim closest to that side's median point;
    ties go to the first row (facts arrive sorted by claim id, so this is deterministic)."""
    if df.empty:
        return df
    grouped = df.groupby(side_keys, sort=False, dropna=False)
    distance = (df["point"] - grouped["point"].transform("median")).abs()
    # Group by the integer group number: the string keys are factorized once, not twice.
    chosen = distance.groupby(grouped.ngroup(), sort=False).idxmin()
    return df.loc[np.sort(chosen.to_numpy())]


def with_several(df: pd.DataFrame, keys: list[str], column: str, at_least: int = 2) -> pd.DataFrame:
    """Rows of groups in which `column` takes at least `at_least` distinct values."""
    if df.empty:
        return df
    distinct = df.groupby(keys, sort=False, dropna=False)[column].transform("nunique")
    return df[distinct >= at_least]


def members_of(df: pd.DataFrame, keys: list[str], labels: pd.Index) -> list[np.ndarray]:
    """Row positions in `df` of the whole group (by `keys`) of each row label in `labels`:
    cheaper than groupby().indices when only a few of very many groups are wanted."""
    if df.empty:
        return [np.empty(0, dtype=np.intp) for _ in labels]
    ids = df.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    order = np.argsort(ids, kind="stable")
    starts = np.searchsorted(ids[order], np.arange(ids.max() + 2))
    wanted = ids[df.index.get_indexer(labels)]
    return [order[starts[g] : starts[g + 1]] for g in wanted]


def groups(df: pd.DataFrame, keys: list[str]) -> Iterator[tuple[tuple, pd.DataFrame]]:
    """(key, rows) of each group, in sorted key order, without materializing empty groups."""
    for key, at in group_positions(df, keys):
        yield key, df.iloc[at]


def group_positions(df: pd.DataFrame, keys: list[str]) -> list[tuple[tuple, np.ndarray]]:
    """(key, row positions) of each group in the order of `groups`, for rules that read the
    rows from column arrays (checks.columns) rather than slicing the frame per group."""
    if df.empty:
        return []
    positions = df.groupby(keys, sort=True, dropna=False).indices
    return [(key, positions[key]) for key in sorted(positions, key=_sortable)]


def _sortable(key: object) -> tuple:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple((p is None or p != p, "" if p is None or p != p else str(p)) for p in parts)
