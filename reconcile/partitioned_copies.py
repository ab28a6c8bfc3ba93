"""Copy detection by partitions: the copy groups and near_duplicate findings of
`reconcile_facts`, with pages cut by source, band keys cut by key and candidate pairs cut by
pair, so no task holds every page's figures or sketch.

Each function is one task of that plan (crosscheck.dask_copies drives them): a source
partition yields its pages' fingerprints, band keys and, for the pairs that need them, their
shingles, sketches and figure keys; a band-key partition proposes the pairs that share a key;
a pair partition verifies its pairs with the same rule as the one-process run. Every hash is
stable (reconcile.lsh), so the cut never changes a key or a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from crosscheck.reconcile.copies import (
    CopyConfig,
    Representatives,
    _exact_pairs,
    _shingles,
    _verified_pairs,
    candidate_rows,
    fingerprints,
    rep_rows,
)
from crosscheck.reconcile.duplicates import (
    FigureKeys,
    TextCopy,
    TextCopyConfig,
    copy_findings,
    figure_keys,
    shares_figures,
    verify_text_pairs,
)
from crosscheck.reconcile.lsh import (
    bucket_pairs,
    candidate_pairs,
    sketch_band_keys,
    sketch_band_pairs,
)

from crosscheck.contracts import FINDING_COLUMNS, PASSAGE_COLUMNS, stable_id

_EMPTY_U64 = np.empty(0, dtype=np.uint64)


@dataclass
class SourceCopies:
    """One source partition's copy material: its pages' figure shingles (stable hashes),
    figure keys (for the near_duplicate rule) and passages (one row per source)."""

    names: np.ndarray
    src: np.ndarray
    shingle: np.ndarray
    keys: FigureKeys = field(default_factory=dict)
    passages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PASSAGE_COLUMNS))


def open_sources(facts: pd.DataFrame, passages: pd.DataFrame | None) -> SourceCopies:
    """The copy material of a partition of facts and passages cut by source."""
    facts = facts.reset_index(drop=True)
    if facts.empty:
        names, src, shingle = np.empty(0, dtype=object), np.empty(0, dtype=np.int64), _EMPTY_U64
    else:
        names, src, shingle = _shingles(facts)
    if passages is None:
        passages = pd.DataFrame(columns=PASSAGE_COLUMNS)
    passages = passages.drop_duplicates("source").reset_index(drop=True)
    return SourceCopies(names, src, shingle, figure_keys(facts), passages)


def source_fingerprints(part: SourceCopies) -> pd.DataFrame:
    """Per source of the partition: shingles and set fingerprint (copies.fingerprints)."""
    return fingerprints(part.names, part.src, part.shingle)


def _reps(first: np.ndarray) -> Representatives:
    """The part of the run's representatives a source partition needs: their names."""
    empty = np.empty(0, dtype=np.int64)
    return Representatives(np.empty(0, dtype=object), empty, first, empty)


def rep_shingles(
    part: SourceCopies, first: np.ndarray, wanted: np.ndarray | None = None
) -> pd.DataFrame:
    """(rep, shingle) rows of the representatives (named by `first`) in this partition,
    only those in `wanted` if given."""
    rep, shingle = rep_rows(part.names, part.src, part.shingle, _reps(first))
    if wanted is not None:
        keep = np.isin(rep, wanted)
        rep, shingle = rep[keep], shingle[keep]
    return pd.DataFrame({"rep": rep, "shingle": shingle})


def figure_band_rows(part: SourceCopies, first: np.ndarray, config: CopyConfig) -> pd.DataFrame:
    """The band-key rows (band, key, member = run-wide rep number, bucket) of the
    partition's representatives."""
    rep, shingle = rep_rows(part.names, part.src, part.shingle, _reps(first))
    members, local = np.unique(rep, return_inverse=True)
    if not len(members):
        return pd.DataFrame({"band": [], "key": [], "member": [], "bucket": []}).astype(
            {"band": np.int64, "key": np.uint64, "member": np.int64, "bucket": np.uint64}
        )
    return candidate_rows(local.astype(np.int64), shingle, config, members)


def figure_band_pairs(rows: pd.DataFrame, all_pairs_max: int) -> pd.DataFrame:
    """Candidate pairs (a < b) of one band-key partition (lsh.bucket_pairs)."""
    pairs = bucket_pairs(rows, all_pairs_max)
    return pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]})


def pair_members(pairs: pd.DataFrame) -> np.ndarray:
    """The representatives a pair partition needs the shingles of."""
    return np.unique(np.r_[pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64)])


