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
    stable_text_hash,
)

from crosscheck.contracts import FINDING_COLUMNS, PASSAGE_COLUMNS, stable_id

_EMPTY_U64 = np.empty(0, dtype=np.uint64)
FIGURE_KEY_COLUMNS = ["source", "entity", "metric", "qualifier", "raw_value", "claim_id"]


@dataclass
class SourceCopies:
    """One source partition's copy material: its pages' figure shingles (stable hashes), the
    facts' figure key columns (read only for pages in a text copy pair) and passages (one row
    per source)."""

    names: np.ndarray
    src: np.ndarray
    shingle: np.ndarray
    facts: pd.DataFrame  # the columns of figure keys (duplicates.figure_keys), for text pairs
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
    columns = [c for c in FIGURE_KEY_COLUMNS if c in facts.columns]
    return SourceCopies(names, src, shingle, facts[columns], passages)


def source_fingerprints(part: SourceCopies) -> pd.DataFrame:
    """Per source of the partition: shingles and set fingerprint (copies.fingerprints)."""
    return fingerprints(part.names, part.src, part.shingle)


def _reps(first: np.ndarray) -> Representatives:
    """The part of the run's representatives a source partition needs: their names."""
    empty = np.empty(0, dtype=np.int64)
    return Representatives(np.empty(0, dtype=object), empty, first, empty)


def rep_shingles(
    part: SourceCopies, first: np.ndarray, wanted: pd.DataFrame | None = None
) -> pd.DataFrame:
    """(rep, shingle) rows of the representatives (named by `first`) in this partition,
    only those the pairs `wanted` name if given."""
    rep, shingle = rep_rows(part.names, part.src, part.shingle, _reps(first))
    if wanted is not None:
        keep = np.isin(rep, pair_members(wanted))
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


def cut_hashed(frame: pd.DataFrame, column: str, n: int) -> list[pd.DataFrame]:
    """`frame` cut into `n` by a column of stable 64-bit hashes or integers (value mod n)."""
    part = (frame[column].to_numpy(dtype=np.uint64) % np.uint64(n)).astype(np.int64)
    return [frame[part == i] for i in range(n)]


def cut_named(frame: pd.DataFrame, column: str, n: int) -> list[pd.DataFrame]:
    """`frame` cut into `n` by a column of page names (stable siphash of the text)."""
    return cut_hashed(frame.assign(_at=stable_text_hash(frame[column])), "_at", n)


def piece(i: int, cuts: tuple[list[pd.DataFrame], ...]) -> pd.DataFrame:
    """Bucket `i` of every cut (the reduce side of a shuffle)."""
    present = [c[i] for c in cuts if len(c[i])]
    if not present:
        return cuts[0][i] if cuts else pd.DataFrame()
    return pd.concat(present, ignore_index=True)


def figure_band_cut(
    part: SourceCopies, first: np.ndarray, config: CopyConfig, n: int
) -> list[pd.DataFrame]:
    """The partition's band-key rows cut by (band, key) bucket."""
    return cut_hashed(figure_band_rows(part, first, config), "bucket", n)


def figure_pair_cut(i: int, all_pairs_max: int, n: int, *cuts: list[pd.DataFrame]) -> list:
    """Band-key partition `i`: the pairs (a < b) its buckets propose (lsh.bucket_pairs),
    cut by pair (by `a`: every row of a pair goes to one partition)."""
    pairs = bucket_pairs(piece(i, cuts), all_pairs_max)
    return cut_hashed(pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1]}), "a", n)


def figure_pairs(i: int, *cuts: list[pd.DataFrame]) -> pd.DataFrame:
    """Pair partition `i`: its candidate pairs, each once."""
    found = piece(i, cuts)
    pairs = found[["a", "b"]].to_numpy(np.int64).reshape(-1, 2) if len(found) else np.empty((0, 2))
    unique = np.unique(pairs.astype(np.int64), axis=0)
    return pd.DataFrame({"a": unique[:, 0], "b": unique[:, 1]})


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
    """The shared shingles (a, b, inter) of one pair partition's candidates (`figure_pairs`);
    `pieces`: the shingles of their representatives from every source partition."""
    unique = pairs[["a", "b"]].to_numpy(np.int64).reshape(-1, 2)
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


def _page_ids(passages: pd.DataFrame) -> np.ndarray:
    """A 64-bit id per page (stable hash of its name): 16 bytes per band-key row, not a name."""
    return stable_text_hash(passages["source"].astype(str))


