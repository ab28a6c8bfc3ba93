"""Vectorized group operations shared by the rules.

At 10,000 pages there are hundreds of thousands of (page, entity, metric) groups: the rules
find the offending ones with group transforms and touch only those in Python. Groups are
numbered from integer codes of the key columns (hashing strings again for every grouping
cost seconds); a frame can carry the codes of its keys (`with_codes`) so they are computed
once and survive row filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

_CODE_SUFFIX = ":code"


def code_column(name: str) -> str:
    """The name of the column holding the codes of column `name` (see `with_codes`)."""
    return name + _CODE_SUFFIX


def sorted_codes(values: pd.Series) -> np.ndarray:
    """Integer codes of `values` whose order is the order `group_positions` sorts keys in
    (by their text, missing last; ties in the values' own order); missing values get -1."""
    # Factorized unsorted (its sort cost 5x the hashing on a column of raw values) when no
    # two distinct values can share a text (numbers, or texts only): only then is the rank
    # by text independent of the order of the distinct values.
    codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=True)
    plain = uniques.dtype.kind in "Ofiub"  # elements alike as the Index gives them
    elements = np.asarray(uniques) if plain else uniques
    if uniques.dtype.kind not in "fiu" and not all(type(u) is str for u in elements):
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
        elements = np.asarray(uniques) if plain else uniques
    rank = np.empty(len(uniques), dtype=np.int64)
    # the texts made once (an Index element per comparison cost most of the coding)
    texts = [str(u) for u in elements]
    rank[sorted(range(len(uniques)), key=texts.__getitem__)] = np.arange(len(uniques))
    return np.where(codes < 0, -1, rank[np.maximum(codes, 0)]) if len(uniques) else codes


