"""Comparative statements left where the parse chunks read them (crosscheck.dask_statements):
their cuts equal the client's cuts of one frame of every statement, and the findings a run
leaves with them equal the one-process findings; the client holds none of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crosscheck.checks.partitioned import statement_pair

from crosscheck.batches import PreparedBatch, PreparedChunk
from crosscheck.common.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    QUARANTINE_COLUMNS,
    RELATION_COLUMNS,
)
from crosscheck.dask_held import HeldFacts, summarize
from crosscheck.dask_partitions import InProcess, buckets
from crosscheck.dask_statements import HeldStatements, cut
from crosscheck.pipeline import Analysis, StageTimer, _vocabulary, check_and_reconcile
from tests.engine_results import seeds_and_examples
from tests.test_dask_findings import _assert_same
from tests.test_dask_partitions import _config


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("statements")
    return seeds_and_examples(tmp, seed_files, _config(tmp))


def _chunk(facts: pd.DataFrame, relations: pd.DataFrame) -> PreparedChunk:
    """A parse chunk that wrote its claims to the lake and read these statements from them."""
    chunk = PreparedChunk(
        [], pd.DataFrame(columns=CLAIM_COLUMNS), facts, pd.DataFrame(columns=QUARANTINE_COLUMNS)
    )
    chunk.relations, chunk.lake_claims = relations, max(1, len(relations))
    return chunk


def _held_batches(analysis: Analysis, pieces: int = 3) -> list[PreparedBatch]:
    """The run as a Dask run with a lake holds it: every chunk's facts and statements left on
    its worker (here the chunk objects are the handles), the page rows with the client."""
    facts, relations = analysis.facts, analysis.relations.reset_index(drop=True)
    fact_cuts = np.array_split(np.arange(len(facts)), pieces)
    relation_cuts = np.array_split(np.arange(len(relations)), pieces)
    batches = []
    for rows, statements in zip(fact_cuts, relation_cuts, strict=True):
        whole = _chunk(facts.iloc[rows].reset_index(drop=True),
                       relations.iloc[statements].reset_index(drop=True))  # fmt: skip
        summary = summarize(whole)
        assert summary.held is not None and summary.relations is not None
        assert summary.relations.empty and summary.held.statements == len(statements)
        summary.held.handle = whole
        empty = pd.DataFrame(columns=FACT_COLUMNS)
        batch = PreparedBatch(analysis.pages.iloc[0:0], analysis.claims.iloc[0:0], empty,
                              analysis.quarantine.iloc[0:0])  # fmt: skip
        batch.held, batch.relations = [summary.held], summary.relations
        batches.append(batch)
    batches[0].pages, batches[0].passages = analysis.pages, analysis.passages
    return batches


@pytest.mark.parametrize("partitions", [1, 3, 5])
def test_statements_cut_where_they_are_equal_the_clients_cut(
    small: Analysis, partitions: int
) -> None:
    relations = small.relations.reset_index(drop=True)
    assert len(relations) > 5
    after = relations.iloc[-2:]  # statements of pages read back: this process holds them
    batches = _held_batches(
        Analysis(**{**small.__dict__, "relations": relations.iloc[:-2]}), pieces=3
    )
    pieces = HeldStatements.pieces_of(HeldFacts.of(batches))
    held = HeldStatements.of(pieces, after)
    assert held is not None and held.total == len(relations) and not pieces
    pairs, pages = cut(InProcess(partitions), held)
    assert held.handles == []  # the chunks may be freed now
    pair_of = buckets(statement_pair(relations), partitions)
    page_of = buckets(relations["source"], partitions)
    expected_pairs = [relations[pair_of == i] for i in range(partitions)]
    expected_pairs = [p for p in expected_pairs if len(p)]
    assert len(pairs) == len(expected_pairs) and held.pair_parts == pairs
    for want, have in zip(expected_pairs, pairs, strict=True):
        pd.testing.assert_frame_equal(want, have)
    for i, have in enumerate(pages):
        want = relations[page_of == i]
        if not len(want):
            assert have is None
        else:
            pd.testing.assert_frame_equal(want, have)


@pytest.mark.parametrize("partitions", [1, 3])
def test_a_run_with_its_statements_left_gives_the_one_process_findings(
    small: Analysis, tmp_path: Path, partitions: int
) -> None:
    config = _config(tmp_path)
    kept: dict[str, list[Any]] = {}
    got = check_and_reconcile(
        _held_batches(small), _vocabulary(config), config, StageTimer(),
        runner=InProcess(partitions), kept=kept, gather_facts=False,
    )  # fmt: skip
    assert got.relations.empty  # the client holds no statement: the lake receives them
    written = pd.concat(kept["statements"])
    assert len(written) == len(small.relations)
    assert set(written["relation_id"]) == set(small.relations["relation_id"])
    assert list(written.columns) == RELATION_COLUMNS
    assert "diff_mismatch" in set(small.findings["kind"])
    _assert_same(small.findings, pd.concat(kept["findings"], ignore_index=True))