def _rows(pieces: tuple[pd.DataFrame, ...]) -> tuple[np.ndarray, np.ndarray]:
    present = [p for p in pieces if len(p)]
    if not present:
        return np.empty(0, dtype=np.int64), _EMPTY_U64
    rows = pd.concat(present, ignore_index=True)
    rep, shingle = rows["rep"].to_numpy(np.int64), rows["shingle"].to_numpy(np.uint64)
    order = np.lexsort((shingle, rep))
    return rep[order], shingle[order]


def verify_figure_pairs(pairs: pd.DataFrame, *pieces: pd.DataFrame) -> pd.DataFrame:
    """The shared shingles (a, b, inter) of one pair partition's candidates, deduplicated;
    `pieces`: the shingles of their representatives from every source partition."""
    unique = np.unique(pairs[["a", "b"]].to_numpy(np.int64).reshape(-1, 2), axis=0)
    rep, shingle = _rows(pieces)
    if not len(unique):
        return pd.DataFrame({"a": unique[:, 0], "b": unique[:, 1], "inter": unique[:, 0]})
    reps, dense = np.unique(rep, return_inverse=True)
    local = np.searchsorted(reps, unique)
    found = _verified_pairs(dense.astype(np.int64), shingle, local)
    return found.assign(a=reps[found["a"].to_numpy()], b=reps[found["b"].to_numpy()])


def exact_figure_pairs(*pieces: pd.DataFrame) -> pd.DataFrame:
    """Every pair of representatives sharing a shingle (few representatives: one task)."""
    rep, shingle = _rows(pieces)
    return _exact_pairs(rep, shingle)


def text_band_keys(part: SourceCopies, config: TextCopyConfig) -> pd.DataFrame:
    """(page, key) rows of the partition's sketches (lsh.sketch_band_keys)."""
    passages = part.passages
    pages = passages["source"].astype(str).to_numpy(dtype=object)
    return sketch_band_keys(pages, passages["sketch"].tolist(), config.candidate_hashes)


def text_band_pairs(keys: pd.DataFrame, config: TextCopyConfig) -> pd.DataFrame:
    """Pairs sharing keys of one key partition, with how many (lsh.sketch_band_pairs)."""
    return sketch_band_pairs(keys, config.max_pages_per_shingle)


def text_candidates(found: pd.DataFrame, config: TextCopyConfig) -> pd.DataFrame:
    """The candidate pairs of one pair partition: at least `min_sketch_hits` shared keys
    (the partition holds every key partition's rows of its pairs)."""
    return candidate_pairs([found], config.min_sketch_hits)


def pair_material(part: SourceCopies, pairs: pd.DataFrame) -> tuple[pd.DataFrame, FigureKeys]:
    """The passages and figure keys of this partition's pages that `pairs` name."""
    wanted = set(pairs["a"]) | set(pairs["b"])
    passages = part.passages[part.passages["source"].astype(str).isin(wanted)]
    return passages, {s: k for s, k in part.keys.items() if s in wanted}


def verify_text(
    pairs: pd.DataFrame, config: TextCopyConfig, *material: tuple[pd.DataFrame, FigureKeys]
) -> tuple[list[TextCopy], pd.DataFrame]:
    """One pair partition's text copies that give a figure alike, and their near_duplicate
    findings, by the one-process rule (duplicates.verify_text_pairs, shares_figures)."""
    present = [m[0] for m in material if len(m[0])]
    if not len(pairs) or not present:
        return [], copy_findings(None, None)
    passages = pd.concat(present, ignore_index=True)
    keys: FigureKeys = {}
    for _, part_keys in material:
        keys.update(part_keys)
    index = pd.Index(passages["source"].astype(str))
    rows = np.c_[index.get_indexer(pairs["a"]), index.get_indexer(pairs["b"])]
    found = [p for p in verify_text_pairs(passages, rows, config) if shares_figures(keys, p)]
    return found, copy_findings(passages, None, config, found, keys)


def ordered_findings(pairs: list[TextCopy], found: list[pd.DataFrame], kind: str) -> pd.DataFrame:
    """Pair partitions' near_duplicate findings in the one-process order (by copy, original)."""
    present = [f for f in found if len(f)]
    if not present:
        return copy_findings(None, None)
    merged = pd.concat(present, ignore_index=True)
    rank = {stable_id(kind, "text", p.copy, p.original): i for i, p in enumerate(pairs)}
    order = np.argsort(merged["finding_id"].map(rank).to_numpy(dtype=np.int64), kind="stable")
    return merged.iloc[order].reset_index(drop=True)[FINDING_COLUMNS]


__all__ = [
    "SourceCopies",
    "exact_figure_pairs",
    "figure_band_pairs",
    "figure_band_rows",
    "open_sources",
    "ordered_findings",
    "pair_material",
    "pair_members",
    "rep_shingles",
    "source_fingerprints",
    "text_band_keys",
    "text_band_pairs",
    "text_candidates",
    "verify_figure_pairs",
    "verify_text",
]
