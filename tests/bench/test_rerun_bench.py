"""bench.rerun: the one-changed-page measurement changes one figure, re-runs, and puts the
page's bytes back; no timing is asserted."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.rerun import _changed, measure_changed_page
from crosscheck.pipeline import RunConfig, run_pipeline
from tests.conftest import EXAMPLES_DIR


def test_changed_moves_one_digit_and_keeps_the_length() -> None:
    body = b"<td>Flask</td><td>68,400 stars</td><td>12 ms</td>"
    changed = _changed(body)
    assert len(changed) == len(body) and changed != body
    assert changed.replace(b"13 ms", b"12 ms") == body


def test_changed_page_run_reparses_one_page_and_restores_it(tmp_path: Path) -> None:
    corpus = tmp_path / "pages"
    shutil.copytree(EXAMPLES_DIR, corpus)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    config = RunConfig(
        sources=[str(corpus)],
        db_path=tmp_path / "w.duckdb",
        snapshot_dir=tmp_path / "snapshots",
        reference_year=2026,
        workers=1,
    )
    run_pipeline(config)
    result = measure_changed_page(config, corpus, full_s=10.0)
    assert result["pages_unchanged"] == len(before) - 1  # exactly one page was parsed again
    assert result["share_of_full"] == round(result["total_s"] / 10.0, 4)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