def text_key_cut(part: SourceCopies, config: TextCopyConfig, n: int) -> list[pd.DataFrame]:
    """(page id, key) rows of the partition's sketches (lsh.sketch_band_keys), cut by key."""
    passages = part.passages
    keys = sketch_band_keys(
        _page_ids(passages), passages["sketch"].tolist(), config.candidate_hashes
    )
    return cut_hashed(keys, "key", n)


def text_pair_cut(
    i: int, config: TextCopyConfig, n: int, *cuts: list[pd.DataFrame]
) -> list[pd.DataFrame]:
    """Key partition `i`: the pairs of page ids sharing its keys and how many
    (lsh.sketch_band_pairs; a key on more pages than `max_pages_per_shingle` is furniture),
    cut by pair."""
    found = sketch_band_pairs(piece(i, cuts), config.max_pages_per_shingle)
    return cut_hashed(found, "a", n)


def text_candidates(i: int, config: TextCopyConfig, *cuts: list[pd.DataFrame]) -> pd.DataFrame:
    """Pair partition `i`: the pairs with at least `min_sketch_hits` keys in common, summed
    over every key partition's rows of the pair."""
    return candidate_pairs([piece(i, cuts)], config.min_sketch_hits)[["a", "b", "hits"]]


def _sources(pairs: list[TextCopy]) -> set[str]:
    return {s for p in pairs for s in (p.copy, p.original)}


def pair_material(part: SourceCopies, pairs: pd.DataFrame | list[TextCopy]) -> pd.DataFrame:
    """The passages of this partition's pages that `pairs` name (page ids, or text copies)."""
    passages = part.passages
    if isinstance(pairs, pd.DataFrame):
        wanted = np.r_[pairs["a"].to_numpy(np.uint64), pairs["b"].to_numpy(np.uint64)]
        return passages[np.isin(_page_ids(passages), wanted)]
    return passages[passages["source"].astype(str).isin(_sources(pairs))]


def pair_keys(part: SourceCopies, pairs: list[TextCopy]) -> tuple[pd.DataFrame, FigureKeys]:
    """The passages and figure keys (duplicates.figure_keys) of this partition's pages that
    `pairs` name."""
    facts = part.facts
    keys = figure_keys(facts[facts["source"].astype(str).isin(_sources(pairs))])
    return pair_material(part, pairs), keys


def _concat(parts: tuple[pd.DataFrame, ...]) -> pd.DataFrame:
    present = [p for p in parts if len(p)]
    return (
        pd.concat(present, ignore_index=True) if present else pd.DataFrame(columns=PASSAGE_COLUMNS)
    )


def verify_text(
    pairs: pd.DataFrame, config: TextCopyConfig, *material: pd.DataFrame
) -> list[TextCopy]:
    """One pair partition's candidates that pass the text rule (duplicates.verify_text_pairs),
    with the passages of their pages from every source partition."""
    passages = _concat(material)
    if not len(pairs) or passages.empty:
        return []
    index = pd.Index(_page_ids(passages))
    a, b = pairs["a"].to_numpy(np.uint64), pairs["b"].to_numpy(np.uint64)
    rows = np.c_[index.get_indexer(a), index.get_indexer(b)]
    return verify_text_pairs(passages, rows, config)


def text_findings(
    pairs: list[TextCopy], config: TextCopyConfig, *material: tuple[pd.DataFrame, FigureKeys]
) -> tuple[list[TextCopy], pd.DataFrame]:
    """Of verified text pairs, those whose pages give a figure alike, and their near_duplicate
    findings; `material`: every source partition's `pair_keys`."""
    passages = _concat(tuple(m[0] for m in material))
    keys: FigureKeys = {}
    for _, part_keys in material:
        keys.update(part_keys)
    found = [p for p in pairs if shares_figures(keys, p)]
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
    "cut_hashed",
    "cut_named",
    "exact_figure_pairs",
    "figure_band_cut",
    "figure_pair_cut",
    "figure_pairs",
    "open_sources",
    "ordered_findings",
    "pair_keys",
    "pair_material",
    "piece",
    "rep_shingles",
    "source_fingerprints",
    "text_candidates",
    "text_findings",
    "text_key_cut",
    "text_pair_cut",
    "verify_figure_pairs",
    "verify_text",
]
