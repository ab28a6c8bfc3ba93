"""Checks and reconcile as partitioned tasks: the same findings, consensus, reliability and
copy groups as `check_and_reconcile`, with no task holding every fact.

Facts are cut twice by a stable hash: by source for the same-page rules and by entity for the
cross-source rules and the consensus (checks.partitioned, reconcile.partitioned say which rule
needs which key and why). Source reliability is an iterated map-reduce: each round every
entity partition returns per-source counts, the driver sums them and broadcasts the new
reliability. A `Runner` runs the tasks: in this process, or on a Dask cluster where each
partition's state stays on the worker between rounds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from crosscheck.checks import CheckConfig
from crosscheck.checks.partitioned import (
    FAMILY_KEY,
    Checked,
    Family,
    check_chains,
    check_partition,
    check_relations,
    finish_partitions,
    limited_rows,
    merge_statements,
    ordered,
    relation_facts,
    statement_pair,
)
from crosscheck.contracts import (
    FACT_COLUMNS,
    FINDING_COLUMNS,
    PAGE_COLUMNS,
    RECONCILED_CATEGORY_COLUMNS,
    RECONCILED_COLUMNS,
    FindingKind,
)
from crosscheck.reconcile import ReconcileConfig, annotate_conflicts
from crosscheck.reconcile.copies import CopyDetection
from crosscheck.reconcile.partitioned import (
    bind_partition,
    iterate_reliability,
    merge_consensus,
    open_partition,
    partition_frames,
    partition_round,
    partition_sources,
    reliability_frame,
    round_counts,
    voices_of,
)

if TYPE_CHECKING:
    from crosscheck.dask_passages import PassageParts

#: Columns copy detection reads (its shingles); the rest of a fact never travels for it.
COPY_COLUMNS = ["source", "entity", "metric", "label", "qualifier", "raw_value"]


class Runner(Protocol):
    """Where partition tasks run. `submit` returns a handle that later tasks may take as an
    argument (a Dask future, or the value itself in-process); `gather` turns handles into
    values in this process."""

    partitions: int

    def submit(self, function: Callable[..., Any], *args: Any) -> Any: ...

    def gather(self, handles: Sequence[Any]) -> list[Any]: ...

    def put(self, value: Any) -> Any: ...


@dataclass
class InProcess:
    """Runs every task at once in this process (the reference the tests compare against)."""

    partitions: int = 4

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(handles)

    def put(self, value: Any) -> Any:
        return value


def buckets(values: pd.Series, n: int) -> np.ndarray:
    """A stable partition number per row (the same in every process and run: siphash with a
    fixed key, never Python's salted `hash`)."""
    texts = values.astype(object).where(values.notna(), "").astype(str).to_numpy(dtype=object)
    return (pd.util.hash_array(texts) % np.uint64(n)).astype(np.int64)


def split(frame: pd.DataFrame, column: str, n: int) -> Iterator[pd.DataFrame]:
    """`frame` cut into `n` partitions by `column`, one at a time (each is handed to the
    runner and dropped here before the next is cut, so the client never holds a second copy
    of every fact). Each keeps its rows' index: `reshuffle` restores the order from it."""
    part = buckets(frame[column], n)
    for i in range(n):
        yield frame[part == i]


def _cut(frame: pd.DataFrame, column: str, n: int) -> list[pd.DataFrame]:
    """Map side of a shuffle (on a worker): one partition's rows by bucket of `column`."""
    return list(split(frame, column, n))


def _piece(cut: list[pd.DataFrame], i: int) -> pd.DataFrame:
    return cut[i]


def _combine(*pieces: pd.DataFrame) -> pd.DataFrame:
    """Reduce side: one bucket's rows from every partition, in the order of the frame they
    were cut from (their index, which they keep)."""
    present = [p for p in pieces if len(p)]
    if not present:
        return pieces[0]
    return pd.concat(present).sort_index(kind="stable")


def reshuffle(runner: Runner, parts: list[Any], column: str, n: int | None = None) -> list[Any]:
    """Partitions already on the runner re-cut by another column, worker to worker (the
    client sends nothing): each partition is cut by bucket, each bucket gathers its pieces.
    Row order within a bucket is the original frame's, so results do not depend on the cut;
    `n` buckets (default: the runner's partitions)."""
    n = runner.partitions if n is None else n
    cuts = [runner.submit(_cut, part, column, n) for part in parts]
    return [
        runner.submit(_combine, *(runner.submit(_piece, cut, i) for cut in cuts)) for i in range(n)
    ]


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


@dataclass
class FirstCuts:
    """The page and entity cuts' tasks as submitted, and how to get the facts by another
    column (given in `cuts`, or shuffled from the page partitions on the workers)."""

    page_tasks: list[Any]
    entity_parts: list[Any]
    entity_tasks: list[Any]
    no_pages: pd.DataFrame
    by: Callable[[str], list[Any]]


def submit_first_cuts(
    runner: Runner,
    page_parts: list[Any],
    pages: pd.DataFrame,
    config: CheckConfig,
    cuts: dict[str, list[Any]] | None,
) -> FirstCuts:
    """The page cut first (the statements wait for its diff_mismatch findings only, and run
    while the other cuts do), then the entity cut; shared by both engines' partitioned checks."""
    n = runner.partitions
    page_pages = [p.reset_index(drop=True) for p in split(pages, "source", n)]
    no_pages = pages.iloc[0:0]
    given_cuts = {} if cuts is None else cuts

    def by(column: str) -> list[Any]:
        given = given_cuts.get(column)
        return given if given is not None else reshuffle(runner, page_parts, column)

    with first(runner):
        page_tasks = [
            # the partition as it is: check_partition numbers its rows afresh when it sorts
            runner.submit(check_partition, part, page_pages[i], config, Family.PAGE, True)
            for i, part in enumerate(page_parts)
        ]
    entity_parts = by(FAMILY_KEY[Family.ENTITY])
    entity_tasks = [
        runner.submit(check_partition, part, no_pages, config, Family.ENTITY)
        for part in entity_parts
    ]
    return FirstCuts(page_tasks, entity_parts, entity_tasks, no_pages, by)


def partitioned_checks(
    runner: Runner,
    facts: pd.DataFrame,
    pages: pd.DataFrame,
    relations: pd.DataFrame | None,
    config: CheckConfig,
    keep: dict[str, list[Any]] | None = None,
    page_parts: list[Any] | None = None,
    cuts: dict[str, list[Any]] | None = None,
) -> pd.DataFrame:
    """`run_checks`' findings: page rules by source, entity rules by entity, row outliers by
    metric, the statements by pair of entities after every other rule (they read its
    findings: `partitioned_statements`), then
    the per-page cap, ids and root causes on the client over the findings and the facts they
    cite only. With `keep`, the page and entity partitions stay there (`keep["page"]`,
    `keep["entity"]`) for the reconcile of the same facts. `page_parts`: the facts already
    on the runner, cut by page in run order (crosscheck.dask_held; `facts` is then unused);
    `cuts`: the same facts cut by other columns (by entity, by metric), taken as they are
    instead of shuffled from the page partitions."""
    n = runner.partitions
    # The facts leave the client once, by page (unless they are on the workers already); the
    # entity and metric cuts are shuffled from those partitions on the workers.
    if page_parts is None:
        facts = facts.reset_index(drop=True)
        page_parts = [runner.put(p) for p in split(facts, FAMILY_KEY[Family.PAGE], n)]
    cut = submit_first_cuts(runner, page_parts, pages, config, cuts)
    page_tasks, entity_parts, no_pages, by = cut.page_tasks, cut.entity_parts, cut.no_pages, cut.by
    tasks = {Family.ENTITY: cut.entity_tasks}
    if keep is not None:
        keep["page"], keep["entity"] = page_parts, entity_parts
    # the figures each pair bucket of statements needs are cut while the rules run (they do
    # not read the rules' findings; only the comparisons wait for those)
    having = relations is not None and len(relations)
    inputs = statement_inputs(runner, page_parts, relations) if having else None
    checked: dict[Family, list[Checked]] = {Family.PAGE: runner.gather(page_tasks)}
    early = ordered(checked)  # every diff_mismatch finding of the rules (page rules' only)
    pending = None
    if relations is not None and inputs is not None:
        pending = submit_statements(runner, page_parts, relations, config, early, inputs)
    # the metric cut holds only the figures of the metrics the page partitions said its
    # rules may need (few: the rows of far-apart figures), cut from the page partitions
    limits = [c.metrics for c in checked[Family.PAGE]]
    tasks[Family.METRIC] = metric_tasks(runner, limits, page_parts, config, no_pages, by)
    checked.update((family, runner.gather(handles)) for family, handles in tasks.items())
    found = ordered(checked)
    done = [c for partitions in checked.values() for c in partitions]
    if relations is not None and inputs is not None:
        if len(_reported(found)) != len(_reported(early)):  # another cut's rule reported one
            pending = submit_statements(runner, page_parts, relations, config, found, inputs)
        assert pending is not None
        statements = merge_statements(runner.gather(pending))
        found = found + statements.by_rule[0]
        done.append(statements)
    return finish_partitions(found, done, config)


def metric_tasks(
    runner: Runner,
    limits: list[frozenset[str] | None],
    page_parts: list[Any],
    config: CheckConfig,
    no_pages: pd.DataFrame,
    by: Callable[[str], list[Any]],
) -> list[Any]:
    """The metric cut's tasks: over the figures of the metrics every page partition's
    `metric_limit` names, shuffled from the page partitions (none when no metric is named),
    or over every fact cut by metric (`by`) when a partition's limit is unknown (`limits`:
    each page partition's `Checked.metrics`)."""
    if any(limit is None for limit in limits):
        parts = by(FAMILY_KEY[Family.METRIC])
    else:
        metrics = frozenset().union(*(limit for limit in limits if limit is not None))
        if not metrics:
            return []
        wanted = runner.put(metrics)
        limited = [runner.submit(limited_rows, part, wanted) for part in page_parts]
        parts = reshuffle(runner, limited, FAMILY_KEY[Family.METRIC])
    return [runner.submit(check_partition, part, no_pages, config, Family.METRIC) for part in parts]


def _reported(found: list[Any]) -> list[Any]:
    return [f for f in found if f.kind is FindingKind.DIFF_MISMATCH]


@contextlib.contextmanager
def first(runner: Runner) -> Iterator[None]:
    """Tasks submitted in the block run before the other tasks ready on the same worker (a
    runner with a `priority`: crosscheck.engines.DaskRunner; elsewhere nothing changes)."""
    before = getattr(runner, "priority", None)
    if before is None:
        yield
        return
    runner.priority = before + 1  # type: ignore[attr-defined]
    try:
        yield
    finally:
        runner.priority = before  # type: ignore[attr-defined]


def statement_inputs(
    runner: Runner, page_parts: list[Any], relations: pd.DataFrame
) -> list[tuple[Any, list[Any]]]:
    """Per bucket of the unordered pair of entities a statement names (that has any): its
    statements on the runner and, from each page partition, the figures of their entities."""
    n = runner.partitions
    relations = relations.reset_index(drop=True)  # the index: a statement's position
    pair_of = buckets(statement_pair(relations), n)
    inputs = []
    for i in range(n):
        mine = relations[pair_of == i]
        if len(mine):
            rels = runner.put(mine)
            inputs.append(
                (rels, [runner.submit(relation_facts, part, rels) for part in page_parts])
            )
    return inputs


def partitioned_statements(
    runner: Runner,
    page_parts: list[Any],
    relations: pd.DataFrame,
    config: CheckConfig,
    found: list[Any],
    inputs: list[tuple[Any, list[Any]]] | None = None,
) -> Checked:
    """The comparative statements' findings after every other rule's (`found`): one task per
    bucket of the unordered pair of entities a statement names, holding its statements and
    the figures of their entities (`statement_inputs`, cut earlier when given), and the
    chains of three statements in the page cut. No task holds every figure of every named
    entity."""
    if inputs is None:
        inputs = statement_inputs(runner, page_parts, relations)
    return merge_statements(
        runner.gather(submit_statements(runner, page_parts, relations, config, found, inputs))
    )


def submit_statements(
    runner: Runner,
    page_parts: list[Any],
    relations: pd.DataFrame,
    config: CheckConfig,
    found: list[Any],
    inputs: list[tuple[Any, list[Any]]],
) -> list[Any]:
    """`partitioned_statements`' tasks, submitted (handles on their `Statements`)."""
    n = runner.partitions
    relations = relations.reset_index(drop=True)  # the index: a statement's position
    reported = _reported(found)
    tasks = [
        runner.submit(_relations_task, rels, config, reported, *wanted) for rels, wanted in inputs
    ]
    page_of = buckets(relations[FAMILY_KEY[Family.PAGE]], n)  # the facts' page cut
    for i, part in enumerate(page_parts):
        mine = relations[page_of == i]
        if len(mine):
            tasks.append(runner.submit(check_chains, part, mine, reported))
    return tasks


def _relations_task(
    relations: pd.DataFrame, config: CheckConfig, reported: list[Any], *parts: pd.DataFrame
) -> Any:
    return check_relations(parts, relations, config, reported)


#: The check tasks worth a worker of the local engine (`engines.PoolRunner`): the rules'
#: partitions and the statements' tasks; it runs the cuts of a shuffle in its own process.
REMOTE_CHECK_TASKS: frozenset[Callable[..., Any]] = frozenset(
    {check_partition, _relations_task, check_chains}
)


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
    here."""
    if entity_parts is None:
        voters = voters.reset_index(drop=True)
        entity_parts = [runner.put(p) for p in split(voters, "entity", runner.partitions)]
    parts = entity_parts
    # Copy groups by figures and by page text, sharded by source, LSH band key and pair
    # (crosscheck.dask_copies): the same groups and near_duplicate findings as `_copies`.
    from crosscheck.dask_copies import partitioned_copies

    copies, copy_found = partitioned_copies(runner, parts, passages, config, source_parts)
    if (len(voters) if voter_rows is None else voter_rows) == 0:
        return _no_consensus(findings, copies, copy_found)
    opened = [runner.submit(open_partition, part, config, flagged) for part in parts]
    found = runner.gather([runner.submit(partition_sources, o) for o in opened])
    names = np.sort(np.unique(np.concatenate(found))) if found else np.empty(0, dtype=object)
    names = names.astype(object)
    if len(names) == 0:
        return _no_consensus(findings, copies, copy_found)
    voices = voices_of(names, copies.group_of)
    bound = [runner.submit(bind_partition, o, names, voices) for o in opened]
    rounds: list[Any] = []

    def run_round(reliability: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        rounds[:] = [runner.submit(partition_round, b, reliability) for b in bound]
        return runner.gather([runner.submit(round_counts, r) for r in rounds])

    reliability, agreeing, compared, _it, _conv = iterate_reliability(
        run_round, len(names), config.truth
    )
    framed = [
        runner.submit(partition_frames, b, r, names) for b, r in zip(bound, rounds, strict=True)
    ]
    # each partition's consensus stays where it is (sorted by key: its share of
    # `merge_consensus`' order); the client gets counts only (and the categories unless kept)
    consensus = [runner.submit(_own_consensus, f) for f in framed]
    voted = [runner.submit(_own_categories, f) for f in framed]
    summed = runner.gather([runner.submit(_summary, f) for f in framed])
    claims = np.sum([s[0] for s in summed], axis=0)
    rows, category_rows = int(sum(s[1] for s in summed)), int(sum(s[2] for s in summed))
    if keep_consensus:  # written to the lake where they are (crosscheck.dask_lake)
        categories = pd.DataFrame(columns=RECONCILED_CATEGORY_COLUMNS)
    else:
        categories = merge_consensus(runner.gather(voted), RECONCILED_CATEGORY_COLUMNS)
    reliabilities = reliability_frame(
        names, claims, reliability, agreeing, compared, copies.group_of
    )
    annotated = _annotate(runner, findings, parts, consensus, copies, config, voters)
    if keep_consensus:  # written to the lake where it is (crosscheck.dask_lake)
        reconciled = pd.DataFrame(columns=RECONCILED_COLUMNS)
    else:
        reconciled = merge_consensus(runner.gather(consensus), RECONCILED_COLUMNS)
    return PartitionedResult(
        annotated, reconciled, categories, reliabilities, copies.groups, copy_found,
        consensus if keep_consensus else None, rows,
        voted if keep_consensus else None, category_rows,
    )  # fmt: skip


def _own_consensus(framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """A partition's numeric consensus rows in key order (`merge_consensus` of one)."""
    return merge_consensus([framed[0]], RECONCILED_COLUMNS)


def _own_categories(framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray]) -> pd.DataFrame:
    """A partition's categorical consensus rows in key order (`merge_consensus` of one)."""
    return merge_consensus([framed[1]], RECONCILED_CATEGORY_COLUMNS)


