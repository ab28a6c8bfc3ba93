"""The Dask engine's page sketches stay on the workers that made them (issue 19): the client
keeps their count only. Copy detection takes them cut by source where they are, and the load
reads them from the Parquet lake, which the same partitions write (`write_parts`).

A parse chunk keeps its sketches beside its facts (crosscheck.dask_held.summarize returns the
chunk without either); `cut` makes the partitions `dask_shuffle.split` would cut from
every sketch of the run in the client: same rows, same order (each numbered from its offset
in run order, so `gather` restores the run's order when a load needs them as a frame).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.batches import HeldPiece, PreparedChunk
from crosscheck.common.contracts import PASSAGE_COLUMNS
from crosscheck.dask_parquet import write_part
from crosscheck.dask_shuffle import Runner, buckets

#: The columns of a sketch in the lake: what the warehouse's `page_passages` stores of it
#: (its page's snapshot hash is joined at the load from the run's pages).
LAKE_PASSAGE_COLUMNS = ["source", "sketch", "shingles", "quote_hashes", "quote_texts"]


@dataclass(frozen=True)
class PassageParts:
    """The run's page sketches cut by source into the runner's partitions (handles), and how
    many there are in all."""

    parts: list[Any]
    rows: int


def cut(runner: Runner, pieces: Sequence[HeldPiece | pd.DataFrame]) -> PassageParts:
    """The sketches of `pieces` (chunks held on the workers, or frames of this process, in
    run order) cut by source into `runner.partitions`, each partition a task that takes
    every piece. Call it before the facts' cut lets go of the chunks' handles."""
    n = runner.partitions
    handles, starts, at = [], [], 0
    for piece in pieces:
        if isinstance(piece, pd.DataFrame):
            handles.append(runner.put(piece))
            rows = len(piece)
        else:
            handles.append(piece.handle)
            rows = piece.passages
        starts.append(at)
        at += rows
    parts = [runner.submit(source_rows, i, n, starts, *handles) for i in range(n)]
    return PassageParts(parts, at)


def source_rows(i: int, n: int, starts: list[int], *items: Any) -> pd.DataFrame:
    """Partition `i` of `n` by source of the pieces' sketches, numbered from their starts."""
    pieces = []
    for item, start in zip(items, starts, strict=True):
        if isinstance(item, PreparedChunk):
            frame = pd.DataFrame(item.passages, columns=PASSAGE_COLUMNS)
        else:
            frame = item[PASSAGE_COLUMNS]
        if len(frame):
            frame = frame.set_axis(pd.RangeIndex(start, start + len(frame)))
            pieces.append(frame[buckets(frame["source"], n) == i])
    present = [p for p in pieces if len(p)]
    if not present:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return present[0] if len(present) == 1 else pd.concat(present).sort_index(kind="stable")


def gather(runner: Runner, parts: PassageParts) -> pd.DataFrame:
    """Every sketch back in this process, in run order (a load that takes frames)."""
    found = [f for f in runner.gather(parts.parts) if len(f)]
    if not found:
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    return pd.concat(found).sort_index(kind="stable").reset_index(drop=True)


def submit_writes(runner: Runner, parts: list[Any], folder: Path) -> list[Any]:
    """Each partition's sketches as `folder`/bucket=NN/part.parquet, written by its worker
    in the warehouse's form (LAKE_PASSAGE_COLUMNS); the handles give the rows written."""

    def path(i: int) -> str:
        return str(folder / f"bucket={i:02d}" / "part.parquet")

    return [runner.submit(_written, p, path(i)) for i, p in enumerate(parts)]


#: Sketches per row group of a lake file: the load's Parquet reader holds a row group's
#: column whole, and a source partition's ~20,000 sketches of 256 BIGINTs in one row group
#: (~40 MiB) failed the load under its 128MB at 40,000 pages' worth (issue 19, "dask20").
SKETCH_ROW_GROUP = 2048


def _written(part: pd.DataFrame, path: str) -> int:
    return write_part(lake_rows(part), path, row_group_rows=SKETCH_ROW_GROUP)


def lake_rows(part: pd.DataFrame) -> pd.DataFrame:
    """Sketches as the lake and the warehouse hold them: hashes as int64 (BIGINT[]), the
    quotes as two lists."""
    quotes = part["quotes"].tolist()
    return pd.DataFrame(
        {
            "source": part["source"].astype(str).to_numpy(dtype=object),
            "sketch": [_signed(s) for s in part["sketch"].tolist()],
            "shingles": part["shingles"].astype(np.int64).to_numpy(),
            "quote_hashes": [_signed([h for h, _ in q]) for q in quotes],
            "quote_texts": [[str(t) for _, t in q] for q in quotes],
        },
        columns=LAKE_PASSAGE_COLUMNS,
    )


def _signed(values: object) -> np.ndarray:
    return np.asarray(values, dtype=np.uint64).view(np.int64)
