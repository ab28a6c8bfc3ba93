"""bench.parse_sample: a sampled profile of the parse and the name finder's reads a page."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from crosscheck.ingest import entities, parse

from bench.parse_sample import main

_PAGE = "Flask vs FastAPI\n\nFlask serves {a} requests per second; FastAPI serves 9,000.\n"


def test_reads_are_counted_and_the_parse_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, figure in (("a.md", "4,000"), ("b.md", "5,000"), ("c.md", "6,000")):
        (tmp_path / name).write_text(_PAGE.format(a=figure), encoding="utf-8")
    find, budget = entities.EntityFinder._find, parse.parse_time_limit
    assert main([str(tmp_path), "--pages", "2", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "pages=2" in out and "-- self" in out and "-- cumulative" in out
    assert "texts read a page" in out
    assert entities.EntityFinder._find is find and parse.parse_time_limit is budget
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
