"""The batches the workers are parsing, collected in reading order: a run reads batch k+1
while the workers parse batch k, and counts what each batch read, parsed and set aside.

Kept apart from the run's entry points (crosscheck.pipeline) so the reading loop reads as
a loop; the progress and the dead-worker message are the same for every caller.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from crosscheck.batches import PreparedBatch, PreparedChunk, finish_batch, start_batch
from crosscheck.contracts import Snapshot
from crosscheck.errors import RunFailed
from crosscheck.parallel import PendingChunks, WorkerPool
from crosscheck.progress import ProgressCallback, no_progress
from crosscheck.run_types import StageTimer


@dataclass
class StreamStats:
    """What reading the sources in batches saw."""

    read: int = 0
    parsed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Parsing:
    """A batch the workers are parsing, and where it starts in the run (for progress)."""

    pending: PendingChunks[PreparedChunk]
    offset: int


def finish_parsing(
    pending: PendingChunks[PreparedChunk],
    timer: StageTimer,
    progress: ProgressCallback,
    offset: int,
    total: int,
) -> PreparedBatch:
    """Wait for a batch's chunks (lapped as parse) and count them into the progress: a chunk
    comes back parsed and normalized, so both stages advance together."""

    def advance(done: int) -> None:
        progress("parse", offset + done, total)
        progress("normalize", offset + done, total)

    try:
        batch, cpu = finish_batch(pending, advance)
    except BrokenProcessPool as error:  # a worker was killed (OOM killer, a crash in C code)
        raise RunFailed(
            f"a worker process died while parsing the batch from page {offset + 1} of {total}: "
            f"{error}; nothing was loaded"
        ) from error
    for step, seconds in cpu.items():
        timer.add_cpu(step, seconds)
    timer.lap("parse")
    return batch


def prepare_batch(
    snapshots: list[Snapshot],
    pool: WorkerPool,
    timer: StageTimer,
    progress: ProgressCallback = no_progress,
    offset: int = 0,
    total: int | None = None,
) -> PreparedBatch:
    """Parse, normalize and validate one batch on the pool's workers (start and finish)."""
    total = len(snapshots) + offset if total is None else total
    return finish_parsing(start_batch(snapshots, pool), timer, progress, offset, total)


def finish_all(
    slots: list[PreparedBatch | Parsing],
    timer: StageTimer,
    progress: ProgressCallback,
    total: int,
    stats: StreamStats | None = None,
    set_aside: list[Snapshot] | None = None,
    leave: int = 0,
) -> None:
    """Turn every batch still parsing but the last `leave` into a prepared batch, in place
    and in order, counting what its workers read into `stats` and the known pages they set
    aside into `set_aside`."""
    parsing = [i for i, slot in enumerate(slots) if isinstance(slot, Parsing)]
    for index in parsing[: max(0, len(parsing) - leave)]:
        slot = slots[index]
        if isinstance(slot, Parsing):
            batch = slots[index] = finish_parsing(slot.pending, timer, progress, slot.offset, total)
            if stats is not None:
                stats.failed += batch.failed
                stats.parsed += batch.parsed
            if set_aside is not None:
                set_aside += batch.set_aside
            batch.set_aside = []
