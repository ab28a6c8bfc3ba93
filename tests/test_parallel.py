"""Parsing and normalizing on several processes gives exactly what one process gives, from one
pool per run."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file

from crosscheck.batches import batches_of
from crosscheck.errors import RunFailed
from crosscheck.parallel import MIN_ITEMS_PER_WORKER, WORKER_GC_THRESHOLD, WorkerPool, chunked
from crosscheck.pipeline import Analysis, RunConfig, analyze_snapshots, analyze_sources
from tests.conftest import EXAMPLES_DIR


def test_chunks_keep_order_and_cover_everything() -> None:
    items = list(range(103))
    chunks = chunked(items, 8)
    assert [x for chunk in chunks for x in chunk] == items
    assert max(map(len, chunks)) - min(map(len, chunks)) <= 1


def test_parallel_run_equals_serial_run(tmp_path: Path) -> None:
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    folder = tmp_path / "pages"
    folder.mkdir()
    copies = []
    for i in range(MIN_ITEMS_PER_WORKER * 2 // len(pages) + 2):  # enough to start the pool
        for page in pages:
            target = folder / f"site{i:02d}-{page.name}"
            shutil.copy(page, target)
            copies.append(target)
    store = SnapshotStore(tmp_path / "snapshots")
    snapshots = [read_file(str(p), store) for p in copies]
    serial_config = RunConfig(
        sources=[],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path,
        reference_year=2026,
        workers=1,
    )
    serial = analyze_snapshots(snapshots, serial_config)
    parallel = analyze_snapshots(snapshots, replace(serial_config, workers=2))
    for name in ("pages", "claims", "facts", "quarantine", "findings", "reconciled"):
        pd.testing.assert_frame_equal(
            getattr(serial, name), getattr(parallel, name), check_dtype=False, obj=name
        )
    assert len(serial.findings) > 0 and len(serial.claims) > 1000


def _pids(chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in chunk]


def test_one_pool_serves_a_whole_run_in_order() -> None:
    items = list(range(MIN_ITEMS_PER_WORKER * 3))
    with WorkerPool(2) as pool:
        first = [pair for chunk in pool.map_chunks(_pids, items) for pair in chunk]
        second = [pair for chunk in pool.map_chunks(_pids, items) for pair in chunk]
    assert [item for item, _ in first] == items and [item for item, _ in second] == items
    workers = {pid for _, pid in first} | {pid for _, pid in second}
    assert os.getpid() not in workers
    assert 1 <= len(workers) <= 2  # the same forked workers, not a new pool per call


def test_small_inputs_and_one_worker_stay_in_process() -> None:
    with WorkerPool(2) as pool:
        few = [pair for chunk in pool.map_chunks(_pids, [1, 2, 3]) for pair in chunk]
    with WorkerPool(1) as pool:
        many = [pair for chunk in pool.map_chunks(_pids, list(range(200))) for pair in chunk]
    assert {pid for _, pid in few + many} == {os.getpid()}


def _sites(tmp_path: Path, sites: int = 30) -> tuple[Path, int]:
    """A folder of the example pages copied under `sites` site names, and how many pages."""
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(sites):
        for page in pages:
            shutil.copy(page, folder / f"site{i:02d}-{page.name}")
    return folder, len(pages) * sites


def test_overlapped_batches_equal_one_serial_batch(tmp_path: Path) -> None:
    """Workers parse batch k while the parent normalizes k-1 and reads k+1: same frames."""
    folder, total = _sites(tmp_path)
    serial_config = RunConfig(
        sources=[str(folder)],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path / "snapshots-serial",
        reference_year=2026,
        workers=1,
        batch_pages=1000,
    )
    serial, _ = analyze_sources(serial_config)
    overlapped_config = replace(
        serial_config, workers=2, batch_pages=MIN_ITEMS_PER_WORKER * 2 + 3,
        snapshot_dir=tmp_path / "snapshots-overlapped",
    )  # fmt: skip
    overlapped, stats = analyze_sources(overlapped_config)
    assert stats.read == total
    for name in ("pages", "claims", "facts", "quarantine", "findings", "reconciled"):
        left, right = getattr(serial, name), getattr(overlapped, name)
        if name == "pages":  # fetched_at is the reading time
            left, right = left.drop(columns="fetched_at"), right.drop(columns="fetched_at")
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)
    assert overlapped.cpu_seconds["parse"] > 0 and overlapped.cpu_seconds["normalize"] > 0


class _AheadPool(WorkerPool):
    """A pool that keeps two batches ahead (as DaskPool) and records, at each collection,
    how many batches had been handed to it by then."""

    parse_ahead = 2

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.submitted, self.at_collect = 0, []

    def submit_chunks(self, function, items, *, per_worker=4):  # type: ignore[no-untyped-def]
        pending = super().submit_chunks(function, items, per_worker=per_worker)
        self.submitted += 1
        collect = pending.collect

        def counted(on_chunk=None):  # type: ignore[no-untyped-def]
            self.at_collect.append(self.submitted)
            return collect(on_chunk)

        pending.collect = counted  # type: ignore[method-assign]
        return pending


def test_batches_kept_further_ahead_equal_one_behind(
    fifty_sites: _Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool with `parse_ahead = 2` gets batch k+1 before the run collects batch k-1 (the
    Dask engine's summaries come back one batch late); the frames are the same."""
    import crosscheck.pipeline as pipeline

    config, behind, total = fifty_sites.config, fifty_sites.analysis, fifty_sites.total
    pools: list[_AheadPool] = []

    def ahead_pool(config: RunConfig, normalizer: object, checks: object = None) -> WorkerPool:
        pools.append(_AheadPool(config.workers))
        return pools[-1]

    monkeypatch.setattr(pipeline, "engine_pool", ahead_pool)
    ahead, stats = analyze_sources(replace(config, snapshot_dir=tmp_path / "snapshots-ahead"))
    batches = -(-total // config.batch_pages)
    assert stats.read == total and batches >= 4
    # collected k-1 once k+1 was handed over; the last two after the last was handed over
    assert pools[0].at_collect == [*range(3, batches + 1), batches, batches]
    _assert_same_frames(behind, ahead)


def test_batches_of_says_which_batch_is_the_last() -> None:
    assert list(batches_of(iter(range(7)), 3)) == [
        ([0, 1, 2], False),
        ([3, 4, 5], False),
        ([6], True),
    ]
    assert list(batches_of(iter(range(6)), 3)) == [([0, 1, 2], False), ([3, 4, 5], True)]
    assert list(batches_of(iter(range(2)), 3)) == [([0, 1], True)]
    assert list(batches_of(iter([]), 3)) == []


class _CutPool(WorkerPool):
    """A pool that records the chunks per worker each batch was cut into."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.cuts: list[int] = []

    def submit_chunks(self, function, items, *, per_worker=4):  # type: ignore[no-untyped-def]
        self.cuts.append(per_worker)
        return super().submit_chunks(function, items, per_worker=per_worker)


@dataclass(frozen=True)
class _Baseline:
    """One run of the default pool (workers=2, small batches) over 50 copies of the example
    pages, shared by the tests that compare another pool's run with it."""

    config: RunConfig
    analysis: Analysis
    total: int
    read: int
    cuts: list[int]


@pytest.fixture(scope="module")
def fifty_sites(tmp_path_factory: pytest.TempPathFactory) -> _Baseline:
    """The default run, made once a module (it was made twice, once a test): a _CutPool only
    records each batch's cut and otherwise is the default WorkerPool."""
    import crosscheck.pipeline as pipeline

    tmp = tmp_path_factory.mktemp("fifty")
    folder, total = _sites(tmp, 50)
    config = RunConfig(
        sources=[str(folder)],
        db_path=tmp / "x.duckdb",
        snapshot_dir=tmp / "snapshots-default",
        reference_year=2026,
        workers=2,
        batch_pages=MIN_ITEMS_PER_WORKER * 2 + 3,
    )
    pools: list[_CutPool] = []

    def cut_pool(config: RunConfig, normalizer: object, checks: object = None) -> WorkerPool:
        pools.append(_CutPool(config.workers))
        return pools[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "engine_pool", cut_pool)
        analysis, stats = analyze_sources(config)
    [pool] = pools
    return _Baseline(config, analysis, total, stats.read, pool.cuts)


def _assert_same_frames(left_run: Analysis, right_run: Analysis) -> None:
    for name in ("pages", "claims", "facts", "quarantine", "findings", "reconciled"):
        left, right = getattr(left_run, name), getattr(right_run, name)
        if name == "pages":  # fetched_at is the reading time
            left, right = left.drop(columns="fetched_at"), right.drop(columns="fetched_at")
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)


