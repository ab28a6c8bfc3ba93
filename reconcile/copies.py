"""Copy detection: pages that share most of their rows verbatim are one voice, not several.

Each source becomes a set of shingles (entity, metric, qualifier, raw value) — or (entity, label,
raw value) for unmapped metrics. Sources whose shingle sets have Jaccard ≥ threshold are joined
(union-find). Exact pairs by an inverted index for small corpora, MinHash/LSH banding above
(reconcile.lsh); shingle hashes are stable across processes, so the steps also run sharded
(reconcile.partitioned_copies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import factorize_runs, group_starts
from crosscheck.reconcile.errors import ReconcileError
from crosscheck.reconcile.lsh import (
    band_keys,
    band_rows,
    bucket_pairs,
    mix64,
    signatures,
    stable_text_hash,
)

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


def _shingles(facts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source names, source code per shingle, shingle hash) sorted, without duplicates. The
    hashes are stable (the same in every process and run), so a page's shingles and band keys
    do not depend on which other pages were hashed with it (a partition of the run)."""
    mapped = (facts["metric"].notna() & (facts["metric"] != UNMAPPED_METRIC)).to_numpy(dtype=bool)
    raw_codes, raw_texts = pd.factorize(facts["raw_value"].fillna("").astype(object))
    # Normalize each distinct raw text once, not every row: case and outer spaces don't count.
    raw = pd.Series(pd.Index(raw_texts, dtype=object).str.strip().str.lower(), dtype=object)
    parts = [
        mapped.astype(np.uint64),
        stable_text_hash(facts["entity"].fillna("")),
        stable_text_hash(facts["metric"].where(mapped, facts["label"]).fillna("")),
        stable_text_hash(facts["qualifier"].where(mapped, "").fillna("")),
        stable_text_hash(raw)[raw_codes] if len(raw_codes) else raw_codes.astype(np.uint64),
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


@dataclass(frozen=True)
class PageShingles:
    """Some whole pages' figure shingles as `_shingles` gives them (source names sorted, the
    source code of each shingle, the hashes sorted within a source) and each page's MinHash
    signature under `signed` (k, seed), made where the pages were parsed (crosscheck.batches)
    so the run's process only puts them together."""

    names: np.ndarray
    src: np.ndarray
    shingle: np.ndarray
    signatures: np.ndarray  # len(names) × k: lsh.signatures of each page's shingles
    signed: tuple[int, int]


def page_shingles(facts: pd.DataFrame, config: CopyConfig | None = None) -> PageShingles:
    """The figure shingles of `facts`, every fact of their pages (`_shingles`), and each
    page's MinHash signature as `config`'s LSH would compute it for a representative."""
    config = config or CopyConfig()
    k = config.bands * config.rows
    if facts.empty:
        names, src, shingle = np.empty(0, dtype=object), np.empty(0, dtype=np.int64), _NO_HASHES
    else:
        names, src, shingle = _shingles(facts)
    sig = signatures(src, shingle, len(names), k, config.seed)
    return PageShingles(names, src, shingle, sig, (k, config.seed))


_NO_HASHES = np.empty(0, dtype=np.uint64)


@dataclass(frozen=True)
class JoinedShingles:
    """Every page's figure shingles put together (`_shingles`' three arrays) and their
    signatures in the same page order."""

    names: np.ndarray
    src: np.ndarray
    shingle: np.ndarray
    signatures: np.ndarray
    signed: tuple[int, int]

    def of(self, reps: Representatives, config: CopyConfig) -> np.ndarray | None:
        """The representatives' signatures (None when made with other LSH settings)."""
        if self.signed != (config.bands * config.rows, config.seed):
            return None
        return self.signatures[pd.Index(self.names, dtype=object).get_indexer(reps.first)]


def joined_shingles(parts: Sequence[PageShingles]) -> JoinedShingles | None:
    """`_shingles` of every fact of `parts`' pages, from each part's own (the hashes of a
    source do not depend on the other pages), or None when a source is in two parts or the
    parts were signed differently."""
    if not parts or len({p.signed for p in parts}) > 1:
        return None
    names = np.concatenate([p.names for p in parts])
    if len(pd.unique(names)) != len(names):
        return None
    counts = [np.bincount(p.src, minlength=len(p.names)).astype(np.int64) for p in parts]
    base = np.cumsum([0, *(len(p.shingle) for p in parts)])[:-1]
    sizes = np.concatenate(counts)
    # where each source's run starts in the parts' hashes put end to end
    starts = np.concatenate([b + np.cumsum(c) - c for b, c in zip(base, counts, strict=True)])
    order = np.argsort(names, kind="stable")  # the sorted names `factorize_runs` gives
    sizes, starts = sizes[order], starts[order]
    take = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(sizes.sum())
    shingle = np.concatenate([p.shingle for p in parts])[take]
    src = np.repeat(np.arange(len(names), dtype=np.int64), sizes)
    sig = np.concatenate([p.signatures for p in parts])[order]
    return JoinedShingles(names[order], src, shingle, sig, parts[0].signed)


_mix = mix64


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


@dataclass(frozen=True)
class Representatives:
    """Pages with at least `min_shingles` shingles (`eligible`, sorted), each mapped to one
    representative of the pages with an identical shingle set (`rep_of`, numbered by their
    first page): a template copied a thousand times costs one comparison."""

    eligible: np.ndarray  # source names
    rep_of: np.ndarray  # per eligible page: its representative's number
    first: np.ndarray  # per representative: the source name that stands for it
    size: np.ndarray  # per representative: its shingles

    @property
    def n(self) -> int:
        return len(self.first)


def fingerprints(names: np.ndarray, src: np.ndarray, shingle: np.ndarray) -> pd.DataFrame:
    """Per source (sorted): its shingles and an order-free 64-bit fingerprint of the set
    (sum and xor of mixed hashes), equal for identical sets in any process."""
    starts = group_starts(src)
    mixed = _mix(shingle)
    return pd.DataFrame(
        {
            "source": names[src[starts]] if len(src) else np.empty(0, dtype=object),
            "n": np.diff(np.r_[starts, len(src)]).astype(np.int64),
            "sum": np.add.reduceat(mixed, starts) if len(src) else mixed,
            "xor": np.bitwise_xor.reduceat(_mix(mixed ^ _MASK64), starts) if len(src) else mixed,
        }
    )


def representatives(prints: pd.DataFrame, min_shingles: int) -> Representatives | None:
    """The representatives of `prints` (every source's `fingerprints`, in any order), or None
    when no page has enough shingles."""
    prints = prints[prints["n"] >= min_shingles].sort_values("source", kind="stable")
    if prints.empty:
        return None
    rep_of = prints.groupby(["n", "sum", "xor"], sort=False).ngroup().to_numpy(dtype=np.int64)
    first = np.unique(rep_of, return_index=True)[1]
    eligible = prints["source"].to_numpy(dtype=object)
    return Representatives(
        eligible, rep_of, eligible[first], prints["n"].to_numpy(dtype=np.int64)[first]
    )


def rep_rows(
    names: np.ndarray, src: np.ndarray, shingle: np.ndarray, reps: Representatives
) -> tuple[np.ndarray, np.ndarray]:
    """(representative number, shingle) of the representatives among these sources, sorted."""
    code_rep = pd.Index(reps.first).get_indexer(pd.Index(names, dtype=object))
    rep = code_rep[src] if len(src) else src
    keep = rep >= 0
    rep, shingle = rep[keep].astype(np.int64), shingle[keep]
    if _ascending(rep, shingle):  # the sources' order gives it (representatives number so)
        return rep, shingle
    order = np.lexsort((shingle, rep))
    return rep[order], shingle[order]


def _ascending(rep: np.ndarray, shingle: np.ndarray) -> bool:
    """Whether the (rep, shingle) pairs are already in ascending order."""
    if len(rep) < 2:
        return True
    step = rep[1:] - rep[:-1]
    return bool(((step > 0) | ((step == 0) & (shingle[1:] > shingle[:-1]))).all())


def candidate_rows(
    rep: np.ndarray, shingle: np.ndarray, config: CopyConfig, members: np.ndarray | None = None
) -> pd.DataFrame:
    """The band-key rows (lsh.band_rows) of these representatives (`rep` dense 0..m-1 here;
    `members` their run-wide numbers)."""
    n = int(rep.max()) + 1 if len(rep) else 0
    return signed_rows(
        signatures(rep, shingle, n, config.bands * config.rows, config.seed), config, members
    )


def signed_rows(
    sig: np.ndarray, config: CopyConfig, members: np.ndarray | None = None
) -> pd.DataFrame:
    """The band-key rows of representatives whose signatures (n × k) are `sig`."""
    n = len(sig)
    keys = band_keys(sig, config.bands, config.rows, config.seed)
    return band_rows(keys, np.arange(n, dtype=np.int64) if members is None else members)


def detect_copies(
    facts: pd.DataFrame, config: CopyConfig, shingles: Sequence[PageShingles] | None = None
) -> CopyDetection:
    """Group pages whose shingle sets are ≥ threshold similar; singletons are left out.
    `shingles`: the figure shingles of every page of `facts`, made with the pages'."""
    if not config.enabled or facts.empty:
        return empty_copies()
    joined = joined_shingles(shingles) if shingles is not None else None
    if joined is not None:
        names, src, shingle = joined.names, joined.src, joined.shingle
    else:
        names, src, shingle = _shingles(facts)
    reps = representatives(fingerprints(names, src, shingle), config.min_shingles)
    if reps is None:
        return empty_copies()
    rep_src, rep_shingle = rep_rows(names, src, shingle, reps)
    if reps.n <= config.exact_max_sources:
        pairs = _exact_pairs(rep_src, rep_shingle)
    else:
        sig = joined.of(reps, config) if joined is not None else None
        if sig is not None:  # signed where the pages were parsed
            rows = signed_rows(sig, config)
        else:
            rows = candidate_rows(rep_src, rep_shingle, config)
        candidates = bucket_pairs(rows, config.bucket_all_pairs)
        pairs = _verified_pairs(rep_src, rep_shingle, candidates)
    return copy_groups(reps, pairs, config)


def copy_groups(reps: Representatives, pairs: pd.DataFrame, config: CopyConfig) -> CopyDetection:
    """Copy groups from verified pairs of representatives (a, b, inter: shared shingles):
    pairs at or above the Jaccard threshold are joined (union-find), identical sets too."""
    n_rep = reps.n
    a, b, inter = (pairs[c].to_numpy(dtype=np.int64) for c in ("a", "b", "inter"))
    jaccard = inter / (reps.size[a] + reps.size[b] - inter)
    edge = jaccard >= config.threshold
    root = _union_find(n_rep, a[edge], b[edge])
    best = np.zeros(n_rep)
    np.maximum.at(best, a[edge], jaccard[edge])
    np.maximum.at(best, b[edge], jaccard[edge])
    twins = np.bincount(reps.rep_of, minlength=n_rep)
    best = np.where(twins > 1, 1.0, best)
    return _frame(reps.eligible, root[reps.rep_of], best[reps.rep_of])


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
