"""Copy detection as partitioned tasks: the copy groups and near_duplicate findings of
`reconcile_facts`, with pages cut by source, band keys by key and candidate pairs by pair.

Figure copies: each source partition fingerprints its pages (the client gathers one small
row per page and numbers the representatives of identical sets); with few representatives
one task joins their shingles exactly, else each partition emits MinHash band keys, a
band-key shuffle proposes the pairs that share a bucket, and a pair shuffle deduplicates and
verifies them with the shingles of just those pages. Text copies: the smallest values of each
sketch are band keys; a key shuffle proposes pairs, a pair shuffle counts their hits and
verifies them with both pages' sketches, statements and figure keys. reconcile.partitioned_copies
holds the tasks; this module only wires them on a `Runner`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crosscheck.contracts import FindingKind
from crosscheck.dask_partitions import Runner, _combine, _piece, reshuffle, split
from crosscheck.reconcile import ReconcileConfig
from crosscheck.reconcile.copies import (
    CopyDetection,
    copy_groups,
    empty_copies,
    representatives,
)
from crosscheck.reconcile.duplicates import TextCopy, copy_findings, merge_text_copies
from crosscheck.reconcile.partitioned_copies import (
    SourceCopies,
    exact_figure_pairs,
    figure_band_pairs,
    figure_band_rows,
    open_sources,
    ordered_findings,
    pair_material,
    pair_members,
    rep_shingles,
    source_fingerprints,
    text_band_keys,
    text_band_pairs,
    text_candidates,
    verify_figure_pairs,
    verify_text,
)


def _cut_hashed(frame: pd.DataFrame, column: str, n: int) -> list[pd.DataFrame]:
    """Map side of a shuffle by a column that already holds well-spread 64-bit hashes (band
    keys): its value modulo `n`, no rehashing."""
    part = (frame[column].to_numpy(dtype=np.uint64) % np.uint64(n)).astype(np.int64)
    return [frame[part == i] for i in range(n)]


def _shuffle_hashed(runner: Runner, parts: list[Any], column: str) -> list[Any]:
    """`reshuffle` for a column of stable hashes."""
    n = runner.partitions
    cuts = [runner.submit(_cut_hashed, part, column, n) for part in parts]
    return [
        runner.submit(_combine, *(runner.submit(_piece, cut, i) for cut in cuts)) for i in range(n)
    ]


def partitioned_copies(
    runner: Runner,
    entity_parts: list[Any],
    passages: pd.DataFrame | None,
    config: ReconcileConfig,
) -> tuple[CopyDetection, pd.DataFrame]:
    """`reconcile.consensus._copies` over facts already on the runner (cut by entity, in the
    run's row order): copy groups by figures and by text, and the near_duplicate findings."""
    if not config.copies.enabled:
        return empty_copies(), copy_findings(None, None)
    n = runner.partitions
    by_source = reshuffle(runner, entity_parts, "source")
    text = passages is not None and len(passages) >= 2
    if text:
        assert passages is not None
        cut = [runner.put(p) for p in split(passages.reset_index(drop=True), "source", n)]
    else:
        cut = [None] * n
    opened = [runner.submit(open_sources, f, p) for f, p in zip(by_source, cut, strict=True)]
    copies = _figure_copies(runner, opened, config)
    if not text:
        return copies, copy_findings(None, None)
    pairs, found = _text_copies(runner, opened, config)
    if not pairs:
        return copies, copy_findings(None, None)
    groups = merge_text_copies(copies.groups, pairs)
    group_of = dict(zip(groups["source"], groups["group_id"], strict=True))
    return CopyDetection(groups, group_of), found


def _figure_copies(runner: Runner, opened: list[Any], config: ReconcileConfig) -> CopyDetection:
    settings = config.copies
    prints = runner.gather([runner.submit(source_fingerprints, o) for o in opened])
    reps = representatives(pd.concat(prints, ignore_index=True), settings.min_shingles)
    if reps is None:
        return empty_copies()
    first = reps.first
    if reps.n <= settings.exact_max_sources:
        pieces = [runner.submit(rep_shingles, o, first) for o in opened]
        pairs = runner.gather([runner.submit(exact_figure_pairs, *pieces)])[0]
        return copy_groups(reps, pairs, settings)
    rows = [runner.submit(figure_band_rows, o, first, settings) for o in opened]
    by_bucket = _shuffle_hashed(runner, rows, "bucket")
    proposed = [runner.submit(figure_band_pairs, r, settings.bucket_all_pairs) for r in by_bucket]
    verified = []
    for pairs in reshuffle(runner, proposed, "a"):
        wanted = runner.submit(pair_members, pairs)
        pieces = [runner.submit(rep_shingles, o, first, wanted) for o in opened]
        verified.append(runner.submit(verify_figure_pairs, pairs, *pieces))
    found = [f for f in runner.gather(verified) if len(f)]
    merged = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame({"a": [], "b": [], "inter": []}, dtype=np.int64)
    )
    return copy_groups(reps, merged, settings)


def _text_copies(
    runner: Runner, opened: list[SourceCopies | Any], config: ReconcileConfig
) -> tuple[list[TextCopy], pd.DataFrame]:
    settings = config.text_copies
    keys = [runner.submit(text_band_keys, o, settings) for o in opened]
    proposed = [
        runner.submit(text_band_pairs, k, settings) for k in _shuffle_hashed(runner, keys, "key")
    ]
    tasks = []
    for found in reshuffle(runner, proposed, "a"):
        candidates = runner.submit(text_candidates, found, settings)
        material = [runner.submit(pair_material, o, candidates) for o in opened]
        tasks.append(runner.submit(verify_text, candidates, settings, *material))
    done = runner.gather(tasks)
    pairs = sorted((p for d in done for p in d[0]), key=lambda c: (c.copy, c.original))
    kind = FindingKind.NEAR_DUPLICATE.value
    return pairs, ordered_findings(pairs, [d[1] for d in done], kind)


__all__ = ["partitioned_copies"]
