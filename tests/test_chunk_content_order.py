"""The local engine's parse tasks sort their chunks' facts in content order (crosscheck.
batches, checks.run.content_order): the checks lap merges those orders by page hash and
sorts no fact of a page only one chunk holds, with the findings of a lap that sorted all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.checks import run

from crosscheck import pipeline
from crosscheck.pipeline import analyze_sources
from tests.engine_results import assert_same_frames, minimal_config
from tests.test_chunk_statements import _pages


def _distinct_pages(tmp_path: Path) -> Path:
    """`_pages` with each copy's bytes made its own (trailing newlines): one page hash a
    page, so the chunks' orders merge without sorting a row again."""
    folder = _pages(tmp_path)
    for i, page in enumerate(sorted(folder.iterdir())):
        page.write_bytes(page.read_bytes() + b"\n" * (i + 1))
    return folder


def test_two_workers_sort_their_facts_and_the_lap_merges_their_orders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`analyze_sources` on 2 forked workers: the orders are made there (the parse tasks'
    `content_order` CPU), the lap sorts only rows of pages several chunks hold, and every
    frame equals a run whose checks sorted every fact."""
    folder = _distinct_pages(tmp_path)
    config = replace(minimal_config(tmp_path, workers=2), sources=[str(folder)])
    monkeypatch.setattr(pipeline, "page_checks_for", lambda vocabulary, config: None)
    unmade, _ = analyze_sources(config)
    assert "content_order" not in unmade.cpu_seconds
    monkeypatch.undo()
    sorted_rows: list[int] = []
    real = run.content_order

    def counted(facts: pd.DataFrame) -> np.ndarray:
        sorted_rows.append(len(facts))  # (the workers count in their own copy of the list)
        return real(facts)

    monkeypatch.setattr(run, "content_order", counted)
    made, _ = analyze_sources(config)
    assert made.cpu_seconds["content_order"] > 0
    assert sorted_rows == []  # the lap sorted no fact
    assert_same_frames(unmade, made)  # findings, consensus, reliability, copy groups


def test_pages_two_chunks_hold_are_sorted_again_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies of one page (one hash) at several paths, in both chunks: their rows are sorted
    again together, and every frame equals a run whose checks sorted every fact."""
    config = replace(minimal_config(tmp_path, workers=2), sources=[str(_pages(tmp_path))])
    monkeypatch.setattr(pipeline, "page_checks_for", lambda vocabulary, config: None)
    unmade, _ = analyze_sources(config)
    monkeypatch.undo()
    made, _ = analyze_sources(config)
    assert made.cpu_seconds["content_order"] > 0
    assert_same_frames(unmade, made)
