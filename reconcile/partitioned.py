"""Reconcile by entity partitions: `reconcile_facts`'s consensus and source reliability as an
iterated map-reduce, for engines that cannot hold every fact in one process.

Every consensus group (entity, metric, qualifier[, unit]) lives in one partition when facts are
partitioned by entity, so a partition computes its groups alone; only the reliability couples
them. Each round a partition returns two per-source count vectors (agreeing, compared), the
driver sums them (integer counts, so the sum does not depend on how facts were cut) and
broadcasts the new reliability. The result equals `reconcile_facts` row for row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.reconcile.consensus import ReconcileConfig
from crosscheck.reconcile.consensus_frames import category_frame, interval_frame, pinned_values
from crosscheck.reconcile.truth import (
    CategoryClaims,
    IntervalClaims,
    Sweep,
    TruthConfig,
    TruthOutcome,
    _category_round,
    _interval_round,
    category_claims,
    interval_claims,
)
from crosscheck.reconcile.voters import unflagged, value_facts

from crosscheck.contracts import (
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    SOURCE_RELIABILITY_COLUMNS,
)

_KEY = ["entity", "metric", "qualifier"]


@dataclass
class TruthPartition:
    """One entity partition's reconcilable facts (after flagging), bound to the run's global
    source codes by :func:`bind_partition`."""

    num: pd.DataFrame
    cat: pd.DataFrame
    config: ReconcileConfig
    intervals: IntervalClaims | None = None
    categories: CategoryClaims | None = None
    texts: np.ndarray | None = None
    pinned: np.ndarray | None = None
    sweep: Sweep | None = None
    src_all: np.ndarray | None = None


@dataclass
class PartitionRound:
    """What one round left in a partition: per-claim agreement and weights (for the frames)
    and the per-source counts the driver sums."""

    agreeing: np.ndarray
    compared: np.ndarray
    agree_num: np.ndarray
    w_num: np.ndarray
    runner: np.ndarray
    winner: np.ndarray
    agree_cat: np.ndarray
    w_cat: np.ndarray


def open_partition(
    facts: pd.DataFrame, config: ReconcileConfig, flagged: frozenset[str]
) -> TruthPartition:
    """The partition's numeric and categorical value facts (flagged figures set aside as
    `reconcile_facts` does; its keys never cross an entity partition)."""
    num, cat = value_facts(unflagged(facts, flagged))
    return TruthPartition(num, cat, config)


def partition_sources(part: TruthPartition) -> np.ndarray:
    """The sorted distinct sources that made a reconcilable claim in this partition."""
    both = pd.concat([part.num["source"], part.cat["source"]], ignore_index=True).astype(str)
    return np.sort(both.unique().astype(object))


def voices_of(names: np.ndarray, group_of: dict[str, str]) -> np.ndarray:
    """One voice code per source: copies of one page speak as one (as `reconcile_facts`)."""
    voices = [group_of.get(n, "\x00" + n) for n in names]
    return pd.factorize(pd.Series(voices, dtype=object))[0].astype(np.int64)


def bind_partition(
    part: TruthPartition, names: np.ndarray, voice_of_src: np.ndarray
) -> TruthPartition:
    """Code the partition's claims with the run's global source codes (`names` sorted)."""
    config = part.config
    src_num = np.searchsorted(names, part.num["source"].astype(str).to_numpy(dtype=object))
    src_cat = np.searchsorted(names, part.cat["source"].astype(str).to_numpy(dtype=object))
    intervals = interval_claims(
        part.num, src_num, voice_of_src, config.intervals, config.tolerances
    )
    categories, cat, texts = category_claims(part.cat, src_cat, voice_of_src)
    return TruthPartition(
        part.num,
        cat,
        config,
        intervals,
        categories,
        texts,
        pinned_values(part.num, intervals, config.pins),
        Sweep(intervals) if len(intervals.gid) else None,
        np.r_[src_num, src_cat].astype(np.int64),
    )


def partition_round(part: TruthPartition, reliability: np.ndarray) -> PartitionRound:
    """One round of `discover_truth` on this partition's groups, with the broadcast
    reliability; the per-source counts are what `_score` sums."""
    intervals, categories = part.intervals, part.categories
    assert intervals is not None and categories is not None and part.pinned is not None
    n_src = len(reliability)
    w_num = reliability[intervals.src] * intervals.share
    w_cat = reliability[categories.src] * categories.share
    agree_num, runner, decided_num = _interval_round(part.sweep, intervals, w_num, part.pinned)
    winner, agree_cat, decided_cat = _category_round(categories, w_cat)
    counted = intervals.contested | ~np.isnan(part.pinned)[intervals.gid]
    parts = [
        (intervals.src, agree_num, counted & decided_num),
        (categories.src, agree_cat, categories.contested & decided_cat),
    ]
    src = np.concatenate([s[c] for s, _, c in parts]).astype(np.int64)
    agree = np.concatenate([a[c] for _, a, c in parts]).astype(float)
    return PartitionRound(
        np.bincount(src, weights=agree, minlength=n_src),
        np.bincount(src, minlength=n_src).astype(float),
        agree_num,
        w_num,
        runner,
        winner,
        agree_cat,
        w_cat,
    )


def round_counts(last: PartitionRound) -> tuple[np.ndarray, np.ndarray]:
    """The small part of a round the driver needs: per-source agreeing and compared."""
    return last.agreeing, last.compared


def partition_frames(
    part: TruthPartition, last: PartitionRound, names: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The partition's consensus rows (numeric, categorical) from the final round, and its
    reconcilable claims per source (for the reliability frame)."""
    pseudo = part.config.truth.pseudo_weight
    n_src = len(names)
    outcome = TruthOutcome(
        np.empty(0), np.empty(0), np.empty(0), last.agree_num, last.w_num, last.runner,
        last.winner, last.agree_cat, last.w_cat, 0, True,
    )  # fmt: skip
    reconciled = interval_frame(part.num, part.intervals, outcome, names, pseudo, part.pinned)
    categories = category_frame(part.cat, part.categories, part.texts, outcome, names, pseudo)
    assert part.src_all is not None
    return reconciled, categories, np.bincount(part.src_all, minlength=n_src)


