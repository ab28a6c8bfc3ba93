"""Findings left on the workers (crosscheck.dask_findings): capped, numbered, annotated and
given their root causes by partition, they are the one-process findings row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crosscheck.checks.findings import Finding
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import read_file
from crosscheck.reconcile.duplicates import TextCopy

from crosscheck.batches import PreparedBatch
from crosscheck.contracts import FINDING_COLUMNS, FindingKind
from crosscheck.dask_shuffle import InProcess
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    StageTimer,
    _vocabulary,
    analyze_snapshots,
    check_and_reconcile,
)
from tests.engine_results import seeds_and_examples
from tests.test_dask_partitions import JOINT, _config, _latency_page


def _left(
    expected: Analysis,
    config: RunConfig,
    partitions: int,
    runner: InProcess | None = None,
    kept: dict[str, list[Any]] | None = None,
) -> pd.DataFrame:
    """The findings a partitioned run leaves on its runner for the lake, gathered (`kept`:
    receives every partition left for the lake)."""
    batch = PreparedBatch(
        expected.pages, expected.claims, expected.facts, expected.quarantine, expected.passages
    )
    kept = {} if kept is None else kept
    got = check_and_reconcile(
        [batch], _vocabulary(config), config, StageTimer(),
        runner=runner or InProcess(partitions),
        kept=kept, gather_facts=False,
    )  # fmt: skip
    assert got.findings.empty  # the client holds none of them
    frame = pd.concat(kept["findings"], ignore_index=True)
    assert got.count("findings") == len(frame)
    return frame


def _assert_same(expected: pd.DataFrame, got: pd.DataFrame) -> None:
    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[FINDING_COLUMNS].sort_values("finding_id").reset_index(drop=True)
        frame = frame.astype(object).where(frame.notna(), None)  # NULL in the lake either way
        return frame.assign(claim_ids=frame["claim_ids"].map(list))

    assert got["finding_id"].is_unique
    pd.testing.assert_frame_equal(ordered(expected), ordered(got), check_dtype=False)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, _config(tmp))


@pytest.mark.parametrize("partitions", [1, 3])
def test_findings_left_by_partition_are_the_one_process_findings(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    assert len(small.findings) > 50
    assert small.findings["root_cause"].nunique() < len(small.findings)  # causes shared
    _assert_same(small.findings, _left(small, _config(tmp_path), partitions))


@pytest.mark.parametrize("partitions", [5])
def test_the_cap_left_by_partition_keeps_the_same_findings_and_summary(
    tmp_path: Path, partitions: int
) -> None:
    """Eleven conflicts of one pair of pages in several entity partitions, capped at 3:
    their cap bucket keeps the same three and writes the same summary with the same id."""
    pages = [_latency_page(tmp_path / "a.md", 1), _latency_page(tmp_path / "b.md", 7)]
    config = _config(tmp_path, max_findings_per_page=3)
    store = SnapshotStore(tmp_path / "snapshots")
    expected = analyze_snapshots([read_file(str(p), store) for p in pages], config)
    summary = expected.findings["explanation"].str.startswith("8 more conflict findings on 2")
    assert summary.sum() == 1
    _assert_same(expected.findings, _left(expected, config, partitions))


def test_a_joint_figure_left_by_partition_reads_both_consensuses(tmp_path: Path) -> None:
    page = tmp_path / "joint.txt"
    page.write_text(JOINT, encoding="utf-8")
    config = _config(tmp_path)
    expected = analyze_snapshots([read_file(str(page), SnapshotStore(tmp_path / "s"))], config)
    assert expected.findings["explanation"].str.contains("together").sum() == 1
    _assert_same(expected.findings, _left(expected, config, 7))


def _holds_finding(value: Any) -> bool:
    if isinstance(value, Finding):
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds_finding(v) for v in value)
    return False


class _GathersNoFinding(InProcess):
    """A runner whose client-side gather fails on any `Finding` object."""

    def gather(self, handles: Any) -> list[Any]:
        values = super().gather(handles)
        assert not _holds_finding(values), "the client gathered a Finding"
        return values


def test_the_client_gathers_no_finding_even_the_statements_diff_mismatches(
    small: Analysis, tmp_path: Path
) -> None:
    """The statements read the rules' diff_mismatch findings: a handle on them stacked on
    the runner, never gathered (they were, as `Finding` objects, until dask25)."""
    assert (small.findings["kind"] == FindingKind.DIFF_MISMATCH.value).any()
    got = _left(small, _config(tmp_path), 3, _GathersNoFinding(3))
    _assert_same(small.findings, got)


def _holds_copies(value: Any) -> bool:
    """A copy group, a text copy pair or a near_duplicate finding, anywhere in `value`."""
    if isinstance(value, TextCopy):
        return True
    if isinstance(value, pd.DataFrame):
        if "group_id" in value.columns and len(value):
            return True
        return "kind" in value.columns and (value["kind"] == "near_duplicate").any()
    if isinstance(value, dict):
        return any(str(v).startswith("copy-") for v in value.values())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds_copies(v) for v in value)
    return False


class _GathersNoCopy(InProcess):
    """A runner whose client-side gather fails on copy groups and near_duplicate findings."""

    def gather(self, handles: Any) -> list[Any]:
        values = super().gather(handles)
        assert not _holds_copies(values), "the client gathered copies"
        return values


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    """The seeds and examples, and a verbatim copy of the first seed page (a copy group by
    figures and by text, and one near_duplicate finding)."""
    tmp = tmp_path_factory.mktemp("copied")
    mirror = tmp / "mirror-of-first.txt"
    mirror.write_bytes(seed_files[0].read_bytes())
    return seeds_and_examples(tmp, [*seed_files, mirror], _config(tmp))


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_client_gathers_no_copy_group_and_no_near_duplicate_finding(
    copied: Analysis, tmp_path: Path, partitions: int
) -> None:
    """A lake run leaves the copy groups and near_duplicate findings where the tasks made
    them (crosscheck.dask_copies.KeptCopies): the lake's task gets the groups, the findings
    partitions their near_duplicate findings; both are the one-process run's."""
    assert len(copied.copy_groups) >= 2
    assert (copied.findings["kind"] == FindingKind.NEAR_DUPLICATE.value).sum() >= 1
    kept: dict[str, list[Any]] = {}
    got = _left(copied, _config(tmp_path), partitions, _GathersNoCopy(partitions), kept)
    _assert_same(copied.findings, got)
    [groups] = kept["copies"]
    pd.testing.assert_frame_equal(copied.copy_groups, groups, obj="copy groups")