def _summary(
    framed: tuple[pd.DataFrame, pd.DataFrame, np.ndarray],
) -> tuple[np.ndarray, int, int]:
    """What the client gathers of a partition's frames: its claims per source and how many
    numeric and categorical consensus rows it holds."""
    return framed[2], len(framed[0]), len(framed[1])


def _no_consensus(
    findings: pd.DataFrame, copies: CopyDetection, copy_found: pd.DataFrame
) -> PartitionedResult:
    from crosscheck.reconcile.consensus import _empty

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
    copies: CopyDetection,
    config: ReconcileConfig,
    voters: pd.DataFrame,
) -> pd.DataFrame:
    """The conflict findings annotated with their consensus, each in the entity partition
    of its claims (`_homes`) with that partition's consensus (`consensus`, on the runner);
    those whose claims lie in several (a figure stated for two entities together) in one
    more task holding those entities' rows and consensus. The other findings as they are,
    in their order."""
    if findings.empty:
        return findings
    n = runner.partitions
    conflict = (findings["kind"] == FindingKind.CONFLICT.value).to_numpy(dtype=bool)
    if not conflict.any():
        return findings
    homes, named = _homes(findings, conflict, voters, n)
    tasks, positions = [], []
    for i in range(n):
        mine = np.flatnonzero(homes == i)
        if not len(mine):
            continue
        positions.append(mine)
        tasks.append(
            runner.submit(
                _annotate_task,
                findings.iloc[mine].reset_index(drop=True),
                parts[i],
                consensus[i],
                copies.groups,
                config,
            )
        )
    several = np.flatnonzero(homes == _SEVERAL)
    if len(several):
        entities = sorted({e for i in several.tolist() for e in named[i]})
        involved = sorted(set(buckets(pd.Series(entities, dtype=object), n).tolist()))
        pieces = [runner.submit(_of_entities, parts[b], entities) for b in involved]
        theirs = [runner.submit(_of_entities, consensus[b], entities) for b in involved]
        positions.append(several)
        tasks.append(
            runner.submit(
                _annotate_task,
                findings.iloc[several].reset_index(drop=True),
                runner.submit(_combine, *pieces),
                runner.submit(_consensus_of, *theirs),
                copies.groups,
                config,
            )
        )
    texts = findings["explanation"].to_numpy(dtype=object, copy=True)
    for mine, done in zip(positions, runner.gather(tasks), strict=True):
        texts[mine] = done
    out = findings.copy()
    out["explanation"] = pd.Series(texts, index=out.index, dtype=out["explanation"].dtype)
    return out


_SEVERAL = -1  # a finding whose claims lie in several entity partitions
_NOT_ANNOTATED = -2


def _homes(
    findings: pd.DataFrame, conflict: np.ndarray, voters: pd.DataFrame, n: int
) -> tuple[np.ndarray, dict[int, set[str]]]:
    """Per finding, the entity partition that annotates it (`_SEVERAL`, or `_NOT_ANNOTATED`
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
        homes[i] = parts.pop() if len(parts) == 1 else _SEVERAL
        named[i] = entities
    return homes, named


def _of_entities(part: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    return part[part["entity"].isin(entities)]


def _consensus_of(*pieces: pd.DataFrame) -> pd.DataFrame:
    """Pieces of several partitions' consensus in `merge_consensus`' order."""
    return merge_consensus(list(pieces), RECONCILED_COLUMNS)


def _annotate_task(
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
    "FINDING_COLUMNS",
    "PAGE_COLUMNS",
    "InProcess",
    "PartitionedResult",
    "Runner",
    "buckets",
    "partitioned_checks",
    "partitioned_reconcile",
    "split",
]
