"""One batch of snapshots → its pages rows, claims, facts and quarantine, on the workers.

Each worker parses a chunk of pages, applies the claim contract, normalizes the claims with
the run's Normalizer (handed to every worker once, when the pool starts, so its vocabulary and
caches are never shipped per chunk) and applies the fact contract; given the run's CheckConfig
too (the local engine), it runs the page cut's rules on its whole pages (checks.page_cut),
so their CPU is spread over the workers instead of the parent's checks lap. The parent only
concatenates the chunks in order. Every chunk reports the CPU seconds of each step, which is
how the benchmark gets per-core figures while the steps of different batches overlap. What a
chunk and a batch carry (PreparedChunk, PreparedBatch, HeldPiece, concat) is
crosscheck.batch_frames.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from crosscheck.batch_frames import HeldPiece as HeldPiece  # re-exported
from crosscheck.batch_frames import PreparedBatch, PreparedChunk, concat
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.contracts import validate_frame
from crosscheck.checks.page_cut import page_findings
from crosscheck.checks.run import content_order
from crosscheck.common.gazetteer import Gazetteer, load_gazetteer
from crosscheck.common.passages import page_passages
from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    PAGE_COLUMNS,
    PASSAGE_COLUMNS,
    QUARANTINE_COLUMNS,
    RELATION_COLUMNS,
    PageStatus,
    Snapshot,
)
from crosscheck.ingest import claims_frame, parse_snapshot
from crosscheck.ingest.budgets import page_utf8
from crosscheck.ingest.snapshots import Arrival, SnapshotStore
from crosscheck.ingest.sources import FileRead, read_page
from crosscheck.normalize import Normalizer, normalize_claims, repair_text
from crosscheck.normalize.relations import relations_of_claims
from crosscheck.normalize.repair import RepairResult, may_hold_mojibake
from crosscheck.parallel import PendingChunks, WorkerPool
from crosscheck.reconcile.copies import page_shingles

_CLEAN = RepairResult("", 0, (), 0)
T = TypeVar("T")

#: Test hook: when set to a file path, every chunk appends its process id to that file and
#: waits (up to PAUSE_LIMIT_S) until the file is deleted or holds a line RESUME, so a test can
#: signal a run while its workers parse (RESUME also lets a chunk re-run after a worker was
#: killed pass at once: it would re-create a deleted file and wait). Never set it in production.
PAUSE_ENV = "CROSSCHECK_TEST_PAUSE_IN_PARSE"
PAUSE_LIMIT_S = 60.0
RESUME = "resume"


def _pause_if_asked() -> None:
    flag = os.environ.get(PAUSE_ENV)
    if not flag:
        return
    with open(flag, "a", encoding="ascii") as out:
        out.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + PAUSE_LIMIT_S
    while os.path.exists(flag) and time.monotonic() < deadline:
        with contextlib.suppress(OSError), open(flag, encoding="ascii") as seen:
            if RESUME in seen.read().split():
                return
        time.sleep(0.05)


class _WorkerState:
    """What a worker holds for the whole run (set by :func:`install_normalizer`)."""

    normalizer: Normalizer | None = None
    # given: every chunk runs the page cut's rules and reads its claims' statements
    checks: CheckConfig | None = None
    gazetteer: Gazetteer | None = None  # the names ingest finds (None: the packaged ones)


def install_normalizer(
    normalizer: Normalizer, checks: CheckConfig | None = None, gazetteer: Path | None = None
) -> None:
    """The pool's initializer: every worker (and the parent, for in-process chunks) gets the
    run's normalizer once, the run's check settings when chunks run the page cut, and the
    entities file ingest finds names with when the run names one (`vocabulary.gazetteer`)."""
    _WorkerState.normalizer = normalizer
    _WorkerState.checks = checks
    _WorkerState.gazetteer = load_gazetteer(gazetteer) if gazetteer is not None else None


def run_pool(
    workers: int,
    normalizer: Normalizer,
    checks: CheckConfig | None = None,
    gazetteer: Path | None = None,
) -> WorkerPool:
    """A worker pool whose workers hold the run's normalizer (check settings, gazetteer)."""
    return WorkerPool(
        workers, initializer=install_normalizer, initargs=(normalizer, checks, gazetteer)
    )


