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
from crosscheck.dask_passages import PassageParts
from crosscheck.dask_shuffle import Runner, reshuffle, split
from crosscheck.reconcile import ReconcileConfig
from crosscheck.reconcile.copies import (
    CopyDetection,
    copy_groups,
    empty_copies,
    representatives,
)
from crosscheck.reconcile.duplicates import TextCopy, copy_findings, merge_text_copies
from crosscheck.reconcile.partitioned_copies import (
    exact_figure_pairs,
    figure_band_cut,
    figure_pair_cut,
    figure_pairs,
    open_sources,
    ordered_findings,
    pair_keys,
    pair_material,
    rep_shingles,
    source_fingerprints,
    text_candidates,
    text_findings,
    text_key_cut,
    text_pair_cut,
    verify_figure_pairs,
    verify_text,
)


def partitioned_copies(
    runner: Runner,
    entity_parts: list[Any],
    passages: pd.DataFrame | PassageParts | None,
    config: ReconcileConfig,
    source_parts: list[Any] | None = None,
) -> tuple[CopyDetection, pd.DataFrame]:
    """`reconcile.consensus._copies` over facts already on the runner (cut by entity, in the
    run's row order): copy groups by figures and by text, and the near_duplicate findings.
    `source_parts`: the same facts already cut by source in run order (the checks' page
    partitions), used as they are instead of re-cutting the entity partitions."""
    if not config.copies.enabled:
        return empty_copies(), copy_findings(None, None)
    n = runner.partitions
    if source_parts is not None and len(source_parts) == n:
        by_source = source_parts
    else:
        by_source = reshuffle(runner, entity_parts, "source")
    cut: list[Any]
    if isinstance(passages, PassageParts):  # already cut by source on the workers
        text = passages.rows >= 2 and len(passages.parts) == n
        cut = passages.parts if text else [None] * n
    else:
        text = passages is not None and len(passages) >= 2
        if text:
            assert passages is not None
            cut = [runner.put(p) for p in split(passages.reset_index(drop=True), "source", n)]
        else:
            cut = [None] * n
    opened = [runner.submit(open_sources, f, p) for f, p in zip(by_source, cut, strict=True)]
    # the text tasks go first so that they run while the client numbers the figure sets
    checked = _text_candidates(runner, opened, config) if text else []
    copies = _figure_copies(runner, opened, config)
    if not text:
        return copies, copy_findings(None, None)
    pairs, found = _text_copies(runner, opened, config, checked)
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
    n = runner.partitions
    # a shuffle is one cut task per partition and one task per bucket that takes every cut
    bands = [runner.submit(figure_band_cut, o, first, settings, n) for o in opened]
    proposed = [
        runner.submit(figure_pair_cut, i, settings.bucket_all_pairs, n, *bands) for i in range(n)
    ]
    verified = []
    for i in range(n):
        pairs = runner.submit(figure_pairs, i, *proposed)
        pieces = [runner.submit(rep_shingles, o, first, pairs) for o in opened]
        verified.append(runner.submit(verify_figure_pairs, pairs, *pieces))
    found = [f for f in runner.gather(verified) if len(f)]
    merged = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame({"a": [], "b": [], "inter": []}, dtype=np.int64)
    )
    return copy_groups(reps, merged, settings)


#: Verified text pairs per task that reads their pages' figure keys (few pairs pass).
FINDING_CHUNK = 1000


def _text_candidates(runner: Runner, opened: list[Any], config: ReconcileConfig) -> list[Any]:
    """Per pair partition, a handle on its verified text pairs (figures not compared yet)."""
    settings, n = config.text_copies, runner.partitions
    keys = [runner.submit(text_key_cut, o, settings, n) for o in opened]
    proposed = [runner.submit(text_pair_cut, i, settings, n, *keys) for i in range(n)]
    checked = []
    for i in range(n):
        candidates = runner.submit(text_candidates, i, settings, *proposed)
        material = [runner.submit(pair_material, o, candidates) for o in opened]
        checked.append(runner.submit(verify_text, candidates, settings, *material))
    return checked


def _text_copies(
    runner: Runner, opened: list[Any], config: ReconcileConfig, checked: list[Any]
) -> tuple[list[TextCopy], pd.DataFrame]:
    """The verified pairs whose pages give a figure alike, and their findings."""
    settings = config.text_copies
    verified = sorted(
        (p for chunk in runner.gather(checked) for p in chunk), key=lambda c: (c.copy, c.original)
    )
    tasks = []
    for start in range(0, len(verified), FINDING_CHUNK):
        chunk = verified[start : start + FINDING_CHUNK]
        material = [runner.submit(pair_keys, o, chunk) for o in opened]
        tasks.append(runner.submit(text_findings, chunk, settings, *material))
    done = runner.gather(tasks)
    pairs = sorted((p for d in done for p in d[0]), key=lambda c: (c.copy, c.original))
    kind = FindingKind.NEAR_DUPLICATE.value
    return pairs, ordered_findings(pairs, [d[1] for d in done], kind)


__all__ = ["partitioned_copies"]
