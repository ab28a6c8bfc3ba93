"""The state the steps of one run share (crosscheck.steps): its identity, timer, what each step
produced, and the short warehouse connections a step opens.

Kept apart from the steps so the run's summary (crosscheck.run_summary) reads it without
importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crosscheck.incremental import History
from crosscheck.parsed_batches import StreamStats
from crosscheck.pipeline import Analysis, RunConfig, StageTimer
from crosscheck.run_types import new_run_id
from crosscheck.warehouse import LoadResult, open_warehouse
from crosscheck.warehouse.history import CarriedRun


@dataclass
class RunState:
    """What the steps of one run share: its identity, its timer and what each step produced."""

    config: RunConfig
    run_id: str = field(default_factory=new_run_id)
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    wait: float = 0.0  # seconds to wait when a reader holds the warehouse at a write
    timer: StageTimer = field(default_factory=StageTimer)
    analysis: Analysis | None = None
    streamed: StreamStats | None = None
    loaded: LoadResult | None = None
    row_started: bool = False
    history: History | None = None  # what the warehouse knows, read at the start
    # where the run's facts and claims go as Parquet (--lake, or a temporary lake for a
    # LocalCluster run: crosscheck.dask_lake), and whether the run removes it at its end
    lake: Path | None = None
    lake_temporary: bool = False
    # the run whose results an unchanged run shares: kept when the analysis is released
    carried: CarriedRun | None = None
    # rows of the claims and facts the load took over from the analysis (hand_over)
    handed_over: dict[str, int] = field(default_factory=dict)

    def writing(self) -> Any:
        """A short read-write connection (the run's row, the load)."""
        return open_warehouse(self.config.db_path, wait=self.wait)

    def reading(self) -> Any:
        """A short read-only connection (the history read before parsing), so analysts'
        queries and notebooks work while the run fetches and parses."""
        return open_warehouse(self.config.db_path, read_only=True, wait=self.wait)


def with_reader(state: RunState, read: Callable[[Any], Any]) -> Any:
    con = state.reading()
    try:
        return read(con)
    finally:
        con.close()
