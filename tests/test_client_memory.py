"""What a run's client stops holding once it no longer needs it (issue 19: a client that does
not grow with the corpus): the page list is let go when the last page is handed out, before
the checks, the reconcile and the load, whatever the engine."""

from __future__ import annotations

import gc
import weakref
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from crosscheck.ingest.sources import expand_sources

from crosscheck import pipeline
from crosscheck.pipeline import analyze_sources
from tests.engine_results import minimal_config
from tests.test_chunk_statements import _pages


class _Specs(list[Any]):
    """A list a weak reference can follow (a plain list cannot be weakly referenced)."""


def test_the_page_list_is_let_go_before_the_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """~470 bytes a page (23 MiB at 50,000 pages) held through the checks and the load
    before: the list now lives in the page iterator only, which ends with the last page."""
    config = replace(minimal_config(tmp_path), sources=[str(_pages(tmp_path))])
    lists: list[weakref.ref[_Specs]] = []

    def expand(sources: Any) -> _Specs:
        specs = _Specs(expand_sources(sources))
        lists.append(weakref.ref(specs))
        return specs

    alive: list[bool] = []
    checks = pipeline.check_and_reconcile

    def check(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        alive.append(lists[0]() is not None)
        return checks(*args, **kwargs)

    monkeypatch.setattr(pipeline, "expand_sources", expand)
    monkeypatch.setattr(pipeline, "check_and_reconcile", check)
    analysis, stats = analyze_sources(config)
    assert stats.read > 0 and len(analysis.facts) > 0
    assert alive == [False]