def page_row(
    snapshot: Snapshot,
    title: str,
    claims: int,
    repairs: int,
    kinds: str,
    note: str = "",
    empty_reason: str | None = None,
) -> dict[str, Any]:
    """The pages row of one snapshot (PAGE_COLUMNS); a usable page's `error` carries the notes
    of its decoding and page budgets (what was cut, why it was quarantined), and a page read
    without a claim keeps its status and says why ("no figure found")."""
    notes = "; ".join(n for n in (snapshot.note, note, empty_reason) if n)
    return {
        "source": snapshot.source,
        "page_sha256": snapshot.sha256 or "",
        "title": title,
        "content_type": snapshot.content_type,
        "fetched_at": snapshot.fetched_at,
        "status": snapshot.status.value,
        "http_status": snapshot.http_status,
        "error": snapshot.error or notes or None,
        "claim_count": claims,
        "repairs": repairs,
        "repair_kinds": kinds,
    }


def prepare_chunk(snapshots: Iterable[Snapshot]) -> PreparedChunk:
    """Parse, validate, normalize and validate a run of snapshots (in a worker or in-process);
    `snapshots` may be read as they come (prepare_pages)."""
    normalizer = _WorkerState.normalizer
    if normalizer is None:
        raise RuntimeError("prepare_chunk needs install_normalizer() first (the pool does it)")
    _pause_if_asked()
    started = time.process_time()
    rows, parsed, passages = [], [], []
    for snapshot in snapshots:
        if not snapshot.ok:
            rows.append(page_row(snapshot, "", 0, 0, ""))
            continue
        page = parse_snapshot(snapshot, gazetteer=_WorkerState.gazetteer)
        # Repairing 160 KB of markup only to count faults cost ~45% of parsing: pages without
        # a mojibake marker (checked at C speed) have nothing to count.
        # (the page's UTF-8 bytes as the parser's budgets encoded them: not encoded again)
        suspect = not page.quarantined and may_hold_mojibake(
            snapshot.text, page_utf8(snapshot.text)
        )
        repair = repair_text(snapshot.text) if suspect else _CLEAN
        kinds = ", ".join(repair.kinds)
        rows.append(
            page_row(
                snapshot,
                page.title,
                len(page.claims),
                repair.mojibake,
                kinds,
                page.note,
                page.empty_reason,
            )
        )
        parsed.append(page)
        if not page.quarantined:
            names = {c.get("entity_raw") for c in page.claims} - {None, ""}
            sketch = page_passages(snapshot.source, page.text, names, markup=False)
            passages.append((sketch.source, sketch.sketch, sketch.shingles, sketch.quotes))
    claims = claims_frame(parsed)
    parsed_at = time.process_time()
    claims_checked = validate_frame(claims, "ClaimModel", "ingest")
    checked_at = time.process_time()
    normalized = normalize_claims(claims_checked.valid, normalizer=normalizer)
    normalized_at = time.process_time()
    facts_checked = validate_frame(normalized.facts, "FactModel", "normalize")
    done_at = time.process_time()
    quarantine = concat(
        [claims_checked.quarantine, normalized.quarantine, facts_checked.quarantine],
        QUARANTINE_COLUMNS,
    )
    cpu = {
        "parse": parsed_at - started,
        "contracts": (checked_at - parsed_at) + (done_at - normalized_at),
        "normalize": normalized_at - checked_at,
    }
    chunk = PreparedChunk(rows, claims_checked.valid, facts_checked.valid, quarantine, cpu)
    chunk.passages = passages
    if _WorkerState.checks is not None:  # every page of the chunk is whole in it
        pages = pd.DataFrame(rows, columns=PAGE_COLUMNS)
        chunk.page_checks = page_findings(chunk.facts, pages, _WorkerState.checks)
        checked_at = time.process_time()
        cpu["page_checks"] = checked_at - done_at
        # the statements are read per page too: here, not on the checks lap's one core
        chunk.relations = relations_of_claims(chunk.claims, normalizer.vocabulary)
        related_at = time.process_time()
        cpu["relations"] = related_at - checked_at
        # and the pages' figure shingles, which copy detection hashed in the reconcile lap
        chunk.shingles = page_shingles(chunk.facts)
        shingled_at = time.process_time()
        cpu["shingles"] = shingled_at - related_at
        # and the facts' content order, which the checks lap sorted every fact by
        chunk.content_order = content_order(chunk.facts).astype(np.int32)
        cpu["content_order"] = time.process_time() - shingled_at
    return chunk


