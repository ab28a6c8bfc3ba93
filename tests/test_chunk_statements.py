"""The local engine's parse tasks read their chunk's comparative statements
(crosscheck.batches): the run's statements are those read from every claim at once, in the
claims' order, and the checks lap reads only the claims of batches whose chunks did not."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from crosscheck.normalize.relations import relations_of_claims

from crosscheck import check_reconcile, check_step, pipeline
from crosscheck.batches import PreparedBatch
from crosscheck.parallel import MIN_ITEMS_PER_WORKER
from crosscheck.pipeline import Analysis, _vocabulary, analyze_sources
from crosscheck.run_types import StageTimer
from tests.conftest import EXAMPLES_DIR
from tests.engine_results import assert_same_frames, minimal_config, seeds_and_examples


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> Analysis:
    tmp = tmp_path_factory.mktemp("small")
    return seeds_and_examples(tmp, seed_files, minimal_config(tmp))


def _pages(tmp_path: Path) -> Path:
    """Enough example pages (copied under other names) for the run to fork its two workers
    (`pipeline._page_checks`: at least MIN_ITEMS_PER_WORKER * 2 pages)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = sorted(p for p in EXAMPLES_DIR.iterdir() if p.is_file())
    for i in range(MIN_ITEMS_PER_WORKER * 2 // len(pages) + 1):
        for page in pages:
            shutil.copy(page, folder / f"site{i:02d}-{page.name}")
    return folder


def test_two_workers_read_the_statements_and_the_lap_reads_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`analyze_sources` on 2 forked workers: the statements are read there (the parse tasks'
    `relations` CPU), the checks lap reads none, and they equal one reading of every claim;
    the findings are those of a run whose parse tasks read no statement."""
    config = replace(minimal_config(tmp_path, workers=2), sources=[str(_pages(tmp_path))])
    monkeypatch.setattr(pipeline, "page_checks_for", lambda vocabulary, config: None)
    unread, _ = analyze_sources(config)
    assert "relations" not in unread.cpu_seconds
    monkeypatch.undo()
    asked: list[int] = []
    real = check_step.relations_of_claims

    def counted(claims: pd.DataFrame, vocabulary: Any) -> pd.DataFrame:
        asked.append(len(claims))
        return real(claims, vocabulary)

    monkeypatch.setattr(check_step, "relations_of_claims", counted)
    read, _ = analyze_sources(config)
    assert read.cpu_seconds["relations"] > 0
    assert asked == [0]  # the lap's reading got no claim
    whole = relations_of_claims(read.claims, _vocabulary(config))
    assert len(whole) > 10
    pd.testing.assert_frame_equal(read.relations.reset_index(drop=True), whole)
    pd.testing.assert_frame_equal(unread.relations.reset_index(drop=True), whole)
    assert_same_frames(unread, read)


def test_batches_after_one_that_read_none_are_read_in_the_lap(
    small: Analysis, tmp_path: Path
) -> None:
    """`check_and_reconcile` uses the statements the leading batches' chunks read; from the
    first batch that carries none (pages read back from the warehouse), every claim is read
    in the lap, so the statements keep the claims' order."""
    config = minimal_config(tmp_path)
    vocabulary = _vocabulary(config)
    sources = small.pages["source"].tolist()
    parts = [sources[:3], sources[3:6], sources[6:]]
    assert all(parts)

    def batch(part: list[str]) -> PreparedBatch:
        def of(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["source"].isin(part)]

        return PreparedBatch(
            of(small.pages), of(small.claims), of(small.facts), of(small.quarantine)
        )

    batches = [batch(part) for part in parts]
    batches[0].relations = relations_of_claims(batches[0].claims, vocabulary)
    batches[2].relations = relations_of_claims(batches[2].claims, vocabulary)  # after one without
    read = check_reconcile.check_and_reconcile(batches, vocabulary, config, StageTimer())
    expected = relations_of_claims(read.claims, vocabulary)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(read.relations.reset_index(drop=True), expected)
