"""LSH band keys: pages that may be copies share a band key, so candidate pairs are found per
band-key partition and no process needs every page's sketch or figures.

Two families, both stable across processes and runs (numpy over stable 64-bit hashes, never
Python's salted `hash`): the smallest values of a page's bottom-k word 5-gram sketch (each a
min-wise sample, a band of one row, compared with a containment rule), and MinHash bands of
figure shingles (b bands × r rows, compared with a Jaccard rule). docs/reconcile.md gives the
parameters and the recall they give.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import group_starts

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: well-spread 64-bit values from any 64-bit input."""
    x = np.asarray(x, dtype=np.uint64)
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def stable_text_hash(values: pd.Series) -> np.ndarray:
    """A 64-bit hash per string, the same in every process and run (siphash with pandas' fixed
    key), computed once per distinct value."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    if len(uniques) == 0:
        return np.empty(0, dtype=np.uint64)
    texts = pd.Series(uniques, dtype=object).astype(str).to_numpy(dtype=object)
    return pd.util.hash_array(texts)[codes]


# --- band keys of word-shingle sketches (copies by content) -----------------------------------


def sketch_band_keys(
    pages: Sequence[object], sketches: Sequence[object], heads: int
) -> pd.DataFrame:
    """One row per (page, key): the `heads` smallest values of each page's bottom-k sketch.
    The i-th smallest value of one hash is a min-wise sample of the page's 5-grams, so a page
    and its copy share about heads × (shared 5-grams / larger page) of them whatever their
    sizes (aligned b × r bands would not: a copy that keeps a fifth of a page has a 5-gram
    Jaccard of 0.2 with it, but a containment of 1)."""
    heads_of = [np.asarray(s, dtype=np.uint64)[:heads] for s in sketches]
    sizes = np.array([len(h) for h in heads_of], dtype=np.int64)
    keys = np.concatenate(heads_of) if len(heads_of) else np.empty(0, dtype=np.uint64)
    return pd.DataFrame({"page": np.repeat(np.asarray(pages), sizes), "key": keys})


def sketch_band_pairs(keys: pd.DataFrame, max_pages: int) -> pd.DataFrame:
    """Pairs (a < b) of pages sharing keys of this frame, with how many (`hits`). Every row of
    a key must be here (a partition by key): a key on more than `max_pages` pages is site
    furniture and proposes nothing."""
    keys = keys[["page", "key"]]
    spread = keys.groupby("key")["page"].transform("size")
    keys = keys[(spread > 1) & (spread <= max_pages)]
    joined = keys.merge(keys, on="key", suffixes=("a", "b"))
    joined = joined[joined["pagea"] < joined["pageb"]]
    hits = joined.groupby(["pagea", "pageb"], sort=True).size()
    return pd.DataFrame(
        {
            "a": hits.index.get_level_values(0).to_numpy(),
            "b": hits.index.get_level_values(1).to_numpy(),
            "hits": hits.to_numpy(dtype=np.int64),
        }
    )


def candidate_pairs(found: Sequence[pd.DataFrame], min_hits: int) -> pd.DataFrame:
    """Pairs that share at least `min_hits` keys, summed over every row of a pair (`found`
    holds every band partition's rows of these pairs: a pair's keys may lie in several)."""
    present = [f for f in found if len(f)]
    if not present:
        return pd.DataFrame({"a": [], "b": [], "hits": []}).astype({"hits": np.int64})
    merged = pd.concat(present, ignore_index=True)
    merged = merged.groupby(["a", "b"], sort=True, as_index=False)["hits"].sum()
    return merged[merged["hits"] >= min_hits].reset_index(drop=True)


# --- MinHash bands of figure shingles (copies by figures) -------------------------------------


def signatures(src: np.ndarray, shingle: np.ndarray, n_src: int, k: int, seed: int) -> np.ndarray:
    """MinHash signature (n_src × k) with multiply-add hashes mod 2^64 over stable shingle
    hashes; `src` sorted and holding every code 0..n_src-1."""
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, 2**63, size=k, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, size=k, dtype=np.uint64)
    starts = group_starts(src)
    base = mix64(shingle)
    sig = np.empty((n_src, k), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            sig[:, j] = np.minimum.reduceat(base * mult[j] + add[j], starts)
    return sig


def band_keys(sig: np.ndarray, bands: int, rows: int, seed: int) -> np.ndarray:
    """One key per (page, band) (n × bands): the band's `rows` signature values mixed. Two
    pages with figure Jaccard J share a band with probability 1 − (1 − J^rows)^bands."""
    weights = mix64(np.arange(1, rows + 1, dtype=np.uint64) + np.uint64(seed))
    keys = np.empty((len(sig), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            block = sig[:, band * rows : (band + 1) * rows]
            keys[:, band] = mix64((block * weights).sum(axis=1, dtype=np.uint64))
    return keys


def band_rows(keys: np.ndarray, members: np.ndarray) -> pd.DataFrame:
    """The (band, key, member) rows of `keys` (n × bands) for pages `members`, with `bucket`:
    the band and key mixed into one value to partition by."""
    n, bands = keys.shape
    band = np.tile(np.arange(bands, dtype=np.int64), n)
    flat = keys.reshape(-1)
    with np.errstate(over="ignore"):
        bucket = mix64(flat ^ (band.astype(np.uint64) * _GOLDEN))
    return pd.DataFrame(
        {"band": band, "key": flat, "member": np.repeat(members, bands), "bucket": bucket}
    )


def bucket_pairs(rows: pd.DataFrame, all_pairs_max: int) -> np.ndarray:
    """Pairs (a < b) of members sharing a (band, key) bucket of this frame (every row of a
    bucket must be here): all pairs of a bucket of up to `all_pairs_max` members, a star from
    its smallest member above (a template copied a thousand times is not a million pairs)."""
    if rows.empty:
        return np.empty((0, 2), dtype=np.int64)
    band = rows["band"].to_numpy(dtype=np.int64)
    key = rows["key"].to_numpy(dtype=np.uint64)
    member = rows["member"].to_numpy(dtype=np.int64)
    order = np.lexsort((member, key, band))
    band, key, member = band[order], key[order], member[order]
    edge = np.r_[True, (band[1:] != band[:-1]) | (key[1:] != key[:-1])]
    starts = np.flatnonzero(edge)
    sizes = np.diff(np.r_[starts, len(member)])
    found: list[np.ndarray] = []
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        inside = member[start : start + size]
        if size <= all_pairs_max:
            a, b = np.triu_indices(size, k=1)
            found.append(np.c_[inside[a], inside[b]])
        else:
            found.append(np.c_[np.full(size - 1, inside[0]), inside[1:]])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found).astype(np.int64), axis=0)


__all__ = [
    "band_keys",
    "band_rows",
    "bucket_pairs",
    "candidate_pairs",
    "mix64",
    "signatures",
    "sketch_band_keys",
    "sketch_band_pairs",
    "stable_text_hash",
]