_UNUSABLE = (PageStatus.FAILED, PageStatus.SKIPPED)


def prepare_pages(
    items: Sequence[Snapshot | FileRead | Arrival], store: SnapshotStore | None = None
) -> PreparedChunk:
    """A worker's chunk of work items: read each local file (or take a fetched body), decode
    it and write its snapshot to `store` (the same store, layout and ids the main process
    would write), set aside the pages whose body the warehouse already holds, then parse and
    normalize the rest (:func:`prepare_chunk`). Snapshots (304s, failures) are parsed as
    given. Each page is parsed as soon as it is read: the bytes it was decoded from are then
    the page's UTF-8 the parse reads (ingest.page_bytes), not the str encoded again."""
    fresh: list[Snapshot] = []
    aside: list[Snapshot] = []
    reading = [0.0]  # CPU seconds spent reading, between the pages' parses

    def read() -> Iterator[Snapshot]:
        for item in items:
            started = time.process_time()
            if isinstance(item, Snapshot):
                snapshot, known = item, False
            elif store is None:
                raise RuntimeError("keeping pages in a worker needs the run's snapshot store")
            else:
                snapshot = read_page(item, store)
                known = snapshot.ok and snapshot.sha256 in item.known
            reading[0] += time.process_time() - started
            if known:
                aside.append(dataclasses.replace(snapshot, text=""))
                continue
            fresh.append(snapshot)
            yield snapshot

    pages = read()
    first = next(pages, None)  # a chunk of known pages only parses nothing
    before = reading[0]
    # looked up at call time (not bound): tests count parses by patching the module's name
    chunk = prepare_chunk(itertools.chain([first], pages)) if first is not None else _empty_chunk()
    if "parse" in chunk.cpu:  # the reads done between the parses are not the parse's
        chunk.cpu["parse"] -= reading[0] - before
    chunk.cpu["read"] = chunk.cpu.get("read", 0.0) + reading[0]
    chunk.set_aside = aside
    chunk.failed = [(s.source, s.error or s.status.value) for s in fresh if s.status in _UNUSABLE]
    chunk.parsed = sum(1 for s in fresh if s.ok)
    return chunk


def _empty_chunk() -> PreparedChunk:
    return PreparedChunk(
        [],
        pd.DataFrame(columns=CLAIM_COLUMNS),
        pd.DataFrame(columns=FACT_COLUMNS),
        pd.DataFrame(columns=QUARANTINE_COLUMNS),
    )


# Chunks per worker and batch. Every chunk pays fixed costs (the claim and fact contracts,
# the normalizer's frames, its look-ups of the chunk's distinct texts), and the workers stay
# busy anyway: they take the next batch while the parent reads it. Measured at 10,000 pages:
# four chunks per worker (the pool's default) spent 12.7 s on contracts and 5.0 s on
# normalizing, one spends 6.5 s and 4.0 s, and the run is no slower.
CHUNKS_PER_WORKER = 1