def test_only_the_runs_last_batch_is_cut_finer(
    fifty_sites: _Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last batch goes to the workers in smaller chunks (no worker idles long at the
    end of the lap), the others in one chunk per worker; the frames are the same either way."""
    import crosscheck.pipeline as pipeline

    config, finer, total = fifty_sites.config, fifty_sites.analysis, fifty_sites.total
    pools: list[_CutPool] = []

    def cut_pool(config: RunConfig, normalizer: object, checks: object = None) -> WorkerPool:
        pools.append(_CutPool(config.workers))
        return pools[-1]

    monkeypatch.setattr(pipeline, "engine_pool", cut_pool)
    monkeypatch.setattr(_CutPool, "tail_chunks_per_worker", 1)
    coarse, _ = analyze_sources(replace(config, snapshot_dir=tmp_path / "snapshots-coarse"))
    batches = -(-total // config.batch_pages)
    assert fifty_sites.read == total and batches >= 3
    assert fifty_sites.cuts == [1] * (batches - 1) + [WorkerPool.tail_chunks_per_worker]
    assert WorkerPool.tail_chunks_per_worker > 1 and pools[0].cuts == [1] * batches
    _assert_same_frames(coarse, finer)


_STATE: dict[str, str] = {}


def _remember(value: str) -> None:
    _STATE["value"] = value


def _state_of(chunk: Sequence[int]) -> list[tuple[str | None, int]]:
    return [(_STATE.get("value"), os.getpid())] * len(chunk)


def test_the_initializer_reaches_every_worker_and_the_parent() -> None:
    _STATE.clear()
    with WorkerPool(2, initializer=_remember, initargs=("run state",)) as pool:
        assert _STATE == {"value": "run state"}  # small inputs run here
        results = pool.map_chunks(_state_of, list(range(MIN_ITEMS_PER_WORKER * 3)))
    seen = [pair for chunk in results for pair in chunk]
    assert {value for value, _ in seen} == {"run state"}
    assert os.getpid() not in {pid for _, pid in seen}


def _collector_of(chunk: Sequence[int]) -> list[tuple[int, int, int]]:
    return [(gc.get_threshold()[0], gc.get_freeze_count(), os.getpid())] * len(chunk)


def test_workers_collect_cycles_less_often_than_the_parent() -> None:
    parent = gc.get_threshold()
    with WorkerPool(2) as pool:
        results = pool.map_chunks(_collector_of, list(range(MIN_ITEMS_PER_WORKER * 3)))
    seen = [row for chunk in results for row in chunk]
    assert {threshold for threshold, _, _ in seen} == {WORKER_GC_THRESHOLD}
    assert all(frozen > 0 for _, frozen, _ in seen)  # what a worker inherits is frozen
    assert os.getpid() not in {pid for _, _, pid in seen}
    assert gc.get_threshold() == parent  # the parent keeps the interpreter's own setting


def _die(chunk: Sequence[object]) -> None:
    os._exit(3)  # what the OOM killer or a crash in C code does to a worker


def test_a_worker_that_dies_fails_the_run_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    page = next(p for p in EXAMPLES_DIR.iterdir() if p.suffix == ".md")
    for i in range(MIN_ITEMS_PER_WORKER * 2):
        shutil.copy(page, folder / f"copy{i:03d}.md")
    monkeypatch.setattr("crosscheck.batches.prepare_chunk", _die)
    config = RunConfig(
        sources=[str(folder)],
        db_path=tmp_path / "x.duckdb",
        snapshot_dir=tmp_path / "snapshots",
        workers=2,
    )
    with pytest.raises(RunFailed, match=r"worker process died .* from page 1 of 80"):
        analyze_sources(config)


def _hold_until_deleted(chunk: Sequence[str]) -> int:
    """Report this worker's pid in the flag file, then wait while the file exists."""
    import time

    flag = Path(chunk[0])
    with flag.open("a", encoding="ascii") as out:
        out.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 120
    while flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return os.getpid()


def test_an_aborted_pool_stops_busy_workers_instead_of_waiting_for_them(tmp_path: Path) -> None:
    from tests.run_support import pid_alive

    flag = tmp_path / "busy"
    pool = WorkerPool(2)
    pending = pool.submit_chunks(
        _hold_until_deleted, [str(flag)] * (MIN_ITEMS_PER_WORKER * 2), per_worker=1
    )
    while not flag.exists() or len(flag.read_text().split()) < 2:
        pass
    workers = [int(pid) for pid in flag.read_text().split()]
    pool.close(abort=True)
    assert flag.exists()  # the workers never finished their chunks: they were stopped
    assert not any(pid_alive(pid) for pid in workers)
    del pending