def with_codes(df: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """`df` with the codes of columns `names` alongside, for every later grouping on them."""
    return df.assign(**{code_column(name): sorted_codes(df[name]) for name in names})


def codes(df: pd.DataFrame, name: str) -> np.ndarray:
    """The codes of column `name` (-1 for missing): carried by the frame or computed now."""
    coded = code_column(name)
    return df[coded].to_numpy() if coded in df.columns else sorted_codes(df[name])


def _codes(df: pd.DataFrame, name: str) -> np.ndarray:
    """The codes of column `name` with missing values last, as a group key."""
    found = codes(df, name)
    return np.where(found < 0, found.max() + 1, found)


def _partition_codes(df: pd.DataFrame, name: str) -> np.ndarray:
    """Codes of column `name` that tell its values apart (missing last) in no particular
    order: the carried codes, else the values factorized unsorted (sorting the texts only
    matters for numbering groups in key order)."""
    if code_column(name) in df.columns:
        return _codes(df, name)
    found = pd.factorize(df[name], use_na_sentinel=True)[0].astype(np.int64)
    return np.where(found < 0, found.max() + 1, found) if len(found) else found


def group_ids(df: pd.DataFrame, keys: list[str], *, ordered: bool = True) -> np.ndarray:
    """The group number of each row by `keys`, numbered in sorted key order (missing last);
    `ordered=False` numbers them in order of appearance, cheaper when only the partition
    matters (the keys' texts are then never sorted)."""
    ids = np.zeros(len(df), dtype=np.int64)
    if ids.size == 0:
        return ids
    for key in keys:
        codes = _codes(df, key) if ordered else _partition_codes(df, key)
        size = int(codes.max()) + 1
        if int(ids.max()) >= (2**62) // size:  # keep the combined number in an int64
            ids = np.unique(ids, return_inverse=True)[1].astype(np.int64)
        ids = ids * size + codes
    if not ordered:
        return pd.factorize(ids)[0]
    return np.unique(ids, return_inverse=True)[1].reshape(-1)


def key_ids(frames: list[pd.DataFrame], keys: list[str]) -> list[np.ndarray] | None:
    """Per frame, one integer per row that names its `keys` alike in every frame (missing
    equals missing), from the codes the frames carry (`with_codes`: the frames must be cut
    from one coded frame); None when a frame lacks a key's codes."""
    if any(code_column(key) not in frame.columns for frame in frames for key in keys):
        return None
    ids = [np.zeros(len(frame), dtype=np.int64) for frame in frames]
    for key in keys:
        coded = [frame[code_column(key)].to_numpy().astype(np.int64) + 1 for frame in frames]
        size = max((int(c.max()) for c in coded if len(c)), default=0) + 1
        if max((int(i.max()) for i in ids if len(i)), default=0) >= (2**62) // size:
            joint = np.unique(np.concatenate(ids), return_inverse=True)[1].reshape(-1)
            ids = np.split(joint.astype(np.int64), np.cumsum([len(i) for i in ids])[:-1])
        ids = [i * size + c for i, c in zip(ids, coded, strict=True)]
    return ids


def disagreeing(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Claims whose comparison interval lies wholly below the highest low end or wholly above
    the lowest high end of their group, in groups with at least two such claims."""
    if df.empty:
        return df
    ids = group_ids(df, keys, ordered=False)
    max_lo = df["cmp_lo"].groupby(ids, sort=False).transform("max")
    min_hi = df["cmp_hi"].groupby(ids, sort=False).transform("min")
    bad = ((df["cmp_hi"] < max_lo) | (df["cmp_lo"] > min_hi)).to_numpy(copy=True)
    if not bad.any():
        return df[bad]
    size = np.bincount(ids[bad])
    bad[bad] = size[ids[bad]] >= 2
    return df[bad]


def representatives(df: pd.DataFrame, side_keys: list[str]) -> pd.DataFrame:
    """Per side (a source, a qualifier…), the claim closest to that side's median point;
    ties go to the first row (facts arrive sorted by claim id, so this is deterministic)."""
    if df.empty:
        return df
    ids = group_ids(df, side_keys, ordered=False)
    point = df["point"]
    distance = (point - point.groupby(ids, sort=False).transform("median")).abs()
    chosen = distance.groupby(ids, sort=False).idxmin()
    return df.loc[np.sort(chosen.to_numpy())]


def distinct_counts(df: pd.DataFrame, keys: list[str], column: str) -> np.ndarray:
    """Per row, how many distinct values `column` takes in the row's group by `keys`
    (missing values not counted, as by nunique)."""
    ids = group_ids(df, keys, ordered=False)
    values = _partition_codes(df, column)
    base = int(values.max()) + 1
    present = df[column].notna().to_numpy()
    # hashed, not sorted: 6x cheaper than np.unique, and only the distinct pairs matter
    pairs = pd.unique(ids[present] * base + values[present])
    return np.bincount(pairs // base, minlength=int(ids.max()) + 1)[ids]


def with_several(df: pd.DataFrame, keys: list[str], column: str, at_least: int = 2) -> pd.DataFrame:
    """Rows of groups in which `column` takes at least `at_least` distinct values."""
    if df.empty:
        return df
    return df[distinct_counts(df, keys, column) >= at_least]


def members_of(df: pd.DataFrame, keys: list[str], labels: pd.Index) -> list[np.ndarray]:
    """Row positions in `df` of the whole group (by `keys`) of each row label in `labels`:
    cheaper than groupby().indices when only a few of very many groups are wanted."""
    if df.empty:
        return [np.empty(0, dtype=np.intp) for _ in labels]
    ids = group_ids(df, keys, ordered=False)
    order = np.argsort(ids, kind="stable")
    starts = np.searchsorted(ids[order], np.arange(ids.max() + 2))
    wanted = ids[df.index.get_indexer(labels)]
    return [order[starts[g] : starts[g + 1]] for g in wanted]


def groups(df: pd.DataFrame, keys: list[str]) -> Iterator[tuple[tuple, pd.DataFrame]]:
    """(key, rows) of each group, in sorted key order, without materializing empty groups."""
    for key, at in group_positions(df, keys):
        yield key, df.iloc[at]


def group_positions(df: pd.DataFrame, keys: list[str]) -> list[tuple[tuple, np.ndarray]]:
    """(key, row positions) of each group in sorted key order (by text, missing last), for
    rules that read the rows from column arrays (checks.columns) rather than slicing the
    frame per group; a key holds the values of the group's first row."""
    if df.empty:
        return []
    ids = group_ids(df, keys)
    order = np.argsort(ids, kind="stable")
    bounds = np.flatnonzero(np.diff(ids[order])) + 1
    firsts = order[np.concatenate(([0], bounds))]
    key_values = zip(*(df[key].to_numpy()[firsts] for key in keys), strict=True)
    return list(zip(key_values, np.split(order, bounds), strict=True))


def linked_groups(pairs: list[tuple[int, int]]) -> list[list[int]]:
    """The groups of indices joined by `pairs` (connected components), each in index order,
    ordered by their root: the cross-page rules' one finding per set of agreeing pages."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for a, b in pairs:
        parent[root(a)] = root(b)
    linked: dict[int, list[int]] = {}
    for i in sorted(parent):
        linked.setdefault(root(i), []).append(i)
    return list(linked.values())