def batches_of(items: Iterable[T], size: int) -> Iterator[tuple[list[T], bool]]:
    """`items` in lists of `size`, each with whether it is the last one (one item is read
    ahead to know it; a batch's list is let go before the next is read)."""
    rest = iter(items)
    batch = list(itertools.islice(rest, size))
    while batch:
        ahead = list(itertools.islice(rest, 1))
        yield batch, not ahead
        del batch
        batch = ahead + list(itertools.islice(rest, size - 1))


def start_batch(
    items: Sequence[Snapshot | FileRead | Arrival],
    pool: WorkerPool,
    store: SnapshotStore | None = None,
    prepare: Callable[..., PreparedChunk] | None = None,
    last: bool = False,
) -> PendingChunks[PreparedChunk]:
    """Hand a batch of work items (page files to read, or snapshots) to the pool's workers and
    return at once (see :func:`finish_batch`); workers write the files' snapshots to `store`.
    `prepare(items, store=...)` runs on each chunk (default `prepare_pages`; one that also
    writes the claims to the lake: crosscheck.dask_lake.ClaimsIntoLake). The run's `last`
    batch is cut finer (the pool's `tail_chunks_per_worker`): with one chunk per worker
    (~3 s of CPU at 250 pages) one worker idled until the other ended its last chunk, half a
    chunk on average; smaller chunks bound that tail, for ~0.06 s of CPU per extra chunk."""
    work = functools.partial(prepare_pages if prepare is None else prepare, store=store)
    per_worker = pool.tail_chunks_per_worker if last else CHUNKS_PER_WORKER
    return pool.submit_chunks(work, items, per_worker=per_worker)


def finish_batch(
    pending: PendingChunks[PreparedChunk], on_chunk: Callable[[int], None] | None = None
) -> tuple[PreparedBatch, dict[str, float]]:
    """The batch's frames in input order, and the CPU seconds its chunks spent per step;
    `on_chunk(done)` hears how many snapshots are finished after each chunk."""
    chunks = pending.collect(on_chunk)
    cpu: dict[str, float] = {}
    for chunk in chunks:
        for step, seconds in chunk.cpu.items():
            cpu[step] = cpu.get(step, 0.0) + seconds
    batch = PreparedBatch(
        pd.DataFrame([row for c in chunks for row in c.page_rows], columns=PAGE_COLUMNS),
        concat([c.claims for c in chunks], CLAIM_COLUMNS),
        concat([c.facts for c in chunks], FACT_COLUMNS),
        concat([c.quarantine for c in chunks], QUARANTINE_COLUMNS),
        pd.DataFrame([row for c in chunks for row in c.passages], columns=PASSAGE_COLUMNS),
        [snapshot for c in chunks for snapshot in c.set_aside],
        [failure for c in chunks for failure in c.failed],
        sum(c.parsed for c in chunks),
    )
    batch.lake_claims = sum(c.lake_claims for c in chunks)
    batch.lake_pages = sum(c.lake_pages for c in chunks)
    batch.lake_quarantine = sum(c.lake_quarantine for c in chunks)
    batch.read_sources = [source for c in chunks for source in c.read_sources]
    if batch.lake_pages:
        batch.repaired = pd.DataFrame([r for c in chunks for r in c.repaired], columns=PAGE_COLUMNS)
    batch.held = [c.held for c in chunks if c.held is not None]
    if all(c.page_checks is not None for c in chunks):
        batch.page_checks = [c.page_checks for c in chunks if c.page_checks is not None]
    if all(c.shingles is not None for c in chunks):
        batch.shingles = [c.shingles for c in chunks if c.shingles is not None]
    if all(c.content_order is not None for c in chunks):
        batch.content_orders = [c.content_order for c in chunks if c.content_order is not None]
    read = [c.relations for c in chunks if c.relations is not None]
    if read:  # (an empty chunk's frame has object figures: left out)
        batch.relations = concat(read, RELATION_COLUMNS)
    return batch, cpu
