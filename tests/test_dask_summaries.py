"""The Dask client keeps of each chunk's summary only what no earlier chunk brought
(crosscheck.dask_summaries): the run's entity names and its facts' column types, read from
the pieces, are those of the summaries as they arrived."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crosscheck.batches import PreparedChunk
from crosscheck.common.contracts import CLAIM_COLUMNS, FACT_COLUMNS, QUARANTINE_COLUMNS
from crosscheck.dask_held import HeldFacts, summarize
from crosscheck.dask_summaries import ChunkSummaries


def _facts(
    entities: list[str | None], low: list[float | None], unit: list[str | None]
) -> pd.DataFrame:
    rows = len(entities)
    frame = pd.DataFrame({c: [f"{c}-{i}" for i in range(rows)] for c in FACT_COLUMNS})
    frame["entity"] = entities
    frame["low"] = low
    frame["unit"] = unit
    frame["value_start"] = np.arange(rows, dtype=np.int64)
    return frame


def _summaries() -> list[PreparedChunk]:
    """Chunks whose names overlap and whose first rows differ in type and in missing values:
    a float `low` and an all-missing one, a unit and none, an integer `value_start` and a
    float one, and a chunk without facts."""
    frames = [
        _facts(["Redis", "Memcached", None], [1.0, 2.0, 3.0], ["ms", "ms", None]),
        _facts(["Redis", "KeyDB"], [None, 5.0], [None, "ms"]),
        _facts(["Memcached", "Redis"], [4.0, 1.0], ["ms", "s"]),
        _facts(["KeyDB", "Dragonfly"], [None, None], ["ms", "ms"]),
        _facts([], [], []),
        _facts(["Garnet"], [7.5], ["ms"]).assign(value_start=[np.nan]),
    ]
    empty = pd.DataFrame(columns=CLAIM_COLUMNS)
    quarantine = pd.DataFrame(columns=QUARANTINE_COLUMNS)
    return [summarize(PreparedChunk([], empty, f, quarantine)) for f in frames]


def test_kept_summaries_give_the_same_names_and_column_types() -> None:
    as_sent = [c.held for c in _summaries()]
    kept_chunks = _summaries()
    summaries = ChunkSummaries()
    for chunk in kept_chunks:
        summaries.keep(chunk.held)
    kept = [c.held for c in kept_chunks]
    before, after = HeldFacts(as_sent), HeldFacts(as_sent[:0] + kept)
    assert after.entities == before.entities == {
        "Redis", "Memcached", "KeyDB", "Dragonfly", "Garnet"
    }  # fmt: skip
    assert after.dtypes() == before.dtypes()
    assert before.dtypes()["value_start"] == np.float64
    # each name is held once, by the first chunk that named it
    assert sum(len(p.entities) for p in kept) == 5
    assert sum(len(p.entities) for p in as_sent) == 9
    # samples alike in types and missing values are one frame; the others stay
    distinct = {id(p.sample) for p in kept if p.rows}
    assert len(distinct) == 4 < len([p for p in kept if p.rows]) == 5
