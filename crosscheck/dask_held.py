"""The Dask engine's facts stay on the workers that made them: the client keeps a handle, a
row count, one sample row and the entity names per parse chunk, never the facts.

A parse task's result (the whole chunk) stays on its worker; a second, small task returns
the chunk without its facts (`summarize`). The checks' and the reconcile's partitions are then
cut from those handles worker to worker (`cut`), each bucket task numbering the chunks' rows
as one frame of the run would (their offsets in run order), so every partition equals the one
the client would have cut from all facts (`dask_shuffle.split`): same rows, order, index
and column types. The client fetches back only the rows the findings cite (`cited`).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.batches import HeldPiece, PreparedBatch, PreparedChunk
from crosscheck.common.contracts import FACT_COLUMNS, RELATION_COLUMNS, FindingKind, Scope
from crosscheck.common.shared_strings import expanded, shared
from crosscheck.dask_shuffle import Runner, buckets, first

#: Columns the client needs of a cited fact: its claim, entity (annotations) and page (notes
#: on copies).
CITED_COLUMNS = ["claim_id", "entity", "source"]


def summarize(chunk: Any) -> Any:
    """A Dask task beside the parse task: the chunk without its facts, page sketches and (when
    its claims went to the lake) comparative statements, which stay on the worker (only their
    counts, the first fact and statement and the entity names travel: crosscheck.
    dask_passages cuts the sketches there, dask_statements the statements); anything else as
    it is."""
    if not isinstance(chunk, PreparedChunk):
        return chunk
    facts = chunk.facts
    entities = frozenset(str(e) for e in facts["entity"].dropna().unique()) if len(facts) else (
        frozenset())  # fmt: skip
    sample = facts.iloc[:1][FACT_COLUMNS]
    held = HeldPiece(None, len(facts), sample, entities, len(chunk.passages))
    relations = chunk.relations
    if chunk.lake_claims and relations is not None and len(relations):
        # read from the claims the chunk wrote to the lake: they stay too (dask_statements)
        held.statements = len(relations)
        held.statement_sample = relations.iloc[:1][RELATION_COLUMNS]
        relations = relations.iloc[0:0]
    return dataclasses.replace(
        chunk, facts=facts.iloc[0:0], held=held, passages=[], relations=relations
    )


@dataclass
class HeldFacts:
    """The run's facts as pieces in run order: chunks on the workers and frames this process
    holds (pages reused from the warehouse), with what the client knows of each."""

    pieces: list[HeldPiece]
    #: The run's page sketches in run order: chunks holding theirs, and frames of this process.
    passages: list[HeldPiece | pd.DataFrame] = dataclasses.field(default_factory=list)

    @classmethod
    def of(cls, batches: Sequence[PreparedBatch]) -> HeldFacts | None:
        """The pieces of the batches in order (None when every fact is in this process:
        nothing was held, the batches' frames are the facts)."""
        if not any(b.held for b in batches):
            return None
        pieces: list[HeldPiece] = []
        passages: list[HeldPiece | pd.DataFrame] = []
        for batch in batches:
            pieces += batch.held
            passages += [p for p in batch.held if p.passages]
            if len(batch.facts):
                pieces.append(frame_piece(batch.facts))
            if len(batch.passages):
                passages.append(batch.passages)
        return cls(pieces, passages)

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.pieces)

    @property
    def entities(self) -> set[str]:
        return set().union(*(p.entities for p in self.pieces))

    def dtypes(self, extra: pd.DataFrame | None = None) -> dict[str, Any]:
        """The column types of every piece stacked (as `batches.concat` would give them):
        stacking one row of each resolves the types alike."""
        samples = [p.sample for p in self.pieces if p.rows]
        if extra is not None and len(extra):
            samples.append(extra.iloc[:1][FACT_COLUMNS])
        if not samples:
            return {}
        stacked = samples[0] if len(samples) == 1 else pd.concat(samples, ignore_index=True)
        return dict(stacked[FACT_COLUMNS].dtypes.items())


def frame_piece(frame: pd.DataFrame) -> HeldPiece:
    """A piece this process holds (its handle is the frame itself, put on the runner when cut)."""
    names = frame["entity"].dropna().unique() if len(frame) else []
    return HeldPiece(frame, len(frame), frame.iloc[:1][FACT_COLUMNS], frozenset(map(str, names)))


def cut(runner: Runner, held: HeldFacts, column: str, n: int | None = None) -> list[Any]:
    """The run's facts cut into `n` partitions by `column` (`cut_by` with one column)."""
    return cut_by(runner, held, [column], n)[column]


def cut_by(
    runner: Runner, held: HeldFacts, columns: Sequence[str], n: int | None = None
) -> dict[str, list[Any]]:
    """The run's facts cut into `n` partitions by each of `columns`, from the pieces where
    they are: one task per column and partition takes every piece (a worker fetches a piece
    of another once for all of them) and numbers its rows from the piece's offset in the
    run, so no partition is shuffled again from another cut; the first column's partitions
    are cut first (`dask_shuffle.first`). Lets go of the pieces' handles: a chunk on a
    worker is freed once its partitions are cut."""
    n = runner.partitions if n is None else n
    handles, starts, at = [], [], 0
    for piece in held.pieces:
        handle = piece.handle
        if isinstance(handle, pd.DataFrame):
            handle = runner.put(handle)
        handles.append(handle)
        starts.append(at)
        at += piece.rows
        piece.handle = None
    dtypes = held.dtypes()
    cuts = {}
    for k, column in enumerate(columns):
        with first(runner) if k == 0 else contextlib.nullcontext():
            cuts[column] = [
                runner.submit(bucket_rows, i, n, column, starts, dtypes, *handles) for i in range(n)
            ]
    return cuts


