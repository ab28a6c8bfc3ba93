"""Copy detection: pages that share most of their rows verbatim are one voice, not several.

Each source becomes a set of shingles (entity, metric, qualifier, raw value) — or (entity, label,
raw value) for unmapped metrics. Sources whose shingle sets have Jaccard ≥ threshold are joined
(union-find). Exact pairs by an inverted index for small corpora, MinHash/LSH banding above.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import factorize_runs, group_starts
from crosscheck.reconcile.errors import ReconcileError

from crosscheck.contracts import COPY_GROUP_COLUMNS, UNMAPPED_METRIC, stable_id

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True)
class CopyConfig:
    """Thresholds of copy detection; the defaults are documented in docs/reconcile.md."""

    enabled: bool = True
    threshold: float = 0.8  # Jaccard of shingle sets at or above which two pages are copies
    min_shingles: int = 5  # smaller pages carry too little evidence to call them copies
    exact_max_sources: int = 500  # up to this many distinct pages: exact inverted-index join
    bands: int = 20  # LSH: 20 bands × 5 rows find a 0.8-similar pair with p ≈ 0.9996
    rows: int = 5
    bucket_all_pairs: int = 64  # larger LSH buckets are linked as a star, not all pairs
    seed: int = 7

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ReconcileError(f"copy threshold must be in (0, 1], got {self.threshold}")
        if self.min_shingles < 1 or self.bands < 1 or self.rows < 1 or self.bucket_all_pairs < 2:
            raise ReconcileError("copy detection sizes must be positive (bucket_all_pairs ≥ 2)")


@dataclass
class CopyDetection:
    """Copy groups (COPY_GROUP_COLUMNS, groups of two or more) and each copier's group id."""

    groups: pd.DataFrame
    group_of: dict[str, str]


def empty_copies() -> CopyDetection:
    """No copy groups: every source speaks for itself."""
    return CopyDetection(pd.DataFrame(columns=COPY_GROUP_COLUMNS), {})


def _codes(values: pd.Series) -> np.ndarray:
    """Per-run integer ids of distinct strings (only compared within one run)."""
    return pd.factorize(values.astype(object), use_na_sentinel=False)[0].astype(np.uint64)


def _shingles(facts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source names, source code per shingle, shingle hash) sorted, without duplicates."""
    mapped = (facts["metric"].notna() & (facts["metric"] != UNMAPPED_METRIC)).to_numpy(dtype=bool)
    raw_codes, raw_texts = pd.factorize(facts["raw_value"].fillna("").astype(object))
    # Normalize each distinct raw text once, not every row: case and outer spaces don't count.
    raw = pd.Index(raw_texts, dtype=object).str.strip().str.lower()
    parts = [
        mapped.astype(np.uint64),
        _codes(facts["entity"].fillna("")),
        _codes(facts["metric"].where(mapped, facts["label"]).fillna("")),
        _codes(facts["qualifier"].where(mapped, "").fillna("")),
        pd.factorize(raw)[0].astype(np.uint64)[raw_codes] if len(raw_codes) else raw_codes,
    ]
    hashes = np.zeros(len(facts), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i, part in enumerate(parts):
            hashes = _mix(hashes * np.uint64(0x9E3779B97F4A7C15) + part + np.uint64(i))
    codes, names = factorize_runs(facts["source"].astype(str), sort=True)
    codes = codes.astype(np.int64)
    order = np.lexsort((hashes, codes))
    codes, hashes = codes[order], hashes[order]
    fresh = np.r_[True, (codes[1:] != codes[:-1]) | (hashes[1:] != hashes[:-1])]
    return names, codes[fresh], hashes[fresh]


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: an order-free fingerprint needs well-spread 64-bit values."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _exact_pairs(src: np.ndarray, shingle: np.ndarray) -> pd.DataFrame:
    """Inverted index: every pair of sources sharing a shingle, with its intersection size."""
    frame = pd.DataFrame({"s": src, "h": shingle})
    joined = frame.merge(frame, on="h", suffixes=("a", "b"))
    joined = joined[joined["sa"] < joined["sb"]]
    counts = joined.groupby(["sa", "sb"], sort=True).size()
    return pd.DataFrame(
        {
            "a": counts.index.get_level_values(0).to_numpy(dtype=np.int64),
            "b": counts.index.get_level_values(1).to_numpy(dtype=np.int64),
            "inter": counts.to_numpy(dtype=np.int64),
        }
    )


def _signatures(src: np.ndarray, shingle: np.ndarray, n_src: int, k: int, seed: int) -> np.ndarray:
    """MinHash signature (n_src × k) with multiply-add hashes mod 2^64."""
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, 2**63, size=k, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, size=k, dtype=np.uint64)
    starts = group_starts(src)
    base = _mix(shingle)
    sig = np.empty((n_src, k), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            sig[:, j] = np.minimum.reduceat(base * mult[j] + add[j], starts)
    return sig


def _lsh_candidates(sig: np.ndarray, config: CopyConfig) -> np.ndarray:
    """Pairs (a < b) that share at least one LSH band; big buckets are linked as stars."""
    found: list[np.ndarray] = []
    weights = _mix(np.arange(1, config.rows + 1, dtype=np.uint64) + np.uint64(config.seed))
    for band in range(config.bands):
        block = sig[:, band * config.rows : (band + 1) * config.rows]
        with np.errstate(over="ignore"):
            key = _mix((block * weights).sum(axis=1, dtype=np.uint64))
        order = np.argsort(key, kind="stable")
        key_sorted = key[order]
        starts = group_starts(key_sorted)
        sizes = np.diff(np.r_[starts, len(key_sorted)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
            members = np.sort(order[start : start + size])
            if size <= config.bucket_all_pairs:
                a, b = np.triu_indices(size, k=1)
                found.append(np.c_[members[a], members[b]])
            else:
                found.append(np.c_[np.full(size - 1, members[0]), members[1:]])
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return np.unique(np.concatenate(found).astype(np.int64), axis=0)


def _verified_pairs(src: np.ndarray, shingle: np.ndarray, pairs: np.ndarray) -> pd.DataFrame:
    """Exact intersection sizes of candidate pairs, by looking a's shingles up among b's."""
    if len(pairs) == 0:
        return pd.DataFrame({"a": pairs[:, 0], "b": pairs[:, 1], "inter": pairs[:, 0]})
    codes = np.unique(shingle, return_inverse=True)[1].astype(np.int64)
    keys = (src << np.int64(32)) | codes  # sorted, since (src, shingle) pairs are sorted
    starts = group_starts(src)
    counts = np.diff(np.r_[starts, len(src)])
    a, b = pairs[:, 0], pairs[:, 1]
    lengths = counts[a]
    offsets = np.repeat(starts[a] - np.r_[0, np.cumsum(lengths)[:-1]], lengths)
    take = np.arange(lengths.sum()) + offsets
    probe = (np.repeat(b, lengths) << np.int64(32)) | codes[take]
    hit = keys[np.minimum(np.searchsorted(keys, probe), len(keys) - 1)] == probe
    inter = np.add.reduceat(hit.astype(np.int64), np.r_[0, np.cumsum(lengths)[:-1]])
    return pd.DataFrame({"a": a, "b": b, "inter": inter})


def _union_find(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Root of every node; the smallest index of a component is its root."""
    parent = np.arange(n)

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return int(x)

    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    return np.array([root(x) for x in range(n)], dtype=np.int64)


