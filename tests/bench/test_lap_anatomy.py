"""The lap anatomy's arithmetic on chunk stamps, and its output digest."""

from __future__ import annotations

import os
from types import SimpleNamespace

import numpy as np
import pandas as pd

from bench.lap_anatomy import _frame_digest, summarize


def _row(pid: int, start: float, end: float, cpu: float) -> dict[str, object]:
    return {
        "pid": pid,
        "pages": 10,
        "start": start,
        "end": end,
        "cpu": cpu,
        "runqueue": 0.5,
        "blocked": 0.1,
        "steps": {"parse": cpu},
    }


def test_busy_gaps_and_idle_tail_per_worker() -> None:
    rows = [_row(1, 1.0, 4.0, 2.5), _row(2, 1.0, 5.0, 3.0), _row(1, 4.5, 9.0, 4.0)]
    times = os.times()
    marks = {"end": 10.0, "threads_end": {}, "rusage_end": times}
    out = summarize(rows, 0.0, marks, {}, times, SimpleNamespace(laps={}))
    one, two = out["workers"]["1"], out["workers"]["2"]
    assert (one["busy_s"], one["gaps_between_chunks_s"], one["idle_tail_s"]) == (7.5, 0.5, 0.0)
    assert (two["busy_s"], two["gaps_between_chunks_s"], two["idle_tail_s"]) == (4.0, 0.0, 4.0)
    assert out["worker_steps_cpu_s"] == {"parse": 9.5}
    assert (out["pages"], out["last_chunk_end_s"], out["after_last_chunk_s"]) == (30, 9.0, 1.0)


def test_frame_digest_sees_every_cell_but_skipped_columns() -> None:
    frame = pd.DataFrame(
        {"a": ["x", "y"], "sketch": [np.array([1, 2], dtype=np.uint64)] * 2, "at": ["t1", "t2"]}
    )
    same = frame.copy()
    same["at"] = ["t3", "t4"]
    changed = frame.copy()
    changed["sketch"] = [np.array([1, 2], dtype=np.uint64), np.array([1, 3], dtype=np.uint64)]
    assert _frame_digest(frame, ("at",)) == _frame_digest(same, ("at",))
    assert _frame_digest(frame) != _frame_digest(same)
    assert _frame_digest(frame, ("at",)) != _frame_digest(changed, ("at",))
