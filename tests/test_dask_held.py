"""Facts left where the parse chunks made them (crosscheck.dask_held) give the run's results:
partitions cut from the pieces equal those cut from every fact in one frame, and checks and
reconcile over them equal the one-process run, stored facts of other sources included."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crosscheck.batches import PreparedBatch, PreparedChunk
from crosscheck.common.contracts import CLAIM_COLUMNS, FACT_COLUMNS, QUARANTINE_COLUMNS
from crosscheck.dask_held import HeldFacts, bucket_rows, cut, summarize
from crosscheck.dask_shuffle import InProcess, split
from crosscheck.pipeline import (
    Analysis,
    RunConfig,
    StageTimer,
    _vocabulary,
    check_and_reconcile,
)
from tests.engine_results import FRAMES, assert_same_frames, seeds_and_examples


def _config(tmp_path: Path) -> RunConfig:
    return RunConfig(
        sources=[], db_path=tmp_path / "x.duckdb", snapshot_dir=tmp_path, reference_year=2026
    )


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("held")
    return seeds_and_examples(tmp, seed_files, _config(tmp))


def _chunk(facts: pd.DataFrame) -> PreparedChunk:
    empty = pd.DataFrame(columns=CLAIM_COLUMNS)
    return PreparedChunk([], empty, facts, pd.DataFrame(columns=QUARANTINE_COLUMNS))


def _held_batches(analysis: Analysis) -> list[PreparedBatch]:
    """The run's facts as a Dask run holds them: two batches of chunks left on the workers
    (here: the chunk objects themselves are the handles) around a batch of facts this
    process holds (pages reused from the warehouse)."""
    facts = analysis.facts
    cuts = np.array_split(np.arange(len(facts)), 5)
    pieces = [facts.iloc[c].reset_index(drop=True) for c in cuts]
    batches = []
    for index, part in enumerate(pieces):
        empty = pd.DataFrame(columns=FACT_COLUMNS)
        if index == 2:
            batches.append(PreparedBatch(analysis.pages.iloc[0:0], analysis.claims.iloc[0:0],
                                         part, analysis.quarantine.iloc[0:0]))  # fmt: skip
            continue
        whole = _chunk(part)
        summary = summarize(whole)
        assert summary.facts.empty and summary.held is not None
        assert summary.held.rows == len(part)
        summary.held.handle = whole
        batch = PreparedBatch(analysis.pages.iloc[0:0], analysis.claims.iloc[0:0], empty,
                              analysis.quarantine.iloc[0:0])  # fmt: skip
        batch.held = [summary.held]
        batches.append(batch)
    first = batches[0]
    first.pages, first.claims, first.quarantine = (
        analysis.pages, analysis.claims, analysis.quarantine)  # fmt: skip
    first.passages = analysis.passages
    return batches


def _assert_same(expected: Analysis, got: Analysis) -> None:
    assert_same_frames(expected, got, (*FRAMES, "facts"), check_dtype=True)


@pytest.mark.parametrize("partitions", [1, 3, 4])
def test_held_facts_give_the_one_process_results(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    config = _config(tmp_path)
    got = check_and_reconcile(
        _held_batches(small),
        _vocabulary(config),
        config,
        StageTimer(),
        runner=InProcess(partitions),
    )
    assert {"conflict", "identical_columns", "diff_mismatch"} <= set(got.findings["kind"])
    _assert_same(small, got)


def test_held_facts_with_stored_facts_of_sources_not_read(small: Analysis, tmp_path: Path) -> None:
    stored = small.facts.assign(source=small.facts["source"] + "#stored").iloc[::2]
    flags = frozenset(small.findings["claim_ids"].iloc[0])
    seen: list[set[str]] = []

    def context(read: set[str], entities: set[str]) -> tuple[pd.DataFrame, frozenset[str]]:
        seen.append(entities)
        return stored.reset_index(drop=True), flags

    config = _config(tmp_path)
    batch = PreparedBatch(small.pages, small.claims, small.facts, small.quarantine, small.passages)
    expected = check_and_reconcile([batch], _vocabulary(config), config, StageTimer(), context)
    got = check_and_reconcile(
        _held_batches(small),
        _vocabulary(config),
        config,
        StageTimer(),
        context,
        runner=InProcess(3),
    )
    assert seen[0] == seen[1] == set(small.facts["entity"].dropna())
    assert len(got.source_reliability) > len(small.source_reliability)
    _assert_same(expected, got)


def test_a_cut_from_pieces_equals_the_cut_of_the_whole_frame_types_included() -> None:
    """A chunk whose optional column is empty (all None: object) and one where it holds
    numbers (float) resolve to the types of the stacked frame, as one frame would."""
    base = {c: ["x", "y", "z"] for c in FACT_COLUMNS}
    one = pd.DataFrame(base).assign(value=[1.0, 2.0, 3.0], source=["a", "b", "c"])
    two = pd.DataFrame(base).assign(value=[None, None, None], source=["c", "a", "d"])
    held = HeldFacts.of(
        [_batch_of(summarize(_chunk(one)), one), _batch_of(summarize(_chunk(two)), two)]
    )
    assert held is not None and held.rows == 6
    whole = pd.concat([one, two], ignore_index=True)[FACT_COLUMNS]
    expected = list(split(whole, "source", 3))
    got = cut(InProcess(3), held, "source")
    assert all(p.handle is None for p in held.pieces)  # the chunks may be freed now
    for want, have in zip(expected, got, strict=True):
        pd.testing.assert_frame_equal(want, have)
    empty = bucket_rows(0, 3, "source", [0], held.dtypes(), _chunk(one.iloc[0:0]))
    assert list(empty.columns) == FACT_COLUMNS and empty.empty


def _batch_of(summary: PreparedChunk, facts: pd.DataFrame) -> PreparedBatch:
    assert summary.held is not None
    summary.held.handle = _chunk(facts)
    batch = PreparedBatch(pd.DataFrame(), pd.DataFrame(), summary.facts, pd.DataFrame())
    batch.held = [summary.held]
    return batch