def detect_copies(facts: pd.DataFrame, config: CopyConfig) -> CopyDetection:
    """Group pages whose shingle sets are ≥ threshold similar; singletons are left out."""
    if not config.enabled or facts.empty:
        return empty_copies()
    names, src, shingle = _shingles(facts)
    size = np.bincount(src, minlength=len(names))
    keep = size[src] >= config.min_shingles
    src, shingle = src[keep], shingle[keep]
    if len(src) == 0:
        return empty_copies()
    eligible = np.flatnonzero(size >= config.min_shingles)
    # Identical sets share an order-free fingerprint; they are collapsed to one representative.
    starts = group_starts(src)
    mixed = _mix(shingle)
    fingerprint = pd.DataFrame(
        {
            "n": size[eligible],
            "sum": np.add.reduceat(mixed, starts),
            "xor": np.bitwise_xor.reduceat(_mix(mixed ^ _MASK64), starts),
        }
    )
    rep_of = fingerprint.groupby(["n", "sum", "xor"], sort=False).ngroup().to_numpy()
    n_rep = int(rep_of.max()) + 1
    first_of_rep = np.unique(rep_of, return_index=True)[1]
    local = np.searchsorted(eligible, src)
    is_rep_row = first_of_rep[rep_of[local]] == local
    rep_src = rep_of[local][is_rep_row].astype(np.int64)
    rep_shingle = shingle[is_rep_row]
    order = np.lexsort((rep_shingle, rep_src))
    rep_src, rep_shingle = rep_src[order], rep_shingle[order]
    if n_rep <= config.exact_max_sources:
        pairs = _exact_pairs(rep_src, rep_shingle)
    else:
        sig = _signatures(rep_src, rep_shingle, n_rep, config.bands * config.rows, config.seed)
        pairs = _verified_pairs(rep_src, rep_shingle, _lsh_candidates(sig, config))
    rep_size = np.bincount(rep_src, minlength=n_rep)
    a, b, inter = (pairs[c].to_numpy(dtype=np.int64) for c in ("a", "b", "inter"))
    jaccard = inter / (rep_size[a] + rep_size[b] - inter)
    edge = jaccard >= config.threshold
    root = _union_find(n_rep, a[edge], b[edge])
    best = np.zeros(n_rep)
    np.maximum.at(best, a[edge], jaccard[edge])
    np.maximum.at(best, b[edge], jaccard[edge])
    twins = np.bincount(rep_of, minlength=n_rep)
    best = np.where(twins > 1, 1.0, best)
    return _frame(names[eligible], root[rep_of], best[rep_of])


def _frame(sources: np.ndarray, root: np.ndarray, best: np.ndarray) -> CopyDetection:
    """The copy_groups frame and the source → group id map, in a deterministic order."""
    table = pd.DataFrame({"source": sources, "root": root, "jaccard_to_group": best})
    table["size"] = table.groupby("root")["source"].transform("size")
    table = table[table["size"] > 1]
    if table.empty:
        return empty_copies()
    members = table.groupby("root")["source"].agg(lambda s: sorted(s))
    ids = members.map(lambda m: "copy-" + stable_id(*m, length=12))
    table = table.assign(group_id=table["root"].map(ids))
    table = table.sort_values(["group_id", "source"]).reset_index(drop=True)
    groups = table[COPY_GROUP_COLUMNS].astype(
        {"source": object, "group_id": object, "size": np.int64, "jaccard_to_group": float}
    )
    groups["jaccard_to_group"] = groups["jaccard_to_group"].round(4)
    return CopyDetection(groups, dict(zip(table["source"], table["group_id"], strict=True)))