def _holds_per_source(value: Any, sources: int) -> bool:
    """The source reliability's frame, or a vector of one value per source (the names, the
    claims or the agreeing counts per source), anywhere in `value`."""
    if isinstance(value, pd.DataFrame):
        return "reliability" in value.columns and len(value) > 0
    if isinstance(value, np.ndarray):
        return value.ndim == 1 and len(value) == sources
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds_per_source(v, sources) for v in value)
    return False


class _GathersNoSourceVector(InProcess):
    """A runner whose client-side gather fails on anything of one row or value per source."""

    def __init__(self, partitions: int, sources: int) -> None:
        super().__init__(partitions)
        self.sources = sources

    def gather(self, handles: Any) -> list[Any]:
        values = super().gather(handles)
        assert not _holds_per_source(values, self.sources), "the client gathered per source"
        return values


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_client_gathers_no_source_reliability_in_a_lake_run(
    copied: Analysis, tmp_path: Path, partitions: int
) -> None:
    """A lake run leaves the source names, the rounds' per-source counts and the reliability
    frame on the runner (dask30): the lake's task gets the one-process frame, row for row."""
    sources = len(copied.source_reliability)
    assert sources >= 3 and copied.source_reliability["copy_group"].notna().any()
    kept: dict[str, list[Any]] = {}
    runner = _GathersNoSourceVector(partitions, sources)
    got = _left(copied, _config(tmp_path), partitions, runner, kept)
    _assert_same(copied.findings, got)
    [reliability] = kept["reliability"]
    pd.testing.assert_frame_equal(
        copied.source_reliability.reset_index(drop=True), reliability, obj="source reliability"
    )
