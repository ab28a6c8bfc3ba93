"""What a run's client stops holding once it no longer needs it (issue 19: a client that does
not grow with the corpus): no page list is held, the pages are handed out as the folder walk
lists them, whatever the engine."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from crosscheck.ingest.sources import iter_sources

from crosscheck import pipeline
from crosscheck.pipeline import analyze_sources
from tests.engine_results import minimal_config
from tests.test_chunk_statements import _pages


def test_the_pages_are_handed_out_as_the_walk_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """~470 bytes a page (21.5 MiB at 50,000 pages) held through the parse, and through the
    checks and the load before that: the run now counts its pages in one walk and hands them
    out from another as it lists them (ingest.source_walk), so no page's SourceSpec outlives
    its hand-out, and none is left when the checks begin."""
    config = replace(minimal_config(tmp_path), sources=[str(_pages(tmp_path))])
    handed: list[weakref.ref[Any]] = []
    most_alive: list[int] = []

    def walk(sources: Any) -> Iterator[Any]:
        for spec in iter_sources(sources):
            gc.collect()
            most_alive.append(sum(ref() is not None for ref in handed))
            handed.append(weakref.ref(spec))
            yield spec

    alive: list[int] = []
    checks = pipeline.check_and_reconcile

    def check(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        alive.append(sum(ref() is not None for ref in handed))
        return checks(*args, **kwargs)

    monkeypatch.setattr(pipeline, "iter_sources", walk)
    monkeypatch.setattr(pipeline, "check_and_reconcile", check)
    analysis, stats = analyze_sources(config)
    assert stats.read == len(handed) > 2 and len(analysis.facts) > 0
    assert max(most_alive) <= 1  # the page being handed out, at most: no list of them
    assert alive == [0]
