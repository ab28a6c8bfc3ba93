"""The Dask engine's comparative statements stay on the workers that read them (issue 19): a
parse task that writes its claims to the lake (crosscheck.dask_lake.ClaimsIntoLake) reads the
statements of its claims and keeps them in its chunk; the client learns their count and first
row only (crosscheck.dask_held.summarize), never the statements.

The statements' two cuts (by the unordered pair of entities a statement names, and by page for
the chains of three) are cut from the chunks where they are, one task per key and partition,
each numbering every chunk's statements from the chunk's offset in the run: a partition equals
the one the client cut from one frame of every statement (`dask_checks.statement_buckets`,
`submit_statements`: same rows, order, index and column types). The pair partitions are then
written to the lake (`relations/run_id=<run>/bucket=<NN>/part.parquet`, NN the pair partition)
and the load reads them there (warehouse.load_lake_relations).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.batches import HeldPiece
from crosscheck.checks.partitioned import Family, check_chains, statement_pair
from crosscheck.checks.rules import FAMILY_KEY
from crosscheck.common.contracts import RELATION_COLUMNS
from crosscheck.dask_checks import diff_mismatches, relations_task
from crosscheck.dask_shuffle import Runner, buckets

#: The statements' columns as the lake stores them (typed: a partition whose `b` or `metric`
#: are all missing writes the same schema as the others).
RELATION_TYPES = {c: "DOUBLE" if c in ("low", "high") else "VARCHAR" for c in RELATION_COLUMNS}
#: The cut by pair of entities, and the page cut (the chains of three statements).
PAIR, PAGE = "pair", "page"


@dataclass
class HeldStatements:
    """The run's statements as pieces in run order: parse chunks on the workers holding theirs
    (handles), then a frame this process holds (statements of pages read back from the
    warehouse), with each piece's rows and the run's column types."""

    handles: list[Any]
    rows: list[int]
    dtypes: dict[str, Any]
    #: the pair partitions cut (set by `cut`): written to the lake once the checks are done
    pair_parts: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.rows)

    @staticmethod
    def pieces_of(held: Any) -> list[HeldPiece]:
        """Copies of the held pieces (`dask_held.HeldFacts`, or None) that kept statements:
        their handles outlive the facts' cut, which lets go of the pieces' own."""
        if held is None:
            return []
        return [dataclasses.replace(p) for p in held.pieces if p.statements]

    @classmethod
    def of(cls, kept: list[HeldPiece], after: pd.DataFrame | None) -> HeldStatements | None:
        """The statements `kept` (`pieces_of`) hold, then `after` (this process's statements,
        in run order after them); None when no piece kept any. Empties `kept`."""
        if not kept:
            return None
        handles: list[Any] = [p.handle for p in kept]
        rows = [p.statements for p in kept]
        samples = [p.statement_sample for p in kept if p.statement_sample is not None]
        if after is not None and len(after):
            handles.append(after[RELATION_COLUMNS])
            rows.append(len(after))
            samples.append(after.iloc[:1][RELATION_COLUMNS])
        kept.clear()
        stacked = samples[0] if len(samples) == 1 else pd.concat(samples, ignore_index=True)
        return cls(handles, rows, dict(stacked[RELATION_COLUMNS].dtypes.items()))


def cut(runner: Runner, held: HeldStatements) -> tuple[list[Any], list[Any]]:
    """The statements cut by pair of entities and by page (`runner.partitions` each), only the
    partitions holding any (as the client's cut skipped empty ones), in partition order; the
    frames this process holds are put on the runner once."""
    n = runner.partitions
    handles = [runner.put(h) if isinstance(h, pd.DataFrame) else h for h in held.handles]
    starts = np.cumsum([0, *held.rows[:-1]]).tolist()
    cuts = {
        key: [runner.submit(statement_rows, i, n, key, starts, held.dtypes, *handles)
              for i in range(n)]
        for key in (PAIR, PAGE)
    }  # fmt: skip
    held.handles = []  # the chunks are let go once every partition is cut from them
    sizes = runner.gather([runner.submit(len, part) for key in cuts for part in cuts[key]])
    pairs = [p for p, size in zip(cuts[PAIR], sizes[:n], strict=True) if size]
    pages = [p if size else None for p, size in zip(cuts[PAGE], sizes[n:], strict=True)]
    held.pair_parts = pairs
    return pairs, pages


def statement_rows(
    i: int, n: int, key: str, starts: list[int], dtypes: dict[str, Any], *items: Any
) -> pd.DataFrame:
    """Partition `i` of `n` of the statements by `key` (PAIR or PAGE) from every piece (a parse
    chunk holding its statements, or a frame), each numbered from its start in run order,
    with the run's column types."""
    pieces = []
    for item, start in zip(items, starts, strict=True):
        frame = getattr(item, "relations", item)
        if frame is None or not len(frame):
            continue
        frame = frame[RELATION_COLUMNS].set_axis(pd.RangeIndex(start, start + len(frame)))
        keys = statement_pair(frame) if key == PAIR else frame[FAMILY_KEY[Family.PAGE]]
        mine = frame[buckets(keys, n) == i]
        if len(mine):
            pieces.append(mine)
    if not pieces:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in dtypes.items()}).set_axis(
            pd.Index([], dtype=np.int64)
        )
    out = pieces[0] if len(pieces) == 1 else pd.concat(pieces)
    differ = {c: t for c, t in dtypes.items() if out[c].dtype != t}
    return out.astype(differ) if differ else out


def submit_statements(
    runner: Runner,
    page_parts: list[Any],
    pages: list[Any],
    config: Any,
    found: Any,
    inputs: list[tuple[Any, list[Any]]],
) -> list[Any]:
    """`dask_checks.submit_statements` over the partitions cut where the statements are
    (`pages`: the page cut's partitions, None where a partition holds no statement).
    `found`: the findings, or a handle on them; filtered in one task on the runner."""
    reported = runner.submit(diff_mismatches, found)
    tasks = [
        runner.submit(relations_task, rels, config, reported, *wanted) for rels, wanted in inputs
    ]
    for part, mine in zip(page_parts, pages, strict=True):
        if mine is not None:
            tasks.append(runner.submit(check_chains, part, mine, reported))
    return tasks


__all__ = [
    "RELATION_TYPES", "HeldStatements", "cut", "statement_rows",
    "submit_statements",
]  # fmt: skip
