"""The local engine's checks on its forked workers (engines.PoolRunner) give exactly what one
process gives, and run on the workers only for a full run large enough to pay for it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crosscheck import engines
from crosscheck.batches import PreparedBatch
from crosscheck.dask_checks import REMOTE_CHECK_TASKS
from crosscheck.engines import (
    MIN_FACTS_FOR_POOL_CHECKS,
    DaskPool,
    NormalizerSpec,
    PoolRunner,
    local_checks_runner,
)
from crosscheck.parallel import MIN_ITEMS_PER_WORKER, WorkerPool
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    StageTimer,
    _vocabulary,
    analyze_sources,
    check_and_reconcile,
)
from tests.conftest import EXAMPLES_DIR
from tests.engine_results import assert_same_frames, minimal_config, seeds_and_examples


class CountingPool(WorkerPool):
    """A WorkerPool that counts the tasks it hands to its workers."""

    submitted: ClassVar[list[str]] = []

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        CountingPool.submitted.append(function.__name__)
        return super().submit(function, *args)


def _config(tmp_path: Path, workers: int = 2) -> RunConfig:
    return minimal_config(tmp_path, workers)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, _config(tmp, workers=1))


@pytest.mark.parametrize("partitions", [2, 4])
def test_checks_on_the_workers_equal_the_one_process_checks(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    """The seeds and example pages checked on 2 forked workers: the same findings (ids,
    severities, explanations, root causes), consensus and copy groups."""
    config = _config(tmp_path)
    batch = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine, small.passages)
    CountingPool.submitted = []
    with CountingPool(2) as pool:
        local = PoolRunner(pool.start(), partitions, REMOTE_CHECK_TASKS)
        got = check_and_reconcile([batch], _vocabulary(config), config, StageTimer(), local=local)
    # one task per partition of each cut (page, entity, metric) went to a worker, and the
    # statements' tasks (pairs of entities, chains by page)
    assert CountingPool.submitted.count("check_page_partition") == partitions
    assert CountingPool.submitted.count("check_partition") == 2 * partitions
    assert {"relations_task", "check_chains"} <= set(CountingPool.submitted)
    assert {"conflict", "identical_columns", "diff_mismatch", "relation_mismatch"} <= set(
        got.findings["kind"]
    )
    assert_same_frames(small, got)


def test_workers_check_only_a_local_run_large_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = WorkerPool(2)
    if MIN_FACTS_FOR_POOL_CHECKS is None:  # off by default (measured slower)
        assert local_checks_runner(pool, 10**9) is None
    monkeypatch.setattr(engines, "MIN_FACTS_FOR_POOL_CHECKS", 20_000)
    assert local_checks_runner(pool, 19_999) is None
    runner = local_checks_runner(pool, 20_000)
    assert runner is not None and runner.pool is pool and runner.partitions == 4
    assert local_checks_runner(WorkerPool(1), 10**9) is None
    dask = DaskPool(2, NormalizerSpec())  # not started: the Dask engine has its own runner
    assert local_checks_runner(dask, 10**9) is None


def test_a_streamed_run_checks_on_its_workers_with_the_serial_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`analyze_sources` (what `crosscheck run` uses) keeps its pool for the checks and gives
    the findings of a one-process run (threshold lowered so the example pages reach it)."""
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(MIN_ITEMS_PER_WORKER * 2 // len(pages) + 2):  # enough to start the pool
        for page in pages:
            shutil.copy(page, folder / f"site{i:02d}-{page.name}")
    serial_config = replace(_config(tmp_path, workers=1), sources=[str(folder)])
    serial, _ = analyze_sources(serial_config)
    monkeypatch.setattr(engines, "MIN_FACTS_FOR_POOL_CHECKS", 0)
    submit = WorkerPool.submit
    calls: list[str] = []

    def counted(self: WorkerPool, function: Callable[..., Any], *args: Any) -> Future[Any]:
        calls.append(function.__name__)
        return submit(self, function, *args)

    monkeypatch.setattr(WorkerPool, "submit", counted)
    parallel, _ = analyze_sources(replace(serial_config, workers=2))
    # one task per partition of the page cut, the entity cut and the metric cut
    assert calls.count("check_page_partition") == 2 * engines.PARTITIONS_PER_WORKER
    assert calls.count("check_partition") == 2 * 2 * engines.PARTITIONS_PER_WORKER
    assert len(serial.findings) > 100
    assert_same_frames(serial, parallel)