def recut(
    runner: Runner, parts: list[Any], column: str, stored: pd.DataFrame, start: int, dtypes: Any
) -> list[Any]:
    """Partitions already numbered in run order (`cut`) and a frame of rows that follow them
    (stored facts, numbered from `start`) cut again by `column`."""
    n = runner.partitions
    extra = runner.put(stored)
    starts: list[int | None] = [None] * len(parts) + [start]
    return [
        runner.submit(bucket_rows, i, n, column, starts, dtypes, *parts, extra) for i in range(n)
    ]


def bucket_rows(
    i: int, n: int, column: str, starts: list[int | None], dtypes: dict[str, Any], *items: Any
) -> pd.DataFrame:
    """One partition's rows from every piece (a parse chunk, or a frame): each piece numbered
    from its start (None: it keeps its index), in run order, with the run's column types."""
    pieces = []
    for item, start in zip(items, starts, strict=True):
        frame = item.facts if isinstance(item, PreparedChunk) else item
        frame = frame[FACT_COLUMNS]
        if start is not None:
            frame = frame.set_axis(pd.RangeIndex(start, start + len(frame)))
        if len(frame):
            pieces.append(frame[buckets(frame[column], n) == i])
    present = [p for p in pieces if len(p)]
    if present:
        out = present[0] if len(present) == 1 else pd.concat(present).sort_index(kind="stable")
    else:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in FACT_COLUMNS}).set_axis(
            pd.Index([], dtype=np.int64)
        )
    differ = {c: t for c, t in dtypes.items() if out[c].dtype != t}
    return out.astype(differ) if differ else out


def cited(runner: Runner, parts: list[Any], claim_ids: set[str]) -> pd.DataFrame:
    """The (claim, entity, page) rows of the facts whose claims `claim_ids` name, in run
    order: what the client needs of the facts to annotate and note the findings. Entities
    and pages travel as categories (a string each, not one per cited fact: at 50,000 pages
    conflicts cite over a million facts) and come back as objects."""
    wanted = runner.put(sorted(claim_ids))
    return cited_stack(*runner.gather([runner.submit(_cited_rows, p, wanted) for p in parts]))


def cited_stack(*found: pd.DataFrame) -> pd.DataFrame:
    """The cited rows of every partition in run order (their index), as objects again."""
    present = [f for f in found if len(f)]
    if not present:
        return pd.DataFrame(columns=CITED_COLUMNS)
    return expanded(pd.concat(present).sort_index(kind="stable").reset_index(drop=True))


def _cited_rows(part: pd.DataFrame, wanted: list[str]) -> pd.DataFrame:
    return shared(part.loc[part["claim_id"].isin(wanted), CITED_COLUMNS], ["entity", "source"])


def held_voters(
    runner: Runner,
    held: HeldFacts,
    kept: dict[str, list[Any]],
    stored: pd.DataFrame | None,
    findings: pd.DataFrame,
) -> tuple[list[Any], pd.DataFrame, int]:
    """The reconcile's entity partitions (the checks' ones, or with `stored` facts of sources
    not read appended after the run's: cut again from the page partitions), the rows the
    findings cite, and how many voters there are."""
    parts, rows = held_entity_parts(runner, held, kept, stored)
    return parts, cited(runner, parts, _read_claims(findings)), rows


def held_entity_parts(
    runner: Runner, held: HeldFacts, kept: dict[str, list[Any]], stored: pd.DataFrame | None
) -> tuple[list[Any], int]:
    """The reconcile's entity partitions (`held_voters`) and how many voters they hold."""
    parts, rows = kept["entity"], held.rows
    if stored is not None and len(stored):
        parts = recut(runner, kept["page"], "entity", stored, rows, held.dtypes(stored))
        rows += len(stored)
    return parts, rows


def _read_claims(findings: pd.DataFrame) -> set[str]:
    """The claims whose facts the client reads: those of conflicts (annotated with the
    consensus of their entities) and of cross-source findings (noted when they rest on
    copies: reconcile.note_copies)."""
    if findings.empty:
        return set()
    read = (findings["kind"] == FindingKind.CONFLICT.value) | (
        findings["scope"] == Scope.CROSS_SOURCE.value
    )
    listed = (ids for ids in findings.loc[read, "claim_ids"])
    return {str(c) for ids in listed if isinstance(ids, list | tuple | np.ndarray) for c in ids}


def gather_all(runner: Runner, parts: list[Any]) -> pd.DataFrame:
    """Every fact back in this process, in run order (a run whose load takes frames)."""
    found = [f for f in runner.gather(parts) if len(f)]
    if not found:
        return pd.DataFrame(columns=FACT_COLUMNS)
    return pd.concat(found).sort_index(kind="stable").reset_index(drop=True)


__all__ = [
    "HeldFacts", "cited", "cut", "cut_by", "gather_all", "held_entity_parts", "held_voters",
    "recut", "summarize",
]  # fmt: skip