def iterate_reliability(
    run_round: Callable[[np.ndarray], Sequence[tuple[np.ndarray, np.ndarray]]],
    n_src: int,
    config: TruthConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, bool]:
    """`discover_truth`'s loop with the per-partition work behind `run_round(reliability)`
    (which returns every partition's counts): the final reliability, agreeing and compared
    per source, the iterations and whether it converged."""
    reliability = np.full(n_src, config.prior_mean)
    converged, iterations = False, 0
    while True:
        counts = run_round(reliability)
        agreeing = np.sum([c[0] for c in counts], axis=0) if counts else np.zeros(n_src)
        compared = np.sum([c[1] for c in counts], axis=0) if counts else np.zeros(n_src)
        updated = (agreeing + config.prior_alpha) / (
            compared + config.prior_alpha + config.prior_beta
        )
        if converged or iterations >= config.max_iterations:
            break
        iterations += 1
        converged = bool(np.max(np.abs(updated - reliability), initial=0.0) <= config.tolerance)
        reliability = updated
    return updated, agreeing, compared, iterations, converged


def merge_consensus(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Partitions' consensus rows in `reconcile_facts`' order (sorted by key)."""
    present = [f for f in frames if len(f)]
    if not present:
        return pd.DataFrame(columns=columns)
    merged = pd.concat(present, ignore_index=True)
    return merged.sort_values(_KEY, kind="stable").reset_index(drop=True)


def reliability_frame(
    names: np.ndarray,
    claims: np.ndarray,
    reliability: np.ndarray,
    agreeing: np.ndarray,
    compared: np.ndarray,
    group_of: dict[str, str],
) -> pd.DataFrame:
    """SOURCE_RELIABILITY_COLUMNS from the reduced per-source vectors (as `reconcile_facts`)."""
    agreed = agreeing.round().astype(np.int64)
    return pd.DataFrame(
        {
            "source": names,
            "reliability": reliability.round(4),
            "claims": claims.astype(np.int64),
            "agreeing": agreed,
            "disagreeing": compared.round().astype(np.int64) - agreed,
            "copy_group": pd.Series([group_of.get(n) for n in names], dtype=object),
        },
        columns=SOURCE_RELIABILITY_COLUMNS,
    )


__all__ = [
    "RECONCILED_CATEGORY_COLUMNS",
    "RECONCILED_COLUMNS",
    "PartitionRound",
    "TruthPartition",
    "bind_partition",
    "iterate_reliability",
    "merge_consensus",
    "open_partition",
    "partition_frames",
    "partition_round",
    "partition_sources",
    "reliability_frame",
    "round_counts",
    "voices_of",
]
