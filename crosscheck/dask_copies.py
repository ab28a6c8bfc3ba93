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

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.contracts import FindingKind
from crosscheck.dask_passages import PassageParts
from crosscheck.dask_shuffle import Runner, buckets, reshuffle, split
from crosscheck.reconcile import CopyConfig, ReconcileConfig
from crosscheck.reconcile.copies import (
    CopyDetection,
    Representatives,
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
    opened, text = _opened(runner, entity_parts, passages, source_parts)
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


def _opened(
    runner: Runner,
    entity_parts: list[Any],
    passages: pd.DataFrame | PassageParts | None,
    source_parts: list[Any] | None,
) -> tuple[list[Any], bool]:
    """Per source partition, a handle on its `open_sources`; whether page text is compared."""
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
    return [runner.submit(open_sources, f, p) for f, p in zip(by_source, cut, strict=True)], text


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
    verified = _verified_pair_tasks(runner, opened, first, settings)
    return copy_groups(reps, merged_pairs(*runner.gather(verified)), settings)


def merged_pairs(*verified: pd.DataFrame) -> pd.DataFrame:
    """The pair partitions' verified figure pairs (a, b, inter) as one frame."""
    found = [f for f in verified if len(f)]
    if not found:
        return pd.DataFrame({"a": [], "b": [], "inter": []}, dtype=np.int64)
    return pd.concat(found, ignore_index=True)


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


@dataclass(frozen=True)
class KeptCopies:
    """Copy detection's results left on the runner (a run that loads from its lake): handles
    on the copy groups (COPY_GROUP_COLUMNS, `merge_text_copies`' order), their source → group
    id map and the near_duplicate findings. The client holds none of them: the reconcile's
    tasks take the handles, the lake's task writes the groups (crosscheck.dask_lake)."""

    groups: Any
    group_of: Any
    found: Any


def kept_copies(
    runner: Runner,
    entity_parts: list[Any],
    passages: pd.DataFrame | PassageParts | None,
    config: ReconcileConfig,
    source_parts: list[Any] | None = None,
) -> KeptCopies:
    """`partitioned_copies` with its results left where the tasks made them: the same
    tasks, but the fingerprints are numbered, the figure pairs merged and grouped, and the
    text pairs sorted, chunked and turned into findings by tasks; the client gathers the
    number of representatives and of verified text pairs only (the shapes of the graph)."""
    if not config.copies.enabled:
        empty = runner.put(empty_copies().groups)
        return KeptCopies(
            empty, runner.submit(group_map, empty), runner.put(copy_findings(None, None))
        )
    opened, text = _opened(runner, entity_parts, passages, source_parts)
    checked = _text_candidates(runner, opened, config) if text else []
    groups = _figure_groups_kept(runner, opened, config)
    if text:
        pairs, found = _text_copies_kept(runner, opened, config, checked)
        groups = runner.submit(merge_text_copies, groups, pairs)
    else:
        found = runner.put(copy_findings(None, None))
    return KeptCopies(groups, runner.submit(group_map, groups), found)


def _figure_groups_kept(runner: Runner, opened: list[Any], config: ReconcileConfig) -> Any:
    """A handle on `_figure_copies`' groups frame, made on the workers."""
    settings = config.copies
    prints = [runner.submit(source_fingerprints, o) for o in opened]
    reps = runner.submit(numbered, settings.min_shingles, *prints)
    count = int(runner.gather([runner.submit(rep_count, reps)])[0])
    if count == 0:
        return runner.put(empty_copies().groups)
    first = runner.submit(rep_first, reps)
    if count <= settings.exact_max_sources:
        pieces = [runner.submit(rep_shingles, o, first) for o in opened]
        return runner.submit(grouped, reps, runner.submit(exact_figure_pairs, *pieces), settings)
    verified = _verified_pair_tasks(runner, opened, first, settings)
    return runner.submit(grouped, reps, runner.submit(merged_pairs, *verified), settings)


def _verified_pair_tasks(
    runner: Runner, opened: list[Any], first: Any, settings: CopyConfig
) -> list[Any]:
    """The band shuffle of the figure prints, one verified-pairs task per bucket: shared by
    the gathered and the kept copy detection (they differ only in where the groups are made)."""
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
    return verified


def _text_copies_kept(
    runner: Runner, opened: list[Any], config: ReconcileConfig, checked: list[Any]
) -> tuple[Any, Any]:
    """Handles on `_text_copies`' pairs and findings: the same chunks of the sorted verified
    pairs (`FINDING_CHUNK`), cut on a worker from their count."""
    settings = config.text_copies
    total = sum(int(c) for c in runner.gather([runner.submit(len, c) for c in checked]))
    if total == 0:
        return runner.put([]), runner.put(copy_findings(None, None))
    verified = runner.submit(sorted_pairs, *checked)
    tasks = []
    for start in range(0, total, FINDING_CHUNK):
        chunk = runner.submit(pair_slice, verified, start, FINDING_CHUNK)
        material = [runner.submit(pair_keys, o, chunk) for o in opened]
        tasks.append(runner.submit(text_findings, chunk, settings, *material))
    pairs = runner.submit(found_pairs, *tasks)
    return pairs, runner.submit(found_findings, pairs, *tasks)


def numbered(min_shingles: int, *prints: pd.DataFrame) -> Representatives | None:
    """`representatives` of every source partition's fingerprints."""
    return representatives(pd.concat(prints, ignore_index=True), min_shingles)


def rep_count(reps: Representatives | None) -> int:
    return 0 if reps is None else reps.n


def rep_first(reps: Representatives) -> np.ndarray:
    return reps.first


def grouped(reps: Representatives, pairs: pd.DataFrame, settings: Any) -> pd.DataFrame:
    """The copy groups frame of verified representative pairs (`copy_groups`)."""
    return copy_groups(reps, pairs, settings).groups


def group_map(groups: pd.DataFrame) -> dict[str, str]:
    """Source → group id (`CopyDetection.group_of` of `groups`)."""
    return dict(zip(groups["source"], groups["group_id"], strict=True))


def sorted_pairs(*checked: list[TextCopy]) -> list[TextCopy]:
    return sorted((p for chunk in checked for p in chunk), key=lambda c: (c.copy, c.original))


def pair_slice(pairs: list[TextCopy], start: int, size: int) -> list[TextCopy]:
    return pairs[start : start + size]


def found_pairs(*done: tuple[list[TextCopy], pd.DataFrame]) -> list[TextCopy]:
    return sorted((p for d in done for p in d[0]), key=lambda c: (c.copy, c.original))


def found_findings(
    pairs: list[TextCopy], *done: tuple[list[TextCopy], pd.DataFrame]
) -> pd.DataFrame:
    """The chunks' near_duplicate findings in the one-process order (`ordered_findings`)."""
    return ordered_findings(pairs, [d[1] for d in done], FindingKind.NEAR_DUPLICATE.value)


def findings_at(found: pd.DataFrame, j: int, n: int) -> pd.DataFrame:
    """The near_duplicate findings of findings partition `j` of `n` (by their entity)."""
    if not len(found):
        return found
    return found[buckets(found["entity"], n) == j]


__all__ = ["KeptCopies", "kept_copies", "partitioned_copies"]
