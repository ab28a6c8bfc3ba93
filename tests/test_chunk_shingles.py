"""The local engine's parse tasks make their pages' figure shingles and MinHash signatures
(crosscheck.batches, reconcile.copies.page_shingles): the reconcile lap only puts them
together, and finds the copy groups and consensus a lap that hashed every fact finds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from crosscheck.reconcile import copies

from crosscheck import pipeline
from crosscheck.pipeline import analyze_sources
from tests.engine_results import assert_same_frames, minimal_config
from tests.test_chunk_statements import _pages


def test_two_workers_make_the_shingles_and_the_lap_hashes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`analyze_sources` on 2 forked workers: the shingles are made there (the parse tasks'
    `shingles` CPU), the lap hashes no fact, and every frame equals a run without them."""
    config = replace(minimal_config(tmp_path, workers=2), sources=[str(_pages(tmp_path))])
    monkeypatch.setattr(pipeline, "page_checks_for", lambda vocabulary, config: None)
    unmade, _ = analyze_sources(config)
    assert "shingles" not in unmade.cpu_seconds
    monkeypatch.undo()
    hashed: list[int] = []
    real = copies._shingles

    def counted(facts: pd.DataFrame) -> tuple[np.ndarray, ...]:
        hashed.append(len(facts))  # (the workers count in their own copy of the list)
        return real(facts)

    monkeypatch.setattr(copies, "_shingles", counted)
    made, _ = analyze_sources(config)
    assert made.cpu_seconds["shingles"] > 0
    assert hashed == []  # the lap hashed no fact
    assert made.copy_groups["group_id"].nunique() >= 2  # the copied example pages
    assert_same_frames(unmade, made)  # findings, consensus, reliability, copy groups
