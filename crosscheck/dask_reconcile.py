"""Reconcile as partitioned tasks: the same consensus, source reliability, copy groups and
annotated findings as `reconcile_facts` + `annotate_conflicts`, with no task holding every
fact. The consensus by entity partition; source reliability an iterated map-reduce (each round
every entity partition returns per-source counts, the driver sums them and broadcasts the new
reliability; each partition's state stays on its worker between rounds); copy detection by
source, LSH band key and pair (crosscheck.dask_copies); the conflicts annotated in the entity
partition of their claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from crosscheck.contracts import (
    FACT_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
    FindingKind,
)
from crosscheck.dask_reliability import add, iterate_kept, iterate_on_workers, tree_sum
from crosscheck.dask_shuffle import Runner, buckets, combine, split
from crosscheck.reconcile import ReconcileConfig, annotate_conflicts
from crosscheck.reconcile.copies import CopyDetection, empty_copies
from crosscheck.reconcile.duplicates import copy_findings
from crosscheck.reconcile.partitioned import (
    bind_partition,
    merge_consensus,
    open_partition,
    partition_frames,
    partition_round,
    partition_sources,
    reliability_frame,
    voices_of,
)

if TYPE_CHECKING:
    from crosscheck.dask_copies import KeptCopies
    from crosscheck.dask_passages import PassageParts


@dataclass
class PartitionedResult:
    """What the partitioned checks and reconcile give (the fields of an Analysis)."""

    findings: pd.DataFrame
    reconciled: pd.DataFrame
    reconciled_categories: pd.DataFrame
    source_reliability: pd.DataFrame
    copy_groups: pd.DataFrame
    copy_findings: pd.DataFrame  # near_duplicate findings (copies found by page text)
    # `keep_consensus`: the numeric and the categorical consensus by entity partition, left
    # on the runner (`reconciled` and `reconciled_categories` are then empty), and their rows
    consensus_parts: list[Any] | None = None
    consensus_rows: int = 0
    category_parts: list[Any] | None = None
    category_rows: int = 0
    # `keep_copies`: the copy groups and near_duplicate findings left on the runner
    # (`copy_groups` and `copy_findings` are then empty: crosscheck.dask_copies.KeptCopies)
    kept_copies: KeptCopies | None = None
    # `keep_reliability`: the source reliability's frame left on the runner, one handle
    # (`source_reliability` is then empty), and its rows (one per source)
    reliability_part: Any | None = None
    reliability_rows: int = 0


def partitioned_reconcile(
    runner: Runner,
    voters: pd.DataFrame,
    findings: pd.DataFrame,
    flagged: frozenset[str],
    config: ReconcileConfig,
    entity_parts: list[Any] | None = None,
    passages: pd.DataFrame | PassageParts | None = None,
    voter_rows: int | None = None,
    source_parts: list[Any] | None = None,
    keep_consensus: bool = False,
    keep_copies: bool = False,
    keep_reliability: bool = False,
) -> PartitionedResult:
    """`reconcile_facts` + `annotate_conflicts` by entity partitions and an iterated
    map-reduce of the source reliability; `entity_parts`: `voters` already cut by entity
    into `runner.partitions` (the checks' partitions: not sent to the cluster twice).
    `voter_rows`: how many voters the partitions hold when `voters` holds only the rows
    the findings cite (crosscheck.dask_held.cited: the facts stayed on the workers).
    `source_parts`: the same voters cut by source (the checks' page partitions), which copy
    detection takes as they are (no second shuffle). `passages`: the page sketches, or their
    partitions by source already on the workers (crosscheck.dask_passages).
    `keep_consensus`: the numeric and the categorical consensus stay on the runner by entity
    partition (`consensus_parts`, `category_parts`, for the lake) instead of being gathered
    here; `keep_copies`: the copy groups and near_duplicate findings stay there too
    (`kept_copies`); `keep_reliability` (with `keep_copies`): so do the run's source names,
    the per-source vectors and the source reliability's frame (`reliability_part`)."""
    if entity_parts is None:
        voters = voters.reset_index(drop=True)
        entity_parts = [runner.put(p) for p in split(voters, "entity", runner.partitions)]
    parts = entity_parts
    # Copy groups by figures and by page text, sharded by source, LSH band key and pair
    # (crosscheck.dask_copies): the same groups and near_duplicate findings as `_copies`.
    from crosscheck.dask_copies import kept_copies, partitioned_copies

    kept: KeptCopies | None = None
    if keep_copies:  # left on the workers: the client holds handles only
        kept = kept_copies(runner, parts, passages, config, source_parts)
        copies, copy_found = empty_copies(), copy_findings(None, None)
        groups, group_of = kept.groups, kept.group_of
    else:
        copies, copy_found = partitioned_copies(runner, parts, passages, config, source_parts)
        groups, group_of = copies.groups, copies.group_of
    if (len(voters) if voter_rows is None else voter_rows) == 0:
        return _no_consensus(runner, findings, copies, copy_found, kept)
    opened = [runner.submit(open_partition, part, config, flagged) for part in parts]
    found = [runner.submit(partition_sources, o) for o in opened]
    keep_sources = kept is not None and keep_reliability
    if keep_sources:  # one name per source: left on the runner
        names: Any = runner.submit(all_sources, *found)
        sources = runner.gather([runner.submit(len, names)])[0]
    else:
        names = all_sources(*runner.gather(found))
        sources = len(names)
    if sources == 0:
        return _no_consensus(runner, findings, copies, copy_found, kept)
    voices = (
        runner.submit(voices_of, names, group_of)
        if kept is not None
        else voices_of(names, group_of)
    )
    bound = [runner.submit(bind_partition, o, names, voices) for o in opened]
    # the rounds' per-source counts are summed and the reliability updated on the workers
    # (crosscheck.dask_reliability): the client reads one float a round
    if not keep_sources:
        reliability, agreeing, compared, rounds = iterate_on_workers(
            runner, bound, sources, config.truth, partition_round
        )
    else:  # the last step stays on the runner, which builds the frame from it
        step, rounds = iterate_kept(runner, bound, sources, config.truth, partition_round)
    framed = [
        runner.submit(partition_frames, b, r, names) for b, r in zip(bound, rounds, strict=True)
    ]
    # each partition's consensus stays where it is (sorted by key: its share of
    # `merge_consensus`' order); the client gets counts only (and the categories unless kept)
    consensus = [runner.submit(_own_consensus, f) for f in framed]
    voted = [runner.submit(_own_categories, f) for f in framed]
    summed: Any = tree_sum(runner, framed, _summary)
    if not keep_sources:
        summed = runner.gather([summed])[0]
        claims, rows, category_rows = summed[0], int(summed[1]), int(summed[2])
    else:  # the claims per source stay there: two counts come back
        rows, category_rows = runner.gather([runner.submit(_row_counts, summed)])[0]
    if keep_consensus:  # written to the lake where they are (crosscheck.dask_lake)
        categories = pd.DataFrame(columns=RECONCILED_CATEGORY_COLUMNS)
    else:
        categories = merge_consensus(runner.gather(voted), RECONCILED_CATEGORY_COLUMNS)
    reliability_part = None
    if keep_sources:  # written to the lake where it is (dask_lake)
        reliability_part = runner.submit(_kept_reliability, names, summed, step, group_of)
        reliabilities = pd.DataFrame(columns=SOURCE_RELIABILITY_COLUMNS)
    elif kept is not None:
        reliabilities = runner.gather([runner.submit(reliability_frame, names, claims,
                                       reliability, agreeing, compared, group_of)])[0]  # fmt: skip
    else:
        reliabilities = reliability_frame(names, claims, reliability, agreeing, compared, group_of)
    annotated = _annotate(runner, findings, parts, consensus, groups, config, voters)
    if keep_consensus:  # written to the lake where it is (crosscheck.dask_lake)
        reconciled = pd.DataFrame(columns=RECONCILED_COLUMNS)
    else:
        reconciled = merge_consensus(runner.gather(consensus), RECONCILED_COLUMNS)
    return PartitionedResult(
        annotated, reconciled, categories, reliabilities, copies.groups, copy_found,
        consensus if keep_consensus else None, rows,
        voted if keep_consensus else None, category_rows, kept,
        reliability_part, sources if reliability_part is not None else 0,
    )  # fmt: skip


def all_sources(*found: np.ndarray) -> np.ndarray:
    """The run's sorted distinct source names (objects) from each partition's
    (`partition_sources`): the global source codes every partition binds to."""
    names = np.sort(np.unique(np.concatenate(found))) if found else np.empty(0, dtype=object)
    return names.astype(object)


def _row_counts(summed: tuple[np.ndarray, ...]) -> tuple[int, int]:
    """The numeric and categorical consensus rows of `_summary`'s sum (the client's part)."""
    return int(summed[1]), int(summed[2])


def _kept_reliability(
    names: np.ndarray,
    summed: tuple[np.ndarray, ...],
    step: tuple[np.ndarray, np.ndarray, np.ndarray, float],
    group_of: dict[str, str],
) -> pd.DataFrame:
    """A task: `reliability_frame` from the handles left on the runner (the names, the claims
    per source of `_summary`'s sum, the last reliability step: dask_reliability.update)."""
    return reliability_frame(names, summed[0], step[0], step[1], step[2], group_of)


def _own_consensus(framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """A partition's numeric consensus rows in key order (`merge_consensus` of one)."""
    return merge_consensus([framed[0]], RECONCILED_COLUMNS)


def _own_categories(framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """A partition's categorical consensus rows in key order (`merge_consensus` of one)."""
    return merge_consensus([framed[1]], RECONCILED_CATEGORY_COLUMNS)


def _summary(
    *framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray],
) -> tuple[np.ndarray, ...]:
    """A leaf of the tree the client gathers the root of (`dask_reliability.tree_sum`):
    partitions' claims per source and how many numeric and categorical consensus rows they
    hold, added."""
    return add(*((f[2], np.int64(len(f[0])), np.int64(len(f[1]))) for f in framed))


def _no_consensus(
    runner: Runner,
    findings: pd.DataFrame,
    copies: CopyDetection,
    copy_found: pd.DataFrame,
    kept: KeptCopies | None = None,
) -> PartitionedResult:
    """No voter: no consensus to annotate with. Copies left on the runner are gathered (a
    run of no fact has no copy group, and no near_duplicate finding shares a figure)."""
    from crosscheck.reconcile.consensus import _empty

    if kept is not None:
        groups, copy_found = runner.gather([kept.groups, kept.found])
        copies = CopyDetection(groups, dict(zip(groups["source"], groups["group_id"], strict=True)))
    empty = _empty(copies.groups)
    annotated = annotate_conflicts(
        findings, pd.DataFrame(columns=FACT_COLUMNS), empty.reconciled,
        copy_groups=copies.groups,
    )  # fmt: skip
    return PartitionedResult(
        annotated, empty.reconciled, empty.reconciled_categories,
        empty.source_reliability, empty.copy_groups, copy_found,
    )  # fmt: skip


def _annotate(
    runner: Runner,
    findings: pd.DataFrame,
    parts: list[Any],
    consensus: list[Any],
    copy_groups: Any,
    config: ReconcileConfig,
    voters: pd.DataFrame,
) -> pd.DataFrame:
    """The conflict findings annotated with their consensus, each in the entity partition
    of its claims (`finding_homes`) with that partition's consensus (`consensus`, on the runner);
    those whose claims lie in several (a figure stated for two entities together) in one
    more task holding those entities' rows and consensus. The other findings as they are,
    in their order. `copy_groups`: the frame, or a handle on it (`keep_copies`)."""
    if findings.empty:
        return findings
    n = runner.partitions
    conflict = (findings["kind"] == FindingKind.CONFLICT.value).to_numpy(dtype=bool)
    if not conflict.any():
        return findings
    homes, named = finding_homes(findings, conflict, voters, n)
    tasks, positions = [], []
    for i in range(n):
        mine = np.flatnonzero(homes == i)
        if not len(mine):
            continue
        positions.append(mine)
        tasks.append(
            runner.submit(
                annotate_task,
                findings.iloc[mine].reset_index(drop=True),
                parts[i],
                consensus[i],
                copy_groups,
                config,
            )
        )
    several = np.flatnonzero(homes == SEVERAL)
    if len(several):
        entities = sorted({e for i in several.tolist() for e in named[i]})
        involved = sorted(set(buckets(pd.Series(entities, dtype=object), n).tolist()))
        pieces = [runner.submit(of_entities, parts[b], entities) for b in involved]
        theirs = [runner.submit(of_entities, consensus[b], entities) for b in involved]
        positions.append(several)
        tasks.append(
            runner.submit(
                annotate_task,
                findings.iloc[several].reset_index(drop=True),
                runner.submit(combine, *pieces),
                runner.submit(consensus_of, *theirs),
                copy_groups,
                config,
            )
        )
    texts = findings["explanation"].to_numpy(dtype=object, copy=True)
    for mine, done in zip(positions, runner.gather(tasks), strict=True):
        texts[mine] = done
    out = findings.copy()
    out["explanation"] = pd.Series(texts, index=out.index, dtype=out["explanation"].dtype)
    return out


SEVERAL = -1  # a finding whose claims lie in several entity partitions
_NOT_ANNOTATED = -2


def finding_homes(
    findings: pd.DataFrame, conflict: np.ndarray, voters: pd.DataFrame, n: int
) -> tuple[np.ndarray, dict[int, set[str]]]:
    """Per finding, the entity partition that annotates it (`SEVERAL`, or `_NOT_ANNOTATED`
    for other kinds), and per finding of several, the entities of its claims:
    `annotate_conflicts` finds a finding's consensus through its claims' entities, which
    for a cap's summary (no entity of its own) or a figure stated for two entities together
    are not (only) the finding's entity."""
    claims = findings["claim_ids"].to_numpy(dtype=object)
    at = np.flatnonzero(conflict).tolist()
    cited = {c for i in at for c in claims[i]}
    rows = voters[voters["claim_id"].isin(cited)]
    entity_of = dict(zip(rows["claim_id"], rows["entity"], strict=True))
    homes = np.full(len(findings), _NOT_ANNOTATED, dtype=np.int64)
    own = buckets(findings["entity"], n)
    # one hash per distinct entity (hashing each finding's few entities apart cost ~1 ms of
    # pandas per conflict: most of the Dask reconcile's client time at 10,000 pages)
    distinct = pd.Series(
        sorted({e for e in entity_of.values() if isinstance(e, str)}), dtype=object
    )
    part_of = dict(zip(distinct.tolist(), buckets(distinct, n).tolist(), strict=True))
    named: dict[int, set[str]] = {}
    for i in at:
        entities = {e for c in claims[i] if isinstance(e := entity_of.get(c), str)}
        if not entities:
            homes[i] = own[i]
            continue
        parts = {part_of[e] for e in entities}
        homes[i] = parts.pop() if len(parts) == 1 else SEVERAL
        named[i] = entities
    return homes, named


def of_entities(part: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    return part[part["entity"].isin(entities)]


def consensus_of(*pieces: pd.DataFrame) -> pd.DataFrame:
    """Pieces of several partitions' consensus in `merge_consensus`' order."""
    return merge_consensus(list(pieces), RECONCILED_COLUMNS)


def annotate_task(
    findings: pd.DataFrame,
    voters: pd.DataFrame,
    reconciled: pd.DataFrame,
    copy_groups: pd.DataFrame,
    config: ReconcileConfig,
) -> np.ndarray:
    """The explanations of `findings` annotated (all the client takes back: the findings'
    other columns, their claim lists above all, are the ones it sent)."""
    voters, reconciled = voters.reset_index(drop=True), reconciled.reset_index(drop=True)
    annotated = annotate_conflicts(
        findings, voters, reconciled, copy_groups=copy_groups, config=config
    )
    return annotated["explanation"].to_numpy(dtype=object)


__all__ = [
    "SEVERAL", "PartitionedResult", "annotate_task", "consensus_of", "finding_homes", "of_entities",
    "partitioned_reconcile",
]  # fmt: skip
